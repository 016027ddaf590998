from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from iruma_dx.lib.numbers import NumberField, read_number


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1200", Decimal("1200")),
        ("１２００", Decimal("1200")),
        ("1,200", Decimal("1200")),
        ("１，２００", Decimal("1200")),
        ("1,234,567.5", Decimal("1234567.5")),
        ("１２．５", Decimal("12.5")),
        ("  42 ", Decimal("42")),
        ("\u300042\u3000", Decimal("42")),
        ("-5", Decimal("-5")),
        ("－５", Decimal("-5")),
        ("\u22125", Decimal("-5")),
        ("+3", Decimal("3")),
        (".5", Decimal("0.5")),
        (0, Decimal("0")),
        (7, Decimal("7")),
        (2.5, Decimal("2.5")),
        (Decimal("9.75"), Decimal("9.75")),
    ],
)
def test_reads_numbers_as_typed(text, number):
    assert read_number(text) == number


@pytest.mark.parametrize("text", [None, "", "   ", "\u3000"])
def test_blank_is_none(text):
    assert read_number(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "12a",
        "1,2",
        "12,00",
        "1,,200",
        "1.2.3",
        "1e5",
        "NaN",
        "Infinity",
        "١٢",  # Arabic-Indic digits are not what a city clerk means
        "十二",
        "1 200",
        "<b>1</b>",
        "--1",
        float("nan"),
        True,
    ],
)
def test_refuses_anything_else_in_japanese(text):
    with translation.override("ja"):
        with pytest.raises(ValidationError) as error:
            read_number(text)
        # The message is lazy: read it while Japanese is active, whatever
        # language an earlier test's request left behind.
        assert error.value.code == "invalid"
        assert "数値" in error.value.messages[0]


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_grouped_full_width_numbers_read_back(number):
    grouped = f"{number:,}"
    full_width = grouped.translate(
        str.maketrans("0123456789,-", "０１２３４５６７８９，－")
    )
    assert read_number(grouped) == number
    assert read_number(full_width) == number


@given(st.text(max_size=30))
def test_any_text_is_a_number_or_a_validation_error(text):
    try:
        result = read_number(text)
    except ValidationError:
        return
    assert result is None or result.is_finite()


class _Form(forms.Form):
    hours = NumberField(max_digits=8, decimal_places=1, min_value=0)


def test_number_field_in_a_form():
    form = _Form(data={"hours": "１，２００．５"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["hours"] == Decimal("1200.5")


def test_number_field_renders_a_text_box_for_full_width_input():
    html = str(_Form()["hours"])
    assert 'type="text"' in html
    assert 'inputmode="decimal"' in html


@pytest.mark.parametrize(
    ("text", "fragment"),
    [("abc", "数値"), ("123456789", "桁"), ("-1", "0"), ("1.25", "小数")],
)
def test_number_field_errors_are_japanese(text, fragment):
    with translation.override("ja"):
        form = _Form(data={"hours": text})
        assert not form.is_valid()
        assert fragment in form.errors["hours"][0]


def test_number_field_shows_stored_decimals_plainly():
    form = _Form(initial={"hours": Decimal("480.00")})
    assert 'value="480"' in str(form["hours"])
    form = _Form(initial={"hours": Decimal("12.50")})
    assert 'value="12.5"' in str(form["hours"])
