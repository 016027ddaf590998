from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import AnnualReport, DepartmentComment, ReminderLog


class DepartmentCommentInline(admin.TabularInline):
    model = DepartmentComment
    fields = ["department", "body"]
    extra = 0


@admin.register(AnnualReport)
class AnnualReportAdmin(SimpleHistoryAdmin):
    """Published versions are frozen: the admin shows them read-only."""

    list_display = ["fiscal_year", "version", "status", "published_at", "updated_at"]
    list_filter = ["status", "fiscal_year"]
    readonly_fields = [
        "status",
        "version",
        "published_at",
        "published_by",
        "edit_revision",
    ]
    raw_id_fields = ["highlights", "updated_by"]
    inlines = [DepartmentCommentInline]

    @admin.display(description=_("revision"))
    def edit_revision(self, obj) -> int:
        return obj.revision

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_published:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_published:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ["sent_on", "recipient", "email", "subject"]
    list_filter = ["sent_on"]
    search_fields = ["recipient__username", "email"]
    readonly_fields = ["recipient", "sent_on", "sent_at", "email", "subject", "body"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
