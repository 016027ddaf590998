"""The rule for the numbers of a year-end report (DESIGN.md "Rules for the numbers").

This module is the one definition of an achievement rate, of the level a
rate earns, of how rates are averaged and rounded, of the hours a basis of
hours saved gives, and of their value in yen. The report stores
the level it earns (``AchievementReport.level``); the pages, the import,
the exports, the live preview of the report form and the annual report's
roll-ups all take it from here.

Rates are exact rational numbers (``Fraction``): a rate such as 100 / 3 is
kept unrounded, a rate exactly on a threshold earns that level, and an
average of rates is exact until it is rounded half up for display. Binary
floating point is never involved, on any database: the database stores
only the values people typed and the level.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

LEVELS = ("A", "B", "C", "D")
# 評価不能: a level a section may choose for any point. It has no rate and
# counts apart from A–D and from the average.
NOT_ASSESSED = "na"
ONE_DECIMAL = Decimal("0.1")
TWO_DECIMALS = Decimal("0.01")
WHOLE = Decimal(1)


def achievement_rate(actual, baseline, target) -> Fraction | None:
    """Return (a - b) / (t - b) * 100, exact, unrounded and uncapped.

    It works for indicators that should rise and for ones that should fall.
    None when a value is missing or the target equals the baseline.
    """
    if actual is None or baseline is None or target is None:
        return None
    # In integers: a = pa/qa, b = pb/qb, t = pt/qt, so
    # (a - b) / (t - b) = (pa·qb - pb·qa)·qt / (qa·(pt·qb - pb·qt)).
    # One Fraction instead of five: the roll-ups work out thousands of rates.
    pa, qa = Decimal(actual).as_integer_ratio()
    pb, qb = Decimal(baseline).as_integer_ratio()
    pt, qt = Decimal(target).as_integer_ratio()
    span = pt * qb - pb * qt
    if not span:
        return None
    return Fraction(100 * (pa * qb - pb * qa) * qt, qa * span)


@dataclass(frozen=True)
class Thresholds:
    """The rates from which a fiscal year gives levels A, B and C (percent)."""

    a: Decimal
    b: Decimal
    c: Decimal

    def level(self, rate: Fraction) -> str:
        """Return the level A–D of ``rate``: at or above a threshold earns it."""
        if rate >= Fraction(self.a):
            return "A"
        if rate >= Fraction(self.b):
            return "B"
        if rate >= Fraction(self.c):
            return "C"
        return "D"


def mean(rates: Iterable[Fraction]) -> Fraction | None:
    """Return the exact arithmetic mean of ``rates`` (None for none).

    Rates sharing a denominator are added as integers first: a year's
    indicators have few distinct spans, so the exact sum stays small.
    """
    numerators: dict[int, int] = defaultdict(int)
    count = 0
    for rate in rates:
        numerators[rate.denominator] += rate.numerator
        count += 1
    if not count:
        return None
    total = sum(
        (
            Fraction(numerator, denominator)
            for denominator, numerator in numerators.items()
        ),
        Fraction(0),
    )
    return total / count


def rounded(value: Fraction | Decimal | int | None, places: Decimal = ONE_DECIMAL):
    """Round half up (66.65 → 66.7; −0.05 → −0.1) for display and JSON.

    Exact: a Fraction is rounded from its exact value, never through a float.
    """
    if value is None:
        return None
    if isinstance(value, Fraction):
        scale = 1 / Fraction(places)
        scaled = abs(value) * scale
        whole = int(scaled)
        if scaled - whole >= Fraction(1, 2):
            whole += 1
        result = Decimal(whole) * places
        return -result if value < 0 else result
    return Decimal(value).quantize(places, rounding=ROUND_HALF_UP)


def _exact(value) -> Fraction:
    return Fraction(Decimal(value))


def basis_hours(basis: str, *, cases=None, minutes=None, before=None, after=None):
    """The staff hours per year a basis gives, one decimal, rounded half up.

    ``cases``: annual cases × minutes saved per case / 60 (7 × 3 min = 0.35 h
    → 0.4); ``before_after``: hours before − hours after. None while an input
    is missing, and for any other basis (the hours are typed then).
    """
    if basis == "cases":
        if cases is None or minutes is None:
            return None
        return rounded(_exact(cases) * _exact(minutes) / 60)
    if basis == "before_after":
        if before is None or after is None:
            return None
        return rounded(_exact(before) - _exact(after))
    return None


def yen_value(hours, hourly_cost: int) -> int:
    """Hours × the hourly personnel cost, rounded half up to the yen."""
    return int(rounded(_exact(hours) * hourly_cost, WHOLE))
