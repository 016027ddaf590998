from django.urls import path

from . import views

app_name = "evaluation"

urlpatterns = [
    path("reports/", views.annual_report_list, name="annual_report_list"),
    path(
        "reports/<fiscal_year:year>/", views.annual_report_latest, name="annual_report"
    ),
    path(
        "reports/<fiscal_year:year>/v<int:version>/",
        views.annual_report_version,
        name="version",
    ),
    path(
        "reports/<fiscal_year:year>/v<int:version>/report.<str:fmt>",
        views.version_export,
        name="version_export",
    ),
    # The DX office's draft of the next version
    path("reports/<fiscal_year:year>/draft/", views.draft_edit, name="draft"),
    path(
        "reports/<fiscal_year:year>/draft/preview/", views.draft_preview, name="preview"
    ),
    path(
        "reports/<fiscal_year:year>/draft/publish/", views.draft_publish, name="publish"
    ),
    path(
        "reports/<fiscal_year:year>/draft/report.<str:fmt>",
        views.draft_export,
        name="draft_export",
    ),
    path("dashboard/", views.dashboard, name="dashboard"),
]
