"""Dates in the Japanese calendar (和暦): 令和8年12月20日（日）.

A date's era changes on the day the era began (令和 on 1 May 2019), unlike a
fiscal year's label (``iruma_dx.lib.fiscal``), which by convention takes the
era of the year's end. The first year of an era is 元年. Times are shown in
Japan time whatever zone an aware datetime carries.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

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
