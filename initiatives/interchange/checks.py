"""Checking the rows of an interchange file: what each would do, or why it cannot.

``RowChecker`` runs a fixed number of queries whatever the file's size (the
lookup tables and the points the file names by ID), then checks each row
with the models' own rules: ``DxPoint.why_not_create``, ``why_not_edit``,
``why_not_write_report`` (whose reasons become the rows' messages) and the
models' ``clean``. Reading the cells is ``cells``' job. Nothing here writes;
``services.apply_import`` writes a clean preview.

A row of a first-version file (without the second version's columns)
leaves what those columns hold as it is: the technologies of a point here,
the analysis, direction and basis of the hours of a report in ``reports``.
"""

from __future__ import annotations

import re
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from iruma_dx.lib.fiscal import fiscal_year_label, parse_fiscal_year

from ..models import (
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
    Technology,
    roles_of,
)
from ..models.measures import technology_tag_errors
from .cells import CellReader, Row
from .columns import (
    ALL_COLUMNS,
    POINT_COLUMNS,
    REPORT_COLUMNS,
    SECOND_REPORT_COLUMNS,
    clean_text,
    normalize_key,
)
from .files import Table
from .preview import FieldChange, ImportPreview, RowOutcome
from .reports import ReportChecks

_ID = re.compile(r"[0-9]{1,18}")

IMPORT_M2M = ("principles", "focus_areas", "technologies")
_TEXT_FIELDS = {"title", "description", "business", "indicator_name", "indicator_unit"}


def _unit_name(section: Section) -> str:
    return f"{section.department.name} {section.name}"


class RowChecker(ReportChecks):
    """Checks the rows of one file for one person, once per preview."""

    def __init__(self, *, by, load_closed_years: bool) -> None:
        self.user = by
        self.roles = roles_of(by)
        self.load_closed_years = load_closed_years

    # One query per lookup table, and three for the points the file names
    # (technologies, and the points' technologies, for a second-version file).
    def _load(self, table: Table, *, lock: bool) -> None:
        self.columns = table.columns
        second = self.columns == ALL_COLUMNS
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
        self.cells = CellReader(
            principles=list(Principle.objects.all()),
            focus_areas=list(FocusArea.objects.all()),
            technologies=list(Technology.objects.all()) if second else [],
        )
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
        ).prefetch_related(*(IMPORT_M2M if second else IMPORT_M2M[:2]))
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
            row = Row(number, cells, preview.errors, self.columns)
            result = self._check_row(row)
            if row.failed or result is None:
                continue
            if result.is_new:
                preview.creates.append(result)
            elif result.point_changed or result.report is not None:
                preview.updates.append(result)
            else:
                preview.unchanged += 1
        preview.errors.sort(
            key=lambda error: (error.row, ALL_COLUMNS.index(error.column))
        )
        return preview

    def _check_row(self, row: Row) -> RowOutcome | None:
        point = self._existing(row)
        if row.failed:
            return None
        fiscal_year = self._fiscal_year(row, point)
        section = self._section(row, point, fiscal_year)
        values, m2m = self._point_values(row, point, fiscal_year, section)
        report_values = self.cells.report_values(row)
        if row.failed:
            return None
        if point is None:
            return self._create(row, fiscal_year, section, values, m2m, report_values)
        return self._update(row, point, values, m2m, report_values)

    # The cells ---------------------------------------------------------------

    def _existing(self, row: Row) -> DxPoint | None:
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

    def _fiscal_year(self, row: Row, point: DxPoint | None) -> FiscalYear | None:
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
        self, row: Row, point: DxPoint | None, fiscal_year: FiscalYear | None
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
        row: Row,
        point: DxPoint | None,
        fiscal_year: FiscalYear | None,
        section: Section | None,
    ) -> tuple[dict, dict[str, list[int]]]:
        values = {
            "title": row.required("DXポイント"),
            "description": row.required("内容"),
            "plan": self._plan_of(row, point, fiscal_year, section),
            "business": row.text("事務事業"),
            "stage": self.cells.stage(row),
            "indicator_name": row.text("指標"),
            "indicator_unit": row.text("単位"),
            "baseline": row.decimal("基準値"),
            "target": row.decimal("目標値"),
        }
        m2m = {
            "principles": self.cells.principles_of(row),
            "focus_areas": self.cells.focus_areas_of(row, fiscal_year),
        }
        if row.has("技術"):
            m2m["technologies"] = self.cells.technologies_of(row)
            values["technology_status"] = self.cells.technology_status(row)
            problems = technology_tag_errors(
                has_technologies=bool(m2m["technologies"]),
                status=values["technology_status"],
            )
            for name, message in problems.items():
                if POINT_COLUMNS[name] not in row.failed:
                    row.error(POINT_COLUMNS[name], message)
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
            candidates = [plan for plan in candidates if plan.covers(fiscal_year.year)]
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
                columns = [
                    c for c in REPORT_COLUMNS + SECOND_REPORT_COLUMNS if row.has(c)
                ]
                column = next(c for c in columns if row.values[c].strip())
                row.error(
                    column,
                    _(
                        "A new DX point has no year-end report yet: leave "
                        "%(columns)s empty."
                    )
                    % {"columns": "、".join(columns)},
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
            values = self._new_report_values(row, point, None, report_values)
            self._set_report(row, report, values)
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
            if not row.has(column):
                continue  # a first-version file leaves the technologies alone
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

    # Validation with the models' own rules (no queries) -------------------------

    def _validate_point(self, row: Row, point: DxPoint) -> None:
        checked = [name for name in POINT_COLUMNS if name not in IMPORT_M2M]
        exclude = [f.name for f in DxPoint._meta.fields if f.name not in checked]
        exclude.append("plan")
        self._collect(row, lambda: point.clean_fields(exclude=exclude), POINT_COLUMNS)
        self._collect(row, point.clean, POINT_COLUMNS)
