"""The cost arithmetic of SMP-DOMAIN §8.4 — the one implementation.

The E8 rules, the wizard's live totals, the API's cost summary and the dashboards all call this module;
nobody re-implements it. The functions are pure: they take already-loaded objects and issue no query,
provided each item's ``shares`` are prefetched (with ``organisation`` selected) and ``country`` is
selected. :func:`partnership_cost_summary` loads exactly that in a fixed number of queries.

Definitions (§8.4, §2.8)
------------------------
* ``N`` = planned migrants, ``T`` = planned trainees (``T`` defaults to ``N``).
* Item quantity: ``fixed`` → 1, ``per_migrant`` → N, ``per_trainee`` → T.
  Item total (own currency) = ``amount`` × quantity.
* Conversion: ``ExchangeRate(base, quote, rate)`` means 1 ``base`` = ``rate`` ``quote``. The rate used
  for an item is the one from the item's currency to the reporting currency dated on or before the
  valuation date (default: today): the partnership's own rate for the pair (entered in its costs step)
  if it has one, else the shared reference rate with the latest ``as_of``. Another partnership's own
  rates are never used. Rates are used only in their stated direction — MAD→EUR is never derived from
  EUR→MAD. Same currency → rate 1. A missing rate raises :class:`MissingExchangeRate` naming the pair;
  it never counts as zero.
* Total = Σ converted item totals; also by category, essential/voluntary and basis.
* Cost per migrant = total ÷ N; per trainee = total ÷ T (``None`` with a note when the count is 0 or missing).
* By payer = Σ converted item total × percent ÷ 100, per payer code (and per named organisation).
* ``payer_share_pct[p]`` = by payer ÷ total × 100. Migrant-borne total = by payer ``migrant``; per
  migrant = that ÷ N; migrant share = that ÷ total × 100.
* ``public_share_pct`` = share paid by ``gov_destination`` + ``gov_origin`` + ``other`` whose
  organisation is in a government category, ``donor`` or ``international_org``.
* ``unassigned_total`` = converted total of items with no shares yet.
* ``origin_training_external_share_pct`` = share of training items incurred in an origin country that is
  paid by ``gov_destination``, ``employer`` or ``other`` (E8.R11).
* Actual totals by year = Σ converted ``actual_amount`` (the whole line, not per unit) of items with that
  ``year``; :func:`actual_cost_per_migrant` divides them by the migrants deployed that year (E8.R9).

Rounding [product default, §8.4]
--------------------------------
``Decimal`` throughout, never ``float``. No intermediate rounding: every sum, product, conversion and
division is carried at 60 significant digits. Each *output* figure is rounded separately with
``ROUND_HALF_UP``: money to the reporting currency's ISO 4217 minor unit (2 for EUR and USD, 0 for JPY,
3 for JOD and BHD; :func:`codelists.costs.minor_unit`), percentages to 0.01. Rounded payer amounts may
therefore differ from the rounded total by at most one minor unit per payer. Per-item own-currency totals
are rounded to the item currency's minor unit, for display only.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

from codelists.costs import (
    EXTERNAL_TRAINING_PAYERS,
    PUBLIC_PAYERS,
    RECRUITMENT_RELATED,
    CostBasis,
    CostCategory,
    Payer,
    is_essential,
    minor_unit,
)
from codelists.stakeholders import GOVERNMENT_CATEGORIES, OrganisationCategory, Side
from partnerships.selectors import LOADED_PREFIX, loaded

#: Organisation categories whose ``other`` shares count as public money (§2.8 ``public_share_pct``).
PUBLIC_OTHER_CATEGORIES: frozenset[str] = GOVERNMENT_CATEGORIES | {
    OrganisationCategory.DONOR,
    OrganisationCategory.INTERNATIONAL_ORG,
}

#: Categories whose costs count as recruitment and travel in the migrant-share figure of §8.4's example.
RECRUITMENT_TRAVEL_CATEGORIES: frozenset[str] = frozenset({CostCategory.PRE_SELECTION, CostCategory.TRAVEL})

HUNDRED = Decimal(100)
ONE = Decimal(1)
ZERO = Decimal(0)
PERCENT_QUANTUM = Decimal("0.01")
PRECISION = 60  # significant digits for unrounded intermediate results


#
# Rounding
#


def round_money(value: Decimal, currency: str) -> Decimal:
    """Round an amount to the currency's ISO 4217 minor unit, half up."""
    return value.quantize(Decimal(1).scaleb(-minor_unit(currency)), rounding=ROUND_HALF_UP)


def round_percent(value: Decimal) -> Decimal:
    """Round a percentage to 0.01, half up."""
    return value.quantize(PERCENT_QUANTUM, rounding=ROUND_HALF_UP)


def _money(value: Decimal | None, currency: str) -> Decimal | None:
    return None if value is None else round_money(value, currency)


def _pct(part: Decimal, whole: Decimal) -> Decimal | None:
    if not whole:
        return None
    return round_percent(part * HUNDRED / whole)


#
# Exchange rates
#


class MissingExchangeRate(LookupError):
    """No exchange rate for a currency pair on or before the valuation date; names every missing pair.

    ``base`` and ``quote`` are the first missing pair; ``pairs`` lists them all.
    """

    def __init__(self, pairs: Iterable[tuple[str, str]], valuation_date: datetime.date):
        self.pairs: tuple[tuple[str, str], ...] = tuple(sorted(set(pairs)))
        self.base, self.quote = self.pairs[0]
        self.valuation_date = valuation_date
        names = ", ".join(f"{base}→{quote}" for base, quote in self.pairs)
        super().__init__(
            gettext("No exchange rate %(pairs)s dated on or before %(date)s.")
            % {"pairs": names, "date": valuation_date.isoformat()}
        )


@dataclass(frozen=True)
class RateQuote:
    """The rate chosen for one pair: 1 ``base`` = ``rate`` ``quote``, dated ``as_of``.

    ``own`` is true for the partnership's own rate, false for a shared reference rate.
    """

    base: str
    quote: str
    rate: Decimal
    as_of: datetime.date | None
    source: str = ""
    own: bool = False


class RateTable:
    """The exchange rates valid on one valuation date, one per (base, quote) pair.

    Built from ``ExchangeRate`` rows (or any objects with ``base_currency``, ``quote_currency``, ``rate``,
    ``as_of`` and ``source``): rows dated after the valuation date are ignored; of the others, for each
    pair a partnership's own rate wins over the reference rates, then the latest ``as_of``. Lookups never
    invert a pair.
    """

    def __init__(self, quotes: Iterable[RateQuote] = (), *, valuation_date: datetime.date | None = None):
        self.valuation_date = valuation_date or timezone.localdate()
        self._quotes: dict[tuple[str, str], RateQuote] = {}
        for quote in quotes:
            self._add(quote)

    def _add(self, quote: RateQuote) -> None:
        if quote.as_of is not None and quote.as_of > self.valuation_date:
            return
        key = (quote.base, quote.quote)
        current = self._quotes.get(key)
        if current is None or _precedence(quote) > _precedence(current):
            self._quotes[key] = quote

    @classmethod
    def from_rows(
        cls, rows: Iterable[Any], *, valuation_date: datetime.date | None = None, partnership_id: Any = None
    ) -> RateTable:
        """A table from ``ExchangeRate`` rows (any order); see the class docstring for the selection.

        Rows of a partnership (``partnership_id`` set) count only when it is ``partnership_id``, as that
        partnership's own rates; without ``partnership_id`` only the reference rates count.
        """
        return cls(
            (
                RateQuote(
                    base=row.base_currency,
                    quote=row.quote_currency,
                    rate=Decimal(row.rate),
                    as_of=row.as_of,
                    source=getattr(row, "source", "") or "",
                    own=getattr(row, "partnership_id", None) is not None,
                )
                for row in rows
                if getattr(row, "partnership_id", None) in (None, partnership_id)
            ),
            valuation_date=valuation_date,
        )

    def quote_for(self, base: str, quote: str) -> RateQuote | None:
        """The chosen rate for ``base``→``quote`` (a synthetic 1 for the same currency), or None."""
        if base == quote:
            return RateQuote(base=base, quote=quote, rate=ONE, as_of=None)
        return self._quotes.get((base, quote))

    def has(self, base: str, quote: str) -> bool:
        return self.quote_for(base, quote) is not None

    def rate(self, base: str, quote: str) -> Decimal:
        """The rate for ``base``→``quote``; raises :class:`MissingExchangeRate` if there is none."""
        found = self.quote_for(base, quote)
        if found is None:
            raise MissingExchangeRate([(base, quote)], self.valuation_date)
        return found.rate

    def convert(self, amount: Decimal, base: str, quote: str) -> Decimal:
        """``amount`` in ``base`` expressed in ``quote`` (unrounded)."""
        with localcontext(prec=PRECISION):
            return Decimal(amount) * self.rate(base, quote)


def _precedence(quote: RateQuote) -> tuple[bool, datetime.date]:
    """Own rate before reference rate, then the latest date."""
    return quote.own, quote.as_of or datetime.date.min


def missing_rates(*, items: Iterable[Any], reporting_currency: str, rates: RateTable) -> list[tuple[str, str]]:
    """Every (item currency, reporting currency) pair the table cannot convert, sorted (E8.R1)."""
    return sorted({(i.currency, reporting_currency) for i in items if not rates.has(i.currency, reporting_currency)})


#
# Item arithmetic
#


def counts(planned_migrants: int | None, planned_trainees: int | None) -> tuple[int | None, int | None]:
    """``(N, T)`` of §8.4: T defaults to N."""
    return planned_migrants, planned_trainees if planned_trainees is not None else planned_migrants


def item_quantity(basis: str, *, planned_migrants: int | None, planned_trainees: int | None) -> int:
    """1 for ``fixed``, N for ``per_migrant``, T for ``per_trainee`` (a missing count counts as 0)."""
    n, t = counts(planned_migrants, planned_trainees)
    if basis == CostBasis.PER_MIGRANT:
        return n or 0
    if basis == CostBasis.PER_TRAINEE:
        return t or 0
    return 1


def item_total(item: Any, *, planned_migrants: int | None, planned_trainees: int | None) -> Decimal:
    """``amount`` × quantity, in the item's own currency, unrounded."""
    quantity = item_quantity(item.basis, planned_migrants=planned_migrants, planned_trainees=planned_trainees)
    with localcontext(prec=PRECISION):
        return Decimal(item.amount) * quantity


def _shares_of(item: Any) -> list[Any]:
    """The item's shares; uses the loaded rows when present (no query)."""
    rows = getattr(item, LOADED_PREFIX + "shares", None)
    if rows is not None:
        return list(rows)
    shares = getattr(item, "shares", None)
    if shares is None:
        return []
    if hasattr(shares, "all"):
        return list(shares.all())
    return list(shares)


def _organisation_of(share: Any) -> Any:
    if getattr(share, "organisation_id", None) is None and getattr(share, "organisation", None) is None:
        return None
    return share.organisation


def is_public_share(share: Any) -> bool:
    """True when a share is public money (§2.8): a government payer, or ``other`` from a public body or donor."""
    if share.payer in PUBLIC_PAYERS:
        return True
    if share.payer == Payer.OTHER:
        organisation = _organisation_of(share)
        return organisation is not None and organisation.category in PUBLIC_OTHER_CATEGORIES
    return False


def _is_origin_item(item: Any, origin_country_ids: frozenset[Any] | None) -> bool:
    """True when the item is incurred in an origin country (by id when the ids are given: no query)."""
    if origin_country_ids is not None:
        return getattr(item, "country_id", None) in origin_country_ids
    if getattr(item, "country_id", None) is None and getattr(item, "country", None) is None:
        return False
    return getattr(item.country, "side", None) == Side.ORIGIN


#
# Results
#


@dataclass(frozen=True)
class CostNote:
    """A remark on the computation (e.g. why cost per migrant is empty), with a stable ``code``."""

    code: str
    message: str


@dataclass(frozen=True)
class ItemFigures:
    """One item's quantity and totals: own currency (rounded to its minor unit) and reporting currency."""

    item_id: Any
    category: str
    subitem: str
    basis: str
    essential: bool
    currency: str
    quantity: int
    total_own: Decimal
    rate: Decimal
    rate_as_of: datetime.date | None
    total: Decimal
    has_shares: bool
    shares_percent: Decimal


@dataclass(frozen=True)
class OrganisationAmount:
    """What one named organisation pays under one payer code."""

    payer: str
    organisation_id: Any
    organisation_name: str
    amount: Decimal


@dataclass(frozen=True)
class CostSummary:
    """Every derived cost figure of §8.4 and §2.8 for one partnership, rounded for output.

    Money is in ``reporting_currency``. Percentages are ``None`` when the total is zero; per-head figures
    are ``None`` when the head count is zero or missing (``notes`` says so).
    """

    reporting_currency: str
    valuation_date: datetime.date
    planned_migrants: int | None
    planned_trainees: int | None
    total: Decimal
    essential_total: Decimal
    voluntary_total: Decimal
    by_basis: dict[str, Decimal]
    fixed_total: Decimal
    variable_total: Decimal
    by_category: dict[str, Decimal]
    cost_per_migrant: Decimal | None
    cost_per_trainee: Decimal | None
    by_payer: dict[str, Decimal]
    payer_share_pct: dict[str, Decimal | None]
    by_organisation: tuple[OrganisationAmount, ...]
    public_total: Decimal
    public_share_pct: Decimal | None
    migrant_total: Decimal
    migrant_cost_per_migrant: Decimal | None
    migrant_share_pct: Decimal | None
    migrant_recruitment_related_total: Decimal
    recruitment_travel_total: Decimal
    migrant_share_of_recruitment_travel_pct: Decimal | None
    unassigned_total: Decimal
    unassigned_essential_total: Decimal
    unassigned_item_ids: tuple[Any, ...]
    invalid_share_item_ids: tuple[Any, ...]
    origin_training_total: Decimal
    origin_training_external_share_pct: Decimal | None
    actual_by_year: dict[int, Decimal]
    actual_coverage_pct: Decimal | None
    rates_used: tuple[RateQuote, ...]
    items: tuple[ItemFigures, ...]
    notes: tuple[CostNote, ...] = field(default=())
    #: Actual spending per payer code, converted (only from spending records: ``actual_amount`` has no payer).
    actual_by_payer: dict[str, Decimal] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: Decimals as strings (exact), dates as ISO strings, years as string keys."""
        return _jsonable(asdict(self))


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    return value


#
# The summary
#


def cost_summary(
    *,
    items: Iterable[Any],
    planned_migrants: int | None,
    planned_trainees: int | None,
    reporting_currency: str,
    rates: RateTable,
    origin_country_ids: Iterable[Any] | None = None,
    spending: Iterable[Any] | None = None,
) -> CostSummary:
    """Compute every §8.4 figure from loaded cost items; issues no query when shares are prefetched.

    ``spending`` are the ``ActualSpending`` records of these items (objects with ``item_id``, ``year``,
    ``payer`` and ``amount``): an item with records takes its yearly actuals from them (E8.R9) and adds to
    ``actual_by_payer``; an item without takes its ``actual_amount`` in its ``year`` (§8.1).

    ``items`` are ``CostItem`` rows (or objects with the same attributes) whose ``shares`` are prefetched
    with ``organisation`` selected. Origin-side training (E8.R11) is recognised by ``origin_country_ids``
    (the ``PartnershipCountry`` ids on the origin side) when given, else by ``item.country.side`` — select
    ``country`` then. Raises :class:`MissingExchangeRate` naming every pair the ``rates`` table lacks.
    """
    items = list(items)
    spent_by_item: dict[Any, list[Any]] = defaultdict(list)
    for record in spending or ():
        spent_by_item[record.item_id].append(record)
    origin_ids = frozenset(origin_country_ids) if origin_country_ids is not None else None
    cur = reporting_currency
    n, t = counts(planned_migrants, planned_trainees)
    missing = missing_rates(items=items, reporting_currency=cur, rates=rates)
    if missing:
        raise MissingExchangeRate(missing, rates.valuation_date)

    notes: list[CostNote] = []
    total = essential = ZERO
    by_basis: dict[str, Decimal] = dict.fromkeys(CostBasis.values, ZERO)
    by_category: dict[str, Decimal] = dict.fromkeys(CostCategory.values, ZERO)
    by_payer: dict[str, Decimal] = dict.fromkeys(Payer.values, ZERO)
    by_org: dict[tuple[str, Any], Decimal] = defaultdict(lambda: ZERO)
    org_names: dict[Any, str] = {}
    public = migrant_recruitment = recruitment_travel = migrant_recruitment_travel = ZERO
    unassigned = unassigned_essential = ZERO
    unassigned_ids: list[Any] = []
    invalid_ids: list[Any] = []
    origin_training = origin_training_external = ZERO
    actual_by_year: dict[int, Decimal] = defaultdict(lambda: ZERO)
    actual_by_payer: dict[str, Decimal] = defaultdict(lambda: ZERO)
    with_actuals = ZERO
    rates_used: dict[tuple[str, str], RateQuote] = {}
    figures: list[ItemFigures] = []

    with localcontext(prec=PRECISION):
        for item in items:
            quote = rates.quote_for(item.currency, cur)
            assert quote is not None  # checked above
            if item.currency != cur:
                rates_used[(quote.base, quote.quote)] = quote
            quantity = item_quantity(item.basis, planned_migrants=n, planned_trainees=t)
            own = Decimal(item.amount) * quantity
            converted = own * quote.rate
            item_essential = is_essential(item.category)
            shares = _shares_of(item)
            shares_percent = sum((Decimal(s.percent) for s in shares), ZERO)

            total += converted
            if item_essential:
                essential += converted
            by_basis[item.basis] = by_basis.get(item.basis, ZERO) + converted
            by_category[item.category] = by_category.get(item.category, ZERO) + converted
            if item.category in RECRUITMENT_TRAVEL_CATEGORIES:
                recruitment_travel += converted
            if not shares:
                unassigned += converted
                unassigned_ids.append(getattr(item, "pk", None))
                if item_essential:
                    unassigned_essential += converted
            elif shares_percent != HUNDRED:
                invalid_ids.append(getattr(item, "pk", None))

            external = ZERO
            for share in shares:
                paid = converted * Decimal(share.percent) / HUNDRED
                by_payer[share.payer] = by_payer.get(share.payer, ZERO) + paid
                organisation = _organisation_of(share)
                if organisation is not None:
                    by_org[(share.payer, organisation.pk)] += paid
                    org_names[organisation.pk] = str(organisation)
                if is_public_share(share):
                    public += paid
                if share.payer == Payer.MIGRANT:
                    if item.subitem in RECRUITMENT_RELATED:
                        migrant_recruitment += paid
                    if item.category in RECRUITMENT_TRAVEL_CATEGORIES:
                        migrant_recruitment_travel += paid
                if share.payer in EXTERNAL_TRAINING_PAYERS:
                    external += paid
            if item.category == CostCategory.TRAINING and _is_origin_item(item, origin_ids):
                origin_training += converted
                origin_training_external += external

            records = spent_by_item.get(getattr(item, "pk", None))
            if records:
                with_actuals += converted
                for record in records:
                    spent = Decimal(record.amount) * quote.rate
                    actual_by_year[int(record.year)] += spent
                    actual_by_payer[record.payer] += spent
            elif item.actual_amount is not None:
                with_actuals += converted
                if item.year is not None:
                    actual_by_year[int(item.year)] += Decimal(item.actual_amount) * quote.rate

            figures.append(
                ItemFigures(
                    item_id=getattr(item, "pk", None),
                    category=item.category,
                    subitem=item.subitem,
                    basis=item.basis,
                    essential=item_essential,
                    currency=item.currency,
                    quantity=quantity,
                    total_own=round_money(own, item.currency),
                    rate=quote.rate,
                    rate_as_of=quote.as_of,
                    total=round_money(converted, cur),
                    has_shares=bool(shares),
                    shares_percent=shares_percent,
                )
            )

        if not n:
            notes.append(
                CostNote(
                    "no_planned_migrants",
                    gettext("Enter the number of planned migrants to compute per-migrant costs."),
                )
            )
        if not t:
            notes.append(
                CostNote(
                    "no_planned_trainees",
                    gettext("Enter the number of planned trainees to compute per-trainee costs."),
                )
            )
        if n and t is not None and t < n:
            notes.append(
                CostNote(
                    "trainees_below_migrants",
                    gettext("Planned trainees should be at least the number of planned migrants."),
                )
            )
        if invalid_ids:
            notes.append(
                CostNote(
                    "shares_not_100",
                    gettext("Some items have shares that do not total 100.00 %; payer figures are incomplete."),
                )
            )

        migrant = by_payer[Payer.MIGRANT]
        summary = CostSummary(
            reporting_currency=cur,
            valuation_date=rates.valuation_date,
            planned_migrants=planned_migrants,
            planned_trainees=t,
            total=round_money(total, cur),
            essential_total=round_money(essential, cur),
            voluntary_total=round_money(total - essential, cur),
            by_basis={code: round_money(value, cur) for code, value in by_basis.items()},
            fixed_total=round_money(by_basis[CostBasis.FIXED], cur),
            variable_total=round_money(total - by_basis[CostBasis.FIXED], cur),
            by_category={code: round_money(value, cur) for code, value in by_category.items()},
            cost_per_migrant=_money(total / n, cur) if n else None,
            cost_per_trainee=_money(total / t, cur) if t else None,
            by_payer={code: round_money(value, cur) for code, value in by_payer.items()},
            payer_share_pct={code: _pct(value, total) for code, value in by_payer.items()},
            by_organisation=tuple(
                OrganisationAmount(
                    payer=payer, organisation_id=org_id, organisation_name=org_names[org_id], amount=round_money(v, cur)
                )
                for (payer, org_id), v in sorted(by_org.items(), key=lambda kv: (kv[0][0], str(kv[0][1])))
            ),
            public_total=round_money(public, cur),
            public_share_pct=_pct(public, total),
            migrant_total=round_money(migrant, cur),
            migrant_cost_per_migrant=_money(migrant / n, cur) if n else None,
            migrant_share_pct=_pct(migrant, total),
            migrant_recruitment_related_total=round_money(migrant_recruitment, cur),
            recruitment_travel_total=round_money(recruitment_travel, cur),
            migrant_share_of_recruitment_travel_pct=_pct(migrant_recruitment_travel, recruitment_travel),
            unassigned_total=round_money(unassigned, cur),
            unassigned_essential_total=round_money(unassigned_essential, cur),
            unassigned_item_ids=tuple(unassigned_ids),
            invalid_share_item_ids=tuple(invalid_ids),
            origin_training_total=round_money(origin_training, cur),
            origin_training_external_share_pct=_pct(origin_training_external, origin_training),
            actual_by_year={year: round_money(value, cur) for year, value in sorted(actual_by_year.items())},
            actual_coverage_pct=_pct(with_actuals, total),
            rates_used=tuple(rates_used[key] for key in sorted(rates_used)),
            items=tuple(figures),
            notes=tuple(notes),
            actual_by_payer={payer: round_money(value, cur) for payer, value in sorted(actual_by_payer.items())},
        )
    return summary


def migrants_deployed_by_year(indicators: Iterable[Any]) -> dict[int, Decimal]:
    """Migrants deployed per year (§2.8, E8.R9): the latest undisaggregated value of the ``migrants_deployed``
    indicator (§9.1) measured in each year. ``indicators`` carry their ``values`` (prefetched: no query)."""
    latest: dict[int, tuple] = {}
    for indicator in indicators:
        if indicator.code != "migrants_deployed":
            continue
        for value in loaded(indicator, "values"):
            if value.disaggregation_key or value.measured_on is None:
                continue
            try:
                number = Decimal(str(value.value))
            except (InvalidOperation, ValueError):
                continue
            year = value.measured_on.year
            if year not in latest or value.measured_on >= latest[year][0]:
                latest[year] = (value.measured_on, number)
    return {year: number for year, (_on, number) in sorted(latest.items())}


def actual_cost_per_migrant(
    *, actual_by_year: Mapping[int, Decimal], migrants_deployed_by_year: Mapping[int, Decimal | int], currency: str
) -> dict[int, Decimal | None]:
    """``actual_cost_per_migrant[year]`` of §2.8: actual spending of a year ÷ migrants deployed that year.

    ``actual_by_year`` comes from :attr:`CostSummary.actual_by_year`; ``migrants_deployed_by_year`` from the
    ``migrants_deployed`` indicator (§9.1). A year with no or zero deployments maps to ``None``.
    """
    result: dict[int, Decimal | None] = {}
    with localcontext(prec=PRECISION):
        for year, spent in sorted(actual_by_year.items()):
            deployed = migrants_deployed_by_year.get(year)
            result[year] = round_money(Decimal(spent) / Decimal(deployed), currency) if deployed else None
    return result


#
# Loading (the only part that touches the database)
#


def partnership_rate_table(
    *,
    currencies: Iterable[str],
    reporting_currency: str,
    valuation_date: datetime.date | None = None,
    partnership: Any = None,
) -> RateTable:
    """A :class:`RateTable` for converting ``currencies`` into ``reporting_currency`` (one query, or none).

    With ``partnership`` (a ``Partnership`` or its id) its own rates come first, then the reference rates;
    without, the reference rates only.
    """
    from django.db.models import Q

    from costs.models import ExchangeRate

    valuation_date = valuation_date or timezone.localdate()
    bases = sorted(set(currencies) - {reporting_currency})
    if not bases:
        return RateTable(valuation_date=valuation_date)
    partnership_id = getattr(partnership, "pk", partnership)
    scope = Q(partnership__isnull=True)
    if partnership_id is not None:
        scope |= Q(partnership_id=partnership_id)
    rows = ExchangeRate.objects.filter(
        scope, base_currency__in=bases, quote_currency=reporting_currency, as_of__lte=valuation_date
    ).only("partnership_id", "base_currency", "quote_currency", "rate", "as_of", "source")
    return RateTable.from_rows(rows, valuation_date=valuation_date, partnership_id=partnership_id)


def partnership_cost_items(*, partnership: Any) -> list[Any]:
    """A partnership's cost items with country, shares (and their organisations) and spending records loaded:
    three queries (one when it has no item)."""
    from django.db.models import Prefetch

    from costs.models import ActualSpending, CostItem, CostShare

    return list(
        CostItem.objects.filter(partnership=partnership)
        .select_related("country")
        .prefetch_related(
            Prefetch("shares", queryset=CostShare.objects.select_related("organisation").order_by("payer", "id")),
            Prefetch("spending", queryset=ActualSpending.objects.only("item_id", "year", "payer", "amount")),
        )
        .order_by("category", "subitem", "id")
    )


def cost_summary_for_partnership(
    *, partnership: Any, rates: RateTable, reporting_currency: str | None = None
) -> CostSummary:
    """The cost summary of a partnership loaded by ``partnerships.selectors.partnership_get_full`` or
    ``partnership_get_for_check``: no query.

    Reads the loaded ``cost_items`` (with ``shares`` and their organisations, and ``spending``) and
    ``countries``; the rules build ``rates`` once with :func:`partnership_rate_table`.
    """
    currency = reporting_currency or getattr(partnership, "reporting_currency", "") or "USD"
    return cost_summary(
        items=loaded(partnership, "cost_items"),
        planned_migrants=getattr(partnership, "planned_migrants_total", None),
        planned_trainees=getattr(partnership, "planned_trainees_total", None),
        reporting_currency=currency,
        rates=rates,
        origin_country_ids=[country.pk for country in loaded(partnership, "countries") if country.side == Side.ORIGIN],
        spending=[record for item in loaded(partnership, "cost_items") for record in loaded(item, "spending")],
    )


def partnership_cost_summary(
    *,
    partnership: Any,
    reporting_currency: str | None = None,
    valuation_date: datetime.date | None = None,
) -> CostSummary:
    """The cost summary of one partnership in at most four queries (items, shares, spending, rates).

    Rates: the partnership's own, then the reference rates (:func:`partnership_rate_table`).
    The reporting currency is ``reporting_currency`` if given, else ``Partnership.reporting_currency``
    (default ``USD``, §8.4). Raises :class:`MissingExchangeRate` when an item cannot be converted.
    """
    currency = reporting_currency or getattr(partnership, "reporting_currency", "") or "USD"
    items = partnership_cost_items(partnership=partnership)
    rates = partnership_rate_table(
        currencies={item.currency for item in items},
        reporting_currency=currency,
        valuation_date=valuation_date,
        partnership=partnership,
    )
    return cost_summary(
        items=items,
        planned_migrants=getattr(partnership, "planned_migrants_total", None),
        planned_trainees=getattr(partnership, "planned_trainees_total", None),
        reporting_currency=currency,
        rates=rates,
        spending=[record for item in items for record in item.spending.all()],
    )
