"""Japanese fiscal years (年度): April to March, named in the 元号 calendar.

A fiscal year is identified by the calendar year it starts in: 2024 is the
year from 1 April 2024 to 31 March 2025, shown as 令和6年度.
"""

import re
import unicodedata
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as _

# (first fiscal year named after the era, Japanese name, English name).
# FY2019 began under 平成 but is called 令和元年度 by convention, as every
# city document does.
ERAS = (
    (2019, "令和", "Reiwa"),
    (1989, "平成", "Heisei"),
    (1926, "昭和", "Showa"),
)


def fiscal_year_of(day: date) -> int:
    """Return the fiscal year a date belongs to (1 April starts a new one)."""
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_bounds(year: int) -> tuple[date, date]:
    """Return the first and last day of a fiscal year."""
    return date(year, 4, 1), date(year + 1, 3, 31)


def era_of(year: int) -> tuple[str, str, int]:
    """Return (Japanese era name, English era name, year within the era)."""
    for first, ja, en in ERAS:
        if year >= first:
            return ja, en, year - first + 1
    raise ValueError(f"No era is known for fiscal year {year}")


def fiscal_year_label(year: int, *, western: bool = False) -> str:
    """Name a fiscal year in the active language: 令和6年度 / FY2024.

    ``western=True`` adds the other calendar where a document needs both:
    令和6年度（2024年度） / FY2024 (Reiwa 6).
    """
    era_ja, era_en, number = era_of(year)
    if (get_language() or "ja").startswith("en"):
        return f"FY{year} ({era_en} {number})" if western else f"FY{year}"
    label = f"{era_ja}{'元' if number == 1 else number}年度"
    return f"{label}（{year}年度）" if western else label


_ERA_LABEL = re.compile(r"^(令和|平成|昭和)(元|\d{1,2})年度?$")
_WESTERN = re.compile(r"^(\d{4})(年度?)?$")


def parse_fiscal_year(value: object) -> int:
    """Read a fiscal year written as 2024, ２０２４, 2024年度 or 令和6年度."""
    text = unicodedata.normalize("NFKC", str(value)).strip().replace(" ", "")
    if match := _WESTERN.match(text):
        return int(match[1])
    if match := _ERA_LABEL.match(text):
        first = next(start for start, ja, _en in ERAS if ja == match[1])
        number = 1 if match[2] == "元" else int(match[2])
        if number >= 1:
            return first + number - 1
    raise ValidationError(
        _("Enter a fiscal year such as 2024 or 令和6年度."), code="invalid"
    )


class FiscalYearField(forms.Field):
    """A form field for a fiscal year typed as 2024, ２０２４ or 令和6年度."""

    widget = forms.TextInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        return parse_fiscal_year(value)

    def prepare_value(self, value):
        return value

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.setdefault("autocomplete", "off")
        attrs.setdefault("size", "12")
        attrs.setdefault("class", "input--narrow")
        return attrs


_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日", "%Y.%m.%d")


class DateField(forms.DateField):
    """A date field that reads full-width digits and Japanese date styles."""

    input_formats = _DATE_FORMATS

    def to_python(self, value):
        if isinstance(value, str):
            value = unicodedata.normalize("NFKC", value).strip()
        return super().to_python(value)


_TIME_PART = re.compile(r"^(.+?)(?:T|\s+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")
_WESTERN_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
_ERA_DATE = re.compile(
    r"^(令和|平成|昭和|R|H|S)(元|\d{1,2})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$"
)
_ERA_LETTERS = {"R": "令和", "H": "平成", "S": "昭和"}


def parse_date(value: object) -> date:
    """Read a date as Japanese documents and Excel write it.

    2025-04-01, 2025/4/1, 2025.4.1, 2025年4月1日, 令和7年4月1日 (元年 too),
    R7.4.1, in full-width digits or not; a time after the date (as Excel
    writes a date cell to CSV, 2025/4/1 0:00) is ignored.
    """
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if match := _TIME_PART.match(text):
        text = match[1].strip()
    text = text.replace(" ", "")
    year = None
    if match := _WESTERN_DATE.match(text):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    elif match := _ERA_DATE.match(text.upper()):
        era = _ERA_LETTERS.get(match[1], match[1])
        first = next(start for start, ja, _en in ERAS if ja == era)
        number = 1 if match[2] == "元" else int(match[2])
        if number >= 1:
            year, month, day = first + number - 1, int(match[3]), int(match[4])
    if year is not None:
        try:
            return date(year, month, day)
        except ValueError:
            pass
    raise ValidationError(
        _("Enter a date such as 2025-04-01, 2025/4/1 or 令和7年4月1日."),
        code="invalid",
    )
