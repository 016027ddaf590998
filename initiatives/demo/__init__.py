"""Demo data: a believable Iruma-like city office (used by ``seed_demo``).

Every row is found or created by its natural key, so building twice
changes nothing. ``organisation`` builds the city, its people, plans,
years and training; ``points`` its year's work.
"""

from ..models import User
from .organisation import (
    CURRENT_YEAR,
    DEMO_ACCOUNTS,
    DEMO_DXERS,
    DEMO_HEADS,
    DEMO_PASSWORD,
    FIRST_YEAR,
    ORGANISATION,
    PLANNING_YEAR,
    build_fiscal_years,
    build_organisation,
    build_plans,
    build_trainings,
)
from .points import (
    DEMO_HOURS,
    DEMO_RATES,
    POINT_IDEAS,
    _actual_for,
    build_points,
)

__all__ = [
    "CURRENT_YEAR",
    "DEMO_ACCOUNTS",
    "DEMO_DXERS",
    "DEMO_HEADS",
    "DEMO_HOURS",
    "DEMO_PASSWORD",
    "DEMO_RATES",
    "FIRST_YEAR",
    "ORGANISATION",
    "PLANNING_YEAR",
    "POINT_IDEAS",
    "_actual_for",
    "build",
    "build_organisation",
]


def build() -> dict[str, User]:
    """Build the whole demo city; return the demo accounts by user name."""
    accounts = build_organisation()
    build_plans()
    years = build_fiscal_years(by=accounts["dxoffice"])
    build_points(years, accounts)
    build_trainings(accounts)
    return accounts
