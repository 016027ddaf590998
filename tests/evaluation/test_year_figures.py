"""A closed year's figures are worked out once, stored, and equal to a fresh count."""

import json
import random
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evaluation import services
from evaluation.models import YearFigures
from evaluation.rollups import year_figures, year_over_year
from initiatives import services as initiatives_services
from initiatives.interchange import apply_import, read_table
from initiatives.models import DxPoint, FiscalYear
from tests.initiatives.interchange_helpers import csv_file, row


def close(fiscal_year: FiscalYear, people) -> FiscalYear:
    """Move a year forward to closed through the service, as the DX office does."""
    fiscal_year.refresh_from_db()
    while fiscal_year.next_phase is not None:
        initiatives_services.change_phase(
            fiscal_year, to_phase=fiscal_year.next_phase, by=people.dx_office
        )
        fiscal_year.refresh_from_db()
    return fiscal_year


def stored(fiscal_year: FiscalYear) -> dict:
    return json.loads(YearFigures.objects.get(fiscal_year=fiscal_year).figures)


def test_closing_a_year_stores_its_figures_and_opening_it_drops_them(
    worked_year, people
):
    year = close(worked_year.year, people)
    assert stored(year) == year_figures(year)
    assert stored(year)["totals"]["average_rate"] == 98.3
    initiatives_services.change_phase(
        year, to_phase="evaluation", by=people.dx_office, reason="訂正のため"
    )
    assert not YearFigures.objects.filter(fiscal_year=year).exists()


def test_year_over_year_reads_a_closed_years_figures_as_stored(worked_year, people):
    year = close(worked_year.year, people)
    # Changed behind the portal's back (no workflow allows this in a closed
    # year): the table shows what was stored when the year closed.
    DxPoint.objects.filter(fiscal_year=year).update(state="draft")
    assert year_over_year()[0]["points"] == 5
    assert year_figures(year)["totals"]["points"] == 0


def test_records_loaded_into_a_closed_year_update_its_figures(make_year, people, org):
    year = close(make_year(2022), people)
    assert stored(year)["totals"]["points"] == 0
    rows = [row(年度="2022", DXポイント="過去の取組", 実績値="80", 効果="効果")]
    apply_import(
        table=read_table(csv_file(rows), file_name="r4.csv"),
        file_name="r4.csv",
        by=people.dx_office,
        load_closed_years=True,
    )
    assert stored(year)["totals"]["points"] == 1
    assert stored(year) == year_figures(year)


def test_publishing_a_correction_of_a_closed_year_stores_its_figures_again(
    worked_year, people
):
    year = close(worked_year.year, people)
    wrong = stored(year)
    wrong["totals"]["points"] = 99
    YearFigures.objects.filter(fiscal_year=year).update(figures=json.dumps(wrong))
    draft = services.save_draft(
        year,
        summary="訂正",
        comments={},
        highlights=[],
        revision=0,
        by=people.dx_office,
    )
    services.publish_annual_report(draft, revision=draft.revision, by=people.dx_office)
    assert stored(year) == year_figures(year)


def test_the_table_costs_the_same_for_three_years_and_ten(
    make_year, make_point, people, count_queries
):
    def queries() -> int:
        return count_queries(year_over_year)

    def closed_year_with_a_point(year: int) -> None:
        fiscal_year = make_year(year, phase="evaluation")
        make_point(
            fiscal_year, state="approved", report={"actual": 50, "state": "confirmed"}
        )
        close(fiscal_year, people)

    for year in range(2021, 2024):
        closed_year_with_a_point(year)
    make_year(2024)
    three = queries()
    for year in range(2014, 2021):
        closed_year_with_a_point(year)
    # The years, the stored figures, and the open year's roll-up (eight).
    assert queries() == three == 10
    rows = year_over_year()
    assert [row["points"] for row in rows] == [1] * 10 + [0]


@pytest.mark.django_db
@settings(max_examples=15)
@given(seed=st.integers(min_value=0, max_value=10**6))
def test_stored_figures_equal_a_fresh_count_on_random_data(
    seed, make_year, make_point, org, people
):
    """Random points, levels, hours and tags: stored equals worked out now."""
    from django.db import transaction

    from initiatives.models import FocusArea, Principle, Technology

    chance = random.Random(seed)
    with transaction.atomic():
        year = make_year(2020, phase="evaluation")
        areas = list(FocusArea.objects.of_edition(year.focus_area_edition_id))
        sections = [org.shimin_ka, org.zeimu_ka, org.kaigo_ka, org.dx_section]
        for number in range(chance.randint(1, 25)):
            numeric = chance.random() < 0.7
            baseline = Decimal(chance.randint(-500, 500)) / 10
            span = Decimal(chance.choice([-1, 1]) * chance.randint(1, 900)) / 10
            report = None
            if chance.random() < 0.8:
                report = {
                    "state": chance.choice(["confirmed", "confirmed", "submitted"]),
                    "hours_saved": Decimal(chance.randint(0, 9999)) / 10,
                    "analysis": "要因",
                }
                if numeric:
                    report["actual"] = baseline + span * chance.randint(0, 150) / 100
                else:
                    report["self_level"] = chance.choice("ABCD")
                if chance.random() < 0.1:
                    report.pop("actual", None)
                    report["self_level"] = "na"
            point = make_point(
                year,
                title=f"点{number}",
                section=chance.choice(sections),
                principles=chance.sample(range(1, 6), chance.randint(1, 3)),
                state=chance.choice(["approved", "approved", "submitted"]),
                stage=chance.choice(
                    ["digitization", "digitalization", "transformation"]
                ),
                **(
                    {"baseline": baseline, "target": baseline + span}
                    if numeric
                    else {
                        "indicator_name": "",
                        "indicator_unit": "",
                        "baseline": None,
                        "target": None,
                    }
                ),
                report=report,
            )
            point.focus_areas.set(chance.sample(areas, chance.randint(0, 2)))
            if chance.random() < 0.5:
                point.technologies.set(
                    chance.sample(list(Technology.objects.all()), chance.randint(1, 2))
                )
        fresh = year_figures(year)
        close(year, people)
        assert stored(year) == fresh
        assert year_over_year()[-1] == {
            "fiscal_year": 2020,
            "label": "令和2年度",
            **fresh["totals"],
        }
        assert Principle.objects.count() == 5
        transaction.set_rollback(True)


def test_a_pages_own_year_is_not_added_up_twice(worked_year):
    """The dashboard and the draft pass their year's totals in: the same table."""
    totals = year_figures(worked_year.year)["totals"]
    known = year_over_year(known={worked_year.year.year: totals})
    assert known == year_over_year()
    assert any(row["fiscal_year"] == worked_year.year.year for row in known)
