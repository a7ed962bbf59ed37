"""A real Celery worker process against the broker in CELERY_BROKER_URL answers `smp.ping`."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.worker


@pytest.fixture
def worker():
    if not settings.CELERY_BROKER_URL:
        pytest.skip("CELERY_BROKER_URL is not set: no broker to start a worker against (CI sets it)")
    celery = Path(sys.executable).parent / "celery"
    proc = subprocess.Popen(  # noqa: S603
        [str(celery), "-A", "smp", "worker", "--pool=solo", "-l", "INFO", "-n", f"ping-{os.getpid()}@%h"],
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    yield proc
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def test_a_real_worker_answers_ping(worker):
    from smp.celery import app, ping

    app.conf.task_always_eager = False
    result = ping.apply_async()
    try:
        assert result.get(timeout=60) == "pong"
    finally:
        app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
    assert worker.poll() is None, "the worker is still running until the fixture stops it"
