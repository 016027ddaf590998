"""Messages: one per problem, and notices that say what, who, which year and why."""

import re

import pytest
from django.core import mail

from initiatives import services
from initiatives.models import Notification
from tests.initiatives.test_points_views import point_data


def field_errors(body: str, field: str) -> list[str]:
    block = re.search(rf'id="id_{field}_error">(.*?)</div>', body, re.S)
    return re.findall(r"</span> (.*?)</p>", block.group(1)) if block else []


@pytest.fixture
def reporting_point(make_year, make_point):
    return make_point(make_year(2023, phase="reporting"), state="approved")


def test_an_empty_effect_is_told_once_in_the_models_words(client_as, reporting_point):
    response = client_as("dxer").post(
        f"/points/{reporting_point.pk}/report/",
        {"actual": "30", "effect": "", "hours_saved": "0"},
    )
    body = response.content.decode()
    assert field_errors(body, "effect") == ["効果を文章で入力してください。"]
    assert "このフィールドは必須です" not in body
    # The summary at the top says it once too.
    assert body.count("効果を文章で入力してください。") == 2  # summary and field


def test_a_value_that_is_no_number_is_told_once(client_as, reporting_point):
    response = client_as("dxer").post(
        f"/points/{reporting_point.pk}/report/",
        {"actual": "約30", "effect": "早くなった", "hours_saved": "0"},
    )
    body = response.content.decode()
    [message] = field_errors(body, "actual")
    assert "数値" in message
    assert "指標の実績値を入力してください" not in body


def test_an_empty_actual_value_is_told_in_the_models_words(client_as, reporting_point):
    response = client_as("dxer").post(
        f"/points/{reporting_point.pk}/report/",
        {"actual": "", "effect": "早くなった", "hours_saved": "0"},
    )
    assert field_errors(response.content.decode(), "actual") == [
        "指標の実績値を入力してください。"
    ]


def test_a_point_whose_baseline_is_no_number_gets_one_message(client_as, planning):
    response = client_as("dxer").post("/points/new/", point_data(baseline="abc"))
    body = response.content.decode()
    assert len(field_errors(body, "baseline")) == 1
    assert field_errors(body, "indicator_name") == []  # not "missing: baseline"
    assert "未入力：基準値" not in body


def test_the_models_own_checks_still_speak_where_the_form_had_nothing_to_say(
    client_as, planning
):
    response = client_as("dxer").post("/points/new/", point_data(target=""))
    assert "未入力：目標値" in " ".join(
        field_errors(response.content.decode(), "indicator_name")
    )


def test_a_return_tells_the_dxer_who_why_which_year_and_where(
    make_year, make_point, people, django_capture_on_commit_callbacks
):
    point = make_point(make_year(2024), state="submitted")
    with django_capture_on_commit_callbacks(execute=True):
        services.return_point(
            point, comment="目標値の根拠を\n説明に書いてください。", by=people.head
        )
    notice = Notification.objects.get(recipient=people.dxer).message
    assert notice.startswith(
        "令和6年度：DXポイント「窓口申請のオンライン化」が差し戻されました"
        "（差戻し：市民 一郎）。"
    )
    assert "市民 一郎さんのコメント：" in notice and "目標値の根拠を" in notice
    [message] = mail.outbox
    assert (
        "令和6年度" in message.subject and "窓口申請のオンライン化" in message.subject
    )
    assert "目標値の根拠を\n説明に書いてください。" in message.body
    assert "市民 一郎さんのコメント：" in message.body
    assert message.body.rstrip().endswith(f"/points/{point.pk}/")


def test_a_long_comment_is_shortened_in_the_notice_only(
    make_year, make_point, people, django_capture_on_commit_callbacks
):
    point = make_point(make_year(2024), state="submitted")
    comment = "長い" * 400
    with django_capture_on_commit_callbacks(execute=True):
        services.return_point(point, comment=comment, by=people.head)
    notice = Notification.objects.get(recipient=people.dxer).message
    assert len(notice) == 300 and notice.endswith("…")
    assert comment in mail.outbox[0].body


def test_a_returned_report_names_the_year_and_the_comment(
    make_year, make_point, people
):
    point = make_point(
        make_year(2023, phase="reporting"),
        state="approved",
        report={"actual": 50, "state": "submitted"},
    )
    services.return_report(point.report, comment="効果を数字で", by=people.head)
    notice = Notification.objects.get(recipient=people.dxer).message
    assert notice.startswith("令和5年度：「窓口申請のオンライン化」の年度末報告")
    assert "効果を数字で" in notice
