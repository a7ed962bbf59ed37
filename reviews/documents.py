"""Rendered documents: what the PDF design brief and the draft agreement do the same way.

A ``smp.models.RenderedDocument`` (``reviews.DesignBrief``, ``agreements.AgreementDraft``) is asked for in a
web request and rendered by a Celery worker into file(s) of the private storage. Each kind's services
(``reviews.services.design_brief_*``, ``agreements.services.agreement_draft_*``) say what identifies a
document, how its task is sent, how its files are rendered and, in words, why it failed; this module does the
rest:

* :func:`rendered_document_request` — the document of a key, created queued when there is none; a failed one,
  one a lost worker left behind or a ready one whose files are gone is queued again; the task is enqueued
  after commit;
* :func:`rendered_document_render` — claims a queued document with a conditional update (a message delivered
  twice renders once), checks that the partnership is still at the document's version, renders and stores
  the files, and marks the document succeeded, or failed with the reason in words;
* :func:`render_task` — the Celery task decorator of both render tasks (retries, time limits).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import DatabaseError, IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation

from codelists.reviews import BriefStatus
from smp.models import RenderedDocument, private_storage

logger = logging.getLogger(__name__)

#: A render: (document, partnership as ``partnership_get_full`` loads it) → {file field: (storage name, bytes)}.
Render = Callable[[RenderedDocument, object], dict[str, tuple[str, bytes]]]


def rendered_document_stale_after() -> timedelta:
    """A document queued or rendering for longer than twice the task's hard time limit has lost its worker."""
    return timedelta(seconds=2 * int(getattr(settings, "CELERY_TASK_TIME_LIMIT", 180)))


def render_task(name: str):
    """The Celery task decorator of a document's render task ``name``: late acknowledgement, retries with
    backoff on database connection errors, and the project's time limits."""
    from celery import shared_task

    return shared_task(
        name=name,
        acks_late=True,
        autoretry_for=(OperationalError, InterfaceError),
        retry_backoff=2,
        retry_backoff_max=60,
        retry_jitter=True,
        max_retries=5,
        soft_time_limit=getattr(settings, "CELERY_TASK_SOFT_TIME_LIMIT", 120),
        time_limit=getattr(settings, "CELERY_TASK_TIME_LIMIT", 180),
    )


class DocumentOutdated(Exception):
    """The partnership changed (to ``version``) between the request and the rendering."""

    def __init__(self, version: int):
        super().__init__(f"partnership is at version {version}")
        self.version = version


@dataclass(frozen=True)
class FailureTexts:
    """Why a document of one kind failed, in words: lazy texts, each written in the document's language.

    ``outdated`` takes ``%(now)s`` and ``%(version)s``, ``too_long`` may take ``%(seconds)s`` (the soft time
    limit) and ``failed`` takes ``%(detail)s`` (the error's type and message)."""

    outdated: str
    too_long: str
    failed: str

    def of(self, document: RenderedDocument, exc: BaseException) -> str:
        from celery.exceptions import SoftTimeLimitExceeded

        with translation.override(document.language):
            if isinstance(exc, DocumentOutdated):
                return str(self.outdated % {"now": exc.version, "version": document.partnership_version})
            if isinstance(exc, SoftTimeLimitExceeded):
                return str(self.too_long % {"seconds": getattr(settings, "CELERY_TASK_SOFT_TIME_LIMIT", 120)})
            return str(self.failed % {"detail": f"{type(exc).__name__}: {exc}"[:500]})


def _files_kept(document: RenderedDocument) -> bool:
    storage = private_storage()
    files = [getattr(document, name) for name in document.file_fields]
    return all(file and storage.exists(file.name) for file in files)


def rendered_document_request(
    *, model: type[RenderedDocument], key: dict, user=None, enqueue: Callable[[int], None]
) -> RenderedDocument:
    """The document of ``model`` identified by ``key``, to be rendered by a worker.

    Returns the stored one when it is ready or already being prepared (nothing is rendered twice), the failed
    one queued again (a retry; also a ready one whose files are gone, or one a lost worker left behind), or a
    new queued one. ``enqueue(document_id)`` sends the render task (after commit) whenever a document is
    queued; what it raises propagates, the document read again. Two simultaneous requests get the same
    document (the unique constraint of ``key``: the loser of the race reads the winner's row).
    """
    requested_by = user if getattr(user, "is_authenticated", False) else None
    document = model.objects.filter(**key).first()
    if document is None:
        try:
            with transaction.atomic():
                document = model.objects.create(**key, requested_by=requested_by, status=BriefStatus.QUEUED)
        except IntegrityError:
            return model.objects.get(**key)  # a simultaneous request created it: use that one
        try:
            enqueue(document.pk)
        finally:
            document.refresh_from_db()
        return document
    now = timezone.now()
    retry = Q(status=BriefStatus.FAILED) | Q(
        status__in=[BriefStatus.QUEUED, BriefStatus.RUNNING], updated_at__lt=now - rendered_document_stale_after()
    )
    if document.status == BriefStatus.SUCCEEDED and not _files_kept(document):
        logger.warning("%s %s: its files are missing, rendering it again", document.document_name, document.pk)
        retry |= Q(status=BriefStatus.SUCCEEDED)  # the files were lost (a volume not shared or not kept)
    requeued = model.objects.filter(Q(pk=document.pk) & retry).update(
        status=BriefStatus.QUEUED,
        error="",
        **model.files_columns(None),
        finished_at=None,
        requested_by=requested_by,
        updated_at=now,
    )
    if requeued:
        logger.info("%s %s queued again (was %s)", document.document_name, document.pk, document.status)
        try:
            enqueue(document.pk)
        finally:
            document.refresh_from_db()
    return document


def rendered_document_render(
    *,
    model: type[RenderedDocument],
    document_id: int,
    render: Render,
    failures: FailureTexts,
    on_stored: Callable[[RenderedDocument], None] | None = None,
) -> RenderedDocument | None:
    """Claim document ``document_id`` of ``model``, render its files and store them; ``None`` when not claimed.

    Called by the render tasks only. The claim is a conditional update (queued → running), so a message
    delivered twice renders once. A partnership no longer at the document's version fails it
    (:class:`DocumentOutdated`). Database connection errors put the document back in the queue and propagate
    (the task retries); any other error marks it failed with the reason in words (``failures``). Once the files
    are stored the document is marked succeeded (``on_stored`` then runs), unless it was taken back meanwhile
    (a stale document queued again): then the files are deleted.
    """
    from partnerships.selectors import partnership_get_full

    name = model.document_name
    now = timezone.now()
    claimed = model.objects.filter(pk=document_id, status=BriefStatus.QUEUED).update(
        status=BriefStatus.RUNNING,
        started_at=now,
        finished_at=None,
        error="",
        attempts=F("attempts") + 1,
        updated_at=now,
    )
    if not claimed:
        logger.info("%s %s not claimed: already taken, finished or missing", name, document_id)
        return None
    document = model.objects.get(pk=document_id)
    running = model.objects.filter(pk=document_id, status=BriefStatus.RUNNING)
    try:
        partnership = partnership_get_full(partnership_id=document.partnership_id)
        if partnership.version != document.partnership_version:
            raise DocumentOutdated(partnership.version)
        files = render(document, partnership)
    except (OperationalError, InterfaceError):
        try:
            running.update(status=BriefStatus.QUEUED)
        except DatabaseError:
            logger.warning("%s %s: could not release it after a database error", name, document_id)
        raise
    except Exception as exc:
        if not isinstance(exc, DocumentOutdated):
            logger.exception("%s %s failed", name, document_id)
        running.update(status=BriefStatus.FAILED, finished_at=timezone.now(), error=failures.of(document, exc))
    else:
        storage = private_storage()
        stored_files = {
            field: (storage.save(path, ContentFile(content)), content) for field, (path, content) in files.items()
        }
        done = timezone.now()
        stored = running.update(
            status=BriefStatus.SUCCEEDED, **model.files_columns(stored_files), finished_at=done, updated_at=done
        )
        if not stored:  # taken back meanwhile: keep no orphan files
            for stored_name, _content in stored_files.values():
                storage.delete(stored_name)
        elif on_stored is not None:
            on_stored(document)
    document.refresh_from_db()
    return document
