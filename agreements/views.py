"""Pages of the agreements app: ask for the draft agreement (from the partnership page's Design tab) and
download its files. Nothing is rendered here: a Celery worker prepares the draft (agreements.services)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from agreements import selectors, services
from agreements.models import private_storage
from design.selectors import partnership_get_for_user
from smp.exceptions import BrokerUnavailable
from smp.punctuation import labelled

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _design_tab(pk: int) -> str:
    return reverse("monitoring:page", args=[pk]) + "#agreement-draft"


@login_required
@require_POST
def draft_prepare(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask for the draft agreement as the partnership is now, in the page's language (reused when ready)."""
    partnership = partnership_get_for_user(user=request.user, partnership_id=pk)
    try:
        services.agreement_draft_request(
            partnership=partnership, user=request.user, language=translation.get_language()
        )
    except BrokerUnavailable:
        messages.error(
            request, _("The draft could not be started: the job queue is unreachable. Try again in a minute.")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.info(request, _("The draft agreement is being prepared; reload the page in a few seconds."))
    return redirect(_design_tab(partnership.pk))


@login_required
@require_GET
def draft_download(request: HttpRequest, pk: int, draft_id: int, extension: str) -> FileResponse:
    """A file of the draft (DOCX or PDF) as an attachment, to everyone who may see the partnership."""
    partnership = partnership_get_for_user(user=request.user, partnership_id=pk)
    draft = selectors.agreement_draft_of(partnership=partnership, draft_id=draft_id)
    if extension not in CONTENT_TYPES or draft is None or not draft.is_ready:
        raise Http404(_("This draft agreement is not ready."))
    try:
        handle = private_storage().open(getattr(draft, extension).name, "rb")
    except FileNotFoundError:
        raise Http404(_("The file of this draft agreement is missing; prepare the draft again.")) from None
    return FileResponse(
        handle, as_attachment=True, filename=draft.download_name(extension), content_type=CONTENT_TYPES[extension]
    )


@login_required
@require_POST
def signed_record(request: HttpRequest, pk: int) -> HttpResponse:
    """The lead side records the signed agreement: date, published URL, clauses covered and the signed PDF."""
    from agreements.forms import SignedAgreementForm
    from partnerships import policy
    from smp.exceptions import ConflictError

    partnership = partnership_get_for_user(user=request.user, partnership_id=pk)
    decision = policy.decide(policy.Action.RECORD_AGREEMENT, user=request.user, partnership=partnership)
    if not decision.allowed:
        raise PermissionDenied(decision.reason)
    form = SignedAgreementForm(request.POST, request.FILES)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, labelled(label, " ".join(errors)) if label else " ".join(errors))
        return redirect(reverse("monitoring:page", args=[pk]) + "#signed-agreement")
    data = form.cleaned_data
    try:
        services.signed_agreement_record(
            partnership=partnership,
            user=request.user,
            expected_version=data["version"],
            signed_on=data["signed_on"],
            url=data["url"],
            clauses=data["clauses"],
            upload=data["file"] or None,
        )
    except ConflictError as error:
        messages.error(request, error.message)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The signed agreement is recorded."))
    return redirect(reverse("monitoring:page", args=[pk]) + "#signed-agreement")


@login_required
@require_GET
def signed_download(request: HttpRequest, pk: int) -> FileResponse:
    """The signed text as an attachment, to everyone who may see the partnership."""
    from agreements.models import SignedAgreement

    partnership = partnership_get_for_user(user=request.user, partnership_id=pk)
    signed = SignedAgreement.objects.filter(partnership=partnership).first()
    if signed is None:
        raise Http404(_("No signed agreement is recorded."))
    try:
        handle = private_storage().open(signed.file.name, "rb")
    except FileNotFoundError:
        raise Http404(_("The file of the signed agreement is missing; upload it again.")) from None
    return FileResponse(handle, as_attachment=True, filename=signed.download_name, content_type="application/pdf")
