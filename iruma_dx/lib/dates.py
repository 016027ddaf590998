"""Dates in the Japanese calendar (和暦): 令和8年12月20日（日）.

Pages show dates as city documents write them, in the era with the day of
the week; the setting ``DATE_STYLE=western`` shows 2026年12月20日（日）
instead (``display_date``). Files for machines keep ISO dates.

A date's era changes on the day the era began (令和 on 1 May 2019), unlike a
fiscal year's label (``iruma_dx.lib.fiscal``), which by convention takes the
era of the year's end. The first year of an era is 元年. Times are shown in
Japan time whatever zone an aware datetime carries.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

JAPAN = ZoneInfo("Asia/Tokyo")

# (first day, Japanese name, English name), newest first.
ERAS = (
    (date(2019, 5, 1), "令和", "Reiwa"),
    (date(1989, 1, 8), "平成", "Heisei"),
    (date(1926, 12, 25), "昭和", "Showa"),
    (date(1912, 7, 30), "大正", "Taisho"),
    (date(1873, 1, 1), "明治", "Meiji"),  # the Gregorian calendar from 1873
)
WEEKDAYS = "月火水木金土日"


def era_of_date(day: date) -> tuple[str, str, int]:
    """Return (Japanese era name, English era name, year within the era) of a day.

    Raises ValueError before 1873, when Japan used another calendar.
    """
    if isinstance(day, datetime):
        day = in_japan(day).date()
    for first, ja, en in ERAS:
        if day >= first:
            return ja, en, day.year - first.year + 1
    raise ValueError(f"No era is known for {day.isoformat()}")


def era_year_text(day: date) -> str:
    """The era and year of a day: 令和元年, 令和8年, 平成31年."""
    ja, _en, number = era_of_date(day)
    return f"{ja}{'元' if number == 1 else number}年"


def in_japan(moment: datetime) -> datetime:
    """An aware datetime in Japan time; a naive one is taken as Japan time."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=JAPAN)
    return moment.astimezone(JAPAN)


def japanese_date(day: date | datetime, *, weekday: bool = True) -> str:
    """A date in the Japanese calendar: 「令和8年12月20日（日）」.

    A datetime is first brought into Japan time, so that 2026-12-19 20:00 UTC
    is 令和8年12月20日. ``weekday=False`` leaves out 「（日）」.
    """
    if isinstance(day, datetime):
        day = in_japan(day).date()
    text = f"{era_year_text(day)}{day.month}月{day.day}日"
    if weekday:
        text += f"（{WEEKDAYS[day.weekday()]}）"
    return text


def japanese_datetime(moment: datetime, *, weekday: bool = True) -> str:
    """A moment in Japan time: 「令和8年12月20日（日）9時05分」."""
    local = in_japan(moment)
    return f"{japanese_date(local, weekday=weekday)}{local.hour}時{local.minute:02d}分"


def english_era_date(day: date | datetime) -> str:
    """The same date for English pages: 20 December 2026 (Reiwa 8)."""
    if isinstance(day, datetime):
        day = in_japan(day).date()
    _ja, en, number = era_of_date(day)
    return f"{day.day} {day:%B} {day.year} ({en} {number})"


def western_date(day: date | datetime, *, weekday: bool = True) -> str:
    """A date in the Western calendar, Japanese style: 「2026年12月20日（日）」."""
    if isinstance(day, datetime):
        day = in_japan(day).date()
    text = f"{day.year}年{day.month}月{day.day}日"
    if weekday:
        text += f"（{WEEKDAYS[day.weekday()]}）"
    return text


def english_date(day: date | datetime, *, weekday: bool = True) -> str:
    """The same date for English pages without the era: Sun 20 December 2026."""
    if isinstance(day, datetime):
        day = in_japan(day).date()
    text = f"{day.day} {day:%B} {day.year}"
    return f"{day:%a} {text}" if weekday else text


def display_date(
    day: date | datetime,
    *,
    weekday: bool = True,
    time: bool = False,
    style: str | None = None,
    language: str | None = None,
) -> str:
    """A date (or a moment, with ``time``) as pages, notices and e-mails show it.

    ``style`` is ``era`` (令和8年12月20日（日）, the default) or ``western``
    (2026年12月20日（日）); without it, the setting ``DATE_STYLE`` decides.
    English pages read 20 December 2026 (Reiwa 8), or Sun 20 December 2026.
    """
    from django.conf import settings
    from django.utils.translation import get_language

    style = style or getattr(settings, "DATE_STYLE", "era")
    language = language or get_language() or "ja"
    if not language.startswith("ja"):
        text = (
            english_era_date(day)
            if style == "era"
            else english_date(day, weekday=weekday)
        )
        if time and isinstance(day, datetime):
            text += f", {in_japan(day):%H:%M}"
        return text
    text = (
        japanese_date(day, weekday=weekday)
        if style == "era"
        else western_date(day, weekday=weekday)
    )
    if time and isinstance(day, datetime):
        local = in_japan(day)
        text += f"{local.hour}時{local.minute:02d}分"
    return text


# Reading dates as people type them -------------------------------------------

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
        first = next(start.year for start, ja, _en in ERAS if ja == era)
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


class DateField(forms.DateField):
    """A form field for a date typed as 2025-04-01, ２０２５/4/1 or 令和7年4月1日."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return value
        return parse_date(value)
