"""Read queries of the agreements app."""

from __future__ import annotations

from agreements.models import AgreementDraft


def agreement_draft_key(*, partnership, language: str) -> dict:
    """What identifies a draft: the partnership's current version and the language."""
    return {"partnership_id": partnership.pk, "partnership_version": partnership.version, "language": language}


def agreement_draft_of(*, partnership, draft_id: int) -> AgreementDraft | None:
    """Draft ``draft_id`` of ``partnership`` (``None`` when it belongs to another partnership or is gone)."""
    return AgreementDraft.objects.filter(partnership_id=partnership.pk, pk=draft_id).first()


def agreement_draft_current(*, partnership, language: str) -> AgreementDraft | None:
    """The draft of the partnership's current version in ``language``, if one was asked for."""
    return AgreementDraft.objects.filter(**agreement_draft_key(partnership=partnership, language=language)).first()


def signed_agreement_of(*, partnership):
    """The recorded signed text of the partnership's agreement, if any."""
    from agreements.models import SignedAgreement

    return SignedAgreement.objects.filter(partnership_id=partnership.pk).only("id", "partnership_id", "size").first()
