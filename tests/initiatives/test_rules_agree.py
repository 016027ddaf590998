"""Rules that answer both for one object and as a filter give the same answer.

A workflow step (``Step.allows`` / ``Step.q``), a plan's period
(``Plan.covers`` / ``Plan.objects.covering``), a unit's life span
(``is_active_in`` / ``active_in``) and a role's years (``Assignment``) are
each one rule with two renderings; these tests try every combination on the
database the suite runs on.
"""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from initiatives.models import (
    Assignment,
    DxPoint,
    Phase,
    Plan,
    PointState,
    Role,
    Section,
    workflow,
)

STEPS = [
    workflow.EDIT_POINT,
    workflow.DELETE_POINT,
    workflow.REVIEW_POINT,
    workflow.REOPEN_POINT,
]


def test_every_point_step_filters_what_it_allows(make_year, make_point):
    points = []
    for number, phase in enumerate(Phase):
        year = make_year(2030 + number, phase=phase)
        for state in PointState:
            points.append(make_point(year, title=f"{phase}-{state}", state=state))
    for step in STEPS:
        filtered = set(DxPoint.objects.filter(step.q()).values_list("pk", flat=True))
        allowed = {
            point.pk
            for point in points
            if step.allows(point.state, point.fiscal_year.phase)
        }
        assert filtered == allowed


years = st.one_of(st.none(), st.integers(min_value=2018, max_value=2026))


@pytest.mark.django_db
@settings(max_examples=30)
@given(spans=st.lists(st.tuples(years, years), min_size=1, max_size=6))
def test_a_plans_period_covers_the_same_years_either_way(spans, org):
    plans = [
        Plan.objects.create(
            title=f"計画{number}",
            department=org.kikaku,
            start_year=start if end is None or start is None else min(start, end),
            end_year=end if end is None or start is None else max(start, end),
        )
        for number, (start, end) in enumerate(spans)
    ]
    for year in range(2017, 2028):
        covering = set(Plan.objects.covering(year).values_list("pk", flat=True))
        assert covering == {plan.pk for plan in plans if plan.covers(year)}
    Plan.objects.all().delete()


def test_a_units_life_span_is_the_same_either_way(org):
    kinds = itertools.product([None, 2020, 2022], [None, 2021, 2023])
    for number, (start, retired) in enumerate(kinds):
        if start and retired and retired <= start:
            continue
        Section.objects.create(
            department=org.shimin,
            name=f"課{number}",
            code=f"T-{number}",
            active_from=start,
            retired_from=retired,
        )
    for year in range(2018, 2026):
        active = set(Section.objects.active_in(year).values_list("pk", flat=True))
        assert active == {s.pk for s in Section.objects.all() if s.is_active_in(year)}


def test_a_roles_years_are_the_same_either_way(people, org):
    for number, (start, end) in enumerate([(2020, None), (2021, 2022), (2023, 2023)]):
        Assignment.objects.create(
            user=people.viewer if number else people.dxer2,
            role=Role.DX_OFFICE,
            start_year=start,
            end_year=end,
        )
    for year in range(2018, 2026):
        active = set(Assignment.objects.active_in(year).values_list("pk", flat=True))
        assert active == {
            a.pk for a in Assignment.objects.all() if a.is_active_in(year)
        }
