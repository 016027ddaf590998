"""Build the demo city: organisation, people, plans, fiscal years, the year's work,
and the published annual reports of the closed years."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from evaluation import demo as evaluation_demo
from initiatives import demo as initiatives_demo
from initiatives.models import FiscalYear


class Command(BaseCommand):
    help = (
        "Load the demo data (a believable Iruma-like city office) and the demo "
        "accounts. Running it twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (never on a production database).",
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo adds demo accounts with a known password; it runs only "
                "with DEBUG on. Use --force to run it anyway on a database that is "
                "not production."
            )
        with transaction.atomic():
            accounts = initiatives_demo.build()
            annual_reports = evaluation_demo.build(by=accounts["dxoffice"])
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        for fiscal_year in FiscalYear.objects.order_by("year"):
            self.stdout.write(
                f"Fiscal year {fiscal_year.year} ({fiscal_year.label}): "
                f"{fiscal_year.phase}"
            )
        for annual_report in annual_reports:
            year = annual_report.fiscal_year
            self.stdout.write(f"Published the annual report of {year}.")
        self.stdout.write(
            f"Sign in at http://127.0.0.1:8000/ with these accounts "
            f"(password: {initiatives_demo.DEMO_PASSWORD}):"
        )
        for account in initiatives_demo.DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.username:<9} {account.what}")
