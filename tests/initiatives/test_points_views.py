"""The DXer's and the head's pages, as people use them through the browser's forms."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives.models import AchievementReport, Comment, DxPoint, Notification


def point_data(**overrides) -> dict:
    return {
        "title": "窓口申請のオンライン化",
        "description": "転入届を事前入力で受け付ける。",
        "principles": ["1", "3"],
        "business": "住民異動届の受付",
        "stage": "transformation",
        "indicator_name": "オンライン申請の割合",
        "indicator_unit": "%",
        "baseline": "５",
        "target": "１，２００",
        **overrides,
    }


def test_dxer_adds_a_point_with_full_width_numbers(client_as, planning, org):
    response = client_as("dxer").post("/points/new/", point_data())
    assert response.status_code == 302
    point = DxPoint.objects.get()
    assert (point.baseline, point.target) == (Decimal(5), Decimal(1200))
    assert point.section == org.shimin_ka and point.state == "draft"
    assert sorted(point.principles.values_list("number", flat=True)) == [1, 3]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"principles": []}, "principles", "このフィールドは必須です"),
        ({"business": "", "plan": ""}, "business", "事務事業名を入力してください"),
        ({"target": ""}, "indicator_name", "未入力：目標値"),
        ({"target": "5"}, "target", "基準値と異なる値"),
        ({"baseline": "abc"}, "baseline", "数値を入力してください"),
        ({"baseline": "1" * 20}, "baseline", "桁"),
        ({"title": ""}, "title", "このフィールドは必須です"),
        ({"stage": "magic"}, "stage", "正しく選択してください"),
    ],
)
def test_bad_input_is_explained_next_to_the_field(
    client_as, planning, overrides, field, message
):
    response = client_as("dxer").post("/points/new/", point_data(**overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    body = response.content.decode()
    assert f'id="id_{field}_error"' in body
    assert 'aria-invalid="true"' in body or field == "principles"
    assert not DxPoint.objects.exists()


def test_html_typed_into_a_field_is_shown_as_text(client_as, planning):
    client = client_as("dxer")
    client.post("/points/new/", point_data(title="<script>alert(1)</script>"))
    point = DxPoint.objects.get()
    body = client.get(f"/points/{point.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_another_section_cannot_be_forged(client_as, planning, org, make_point):
    client = client_as("dxer2")
    assert client.get(f"/points/new/?section={org.shimin_ka.pk}").status_code == 404
    client.post("/points/new/", {**point_data(), "section": org.shimin_ka.pk})
    assert DxPoint.objects.get().section == org.kaigo_ka  # the field is ignored
    theirs = make_point(planning)
    for url in (f"/points/{theirs.pk}/", f"/points/{theirs.pk}/edit/"):
        assert client.get(url).status_code == 404
    response = client.post(f"/points/{theirs.pk}/edit/", point_data(title="乗っ取り"))
    assert response.status_code == 404
    assert client.post(f"/points/{theirs.pk}/submit/").status_code == 404
    assert client.post(f"/points/{theirs.pk}/delete/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.title != "乗っ取り" and theirs.state == "draft"


def test_second_editor_is_told_and_keeps_their_text(client_as, planning, make_point):
    point = make_point(planning)
    first, second = client_as("dxer"), client_as("dxer")
    revision = (
        first.get(f"/points/{point.pk}/edit/").context["form"]["revision"].value()
    )
    second.get(f"/points/{point.pk}/edit/")
    data = point_data(revision=revision)
    assert (
        first.post(
            f"/points/{point.pk}/edit/", {**data, "title": "Aの変更"}
        ).status_code
        == 302
    )
    response = second.post(f"/points/{point.pk}/edit/", {**data, "title": "Bの変更"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "別の人がこのポイントを保存しました" in body
    assert "Aの変更" in body  # what the first editor changed
    assert 'value="Bの変更"' in body  # their own text is kept
    point.refresh_from_db()
    assert point.title == "Aの変更"
    # Saving again after reading the notice applies the second editor's text.
    merged = response.context["form"].data
    assert second.post(f"/points/{point.pk}/edit/", merged).status_code == 302
    point.refresh_from_db()
    assert point.title == "Bの変更"


def test_submit_all_then_head_approves_in_bulk(client_as, planning, make_point, org):
    mine = [make_point(planning, title=f"ポイント{i}") for i in range(3)]
    other = make_point(planning, section=org.kaigo_ka, state="submitted")
    response = client_as("dxer").post("/points/submit-all/", {"year": "2024"})
    assert response.status_code == 302
    assert set(
        DxPoint.objects.filter(pk__in=[p.pk for p in mine]).values_list(
            "state", flat=True
        )
    ) == {"submitted"}
    head = client_as("head")
    review = head.get("/review/").content.decode()
    assert (
        "ポイント0" in review
        and other.title not in review
        or other.section != org.shimin_ka
    )
    # Another department's id in the request: nothing is approved by half.
    ids = [str(p.pk) for p in mine]
    refused = head.post("/review/approve/", {"points": [*ids, str(other.pk)]})
    assert refused.status_code == 302
    assert not DxPoint.objects.filter(state="approved").exists()
    assert f"ID {other.pk}" in head.get("/review/").content.decode()
    head.post("/review/approve/", {"points": ids})
    assert set(
        DxPoint.objects.filter(pk__in=[p.pk for p in mine]).values_list(
            "state", flat=True
        )
    ) == {"approved"}
    other.refresh_from_db()
    assert other.state == "submitted"  # another department's point is not theirs
    assert Notification.objects.filter(recipient__username="dxer").count() == 3


def test_return_needs_a_comment_that_the_dxer_sees(client_as, planning, make_point):
    point = make_point(planning, state="submitted")
    head = client_as("head")
    response = head.post(f"/points/{point.pk}/return/", {"comment": ""})
    assert response.status_code == 200
    assert "このフィールドは必須です" in response.content.decode()
    point.refresh_from_db()
    assert point.state == "submitted"
    head.post(f"/points/{point.pk}/return/", {"comment": "指標を見直してください"})
    point.refresh_from_db()
    assert point.state == "returned"
    page = client_as("dxer").get(f"/points/{point.pk}/").content.decode()
    assert "指標を見直してください" in page and "市民 一郎" in page
    home = client_as("dxer").get("/").content.decode()
    assert "差し戻されました" in home


def test_delete_a_draft(client_as, planning, make_point):
    point = make_point(planning)
    client = client_as("dxer")
    assert "下書きを削除" in client.get(f"/points/{point.pk}/delete/").content.decode()
    assert client.post(f"/points/{point.pk}/delete/").status_code == 302
    assert not DxPoint.objects.exists()


def test_report_with_full_width_actual_shows_rate_and_level(
    client_as, reporting, make_point
):
    point = make_point(reporting, state="approved")
    client = client_as("dxer")
    page = client.get(f"/points/{point.pk}/report/").content.decode()
    assert "data-rate-actual" in page and "report-form.js" in page
    response = client.post(
        f"/points/{point.pk}/report/",
        {
            "actual": "１３０",
            "effect": "待ち時間が減った",
            "hours_saved": "１，２００",
            "next_steps": "",
        },
    )
    assert response.status_code == 302
    report = AchievementReport.objects.get()
    assert (report.actual, report.hours_saved, report.level) == (130, 1200, "A")
    detail = client.get(f"/points/{point.pk}/").content.decode()
    assert "130.0%" in detail


def test_report_refuses_negative_hours_and_missing_effect(
    client_as, reporting, make_point
):
    point = make_point(reporting, state="approved")
    response = client_as("dxer").post(
        f"/points/{point.pk}/report/",
        {"actual": "50", "effect": "", "hours_saved": "-1"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "0 以上" in " ".join(errors["hours_saved"]) or "0以上" in " ".join(
        errors["hours_saved"]
    )
    assert "effect" in errors
    assert not AchievementReport.objects.exists()


def test_qualitative_report_asks_for_a_level(client_as, reporting, make_point):
    point = make_point(
        reporting,
        state="approved",
        indicator_name="",
        indicator_unit="",
        baseline=None,
        target=None,
    )
    client = client_as("dxer")
    response = client.post(
        f"/points/{point.pk}/report/", {"effect": "e", "hours_saved": "0"}
    )
    assert "self_level" in response.context["form"].errors
    client.post(
        f"/points/{point.pk}/report/",
        {"effect": "e", "hours_saved": "0", "self_level": "B"},
    )
    assert AchievementReport.objects.get().level == "B"


def test_report_submit_and_confirm(client_as, reporting, make_point):
    point = make_point(reporting, state="approved", report={"actual": 90})
    client_as("dxer").post(f"/points/{point.pk}/report/submit/")
    point.report.refresh_from_db()
    assert point.report.state == "submitted"
    assert (
        client_as("head2")
        .post("/review/confirm/", {"reports": [point.report.pk]})
        .status_code
        == 302
    )
    point.report.refresh_from_db()
    assert point.report.state == "submitted"
    client_as("head").post("/review/confirm/", {"reports": [point.report.pk]})
    point.report.refresh_from_db()
    assert point.report.state == "confirmed"


def test_comments_and_who_may_write_them(client_as, planning, make_point):
    point = make_point(planning, state="approved")
    for role in ("dxer", "head", "dx_office"):
        assert (
            client_as(role)
            .post(f"/points/{point.pk}/comments/", {"body": f"{role}のコメント"})
            .status_code
            == 302
        )
    assert (
        client_as("viewer")
        .post(f"/points/{point.pk}/comments/", {"body": "閲覧者"})
        .status_code
        == 403
    )
    for role in ("dxer", "head", "dx_office"):
        page = client_as(role).get(f"/points/{point.pk}/").content.decode()
        assert "dxerのコメント" in page and "入間 みらい" in page, role
    # The conversation stays within the section, its department and the DX office.
    for role in ("viewer", "dxer2", "head2"):
        page = client_as(role).get(f"/points/{point.pk}/").content.decode()
        assert "dxerのコメント" not in page and "コメント" not in page, role
    assert Comment.objects.count() == 3


def test_history_page_shows_old_and_new_by_name(client_as, planning, make_point):
    point = make_point(planning)
    client = client_as("dxer")
    data = point_data(revision=point.revision, principles=["2"], title="新しい題名")
    client.post(f"/points/{point.pk}/edit/", data)
    client.post(f"/points/{point.pk}/submit/")
    body = client.get(f"/points/{point.pk}/history/").content.decode()
    assert "新しい題名" in body and "窓口申請のオンライン化" in body
    assert "DXの心得2" in body  # principles by name, not id
    assert "提出済み" in body and "窓口 花子" in body


def test_carry_forward_page(client_as, make_year, make_point):
    last = make_year(2023, phase="closed")
    make_year(2024)
    origin = make_point(
        last, state="approved", report={"actual": 40, "state": "confirmed"}
    )
    client = client_as("dxer")
    page = client.get("/points/carry-forward/?year=2024")
    assert origin.title in page.content.decode()
    client.post("/points/carry-forward/?year=2024", {"points": [origin.pk]})
    copy = DxPoint.objects.get(fiscal_year=2024)
    assert copy.carried_from == origin
    assert "引継ぎ元" in client.get(f"/points/{copy.pk}/").content.decode()


def _count(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("dxer", "/points/?year=2024"),
        ("head", "/review/"),
        ("head", "/departments/{department}/?year=2024"),
        ("viewer", "/points/search/"),
        ("viewer", "/points/search/?q=窓口&principle=1"),
        ("dx_office", "/"),
    ],
)
def test_lists_run_the_same_queries_for_10_and_1000_rows(
    client_as, make_year, make_points, org, role, url
):
    year = make_year(2024)
    url = url.format(department=org.shimin.pk)
    states = ("draft", "submitted", "approved")
    make_points(year, 10, states=states, principles=[1, 2])
    client = client_as(role)
    small = _count(client, url)
    make_points(year, 990, states=states, principles=[1, 2])
    assert _count(client, url) == small
