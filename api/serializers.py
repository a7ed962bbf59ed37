"""Base serializer of every API resource.

* Code lists stored as JSON lists (``MultiChoiceField``, ``LanguageListField``) become lists of choices and
  free-text lists (``StrListField``) lists of bounded strings, so the schema and the validation name the
  allowed codes.
* Foreign keys and many-to-many fields that point to partnership-scoped rows accept only rows of
  partnerships the client can see: another's row is "does not exist", never a hint that it exists.
* ``version`` (write-only) is the partnership version the client read; a stale one gives 409.
* The schema says what every foreign key points to (the target and the endpoint that lists it) and that a
  yes/no field that may be ``null`` means "not known" then — so a developer needs no ``models.py``.
"""

from __future__ import annotations

from django.db import models
from django.utils.functional import lazy
from django_countries.fields import CountryField
from rest_framework import serializers

from smp.fields import MultiChoiceField, StrListField

MAX_LIST_ITEMS = 100
MAX_STR_ITEM = 255
#: Longest free text accepted over the API (model text fields have no limit of their own).
MAX_TEXT = 20_000
MAX_ID = 2**63 - 1


def _partnership_scoped(model) -> str | None:
    """The lookup from ``model`` to its partnership, or ``None`` for unscoped models."""
    names = {f.name for f in model._meta.get_fields()}
    if model._meta.label == "partnerships.Partnership":
        return "pk"
    if "partnership" in names:
        return "partnership"
    return None


def resource_path(model) -> str | None:
    """``/api/v1/<prefix>/`` of the endpoint listing ``model``, if the API has one."""
    from api.urls import router  # the router imports every app's views: resolve it only when asked

    for prefix, viewset, _basename in router.registry:
        queryset = getattr(viewset, "queryset", None)
        if queryset is not None and queryset.model is model:
            return f"/api/v1/{prefix}/"
    return None


def related_help(model, *, many: bool) -> str:
    """What a foreign key (or many-to-many) field holds, in words: the target, its key and where to list it."""
    name = str(model._meta.verbose_name_plural if many else model._meta.verbose_name)
    key = "codes" if many else "code"
    if not isinstance(model._meta.pk, models.CharField):
        key = "ids" if many else "id"
    if many:
        text = f"The {key} of {name}"
    else:
        article = "an" if name[:1].lower() in "aeio" else "a"  # "a user", "a unit"
        text = f"The {key} of {article} {name}"
    if _partnership_scoped(model) == "partnership":
        text += " of the same partnership"
    path = resource_path(model)
    return f"{text} (listed at GET {path})." if path else f"{text}."


def lazy_related_help(model, text: str):
    """:func:`related_help` for ``model`` followed by ``text``: the help of a foreign key that says more.

    Computed when the schema reads it (the router lists every endpoint by then), since a serializer's own
    ``help_text`` replaces the one built for the field.
    """
    return lazy(lambda: f"{related_help(model, many=False)} {text}", str)()


def scope_queryset(queryset, user):
    """Limit a queryset of a partnership-scoped model to partnerships ``user`` can read."""
    from partnerships.models import Partnership

    lookup = _partnership_scoped(queryset.model)
    if lookup is None or getattr(user, "sees_everything", False):
        return queryset
    visible = Partnership.objects.for_user(user).values("pk")
    return queryset.filter(**{f"{lookup}__in": visible})


class VersionField(serializers.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("write_only", True)
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2_147_483_647)
        kwargs.setdefault(
            "help_text", "The partnership version you read; if somebody saved since, the write is refused (409)."
        )
        super().__init__(**kwargs)


class CountryChoiceField(serializers.ChoiceField):
    """An ISO 3166 code; reads django-countries' ``Country`` objects (a blank one as "")."""

    def to_representation(self, value):
        code = getattr(value, "code", value)
        return "" if code in (None, "") else str(code)


class ApiModelSerializer(serializers.ModelSerializer):
    """ModelSerializer with our field types mapped and related querysets scoped to the client."""

    def build_standard_field(self, field_name, model_field):
        if isinstance(model_field, MultiChoiceField):
            kwargs = {"required": False, "allow_empty": True, "max_length": MAX_LIST_ITEMS}
            if model_field.help_text:
                kwargs["help_text"] = model_field.help_text
            if model_field.item_choices:
                kwargs["child"] = serializers.ChoiceField(choices=model_field.item_choices)
            else:
                kwargs["child"] = serializers.CharField(max_length=MAX_STR_ITEM)
            return serializers.ListField, kwargs
        if isinstance(model_field, StrListField):
            kwargs = {
                "required": False,
                "allow_empty": True,
                "max_length": MAX_LIST_ITEMS,
                "child": serializers.CharField(max_length=MAX_STR_ITEM, allow_blank=False),
            }
            return serializers.ListField, kwargs
        if isinstance(model_field, models.JSONField):
            return serializers.JSONField, {"read_only": True}
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if isinstance(model_field, models.BooleanField) and model_field.null:
            unknown = "true = yes, false = no, null = not known (yet)."
            kwargs["help_text"] = f"{model_field.help_text} {unknown}".strip() if model_field.help_text else unknown
        if isinstance(model_field, CountryField):
            field_class = CountryChoiceField
        if isinstance(model_field, models.TextField) and "max_length" not in kwargs and not kwargs.get("read_only"):
            kwargs["max_length"] = MAX_TEXT
        return field_class, kwargs

    def build_relational_field(self, field_name, relation_info):
        field_class, kwargs = super().build_relational_field(field_name, relation_info)
        target = related_help(relation_info.related_model, many=relation_info.to_many)
        own = kwargs.get("help_text")
        kwargs["help_text"] = f"{target} {own}" if own else target
        return field_class, kwargs

    def include_extra_kwargs(self, kwargs, extra_kwargs):
        # DRF drops ``allow_blank`` from read-only fields; keep it so the schema admits the "" they can hold.
        allow_blank = kwargs.get("allow_blank")
        kwargs = super().include_extra_kwargs(kwargs, extra_kwargs)
        if allow_blank and kwargs.get("read_only"):
            kwargs["allow_blank"] = True
        return kwargs

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        user = getattr(request, "user", None)
        for field in fields.values():
            target = field.child_relation if isinstance(field, serializers.ManyRelatedField) else field
            queryset = getattr(target, "queryset", None)
            if queryset is not None and user is not None:
                target.queryset = scope_queryset(queryset, user)
        return fields


class PartnershipRowSerializer(ApiModelSerializer):
    """A row that belongs to one partnership: ``partnership`` is its id (required to create, fixed after)."""

    partnership = serializers.IntegerField(
        source="partnership_id",
        min_value=1,
        max_value=MAX_ID,
        help_text="Id of the partnership the row belongs to; a partnership you cannot see is a 404.",
    )
    version = VersionField()
