from django.contrib import admin

from .models import Term


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["number", "term", "reading"]
    list_display_links = ["term"]
    search_fields = ["term", "reading", "meaning"]
    ordering = ["number"]
    fields = ["number", "term", "reading", "meaning"]
