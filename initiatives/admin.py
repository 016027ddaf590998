from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

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
class StaffAdmin(UserAdmin):
    list_display = ["username", "last_name", "first_name", "email", "is_active"]


class SectionInline(admin.TabularInline):
    model = Section
    fields = ["name", "code", "display_order", "active_from", "retired_from"]
    extra = 0
    show_change_link = True


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "display_order", "active_from", "retired_from"]
    search_fields = ["name", "code"]
    inlines = [SectionInline]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "department", "code", "active_from", "retired_from"]
    list_filter = ["department"]
    search_fields = ["name", "code"]
    raw_id_fields = ["predecessor"]


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


@admin.register(FiscalYear)
class FiscalYearAdmin(admin.ModelAdmin):
    list_display = ["year", "phase", "target_deadline", "report_deadline"]
    inlines = [PhaseChangeInline]
    readonly_fields = ["created_at", "created_by"]


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
