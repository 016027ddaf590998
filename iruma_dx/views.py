from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection, transaction
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from evaluation.models import AnnualReport
from evaluation.reminders import reminders_for
from initiatives.models import (
    AchievementReport,
    Department,
    DxPoint,
    FiscalYear,
    Notification,
    Phase,
    PointState,
    Principle,
    ReportState,
    Section,
    roles_of,
)


@require_safe
def home(request):
    """One home page, with a panel for each role the person holds."""
    roles = roles_of(request.user)
    context = {"roles": roles, "fiscal_year": FiscalYear.objects.newest()}
    context["notifications"] = Notification.objects.filter(
        recipient=request.user, read_at__isnull=True
    ).select_related("point")[:10]
    # What is due soon or waiting, as send_reminders e-mails it.
    context["reminders"] = reminders_for(request.user)
    if roles.is_dxer:
        context["my_sections"] = Section.objects.filter(
            pk__in=roles.section_ids
        ).select_related("department")
        context["todo"] = _dxer_todo(roles)
    if roles.is_head:
        context["my_departments"] = _departments_with_sections(
            Department.objects.filter(pk__in=roles.department_ids), roles.year
        )
        context["waiting"] = _head_waiting(roles)
    if roles.is_dx_office:
        departments = _departments_with_sections(
            Department.objects.active_in(roles.year), roles.year
        )
        context["all_departments"] = departments
        context["sections_without_dxer"] = [
            section
            for department in departments
            for section in department.year_sections
            if section.holder is None
        ]
        context["open_years"] = FiscalYear.objects.exclude(phase="closed")
    if not roles.has_any:
        context["principles"] = Principle.objects.all()
        context["published_annual_reports"] = (
            AnnualReport.objects.latest_versions()
            .select_related("fiscal_year")
            .defer("snapshot", "frozen_points")
            .order_by("-fiscal_year")
        )
    return render(request, "home.html", context)


def _dxer_todo(roles) -> list[dict]:
    """Per open fiscal year: drafts to submit, returned items, reports to write."""
    open_years = FiscalYear.objects.exclude(phase=Phase.CLOSED)
    points = DxPoint.objects.of_sections(roles).filter(fiscal_year__in=open_years)
    rows = (
        points.values("fiscal_year")
        .annotate(
            drafts=Count("pk", filter=Q(state=PointState.DRAFT)),
            returned=Count("pk", filter=Q(state=PointState.RETURNED)),
            reports_to_write=Count(
                "pk",
                filter=Q(state=PointState.APPROVED, fiscal_year__phase=Phase.REPORTING)
                & (
                    Q(report__isnull=True)
                    | Q(report__state__in=[ReportState.DRAFT, ReportState.RETURNED])
                ),
            ),
        )
        .order_by("-fiscal_year")
    )
    years = {year.year: year for year in open_years}
    return [
        {**row, "fiscal_year": years[row["fiscal_year"]]}
        for row in rows
        if row["drafts"] or row["returned"] or row["reports_to_write"]
    ]


def _head_waiting(roles) -> dict:
    open_years = FiscalYear.objects.exclude(phase=Phase.CLOSED)
    return {
        "points": DxPoint.objects.for_review_by(roles)
        .filter(state=PointState.SUBMITTED, fiscal_year__in=open_years)
        .count(),
        "reports": AchievementReport.objects.filter(
            point__section__department_id__in=roles.department_ids,
            state=ReportState.SUBMITTED,
            point__fiscal_year__in=open_years,
        ).count(),
    }


def _departments_with_sections(departments, year: int) -> list[Department]:
    sections = Section.objects.active_in(year).with_holders(year)
    return list(
        departments.with_holders(year).prefetch_related(
            Prefetch("sections", queryset=sections, to_attr="year_sections")
        )
    )


@login_not_required
@never_cache
@require_safe
@transaction.non_atomic_requests  # the request's transaction would fail first
def healthz(request):
    """Answer 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse(
            "database unavailable\n", status=503, content_type="text/plain"
        )
    return HttpResponse("ok\n", content_type="text/plain")


def locked_out(request, original_response=None, credentials=None):
    """Explain a login lockout (django-axes) in the person's language, with its end."""
    from django.conf import settings
    from django.utils import timezone

    until = timezone.localtime() + settings.AXES_COOLOFF_TIME
    context = {
        "until": until,
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    return render(request, "registration/locked_out.html", context, status=429)


def client_ip(request) -> str:
    """The address a request came from, as django-axes records it.

    Behind our nginx the last X-Forwarded-For entry is the address nginx saw;
    entries before it can be forged by the client.
    """
    from django.conf import settings

    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.BEHIND_PROXY and forwarded:
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")
