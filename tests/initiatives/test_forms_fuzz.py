"""Hypothesis drives the point and report forms: no server error, no half a write."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from initiatives.models import AchievementReport, DxPoint

FULL_WIDTH = str.maketrans("0123456789,.-", "０１２３４５６７８９，．－")

numbers = st.one_of(
    st.integers(min_value=-(10**16), max_value=10**16).map(str),
    st.integers(min_value=0, max_value=10**9).map(
        lambda n: f"{n:,}".translate(FULL_WIDTH)
    ),
    st.decimals(allow_nan=True, allow_infinity=True, places=3).map(str),
    st.sampled_from(["", " ", "1e9", "NaN", "１２．５", "1,2", "--1", "١٢"]),
)
texts = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        ["", "<script>alert(1)</script>", "a\x00b", "\u202e逆", "=SUM(A1)", "x" * 5000]
    ),
)
choice_ids = st.lists(
    st.one_of(st.integers(min_value=-5, max_value=10).map(str), st.text(max_size=5)),
    max_size=4,
)


@settings(max_examples=200)
@given(
    title=texts,
    description=texts,
    business=texts,
    principles=choice_ids,
    stage=st.sampled_from(["digitization", "transformation", "", "x", "<b>"]),
    indicator=texts,
    unit=texts,
    baseline=numbers,
    target=numbers,
)
def test_point_form_never_fails(
    client_as, planning, title, description, business, principles, stage,
    indicator, unit, baseline, target,
):  # fmt: skip
    client = client_as("dxer")
    before = DxPoint.objects.count()
    response = client.post(
        "/points/new/",
        {
            "title": title, "description": description, "business": business,
            "principles": principles, "stage": stage, "indicator_name": indicator,
            "indicator_unit": unit, "baseline": baseline, "target": target,
        },
    )  # fmt: skip
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert DxPoint.objects.count() == before
    else:
        created = DxPoint.objects.latest("pk")
        created.full_clean()  # what was saved obeys every rule
        assert created.principles.exists()
        created.delete()


@pytest.fixture
def approved_point(make_year, make_point):
    return make_point(make_year(2024, phase="reporting"), state="approved")


@settings(max_examples=200)
@given(
    actual=numbers,
    hours=numbers,
    effect=texts,
    next_steps=texts,
    level=st.text(max_size=2),
)
def test_report_form_never_fails(
    client_as, approved_point, actual, hours, effect, next_steps, level
):
    point = approved_point
    response = client_as("dxer").post(
        f"/points/{point.pk}/report/",
        {"actual": actual, "hours_saved": hours, "effect": effect,
         "next_steps": next_steps, "self_level": level},
    )  # fmt: skip
    assert response.status_code in (200, 302)
    report = AchievementReport.objects.filter(point=point).first()
    if response.status_code == 200:
        assert report is None
    else:
        report.full_clean()
        assert report.hours_saved >= 0 and report.actual is not None
        report.delete()


# Valid input is saved, exactly as typed ---------------------------------------

plain_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")),
    min_size=1,
    max_size=200,
).filter(str.strip)
amounts = st.decimals(min_value=-(10**11), max_value=10**11, places=2, allow_nan=False)


def typed(value) -> st.SearchStrategy[str]:
    """A number as staff type it: plain, full-width, or with thousands commas."""
    return st.sampled_from([str(value), str(value).translate(FULL_WIDTH), f"{value:,}"])


@st.composite
def indicators(draw) -> dict:
    if draw(st.booleans()):
        return {
            "indicator_name": "",
            "indicator_unit": "",
            "baseline": "",
            "target": "",
        }
    baseline = draw(amounts)
    target = draw(amounts.filter(lambda value: value != baseline))
    return {
        "indicator_name": draw(plain_text),
        "indicator_unit": draw(plain_text.map(lambda text: text[:30])),
        "baseline": draw(typed(baseline)),
        "target": draw(typed(target)),
        "expected": (baseline, target),
    }


@settings(max_examples=60)
@given(
    title=plain_text,
    description=plain_text,
    business=plain_text,
    numbers=st.sets(st.integers(min_value=1, max_value=5), min_size=1),
    stage=st.sampled_from(["digitization", "digitalization", "transformation"]),
    indicator=indicators(),
)
def test_valid_points_are_saved_as_typed(
    client_as, planning, title, description, business, numbers, stage, indicator
):
    from initiatives.models import Principle

    expected = indicator.pop("expected", (None, None))
    principles = Principle.objects.filter(number__in=numbers)
    response = client_as("dxer").post(
        "/points/new/",
        {
            "title": title,
            "description": description,
            "business": business,
            "principles": [str(p.pk) for p in principles],
            "stage": stage,
            **indicator,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    point = DxPoint.objects.latest("pk")
    assert (point.title, point.description, point.business) == (
        title.strip(),
        description.strip(),
        business.strip(),
    )
    assert set(point.principles.values_list("number", flat=True)) == numbers
    assert (point.stage, point.baseline, point.target) == (stage, *expected)
    point.delete()


@settings(max_examples=60)
@given(
    actual=amounts,
    hours=st.decimals(min_value=0, max_value=10**8, places=1, allow_nan=False),
    effect=plain_text,
    style=st.integers(min_value=0, max_value=2),
)
def test_valid_reports_are_saved_as_typed(
    client_as, approved_point, actual, hours, effect, style
):
    point = approved_point
    response = client_as("dxer").post(
        f"/points/{point.pk}/report/",
        {
            "actual": [str(actual), str(actual).translate(FULL_WIDTH), f"{actual:,}"][
                style
            ],
            "hours_saved": f"{hours:,}",
            "effect": effect,
            # Needed at levels C and D; accepted at any level.
            "analysis": "要因を分析した。",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    report = AchievementReport.objects.get(point=point)
    assert (report.actual, report.hours_saved, report.effect) == (
        actual,
        hours,
        effect.strip(),
    )
    assert report.level == report.earned_level() != ""
    report.delete()
