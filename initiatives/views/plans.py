"""Plans (行政計画) kept by departments and leading projects kept by the DX office."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from ..decorators import dx_office_required, head_or_dx_office_required
from ..forms import LeadingProjectForm, PlanForm
from ..models import LeadingProject, Plan, roles_of


@require_safe
def plan_list(request):
    roles = roles_of(request.user)
    plans = Plan.objects.select_related("department")
    editable = set(Plan.objects.editable_by(roles).values_list("pk", flat=True))
    projects = LeadingProject.objects.select_related(
        "lead_department"
    ).prefetch_related("departments")
    return render(
        request,
        "initiatives/plan_list.html",
        {
            "plans": plans,
            "editable": editable,
            "projects": projects,
            "can_add_plan": roles.is_head or roles.is_dx_office,
        },
    )


def _get_plan_for_user(request, pk: int) -> Plan:
    """Return a plan the signed-in person may edit, or 404."""
    return get_object_or_404(Plan.objects.editable_by(roles_of(request.user)), pk=pk)


@require_http_methods(["GET", "POST"])
@head_or_dx_office_required
def plan_edit(request, pk: int | None = None):
    plan = _get_plan_for_user(request, pk) if pk else None
    form = PlanForm(request.POST or None, instance=plan, roles=roles_of(request.user))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The plan was saved."))
        return redirect("initiatives:plan_list")
    return render(request, "initiatives/plan_form.html", {"form": form, "plan": plan})


@require_http_methods(["GET", "POST"])
@dx_office_required
def project_edit(request, pk: int | None = None):
    project = get_object_or_404(LeadingProject, pk=pk) if pk else None
    form = LeadingProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The leading project was saved."))
        return redirect("initiatives:plan_list")
    return render(
        request, "initiatives/project_form.html", {"form": form, "project": project}
    )
