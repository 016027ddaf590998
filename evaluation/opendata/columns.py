"""The columns of the open data's tables, as its data dictionary describes them.

Each table is declared here once: the same declaration writes the table
(``evaluation.opendata``) and its rows of the data dictionary.
"""

from __future__ import annotations

from dataclasses import dataclass

from iruma_dx.lib.spreadsheet import csv_bytes

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


def year_columns() -> list[Column]:
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
