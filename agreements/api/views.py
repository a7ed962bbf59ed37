"""The draft agreement in the REST API (docs/api.md "Draft agreement").

``POST /api/v1/partnerships/{id}/agreement-draft/`` asks for the draft of the partnership as it is now
(202 with the draft's URL in ``Location``; a draft of the same version and language is reused); ``GET`` on
that URL gives its state and, once ready, the URLs of the DOCX and the PDF, which are served as attachments
to everyone who may see the partnership.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from agreements import selectors, services
from agreements.api.serializers import (
    AgreementDraftAcceptedSerializer,
    AgreementDraftRequestSerializer,
    AgreementDraftSerializer,
)
from agreements.models import AgreementDraft, private_storage
from api.viewsets import ApiViewSetMixin, parse_id
from design.selectors import partnership_get_for_user

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def draft_body(draft: AgreementDraft, request) -> dict:
    """The state of a draft in the API: ids, status (code and words), error, and the file URLs once ready."""
    kwargs = {"pk": draft.partnership_id, "draft_id": draft.pk}
    ready = draft.is_ready
    return {
        "id": draft.pk,
        "partnership": draft.partnership_id,
        "partnership_version": draft.partnership_version,
        "language": draft.language,
        "status": draft.status,
        "status_label": draft.get_status_display(),
        "error": draft.error,
        "url": reverse("api:agreement-draft-detail", kwargs=kwargs, request=request),
        "docx_url": reverse("api:agreement-draft-docx", kwargs=kwargs, request=request) if ready else None,
        "pdf_url": reverse("api:agreement-draft-pdf", kwargs=kwargs, request=request) if ready else None,
        "created_at": draft.created_at,
        "finished_at": draft.finished_at,
    }


class _DraftView(ApiViewSetMixin, APIView):
    serializer_class = AgreementDraftSerializer

    def partnership(self, request, pk):
        return partnership_get_for_user(user=request.user, partnership_id=parse_id(pk))

    def draft(self, request, pk, draft_id) -> AgreementDraft:
        partnership = self.partnership(request, pk)
        draft = selectors.agreement_draft_of(partnership=partnership, draft_id=parse_id(draft_id))
        if draft is None:
            raise Http404(_("No such draft agreement."))
        return draft


class AgreementDraftRequestView(_DraftView):
    @extend_schema(
        summary="Ask for the draft agreement: 202 with the draft's URL (Location)",
        request=AgreementDraftRequestSerializer,
        responses={202: AgreementDraftAcceptedSerializer},
    )
    def post(self, request, pk):
        partnership = self.partnership(request, pk)
        language = request.data.get("language") if isinstance(request.data, dict) else None
        key = {"partnership_id": partnership.pk, "partnership_version": partnership.version}
        try:
            language = services.agreement_draft_language(language or translation.get_language())
            existed = AgreementDraft.objects.filter(**key, language=language).exists()
            draft = services.agreement_draft_request(partnership=partnership, user=request.user, language=language)
        except ValidationError as error:
            raise exceptions.ValidationError(error.message_dict) from None
        body = {**draft_body(draft, request), "reused": existed}
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["url"]})


class AgreementDraftDetailView(_DraftView):
    @extend_schema(
        summary="The state of a draft agreement and, once ready, the URLs of its files",
        responses={200: AgreementDraftSerializer},
    )
    def get(self, request, pk, draft_id):
        return Response(draft_body(self.draft(request, pk, draft_id), request))


class AgreementDraftFileView(_DraftView):
    extension = "docx"

    @extend_schema(summary="A file of the draft agreement, as an attachment", responses={200: bytes})
    def get(self, request, pk, draft_id):
        draft = self.draft(request, pk, draft_id)
        field = getattr(draft, self.extension)
        if not draft.is_ready:
            raise Http404(_("This draft agreement is not ready."))
        try:
            handle = private_storage().open(field.name, "rb")
        except FileNotFoundError:
            raise Http404(_("The file of this draft agreement is missing; prepare the draft again.")) from None
        return FileResponse(
            handle,
            as_attachment=True,
            filename=draft.download_name(self.extension),
            content_type=CONTENT_TYPES[self.extension],
        )
