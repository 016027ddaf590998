"""The roll-up of a fiscal year, on the hand-worked data of conftest.py."""

from decimal import Decimal
from fractions import Fraction

import pytest

from evaluation.rollups import (
    annual_report_data,
    coverage,
    roll_up,
    year_over_year,
)
from initiatives import services
from initiatives.models import rounded
from tests.evaluation.design_keys import DIRECTION_KEYS, FIGURE_KEYS, REPORT_KEYS

FTE = 1860
YEN = 4500  # the default personnel cost per hour


def figures(points, confirmed, rate, levels, hours, fte_hours=FTE, **extra):
    """A roll-up's figures; no report is 評価不能 and none names a direction."""
    return {
        "points": points,
        "confirmed": confirmed,
        "average_rate": rate,
        "levels": dict(zip("ABCD", levels, strict=True)),
        "not_assessed": extra.get("not_assessed", 0),
        "hours_saved": hours,
        "fte_saved": float(rounded(Decimal(hours) / fte_hours, Decimal("0.01"))),
        "yen_saved": hours * YEN,
        "directions": extra.get(
            "directions", {**dict.fromkeys(DIRECTION_KEYS, 0), "unset": confirmed}
        ),
    }


@pytest.fixture
def data(worked_year):
    return annual_report_data(roll_up(worked_year.year), status="draft", version=1)


def test_city_totals(data):
    # The unconfirmed report and the unapproved point are left out;
    # the mean is over the two confirmed numeric points, unrounded first.
    assert data["totals"] == figures(5, 3, 98.3, (1, 1, 1, 0), 360)
    assert data["totals"]["fte_saved"] == 0.19  # 360 / 1860, two decimals


def test_by_department_in_display_order(data):
    assert [row["department"] for row in data["by_department"]] == [
        "企画部",
        "市民生活部",
        "福祉部",
    ]
    kikaku, shimin, fukushi = data["by_department"]
    assert kikaku == {"department": "企画部", **figures(0, 0, None, (0, 0, 0, 0), 0)}
    assert shimin == {
        "department": "市民生活部",
        **figures(4, 3, 98.3, (1, 1, 1, 0), 360),
    }
    # A department with no confirmed report: its average is null, not 0.
    assert fukushi == {"department": "福祉部", **figures(1, 0, None, (0, 0, 0, 0), 0)}


def test_a_point_counts_once_under_each_of_its_principles(data):
    rows = {row["number"]: row for row in data["by_principle"]}
    assert list(rows) == [1, 2, 3, 4, 5]
    assert rows[1]["title"] == "破壊的技術を使う"
    # 1: rising (66.67%, C) and words (B, no rate).
    assert {k: v for k, v in rows[1].items() if k not in ("number", "title")} == (
        figures(2, 2, 66.7, (0, 1, 1, 0), 160)
    )
    assert rows[2]["points"] == 1 and rows[2]["average_rate"] == 130.0
    # 3: rising (confirmed) and waiting (submitted only).
    assert (rows[3]["points"], rows[3]["confirmed"], rows[3]["average_rate"]) == (
        2,
        1,
        66.7,
    )
    assert rows[3]["hours_saved"] == 100
    assert (rows[4]["points"], rows[4]["average_rate"]) == (1, None)
    assert rows[5]["points"] == 0  # the unapproved point is not counted
    assert sum(row["points"] for row in rows.values()) == 6  # rising twice


def test_by_stage_and_by_focus_area(data):
    stages = {row["stage"]: row for row in data["by_stage"]}
    assert list(stages) == ["digitization", "digitalization", "transformation"]
    assert stages["digitization"]["levels"] == {"A": 1, "B": 0, "C": 0, "D": 0}
    assert (
        stages["digitalization"]["points"],
        stages["digitalization"]["confirmed"],
    ) == (
        3,
        1,
    )
    assert stages["transformation"]["average_rate"] is None
    assert stages["transformation"]["levels"]["B"] == 1
    areas = data["by_focus_area"]
    assert len(areas) == 6
    assert areas[0]["points"] == 2 and areas[0]["average_rate"] == 98.3
    assert areas[0]["hours_saved"] == 300
    assert areas[1]["points"] == 1 and areas[1]["average_rate"] == 130.0
    assert all(area["points"] == 0 for area in areas[2:])


def test_fte_uses_the_years_setting(worked_year):
    worked_year.year.fte_hours = 1800
    worked_year.year.save()
    data = annual_report_data(roll_up(worked_year.year), status="draft", version=1)
    assert data["totals"]["fte_saved"] == 0.2


def test_thresholds_of_the_year_decide_the_levels(worked_year, people):
    year = services.update_year_settings(
        worked_year.year,
        fields={
            "level_a_threshold": 140,
            "level_b_threshold": 60,
            "level_c_threshold": 30,
        },
        by=people.dx_office,
    )
    data = annual_report_data(roll_up(year), status="draft", version=1)
    # 130% is B now and 66.67% is B too; the chosen level B stays.
    assert data["totals"]["levels"] == {"A": 0, "B": 3, "C": 0, "D": 0}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Fraction(6665, 100), Decimal("66.7")),  # half up, not half even
        (Fraction(666499999, 10**7), Decimal("66.6")),
        (Fraction(1333, 20), Decimal("66.7")),  # (100/3 + 2999/30) / 2, exactly
        (Fraction(-1225, 100), Decimal("-12.3")),  # half away from zero
        (Fraction(100, 3), Decimal("33.3")),
        (Decimal("66.65"), Decimal("66.7")),
        (None, None),
    ],
)
def test_rates_round_half_up_exactly(value, expected):
    assert rounded(value) == expected


def test_json_keys_and_order(data):
    assert list(data) == REPORT_KEYS
    assert list(data["totals"]) == FIGURE_KEYS
    assert list(data["by_department"][0]) == ["department", *FIGURE_KEYS]
    assert list(data["by_principle"][0]) == ["number", "title", *FIGURE_KEYS]
    assert list(data["by_focus_area"][0]) == ["name", *FIGURE_KEYS]
    assert list(data["by_stage"][0]) == ["stage", *FIGURE_KEYS]
    assert list(data["by_technology"][0]) == ["name", *FIGURE_KEYS]
    assert list(data["totals"]["levels"]) == ["A", "B", "C", "D"]
    assert list(data["totals"]["directions"]) == DIRECTION_KEYS
    assert data["focus_area_edition"] == "1.0"
    assert data["label"] == "令和6年度"
    assert data["fiscal_year"] == 2024


def test_label_is_japanese_whatever_the_language(worked_year):
    from django.utils import translation

    with translation.override("en"):
        data = annual_report_data(roll_up(worked_year.year), status="draft", version=1)
    assert data["label"] == "令和6年度"


def test_coverage_matrix(worked_year, org):
    departments = [org.kikaku, org.shimin, org.fukushi]
    matrix = coverage(worked_year.year, departments)
    assert [p["number"] for p in matrix["principles"]] == [1, 2, 3, 4, 5]
    assert matrix["rows"] == [
        {"department": "企画部", "counts": [0, 0, 0, 0, 0]},
        {"department": "市民生活部", "counts": [2, 1, 2, 0, 0]},
        {"department": "福祉部", "counts": [0, 0, 0, 1, 0]},
    ]


def test_year_over_year(worked_year, make_year, make_point):
    last = make_year(2023, phase="closed", fte_hours=2000)
    make_point(
        last,
        state="approved",
        report={
            "actual": Decimal(40),
            "hours_saved": Decimal(1000),
            "state": "confirmed",
        },
    )
    make_year(2025)
    rows = year_over_year()
    assert [row["fiscal_year"] for row in rows] == [2023, 2024, 2025]
    assert rows[0]["label"] == "令和5年度"
    assert rows[0]["points"] == 1 and rows[0]["average_rate"] == 40.0
    assert rows[0]["fte_saved"] == 0.5  # that year's 2,000 hours
    assert rows[1]["points"] == 5 and rows[1]["average_rate"] == 98.3
    assert rows[2]["points"] == 0 and rows[2]["average_rate"] is None
    assert [row["fiscal_year"] for row in year_over_year(up_to=2024)] == [2023, 2024]


def test_roll_up_runs_a_fixed_number_of_queries(
    worked_year, make_point, django_assert_num_queries, count_queries
):
    def count() -> int:
        return count_queries(lambda: roll_up(worked_year.year))

    # the counted points with their reports, their principles, their focus
    # areas, their technologies; the departments, principles, focus areas
    # (of the year's edition, with it) and technologies naming the groups
    with django_assert_num_queries(8):
        roll_up(worked_year.year)
    before = count()
    for _ in range(15):
        make_point(
            worked_year.year,
            principles=[1, 2],
            state="approved",
            report={"actual": Decimal(70), "state": "confirmed"},
        )
    assert count() == before
