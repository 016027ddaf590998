"""Reading dates as Japanese documents and Excel write them (``parse_date``)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from iruma_dx.lib.dates import parse_date
from iruma_dx.lib.fiscal import fiscal_year_of


@pytest.mark.parametrize(
    "text",
    [
        "2025-04-01",
        "2025/4/1",
        "2025.4.1",
        "2025年4月1日",
        "２０２５／０４／０１",
        "令和7年4月1日",
        "令和７年４月１日",
        "R7.4.1",
        "r7/4/1",
        "2025-04-01T00:00:00",  # an xlsx date cell, as read_rows gives it
        "2025/4/1 0:00",  # a date cell Excel saved to CSV
        " 2025年 4月 1日 ",
    ],
)
def test_the_ways_a_date_is_written(text):
    assert parse_date(text) == date(2025, 4, 1)


def test_era_years_including_the_first():
    assert parse_date("令和元年5月1日") == date(2019, 5, 1)
    assert parse_date("平成31年4月1日") == date(2019, 4, 1)
    assert parse_date("H30.10.1") == date(2018, 10, 1)
    assert fiscal_year_of(parse_date("令和8年3月31日")) == 2025


@pytest.mark.parametrize(
    "text",
    ["", "2025-02-30", "2025-13-01", "令和0年4月1日", "2025-4", "来年度", "45748"],
)
def test_what_is_not_a_date_is_refused(text):
    with pytest.raises(ValidationError) as refusal:
        parse_date(text)
    assert refusal.value.code == "invalid"
