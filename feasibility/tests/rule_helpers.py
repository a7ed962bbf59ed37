"""Builders of the E5–E8 and R rule tests (factories only; no demo data).

The tests run a rule with ``feasibility.tests.support.check``, the one helper that loads the partnership as
the engine does and asserts the rule issues no query.
"""

from __future__ import annotations

from types import SimpleNamespace

from partnerships.tests.factories import PartnershipCountryFactory, PartnershipFactory, PathwayFactory
from skills.tests.factories import OccupationFactory, TargetOccupationFactory
from stakeholders.tests.factories import OrganisationFactory, ParticipationFactory


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
