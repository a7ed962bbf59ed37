"""Helpers shared by the partnership models: string labels of other apps' models, validators and checks."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from codelists import partnerships as c

ORGANISATION = "stakeholders.Organisation"
PARTICIPATION = "stakeholders.Participation"

PERCENT_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


def check_same_partnership(obj: models.Model, field: str, errors: dict, *, partnership_id: int | None = None) -> None:
    """Add an error on ``field`` when the row it points to belongs to another partnership."""
    target = getattr(obj, field, None)
    if target is None:
        return
    expected = partnership_id if partnership_id is not None else obj.partnership_id
    if expected is not None and target.partnership_id != expected:
        errors[field] = ValidationError(
            _("Choose a %(what)s of this partnership."),
            code="other_partnership",
            params={"what": obj._meta.get_field(field).verbose_name},
        )


def decimal_or_none(value: str) -> Decimal | None:
    """A number written as text (``"12.5"``, ``"1,200"``); ``None`` when empty or not a number."""
    text = (value or "").strip().replace(",", "")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def check_side(obj: models.Model, field: str, side: str, errors: dict) -> None:
    """Add an error on ``field`` when the ``PartnershipCountry`` it points to is not on ``side``."""
    row = getattr(obj, field, None)
    if row is not None and row.side != side:
        errors[field] = ValidationError(
            _("%(country)s is on the %(actual)s side of this partnership; choose a country on the %(wanted)s side."),
            code="wrong_side",
            params={"country": row.country.name, "actual": row.get_side_display(), "wanted": c.Side(side).label},
        )


def pairs_constraint(name: str, first: str, second: str, mapping: dict[str, tuple[str, ...]], *, message):
    """A CHECK that ``second`` is one of the codes ``mapping`` allows for ``first`` (e.g. topic within phase);
    ``message`` says so in words when it is broken."""
    condition = Q()
    for key, allowed in mapping.items():
        if allowed:
            condition |= Q(**{first: key, f"{second}__in": list(allowed)})
    return models.CheckConstraint(condition=condition, name=name, violation_error_message=message)
