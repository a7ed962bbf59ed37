"""Write services of the agreements app: asking for a draft agreement and rendering it (in a worker).

Follows the PDF design brief of ``reviews.services`` (``design_brief_request`` / ``design_brief_render``): a
request records a queued draft and publishes ``agreements.render_agreement_draft`` once committed; a draft of
the same version and language is reused (a failed one, or one a lost worker left behind, is queued again).
When the job queue cannot be reached the draft is marked failed with the reason and
``smp.exceptions.BrokerUnavailable`` is raised (the API answers 503, the page shows a message).
"""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.db import DatabaseError, IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agreements import selectors
from agreements.models import AgreementDraft, private_storage
from codelists.reviews import BriefStatus
from partnerships.models import Partnership
from reviews.services import design_brief_language, design_brief_stale_after
from smp.exceptions import BrokerUnavailable

logger = logging.getLogger(__name__)


def agreement_draft_language(language: str | None) -> str:
    """The code of ``settings.LANGUAGES`` a draft in ``language`` is written in (``fr-ch`` → ``fr``)."""
    return design_brief_language(language)


def _publish(draft_id: int) -> None:
    """Send the render task; on an unreachable broker fail the draft with the reason and raise."""
    from kombu.exceptions import OperationalError as KombuOperationalError

    from agreements.tasks import render_agreement_draft

    try:
        render_agreement_draft.delay(draft_id)
    except (KombuOperationalError, OSError) as error:
        logger.warning("Job queue unreachable, draft agreement %s not started: %s", draft_id, error)
        AgreementDraft.objects.filter(pk=draft_id, status=BriefStatus.QUEUED).update(
            status=BriefStatus.FAILED,
            finished_at=timezone.now(),
            error=gettext("Not started: the job queue could not be reached. Ask for the draft again in a minute."),
        )
        raise BrokerUnavailable() from error


def _enqueue(draft_id: int) -> None:
    transaction.on_commit(lambda: _publish(draft_id))


def agreement_draft_request(*, partnership: Partnership, user=None, language: str | None = None) -> AgreementDraft:
    """Ask for the draft agreement of ``partnership`` as it is now, in ``language``; a worker renders it.

    Returns the stored draft of the current version and language when it is ready or being prepared, the
    failed one queued again (also a ready one whose files are gone, or one a lost worker left), or a new
    queued draft. Raises ``BrokerUnavailable`` (after failing the draft) when the job queue is unreachable.
    """
    language = agreement_draft_language(language)
    fresh = Partnership.objects.only("id", "version").get(pk=partnership.pk)
    key = selectors.agreement_draft_key(partnership=fresh, language=language)
    requested_by = user if getattr(user, "is_authenticated", False) else None
    draft = AgreementDraft.objects.filter(**key).first()
    if draft is None:
        try:
            with transaction.atomic():
                draft = AgreementDraft.objects.create(**key, requested_by=requested_by, status=BriefStatus.QUEUED)
        except IntegrityError:
            return AgreementDraft.objects.get(**key)  # a simultaneous request created it
        try:
            _enqueue(draft.pk)
        finally:
            draft.refresh_from_db()
        return draft
    now = timezone.now()
    retry = Q(status=BriefStatus.FAILED) | Q(
        status__in=[BriefStatus.QUEUED, BriefStatus.RUNNING], updated_at__lt=now - design_brief_stale_after()
    )
    if draft.status == BriefStatus.SUCCEEDED:
        storage = private_storage()
        if not (draft.docx and draft.pdf and storage.exists(draft.docx.name) and storage.exists(draft.pdf.name)):
            logger.warning("Files of draft agreement %s are missing: rendering it again", draft.pk)
            retry |= Q(status=BriefStatus.SUCCEEDED)
    requeued = AgreementDraft.objects.filter(Q(pk=draft.pk) & retry).update(
        status=BriefStatus.QUEUED,
        error="",
        docx="",
        pdf="",
        finished_at=None,
        requested_by=requested_by,
        updated_at=now,
    )
    if requeued:
        try:
            _enqueue(draft.pk)
        finally:
            draft.refresh_from_db()
    return draft


class _DraftOutdated(Exception):
    def __init__(self, version: int):
        super().__init__(f"partnership is at version {version}")
        self.version = version


def _error_text(draft: AgreementDraft, exc: BaseException) -> str:
    from celery.exceptions import SoftTimeLimitExceeded

    with translation.override(draft.language):
        if isinstance(exc, _DraftOutdated):
            return str(
                _(
                    "The partnership was changed (it is now at version %(now)s) before this draft of version "
                    "%(version)s was prepared. Prepare a new draft for the current data."
                )
                % {"now": exc.version, "version": draft.partnership_version}
            )
        if isinstance(exc, SoftTimeLimitExceeded):
            return str(_("Preparing the draft took too long and was stopped. Try again."))
        detail = f"{type(exc).__name__}: {exc}"[:500]
        return str(
            _(
                "The draft agreement could not be produced (%(detail)s). Try again; if it fails again, tell "
                "the platform administrators."
            )
            % {"detail": detail}
        )


def agreement_draft_render(*, draft_id: int) -> AgreementDraft | None:
    """Claim draft ``draft_id``, render the DOCX and the PDF and store them; ``None`` when not claimed.

    Called by the Celery task only. Database connection errors put the draft back in the queue and propagate
    (the task retries); any other error marks the draft failed with the reason in words.
    """
    from agreements.builders import agreement_docx, agreement_pdf
    from feasibility.models import FeasibilityRun
    from partnerships.selectors import partnership_get_full
    from reviews.selectors import design_brief_run_id

    now = timezone.now()
    claimed = AgreementDraft.objects.filter(pk=draft_id, status=BriefStatus.QUEUED).update(
        status=BriefStatus.RUNNING,
        started_at=now,
        finished_at=None,
        error="",
        attempts=F("attempts") + 1,
        updated_at=now,
    )
    if not claimed:
        logger.info("Draft agreement %s not claimed: already taken, finished or missing", draft_id)
        return None
    draft = AgreementDraft.objects.get(pk=draft_id)
    try:
        p = partnership_get_full(partnership_id=draft.partnership_id)
        if p.version != draft.partnership_version:
            raise _DraftOutdated(p.version)
        run_id = design_brief_run_id(partnership_id=p.pk)
        run = FeasibilityRun.objects.prefetch_related("findings").get(pk=run_id) if run_id else None
        docx = agreement_docx(partnership=p, run=run, language=draft.language)
        pdf = agreement_pdf(partnership=p, run=run, language=draft.language)
    except (OperationalError, InterfaceError):
        try:
            AgreementDraft.objects.filter(pk=draft_id, status=BriefStatus.RUNNING).update(status=BriefStatus.QUEUED)
        except DatabaseError:
            logger.warning("Could not release draft agreement %s after a database error", draft_id)
        raise
    except Exception as exc:
        if not isinstance(exc, _DraftOutdated):
            logger.exception("Draft agreement %s failed", draft_id)
        AgreementDraft.objects.filter(pk=draft_id, status=BriefStatus.RUNNING).update(
            status=BriefStatus.FAILED, finished_at=timezone.now(), error=_error_text(draft, exc)
        )
    else:
        storage = private_storage()
        base = f"agreements/{draft.partnership_id}/draft-{draft.pk}"
        docx_name = storage.save(f"{base}.docx", ContentFile(docx))
        pdf_name = storage.save(f"{base}.pdf", ContentFile(pdf))
        done = timezone.now()
        stored = AgreementDraft.objects.filter(pk=draft_id, status=BriefStatus.RUNNING).update(
            status=BriefStatus.SUCCEEDED, docx=docx_name, pdf=pdf_name, finished_at=done, updated_at=done
        )
        if not stored:  # taken back meanwhile: keep no orphan files
            storage.delete(docx_name)
            storage.delete(pdf_name)
    draft.refresh_from_db()
    return draft


def signed_agreement_record(
    *, partnership: Partnership, user, expected_version: int, signed_on, url: str, clauses: list[str], upload=None
) -> Partnership:
    """Record the signed agreement: the date, the published URL and the clauses on the partnership (a versioned
    write: ``ConflictError`` when someone saved since ``expected_version``), and the signed PDF, if given, in
    the private storage (replacing an earlier one)."""
    from agreements.models import SignedAgreement
    from partnerships.services import partnership_update

    with transaction.atomic():
        partnership = partnership_update(
            partnership=partnership,
            user=user,
            expected_version=expected_version,
            data={
                "agreement_signed_on": signed_on,
                "agreement_url": url,
                "agreement_published": bool(url) or None,
                "agreement_clauses": list(clauses),
            },
        )
        if upload is not None:
            storage = private_storage()
            name = storage.save(f"agreements/{partnership.pk}/signed/signed-agreement.pdf", upload)
            old = SignedAgreement.objects.filter(partnership=partnership).first()
            old_name = old.file.name if old is not None else None
            SignedAgreement.objects.update_or_create(
                partnership=partnership,
                defaults={"file": name, "size": upload.size, "uploaded_by": user if user.is_authenticated else None},
            )
            if old_name and old_name != name:
                transaction.on_commit(lambda: storage.delete(old_name))
    return partnership
