"""The Vision's yardsticks, shown to every signed-in member of staff."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..models import DesignArticle, FocusArea, Principle, Stage


@require_safe
def vision(request):
    stages = [
        {
            "value": stage.value,
            "label": stage.label,
            "description": Stage.describe(stage),
        }
        for stage in Stage
    ]
    return render(
        request,
        "initiatives/vision.html",
        {
            "principles": Principle.objects.all(),
            "focus_areas": FocusArea.objects.all(),
            "articles": DesignArticle.objects.all(),
            "stages": stages,
        },
    )
