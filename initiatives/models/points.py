"""DX points: the yearly targets of a section, and what may be done with them.

The rules for one point live here as methods (who may do what, in which
phase and state; the states and phases themselves are ``workflow``'s); the
year-end report is ``reports``; the writes that also record history, notify
people or touch several rows are in ``initiatives.services``.
"""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import Case, Count, F, Q, QuerySet, When
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from iruma_dx.lib.kana import width_forms

from . import workflow
from .comments import Comment, CommentKind
from .measures import TechnologyStatus
from .organisation import Section
from .plans import LeadingProject, Plan
from .reference import DesignArticle, FocusArea, Principle, Stage, Technology
from .results import achievement_rate, mean
from .roles import Roles, roles_of
from .workflow import (
    DELETE_POINT,
    EDIT_POINT,
    NEW_POINT_PHASES,
    REOPEN_POINT,
    REVIEW_POINT,
    WITHDRAW_POINT,
    WRITE_REPORT,
    PointState,
    ReportState,
)
from .years import FiscalYear

NUMBER = {"max_digits": 14, "decimal_places": 2}

# The counts of DxPointQuerySet.progress(): points and reports by state.
PROGRESS = {
    "points": Count("pk"),
    "draft": Count("pk", filter=Q(state=PointState.DRAFT)),
    "submitted": Count("pk", filter=Q(state=PointState.SUBMITTED)),
    "approved": Count("pk", filter=Q(state=PointState.APPROVED)),
    "returned": Count("pk", filter=Q(state=PointState.RETURNED)),
    "reports_draft": Count("pk", filter=Q(report__state=ReportState.DRAFT)),
    "reports_submitted": Count("pk", filter=Q(report__state=ReportState.SUBMITTED)),
    "reports_confirmed": Count("pk", filter=Q(report__state=ReportState.CONFIRMED)),
    "reports_returned": Count("pk", filter=Q(report__state=ReportState.RETURNED)),
    "late": Count("pk", filter=Q(is_late=True) | Q(report__is_late=True)),
}


class StaleEdit(Exception):
    """Someone saved the object after the editor opened it (optimistic locking)."""

    def __init__(self, current) -> None:
        super().__init__("stale edit")
        self.current = current


class DxPointQuerySet(models.QuerySet):
    def visible_to(self, user) -> DxPointQuerySet:
        """Points ``user`` may read.

        Approved points are open to every member of staff (横展開); drafts and
        points under review only to their section's DXer, their head and the
        DX office.
        """
        roles = roles_of(user)
        if not user.is_authenticated:
            return self.none()
        if roles.is_dx_office:
            return self
        return self.filter(
            Q(state=PointState.APPROVED)
            | Q(section_id__in=roles.section_ids)
            | Q(section__department_id__in=roles.department_ids)
        )

    def matching(self, keyword: str) -> DxPointQuerySet:
        """Points whose title or description holds every word of ``keyword``.

        Words are split at any space, full-width ones too. Latin letters and
        digits match whatever their width or case: ＲＰＡ, RPA and rpa find
        one another. A word with no letters that have a case (窓口) is
        matched with a plain LIKE, which PostgreSQL runs three times faster
        than the case-folding one.
        """
        points = self
        for word in keyword.split():
            match = Q()
            for form in width_forms(word):
                lookup = "icontains" if form.lower() != form.upper() else "contains"
                match |= Q(**{f"title__{lookup}": form})
                match |= Q(**{f"description__{lookup}": form})
            points = points.filter(match)
        return points

    def exportable_by(self, roles: Roles) -> DxPointQuerySet:
        """Points ``roles`` works with, as the interchange export gives them.

        A DXer's sections, a head's departments, everything for the DX office.
        """
        if roles.is_dx_office:
            return self
        return self.filter(
            Q(section_id__in=roles.section_ids)
            | Q(section__department_id__in=roles.department_ids)
        )

    def of_sections(self, roles: Roles) -> DxPointQuerySet:
        """Points of the sections ``roles`` is DXer of."""
        return self.filter(section_id__in=roles.section_ids)

    def for_review_by(self, roles: Roles) -> DxPointQuerySet:
        """Points of the departments ``roles`` heads."""
        return self.filter(section__department_id__in=roles.department_ids)

    # What is waiting for someone: the steps of ``workflow`` as filters.

    def to_submit(self) -> DxPointQuerySet:
        return self.filter(workflow.to_submit())

    def to_review(self) -> DxPointQuerySet:
        return self.filter(workflow.to_review())

    def reports_to_write(self) -> DxPointQuerySet:
        return self.filter(workflow.reports_to_write())

    def reports_to_confirm(self) -> DxPointQuerySet:
        return self.filter(workflow.reports_to_confirm())

    def waiting_for_head(self) -> DxPointQuerySet:
        """Points whose head has something to do: the point or its report waits."""
        return self.filter(workflow.to_review() | workflow.reports_to_confirm())

    def in_review_list(self, listing: str) -> DxPointQuerySet:
        """The points the head's review page lists (``workflow.ReviewList``)."""
        return self.filter(workflow.points_in_review_list(listing))

    def todo_by_year(self) -> list[dict]:
        """What the DXer still has to do, per open fiscal year, newest first.

        Drafts and returned points to submit, and year-end reports to write;
        years with nothing to do are left out. One query (and one for the years).
        """
        open_years = {year.year: year for year in FiscalYear.objects.open()}
        rows = (
            self.filter(fiscal_year__in=list(open_years))
            .values("fiscal_year")
            .annotate(
                drafts=Count(
                    "pk", filter=workflow.to_submit() & Q(state=PointState.DRAFT)
                ),
                returned=Count(
                    "pk", filter=workflow.to_submit() & Q(state=PointState.RETURNED)
                ),
                reports_to_write=Count("pk", filter=workflow.reports_to_write()),
            )
            .order_by("-fiscal_year")
        )
        return [
            {**row, "fiscal_year": open_years[row["fiscal_year"]]}
            for row in rows
            if row["drafts"] or row["returned"] or row["reports_to_write"]
        ]

    def waiting_for_review(self) -> dict[str, int]:
        """How many points and year-end reports wait for their head, in open years."""
        return self.filter(fiscal_year__in=FiscalYear.objects.open()).aggregate(
            points=Count("pk", filter=workflow.to_review()),
            reports=Count("pk", filter=workflow.reports_to_confirm()),
        )

    def progress(self, *keys: str) -> QuerySet:
        """How many points and reports are in each state, per value of ``keys``.

        One query: the department overview and the DX office's dashboard
        show these counts.
        """
        return self.values(*keys).annotate(**PROGRESS).order_by()

    def counted(self) -> DxPointQuerySet:
        """Points a roll-up counts: those whose target was approved."""
        return self.filter(state=PointState.APPROVED)

    def average_rates_by(self, key: str) -> dict[object, Fraction | None]:
        """The exact mean rate of the confirmed numeric points per value of ``key``.

        One query; the rates are worked out by the rule of ``results``.
        """
        rates: dict[object, list[Fraction]] = defaultdict(list)
        rows = self.filter(
            report__state=ReportState.CONFIRMED, report__actual__isnull=False
        ).values_list(key, "report__actual", "baseline", "target")
        for value, actual, baseline, target in rows:
            rate = achievement_rate(actual, baseline, target)
            if rate is not None:
                rates[value].append(rate)
        return {value: mean(values) for value, values in rates.items()}

    def with_confirmed_level(self) -> DxPointQuerySet:
        """Annotate ``level``: the stored level of a confirmed report, else NULL.

        Roll-ups, filters and carry-forward count achievement only from
        reports the head confirmed.
        """
        return self.annotate(
            level=Case(
                When(report__state=ReportState.CONFIRMED, then=F("report__level")),
                default=None,
                output_field=models.CharField(),
            )
        )


class DxPoint(models.Model):
    """A point where a section applies a DX view to its work in one fiscal year."""

    fiscal_year = models.ForeignKey(
        FiscalYear,
        on_delete=models.PROTECT,
        related_name="points",
        verbose_name=_("fiscal year"),
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.PROTECT,
        related_name="points",
        verbose_name=_("section"),
    )
    title = models.CharField(_("DX point"), max_length=200)
    description = models.TextField(_("description"))
    principles = models.ManyToManyField(
        Principle, related_name="points", verbose_name=_("DX principles")
    )
    plan = models.ForeignKey(
        Plan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="points",
        verbose_name=_("plan"),
    )
    business = models.CharField(
        _("business (事務事業)"),
        max_length=200,
        blank=True,
        help_text=_("The work the point is about, when no plan covers it."),
    )
    focus_areas = models.ManyToManyField(
        FocusArea, blank=True, related_name="points", verbose_name=_("focus areas")
    )
    design_articles = models.ManyToManyField(
        DesignArticle,
        blank=True,
        related_name="points",
        verbose_name=_("service design articles"),
    )
    technologies = models.ManyToManyField(
        Technology, blank=True, related_name="points", verbose_name=_("technologies")
    )
    technology_status = models.CharField(
        _("introduction status"),
        max_length=20,
        choices=TechnologyStatus.choices,
        blank=True,
        help_text=_("How far the point's technologies are introduced."),
    )
    leading_project = models.ForeignKey(
        LeadingProject,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="points",
        verbose_name=_("leading project"),
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    indicator_name = models.CharField(_("indicator"), max_length=100, blank=True)
    indicator_unit = models.CharField(_("unit"), max_length=30, blank=True)
    baseline = models.DecimalField(_("baseline"), null=True, blank=True, **NUMBER)
    target = models.DecimalField(_("target"), null=True, blank=True, **NUMBER)

    state = models.CharField(
        _("state"), max_length=20, choices=PointState.choices, default=PointState.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    is_late = models.BooleanField(_("submitted late"), default=False)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    carried_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_to",
        verbose_name=_("carried forward from"),
    )
    revision = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(
        m2m_fields=[principles, focus_areas, design_articles, technologies],
        excluded_fields=["updated_at"],
    )
    objects = DxPointQuerySet.as_manager()

    class Meta:
        ordering = [
            "fiscal_year",
            "section__department__display_order",
            "section__display_order",
            "pk",
        ]
        verbose_name = _("DX point")
        verbose_name_plural = _("DX points")
        indexes = [
            models.Index(fields=["fiscal_year", "state"]),
            models.Index(fields=["section", "fiscal_year"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(plan__isnull=False) | ~Q(business=""),
                name="point_names_plan_or_business",
                violation_error_message=_(
                    "Choose the plan the point belongs to, "
                    "or name the 事務事業 it is about."
                ),
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        indicator_name="",
                        indicator_unit="",
                        baseline__isnull=True,
                        target__isnull=True,
                    )
                    | (
                        ~Q(indicator_name="")
                        & ~Q(indicator_unit="")
                        & Q(baseline__isnull=False, target__isnull=False)
                    )
                ),
                name="point_indicator_all_or_none",
                violation_error_message=_(
                    "An indicator needs its name, unit, baseline and target."
                ),
            ),
            models.CheckConstraint(
                condition=Q(target__isnull=True) | ~Q(target=F("baseline")),
                name="point_target_differs_from_baseline",
                violation_error_message=_("The target must differ from the baseline."),
            ),
            models.CheckConstraint(
                condition=Q(technology_status="")
                | Q(technology_status__in=TechnologyStatus.values),
                name="point_technology_status_is_a_status",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def has_indicator(self) -> bool:
        return self.target is not None and self.baseline is not None

    @property
    def department(self):
        return self.section.department

    def result_for(self, actual) -> tuple[Fraction | None, str]:
        """Return the rate and level an actual value would earn this point.

        The report form's live preview asks this while the DXer types; it is
        the same rule the saved report follows.
        """
        report = self._meta.get_field("report").related_model(point=self, actual=actual)
        rate = report.rate
        return rate, report.earned_level() if rate is not None else ""

    @property
    def confirmed_report(self) -> AchievementReport | None:  # noqa: F821
        """The year-end report once the head confirmed it, else None."""
        if self.has_report() and self.report.state == ReportState.CONFIRMED:
            return self.report
        return None

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if not self.plan_id and not (self.business or "").strip():
            errors["business"] = [
                _(
                    "Choose the plan the point belongs to, "
                    "or name the 事務事業 it is about."
                )
            ]
        parts = [self.indicator_name, self.indicator_unit, self.baseline, self.target]
        given = [part not in (None, "") for part in parts]
        if any(given) and not all(given):
            names = [
                str(label)
                for label, present in zip(
                    (_("indicator"), _("unit"), _("baseline"), _("target")),
                    given,
                    strict=True,
                )
                if not present
            ]
            errors["indicator_name"] = [
                _(
                    "An indicator needs its name, unit, baseline and target; "
                    "missing: %(names)s."
                )
                % {"names": "、".join(names)}
            ]
        if (
            self.target is not None
            and self.baseline is not None
            and self.target == self.baseline
        ):
            errors["target"] = [_("The target must differ from the baseline.")]
        if errors:
            raise ValidationError(errors)

    # What a person may do with this point, given their roles --------------
    # The states and phases of each step are in ``workflow``; these add who.

    def is_own(self, roles: Roles) -> bool:
        return self.section_id in roles.section_ids

    def is_reviewed_by(self, roles: Roles) -> bool:
        return self.section.department_id in roles.department_ids

    @property
    def unit_name(self) -> str:
        return f"{self.section.department.name} {self.section.name}"

    @staticmethod
    def why_not_create(fiscal_year: FiscalYear, section: Section, roles: Roles):
        """Why ``roles`` may not enter a new point for ``section`` in the year.

        None when they may: the section's DXer, while the year is planned.
        """
        if section.pk not in roles.section_ids:
            return _("You may not enter DX points for %(unit)s: only its DXer can.") % {
                "unit": f"{section.department.name} {section.name}"
            }
        if fiscal_year.phase not in NEW_POINT_PHASES:
            return _(
                "%(year)s is in the “%(phase)s” phase: new DX points are "
                "entered in the planning phase."
            ) % {"year": fiscal_year.label, "phase": fiscal_year.get_phase_display()}
        return None

    def why_not_edit(self, roles: Roles) -> str | None:
        """Why ``roles`` may not change or submit this point now (None: they may).

        The DXer finishes a draft or a returned point, late ones too while
        the year is in progress; an approved point changes only after its
        head returned it.
        """
        if not self.is_own(roles):
            return _("Only the DXer of %(unit)s can change this DX point.") % {
                "unit": self.unit_name
            }
        if EDIT_POINT.allows(self.state, self.fiscal_year.phase):
            return None
        if self.state == PointState.APPROVED:
            return _(
                "DX point %(id)s is approved. Only the department head can "
                "reopen it (return it to the DXer); change it after that."
            ) % {"id": self.pk}
        if self.state == PointState.SUBMITTED:
            return _(
                "DX point %(id)s waits for the department head's review and "
                "cannot change now."
            ) % {"id": self.pk}
        return _(
            "%(year)s is in the “%(phase)s” phase: DX points cannot change now."
        ) % {
            "year": self.fiscal_year.label,
            "phase": self.fiscal_year.get_phase_display(),
        }

    def can_edit(self, roles: Roles) -> bool:
        return self.why_not_edit(roles) is None

    can_submit = can_edit

    def can_delete(self, roles: Roles) -> bool:
        return self.is_own(roles) and DELETE_POINT.allows(
            self.state, self.fiscal_year.phase
        )

    def can_approve(self, roles: Roles) -> bool:
        return self.is_reviewed_by(roles) and REVIEW_POINT.allows(
            self.state, self.fiscal_year.phase
        )

    def can_return(self, roles: Roles) -> bool:
        """The head sends a submitted point back, or reopens an approved one."""
        if not self.is_reviewed_by(roles):
            return False
        phase = self.fiscal_year.phase
        return REVIEW_POINT.allows(self.state, phase) or (
            REOPEN_POINT.allows(self.state, phase) and not self.has_report()
        )

    def why_not_withdraw(self, roles: Roles) -> str | None:
        """Why ``roles`` may not take this submitted point back (None: they may).

        The DXer withdraws a submission (取り下げ) until the head approves or
        returns it; the point becomes a draft again.
        """
        if not self.is_own(roles):
            return _("Only the DXer of %(unit)s can withdraw this DX point.") % {
                "unit": self.unit_name
            }
        if WITHDRAW_POINT.allows(self.state, self.fiscal_year.phase):
            return None
        if self.state in (PointState.APPROVED, PointState.RETURNED):
            return _(
                "The department head has already acted on DX point %(id)s "
                "(%(state)s): it can no longer be withdrawn."
            ) % {"state": self.get_state_display(), "id": self.pk}
        if self.state == PointState.DRAFT:
            return _("DX point %(id)s is not submitted.") % {"id": self.pk}
        return _(
            "%(year)s is in the “%(phase)s” phase: submissions cannot be withdrawn now."
        ) % {
            "year": self.fiscal_year.label,
            "phase": self.fiscal_year.get_phase_display(),
        }

    def can_withdraw(self, roles: Roles) -> bool:
        return self.why_not_withdraw(roles) is None

    def can_comment(self, roles: Roles) -> bool:
        return self.is_own(roles) or self.is_reviewed_by(roles) or roles.is_dx_office

    def can_see_conversation(self, roles: Roles) -> bool:
        """Whether ``roles`` reads the review comments and unconfirmed reports.

        The conversation stays within the section, its department's head and
        the DX office; other staff read approved points (横展開) and their
        confirmed year-end reports only.
        """
        return self.can_comment(roles)

    def return_comment(self, kind: str | None = None) -> Comment | None:
        """The head's latest return comment while the point (or report) is returned.

        ``kind`` is ``CommentKind.RETURN_REPORT`` for the report's; the
        point's by default. None when nothing is returned.
        """
        kind = kind or CommentKind.RETURN_POINT
        if kind == CommentKind.RETURN_POINT:
            returned = self.state == PointState.RETURNED
        else:
            returned = self.has_report() and self.report.state == ReportState.RETURNED
        if not returned:
            return None
        return (
            self.comments.filter(kind=kind)
            .select_related("author")
            .order_by("-created_at", "-pk")
            .first()
        )

    def has_report(self) -> bool:
        try:
            return self.report is not None
        except ObjectDoesNotExist:
            return False

    def why_not_write_report(self, roles: Roles) -> str | None:
        """Why ``roles`` may not write this point's year-end report (None: they may).

        The DXer writes the report of an approved point in the reporting
        phase: a new one, a draft, or one the head returned.
        """
        if not self.is_own(roles):
            return _("Only the DXer of %(unit)s can write its year-end reports.") % {
                "unit": self.unit_name
            }
        if self.state != PointState.APPROVED:
            return _(
                "A year-end report is written for an approved DX point; "
                "DX point %(id)s is not approved."
            ) % {"id": self.pk}
        report = self.report if self.has_report() else None
        # A report not written yet is as open as a draft.
        state = report.state if report is not None else ReportState.DRAFT
        if WRITE_REPORT.allows(state, self.fiscal_year.phase):
            return None
        if state not in WRITE_REPORT.states:
            return _(
                "The year-end report of DX point %(id)s is “%(state)s” and "
                "cannot change now."
            ) % {"id": self.pk, "state": report.get_state_display()}
        return _(
            "%(year)s is in the “%(phase)s” phase: year-end reports are "
            "written in the reporting phase."
        ) % {
            "year": self.fiscal_year.label,
            "phase": self.fiscal_year.get_phase_display(),
        }

    def can_write_report(self, roles: Roles) -> bool:
        return self.why_not_write_report(roles) is None
