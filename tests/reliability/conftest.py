"""Processes the reliability suite starts and stops itself: a Redis server, Celery workers and a gunicorn server.

Every process runs against pytest's PostgreSQL test database (``DATABASE_URL`` built from
``connection.settings_dict``; the tests are transactional so the other processes see committed rows) and,
for the broker, against a Redis server this suite starts on a free port (``redis-server --port N --save ''
--appendonly no``), so a test can stop it, freeze it (SIGSTOP) and start it again on the same port without
touching the shared Redis. Logs go to files under the test's ``tmp_path`` and are shown when a wait times out.

Needs ``redis-server`` on PATH (CI installs it, scripts/services.sh) and PostgreSQL; like the worker tests
it skips only when ``CELERY_BROKER_URL`` is unset (a laptop run on SQLite with eager tasks).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.processes import BIN, Process, environment, start_worker, wait_for


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RedisServer:
    """``redis-server`` on a fixed free port of 127.0.0.1, without persistence; stopped and started at will."""

    def __init__(self, tmp: Path):
        self.port = free_port()
        self.tmp = tmp
        self.process: Process | None = None
        self.starts = 0

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def start(self) -> RedisServer:
        self.starts += 1
        args = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        args += ["--dir", str(self.tmp)]
        self.process = Process("redis", args, self.tmp / "redis.log", dict(os.environ))
        wait_for(self.answers, timeout=15, what=f"redis-server on port {self.port}", logs=[self.process])
        return self

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop()
            self.process = None

    def freeze(self) -> None:
        """SIGSTOP: the port still accepts connections, nothing answers — a hung broker."""
        self.process.proc.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        self.process.proc.send_signal(signal.SIGCONT)


@pytest.fixture(name="wait_for")
def wait_for_fixture():
    """``wait_for(predicate, timeout=…, what=…, logs=[process, …])`` for the tests of this suite."""
    return wait_for


@pytest.fixture
def redis_server(tmp_path):
    if not settings.CELERY_BROKER_URL:
        pytest.skip("CELERY_BROKER_URL is not set: tasks run eagerly, there is no broker to lose (CI sets it)")
    if connection.vendor != "postgresql":
        pytest.fail("The reliability suite needs DATABASE_URL to point at PostgreSQL (other processes share it).")
    if shutil.which("redis-server") is None:
        pytest.fail("The reliability suite needs redis-server on PATH (scripts/services.sh installs it).")
    server = RedisServer(tmp_path).start()
    yield server
    server.stop()


@pytest.fixture
def processes(tmp_path):
    """Start Celery workers and gunicorn servers on the test database; all stopped at the end."""
    started: list[Process] = []

    class Factory:
        def worker(self, name: str, *, broker: str, **extra: str) -> Process:
            proc = start_worker(name, tmp_path / f"{name}.log", broker=broker, **extra)
            started.append(proc)
            return proc

        def web(self, *, broker: str, debug: bool = False, **extra: str) -> tuple[Process, str]:
            """gunicorn serving the project (``DEBUG=0`` by default, as in production); returns it and its URL."""
            port = free_port()
            production = {
                "DEBUG": "1" if debug else "0",
                "SECRET_KEY": settings.SECRET_KEY,  # sessions made by the test process stay valid
                "SECURE_SSL_REDIRECT": "0",
                "ALLOWED_HOSTS": "127.0.0.1",
            }
            args = [
                str(BIN / "gunicorn"),
                "smp.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                "1",
                "--timeout",
                "60",
                "--access-logfile",
                "-",
            ]
            proc = Process("web", args, tmp_path / f"web-{port}.log", environment(broker=broker, **production, **extra))
            started.append(proc)
            base = f"http://127.0.0.1:{port}"

            def up() -> bool:
                # Django loads on the first request: wait for an answer, so no measured request pays for it.
                try:
                    with urllib.request.urlopen(f"{base}/healthz", timeout=30) as response:  # noqa: S310 - local
                        return response.status == 200
                except OSError:
                    return False

            wait_for(up, timeout=120, what="gunicorn to answer /healthz", logs=[proc])
            return proc, base

    yield Factory()
    for proc in started:
        proc.stop()
