"""What is open in a fiscal year, per department and section, and what a move does.

The organisation of ``org``: 企画部 (the DX office's section, no DXer),
市民生活部 (市民課 with ``dxer``, 市民税課 without a DXer; head ``head``) and
福祉部 (介護保険課 with ``dxer2``; head ``head2``).
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives.models import Phase
from initiatives.year_summary import GROUPS, Effect, summarise

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_year(make_year, make_point, org):
    """令和6年度 in reporting, with points and reports in every state."""
    year = make_year(2024, phase=Phase.REPORTING)
    for state in ("draft", "submitted", "returned"):
        make_point(year, state=state, title=f"点{state}")
    make_point(year, state="approved", title="報告なし")
    for state in ("draft", "returned", "submitted", "confirmed"):
        make_point(
            year,
            state="approved",
            title=f"報告{state}",
            report={"state": state, "actual": 50},
        )
    make_point(
        year,
        section=org.kaigo_ka,
        state="approved",
        title="介護",
        report={"state": "submitted", "actual": 80},
    )
    return year


def _row(summary, section):
    return next(
        row
        for department in summary.departments
        for row in department.sections
        if row.section == section
    )


def test_counts_per_section_and_department(busy_year, org, people):
    summary = summarise(busy_year)
    shimin = _row(summary, org.shimin_ka)
    assert shimin.dxer == people.dxer
    assert shimin.counts.open == {
        "no_points": 0,
        "points_draft": 1,
        "points_returned": 1,
        "points_submitted": 1,
        "reports_missing": 2,  # none written, and a draft
        "reports_returned": 1,
        "reports_submitted": 1,
    }
    assert (shimin.counts.approved, shimin.counts.confirmed) == (5, 1)
    assert _row(summary, org.kaigo_ka).counts.open["reports_submitted"] == 1
    # Sections of the year without any point, with or without a DXer.
    assert _row(summary, org.zeimu_ka).counts.open["no_points"] == 1
    assert _row(summary, org.zeimu_ka).dxer is None
    assert _row(summary, org.dx_section).counts.open["no_points"] == 1

    departments = {row.department: row for row in summary.departments}
    assert list(departments) == [org.kikaku, org.shimin, org.fukushi]
    assert departments[org.shimin].head == people.head
    assert departments[org.kikaku].head is None
    assert departments[org.shimin].counts.open["no_points"] == 1
    assert departments[org.shimin].counts.approved == 5
    assert departments[org.fukushi].counts.open["reports_submitted"] == 1
    assert summary.totals.open["reports_submitted"] == 2
    assert (summary.totals.approved, summary.totals.confirmed) == (6, 1)
    assert summary.totals.confirmed_share == Decimal("16.7")


def _effects(summary, to_phase):
    return {
        c.group.key: (c.effect, c.count, c.sections)
        for c in summary.consequences(to_phase)
    }


def test_what_moving_to_evaluation_does(busy_year):
    effects = _effects(summarise(busy_year), Phase.EVALUATION)
    assert effects == {
        # DXers write reports in the reporting phase only …
        "reports_missing": (Effect.STOPS, 2, 1),
        "reports_returned": (Effect.STOPS, 1, 1),
        # … heads confirm them in evaluation too.
        "reports_submitted": (Effect.CONTINUES, 2, 2),
    }


def test_plain_words_name_sections_count_and_what_happens(busy_year):
    texts = [c.text for c in summarise(busy_year).consequences(Phase.EVALUATION)]
    assert "1課の未提出の年度末報告2件は、編集も提出もできなくなります。" in texts
    assert "2課の確認待ちの年度末報告2件は、引き続き部長が承認・確認できます。" in texts


@pytest.mark.parametrize(
    ("phase", "to_phase", "expected"),
    [
        (
            Phase.PLANNING,
            Phase.IN_PROGRESS,
            {
                "no_points": Effect.STOPS,
                "points_draft": Effect.CONTINUES,
                "points_returned": Effect.CONTINUES,
                "points_submitted": Effect.CONTINUES,
            },
        ),
        (
            Phase.IN_PROGRESS,
            Phase.REPORTING,
            {
                "points_draft": Effect.STOPS,
                "points_returned": Effect.STOPS,
                "points_submitted": Effect.STOPS,
                "reports_missing": Effect.STARTS,
                "reports_returned": Effect.STARTS,
                "reports_submitted": Effect.STARTS,
            },
        ),
        (Phase.EVALUATION, Phase.CLOSED, {"reports_submitted": Effect.STOPS}),
        (
            Phase.EVALUATION,
            Phase.REPORTING,  # back
            {
                "reports_missing": Effect.STARTS,
                "reports_returned": Effect.STARTS,
                "reports_submitted": Effect.CONTINUES,
            },
        ),
        (
            Phase.REPORTING,
            Phase.PLANNING,  # back
            {
                "no_points": Effect.STARTS,
                "points_draft": Effect.STARTS,
                "points_returned": Effect.STARTS,
                "points_submitted": Effect.STARTS,
                "reports_missing": Effect.STOPS,
                "reports_returned": Effect.STOPS,
                "reports_submitted": Effect.STOPS,
            },
        ),
    ],
)
def test_consequences_follow_the_steps_of_each_phase(
    busy_year, phase, to_phase, expected
):
    busy_year.phase = phase
    effects = {
        key: effect
        for key, (effect, *_rest) in _effects(summarise(busy_year), to_phase).items()
    }
    assert effects == expected


def test_every_group_takes_its_phases_from_a_workflow_step():
    from initiatives.models import workflow

    steps = {
        "no_points": tuple(workflow.NEW_POINT_PHASES),
        "points_draft": workflow.EDIT_POINT.phases,
        "points_returned": workflow.EDIT_POINT.phases,
        "points_submitted": workflow.REVIEW_POINT.phases,
        "reports_missing": workflow.WRITE_REPORT.phases,
        "reports_returned": workflow.WRITE_REPORT.phases,
        "reports_submitted": workflow.CONFIRM_REPORT.phases,
    }
    assert {group.key: group.phases for group in GROUPS} == steps


def test_open_items_are_those_someone_may_act_on_now(busy_year):
    summary = summarise(busy_year)
    # Reporting: reports to write (2 + 1) and to confirm (2). Drafts of points
    # are frozen since the year went into reporting: nobody can act on them.
    assert summary.open_count() == 5
    assert summary.stopping_count(Phase.EVALUATION) == 3
    busy_year.phase = Phase.PLANNING
    # Planning: 3 points to finish or review, 2 sections without any point.
    assert summarise(busy_year).open_count() == 5


def test_a_move_with_open_items_needs_their_count_confirmed(busy_year):
    summary = summarise(busy_year)
    with pytest.raises(ValidationError) as refused:
        summary.check_confirmed(None)
    assert "5件" in refused.value.messages[0]
    with pytest.raises(ValidationError) as changed:
        summary.check_confirmed(4)  # the page showed another count
    assert changed.value.code == "changed"
    summary.check_confirmed(5)


def test_nothing_open_needs_no_confirmation(make_year, make_point):
    year = make_year(2024, phase=Phase.EVALUATION)
    make_point(year, state="approved", report={"state": "confirmed", "actual": 90})
    summary = summarise(year)
    assert summary.open_count() == 0
    summary.check_confirmed(None)


def test_deadlines_still_ahead_of_what_the_move_stops(busy_year):
    summary = summarise(busy_year)  # reports due 2025-04-30
    [deadline] = summary.deadlines_ahead(Phase.EVALUATION, date(2025, 4, 9))
    assert (deadline.due, deadline.days) == (date(2025, 4, 30), 21)
    assert deadline.what == "年度末報告"
    assert summary.deadlines_ahead(Phase.EVALUATION, date(2025, 5, 1)) == []
    # Going back to planning stops the reports too, before their deadline.
    assert [
        d.due for d in summary.deadlines_ahead(Phase.PLANNING, date(2025, 4, 9))
    ] == [date(2025, 4, 30)]


def test_who_is_reminded_of_what(busy_year, people):
    reminded = {user: sorted(items) for user, items in summarise(busy_year).to_remind()}
    assert reminded == {
        # The DXer writes 3 reports (2 not submitted, 1 returned) by the deadline.
        people.dxer: [("reports_due", 3, date(2025, 4, 30))],
        people.head: [("reports_to_review", 1, None)],
        people.head2: [("reports_to_review", 1, None)],
    }


def test_a_fixed_number_of_queries_whatever_the_points(make_year, make_points, org):
    year = make_year(2024, phase=Phase.REPORTING)
    make_points(year, 10, states=("draft", "submitted", "approved"))

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            summary = summarise(year)
            summary.consequences(Phase.EVALUATION)
            summary.to_remind()
            summary.table(["reports_missing"])
        return len(captured)

    few = queries()
    make_points(year, 300, states=("draft", "submitted", "approved", "returned"))
    # The counts per section, the sections, and who holds the roles today.
    assert few == queries() == 3
