#!/usr/bin/env python
"""Benchmark of the portfolio dashboard and the partnership review page.

    .venv/bin/python bench/dashboard.py [--partnerships 10000] [--requests 40]

Seeds N partnerships (countries, a sector, a target occupation, two succeeded feasibility runs and cost
figures each, bulk inserts — ``reviews.tests.support.portfolio_seed``) in a throwaway database, checks a
handful of them for real (so their review pages have findings), then renders, through Django's test client
as a logged-in reviewer, the dashboard with a rotation of filters and sorts and the review page of the
checked partnerships. Prints p50/p95 per page, then as the last line one JSON object. Target: dashboard
p95 ≤ 300 ms at 10,000 partnerships.

Database: with a PostgreSQL ``DATABASE_URL`` a throwaway database ``<name>_dashbench_<pid>`` is created on that
server and dropped at the end; otherwise a throwaway SQLite file ``var/dashbench-<pid>.sqlite3`` is used and
deleted. Nothing else is touched.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DASHBOARD_QUERIES = [
    {},
    {"sort": "-E3"},
    {"sort": "readiness", "page": "7"},
    {"region": "eea"},
    {"country": "DE", "sort": "-readiness"},
    {"sector": "ict", "stage": "design"},
    {"red_flag": "on"},
    {"migration_type": "circular", "skill_level": "mid"},
    {"status": "in_review", "q": "scheme 01"},
    {"sort": "-E8", "page": "40"},
]


def prepare_database():
    """Point DATABASE_URL at a throwaway database; return the function that removes it."""
    url = os.environ.get("DATABASE_URL", "")
    pid = os.getpid()
    if url.startswith(("postgres://", "postgresql://", "pgsql://")):
        import psycopg2

        parts = urlsplit(url)
        name = f"{parts.path.lstrip('/') or 'smp'}_dashbench_{pid}"
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

    path = ROOT / "var" / f"dashbench-{pid}.sqlite3"
    path.parent.mkdir(exist_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"

    def remove() -> None:
        from django.db import connections

        connections.close_all()
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)

    return remove


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def timed_get(client, url: str, params: dict) -> float:
    start = time.perf_counter()
    response = client.get(url, params)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise SystemExit(f"GET {url} {params} answered {response.status_code}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--partnerships", type=int, default=10000)
    parser.add_argument("--requests", type=int, default=40, help="measured requests per page (after warm-up)")
    parser.add_argument("--checked", type=int, default=5, help="partnerships checked for real (review pages)")
    args = parser.parse_args()

    cleanup = prepare_database()
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    try:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smp.settings")
        import django

        django.setup()
        from django.conf import settings

        settings.DEBUG = False  # no connection.queries bookkeeping, as in production
        from django.core.management import call_command
        from django.db import connection
        from django.test.utils import setup_test_environment
        from django.urls import reverse

        setup_test_environment()
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        from accounts.models import User, UserRole
        from feasibility.services import feasibility_check_batch
        from reviews.tests.support import portfolio_seed

        ids: list[int] = []
        while len(ids) < args.partnerships:
            ids += portfolio_seed(min(2000, args.partnerships - len(ids)), seed=len(ids) + 1)
        checked = ids[:: max(1, len(ids) // args.checked)][: args.checked]
        feasibility_check_batch(ids=checked)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        seeded = time.perf_counter() - started
        print(f"Seeded {len(ids)} partnerships (+{len(checked)} real checks) in {seeded:.1f} s on {connection.vendor}")

        from django.test import Client

        reviewer = User.objects.create(username="bench-reviewer", role=UserRole.REVIEWER)
        client = Client()
        client.force_login(reviewer)
        dashboard = reverse("reviews:dashboard")
        for params in DASHBOARD_QUERIES:  # warm-up: caches, prepared plans
            timed_get(client, dashboard, params)
        dashboard_ms = [
            timed_get(client, dashboard, DASHBOARD_QUERIES[i % len(DASHBOARD_QUERIES)]) for i in range(args.requests)
        ]
        review_urls = [reverse("reviews:partnership", args=[pk]) for pk in checked]
        for url in review_urls:
            timed_get(client, url, {})
        review_ms = [timed_get(client, review_urls[i % len(review_urls)], {}) for i in range(args.requests)]

        result = {
            "partnerships": len(ids),
            "database": connection.vendor,
            "dashboard_p50_ms": round(statistics.median(dashboard_ms), 1),
            "dashboard_p95_ms": round(percentile(dashboard_ms, 95), 1),
            "review_page_p50_ms": round(statistics.median(review_ms), 1),
            "review_page_p95_ms": round(percentile(review_ms, 95), 1),
            "requests_per_page": args.requests,
            "target_dashboard_p95_ms": 300,
        }
        result["dashboard_target_met"] = result["dashboard_p95_ms"] <= 300
        print(
            f"dashboard   p50 {result['dashboard_p50_ms']:7.1f} ms   p95 {result['dashboard_p95_ms']:7.1f} ms\n"
            f"review page p50 {result['review_page_p50_ms']:7.1f} ms   p95 {result['review_page_p95_ms']:7.1f} ms"
        )
        print(json.dumps(result))
    finally:
        cleanup()


if __name__ == "__main__":
    main()
