"""Who sees what: approved points for all staff (横展開), the review conversation
and unconfirmed reports within the section, its department and the DX office."""

from decimal import Decimal

import pytest

from initiatives import services
from initiatives.models import AchievementReport, roles_of

# The conversation's readers: the section's DXer, its head, the DX office.
INSIDE = ("dxer", "head", "dx_office")
OUTSIDE = ("viewer", "dxer2", "head2", "admin")


@pytest.fixture
def discussed(make_year, make_point, people):
    """An approved point of 市民課 with a comment, a return and a submitted report."""
    year = make_year(2023, phase="reporting")
    point = make_point(
        year,
        state="approved",
        report={
            "actual": Decimal("777.77"),
            "effect": "未確認の効果の文章",
            "state": "submitted",
        },
    )
    services.add_comment(point, body="内部の相談コメント", by=people.head)
    services.return_report(point.report, comment="差戻しの理由", by=people.head)
    services.save_report(
        point,
        fields={"effect": "直した効果の文章"},
        revision=None,
        by=people.dxer,
    )
    return point


@pytest.mark.parametrize("role", INSIDE)
def test_the_section_department_and_dx_office_read_the_conversation(
    client_as, discussed, role
):
    client = client_as(role)
    page = client.get(f"/points/{discussed.pk}/").content.decode()
    assert "内部の相談コメント" in page and "差戻しの理由" in page
    assert "直した効果の文章" in page
    history = client.get(f"/points/{discussed.pk}/history/").content.decode()
    assert "未確認の効果の文章" in history and "コメント（作成）" in history


@pytest.mark.parametrize("role", OUTSIDE)
def test_other_staff_read_the_approved_point_without_the_conversation(
    client_as, discussed, role
):
    client = client_as(role)
    response = client.get(f"/points/{discussed.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert discussed.title in page and discussed.description in page
    for secret in ("内部の相談コメント", "差戻しの理由", "効果の文章", "777.77"):
        assert secret not in page, (role, secret)
    assert "部長の確認後にここに表示されます" in page
    history = client.get(f"/points/{discussed.pk}/history/").content.decode()
    for secret in ("コメント（作成）", "年度末の達成報告", "効果の文章"):
        assert secret not in history, (role, secret)
    assert "作成" in history  # the point's own entries stay


@pytest.mark.parametrize("role", OUTSIDE)
def test_other_staff_read_a_confirmed_report(client_as, discussed, people, role):
    services.submit_report(discussed.report, by=people.dxer)
    services.confirm_report(discussed.report, by=people.head)
    page = client_as(role).get(f"/points/{discussed.pk}/").content.decode()
    assert "直した効果の文章" in page
    assert "内部の相談コメント" not in page and "差戻しの理由" not in page


def test_the_report_scope_for_every_role(discussed, make_year, make_point, people, org):
    confirmed = make_point(
        make_year(2022, phase="closed"),
        state="approved",
        section=org.kaigo_ka,
        report={"actual": 10, "state": "confirmed"},
    ).report
    theirs = discussed.report
    expected = {
        "viewer": {confirmed},
        "dxer": {confirmed, theirs},
        "dxer2": {confirmed},
        "head": {confirmed, theirs},
        "head2": {confirmed},
        "dx_office": {confirmed, theirs},
        "admin": {confirmed},
    }
    for role, reports in expected.items():
        user = getattr(people, role)
        assert set(AchievementReport.objects.visible_to(user)) == reports, role
        roles = roles_of(user)
        assert theirs.is_visible_to(roles) == (theirs in reports), role
        assert discussed.can_see_conversation(roles) == (role in INSIDE), role


def test_anonymous_people_see_no_report(discussed):
    from django.contrib.auth.models import AnonymousUser

    assert not AchievementReport.objects.visible_to(AnonymousUser()).exists()


def test_the_search_shows_confirmed_levels_only(client_as, discussed):
    body = client_as("viewer").get("/points/search/").content.decode()
    assert discussed.title in body
    assert "777.77" not in body
