"""The annual report as files: JSON (DESIGN.md's shape), CSV, xlsx, PDF, open data.

Each is written from a report's contents (``evaluation.documents``): a
published version's frozen snapshot, or the draft's live figures. Headings
are Japanese whatever the UI language, so that a published version's file is
the same for everyone and on every download. A published version's files are
written once, when it is published, and kept (``PublishedFile``).
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from initiatives.interchange import stage_name
from initiatives.models import Direction
from initiatives.point_sheets import point_sheet
from iruma_dx.lib.dates import japanese_date
from iruma_dx.lib.fiscal import fiscal_year_label
from iruma_dx.lib.spreadsheet import Cell, Sheet, csv_bytes, xlsx_bytes

from .headlines import fte_two_decimals, share


def as_json(document: dict) -> bytes:
    """Exactly the shape in DESIGN.md, UTF-8, keys in its order."""
    text = json.dumps(document["figures"], ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def as_csv(document: dict) -> bytes:
    """The point list in the interchange columns, UTF-8 with a BOM."""
    return csv_bytes(document["points"])


def as_pdf(document: dict) -> bytes:
    from .pdf import render_pdf  # WeasyPrint loads only when a PDF is made

    return render_pdf(document)


def as_opendata(document: dict) -> bytes:
    from .opendata import opendata_zip

    return opendata_zip(document)


def downloads(data: dict, *, preview: bool) -> list[dict]:
    """The report page's download links: the draft's, or a published version's."""
    year, version = data["fiscal_year"], data["version"]
    links = []
    for fmt in FORMATS.values():
        if preview:
            if fmt.name == "opendata":
                continue  # open data is what a published version hands out
            url = reverse("evaluation:draft_export", args=[year, fmt.extension])
        elif fmt.name == "opendata":
            url = reverse("evaluation:version_opendata", args=[year, version])
        else:
            url = reverse(
                "evaluation:version_export", args=[year, version, fmt.extension]
            )
        links.append({"format": fmt.name, "url": url, "label": fmt.label})
    return links


def department_comments(document: dict) -> list[dict]:
    """The departments the DX office commented on, with the comment."""
    return [row for row in document["department_comments"] if row["comment"].strip()]


# The workbook ----------------------------------------------------------------


def _direction_text(label) -> str:
    return _("Direction: %(name)s") % {"name": label}


_direction_heading = lazy(_direction_text, str)


# (key, heading, number format): the figure columns of a roll-up row. Keys
# that a document's rows do not carry (the second version of the format's
# not_assessed and yen_saved) are left out.
FIGURE_COLUMNS = (
    ("points", gettext_lazy("DX points"), "integer"),
    ("confirmed", gettext_lazy("Confirmed reports"), "integer"),
    ("average_rate", gettext_lazy("Average rate (%)"), "rate"),
    ("A", gettext_lazy("Level A"), "integer"),
    ("B", gettext_lazy("Level B"), "integer"),
    ("C", gettext_lazy("Level C"), "integer"),
    ("D", gettext_lazy("Level D"), "integer"),
    ("not_assessed", gettext_lazy("Cannot be assessed"), "integer"),
    ("hours_saved", gettext_lazy("Hours saved per year"), "hours"),
    ("fte_saved", gettext_lazy("Full-time equivalents"), "fte"),
    ("yen_saved", gettext_lazy("Yen saved per year"), "yen"),
    # Reports per direction for next year (今後の方向性), then those without one.
    *(
        (f"directions.{value}", _direction_heading(label), "integer")
        for value, label in [*Direction.choices, ("unset", gettext_lazy("Not entered"))]
    ),
)
LEVEL_KEYS = ("A", "B", "C", "D")


def figure_columns(sample: dict) -> list[tuple[str, str, str]]:
    """The figure columns a roll-up row like ``sample`` has."""
    return [
        (key, str(heading), fmt)
        for key, heading, fmt in FIGURE_COLUMNS
        if key in LEVEL_KEYS or key.split(".")[0] in sample
    ]


def figure_value(row: dict, key: str):
    """One figure of a roll-up row, as the files write it (FTE to two decimals)."""
    if key in LEVEL_KEYS:
        return row["levels"][key]
    if key == "fte_saved":
        return fte_two_decimals(row["fte_saved"])
    if key.startswith("directions."):
        return row["directions"][key.split(".", 1)[1]]
    return row[key]


def _table(
    title: str,
    names: list[str],
    name_formats: list[str],
    rows: list[tuple[list, dict]],
    columns: list[tuple[str, str, str]],
    *,
    header_text: str,
    extra: tuple[tuple[str, str], ...] = (),
    extra_values: list[list] | None = None,
) -> Sheet:
    """A roll-up as a sheet: the naming columns, the figures, any extra columns."""
    header = [*names, *(heading for _key, heading, _fmt in columns)]
    header += [heading for heading, _fmt in extra]
    formats = dict(enumerate([*name_formats, *(fmt for _k, _h, fmt in columns)]))
    formats.update(
        {len(header) - len(extra) + index: fmt for index, (_h, fmt) in enumerate(extra)}
    )
    body = []
    for index, (naming, row) in enumerate(rows):
        cells = [*naming, *(figure_value(row, key) for key, _h, _f in columns)]
        if extra_values is not None:
            cells += extra_values[index]
        body.append(cells)
    return Sheet(
        title,
        [header, *body],
        formats={column: fmt for column, fmt in formats.items() if fmt},
        header_text=header_text,
        freeze_columns=len(names),
    )


def _header_text(document: dict) -> str:
    data = document["figures"]
    text = _("%(municipality)s %(year)s annual report, version %(version)s") % {
        "municipality": document["municipality"],
        "year": fiscal_year_label(data["fiscal_year"]),
        "version": data["version"],
    }
    if data["status"] != "published":
        text += " " + _("(draft, not published)")
    return text


def published_moment(document: dict) -> datetime | None:
    when = document["published_at"]
    return datetime.fromisoformat(when) if when else None


def coverage_text(totals: dict) -> str:
    """What the figures count, in a sentence: points, confirmed reports, share."""
    ratio = share(totals["confirmed"], totals["points"])
    return _(
        "Of %(points)s approved DX points, %(confirmed)s have a year-end report "
        "confirmed by the department head (%(share)s)."
    ) % {
        "points": f"{totals['points']:,}",
        "confirmed": f"{totals['confirmed']:,}",
        "share": "—" if ratio is None else f"{ratio}%",
    }


def _cover(document: dict) -> Sheet:
    data = document["figures"]
    totals = data["totals"]
    moment = published_moment(document)
    thresholds = document["thresholds"]
    status = _("Published") if data["status"] == "published" else _("Draft")
    rows = [
        [
            Cell(
                _("%(municipality)s DX Vision annual report")
                % {"municipality": document["municipality"]},
                "title",
            )
        ],
        [],
        [Cell(_("Fiscal year"), "label"), fiscal_year_label(data["fiscal_year"])],
        [Cell(_("Fiscal year (Western)"), "label"), Cell(data["fiscal_year"], "code")],
        [Cell(_("Version"), "label"), _("Version %(n)s") % {"n": data["version"]}],
        [Cell(_("Status"), "label"), status],
        [
            Cell(_("Published on"), "label"),
            japanese_date(moment) if moment else _("Not published"),
        ],
        [Cell(_("Published at (Japan time)"), "label"), moment or ""],
        [
            Cell(_("Prepared by"), "label"),
            f"{document['municipality']} "
            + _("Digital Administration Promotion Division"),
        ],
        [Cell(_("What is counted"), "label"), coverage_text(totals)],
        [Cell(_("DX points"), "label"), Cell(totals["points"], "integer")],
        [Cell(_("Confirmed reports"), "label"), Cell(totals["confirmed"], "integer")],
        [
            Cell(_("Share of reports confirmed"), "label"),
            Cell(share(totals["confirmed"], totals["points"]), "rate"),
        ],
        [
            Cell(_("Hours of one full-time year"), "label"),
            Cell(document["fte_hours"], "integer"),
        ],
        [
            Cell(_("Levels"), "label"),
            _("A from %(a)s%%, B from %(b)s%%, C from %(c)s%%, otherwise D")
            % {"a": thresholds["A"], "b": thresholds["B"], "c": thresholds["C"]},
        ],
        [Cell(_("Overall summary"), "label"), Cell(document["summary"], "wrap")],
    ]
    return Sheet(
        _("Cover"),
        rows,
        header_rows=0,
        autofilter=False,
        landscape=False,
        header_text=_header_text(document),
    )


def _sheets(document: dict) -> list[Sheet]:
    data = document["figures"]
    header_text = _header_text(document)
    columns = figure_columns(data["totals"])

    def table(title, names, name_formats, rows, **extra) -> Sheet:
        return _table(
            title, names, name_formats, rows, columns, header_text=header_text, **extra
        )

    comments = [row["comment"] for row in document["department_comments"]]
    matrix = document["coverage"]
    coverage = Sheet(
        _("Coverage"),
        [
            [
                _("Department"),
                *(
                    _("Principle %(number)s") % {"number": p["number"]}
                    for p in matrix["principles"]
                ),
            ],
            *([row["department"], *row["counts"]] for row in matrix["rows"]),
        ],
        formats={index + 1: "integer" for index in range(len(matrix["principles"]))},
        header_text=header_text,
        freeze_columns=1,
    )
    highlights = Sheet(
        _("Highlights"),
        [
            [
                _("ID"),
                _("Department"),
                _("Section"),
                _("DX point"),
                _("Rate (%)"),
                _("Level"),
                _("Effect"),
                _("Hours saved per year"),
            ],
            *(
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
            ),
        ],
        formats={0: "code", 4: "rate", 7: "hours"},
        header_text=header_text,
    )
    return [
        _cover(document),
        table(
            _("Summary"), [_("Roll-up")], [""], [([_("Whole city")], data["totals"])]
        ),
        table(
            _("By department"),
            [_("Department")],
            [""],
            [([row["department"]], row) for row in data["by_department"]],
            extra=((_("Comment"), "wrap"),),
            extra_values=[[comment] for comment in comments],
        ),
        table(
            _("By principle"),
            [_("Number"), _("DX principle")],
            ["code", ""],
            [([row["number"], row["title"]], row) for row in data["by_principle"]],
        ),
        table(
            _("By focus area"),
            [_("Focus area")],
            [""],
            [([row["name"]], row) for row in data["by_focus_area"]],
        ),
        table(
            _("By stage"),
            [_("Stage")],
            [""],
            [([stage_name(row["stage"])], row) for row in data["by_stage"]],
        ),
        *(
            [
                table(
                    _("By technology"),
                    [_("Technology")],
                    [""],
                    [([row["name"]], row) for row in data["by_technology"]],
                )
            ]
            if "by_technology" in data
            else []
        ),
        coverage,
        table(
            _("Year over year"),
            [_("Fiscal year"), _("Fiscal year (Western)")],
            ["", "code"],
            [
                ([fiscal_year_label(row["fiscal_year"]), row["fiscal_year"]], row)
                for row in document["years"]
            ],
        ),
        highlights,
        point_sheet(_("DX points"), document["points"], header_text=header_text),
    ]


def as_xlsx(document: dict) -> bytes:
    """A workbook that prints: a cover, one sheet per roll-up, and every point."""
    with translation.override("ja"):
        data = xlsx_bytes(_sheets(document))
    moment = published_moment(document)
    if moment is None:
        return data
    return _stamped(data, moment)


_CORE_TIMES = re.compile(
    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)"
)


def _stamped(data: bytes, when: datetime) -> bytes:
    """Give every part of an xlsx file the same time: equal contents, equal bytes.

    The writer puts the current time into the document properties and the
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


# Every file of a report ---------------------------------------------------------


@dataclass(frozen=True)
class FileFormat:
    name: str
    extension: str
    content_type: str
    label: Promise  # what the download link says
    render: Callable[[dict], bytes]
    text: bool = False  # the command may print it


FORMATS: dict[str, FileFormat] = {
    fmt.name: fmt
    for fmt in (
        FileFormat(
            "pdf",
            "pdf",
            "application/pdf",
            gettext_lazy("PDF: the report as it is printed"),
            as_pdf,
        ),
        FileFormat(
            "xlsx",
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            gettext_lazy("Excel workbook (xlsx): every roll-up and every point"),
            as_xlsx,
        ),
        FileFormat(
            "csv",
            "csv",
            "text/csv; charset=utf-8",
            gettext_lazy("CSV: every point in the interchange columns"),
            as_csv,
            text=True,
        ),
        FileFormat(
            "json",
            "json",
            "application/json",
            gettext_lazy("JSON: the figures"),
            as_json,
            text=True,
        ),
        FileFormat(
            "opendata",
            "zip",
            "application/zip",
            gettext_lazy(
                "Open data (zip): tables in CSV with a data dictionary and a README"
            ),
            as_opendata,
        ),
    )
}
# Formats served at report.<extension>; open data has its own address.
REPORT_EXTENSIONS = ("pdf", "xlsx", "csv", "json")
# What a published version keeps, made once when it is published.
PUBLISHED_FORMATS = tuple(FORMATS)


def file_name(year: int, version: int, status: str, fmt: str) -> str:
    """annual-report-2024-v1-published.pdf, opendata-2024-v1-published.zip."""
    stem = "opendata" if fmt == "opendata" else "annual-report"
    return f"{stem}-{year}-v{version}-{status}.{FORMATS[fmt].extension}"


def filename(document: dict, fmt: str) -> str:
    data = document["figures"]
    return file_name(data["fiscal_year"], data["version"], data["status"], fmt)


def render(document: dict, fmt: str) -> bytes:
    """The report in ``fmt`` (a key of FORMATS)."""
    return FORMATS[fmt].render(document)
