"""Checking the rows of an interchange file: what each would do, or why it cannot.

``RowChecker`` runs a fixed number of queries whatever the file's size (the
lookup tables and the points the file names by ID), then checks each row
with the models' own rules: ``DxPoint.why_not_create``, ``why_not_edit``,
``why_not_write_report`` (whose reasons become the rows' messages) and the
models' ``clean``. Nothing here
writes; ``services.apply_import`` writes a clean preview.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from iruma_dx.lib.fiscal import fiscal_year_label, parse_fiscal_year
from iruma_dx.lib.numbers import read_number

from ..models import (
    LEVELS,
    AchievementReport,
    Department,
    DxPoint,
    FiscalYear,
    FocusArea,
    Plan,
    PointState,
    Principle,
    ReportState,
    Section,
    Stage,
    roles_of,
)
from ..models.reference import STAGE_ALIASES
from .columns import (
    COLUMNS,
    LIST_SEPARATOR,
    POINT_COLUMNS,
    REPORT_COLUMNS,
    REPORT_FIELDS,
    clean_text,
    normalize_key,
    stage_name,
)
from .files import Table
from .preview import FieldChange, ImportPreview, RowError, RowOutcome, display

_ID = re.compile(r"[0-9]{1,18}")

IMPORT_M2M = ("principles", "focus_areas")
_TEXT_FIELDS = {"title", "description", "business", "indicator_name", "indicator_unit"}


def _unit_name(section: Section) -> str:
    return f"{section.department.name} {section.name}"


class _Row:
    """The cells of one row and the errors found in them."""

    def __init__(self, number: int, cells: list[str], errors: list[RowError]):
        self.number = number
        self.values = dict(zip(COLUMNS, cells, strict=True))
        self._errors = errors
        self.failed: set[str] = set()

    def error(self, column: str, message) -> None:
        self._errors.append(RowError(self.number, column, str(message)))
        self.failed.add(column)

    def text(self, column: str) -> str:
        return clean_text(self.values[column])

    def key(self, column: str) -> str:
        return normalize_key(self.values[column])

    def decimal(self, column: str) -> Decimal | None:
        try:
            return read_number(self.values[column])
        except ValidationError as error:
            self.error(column, error.messages[0])
            return None

    def required(self, column: str) -> str:
        value = self.text(column)
        if not value:
            self.error(column, _("Enter %(column)s.") % {"column": column})
        return value


class RowChecker:
    """Checks the rows of one file for one person, once per preview."""

    def __init__(self, *, by, load_closed_years: bool) -> None:
        self.user = by
        self.roles = roles_of(by)
        self.load_closed_years = load_closed_years
        self.stages = {}
        for stage in Stage:
            names = {stage.value, stage_name(stage.value)}
            names.update(STAGE_ALIASES.get(stage.value, ()))
            with translation.override("en"):
                names.add(str(stage.label))
            for name in names:
                self.stages[normalize_key(str(name)).casefold()] = stage.value

    # One query per lookup table, and three for the points the file names.
    def _load(self, table: Table, *, lock: bool) -> None:
        self.years = {year.year: year for year in FiscalYear.objects.all()}
        self.departments: dict[str, list[Department]] = defaultdict(list)
        for department in Department.objects.all():
            self.departments[normalize_key(department.name)].append(department)
        self.sections: dict[tuple[int, str], list[Section]] = defaultdict(list)
        for section in Section.objects.select_related("department"):
            key = (section.department_id, normalize_key(section.name))
            self.sections[key].append(section)
        self.plans: dict[str, list[Plan]] = defaultdict(list)
        for plan in Plan.objects.all():
            self.plans[normalize_key(plan.title)].append(plan)
        self.principles = {p.number: p for p in Principle.objects.all()}
        self.focus_areas = {}
        for area in FocusArea.objects.all():
            self.focus_areas[str(area.number)] = area
            self.focus_areas[normalize_key(area.name)] = area
        ids = set()
        for _number, cells in table.rows:
            raw = normalize_key(cells[0])
            if _ID.fullmatch(raw):
                ids.add(int(raw))
        points = DxPoint.objects.filter(pk__in=ids)
        if lock:
            points = points.select_for_update(of=("self",))
            list(
                AchievementReport.objects.select_for_update()
                .filter(point_id__in=ids)
                .values_list("pk", flat=True)
            )
        points = points.select_related(
            "fiscal_year", "section__department", "plan", "report"
        ).prefetch_related("principles", "focus_areas")
        self.points = {point.pk: point for point in points}
        self.seen: dict[int, int] = {}
        # New points by (year, section, name): the year's points are read
        # once, when the file first names that year.
        self.titles: dict[int, dict[tuple[int, str], int]] = {}
        self.new_titles: dict[tuple[int, int, str], int] = {}

    def preview(self, table: Table, *, file_name: str, lock: bool) -> ImportPreview:
        self._load(table, lock=lock)
        preview = ImportPreview(file_name=file_name, examples=table.examples)
        for number, cells in table.rows:
            row = _Row(number, cells, preview.errors)
            result = self._check_row(row)
            if row.failed or result is None:
                continue
            if result.is_new:
                preview.creates.append(result)
            elif result.point_changed or result.report is not None:
                preview.updates.append(result)
            else:
                preview.unchanged += 1
        preview.errors.sort(key=lambda error: (error.row, COLUMNS.index(error.column)))
        return preview

    def _check_row(self, row: _Row) -> RowOutcome | None:
        point = self._existing(row)
        if row.failed:
            return None
        fiscal_year = self._fiscal_year(row, point)
        section = self._section(row, point, fiscal_year)
        values, m2m = self._point_values(row, point, fiscal_year, section)
        report_values = self._report_values(row)
        if row.failed:
            return None
        if point is None:
            return self._create(row, fiscal_year, section, values, m2m, report_values)
        return self._update(row, point, values, m2m, report_values)

    # The cells ---------------------------------------------------------------

    def _existing(self, row: _Row) -> DxPoint | None:
        raw = row.key("ID")
        if not raw:
            return None
        if not _ID.fullmatch(raw):
            row.error(
                "ID", _("Write the ID as a number, or leave it empty for a new point.")
            )
            return None
        pk = int(raw)
        if pk in self.seen:
            row.error(
                "ID",
                _("ID %(id)s is also in row %(row)s: a point can have one row only.")
                % {"id": pk, "row": self.seen[pk]},
            )
            return None
        self.seen[pk] = row.number
        point = self.points.get(pk)
        if point is None:
            row.error(
                "ID",
                _(
                    "There is no DX point with ID %(id)s. Leave the ID empty "
                    "for a new point."
                )
                % {"id": pk},
            )
            return None
        roles = self.roles
        if not (
            point.is_own(roles) or point.is_reviewed_by(roles) or roles.is_dx_office
        ):
            row.error(
                "ID",
                _(
                    "ID %(id)s is a DX point of another section. A file may "
                    "name only the points of your own section."
                )
                % {"id": pk},
            )
            return None
        return point

    def _fiscal_year(self, row: _Row, point: DxPoint | None) -> FiscalYear | None:
        if not row.key("年度"):
            row.error(
                "年度", _("Enter the fiscal year, for example 2024 or 令和6年度.")
            )
            return None
        try:
            year = parse_fiscal_year(row.values["年度"])
        except ValidationError as error:
            row.error("年度", error.messages[0])
            return None
        if point is not None and year != point.fiscal_year_id:
            row.error(
                "年度",
                _(
                    "The fiscal year of an existing DX point cannot change "
                    "(ID %(id)s is in %(year)s)."
                )
                % {"id": point.pk, "year": point.fiscal_year.label},
            )
            return None
        fiscal_year = self.years.get(year)
        if fiscal_year is None:
            row.error(
                "年度",
                _("%(year)s has not been opened in the portal.")
                % {"year": fiscal_year_label(year)},
            )
        return fiscal_year

    def _section(
        self, row: _Row, point: DxPoint | None, fiscal_year: FiscalYear | None
    ) -> Section | None:
        department_name, section_name = row.key("部"), row.key("課")
        if point is not None:
            section = point.section
            for column, name, unit in (
                ("部", department_name, section.department),
                ("課", section_name, section),
            ):
                if name != normalize_key(unit.name):
                    row.error(
                        column,
                        _(
                            "The department and section of an existing DX point "
                            "cannot change (ID %(id)s belongs to %(unit)s)."
                        )
                        % {"id": point.pk, "unit": _unit_name(section)},
                    )
            return section
        if not department_name:
            row.error("部", _("Enter %(column)s.") % {"column": "部"})
        if not section_name:
            row.error("課", _("Enter %(column)s.") % {"column": "課"})
        if row.failed & {"部", "課"}:
            return None
        departments = self.departments.get(department_name)
        if not departments:
            row.error(
                "部",
                _("There is no department named “%(name)s”.")
                % {"name": department_name},
            )
            return None
        sections = [
            section
            for department in departments
            for section in self.sections.get((department.pk, section_name), [])
        ]
        if not sections:
            row.error(
                "課",
                _("%(department)s has no section named “%(name)s”.")
                % {"department": department_name, "name": section_name},
            )
            return None
        if fiscal_year is not None:
            year = fiscal_year.year
            sections = [
                section
                for section in sections
                if section.is_active_in(year) and section.department.is_active_in(year)
            ]
            if not sections:
                row.error(
                    "課",
                    _(
                        "%(department)s %(name)s does not exist in %(year)s "
                        "(it was retired, or set up later)."
                    )
                    % {
                        "department": department_name,
                        "name": section_name,
                        "year": fiscal_year.label,
                    },
                )
                return None
        return sections[0]

    def _point_values(
        self,
        row: _Row,
        point: DxPoint | None,
        fiscal_year: FiscalYear | None,
        section: Section | None,
    ) -> tuple[dict, dict[str, list[int]]]:
        values = {
            "title": row.required("DXポイント"),
            "description": row.required("内容"),
            "plan": self._plan_of(row, point, fiscal_year, section),
            "business": row.text("事務事業"),
            "stage": self._stage(row),
            "indicator_name": row.text("指標"),
            "indicator_unit": row.text("単位"),
            "baseline": row.decimal("基準値"),
            "target": row.decimal("目標値"),
        }
        m2m = {
            "principles": self._principles(row),
            "focus_areas": self._focus_areas(row),
        }
        return values, m2m

    def _plan_of(self, row, point, fiscal_year, section) -> Plan | None:
        title = row.key("計画")
        if not title:
            return None
        if (
            point is not None
            and point.plan
            and normalize_key(point.plan.title) == title
        ):
            return point.plan
        candidates = self.plans.get(title, [])
        if fiscal_year is not None:
            year = fiscal_year.year
            candidates = [
                plan
                for plan in candidates
                if (plan.start_year is None or plan.start_year <= year)
                and (plan.end_year is None or plan.end_year >= year)
            ]
        if section is not None and len(candidates) > 1:
            own = [p for p in candidates if p.department_id == section.department_id]
            candidates = own or candidates
        if not candidates:
            row.error(
                "計画",
                _(
                    "There is no plan titled “%(title)s” in that fiscal year. "
                    "Write the plan's title as the portal lists it, or leave "
                    "計画 empty and name the 事務事業."
                )
                % {"title": title},
            )
            return None
        if len(candidates) > 1:
            row.error(
                "計画",
                _("Several plans are titled “%(title)s”; ask the DX office.")
                % {"title": title},
            )
            return None
        return candidates[0]

    def _stage(self, row: _Row) -> str:
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

    def _tokens(self, row: _Row, column: str) -> list[str]:
        text = row.key(column)
        return [token.strip() for token in text.split(LIST_SEPARATOR) if token.strip()]

    def _principles(self, row: _Row) -> list[int]:
        tokens = self._tokens(row, "心得")
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

    def _focus_areas(self, row: _Row) -> list[int]:
        ids = []
        for token in self._tokens(row, "重点取組事項"):
            area = self.focus_areas.get(token)
            if area is None:
                row.error(
                    "重点取組事項",
                    _(
                        "There is no focus area “%(name)s”. Write the names or "
                        "numbers (1–6) of the focus areas separated by ;."
                    )
                    % {"name": token},
                )
                return []
            ids.append(area.pk)
        return sorted(set(ids))

    def _report_values(self, row: _Row) -> dict | None:
        if not any(row.values[column].strip() for column in REPORT_COLUMNS):
            return None
        level = row.key("達成度").upper()
        if level and level not in LEVELS:
            row.error("達成度", _("Write the level as A, B, C or D."))
        hours = row.decimal("削減時間")
        return {
            "actual": row.decimal("実績値"),
            "self_level": level,
            "effect": row.text("効果"),
            "hours_saved": Decimal(0) if hours is None else hours,
            "next_steps": row.text("次年度への課題"),
        }

    # What the row does --------------------------------------------------------

    def _create(self, row, fiscal_year, section, values, m2m, report_values):
        roles = self.roles
        closed_load = fiscal_year.is_closed and self.load_closed_years
        if closed_load:
            if not roles.is_dx_office:
                row.error(
                    "年度", _("Only the DX office loads the records of a closed year.")
                )
                return None
        else:
            reason = DxPoint.why_not_create(fiscal_year, section, roles)
            if reason is not None:
                # Another section's row is wrong in 課; the wrong phase, in 年度.
                own = section.pk in roles.section_ids
                row.error("年度" if own else "課", reason)
            if report_values is not None:
                column = next(c for c in REPORT_COLUMNS if row.values[c].strip())
                row.error(
                    column,
                    _(
                        "A new DX point has no year-end report yet: leave "
                        "%(columns)s empty."
                    )
                    % {"columns": "、".join(REPORT_COLUMNS)},
                )
            if row.failed:
                return None
        if self._is_duplicate(row, fiscal_year, section, values["title"]):
            return None
        point = DxPoint(
            fiscal_year=fiscal_year,
            section=section,
            created_by=self.user,
            state=PointState.APPROVED if closed_load else PointState.DRAFT,
            **values,
        )
        self._validate_point(row, point)
        report = None
        if closed_load and report_values is not None:
            report = AchievementReport(point=point, state=ReportState.CONFIRMED)
            self._set_report(row, report, report_values)
        if row.failed:
            return None
        return RowOutcome(
            row=row.number,
            point=point,
            is_new=True,
            m2m=m2m,
            report=report,
            report_is_new=report is not None,
        )

    def _is_duplicate(self, row, fiscal_year, section, title: str) -> bool:
        """Is a new point named like one its section already has that year?

        A row without an ID creates a point, so loading the same file twice
        would count every point twice; such a row is refused, with the ID
        that would update the point instead.
        """
        name = normalize_key(title).casefold()
        if fiscal_year.year not in self.titles:
            self.titles[fiscal_year.year] = {
                (section_id, normalize_key(existing).casefold()): pk
                for pk, section_id, existing in DxPoint.objects.filter(
                    fiscal_year=fiscal_year
                ).values_list("pk", "section_id", "title")
            }
        names = {
            "unit": _unit_name(section),
            "year": fiscal_year.label,
            "title": title,
        }
        if (pk := self.titles[fiscal_year.year].get((section.pk, name))) is not None:
            row.error(
                "DXポイント",
                _(
                    "%(unit)s already has the DX point “%(title)s” in %(year)s "
                    "(ID %(id)s). To change it, write %(id)s in the ID column; "
                    "for another point, give it another name."
                )
                % {**names, "id": pk},
            )
            return True
        key = (fiscal_year.year, section.pk, name)
        if (earlier := self.new_titles.get(key)) is not None:
            row.error(
                "DXポイント",
                _(
                    "The DX point “%(title)s” of %(unit)s in %(year)s is also "
                    "in row %(row)s: a point can have one row only."
                )
                % {**names, "row": earlier},
            )
            return True
        self.new_titles[key] = row.number
        return False

    def _update(self, row, point, values, m2m, report_values):
        outcome = RowOutcome(
            row=row.number,
            point=point,
            is_new=False,
            revisions=(
                point.revision,
                point.report.revision if point.has_report() else None,
            ),
        )
        for name, column in POINT_COLUMNS.items():
            if name in m2m:
                old = {item.pk for item in getattr(point, name).all()}
                if old != set(m2m[name]):
                    outcome.m2m[name] = m2m[name]
                    outcome.changes.append(
                        FieldChange(
                            column,
                            self._show_m2m(name, old),
                            self._show_m2m(name, m2m[name]),
                        )
                    )
                continue
            old, new = getattr(point, name), values[name]
            if name in _TEXT_FIELDS:
                old = clean_text(old)
            if old != new:
                outcome.point_fields.append(name)
                outcome.changes.append(
                    FieldChange(column, self._show(name, old), self._show(name, new))
                )
        report_changes, report_values = self._report_changes(row, point, report_values)
        if row.failed:
            return None
        if outcome.point_changed and (reason := point.why_not_edit(self.roles)):
            row.error(outcome.changes[0].column, reason)
        if report_changes and (reason := point.why_not_write_report(self.roles)):
            row.error(report_changes[0].column, reason)
        if row.failed:
            return None
        if outcome.point_fields:
            for name in outcome.point_fields:
                setattr(point, name, values[name])
            self._validate_point(row, point)
        if report_changes:
            report = point.report if point.has_report() else None
            outcome.report_is_new = report is None
            outcome.report = report or AchievementReport(point=point)
            self._set_report(row, outcome.report, report_values)
            outcome.changes.extend(report_changes)
        if row.failed:
            return None
        return outcome

    def _report_changes(self, row, point, report_values) -> tuple[list, dict]:
        """The changes a row makes to a point's report, and the report's new values."""
        report = point.report if point.has_report() else None
        if report is None and report_values is None:
            return [], {}
        new = report_values or {
            "actual": None,
            "self_level": "",
            "effect": "",
            "hours_saved": Decimal(0),
            "next_steps": "",
        }
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
            # A numeric point's level follows from its actual value.
            if name == "self_level" and point.has_indicator:
                continue
            old = getattr(report, name) if report else None
            if name in {"effect", "next_steps", "self_level"}:
                old = clean_text(old)
            if name == "hours_saved" and old is None:
                old = Decimal(0)
            if report is None or old != new[name]:
                if report is None and new[name] in (None, "", Decimal(0)):
                    continue
                changes.append(FieldChange(column, display(old), display(new[name])))
        return changes, new

    # Validation with the models' own rules (no queries) -------------------------

    def _validate_point(self, row: _Row, point: DxPoint) -> None:
        checked = [name for name in POINT_COLUMNS if name not in IMPORT_M2M]
        exclude = [f.name for f in DxPoint._meta.fields if f.name not in checked]
        exclude.append("plan")
        self._collect(row, lambda: point.clean_fields(exclude=exclude), POINT_COLUMNS)
        self._collect(row, point.clean, POINT_COLUMNS)

    def _set_report(self, row: _Row, report: AchievementReport, values: dict) -> None:
        for name in REPORT_FIELDS:
            if name == "actual" and not report.point.has_indicator:
                continue
            if name == "self_level" and report.point.has_indicator:
                continue
            setattr(report, name, values[name])
        exclude = [
            f.name
            for f in AchievementReport._meta.fields
            if f.name not in REPORT_FIELDS
        ]
        self._collect(row, lambda: report.clean_fields(exclude=exclude), REPORT_FIELDS)
        self._collect(row, report.clean, REPORT_FIELDS)

    @staticmethod
    def _collect(row: _Row, check, columns: dict[str, str]) -> None:
        try:
            check()
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                column = columns.get(name, "ID")
                if column not in row.failed:
                    row.error(column, messages[0])

    # Showing values in the preview ------------------------------------------------

    def _show(self, name: str, value) -> str:
        if name == "stage" and value:
            return stage_name(value)
        if name == "plan":
            return value.title if value else "—"
        return display(value)

    def _show_m2m(self, name: str, ids) -> str:
        if name == "principles":
            by_pk = {p.pk: p.number for p in self.principles.values()}
            numbers = sorted(by_pk[pk] for pk in ids if pk in by_pk)
            return LIST_SEPARATOR.join(str(n) for n in numbers) or "—"
        by_pk = {area.pk: area for area in self.focus_areas.values()}
        areas = sorted((by_pk[pk] for pk in ids if pk in by_pk), key=lambda a: a.number)
        return LIST_SEPARATOR.join(area.name for area in areas) or "—"
