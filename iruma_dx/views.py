from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection, transaction
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from initiatives.models import Department, FiscalYear, Principle, Section, roles_of


@require_safe
def home(request):
    """One home page, with a panel for each role the person holds."""
    roles = roles_of(request.user)
    context = {"roles": roles, "fiscal_year": FiscalYear.objects.current()}
    if roles.is_dxer:
        context["my_sections"] = Section.objects.filter(
            pk__in=roles.section_ids
        ).select_related("department")
    if roles.is_head:
        context["my_departments"] = _departments_with_sections(
            Department.objects.filter(pk__in=roles.department_ids), roles.year
        )
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
    return render(request, "home.html", context)


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
