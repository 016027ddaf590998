"""The DX office runs the fiscal year: open it, set its deadlines, move its phase."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from iruma_dx.lib.fiscal import parse_fiscal_year

from .. import services
from ..decorators import dx_office_required
from ..forms import FiscalYearSettingsForm, OpenFiscalYearForm, PhaseChangeForm
from ..models import PHASE_ORDER, FiscalYear, Phase, fiscal_year_today
from ..models.years import PHASE_DESCRIPTIONS
from ..year_summary import GROUPS, YearSummary, summarise


def year_asked_for(request, years: list[FiscalYear] | None = None) -> FiscalYear:
    """The fiscal year asked for in ?year=, or the newest one; 404 when none.

    ``years``: every fiscal year, when the page has read them already (for
    its choice of year); else they are read here (one query).
    """
    if years is None:
        years = list(FiscalYear.objects.newest_first())
    raw = request.GET.get("year") or request.POST.get("year")
    if not raw:
        found = max(years, key=lambda year: year.year, default=None)
    else:
        try:
            wanted = parse_fiscal_year(raw)
        except ValidationError as error:
            raise Http404 from error
        found = next((year for year in years if year.year == wanted), None)
    if found is None:
        raise Http404
    return found


@require_safe
@dx_office_required
def year_list(request):
    years = FiscalYear.objects.select_related("focus_area_edition").newest_first()
    return render(request, "initiatives/year_list.html", {"years": years})


@require_http_methods(["GET", "POST"])
@dx_office_required
def year_open(request):
    latest = FiscalYear.objects.newest()
    suggested = latest.year + 1 if latest else fiscal_year_today()
    form = OpenFiscalYearForm(request.POST or None, initial={"year": suggested})
    if request.method == "POST" and form.is_valid():
        try:
            fiscal_year = services.open_fiscal_year(
                by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("%(year)s was opened for planning.") % {"year": fiscal_year}
            )
            return redirect("initiatives:year", year=fiscal_year.year)
    return render(request, "initiatives/year_open.html", {"form": form})


@require_safe
@dx_office_required
def year_detail(request, year: int):
    fiscal_year = get_object_or_404(
        FiscalYear.objects.select_related("focus_area_edition"), year=year
    )
    changes = fiscal_year.phase_changes.select_related("changed_by").annotate(
        told=Count("notices")
    )
    phases = [
        {
            "value": value,
            "label": Phase(value).label,
            "description": PHASE_DESCRIPTIONS[value],
            "done": index < fiscal_year.phase_index,
            "current": value == fiscal_year.phase,
        }
        for index, value in enumerate(PHASE_ORDER)
    ]
    return render(
        request,
        "initiatives/year_detail.html",
        {"fiscal_year": fiscal_year, "changes": changes, "phases": phases},
    )


@require_http_methods(["GET", "POST"])
@dx_office_required
def year_edit(request, year: int):
    fiscal_year = get_object_or_404(FiscalYear, year=year)
    if fiscal_year.is_closed:
        messages.error(request, _("A closed year is read-only."))
        return redirect("initiatives:year", year=year)
    form = FiscalYearSettingsForm(request.POST or None, instance=fiscal_year)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_year_settings(
                fiscal_year, fields=form.cleaned_data, by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The settings of %(year)s were saved.") % {"year": fiscal_year},
            )
            return redirect("initiatives:year", year=year)
    return render(
        request,
        "initiatives/year_edit.html",
        {"form": form, "fiscal_year": fiscal_year},
    )


@require_http_methods(["GET", "POST"])
@dx_office_required
def year_phase(request, year: int):
    """Show what a move does to the open items; confirm and carry it out."""
    fiscal_year = get_object_or_404(FiscalYear, year=year)
    summary = summarise(fiscal_year)
    form = PhaseChangeForm(request.POST or None, summary=summary)
    if request.method == "POST" and form.is_valid():
        try:
            change = services.change_phase(
                fiscal_year,
                to_phase=form.cleaned_data["to_phase"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "%(year)s is now in the phase: %(phase)s. %(count)s people "
                    "were told on their home page and by e-mail."
                )
                % {
                    "year": fiscal_year,
                    "phase": change.get_to_phase_display(),
                    "count": change.notices.count(),
                },
            )
            return redirect("initiatives:year", year=year)
    return render(request, "initiatives/year_phase.html", _phase_page(form, summary))


def _phase_page(form: PhaseChangeForm, summary: YearSummary) -> dict:
    """The open items, and what each move offered would do to them."""
    today = timezone.localdate()
    moves = [
        {
            "value": value,
            "label": label,
            "consequences": summary.consequences(value),
            "deadlines": summary.deadlines_ahead(value, today),
        }
        for value, label in form.fields["to_phase"].choices
    ]
    shown = {c.group.key for move in moves for c in move["consequences"]}
    columns = [group for group in GROUPS if group.key in shown]
    return {
        "form": form,
        "fiscal_year": summary.fiscal_year,
        "summary": summary,
        "moves": moves,
        "columns": columns,
        "table": summary.table([group.key for group in columns]),
        "to_remind": [person for person, _items in summary.to_remind()],
    }
