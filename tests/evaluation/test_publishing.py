"""Saving the draft and publishing it as a frozen version; corrections."""

import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from evaluation import services
from evaluation.models import AnnualReport, DepartmentComment
from tests.evaluation.design_keys import REPORT_KEYS


def save(year, people, **overrides):
    values = {
        "summary": "全庁でオンライン化が進んだ。",
        "comments": {},
        "highlights": [],
        "revision": 0,
        "by": people.dx_office,
        **overrides,
    }
    return services.save_draft(year, **values)


def test_the_first_save_creates_version_1(worked_year, people, org):
    draft = save(
        worked_year.year,
        people,
        comments={org.shimin.pk: "窓口の改善が進んだ。", org.fukushi.pk: ""},
        highlights=[worked_year.rising.pk, worked_year.falling.pk],
    )
    assert (draft.version, draft.status, draft.revision) == (1, "draft", 1)
    assert set(draft.highlights.values_list("pk", flat=True)) == {
        worked_year.rising.pk,
        worked_year.falling.pk,
    }
    # A blank comment is no comment.
    assert list(draft.department_comments.values_list("department", "body")) == [
        (org.shimin.pk, "窓口の改善が進んだ。")
    ]
    assert draft.history.count() == 1
    assert draft.history.first().history_user == people.dx_office


def test_a_second_save_updates_and_clears(worked_year, people, org):
    draft = save(worked_year.year, people, comments={org.shimin.pk: "最初"})
    draft = save(
        worked_year.year,
        people,
        summary="書き直した総括",
        comments={org.shimin.pk: ""},
        revision=1,
    )
    assert draft.summary == "書き直した総括" and draft.revision == 2
    assert not DepartmentComment.objects.exists()
    assert AnnualReport.objects.count() == 1


def test_a_stale_save_writes_nothing(worked_year, people):
    save(worked_year.year, people)  # revision 1 now
    with pytest.raises(services.StaleDraft) as stale:
        save(worked_year.year, people, summary="上書き", revision=0)
    assert stale.value.current.summary == "全庁でオンライン化が進んだ。"
    assert AnnualReport.objects.get().summary == "全庁でオンライン化が進んだ。"


@pytest.mark.parametrize("role", ["viewer", "dxer", "head", "admin"])
def test_only_the_dx_office_writes(worked_year, people, role):
    with pytest.raises(PermissionDenied):
        save(worked_year.year, people, by=getattr(people, role))
    assert not AnnualReport.objects.exists()


def test_only_confirmed_approved_points_can_be_highlighted(worked_year, people):
    with pytest.raises(ValidationError) as error:
        save(
            worked_year.year,
            people,
            highlights=[worked_year.rising.pk, worked_year.waiting.pk],
        )
    assert "証明書のコンビニ交付" in str(error.value)
    assert not AnnualReport.objects.exists()


def test_no_draft_before_the_reporting_phase(make_year, people):
    year = make_year(2025, phase="in_progress")
    with pytest.raises(ValidationError):
        save(year, people)
    assert not AnnualReport.objects.exists()


def test_publishing_needs_the_evaluation_phase(worked_year, people):
    worked_year.year.phase = "reporting"
    worked_year.year.save()
    draft = save(worked_year.year, people)
    with pytest.raises(PermissionDenied):
        services.publish_annual_report(draft, revision=1, by=people.dx_office)
    assert AnnualReport.objects.get().status == "draft"


def test_publishing_needs_a_summary(worked_year, people):
    draft = save(worked_year.year, people, summary="  ")
    with pytest.raises(ValidationError) as error:
        services.publish_annual_report(draft, revision=1, by=people.dx_office)
    assert "summary" in error.value.message_dict
    assert AnnualReport.objects.get().status == "draft"


def test_publishing_a_stale_draft_is_refused(worked_year, people):
    draft = save(worked_year.year, people)
    save(worked_year.year, people, summary="誰かが直した", revision=1)
    with pytest.raises(services.StaleDraft):
        services.publish_annual_report(draft, revision=1, by=people.dx_office)
    assert AnnualReport.objects.get().status == "draft"


def test_publishing_freezes_figures_texts_and_points(worked_year, people, org):
    draft = save(
        worked_year.year,
        people,
        comments={org.shimin.pk: "窓口の改善"},
        highlights=[worked_year.falling.pk],
    )
    report = services.publish_annual_report(draft, revision=1, by=people.dx_office)
    assert report.status == "published" and report.published_by == people.dx_office
    frozen = report.frozen()
    assert frozen["figures"]["status"] == "published"
    assert frozen["figures"]["version"] == 1
    assert frozen["figures"]["totals"]["average_rate"] == 98.3
    assert frozen["summary"] == "全庁でオンライン化が進んだ。"
    assert [c["comment"] for c in frozen["department_comments"]] == [
        "",
        "窓口の改善",
        "",
    ]
    assert [h["title"] for h in frozen["highlights"]] == ["窓口の待ち時間を短く"]
    assert frozen["highlights"][0]["rate"] == 130.0
    assert len(frozen["points"]) == 1 + 5  # header and the five counted points

    # Later changes to points and reports do not reach the published version.
    worked_year.rising.report.actual = Decimal(3)
    worked_year.rising.report.save()
    worked_year.welfare.title = "変更されたタイトル"
    worked_year.welfare.save()
    worked_year.year.fte_hours = 1000
    worked_year.year.save()
    report.refresh_from_db()
    assert report.frozen() == frozen
    assert "変更されたタイトル" not in report.snapshot


def test_a_correction_is_version_2_and_version_1_stays(worked_year, people):
    first = services.publish_annual_report(
        save(worked_year.year, people), revision=1, by=people.dx_office
    )
    first_snapshot = first.snapshot
    worked_year.waiting.report.state = "confirmed"
    worked_year.waiting.report.save()
    correction = save(worked_year.year, people, summary="訂正版の総括", revision=0)
    assert correction.version == 2 and correction.status == "draft"
    second = services.publish_annual_report(correction, revision=1, by=people.dx_office)
    assert second.frozen()["figures"]["version"] == 2
    assert second.frozen()["figures"]["totals"]["confirmed"] == 4
    first.refresh_from_db()
    assert first.status == "published" and first.snapshot == first_snapshot
    assert list(AnnualReport.objects.latest_versions()) == [second]


def test_a_published_version_keeps_its_json_order_on_the_database(worked_year, people):
    report = services.publish_annual_report(
        save(worked_year.year, people), revision=1, by=people.dx_office
    )
    report.refresh_from_db()
    assert list(json.loads(report.snapshot)["figures"]) == REPORT_KEYS
