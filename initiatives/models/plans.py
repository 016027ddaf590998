"""Administrative plans (行政計画) and the Vision's leading projects."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from iruma_dx.lib.fiscal import fiscal_year_label, validate_fiscal_year

from .organisation import Department
from .roles import Roles


class PlanQuerySet(models.QuerySet):
    def editable_by(self, roles: Roles) -> PlanQuerySet:
        """Plans the person may maintain: the DX office all, a head their own."""
        if roles.is_dx_office:
            return self
        return self.filter(department_id__in=roles.department_ids)

    def covering(self, year: int) -> PlanQuerySet:
        """Plans whose period covers fiscal ``year`` (open ends count).

        ``Plan.covers`` is the same rule for one plan.
        """
        return self.filter(
            Q(start_year__isnull=True) | Q(start_year__lte=year),
            Q(end_year__isnull=True) | Q(end_year__gte=year),
        )


class Plan(models.Model):
    """A departmental plan (個別計画) that DX points can add a DX view to."""

    title = models.CharField(_("title"), max_length=200)
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="plans",
        verbose_name=_("owning department"),
    )
    start_year = models.PositiveSmallIntegerField(
        _("from fiscal year"),
        null=True,
        blank=True,
        validators=[validate_fiscal_year],
    )
    end_year = models.PositiveSmallIntegerField(
        _("to fiscal year"),
        null=True,
        blank=True,
        validators=[validate_fiscal_year],
        help_text=_("Leave empty when the plan has no fixed end."),
    )
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("link"), blank=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["department__display_order", "title"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(start_year__isnull=True)
                | Q(end_year__isnull=True)
                | Q(end_year__gte=models.F("start_year")),
                name="plan_period_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def covers(self, year: int) -> bool:
        """Does the plan's period cover fiscal ``year``? (``covering``, for one.)"""
        return (self.start_year is None or self.start_year <= year) and (
            self.end_year is None or self.end_year >= year
        )

    @property
    def period_label(self) -> str:
        if self.start_year is None and self.end_year is None:
            return ""
        start = fiscal_year_label(self.start_year) if self.start_year else ""
        end = fiscal_year_label(self.end_year) if self.end_year else ""
        return f"{start}〜{end}"

    def clean(self) -> None:
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError(
                {"end_year": _("The plan cannot end before it starts.")}
            )


class LeadingProject(models.Model):
    """A cross-department flagship project (リーディングプロジェクト)."""

    title = models.CharField(_("title"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    lead_department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="led_projects",
        verbose_name=_("lead department"),
    )
    departments = models.ManyToManyField(
        Department,
        blank=True,
        related_name="leading_projects",
        verbose_name=_("participating departments"),
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("leading project")
        verbose_name_plural = _("leading projects")

    def __str__(self) -> str:
        return self.title
