"""Each transition of a point and a report, allowed and refused by role and phase."""

from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from initiatives import services
from initiatives.models import (
    Comment,
    DxPoint,
    Notification,
    Phase,
    PointState,
    ReportState,
    StaleEdit,
)


def test_dxer_submits_and_head_approves(
    planning, make_point, people, django_capture_on_commit_callbacks
):
    point = make_point(planning)
    with time_machine.travel("2024-05-20 10:00 +09:00", tick=False):
        services.submit_point(point, by=people.dxer)
    point.refresh_from_db()
    assert point.state == PointState.SUBMITTED and not point.is_late
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_point(point, by=people.head)
    point.refresh_from_db()
    assert point.state == PointState.APPROVED
    assert point.reviewed_by == people.head
    assert Notification.objects.get(recipient=people.dxer).message == (
        "令和6年度：DXポイント「窓口申請のオンライン化」が承認されました"
        "（承認：市民 一郎）。"
    )
    assert mail.outbox[0].to == ["dxer@example.jp"]
    assert "承認されました" in mail.outbox[0].subject
    assert f"/points/{point.pk}/" in mail.outbox[0].body


def test_submission_after_the_deadline_is_accepted_and_marked_late(
    planning, make_point, people
):
    point = make_point(planning)
    with time_machine.travel("2024-06-01 09:00 +09:00", tick=False):
        services.submit_point(point, by=people.dxer)
    point.refresh_from_db()
    assert point.state == PointState.SUBMITTED and point.is_late


@pytest.mark.parametrize("who", ["dxer2", "head", "head2", "dx_office", "viewer"])
def test_only_the_sections_dxer_submits(planning, make_point, people, who):
    point = make_point(planning)
    with pytest.raises(PermissionDenied):
        services.submit_point(point, by=getattr(people, who))
    point.refresh_from_db()
    assert point.state == PointState.DRAFT


@pytest.mark.parametrize("who", ["dxer", "dxer2", "head2", "dx_office"])
def test_only_the_departments_head_approves(planning, make_point, people, who):
    point = make_point(planning, state="submitted")
    with pytest.raises(PermissionDenied):
        services.approve_point(point, by=getattr(people, who))
    point.refresh_from_db()
    assert point.state == PointState.SUBMITTED


def test_a_draft_cannot_be_approved(planning, make_point, people):
    with pytest.raises(PermissionDenied):
        services.approve_point(make_point(planning), by=people.head)


def test_return_needs_a_comment(planning, make_point, people):
    point = make_point(planning, state="submitted")
    with pytest.raises(ValidationError):
        services.return_point(point, comment="   ", by=people.head)
    point.refresh_from_db()
    assert point.state == PointState.SUBMITTED
    services.return_point(
        point, comment="指標の単位を見直してください。", by=people.head
    )
    point.refresh_from_db()
    assert point.state == PointState.RETURNED
    comment = Comment.objects.get(point=point)
    assert comment.kind == "return_point" and comment.author == people.head


def test_returned_point_is_fixed_and_resubmitted(planning, make_point, people):
    point = make_point(planning, state="returned")
    services.update_point(
        point,
        fields={"indicator_unit": "件"},
        m2m={},
        revision=point.revision,
        by=people.dxer,
    )
    services.submit_point(point, by=people.dxer)
    point.refresh_from_db()
    assert point.state == PointState.SUBMITTED and point.indicator_unit == "件"


def test_approved_point_is_fixed_until_the_head_returns_it(
    planning, make_point, people
):
    point = make_point(planning, state="approved")
    with pytest.raises(PermissionDenied):
        services.update_point(
            point,
            fields={"title": "x"},
            m2m={},
            revision=point.revision,
            by=people.dxer,
        )
    planning.phase = Phase.IN_PROGRESS
    planning.save()
    services.return_point(point, comment="目標値を上げましょう", by=people.head)
    services.update_point(
        point,
        fields={"target": Decimal(120)},
        m2m={},
        revision=point.revision + 1,
        by=people.dxer,
    )
    point.refresh_from_db()
    assert point.target == 120 and point.state == PointState.RETURNED


# The fewest fields a new point needs.
SMALLEST_POINT = {
    "title": "t",
    "description": "d",
    "business": "b",
    "stage": "digitization",
}


def test_points_are_created_only_in_planning(make_year, org, people):
    planning = make_year(2024, phase="in_progress")
    with pytest.raises(ValidationError):
        services.create_point(
            fiscal_year=planning,
            section=org.shimin_ka,
            fields=SMALLEST_POINT,
            m2m={"principles": [1]},
            by=people.dxer,
        )
    assert not DxPoint.objects.exists()


def test_a_dxer_cannot_create_for_another_section(planning, org, people):
    with pytest.raises(PermissionDenied):
        services.create_point(
            fiscal_year=planning,
            section=org.kaigo_ka,
            fields=SMALLEST_POINT,
            m2m={"principles": [1]},
            by=people.dxer,
        )


def test_only_drafts_are_deleted(planning, make_point, people):
    draft = make_point(planning)
    submitted = make_point(planning, state="submitted")
    with pytest.raises(PermissionDenied):
        services.delete_point(submitted, by=people.dxer)
    with pytest.raises(PermissionDenied):
        services.delete_point(draft, by=people.dxer2)
    draft_id = draft.pk
    services.delete_point(draft, by=people.dxer)
    assert list(DxPoint.objects.all()) == [submitted]
    deleted = DxPoint.history.get(id=draft_id, history_type="-")
    assert deleted.history_user == people.dxer


def test_second_save_does_not_overwrite_the_first(planning, make_point, people):
    point = make_point(planning)
    loaded = point.revision
    services.update_point(
        point, fields={"title": "最初の編集"}, m2m={}, revision=loaded, by=people.dxer
    )
    with pytest.raises(StaleEdit) as stale:
        services.update_point(
            point,
            fields={"title": "二人目の編集"},
            m2m={},
            revision=loaded,
            by=people.dxer,
        )
    assert stale.value.current.title == "最初の編集"
    point.refresh_from_db()
    assert point.title == "最初の編集"


def test_history_records_every_change_with_who_and_m2m(planning, make_point, people):
    point = make_point(planning)
    services.update_point(
        point,
        fields={"title": "新しい題名"},
        m2m={"principles": [1, 3]},
        revision=point.revision,
        by=people.dxer,
    )
    services.submit_point(point, by=people.dxer)
    services.approve_point(point, by=people.head)
    records = list(
        DxPoint.history.filter(id=point.pk).order_by("history_date", "history_id")
    )
    edit = next(r for r in records if r.title == "新しい題名")
    previous = records[records.index(edit) - 1]
    delta = edit.diff_against(previous)
    changed = {change.field for change in delta.changes}
    assert {"title", "principles"} <= changed
    assert edit.history_user == people.dxer
    states = [r.state for r in records]
    assert states[-2:] == ["submitted", "approved"]
    assert records[-1].history_user == people.head


def test_dxer_reports_and_head_confirms(reporting, make_point, people):
    point = make_point(reporting, state="approved")
    report = services.save_report(
        point,
        fields={
            "actual": Decimal(130),
            "effect": "窓口の待ち時間が減った",
            "hours_saved": 120,
        },
        revision=None,
        by=people.dxer,
    )
    assert report.level == "A" and report.rate == 130
    with time_machine.travel("2025-05-01 09:00 +09:00", tick=False):
        services.submit_report(report, by=people.dxer)
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED and report.is_late
    with pytest.raises(PermissionDenied):
        services.confirm_report(report, by=people.head2)
    services.confirm_report(report, by=people.head)
    report.refresh_from_db()
    assert report.state == ReportState.CONFIRMED
    assert "確認されました" in Notification.objects.get(recipient=people.dxer).message


def test_report_needs_actual_for_a_numeric_point_and_effect(
    reporting, make_point, people
):
    point = make_point(reporting, state="approved")
    with pytest.raises(ValidationError) as error:
        services.save_report(
            point, fields={"effect": ""}, revision=None, by=people.dxer
        )
    assert {"actual", "effect"} <= set(error.value.message_dict)


def test_qualitative_report_needs_a_level(reporting, make_point, people):
    point = make_point(
        reporting,
        state="approved",
        indicator_name="",
        indicator_unit="",
        baseline=None,
        target=None,
    )
    with pytest.raises(ValidationError) as error:
        services.save_report(
            point, fields={"effect": "e"}, revision=None, by=people.dxer
        )
    assert "self_level" in error.value.message_dict


def test_reports_are_written_in_the_reporting_phase_only(planning, make_point, people):
    point = make_point(planning, state="approved")
    with pytest.raises(PermissionDenied):
        services.save_report(
            point, fields={"actual": 1, "effect": "e"}, revision=None, by=people.dxer
        )


def test_report_return_needs_a_comment_and_reopens_it(reporting, make_point, people):
    point = make_point(
        reporting,
        state="approved",
        report={"actual": Decimal(80), "state": "submitted"},
    )
    with pytest.raises(ValidationError):
        services.return_report(point.report, comment="", by=people.head)
    services.return_report(point.report, comment="効果を具体的に", by=people.head)
    point.report.refresh_from_db()
    assert point.report.state == ReportState.RETURNED
    services.save_report(
        point,
        fields={"effect": "待ち時間が平均15分短縮"},
        revision=point.report.revision,
        by=people.dxer,
    )


def test_carry_forward_copies_unfinished_points_and_links_them(
    make_year, make_point, people, org
):
    last = make_year(2023, phase="closed")
    this = make_year(2024)
    done = make_point(
        last, state="approved", report={"actual": 100, "state": "confirmed"}
    )
    unfinished = make_point(
        last,
        title="電子申請の拡大",
        state="approved",
        principles=[2, 4],
        report={"actual": 60, "state": "confirmed"},
    )
    unreported = make_point(last, title="窓口予約", state="approved")
    candidates = set(services.carry_forward_candidates(org.shimin_ka, this))
    assert candidates == {unfinished, unreported}
    assert done not in candidates
    [copy] = services.carry_forward(
        [unfinished], to_year=this, section=org.shimin_ka, by=people.dxer
    )
    assert copy.carried_from == unfinished and copy.fiscal_year == this
    assert copy.state == PointState.DRAFT
    assert copy.baseline == 60  # carries on from where it stood
    assert sorted(copy.principles.values_list("number", flat=True)) == [2, 4]
    assert unfinished not in set(services.carry_forward_candidates(org.shimin_ka, this))
    with pytest.raises(PermissionDenied):
        services.carry_forward(
            [done], to_year=this, section=org.shimin_ka, by=people.dxer
        )
