"""Write a fiscal year's annual report as JSON, CSV or xlsx."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from evaluation import exports
from evaluation.documents import draft_of, live_document
from evaluation.models import AnnualReport
from initiatives.models import FiscalYear
from iruma_dx.lib.fiscal import parse_fiscal_year


class Command(BaseCommand):
    help = (
        "Write the annual report of fiscal YEAR (2024 or 令和6年度): the live "
        "draft, or a published version with --version. The same files as the "
        "downloads of the report page."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        # Here --version N names a published version (DESIGN.md's interface),
        # replacing Django's --version that prints its own version number.
        return super().create_parser(
            prog_name, subcommand, conflict_handler="resolve", **kwargs
        )

    def add_arguments(self, parser):
        parser.add_argument("year", help="The fiscal year: 2024 or 令和6年度.")
        parser.add_argument(
            "--format",
            choices=sorted(exports.FORMATS),
            default="json",
            help="json (DESIGN.md's shape), csv (the point list) or xlsx.",
        )
        parser.add_argument(
            "--output", metavar="FILE", help="Write to FILE instead of the terminal."
        )
        parser.add_argument(
            "--version",
            type=int,
            dest="report_version",
            metavar="N",
            help="A published version; without it, the live draft.",
        )

    def handle(self, *args, **options):
        try:
            year = parse_fiscal_year(options["year"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        fiscal_year = FiscalYear.objects.filter(year=year).first()
        if fiscal_year is None:
            raise CommandError(f"There is no fiscal year {year}.")
        version = options["report_version"]
        if version is None:
            document = live_document(fiscal_year, draft_of(fiscal_year))
        else:
            annual_report = (
                AnnualReport.objects.published()
                .filter(fiscal_year=fiscal_year, version=version)
                .first()
            )
            if annual_report is None:
                raise CommandError(
                    f"Version {version} of the {year} annual report is not published."
                )
            document = annual_report.frozen()
        fmt = options["format"]
        content = exports.render(document, fmt)
        if options["output"]:
            Path(options["output"]).write_bytes(content)
            self.stderr.write(f"Wrote {options['output']} ({len(content)} bytes).")
        elif fmt == "xlsx":
            raise CommandError("xlsx is a binary file: give --output FILE.")
        else:
            self.stdout.write(content.decode("utf-8"), ending="")
