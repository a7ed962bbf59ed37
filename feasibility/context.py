"""What a rule may read besides the partnership: ``RuleContext`` (SMP-DOMAIN §0.4, Appendix A.6).

``build_context(p)`` is the one place that builds it. It holds the run's date and stage, the merged
thresholds (``cfg``: defaults of §0.2 under ``settings.SMP_RULES``), the global reference rows a rule
needs (exchange rates, the WHO Safeguards List) loaded once per run or per batch, and helpers computed
once per partnership from its prefetched relations (countries by side, government participations by
side, participations by category group, …) so rules neither repeat work nor query.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from django.conf import settings
from django.utils import timezone

from codelists.partnerships import Stage
from codelists.skills import SOURCE_FAMILY
from codelists.stakeholders import (  # noqa: F401  (re-exported for rule modules)
    CATEGORY_GROUP,
    COUNTED_PORTFOLIOS,
    EMPLOYER_CATEGORIES,
    GOVERNMENT_CATEGORIES,
    IMPLEMENTING_ROLES,
    SUBNATIONAL_LEVELS,
)
from feasibility.registry import DEFAULT_THRESHOLDS
from partnerships.selectors import loaded  # noqa: F401  (re-exported: rules read relations through it)

#
# Domain constants the rules share (values are the codes of Appendix B)
#

# Lifecycle stages in order (§5). ⏳ rules fail for real from "agreement" on (§0.2).
STAGES: tuple[str, ...] = tuple(Stage.values)
LENIENCY_ENDS_AT = "agreement"

# Code-list groupings the rules share (category groups, implementing roles, counted portfolios, source
# families) come from the apps that own the lists (stakeholders §4, skills §2.3) and are re-exported here.

# Core [product default] thresholds (§0.2). Rule modules add theirs with registry.register_defaults;
# settings.SMP_RULES overrides any key. Documented in docs/feasibility.md.
CORE_DEFAULTS: dict[str, Any] = {
    # §3.4: more than this many non-blocking FAILs make the recruitment verdict "fail".
    "R_MAX_NONBLOCKING_FAILS": 2,
    # Run lifecycle (feasibility.services): a run still "running" after this many seconds is failed by
    # the stuck-run job. None = derived from the broker's visibility timeout (plus one scan for lost
    # messages and a margin, never below the hard time limit), so a redelivered task gets its chance first.
    "RUN_STUCK_AFTER_SECONDS": None,
    # The dispatch window: a queued run nobody picked up after this many seconds is no longer reused by a
    # request and is failed by the same job (a message lost with the broker, or a backlog nobody waits for).
    "RUN_QUEUED_EXPIRES_SECONDS": 600,
    # Partnerships checked per batch (one Celery task of the nightly re-check, one transaction of
    # `run_feasibility --all --sync`). Each batch costs one query per relation whatever its size.
    "BATCH_SIZE": 200,
}


def rule_settings() -> dict[str, Any]:
    """Thresholds in force: core and rule-module defaults, overridden by ``settings.SMP_RULES``."""
    return {**CORE_DEFAULTS, **DEFAULT_THRESHOLDS, **getattr(settings, "SMP_RULES", {})}


def iso(value) -> str:
    """An ISO country code as a plain upper-case string ('' when empty); accepts django-countries values."""
    code = getattr(value, "code", value)
    return (code or "").upper()


def country_code(obj) -> str:
    """``iso(obj.country)``: the row's country as a plain upper-case ISO code."""
    return iso(obj.country)


def stage_index(stage: str) -> int:
    try:
        return STAGES.index(stage)
    except ValueError:
        return 0


def related(obj, name: str):
    """A reverse one-to-one (``feasibility_study``, ``sustainability_plan``) or ``None`` when absent.

    ``partnership_get_full`` select-relates them, so this never queries.
    """
    try:
        return getattr(obj, name)
    except Exception:  # RelatedObjectDoesNotExist is a subclass of the model's DoesNotExist
        return None


#
# Reference data loaded once per run (or once per batch)
#


@dataclass(frozen=True)
class ReferenceData:
    """Global reference rows a rule may need: read once, shared by every partnership of a batch."""

    exchange_rates: tuple = ()
    who_ssl: frozenset[str] = frozenset()
    who_ssl_edition: int | None = None


def load_reference_data() -> ReferenceData:
    """Two queries: all exchange rates, and the latest edition of WHO's Safeguards List.

    The rates include every partnership's own rates; ``RateTable.from_rows`` keeps only the reference rates
    and the own rates of the partnership a rule is checking (``feasibility.rules.e8.rate_table``)."""
    from django.apps import apps

    rates: tuple = ()
    who: frozenset[str] = frozenset()
    edition = None
    try:
        rate_model = apps.get_model("costs", "ExchangeRate")
    except LookupError:
        rate_model = None
    if rate_model is not None:
        rates = tuple(rate_model.objects.order_by("base_currency", "quote_currency", "-as_of"))
    try:
        ssl_model = apps.get_model("recruitment", "WhoSslEntry")
    except LookupError:
        ssl_model = None
    if ssl_model is not None:
        rows = list(ssl_model.objects.values_list("country", "edition"))
        if rows:
            edition = max(year for _country, year in rows)
            who = frozenset(iso(country) for country, year in rows if year == edition)
    return ReferenceData(exchange_rates=rates, who_ssl=who, who_ssl_edition=edition)


#
# The context
#


@dataclass(frozen=True)
class RuleContext:
    """Everything a rule reads besides the partnership; helpers are computed on first use, once.

    Built by :func:`build_context`. Frozen: a rule cannot change what the next rule sees.
    """

    today: date
    stage: str
    cfg: dict
    exchange_rates: tuple = ()
    who_ssl: frozenset = frozenset()
    who_ssl_edition: int | None = None
    partnership: Any = field(default=None, repr=False, compare=False)
    _memo: dict = field(default_factory=dict, repr=False, compare=False)

    def memo(self, key: str, compute):
        """A value several rules need (a cost summary, a lookup table), computed once per partnership.

        ``ctx.memo("E8.cost_summary", lambda: cost_summary_for_partnership(...))``.
        """
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = compute()
            return value

    #
    # Stage
    #

    def stage_reached(self, stage: str) -> bool:
        """True when the partnership is at ``stage`` or later (§5 order)."""
        return stage_index(self.stage) >= stage_index(stage)

    @property
    def before_agreement(self) -> bool:
        return not self.stage_reached(LENIENCY_ENDS_AT)

    #
    # Countries
    #

    @cached_property
    def countries(self) -> list:
        return list(loaded(self.partnership, "countries"))

    @cached_property
    def countries_by_side(self) -> dict[str, list]:
        by_side: dict[str, list] = {"origin": [], "destination": []}
        for pc in self.countries:
            by_side.setdefault(pc.side, []).append(pc)
        return by_side

    @property
    def origin_countries(self) -> list:
        return self.countries_by_side["origin"]

    @property
    def destination_countries(self) -> list:
        return self.countries_by_side["destination"]

    @cached_property
    def country_by_id(self) -> dict[int, Any]:
        return {pc.id: pc for pc in self.countries}

    @cached_property
    def side_of_iso(self) -> dict[str, str]:
        """ISO code → side of the partnership it sits on."""
        return {country_code(pc): pc.side for pc in self.countries}

    #
    # Participations and organisations
    #

    @cached_property
    def participations(self) -> list:
        return list(loaded(self.partnership, "participations"))

    @cached_property
    def participation_by_id(self) -> dict[int, Any]:
        return {part.id: part for part in self.participations}

    def group_of(self, participation) -> str:
        """The §4.1 category group of a participation's organisation."""
        return category_group(participation.organisation)

    @cached_property
    def participations_by_group(self) -> dict[str, list]:
        groups: dict[str, list] = defaultdict(list)
        for part in self.participations:
            groups[self.group_of(part)].append(part)
        return dict(groups)

    @cached_property
    def participations_by_side(self) -> dict[str, list]:
        by_side: dict[str, list] = {"origin": [], "destination": []}
        for part in self.participations:
            if part.side:
                by_side.setdefault(part.side, []).append(part)
        return by_side

    @cached_property
    def government_by_side(self) -> dict[str, list]:
        """Government participations (§4.1 group ``government``; donors never count) by side."""
        by_side: dict[str, list] = {"origin": [], "destination": []}
        for part in self.participations_by_group.get("government", []):
            if part.side:
                by_side.setdefault(part.side, []).append(part)
        return by_side

    def participations_with_role(self, role: str) -> list:
        return [part for part in self.participations if role in (part.roles or [])]

    @cached_property
    def capacity_activities(self) -> list:
        return list(loaded(self.partnership, "capacity_activities"))

    @cached_property
    def activities_by_participation(self) -> dict[int, list]:
        by_part: dict[int, list] = defaultdict(list)
        for activity in self.capacity_activities:
            by_part[activity.target_participation_id].append(activity)
        return dict(by_part)

    @cached_property
    def governance_bodies(self) -> list:
        return list(loaded(self.partnership, "governance_bodies"))

    #
    # Objectives, indicators, sectors, occupations, evidence
    #

    @cached_property
    def objectives(self) -> list:
        return list(loaded(self.partnership, "objectives"))

    @cached_property
    def indicators(self) -> list:
        return list(loaded(self.partnership, "indicators"))

    @cached_property
    def sectors(self) -> list:
        return sorted(loaded(self.partnership, "sectors"), key=lambda s: s.pk)

    @cached_property
    def target_occupations(self) -> list:
        return list(loaded(self.partnership, "target_occupations"))

    @cached_property
    def evidence(self) -> list:
        return list(loaded(self.partnership, "labour_market_evidence"))

    @cached_property
    def target_occupation_by_id(self) -> dict[int, Any]:
        return {target.id: target for target in self.target_occupations}

    @cached_property
    def evidence_by_id(self) -> dict[int, Any]:
        return {item.id: item for item in self.evidence}

    @cached_property
    def training_programmes(self) -> list:
        return list(loaded(self.partnership, "training_programmes"))

    @cached_property
    def pathways(self) -> list:
        return list(loaded(self.partnership, "pathways"))

    #
    # One-to-one rows and derived values
    #

    @cached_property
    def feasibility_study(self):
        return related(self.partnership, "feasibility_study")

    @cached_property
    def sustainability_plan(self):
        return related(self.partnership, "sustainability_plan")

    @cached_property
    def duration_months(self) -> int | None:
        """``Partnership.duration_months`` (§1.3, derived from the dates); ``None`` when a date is missing."""
        return self.partnership.duration_months


def category_group(organisation) -> str:
    """``Organisation.category_group`` (§4.1), derived from the category without a query."""
    if organisation is None:
        return "other"
    return CATEGORY_GROUP.get(organisation.category, "other")


def source_family(evidence) -> str:
    """``LabourMarketEvidence.source_family`` (§2.3), derived from ``source_type``."""
    return SOURCE_FAMILY.get(evidence.source_type, "other")


def build_context(p, *, today: date | None = None, reference: ReferenceData | None = None) -> RuleContext:
    """The one way to build a :class:`RuleContext` for partnership ``p`` (loaded by ``partnership_get_for_check``).

    ``reference`` is loaded here (two queries) unless a batch passes the one it loaded already.
    """
    if reference is None:
        reference = load_reference_data()
    return RuleContext(
        today=today or timezone.localdate(),
        stage=p.stage,
        cfg=rule_settings(),
        exchange_rates=reference.exchange_rates,
        who_ssl=reference.who_ssl,
        who_ssl_edition=reference.who_ssl_edition,
        partnership=p,
    )
