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
from django.utils.translation import gettext_lazy as _

from iruma_dx.lib.permissions import TranslatedPermissions

from . import services
from .models import (
    AchievementReport,
    Assignment,
    Department,
    DesignArticle,
    FiscalYear,
    FocusArea,
    LeadingProject,
    NationalPlanEdition,
    PhaseChange,
    Plan,
    Principle,
    Section,
    Technology,
    Training,
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
    list_display = [
        "user",
        "role",
        "section",
        "department",
        "start_year",
        "end_year",
        "appointed_on",
        "ended_on",
    ]
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
    list_display = [
        "year",
        "phase",
        "target_deadline",
        "report_deadline",
        "focus_area_edition",
        "hourly_cost",
    ]
    inlines = [PhaseChangeInline]
    # The edition is chosen when the year is opened: its points are tagged from it.
    readonly_fields = [
        "year",
        "phase",
        "focus_area_edition",
        "created_at",
        "created_by",
    ]

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


class FocusAreaInline(admin.TabularInline):
    model = FocusArea
    fields = ["number", "name"]
    extra = 0


@admin.register(NationalPlanEdition)
class NationalPlanEditionAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "published_on"]
    inlines = [FocusAreaInline]


@admin.register(FocusArea)
class FocusAreaAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "edition"]
    list_filter = ["edition"]


@admin.register(Technology)
class TechnologyAdmin(admin.ModelAdmin):
    list_display = ["name", "display_order"]
    search_fields = ["name"]


@admin.register(Training)
class TrainingAdmin(admin.ModelAdmin):
    list_display = ["user", "course", "taken_on", "hours"]
    list_filter = ["taken_on"]
    search_fields = ["user__username", "user__last_name", "course"]
    raw_id_fields = ["user", "created_by"]


@admin.register(AchievementReport)
class AchievementReportAdmin(admin.ModelAdmin):
    """Year-end reports, for the administrators (the DXers use the portal's form)."""

    list_display = ["point", "state", "level", "hours_basis", "hours_saved"]
    list_filter = ["state", "level", "hours_basis", "direction"]
    search_fields = ["point__title"]
    raw_id_fields = ["point", "reviewed_by"]
    readonly_fields = ["level", "basis_in_words"]

    @admin.display(description=_("hours the basis gives"))
    def basis_in_words(self, report: AchievementReport) -> str:
        # Saving stores these hours: AchievementReport.save() applies the basis.
        return report.explain_basis() if report.pk else "—"


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
