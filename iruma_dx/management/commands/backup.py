"""Back up the database to one file: pg_dump for PostgreSQL, a copy for SQLite."""

import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils import timezone

from ._database import pg_environment


class Command(BaseCommand):
    help = "Write a backup of the database (make backup). Prints the file written."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="File to write (default: a dated file in backups/).",
        )

    def handle(self, *args, output: str | None = None, **options):
        database = settings.DATABASES["default"]
        vendor = connections["default"].vendor
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        suffix = ".dump" if vendor == "postgresql" else ".sqlite3"
        path = Path(
            output or settings.BASE_DIR / "backups" / f"iruma-dx-{stamp}{suffix}"
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        if vendor == "postgresql":
            result = subprocess.run(
                ["pg_dump", "--format=custom", "--no-owner", "--file", str(path)],
                env=pg_environment(database),
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
        elif vendor == "sqlite":
            # SQLite's online backup copies a consistent state even while the
            # portal keeps writing.
            source = sqlite3.connect(database["NAME"])
            target = sqlite3.connect(path)
            with target:
                source.backup(target)
            source.close()
            target.close()
        else:  # pragma: no cover - only the two databases we support
            raise CommandError(f"No backup for the {vendor} database.")
        self.stdout.write(str(path))
