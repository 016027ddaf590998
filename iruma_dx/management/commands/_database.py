"""Connection settings for PostgreSQL's command-line tools."""

import os


def pg_environment(database: dict) -> dict[str, str]:
    """Return the environment that points pg_dump/pg_restore at ``database``."""
    env = {**os.environ}
    for key, name in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if database.get(key):
            env[name] = str(database[key])
    return env
