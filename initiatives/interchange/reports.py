"""Checking the year-end report a row of an interchange file gives.

``ReportChecks`` is the part of ``checks.RowChecker`` that works out a
report's new values from a row and checks them with the model's own rules
(``AchievementReport.clean``, ``worked_out_hours``), and shows values in the
preview. A row of a first-version file (without the second version's
columns) leaves the analysis, the direction and the basis of the hours as
they are; only the analysis C and D need is not asked of it, since it
cannot give one, while 評価不能 always needs its reason.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import NOT_ASSESSED, AchievementReport, HoursBasis
from ..models.measures import ALL_BASIS_INPUTS
from .cells import Row
from .columns import (
    BASIS_NAMES,
    DIRECTION_NAMES,
    LIST_SEPARATOR,
    REPORT_FIELDS,
    STATUS_NAMES,
    clean_text,
    level_name,
    stage_name,
)
from .preview import FieldChange, display

_REPORT_TEXT = {"effect", "next_steps", "self_level", "analysis", "direction"}
# What a report without these values holds (a new report, or the cells of a
# first-version file that a report does not have yet).
_REPORT_DEFAULTS = {
    "analysis": "",
    "direction": "",
    "hours_basis": HoursBasis.DIRECT,
    **dict.fromkeys(ALL_BASIS_INPUTS),
}
# What a new report holds before a row gives it values.
_NEW_REPORT = {
    "actual": None,
    "self_level": "",
    "effect": "",
    "hours_saved": Decimal(0),
    "next_steps": "",
    **_REPORT_DEFAULTS,
}
_CODED = {
    "direction": DIRECTION_NAMES,
    "hours_basis": BASIS_NAMES,
    "technology_status": STATUS_NAMES,
}


class ReportChecks:
    """What a row does to a point's year-end report (a mixin of RowChecker)."""

    def _report_changes(self, row, point, report_values) -> tuple[list, dict]:
        """The changes a row makes to a point's report, and the report's new values."""
        report = point.report if point.has_report() else None
        if report is None and report_values is None:
            return [], {}
        new = self._new_report_values(row, point, report, report_values)
        if not point.has_indicator and new["actual"] is not None:
            row.error(
                "実績値",
                _(
                    "This DX point has no numeric indicator: leave 実績値 empty "
                    "and give 達成度 (A–D)."
                ),
            )
            return [], new
        changes = []
        for name, column in REPORT_FIELDS.items():
            if name == "actual" and not point.has_indicator:
                continue
            old = getattr(report, name) if report else None
            if name in _REPORT_TEXT:
                old = clean_text(old)
            if name == "hours_saved" and old is None:
                old = Decimal(0)
            if report is None or old != new[name]:
                if report is None and new[name] == _NEW_REPORT[name]:
                    continue
                changes.append(
                    FieldChange(
                        column,
                        self._show(name, old),
                        self._show(name, new[name]),
                    )
                )
        return changes, new

    def _new_report_values(self, row, point, report, report_values) -> dict:
        """The report's values from the row; what a first-version file lacks stays.

        A numeric point's level follows from its actual value (or is
        評価不能); with a basis other than direct, the hours are worked out.
        """
        kept = {
            name: getattr(report, name) if report else default
            for name, default in _REPORT_DEFAULTS.items()
        }
        new = {**_NEW_REPORT, **kept, **(report_values or {})}
        if new["hours_saved"] is None and new["hours_basis"] == HoursBasis.DIRECT:
            new["hours_saved"] = Decimal(0)
        if (
            not row.is_second_version
            and report is not None
            and report.hours_basis != HoursBasis.DIRECT
            and new["hours_saved"] != report.hours_saved
        ):
            # Hours typed over hours worked out: they are typed directly now.
            new.update(
                {"hours_basis": HoursBasis.DIRECT, **dict.fromkeys(ALL_BASIS_INPUTS)}
            )
        if point.has_indicator and new["self_level"] != NOT_ASSESSED:
            new["self_level"] = ""
        self._hours_from_basis(row, new)
        return new

    def _hours_from_basis(self, row, new: dict) -> None:
        """With a basis other than direct, 削減時間 is worked out (or checked)."""
        if new["hours_basis"] == HoursBasis.DIRECT:
            return
        # Without its point: setting it would replace the point's own report.
        trial = AchievementReport(
            hours_basis=new["hours_basis"],
            **{name: new[name] for name in ALL_BASIS_INPUTS},
        )
        hours = trial.hours_saved = trial.worked_out_hours()
        typed = new["hours_saved"]
        if hours is not None and typed is not None and typed != hours:
            row.error(
                "削減時間",
                _(
                    "削減時間 must be the hours the basis gives, %(hours)s "
                    "(%(basis)s), or be left empty."
                )
                % {"hours": display(hours), "basis": trial.explain_basis()},
            )
        new["hours_saved"] = hours if hours is not None else (typed or Decimal(0))

    def _set_report(self, row: Row, report: AchievementReport, values: dict) -> None:
        for name in REPORT_FIELDS:
            if name == "actual" and not report.point.has_indicator:
                continue
            setattr(report, name, values[name])
        exclude = [
            f.name
            for f in AchievementReport._meta.fields
            if f.name not in REPORT_FIELDS
        ]
        self._collect(row, lambda: report.clean_fields(exclude=exclude), REPORT_FIELDS)
        self._collect(row, report.clean, REPORT_FIELDS)

    def _collect(self, row: Row, check, columns: dict[str, str]) -> None:
        try:
            check()
        except ValidationError as error:
            for name, errors in error.error_dict.items():
                column = columns.get(name, "ID")
                message = errors[0].messages[0]
                if not row.has(column):
                    # A first-version file cannot give a factor analysis.
                    if errors[0].code == "analysis_required":
                        continue
                    column = "達成度"
                    message = _(
                        "評価不能 needs its reason in 要因分析, a column of the "
                        "format's second version: download the template again "
                        "and add the columns."
                    )
                if column not in row.failed:
                    row.error(column, message)

    # Showing values in the preview ------------------------------------------------

    def _show(self, name: str, value) -> str:
        if name == "stage" and value:
            return stage_name(value)
        if name == "plan":
            return value.title if value else "—"
        if name == "self_level":
            return display(level_name(value))
        if name in _CODED and value:
            return _CODED[name].get(value, value)
        return display(value)

    def _show_m2m(self, name: str, ids) -> str:
        if name == "principles":
            by_pk = {p.pk: p.number for p in self.cells.principles.values()}
            numbers = sorted(by_pk[pk] for pk in ids if pk in by_pk)
            return LIST_SEPARATOR.join(str(n) for n in numbers) or "—"
        if name == "technologies":
            named = {t.pk: t for t in self.cells.technologies.values()}
        else:
            named = {
                area.pk: area
                for areas in self.cells.focus_areas.values()
                for area in areas.values()
            }
        chosen = sorted(
            (named[pk] for pk in ids if pk in named),
            key=lambda item: (getattr(item, "number", 0), str(item)),
        )
        return LIST_SEPARATOR.join(str(item) for item in chosen) or "—"
