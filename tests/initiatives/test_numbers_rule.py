"""The rate and level rule of DESIGN.md, in Python and in the database alike."""

from decimal import Decimal

import pytest

from initiatives.models import DxPoint, achievement_rate


@pytest.mark.parametrize(
    ("baseline", "target", "actual", "rate"),
    [
        (0, 100, 50, Decimal(50)),  # rising
        (100, 50, 75, Decimal(50)),  # falling: halfway from 100 down to 50
        (10, 20, 23, Decimal(130)),  # above target: not capped
        (100, 50, 35, Decimal(130)),  # falling, beyond target
        (0, 3, 1, Decimal(100) / 3),  # unrounded
        (50, 100, 40, Decimal(-20)),  # went the wrong way
        (0, 100, None, None),
    ],
)
def test_achievement_rate(baseline, target, actual, rate):
    assert achievement_rate(actual, baseline, target) == rate


def test_equal_target_and_baseline_has_no_rate():
    assert achievement_rate(5, 10, 10) is None


@pytest.mark.parametrize(
    ("actual", "level"),
    [
        (130, "A"),
        (100, "A"),  # exactly at the A threshold
        ("99.99", "B"),
        (80, "B"),  # exactly at B
        ("79.99", "C"),
        (50, "C"),  # exactly at C
        ("49.99", "D"),
        (-10, "D"),
    ],
)
def test_levels_at_the_thresholds_in_python_and_sql(
    make_year, make_point, actual, level
):
    year = make_year(2024, phase="reporting")
    point = make_point(
        year,
        state="approved",
        report={"actual": Decimal(str(actual)), "state": "confirmed"},
    )
    assert point.report.level == level
    annotated = DxPoint.objects.with_results().get(pk=point.pk)
    assert annotated.level == level
    assert annotated.rate == pytest.approx(point.report.rate)


def test_year_thresholds_decide_the_level(make_year, make_point):
    year = make_year(
        2024, phase="reporting", level_a_threshold=120, level_b_threshold=90
    )
    point = make_point(
        year, state="approved", report={"actual": Decimal(100), "state": "confirmed"}
    )
    assert point.report.level == "B"
    assert DxPoint.objects.with_results().get(pk=point.pk).level == "B"


def test_qualitative_point_carries_the_chosen_level(make_year, make_point):
    year = make_year(2024, phase="reporting")
    point = make_point(
        year,
        state="approved",
        indicator_name="",
        indicator_unit="",
        baseline=None,
        target=None,
        report={"self_level": "C", "state": "confirmed"},
    )
    assert point.report.rate is None
    assert point.report.level == "C"
    annotated = DxPoint.objects.with_results().get(pk=point.pk)
    assert (annotated.rate, annotated.level) == (None, "C")


def test_unconfirmed_reports_have_no_result_in_roll_ups(make_year, make_point):
    year = make_year(2024, phase="reporting")
    point = make_point(
        year, state="approved", report={"actual": Decimal(90), "state": "submitted"}
    )
    annotated = DxPoint.objects.with_results().get(pk=point.pk)
    assert (annotated.rate, annotated.level) == (None, None)
    assert point.report.level == "B"  # what the DXer sees while typing
