"""Pages of the evaluation app, one module per part.

``reports``: published annual reports and their kept files; ``drafts``: the
DX office's draft, department comments, preview and publishing;
``dashboard``: the year's progress and reminders; ``survey``: the national
survey pack; ``common``: what they share.
"""

from .dashboard import dashboard, remind_open_items
from .drafts import (
    draft_department,
    draft_edit,
    draft_export,
    draft_preview,
    draft_publish,
)
from .reports import (
    annual_report_latest,
    annual_report_list,
    annual_report_version,
    version_export,
)
from .survey import survey_download, survey_page

__all__ = [
    "annual_report_latest",
    "annual_report_list",
    "annual_report_version",
    "dashboard",
    "draft_department",
    "draft_edit",
    "draft_export",
    "draft_preview",
    "draft_publish",
    "remind_open_items",
    "survey_download",
    "survey_page",
    "version_export",
]
