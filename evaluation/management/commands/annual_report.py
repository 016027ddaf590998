"""Write a fiscal year's annual report as JSON, CSV, xlsx, PDF or open data."""

import io
import zipfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from evaluation import exports, services
from evaluation.documents import draft_document, draft_of
from evaluation.models import AnnualReport
from evaluation.opendata import opendata_files
from evaluation.pdf import PdfUnavailable
from initiatives.models import FiscalYear
from iruma_dx.lib.fiscal import parse_fiscal_year


class Command(BaseCommand):
    help = (
        "Write the annual report of fiscal YEAR (2024 or 令和6年度): the live "
        "draft, or a published version with --version. The same files as the "
        "downloads of the report page; a published version's are the bytes "
        "kept when it was published."
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
            choices=list(exports.FORMATS),
            default="json",
            help=(
                "json (DESIGN.md's shape), csv (the point list), xlsx, pdf, or "
                "opendata (CSV tables, a data dictionary and a README, written "
                "into the folder --output names)."
            ),
        )
        parser.add_argument(
            "--output",
            metavar="FILE",
            help="Write to FILE (a folder for opendata) instead of the terminal.",
        )
        parser.add_argument(
            "--version",
            type=int,
            dest="report_version",
            metavar="N",
            help="A published version; without it, the live draft.",
        )

    def handle(self, *args, **options):
        fmt, output = options["format"], options["output"]
        if not output and not exports.FORMATS[fmt].text:
            what = "a folder" if fmt == "opendata" else "FILE"
            raise CommandError(f"{fmt} is not text: give --output {what}.")
        fiscal_year = self._fiscal_year(options["year"])
        try:
            files = self._files(fiscal_year, options["report_version"], fmt)
        except PdfUnavailable as error:
            raise CommandError(str(error)) from error
        if fmt == "opendata":
            folder = Path(output)
            folder.mkdir(parents=True, exist_ok=True)
            for name, content in files.items():
                (folder / name).write_bytes(content)
            self.stderr.write(f"Wrote {len(files)} files into {folder}.")
            return
        [content] = files.values()
        if output:
            Path(output).write_bytes(content)
            self.stderr.write(f"Wrote {output} ({len(content)} bytes).")
        else:
            self.stdout.write(content.decode("utf-8"), ending="")

    def _fiscal_year(self, text: str) -> FiscalYear:
        try:
            year = parse_fiscal_year(text)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        fiscal_year = FiscalYear.objects.filter(year=year).first()
        if fiscal_year is None:
            raise CommandError(f"There is no fiscal year {year}.")
        return fiscal_year

    def _files(self, fiscal_year: FiscalYear, version: int | None, fmt: str):
        """The file's bytes by name (open data: each file of the zip)."""
        if version is None:
            document = draft_document(fiscal_year, draft_of(fiscal_year), fmt)
            if fmt == "opendata":
                return opendata_files(document)
            return {exports.filename(document, fmt): exports.render(document, fmt)}
        try:
            kept = services.published_file(fiscal_year.year, version, fmt)
        except AnnualReport.DoesNotExist as error:
            raise CommandError(
                f"Version {version} of the {fiscal_year.year} annual report is "
                "not published."
            ) from error
        if fmt == "opendata":
            with zipfile.ZipFile(io.BytesIO(kept.content)) as archive:
                return {name: archive.read(name) for name in archive.namelist()}
        return {fmt: kept.content}
