from django.urls import path, register_converter

from . import survey_views, views


class ReportFileConverter:
    """The extension of a report's file: report.pdf, report.xlsx, … (else 404)."""

    regex = "pdf|xlsx|csv|json"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


register_converter(ReportFileConverter, "report_file")

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
        "reports/<fiscal_year:year>/v<int:version>/report.<report_file:fmt>",
        views.version_export,
        name="version_export",
    ),
    path(
        "reports/<fiscal_year:year>/v<int:version>/opendata.zip",
        views.version_export,
        {"fmt": "opendata"},
        name="version_opendata",
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
        "reports/<fiscal_year:year>/draft/report.<report_file:fmt>",
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
    # The phase page's button (initiatives:year_phase): remind people now
    path(
        "years/<fiscal_year:year>/remind/",
        views.remind_open_items,
        name="remind_open_items",
    ),
]
