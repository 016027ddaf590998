"""An open year's figures are kept until its data changes: the figures stamp.

These tests commit for real (a transactional database), because the stamp
names committed data: on PostgreSQL its triggers fire as a transaction
commits.
"""

import random
import re
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from evaluation.models import STAMPED_TABLES, FiguresStamp, YearFigures
from evaluation.rollups import (
    _progress,
    _roll_up,
    _year_over_year,
    figures_of,
    one_stamp,
    progress,
    roll_up,
    year_figures,
    year_over_year,
)
from initiatives import services
from initiatives.models import (
    AchievementReport,
    Department,
    DxPoint,
    FiscalYear,
    Principle,
    Section,
    Technology,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reload_reference_data"),
]


def tables_read(work) -> set[str]:
    with CaptureQueriesContext(connection) as captured:
        work()
    return {
        table
        for query in captured.captured_queries
        for table in re.findall(r'(?:FROM|JOIN) "(\w+)"', query["sql"])
    }


def test_the_figures_read_only_stamped_tables(worked_year):
    year = worked_year.year
    read = (
        tables_read(lambda: _roll_up(year))
        | tables_read(lambda: year_figures(year))
        | tables_read(lambda: _year_over_year(None, None))
        | tables_read(lambda: _progress(year, True, True))
    )
    assert "initiatives_dxpoint_principles" in read  # the capture saw the SQL
    assert read - {"evaluation_figuresstamp"} <= set(STAMPED_TABLES)


def test_every_stamped_table_has_its_trigger():
    """A migration that rebuilds a table (SQLite does, to alter one) drops them."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgrelid::regclass::text FROM pg_trigger"
                " WHERE tgname = 'evaluation_figures_stamp'"
            )
            found = {row[0].strip('"') for row in cursor.fetchall()}
        else:
            cursor.execute(
                "SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'"
                " AND name LIKE 'evaluation_figures_stamp_%'"
            )
            events = {}
            for table, name in cursor.fetchall():
                events.setdefault(table, set()).add(name.rsplit("_", 1)[1])
            assert all(
                seen == {"INSERT", "UPDATE", "DELETE"} for seen in events.values()
            )
            found = set(events)
    assert found == set(STAMPED_TABLES)


def moves_the_stamp(write) -> bool:
    before = FiguresStamp.objects.current()
    with transaction.atomic():
        write()
    return FiguresStamp.objects.current() != before


def test_every_kind_of_write_moves_the_stamp(worked_year, org, people, make_point):
    year = worked_year.year
    point = DxPoint.objects.filter(fiscal_year=year).first()
    writes = {
        "a model's save": lambda: point.save(update_fields=["title"]),
        "a queryset's update": lambda: AchievementReport.objects.update(
            hours_saved=Decimal(5)
        ),
        "a bulk insert": lambda: make_point(year, title="新しい点"),
        "a many-to-many tag": lambda: point.technologies.add(
            Technology.objects.first()
        ),
        "a principle's title": lambda: Principle.objects.filter(number=1).update(
            title="心得1"
        ),
        "a deleted point": lambda: DxPoint.objects.filter(title="新しい点").delete(),
        "a renamed department": lambda: Department.objects.filter(
            pk=org.shimin.pk
        ).update(name="市民部"),
        "a section moved": lambda: Section.objects.filter(pk=org.zeimu_ka.pk).update(
            department=org.fukushi
        ),
        "the year's hourly cost": lambda: services.update_year_settings(
            year, fields={"hourly_cost": 5000}, by=people.dx_office
        ),
        "a closed year's stored figures": lambda: YearFigures.objects.create(
            fiscal_year=year, figures="{}"
        ),
    }
    assert [name for name, write in writes.items() if not moves_the_stamp(write)] == []


def test_a_rolled_back_write_leaves_the_stamp_alone(worked_year):
    before = FiguresStamp.objects.current()
    with transaction.atomic():
        DxPoint.objects.update(title="取り消される")
        transaction.set_rollback(True)
    assert FiguresStamp.objects.current() == before


def test_inside_a_transaction_there_is_no_stamp_to_trust(worked_year):
    assert FiguresStamp.objects.current() is not None
    with transaction.atomic():
        assert FiguresStamp.objects.current() is None
        with CaptureQueriesContext(connection) as captured:
            figures_of(worked_year.year)
        assert len(captured.captured_queries) > 2  # worked out afresh


def test_an_open_years_figures_are_worked_out_once_per_change(worked_year, people):
    year = worked_year.year
    first = figures_of(year)
    assert first == year_figures(year)
    with CaptureQueriesContext(connection) as captured:
        assert figures_of(year) == first
    assert len(captured.captured_queries) == 1  # the stamp

    report = AchievementReport.objects.filter(point__fiscal_year=year).first()
    report.hours_saved += Decimal("0.5")
    report.save()
    changed = figures_of(year)
    assert changed == year_figures(year)
    assert changed["totals"]["hours_saved"] != first["totals"]["hours_saved"]


def stamp_reads(queries) -> int:
    return sum('"evaluation_figuresstamp"' in query["sql"] for query in queries)


def test_a_page_reads_the_stamp_once_for_all_it_keeps(worked_year):
    """The dashboard keeps its progress, figures and years under one stamp."""
    year = worked_year.year
    today = timezone.localdate()

    def page():
        with one_stamp():
            return progress(year, today), figures_of(year), year_over_year()

    FiguresStamp.objects.current()  # a new database's stamp row is made here
    with CaptureQueriesContext(connection) as first:
        worked_out = page()
    assert stamp_reads(first.captured_queries) == 1
    with CaptureQueriesContext(connection) as again:
        assert page() == worked_out
    assert len(again.captured_queries) == 1  # the stamp; the rest is kept

    DxPoint.objects.filter(fiscal_year=year).first().delete()
    assert page()[0] != worked_out[0]  # the write moved the stamp
    with transaction.atomic(), one_stamp():
        with CaptureQueriesContext(connection) as inside:
            assert progress(year, today) == page()[0]
        assert stamp_reads(inside.captured_queries) == 0  # worked out afresh


def test_kept_figures_equal_a_fresh_count_through_random_writes(
    worked_year, org, people, make_point
):
    """Random writes of every kind: what is kept always equals a fresh count."""
    year = worked_year.year
    chance = random.Random(15)
    sections = [org.shimin_ka, org.zeimu_ka, org.kaigo_ka]
    today = timezone.localdate()

    def add_point():
        make_point(
            year,
            title=f"点{chance.randint(0, 10**6)}",
            section=chance.choice(sections),
            principles=chance.sample(range(1, 6), chance.randint(1, 3)),
            state=chance.choice(["approved", "submitted", "draft"]),
            baseline=Decimal(0),
            target=Decimal(chance.randint(1, 9)),
            report={
                "actual": Decimal(chance.randint(0, 12)),
                "hours_saved": Decimal(chance.randint(0, 999)) / 10,
                "state": chance.choice(["confirmed", "submitted"]),
            },
        )

    def change_a_report():
        report = chance.choice(list(AchievementReport.objects.all()))
        report.actual = Decimal(chance.randint(0, 12))
        report.state = chance.choice(["confirmed", "submitted", "returned"])
        report.save()

    def drop_a_point():
        DxPoint.objects.filter(
            pk=chance.choice(list(DxPoint.objects.values_list("pk", flat=True)))
        ).delete()

    def new_thresholds():
        services.update_year_settings(
            year,
            fields={"level_a_threshold": Decimal(chance.randint(80, 120))},
            by=people.dx_office,
        )

    def retag():
        point = chance.choice(list(DxPoint.objects.all()))
        point.principles.set(chance.sample(list(Principle.objects.all()), 2))

    writes = [add_point, change_a_report, drop_a_point, new_thresholds, retag]
    for _round in range(12):
        figures_of(year)  # keep what there is now
        progress(year, today)
        year_over_year()
        with transaction.atomic():
            chance.choice(writes)()
        year.refresh_from_db()
        kept = figures_of(year)
        with transaction.atomic():  # no stamp: worked out afresh
            assert kept == figures_of(year)
            assert year_over_year() == _year_over_year(None, None)
            fresh_progress = progress(year, today)
        assert progress(year, today) == fresh_progress


def test_the_dashboard_shows_a_confirmed_report_at_once(
    worked_year, people, make_point, client_as
):
    year = worked_year.year
    FiscalYear.objects.filter(pk=year.pk).update(phase="reporting")
    point = make_point(
        year,
        title="確認待ちの点",
        state="approved",
        baseline=Decimal(0),
        target=Decimal(10),
        report={"actual": Decimal(10), "state": "submitted"},
    )
    client = client_as("dx_office")
    url = f"/dashboard/?year={year.year}"
    before = client.get(url).context["figures"]["totals"]["confirmed"]
    with CaptureQueriesContext(connection) as again:
        assert client.get(url).context["figures"]["totals"]["confirmed"] == before
    with CaptureQueriesContext(connection) as afresh, transaction.atomic():
        client.get(url)
    assert len(again.captured_queries) < len(afresh.captured_queries)

    response = client_as("head").post(
        f"/points/{point.pk}/report/confirm/", follow=True
    )
    assert response.status_code == 200
    assert AchievementReport.objects.get(point=point).state == "confirmed"
    assert client.get(url).context["figures"]["totals"]["confirmed"] == before + 1


def test_the_roll_up_is_kept_and_a_write_makes_it_afresh(worked_year):
    year = worked_year.year
    first = roll_up(year)
    with CaptureQueriesContext(connection) as captured:
        assert roll_up(year) == first
    assert len(captured.captured_queries) == 1  # the stamp
    DxPoint.objects.filter(fiscal_year=year).first().principles.clear()
    assert roll_up(year) == _roll_up(year) != first


def test_the_drafts_download_reads_the_kept_roll_up(
    worked_year, client_as, count_queries
):
    client = client_as("dx_office")
    url = f"/reports/{worked_year.year.year}/draft/report.xlsx"

    def download():
        assert client.get(url).status_code == 200

    first = count_queries(download)
    assert (
        count_queries(download) <= first - 7
    )  # the roll-up's eight queries became one
