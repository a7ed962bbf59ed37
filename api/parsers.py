"""The API's JSON parser: DRF's, with limits on size and nesting and no control characters (issue 16, "Trust").

* A body larger than ``API_MAX_BODY_BYTES`` (1 MiB) is refused with 413 ``request_too_large`` — judged by
  ``Content-Length`` and, for a client that lies about it, by what is actually read (never more than the
  limit plus one byte).
* Arrays and objects nested deeper than ``API_MAX_JSON_DEPTH`` (32; no resource needs more than 4) are
  refused with 400 ``parse_error``. Python's decoder recurses and gives up with ``RecursionError`` around
  1,000 levels; that is caught, and anything it does decode is measured without recursion.
* A string (value or key) holding a NUL or another C0 control character — tab, line feed and carriage
  return excepted — is refused with 400 ``validation_error`` naming the field (dotted: ``shares.1.payer``).
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.parsers import JSONParser, get_encoding
from rest_framework.utils import json

from smp.text import has_control_characters, strip_control_characters

DEFAULT_MAX_BODY_BYTES = 1024 * 1024
DEFAULT_MAX_JSON_DEPTH = 32


class RequestTooLarge(exceptions.APIException):
    """The body is larger than the API accepts."""

    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = _("The request body is too large.")
    default_code = "request_too_large"


def max_body_bytes() -> int:
    return int(getattr(settings, "API_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES))


def max_json_depth() -> int:
    return int(getattr(settings, "API_MAX_JSON_DEPTH", DEFAULT_MAX_JSON_DEPTH))


def _too_large(limit: int) -> RequestTooLarge:
    return RequestTooLarge(
        _("The request body is larger than %(limit)s bytes; send less data per request.") % {"limit": limit}
    )


def _too_deep(limit: int) -> exceptions.ParseError:
    return exceptions.ParseError(
        _("The JSON is nested more than %(limit)s levels deep; no resource needs that many.") % {"limit": limit}
    )


def check_json_value(data, *, max_depth: int) -> None:
    """Walk ``data`` without recursion: refuse nesting deeper than ``max_depth`` and control characters."""
    control_message = _("Control characters (such as NUL) are not allowed in text.")
    stack: list[tuple[object, int, str]] = [(data, 1, "")]
    while stack:
        value, depth, path = stack.pop()
        if isinstance(value, str):
            if has_control_characters(value):
                raise exceptions.ValidationError({path or "non_field_errors": [control_message]})
            continue
        if not isinstance(value, dict | list):
            continue
        if depth > max_depth:
            raise _too_deep(max_depth)
        if isinstance(value, dict):
            for key, item in value.items():
                name = f"{path}.{key}" if path else str(key)
                if has_control_characters(key):
                    field = strip_control_characters(name) or "non_field_errors"
                    raise exceptions.ValidationError({field: [control_message]})
                stack.append((item, depth + 1, name))
        else:
            for index, item in enumerate(value):
                stack.append((item, depth + 1, f"{path}.{index}" if path else str(index)))


class ApiJSONParser(JSONParser):
    """DRF's ``JSONParser`` with the limits described in the module docstring."""

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        limit = max_body_bytes()
        request = parser_context.get("request")
        meta = getattr(request, "META", {}) if request is not None else {}
        try:
            declared = int(meta.get("CONTENT_LENGTH") or 0)
        except (TypeError, ValueError):
            declared = 0
        if declared > limit:
            raise _too_large(limit)
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise _too_large(limit)
        encoding = get_encoding(parser_context)  # DRF's: text encodings only
        try:
            text = raw.decode(encoding)
        except UnicodeError as exc:
            raise exceptions.ParseError(_("The body is not valid %(encoding)s text.") % {"encoding": encoding}) from exc
        depth = max_json_depth()
        try:
            parse_constant = json.strict_constant if self.strict else None  # DRF's own rule (NaN, Infinity)
            data = json.loads(text, parse_constant=parse_constant)
        except RecursionError as exc:
            raise _too_deep(depth) from exc
        except ValueError as exc:
            raise exceptions.ParseError(_("JSON parse error - %(error)s") % {"error": exc}) from exc
        check_json_value(data, max_depth=depth)
        return data
