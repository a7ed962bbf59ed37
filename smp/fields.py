"""Field types shared by every app.

``multi §x`` code lists of SMP-DOMAIN Appendix A are stored as JSON lists
(``jsonb`` on PostgreSQL, JSON text on SQLite) rather than ``ArrayField`` so the
same schema and migrations serve both databases; every item is validated against
its code list. ISO lists use pycountry / django-countries, never hand-typed codes.
"""

from __future__ import annotations

from collections.abc import Iterable

import pycountry
from django import forms
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

CURRENCY_CHOICES: list[tuple[str, str]] = sorted((c.alpha_3, f"{c.alpha_3} — {c.name}") for c in pycountry.currencies)
CURRENCY_CODES: frozenset[str] = frozenset(code for code, _label in CURRENCY_CHOICES)
LANGUAGE_CODES: frozenset[str] = frozenset(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2"))
LANGUAGE_CHOICES: list[tuple[str, str]] = sorted(
    ((lang.alpha_2, f"{lang.alpha_2} — {lang.name}") for lang in pycountry.languages if hasattr(lang, "alpha_2")),
    key=lambda pair: pair[0],
)


def validate_currency(value: str) -> None:
    if value and value not in CURRENCY_CODES:
        raise ValidationError(
            _("%(value)s is not an ISO 4217 currency code."), code="unknown_currency", params={"value": value}
        )


class CurrencyField(models.CharField):
    """An ISO 4217 currency code (``iso4217`` in Appendix A)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 3)
        kwargs.setdefault("choices", CURRENCY_CHOICES)
        super().__init__(*args, **kwargs)
        if validate_currency not in self.validators:
            self.validators.append(validate_currency)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("choices", None)
        if kwargs.get("max_length") == 3:
            kwargs.pop("max_length")
        return name, path, args, kwargs


class MultiChoiceField(models.JSONField):
    """A list of codes from one code list (``multi §x``); empty list = nothing recorded."""

    def __init__(self, *args, choices: Iterable[tuple[str, str]] | None = None, **kwargs):
        self.item_choices = list(choices or [])
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        # Code lists live in code; keep migrations free of them.
        if kwargs.get("default") is list:
            kwargs.pop("default")
        if kwargs.get("blank") is True:
            kwargs.pop("blank")
        return name, path, args, kwargs

    @property
    def allowed(self) -> set[str]:
        return {code for code, _label in self.item_choices}

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if value in (None, ""):
            return
        if not isinstance(value, list):
            raise ValidationError(_("Expected a list of codes."), code="not_a_list")
        if self.item_choices:
            unknown = [v for v in value if v not in self.allowed]
            if unknown:
                raise ValidationError(
                    _("Unknown code(s): %(codes)s. Allowed: %(allowed)s."),
                    code="unknown_code",
                    params={"codes": ", ".join(map(str, unknown)), "allowed": ", ".join(sorted(self.allowed))},
                )
        if len(set(map(str, value))) != len(value):
            raise ValidationError(_("A code is listed twice."), code="duplicate_code")

    def formfield(self, **kwargs):
        if not self.item_choices:
            return super().formfield(**kwargs)
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": self.item_choices,
            "required": not self.blank,
            "widget": forms.CheckboxSelectMultiple,
            "label": self.verbose_name.capitalize() if self.verbose_name else None,
            "help_text": self.help_text,
        }
        defaults.update(kwargs)
        return forms.TypedMultipleChoiceField(
            choices=defaults["choices"],
            required=defaults["required"],
            widget=defaults["widget"],
            label=defaults["label"],
            help_text=defaults["help_text"],
        )


class LanguageListField(MultiChoiceField):
    """A list of ISO 639-1 language codes (``lang[]``)."""

    def __init__(self, *args, **kwargs):
        kwargs["choices"] = LANGUAGE_CHOICES
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("choices", None)
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        kwargs.setdefault("widget", forms.SelectMultiple(attrs={"size": 6}))
        return super().formfield(**kwargs)


class StrListField(models.JSONField):
    """A list of short free texts (``str[]``)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("default") is list:
            kwargs.pop("default")
        if kwargs.get("blank") is True:
            kwargs.pop("blank")
        return name, path, args, kwargs


def choices_constraint(model_name: str, field: str, choices: type[models.TextChoices], *, allow_blank: bool = False):
    """A CHECK constraint that keeps a choice column inside its code list, and says so in words when broken
    (forms and serializers refuse an unknown choice first; this is the last line)."""
    condition = Q(**{f"{field}__in": list(choices.values)})
    if allow_blank:
        condition |= Q(**{field: ""}) | Q(**{f"{field}__isnull": True})
    message = format_lazy(_("Choose one of the listed values for “{field}”."), field=field.replace("_", " "))
    return models.CheckConstraint(
        condition=condition, name=f"{model_name}_{field}_valid", violation_error_message=message
    )


def json_list_has(field_name: str, code: str) -> Q:
    """``code`` is one of the values of the JSON-list column ``field_name``: ``jsonb @>`` on PostgreSQL; elsewhere
    (SQLite, where JSON "contains" is not supported) the column's JSON text holds the quoted code, an exact
    match because codes are identifiers."""
    if connection.vendor == "postgresql":
        return Q(**{f"{field_name}__contains": [code]})
    return Q(**{f"{field_name}__icontains": f'"{code}"'})
