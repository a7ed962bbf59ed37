"""Celery application. Configuration comes from Django settings (CELERY_* names)."""

import os

from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smp.settings")

app = Celery("smp")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
def _freeze_startup_heap(**kwargs) -> None:
    """Before the pool forks: keep the start-up heap out of every later collection (smp/runtime.py)."""
    from smp.runtime import freeze_startup_heap

    freeze_startup_heap()


@app.task(name="smp.ping")
def ping() -> str:
    """Prove the wiring: a worker that receives this answers ``pong``."""
    return "pong"
