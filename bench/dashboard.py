#!/usr/bin/env python
"""Benchmark of the portfolio dashboard, the partnership review page and the partnership page.

    .venv/bin/python bench/dashboard.py [--partnerships 10000] [--requests 40]

Seeds N partnerships (countries, a sector, a target occupation, two succeeded feasibility runs and cost
figures each, bulk inserts — ``reviews.tests.support.portfolio_seed``) in a throwaway database, checks a
handful of them for real (so their review pages have findings), then renders, through Django's test client
as a logged-in reviewer, the dashboard with a rotation of filters and sorts, the review page of the
checked partnerships, and the partnership page (``/partnerships/<id>/``: the Design tab, and the
Feasibility, Review and History tabs in turn) of the checked partnerships and of the largest demo partnership
(North Africa–Europe, loaded with the reference data before the seed and checked too). Prints p50/p95 per
page, then as the last line one JSON object. Targets: dashboard p95 ≤ 300 ms at 10,000 partnerships;
partnership page p95 ≤ 200 ms.

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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import percentile, prepare_database  # noqa: E402

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

    cleanup = prepare_database("dashbench")
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
        from partnerships.demo import demo_load
        from partnerships.models import Partnership
        from partnerships.reference_data import reference_data_load
        from reviews.tests.support import portfolio_seed

        reference_data_load()
        demo_load(only=["north_africa_europe"])
        largest = Partnership.objects.get(name__startswith="North Africa").pk
        ids: list[int] = []
        while len(ids) < args.partnerships:
            ids += portfolio_seed(min(2000, args.partnerships - len(ids)), seed=len(ids) + 1)
        checked = ids[:: max(1, len(ids) // args.checked)][: args.checked]
        feasibility_check_batch(ids=[*checked, largest])
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
        page_ids = [*checked, largest]
        design_urls = [reverse("monitoring:page", args=[pk]) for pk in page_ids]
        tab_urls = [
            reverse(f"monitoring:{tab}", args=[pk]) for pk in page_ids for tab in ("feasibility", "review", "history")
        ]
        largest_urls = [
            reverse(f"monitoring:{tab}", args=[largest]) for tab in ("page", "feasibility", "review", "history")
        ]
        for url in design_urls + tab_urls:
            timed_get(client, url, {})
        design_ms = [timed_get(client, design_urls[i % len(design_urls)], {}) for i in range(args.requests)]
        tabs_ms = [timed_get(client, tab_urls[i % len(tab_urls)], {}) for i in range(args.requests)]
        largest_ms = [timed_get(client, largest_urls[i % len(largest_urls)], {}) for i in range(args.requests)]

        result = {
            "partnerships": len(ids),
            "database": connection.vendor,
            "dashboard_p50_ms": round(statistics.median(dashboard_ms), 1),
            "dashboard_p95_ms": round(percentile(dashboard_ms, 95), 1),
            "review_page_p50_ms": round(statistics.median(review_ms), 1),
            "review_page_p95_ms": round(percentile(review_ms, 95), 1),
            "partnership_page_p50_ms": round(statistics.median(design_ms), 1),
            "partnership_page_p95_ms": round(percentile(design_ms, 95), 1),
            "partnership_tabs_p50_ms": round(statistics.median(tabs_ms), 1),
            "partnership_tabs_p95_ms": round(percentile(tabs_ms, 95), 1),
            "largest_demo_page_p50_ms": round(statistics.median(largest_ms), 1),
            "largest_demo_page_p95_ms": round(percentile(largest_ms, 95), 1),
            "requests_per_page": args.requests,
            "target_dashboard_p95_ms": 300,
            "target_partnership_page_p95_ms": 200,
        }
        result["dashboard_target_met"] = result["dashboard_p95_ms"] <= 300
        result["partnership_page_target_met"] = (
            max(
                result["partnership_page_p95_ms"], result["partnership_tabs_p95_ms"], result["largest_demo_page_p95_ms"]
            )
            <= 200
        )
        print(
            f"dashboard   p50 {result['dashboard_p50_ms']:7.1f} ms   p95 {result['dashboard_p95_ms']:7.1f} ms\n"
            f"review page p50 {result['review_page_p50_ms']:7.1f} ms   p95 {result['review_page_p95_ms']:7.1f} ms\n"
            f"partnership page (Design) p50 {result['partnership_page_p50_ms']:7.1f} ms   "
            f"p95 {result['partnership_page_p95_ms']:7.1f} ms\n"
            f"partnership page (other tabs) p50 {result['partnership_tabs_p50_ms']:7.1f} ms   "
            f"p95 {result['partnership_tabs_p95_ms']:7.1f} ms\n"
            f"largest demo's page (every tab) p50 {result['largest_demo_page_p50_ms']:7.1f} ms   "
            f"p95 {result['largest_demo_page_p95_ms']:7.1f} ms"
        )
        print(json.dumps(result))
    finally:
        cleanup()


if __name__ == "__main__":
    main()
