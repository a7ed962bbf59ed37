"""Shared helpers for the rule tests: load a factory-built partnership the way the engine does and run one rule.

``check("E6.R3", partnership, stage="design")`` loads the partnership with
``partnerships.selectors.partnership_get_full``, builds a ``RuleContext`` at the given stage, runs the rule
through the engine's ``run_rule`` (so ⏳ leniency and §3.4's per-outcome leniency apply exactly as in a real
run) and asserts that the rule issued **no query** and did not raise. It returns the engine's
``FindingResult`` (``status``, ``message``, ``evidence``, ``draft_lenient_applied``).

``verdict(partnership, stage=...)`` runs every registered rule and returns the engine's evaluation, whose
``recruitment`` carries the §3.4 verdict and red flags.
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from django.db import connection
from django.db.models import prefetch_related_objects
from django.test.utils import CaptureQueriesContext

from feasibility.context import RuleContext, load_reference_data, rule_settings
from feasibility.engine import evaluate, run_rule
from feasibility.registry import REGISTRY, Status
from partnerships.selectors import partnership_get_full
from partnerships.tests.factories import PartnershipCountryFactory, PartnershipFactory, PathwayFactory
from skills.tests.factories import OccupationFactory, TargetOccupationFactory
from stakeholders.tests.factories import OrganisationFactory, ParticipationFactory

#: The run date every rule test uses (licence expiry, monitoring age … are relative to it).
TODAY = date(2026, 11, 2)


def _extra_loads(p) -> None:
    """Foreign keys E5–E8 and R read that ``partnership_get_full`` does not (yet) select, loaded here so the
    tests keep the no-query guarantee. Each belongs in ``partnerships.selectors.full_prefetches``:

    * ``OccupationProfile.regulator`` (E5.R3 names the licensing body) —
      ``Prefetch("target_occupations__profiles", queryset=OccupationProfile.objects.select_related("regulator"))``.
    """
    profiles = [profile for to in p.target_occupations.all() for profile in to.profiles.all()]
    unloaded = [pr for pr in profiles if pr.regulator_id and not type(pr).regulator.is_cached(pr)]
    if unloaded:
        prefetch_related_objects(unloaded, "regulator")


PASS, WARN, FAIL, NA = Status.PASS, Status.WARN, Status.FAIL, Status.NA


def load(partnership):
    """The partnership as the engine sees it (everything prefetched)."""
    p = partnership_get_full(partnership_id=partnership.pk)
    _extra_loads(p)
    return p


def context(p, *, stage: str | None = None, today: date = TODAY, who_ssl=None, **cfg) -> RuleContext:
    """A ``RuleContext`` at ``stage`` (default: the partnership's own), with thresholds overridable by keyword
    (``**{"E8.R3.max_payer_share_pct": 70}``) and, for R.14, an explicit WHO Safeguards List."""
    reference = load_reference_data()
    return RuleContext(
        today=today,
        stage=stage or p.stage,
        cfg={**rule_settings(), **cfg},
        exchange_rates=reference.exchange_rates,
        who_ssl=reference.who_ssl if who_ssl is None else frozenset(who_ssl),
        who_ssl_edition=reference.who_ssl_edition if who_ssl is None else 2023,
        partnership=p,
    )


def check(rule_id: str, partnership, *, stage: str | None = None, **options):
    """Run one rule on ``partnership`` and return its finding, after leniency; asserts no query, no error."""
    p = load(partnership)
    ctx = context(p, stage=stage, **options)
    spec = REGISTRY[rule_id]
    with CaptureQueriesContext(connection) as queries:
        finding = run_rule(spec, p, ctx)
    assert not finding.error, finding.error
    assert not queries.captured_queries, f"{rule_id} queried: {[q['sql'] for q in queries.captured_queries]}"
    return finding


def status_of(rule_id: str, partnership, **options) -> Status:
    return check(rule_id, partnership, **options).status


def verdict(partnership, *, stage: str | None = None, **options):
    """Evaluate every registered rule; ``.recruitment`` holds the §3.4 verdict and red flags."""
    p = load(partnership)
    ctx = context(p, stage=stage, **options)
    return evaluate(p, ctx)


#
# Builders shared by the rule tests (factories only; no demo data)
#


def update(obj, **fields):
    """Change some fields of a factory-built row and save it."""
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.save()
    return obj


def corridor(stage: str = "design", *, origin: str = "MA", destination: str = "DE", **fields) -> SimpleNamespace:
    """A partnership at ``stage`` with one origin (Morocco, Arabic and French) and one destination (Germany)."""
    p = PartnershipFactory(stage=stage, **fields)
    dest = PartnershipCountryFactory(
        partnership=p, country=destination, side="destination", languages=["de"] if destination == "DE" else ["en"]
    )
    orig = PartnershipCountryFactory(
        partnership=p, country=origin, side="origin", languages=["ar", "fr"] if origin == "MA" else ["en"]
    )
    return SimpleNamespace(p=p, dest=dest, origin=orig)


def target(p, code: str = "7112", **fields):
    """A target occupation (ISCO-08 unit group ``code``) of partnership ``p``."""
    return TargetOccupationFactory(partnership=p, occupation=OccupationFactory(code=code), **fields)


def pathway(p, dest, *targets, **fields):
    """A pathway of ``p`` to ``dest`` covering the occupations of ``targets`` (so it is a "pathway used")."""
    route = PathwayFactory(partnership=p, destination_country=dest, **fields)
    route.occupations.set([to.occupation for to in targets])
    return route


def participant(
    p,
    category: str,
    *,
    side: str = "destination",
    roles=("implementer",),
    country=None,
    name=None,
    portfolio=(),
    **participation_fields,
):
    """An organisation of ``category`` taking part in ``p`` on ``side`` (extra keywords go to the participation)."""
    org_fields = {"name": name} if name else {}
    org = OrganisationFactory(
        category=category,
        country=country if country is not None else ("DE" if side == "destination" else "MA"),
        portfolio=list(portfolio),
        **org_fields,
    )
    return ParticipationFactory(partnership=p, organisation=org, side=side, roles=list(roles), **participation_fields)
