"""The people who use the portal, and the training they took (the DXer roster)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import AbstractUser
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from iruma_dx.lib.fiscal import fiscal_year_bounds


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


class TrainingQuerySet(models.QuerySet):
    def in_fiscal_year(self, year: int) -> TrainingQuerySet:
        """Training taken between 1 April of ``year`` and 31 March after."""
        first, last = fiscal_year_bounds(year)
        return self.filter(taken_on__range=(first, last))


class Training(models.Model):
    """A course a member of staff took (人材育成): what, when, how long."""

    user = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        related_name="trainings",
        verbose_name=_("person"),
    )
    course = models.CharField(_("course"), max_length=200)
    taken_on = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.1"))],
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    created_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    objects = TrainingQuerySet.as_manager()

    class Meta:
        ordering = ["-taken_on", "-pk"]
        verbose_name = _("training")
        verbose_name_plural = _("training records")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours__gt=0), name="training_hours_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.course} ({self.taken_on})"
