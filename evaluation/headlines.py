"""Headline figures of a year beside the previous year's, and their trend.

Five figures open the report page, its PDF and the DX office's dashboard:
DX points, the share of them with a confirmed year-end report, the average
achievement rate, hours saved per year and those hours as full-time
equivalents. Each is shown beside the previous year's with its change in
words (↑ 2件増), never by colour alone.

Everything here reads figures already worked out: the rows of a report's
document (its ``figures`` and ``years``, frozen with a published version),
or, on the dashboard, the latest published version of each year and the
live rows of :func:`evaluation.rollups.year_over_year`. Arithmetic is
decimal; shares and rates are rounded half up to one decimal, FTE to two.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.cache import cache
from django.utils.translation import gettext as _

from iruma_dx.lib.fiscal import fiscal_year_label

from .models import AnnualReport

ONE_DECIMAL = Decimal("0.1")
TWO_DECIMALS = Decimal("0.01")

# Completeness: the share of a year's counted points whose year-end report
# was confirmed ("coverage" is the departments × principles table). Hours,
# levels and rates count confirmed reports only, so a year is marked in the
# year-over-year figures when its completeness is below COMPLETE_FROM
# percent, or more than COMPARABLE_WITHIN percentage points away from the
# completeness of the year being read (README: "Completeness").
COMPLETE_FROM = Decimal(90)
COMPARABLE_WITHIN = Decimal(10)


def as_decimal(value: object) -> Decimal | None:
    """A JSON number as a Decimal, exactly as written (0.1 stays 0.1)."""
    if value is None or value == "":
        return None
    return Decimal(str(value))


def fte_two_decimals(value: object) -> Decimal:
    """Full-time equivalents to two decimals, rounded half up (DESIGN.md)."""
    number = as_decimal(value) or Decimal(0)
    return number.quantize(TWO_DECIMALS, rounding=ROUND_HALF_UP)


def share(part: int, whole: int) -> Decimal | None:
    """``part`` of ``whole`` in percent, one decimal, half up; None of nothing."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(
        ONE_DECIMAL, rounding=ROUND_HALF_UP
    )


@dataclass(frozen=True)
class YearFigures:
    """The city's headline figures of one fiscal year."""

    fiscal_year: int
    points: int
    confirmed: int
    average_rate: Decimal | None
    hours_saved: Decimal
    fte_saved: Decimal
    live: bool = False  # not published: the figures as they stand today

    @classmethod
    def from_row(cls, fiscal_year: int, row: dict, *, live: bool = False):
        """From a row with DESIGN.md's figure keys (totals, or a year's row)."""
        return cls(
            fiscal_year=fiscal_year,
            points=row["points"],
            confirmed=row["confirmed"],
            average_rate=as_decimal(row["average_rate"]),
            hours_saved=as_decimal(row["hours_saved"]) or Decimal(0),
            fte_saved=fte_two_decimals(row["fte_saved"]),
            live=live,
        )

    @property
    def confirmed_share(self) -> Decimal | None:
        return share(self.confirmed, self.points)

    @property
    def label(self) -> str:
        return fiscal_year_label(self.fiscal_year)


def completeness_marked(part: Decimal | None, read: Decimal | None) -> bool:
    """Is a year with ``part`` % of reports confirmed marked beside ``read`` %?"""
    if part is None:
        return False
    if part < COMPLETE_FROM:
        return True
    return read is not None and abs(part - read) > COMPARABLE_WITHIN


def completeness(totals, by_department) -> dict:
    """The completeness a report states: confirmed reports of counted points.

    ``totals`` and ``by_department`` are a roll-up's figures. Kept in the
    document (``document["completeness"]``) and frozen with a version.
    """

    def row(figures) -> dict:
        part = share(figures.confirmed, figures.points)
        return {
            "points": figures.points,
            "confirmed": figures.confirmed,
            "share": None if part is None else float(part),
        }

    part = share(totals.confirmed, totals.points)
    return {
        **row(totals),
        "complete": part is None or part >= COMPLETE_FROM,
        "complete_from": int(COMPLETE_FROM),
        "by_department": [
            {"department": department.name, **row(figures)}
            for department, figures in by_department
        ],
    }


def completeness_of(document: dict) -> dict:
    """A document's completeness; worked out from its totals where it has none.

    Versions published before it was kept have only their figures.
    """
    if "completeness" in document:
        return document["completeness"]
    totals = document["figures"]["totals"]
    part = share(totals["confirmed"], totals["points"])
    return {
        "points": totals["points"],
        "confirmed": totals["confirmed"],
        "share": None if part is None else float(part),
        "complete": part is None or part >= COMPLETE_FROM,
        "complete_from": int(COMPLETE_FROM),
        "by_department": [],
    }


# (key, kind): the kind says how a value and its change are written.
HEADLINES = (
    ("points", "count"),
    ("confirmed_share", "percent"),
    ("average_rate", "percent"),
    ("hours_saved", "hours"),
    ("fte_saved", "fte"),
)


def headline_label(key: str) -> str:
    return {
        "points": _("DX points"),
        "confirmed_share": _("Share of reports confirmed"),
        "average_rate": _("Average achievement rate"),
        "hours_saved": _("Hours saved per year"),
        "fte_saved": _("Full-time equivalents"),
    }[key]


def format_value(value: Decimal | int | None, kind: str) -> str:
    """A headline value as the report writes it: 1,234.5時間, 98.3%, 0.19人."""
    if value is None:
        return "—"
    if kind == "count":
        return _("%(count)s points") % {"count": f"{value:,}"}
    if kind == "percent":
        return f"{value:.1f}%"
    if kind == "hours":
        return _("%(hours)s h") % {"hours": _hours(value)}
    return _("%(fte)s FTE") % {"fte": f"{value:.2f}"}


def _hours(value: Decimal) -> str:
    value = Decimal(value).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.1f}"


def _amount(value: Decimal, kind: str) -> str:
    """The size of a change, without its sign."""
    value = abs(value)
    if kind == "count":
        return _("%(count)s points") % {"count": f"{value:,}"}
    if kind == "percent":
        return _("%(change)s percentage points") % {"change": f"{value:.1f}"}
    if kind == "hours":
        return _("%(hours)s h") % {"hours": _hours(value)}
    return _("%(fte)s FTE") % {"fte": f"{value:.2f}"}


@dataclass(frozen=True)
class Headline:
    """One headline figure of a year beside the previous year's."""

    key: str
    kind: str
    value: Decimal | int | None
    previous: Decimal | int | None
    has_previous: bool

    @property
    def label(self) -> str:
        return headline_label(self.key)

    @property
    def value_text(self) -> str:
        return format_value(self.value, self.kind)

    @property
    def previous_text(self) -> str:
        return format_value(self.previous, self.kind) if self.has_previous else "—"

    @property
    def change(self) -> Decimal | None:
        if self.value is None or self.previous is None:
            return None
        return Decimal(self.value) - Decimal(self.previous)

    @property
    def direction(self) -> str:
        """up, down, same, or none (nothing to compare)."""
        change = self.change
        if change is None:
            return "none"
        return "up" if change > 0 else "down" if change < 0 else "same"

    @property
    def change_text(self) -> str:
        """The change in words with an arrow: 「↑ 2件増」「↓ 3.2％ポイント減」."""
        direction = self.direction
        if not self.has_previous:
            return _("no previous year")
        if direction == "none":
            return _("cannot be compared")
        if direction == "same":
            return _("→ unchanged")
        amount = _amount(self.change, self.kind)
        if direction == "up":
            return _("↑ up %(amount)s") % {"amount": amount}
        return _("↓ down %(amount)s") % {"amount": amount}


@dataclass(frozen=True)
class Headlines:
    """A year's headline figures, the previous year's, and the years' trend."""

    current: YearFigures
    previous: YearFigures | None
    trend: list[YearFigures]

    @property
    def items(self) -> list[Headline]:
        previous = self.previous
        return [
            Headline(
                key=key,
                kind=kind,
                value=getattr(self.current, key),
                previous=getattr(previous, key) if previous else None,
                has_previous=previous is not None,
            )
            for key, kind in HEADLINES
        ]

    @property
    def has_live_years(self) -> bool:
        return any(year.live for year in self.trend)

    def _marked(self, figures: YearFigures) -> bool:
        return completeness_marked(
            figures.confirmed_share, self.current.confirmed_share
        )

    @property
    def completeness_notes(self) -> dict[int, str]:
        """The years marked for their completeness, each with its note (see above)."""
        read = self.current
        notes = {}
        for figures in self.trend:
            if not self._marked(figures):
                continue
            note = _("Reports confirmed: %(confirmed)s of %(points)s (%(share)s%%)") % {
                "confirmed": f"{figures.confirmed:,}",
                "points": f"{figures.points:,}",
                "share": f"{figures.confirmed_share:.1f}",
            }
            if figures.fiscal_year != read.fiscal_year and read.confirmed_share:
                note += _(", against %(share)s%% in %(year)s") % {
                    "share": f"{read.confirmed_share:.1f}",
                    "year": read.label,
                }
            notes[figures.fiscal_year] = note
        return notes

    @property
    def completeness_warning(self) -> str:
        """Why the year's change from the previous year may mislead, or ""."""
        current, previous = self.current, self.previous
        if previous is not None and (self._marked(current) or self._marked(previous)):
            if current.confirmed_share is None or previous.confirmed_share is None:
                return ""
            return _(
                "%(year)s counts the confirmed reports of %(confirmed)s of its "
                "%(points)s DX points (%(share)s%%); %(previous)s those of "
                "%(previous_share)s%%. Hours saved, levels and the average rate "
                "count confirmed reports only: do not read the change between "
                "the two years as a change in results."
            ) % {
                "year": current.label,
                "confirmed": f"{current.confirmed:,}",
                "points": f"{current.points:,}",
                "share": f"{current.confirmed_share:.1f}",
                "previous": previous.label,
                "previous_share": f"{previous.confirmed_share:.1f}",
            }
        if self._marked(current):
            return _(
                "%(year)s counts the confirmed reports of %(confirmed)s of its "
                "%(points)s DX points (%(share)s%%): hours saved, levels and the "
                "average rate will change as more reports are confirmed."
            ) % {
                "year": current.label,
                "confirmed": f"{current.confirmed:,}",
                "points": f"{current.points:,}",
                "share": f"{current.confirmed_share:.1f}",
            }
        return ""


def _previous(trend: list[YearFigures], year: int) -> YearFigures | None:
    earlier = [figures for figures in trend if figures.fiscal_year < year]
    return earlier[-1] if earlier else None


def of_document(document: dict) -> Headlines:
    """The headlines of a report, from its document alone (no query).

    The trend is the years as the document holds them: frozen with a
    published version, live in a draft.
    """
    data = document["figures"]
    year = data["fiscal_year"]
    current = YearFigures.from_row(year, data["totals"])
    trend = [
        current
        if row["fiscal_year"] == year
        else YearFigures.from_row(row["fiscal_year"], row)
        for row in document["years"]
    ]
    if not any(figures.fiscal_year == year for figures in trend):
        trend = sorted([*trend, current], key=lambda figures: figures.fiscal_year)
    return Headlines(current=current, previous=_previous(trend, year), trend=trend)


def published_figures() -> dict[int, YearFigures]:
    """The city totals of the latest published version of each year.

    A published version never changes, so its totals are read from its
    snapshot once and kept by version: a city that has published ten years
    does not parse ten documents on every dashboard (one query, two when a
    version is new to this process).
    """
    versions = {
        f"published-totals:{pk}:{published_at.timestamp()}": (pk, year)
        for pk, year, published_at in AnnualReport.objects.latest_versions()
        .order_by("fiscal_year_id")
        .values_list("pk", "fiscal_year_id", "published_at")
    }
    totals = cache.get_many(versions)
    unread = {pk: key for key, (pk, _year) in versions.items() if key not in totals}
    for pk, snapshot in AnnualReport.objects.filter(pk__in=unread).values_list(
        "pk", "snapshot"
    ):
        totals[unread[pk]] = json.loads(snapshot)["figures"]["totals"]
        cache.set(unread[pk], totals[unread[pk]], None)
    return {
        year: YearFigures.from_row(year, totals[key])
        for key, (_pk, year) in versions.items()
    }


def of_dashboard(year: int, live_rows: list[dict]) -> Headlines:
    """The dashboard's headlines: published figures where a year has them.

    ``live_rows`` are :func:`evaluation.rollups.year_over_year`'s rows. Each
    year reads its latest published version; a year without one reads its
    live figures, marked as such. The trend is every published year and
    ``year`` itself.
    """
    published = published_figures()
    live = {
        row["fiscal_year"]: YearFigures.from_row(row["fiscal_year"], row, live=True)
        for row in live_rows
    }

    def figures_of(fiscal_year: int) -> YearFigures | None:
        return published.get(fiscal_year) or live.get(fiscal_year)

    current = figures_of(year) or YearFigures.from_row(
        year,
        {
            "points": 0,
            "confirmed": 0,
            "average_rate": None,
            "hours_saved": 0,
            "fte_saved": 0,
        },
        live=True,
    )
    trend = sorted(
        {**published, year: current}.values(), key=lambda figures: figures.fiscal_year
    )
    earlier = [fiscal_year for fiscal_year in {*published, *live} if fiscal_year < year]
    previous = figures_of(max(earlier)) if earlier else None
    return Headlines(current=current, previous=previous, trend=trend)
