"""The annual report as files: JSON (DESIGN.md's shape), CSV and xlsx.

Each is written from a report's contents (``evaluation.documents``): a
published version's frozen snapshot, or the draft's live figures. Headings
are Japanese whatever the UI language, so that a published version's file is
the same for everyone and on every download.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import UTC, datetime

from django.utils import translation
from django.utils.translation import gettext as _

from initiatives.interchange import stage_name
from initiatives.models import Direction
from iruma_dx.lib.fiscal import fiscal_year_label
from iruma_dx.lib.spreadsheet import csv_bytes, xlsx_bytes

from .rollups import DIRECTIONS

FORMATS = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def filename(document: dict, fmt: str) -> str:
    data = document["figures"]
    return (
        f"annual-report-{data['fiscal_year']}-v{data['version']}-{data['status']}.{fmt}"
    )


def render(document: dict, fmt: str) -> bytes:
    """The report in ``fmt`` (json, csv or xlsx)."""
    return {"json": as_json, "csv": as_csv, "xlsx": as_xlsx}[fmt](document)


def as_json(document: dict) -> bytes:
    """Exactly the shape in DESIGN.md, UTF-8, keys in its order."""
    text = json.dumps(document["figures"], ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def as_csv(document: dict) -> bytes:
    """The point list in the interchange columns, UTF-8 with a BOM."""
    return csv_bytes(document["points"])


def _figure_headings() -> list[str]:
    return [
        _("DX points"),
        _("Confirmed reports"),
        _("Average rate (%)"),
        _("Level A"),
        _("Level B"),
        _("Level C"),
        _("Level D"),
        _("Hours saved per year"),
        _("Full-time equivalents"),
        # Since the second version of the report's figures, after the others.
        _("Cannot be assessed"),
        _("Value (yen)"),
        *(_("Direction: %(name)s") % {"name": label} for label in _direction_labels()),
    ]


def _direction_labels() -> list[str]:
    return [*(str(label) for label in Direction.labels), _("Not entered")]


def _figure_cells(row: dict) -> list:
    """A row's figures; a version published before a key existed leaves it blank."""
    levels = row["levels"]
    directions = row.get("directions", {})
    return [
        row["points"],
        row["confirmed"],
        row["average_rate"],
        levels["A"],
        levels["B"],
        levels["C"],
        levels["D"],
        row["hours_saved"],
        row["fte_saved"],
        row.get("not_assessed", ""),
        row.get("yen_saved", ""),
        *(directions.get(name, "") for name in DIRECTIONS),
    ]


def _sheets(document: dict) -> list[tuple[str, list[list]]]:
    data = document["figures"]
    status = _("Published") if data["status"] == "published" else _("Draft")
    summary = [
        [_("Fiscal year"), fiscal_year_label(data["fiscal_year"])],
        [_("Municipality"), document["municipality"]],
        [_("Status"), status],
        [_("Version"), data["version"]],
        [_("Published at"), document["published_at"] or ""],
        [_("Hours of one full-time year"), document["fte_hours"]],
        [],
        [_("City totals"), *_figure_headings()],
        [_("Whole city"), *_figure_cells(data["totals"])],
        [],
        [_("Overall summary")],
        [document["summary"]],
    ]
    comments = [row["comment"] for row in document["department_comments"]]
    by_department = [[_("Department"), *_figure_headings(), _("Comment")]] + [
        [row["department"], *_figure_cells(row), comment]
        for row, comment in zip(data["by_department"], comments, strict=True)
    ]
    by_principle = [[_("Number"), _("DX principle"), *_figure_headings()]] + [
        [row["number"], row["title"], *_figure_cells(row)]
        for row in data["by_principle"]
    ]
    by_focus_area = [[_("Focus area"), *_figure_headings()]] + [
        [row["name"], *_figure_cells(row)] for row in data["by_focus_area"]
    ]
    by_stage = [[_("Stage"), *_figure_headings()]] + [
        [stage_name(row["stage"]), *_figure_cells(row)] for row in data["by_stage"]
    ]
    by_technology = [[_("Technology"), *_figure_headings()]] + [
        [row["name"], *_figure_cells(row)] for row in data.get("by_technology", [])
    ]
    matrix = document["coverage"]
    coverage = [
        [
            _("Department"),
            *(
                _("Principle %(number)s") % {"number": p["number"]}
                for p in matrix["principles"]
            ),
        ]
    ] + [[row["department"], *row["counts"]] for row in matrix["rows"]]
    years = [[_("Fiscal year"), *_figure_headings()]] + [
        [fiscal_year_label(row["fiscal_year"]), *_figure_cells(row)]
        for row in document["years"]
    ]
    highlights = [
        [
            _("ID"),
            _("Department"),
            _("Section"),
            _("DX point"),
            _("Rate (%)"),
            _("Level"),
            _("Effect"),
            _("Hours saved per year"),
        ]
    ] + [
        [
            row["id"],
            row["department"],
            row["section"],
            row["title"],
            row["rate"],
            row["level"],
            row["effect"],
            row["hours_saved"],
        ]
        for row in document["highlights"]
    ]
    return [
        (_("Summary"), summary),
        (_("By department"), by_department),
        (_("By principle"), by_principle),
        (_("By focus area"), by_focus_area),
        (_("By stage"), by_stage),
        *([(_("By technology"), by_technology)] if "by_technology" in data else []),
        (_("Coverage"), coverage),
        (_("Year over year"), years),
        (_("Highlights"), highlights),
        (_("DX points"), document["points"]),
    ]


def as_xlsx(document: dict) -> bytes:
    """A workbook: the summary, one sheet per roll-up, and every point."""
    with translation.override("ja"):
        data = xlsx_bytes(_sheets(document))
    when = document["published_at"]
    if when is None:
        return data
    return _stamped(data, datetime.fromisoformat(when))


_CORE_TIMES = re.compile(
    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)"
)


def _stamped(data: bytes, when: datetime) -> bytes:
    """Give every part of an xlsx file the same time: equal contents, equal bytes.

    openpyxl writes the current time into the document properties and the
    zip entries; a published version's file carries its publishing time.
    """
    moment = when.astimezone(UTC).replace(microsecond=0, tzinfo=None)
    stamp = moment.isoformat().encode() + b"Z"
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _CORE_TIMES.sub(rb"\g<1>" + stamp + rb"\g<2>", content)
            entry = zipfile.ZipInfo(info.filename, date_time=moment.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, content)
    return buffer.getvalue()
