"""Organisation writes: renaming and retiring units, roles, the April rotation."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Assignment, Department, Role, Section, forget_roles

# The rotation's data and its read of who holds what live beside the models,
# so that the staff list's checks (which write nothing) use them too.
from ..models.organisation import RotationChange, holders_in

# Organisation ------------------------------------------------------------


@transaction.atomic
def rename_section(section: Section, *, name: str, from_year: int, by) -> Section:
    """Rename a section from a fiscal year on; earlier years keep the old name.

    A section that already existed before ``from_year`` is retired and
    continued by a new row (its successor), which takes over its DXer from
    ``from_year``. A section that only starts in ``from_year`` is renamed in
    place: no year ever showed the old name.
    """
    section = Section.objects.select_for_update().get(pk=section.pk)
    if section.retired_from is not None:
        raise ValidationError(_("A retired section cannot be renamed."))
    if section.active_from is not None and section.active_from >= from_year:
        section.name = name
        section.full_clean()
        section.save(update_fields=["name"])
        return section
    successor = Section(
        department=section.department,
        name=name,
        code=section.code,
        display_order=section.display_order,
        is_dx_office=section.is_dx_office,
        active_from=from_year,
        predecessor=section,
    )
    section.retired_from = from_year
    section.save(update_fields=["retired_from"])
    successor.full_clean()
    successor.save()
    for assignment in Assignment.objects.filter(section=section).active_in(from_year):
        _move_assignment(assignment, from_year=from_year, section=successor, by=by)
    return successor


def _move_assignment(assignment: Assignment, *, from_year: int, section, by) -> None:
    Assignment.objects.create(
        user=assignment.user,
        role=assignment.role,
        section=section,
        start_year=from_year,
        end_year=assignment.end_year,
        created_by=by,
    )
    _end_before(assignment, from_year)
    forget_roles(assignment.user)


@transaction.atomic
def retire_unit(unit: Section | Department, *, from_year: int) -> None:
    """Retire a section or department from a fiscal year on (it is never deleted)."""
    if unit.retired_from is not None:
        raise ValidationError(_("It is already retired."))
    if unit.active_from is not None and from_year <= unit.active_from:
        raise ValidationError(_("It must be retired after the year it starts."))
    if isinstance(unit, Department) and (
        unit.sections.filter(retired_from__isnull=True).exists()
    ):
        raise ValidationError(
            _("Retire or move its sections first: a department keeps its sections.")
        )
    unit.retired_from = from_year
    unit.save(update_fields=["retired_from"])
    for assignment in Assignment.objects.filter(
        **{unit._meta.model_name: unit}
    ).active_in(from_year):
        _end_before(assignment, from_year)


def _end_before(assignment: Assignment, year: int) -> None:
    """End an assignment before ``year``; one that would only start then never was."""
    if assignment.start_year >= year:
        assignment.delete()
    else:
        assignment.end_year = year - 1
        assignment.save(update_fields=["end_year"])


# Assignments -------------------------------------------------------------


@transaction.atomic
def assign_role(
    *,
    user,
    role: str,
    start_year: int,
    by,
    section: Section | None = None,
    department: Department | None = None,
    end_year: int | None = None,
    appointed_on: date | None = None,
    ended_on: date | None = None,
) -> Assignment:
    """Give a person a role; refuse a second DXer or head for the same years.

    The appointment's dates default to 1 April of ``start_year`` and 31 March
    after ``end_year``.
    """
    assignment = Assignment(
        user=user,
        role=role,
        section=section if role == Role.DXER else None,
        department=department if role == Role.HEAD else None,
        start_year=start_year,
        end_year=end_year,
        appointed_on=appointed_on,
        ended_on=ended_on,
        created_by=by,
    )
    assignment.full_clean()
    assignment.save()
    forget_roles(user)
    return assignment


@transaction.atomic
def end_assignment(assignment: Assignment, *, last_year: int) -> None:
    """End a role after ``last_year`` (the person keeps it until then)."""
    if last_year < assignment.start_year - 1:
        raise ValidationError(_("The role cannot end before it starts."))
    _end_before(assignment, last_year + 1)
    forget_roles(assignment.user)


@transaction.atomic
def apply_rotation(*, year: int, changes: list[RotationChange], by) -> int:
    """Carry out an April rotation for fiscal ``year`` in one transaction.

    The outgoing person's role ends with the previous year, so past years
    keep showing who was responsible; the incoming one starts in ``year``.
    Returns the number of units whose holder changed.
    """
    dxers, heads = holders_in(year)
    for change in changes:
        current = (dxers if change.role == Role.DXER else heads).get(change.unit.pk)
        if current is not None:
            _end_before(current, year)
            forget_roles(current.user)
        if change.after is not None:
            assign_role(
                user=change.after,
                role=change.role,
                section=change.unit if change.role == Role.DXER else None,
                department=change.unit if change.role == Role.HEAD else None,
                start_year=year,
                by=by,
            )
    return len(changes)
