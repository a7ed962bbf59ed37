"""Refuse NUL characters in query strings and forms before any view sees them (issue 16, "Trust").

PostgreSQL cannot store a NUL in text, and the driver raises (a 500) as soon as one reaches a query — a
search term, a form field read by hand, a lookup by code. Nothing a person types contains one, so any
request carrying a NUL in its query string or form body is answered 400 with a message: a page for people,
the API's error shape (``{"error": {"code", "message", "fields"}}``) under the JSON API. JSON bodies of the
API are checked by its parser (``api.parsers``), which also refuses the other control characters.
"""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _keys_with_nul(data) -> list[str]:
    return [key for key, values in data.lists() if "\x00" in key or any("\x00" in value for value in values)]


class RejectNullCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from api.exceptions import error_body, is_json_api_path

        json_api = is_json_api_path(request.path)
        keys = _keys_with_nul(request.GET)
        if not keys and not json_api and request.method == "POST" and request.content_type in FORM_TYPES:
            keys = _keys_with_nul(request.POST)
        if not keys:
            return self.get_response(request)
        message = _("Null characters are not allowed.")
        if json_api:
            fields = {key.replace("\x00", "") or "non_field_errors": [message] for key in keys}
            return JsonResponse(error_body("validation_error", message, fields), status=400)
        text = _("The request contained a null character, which no form or search accepts. Go back and try again.")
        return render(request, "400.html", {"message": text}, status=400)
