"""JSON answers for failures of the JSON API outside DRF's exception handling (issue 16, "Trust").

DRF turns the exceptions of a view's handler into answers (``api.exceptions.api_exception_handler``), but not
an exception raised around it — e.g. opening the transaction of a write while the database is down — nor one
its handler leaves unhandled. For ``/api/`` paths this middleware answers those in the API's error shape:
503 ``database_unavailable`` (with ``Retry-After``) when the database cannot be reached, else 500
``server_error`` without details. The exception is logged like Django logs an unhandled one. The exceptions
Django itself answers with 400, 403 and 404 are left to the error views (``smp.views``), which answer JSON
under ``/api/`` too.
"""

from __future__ import annotations

import logging

from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404

from api.exceptions import is_json_api_path, unexpected_error_response

logger = logging.getLogger("django.request")
CLIENT_ERRORS = (Http404, PermissionDenied, BadRequest, SuspiciousOperation)


class ApiErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_json_api_path(request.path) or isinstance(exception, CLIENT_ERRORS):
            return None
        response = unexpected_error_response(exception)
        logger.error(
            "%s: %s",
            response.reason_phrase,
            request.path,
            exc_info=exception,
            extra={"status_code": response.status_code, "request": request},
        )
        return response
