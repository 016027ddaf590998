from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from iruma_dx.lib.dates import (
    display_date,
    english_era_date,
    era_of_date,
    japanese_date,
    japanese_datetime,
)


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2026, 12, 20), "令和8年12月20日（日）"),
        # The era changes on the day, not at the start of the year.
        (date(2019, 4, 30), "平成31年4月30日（火）"),
        (date(2019, 5, 1), "令和元年5月1日（水）"),
        (date(2019, 12, 31), "令和元年12月31日（火）"),
        (date(2020, 1, 1), "令和2年1月1日（水）"),
        (date(1989, 1, 7), "昭和64年1月7日（土）"),
        (date(1989, 1, 8), "平成元年1月8日（日）"),
    ],
)
def test_japanese_date_at_the_era_boundaries(day, text):
    assert japanese_date(day) == text


def test_without_the_day_of_the_week():
    assert japanese_date(date(2019, 5, 1), weekday=False) == "令和元年5月1日"


def test_a_datetime_is_read_in_japan_time():
    # 20:30 UTC on 30 April 2019 is already 1 May in Japan: a new era.
    moment = datetime(2019, 4, 30, 20, 30, tzinfo=UTC)
    assert japanese_date(moment) == "令和元年5月1日（水）"
    assert japanese_datetime(moment) == "令和元年5月1日（水）5時30分"
    assert era_of_date(moment) == ("令和", "Reiwa", 1)


def test_english_pages_get_the_western_date_with_the_era():
    assert english_era_date(date(2026, 12, 20)) == "20 December 2026 (Reiwa 8)"


def test_dates_before_the_calendar_are_refused():
    with pytest.raises(ValueError, match="1872-12-31"):
        japanese_date(date(1872, 12, 31))


def render(template: str, **context) -> str:
    return Template("{% load evaluation_tags %}" + template).render(Context(context))


def test_template_filter_follows_the_language_and_reads_iso_text():
    published = "2026-12-20T00:30:00+00:00"  # as a frozen document keeps it
    with translation.override("ja"):
        assert render("{{ d|japanese_date }}", d=published) == "令和8年12月20日（日）"
        assert render('{{ d|japanese_date:"short" }}', d=published) == (
            "令和8年12月20日"
        )
        assert render('{{ d|japanese_date:"time" }}', d=published) == (
            "令和8年12月20日（日）9時30分"
        )
        assert render("{{ d|japanese_date }}", d=None) == ""
        assert render("{{ d|japanese_date }}", d="not a date") == ""
    with translation.override("en"):
        assert render("{{ d|japanese_date }}", d=date(2019, 5, 1)) == (
            "1 May 2019 (Reiwa 1)"
        )


def test_display_date_follows_the_setting_and_the_language(settings):
    day = date(2026, 12, 20)
    moment = datetime(2026, 12, 20, 0, 5, tzinfo=UTC)  # 9:05 in Japan
    with translation.override("ja"):
        assert display_date(day) == "令和8年12月20日（日）"
        assert display_date(moment, time=True) == "令和8年12月20日（日）9時05分"
        settings.DATE_STYLE = "western"
        assert display_date(day) == "2026年12月20日（日）"
        assert display_date(day, weekday=False) == "2026年12月20日"
        assert display_date(moment, time=True) == "2026年12月20日（日）9時05分"
    with translation.override("en"):
        assert display_date(day) == "Sun 20 December 2026"
        settings.DATE_STYLE = "era"
        assert display_date(day) == "20 December 2026 (Reiwa 8)"


def test_pages_load_the_date_filter_from_the_initiatives_app(settings):
    template = Template('{% load initiatives_tags %}{{ d|display_date:"short" }}')
    with translation.override("ja"):
        assert template.render(Context({"d": date(2019, 5, 1)})) == "令和元年5月1日"
        settings.DATE_STYLE = "western"
        assert template.render(Context({"d": date(2019, 5, 1)})) == "2019年5月1日"


def test_hours_show_their_unit_and_thousands_separators():
    template = Template("{% load initiatives_tags %}{{ h|hours_unit }}")
    with translation.override("ja"):
        assert template.render(Context({"h": Decimal("1200.0")})) == "1,200時間"
        assert template.render(Context({"h": Decimal("12.5")})) == "12.5時間"
