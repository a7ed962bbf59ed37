"""Pages of the api app: the reference docs page, the token pages, and the JSON 404 for unknown API paths."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from api.exceptions import error_body
from api.models import ApiToken
from api.permissions import user_is_admin
from api.services import api_token_can_manage, api_token_create, api_token_revoke


@csrf_exempt  # answers every method with a 404; nothing to protect, and CSRF would answer with an HTML 403
def not_found(request: HttpRequest) -> JsonResponse:
    """Any path under /api/ that names no resource: the API's JSON 404, not the HTML page."""
    return JsonResponse(error_body("not_found", _t("No API resource at this address.")), status=404)


def docs(request: HttpRequest) -> HttpResponse:
    """A reference page built in the browser from /api/schema/ (no CDN; see api/static/api/docs.js)."""
    return render(request, "api/docs.html")


#
# Token management (officials for their organisations' users, admins for everyone)
#


def _may_manage_tokens(user) -> bool:
    return user_is_admin(user) or user.role == user.Role.OFFICIAL


def manageable_users(actor):
    """Users whose keys ``actor`` may issue and revoke."""
    users = get_user_model().objects.filter(is_active=True)
    if user_is_admin(actor):
        return users.order_by("username")
    return users.filter(organisations__in=actor.organisations.all()).distinct().order_by("username")


def manageable_tokens(actor):
    tokens = ApiToken.objects.select_related("user", "created_by", "revoked_by")
    if user_is_admin(actor):
        return tokens
    return tokens.filter(user__in=manageable_users(actor))


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    """List keys, issue one (the raw key is shown once, in this answer only)."""
    if not _may_manage_tokens(request.user):
        raise PermissionDenied(_("Officials and administrators manage API keys."))
    users = manageable_users(request.user)
    context: dict = {"users": users, "errors": {}, "form": {}}
    status = 200
    if request.method == "POST":
        name = request.POST.get("name", "")
        user_id = request.POST.get("user", "")
        context["form"] = {"name": name, "user": user_id}
        target = users.filter(pk=user_id).first() if user_id.isdigit() else None
        if target is None:
            context["errors"]["user"] = [_t("Choose a user of your organisations.")]
            status = 400
        else:
            try:
                token, raw_key = api_token_create(user=target, name=name, created_by=request.user)
            except ValidationError as error:
                context["errors"] = {("general" if k == "__all__" else k): v for k, v in error.message_dict.items()}
                status = 400
            else:
                context.update({"new_token": token, "raw_key": raw_key, "form": {}})
                status = 201
    context["tokens"] = manageable_tokens(request.user)[:200]
    return render(request, "api/tokens.html", context, status=status)


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke a key at once (it stays listed, marked revoked)."""
    token = get_object_or_404(manageable_tokens(request.user), pk=pk) if _may_manage_tokens(request.user) else None
    if token is None or not api_token_can_manage(actor=request.user, user=token.user):
        raise PermissionDenied(_("You may not revoke this key."))
    api_token_revoke(token=token, revoked_by=request.user)
    messages.success(request, _t("Key %(prefix)s… revoked.") % {"prefix": token.prefix})
    return redirect("api:tokens")
