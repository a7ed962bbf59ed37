"""Write services of the agreements app: asking for a draft agreement and rendering it (in a worker).

Works like the PDF design brief of ``reviews.services`` (``design_brief_request`` / ``design_brief_render``),
through the same ``reviews.documents`` machinery: a request records a queued draft and publishes
``agreements.render_agreement_draft`` once committed; a draft of the same version and language is reused (a
failed one, or one a lost worker left behind, is queued again). When the job queue cannot be reached the draft
is marked failed with the reason and ``smp.exceptions.BrokerUnavailable`` is raised (the API answers 503, the
page shows a message).
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agreements import selectors
from agreements.models import AgreementDraft, private_storage
from codelists.reviews import BriefStatus
from partnerships.models import Partnership
from reviews.documents import FailureTexts, rendered_document_render, rendered_document_request
from reviews.services import design_brief_language
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
    See ``reviews.documents``.
    """
    language = agreement_draft_language(language)
    fresh = Partnership.objects.only("id", "version").get(pk=partnership.pk)
    return rendered_document_request(
        model=AgreementDraft,
        key=selectors.agreement_draft_key(partnership=fresh, language=language),
        user=user,
        enqueue=_enqueue,
    )


_DRAFT_FAILURES = FailureTexts(
    outdated=_(
        "The partnership was changed (it is now at version %(now)s) before this draft of version "
        "%(version)s was prepared. Prepare a new draft for the current data."
    ),
    too_long=_("Preparing the draft took too long and was stopped. Try again."),
    failed=_(
        "The draft agreement could not be produced (%(detail)s). Try again; if it fails again, tell "
        "the platform administrators."
    ),
)


def _draft_files(draft: AgreementDraft, partnership: Partnership) -> dict[str, tuple[str, bytes]]:
    """The DOCX and the PDF of the draft, showing the run the design brief would show."""
    from agreements.builders import agreement_docx, agreement_pdf
    from feasibility.models import FeasibilityRun
    from reviews.selectors import design_brief_run_id

    run_id = design_brief_run_id(partnership_id=partnership.pk)
    run = FeasibilityRun.objects.prefetch_related("findings").get(pk=run_id) if run_id else None
    base = f"agreements/{draft.partnership_id}/draft-{draft.pk}"
    return {
        "docx": (f"{base}.docx", agreement_docx(partnership=partnership, run=run, language=draft.language)),
        "pdf": (f"{base}.pdf", agreement_pdf(partnership=partnership, run=run, language=draft.language)),
    }


def agreement_draft_render(*, draft_id: int) -> AgreementDraft | None:
    """Claim draft ``draft_id``, render the DOCX and the PDF and store them; ``None`` when not claimed.

    Called by the Celery task only. Database connection errors put the draft back in the queue and propagate
    (the task retries); any other error marks the draft failed with the reason in words. See
    ``reviews.documents``.
    """
    return rendered_document_render(
        model=AgreementDraft, document_id=draft_id, render=_draft_files, failures=_DRAFT_FAILURES
    )


def signed_agreement_record(
    *, partnership: Partnership, user, expected_version: int, signed_on, url: str, clauses: list[str], upload=None
) -> Partnership:
    """Record the signed agreement: the date, the published URL and the clauses on the partnership (a versioned
    write: ``ConflictError`` when someone saved since ``expected_version``), and the signed PDF, if given, in
    the private storage (replacing an earlier one)."""
    from agreements.models import SignedAgreement
    from partnerships import policy
    from partnerships.services import partnership_update

    policy.require(policy.Action.RECORD_AGREEMENT, user=user, partnership=partnership)
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
