"""The DXer's path: withdrawing a submission, the head's comment above the form,
saving and submitting in one step, and carry-forward's baseline."""

import re
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from initiatives import services
from initiatives.models import (
    Comment,
    CommentKind,
    DxPoint,
    Notification,
    PointState,
    ReportState,
    roles_of,
)
from tests.initiatives.test_points_views import point_data

# Withdrawing (取り下げ) ----------------------------------------------------------


def test_a_submitted_point_is_withdrawn_and_the_head_is_told(
    planning, make_point, people, django_capture_on_commit_callbacks
):
    point = make_point(planning)
    services.submit_point(point, by=people.dxer)
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_point(point, by=people.dxer)
    point.refresh_from_db()
    assert point.state == PointState.DRAFT
    assert point.submitted_at is None and not point.is_late
    assert point.history.first().history_change_reason == "取り下げ"
    assert point.history.first().history_user == people.dxer
    notice = Notification.objects.get(recipient=people.head)
    assert notice.message == (
        "令和6年度：窓口 花子さんがDXポイント「窓口申請のオンライン化」の提出を"
        "取り下げました。承認待ちではなくなりました。"
    )
    assert not Notification.objects.filter(recipient=people.head2).exists()
    [message] = mail.outbox
    assert message.to == ["head@example.jp"]
    assert f"/points/{point.pk}/" in message.body
    # Nothing waits for the head any more.
    assert not DxPoint.objects.for_review_by(roles_of(people.head)).to_review()


@pytest.mark.parametrize(
    ("state", "phase", "reason"),
    [
        ("approved", "planning", "すでに処理したため（承認済み）"),
        ("returned", "planning", "すでに処理したため（差戻し）"),
        ("draft", "planning", "提出されていません"),
        ("submitted", "reporting", "今は提出を取り下げられません"),
    ],
)
def test_a_point_the_head_acted_on_is_not_withdrawn(
    make_year, make_point, people, state, phase, reason
):
    point = make_point(make_year(2024, phase=phase), state=state)
    assert reason in point.why_not_withdraw(roles_of(people.dxer))
    with pytest.raises(ValidationError, match=reason):
        services.withdraw_point(point, by=people.dxer)
    point.refresh_from_db()
    assert point.state == state
    assert not Notification.objects.exists()


@pytest.mark.parametrize("who", ["dxer2", "head", "head2", "dx_office", "viewer"])
def test_only_the_sections_dxer_withdraws(planning, make_point, people, who):
    point = make_point(planning, state="submitted")
    assert not point.can_withdraw(roles_of(getattr(people, who)))
    with pytest.raises(PermissionDenied):
        services.withdraw_point(point, by=getattr(people, who))
    point.refresh_from_db()
    assert point.state == "submitted"


def test_a_submitted_report_is_withdrawn_until_the_head_confirms_it(
    reporting, make_point, people
):
    point = make_point(
        reporting, state="approved", report={"actual": 80, "state": "submitted"}
    )
    services.withdraw_report(point.report, by=people.dxer)
    point.report.refresh_from_db()
    assert point.report.state == ReportState.DRAFT
    assert "年度末報告の提出を取り下げました" in (
        Notification.objects.get(recipient=people.head).message
    )
    services.submit_report(point.report, by=people.dxer)
    services.confirm_report(point.report, by=people.head)
    with pytest.raises(ValidationError, match="すでに処理したため（確認済み）"):
        services.withdraw_report(point.report, by=people.dxer)
    with pytest.raises(PermissionDenied):
        services.withdraw_report(point.report, by=people.dxer2)


def test_a_report_is_not_withdrawn_once_reports_are_closed(
    evaluation, make_point, people
):
    point = make_point(
        evaluation, state="approved", report={"actual": 80, "state": "submitted"}
    )
    assert "今は提出を取り下げられません" in point.report.why_not_withdraw(
        roles_of(people.dxer)
    )


def test_withdraw_pages_as_each_role(client_as, planning, reporting_year, make_point):
    point = make_point(planning, state="submitted")
    for role in ("head", "dx_office"):
        assert client_as(role).post(f"/points/{point.pk}/withdraw/").status_code == 403
    for role in ("dxer2", "head2", "viewer"):
        assert client_as(role).post(f"/points/{point.pk}/withdraw/").status_code == 404
    assert client_as("dxer").get(f"/points/{point.pk}/withdraw/").status_code == 405
    client = client_as("dxer")
    page = client.get(f"/points/{point.pk}/").content.decode()
    assert "提出を取り下げる" in page
    listing = client.get("/points/?year=2024").content.decode()
    assert f'action="/points/{point.pk}/withdraw/"' in listing
    response = client.post(f"/points/{point.pk}/withdraw/", follow=True)
    body = response.content.decode()
    assert body.count("の提出を取り下げました。下書きに戻り") == 1
    point.refresh_from_db()
    assert point.state == "draft"
    # A second try is told why, and changes nothing.
    body = client.post(f"/points/{point.pk}/withdraw/", follow=True).content.decode()
    assert body.count("提出されていません") == 1
    assert "提出を取り下げる" not in client.get(f"/points/{point.pk}/").content.decode()


@pytest.fixture
def reporting_year(make_year):
    return make_year(2023, phase="reporting")


def test_report_withdraw_page(client_as, reporting_year, make_point):
    point = make_point(
        reporting_year, state="approved", report={"actual": 80, "state": "submitted"}
    )
    assert client_as("head").post(f"/points/{point.pk}/report/withdraw/").status_code
    client = client_as("dxer")
    assert (
        "報告の提出を取り下げる" in client.get(f"/points/{point.pk}/").content.decode()
    )
    body = client.post(
        f"/points/{point.pk}/report/withdraw/", follow=True
    ).content.decode()
    assert body.count("年度末報告の提出を取り下げました") == 1
    point.report.refresh_from_db()
    assert point.report.state == "draft"
    no_report = make_point(reporting_year, state="approved")
    response = client.post(f"/points/{no_report.pk}/report/withdraw/")
    assert response.status_code == 403


# The head's comment above the form ------------------------------------------------


def test_the_return_comment_is_at_the_top_of_the_edit_form(
    client_as, planning, make_point, people
):
    point = make_point(planning, state="submitted")
    services.return_point(point, comment="目標値の根拠を書いてください", by=people.head)
    body = client_as("dxer").get(f"/points/{point.pk}/edit/").content.decode()
    form = body.index("<form", body.index("<main"))
    comment = body.index("目標値の根拠を書いてください")
    assert body.index("部長からの差戻しコメント") < comment < form
    assert "市民 一郎" in body[body.index("<main") : form]
    # A draft shows no such notice.
    draft = make_point(planning)
    body = client_as("dxer").get(f"/points/{draft.pk}/edit/").content.decode()
    assert "部長からの差戻しコメント" not in body


def test_the_latest_return_comment_of_the_report_heads_its_form(
    client_as, make_year, make_point, people
):
    point = make_point(
        make_year(2023, phase="reporting"),
        state="approved",
        report={"actual": 80, "state": "submitted"},
    )
    Comment.objects.create(
        point=point, author=people.head, kind=CommentKind.RETURN_POINT, body="古い"
    )
    services.return_report(point.report, comment="効果を数字で", by=people.head)
    body = client_as("dxer").get(f"/points/{point.pk}/report/").content.decode()
    form = body.index("<form", body.index("<main"))
    assert "部長からの差戻しコメント" in body[:form]
    assert "効果を数字で" in body[:form] and "古い" not in body


# Save and submit in one step ------------------------------------------------------


def test_a_new_point_is_saved_and_submitted_in_one_step(client_as, planning, people):
    client = client_as("dxer")
    form = client.get("/points/new/?year=2024").content.decode()
    assert 'name="then" value="draft"' in form and 'name="then" value="submit"' in form
    response = client.post("/points/new/?year=2024", {**point_data(), "then": "submit"})
    point = DxPoint.objects.get()
    assert response.status_code == 302
    assert point.state == "submitted" and point.submitted_at is not None
    assert [r.history_change_reason for r in point.history.order_by("history_id")][
        -1
    ] == "提出"
    body = client.get(response.url).content.decode()
    assert body.count("DXポイントを保存し、部長に提出しました") == 1


def test_save_as_draft_stays_a_draft(client_as, planning):
    client_as("dxer").post("/points/new/?year=2024", {**point_data(), "then": "draft"})
    assert DxPoint.objects.get().state == "draft"


def test_an_invalid_point_is_neither_saved_nor_submitted(client_as, planning):
    response = client_as("dxer").post(
        "/points/new/?year=2024", {**point_data(title=""), "then": "submit"}
    )
    assert response.status_code == 200
    assert not DxPoint.objects.exists()


def test_a_returned_point_is_fixed_and_resubmitted_in_one_step(
    client_as, planning, make_point, people
):
    point = make_point(planning, state="submitted")
    services.return_point(point, comment="直して", by=people.head)
    point.refresh_from_db()
    client = client_as("dxer")
    data = {
        **point_data(title="直した題名"),
        "revision": point.revision,
        "then": "submit",
    }
    assert client.post(f"/points/{point.pk}/edit/", data).status_code == 302
    point.refresh_from_db()
    assert (point.title, point.state) == ("直した題名", "submitted")


# Carry-forward copies a confirmed actual value only --------------------------------


@pytest.mark.parametrize(
    ("report_state", "baseline"),
    [
        ("confirmed", Decimal(480)),
        ("returned", Decimal(0)),
        ("submitted", Decimal(0)),
        ("draft", Decimal(0)),
    ],
)
def test_carry_forward_takes_the_baseline_from_a_confirmed_report_only(
    make_year, make_point, people, org, report_state, baseline
):
    last = make_year(2023, phase="closed")
    this = make_year(2024)
    origin = make_point(
        last,
        state="approved",
        target=Decimal(1000),
        report={"actual": 480, "state": report_state},
    )
    [copy] = services.carry_forward(
        [origin], to_year=this, section=org.shimin_ka, by=people.dxer
    )
    assert copy.baseline == baseline
    assert copy.target == Decimal(1000)


# The new-point form --------------------------------------------------------------


def test_the_plan_list_shows_the_departments_own_plans_first(client_as, planning, org):
    from initiatives.models import Plan

    Plan.objects.create(title="企画の計画", department=org.kikaku)
    Plan.objects.create(title="福祉の計画", department=org.fukushi)
    Plan.objects.create(title="市民の計画", department=org.shimin)
    for role, first in (("dxer", "市民生活部"), ("dxer2", "福祉部")):
        body = client_as(role).get("/points/new/?year=2024").content.decode()
        select = body.split('name="plan"', 1)[1].split("</select>", 1)[0]
        groups = re.findall(r'<optgroup label="([^"]+)">', select)
        assert groups[0] == first, role
        assert sorted(groups) == sorted(["企画部", "市民生活部", "福祉部"])
        assert '<option value="" selected>指定なし</option>' in select


def test_principles_show_their_titles_with_the_explanation_on_demand(
    client_as, planning
):
    body = client_as("dxer").get("/points/new/?year=2024").content.decode()
    cards = body.split('class="choice-cards"', 1)[1].split("</fieldset>", 1)[0]
    assert cards.count("<details") == 5
    assert "DXの心得1 破壊的技術を使う</label>" in cards
    # The explanation is inside the closed <details>, not beside the title.
    first = cards.split("<details", 1)[1].split("</details>", 1)[0]
    assert "AIやRPAなどの破壊的技術は" in first
