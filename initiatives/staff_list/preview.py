"""What loading a staff list would do, and every error that stops it."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace

from iruma_dx.lib.fiscal import fiscal_year_label

from ..interchange.preview import RowError
from ..models import Department, Role, Section, User
from ..models.organisation import RotationChange

__all__ = ["NewAccount", "PlannedChange", "RowError", "StaffPreview"]


@dataclass(frozen=True)
class PlannedChange:
    """One unit whose holder the list changes, and the row that decides it.

    ``row`` is None where the unit is not in the file and the whole-list
    option ends its role.
    """

    change: RotationChange
    row: int | None

    @property
    def kind(self) -> str:
        return self.change.kind

    @property
    def is_head(self) -> bool:
        return self.change.role == Role.HEAD


@dataclass
class NewAccount:
    """A person the list names who has no account yet: one is made for them."""

    row: int
    user: User  # not saved: user name and name as the directory sign-in keeps them
    full_name: str


@dataclass
class StaffPreview:
    """Everything loading a staff list would do, and every error that stops it."""

    file_name: str
    id_column: str
    whole_list: bool
    year: int | None = None
    rows: int = 0
    changes: list[PlannedChange] = field(default_factory=list)
    new_accounts: list[NewAccount] = field(default_factory=list)
    sections_without_dxer: list[Section] = field(default_factory=list)
    departments_without_head: list[Department] = field(default_factory=list)
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    # Who held every DXer and head role of the year when the list was checked.
    holders: list[tuple[str, int, int, int]] = field(default_factory=list)

    @property
    def is_clean(self) -> bool:
        return not self.errors

    @property
    def has_changes(self) -> bool:
        return bool(self.changes)

    @property
    def error_rows(self) -> int:
        return len({error.row for error in self.errors})

    @property
    def year_label(self) -> str:
        return fiscal_year_label(self.year) if self.year is not None else ""

    def count(self, role: str) -> int:
        """How many units of ``role`` get a new holder."""
        return sum(
            1
            for planned in self.changes
            if planned.change.role == role and planned.change.after is not None
        )

    @property
    def new_dxers(self) -> int:
        return self.count(Role.DXER)

    @property
    def new_heads(self) -> int:
        return self.count(Role.HEAD)

    @property
    def ended(self) -> int:
        """How many roles end (the person leaves the unit)."""
        return sum(1 for planned in self.changes if planned.change.before is not None)

    @property
    def digest(self) -> str:
        """A fingerprint of what would be written and of the roles it starts from.

        Confirming recomputes it: if anyone gave or ended a DXer or head role
        of the year, or made an account the list would make, it differs.
        """
        payload = {
            "year": self.year,
            "whole_list": self.whole_list,
            "holders": sorted(self.holders),
            "changes": sorted(
                [
                    planned.change.role,
                    planned.change.unit.pk,
                    _person_key(planned.change.before),
                    _person_key(planned.change.after),
                    planned.row,
                ]
                for planned in self.changes
            ),
            "accounts": [
                [new.user.username, new.user.last_name, new.user.first_name]
                for new in self.new_accounts
            ],
        }
        text = json.dumps(payload, ensure_ascii=False, default=str)
        return hashlib.sha256(text.encode()).hexdigest()

    def rotation_changes(self, accounts: dict[str, User]) -> list[RotationChange]:
        """The changes to apply, with new people replaced by their saved accounts."""
        result = []
        for planned in self.changes:
            change = planned.change
            if change.after is not None and change.after.pk is None:
                change = replace(change, after=accounts[change.after.username])
            result.append(change)
        return result


def _person_key(user: User | None) -> str:
    if user is None:
        return ""
    return str(user.pk) if user.pk is not None else f"new:{user.username}"
