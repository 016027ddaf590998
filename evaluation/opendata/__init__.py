"""The annual report as open data: tidy CSV tables, a data dictionary, a README.

Written to the national rules for machine-readable administrative data
(行政データの機械可読性に関するルール / 機械判読可能なデータの表記方法の統一ルール):
one value per cell (a point with principles 1 and 3 is two rows of the
point–principle table, never 「1;3」), the header on the first row and data
from the second, numbers only in number columns (no separators, no units:
the units are in the dictionary), a blank distinct from zero, Western years
with the Japanese era in the next column, ISO 8601 dates, no formulas and no
meaning carried by formatting. Every CSV is UTF-8 with a BOM.

Each table is declared once with its columns (:class:`Column`): the same
declaration writes the table and its rows of the data dictionary, so the
dictionary covers every column of every table. The files are Japanese
whatever the UI language: a published version's zip is the same for all.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from initiatives.models import Stage
from iruma_dx.lib.dates import in_japan, japanese_date
from iruma_dx.lib.fiscal import fiscal_year_label

from ..headlines import fte_two_decimals
from .columns import (
    DATE,
    DATETIME,
    DECIMAL,
    DICTIONARY,
    DICTIONARY_COLUMNS,
    FIGURES,
    INTEGER,
    LEVELS,
    LICENCES,
    POINT_COLUMNS,
    POINT_ID,
    README,
    STAGE_COLUMNS,
    STRING,
    TAGS,
    Column,
    Table,
    year_columns,
)


def _figure_columns(sample: dict) -> list[tuple[str, Column]]:
    return [(key, column) for key, column in FIGURES if key in LEVELS or key in sample]


def _figure_cells(row: dict, keys: list[str]) -> list:
    cells = []
    for key in keys:
        if key in LEVELS:
            cells.append(row["levels"][key])
        elif key == "fte_saved":
            cells.append(fte_two_decimals(row["fte_saved"]))
        else:
            cells.append(row[key])
    return cells


def _label(year: int) -> str:
    with translation.override("ja"):
        return fiscal_year_label(year)


def _rollup(
    file_name: str,
    title: str,
    naming: list[Column],
    rows: Iterable[tuple[int, list, dict]],
    sample: dict,
) -> Table:
    """A roll-up table: the year, the columns that name a row, the figures."""
    figures = _figure_columns(sample)
    keys = [key for key, _column in figures]
    return Table(
        file_name,
        title,
        [*year_columns(), *naming, *(column for _key, column in figures)],
        [
            [year, _label(year), *names, *_figure_cells(row, keys)]
            for year, names, row in rows
        ],
    )


def _stage_codes() -> dict[str, str]:
    with translation.override("ja"):
        return {str(stage.label): stage.value for stage in Stage}


def _points_tables(points: list[list]) -> list[Table]:
    """The points table and the tag tables, from the interchange rows."""
    if not points:
        return []
    header, rows = points[0], points[1:]
    index = {name: position for position, name in enumerate(header)}
    present = [(name, column) for name, column in POINT_COLUMNS if name in index]
    codes = _stage_codes()
    columns = [present[0][1], *year_columns()]
    columns += [column for _name, column in present[1:]]
    columns += STAGE_COLUMNS
    table_rows = []
    for row in rows:
        year = row[index["年度"]]
        stage = row[index["段階"]]
        table_rows.append(
            [
                row[index["ID"]],
                year,
                _label(int(year)),
                *(row[index[name]] for name, _column in present[1:]),
                codes.get(stage, ""),
                stage,
            ]
        )
    tables = [
        Table("points.csv", "集計の対象になったDXポイントの一覧", columns, table_rows)
    ]
    for name, file_name, title, column, kind in TAGS:
        if name not in index:
            continue
        tag_rows = [
            [row[index["ID"]], kind(value.strip())]
            for row in rows
            for value in str(row[index[name]]).split(";")
            if value.strip()
        ]
        tables.append(Table(file_name, title, [POINT_ID, column], tag_rows))
    return tables


def _report_table(document: dict) -> Table:
    data = document["figures"]
    moment = _published(document)
    thresholds = document["thresholds"]
    return Table(
        "report.csv",
        "年次報告の基本情報",
        [
            *year_columns(),
            Column(
                "版", "version", INTEGER, "", "年次報告の版（訂正するごとに増える）"
            ),
            Column(
                "状態",
                "status",
                STRING,
                "",
                "published（公開済み）または draft（下書き）",
            ),
            Column(
                "公開日", "published_on", DATE, "", "公開した日（ISO 8601、日本時間）"
            ),
            Column(
                "公開日（和暦）", "published_on_label", STRING, "", "公開日の和暦表記"
            ),
            Column(
                "公開日時", "published_at", DATETIME, "", "公開した日時（ISO 8601）"
            ),
            Column("自治体名", "municipality", STRING, "", "年次報告を作成した自治体"),
            Column(
                "常勤職員1人の年間時間",
                "fte_hours",
                INTEGER,
                "時間",
                "常勤換算に用いる常勤職員1人の年間勤務時間",
            ),
            Column(
                "達成度Aの基準",
                "threshold_a",
                DECIMAL,
                "%",
                "達成度Aとなる達成率の下限",
            ),
            Column(
                "達成度Bの基準",
                "threshold_b",
                DECIMAL,
                "%",
                "達成度Bとなる達成率の下限",
            ),
            Column(
                "達成度Cの基準",
                "threshold_c",
                DECIMAL,
                "%",
                "達成度Cとなる達成率の下限",
            ),
        ],
        [
            [
                data["fiscal_year"],
                _label(data["fiscal_year"]),
                data["version"],
                data["status"],
                moment.date().isoformat() if moment else "",
                japanese_date(moment, weekday=False) if moment else "",
                moment.isoformat() if moment else "",
                document["municipality"],
                document["fte_hours"],
                thresholds["A"],
                thresholds["B"],
                thresholds["C"],
            ]
        ],
    )


def _published(document: dict) -> datetime | None:
    when = document["published_at"]
    return in_japan(datetime.fromisoformat(when)) if when else None


def _rollup_tables(document: dict) -> list[Table]:
    data = document["figures"]
    year = data["fiscal_year"]
    sample = data["totals"]
    codes = {code: name for name, code in _stage_codes().items()}
    department = Column("部", "department", STRING, "", "部の名称")
    tables = [
        _rollup("rollup_city.csv", "全庁の集計", [], [(year, [], sample)], sample),
        _rollup(
            "rollup_departments.csv",
            "部ごとの集計",
            [department],
            [(year, [row["department"]], row) for row in data["by_department"]],
            sample,
        ),
        _rollup(
            "rollup_principles.csv",
            "DXの心得ごとの集計（複数の心得に位置づけられたポイントはそれぞれで数える）",
            [
                Column("心得番号", "principle_number", INTEGER, "", "DXの心得の番号"),
                Column("DXの心得", "principle_title", STRING, "", "DXの心得の名称"),
            ],
            [
                (year, [row["number"], row["title"]], row)
                for row in data["by_principle"]
            ],
            sample,
        ),
        _rollup(
            "rollup_focus_areas.csv",
            "重点取組事項ごとの集計",
            [Column("重点取組事項", "focus_area", STRING, "", "重点取組事項の名称")],
            [(year, [row["name"]], row) for row in data["by_focus_area"]],
            sample,
        ),
        _rollup(
            "rollup_stages.csv",
            "デジタル化の段階ごとの集計",
            STAGE_COLUMNS,
            [
                (year, [row["stage"], codes.get(row["stage"], "")], row)
                for row in data["by_stage"]
            ],
            sample,
        ),
    ]
    if "by_technology" in data:
        tables.append(
            _rollup(
                "rollup_technologies.csv",
                "技術ごとの集計",
                [Column("技術", "technology", STRING, "", "技術の名称")],
                [(year, [row["name"]], row) for row in data["by_technology"]],
                sample,
            )
        )
    tables.append(
        _rollup(
            "rollup_years.csv",
            "年度ごとの全庁の集計（この版を公開した時点の値）",
            [],
            [(row["fiscal_year"], [], row) for row in document["years"]],
            sample,
        )
    )
    return tables


def _coverage_table(document: dict) -> Table:
    year = document["figures"]["fiscal_year"]
    matrix = document["coverage"]
    return Table(
        "coverage.csv",
        "部とDXの心得の組み合わせごとのDXポイント数",
        [
            *year_columns(),
            Column("部", "department", STRING, "", "部の名称"),
            Column("心得番号", "principle_number", INTEGER, "", "DXの心得の番号"),
            Column("DXポイント数", "points", INTEGER, "件", "承認済みのDXポイントの数"),
        ],
        [
            [year, _label(year), row["department"], principle["number"], count]
            for row in matrix["rows"]
            for principle, count in zip(
                matrix["principles"], row["counts"], strict=True
            )
        ],
    )


def _highlights_table(document: dict) -> Table:
    return Table(
        "highlights.csv",
        "デジタル行政推進課が横展開を勧める取組",
        [
            POINT_ID,
            Column("部", "department", STRING, "", "担当する部"),
            Column("課", "section", STRING, "", "担当する課"),
            Column("DXポイント", "title", STRING, "", "DXポイントの名称"),
            Column("達成度", "level", STRING, "", "A〜D または評価不能"),
            Column(
                "達成率", "rate", DECIMAL, "%", "数値指標の達成率。指標がなければ空欄"
            ),
            Column("削減時間", "hours_saved", DECIMAL, "時間", "1年あたりの削減時間"),
        ],
        [
            [
                row["id"],
                row["department"],
                row["section"],
                row["title"],
                row["level"],
                row["rate"],
                row["hours_saved"],
            ]
            for row in document["highlights"]
        ],
    )


def tables(document: dict) -> list[Table]:
    """Every table of the open data, the data dictionary last."""
    data_tables = [
        _report_table(document),
        *_rollup_tables(document),
        _coverage_table(document),
        *_points_tables(document["points"]),
        _highlights_table(document),
    ]
    dictionary = Table(DICTIONARY, "データ定義書", DICTIONARY_COLUMNS, [])
    everything = [*data_tables, dictionary]
    dictionary.rows.extend(
        [
            table.file_name,
            column.header,
            column.field,
            column.type,
            column.unit,
            column.description,
        ]
        for table in everything
        for column in table.columns
    )
    return everything


def licence() -> tuple[str, str]:
    """The licence's name and address, from the OPEN_DATA_LICENCE setting."""
    return LICENCES[settings.OPEN_DATA_LICENCE]


def readme(document: dict, all_tables: list[Table]) -> str:
    """The README (Japanese): what the files are, their source, date and licence."""
    data = document["figures"]
    moment = _published(document)
    name, url = licence()
    return render_to_string(
        "evaluation/opendata_readme.txt",
        {
            "title": (
                f"{document['municipality']} {_label(data['fiscal_year'])} "
                f"DXビジョン年次報告（第{data['version']}版）"
            ),
            "municipality": document["municipality"],
            "published_on": moment.date().isoformat() if moment else "",
            "published_label": japanese_date(moment, weekday=False) if moment else "",
            "today": timezone.localdate().isoformat(),
            "licence": name,
            "licence_url": url,
            "tables": all_tables,
            "readme": README,
            "dictionary": DICTIONARY,
        },
    )


def opendata_files(document: dict) -> dict[str, bytes]:
    """Every file of the open data by name: the tables and the README."""
    all_tables = tables(document)
    files = {table.file_name: table.as_csv() for table in all_tables}
    text = readme(document, all_tables).replace("\n", "\r\n")
    files[README] = ("\ufeff" + text).encode("utf-8")
    return files


def opendata_zip(document: dict) -> bytes:
    """The open data as one zip; a published version's entries carry its date."""
    moment = _published(document) or timezone.localtime()
    stamp = moment.timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in opendata_files(document).items():
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, content)
    return buffer.getvalue()
