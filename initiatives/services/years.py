"""Fiscal-year writes: opening a year and moving it through its phases."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import (
    AchievementReport,
    FiscalYear,
    NationalPlanEdition,
    Phase,
    PhaseChange,
)
from ..signals import year_figures_changed


@transaction.atomic
def open_fiscal_year(
    *,
    year: int,
    target_deadline: date,
    report_deadline: date,
    by,
    focus_area_edition: NationalPlanEdition | None = None,
) -> FiscalYear:
    """Open a new fiscal year in its planning phase.

    Level thresholds, the hours of one FTE-year and the hourly personnel
    cost carry over from the previous year, so a setting the DX office
    changed once stays changed. The year's points are tagged from
    ``focus_area_edition`` of the national plan: the newest by default.
    """
    if FiscalYear.objects.filter(year=year).exists():
        raise ValidationError(
            _("%(year)s is already open.") % {"year": FiscalYear(year=year).label}
        )
    edition = focus_area_edition or NationalPlanEdition.objects.newest()
    if edition is None:
        raise ValidationError(_("No edition of the national DX plan is loaded."))
    previous = FiscalYear.objects.filter(year__lt=year).order_by("-year").first()
    fiscal_year = FiscalYear(
        year=year,
        phase=Phase.PLANNING,
        target_deadline=target_deadline,
        report_deadline=report_deadline,
        focus_area_edition=edition,
        created_by=by,
    )
    if previous is not None:
        fiscal_year.level_a_threshold = previous.level_a_threshold
        fiscal_year.level_b_threshold = previous.level_b_threshold
        fiscal_year.level_c_threshold = previous.level_c_threshold
        fiscal_year.fte_hours = previous.fte_hours
        fiscal_year.hourly_cost = previous.hourly_cost
    fiscal_year.full_clean()
    fiscal_year.save(force_insert=True)
    PhaseChange.objects.create(
        fiscal_year=fiscal_year, from_phase="", to_phase=Phase.PLANNING, changed_by=by
    )
    return fiscal_year


@transaction.atomic
def change_phase(
    fiscal_year: FiscalYear, *, to_phase: str, by, reason: str = ""
) -> PhaseChange:
    """Move a fiscal year to the next phase, or back with a recorded reason."""
    fiscal_year = FiscalYear.objects.select_for_update().get(pk=fiscal_year.pk)
    fiscal_year.check_move(to_phase, reason=reason)
    change = PhaseChange.objects.create(
        fiscal_year=fiscal_year,
        from_phase=fiscal_year.phase,
        to_phase=to_phase,
        reason=reason.strip(),
        changed_by=by,
    )
    fiscal_year.phase = to_phase
    fiscal_year.save(update_fields=["phase"])
    if Phase.CLOSED in (change.from_phase, to_phase):
        year_figures_changed.send(sender=FiscalYear, fiscal_year=fiscal_year)
    return change


@transaction.atomic
def update_year_settings(fiscal_year: FiscalYear, *, fields: dict, by) -> FiscalYear:
    """Save a fiscal year's deadlines, level thresholds, FTE hours and hourly cost.

    New thresholds change the level each of the year's reports earns, so the
    stored levels are worked out again in the same transaction. A published
    annual report keeps the figures it was published with.
    """
    fiscal_year = FiscalYear.objects.select_for_update().get(pk=fiscal_year.pk)
    if fiscal_year.is_closed:
        raise ValidationError(_("A closed year is read-only."))
    for name, value in fields.items():
        setattr(fiscal_year, name, value)
    fiscal_year.full_clean()
    fiscal_year.save(update_fields=list(fields))
    AchievementReport.objects.filter(point__fiscal_year=fiscal_year).refresh_levels()
    return fiscal_year
