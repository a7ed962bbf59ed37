#!/usr/bin/env python
"""Benchmark of the partnership list of the REST API, through the real WSGI stack.

    .venv/bin/python bench/api.py [--partnerships 5000] [--page-size 50] [--requests 200]

Seeds N partnerships (two countries and a sector each, all visible to one partner client) in a throwaway
database, then requests ``GET /api/v1/partnerships/?page_size=50&page=k`` with a real API key through
Django's WSGI handler (``django.test.Client``: middleware, authentication, throttling, filtering,
pagination, serialization, rendering), cycling over the pages. The floor is the bare query of the same rows
(``values()`` of the listed fields plus the countries, encoded with ``json.dumps``).

Prints figures, then as the last line one JSON object: p50/p95 latency (ms), queries per request, the
floor's p50/p95 and the ratio p95/floor p95. Targets: at most 8 queries per request whatever the page size,
p95 within 3x the floor.

Database: as bench/feasibility.py — a throwaway PostgreSQL database next to ``DATABASE_URL`` or a throwaway
SQLite file under var/, removed at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import create_schema, percentile, prepare_database  # noqa: E402

LIST_FIELDS = (
    "id",
    "name",
    "stage",
    "review_status",
    "version",
    "form_of_engagement",
    "migration_types",
    "skill_levels",
    "reporting_currency",
    "start_date",
    "end_date",
    "created_at",
    "updated_at",
)
PAIRS = [("NG", "LT"), ("MA", "DE"), ("TN", "BE"), ("XK", "DE"), ("PH", "NO"), ("EG", "IT"), ("SN", "ES")]


def seed(n: int):
    """N partnerships in which the client's organisation takes part; returns the client's raw key."""
    from django.db import transaction

    from accounts.models import User, UserRole
    from api.services import api_token_create
    from partnerships.models import Partnership, PartnershipCountry
    from skills.models import Sector
    from stakeholders.models import Organisation, Participation

    with transaction.atomic():
        sectors = Sector.objects.bulk_create(
            [Sector(code=code, label=code) for code in ("construction", "ict", "health_care")]
        )
        org = Organisation.objects.create(name="Employers' federation", category="employer_org", country="DE")
        other = Organisation.objects.create(name="Ministry of labour", category="government_ministry", country="MA")
        user = User.objects.create(username="bench_client", role=UserRole.PARTNER)
        user.organisations.set([org])
        start = date(2025, 1, 1)
        partnerships = Partnership.objects.bulk_create(
            [
                Partnership(
                    name=f"Partnership {i}",
                    migration_types=["temporary"],
                    skill_levels=["mid", "high"] if i % 2 else ["low"],
                    form_of_engagement="mou",
                    start_date=start + timedelta(days=i % 300),
                    end_date=start + timedelta(days=1200 + i % 300),
                    reporting_currency="EUR",
                )
                for i in range(n)
            ],
            batch_size=1000,
        )
        countries, participations, links = [], [], []
        through = Partnership.sectors.through
        for i, p in enumerate(partnerships):
            origin, destination = PAIRS[i % len(PAIRS)]
            countries += [
                PartnershipCountry(partnership=p, country=origin, side="origin"),
                PartnershipCountry(partnership=p, country=destination, side="destination"),
            ]
            participations.append(
                Participation(
                    partnership=p, organisation=org, side="destination", roles=["employer"], joined_stage="exploration"
                )
            )
            if i % 3 == 0:
                participations.append(
                    Participation(
                        partnership=p, organisation=other, side="origin", roles=["lead"], joined_stage="exploration"
                    )
                )
            links.append(through(partnership_id=p.pk, sector_id=sectors[i % len(sectors)].pk))
        PartnershipCountry.objects.bulk_create(countries, batch_size=2000)
        Participation.objects.bulk_create(participations, batch_size=2000)
        through.objects.bulk_create(links, batch_size=2000)
        _token, raw_key = api_token_create(user=user, name="bench")
    return raw_key


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--partnerships", type=int, default=5000)
    parser.add_argument("--page-size", type=int, default=50)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    cleanup = prepare_database()
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    try:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smp.settings")
        import django

        django.setup()
        from django.conf import settings

        settings.DEBUG = False
        settings.API_THROTTLE_RATES = {"anon": "1000000/minute", "user": "1000000/minute"}
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from partnerships.models import Partnership, PartnershipCountry

        create_schema(call_command)
        print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
        began = time.perf_counter()
        raw_key = seed(args.partnerships)
        print(f"seeded {args.partnerships} partnerships in {time.perf_counter() - began:.1f} s")

        client = Client(HTTP_AUTHORIZATION=f"Token {raw_key}")
        pages = max(1, args.partnerships // args.page_size)

        def api(page: int) -> None:
            response = client.get(f"/api/v1/partnerships/?page_size={args.page_size}&page={page}")
            assert response.status_code == 200, response.content[:300]
            response.content  # noqa: B018 - rendered body

        def floor(page: int) -> None:
            offset = (page - 1) * args.page_size
            rows = list(
                Partnership.objects.order_by("-updated_at", "id").values(*LIST_FIELDS)[offset : offset + args.page_size]
            )
            ids = [row["id"] for row in rows]
            by_partnership: dict[int, list] = {}
            for pid, country, side in PartnershipCountry.objects.filter(partnership_id__in=ids).values_list(
                "partnership_id", "country", "side"
            ):
                by_partnership.setdefault(pid, []).append({"country": country, "side": side})
            for row in rows:
                row["countries"] = by_partnership.get(row["id"], [])
            json.dumps(rows, default=str).encode()

        for page in range(1, min(5, pages) + 1):  # warm up: imports, SQL compilation, caches
            api(page)
            floor(page)

        query_counts = set()
        for size in (5, args.page_size, 100):
            with CaptureQueriesContext(connection) as captured:
                client.get(f"/api/v1/partnerships/?page_size={size}")
            query_counts.add(len(captured))
        queries = max(query_counts)

        def timed(func) -> list[float]:
            samples = []
            for i in range(args.requests):
                start = time.perf_counter()
                func(1 + i % pages)
                samples.append((time.perf_counter() - start) * 1000)
            return samples

        api_ms, floor_ms = timed(api), timed(floor)
        result = {
            "bench": "api_partnership_list",
            "database": connection.vendor,
            "partnerships": args.partnerships,
            "page_size": args.page_size,
            "requests": args.requests,
            "p50_ms": round(statistics.median(api_ms), 2),
            "p95_ms": round(percentile(api_ms, 95), 2),
            "queries_per_request": queries,
            "queries_same_for_5_50_100": len(query_counts) == 1,
            "floor_p50_ms": round(statistics.median(floor_ms), 2),
            "floor_p95_ms": round(percentile(floor_ms, 95), 2),
        }
        result["ratio_p95_to_floor"] = round(result["p95_ms"] / result["floor_p95_ms"], 2)
        result["targets_met"] = queries <= 8 and result["ratio_p95_to_floor"] <= 3
        print(f"API   p50 {result['p50_ms']} ms  p95 {result['p95_ms']} ms  {queries} queries per request")
        print(f"floor p50 {result['floor_p50_ms']} ms  p95 {result['floor_p95_ms']} ms")
        print(json.dumps(result))
    finally:
        cleanup()


if __name__ == "__main__":
    main()
