from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def portal(request) -> dict:
    """Add the municipality and the navigation the signed-in person may use."""
    user = getattr(request, "user", None)
    items = [(_("Glossary"), reverse("glossary:list"))]
    if user is not None and user.is_authenticated:
        items.insert(0, (_("Home"), reverse("home")))
        if user.is_staff:
            items.append((_("Administration"), reverse("admin:index")))
    path = getattr(request, "path", "")
    home = reverse("home")
    navigation = [
        {
            "label": label,
            "url": url,
            "current": path == url if url == home else path.startswith(url),
        }
        for label, url in items
    ]
    return {"municipality_name": settings.MUNICIPALITY_NAME, "navigation": navigation}
