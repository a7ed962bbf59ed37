"""E8 — Cost reduction and sharing (SMP-DOMAIN §2.8, G11): rules E8.R1–E8.R11.

Every cost figure comes from ``costs.calculations`` (§8.4), the one implementation of the arithmetic:
totals, per-migrant figures, payer shares, the public and migrant shares, unassigned and origin-training
figures, and actual cost per migrant. The rules only compare its results with thresholds. Exchange rates
come from ``ctx.exchange_rates`` (loaded once per run), valued on the run's date.
"""

from __future__ import annotations

from decimal import Decimal

from codelists.costs import (
    ESSENTIAL_CATEGORIES,
    RECRUITMENT_RELATED,
    CostBasis,
    CostCategory,
    CostSubitem,
    Payer,
    is_essential,
)
from codelists.partnerships import Stage
from codelists.stakeholders import EMPLOYER_CATEGORIES, GOVERNMENT_CATEGORIES
from costs.calculations import (
    MissingExchangeRate,
    RateTable,
    actual_cost_per_migrant,
    cost_summary,
    is_public_share,
    migrants_deployed_by_year,
    missing_rates,
)
from feasibility.context import country_code, loaded
from feasibility.registry import Outcome, msg, register_defaults, rule, sentence
from feasibility.registry import rule_text as _
from feasibility.rules._common import join, label, labels, shown, shown_list
from feasibility.rules.e6 import TEMPORARY_TYPES, migration_types, pathways_used

register_defaults(
    {
        # E8.R3 [product defaults]: a payer "carries" the bill from this share; no payer above the maximum.
        "E8.R3.min_payer_share_pct": 10,
        "E8.R3.max_payer_share_pct": 80,
        "E8.R3.min_payers": 2,
        # E8.R4 and R.3 are not thresholds: any migrant share on a recruitment-related item fails.
        # E8.R7: a benefit–cost ratio below this needs justification.
        "E8.R7.min_benefit_cost_ratio": "1.0",
        # E8.R9 [product defaults].
        "E8.R9.min_actual_coverage_pct": 80,
        "E8.R9.single_year_tolerance_pct": 110,
        # E8.R11: share of origin-side training the destination side, employers or donors should pay.
        "E8.R11.min_external_share_pct": 50,
    }
)

SHARING_PAYERS = (Payer.GOV_DESTINATION, Payer.GOV_ORIGIN, Payer.EMPLOYER, Payer.OTHER)
PUBLIC_ANALYSIS_KINDS = frozenset({"public_value_for_money", "wider_economic"})

#
# Helpers (no arithmetic here: figures come from costs.calculations)
#


def _items(p, ctx) -> list:
    return list(loaded(p, "cost_items"))


def _currency(p) -> str:
    return p.reporting_currency or "USD"


def rate_table(ctx) -> RateTable:
    """The exchange rates in force on the run's date (§8.4), from the rows the context loaded once: the
    partnership's own rates first, then the reference rates (never another partnership's own rates)."""
    partnership_id = getattr(ctx.partnership, "pk", None)
    return RateTable.from_rows(ctx.exchange_rates, valuation_date=ctx.today, partnership_id=partnership_id)


def summary(p, ctx):
    """``(CostSummary, None)``, or ``(None, MissingExchangeRate)`` when an item cannot be converted.

    Computed once per run and shared by the E8 rules."""
    return ctx.memo("cost_summary", lambda: _summary(p, ctx))


def _summary(p, ctx):
    try:
        return (
            cost_summary(
                items=_items(p, ctx),
                planned_migrants=p.planned_migrants_total,
                planned_trainees=p.planned_trainees_total,
                reporting_currency=_currency(p),
                rates=rate_table(ctx),
                origin_country_ids=[pc.id for pc in ctx.origin_countries],
                spending=[record for item in _items(p, ctx) for record in loaded(item, "spending")],
            ),
            None,
        )
    except MissingExchangeRate as error:
        return None, error


def _no_rate(error: MissingExchangeRate) -> Outcome:
    return Outcome.warn(
        msg(_("Cost figures cannot be computed: %(error)s"), {"error": error}),
        missing_rates=[f"{base}→{quote}" for base, quote in error.pairs],
    )


def _item_label(item) -> str:
    """ "Travel / Transport"; a line of the sub-item Other is named by its description."""
    what = item.description.strip() if item.subitem == "other" and item.description.strip() else shown(item, "subitem")
    return msg("%(category)s / %(item)s", {"category": shown(item, "category"), "item": what})


def unassigned_essential(p, ctx) -> list:
    """Essential cost items without any share yet (a draft item may have none, §8.1)."""
    return [item for item in _items(p, ctx) if is_essential(item.category) and not loaded(item, "shares")]


def migrant_recruitment_shares(p, ctx) -> list[tuple]:
    """(item, share) pairs where migrants pay part of a ``RECRUITMENT_RELATED`` item (§8.1): the
    employer-pays breach E8.R4 owns and R.3 repeats as a red flag."""
    return [
        (item, share)
        for item in _items(p, ctx)
        if item.subitem in RECRUITMENT_RELATED
        for share in loaded(item, "shares")
        if share.payer == Payer.MIGRANT
    ]


def describe_migrant_shares(pairs) -> str:
    """ "Travel / Travel and lodging on the way to the job: migrants pay 20.00 %" for each pair."""
    return join(
        msg(_("%(item)s: migrants pay %(pct)s %%"), {"item": _item_label(item), "pct": share.percent})
        for item, share in pairs
    )


#
# Rules
#


#: What the cost figures read (``costs.calculations`` through ``cost_figures``): the cost table, the planned
#: numbers and the exchange rates in force on the run's date. Every rule built on the figures reads them.
COST_FIGURES_READS: tuple[str, ...] = (
    "today",
    "partnerships.Partnership.cost_items",
    "partnerships.Partnership.countries",
    "partnerships.Partnership.planned_migrants_total",
    "partnerships.Partnership.planned_trainees_total",
    "partnerships.Partnership.reporting_currency",
    "costs.CostItem.actual_amount",
    "costs.CostItem.spending",  # the summary's actuals by year and by payer (E8.R9)
    "costs.ActualSpending.amount",
    "costs.ActualSpending.payer",
    "costs.ActualSpending.year",
    "costs.CostItem.amount",
    "costs.CostItem.basis",
    "costs.CostItem.category",
    "costs.CostItem.country",
    "costs.CostItem.currency",
    "costs.CostItem.shares",
    "costs.CostItem.subitem",
    "costs.CostItem.year",
    "costs.CostShare.organisation",
    "costs.CostShare.payer",
    "costs.CostShare.percent",
    "costs.ExchangeRate.as_of",
    "costs.ExchangeRate.base_currency",
    "costs.ExchangeRate.partnership",
    "costs.ExchangeRate.quote_currency",
    "costs.ExchangeRate.rate",
    "costs.ExchangeRate.source",
    "partnerships.PartnershipCountry.side",
    "stakeholders.Organisation.category",
)


@rule(
    "E8.R1",
    title=_("Cost structure mapped for every essential category"),
    says=_(
        "Cost every essential block of Table 3 — running the partnership, pre-selection, training and travel — "
        "plus return support, recognition and M&E where they apply, and state how many migrants and trainees "
        "the budget covers."
    ),
    source="G11 rec (map the cost structure); G T3; G11; G13; E2.R7",
    draft_lenient=True,
    reads=(
        "today",
        "partnerships.Partnership.cost_items",
        "partnerships.Partnership.countries",
        "partnerships.Partnership.migration_types",
        "partnerships.Partnership.pathways",
        "partnerships.Partnership.planned_migrants_total",
        "partnerships.Partnership.planned_trainees_total",
        "partnerships.Partnership.reporting_currency",
        "partnerships.Partnership.target_occupations",
        "partnerships.Partnership.training_programmes",
        "costs.CostItem.amount",
        "costs.CostItem.basis",
        "costs.CostItem.category",
        "costs.CostItem.currency",
        "costs.CostItem.subitem",
        "costs.ExchangeRate.as_of",
        "costs.ExchangeRate.base_currency",
        "costs.ExchangeRate.partnership",
        "costs.ExchangeRate.quote_currency",
        "costs.ExchangeRate.rate",
        "costs.ExchangeRate.source",
        "partnerships.PartnershipCountry.side",
        "partnerships.Pathway.destination_country",
        "partnerships.Pathway.occupations",
        "partnerships.Pathway.skills_recognition_required",
        "skills.TargetOccupation.occupation",
    ),
)
def e8_r1(p, ctx) -> Outcome:
    items = _items(p, ctx)
    costed = {item.category for item in items if item.amount and item.amount > 0}
    missing_categories = [code for code in CostCategory.values if code in ESSENTIAL_CATEGORIES and code not in costed]
    n = p.planned_migrants_total
    fails = []
    if missing_categories:
        fails.append(msg(_("no costed item in %(cats)s"), {"cats": join(labels(CostCategory, missing_categories))}))
    if not n:
        fails.append(_("the number of planned migrants is missing, so per-migrant costs cannot be computed"))
    if fails:
        return Outcome.fail(sentence(fails), missing_categories=missing_categories, planned_migrants=n)
    subitems = {item.subitem for item in items}
    expected = [CostSubitem.TRANSPORT, CostSubitem.VISA_IMMIGRATION]
    if ctx.training_programmes:
        expected.append(CostSubitem.TRAINING_DELIVERY)
    if any(pw.skills_recognition_required is True for pw in pathways_used(ctx)):
        expected.append(CostSubitem.SKILLS_RECOGNITION)
    if migration_types(p) & TEMPORARY_TYPES:
        expected.append(CostSubitem.RETURN_REINTEGRATION)
    gaps = []
    absent = [str(code) for code in expected if code not in subitems]
    if absent:
        gaps.append(msg(_("no cost item for %(items)s"), {"items": join(labels(CostSubitem, absent))}))
    if CostCategory.MONITORING_EVALUATION not in {item.category for item in items}:
        gaps.append(_("no monitoring and evaluation item"))
    if any(item.basis == CostBasis.PER_TRAINEE for item in items) and p.planned_trainees_total == 0:
        gaps.append(_("per-trainee items but zero planned trainees"))
    pairs = missing_rates(items=items, reporting_currency=_currency(p), rates=rate_table(ctx))
    if pairs:
        gaps.append(
            msg(_("no exchange rate for %(pairs)s"), {"pairs": join(f"{base}→{quote}" for base, quote in pairs)})
        )
    evidence = {"items": len(items), "planned_migrants": n, "planned_trainees": p.planned_trainees_total}
    if gaps:
        return Outcome.warn(sentence(gaps), **evidence)
    return Outcome.passed(
        msg(_("All essential categories are costed for %(n)d migrants, with the context items and M&E."), {"n": n}),
        **evidence,
    )


def _payer_matches(share, ctx) -> bool:
    """§8.1 payer table: the named organisation fits the payer code."""
    org = share.organisation
    if org is None:
        return False
    side = ctx.side_of_iso.get(country_code(org))
    if share.payer == Payer.GOV_DESTINATION:
        return (org.category in GOVERNMENT_CATEGORIES or org.category == "donor") and side == "destination"
    if share.payer == Payer.GOV_ORIGIN:
        return org.category in GOVERNMENT_CATEGORIES and side == "origin"
    if share.payer == Payer.EMPLOYER:
        return org.category in EMPLOYER_CATEGORIES
    return True  # "other": any named funder outside both governments and the employers


@rule(
    "E8.R2",
    title=_("Every cost has a payer; shares total 100 %"),
    says=_(
        "Agree who pays each cost item — the destination government, the origin government, employers or "
        "other funders — and name the paying organisation."
    ),
    source="G11; G11 rec (break costs down, map funders); G T3; G T2",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.cost_items",
        "partnerships.Partnership.countries",
        "costs.CostItem.category",
        "costs.CostItem.shares",
        "costs.CostItem.subitem",
        "costs.CostShare.organisation",
        "costs.CostShare.payer",
        "costs.CostShare.percent",
        "partnerships.PartnershipCountry.country",
        "partnerships.PartnershipCountry.side",
        "stakeholders.Organisation.category",
        "stakeholders.Organisation.country",
        "stakeholders.Organisation.name",
    ),
)
def e8_r2(p, ctx) -> Outcome:
    items = _items(p, ctx)
    if not items:
        return Outcome.warn(_("No cost item is recorded yet."))
    fails, warns = [], []
    for item in items:
        shares = list(loaded(item, "shares"))
        if not shares:
            if is_essential(item.category):
                fails.append(msg(_("nobody pays %(item)s"), {"item": _item_label(item)}))
            else:
                warns.append(msg(_("nobody pays %(item)s (voluntary)"), {"item": _item_label(item)}))
            continue
        total = sum((Decimal(share.percent) for share in shares), Decimal(0))
        if total != 100:
            warns.append(msg(_("the shares of %(item)s total %(pct)s %%"), {"item": _item_label(item), "pct": total}))
        for share in shares:
            if share.payer == Payer.MIGRANT:
                continue
            if share.organisation_id is None:
                warns.append(
                    msg(
                        _("%(item)s: the %(payer)s share names no organisation"),
                        {"item": _item_label(item), "payer": shown(share, "payer")},
                    )
                )
            elif not _payer_matches(share, ctx):
                warns.append(
                    msg(
                        _("%(item)s: %(org)s does not fit the payer code %(payer)s"),
                        {"item": _item_label(item), "org": share.organisation.name, "payer": shown(share, "payer")},
                    )
                )
    if fails:
        return Outcome.fail(sentence(fails), gaps=[str(g) for g in fails + warns])
    if warns:
        return Outcome.warn(sentence(warns), gaps=[str(g) for g in warns])
    return Outcome.passed(
        msg(_("Every one of the %(n)d cost items has named payers totalling 100 %%."), {"n": len(items)})
    )


@rule(
    "E8.R3",
    title=_("Costs shared among several benefiting actors"),
    says=_(
        "Share the bill: no single actor should carry most of it — bring in employers, the origin side and other "
        "funders in proportion to what they gain."
    ),
    source="G11 (true partnership; destination-funded pilots unsustainable); G T2; G1",
    can_fail=False,
    reads=COST_FIGURES_READS,
)
def e8_r3(p, ctx) -> Outcome:
    if not _items(p, ctx):
        return Outcome.warn(_("No cost item is recorded yet."))
    figures, error = summary(p, ctx)
    if error:
        return _no_rate(error)
    shares = {code: figures.payer_share_pct.get(code) for code in SHARING_PAYERS}
    evidence = {"payer_share_pct": shares, "unassigned_essential_total": figures.unassigned_essential_total}
    low = Decimal(str(ctx.cfg["E8.R3.min_payer_share_pct"]))
    high = Decimal(str(ctx.cfg["E8.R3.max_payer_share_pct"]))
    carrying = [code for code, pct in shares.items() if pct is not None and pct >= low]
    dominant = [code for code, pct in shares.items() if pct is not None and pct > high]
    gaps = []
    if Payer.GOV_DESTINATION in dominant:
        gaps.append(
            msg(
                _("the destination government pays %(pct)s %% — the pattern that made pilots unsustainable"),
                {"pct": shares[Payer.GOV_DESTINATION]},
            )
        )
    elif dominant:
        gaps.append(
            msg(_("%(payer)s pays %(pct)s %%"), {"payer": label(Payer, dominant[0]), "pct": shares[dominant[0]]})
        )
    if not carrying:
        gaps.append(msg(_("no payer carries at least %(low)s %%"), {"low": low}))
    elif len(carrying) < ctx.cfg["E8.R3.min_payers"]:
        gaps.append(
            msg(
                _("payers carrying at least %(low)s %%: only %(n)d (%(payers)s)"),
                {"n": len(carrying), "low": low, "payers": join(labels(Payer, carrying))},
            )
        )
    if figures.unassigned_essential_total:
        gaps.append(
            msg(
                _("%(amount)s %(cur)s of essential costs has no payer yet"),
                {"amount": figures.unassigned_essential_total, "cur": figures.reporting_currency},
            )
        )
    if gaps:
        return Outcome.warn(sentence(gaps), **evidence)
    return Outcome.passed(
        msg(
            _("Costs are shared: %(shares)s."),
            {
                "shares": join(
                    msg("%(payer)s %(share)s %%", {"payer": label(Payer, code), "share": shares[code]})
                    for code in carrying
                )
            },
        ),
        **evidence,
    )


@rule(
    "E8.R4",
    title=_("Migrants protected from costs (employer pays)"),
    says=_(
        "Take recruitment, documents, visas, travel, medical checks, tests, certification and compulsory "
        "training off the migrants' bill: the employer (or the public side) pays."
    ),
    source="G fn79; G11 rec (protect migrant workers from costs); G1; G12; G13; G T2; WS ¶4d; BP §2",
    reads=COST_FIGURES_READS,
)
def e8_r4(p, ctx) -> Outcome:
    breaches = migrant_recruitment_shares(p, ctx)
    figures, error = summary(p, ctx)
    evidence = {}
    if figures is not None:
        evidence = {
            "migrant_total": figures.migrant_total,
            "migrant_share_pct": figures.migrant_share_pct,
            "migrant_cost_per_migrant": figures.migrant_cost_per_migrant,
            "currency": figures.reporting_currency,
        }
    if breaches:
        # A designed-in charge on migrants is wrong at any stage: never softened (§2.8).
        return Outcome.fail(
            msg(_("Migrants pay recruitment-related costs — %(items)s."), {"items": describe_migrant_shares(breaches)}),
            lenient=False,
            items=[{"item": item.id, "subitem": item.subitem, "percent": share.percent} for item, share in breaches],
            **evidence,
        )
    other = [
        (item, share) for item in _items(p, ctx) for share in loaded(item, "shares") if share.payer == Payer.MIGRANT
    ]
    gaps = []
    if other:
        per_migrant = (
            msg(
                _(" — %(amount)s %(cur)s per migrant"),
                {"amount": figures.migrant_cost_per_migrant, "cur": figures.reporting_currency},
            )
            if figures is not None and figures.migrant_cost_per_migrant is not None
            else ""
        )
        gaps.append(
            msg(
                _("migrants pay part of items outside the recruitment set (%(items)s)%(per)s"),
                {"items": describe_migrant_shares(other), "per": per_migrant},
            )
        )
    if not _items(p, ctx):
        gaps.append(_("no cost item is recorded, so this cannot be confirmed yet"))
    unassigned = unassigned_essential(p, ctx)
    if unassigned:
        gaps.append(
            msg(_("cannot confirm yet: %(items)s have no payer"), {"items": join(_item_label(i) for i in unassigned)})
        )
    if gaps:
        return Outcome.warn(sentence(gaps), **evidence)
    return Outcome.passed(_("Migrants pay no share of any cost item."), **evidence)


@rule(
    "E8.R5",
    title=_("Employers contribute, on terms that limit their risk"),
    says=_(
        "Have employers (or their association or chamber) co-finance, and time or secure their payments — on "
        "visa grant, on arrival, or backed by a guarantee or refund — so they do not bear the risk of trainees "
        "never obtaining a permit."
    ),
    source="G11 (employer cost-sharing, timing, SMEs, guarantee funds, chambers, business case); G B33; E2.R8",
    can_fail=False,
    reads=(
        "partnerships.Partnership.cost_items",
        "partnerships.Partnership.participations",
        "costs.CostItem.category",
        "costs.CostItem.shares",
        "costs.CostItem.subitem",
        "costs.CostShare.payer",
        "costs.CostShare.risk_mitigation",
        "costs.CostShare.timing",
        "stakeholders.Organisation.category",
        "stakeholders.Participation.organisation",
    ),
)
def e8_r5(p, ctx) -> Outcome:
    if not any(part.organisation.category in EMPLOYER_CATEGORIES for part in ctx.participations):
        return Outcome.na(_("No employer, employers' organisation or chamber takes part (E2.R3 reports it)."))
    shares = [
        (item, share) for item in _items(p, ctx) for share in loaded(item, "shares") if share.payer == Payer.EMPLOYER
    ]
    if not shares:
        return Outcome.warn(_("Employers pay no share of any cost item."))
    gaps = []
    for item, share in shares:
        if share.timing == "upfront" and share.risk_mitigation in ("", "none"):
            gaps.append(
                msg(_("%(item)s: employers pay upfront with no guarantee or refund"), {"item": _item_label(item)})
            )
        elif share.timing in ("", "unknown"):
            gaps.append(msg(_("%(item)s: when employers pay is unknown"), {"item": _item_label(item)}))
    evidence = {"employer_items": [_item_label(item) for item, _share in shares]}
    if gaps:
        return Outcome.warn(sentence(gaps), **evidence)
    return Outcome.passed(
        msg(_("Items co-financed by employers on terms that limit their risk: %(n)d."), {"n": len(shares)}), **evidence
    )


@rule(
    "E8.R6",
    title=_("Cost-sharing model written into the agreement and visible to all partners"),
    says=_(
        "Write the cost-sharing model — who pays what, and when — into the MoU or agreement, and share the cost "
        "table with every partner."
    ),
    source="G11 rec (fair financing in agreements); G11 (transparency); G B33",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.agreement_clauses",
        "partnerships.Partnership.agreement_published",
        "partnerships.Partnership.cost_sharing_models",
        "partnerships.Partnership.cost_table_visibility",
    ),
)
def e8_r6(p, ctx) -> Outcome:
    models = list(p.cost_sharing_models or [])
    evidence = {
        "models": models,
        "visibility": p.cost_table_visibility,
        "agreement_published": p.agreement_published,
    }
    if "cost_sharing" not in (p.agreement_clauses or []):
        return Outcome.fail(_("The agreement has no cost-sharing clause."), **evidence)
    gaps = []
    if not models:
        gaps.append(_("no cost-sharing model is recorded"))
    if p.cost_table_visibility != "all_participants" and p.agreement_published is not True:
        gaps.append(_("the cost table is not visible to every partner and the agreement is not published"))
    if gaps:
        return Outcome.warn(sentence(gaps), **evidence)
    return Outcome.passed(
        msg(
            _("The agreement sets the cost-sharing model (%(models)s), open to every partner."),
            {"models": join(shown_list(p, "cost_sharing_models", models))},
        ),
        **evidence,
    )


@rule(
    "E8.R7",
    title=_("Public spending justified by outcomes and a wider cost–benefit analysis"),
    says=_(
        "Define the outcomes you pay for and their price, and run a wider cost–benefit analysis, with scenarios "
        "and alternatives, before committing public money."
    ),
    source="G11 rec (outcomes and price); G B32; G11; §8.3",
    can_fail=False,
    reads=(
        *COST_FIGURES_READS,
        "partnerships.Partnership.cost_benefit_analyses",
        "costs.CostBenefitAnalysis.alternatives_compared",
        "costs.CostBenefitAnalysis.benefit_cost_ratio",
        "costs.CostBenefitAnalysis.kind",
        "costs.CostBenefitAnalysis.outcome_unit",
        "costs.CostBenefitAnalysis.price_currency",
        "costs.CostBenefitAnalysis.price_per_outcome",
    ),
)
def e8_r7(p, ctx) -> Outcome:
    if not _items(p, ctx):
        return Outcome.warn(_("No cost item is recorded yet."))
    figures, error = summary(p, ctx)
    if error:
        return _no_rate(error)
    if not figures.unassigned_essential_total and not figures.public_share_pct:
        return Outcome.na(_("No public money: every essential item is paid and the public share is 0 %."))
    analyses = [cba for cba in loaded(p, "cost_benefit_analyses") if cba.kind in PUBLIC_ANALYSIS_KINDS]
    evidence = {"public_share_pct": figures.public_share_pct, "analyses": [cba.id for cba in analyses]}
    if not analyses:
        if figures.public_share_pct:
            return Outcome.warn(
                msg(
                    _("Public money pays %(pct)s %% of the costs but no value-for-money analysis is recorded."),
                    {"pct": figures.public_share_pct},
                ),
                **evidence,
            )
        # Essential items nobody pays yet may end up on public budgets: say so rather than "0 % public".
        return Outcome.warn(
            msg(
                _(
                    "Essential items worth %(amount)s %(cur)s have no payer yet and may fall to public money, but no "
                    "value-for-money analysis is recorded."
                ),
                {"amount": figures.unassigned_essential_total, "cur": figures.reporting_currency},
            ),
            unassigned_essential_total=figures.unassigned_essential_total,
            **evidence,
        )
    minimum = Decimal(str(ctx.cfg["E8.R7.min_benefit_cost_ratio"]))
    good = [
        cba
        for cba in analyses
        if cba.benefit_cost_ratio is not None
        and cba.benefit_cost_ratio >= minimum
        and cba.alternatives_compared is True
        and cba.price_per_outcome is not None
    ]
    if good:
        best = good[0]
        return Outcome.passed(
            msg(
                _("Benefit–cost ratio %(ratio)s, alternatives compared, %(price)s %(cur)s per %(unit)s."),
                {
                    "ratio": best.benefit_cost_ratio,
                    "price": best.price_per_outcome,
                    "cur": best.price_currency or "",
                    "unit": shown(best, "outcome_unit") if best.outcome_unit else _("outcome"),
                },
            ),
            **evidence,
        )
    gaps = []
    for cba in analyses:
        if cba.benefit_cost_ratio is None:
            gaps.append(msg(_("analysis %(id)s has no benefit–cost ratio"), {"id": cba.id}))
        elif cba.benefit_cost_ratio < minimum:
            gaps.append(
                msg(
                    _("benefit–cost ratio %(ratio)s is below %(min)s: justify or redesign"),
                    {"ratio": cba.benefit_cost_ratio, "min": minimum},
                )
            )
        if cba.alternatives_compared is not True:
            gaps.append(msg(_("analysis %(id)s compares no alternatives"), {"id": cba.id}))
        if cba.price_per_outcome is None:
            gaps.append(msg(_("analysis %(id)s sets no price per outcome"), {"id": cba.id}))
    return Outcome.warn(sentence(gaps), **evidence)


def _plan_recorded(plan) -> bool:
    return plan is not None and bool(
        plan.mechanisms or plan.target_public_share_pct is not None or plan.target_year is not None
    )


@rule(
    "E8.R8",
    title=_("Plan for financial sustainability with named financing mechanisms"),
    says=_(
        "Plan from the start how the scheme will need less subsidy — levies, a public–private training fund, "
        "results-based payments, larger employer or association shares, concessional loans — with a target "
        "share and a date."
    ),
    source="G11 rec (financial sustainability); G11 (funding solutions); E1.R8",
    draft_lenient=True,
    reads=(
        *COST_FIGURES_READS,
        "partnerships.Partnership.donor_funded",
        "partnerships.Partnership.form_of_engagement",
        "partnerships.Partnership.stage",
        "partnerships.Partnership.sustainability_plan",
        "costs.SustainabilityPlan.mechanisms",
        "costs.SustainabilityPlan.mechanisms_tested",
        "costs.SustainabilityPlan.target_public_share_pct",
        "costs.SustainabilityPlan.target_year",
    ),
)
def e8_r8(p, ctx) -> Outcome:
    figures, error = summary(p, ctx) if _items(p, ctx) else (None, None)
    public_pct = figures.public_share_pct if figures else None
    donor = p.donor_funded is True
    if figures and not figures.unassigned_essential_total and not public_pct and not donor:
        return Outcome.na(_("No public or donor money is involved."))
    plan = ctx.sustainability_plan
    evidence = {"public_share_pct": public_pct, "donor_funded": p.donor_funded, "form": p.form_of_engagement}
    if not _plan_recorded(plan):
        if (p.form_of_engagement == "pilot" or donor) and (donor or public_pct):
            kind = _("pilot") if p.form_of_engagement == "pilot" else _("donor-funded scheme")
            if public_pct is None:
                return Outcome.fail(
                    msg(_("A %(kind)s using public money has no sustainability plan."), {"kind": kind}), **evidence
                )
            return Outcome.fail(
                msg(
                    _("A %(kind)s using public money (%(pct)s %%) has no sustainability plan."),
                    {"kind": kind, "pct": public_pct},
                ),
                **evidence,
            )
        if error:
            return _no_rate(error)
        return Outcome.warn(_("No sustainability plan is recorded."), **evidence)
    if error:
        return _no_rate(error)
    gaps = []
    if not plan.mechanisms:
        gaps.append(_("no financing mechanism named"))
    if plan.target_public_share_pct is None:
        gaps.append(_("no target public share"))
    elif public_pct is not None and plan.target_public_share_pct >= public_pct:
        gaps.append(
            msg(
                _("the target public share %(target)s %% is not below today's %(now)s %%"),
                {"target": plan.target_public_share_pct, "now": public_pct},
            )
        )
    if plan.target_year is None:
        gaps.append(_("no target year"))
    if ctx.stage_reached("implementation") and not plan.mechanisms_tested:
        gaps.append(_("no mechanism tested although the scheme is running"))
    evidence["mechanisms"] = list(plan.mechanisms or [])
    if gaps:
        return Outcome.warn(sentence(gaps), **evidence)
    mechanisms = join(shown_list(plan, "mechanisms"))
    if public_pct is None:
        return Outcome.passed(
            msg(
                _("Public share to fall to %(target)s %% by %(year)s through %(mechanisms)s."),
                {"target": plan.target_public_share_pct, "year": plan.target_year, "mechanisms": mechanisms},
            ),
            **evidence,
        )
    return Outcome.passed(
        msg(
            _("Public share to fall from %(now)s %% to %(target)s %% by %(year)s through %(mechanisms)s."),
            {
                "now": public_pct,
                "target": plan.target_public_share_pct,
                "year": plan.target_year,
                "mechanisms": mechanisms,
            },
        ),
        **evidence,
    )


def _deployed_by_year(ctx) -> dict[int, Decimal]:
    """Migrants deployed per year: the latest undisaggregated value of the ``migrants_deployed`` indicator."""
    return migrants_deployed_by_year(ctx.indicators)


@rule(
    "E8.R9",
    title=_("Actual costs monitored and cost per migrant falling"),
    says=_(
        "Record what each cost item actually cost and follow cost per migrant year by year; lower it through "
        "scale, cheaper training delivery or more partners."
    ),
    source="G11 (monitor and reduce costs); G11 rec (monitor the main cost items); G B14",
    can_fail=False,
    reads=(
        *COST_FIGURES_READS,
        "partnerships.Partnership.indicators",
        "partnerships.Partnership.stage",
        "partnerships.Indicator.code",
        "partnerships.Indicator.values",
        "partnerships.IndicatorValue.disaggregation_key",
        "partnerships.IndicatorValue.measured_on",
        "partnerships.IndicatorValue.value",
    ),
)
def e8_r9(p, ctx) -> Outcome:
    if not ctx.stage_reached("implementation"):
        return Outcome.na(
            msg(_("The scheme is not running yet (stage %(stage)s)."), {"stage": label(Stage, ctx.stage)})
        )
    if not _items(p, ctx):
        return Outcome.warn(_("No cost item is recorded yet."))
    figures, error = summary(p, ctx)
    if error:
        return _no_rate(error)
    coverage_min = Decimal(str(ctx.cfg["E8.R9.min_actual_coverage_pct"]))
    tolerance = Decimal(str(ctx.cfg["E8.R9.single_year_tolerance_pct"]))
    last_complete = ctx.today.year - 1
    deployed = _deployed_by_year(ctx)
    per_migrant = actual_cost_per_migrant(
        actual_by_year=figures.actual_by_year, migrants_deployed_by_year=deployed, currency=figures.reporting_currency
    )
    evidence = {
        "actual_coverage_pct": figures.actual_coverage_pct,
        "actual_by_year": figures.actual_by_year,
        "actual_cost_per_migrant": per_migrant,
        "planned_cost_per_migrant": figures.cost_per_migrant,
    }
    gaps = []
    if figures.actual_coverage_pct is None:
        gaps.append(
            msg(_("no actual spending recorded against the plan (at least %(min)s %% expected)"), {"min": coverage_min})
        )
    elif figures.actual_coverage_pct < coverage_min:
        gaps.append(
            msg(
                _("actual spending recorded for items worth %(pct)s %% of the plan (at least %(min)s %% expected)"),
                {"pct": figures.actual_coverage_pct, "min": coverage_min},
            )
        )
    years = sorted(figures.actual_by_year)
    if not years or years[-1] < last_complete:
        gaps.append(msg(_("no actual spending recorded for %(year)d or later"), {"year": last_complete}))
    if not deployed:
        gaps.append(_("no value of the migrants-deployed indicator"))
    complete = [year for year in sorted(per_migrant) if year <= last_complete and per_migrant[year] is not None]
    if deployed and not complete:
        gaps.append(_("no complete year with both actual costs and deployments"))
    elif len(complete) >= 2 and per_migrant[complete[-1]] > per_migrant[complete[0]]:
        gaps.append(
            msg(
                _("cost per migrant rose from %(first)s in %(y1)d to %(last)s in %(y2)d"),
                {
                    "first": per_migrant[complete[0]],
                    "y1": complete[0],
                    "last": per_migrant[complete[-1]],
                    "y2": complete[-1],
                },
            )
        )
    elif len(complete) == 1:
        planned = figures.cost_per_migrant
        actual = per_migrant[complete[0]]
        if planned is None:
            gaps.append(
                msg(
                    _("cost per migrant %(actual)s in %(year)d cannot be compared: no planned cost per migrant"),
                    {"actual": actual, "year": complete[0]},
                )
            )
        elif actual * 100 > planned * tolerance:
            gaps.append(
                msg(
                    _("cost per migrant %(actual)s in %(year)d is above %(tol)s %% of the planned %(planned)s"),
                    {"actual": actual, "year": complete[0], "tol": tolerance, "planned": planned},
                )
            )
    if gaps:
        return Outcome.warn(sentence(gaps), **evidence)
    return Outcome.passed(
        msg(
            _("Actual costs are monitored and cost per migrant is %(last)s %(cur)s in %(year)d."),
            {"last": per_migrant[complete[-1]], "cur": figures.reporting_currency, "year": complete[-1]},
        ),
        **evidence,
    )


EMPLOYER_SAFEGUARDS = frozenset({"employer_cofinancing", "clawback_if_not_hired", "competitive_employer_selection"})


@rule(
    "E8.R10",
    title=_("Public money does not subsidise a single employer"),
    says=_(
        "Where public money trains workers for one company, have that company co-pay (or repay if it does not "
        "hire), select employers openly, and check each funder's co-financing rules."
    ),
    source="G11 (safeguards against subsidising employers' commercial aims; funders' rules); G8 rec",
    can_fail=False,
    reads=(
        "partnerships.Partnership.cost_items",
        "partnerships.Partnership.public_subsidy_safeguards",
        "partnerships.Partnership.training_programmes",
        "costs.CostItem.linked_training",
        "costs.CostItem.shares",
        "costs.CostShare.organisation",
        "costs.CostShare.payer",
        "skills.TrainingProgramme.name",
        "skills.TrainingProgramme.reserved_for_employer",
        "stakeholders.Organisation.category",
    ),
)
def e8_r10(p, ctx) -> Outcome:
    programmes = {tp.id: tp for tp in ctx.training_programmes}
    public_training = [
        item
        for item in _items(p, ctx)
        if item.linked_training_id is not None and any(is_public_share(share) for share in loaded(item, "shares"))
    ]
    if not public_training:
        return Outcome.na(_("No training cost is paid with public money."))
    safeguards = set(p.public_subsidy_safeguards or [])
    reserved = sorted(
        {
            programmes[item.linked_training_id].name
            for item in public_training
            if item.linked_training_id in programmes
            and programmes[item.linked_training_id].reserved_for_employer_id is not None
        }
    )
    gaps = []
    if reserved and not safeguards & EMPLOYER_SAFEGUARDS:
        gaps.append(
            msg(
                _(
                    "public money pays for %(tps)s, reserved for one employer, "
                    "without co-payment, clawback or open selection"
                ),
                {"tps": join(reserved)},
            )
        )
    if "funder_rules_checked" not in safeguards:
        gaps.append(_("funders' co-financing rules have not been checked"))
    evidence = {"reserved_programmes": reserved, "safeguards": sorted(safeguards)}
    if gaps:
        return Outcome.warn(sentence(gaps), **evidence)
    return Outcome.passed(_("Publicly funded training does not subsidise a single employer."), **evidence)


@rule(
    "E8.R11",
    title=_("Resources flow to training in the origin country"),
    says=_(
        "When training runs in the origin country's own system, have the destination side — government, "
        "employers, donors — pay a fair share; cheaper local costs do not mean the origin should pay alone."
    ),
    source="G11 (transfer of resources to origin training; contributions of other beneficiaries); G T1; G8",
    can_fail=False,
    reads=COST_FIGURES_READS,
)
def e8_r11(p, ctx) -> Outcome:
    origin_ids = {pc.id for pc in ctx.origin_countries}
    origin_items = [
        item for item in _items(p, ctx) if item.category == CostCategory.TRAINING and item.country_id in origin_ids
    ]
    if not origin_items:
        return Outcome.na(_("No training cost is incurred in an origin country."))
    figures, error = summary(p, ctx)
    if error:
        return _no_rate(error)
    if not figures.origin_training_total:
        return Outcome.na(_("Origin-side training costs nothing."))
    minimum = Decimal(str(ctx.cfg["E8.R11.min_external_share_pct"]))
    share = figures.origin_training_external_share_pct
    evidence = {
        "origin_training_total": figures.origin_training_total,
        "external_share_pct": share,
        "currency": figures.reporting_currency,
    }
    if share is not None and share >= minimum:
        return Outcome.passed(
            msg(
                _("The destination side, employers and donors pay %(pct)s %% of origin-side training."), {"pct": share}
            ),
            **evidence,
        )
    if share is None:
        return Outcome.warn(
            msg(
                _(
                    "How much of origin-side training (%(total)s %(cur)s) the destination side, "
                    "employers or donors pay "
                    "is not recorded."
                ),
                {"total": figures.origin_training_total, "cur": figures.reporting_currency},
            ),
            **evidence,
        )
    return Outcome.warn(
        msg(
            _(
                "Only %(pct)s %% of origin-side training (%(total)s %(cur)s) is paid by the destination side, "
                "employers or donors; the origin government and migrants carry the rest."
            ),
            {"pct": share, "total": figures.origin_training_total, "cur": figures.reporting_currency},
        ),
        **evidence,
    )
