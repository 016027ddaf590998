from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from initiatives.models import FiscalYear, Roles, fiscal_year_today, roles_of
from initiatives.models.years import pick_this_year
from iruma_dx.lib.fiscal import parse_fiscal_year

# The main menu: label, URL name, and who sees it. Each page still checks
# permissions itself; the menu only leaves out what would be refused.
NAVIGATION = [
    (_("Home"), "home", lambda r: True),
    (_("Our DX points"), "initiatives:point_list", lambda r: r.is_dxer),
    (_("Review"), "initiatives:review", lambda r: r.is_head),
    (_("Search points"), "initiatives:point_search", lambda r: True),
    (
        _("Excel import and export"),
        "initiatives:interchange",
        lambda r: r.is_dxer or r.is_head or r.is_dx_office,
    ),
    (_("DX Vision"), "initiatives:vision", lambda r: True),
    (_("Plans and projects"), "initiatives:plan_list", lambda r: True),
    (_("Organisation"), "initiatives:org", lambda r: r.is_dx_office),
    (_("Fiscal years"), "initiatives:year_list", lambda r: r.is_dx_office),
    (_("Annual reports"), "evaluation:annual_report_list", lambda r: True),
    (_("Dashboard"), "evaluation:dashboard", lambda r: r.is_dx_office),
]


def portal(request) -> dict:
    """Municipality, main menu and the fiscal-year status bar for every page."""
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    context = {
        "municipality_name": settings.MUNICIPALITY_NAME,
        "navigation": _navigation(request, roles_of(user) if signed_in else None),
        # The sign-in page then asks for the office account.
        "directory_sign_in": bool(settings.LDAP_URL),
    }
    if signed_in:
        context["roles"] = roles_of(user)
        context["status_years"] = SimpleLazyObject(lambda: StatusYears.of(request))
    return context


@dataclass(frozen=True)
class StatusYears:
    """The years the status bar may show: "this year", and the year in the URL.

    One query, made only when a page shows the status bar. A page whose
    context names a point, a year-end report or a fiscal year shows that
    one instead (``portal_tags.status_bar``).
    """

    this_year: FiscalYear | None
    url_year: int | None  # a year named by the URL or ?year=
    in_url: FiscalYear | None  # that year, if the portal has it

    @classmethod
    def of(cls, request) -> StatusYears:
        url_year = _year_in_url(request)
        also = [url_year] if url_year is not None else []
        return cls.among(request, FiscalYear.objects.this_year_candidates(*also))

    @classmethod
    def among(cls, request, years) -> StatusYears:
        """From ``years``: the candidates, or every year a page has read already.

        (The rule picks the same year from all years as from the candidates.)
        """
        url_year = _year_in_url(request)
        years = list(years)
        in_url = next((year for year in years if year.year == url_year), None)
        return cls(pick_this_year(years, fiscal_year_today()), url_year, in_url)


def _year_in_url(request) -> int | None:
    match = getattr(request, "resolver_match", None)
    year = match.kwargs.get("year") if match is not None else None
    if isinstance(year, int):
        return year
    raw = request.GET.get("year")
    if raw:
        try:
            return parse_fiscal_year(raw)
        except ValidationError:
            return None
    return None


def _navigation(request, roles: Roles | None) -> list[dict]:
    items = []
    if roles is not None:
        items = [
            (label, reverse(name)) for label, name, show in NAVIGATION if show(roles)
        ]
    items.append((_("Glossary"), reverse("glossary:list")))
    user = getattr(request, "user", None)
    if user is not None and user.is_staff:
        items.append((_("Administration"), reverse("admin:index")))
    path = getattr(request, "path", "")
    home = reverse("home")
    return [
        {
            "label": label,
            "url": url,
            "current": path == url if url == home else path.startswith(url),
        }
        for label, url in items
    ]
