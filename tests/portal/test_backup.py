"""make backup / make restore: a backup restored into a fresh database has every row."""

import shutil
import sqlite3
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from initiatives.models import DxPoint

pytestmark = pytest.mark.django_db(transaction=True)


def table_counts(cursor, tables) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
    return counts


@pytest.fixture
def data(make_year, make_point):
    year = make_year(2024, phase="reporting")
    make_point(year, state="approved", report={"actual": 80, "state": "confirmed"})
    make_point(year, title="二つ目", principles=[2, 5])
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        return tables, table_counts(cursor, tables)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite backups")
def test_sqlite_backup_restores_into_a_fresh_database(data, tmp_path):
    tables, counts = data
    backup = tmp_path / "backup.sqlite3"
    call_command("backup", output=str(backup))
    fresh = tmp_path / "fresh.sqlite3"
    call_command("restore", str(backup), into=f"sqlite:///{fresh}")
    with sqlite3.connect(fresh) as restored:
        assert table_counts(restored.cursor(), tables) == counts
    assert counts["initiatives_dxpoint"] == 2


@pytest.mark.skipif(
    connection.vendor != "postgresql" or not shutil.which("pg_dump"),
    reason="PostgreSQL backups need pg_dump",
)
def test_postgresql_backup_restores_into_a_fresh_database(data, tmp_path):
    import psycopg

    tables, counts = data
    backup = tmp_path / "backup.dump"
    call_command("backup", output=str(backup))
    own = connection.settings_dict
    params = {
        "host": own["HOST"] or "127.0.0.1",
        "port": own["PORT"] or 5432,
        "user": own["USER"],
        "password": own["PASSWORD"] or None,
    }
    name = f"restore_check_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        secret = f":{params['password']}" if params["password"] else ""
        url = f"postgres://{params['user']}{secret}@{params['host']}:{params['port']}"
        call_command("restore", str(backup), into=f"{url}/{name}")
        with psycopg.connect(dbname=name, **params) as restored:
            assert table_counts(restored.cursor(), tables) == counts
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')


def test_restore_puts_back_what_was_lost(data, tmp_path):
    backup = tmp_path / "backup"
    call_command("backup", output=str(backup))
    DxPoint.objects.filter(title="二つ目").delete()
    call_command("restore", str(backup), yes=True)
    assert DxPoint.objects.filter(title="二つ目").exists()


def test_restore_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError):
        call_command("restore", str(tmp_path / "nothing"), yes=True)
