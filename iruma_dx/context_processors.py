from django.conf import settings
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from initiatives.models import FiscalYear, Roles, roles_of

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
        context["status_year"] = SimpleLazyObject(FiscalYear.objects.newest)
    return context


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
