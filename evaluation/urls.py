from django.urls import path, register_converter

from . import survey_views, views


class FiscalYearConverter:
    """A fiscal year in a URL: four digits (a larger number is no year, 404)."""

    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


register_converter(FiscalYearConverter, "fiscal_year")

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
    # The national survey pack (the DX office)
    path("dashboard/survey/", survey_views.survey_page, name="survey"),
    path(
        "dashboard/survey/<fiscal_year:year>/pack.<str:fmt>",
        survey_views.survey_download,
        name="survey_download",
    ),
]
