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


# The fiscal years the portal accepts anywhere: forms, filters, files, URLs.
# Four digits are not enough: 1025 (for 2025) or 0000 would be stored and
# then break every page that names the year in the Japanese era.
FIRST_FISCAL_YEAR = 2000
LAST_FISCAL_YEAR = 2100


def validate_fiscal_year(year: int) -> None:
    """Refuse a fiscal year outside the years the portal accepts."""
    if not FIRST_FISCAL_YEAR <= year <= LAST_FISCAL_YEAR:
        raise ValidationError(
            _("Enter a fiscal year between %(first)s and %(last)s.")
            % {"first": FIRST_FISCAL_YEAR, "last": LAST_FISCAL_YEAR},
            code="out_of_range",
        )


def fiscal_year_of(day: date) -> int:
    """Return the fiscal year a date belongs to (1 April starts a new one)."""
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_bounds(year: int) -> tuple[date, date]:
    """Return the first and last day of a fiscal year."""
    return date(year, 4, 1), date(year + 1, 3, 31)


def era_of(year: int) -> tuple[str, str, int] | None:
    """Return (Japanese era name, English era name, year within the era).

    None before 昭和 (no fiscal year the portal accepts is that early).
    """
    for first, ja, en in ERAS:
        if year >= first:
            return ja, en, year - first + 1
    return None


def fiscal_year_label(year: int, *, western: bool = False) -> str:
    """Name a fiscal year in the active language: 令和6年度 / FY2024.

    ``western=True`` adds the other calendar where a document needs both:
    令和6年度（2024年度） / FY2024 (Reiwa 6).
    """
    era = era_of(year)
    english = (get_language() or "ja").startswith("en")
    if era is None:  # never stored today; a name rather than an error if it was
        return f"FY{year}" if english else f"{year}年度"
    era_ja, era_en, number = era
    if english:
        return f"FY{year} ({era_en} {number})" if western else f"FY{year}"
    label = f"{era_ja}{'元' if number == 1 else number}年度"
    return f"{label}（{year}年度）" if western else label


_ERA_LABEL = re.compile(r"^(令和|平成|昭和)(元|\d{1,2})年度?$")
_WESTERN = re.compile(r"^(\d{4})(年度?)?$")


def parse_fiscal_year(value: object) -> int:
    """Read a fiscal year written as 2024, ２０２４, 2024年度 or 令和6年度.

    Raises ValidationError for anything else, and for a year outside the
    years the portal accepts.
    """
    text = unicodedata.normalize("NFKC", str(value)).strip().replace(" ", "")
    year = None
    if match := _WESTERN.match(text):
        year = int(match[1])
    elif match := _ERA_LABEL.match(text):
        first = next(start for start, ja, _en in ERAS if ja == match[1])
        number = 1 if match[2] == "元" else int(match[2])
        if number >= 1:
            year = first + number - 1
    if year is None:
        raise ValidationError(
            _("Enter a fiscal year such as 2024 or 令和6年度."), code="invalid"
        )
    validate_fiscal_year(year)
    return year


class FiscalYearConverter:
    """A fiscal year in a URL: four digits the portal accepts, else 404."""

    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if not FIRST_FISCAL_YEAR <= year <= LAST_FISCAL_YEAR:
            raise ValueError(value)
        return year

    def to_url(self, value) -> str:
        return str(value)


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
