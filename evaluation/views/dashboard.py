"""The DX office's dashboard, and reminding people of what is open in a year."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_POST,
    require_safe,
)

from initiatives.decorators import dx_office_required
from initiatives.models import FiscalYear
from initiatives.views.years import year_asked_for

from .. import headlines, services
from ..charts import progress_chart, trend_chart
from ..rollups import (
    figures_of,
    one_stamp,
    progress,
    progress_totals,
    year_over_year,
)
from .common import DEPARTMENTS_PER_PAGE, _fiscal_year


@transaction.non_atomic_requests  # read-only: so it may read kept figures
@require_safe
@dx_office_required
def dashboard(request):
    """Each department's progress in the year, a chart, and the years side by side.

    Many departments (ten cities share the portal) are paged: the chart
    and the tables show the page's departments, the totals the whole city.
    """
    years = list(FiscalYear.objects.newest_first())
    fiscal_year = year_asked_for(request, years)
    with one_stamp():
        rows = progress(fiscal_year, timezone.localdate())
        figures = figures_of(fiscal_year)
        year_rows = year_over_year(known={fiscal_year.year: figures["totals"]})
    page = Paginator(rows, DEPARTMENTS_PER_PAGE).get_page(request.GET.get("page"))
    shown = {row["department"].name for row in page}
    headlines_ = headlines.of_dashboard(fiscal_year.year, year_rows)
    return render(
        request,
        "evaluation/dashboard.html",
        {
            "fiscal_year": fiscal_year,
            "all_fiscal_years": years,
            "rows": page,
            "totals": progress_totals(rows),
            "chart": progress_chart(page.object_list),
            "year_rows": year_rows,
            "headlines": headlines_,
            "trend": trend_chart(headlines_),
            # The year's figures: not assessed, yen, directions, technologies.
            "figures": figures,
            "department_figures": [
                row for row in figures["by_department"] if row["department"] in shown
            ],
            "query": f"year={fiscal_year.year}",
            "today": timezone.localdate(),
        },
    )


def _names(people) -> str:
    return "、".join(str(person) for person in people)


@require_POST
@dx_office_required
def remind_open_items(request, year: int):
    """The phase page's button: remind the people with open items, now."""
    fiscal_year = _fiscal_year(year)
    result = services.remind_open_items(
        fiscal_year, by=request.user, today=timezone.localdate()
    )
    if result.sent:
        messages.success(
            request,
            _("Reminders were sent to: %(names)s.") % {"names": _names(result.sent)},
        )
    if result.already:
        messages.info(
            request,
            _("Already reminded today, so not sent again: %(names)s.")
            % {"names": _names(result.already)},
        )
    if result.no_email:
        messages.warning(
            request,
            _("No e-mail address, so not reminded: %(names)s.")
            % {"names": _names(result.no_email)},
        )
    if result.failed:
        messages.error(
            request,
            _("The mail server refused the reminders to: %(names)s.")
            % {"names": _names(result.failed)},
        )
    if not (result.sent or result.already or result.no_email or result.failed):
        messages.info(request, _("Nobody has open items to be reminded of."))
    return redirect("initiatives:year_phase", year=year)
