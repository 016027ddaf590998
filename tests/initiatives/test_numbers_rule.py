"""The rate and level rule of DESIGN.md: exact, stored once, the same everywhere.

The model (the stored level), the roll-up, the export, the import and the
report form's live preview must give the same level for the same values,
exactly on the thresholds too, on SQLite and on PostgreSQL (CI runs this
module on both).
"""

from decimal import Decimal
from fractions import Fraction

import pytest
from django.db import transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from evaluation.rollups import roll_up
from initiatives import services
from initiatives.interchange import COLUMNS, apply_import, point_rows, read_table
from initiatives.models import AchievementReport, DxPoint, achievement_rate, mean
from tests.initiatives.interchange_helpers import csv_file, row

LEVEL_COLUMN = COLUMNS.index("達成度")


@pytest.mark.parametrize(
    ("baseline", "target", "actual", "rate"),
    [
        (0, 100, 50, 50),  # rising
        (100, 50, 75, 50),  # falling: halfway from 100 down to 50
        (10, 20, 23, 130),  # above target: not capped
        (100, 50, 35, 130),  # falling, beyond target
        (0, 3, 1, Fraction(100, 3)),  # unrounded and exact
        (50, 100, 40, -20),  # went the wrong way
        (0, 100, None, None),
        # The examples of the defect report: exactly 100, 100, 80, 80 and 50.
        ("459.3", "490.4", "490.4", 100),
        ("59.9", "48.94", "48.94", 100),
        ("651.7", "783.7", "757.3", 80),
        ("121.6", "99.6", "104", 80),
        ("609.1", "1087.5", "848.3", 50),
    ],
)
def test_achievement_rate_is_exact(baseline, target, actual, rate):
    value = achievement_rate(
        None if actual is None else Decimal(actual), Decimal(baseline), Decimal(target)
    )
    assert value == rate


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
def test_the_stored_level_at_the_thresholds(make_year, make_point, actual, level):
    year = make_year(2024, phase="reporting")
    point = make_point(
        year,
        state="approved",
        report={"actual": Decimal(str(actual)), "state": "confirmed"},
    )
    stored = AchievementReport.objects.get(point=point)
    assert stored.level == stored.earned_level() == level
    annotated = DxPoint.objects.with_confirmed_level().get(pk=point.pk)
    assert annotated.level == level


def test_year_thresholds_decide_the_level(make_year, make_point):
    year = make_year(
        2024, phase="reporting", level_a_threshold=120, level_b_threshold=90
    )
    point = make_point(
        year, state="approved", report={"actual": Decimal(100), "state": "confirmed"}
    )
    assert AchievementReport.objects.get(point=point).level == "B"


def test_changing_the_thresholds_updates_the_stored_levels(
    make_year, make_point, people
):
    year = make_year(2024, phase="evaluation")
    rising = make_point(
        year, state="approved", report={"actual": Decimal(90), "state": "confirmed"}
    )
    falling = make_point(
        year,
        title="紙の申請書の枚数",
        baseline=Decimal(100),
        target=Decimal(50),
        state="approved",
        report={"actual": Decimal(60), "state": "confirmed"},  # rate 80
    )
    assert [rising.report.level, falling.report.level] == ["B", "B"]
    services.update_year_settings(
        year,
        fields={"level_a_threshold": Decimal(90), "level_b_threshold": Decimal("80.5")},
        by=people.dx_office,
    )
    levels = dict(AchievementReport.objects.values_list("point", "level"))
    assert levels == {rising.pk: "A", falling.pk: "C"}
    assert roll_up(year).totals.levels == (1, 0, 1, 0)


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
    report = AchievementReport.objects.get(point=point)
    assert (report.rate, report.level) == (None, "C")
    assert DxPoint.objects.with_confirmed_level().get(pk=point.pk).level == "C"


def test_unconfirmed_reports_have_no_result_in_roll_ups(make_year, make_point):
    year = make_year(2024, phase="reporting")
    point = make_point(
        year, state="approved", report={"actual": Decimal(90), "state": "submitted"}
    )
    assert DxPoint.objects.with_confirmed_level().get(pk=point.pk).level is None
    assert AchievementReport.objects.get(point=point).level == "B"  # shown to the DXer
    assert roll_up(year).totals.levels == (0, 0, 0, 0)


def test_an_average_exactly_on_a_half_rounds_up(make_year, make_point):
    """(100/3 + 2999/30) / 2 is 66.65 exactly: shown as 66.7, never 66.6."""
    year = make_year(2024, phase="evaluation")
    for number, (baseline, target, actual) in enumerate([(0, 3, 1), (0, 30, "29.99")]):
        make_point(
            year,
            title=f"点{number}",
            baseline=Decimal(baseline),
            target=Decimal(target),
            state="approved",
            report={"actual": Decimal(actual), "state": "confirmed"},
        )
    totals = roll_up(year).totals
    assert totals.average_rate == Fraction(1333, 20)
    assert totals.as_json()["average_rate"] == 66.7


# Random values, as precise as the forms and the import accept them --------

cents = st.integers(min_value=-(10**11), max_value=10**11)
spans = st.integers(min_value=1, max_value=10**9).flatmap(
    lambda n: st.sampled_from([n, -n])  # rising and falling indicators
)
THRESHOLDS = (Fraction(100), Fraction(80), Fraction(50))


@st.composite
def indicator(draw) -> tuple[Decimal, Decimal, Decimal]:
    """(baseline, target, actual) in cents: on a threshold, next to one, or anywhere."""
    baseline = draw(cents)
    span = draw(spans) * 4  # so that 80 % of it is a whole number of cents
    target = baseline + span
    where = draw(st.sampled_from(["on", "below", "above", "anywhere"]))
    if where == "anywhere":
        actual = draw(cents)
    else:
        share = draw(st.sampled_from(THRESHOLDS))
        actual = baseline + int(span * share / 100)
        step = 1 if span > 0 else -1
        actual += {"on": 0, "below": -step, "above": step}[where]
    return tuple(Decimal(value).scaleb(-2) for value in (baseline, target, actual))


def expected_level(baseline, target, actual) -> str:
    """The test's own reading of DESIGN.md, in exact rational arithmetic."""
    rate = (Fraction(actual) - Fraction(baseline)) / (
        Fraction(target) - Fraction(baseline)
    )
    rate *= 100
    for level, threshold in zip("ABC", THRESHOLDS, strict=True):
        if rate >= threshold:
            return level
    return "D"


@pytest.mark.django_db
@settings(max_examples=25)
@given(values=st.lists(indicator(), min_size=1, max_size=12))
def test_model_roll_up_and_export_agree_on_every_level(values, make_year, make_point):
    with transaction.atomic():
        year = make_year(2024, phase="evaluation")
        points = [
            make_point(
                year,
                title=f"点{number}",
                baseline=baseline,
                target=target,
                state="approved",
                report={"actual": actual, "state": "confirmed"},
            )
            for number, (baseline, target, actual) in enumerate(values)
        ]
        expected = [expected_level(*triple) for triple in values]
        stored = dict(AchievementReport.objects.values_list("point", "level"))
        assert [stored[point.pk] for point in points] == expected
        exported = {
            row[0]: row[LEVEL_COLUMN]
            for row in list(point_rows(DxPoint.objects.filter(fiscal_year=year)))[1:]
        }
        assert [exported[point.pk] for point in points] == expected
        totals = roll_up(year).totals
        assert totals.levels == tuple(expected.count(level) for level in "ABCD")
        rates = [achievement_rate(a, b, t) for b, t, a in values]
        assert totals.average_rate == mean(rates)
        transaction.set_rollback(True)


def test_full_width_values_loaded_by_the_import_earn_the_exact_level(make_year, people):
    """１２１．６ → 99.6 with 実績値 １０４ is a rate of exactly 80: level B."""
    year = make_year(2022, phase="closed")
    rows = [
        row(
            年度="2022",
            DXポイント=f"点{number}",
            基準値=baseline,
            目標値=target,
            実績値=actual,
            効果="効果があった。",
        )
        for number, (baseline, target, actual) in enumerate(
            [
                ("459.3", "490.4", "490.4"),
                ("59.9", "48.94", "48.94"),
                ("651.7", "783.7", "757.3"),
                ("１２１．６", "99.6", "１０４"),
                ("609.1", "1,087.5", "848.3"),
            ]
        )
    ]
    table = read_table(csv_file(rows), file_name="r4.csv")
    apply_import(
        table=table, file_name="r4.csv", by=people.dx_office, load_closed_years=True
    )
    levels = list(
        AchievementReport.objects.order_by("point__title").values_list(
            "level", flat=True
        )
    )
    assert levels == ["A", "A", "B", "B", "C"]
    assert roll_up(year).totals.levels == (2, 2, 1, 0)


def test_the_live_preview_gives_the_level_the_report_then_stores(
    make_year, make_point, client_as
):
    year = make_year(2024, phase="reporting")
    point = make_point(
        year, state="approved", baseline=Decimal("121.6"), target=Decimal("99.6")
    )
    dxer = client_as("dxer")
    url = f"/points/{point.pk}/report/result/"
    assert dxer.get(url, {"actual": "１０４"}).json() == {"rate": "80.0", "level": "B"}
    assert dxer.get(url, {"actual": "104.01"}).json() == {"rate": "80.0", "level": "C"}
    refused = dxer.get(url, {"actual": "約30"}).json()
    assert refused["level"] == "" and refused["error"]
    dxer.post(
        f"/points/{point.pk}/report/",
        {"actual": "１０４", "effect": "効果があった。", "hours_saved": "0"},
    )
    assert AchievementReport.objects.get(point=point).level == "B"
    # Only the DXer who writes the report asks; approved points are readable
    # by all staff, so the others are refused, not told it does not exist.
    for other in ("dxer2", "head", "viewer"):
        assert client_as(other).get(url, {"actual": "104"}).status_code == 403
