"""Restore a backup made by ``backup`` into the portal's database (or another one)."""

import sqlite3
import subprocess
from pathlib import Path

import environ
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from ._database import pg_environment


class Command(BaseCommand):
    help = (
        "Replace the database's contents with a backup file (make restore FILE=…). "
        "With --into, restore into another database instead, e.g. to check a backup."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A file written by `manage.py backup`.")
        parser.add_argument(
            "--into",
            help="DATABASE_URL to restore into (default: the portal's database).",
        )
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask before replacing the data."
        )

    def handle(
        self, *args, file: str, into: str | None = None, yes: bool = False, **opts
    ):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No backup file at {path}.")
        database = (
            environ.Env.db_url_config(into) if into else settings.DATABASES["default"]
        )
        if not yes and not into:
            answer = input(
                f"Replace all data in {database['NAME']} with {path}? [y/N] "
            )
            if answer.strip().lower() not in {"y", "yes"}:
                raise CommandError("Nothing was restored.")
        connections.close_all()
        if "postgresql" in database["ENGINE"]:
            result = subprocess.run(
                ["pg_restore", "--clean", "--if-exists", "--no-owner",
                 "--single-transaction", "--dbname", database["NAME"], str(path)],
                env=pg_environment(database),
                capture_output=True,
                text=True,
            )  # fmt: skip
            if result.returncode != 0:
                raise CommandError(f"pg_restore failed: {result.stderr.strip()}")
        elif "sqlite3" in database["ENGINE"]:
            source = sqlite3.connect(path)
            target = sqlite3.connect(database["NAME"])
            with target:
                source.backup(target)
            source.close()
            target.close()
        else:  # pragma: no cover
            raise CommandError("No restore for this database.")
        self.stdout.write(
            self.style.SUCCESS(f"Restored {path} into {database['NAME']}.")
        )
