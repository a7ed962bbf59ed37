"""Errors raised by services and mapped to messages in the UI and 4xx answers in the API."""

from __future__ import annotations

from django.core.exceptions import ValidationError  # noqa: F401  (re-exported for services)


class ConflictError(Exception):
    """A write was based on a stale ``version``: somebody else saved first.

    Carries who saved last and when so the UI and the API can say so; nothing was written.
    """

    def __init__(self, message: str, *, current_version: int, saved_by: str | None = None, saved_at=None):
        super().__init__(message)
        self.message = message
        self.current_version = current_version
        self.saved_by = saved_by
        self.saved_at = saved_at


class BrokerUnavailable(Exception):
    """The job queue (the Celery broker) could not be reached, so background work was not started.

    Whatever was to be sent is marked failed with the reason before this is raised (nothing is left
    waiting for a message that was never sent). The API answers 503 ``broker_unavailable`` with
    ``Retry-After``; pages show a message.
    """

    retry_after = 30  # seconds: what the API puts in Retry-After

    def __init__(self, message: str = "", *, run_ids: list[int] | None = None):
        super().__init__(message or "The job queue could not be reached.")
        self.run_ids = list(run_ids or [])
