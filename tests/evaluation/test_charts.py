"""Server-side SVG charts: geometry and words."""

import pytest

from evaluation.charts import Bar, bar_chart, level_chart


def test_bars_scale_from_zero_and_negative_values_grow_left():
    chart = bar_chart(
        id="c",
        title="t",
        description="d",
        label_heading="l",
        value_heading="v",
        bars=[
            Bar("up", 130.0, "130%"),
            Bar("down", -20.0, "-20%"),
            Bar("none", None, "—"),
        ],
        reference=100,
        reference_text="100%",
    )
    up, down, none = chart.bars
    assert up.x == chart.zero_x and up.width > 0
    assert down.x + down.width == pytest.approx(chart.zero_x) and down.width > 0
    assert none.width == 0
    assert chart.zero_x < chart.reference.x < up.x + up.width
    assert [tick.text for tick in chart.ticks][0] == "-50"
    assert up.y < down.y < none.y < chart.axis_y < chart.height


def test_level_chart_has_a_pattern_and_words_per_level():
    data = {"totals": {"confirmed": 4, "levels": {"A": 1, "B": 2, "C": 0, "D": 1}}}
    chart = level_chart(data)
    assert [bar.pattern for bar in chart.bars] == ["solid", "hatch", "dots", "open"]
    assert len({bar.pattern for bar in chart.bars}) == 4
    assert [bar.value for bar in chart.bars] == [1, 2, 0, 1]
    assert "4" in chart.description and "2" in chart.description
