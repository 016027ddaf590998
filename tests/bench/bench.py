"""``make bench``: build a city and ten cities' worth of data, time the key pages.

Runs against the database of DATABASE_URL (``--fresh`` empties it first).
The data is built with the project's own code: the demo organisation, fiscal
years opened and moved through their phases by the services, and points with
their reports loaded through the interchange import, as the DX office loads
past years. Each page is timed in-process (the server's time, no network),
ten requests in a row in each of several sweeps of the pages, and reported
beside a minimal signed-in page timed in the same sweeps (the floor), with
its number of SQL queries.
"""

from __future__ import annotations

import gc
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
from django.db import connection, connections, transaction
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

YEARS = (2022, 2023, 2024)  # the three years every scale has; 2024 is current
LONG_HISTORY = tuple(range(2015, 2022))  # seven more years: ten in all
IMPORT_YEAR = 2014  # timing the import: opened, filled, then removed again
CITY_POINTS_PER_YEAR = 400  # about 1,200 points over three years
REPEAT = 50
IN_A_ROW = 10  # requests of one page in a row, in each sweep of the pages
WARM_UP = 3
IMPORT_ROWS = 5000

# (name, cities, years of history): a city; ten cities (the prefecture's
# shared cloud); ten cities that have kept ten years.
SCALES = (("1x", 1, 3), ("10x", 10, 3), ("10x-10y", 10, 10))

# Targets of the issues; the report says whether each holds.
ONE_PERSON_RATIO = 3.0  # pages of one person, × the floor, at ten cities
CITY_WIDE_RATIO = 5.0  # dashboard, published report page, search
DOWNLOAD_RATIO = 3.0  # a published version's files
DRAFT_MS = 1000.0  # the draft page and its exports
HISTORY_GROWTH = 1.2  # a page of one year at 10 years ÷ at 3 years
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
    help = (
        "Build benchmark data (a city; ten cities; ten cities with ten years) "
        "and time the key pages."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fresh", action="store_true", help="Empty the database first."
        )
        parser.add_argument("--output", help="Write the figures as JSON to this file.")
        parser.add_argument("--repeat", type=int, default=REPEAT)
        parser.add_argument(
            "--data-only",
            action="store_true",
            help="Build ten cities with ten years and stop (for make loadtest).",
        )

    def handle(self, *args, fresh, output, repeat, data_only, **options):
        if fresh:
            self._fresh_database()
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        accounts = self._organisation()
        if data_only:
            self._grow_to(10, accounts, years=10)
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
        for scale, cities, years in SCALES:
            self._grow_to(cities, accounts, years=years)
            self.stdout.write(
                f"{connection.vendor} {scale}: {DxPoint.objects.count()} points"
            )
            results["pages"] += [
                asdict(t) for t in self._time_pages(scale, accounts, repeat)
            ]
            results[f"rollup_{scale}"] = self._time_rollup(repeat)
            if scale == "10x":
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
        return demo.build_organisation()

    def _open_closed(self, year: int, office: User) -> FiscalYear:
        """Open ``year`` and close it, as the DX office does to load past years."""
        fiscal_year = FiscalYear.objects.filter(year=year).first()
        if fiscal_year is None:
            fiscal_year = services.open_fiscal_year(
                year=year,
                target_deadline=date(year, 5, 31),
                report_deadline=date(year + 1, 4, 30),
                by=office,
            )
        for phase in PHASE_ORDER[fiscal_year.phase_index + 1 :]:
            services.change_phase(fiscal_year, to_phase=phase, by=office)
        return fiscal_year

    def _grow_to(self, cities: int, accounts: dict[str, User], *, years: int) -> None:
        """Grow to ``cities`` cities' worth, with ``years`` years of history.

        Ten cities is the prefecture's shared cloud (埼玉県クラウド) hosting
        many: ten times the departments and sections, each with a city's
        number of points a year (imported as confirmed records). A long
        history adds earlier closed years, each like the others.
        """
        self._copy_organisation(cities)
        office = accounts["dxoffice"]
        history = (*LONG_HISTORY[len(LONG_HISTORY) - (years - len(YEARS)) :], *YEARS)
        for year in history:
            self._open_closed(year, office)
        current = FiscalYear.objects.get(year=YEARS[-1])
        for phase in PHASE_ORDER[current.phase_index + 1 :]:
            services.change_phase(current, to_phase=phase, by=office)
        sections = list(Section.objects.select_related("department").order_by("pk"))
        per_year = CITY_POINTS_PER_YEAR * cities
        for year in history:
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
        # nested loops over thousands of rows. On PostgreSQL, vacuum too:
        # otherwise autovacuum wakes up for the freshly loaded rows while the
        # pages are timed and takes one of the two cores.
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("VACUUM ANALYZE")
            else:
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
            ("published JSON", "viewer", f"/reports/{YEARS[1]}/v1/report.json"),
            ("published xlsx", "viewer", f"/reports/{YEARS[1]}/v1/report.xlsx"),
            ("published PDF", "viewer", f"/reports/{YEARS[1]}/v1/report.pdf"),
            ("annual report draft", "dxoffice", f"/reports/{year}/draft/"),
            ("xlsx export", "dxoffice", f"/reports/{year}/draft/report.xlsx"),
            ("JSON export", "dxoffice", f"/reports/{year}/draft/report.json"),
        ]

    def _time_pages(
        self, scale: str, accounts: dict[str, User], repeat: int
    ) -> list[Timing]:
        """Time every page ``repeat`` times: ten in a row, in sweeps of the list.

        The VM is shared and its speed drifts over minutes. Each sweep times
        every page (the floor first) ten times in a row, and the sweeps go
        over the list until each page has ``repeat`` samples: a page's
        figures come from the whole run, as the floor's do, not from one
        slow or fast minute.
        """
        self._publish(YEARS[1], accounts["dxoffice"])
        pages = self._pages()
        clients, query_counts = [], []
        with override_settings(ROOT_URLCONF=bench_urls, ALLOWED_HOSTS=["testserver"]):
            for _name, who, url in pages:
                client = Client()
                client.force_login(accounts[who])
                for _ in range(WARM_UP):
                    assert client.get(url).status_code == 200, url
                with CaptureQueriesContext(connection) as queries:
                    client.get(url)
                # Read now: the next request empties the connection's query log.
                query_counts.append(len(queries.captured_queries))
                clients.append(client)
            # As a server process freezes what start-up made (iruma_dx/wsgi.py),
            # the bench freezes what building and warming up made: a full
            # collection of it (150,000 objects, 80-150 ms) would otherwise
            # fall in a few timed requests and decide some pages' p95.
            gc.collect()
            gc.freeze()
            samples: list[list[float]] = [[] for _ in pages]
            while len(samples[0]) < repeat:
                for client, (_name, _who, url), taken in zip(
                    clients, pages, samples, strict=True
                ):
                    for _ in range(min(IN_A_ROW, repeat - len(taken))):
                        started = time.perf_counter()
                        client.get(url)
                        taken.append((time.perf_counter() - started) * 1000)
            gc.unfreeze()
        timings = [
            Timing(
                name=name,
                scale=scale,
                who=who,
                url=url,
                queries=count,
                p50_ms=round(statistics.median(taken), 2),
                p95_ms=round(percentile(taken, 95), 2),
            )
            for (name, who, url), count, taken in zip(
                pages, query_counts, samples, strict=True
            )
        ]
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
            # Inside a transaction the roll-up is worked out afresh, as when
            # a version is published; outside one it may be a kept copy.
            with transaction.atomic():
                roll_up(fiscal_year)
            samples.append((time.perf_counter() - started) * 1000)
        return {
            "p50_ms": round(statistics.median(samples), 2),
            "p95_ms": round(percentile(samples, 95), 2),
        }

    def _time_rollup_xlsx(self) -> float:
        fiscal_year = FiscalYear.objects.get(year=YEARS[-1])
        started = time.perf_counter()
        with transaction.atomic():  # the roll-up afresh, not a kept copy
            exports.as_xlsx(live_document(fiscal_year))
        return round(time.perf_counter() - started, 3)

    def _time_import(self, accounts: dict[str, User]) -> float:
        """Import 5,000 rows into a year of its own, then remove that year again."""
        fiscal_year = self._open_closed(IMPORT_YEAR, accounts["dxoffice"])
        sections = list(Section.objects.select_related("department"))
        rows = list(point_rows(IMPORT_YEAR, sections, start=0, count=IMPORT_ROWS))
        started = time.perf_counter()
        preview = self._import(rows, accounts["dxoffice"], name="bench-5000.csv")
        elapsed = time.perf_counter() - started
        assert len(preview.creates) == IMPORT_ROWS, "the import missed rows"
        DxPoint.objects.filter(fiscal_year=fiscal_year).delete()
        fiscal_year.delete()
        return round(elapsed, 2)

    def _targets(self, results: dict) -> dict:
        by_name: dict[str, dict] = {}
        for page in results["pages"]:
            by_name.setdefault(page["name"], {})[page["scale"]] = page
        ten = {name: scales["10x"] for name, scales in by_name.items()}

        def ratio_at_most(names: tuple[str, ...], limit: float) -> dict[str, bool]:
            return {name: ten[name]["ratio_to_floor"] <= limit for name in names}

        return {
            "query_count_same_at_every_scale": {
                name: len({page["queries"] for page in scales.values()}) == 1
                for name, scales in by_name.items()
            },
            "one_year_costs_the_same_at_3_and_10_years": {
                name: scales["10x-10y"]["p50_ms"]
                <= HISTORY_GROWTH * scales["10x"]["p50_ms"]
                for name, scales in by_name.items()
                if not name.startswith("floor")
            },
            "one_person_pages_within_3x_floor": ratio_at_most(
                ("DXer's list", "head's review", "department overview"),
                ONE_PERSON_RATIO,
            ),
            "city_wide_pages_within_5x_floor": ratio_at_most(
                ("DX office dashboard", "annual report page", "search"),
                CITY_WIDE_RATIO,
            ),
            "published_downloads_within_3x_floor": ratio_at_most(
                ("published JSON", "published xlsx", "published PDF"), DOWNLOAD_RATIO
            ),
            "draft_and_its_exports_under_1s": {
                name: ten[name]["p95_ms"] < DRAFT_MS
                for name in ("annual report draft", "xlsx export", "JSON export")
            },
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
        "roll-up alone (p95): "
        + ", ".join(
            f"{scale} {results[f'rollup_{scale}']['p95_ms']} ms"
            for scale, _cities, _years in SCALES
        )
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
