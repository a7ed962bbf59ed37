"""Write services for the cost table (SMP-DOMAIN §8.1, §8.4 "Validation").

The wizard, the API and the admin all write through these functions, so the cost rules are enforced
once: a sub-item must belong to its category, amounts are never negative, currencies are ISO 4217, and
an item's shares are written all together and total exactly 100.00 % (or the item has none yet).
Every write to a partnership's cost table runs inside ``partnerships.services.partnership_change`` (version
bump with a history row naming the user; a closed partnership or one under review refuses it).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from codelists import costs as c
from costs.models import CostItem, CostShare, ExchangeRate
from partnerships.services import history_note, partnership_change
from smp.exceptions import ValidationError
from smp.fields import CURRENCY_CODES
from smp.history import EXCHANGE_RATE_SET, reason_with

HUNDRED = Decimal("100.00")

#
# Shared helpers
#


def _currency_error(value: str, field: str) -> dict[str, ValidationError]:
    if value in CURRENCY_CODES:
        return {}
    return {
        field: ValidationError(
            _("%(value)s is not an ISO 4217 currency code."), code="unknown_currency", params={"value": value or "—"}
        )
    }


def _raise(errors: Mapping[str, Any]) -> None:
    if errors:
        raise ValidationError(dict(errors))


#
# Cost items
#

COST_ITEM_FIELDS = frozenset(
    {
        "category",
        "subitem",
        "description",
        "amount",
        "currency",
        "basis",
        "country",
        "phase",
        "in_kind",
        "actual_amount",
        "year",
        "linked_training",
    }
)


def _cost_item_validate(item: CostItem, *, previous_subitem: str | None = None) -> None:
    """Full model validation plus clear messages for the mistakes users make most (§8.4 "Validation")."""
    errors: dict[str, Any] = {}
    try:
        item.full_clean()
    except ValidationError as exc:
        errors.update(exc.error_dict)
    errors.update(_currency_error(item.currency, "currency"))
    for field in ("amount", "actual_amount"):
        value = getattr(item, field)
        try:
            negative = value is not None and Decimal(value) < 0
        except (InvalidOperation, TypeError, ValueError):
            negative = False
        if negative:
            errors[field] = ValidationError(
                _("%(field)s cannot be negative (got %(value)s)."),
                code="negative_amount",
                params={"field": CostItem._meta.get_field(field).verbose_name, "value": value},
            )
    if item.country_id and item.partnership_id and item.country.partnership_id != item.partnership_id:
        errors["country"] = ValidationError(
            _("The country must be one of this partnership's countries."), code="foreign_country"
        )
    if item.linked_training_id and item.partnership_id and item.linked_training.partnership_id != item.partnership_id:
        errors["linked_training"] = ValidationError(
            _("The training programme must belong to this partnership."), code="foreign_training"
        )
    if item.pk and "actual_amount" not in errors:
        from django.db.models import Count, Sum

        from costs.models import ActualSpending

        records = ActualSpending.objects.filter(item_id=item.pk).aggregate(total=Sum("amount"), count=Count("pk"))
        if records["count"] and item.actual_amount != records["total"]:
            errors["actual_amount"] = ValidationError(
                _(
                    "This item's actual amount is the sum of its %(count)s spending records by payer and year "
                    "(%(total)s); change those records instead (the partnership's Monitoring tab, or "
                    "/api/v1/actual-spending/)."
                ),
                code="actual_from_records",
                params={"count": records["count"], "total": records["total"]},
            )
    if (
        item.pk
        and item.subitem in c.PAYMENTS_TO_MIGRANTS
        and item.subitem != previous_subitem
        and item.shares.filter(payer=c.Payer.MIGRANT).exists()
    ):
        errors["subitem"] = ValidationError(
            _("%(subitem)s is a payment to migrants, but this item has a migrant share; change the shares first."),
            code="migrant_pays_own_stipend",
            params={"subitem": item.get_subitem_display()},
        )
    _raise(errors)


def cost_item_save(*, item: CostItem, user: Any = None, expected_version: int | None = None) -> CostItem:
    """Validate and save a cost item built or changed elsewhere (e.g. by an admin form); bump the version.

    With ``expected_version`` the write only happens if the partnership is still at that version.
    """
    with partnership_change(
        partnership=item.partnership,
        user=user,
        expected_version=expected_version,
        reason=gettext_noop("cost item saved"),
    ):
        previous = None
        if item.pk:
            previous = CostItem.objects.select_for_update().filter(pk=item.pk).values_list("subitem", flat=True).first()
        _cost_item_validate(item, previous_subitem=previous)
        history_note(item, user=user)
        item.save()
    return item


def cost_item_create(
    *,
    partnership: Any,
    category: str,
    subitem: str,
    amount: Decimal | int | str,
    currency: str,
    basis: str | None = None,
    user: Any = None,
    expected_version: int | None = None,
    **fields: Any,
) -> CostItem:
    """Add a budget line to a partnership's cost table (§8.1).

    ``basis`` defaults to the sub-item's typical basis (§8.1). Other keyword fields: ``description``,
    ``country``, ``phase``, ``in_kind``, ``actual_amount``, ``year``, ``linked_training``. Raises
    ``ValidationError`` (field-level) for a sub-item outside its category, a negative amount, an unknown
    currency, or a country or training programme of another partnership; ``ConflictError`` when
    ``expected_version`` is stale.
    """
    unknown = set(fields) - COST_ITEM_FIELDS
    if unknown:
        raise TypeError(f"cost_item_create() got unexpected fields: {', '.join(sorted(unknown))}")
    if basis is None:
        basis = c.TYPICAL_BASIS.get(subitem, c.CostBasis.FIXED)
    item = CostItem(
        partnership=partnership,
        category=category,
        subitem=subitem,
        amount=amount,
        currency=currency,
        basis=basis,
        **fields,
    )
    return cost_item_save(item=item, user=user, expected_version=expected_version)


def cost_item_update(
    *, item: CostItem, user: Any = None, expected_version: int | None = None, **fields: Any
) -> CostItem:
    """Change fields of a cost item; same validation as :func:`cost_item_create`."""
    unknown = set(fields) - COST_ITEM_FIELDS
    if unknown:
        raise TypeError(f"cost_item_update() got unexpected fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(item, name, value)
    return cost_item_save(item=item, user=user, expected_version=expected_version)


def cost_item_delete(*, item: CostItem, user: Any = None, expected_version: int | None = None) -> None:
    """Delete a cost item and its shares; bump the partnership's version."""
    with partnership_change(
        partnership=item.partnership,
        user=user,
        expected_version=expected_version,
        reason=gettext_noop("cost item deleted"),
    ):
        for share in item.shares.all():
            history_note(share, user=user)
            share.delete()
        history_note(item, user=user)
        item.delete()


#
# Cost shares
#

SHARE_FIELDS = frozenset(
    {"payer", "organisation", "organisation_id", "percent", "instrument", "timing", "risk_mitigation", "committed"}
)


def _parse_percent(value: Any) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _organisation_id(row: Mapping[str, Any]) -> Any:
    organisation = row.get("organisation")
    if organisation is not None and not isinstance(organisation, int | str):
        return organisation.pk
    return organisation if organisation not in ("", None) else row.get("organisation_id") or None


def cost_shares_validate(*, item: CostItem, shares: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Check a complete list of shares for one item and return it normalised; write nothing.

    Each row is a mapping with ``payer``, ``percent`` and optionally ``organisation`` (an ``Organisation`` or
    its id; ``organisation_id`` also accepted), ``instrument``, ``timing``, ``risk_mitigation``,
    ``committed``. Raises ``ValidationError`` keyed by field (``payer``, ``organisation``, ``percent``,
    ``instrument``, ``timing``, ``risk_mitigation``) with messages naming the row, and under ``shares``
    for problems of the whole set (duplicates, a total other than 100.00). An empty list is valid: a draft
    item may have no shares.
    """
    errors: dict[str, list[ValidationError]] = {}

    def add(field: str, message: Any, code: str, **params: Any) -> None:
        if "row" in params:  # the API names the row's dotted path from these (shares.1.percent)
            params["collection"] = "shares"
        errors.setdefault(field, []).append(ValidationError(message, code=code, params=params))

    rows: list[dict[str, Any]] = []
    seen: dict[tuple[str, Any], int] = {}
    total = Decimal(0)
    for number, raw in enumerate(shares, start=1):
        unknown = set(raw) - SHARE_FIELDS
        if unknown:
            add(
                "shares",
                _("Share %(row)d has unknown fields: %(fields)s."),
                "unknown_field",
                row=number,
                fields=", ".join(sorted(unknown)),
            )
        payer = (raw.get("payer") or "").strip() if isinstance(raw.get("payer"), str) else raw.get("payer")
        organisation_id = _organisation_id(raw)
        if payer not in c.Payer.values:
            add(
                "payer",
                _("Share %(row)d: %(payer)s is not a payer code; use one of %(allowed)s."),
                "unknown_payer",
                row=number,
                payer=payer or "—",
                allowed=", ".join(c.Payer.values),
            )
        label = str(c.Payer(payer).label) if payer in c.Payer.values else (payer or "—")

        percent = _parse_percent(raw.get("percent"))
        if percent is None:
            add(
                "percent",
                _("Share %(row)d (%(payer)s): give the percentage as a number."),
                "percent_missing",
                row=number,
                payer=label,
            )
        else:
            if percent <= 0 or percent > 100:
                add(
                    "percent",
                    _("Share %(row)d (%(payer)s): %(percent)s %% is not allowed; a share is above 0 and at most 100."),
                    "percent_out_of_range",
                    row=number,
                    payer=label,
                    percent=percent,
                )
            elif percent != percent.quantize(Decimal("0.01")):
                add(
                    "percent",
                    _("Share %(row)d (%(payer)s): use at most two decimals (%(percent)s)."),
                    "percent_precision",
                    row=number,
                    payer=label,
                    percent=percent,
                )
            total += percent

        if payer == c.Payer.OTHER and organisation_id is None:
            add(
                "organisation",
                _("Share %(row)d: name the paying organisation for the payer other."),
                "organisation_required",
                row=number,
            )
        if payer == c.Payer.MIGRANT and organisation_id is not None:
            add(
                "organisation",
                _("Share %(row)d: a migrant share names no organisation."),
                "organisation_forbidden",
                row=number,
            )
        if payer == c.Payer.MIGRANT and item.subitem in c.PAYMENTS_TO_MIGRANTS:
            add(
                "payer",
                _("Share %(row)d: %(subitem)s is a payment to migrants; migrants cannot pay it."),
                "migrant_pays_own_stipend",
                row=number,
                subitem=item.get_subitem_display(),
            )

        instrument = raw.get("instrument") or ""
        if instrument and instrument not in c.CostInstrument.values:
            add(
                "instrument",
                _("Share %(row)d: %(value)s is not an instrument code."),
                "unknown_instrument",
                row=number,
                value=instrument,
            )
        elif instrument and (instrument in c.MIGRANT_INSTRUMENTS) != (payer == c.Payer.MIGRANT):
            add(
                "instrument",
                _("Share %(row)d: the instrument %(value)s does not fit the payer %(payer)s."),
                "instrument_payer_mismatch",
                row=number,
                value=c.CostInstrument(instrument).label,
                payer=label,
            )
        timing = raw.get("timing") or c.ShareTiming.UNKNOWN
        if timing not in c.ShareTiming.values:
            add(
                "timing",
                _("Share %(row)d: %(value)s is not a timing code."),
                "unknown_timing",
                row=number,
                value=timing,
            )
        risk = raw.get("risk_mitigation") or c.RiskMitigation.NONE
        if risk not in c.RiskMitigation.values:
            add(
                "risk_mitigation",
                _("Share %(row)d: %(value)s is not a risk-mitigation code."),
                "unknown_risk",
                row=number,
                value=risk,
            )

        key = (payer, organisation_id)
        if key in seen:
            add(
                "shares",
                _("Share %(row)d repeats the payer %(payer)s (same organisation) of share %(first)d."),
                "duplicate_payer",
                row=number,
                payer=label,
                first=seen[key],
            )
        else:
            seen[key] = number
        rows.append(
            {
                "payer": payer,
                "organisation_id": organisation_id,
                "percent": percent,
                "instrument": instrument,
                "timing": timing,
                "risk_mitigation": risk,
                "committed": raw.get("committed"),
            }
        )

    if rows and "percent" not in errors and total != HUNDRED:
        add(
            "shares",
            _("The shares of %(item)s total %(total)s %%, must be 100.00 %%."),
            "shares_total",
            item=str(item),
            total=total.quantize(Decimal("0.01")),
        )
    if errors:
        raise ValidationError(errors)
    return rows


def cost_share_set(
    *,
    item: CostItem,
    shares: list[Mapping[str, Any]],
    user: Any = None,
    expected_version: int | None = None,
) -> list[CostShare]:
    """Replace all shares of a cost item in one transaction; never half-written (§8.1, §8.4).

    The partnership's version is bumped first (``ConflictError`` if ``expected_version`` is stale), then
    the item is locked (``SELECT … FOR UPDATE``) while the new set is validated by
    :func:`cost_shares_validate` and written: rows whose (payer, organisation) stays are updated in place,
    the others deleted or created, so the history shows real changes. Any error rolls everything back. An
    empty list removes every share (the item goes back to draft). Returns the item's shares after the change.
    """
    with partnership_change(
        partnership=item.partnership,
        user=user,
        expected_version=expected_version,
        reason=gettext_noop("cost shares set"),
    ):
        locked = CostItem.objects.select_for_update().get(pk=item.pk)
        rows = cost_shares_validate(item=locked, shares=shares)
        existing = {(share.payer, share.organisation_id): share for share in locked.shares.all()}
        wanted = {(row["payer"], row["organisation_id"]): row for row in rows}
        for key, share in existing.items():
            if key not in wanted:
                history_note(share, user=user)
                share.delete()
        for key, row in wanted.items():
            share = existing.get(key) or CostShare(
                item=locked, payer=row["payer"], organisation_id=row["organisation_id"]
            )
            changed = share.pk is None
            for name in ("percent", "instrument", "timing", "risk_mitigation", "committed"):
                if getattr(share, name) != row[name]:
                    setattr(share, name, row[name])
                    changed = True
            if changed:
                history_note(share, user=user)
                share.save()
        return list(locked.shares.select_related("organisation").order_by("payer", "id"))


#
# Exchange rates
#


#: The largest rate ``ExchangeRate.rate`` holds (18 digits, 8 of them decimals).
RATE_LIMIT = Decimal(10) ** 10


def exchange_rate_validate(
    *,
    base_currency: str,
    quote_currency: str,
    rate: Any,
    as_of: Any,
    source: str = "",
    partnership: Any = None,
) -> dict[str, Any]:
    """Check one exchange rate and return it normalised (codes upper-case, ``rate`` a ``Decimal``); write nothing.

    Raises ``ValidationError`` keyed by field (``base_currency``, ``quote_currency``, ``rate``, ``as_of``,
    ``source``) with messages that say what to type. A partnership's own rate (``partnership`` given) is
    dated today or earlier: totals use the rates in force today, so a later date would leave them empty.
    """
    base = (base_currency or "").strip().upper()
    quote = (quote_currency or "").strip().upper()
    errors: dict[str, Any] = {**_currency_error(base, "base_currency"), **_currency_error(quote, "quote_currency")}
    if base and base == quote:
        errors["quote_currency"] = ValidationError(_("Base and quote currency must differ."), code="same_currency")
    value = _parse_percent(rate)  # any finite decimal
    if value is None or value <= 0:
        errors["rate"] = ValidationError(
            _("The rate must be a number greater than 0 (got %(value)s)."),
            code="rate_not_positive",
            params={"value": rate if rate not in (None, "") else "—"},
        )
    elif value >= RATE_LIMIT:
        errors["rate"] = ValidationError(
            _("The rate %(value)s is too large: check the direction (1 %(base)s in %(quote)s)."),
            code="rate_too_large",
            params={"value": value, "base": base or "—", "quote": quote or "—"},
        )
    elif value != value.quantize(Decimal("0.00000001")):
        errors["rate"] = ValidationError(_("Use at most eight decimals for a rate."), code="rate_precision")
    if not isinstance(as_of, datetime.date):
        errors["as_of"] = ValidationError(_("Give the date the rate applies to."), code="date_required")
    elif partnership is not None and as_of > timezone.localdate():
        errors["as_of"] = ValidationError(
            _("The date %(date)s is in the future; give the date of the rate you use (today or earlier)."),
            code="date_in_future",
            params={"date": as_of.isoformat()},
        )
    source = (source or "").strip()
    limit = ExchangeRate._meta.get_field("source").max_length
    if len(source) > limit:
        errors["source"] = ValidationError(
            _("Keep the source under %(limit)d characters."), code="source_too_long", params={"limit": limit}
        )
    _raise(errors)
    return {"base_currency": base, "quote_currency": quote, "rate": value, "as_of": as_of, "source": source}


def exchange_rate_set(
    *,
    base_currency: str,
    quote_currency: str,
    rate: Decimal | int | str,
    as_of: datetime.date,
    source: str = "",
    user: Any = None,
    partnership: Any = None,
    expected_version: int | None = None,
) -> ExchangeRate:
    """Record that 1 ``base_currency`` = ``rate`` ``quote_currency`` on ``as_of``.

    The rate is stored in the stated direction only; the opposite direction is never derived (§8.4).

    * Without ``partnership``: a reference rate shared by every partnership, replacing that day's rate for
      the pair (administrators: the API and the admin site).
    * With ``partnership``: that partnership's own rate for the pair, replacing the one it had (the wizard's
      costs step). This is a change of the partnership's data: the version is raised through
      ``partnership_change`` (``ConflictError`` when ``expected_version`` is stale, refused while closed
      or under review) and the partnership's history names the user and the pair.

    Raises ``ValidationError`` as :func:`exchange_rate_validate` does.
    """
    row = exchange_rate_validate(
        base_currency=base_currency,
        quote_currency=quote_currency,
        rate=rate,
        as_of=as_of,
        source=source,
        partnership=partnership,
    )
    base, quote = row["base_currency"], row["quote_currency"]
    if partnership is None:
        with transaction.atomic():
            obj, _created = ExchangeRate.objects.update_or_create(
                partnership=None,
                base_currency=base,
                quote_currency=quote,
                as_of=row["as_of"],
                defaults={"rate": row["rate"], "source": row["source"]},
            )
        return obj
    with partnership_change(
        partnership=partnership,
        user=user,
        expected_version=expected_version,
        reason=reason_with(EXCHANGE_RATE_SET, f"{base}→{quote}"),
    ) as fresh:
        obj, _created = ExchangeRate.objects.update_or_create(
            partnership=fresh,
            base_currency=base,
            quote_currency=quote,
            defaults={"rate": row["rate"], "as_of": row["as_of"], "source": row["source"]},
        )
    return obj


#
# Actual spending of a running partnership (E8.R9)
#


def cost_item_actuals_sync(*, item_ids: Iterable[int]) -> None:
    """Keep ``CostItem.actual_amount`` equal to the sum of the item's spending records (empty without any).

    Call inside the transaction that wrote the records; one aggregate query and one update per item.
    """
    from django.db.models import Sum

    from costs.models import ActualSpending

    ids = set(item_ids)
    if not ids:
        return
    totals = dict(
        ActualSpending.objects.filter(item_id__in=ids)
        .values("item_id")
        .annotate(total=Sum("amount"))
        .values_list("item_id", "total")
    )
    for item in CostItem.objects.filter(pk__in=ids):
        total = totals.get(item.pk)
        if item.actual_amount != total:
            item.actual_amount = total
            item.save(update_fields=["actual_amount", "updated_at"])


def actual_spending_validate(spending) -> None:
    """Model validation plus: the item and the period belong to the same partnership, the payer is named."""
    spending.full_clean()


def actual_spending_write(
    *, spending, user, data: Mapping[str, Any], expected_version: int | None = None, partnership: Any = None
):
    """Create (``spending.pk`` empty, ``spending.item`` set) or change one spending record; the item's
    ``actual_amount`` follows (E8.R9)."""
    from partnerships.services import CHILD_PROTECTED_FIELDS, instance_assign, monitoring_assert_open

    with partnership_change(
        partnership=partnership if partnership is not None else spending.item.partnership_id,
        expected_version=expected_version,
        user=user,
        reason=gettext_noop("actual spending saved"),
    ) as fresh:
        monitoring_assert_open(partnership=fresh)
        before = spending.item_id
        instance_assign(instance=spending, data=data, protected=CHILD_PROTECTED_FIELDS)
        if spending.item_id and spending.item.partnership_id != fresh.pk:
            raise ValidationError(
                {"item": ValidationError(_("Choose a cost item of this partnership."), code="other_partnership")}
            )
        actual_spending_validate(spending)
        history_note(spending, user=user)
        spending.save()
        cost_item_actuals_sync(item_ids={before, spending.item_id} - {None})
    return spending


def actual_spending_delete(*, spending, user, expected_version: int | None = None, partnership: Any = None) -> None:
    from partnerships.services import monitoring_assert_open

    with partnership_change(
        partnership=partnership if partnership is not None else spending.item.partnership_id,
        expected_version=expected_version,
        user=user,
        reason=gettext_noop("actual spending deleted"),
    ) as fresh:
        monitoring_assert_open(partnership=fresh)
        item_id = spending.item_id
        history_note(spending, user=user)
        spending.delete()
        cost_item_actuals_sync(item_ids={item_id})
