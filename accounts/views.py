"""Pages of the accounts app: inviting a colleague, accepting an invitation, the throttled password reset,
the login page and the page shown when logging in is blocked (docs/security.md). Writes go through
``accounts.services``; these views only read forms, apply the per-address limits and render."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views import i18n as i18n_views
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from accounts.forms import InvitationAcceptForm, InvitationForm
from accounts.selectors import invitation_get_open, invitation_organisations_for, user_may_invite
from accounts.services import INVALID_LINK, invitation_accept, invitation_create, invitation_token_hash
from smp import ratelimit
from smp.exceptions import ValidationError
from smp.net import client_address

logger = logging.getLogger(__name__)

TOO_MANY = _("Too many requests came from your address. Try again in %(minutes)d minutes.")


def _minutes(seconds: int) -> int:
    return max(1, -(-seconds // 60))


def _count_hit(scope: str, ident: str | None) -> ratelimit.Limit:
    return ratelimit.hit(scope, ident, settings.ACCOUNT_RATE_LIMITS[scope])


#
# Login and lockout (django-axes)
#


class LoginView(auth_views.LoginView):
    """Django's login page, saying how many wrong passwords block logging in."""

    extra_context = {"login_failure_limit": settings.AXES_FAILURE_LIMIT}

    def get_form(self, form_class=None):
        """After a refused login the error summary takes the focus, so the user-name field gives up its
        autofocus (the browser would otherwise move the focus back to it after the page's script ran)."""
        form = super().get_form(form_class)
        if form.is_bound:
            form.fields["username"].widget.attrs.pop("autofocus", None)
        return form


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """``AXES_LOCKOUT_CALLABLE``: the page shown, in words and with status 429, while a username and address
    are locked out (site login and admin login alike)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes}
    return render(request, "registration/locked_out.html", context, status=429)


#
# Password reset by email (Django's views; per-address and per-email limits)
#


class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, limited per client address (then a 429 in words) and per email address (then
    the same "check your inbox" page, but no email), so the page never tells whether an address has an account."""

    def form_valid(self, form):
        address = _count_hit("password_reset_address", client_address(self.request))
        if not address.allowed:
            form.add_error(None, TOO_MANY % {"minutes": _minutes(address.retry_after)})
            return self.render_to_response(self.get_context_data(form=form), status=429)
        if not _count_hit("password_reset_email", form.cleaned_data["email"]).allowed:
            logger.warning("password reset: too many requests for one email address; no email sent")
            return redirect(self.get_success_url())
        return super().form_valid(form)


#
# Invitations
#


@never_cache
@login_required
def start(request: HttpRequest) -> HttpResponse:
    """Where a user lands after signing in (``LOGIN_REDIRECT_URL``): reviewers on the portfolio dashboard,
    everyone else on "My partnerships". A ``next`` page asked for before signing in still wins (Django's
    login view follows it first)."""
    from accounts.models import UserRole

    if request.user.role == UserRole.REVIEWER:
        return redirect("reviews:dashboard")
    return redirect("design:list")


@login_required
@require_http_methods(["GET", "POST"])
def invitation_new(request: HttpRequest) -> HttpResponse:
    """An official invites a colleague into one of their organisations (administrators: into any)."""
    if not user_may_invite(request.user):
        raise PermissionDenied(_("Officials and administrators invite colleagues."))
    organisations = invitation_organisations_for(request.user)
    form = InvitationForm(request.POST or None, organisations=organisations)
    status = 200
    if request.method == "POST" and form.is_valid():
        address = _count_hit("invitation_address", client_address(request))
        email = form.cleaned_data["email"]
        if not address.allowed:
            form.add_error(None, TOO_MANY % {"minutes": _minutes(address.retry_after)})
            status = 429
        else:
            if _count_hit("invitation_email", email).allowed:
                invitation_create(
                    invited_by=request.user,
                    email=email,
                    organisation=form.cleaned_data["organisation"],
                    base_url=request.build_absolute_uri("/"),
                )
            else:
                logger.warning("invitation: too many invitations for one email address; none sent")
            messages.success(
                request,
                _t("An invitation is on its way to %(email)s. The link works once, for %(days)d days.")
                % {"email": email, "days": settings.INVITATION_VALID_DAYS},
            )
            return redirect("accounts:invitation_new")
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "accounts/invitation_new.html",
        {"form": form, "has_organisations": organisations.exists()},
        status=status,
    )


@never_cache
@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def invitation_accept_view(request: HttpRequest, token: str) -> HttpResponse:
    """The invitee chooses a user name and a password; the link then stops working."""
    invitation = invitation_get_open(token_hash=invitation_token_hash(token))
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", {"message": INVALID_LINK}, status=404)
    form = InvitationAcceptForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                invitation_accept(
                    raw_token=token,
                    username=data["username"],
                    password=data["password1"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                )
            except ValidationError as error:
                if not hasattr(error, "error_dict"):
                    return render(request, "accounts/invitation_invalid.html", {"message": INVALID_LINK}, status=404)
                for field, field_errors in error.message_dict.items():
                    form.add_error("password1" if field == "password" else field, field_errors)
            else:
                messages.success(request, _t("Your account is ready. Log in with your new user name and password."))
                return redirect("login")
    return render(request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation}, status=status)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, which also saves the choice on the signed-in user's profile (``User.language``):
    their pages, emails and PDF briefs follow it from then on, on every device."""
    response = i18n_views.set_language(request)
    code = request.POST.get("language", "")
    user = request.user
    if user.is_authenticated and code in dict(settings.LANGUAGES) and user.language != code:
        user.language = code
        user.save(update_fields=["language"])
    return response
