"""What one person may do in one fiscal year, read from their assignments.

Views and rules ask a :class:`Roles`, never the assignment rows: which
sections the person is DXer of, which departments they head, and whether
they work in the DX office.
"""

from __future__ import annotations

from dataclasses import dataclass

from .organisation import Assignment, Role
from .years import fiscal_year_today


@dataclass(frozen=True)
class Roles:
    """What one person may do in one fiscal year. Views ask this, never the rows."""

    year: int
    section_ids: frozenset[int] = frozenset()
    department_ids: frozenset[int] = frozenset()
    dx_office: bool = False

    @property
    def is_dxer(self) -> bool:
        return bool(self.section_ids)

    @property
    def is_head(self) -> bool:
        return bool(self.department_ids)

    @property
    def is_dx_office(self) -> bool:
        return self.dx_office

    @property
    def has_any(self) -> bool:
        return self.is_dxer or self.is_head or self.dx_office


def roles_of(user, year: int | None = None) -> Roles:
    """Return the roles ``user`` holds in fiscal ``year`` (today's by default).

    One query per person and year, remembered on the user object for the
    rest of the request.
    """
    year = fiscal_year_today() if year is None else year
    if user is None or not user.is_authenticated or not user.is_active:
        return Roles(year=year)
    cache = user.__dict__.setdefault("_portal_roles", {})
    if year not in cache:
        rows = Assignment.objects.active_in(year).filter(user=user)
        sections, departments, dx_office = set(), set(), False
        for role, section_id, department_id in rows.values_list(
            "role", "section_id", "department_id"
        ):
            if role == Role.DXER:
                sections.add(section_id)
            elif role == Role.HEAD:
                departments.add(department_id)
            else:
                dx_office = True
        cache[year] = Roles(
            year=year,
            section_ids=frozenset(sections),
            department_ids=frozenset(departments),
            dx_office=dx_office,
        )
    return cache[year]


def forget_roles(user) -> None:
    """Drop the remembered roles after assignments of ``user`` changed."""
    user.__dict__.pop("_portal_roles", None)
