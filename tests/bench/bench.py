"""``make bench``: build a city and ten cities' worth of data, time the key pages.

Runs against the database of DATABASE_URL (``--fresh`` empties it first).
The data is built with the project's own code: the demo organisation, fiscal
years opened and moved through their phases by the services, and points with
their reports loaded through the interchange import, as the DX office loads
past years. Each page is timed in-process (the server's time, no network)
and reported beside a minimal signed-in page measured in the same run (the
floor), with its number of SQL queries.
"""

from __future__ import annotations

import json
import platform
import statistics
import time
import types
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, connections
from django.shortcuts import render
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import include, path
from django.utils import timezone

from evaluation import exports
from evaluation.documents import live_document
from evaluation.rollups import roll_up
from initiatives import demo, interchange, services
from initiatives.interchange import COLUMNS, read_table
from initiatives.models import (
    PHASE_ORDER,
    AchievementReport,
    Department,
    DxPoint,
    FiscalYear,
    Phase,
    Section,
    User,
)
from iruma_dx.lib.spreadsheet import csv_bytes

YEARS = (2022, 2023, 2024)
CITY_POINTS_PER_YEAR = 400  # about 1,200 points over three years
REPEAT = 25
WARM_UP = 3
IMPORT_ROWS = 5000

# Targets of the issue; the report says whether each holds.
PAGE_TARGET_RATIO = 3.0
ROLLUP_XLSX_TARGET = 1.0
IMPORT_TARGET = 10.0


def _floor(request):
    """The least a signed-in page costs: session, roles, menu, status bar."""
    return render(request, "base.html")


bench_urls = types.ModuleType("bench_urls")
bench_urls.urlpatterns = [
    path("bench/floor/", _floor),
    path("", include("iruma_dx.urls")),
]


@dataclass
class Timing:
    name: str
    scale: str
    who: str
    url: str
    queries: int
    p50_ms: float
    p95_ms: float
    ratio_to_floor: float | None = None


class Command(BaseCommand):
    help = "Build benchmark data (1x and 10x a city) and time the key pages."

    def add_arguments(self, parser):
        parser.add_argument(
            "--fresh", action="store_true", help="Empty the database first."
        )
        parser.add_argument("--output", help="Write the figures as JSON to this file.")
        parser.add_argument("--repeat", type=int, default=REPEAT)
        parser.add_argument(
            "--data-only",
            action="store_true",
            help="Build the ten cities' data and stop (for make loadtest).",
        )

    def handle(self, *args, fresh, output, repeat, data_only, **options):
        if fresh:
            self._fresh_database()
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        accounts = self._organisation()
        if data_only:
            self._grow_to(10, accounts)
            self._publish(YEARS[1], accounts["dxoffice"])
            self.stdout.write(f"{DxPoint.objects.count()} points are ready.")
            return
        results: dict = {
            "date": timezone.localtime().isoformat(timespec="seconds"),
            "machine": f"{platform.node()} {platform.machine()} {platform.system()}",
            "python": platform.python_version(),
            "database": connection.vendor,
            "pages": [],
            "targets": {},
        }
        for scale, cities in (("1x", 1), ("10x", 10)):
            self._grow_to(cities, accounts)
            self.stdout.write(
                f"{connection.vendor} {scale}: {DxPoint.objects.count()} points"
            )
            results["pages"] += [
                asdict(t) for t in self._time_pages(scale, accounts, repeat)
            ]
            results[f"rollup_{scale}"] = self._time_rollup(repeat)
        results["rollup_plus_xlsx_10x_s"] = self._time_rollup_xlsx()
        results["import_5000_s"] = self._time_import(accounts)
        results["build_s"] = round(time.perf_counter() - started, 1)
        results["targets"] = self._targets(results)
        self.stdout.write(format_table(results))
        if output:
            Path(output).parent.mkdir(parents=True, exist_ok=True)
            Path(output).write_text(json.dumps(results, ensure_ascii=False, indent=2))

    # Data ----------------------------------------------------------------

    def _fresh_database(self) -> None:
        database = settings.DATABASES["default"]
        connections.close_all()
        if connection.vendor == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                Path(f"{database['NAME']}{suffix}").unlink(missing_ok=True)
            return
        import psycopg

        params = {
            "host": database["HOST"] or "127.0.0.1",
            "port": database["PORT"] or 5432,
            "user": database["USER"],
            "password": database["PASSWORD"] or None,
        }
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{database["NAME"]}"')
            admin.execute(f'CREATE DATABASE "{database["NAME"]}"')

    def _organisation(self) -> dict[str, User]:
        accounts = demo.build_organisation()
        office = accounts["dxoffice"]
        for year in YEARS:
            if FiscalYear.objects.filter(year=year).exists():
                continue
            fiscal_year = services.open_fiscal_year(
                year=year,
                target_deadline=date(year, 5, 31),
                report_deadline=date(year + 1, 4, 30),
                by=office,
            )
            # Closed while the records are loaded, as the DX office loads past years.
            for phase in PHASE_ORDER[1:]:
                services.change_phase(fiscal_year, to_phase=phase, by=office)
        return accounts

    def _grow_to(self, cities: int, accounts: dict[str, User]) -> None:
        """Grow to ``cities`` cities' worth: their organisation, points and reports.

        Ten cities is the prefecture's shared cloud (埼玉県クラウド) hosting
        many: ten times the departments and sections, each with a city's
        number of points a year (imported as confirmed records).
        """
        self._copy_organisation(cities)
        current = FiscalYear.objects.get(year=YEARS[-1])
        for phase in PHASE_ORDER[current.phase_index + 1 :]:
            services.change_phase(current, to_phase=phase, by=accounts["dxoffice"])
        sections = list(Section.objects.select_related("department").order_by("pk"))
        per_year = CITY_POINTS_PER_YEAR * cities
        for year in YEARS:
            have = DxPoint.objects.filter(fiscal_year=year).count()
            rows = list(point_rows(year, sections, start=have, count=per_year - have))
            for start in range(0, len(rows), IMPORT_ROWS):
                chunk = rows[start : start + IMPORT_ROWS]
                self._import(chunk, accounts["dxoffice"], name=f"bench-{year}.csv")
        # The current year goes back to reporting, with a tenth of its reports
        # waiting for the heads, so the review pages have work on them.
        current.refresh_from_db()
        services.change_phase(
            current, to_phase=Phase.REPORTING, by=accounts["dxoffice"],
            reason="benchmark: the year in progress",
        )  # fmt: skip
        reports = AchievementReport.objects.filter(point__fiscal_year=current)
        waiting = list(reports.order_by("pk").values_list("pk", flat=True))[::10]
        reports.filter(pk__in=waiting).update(state="submitted")
        # Refresh the planner's statistics after the bulk load, as autovacuum
        # would soon do on a live database; stale ones make the first plans
        # nested loops over thousands of rows.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    def _copy_organisation(self, cities: int) -> None:
        """Add copies of the demo city's departments and sections (city 2, 3 …)."""
        originals = list(
            Department.objects.filter(
                code__in=[code for code, _n, _s in demo.ORGANISATION]
            )
        )
        for city in range(2, cities + 1):
            for department in originals:
                copy, created = Department.objects.get_or_create(
                    code=f"{department.code}-{city}",
                    defaults={
                        "name": f"{department.name}{city}",
                        "display_order": department.display_order + city * 1000,
                    },
                )
                if created:
                    Section.objects.bulk_create(
                        Section(
                            department=copy,
                            name=section.name,
                            code=f"{section.code}-{city}",
                            display_order=section.display_order,
                        )
                        for section in department.sections.all()
                    )

    def _import(self, rows: list[list], by: User, *, name: str):
        table = read_table(csv_bytes([COLUMNS, *rows]), file_name=name)
        return interchange.apply_import(
            table=table, file_name=name, by=by, load_closed_years=True
        )

    # Timing ------------------------------------------------------------------

    def _pages(self) -> list[tuple[str, str, str]]:
        department = Department.objects.get(code=demo.DEMO_HEADS["head"])
        year = YEARS[-1]
        return [
            ("floor (minimal signed-in page)", "dxer", "/bench/floor/"),
            ("DXer's list", "dxer", f"/points/?year={year}"),
            ("head's review", "head", "/review/"),
            (
                "department overview",
                "head",
                f"/departments/{department.pk}/?year={year}",
            ),
            ("search", "viewer", "/points/search/?q=窓口"),
            ("DX office dashboard", "dxoffice", "/dashboard/"),
            ("annual report page", "viewer", f"/reports/{YEARS[1]}/"),
            ("annual report draft", "dxoffice", f"/reports/{year}/draft/"),
            ("xlsx export", "dxoffice", f"/reports/{year}/draft/report.xlsx"),
            ("JSON export", "dxoffice", f"/reports/{year}/draft/report.json"),
        ]

    def _time_pages(
        self, scale: str, accounts: dict[str, User], repeat: int
    ) -> list[Timing]:
        self._publish(YEARS[1], accounts["dxoffice"])
        timings = []
        with override_settings(ROOT_URLCONF=bench_urls, ALLOWED_HOSTS=["testserver"]):
            for name, who, url in self._pages():
                client = Client()
                client.force_login(accounts[who])
                for _ in range(WARM_UP):
                    assert client.get(url).status_code == 200, url
                with CaptureQueriesContext(connection) as queries:
                    client.get(url)
                # Read now: the next request empties the connection's query log.
                query_count = len(queries.captured_queries)
                samples = []
                for _ in range(repeat):
                    started = time.perf_counter()
                    client.get(url)
                    samples.append((time.perf_counter() - started) * 1000)
                timings.append(
                    Timing(
                        name=name, scale=scale, who=who, url=url,
                        queries=query_count,
                        p50_ms=round(statistics.median(samples), 2),
                        p95_ms=round(percentile(samples, 95), 2),
                    )
                )  # fmt: skip
        floor = timings[0].p95_ms
        for timing in timings:
            timing.ratio_to_floor = round(timing.p95_ms / floor, 2)
        return timings

    def _publish(self, year: int, by: User) -> None:
        from evaluation import services as evaluation_services
        from evaluation.models import AnnualReport

        fiscal_year = FiscalYear.objects.get(year=year)
        AnnualReport.objects.filter(fiscal_year=fiscal_year).delete()
        draft = evaluation_services.save_draft(
            fiscal_year,
            summary="ベンチマーク",
            comments={},
            highlights=[],
            revision=0,
            by=by,
        )
        evaluation_services.publish_annual_report(draft, revision=draft.revision, by=by)

    def _time_rollup(self, repeat: int) -> dict:
        fiscal_year = FiscalYear.objects.get(year=YEARS[-1])
        samples = []
        for _ in range(repeat):
            started = time.perf_counter()
            roll_up(fiscal_year)
            samples.append((time.perf_counter() - started) * 1000)
        return {
            "p50_ms": round(statistics.median(samples), 2),
            "p95_ms": round(percentile(samples, 95), 2),
        }

    def _time_rollup_xlsx(self) -> float:
        fiscal_year = FiscalYear.objects.get(year=YEARS[-1])
        started = time.perf_counter()
        exports.as_xlsx(live_document(fiscal_year))
        return round(time.perf_counter() - started, 3)

    def _time_import(self, accounts: dict[str, User]) -> float:
        office = accounts["dxoffice"]
        fiscal_year = FiscalYear.objects.filter(year=2021).first()
        if fiscal_year is None:
            fiscal_year = services.open_fiscal_year(
                year=2021, target_deadline=date(2021, 5, 31),
                report_deadline=date(2022, 4, 30), by=office,
            )  # fmt: skip
        for phase in PHASE_ORDER[fiscal_year.phase_index + 1 :]:
            services.change_phase(fiscal_year, to_phase=phase, by=office)
        DxPoint.objects.filter(fiscal_year=fiscal_year).delete()
        sections = list(Section.objects.select_related("department"))
        rows = list(point_rows(2021, sections, start=0, count=IMPORT_ROWS))
        started = time.perf_counter()
        plan = self._import(rows, office, name="bench-import-5000.csv")
        elapsed = time.perf_counter() - started
        assert len(plan.creates) == IMPORT_ROWS, "the import did not create every row"
        return round(elapsed, 2)

    def _targets(self, results: dict) -> dict:
        pages = results["pages"]
        by_name = {}
        for page in pages:
            by_name.setdefault(page["name"], {})[page["scale"]] = page
        same_queries = {
            name: scales["1x"]["queries"] == scales["10x"]["queries"]
            for name, scales in by_name.items()
        }
        within_ratio = {
            name: scales["10x"]["ratio_to_floor"] <= PAGE_TARGET_RATIO
            for name, scales in by_name.items()
            if not name.startswith("floor")
        }
        return {
            "query_count_same_at_1x_and_10x": same_queries,
            "p95_within_3x_floor_at_10x": within_ratio,
            "rollup_plus_xlsx_10x_under_1s": results["rollup_plus_xlsx_10x_s"]
            < ROLLUP_XLSX_TARGET,
            "import_5000_under_10s": results["import_5000_s"] < IMPORT_TARGET,
        }


def percentile(samples: list[float], pct: int) -> float:
    ordered = sorted(samples)
    index = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered)) - 1))
    return ordered[index]


IDEAS = demo.POINT_IDEAS


def point_rows(year: int, sections: list[Section], *, start: int, count: int):
    """``count`` interchange rows for ``year``, spread over the sections."""
    for number in range(start, start + count):
        section = sections[number % len(sections)]
        (
            title,
            description,
            stage,
            indicator,
            unit,
            baseline,
            target,
            principles,
            areas,
        ) = IDEAS[number % len(IDEAS)]
        rate = demo.DEMO_RATES[number % len(demo.DEMO_RATES)]
        numeric = bool(indicator)
        actual = demo._actual_for(baseline, target, rate) if numeric else ""
        yield [
            "",
            year,
            section.department.name,
            section.name,
            f"{title}（{number}）",
            description,
            "",
            f"{section.name}の事務",
            ";".join(str(p) for p in principles),
            ";".join(str(a) for a in areas),
            stage,
            indicator,
            unit,
            baseline if numeric else "",
            target if numeric else "",
            actual,
            "" if numeric else "ABCD"[number % 4],
            "効果があった。",
            demo.DEMO_HOURS[number % len(demo.DEMO_HOURS)],
            "",
        ]


def format_table(results: dict) -> str:
    lines = [
        f"\n{results['database']} — {results['date']} — {results['machine']}",
        f"{'page':<32}{'scale':>6}{'queries':>9}{'p50 ms':>10}{'p95 ms':>10}"
        f"{'x floor':>9}",
    ]
    for page in results["pages"]:
        lines.append(
            f"{page['name']:<32}{page['scale']:>6}{page['queries']:>9}"
            f"{page['p50_ms']:>10.1f}{page['p95_ms']:>10.1f}{page['ratio_to_floor']:>9.2f}"
        )
    lines.append(
        f"roll-up alone: 1x p95 {results['rollup_1x']['p95_ms']} ms, "
        f"10x p95 {results['rollup_10x']['p95_ms']} ms"
    )
    lines.append(
        f"roll-up + xlsx export of a 10x year: {results['rollup_plus_xlsx_10x_s']} s"
    )
    lines.append(f"5,000-row import: {results['import_5000_s']} s")
    lines.append("targets:")
    for target, value in results["targets"].items():
        if isinstance(value, dict):
            failing = [name for name, ok in value.items() if not ok]
            verdict = "holds" if not failing else "missed by " + ", ".join(failing)
        else:
            verdict = "holds" if value else "missed"
        lines.append(f"  {target}: {verdict}")
    return "\n".join(lines)
