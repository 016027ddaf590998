"""The national survey pack: a fiscal year's answers to the national DX surveys.

The Ministry's yearly questionnaires on a city's DX ask about its promotion
structure (推進体制), its use of AI, RPA and other technologies (AI・RPAの
利用), its training (人材育成) and the effect of its work. The pack gathers
those figures of one fiscal year, as the roll-ups and the roster count
them, into one workbook; the CSV download is a zip of one CSV per sheet.

Sheets (and CSV files, in this order):

1. 概要 (``1-summary.csv``): the year, the edition of the national plan, the
   hourly cost, points, confirmed reports, hours saved, FTE and yen;
2. 技術と導入状況 (``2-technologies.csv``): counted points per technology and
   introduction status (a point with several technologies counts under each);
3. 推進体制と人材育成 (``3-roster.csv``): sections covered, DXers, training;
4. 削減時間 (``4-hours.csv``): hours saved, FTE and yen, city and departments;
5. 重点取組事項 (``5-focus-areas.csv``): points per focus area of the year's
   edition.

Headings are Japanese whatever the UI language: the pack answers a Japanese
questionnaire.
"""

from __future__ import annotations

import io
import zipfile
from collections import Counter

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from initiatives.models import DxPoint, FiscalYear, TechnologyStatus
from initiatives.roster import roster_of
from iruma_dx.lib.fiscal import fiscal_year_label
from iruma_dx.lib.spreadsheet import csv_bytes, xlsx_bytes

from .rollups import RollUp, counted_points, roll_up

CSV_NAMES = (
    "1-summary.csv",
    "2-technologies.csv",
    "3-roster.csv",
    "4-hours.csv",
    "5-focus-areas.csv",
)
FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
}


def file_name(fiscal_year: FiscalYear, fmt: str) -> str:
    return f"survey-{fiscal_year.year}.{fmt}"


def render(fiscal_year: FiscalYear, fmt: str) -> bytes:
    """The pack of ``fiscal_year`` as xlsx, or as a zip of CSV files."""
    with translation.override("ja"):
        sheets = survey_sheets(fiscal_year)
    if fmt == "xlsx":
        return xlsx_bytes(sheets)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, (_title, rows) in zip(CSV_NAMES, sheets, strict=True):
            archive.writestr(name, csv_bytes(rows))
    return buffer.getvalue()


def survey_sheets(fiscal_year: FiscalYear) -> list[tuple[str, list[list]]]:
    """The pack's sheets: (title, rows), a heading row first in each table."""
    rollup = roll_up(fiscal_year)
    return [
        (_("Summary"), _summary(rollup)),
        (_("Technologies and status"), _technologies(fiscal_year, rollup)),
        (_("DXers and training"), _roster(fiscal_year)),
        (_("Hours saved"), _hours(rollup)),
        (_("Focus areas"), _focus_areas(rollup)),
    ]


def _summary(rollup: RollUp) -> list[list]:
    year, totals = rollup.fiscal_year, rollup.totals
    return [
        [_("Item"), _("Value")],
        [_("Fiscal year"), fiscal_year_label(year.year)],
        [_("Municipality"), settings.MUNICIPALITY_NAME],
        [_("Edition of the national DX plan"), rollup.edition],
        [_("Personnel cost per hour (yen)"), year.hourly_cost],
        [_("Hours of one full-time year"), year.fte_hours],
        [_("DX points (approved)"), totals.points],
        [_("Confirmed reports"), totals.confirmed],
        [_("Cannot be assessed"), totals.not_assessed],
        [_("Hours saved per year"), totals.hours_saved],
        [_("Full-time equivalents"), totals.fte_saved],
        [_("Value (yen)"), totals.yen_saved],
    ]


def _technologies(fiscal_year: FiscalYear, rollup: RollUp) -> list[list]:
    """Counted points per technology and introduction status (one query)."""
    counts = Counter(
        DxPoint.technologies.through.objects.filter(
            dxpoint__in=counted_points(fiscal_year).values("pk")
        ).values_list("technology_id", "dxpoint__technology_status")
    )
    statuses = list(TechnologyStatus)
    rows = [
        [
            _("Technology"),
            *(str(status.label) for status in statuses),
            _("Status not given"),
            _("DX points"),
        ]
    ]
    for technology, _figures in rollup.by_technology:
        cells = [counts[(technology.pk, status.value)] for status in statuses]
        cells.append(counts[(technology.pk, "")])
        rows.append([technology.name, *cells, sum(cells)])
    return rows


def _roster(fiscal_year: FiscalYear) -> list[list]:
    roster = roster_of(fiscal_year.year)
    return [
        [_("Item"), _("Value")],
        [_("Sections"), roster.sections],
        [_("Sections with a DXer"), roster.sections_with_dxer],
        [_("Share of sections with a DXer (%)"), roster.coverage],
        [_("DXers"), roster.dxers],
        [_("DXers who took training"), roster.dxers_trained],
        [_("People who took training"), roster.people_trained],
        [_("Training courses taken"), roster.trainings],
        [_("Hours of training"), roster.training_hours],
        [_("Hours of training of DXers"), roster.dxer_training_hours],
    ]


def _hours(rollup: RollUp) -> list[list]:
    heading = [
        _("Department"),
        _("Confirmed reports"),
        _("Hours saved per year"),
        _("Full-time equivalents"),
        _("Value (yen)"),
    ]

    def cells(figures) -> list:
        return [
            figures.confirmed,
            figures.hours_saved,
            figures.fte_saved,
            figures.yen_saved,
        ]

    return [
        heading,
        [_("Whole city"), *cells(rollup.totals)],
        *(
            [department.name, *cells(figures)]
            for department, figures in rollup.by_department
        ),
    ]


def _focus_areas(rollup: RollUp) -> list[list]:
    return [
        [_("Number"), _("Focus area"), _("DX points"), _("Confirmed reports")],
        *(
            [area.number, area.name, figures.points, figures.confirmed]
            for area, figures in rollup.by_focus_area
        ),
    ]
