"""The DX office's pages for departments, sections, people and the April rotation."""

from fractions import Fraction

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from iruma_dx.lib.fiscal import fiscal_year_label, parse_fiscal_year

from .. import services
from ..decorators import dx_office_required
from ..forms import (
    AssignmentForm,
    DepartmentForm,
    EndAssignmentForm,
    PersonCreationForm,
    PersonForm,
    RenameSectionForm,
    RetireForm,
    RotationForm,
    SectionForm,
)
from ..models import (
    Assignment,
    Department,
    Section,
    User,
    rounded,
    this_year,
)


def _year_from(request, default: int) -> int:
    """The fiscal year of ?year=; the default, with a message, if it is not one."""
    raw = request.GET.get("year")
    if raw is None:
        return default
    try:
        return parse_fiscal_year(raw)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return default


@require_safe
@dx_office_required
def org_overview(request):
    today_year = this_year()
    year = _year_from(request, today_year)
    sections = Section.objects.active_in(year).with_holders(year)
    departments = list(
        Department.objects.active_in(year)
        .with_holders(year)
        .prefetch_related(
            Prefetch("sections", queryset=sections, to_attr="year_sections")
        )
    )
    retired = {
        "departments": Department.objects.filter(retired_from__lte=year),
        "sections": Section.objects.filter(retired_from__lte=year).select_related(
            "department"
        ),
    }
    missing = [
        section
        for department in departments
        for section in department.year_sections
        if section.holder is None
    ]
    return render(
        request,
        "initiatives/org_overview.html",
        {
            "year": year,
            "year_label": fiscal_year_label(year),
            "years": [
                {"year": option, "label": fiscal_year_label(option)}
                for option in _year_options(today_year, year)
            ],
            "departments": departments,
            "missing": missing,
            "coverage": _coverage(departments, missing),
            "retired": retired,
        },
    )


def _coverage(departments, missing) -> dict:
    """How many of the year's sections have a DXer, and the share (%, one decimal)."""
    total = sum(len(department.year_sections) for department in departments)
    covered = total - len(missing)
    share = rounded(Fraction(covered * 100, total)) if total else None
    return {"sections": total, "covered": covered, "share": share}


def _year_options(today_year: int, shown: int) -> list[int]:
    """Next year, this year and five before it (and the year shown), newest first."""
    return sorted({*range(today_year + 1, today_year - 6, -1), shown}, reverse=True)


SAVED = {
    "department": gettext_lazy("The department was saved."),
    "section": gettext_lazy("The section was saved."),
}
UNITS = {"department": (Department, DepartmentForm), "section": (Section, SectionForm)}


@require_http_methods(["GET", "POST"])
@dx_office_required
def unit_edit(request, kind: str, pk: int | None = None):
    """Add or edit a department or a section."""
    model, form_class = UNITS[kind]
    unit = get_object_or_404(model, pk=pk) if pk else None
    form = form_class(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, SAVED[kind])
        return redirect("initiatives:org")
    return render(request, "initiatives/unit_form.html", {"form": form, "unit": unit})


@require_http_methods(["GET", "POST"])
@dx_office_required
def section_rename(request, pk: int):
    section = get_object_or_404(Section, pk=pk, retired_from__isnull=True)
    form = RenameSectionForm(request.POST or None, initial={"name": section.name})
    if request.method == "POST" and form.is_valid():
        try:
            services.rename_section(section, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The section was renamed."))
            return redirect("initiatives:org")
    return render(
        request, "initiatives/unit_rename.html", {"form": form, "unit": section}
    )


@require_http_methods(["GET", "POST"])
@dx_office_required
def unit_retire(request, kind: str, pk: int):
    model = UNITS[kind][0]
    unit = get_object_or_404(model, pk=pk, retired_from__isnull=True)
    form = RetireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.retire_unit(unit, from_year=form.cleaned_data["from_year"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(unit)s was retired.") % {"unit": unit})
            return redirect("initiatives:org")
    return render(request, "initiatives/unit_retire.html", {"form": form, "unit": unit})


@require_safe
@dx_office_required
def people_list(request):
    year = this_year()
    people = User.objects.prefetch_related(
        Prefetch(
            "assignments",
            queryset=Assignment.objects.active_in(year).select_related(
                "section__department", "department"
            ),
            to_attr="year_assignments",
        )
    )
    return render(
        request,
        "initiatives/people_list.html",
        {"people": people, "year": year, "year_label": fiscal_year_label(year)},
    )


@require_http_methods(["GET", "POST"])
@dx_office_required
def person_create(request):
    form = PersonCreationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = form.save()
        messages.success(request, _("%(person)s was added.") % {"person": person})
        return redirect("initiatives:person", pk=person.pk)
    return render(request, "initiatives/person_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@dx_office_required
def person_detail(request, pk: int):
    person = get_object_or_404(User, pk=pk)
    assigning = "assign" in request.POST
    form = PersonForm(
        request.POST if request.POST and not assigning else None,
        instance=person,
        prefix="person",
    )
    assignment_form = AssignmentForm(
        request.POST if assigning else None, user=person, prefix="assign"
    )
    if request.method == "POST":
        if assigning:
            if assignment_form.is_valid():
                services.assign_role(
                    user=person, by=request.user, **assignment_form.cleaned_data
                )
                messages.success(request, _("The role was given."))
                return redirect("initiatives:person", pk=person.pk)
        elif form.is_valid():
            form.save()
            messages.success(request, _("The details were saved."))
            return redirect("initiatives:person", pk=person.pk)
    assignments = person.assignments.select_related("section__department", "department")
    return render(
        request,
        "initiatives/person_detail.html",
        {
            "person": person,
            "form": form,
            "assignment_form": assignment_form,
            "assignments": assignments,
            "end_form": EndAssignmentForm(initial={"last_year": this_year()}),
            "trainings": person.trainings.all(),
            "directory_dx_office_group": getattr(settings, "LDAP_DX_OFFICE_GROUP", ""),
        },
    )


@require_POST
@dx_office_required
def assignment_end(request, pk: int):
    assignment = get_object_or_404(Assignment, pk=pk)
    form = EndAssignmentForm(request.POST)
    if form.is_valid():
        try:
            services.end_assignment(
                assignment, last_year=form.cleaned_data["last_year"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The role was ended."))
    else:
        messages.error(request, " ".join(form.errors["last_year"]))
    return redirect("initiatives:person", pk=assignment.user_id)


@require_http_methods(["GET", "POST"])
@dx_office_required
def rotation(request):
    """Reassign DXers and heads from a fiscal year on: form, confirmation, apply.

    This year by default (a change within the year); next April's year is
    offered beside it, for the April rotation prepared in March.
    """
    today_year = this_year()
    year = _year_from(request, today_year)
    form = RotationForm(request.POST or None, year=year)
    if request.method == "POST" and form.is_valid():
        changes = form.changes()
        if not changes:
            messages.info(request, _("Nothing changes: everyone keeps their role."))
        elif "confirm" in request.POST:
            count = services.apply_rotation(year=year, changes=changes, by=request.user)
            messages.success(
                request,
                _("The rotation for %(year)s was carried out: %(count)s changes.")
                % {"year": fiscal_year_label(year), "count": count},
            )
            return redirect(f"{request.path}?year={year}")
        else:
            return render(
                request,
                "initiatives/rotation_confirm.html",
                {"form": form, "changes": changes, "year": year},
            )
    return render(
        request,
        "initiatives/rotation.html",
        {
            "form": form,
            "year": year,
            "year_label": fiscal_year_label(year),
            "this_year": _year_choice(today_year),
            "next_year": _year_choice(today_year + 1),
        },
    )


def _year_choice(year: int) -> dict:
    return {"year": year, "label": fiscal_year_label(year)}
