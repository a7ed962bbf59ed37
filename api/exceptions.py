"""One JSON shape for every API error (issue "REST API for partners").

Every 4xx answer is ``{"error": {"code": ..., "message": ..., "fields": {...}}}``; ``fields`` maps a field
(dotted for nested rows, e.g. ``shares.1.percent``) to its messages. Service errors are mapped here, so
views stay thin: Django ``ValidationError`` → 400, ``ConflictError`` → 409, a missing exchange rate → 422,
database constraint and range errors → 400/409 rather than 500, an unreachable job queue → 503
``broker_unavailable`` with ``Retry-After``.

Answers that are not the client's fault keep the shape too (issue 16): a database that cannot be reached
→ 503 ``database_unavailable`` with ``Retry-After``; anything unexpected → 500 ``server_error`` with no detail
of the failure. ``api.middleware.ApiErrorMiddleware`` and ``smp.views.server_error`` give the same answers
for failures outside DRF's views (e.g. opening the transaction of a write, or in a middleware).
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError, InterfaceError, OperationalError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from smp.exceptions import BrokerUnavailable, ConflictError

logger = logging.getLogger(__name__)

NON_FIELD = "non_field_errors"
#: Seconds a client should wait before retrying while the database cannot be reached.
DATABASE_RETRY_AFTER = 30
#: Pages under /api/ that are HTML for people, not the JSON API.
HTML_PAGES_UNDER_API = ("/api/tokens/", "/api/docs/")
#: Codes of a service's refusal of the whole request that the answer carries as its ``code`` (instead of
#: ``validation_error``), so a client can act on them: ``not_running`` — results are recorded only while the
#: partnership is implemented or evaluated (``partnerships.services.monitoring_assert_open``).
SERVICE_ERROR_CODES = frozenset({"not_running"})
DATABASE_UNAVAILABLE_MESSAGE = _(
    "The service cannot reach its database just now. Nothing was saved; try again shortly."
)


def is_json_api_path(path: str) -> bool:
    """True for the JSON API (``/api/v1/…``, ``/api/schema/``, unknown ``/api/`` paths), not its HTML pages."""
    return path.startswith("/api/") and not path.startswith(HTML_PAGES_UNDER_API)


def is_database_unavailable(exc: BaseException) -> bool:
    """The database cannot be reached (connection refused or lost), as opposed to a bad query."""
    return isinstance(exc, OperationalError | InterfaceError)


def unexpected_error_response(exc: BaseException) -> JsonResponse:
    """The JSON answer for an exception no handler turned into a 4xx: 503 while the database is down, else 500.

    Says nothing about the failure itself (it is logged by the caller).
    """
    if is_database_unavailable(exc):
        response = JsonResponse(
            error_body(
                "database_unavailable",
                DATABASE_UNAVAILABLE_MESSAGE,
            ),
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
        )
        response["Retry-After"] = str(DATABASE_RETRY_AFTER)
        return response
    return JsonResponse(
        error_body("server_error", _("Something went wrong on our side. Nothing was saved; try again later.")),
        status=status.HTTP_500_INTERNAL_SERVER_ERROR,
    )


class PreconditionFailed(exceptions.APIException):
    """``If-Match`` names another version than the stored one."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _("The object changed since you read it (If-Match does not match its ETag). Read it again.")
    default_code = "precondition_failed"


class UnprocessableEntity(exceptions.APIException):
    """The request is well-formed but the data needed to answer it is missing (e.g. an exchange rate)."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = _("The request cannot be answered with the data stored.")
    default_code = "unprocessable"

    def __init__(self, detail=None, code=None, extra: dict | None = None):
        super().__init__(detail, code)
        self.extra = extra or {}


class ServiceUnavailable(exceptions.APIException):
    """A service the request needs (the job queue) cannot be reached; ``Retry-After`` says when to retry."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = _("The service is temporarily unavailable. Try again shortly.")
    default_code = "service_unavailable"

    def __init__(self, detail=None, code=None, *, wait: int | None = None, extra: dict | None = None):
        super().__init__(detail, code)
        self.wait = wait  # DRF's handler turns it into Retry-After
        self.extra = extra or {}


def _messages(value: Any) -> list[str]:
    if isinstance(value, list | tuple):
        out: list[str] = []
        for item in value:
            out.extend(_messages(item))
        return out
    return [str(value)]


def flatten_fields(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error detail → ``{"field": [...], "shares.1.percent": [...]}``."""
    fields: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            fields.update(flatten_fields(value, name))
    elif isinstance(detail, list) and any(isinstance(item, dict | list) for item in detail):
        for index, item in enumerate(detail):
            if isinstance(item, dict) and not item:
                continue
            if isinstance(item, dict | list):
                fields.update(flatten_fields(item, f"{prefix}.{index}" if prefix else str(index)))
            else:
                fields.setdefault(prefix or NON_FIELD, []).append(str(item))
    else:
        fields[prefix or NON_FIELD] = _messages(detail)
    return fields


def django_validation_fields(error: DjangoValidationError) -> dict[str, list[str]]:
    """A service's ``ValidationError`` → field messages; ``__all__`` becomes ``non_field_errors``.

    A message about one row of a nested list carries ``collection`` and ``row`` (counted from 1) in its
    params (``costs.services.cost_shares_validate``); it is keyed by the dotted path the client sent,
    counted from 0 like DRF's own nested errors: ``shares.1.percent`` for the second share's percent.
    """
    if not hasattr(error, "error_dict"):
        return {NON_FIELD: list(error.messages)}
    fields: dict[str, list[str]] = {}
    for key, errors in error.error_dict.items():
        for item in errors:
            params = item.params if isinstance(item.params, dict) else {}
            name = NON_FIELD if key == "__all__" else key
            if params.get("collection") and isinstance(params.get("row"), int):
                row = f"{params['collection']}.{params['row'] - 1}"
                name = row if key in ("__all__", params["collection"]) else f"{row}.{key}"
            fields.setdefault(name, []).extend(item.messages)
    return fields


def _first_message(fields: dict[str, list[str]], default: str) -> str:
    for key, messages in fields.items():
        if messages:
            return messages[0] if key == NON_FIELD else f"{key}: {messages[0]}"
    return default


def error_body(code: str, message: str, fields: dict | None = None, **extra) -> dict:
    body = {"code": code, "message": str(message), "fields": fields or {}}
    body.update(extra)
    return {"error": body}


def _translate(exc: Exception) -> Exception:
    """Map service and database errors to DRF exceptions (or keep ours) before DRF renders them."""
    if isinstance(exc, Http404):
        return exceptions.NotFound(_("Not found."))
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, BrokerUnavailable):
        return ServiceUnavailable(
            _("The job queue cannot be reached right now, so the check was not started. Try again in a minute."),
            code="broker_unavailable",
            wait=exc.retry_after,
            extra={"runs": exc.run_ids} if exc.run_ids else None,
        )
    return exc


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF ``EXCEPTION_HANDLER``: every error the API raises becomes the shape documented above."""
    if is_database_unavailable(exc):
        logger.error("API: database unavailable: %s", exc.__class__.__name__, exc_info=exc)
        return Response(
            error_body(
                "database_unavailable",
                DATABASE_UNAVAILABLE_MESSAGE,
            ),
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": str(DATABASE_RETRY_AFTER)},
        )
    if isinstance(exc, ConflictError):
        return Response(
            error_body(
                "conflict",
                exc.message,
                current_version=exc.current_version,
                saved_by=exc.saved_by,
                saved_at=exc.saved_at.isoformat() if getattr(exc.saved_at, "isoformat", None) else exc.saved_at,
            ),
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, DjangoValidationError) and getattr(exc, "code", None) == "open_gaps":
        # A forward stage move with an unacknowledged exit checklist: the gaps, each with the wizard step and
        # rule that concern it, so a client can fix them or resend with acknowledge_gaps (docs/api.md).
        return Response(
            error_body("open_gaps", exc.messages[0], {}, gaps=list(exc.params.get("items", []))),
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, DjangoValidationError):
        fields = django_validation_fields(exc)
        message = _first_message(fields, str(_("Invalid input.")))
        code = getattr(exc, "code", None) if not hasattr(exc, "error_dict") else None
        code = code if code in SERVICE_ERROR_CODES else "validation_error"
        return Response(error_body(code, message, fields), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, IntegrityError):
        return Response(
            error_body(
                "conflict", _("The change conflicts with data already stored (a duplicate?). Nothing was saved.")
            ),
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, DataError):
        return Response(
            error_body("validation_error", _("A value is out of range or not storable. Nothing was saved.")),
            status=status.HTTP_400_BAD_REQUEST,
        )
    exc = _translate(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        fields = flatten_fields(exc.detail)
        message = _first_message(fields, str(_("Invalid input.")))
        response.data = error_body("validation_error", message, fields)
        return response
    detail = getattr(exc, "detail", "")
    code = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
    if not isinstance(code, str):
        code = "error"
    if isinstance(exc, exceptions.ParseError):
        code = "parse_error"
    elif isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        code = "not_authenticated" if isinstance(exc, exceptions.NotAuthenticated) else "authentication_failed"
    extra = dict(getattr(exc, "extra", {}) or {})
    message = detail if isinstance(detail, str) else _first_message(flatten_fields(detail), "")
    response.data = error_body(code, message, **extra)
    return response
