"""Checking a staff list: what each row would change, or why it cannot.

``StaffChecker`` reads the organisation, the accounts the file names and who
holds each role in the year, in a fixed number of queries whatever the
file's size; then it reads every row, checks the rows against each other and
plans the rotation. Nothing here writes: ``services.staff.apply_staff_list``
applies a clean preview through ``apply_rotation``.

What a list means (the README says the same for the DX office):

- A row with 役割 DXer or 部長 makes the person the DXer of that 課 or the
  head of that 部 from the fiscal year of its 発令日.
- The file is the truth about each person it names: a DXer or head role the
  person holds elsewhere ends (they moved), and a row whose 役割 is なし or
  empty ends all of them.
- A 課 or 部 the file does not name keeps its holder (lists of the people
  who move are normal), unless the upload says the file is the whole list:
  then every DXer and head role it does not name ends.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from iruma_dx.lib.dates import parse_date
from iruma_dx.lib.fiscal import (
    fiscal_year_label,
    fiscal_year_of,
    validate_fiscal_year,
)

from ..models import Assignment, Department, Role, Section, User
from ..models.organisation import RotationChange, holders_in, repeated_dxers
from ..models.people import split_name
from .columns import (
    COLUMNS,
    ROLE_LABELS,
    UnknownRole,
    clean_text,
    normalize_key,
    read_role,
)
from .files import StaffTable
from .preview import NewAccount, PlannedChange, RowError, StaffPreview

ID = "ID"  # the person's column, named in errors as the file names it
UNIT_COLUMN = {Role.DXER: "課", Role.HEAD: "部"}
NAME_LIMIT = User._meta.get_field("last_name").max_length
USERNAME_LIMIT = User._meta.get_field("username").max_length

UnitKey = tuple[str, int]  # (role, pk of the section or department)


class _Row:
    """The cells of one row, what they say, and the errors found in them."""

    def __init__(
        self, number: int, cells: list[str], table: StaffTable, errors: list[RowError]
    ) -> None:
        self.number = number
        self.values = dict(zip((ID, *COLUMNS), cells, strict=True))
        self.id_column = table.id_column
        self._errors = errors
        self.failed: set[str] = set()
        self.username: str | None = None  # lower case, as accounts are matched
        self.full_name = ""
        self.role: str | None = None
        self.year: int | None = None
        self.person: User | None = None
        self.unit: Section | Department | None = None

    def error(self, column: str, message: str) -> None:
        name = self.id_column if column == ID else column
        self._errors.append(RowError(self.number, name, str(message)))
        self.failed.add(column)

    def key(self, column: str) -> str:
        return normalize_key(self.values[column])

    def required(self, column: str) -> str:
        value = self.key(column)
        if not value:
            name = self.id_column if column == ID else column
            self.error(column, _("Enter %(column)s.") % {"column": name})
        return value

    @property
    def unit_key(self) -> UnitKey | None:
        if self.role is None or self.unit is None:
            return None
        return (self.role, self.unit.pk)


@dataclass
class _Organisation:
    """The year's units by NFKC name, and the others to explain a miss."""

    departments: dict[str, list[Department]]
    old_departments: dict[str, list[Department]]
    sections: dict[str, list[Section]]
    old_sections: dict[str, list[Section]]
    successors: dict[int, list[Section]]
    order: list[tuple[UnitKey, Section | Department]]


def _name_key(name: str) -> str:
    """Names compare without their spaces: 窓口 花子, 窓口　花子 and 窓口花子 agree."""
    return "".join(unicodedata.normalize("NFKC", name).split())


def _same(a: User | None, b: User | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.pk is not None and a.pk == b.pk


def _who(user: User) -> object:
    return user.pk if user.pk is not None else user.username


class StaffChecker:
    """Checks one staff list and plans the rotation it asks for."""

    def __init__(
        self, *, table: StaffTable, file_name: str, whole_list: bool, directory: bool
    ) -> None:
        self.table = table
        self.directory = directory
        self.result = StaffPreview(
            file_name=file_name,
            id_column=table.id_column,
            whole_list=whole_list,
            rows=len(table.rows),
        )

    def preview(self, *, lock: bool = False) -> StaffPreview:
        """Return what the list would do; ``lock`` locks the year's roles."""
        preview = self.result
        rows = [
            self._read(_Row(number, cells, self.table, preview.errors))
            for number, cells in self.table.rows
        ]
        preview.year = self._year(rows)
        if preview.year is not None:
            self._load(preview.year, rows, lock=lock)
            for row in rows:
                self._person(row)
                self._unit(row)
            self._across_rows(rows)
            if not preview.errors:
                self._plan(rows)
        order = [self.table.id_column, *COLUMNS]
        preview.errors.sort(key=lambda error: (error.row, order.index(error.column)))
        return preview

    # Each row's own cells (no queries) ---------------------------------------

    def _read(self, row: _Row) -> _Row:
        username = row.required(ID)
        if username:
            try:
                User.username_validator(username)
                if len(username) > USERNAME_LIMIT:
                    raise ValidationError("too long")
            except ValidationError:
                row.error(
                    ID,
                    _(
                        "“%(value)s” cannot be a user name: use at most %(limit)s "
                        "letters, digits and @ . + - _."
                    )
                    % {"value": username, "limit": USERNAME_LIMIT},
                )
            else:
                row.username = username.lower()
        row.full_name = self._full_name(row)
        try:
            row.role = read_role(row.values["役割"])
        except UnknownRole:
            row.error(
                "役割",
                _("Write 役割 as one of %(names)s, or leave it empty for none.")
                % {"names": "、".join(ROLE_LABELS)},
            )
        row.year = self._fiscal_year(row)
        return row

    def _full_name(self, row: _Row) -> str:
        name = " ".join(clean_text(row.values["氏名"]).split())
        if not name:
            row.error("氏名", _("Enter %(column)s.") % {"column": "氏名"})
        elif "<" in name or ">" in name:
            row.error("氏名", _("Write the name as plain text, without < or >."))
        elif any(len(part) > NAME_LIMIT for part in split_name(name)):
            row.error(
                "氏名",
                _("A family or given name is longer than %(limit)s characters.")
                % {"limit": NAME_LIMIT},
            )
        return name

    def _fiscal_year(self, row: _Row) -> int | None:
        if not row.key("発令日"):
            row.error(
                "発令日",
                _("Enter 発令日, for example 2025-04-01 or 令和7年4月1日."),
            )
            return None
        try:
            year = fiscal_year_of(parse_date(row.values["発令日"]))
            validate_fiscal_year(year)
        except ValidationError as error:
            row.error("発令日", error.messages[0])
            return None
        return year

    def _year(self, rows: list[_Row]) -> int | None:
        """The fiscal year of the first 発令日; a file holds one year's rotation."""
        first: _Row | None = None
        for row in rows:
            if row.year is None:
                continue
            if first is None:
                first = row
            elif row.year != first.year:
                row.error(
                    "発令日",
                    _(
                        "This date falls in %(year)s, but the one of row %(row)s "
                        "in %(first)s: a file holds the changes of one fiscal year."
                    )
                    % {
                        "year": fiscal_year_label(row.year),
                        "row": first.number,
                        "first": fiscal_year_label(first.year),
                    },
                )
        return first.year if first is not None else None

    # What the rows name (five queries, six when locking) ---------------------

    def _load(self, year: int, rows: list[_Row], *, lock: bool) -> None:
        self.year = year
        self.org = self._organisation(year)
        names = {row.username for row in rows if row.username}
        self.accounts: dict[str, list[User]] = defaultdict(list)
        for user in User.objects.annotate(key=Lower("username")).filter(key__in=names):
            self.accounts[user.key].append(user)
        self.new_accounts: dict[str, NewAccount] = {}
        if lock:
            list(
                Assignment.objects.active_in(year)
                .exclude(role=Role.DX_OFFICE)
                .select_for_update()
                .values_list("pk", flat=True)
            )
        dxers, heads = holders_in(year)
        self.holders: dict[UnitKey, Assignment] = {
            **{(Role.DXER, pk): held for pk, held in dxers.items()},
            **{(Role.HEAD, pk): held for pk, held in heads.items()},
        }
        self.later: dict[UnitKey, Assignment] = {}
        for held in (
            Assignment.objects.filter(start_year__gt=year)
            .exclude(role=Role.DX_OFFICE)
            .select_related("user")
            .order_by("-start_year")
        ):
            self.later[(held.role, held.section_id or held.department_id)] = held

    def _organisation(self, year: int) -> _Organisation:
        org = _Organisation(
            departments=defaultdict(list),
            old_departments=defaultdict(list),
            sections=defaultdict(list),
            old_sections=defaultdict(list),
            successors=defaultdict(list),
            order=[],
        )
        departments = list(Department.objects.all())
        for department in departments:
            active = department.is_active_in(year)
            index = org.departments if active else org.old_departments
            index[normalize_key(department.name)].append(department)
        sections_of: dict[int, list[Section]] = defaultdict(list)
        for section in Section.objects.select_related("department"):
            active = section.is_active_in(year) and (
                section.department.is_active_in(year)
            )
            index = org.sections if active else org.old_sections
            index[normalize_key(section.name)].append(section)
            if active:
                sections_of[section.department_id].append(section)
                if section.predecessor_id:
                    org.successors[section.predecessor_id].append(section)
        # The rotation form's order: each department's head, then its sections.
        for department in departments:
            if department.is_active_in(year):
                org.order.append(((Role.HEAD, department.pk), department))
                org.order += [
                    ((Role.DXER, section.pk), section)
                    for section in sections_of[department.pk]
                ]
        return org

    # Who and where ------------------------------------------------------------

    def _person(self, row: _Row) -> None:
        if row.username is None or row.failed & {ID, "氏名"}:
            return
        found = self.accounts.get(row.username, [])
        if len(found) > 1:
            row.error(
                ID,
                _(
                    "Several accounts are named “%(name)s” (in upper and lower "
                    "case): ask the system administrator to keep one."
                )
                % {"name": row.username},
            )
        elif found:
            self._existing(row, found[0])
        elif row.role is None:
            return  # no account and no role: nothing to end
        elif self.directory:
            row.person = self._new_account(row)
        else:
            row.error(
                ID,
                _(
                    "There is no account “%(name)s”. Create it first under 組織 › "
                    "職員と役割 › 職員を登録, then upload the file again."
                )
                % {"name": row.values[ID].strip()},
            )

    def _existing(self, row: _Row, user: User) -> None:
        portal_name = _name_key(user.last_name + user.first_name)
        if portal_name and portal_name != _name_key(row.full_name):
            row.error(
                "氏名",
                _(
                    "“%(name)s” is %(person)s in the portal. Check the "
                    "%(column)s, or correct the name under 組織 › 職員と役割."
                )
                % {
                    "name": row.values[ID].strip(),
                    "person": user.get_full_name(),
                    "column": row.id_column,
                },
            )
        elif row.role is not None and not user.is_active:
            row.error(
                ID,
                _(
                    "The account of %(person)s is switched off. Switch it on "
                    "under 組織 › 職員と役割 first."
                )
                % {"person": user},
            )
        else:
            row.person = user

    def _new_account(self, row: _Row) -> User:
        """The account the list makes for someone new (one for all their rows)."""
        new = self.new_accounts.get(row.username)
        if new is None:
            last_name, first_name = split_name(row.full_name)
            user = User(
                username=row.username, last_name=last_name, first_name=first_name
            )
            new = NewAccount(row=row.number, user=user, full_name=row.full_name)
            self.new_accounts[row.username] = new
        elif _name_key(new.full_name) != _name_key(row.full_name):
            row.error(
                "氏名",
                _("Row %(row)s names this person %(name)s: write the same name.")
                % {"row": new.row, "name": new.full_name},
            )
        return new.user

    def _unit(self, row: _Row) -> None:
        department_name, section_name = row.key("部"), row.key("課")
        if row.role == Role.HEAD:
            if section_name:
                row.error(
                    "課",
                    _("Leave 課 empty on the row of a 部長: a head leads the 部."),
                )
            if row.required("部"):
                row.unit = self._department(row, department_name)
        elif row.role == Role.DXER:
            department = None
            if department_name:
                department = self._department(row, department_name)
                if department is None:
                    return
            if row.required("課"):
                row.unit = self._section(row, section_name, department)

    def _department(self, row: _Row, name: str) -> Department | None:
        found = self.org.departments.get(name, [])
        if len(found) == 1:
            return found[0]
        old = self.org.old_departments.get(name)
        values = {"name": name, "year": fiscal_year_label(self.year)}
        if found:
            message = _("Several departments are named “%(name)s”; ask the DX office.")
            message %= values
        elif old:
            message = self._not_in_year(old[0])
        else:
            message = _("There is no department named “%(name)s” in %(year)s.")
            message %= values
        row.error("部", message)
        return None

    def _section(
        self, row: _Row, name: str, department: Department | None
    ) -> Section | None:
        found = self.org.sections.get(name, [])
        own = [s for s in found if department is None or s.department == department]
        if len(own) == 1:
            return own[0]
        values = {
            "name": name,
            "year": fiscal_year_label(self.year),
            "department": department,
            "departments": "、".join(s.department.name for s in found),
        }
        if own and department is not None:
            message = _("%(department)s has several sections named “%(name)s”.")
        elif own:
            message = _("“%(name)s” is a section of %(departments)s: write its 部 too.")
        elif found:
            message = _(
                "“%(name)s” is a section of %(departments)s, not of %(department)s."
            )
        else:
            row.error("課", self._missing_section(name, department, values))
            return None
        row.error("課", message % values)
        return None

    def _missing_section(
        self, name: str, department: Department | None, values: dict
    ) -> str:
        old = self.org.old_sections.get(name, [])
        same = [s for s in old if department is None or s.department == department]
        if old:
            return self._not_in_year((same or old)[0])
        if department is not None:
            message = _("%(department)s has no section named “%(name)s” in %(year)s.")
        else:
            message = _("There is no section named “%(name)s” in %(year)s.")
        return message % values

    def _not_in_year(self, unit: Section | Department) -> str:
        """Why a unit of that name is not there in the year: retired, or not yet."""
        values = {"unit": unit.name}
        if unit.retired_from is not None and unit.retired_from <= self.year:
            values["retired"] = fiscal_year_label(unit.retired_from)
            successors = self.org.successors.get(unit.pk, [])
            if successors:
                values["successor"] = successors[0].name
                message = _(
                    "%(unit)s was renamed from %(retired)s: it is now %(successor)s."
                )
            else:
                message = _("%(unit)s was retired from %(retired)s.")
        else:
            values["start"] = fiscal_year_label(unit.active_from or self.year)
            message = _("%(unit)s only exists from %(start)s.")
        return message % values

    # The rows together ----------------------------------------------------------

    def _across_rows(self, rows: list[_Row]) -> None:
        claimed: dict[UnitKey, _Row] = {}
        with_role: dict[object, _Row] = {}
        for row in rows:
            key = row.unit_key
            if key is None or row.person is None:
                continue
            with_role.setdefault(_who(row.person), row)
            if key in claimed:
                row.error(
                    UNIT_COLUMN[row.role],
                    _(
                        "%(unit)s is already given in row %(row)s: a section has "
                        "one DXer and a department one head."
                    )
                    % {"unit": row.unit, "row": claimed[key].number},
                )
                continue
            claimed[key] = row
            self._later_role(row)
        dxers = [
            (row, row.unit, row.person)
            for row in rows
            if row.role == Role.DXER and row.unit_key in claimed and not row.failed
        ]
        for repeated in repeated_dxers(dxers):
            repeated.key.error(
                ID,
                _(
                    "%(person)s is already DXer of %(unit)s in row %(row)s: a "
                    "DXer looks after one section."
                )
                % {
                    "person": repeated.person,
                    "unit": repeated.first_unit,
                    "row": repeated.first_key.number,
                },
            )
        for row in rows:
            if row.role is None and row.person is not None and "役割" not in row.failed:
                other = with_role.get(_who(row.person))
                if other is not None:
                    row.error(
                        "役割",
                        _(
                            "Row %(row)s gives %(person)s a role: a person with "
                            "no role has no other row."
                        )
                        % {"row": other.number, "person": row.person},
                    )

    def _later_role(self, row: _Row) -> None:
        """Refuse a new holder where a later year's holder is already recorded."""
        later = self.later.get(row.unit_key)
        held = self.holders.get(row.unit_key)
        if later is None or (held is not None and _same(held.user, row.person)):
            return
        row.error(
            UNIT_COLUMN[row.role],
            _(
                "%(unit)s already has %(person)s from %(year)s. Load the lists "
                "in the order of their years, or end that role first."
            )
            % {
                "unit": row.unit,
                "person": later.user,
                "year": fiscal_year_label(later.start_year),
            },
        )

    # The plan ---------------------------------------------------------------

    def _plan(self, rows: list[_Row]) -> None:
        preview = self.result
        current = {key: self.holders[key].user for key in self.holders}
        target = dict(current)
        decided: dict[UnitKey, int | None] = {}
        for row in rows:
            if row.unit_key is not None:
                target[row.unit_key] = row.person
                decided[row.unit_key] = row.number
        named: dict[object, int] = {}
        for row in rows:
            if row.person is not None:
                named.setdefault(_who(row.person), row.number)
        for key, holder in current.items():
            if key in decided:
                continue
            if _who(holder) in named:
                target[key], decided[key] = None, named[_who(holder)]
            elif preview.whole_list:
                target[key], decided[key] = None, None
        for key, unit in self.org.order:
            before, after = current.get(key), target.get(key)
            if not _same(before, after):
                change = RotationChange(
                    unit=unit, role=key[0], before=before, after=after
                )
                preview.changes.append(PlannedChange(change=change, row=decided[key]))
            if after is None:
                vacant = preview.sections_without_dxer
                if key[0] == Role.HEAD:
                    vacant = preview.departments_without_head
                vacant.append(unit)
        preview.new_accounts = list(self.new_accounts.values())
        busy = {planned.row for planned in preview.changes}
        preview.unchanged = sum(1 for row in rows if row.number not in busy)
        preview.holders = [
            (key[0], key[1], held.user_id, held.pk)
            for key, held in self.holders.items()
        ]
