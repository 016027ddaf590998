from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection, transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from evaluation.models import AnnualReport
from evaluation.reminders import reminders_for
from initiatives.models import (
    Department,
    DxPoint,
    FiscalYear,
    Notification,
    PhaseNotice,
    Principle,
    Section,
    roles_of,
)

from .accessibility import AXE_CORE_VERSION, LATEST_TEST, STANDARD, TARGET_LEVEL


@require_safe
def home(request):
    """One home page, a panel per role; the panels ask the apps' own queries."""
    roles = roles_of(request.user)
    context = {
        "roles": roles,
        # "This year" (README): the status bar and the DXer's panel name it.
        "fiscal_year": FiscalYear.objects.this_year(),
        "notifications": Notification.objects.unread_for(request.user)[:10],
        "phase_notices": PhaseNotice.objects.unread_for(request.user)[:5],
        # What is due soon or waiting, as send_reminders e-mails it.
        "reminders": reminders_for(request.user),
    }
    if roles.is_dxer:
        context["my_sections"] = Section.objects.of_dxer(roles)
        context["todo"] = DxPoint.objects.of_sections(roles).todo_by_year()
    if roles.is_head:
        context["my_departments"] = list(
            Department.objects.reviewable_by(roles).with_sections(roles.year)
        )
        context["waiting"] = DxPoint.objects.for_review_by(roles).waiting_for_review()
    if roles.is_dx_office:
        departments = list(
            Department.objects.active_in(roles.year).with_sections(roles.year)
        )
        context["all_departments"] = departments
        context["sections_without_dxer"] = _without_dxer(departments)
        context["open_years"] = FiscalYear.objects.open()
    if not roles.has_any:
        context["principles"] = Principle.objects.all()
        context["published_annual_reports"] = (
            AnnualReport.objects.latest_versions()
            .without_contents()
            .select_related("fiscal_year")
            .order_by("-fiscal_year")
        )
    return render(request, "home.html", context)


def _without_dxer(departments) -> list:
    """The sections of departments read ``with_sections`` that have no DXer."""
    return [
        section
        for department in departments
        for section in department.year_sections
        if section.holder is None
    ]


@login_not_required
@require_safe
def accessibility(request):
    """The accessibility statement (アクセシビリティ方針): public, like the glossary."""
    return render(
        request,
        "accessibility.html",
        {
            "standard": STANDARD,
            "target_level": TARGET_LEVEL,
            "axe_core_version": AXE_CORE_VERSION,
            "test": LATEST_TEST,
        },
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
