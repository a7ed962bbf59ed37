"""Processes the worker and reliability tests start against pytest's test database (Celery workers, a Redis
server, gunicorn): one way to build their ``DATABASE_URL`` and to start, kill and stop them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def database_url() -> str:
    """A URL for the database pytest-django created (``test_<name>``), for the other processes."""
    s = connection.settings_dict
    auth = quote(s["USER"] or "", safe="")
    if s.get("PASSWORD"):
        auth += ":" + quote(s["PASSWORD"], safe="")
    host = s.get("HOST") or "127.0.0.1"
    port = f":{s['PORT']}" if s.get("PORT") else ""
    return f"postgres://{auth}@{host}{port}/{quote(s['NAME'], safe='')}"


class Process:
    """A subprocess whose output goes to a log file."""

    def __init__(self, name: str, args: list[str], log: Path, env: dict[str, str]):
        self.name = name
        self.log = log
        self.handle = log.open("a")
        self.proc = subprocess.Popen(  # noqa: S603 - fixed argument lists built by this module
            args, cwd=ROOT, env=env, stdout=self.handle, stderr=subprocess.STDOUT
        )

    @property
    def pid(self) -> int:
        return self.proc.pid

    def output(self) -> str:
        self.handle.flush()
        return self.log.read_text(errors="replace")

    def kill(self) -> None:
        """SIGKILL: no cleanup, no acknowledgement."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=15)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGCONT)  # a frozen process must be able to act on SIGTERM
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.handle.close()


def environment(*, broker: str | None = None, **env: str) -> dict[str, str]:
    """This process's environment for another process on the test database, ``env`` on top.

    ``broker`` (a Redis URL) replaces ``CELERY_BROKER_URL`` and ``CELERY_RESULT_BACKEND``: the reliability suite
    runs its own Redis server, which it stops and freezes.
    """
    brokers = {"CELERY_BROKER_URL": broker, "CELERY_RESULT_BACKEND": broker} if broker else {}
    return {**os.environ, "DATABASE_URL": database_url(), "DB_CONN_MAX_AGE": "0", **brokers, **env}


def start_worker(name: str, log: Path, *, broker: str | None = None, **env: str) -> Process:
    """A ``celery -A smp worker --pool=solo`` on the test database, logging to ``log``.

    ``broker`` and ``env`` (e.g. ``CELERY_VISIBILITY_TIMEOUT="1"``, ``PRIVATE_MEDIA_ROOT``) as for
    :func:`environment`.
    """
    args = [str(BIN / "celery"), "-A", "smp", "worker", "--pool=solo", "-l", "INFO", "-n", f"{name}-{os.getpid()}@%h"]
    return Process(name, args, log, environment(broker=broker, **env))


def wait_for(predicate, *, timeout: float, what: str, logs=()):
    """Poll ``predicate`` until it is true; on time-out fail the test with the end of each process's log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    shown = "".join(f"\n--- {proc.name} ---\n{proc.output()[-3000:]}" for proc in logs)
    pytest.fail(f"Timed out after {timeout} s waiting for {what}.{shown}")
