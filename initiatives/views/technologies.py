"""The technologies points name: the national survey's, and those the DX office adds."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..decorators import dx_office_required
from ..forms import TechnologyForm
from ..models import Technology


@require_http_methods(["GET", "POST"])
@dx_office_required
def technology_list(request):
    """The list, and a form to add one."""
    form = TechnologyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        technology = form.save()
        messages.success(
            request, _("“%(name)s” was added.") % {"name": technology.name}
        )
        return redirect("initiatives:technology_list")
    technologies = Technology.objects.annotate(point_count=Count("points"))
    return render(
        request,
        "initiatives/technology_list.html",
        {"form": form, "technologies": technologies},
    )


@require_http_methods(["GET", "POST"])
@dx_office_required
def technology_edit(request, pk: int):
    """Rename or reorder one; the points that name it keep it."""
    technology = get_object_or_404(Technology, pk=pk)
    form = TechnologyForm(request.POST or None, instance=technology)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The technology was saved."))
        return redirect("initiatives:technology_list")
    return render(
        request,
        "initiatives/technology_form.html",
        {"form": form, "technology": technology},
    )
