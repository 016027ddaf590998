"""What an import would do, row by row, and every error that stops it."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal

from iruma_dx.lib.spreadsheet import plain_number

from ..models import AchievementReport, DxPoint


@dataclass
class RowError:
    """Why one cell (or one row, under its ID column) cannot be imported."""

    row: int
    column: str
    message: str


@dataclass
class FieldChange:
    column: str
    old: str
    new: str


@dataclass
class RowOutcome:
    """What one row would do: create a point, or change one (and its report)."""

    row: int
    point: DxPoint
    is_new: bool
    m2m: dict[str, list[int]] = field(default_factory=dict)
    point_fields: list[str] = field(default_factory=list)
    changes: list[FieldChange] = field(default_factory=list)
    report: AchievementReport | None = None
    report_is_new: bool = False
    revisions: tuple[int | None, int | None] = (None, None)

    @property
    def point_changed(self) -> bool:
        return self.is_new or bool(self.point_fields or self.m2m)


@dataclass
class ImportPreview:
    """Everything an import would do, and every error that stops it."""

    file_name: str
    examples: int = 0
    creates: list[RowOutcome] = field(default_factory=list)
    updates: list[RowOutcome] = field(default_factory=list)
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def is_clean(self) -> bool:
        return not self.errors

    @property
    def has_changes(self) -> bool:
        return bool(self.creates or self.updates)

    @property
    def error_rows(self) -> int:
        return len({error.row for error in self.errors})

    @property
    def digest(self) -> str:
        """A fingerprint of what would be written, to see if it changed since."""
        payload = [
            [
                outcome.row,
                outcome.point.pk,
                outcome.point.section_id,
                outcome.point.title,
                list(outcome.revisions),
                [[c.column, c.old, c.new] for c in outcome.changes],
            ]
            for outcome in self.creates + self.updates
        ]
        text = json.dumps(payload, ensure_ascii=False, default=str)
        return hashlib.sha256(text.encode()).hexdigest()

    def closed_years(self) -> list:
        """The closed fiscal years the import writes records into."""
        years = {
            outcome.point.fiscal_year
            for outcome in self.creates + self.updates
            if outcome.point.fiscal_year.is_closed
        }
        return sorted(years, key=lambda year: year.year)

    def first_year(self) -> int | None:
        for outcome in self.creates + self.updates:
            return outcome.point.fiscal_year_id
        return None


def display(value) -> str:
    """A value as the preview shows it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, Decimal):
        return str(plain_number(value))
    return str(value)
