"""Site-wide views: home page, health endpoint and error pages."""

from __future__ import annotations

import logging
import sys

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def home(request: HttpRequest) -> HttpResponse:
    """What the platform is and where each kind of user starts."""
    return render(request, "home.html")


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """``/favicon.ico`` for clients that ask there (the admin, JSON pages): the site's SVG icon under /static/."""
    return HttpResponseRedirect(static("favicon.svg"))


def _check_database() -> dict:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "down"; report it, never raise
        logger.warning("healthz: database unreachable: %s", exc)
        return {"status": "down", "error": exc.__class__.__name__}
    return {"status": "up", "vendor": connections["default"].vendor}


def _check_broker() -> dict:
    broker_url = settings.CELERY_BROKER_URL
    if not broker_url:
        return {"status": "eager", "detail": "no broker configured; tasks run in-process"}
    from kombu import Connection

    try:
        with Connection(broker_url, connect_timeout=2, transport_options={"max_retries": 0}) as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)
    except Exception as exc:  # any transport error means "down"
        logger.warning("healthz: broker unreachable: %s", exc)
        return {"status": "down", "error": exc.__class__.__name__}
    return {"status": "up"}


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Database and broker reachability: 200 when both answer, 503 naming the one that does not.

    With no broker configured Celery runs tasks eagerly; that is reported and is not a failure.
    """
    checks = {"database": _check_database(), "broker": _check_broker()}
    down = [name for name, result in checks.items() if result["status"] == "down"]
    body = {"status": "down" if down else "ok", "down": down, "checks": checks}
    return JsonResponse(body, status=503 if down else 200)


# Under /api/ (the JSON API, not its HTML pages) the error views answer in the API's error shape (issue 16).


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    from api.exceptions import error_body, is_json_api_path

    if is_json_api_path(request.path):
        return JsonResponse(error_body("bad_request", _("The request could not be understood.")), status=400)
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    from api.exceptions import error_body, is_json_api_path

    if is_json_api_path(request.path):
        message = str(exception or "") or _("You may not do this.")
        return JsonResponse(error_body("permission_denied", message), status=403)
    # The permission policy's refusals name who may do the action (docs/permissions.md): show that sentence.
    return render(request, "403.html", {"exception": str(exception or "")}, status=403)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    from api.exceptions import error_body, is_json_api_path

    if is_json_api_path(request.path):
        return JsonResponse(error_body("not_found", _("No API resource at this address.")), status=404)
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    from api.exceptions import is_json_api_path, unexpected_error_response

    if is_json_api_path(request.path):
        # Called by Django while it handles the exception, so it is still the current one.
        return unexpected_error_response(sys.exc_info()[1] or Exception())
    # No context processors that touch the database: the failure may be the database.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)
