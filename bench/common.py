"""What the benchmark scripts share: a throwaway database, the schema in it, and percentiles.

Not a benchmark itself (run ``bench/feasibility.py``, ``bench/api.py`` or ``bench/dashboard.py``).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent


def prepare_database(tag: str = "bench") -> callable:
    """Point DATABASE_URL at a throwaway database; return the function that removes it.

    With a PostgreSQL ``DATABASE_URL`` a database ``<name>_<tag>_<pid>`` is created on that server (and dropped
    by the returned function); otherwise a SQLite file ``var/<tag>-<pid>.sqlite3`` (deleted by it).
    """
    url = os.environ.get("DATABASE_URL", "")
    pid = os.getpid()
    if url.startswith(("postgres://", "postgresql://", "pgsql://")):
        import psycopg2

        parts = urlsplit(url)
        base_name = parts.path.lstrip("/") or "smp"
        name = f"{base_name}_{tag}_{pid}"
        admin = psycopg2.connect(
            dbname="postgres",
            user=parts.username,
            password=parts.password,
            host=parts.hostname,
            port=parts.port or 5432,
        )
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))

        def drop() -> None:
            from django.db import connections

            connections.close_all()
            with admin.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.close()

        return drop

    path = ROOT / "var" / f"{tag}-{pid}.sqlite3"
    path.parent.mkdir(exist_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"

    def remove() -> None:
        from django.db import connections

        connections.close_all()
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)

    return remove


def create_schema(call_command) -> None:
    """Migrate; before the project has migrations, create the tables straight from the models instead."""
    from django.conf import settings

    try:
        call_command("migrate", run_syncdb=True, verbosity=0)
    except ValueError:  # an app without migrations: build every table from the models, as --nomigrations does
        settings.MIGRATION_MODULES = {app.label: None for app in django_apps()}
        call_command("migrate", run_syncdb=True, verbosity=0)


def django_apps():
    from django.apps import apps

    return apps.get_app_configs()


def percentile(values: list[float], pct: float) -> float:
    """The nearest-rank ``pct`` percentile of ``values``."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]
