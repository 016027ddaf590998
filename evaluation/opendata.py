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
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from initiatives.models import Stage
from iruma_dx.lib.dates import in_japan, japanese_date
from iruma_dx.lib.fiscal import fiscal_year_label
from iruma_dx.lib.spreadsheet import csv_bytes

from .headlines import fte_two_decimals

LICENCES = {
    "CC-BY-4.0": (
        "クリエイティブ・コモンズ 表示 4.0 国際 ライセンス（CC BY 4.0）",
        "https://creativecommons.org/licenses/by/4.0/legalcode.ja",
    ),
    "PDL-1.0": (
        "公共データ利用規約（第1.0版）（PDL1.0）",
        "https://www.digital.go.jp/resources/open_data/public_data_license_v1.0",
    ),
}
INTEGER, DECIMAL, STRING, DATE, DATETIME = (
    "integer",
    "decimal",
    "string",
    "date",
    "datetime",
)
DICTIONARY = "data_dictionary.csv"
README = "README.txt"


@dataclass(frozen=True)
class Column:
    """One column of a table, as the data dictionary describes it."""

    header: str  # the Japanese heading on the table's first row
    field: str  # its ASCII name
    type: str
    unit: str
    description: str


@dataclass(frozen=True)
class Table:
    file_name: str
    title: str
    columns: list[Column]
    rows: list[list]

    def as_csv(self) -> bytes:
        return csv_bytes([[column.header for column in self.columns], *self.rows])


def _year_columns() -> list[Column]:
    return [
        Column(
            "年度", "fiscal_year", INTEGER, "年度", "会計年度（西暦。4月から翌3月）"
        ),
        Column("年度（和暦）", "fiscal_year_label", STRING, "", "同じ年度の和暦表記"),
    ]


# (key, column) of the roll-up figures. Keys a document's rows do not carry
# (those of later versions of the JSON format) are left out.
FIGURES = (
    (
        "points",
        Column(
            "DXポイント数",
            "points",
            INTEGER,
            "件",
            "部長が目標を承認したDXポイントの数",
        ),
    ),
    (
        "confirmed",
        Column(
            "確認済みの報告数",
            "confirmed",
            INTEGER,
            "件",
            "部長が確認した年度末の達成報告の数",
        ),
    ),
    (
        "average_rate",
        Column(
            "平均達成率",
            "average_rate",
            DECIMAL,
            "%",
            "数値指標のある確認済みポイントの達成率の平均（小数第1位、四捨五入）。"
            "対象がない場合は空欄",
        ),
    ),
    ("A", Column("達成度Aの数", "level_a", INTEGER, "件", "達成度A（達成）の報告数")),
    (
        "B",
        Column(
            "達成度Bの数", "level_b", INTEGER, "件", "達成度B（おおむね達成）の報告数"
        ),
    ),
    (
        "C",
        Column("達成度Cの数", "level_c", INTEGER, "件", "達成度C（一部達成）の報告数"),
    ),
    ("D", Column("達成度Dの数", "level_d", INTEGER, "件", "達成度D（未達成）の報告数")),
    (
        "not_assessed",
        Column("評価不能の数", "not_assessed", INTEGER, "件", "評価不能とされた報告数"),
    ),
    (
        "hours_saved",
        Column(
            "年間削減時間",
            "hours_saved",
            DECIMAL,
            "時間",
            "確認済みの報告による職員の作業時間の削減（1年あたり）",
        ),
    ),
    (
        "fte_saved",
        Column(
            "常勤換算",
            "fte_saved",
            DECIMAL,
            "人",
            "年間削減時間を常勤職員1人の年間時間で割った値（小数第2位、四捨五入）",
        ),
    ),
    (
        "yen_saved",
        Column(
            "年間削減額",
            "yen_saved",
            INTEGER,
            "円",
            "年間削減時間に年度の人件費単価（円/時間）を掛けた額",
        ),
    ),
)
LEVELS = ("A", "B", "C", "D")


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
        [*_year_columns(), *naming, *(column for _key, column in figures)],
        [
            [year, _label(year), *names, *_figure_cells(row, keys)]
            for year, names, row in rows
        ],
    )


# The interchange columns that hold one value, in the points table.
POINT_COLUMNS = (
    (
        "ID",
        Column("ID", "point_id", INTEGER, "", "DXポイントの番号（ポータル内で一意）"),
    ),
    ("部", Column("部", "department", STRING, "", "担当する部")),
    ("課", Column("課", "section", STRING, "", "担当する課")),
    ("DXポイント", Column("DXポイント", "title", STRING, "", "DXポイントの名称")),
    ("内容", Column("内容", "description", STRING, "", "取組の内容")),
    ("計画", Column("計画", "plan", STRING, "", "位置づけた行政計画（個別計画）")),
    ("事務事業", Column("事務事業", "business", STRING, "", "対象の事務事業")),
    ("指標", Column("指標", "indicator", STRING, "", "数値指標の名称")),
    ("単位", Column("単位", "indicator_unit", STRING, "", "数値指標の単位")),
    ("基準値", Column("基準値", "baseline", DECIMAL, "指標の単位", "数値指標の基準値")),
    ("目標値", Column("目標値", "target", DECIMAL, "指標の単位", "数値指標の目標値")),
    ("実績値", Column("実績値", "actual", DECIMAL, "指標の単位", "年度末の実績値")),
    (
        "達成度",
        Column(
            "達成度",
            "level",
            STRING,
            "",
            "A（達成）、B（おおむね達成）、C（一部達成）、D（未達成）または評価不能",
        ),
    ),
    ("効果", Column("効果", "effect", STRING, "", "取組の効果")),
    (
        "削減時間",
        Column(
            "削減時間",
            "hours_saved",
            DECIMAL,
            "時間",
            "職員の作業時間の削減（1年あたり）",
        ),
    ),
    (
        "次年度への課題",
        Column("次年度への課題", "next_steps", STRING, "", "次年度への課題"),
    ),
    ("要因分析", Column("要因分析", "analysis", STRING, "", "達成度の要因分析")),
    ("今後の方向性", Column("今後の方向性", "direction", STRING, "", "今後の方向性")),
    (
        "削減時間の根拠",
        Column("削減時間の根拠", "hours_basis", STRING, "", "削減時間の算定方法"),
    ),
    ("年間件数", Column("年間件数", "annual_cases", INTEGER, "件", "年間の処理件数")),
    (
        "1件あたり削減分",
        Column(
            "1件あたり削減分", "minutes_per_case", DECIMAL, "分", "1件あたりの削減時間"
        ),
    ),
    (
        "導入前時間",
        Column("導入前時間", "hours_before", DECIMAL, "時間", "導入前の年間作業時間"),
    ),
    (
        "導入後時間",
        Column("導入後時間", "hours_after", DECIMAL, "時間", "導入後の年間作業時間"),
    ),
    ("導入状況", Column("導入状況", "technology_status", STRING, "", "技術の導入状況")),
)
STAGE_COLUMNS = [
    Column("段階コード", "stage", STRING, "", "デジタル化の段階の英字コード"),
    Column(
        "デジタル化の段階",
        "stage_name",
        STRING,
        "",
        "デジタイゼーション、デジタライゼーション、デジタルトランスフォーメーション",
    ),
]
POINT_ID = Column("ID", "point_id", INTEGER, "", "DXポイントの番号（points.csv のID）")
# Interchange columns of several values (joined with ;): each its own table.
TAGS = (
    (
        "心得",
        "point_principles.csv",
        "DXポイントとDXの心得の対応（1つの心得につき1行）",
        Column("心得番号", "principle_number", INTEGER, "", "DXの心得の番号（1〜5）"),
        int,
    ),
    (
        "重点取組事項",
        "point_focus_areas.csv",
        "DXポイントと重点取組事項の対応（1つの事項につき1行）",
        Column(
            "重点取組事項", "focus_area", STRING, "", "自治体DX推進計画の重点取組事項"
        ),
        str,
    ),
    (
        "技術",
        "point_technologies.csv",
        "DXポイントと技術の対応（1つの技術につき1行）",
        Column("技術", "technology", STRING, "", "用いた技術（AI、RPA など）"),
        str,
    ),
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
    columns = [present[0][1], *_year_columns()]
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
            *_year_columns(),
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
            *_year_columns(),
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


DICTIONARY_COLUMNS = [
    Column("ファイル", "file", STRING, "", "表のファイル名"),
    Column("列名", "column", STRING, "", "表の1行目の見出し"),
    Column("項目名（英字）", "field", STRING, "", "列の英字の項目名"),
    Column(
        "型", "type", STRING, "", "integer、decimal、string、date、datetime のいずれか"
    ),
    Column("単位", "unit", STRING, "", "数値の単位。ないものは空欄"),
    Column("説明", "description", STRING, "", "列の意味"),
]


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
