from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from iruma_dx.lib.fiscal import (
    fiscal_year_bounds,
    fiscal_year_label,
    fiscal_year_of,
    parse_fiscal_year,
)


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2024, 3, 31), 2023),
        (date(2024, 4, 1), 2024),
        (date(2019, 3, 31), 2018),
        (date(2019, 4, 1), 2019),
        (date(2019, 5, 1), 2019),
        (date(2020, 3, 31), 2019),
        (date(2020, 4, 1), 2020),
        (date(2024, 12, 31), 2024),
        (date(2025, 1, 1), 2024),
    ],
)
def test_fiscal_year_starts_on_1_april(day, year):
    assert fiscal_year_of(day) == year


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2200, 12, 31)))
def test_every_day_lies_inside_its_fiscal_year(day):
    first, last = fiscal_year_bounds(fiscal_year_of(day))
    assert first <= day <= last
    assert first.month == 4 and first.day == 1


@pytest.mark.parametrize(
    ("year", "label"),
    [
        (2018, "平成30年度"),
        (2019, "令和元年度"),
        (2020, "令和2年度"),
        (2024, "令和6年度"),
        (1989, "平成元年度"),
        (1988, "昭和63年度"),
    ],
)
def test_label_in_japanese(year, label):
    with translation.override("ja"):
        assert fiscal_year_label(year) == label


def test_label_with_the_western_year_beside_it():
    with translation.override("ja"):
        assert fiscal_year_label(2019, western=True) == "令和元年度（2019年度）"
    with translation.override("en"):
        assert fiscal_year_label(2024) == "FY2024"
        assert fiscal_year_label(2019, western=True) == "FY2019 (Reiwa 1)"


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2024", 2024),
        ("２０２４", 2024),
        ("2024年度", 2024),
        ("令和6年度", 2024),
        ("令和６年度", 2024),
        ("令和元年度", 2019),
        ("令和 元年度", 2019),
        ("平成30年度", 2018),
        (2024, 2024),
    ],
)
def test_parse_fiscal_year(text, year):
    assert parse_fiscal_year(text) == year


@pytest.mark.parametrize("text", ["", "R6", "令和0年度", "24", "2024-25", "令和六年度"])
def test_parse_fiscal_year_refuses_the_rest(text):
    with translation.override("ja"), pytest.raises(ValidationError) as error:
        parse_fiscal_year(text)
    assert "令和6年度" in error.value.messages[0]
    assert "年度" in error.value.messages[0]


@given(st.integers(min_value=2000, max_value=2100))
def test_label_reads_back(year):
    with translation.override("ja"):
        assert parse_fiscal_year(fiscal_year_label(year)) == year


@pytest.mark.parametrize("text", ["1025", "0000", "1999", "2101", "平成11年度", "9999"])
def test_parse_fiscal_year_refuses_years_the_portal_does_not_accept(text):
    with translation.override("ja"), pytest.raises(ValidationError) as error:
        parse_fiscal_year(text)
    assert error.value.messages == ["年度は2000〜2100の範囲で入力してください。"]


def test_a_year_without_an_era_still_has_a_name():
    """Never stored today, but a page naming one shows it rather than failing."""
    with translation.override("ja"):
        assert fiscal_year_label(1025) == "1025年度"
        assert fiscal_year_label(1989) == "平成元年度"
