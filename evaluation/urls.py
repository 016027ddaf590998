from django.urls import path

from . import views

app_name = "evaluation"

urlpatterns = [
    path("reports/", views.report_list, name="report_list"),
    path("reports/<int:year>/", views.report_latest, name="report"),
    path("reports/<int:year>/v<int:version>/", views.report_version, name="version"),
    path(
        "reports/<int:year>/v<int:version>/report.<str:fmt>",
        views.version_export,
        name="version_export",
    ),
    # The DX office's draft of the next version
    path("reports/<int:year>/draft/", views.draft_edit, name="draft"),
    path("reports/<int:year>/draft/preview/", views.draft_preview, name="preview"),
    path("reports/<int:year>/draft/publish/", views.draft_publish, name="publish"),
    path(
        "reports/<int:year>/draft/report.<str:fmt>",
        views.draft_export,
        name="draft_export",
    ),
    path("dashboard/", views.dashboard, name="dashboard"),
]
