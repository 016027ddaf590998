"""The DXer roster: training records of each person, and a year's list (DX office)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from iruma_dx.lib.fiscal import fiscal_year_label

from ..decorators import dx_office_required
from ..forms import TrainingForm
from ..models import Training, User, fiscal_year_today
from ..roster import roster_of
from .organisation import _year_from


@require_http_methods(["GET", "POST"])
@dx_office_required
def training_add(request, pk: int):
    """Record a course the person took (人材育成)."""
    person = get_object_or_404(User, pk=pk)
    form = TrainingForm(request.POST or None, user=person)
    if request.method == "POST" and form.is_valid():
        form.instance.created_by = request.user
        form.save()
        messages.success(request, _("The training was recorded."))
        return redirect("initiatives:person", pk=person.pk)
    return render(
        request, "initiatives/training_form.html", {"form": form, "person": person}
    )


@require_POST
@dx_office_required
def training_delete(request, pk: int):
    training = get_object_or_404(Training, pk=pk)
    training.delete()
    messages.success(request, _("The training record was deleted."))
    return redirect("initiatives:person", pk=training.user_id)


@require_safe
@dx_office_required
def training_list(request):
    """Every training record of a fiscal year, with the year's roster figures."""
    year = _year_from(request, fiscal_year_today())
    trainings = Training.objects.in_fiscal_year(year).select_related("user")
    return render(
        request,
        "initiatives/training_list.html",
        {
            "year": year,
            "year_label": fiscal_year_label(year),
            "years": [
                {"year": option, "label": fiscal_year_label(option)}
                for option in range(
                    fiscal_year_today() + 1, fiscal_year_today() - 6, -1
                )
            ],
            "trainings": trainings,
            "roster": roster_of(year),
        },
    )
