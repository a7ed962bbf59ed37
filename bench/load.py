#!/usr/bin/env python
"""Load benchmark: concurrent clients against gunicorn, PostgreSQL, Redis and a real Celery worker.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/smp .venv/bin/python bench/load.py \\
        [--clients 20] [--seconds 60] [--partnerships 5000] [--think 0.5] [--feasibility-every 5] \\
        [--steps basics,costs] [--workers 3] [--broker-url URL] [--cache-url URL]
    make bench-load BENCH_LOAD_ARGS="--partnerships 300 --seconds 15 --clients 5"    # the same, through make

Options:
  --clients N            concurrent clients (threads of this process), default 20
  --seconds S            length of the measured load, default 60; a hard stop: no request starts after it and
                         every request times out after 30 s
  --partnerships N       synthetic partnerships added to the demo data, default 5000
  --think S              pause of each client between two requests, default 0.5
  --warmup S             the same load, not measured and without POSTs, before the measured part, default 5
  --feasibility-every S  client 1 asks for a feasibility check (POST, ``force``) every S seconds, default 5;
                         0 switches the POSTs off
  --steps CODES          wizard steps the official's requests rotate over, comma-separated, or ``all``; default
                         ``basics``, the partnership page (``/partnerships/<id>/`` leads there). The heavy
                         steps (actors, social aspects, costs) are the wizard issue's to make light
  --workers N            gunicorn workers, default 3
  --broker-url URL       Redis for Celery, default ``CELERY_BROKER_URL`` or redis://127.0.0.1:6379/0
  --cache-url URL        passed as ``CACHE_URL`` (used when the settings read it), default ``CACHE_URL`` or the
                         broker URL

What it sets up, all throwaway and removed at the end (``finally``), whatever happens:

* a PostgreSQL database ``<name>_loadbench_<pid>`` next to ``DATABASE_URL`` (``bench/common.py``), migrated
  and filled as ``make run`` does (``load_reference_data``, ``load_demo``, ``run_feasibility --all --sync``,
  ``refresh_portfolio_figures``) plus N partnerships in bulk (``portfolio_seed``, as ``bench/dashboard.py``),
  all of them joined by the demo partner's organisation so its API clients see them;
* one API client per bench client (users ``bench-partner-NN`` of the demo partner's organisation, each with
  its own key, so the per-client throttle applies as in production) and, per client, a session of the demo
  ``official`` and one of the ``reviewer``, written straight into the session store by Django's
  ``Client.force_login`` (no login form, so no lockout);
* ``collectstatic`` into a temporary directory, then gunicorn (``smp.wsgi``, N workers) on a free port of
  127.0.0.1 with ``DEBUG=0``, a throwaway ``SECRET_KEY``, ``SECURE_SSL_REDIRECT=0``, ``ALLOWED_HOSTS=127.0.0.1``;
* one Celery worker process (concurrency 1) on a queue of the run's own (``bench/load_settings.py``); the
  run's queue and cache keys are deleted from Redis at the end.

The workload: each client repeats, pausing ``--think`` seconds, a request drawn at random (weights in
``MIX``): the API list (``/api/v1/partnerships/?page=N``, a random page) and detail (a random visible
partnership) with the client's key; a step page of the design wizard of one of the official's demo
partnerships (the page an official works in; ``/partnerships/<id>/`` redirects there); the portfolio
dashboard with a rotation of filters and sorts and the review page of a partnership, as the reviewer.
Client 1 also posts ``/api/v1/partnerships/<id>/feasibility-runs/`` (``{"force": true}``, a demo
partnership) every ``--feasibility-every`` seconds; the worker checks them, and the runs' outcome is reported.

Prints per endpoint: requests, requests/s, p50/p95/p99 latency (ms, request sent to body read) and errors
(any status other than the expected one — 200, 202 for the POST — and connection errors or timeouts), then
totals and the five slowest requests; when there are errors, a sample of each and the end of the gunicorn log.
The last line is one JSON object with every figure, ``"targets": {"errors": 0, "p95_ms": 500}`` and
``targets_met`` (errors: none at all; p95: the total and every endpoint). Figures depend on the machine: run it
alone.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import random
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import create_schema, percentile, prepare_database  # noqa: E402
from bench.dashboard import DASHBOARD_QUERIES  # noqa: E402

VENV_BIN = ROOT / ".venv" / "bin"
#: Relative weights of the read endpoints in each client's draw.
MIX = {"api_list": 30, "api_detail": 25, "partnership_page": 15, "dashboard": 15, "review_page": 15}
TARGETS = {"errors": 0, "p95_ms": 500}
REQUEST_TIMEOUT = 30  # seconds; gunicorn's worker timeout is the same
DRAIN_SECONDS = 60  # how long to wait, after the load, for the worker to finish the requested checks


@dataclass
class Plan:
    """Everything the clients need to build their requests."""

    base: str
    api_keys: list[str]
    official_sessions: list[str]
    reviewer_sessions: list[str]
    api_pages: int
    api_detail_ids: list[int]
    official_step_paths: list[str]
    review_ids: list[int]
    feasibility_ids: list[int]
    cookie_name: str


@dataclass
class Sample:
    endpoint: str
    path: str
    ms: float | None  # None: no answer (connection error, timeout)
    status: int | None
    ok: bool
    detail: str = ""


@dataclass
class ClientLog:
    samples: list[Sample] = field(default_factory=list)
    run_ids: list[int] = field(default_factory=list)


#
# Setting up
#


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def seed(partnerships: int, clients: int, base: str, steps: list[str]):
    """The demo data, ``partnerships`` synthetic ones visible to the partner's organisation, API keys and
    sessions. Returns the ``Plan`` (without ``base``) and the number of partnerships."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from accounts.models import User, UserRole
    from api.services import api_token_create
    from partnerships.models import Partnership
    from reviews.tests.support import portfolio_seed
    from stakeholders.models import Participation

    for command, args in (
        ("load_reference_data", ()),
        ("load_demo", ()),
        ("run_feasibility", ("--all", "--sync")),
        ("refresh_portfolio_figures", ()),
    ):
        call_command(command, *args, verbosity=0, stdout=io.StringIO())
    demo_ids = sorted(Partnership.objects.values_list("pk", flat=True))
    ids: list[int] = []
    while len(ids) < partnerships:
        ids += portfolio_seed(min(2000, partnerships - len(ids)), seed=len(ids) + 1)

    partner = User.objects.get(username="partner")
    organisation = partner.organisations.get()
    Participation.objects.bulk_create(
        [
            Participation(
                partnership_id=pk,
                organisation=organisation,
                side="destination",
                roles=["employer"],
                joined_stage="design",
            )
            for pk in ids
        ],
        batch_size=2000,
    )
    api_keys = []
    for index in range(clients):
        user = User.objects.create(username=f"bench-partner-{index + 1:02d}", role=UserRole.PARTNER)
        user.organisations.set([organisation])
        api_keys.append(api_token_create(user=user, name="load benchmark")[1])

    def sessions(username: str) -> list[str]:
        user = User.objects.get(username=username)
        keys = []
        for _ in range(clients):
            browser = Client()
            browser.force_login(user)
            keys.append(browser.cookies[settings.SESSION_COOKIE_NAME].value)
        return keys

    official = User.objects.get(username="official")
    official_ids = sorted(Partnership.objects.for_user(official).values_list("pk", flat=True))
    partner_demo_ids = sorted(
        Partnership.objects.for_user(partner).filter(pk__in=demo_ids).values_list("pk", flat=True)
    )
    visible = len(partner_demo_ids) + len(ids)
    rng = random.Random(7)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    plan = Plan(
        base=base,
        api_keys=api_keys,
        official_sessions=sessions("official"),
        reviewer_sessions=sessions("reviewer"),
        api_pages=max(1, math.ceil(visible / settings.REST_FRAMEWORK["PAGE_SIZE"])),
        api_detail_ids=partner_demo_ids + rng.sample(ids, min(len(ids), 500)),
        official_step_paths=[f"/partnerships/{pk}/steps/{code}/" for pk in official_ids for code in steps],
        review_ids=demo_ids + rng.sample(ids, min(len(ids), 500)),
        feasibility_ids=partner_demo_ids,
        cookie_name=settings.SESSION_COOKIE_NAME,
    )
    return plan, len(demo_ids) + len(ids)


def start(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    """A child in a process group of its own (so stopping it stops its own children too), output to ``log``."""
    with open(log, "ab") as out:
        return subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def stop(process: subprocess.Popen | None, name: str, grace: float = 20) -> None:
    """SIGTERM to the child (gunicorn and Celery stop their own workers on it); after ``grace`` seconds,
    SIGKILL to its whole process group."""
    if process is None or process.poll() is not None:
        return
    try:
        process.terminate()
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        print(f"{name} did not stop within {grace:.0f} s: killed")
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    except ProcessLookupError:
        pass


def wait_until(predicate, timeout: float, what: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{what} exited with {process.returncode}:\n{tail(log)}")
        if predicate():
            return
        time.sleep(0.5)
    raise SystemExit(f"{what} not ready after {timeout:.0f} s:\n{tail(log)}")


def tail(log: Path, lines: int = 40) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(no log)"


def redis_cleanup(urls: set[str], prefix: str, queue: str) -> None:
    """Delete this run's queue and cache keys (never anything else)."""
    import redis

    for url in urls:
        if not url.startswith(("redis://", "rediss://")):
            continue
        try:
            client = redis.Redis.from_url(url)
            # The queue's list, one per priority step kombu uses, its binding, and the prefixed cache keys.
            queues = [queue, *(f"{queue}\x06\x16{step}" for step in (3, 6, 9))]
            bindings = [f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}"]
            keys = [*queues, *bindings, *client.scan_iter(match=f"{prefix}*", count=1000)]
            client.delete(*keys)
            client.close()
        except redis.RedisError as exc:
            print(f"could not clean up Redis at {url}: {exc}")


#
# The clients
#


def client_loop(index: int, plan: Plan, deadline: float, think: float, feasibility_every: float, log: ClientLog):
    import requests

    rng = random.Random(index)
    http = requests.Session()
    api_auth = {"Authorization": f"Token {plan.api_keys[index]}"}
    official = {plan.cookie_name: plan.official_sessions[index]}
    reviewer = {plan.cookie_name: plan.reviewer_sessions[index]}
    names, weights = list(MIX), list(MIX.values())
    posting = index == 0 and feasibility_every > 0 and plan.feasibility_ids
    next_post = time.monotonic() + rng.uniform(0, feasibility_every) if posting else math.inf
    dashboard_turn = index
    while time.monotonic() < deadline:
        method, body, cookies, headers, expected = "GET", None, None, None, 200
        if time.monotonic() >= next_post:
            endpoint = "feasibility_post"
            path = f"/api/v1/partnerships/{rng.choice(plan.feasibility_ids)}/feasibility-runs/"
            method, body, headers, expected = "POST", {"force": True}, api_auth, 202
            next_post += feasibility_every
        else:
            endpoint = rng.choices(names, weights)[0]
            if endpoint == "api_list":
                path, headers = f"/api/v1/partnerships/?page={rng.randint(1, plan.api_pages)}", api_auth
            elif endpoint == "api_detail":
                path, headers = f"/api/v1/partnerships/{rng.choice(plan.api_detail_ids)}/", api_auth
            elif endpoint == "partnership_page":
                path, cookies = rng.choice(plan.official_step_paths), official
            elif endpoint == "dashboard":
                query = DASHBOARD_QUERIES[dashboard_turn % len(DASHBOARD_QUERIES)]
                dashboard_turn += 1
                path = "/dashboard/" + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")
                path, cookies = path.replace(" ", "+"), reviewer
            else:
                path, cookies = f"/dashboard/partnerships/{rng.choice(plan.review_ids)}/", reviewer
        began = time.perf_counter()
        try:
            response = http.request(
                method,
                plan.base + path,
                json=body,
                headers=headers,
                cookies=cookies,
                allow_redirects=False,
                timeout=(5, REQUEST_TIMEOUT),
            )
            ms = (time.perf_counter() - began) * 1000
            ok = response.status_code == expected
            detail = "" if ok else f"{method} {path} → {response.status_code}: {response.text[:300]!r}"
            log.samples.append(Sample(endpoint, path, ms, response.status_code, ok, detail))
            if endpoint == "feasibility_post" and ok:
                log.run_ids.append(response.json()["id"])
        except requests.RequestException as exc:
            detail = f"{method} {path}: {type(exc).__name__}: {exc}"
            log.samples.append(Sample(endpoint, path, None, None, False, detail))
        pause = min(think, deadline - time.monotonic())
        if pause > 0:
            time.sleep(pause)
    http.close()


def run_clients(plan: Plan, clients: int, seconds: float, think: float, feasibility_every: float):
    """``clients`` threads for ``seconds`` (hard stop); returns their logs, the time taken and how many are
    still waiting for an answer."""
    logs = [ClientLog() for _ in range(clients)]
    began = time.monotonic()
    deadline = began + seconds
    threads = [
        threading.Thread(
            target=client_loop,
            args=(i, plan, deadline, think, feasibility_every, logs[i]),
            daemon=True,
            name=f"client-{i + 1}",
        )
        for i in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(0, deadline + REQUEST_TIMEOUT + 10 - time.monotonic()))
    return logs, time.monotonic() - began, sum(thread.is_alive() for thread in threads)


def figures(samples: list[Sample], seconds: float) -> dict:
    timed = [s.ms for s in samples if s.ms is not None]
    statuses: dict[str, int] = {}
    for s in samples:
        key = str(s.status) if s.status is not None else "no answer"
        statuses[key] = statuses.get(key, 0) + 1
    return {
        "requests": len(samples),
        "requests_per_s": round(len(samples) / seconds, 2),
        "p50_ms": round(statistics.median(timed), 1) if timed else None,
        "p95_ms": round(percentile(timed, 95), 1) if timed else None,
        "p99_ms": round(percentile(timed, 99), 1) if timed else None,
        "errors": sum(1 for s in samples if not s.ok),
        "statuses": statuses,
    }


def feasibility_outcome(run_ids: list[int]) -> dict:
    """Wait (at most ``DRAIN_SECONDS``) for the worker to finish the requested runs; their statuses."""
    from feasibility.models import FeasibilityRun, RunStatus

    pending = (RunStatus.QUEUED, RunStatus.RUNNING)
    deadline = time.monotonic() + DRAIN_SECONDS
    while run_ids and time.monotonic() < deadline:
        if not FeasibilityRun.objects.filter(pk__in=run_ids, status__in=pending).exists():
            break
        time.sleep(1)
    runs = list(FeasibilityRun.objects.filter(pk__in=run_ids).values("status", "created_at", "finished_at"))
    outcome: dict = {"requested": len(run_ids)}
    for run in runs:
        outcome[run["status"]] = outcome.get(run["status"], 0) + 1
    waits = [(r["finished_at"] - r["created_at"]).total_seconds() for r in runs if r["finished_at"]]
    if waits:
        outcome["request_to_finish_p50_s"] = round(statistics.median(waits), 2)
        outcome["request_to_finish_max_s"] = round(max(waits), 2)
    return outcome


#
# Main
#


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--partnerships", type=int, default=5000)
    parser.add_argument("--think", type=float, default=0.5)
    parser.add_argument("--warmup", type=float, default=5)
    parser.add_argument("--feasibility-every", type=float, default=5)
    parser.add_argument("--steps", default="basics")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--broker-url", default=os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/0")
    parser.add_argument("--cache-url", default=os.environ.get("CACHE_URL"))
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL server (a throwaway database is created next to it).")
    if args.clients < 1 or args.seconds <= 0:
        raise SystemExit("--clients must be at least 1 and --seconds above 0.")
    cache_url = args.cache_url or args.broker_url

    run_tag = f"bench-load-{os.getpid()}"
    workdir = Path(tempfile.mkdtemp(prefix=f"{run_tag}-"))
    environment = {
        "DJANGO_SETTINGS_MODULE": "bench.load_settings",
        "DEBUG": "0",
        "SECRET_KEY": "load-bench-" + secrets.token_urlsafe(40),
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "CACHE_URL": cache_url,
        "LOG_LEVEL": "WARNING",
        "BENCH_LOAD_STATIC_ROOT": str(workdir / "static"),
        "BENCH_LOAD_QUEUE": run_tag,
        "BENCH_LOAD_PREFIX": f"{run_tag}:",
    }
    os.environ.update(environment)
    # This process seeds with tasks run in-process; only gunicorn and the worker get the broker.
    for name in ("CELERY_BROKER_URL", "CELERY_RESULT_BACKEND"):
        os.environ.pop(name, None)
    cleanup = prepare_database("loadbench")
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    server = worker = None
    server_log, worker_log = workdir / "gunicorn.log", workdir / "worker.log"
    try:
        import django

        django.setup()
        import requests
        from django.core.management import call_command
        from django.db import connection

        from design.steps import STEP_CODES

        steps = [code.strip() for code in args.steps.split(",") if code.strip() and code.strip() != "all"]
        if not steps:
            steps = list(STEP_CODES)
        if unknown := set(steps) - set(STEP_CODES):
            raise SystemExit(f"Unknown wizard steps {sorted(unknown)}; the steps are {', '.join(STEP_CODES)}.")

        began = time.perf_counter()
        create_schema(call_command)
        call_command("collectstatic", interactive=False, verbosity=0)
        print(f"Migrated and collected the static files in {time.perf_counter() - began:.1f} s")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        plan, total = seed(args.partnerships, args.clients, base, steps)
        connection.close()
        print(f"Seeded {total} partnerships on {connection.vendor} in {time.perf_counter() - began:.1f} s")

        child_env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "CELERY_BROKER_URL": args.broker_url,
            "CELERY_RESULT_BACKEND": args.broker_url,
        }
        worker = start(
            [
                str(VENV_BIN / "celery"),
                "-A",
                "smp",
                "worker",
                "--concurrency",
                "1",
                "-l",
                "INFO",
                "-n",
                f"{run_tag}@%h",
                "--without-mingle",
                "--without-gossip",
                "--without-heartbeat",
            ],
            child_env,
            worker_log,
        )
        server = start(
            [
                str(VENV_BIN / "gunicorn"),
                "smp.wsgi",
                "--workers",
                str(args.workers),
                "--bind",
                f"127.0.0.1:{port}",
                "--timeout",
                str(REQUEST_TIMEOUT),
                "--graceful-timeout",
                "10",
            ],
            child_env,
            server_log,
        )

        def healthy() -> bool:
            try:
                return requests.get(f"{base}/healthz", timeout=5).status_code == 200
            except requests.RequestException:
                return False

        wait_until(healthy, 60, "gunicorn", server, server_log)
        wait_until(lambda: " ready." in tail(worker_log), 60, "Celery worker", worker, worker_log)
        print(
            f"gunicorn ({args.workers} workers) on {base}, one Celery worker on queue {run_tag}; "
            f"{args.clients} clients for {args.seconds:g} s, {args.think:g} s between requests"
        )

        warmup_errors = []
        if args.warmup > 0:  # first requests of each worker: imports, templates, connections (not measured)
            warm_logs = run_clients(plan, args.clients, args.warmup, args.think, 0)[0]
            warmup_errors = [s for log in warm_logs for s in log.samples if not s.ok]
        logs, elapsed, stragglers = run_clients(plan, args.clients, args.seconds, args.think, args.feasibility_every)
        samples = [sample for log in logs for sample in log.samples]
        endpoints = {}
        for name in [*MIX, "feasibility_post"]:
            mine = [s for s in samples if s.endpoint == name]
            if mine:
                endpoints[name] = figures(mine, args.seconds)
        totals = figures(samples, args.seconds)
        runs = feasibility_outcome([run_id for log in logs for run_id in log.run_ids])

        print(f"\n{'endpoint':<18}{'requests':>9}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}")
        for name, row in [*endpoints.items(), ("total", totals)]:
            print(
                f"{name:<18}{row['requests']:>9}{row['requests_per_s']:>8.1f}{row['p50_ms'] or 0:>9.1f}"
                f"{row['p95_ms'] or 0:>9.1f}{row['p99_ms'] or 0:>9.1f}{row['errors']:>8}"
            )
        print(f"feasibility runs: {runs}")
        slowest = sorted((s for s in samples if s.ms is not None), key=lambda s: s.ms, reverse=True)[:5]
        print("slowest: " + "; ".join(f"{s.path} {s.ms:.0f} ms ({s.status})" for s in slowest))
        if stragglers:
            print(f"{stragglers} client(s) still waiting for an answer after the hard stop (left behind)")
        errors = [s for s in samples if not s.ok]
        if warmup_errors:
            print(f"{len(warmup_errors)} error(s) during the warm-up (not counted), e.g. {warmup_errors[0].detail}")
        if errors or warmup_errors:
            print(f"\n{len(errors)} error(s); a sample:")
            seen: dict[str, int] = {}
            for sample in errors:
                seen[sample.endpoint] = seen.get(sample.endpoint, 0) + 1
                if seen[sample.endpoint] <= 3:
                    print(f"  [{sample.endpoint}] {sample.detail}")
            print(f"\nEnd of the gunicorn log:\n{tail(server_log)}")
        if runs.get("failed") or runs.get("queued") or runs.get("running"):
            print(f"\nEnd of the worker log:\n{tail(worker_log)}")

        p95s = [totals["p95_ms"], *(row["p95_ms"] for row in endpoints.values())]
        met = {
            "errors": totals["errors"] <= TARGETS["errors"],
            "p95_ms": all(p is not None and p <= TARGETS["p95_ms"] for p in p95s),
        }
        result = {
            "bench": "load",
            "database": connection.vendor,
            "partnerships": total,
            "clients": args.clients,
            "seconds": args.seconds,
            "warmup_s": args.warmup,
            "measured_seconds": round(elapsed, 1),
            "think_s": args.think,
            "wizard_steps": steps,
            "gunicorn_workers": args.workers,
            "cpus": os.cpu_count(),
            "endpoints": endpoints,
            "total": totals,
            "feasibility_runs": runs,
            "warmup_errors": len(warmup_errors),
            "slowest": [{"path": s.path, "ms": round(s.ms, 1), "status": s.status} for s in slowest],
            "targets": TARGETS,
            "targets_met": met,
            "all_targets_met": all(met.values()),
        }
        print(json.dumps(result))
    finally:
        stop(server, "gunicorn")
        stop(worker, "Celery worker")
        redis_cleanup({args.broker_url, cache_url}, f"{run_tag}:", run_tag)
        cleanup()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
