"""The city office's organisation and who holds which role in which year.

Departments (部) and sections (課) are never deleted while anything refers to
them: a reorganisation retires a unit from a fiscal year on, and a renamed
section is a new row that names its predecessor, so past years keep showing
the organisation they had.

Roles are assignments that carry the fiscal years they start and end in, so
that an April rotation hands a section to its new DXer while last year still
shows who was responsible then.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from iruma_dx.lib.fiscal import (
    fiscal_year_bounds,
    fiscal_year_label,
    fiscal_year_of,
    validate_fiscal_year,
)

from .people import User
from .years import fiscal_year_today

if TYPE_CHECKING:
    from .roles import Roles


def _active_in(year: int) -> Q:
    return (Q(active_from__isnull=True) | Q(active_from__lte=year)) & (
        Q(retired_from__isnull=True) | Q(retired_from__gt=year)
    )


class OrgUnitQuerySet(models.QuerySet):
    def active_in(self, year: int) -> OrgUnitQuerySet:
        """Filter to units that exist in fiscal ``year``."""
        return self.filter(_active_in(year))

    def with_sections(self, year: int) -> OrgUnitQuerySet:
        """Departments with their sections of ``year`` as ``year_sections``,
        each unit with its holder that year (three queries)."""
        sections = Section.objects.active_in(year).with_holders(year)
        return self.with_holders(year).prefetch_related(
            models.Prefetch("sections", queryset=sections, to_attr="year_sections")
        )

    def with_holders(self, year: int) -> OrgUnitQuerySet:
        """Prefetch the assignments held in ``year`` as ``holders`` (one query)."""
        return self.prefetch_related(
            models.Prefetch(
                "assignments",
                queryset=Assignment.objects.active_in(year).select_related("user"),
                to_attr="holders",
            )
        )


class DepartmentQuerySet(OrgUnitQuerySet):
    def reviewable_by(self, roles: Roles) -> DepartmentQuerySet:
        """Departments whose work ``roles`` oversees: all for the DX office,
        their own for a head."""
        if roles.is_dx_office:
            return self
        return self.filter(pk__in=roles.department_ids)


class SectionQuerySet(OrgUnitQuerySet):
    def of_dxer(self, roles: Roles) -> SectionQuerySet:
        """The sections ``roles`` is DXer of, with their departments."""
        return self.filter(pk__in=roles.section_ids).select_related("department")

    def reviewable_by(self, roles: Roles) -> SectionQuerySet:
        """The sections of the departments ``roles`` heads (all for the DX office)."""
        if roles.is_dx_office:
            return self
        return self.filter(department_id__in=roles.department_ids)


class OrgUnit(models.Model):
    """What departments and sections share: a name, a code, a life span."""

    name = models.CharField(_("name"), max_length=100)
    code = models.CharField(
        _("code"),
        max_length=20,
        help_text=_("A short code that stays the same, e.g. the budget code."),
    )
    display_order = models.PositiveIntegerField(_("display order"), default=0)
    active_from = models.PositiveSmallIntegerField(
        _("exists from fiscal year"),
        null=True,
        blank=True,
        validators=[validate_fiscal_year],
    )
    retired_from = models.PositiveSmallIntegerField(
        _("retired from fiscal year"),
        null=True,
        blank=True,
        validators=[validate_fiscal_year],
        help_text=_("The first fiscal year in which it no longer exists."),
    )

    class Meta:
        abstract = True
        ordering = ["display_order", "code"]

    def __str__(self) -> str:
        return self.name

    def is_active_in(self, year: int) -> bool:
        """Does the unit exist in fiscal ``year``? (``active_in``, for one unit.)"""
        return (self.active_from is None or self.active_from <= year) and (
            self.retired_from is None or self.retired_from > year
        )

    @property
    def holder(self) -> User | None:
        """The DXer (section) or head (department) prefetched by ``with_holders``."""
        holders = getattr(self, "holders", None)
        return holders[0].user if holders else None

    @property
    def retired_label(self) -> str:
        if self.retired_from is None:
            return ""
        return _("retired from %(year)s") % {
            "year": fiscal_year_label(self.retired_from)
        }

    def clean(self) -> None:
        if (
            self.active_from is not None
            and self.retired_from is not None
            and self.retired_from <= self.active_from
        ):
            raise ValidationError(
                {"retired_from": _("It must be retired after the year it starts.")}
            )
        if (
            self.retired_from is None
            and self.code
            and type(self)
            .objects.filter(code=self.code, retired_from__isnull=True)
            .exclude(pk=self.pk)
            .exists()
        ):
            # The database's partial unique index is the guard; this says why.
            raise ValidationError(
                {"code": _("This code is already used by a unit that exists now.")}
            )


class Department(OrgUnit):
    """A department (部), headed by a department head (部長)."""

    objects = DepartmentQuerySet.as_manager()

    class Meta(OrgUnit.Meta):
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(retired_from__isnull=True),
                name="department_code_unique_while_active",
            ),
            models.CheckConstraint(
                condition=Q(active_from__isnull=True)
                | Q(retired_from__isnull=True)
                | Q(retired_from__gt=models.F("active_from")),
                name="department_retired_after_start",
            ),
        ]


class Section(OrgUnit):
    """A section (課) of a department; each has one DXer a year."""

    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="sections",
        verbose_name=_("department"),
    )
    is_dx_office = models.BooleanField(
        _("is the DX office"),
        default=False,
        help_text=_("The Digital Administration Promotion Division itself."),
    )
    predecessor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="successors",
        verbose_name=_("predecessor"),
        help_text=_("The section this one continues after a renaming."),
    )

    objects = SectionQuerySet.as_manager()

    class Meta(OrgUnit.Meta):
        ordering = ["department__display_order", "display_order", "code"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(retired_from__isnull=True),
                name="section_code_unique_while_active",
            ),
            models.CheckConstraint(
                condition=Q(active_from__isnull=True)
                | Q(retired_from__isnull=True)
                | Q(retired_from__gt=models.F("active_from")),
                name="section_retired_after_start",
            ),
        ]

    def lineage_ids(self) -> list[int]:
        """Return this section's id and those of the sections it continues."""
        ids, section = [], self
        while section is not None and section.pk not in ids:
            ids.append(section.pk)
            section = section.predecessor
        return ids


class Role(models.TextChoices):
    DXER = "dxer", _("DXer")
    HEAD = "head", _("Department head")
    DX_OFFICE = "dx_office", _("DX office")


class AssignmentQuerySet(models.QuerySet):
    def active_in(self, year: int) -> AssignmentQuerySet:
        """Filter to assignments held during fiscal ``year``."""
        return self.filter(
            Q(start_year__lte=year), Q(end_year__isnull=True) | Q(end_year__gte=year)
        )

    def active_this_year(self) -> AssignmentQuerySet:
        """Filter to assignments held in this fiscal year (by today's date)."""
        return self.active_in(fiscal_year_today())

    def dx_office_this_year(self) -> AssignmentQuerySet:
        """The DX office's active members' assignments this year, with the user."""
        return (
            self.active_this_year()
            .filter(role=Role.DX_OFFICE, user__is_active=True)
            .select_related("user")
        )


class Assignment(models.Model):
    """A person's role in a section or department, for a span of fiscal years."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    section = models.ForeignKey(
        Section,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("section"),
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("department"),
    )
    start_year = models.PositiveSmallIntegerField(
        _("from fiscal year"), validators=[validate_fiscal_year]
    )
    end_year = models.PositiveSmallIntegerField(
        _("to fiscal year"),
        null=True,
        blank=True,
        validators=[validate_fiscal_year],
        help_text=_("The last fiscal year of the role; empty while it goes on."),
    )
    # The appointment's own dates, within its first and last fiscal years:
    # by default 1 April and 31 March (the April rotation). The years decide
    # the roles; the dates are the roster's record of the term.
    appointed_on = models.DateField(
        _("appointed on"),
        blank=True,
        help_text=_("Empty: 1 April of the first fiscal year."),
    )
    ended_on = models.DateField(
        _("ended on"),
        null=True,
        blank=True,
        help_text=_("Empty: 31 March of the last fiscal year."),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["-start_year", "role", "pk"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(role=Role.DXER, section__isnull=False, department__isnull=True)
                    | Q(role=Role.HEAD, department__isnull=False, section__isnull=True)
                    | Q(
                        role=Role.DX_OFFICE,
                        section__isnull=True,
                        department__isnull=True,
                    )
                ),
                name="assignment_role_matches_its_unit",
            ),
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | Q(end_year__gte=models.F("start_year")),
                name="assignment_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(ended_on__gte=models.F("appointed_on")),
                name="assignment_ended_on_after_appointed_on",
            ),
        ]
        indexes = [models.Index(fields=["user", "start_year"])]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} {self.unit or ''}".strip()

    def save(self, *args, **kwargs) -> None:
        # The dates follow the years when these change (an ended role, a
        # rotation): a date outside its fiscal year is reset to the default.
        self.fit_dates()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            missing = [
                n for n in ("appointed_on", "ended_on") if n not in update_fields
            ]
            kwargs["update_fields"] = [*update_fields, *missing]
        super().save(*args, **kwargs)

    @property
    def unit(self) -> Section | Department | None:
        return self.section or self.department

    @property
    def span_label(self) -> str:
        start = fiscal_year_label(self.start_year)
        end = fiscal_year_label(self.end_year) if self.end_year else ""
        return f"{start}〜{end}"

    def fit_dates(self) -> None:
        """Default the dates to the fiscal years: 1 April and 31 March."""
        first, _last = fiscal_year_bounds(self.start_year)
        if self.appointed_on is None or fiscal_year_of(self.appointed_on) != (
            self.start_year
        ):
            self.appointed_on = first
        if self.end_year is None:
            self.ended_on = None
        elif self.ended_on is None or fiscal_year_of(self.ended_on) != self.end_year:
            self.ended_on = fiscal_year_bounds(self.end_year)[1]

    @property
    def term_label(self) -> str:
        """The term as dates: 2024年4月1日〜2026年3月31日 (or 〜 while it goes on)."""
        from django.utils.formats import date_format

        start = date_format(self.appointed_on, "DATE_FORMAT")
        end = date_format(self.ended_on, "DATE_FORMAT") if self.ended_on else ""
        return f"{start}〜{end}"

    def held_on(self, day: date) -> bool:
        """Whether the appointment runs on ``day``."""
        return self.appointed_on <= day and (
            self.ended_on is None or day <= self.ended_on
        )

    def is_active_in(self, year: int) -> bool:
        return self.start_year <= year and (
            self.end_year is None or self.end_year >= year
        )

    def clean(self) -> None:
        if self.role == Role.DXER and not self.section_id:
            raise ValidationError({"section": _("A DXer is assigned to a section.")})
        if self.role == Role.HEAD and not self.department_id:
            raise ValidationError(
                {"department": _("A department head is assigned to a department.")}
            )
        if self.role != Role.DXER:
            self.section = None
        if self.role != Role.HEAD:
            self.department = None
        if self.start_year is None:
            return  # the field's own error says what is wrong
        if self.end_year is not None and self.end_year < self.start_year:
            raise ValidationError(
                {"end_year": _("The role cannot end before it starts.")}
            )
        self._check_dates()
        self.fit_dates()
        clash = self.overlapping().first()
        if clash is not None:
            raise ValidationError(
                _("%(unit)s already has %(person)s as %(role)s in %(years)s.")
                % {
                    "unit": clash.unit,
                    "person": clash.user.get_full_name() or clash.user.get_username(),
                    "role": clash.get_role_display(),
                    "years": clash.span_label,
                }
            )

    def _check_dates(self) -> None:
        errors = {}
        if self.appointed_on and fiscal_year_of(self.appointed_on) != self.start_year:
            errors["appointed_on"] = _(
                "The appointment date must fall in its first fiscal year, %(year)s."
            ) % {"year": fiscal_year_label(self.start_year)}
        if self.ended_on and self.end_year is None:
            errors["ended_on"] = _("Give the last fiscal year of the role too.")
        elif self.ended_on and fiscal_year_of(self.ended_on) != self.end_year:
            errors["ended_on"] = _(
                "The end date must fall in the last fiscal year, %(year)s."
            ) % {"year": fiscal_year_label(self.end_year)}
        elif self.ended_on and self.appointed_on and self.ended_on < self.appointed_on:
            errors["ended_on"] = _("The role cannot end before it starts.")
        if errors:
            raise ValidationError(errors)

    def overlapping(self) -> AssignmentQuerySet:
        """Return the assignments this one would collide with.

        A section has one DXer and a department one head at a time; a person
        holds a role in one unit once at a time.
        """
        if self.role == Role.DXER:
            same = Q(role=Role.DXER, section_id=self.section_id)
        elif self.role == Role.HEAD:
            same = Q(role=Role.HEAD, department_id=self.department_id)
        else:
            same = Q(role=Role.DX_OFFICE, user_id=self.user_id)
        span = Q(end_year__isnull=True) | Q(end_year__gte=self.start_year)
        if self.end_year is not None:
            span &= Q(start_year__lte=self.end_year)
        return (
            Assignment.objects.filter(same, span)
            .exclude(pk=self.pk)
            .select_related("user", "section", "department")
        )


@dataclass(frozen=True)
class RotationChange:
    """One line of an April rotation: a unit, who held it, who takes it."""

    unit: Section | Department
    role: str
    before: User | None  # the person holding the role before the rotation
    after: User | None  # the person holding it from the rotation's year

    @property
    def kind(self) -> str:
        if self.before is None:
            return "new"
        if self.after is None:
            return "vacant"
        return "replaced"


def holders_in(year: int) -> tuple[dict[int, Assignment], dict[int, Assignment]]:
    """Return who is DXer of each section and head of each department in ``year``."""
    dxers: dict[int, Assignment] = {}
    heads: dict[int, Assignment] = {}
    for assignment in (
        Assignment.objects.active_in(year)
        .exclude(role=Role.DX_OFFICE)
        .select_related("user")
    ):
        if assignment.role == Role.DXER:
            dxers[assignment.section_id] = assignment
        else:
            heads[assignment.department_id] = assignment
    return dxers, heads


class RepeatedDxer(NamedTuple):
    """A rotation choice that would make someone DXer of a second section."""

    key: Hashable  # where the second choice was made (a form field, a file row)
    person: User
    first_unit: Section
    first_key: Hashable


def repeated_dxers(
    choices: Iterable[tuple[Hashable, Section, User | None]],
) -> list[RepeatedDxer]:
    """Return each choice of ``(key, section, person)`` that repeats a DXer.

    A DXer looks after one section: a rotation, chosen on the form or read
    from a staff list, names each person as DXer once. People are compared
    as accounts, and by user name where a staff list is about to create one.
    """
    first: dict[object, tuple[Section, Hashable]] = {}
    repeated = []
    for key, section, person in choices:
        if person is None:
            continue
        who = person.pk if person.pk is not None else person.get_username().casefold()
        if who in first:
            unit, first_key = first[who]
            repeated.append(RepeatedDxer(key, person, unit, first_key))
        else:
            first[who] = (section, key)
    return repeated
