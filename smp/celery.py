"""Celery application. Configuration comes from Django settings (CELERY_* names)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smp.settings")

app = Celery("smp")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="smp.ping")
def ping() -> str:
    """Prove the wiring: a worker that receives this answers ``pong``."""
    return "pong"
