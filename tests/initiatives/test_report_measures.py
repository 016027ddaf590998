"""What a year-end report records beside its level: 評価不能, 要因分析, the
direction for next year and the basis of the hours saved (DESIGN.md "Rules
for the numbers"). One rule each, the same in the model, the service, the
form and its live preview."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from initiatives import services
from initiatives.models import (
    AchievementReport,
    DxPoint,
    FocusArea,
    NationalPlanEdition,
    Technology,
    basis_hours,
)
from initiatives.models.measures import ALL_BASIS_INPUTS


@pytest.fixture
def year(make_year):
    return make_year(2024, phase="reporting")


@pytest.fixture
def numeric(year, make_point):
    """Rising from 0 to 100: an actual value of 40 is a rate of 40 %, level D."""
    return make_point(year, state="approved")


@pytest.fixture
def qualitative(year, make_point):
    return make_point(
        year,
        title="窓口業務の見直し",
        state="approved",
        indicator_name="",
        indicator_unit="",
        baseline=None,
        target=None,
    )


def save(point, by, **fields):
    return services.save_report(
        point,
        fields={"effect": "効果があった。", "hours_saved": Decimal(0), **fields},
        revision=None,
        by=by,
    )


def errors_of(call) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refusal:
        call()
    return refusal.value.message_dict


# The hours a basis gives ------------------------------------------------------


@pytest.mark.parametrize(
    ("basis", "inputs", "hours"),
    [
        ("cases", {"cases": 7, "minutes": 3}, Decimal("0.4")),  # 0.35 half up
        ("cases", {"cases": 1, "minutes": 3}, Decimal("0.1")),  # 0.05 half up
        ("cases", {"cases": 1, "minutes": 2}, Decimal("0.0")),  # 0.0333…
        ("cases", {"cases": 1200, "minutes": 3}, Decimal("60.0")),
        ("cases", {"cases": 3, "minutes": Decimal("2.5")}, Decimal("0.1")),  # 0.125
        ("before_after", {"before": 500, "after": Decimal("320.5")}, Decimal("179.5")),
        ("before_after", {"before": 10, "after": 10}, Decimal("0.0")),
        ("cases", {"cases": None, "minutes": 3}, None),
        ("direct", {}, None),
    ],
)
def test_hours_from_each_basis_round_half_up_to_one_decimal(basis, inputs, hours):
    assert basis_hours(basis, **inputs) == hours


def test_the_report_stores_the_hours_its_basis_gives(numeric, people):
    report = save(
        numeric,
        people.dxer,
        actual=Decimal(80),
        hours_basis="cases",
        annual_cases=7,
        minutes_per_case=Decimal(3),
        hours_saved=Decimal(999),  # typed over, but the basis decides
    )
    report.refresh_from_db()
    assert report.hours_saved == Decimal("0.4")
    assert report.worked_out_hours() == Decimal("0.4")
    assert report.explain_basis() == "年間7件 × 3分 ÷ 60 ＝ 0.4時間"
    report.hours_basis = "before_after"
    report.annual_cases = report.minutes_per_case = None
    report.hours_before, report.hours_after = Decimal(500), Decimal(320)
    report.save(update_fields=["hours_basis", *ALL_BASIS_INPUTS])
    report.refresh_from_db()
    # save() adds the hours to what it writes, as it adds the level.
    assert (report.hours_saved, report.hours_before) == (Decimal(180), Decimal(500))


def test_direct_hours_are_what_was_typed_and_old_reports_are_direct(numeric, people):
    report = save(numeric, people.dxer, actual=Decimal(80), hours_saved=Decimal(12))
    assert (report.hours_basis, report.hours_saved) == ("direct", Decimal(12))
    assert report.direction == "" and report.direction_label == "未入力"


def test_a_basis_needs_its_inputs_and_only_those(numeric, people):
    errors = errors_of(
        lambda: save(
            numeric,
            people.dxer,
            actual=Decimal(80),
            hours_basis="cases",
            annual_cases=100,
            hours_before=Decimal(5),
        )
    )
    assert errors == {
        "minutes_per_case": ["1件あたり削減分（分）を入力してください。"],
        "hours_before": [
            "根拠が「件数×分（年間件数×1件あたり削減分）」のときは空欄にしてください。"
        ],
    }
    errors = errors_of(
        lambda: save(
            numeric,
            people.dxer,
            actual=Decimal(80),
            hours_basis="before_after",
            hours_before=Decimal(5),
            hours_after=Decimal(6),
        )
    )
    assert errors == {"hours_after": ["導入後の時間は導入前の時間以下にしてください。"]}
    assert not AchievementReport.objects.exists()


def test_the_database_keeps_a_basis_and_its_inputs_together(numeric):
    with pytest.raises(IntegrityError), transaction.atomic():
        AchievementReport.objects.bulk_create(
            [
                AchievementReport(
                    point=numeric,
                    actual=Decimal(80),
                    effect="効果",
                    hours_basis="cases",
                    annual_cases=10,
                )
            ]
        )


# 評価不能 and 要因分析 ------------------------------------------------------------


def test_any_point_may_be_not_assessed_with_a_reason(numeric, qualitative, people):
    report = save(
        qualitative, people.dxer, self_level="na", analysis="国の仕様が未確定。"
    )
    assert (report.level, report.rate) == ("na", None)
    report = save(numeric, people.dxer, self_level="na", analysis="計測できなかった。")
    assert (report.level, report.rate, report.actual) == ("na", None, None)
    assert report.get_level_display() == "評価不能"


def test_not_assessed_needs_its_reason_and_no_actual_value(numeric, people):
    errors = errors_of(lambda: save(numeric, people.dxer, self_level="na"))
    assert errors == {"analysis": ["評価できない（評価不能）理由を書いてください。"]}
    errors = errors_of(
        lambda: save(
            numeric,
            people.dxer,
            self_level="na",
            actual=Decimal(50),
            analysis="計測できなかった。",
        )
    )
    assert errors == {
        "actual": ["評価不能のポイントには実績値がありません。空欄にしてください。"]
    }


def test_the_database_refuses_not_assessed_without_a_reason(numeric):
    with pytest.raises(IntegrityError), transaction.atomic():
        AchievementReport.objects.bulk_create(
            [AchievementReport(point=numeric, self_level="na", effect="効果")]
        )


@pytest.mark.parametrize(
    ("actual", "level", "needs_analysis"),
    [(40, "D", True), (50, "C", True), (80, "B", False), (100, "A", False)],
)
def test_c_and_d_need_the_factor_analysis(
    numeric, people, actual, level, needs_analysis
):
    fields = {"actual": Decimal(actual)}
    if needs_analysis:
        errors = errors_of(lambda: save(numeric, people.dxer, **fields))
        assert errors == {
            "analysis": [f"要因分析を書いてください（達成度が{level}になった要因）。"]
        }
    report = save(numeric, people.dxer, **fields, analysis="周知が遅れた。")
    assert report.level == level


def test_a_self_chosen_c_needs_it_too(qualitative, people):
    errors = errors_of(lambda: save(qualitative, people.dxer, self_level="C"))
    assert list(errors) == ["analysis"]


def test_submitting_a_report_without_the_analysis_it_now_needs_is_refused(
    numeric, people, client_as
):
    # A report written before the rule (the import of a first-version file
    # does not ask for it): the DXer completes it before it goes to the head.
    AchievementReport.objects.create(point=numeric, actual=Decimal(40), effect="効果")
    response = client_as("dxer").post(f"/points/{numeric.pk}/report/submit/")
    assert response.status_code == 302
    assert response["Location"] == f"/points/{numeric.pk}/report/"
    assert AchievementReport.objects.get().state == "draft"


# The form ---------------------------------------------------------------------


def post(client, point, **data):
    return client.post(
        f"/points/{point.pk}/report/",
        {"effect": "効果があった。", "hours_saved": "0", **data},
    )


def test_the_form_marks_a_numeric_point_not_assessed(numeric, client_as):
    dxer = client_as("dxer")
    response = post(dxer, numeric, not_assessed="on")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_analysis_error"' in body  # the one message, by its field
    assert "評価できない（評価不能）理由を書いてください。" in body
    response = post(
        dxer, numeric, not_assessed="on", actual="50", analysis="計測できなかった。"
    )
    assert response.status_code == 302
    report = AchievementReport.objects.get()
    assert (report.level, report.actual, report.analysis) == (
        "na",
        None,
        "計測できなかった。",
    )


def test_the_form_asks_the_analysis_of_a_d(numeric, client_as):
    response = post(client_as("dxer"), numeric, actual="40")
    assert response.status_code == 200
    assert (
        "要因分析を書いてください（達成度がDになった要因）。"
        in response.content.decode()
    )
    assert not AchievementReport.objects.exists()


def test_the_form_works_the_hours_out_from_the_basis(numeric, client_as):
    dxer = client_as("dxer")
    response = post(
        dxer,
        numeric,
        actual="１００",
        hours_basis="cases",
        annual_cases="１，２００",
        minutes_per_case="3",
        hours_before="50",  # of another basis, visible without JavaScript
        hours_saved="",
        direction="expand",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    report = AchievementReport.objects.get()
    assert (report.hours_basis, report.annual_cases, report.hours_saved) == (
        "cases",
        1200,
        Decimal(60),
    )
    assert report.hours_before is None and report.direction == "expand"
    page = dxer.get(f"/points/{numeric.pk}/").content.decode()
    assert "年間1,200件 × 3分 ÷ 60 ＝ 60時間" in page
    assert "拡充" in page


def test_direct_hours_are_required_with_that_basis(numeric, client_as):
    response = post(client_as("dxer"), numeric, actual="100", hours_saved="")
    assert response.status_code == 200
    assert 'id="id_hours_saved_error"' in response.content.decode()


def test_the_live_preview_gives_the_hours_the_report_then_stores(numeric, client_as):
    dxer = client_as("dxer")
    url = f"/points/{numeric.pk}/report/hours/"
    assert dxer.get(
        url, {"basis": "cases", "annual_cases": "7", "minutes_per_case": "３"}
    ).json() == {"hours": "0.4"}
    assert dxer.get(
        url, {"basis": "before_after", "hours_before": "500", "hours_after": "320"}
    ).json() == {"hours": "180.0"}
    assert dxer.get(url, {"basis": "cases", "annual_cases": "7"}).json() == {
        "hours": None
    }
    refused = dxer.get(url, {"basis": "cases", "annual_cases": "約7"}).json()
    assert refused["hours"] is None and refused["error"]
    assert dxer.get(url, {"basis": "direct"}).status_code == 404
    for other in ("dxer2", "head", "viewer"):
        assert client_as(other).get(url, {"basis": "cases"}).status_code == 403


def test_the_heads_review_shows_analysis_basis_and_direction(numeric, client_as):
    AchievementReport.objects.create(
        point=numeric,
        actual=Decimal(40),
        effect="効果",
        analysis="周知が遅れた。",
        direction="improve",
        hours_basis="before_after",
        hours_before=Decimal(100),
        hours_after=Decimal(70),
        state="submitted",
    )
    body = client_as("head").get("/review/").content.decode()
    assert "周知が遅れた。" in body
    assert "導入前100時間 − 導入後70時間 ＝ 30時間" in body
    assert "改善" in body


# Carrying points forward ------------------------------------------------------


def test_carry_forward_offers_the_work_that_goes_on_first(make_year, make_point, org):
    last = make_year(2023, phase="closed")
    this = make_year(2024)
    made = {}
    for title, direction, level in [
        ("完了したもの", "complete", "B"),
        ("続けるもの", "continue", "C"),
        ("方向性なし", "", "D"),
        ("拡充するもの", "expand", "B"),
        ("評価不能", "improve", "na"),
    ]:
        report = {
            "self_level": level,
            "state": "confirmed",
            "direction": direction,
            "analysis": "理由" if level != "B" else "",
        }
        made[title] = make_point(
            last,
            title=title,
            state="approved",
            indicator_name="",
            indicator_unit="",
            baseline=None,
            target=None,
            report=report,
        )
    candidates = services.carry_forward_candidates(org.shimin_ka, this)
    titles = [point.title for point in candidates]
    # 拡充, 継続, 改善 first (in the points' order), then the others; 評価不能
    # did not reach A either.
    assert titles == [
        "続けるもの",
        "拡充するもの",
        "評価不能",
        "完了したもの",
        "方向性なし",
    ]
    assert [point.goes_on for point in candidates] == [True] * 3 + [False] * 2


def test_carrying_into_a_year_of_another_edition_keeps_the_areas_it_has(
    make_year, make_point, org, people
):
    last = make_year(2023, phase="closed")
    latest = NationalPlanEdition.objects.get(code="2.3")
    this = make_year(2024, focus_area_edition=latest)
    origin = make_point(
        last,
        state="approved",
        technology_status="introduced",
        report={"actual": Decimal(60), "state": "confirmed", "analysis": "理由"},
    )
    old = FocusArea.objects.filter(edition__code="1.0")
    # テレワークの推進 is in both editions; 行政手続のオンライン化 only in 1.0.
    origin.focus_areas.set(old.filter(number__in=[3, 5]))
    origin.technologies.set(Technology.objects.filter(name="RPA"))
    [copy] = services.carry_forward(
        [origin], to_year=this, section=org.shimin_ka, by=people.dxer
    )
    copy = DxPoint.objects.get(pk=copy.pk)
    assert [area.edition.code for area in copy.focus_areas.all()] == ["2.3"]
    assert [area.name for area in copy.focus_areas.all()] == ["テレワークの推進"]
    assert [t.name for t in copy.technologies.all()] == ["RPA"]
    assert copy.technology_status == "introduced"
