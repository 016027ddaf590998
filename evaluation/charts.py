"""Bar charts drawn on the server as SVG (no JavaScript library).

A chart here is geometry plus words: the template ``evaluation/_bar_chart.html``
draws it with a title, a text description and the same data as a table.
Levels are told apart by their names and by fill patterns, never by colour
alone; presentation is done with attributes and classes (no inline styles).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from initiatives.models import LEVELS, Level

from .templatetags.evaluation_tags import rate as rate_text

WIDTH = 640
LABEL_WIDTH = 150  # room for the names left of the bars
VALUE_WIDTH = 110  # room for the value right of the longest bar
BAR_HEIGHT = 24
BAR_GAP = 12
TOP = 8
AXIS_HEIGHT = 28

# Fill pattern of each level: A solid, B diagonal hatching, C dots, D open.
LEVEL_PATTERNS = dict(zip(LEVELS, ("solid", "hatch", "dots", "open"), strict=True))


@dataclass
class Bar:
    label: str
    value: float | None
    text: str
    pattern: str = "solid"
    # Geometry, filled by ``bar_chart``.
    x: float = 0
    y: float = 0
    width: float = 0
    text_x: float = 0
    text_y: float = 0
    label_y: float = 0


@dataclass
class Tick:
    x: float
    text: str


@dataclass
class BarChart:
    id: str
    title: str
    description: str
    label_heading: str
    value_heading: str
    bars: list[Bar]
    height: float = 0
    width: float = WIDTH
    plot_left: float = LABEL_WIDTH + 8
    zero_x: float = 0
    axis_y: float = 0
    ticks: list[Tick] = field(default_factory=list)
    reference: Tick | None = None

    @property
    def label_x(self) -> float:
        return self.plot_left - 8

    @property
    def tick_y(self) -> float:
        return self.axis_y + 18


def _nice_step(span: float) -> float:
    """A step of 1, 2 or 5 × 10ⁿ that cuts ``span`` into at most five parts."""
    raw = span / 5
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return factor * power
    return 10 * power  # pragma: no cover - the loop always returns


def bar_chart(
    *,
    id: str,
    title: str,
    description: str,
    label_heading: str,
    value_heading: str,
    bars: list[Bar],
    reference: float | None = None,
    reference_text: str = "",
    tick_format=lambda value: f"{value:g}",
    integer: bool = False,
) -> BarChart:
    """Lay out horizontal bars; negative values grow left of the zero line.

    ``integer`` charts (counts) get whole-number ticks only.
    """
    values = [bar.value for bar in bars if bar.value is not None]
    low = min([0.0, *values])
    high = max([1.0, *values, reference or 0.0])
    step = _nice_step(high - low)
    if integer:
        step = max(1, step)
    low = math.floor(low / step) * step
    high = math.ceil(high / step) * step
    plot_left = LABEL_WIDTH + 8
    plot_width = WIDTH - plot_left - VALUE_WIDTH

    def x_of(value: float) -> float:
        return round(plot_left + (value - low) / (high - low) * plot_width, 1)

    zero = x_of(0)
    for index, bar in enumerate(bars):
        bar.y = TOP + index * (BAR_HEIGHT + BAR_GAP)
        bar.label_y = bar.y + BAR_HEIGHT / 2 + 5
        bar.text_y = bar.label_y
        if bar.value is None:
            bar.x, bar.width, bar.text_x = zero, 0, zero + 6
            continue
        end = x_of(bar.value)
        bar.x, bar.width = min(zero, end), abs(end - zero)
        bar.text_x = max(zero, end) + 6
    axis_y = TOP + len(bars) * (BAR_HEIGHT + BAR_GAP)
    ticks = []
    value = low
    while value <= high + step / 1000:
        ticks.append(Tick(x_of(value), tick_format(value)))
        value += step
    return BarChart(
        id=id,
        title=title,
        description=description,
        label_heading=label_heading,
        value_heading=value_heading,
        bars=bars,
        height=axis_y + AXIS_HEIGHT,
        zero_x=zero,
        axis_y=axis_y,
        ticks=ticks,
        reference=(
            Tick(x_of(reference), reference_text) if reference is not None else None
        ),
    )


def level_chart(data: dict, id: str = "chart-levels") -> BarChart:
    """How many confirmed reports reached each level A–D."""
    levels = data["totals"]["levels"]
    confirmed = data["totals"]["confirmed"]
    return bar_chart(
        id=id,
        title=_("Confirmed reports by level"),
        description=_(
            "Of %(confirmed)s confirmed reports, %(a)s reached level A, %(b)s "
            "level B, %(c)s level C and %(d)s level D. Each level has its own "
            "fill pattern: A solid, B diagonal lines, C dots, D an open bar."
        )
        % {
            "confirmed": confirmed,
            "a": levels["A"],
            "b": levels["B"],
            "c": levels["C"],
            "d": levels["D"],
        },
        label_heading=_("Level"),
        value_heading=_("Confirmed reports"),
        bars=[
            Bar(
                label=str(Level(level).label),
                value=levels[level],
                text=_("%(count)s reports") % {"count": levels[level]},
                pattern=LEVEL_PATTERNS[level],
            )
            for level in LEVELS
        ],
        integer=True,
    )


def rate_by_department_chart(data: dict, id: str = "chart-rates") -> BarChart:
    """The average achievement rate of each department, against 100%."""
    rows = data["by_department"]
    without = [row["department"] for row in rows if row["average_rate"] is None]
    description = _(
        "The average achievement rate of each department's confirmed points "
        "with a numeric indicator. The vertical line marks 100%."
    )
    if without:
        description += " " + _("No rate yet: %(names)s.") % {
            "names": "、".join(without)
        }
    return bar_chart(
        id=id,
        title=_("Average achievement rate by department"),
        description=description,
        label_heading=_("Department"),
        value_heading=_("Average rate"),
        bars=[
            Bar(
                label=row["department"],
                value=row["average_rate"],
                text=rate_text(row["average_rate"])
                if row["average_rate"] is not None
                else _("no rate"),
            )
            for row in rows
        ],
        reference=100,
        reference_text="100%",
        tick_format=lambda value: f"{value:g}%",
    )


def principle_chart(data: dict, id: str = "chart-principles") -> BarChart:
    """How many counted points were written against each principle."""
    return bar_chart(
        id=id,
        title=_("DX points by principle"),
        description=_(
            "The number of approved DX points written against each of the five "
            "principles. A point with several principles counts under each."
        ),
        label_heading=_("DX principle"),
        value_heading=_("DX points"),
        bars=[
            Bar(
                label=_("Principle %(number)s") % {"number": row["number"]},
                value=row["points"],
                text=_("%(count)s points") % {"count": row["points"]},
            )
            for row in data["by_principle"]
        ],
        integer=True,
    )


def annual_report_charts(document: dict) -> dict[str, BarChart]:
    data = document["figures"]
    return {
        "levels": level_chart(data),
        "rates": rate_by_department_chart(data),
        "principles": principle_chart(data),
    }


def progress_chart(rows: list[dict], id: str = "chart-progress") -> BarChart:
    """Share of each department's approved points with a confirmed report."""
    bars = []
    for row in rows:
        approved, confirmed = row["approved"], row["reports_confirmed"]
        share = confirmed / approved * 100 if approved else None
        bars.append(
            Bar(
                label=row["department"].name,
                value=share,
                text=_("%(done)s of %(all)s") % {"done": confirmed, "all": approved}
                if approved
                else _("no approved points"),
            )
        )
    return bar_chart(
        id=id,
        title=_("Confirmed year-end reports by department"),
        description=_(
            "For each department, the share of its approved DX points whose "
            "year-end report the department head has confirmed. The line marks 100%."
        ),
        label_heading=_("Department"),
        value_heading=_("Reports confirmed / approved points"),
        bars=bars,
        reference=100,
        reference_text="100%",
        tick_format=lambda value: f"{value:g}%",
    )


# The trend of the headline figures over the years ------------------------------

TREND_PANEL_HEIGHT = 150
TREND_PLOT_TOP = 44  # below the panel's title and the top value's label
TREND_PLOT_HEIGHT = 80
TREND_LEFT = 64  # room for the value axis
TREND_RIGHT = 24


@dataclass
class TrendPoint:
    x: float
    y: float
    text: str
    label_y: float
    live: bool


@dataclass
class ValueTick:
    y: float
    text: str

    @property
    def text_y(self) -> float:
        return self.y + 4


@dataclass
class TrendPanel:
    title: str
    top: float
    points: list[TrendPoint]
    segments: list[str]  # SVG path data, one per run of years with a value
    ticks: list[ValueTick]

    @property
    def title_y(self) -> float:
        return self.top + 18

    @property
    def year_y(self) -> float:
        return self.top + TREND_PLOT_TOP + TREND_PLOT_HEIGHT + 18


@dataclass
class TrendChart:
    id: str
    title: str
    description: str
    years: list  # YearFigures, oldest first
    year_ticks: list[Tick]
    panels: list[TrendPanel]
    width: float = WIDTH
    height: float = 0
    plot_left: float = TREND_LEFT
    plot_right: float = WIDTH - TREND_RIGHT

    @property
    def tick_x(self) -> float:
        return self.plot_left - 6


def _trend_panel(
    title: str, top: float, xs: list[float], values: list, texts: list[str], lives
) -> TrendPanel:
    present = [float(value) for value in values if value is not None]
    low = min([0.0, *present])
    high = max([1.0, *present])
    step = _nice_step(high - low)
    low = math.floor(low / step) * step
    high = math.ceil(high / step) * step
    plot_top = top + TREND_PLOT_TOP

    def y_of(value: float) -> float:
        return round(plot_top + (high - value) / (high - low) * TREND_PLOT_HEIGHT, 1)

    points, segments, run = [], [], []
    for x, value, text, live in zip(xs, values, texts, lives, strict=True):
        if value is None:
            if len(run) > 1:
                segments.append(" ".join(run))
            run = []
            continue
        y = y_of(float(value))
        points.append(TrendPoint(x=x, y=y, text=text, label_y=y - 9, live=live))
        run.append(f"{'M' if not run else 'L'}{x} {y}")
    if len(run) > 1:
        segments.append(" ".join(run))
    ticks = [ValueTick(y_of(low), f"{low:g}"), ValueTick(y_of(high), f"{high:g}")]
    return TrendPanel(
        title=title, top=top, points=points, segments=segments, ticks=ticks
    )


def trend_chart(headlines, id: str = "chart-trend") -> TrendChart:
    """The headline figures of every year as small line charts, one per figure.

    A year whose figures are live (not published) is drawn with an open
    marker and named so in the data table.
    """
    from .headlines import format_value, headline_label

    years = headlines.trend
    count = max(1, len(years))
    span = WIDTH - TREND_LEFT - TREND_RIGHT
    xs = [round(TREND_LEFT + (index + 0.5) * span / count, 1) for index in range(count)]
    lives = [year.live for year in years]
    panels = []
    for index, (key, kind) in enumerate(
        (
            ("points", "count"),
            ("confirmed_share", "percent"),
            ("average_rate", "percent"),
            ("hours_saved", "hours"),
        )
    ):
        values = [getattr(year, key) for year in years]
        panels.append(
            _trend_panel(
                headline_label(key),
                index * TREND_PANEL_HEIGHT,
                xs[: len(years)],
                values,
                [format_value(value, kind) for value in values],
                lives,
            )
        )
    first, last = (years[0].label, years[-1].label) if years else ("", "")
    description = _(
        "The headline figures of the whole city in each fiscal year from "
        "%(first)s to %(last)s: DX points, the share with a confirmed "
        "year-end report, the average achievement rate and the hours saved "
        "per year, each as a line over the years. The chart's table gives "
        "every figure."
    ) % {"first": first, "last": last}
    if any(lives):
        description += " " + _(
            "An open circle marks a year not yet published: its figures are "
            "live and may change."
        )
    return TrendChart(
        id=id,
        title=_("The headline figures over the years"),
        description=description,
        years=years,
        # Ten 令和 labels do not fit side by side; the table names every year.
        year_ticks=[
            Tick(x, year.label if count <= 6 else str(year.fiscal_year))
            for x, year in zip(xs, years, strict=False)
        ],
        panels=panels,
        height=len(panels) * TREND_PANEL_HEIGHT,
    )
