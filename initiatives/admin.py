"""Django admin for the reference data, people and the organisation.

Writes that the portal records in a history or as phase changes go through
its pages and services, so here those fields are read-only: a fiscal year's
phase (年度管理 moves it and records who and why), and a unit's name and life
span (組織: renaming keeps the old name for past years; retiring ends its
roles). Threshold changes are saved through the same service as the
portal's page, which works out the reports' levels again.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from iruma_dx.lib.permissions import TranslatedPermissions

from . import services
from .models import (
    Assignment,
    Department,
    DesignArticle,
    FiscalYear,
    FocusArea,
    LeadingProject,
    PhaseChange,
    Plan,
    Principle,
    Section,
    User,
)


@admin.register(User)
class StaffAdmin(TranslatedPermissions, UserAdmin):
    list_display = ["username", "last_name", "first_name", "email", "is_active"]


# Renamed and retired through the portal's organisation pages only.
UNIT_HISTORY_FIELDS = ["name", "active_from", "retired_from"]


class UnitAdmin(admin.ModelAdmin):
    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ["retired_from"]
        return [*UNIT_HISTORY_FIELDS, *self.history_fields]

    history_fields: list[str] = []


class SectionInline(admin.TabularInline):
    model = Section
    fields = ["name", "code", "display_order", "active_from", "retired_from"]
    readonly_fields = UNIT_HISTORY_FIELDS
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Department)
class DepartmentAdmin(UnitAdmin):
    list_display = ["name", "code", "display_order", "active_from", "retired_from"]
    search_fields = ["name", "code"]
    inlines = [SectionInline]


@admin.register(Section)
class SectionAdmin(UnitAdmin):
    list_display = ["name", "department", "code", "active_from", "retired_from"]
    list_filter = ["department"]
    search_fields = ["name", "code"]
    raw_id_fields = ["predecessor"]
    history_fields = ["department", "predecessor"]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "section", "department", "start_year", "end_year"]
    list_filter = ["role", "start_year"]
    search_fields = ["user__username", "user__last_name", "section__name"]
    raw_id_fields = ["user", "created_by"]


class PhaseChangeInline(admin.TabularInline):
    model = PhaseChange
    fields = ["from_phase", "to_phase", "reason", "changed_by", "changed_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(FiscalYear)
class FiscalYearAdmin(admin.ModelAdmin):
    list_display = ["year", "phase", "target_deadline", "report_deadline"]
    inlines = [PhaseChangeInline]
    readonly_fields = ["year", "phase", "created_at", "created_by"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_closed:  # a closed year is read-only
            return [field.name for field in obj._meta.fields]
        return self.readonly_fields

    def has_add_permission(self, request) -> bool:
        # Opened on the portal's 年度管理 page, which records the first phase.
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        services.update_year_settings(
            obj,
            fields={name: form.cleaned_data[name] for name in form.changed_data},
            by=request.user,
        )


@admin.register(Principle)
class PrincipleAdmin(admin.ModelAdmin):
    list_display = ["number", "title"]


@admin.register(FocusArea)
class FocusAreaAdmin(admin.ModelAdmin):
    list_display = ["number", "name"]


@admin.register(DesignArticle)
class DesignArticleAdmin(admin.ModelAdmin):
    list_display = ["number", "title"]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["title", "department", "start_year", "end_year"]
    list_filter = ["department"]
    search_fields = ["title"]


@admin.register(LeadingProject)
class LeadingProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "lead_department"]
    filter_horizontal = ["departments"]
