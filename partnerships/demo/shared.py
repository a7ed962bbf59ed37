"""What the demo modules share: the description of a demo (:class:`DemoSpec`, :class:`PlantedGap`), the
organisations that take part in several demo partnerships, and the demo users.

Organisation names: governments and international organisations carry their real names; employers,
training institutions, unions, NGOs and recruiters are invented and end in "(demo)". Every fact a demo
records about any of them is invented for the demo (SMP-DOMAIN §10: "modelled on", not a claim about the
real scheme).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from partnerships.demo.builders import OrgSpec

#: Password of every demo user (docs/demo-data.md). The demo is for local use and evaluation only.
DEMO_PASSWORD = "demo-password"  # noqa: S105 — documented demo login, created only by load_demo

#: Marker shown at the top of every demo partnership's summary.
DEMO_NOTE = (
    "Demo data: modelled on a real scheme, but every figure, organisation role and gap here is invented to "
    "exercise the platform. It is not a description of the real scheme."
)


@dataclass(frozen=True)
class PlantedGap:
    """A gap a demo carries on purpose, and the rules it makes FAIL or WARN (by rule id)."""

    description: str
    fails: tuple[str, ...] = ()
    warns: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoSpec:
    """One demo partnership: what it is modelled on, where it stands, and the gaps it carries.

    ``partnership_data(today)`` gives the data for ``partnership_create`` (dates relative to the load day);
    ``build(builder)`` adds everything below the partnership.
    """

    key: str
    name: str
    modelled_on: str
    corridor: str
    stage: str
    completeness: str  # high | medium | low
    gaps: tuple[PlantedGap, ...]
    partnership_data: Callable[[date], dict[str, Any]]
    build: Callable[[Any], None]
    notes: str = ""
    #: Exchange rates (base, quote, rate) the cost table needs to reach the reporting currency.
    rates: tuple[tuple[str, str, str], ...] = ()
    #: True for the demo whose cost table is the worked example of SMP-DOMAIN §8.4.
    uses_worked_example: bool = False

    @property
    def planted_fails(self) -> frozenset[str]:
        return frozenset(rule for gap in self.gaps for rule in gap.fails)

    @property
    def planted_warns(self) -> frozenset[str]:
        return frozenset(rule for gap in self.gaps for rule in gap.warns)


#
# Organisations taking part in several demo partnerships
#

#: Lead ministry of the ``official`` demo user (destination side in three demos).
DE_LABOUR = OrgSpec(
    "Federal Ministry of Labour and Social Affairs",
    "government_ministry",
    "DE",
    portfolio=("labour_employment",),
)
#: Ministry of the ``official2`` demo user (origin side in two demos, one shared with ``official``).
MA_EMPLOYMENT = OrgSpec(
    "Ministry of Economic Inclusion, Small Business, Employment and Skills",
    "government_ministry",
    "MA",
    portfolio=("labour_employment", "education_tvet_skills"),
)
#: The employers' association of the ``partner`` demo user (an API client).
DE_EMPLOYERS = OrgSpec(
    "German Employers' Alliance for International Skills (demo)",
    "employer_org",
    "DE",
)
DE_INTERIOR = OrgSpec(
    "Federal Ministry of the Interior", "government_ministry", "DE", portfolio=("migration_interior",)
)
DE_FOREIGN = OrgSpec("Federal Foreign Office", "government_ministry", "DE", portfolio=("foreign_affairs_consular",))
DE_EDUCATION = OrgSpec(
    "Federal Ministry of Education and Research", "government_ministry", "DE", portfolio=("education_tvet_skills",)
)
DE_PES = OrgSpec("Federal Employment Agency", "public_employment_service", "DE", portfolio=("labour_employment",))
DE_INSPECTORATE = OrgSpec(
    "Customs Labour Inspection Unit (demo)", "government_agency", "DE", portfolio=("labour_employment",)
)
DE_UNION = OrgSpec("Hospitality and Care Workers' Union (demo)", "workers_org", "DE")
MA_PES = OrgSpec(
    "National Agency for the Promotion of Employment and Skills (ANAPEC)",
    "public_employment_service",
    "MA",
    portfolio=("labour_employment",),
)
IOM = OrgSpec("International Organization for Migration (IOM)", "international_org")
ILO = OrgSpec("International Labour Organization (ILO)", "international_org")
EU_FACILITY = OrgSpec("EU Migration Partnership Facility", "donor")


#
# Demo users (created only by load_demo)
#


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    first_name: str
    last_name: str
    organisations: tuple[OrgSpec, ...] = field(default_factory=tuple)
    description: str = ""


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser(
        "official",
        "official",
        "Ada",
        "Official",
        (DE_LABOUR,),
        "Official of Germany's labour ministry, the lead ministry of three demo partnerships.",
    ),
    DemoUser(
        "official2",
        "official",
        "Yasmine",
        "Official",
        (MA_EMPLOYMENT,),
        "Official of Morocco's employment ministry: shares the North Africa–Europe demo with `official`, and "
        "also sees the Mediterranean city-network demo, which `official` does not.",
    ),
    DemoUser(
        "reviewer", "reviewer", "Rui", "Reviewer", (), "IOM staff member with the reviewer role: sees everything."
    ),
    DemoUser(
        "partner",
        "partner",
        "Pat",
        "Partner",
        (DE_EMPLOYERS,),
        "API client of a German employers' association taking part in two demo partnerships.",
    ),
)
