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


@pytest.fixture
def planning(make_year):
    return make_year(2024)


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
