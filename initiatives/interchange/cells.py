"""Reading the cells of an interchange row: names, numbers, lists and coded words.

``Row`` holds one row's cells by column, and the errors found in them.
``CellReader`` turns cells into values with the lookup tables the checker
loaded once per file (principles, the focus areas of each edition of the
national plan, technologies) and the format's words for stages, levels,
directions, bases of the hours and introduction statuses. Nothing here
queries the database or writes.

A file of the first version of the format has no cells for the second
version's columns: ``Row.has`` says which columns the file has, and the
reader leaves the values of absent columns out.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from iruma_dx.lib.numbers import read_number

from ..models import (
    LEVELS,
    NOT_ASSESSED,
    FiscalYear,
    FocusArea,
    HoursBasis,
    Principle,
    Stage,
    Technology,
)
from ..models.reference import STAGE_ALIASES
from .columns import (
    BASIS_NAMES,
    DIRECTION_NAMES,
    LIST_SEPARATOR,
    NOT_ASSESSED_NAME,
    REPORT_COLUMNS,
    SECOND_REPORT_COLUMNS,
    STATUS_NAMES,
    clean_text,
    code_of,
    normalize_key,
    stage_name,
)
from .preview import RowError

# Other ways people write 件数×分 (NFKC turns ｘ and ＊ into x and *).
BASIS_ALIASES = {"件数x分": "cases", "件数*分": "cases"}


class Row:
    """The cells of one row and the errors found in them."""

    def __init__(
        self, number: int, cells: list[str], errors: list[RowError], columns
    ) -> None:
        self.number = number
        self.values = dict(zip(columns, cells, strict=True))
        self._errors = errors
        self.failed: set[str] = set()

    def has(self, column: str) -> bool:
        """Whether the file has ``column`` (those of the second version may lack)."""
        return column in self.values

    @property
    def is_second_version(self) -> bool:
        return self.has("要因分析")

    def error(self, column: str, message) -> None:
        self._errors.append(RowError(self.number, column, str(message)))
        self.failed.add(column)

    def text(self, column: str) -> str:
        return clean_text(self.values.get(column, ""))

    def key(self, column: str) -> str:
        return normalize_key(self.values.get(column, ""))

    def decimal(self, column: str) -> Decimal | None:
        try:
            return read_number(self.values.get(column, ""))
        except ValidationError as error:
            self.error(column, error.messages[0])
            return None

    def whole(self, column: str) -> int | None:
        """A whole number of 0 or more (a count)."""
        number = self.decimal(column)
        if number is None:
            return None
        if number < 0 or number != number.to_integral_value():
            self.error(column, _("Write a whole number of 0 or more."))
            return None
        return int(number)

    def required(self, column: str) -> str:
        value = self.text(column)
        if not value:
            self.error(column, _("Enter %(column)s.") % {"column": column})
        return value

    def tokens(self, column: str) -> list[str]:
        text = self.key(column)
        return [token.strip() for token in text.split(LIST_SEPARATOR) if token.strip()]

    def has_report(self) -> bool:
        """Whether any cell of the year-end report is filled."""
        columns = REPORT_COLUMNS + SECOND_REPORT_COLUMNS
        return any(self.values.get(column, "").strip() for column in columns)


class CellReader:
    """Reads cells into values, with the lookup tables of one file."""

    def __init__(
        self,
        *,
        principles: list[Principle],
        focus_areas: list[FocusArea],
        technologies: list[Technology],
    ) -> None:
        self.principles = {principle.number: principle for principle in principles}
        self.focus_areas: dict[int, dict[str, FocusArea]] = defaultdict(dict)
        self.area_numbers: dict[int, list[int]] = defaultdict(list)
        for area in focus_areas:
            self.focus_areas[area.edition_id][str(area.number)] = area
            self.focus_areas[area.edition_id][normalize_key(area.name)] = area
            self.area_numbers[area.edition_id].append(area.number)
        self.technologies = {
            normalize_key(technology.name).casefold(): technology
            for technology in technologies
        }
        self.stages = {}
        for stage in Stage:
            names = {stage.value, stage_name(stage.value)}
            names.update(STAGE_ALIASES.get(stage.value, ()))
            with translation.override("en"):
                names.add(str(stage.label))
            for name in names:
                self.stages[normalize_key(str(name)).casefold()] = stage.value

    # The point -------------------------------------------------------------

    def stage(self, row: Row) -> str:
        text = row.key("段階")
        if not text:
            row.error("段階", _("Enter %(column)s.") % {"column": "段階"})
            return ""
        stage = self.stages.get(text.casefold())
        if stage is None:
            row.error(
                "段階",
                _("Write the stage as one of: %(names)s.")
                % {"names": "、".join(stage_name(s.value) for s in Stage)},
            )
            return ""
        return stage

    def principles_of(self, row: Row) -> list[int]:
        tokens = row.tokens("心得")
        if not tokens:
            row.error(
                "心得",
                _("Enter the numbers of the DX principles, for example 1;3."),
            )
            return []
        ids = []
        for token in tokens:
            if not token.isascii() or not token.isdigit():
                row.error(
                    "心得",
                    _(
                        "Write the numbers of the DX principles separated by ; "
                        "(for example 1;3)."
                    ),
                )
                return []
            principle = self.principles.get(int(token))
            if principle is None:
                row.error(
                    "心得",
                    _(
                        "There is no DX principle %(number)s. The principles "
                        "are numbered %(numbers)s."
                    )
                    % {
                        "number": token,
                        "numbers": "、".join(str(n) for n in sorted(self.principles)),
                    },
                )
                return []
            ids.append(principle.pk)
        return sorted(set(ids))

    def focus_areas_of(self, row: Row, fiscal_year: FiscalYear | None) -> list[int]:
        """Focus areas by name or number, within the edition the year uses."""
        tokens = row.tokens("重点取組事項")
        if fiscal_year is None or not tokens:
            return []
        edition = fiscal_year.focus_area_edition_id
        areas, numbers = self.focus_areas[edition], self.area_numbers[edition]
        ids = []
        for token in tokens:
            area = areas.get(token)
            if area is None:
                row.error(
                    "重点取組事項",
                    _(
                        "There is no focus area “%(name)s”. Write the names or "
                        "numbers (%(first)s–%(last)s) of the focus areas "
                        "separated by ;."
                    )
                    % {
                        "name": token,
                        "first": min(numbers, default=1),
                        "last": max(numbers, default=1),
                    },
                )
                return []
            ids.append(area.pk)
        return sorted(set(ids))

    def technologies_of(self, row: Row) -> list[int]:
        ids = []
        for token in row.tokens("技術"):
            technology = self.technologies.get(token.casefold())
            if technology is None:
                row.error(
                    "技術",
                    _(
                        "There is no technology “%(name)s”. Write names the "
                        "portal lists, separated by ;: %(names)s."
                    )
                    % {
                        "name": token,
                        "names": "、".join(t.name for t in self.technologies.values()),
                    },
                )
                return []
            ids.append(technology.pk)
        return sorted(set(ids))

    def technology_status(self, row: Row) -> str:
        return self._coded(row, "導入状況", STATUS_NAMES)

    # The year-end report ------------------------------------------------------

    def report_values(self, row: Row) -> dict | None:
        """The report's values the row gives, or None when its cells are all empty.

        Only the columns the file has: a first-version file gives no
        analysis, direction or basis.
        """
        if not row.has_report():
            return None
        hours = row.decimal("削減時間")
        values = {
            "actual": row.decimal("実績値"),
            "self_level": self.level(row),
            "effect": row.text("効果"),
            "hours_saved": hours,
            "next_steps": row.text("次年度への課題"),
        }
        if row.is_second_version:
            basis = self._coded(row, "削減時間の根拠", BASIS_NAMES, BASIS_ALIASES)
            values.update(
                {
                    "analysis": row.text("要因分析"),
                    "direction": self._coded(row, "今後の方向性", DIRECTION_NAMES),
                    "hours_basis": basis or HoursBasis.DIRECT,
                    "annual_cases": row.whole("年間件数"),
                    "minutes_per_case": row.decimal("1件あたり削減分"),
                    "hours_before": row.decimal("導入前時間"),
                    "hours_after": row.decimal("導入後時間"),
                }
            )
        return values

    def level(self, row: Row) -> str:
        """達成度: A–D, or 評価不能 (its word or the code na)."""
        text = row.key("達成度")
        if not text:
            return ""
        if text.casefold() in (NOT_ASSESSED, NOT_ASSESSED_NAME):
            return NOT_ASSESSED
        if text.upper() not in LEVELS:
            row.error("達成度", _("Write the level as A, B, C, D or 評価不能."))
            return ""
        return text.upper()

    def _coded(self, row: Row, column: str, names: dict[str, str], aliases=None) -> str:
        """A value written as its Japanese word or its code; "" when empty."""
        text = row.key(column)
        if not text:
            return ""
        code = code_of(text, names) or (aliases or {}).get(text.casefold())
        if code is None:
            row.error(
                column,
                _("Write %(column)s as one of: %(names)s.")
                % {"column": column, "names": "、".join(names.values())},
            )
            return ""
        return code
