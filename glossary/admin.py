from django.contrib import admin
from django.db.models import Max

from .models import Term


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["number", "term", "reading"]
    list_display_links = ["term"]
    search_fields = ["term", "reading", "meaning"]
    ordering = ["number"]
    fields = ["number", "term", "reading", "meaning"]

    def get_changeform_initial_data(self, request):
        """A new term is offered the next free number (after the highest)."""
        initial = super().get_changeform_initial_data(request)
        if "number" not in initial:
            highest = Term.objects.aggregate(highest=Max("number"))["highest"]
            initial["number"] = (highest or 0) + 1
        return initial
