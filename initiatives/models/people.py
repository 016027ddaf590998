"""The people who use the portal: members of the city office's staff."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A member of staff. Roles come from assignments, not from this row."""

    # Copied from the office directory at each sign-in (initiatives.directory)
    # for the DX office to read; roles are never inferred from them.
    directory_department_code = models.CharField(
        _("department code in the directory"), max_length=64, blank=True
    )
    directory_section_code = models.CharField(
        _("section code in the directory"), max_length=64, blank=True
    )
    directory_synced_at = models.DateTimeField(
        _("last copied from the directory"), null=True, blank=True, editable=False
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        ordering = ["last_name", "first_name", "username"]
        verbose_name = _("member of staff")
        verbose_name_plural = _("members of staff")

    def __str__(self) -> str:
        return self.get_full_name() or self.get_username()

    def get_full_name(self) -> str:
        """Return the name in Japanese order: family name, then given name."""
        return f"{self.last_name} {self.first_name}".strip()


def split_name(full_name: str) -> tuple[str, str]:
    """Split a full name into family and given name, family name first.

    Japanese names are written 「窓口 花子」, often with a full-width space
    (the directory's and the staff list's alike); a name without a space is
    all family name.
    """
    parts = full_name.strip().split(maxsplit=1)
    if len(parts) < 2:
        return (parts[0] if parts else ""), ""
    return parts[0], parts[1]
