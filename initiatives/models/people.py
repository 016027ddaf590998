"""The people who use the portal: members of the city office's staff."""

from django.contrib.auth.models import AbstractUser
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A member of staff. Roles come from assignments, not from this row."""

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
