"""OpenAPI description of the API (drf-spectacular).

``ApiAutoSchema`` adds the error answers every operation can give — in the one JSON shape of
``api.exceptions`` — so clients and schemathesis' status-code conformance check see them declared:
400 (bad input), 401 (no or bad key), 403 (role may not), 404 (not found or not yours), 429 (throttled),
503 (database unreachable), and for writes 409 (stale ``version``), 412 (``If-Match`` mismatch), 413 (body
over 1 MiB) and 415 (not JSON). Writes to a partnership's rows declare the ``If-Match`` header, and every
create and update says which combinations must be unique (from the model's constraints), in words.
"""

from __future__ import annotations

from django.db import models
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, inline_serializer
from rest_framework import serializers


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Machine-readable code, e.g. validation_error, not_found, conflict.")
    message = serializers.CharField(help_text="What went wrong, for people.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Messages per field; nested rows are dotted (shares.1.percent).",
    )
    current_version = serializers.IntegerField(required=False, help_text="409 only: the stored version.")
    saved_by = serializers.CharField(required=False, allow_null=True, help_text="409 only: who saved last.")
    saved_at = serializers.CharField(required=False, allow_null=True, help_text="409 only: when.")
    pairs = serializers.ListField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="422 only: the currency pairs without an exchange rate.",
    )
    valuation_date = serializers.DateField(required=False, help_text="422 only: the date rates were looked up for.")
    gaps = serializers.ListField(
        child=serializers.DictField(child=serializers.CharField()),
        required=False,
        help_text="400 open_gaps only: the missing items of the stage's exit checklist — code, message, step "
        "(the wizard step that records it), step_label and rule (the rule that reads it, if any).",
    )


class ErrorSerializer(serializers.Serializer):
    """Every 4xx answer of the API."""

    error = ErrorDetailSerializer()


ERROR_EXAMPLES = [
    OpenApiExample(
        "Shares not totalling 100 %",
        value={
            "error": {
                "code": "validation_error",
                "message": "shares: Shares total 95.00 %, must be 100.00 %.",
                "fields": {"shares": ["Shares total 95.00 %, must be 100.00 %."]},
            }
        },
        response_only=True,
        status_codes=["400"],
    ),
]

READ_ERRORS = {
    "400": "Invalid query parameter.",
    "401": "No key, or an unknown or revoked key (see WWW-Authenticate).",
    "403": "Your role may not do this.",
    "404": "Not found, or not in a partnership you take part in.",
    "429": "Too many requests; retry after the number of seconds in Retry-After.",
    "503": "The database cannot be reached just now; retry after the seconds in Retry-After.",
}
WRITE_ERRORS = {
    **READ_ERRORS,
    "400": "Invalid input; messages per field.",
    "409": "Somebody saved since the version you sent; nothing was saved.",
    "412": "If-Match does not match the current ETag.",
    "413": "The body is larger than 1 MiB.",
    "415": "Send JSON (Content-Type: application/json).",
}
IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    description='The ETag you read (the partnership\'s version, e.g. W/"3"); 412 when somebody saved since.',
)


def label_enums(result, generator, request, public):
    """Postprocessing hook: an enum built from a related field (``sectors`` lists ``Sector`` codes) carries no
    labels of its own; give every named code list of ``ENUM_NAME_OVERRIDES`` its "* `code` - Label" lines."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    schemas = result.get("components", {}).get("schemas", {})
    for name, path in settings.SPECTACULAR_SETTINGS.get("ENUM_NAME_OVERRIDES", {}).items():
        body = schemas.get(name)
        if body is None or body.get("description") or not isinstance(path, str):
            continue
        choices = import_string(path)
        pairs = getattr(choices, "choices", choices)
        body["description"] = "\n".join(f"* `{code}` - {label}" for code, label in pairs if code)
    return result


def condition_words(model, condition) -> str:
    """A unique constraint's condition in words, for the simple forms our models use."""
    parts = []
    for child in condition.children:
        if not isinstance(child, tuple):
            return "among some rows"
        lookup, value = child
        name, _sep, test = lookup.partition("__")
        label = str(model._meta.get_field(name).verbose_name)
        if test == "isnull":
            empty = bool(value) != condition.negated
            parts.append(f"among rows with no {label}" if empty else f"among rows with a {label}")
        elif not test and value == "":
            parts.append(f"among rows with a {label}" if condition.negated else f"among rows with no {label}")
        else:
            return "among some rows"
    return ", ".join(parts)


def uniqueness_rules(model) -> list[str]:
    """The model's uniqueness rules in words: "one row per partnership and country"."""

    def names(fields) -> str:
        labels = [str(model._meta.get_field(name).verbose_name) for name in fields]
        return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]

    rules = []
    for fields in model._meta.unique_together:
        rules.append(f"one row per {names(fields)}")
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and constraint.fields:
            rule = f"one row per {names(constraint.fields)}"
            if constraint.condition is not None:
                rule += f" ({condition_words(model, constraint.condition)})"
            rules.append(rule)
    for field in model._meta.concrete_fields:
        if field.unique and not field.primary_key:
            rules.append(f"each {field.verbose_name} at most once")
    return rules


class ApiAutoSchema(AutoSchema):
    """drf-spectacular's AutoSchema plus the declared error answers (see the module docstring)."""

    def get_description(self):
        description = super().get_description() or ""
        queryset = getattr(self.view, "queryset", None)
        if self.method in ("POST", "PUT", "PATCH") and queryset is not None:
            rules = uniqueness_rules(queryset.model)
            if rules:
                description = f"{description}\n\nUnique: {'; '.join(rules)}.".strip()
        return description

    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        # Rows of a partnership (api.viewsets.PartnershipScopedViewSet) honour If-Match on every write but create.
        if self.method in ("PUT", "PATCH", "DELETE") and hasattr(self.view, "etag_headers"):
            parameters = [*parameters, IF_MATCH]
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = READ_ERRORS if self.method in ("GET", "HEAD", "OPTIONS") else WRITE_ERRORS
        for code, description in errors.items():
            if code not in responses:
                response = self._get_response_for_code(ErrorSerializer, code, direction=direction)
                response["description"] = description
                responses[code] = response
        return responses


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <key>` (or `Bearer <key>`); keys are issued at /api/tokens/ or with "
            "`manage.py create_api_token`.",
        }


RUN_ACCEPTED = inline_serializer(
    "FeasibilityRunAccepted",
    fields={
        "id": serializers.IntegerField(),
        "status": serializers.CharField(),
        "url": serializers.URLField(),
        "reused": serializers.BooleanField(help_text="True when an existing queued or unchanged run answers."),
    },
)
