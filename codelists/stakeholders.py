"""Code lists owned by the stakeholders app (SMP-DOMAIN §4, and the capacity lists of §2.1 E1.R9).

Codes are exactly those of the domain file; labels are ours. ``Side`` (§4.2) is shared by
``PartnershipCountry``, ``Participation``, ``Indicator`` and ``GrievanceChannel``; ``codelists.partnerships``
re-exports it. Rules count *groups* of organisation categories (§4.1): use ``CATEGORY_GROUP`` and the
frozensets below (``GOVERNMENT_CATEGORIES``, ``EMPLOYER_CATEGORIES`` …) rather than spelling codes out.

This module imports nothing from other apps, so every app may import it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

#
# Sides (§4.2)
#


class Side(models.TextChoices):
    """The side of a corridor a country, participation, indicator or grievance channel is on (§4.2)."""

    ORIGIN = "origin", _("Origin")
    DESTINATION = "destination", _("Destination")


#
# Organisation categories, groups, portfolios and levels (§4.1)
#


class CategoryGroup(models.TextChoices):
    """``Organisation.category_group``: derived from the category, never stored (§4.1)."""

    GOVERNMENT = "government", _("Government")
    EMPLOYERS = "employers", _("Employers")
    TRAINING = "training", _("Training")
    SOCIAL_CIVIL = "social_civil", _("Social partners and civil society")
    MIGRANTS_DIASPORA = "migrants_diaspora", _("Migrants and diaspora")
    INTERNATIONAL_DONOR = "international_donor", _("International organisations and donors")
    RECRUITERS = "recruiters", _("Recruiters")
    OTHER = "other", _("Other")


class OrganisationCategory(models.TextChoices):
    """``Organisation.category``: exactly one per organisation (§4.1)."""

    GOVERNMENT_MINISTRY = "government_ministry", _("Government ministry")
    GOVERNMENT_AGENCY = "government_agency", _("Government agency")
    PUBLIC_EMPLOYMENT_SERVICE = "public_employment_service", _("Public employment service")
    SUBNATIONAL_AUTHORITY = "subnational_authority", _("Subnational authority")
    EMBASSY_CONSULATE = "embassy_consulate", _("Embassy or consulate")
    EMPLOYER = "employer", _("Employer")
    EMPLOYER_ORG = "employer_org", _("Employers' or industry association")
    CHAMBER = "chamber", _("Chamber of commerce, industry or crafts")
    TRAINING_PUBLIC = "training_public", _("Public training institution")
    TRAINING_PRIVATE = "training_private", _("Private training provider")
    WORKERS_ORG = "workers_org", _("Workers' organisation")
    NGO_CSO = "ngo_cso", _("NGO or civil-society organisation")
    DIASPORA_ORG = "diaspora_org", _("Diaspora organisation")
    MIGRANT_ORG = "migrant_org", _("Migrant or returnee organisation")
    INTERNATIONAL_ORG = "international_org", _("International organisation")
    DONOR = "donor", _("Donor")
    RECRUITER_PRIVATE = "recruiter_private", _("Private recruiter")
    ACADEMIA = "academia", _("Academia or research")
    CERTIFICATION_BODY = "certification_body", _("Certification or accreditation body")
    OTHER = "other", _("Other")


_C = OrganisationCategory
_G = CategoryGroup

#: category → group (§4.1 table). Every category appears exactly once.
CATEGORY_GROUP: dict[str, str] = {
    _C.GOVERNMENT_MINISTRY: _G.GOVERNMENT,
    _C.GOVERNMENT_AGENCY: _G.GOVERNMENT,
    _C.PUBLIC_EMPLOYMENT_SERVICE: _G.GOVERNMENT,
    _C.SUBNATIONAL_AUTHORITY: _G.GOVERNMENT,
    _C.EMBASSY_CONSULATE: _G.GOVERNMENT,
    _C.EMPLOYER: _G.EMPLOYERS,
    _C.EMPLOYER_ORG: _G.EMPLOYERS,
    _C.CHAMBER: _G.EMPLOYERS,
    _C.TRAINING_PUBLIC: _G.TRAINING,
    _C.TRAINING_PRIVATE: _G.TRAINING,
    _C.WORKERS_ORG: _G.SOCIAL_CIVIL,
    _C.NGO_CSO: _G.SOCIAL_CIVIL,
    _C.DIASPORA_ORG: _G.MIGRANTS_DIASPORA,
    _C.MIGRANT_ORG: _G.MIGRANTS_DIASPORA,
    _C.INTERNATIONAL_ORG: _G.INTERNATIONAL_DONOR,
    _C.DONOR: _G.INTERNATIONAL_DONOR,
    _C.RECRUITER_PRIVATE: _G.RECRUITERS,
    _C.ACADEMIA: _G.OTHER,
    _C.CERTIFICATION_BODY: _G.OTHER,
    _C.OTHER: _G.OTHER,
}


def categories_in_group(group: str) -> frozenset[str]:
    """Every category code of one ``CategoryGroup``."""
    return frozenset(category for category, owner in CATEGORY_GROUP.items() if owner == group)


#: The group E2.R1/E2.R2 count as government. A donor agency is not government, even a State's (§4.1).
GOVERNMENT_CATEGORIES: frozenset[str] = categories_in_group(_G.GOVERNMENT)
#: Employer side: ``employer``, ``employer_org``, ``chamber`` (E2.R3, E3.R3, E3.R7, E4.R3, E5.R5, E5.R9, E8.R5).
EMPLOYER_CATEGORIES: frozenset[str] = categories_in_group(_G.EMPLOYERS)
TRAINING_CATEGORIES: frozenset[str] = categories_in_group(_G.TRAINING)
SOCIAL_CIVIL_CATEGORIES: frozenset[str] = categories_in_group(_G.SOCIAL_CIVIL)
MIGRANT_DIASPORA_CATEGORIES: frozenset[str] = categories_in_group(_G.MIGRANTS_DIASPORA)
INTERNATIONAL_DONOR_CATEGORIES: frozenset[str] = categories_in_group(_G.INTERNATIONAL_DONOR)
#: Migrant-side co-designers of training (E5.R9): migrant and diaspora organisations and unions.
MIGRANT_SIDE_CATEGORIES: frozenset[str] = frozenset({_C.MIGRANT_ORG, _C.DIASPORA_ORG, _C.WORKERS_ORG})
#: Categories whose organisations may have no country: ``international_org`` never has one, a multilateral
#: ``donor`` fund may have none (§4.1 [product default]).
COUNTRYLESS_CATEGORIES: frozenset[str] = frozenset({_C.INTERNATIONAL_ORG, _C.DONOR})
#: Participations of these categories may leave ``side`` empty when they act for the whole partnership (§4.2).
SIDELESS_CATEGORIES: frozenset[str] = COUNTRYLESS_CATEGORIES


class Portfolio(models.TextChoices):
    """``Organisation.portfolio``: policy fields of a government organisation (§4.1); E2.R2 ignores ``other``."""

    LABOUR_EMPLOYMENT = "labour_employment", _("Labour and employment")
    MIGRATION_INTERIOR = "migration_interior", _("Migration and interior")
    FOREIGN_AFFAIRS_CONSULAR = "foreign_affairs_consular", _("Foreign affairs and consular")
    EDUCATION_TVET_SKILLS = "education_tvet_skills", _("Education, TVET and skills")
    SECTOR_MINISTRY = "sector_ministry", _("Ministry of the target sector")
    ECONOMY_TRADE = "economy_trade", _("Economy, trade and investment")
    STATISTICS = "statistics", _("Statistics")
    FINANCE = "finance", _("Finance")
    OTHER = "other", _("Other")


#: The portfolios E2.R2 counts towards whole-of-government coverage (every code except ``other``).
COUNTED_PORTFOLIOS: frozenset[str] = frozenset(Portfolio.values) - {Portfolio.OTHER}


class OrganisationLevel(models.TextChoices):
    """``Organisation.level``: tier of government or operation inside its country (§4.1)."""

    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional")
    LOCAL = "local", _("Local")


#: Levels E2.R9 and E4.R6 count as subnational; ``subnational_authority`` must have one of them.
SUBNATIONAL_LEVELS: frozenset[str] = frozenset({OrganisationLevel.REGIONAL, OrganisationLevel.LOCAL})

#
# Participation roles and interests (§4.2)
#


class ParticipationRole(models.TextChoices):
    """``Participation.roles`` (§4.2): several per participation, at least one."""

    LEAD = "lead", _("Lead")
    CO_LEAD = "co_lead", _("Co-lead")
    FUNDER = "funder", _("Funder")
    IMPLEMENTER = "implementer", _("Implementer")
    TRAINING_PROVIDER = "training_provider", _("Training provider")
    RECRUITER = "recruiter", _("Recruiter")
    SKILLS_MATCHING = "skills_matching", _("Skills matching")
    EMPLOYER = "employer", _("Employer")
    CERTIFICATION_BODY = "certification_body", _("Certification body")
    PERMIT_AUTHORITY = "permit_authority", _("Permit authority")
    SUPPORT_SERVICE = "support_service", _("Support service")
    REINTEGRATION = "reintegration", _("Reintegration")
    DATA_PROVIDER = "data_provider", _("Data provider")
    ADVISOR = "advisor", _("Advisor")
    INTERMEDIARY = "intermediary", _("Intermediary")
    OBSERVER = "observer", _("Observer")


_R = ParticipationRole

#: The implementing roles E1.R9 (and E2.R10) look at (§4.2).
IMPLEMENTING_ROLES: frozenset[str] = frozenset(
    {
        _R.IMPLEMENTER,
        _R.TRAINING_PROVIDER,
        _R.RECRUITER,
        _R.SKILLS_MATCHING,
        _R.CERTIFICATION_BODY,
        _R.PERMIT_AUTHORITY,
        _R.SUPPORT_SERVICE,
        _R.REINTEGRATION,
        _R.INTERMEDIARY,
    }
)


class Interest(models.TextChoices):
    """``Participation.interests``: the interest codes of G T2 (§4.2), optional."""

    # Governments, both sides
    SECTOR_PRODUCTIVITY = "sector_productivity", _("Sector productivity")
    SECTOR_COMPETITIVENESS = "sector_competitiveness", _("Sector competitiveness")
    ATTRACT_FDI = "attract_fdi", _("Attract foreign direct investment")
    TRADE_IN_SERVICES = "trade_in_services", _("Trade in services")
    # Government, origin
    JOBS_FOR_NATIONALS = "jobs_for_nationals", _("Jobs for nationals")
    AVOID_BRAIN_DRAIN = "avoid_brain_drain", _("Avoid brain drain")
    REDUCE_IRREGULAR_MIGRATION_COSTS = "reduce_irregular_migration_costs", _("Reduce the costs of irregular migration")
    REMITTANCES_DIASPORA = "remittances_diaspora", _("Remittances and diaspora contributions")
    SKILLS_TRANSFER = "skills_transfer", _("Skills transfer")
    BALANCED_PARTNERSHIP = "balanced_partnership", _("A balanced partnership without conditions")
    FINANCIAL_TECHNICAL_SUPPORT = "financial_technical_support", _("Financial and technical support")
    # Government, destination
    FILL_SHORTAGES = "fill_shortages", _("Fill labour shortages")
    PUBLICLY_SUPPORTED_PATHWAYS = "publicly_supported_pathways", _("Publicly supported pathways")
    COST_SHARING = "cost_sharing", _("Cost-sharing")
    SAFE_ORDERLY_MIGRATION = "safe_orderly_migration", _("Safe and orderly migration")
    # Employers
    SKILLED_WORKFORCE = "skilled_workforce", _("A skilled workforce")
    TRAINING_MATCHES_NEEDS = "training_matches_needs", _("Training that matches needs")
    CONTINUOUS_DEVELOPMENT = "continuous_development", _("Continuous staff development")
    RETAIN_OR_REHIRE = "retain_or_rehire", _("Retain or rehire workers")
    POSITIVE_ROI = "positive_roi", _("Positive return on investment")
    SHARE_LABOUR_MARKET_INFO = "share_labour_market_info", _("Share labour-market information")
    MARKET_ACCESS = "market_access", _("Market access")
    INVESTMENT_NETWORKS = "investment_networks", _("International investment networks")
    SME_LOWER_HIRING_COSTS = "sme_lower_hiring_costs", _("Lower hiring costs for SMEs")
    PRODUCTIVITY_INNOVATION = "productivity_innovation", _("Productivity and innovation")
    REPUTATION_CSR = "reputation_csr", _("Reputation and social responsibility")
    # Training institutions
    UNDERSTAND_SKILL_NEEDS = "understand_skill_needs", _("Understand skill needs")
    CURRICULUM_CAPACITY = "curriculum_capacity", _("Curriculum and capacity development")
    # Trade unions and civil society
    NO_DISTORTION_DOMESTIC_WORKERS = "no_distortion_domestic_workers", _("No harm to domestic workers' conditions")
    DECENT_FAIR_TERMS = "decent_fair_terms", _("Decent and fair terms")
    SUPPORT_THROUGHOUT = "support_throughout", _("Support throughout migration")
    CAREER_LIFELONG_LEARNING = "career_lifelong_learning", _("Careers and lifelong learning")
    INCLUSION_DISADVANTAGED = "inclusion_disadvantaged", _("Inclusion of disadvantaged groups")
    # Migrant workers
    PROFESSIONAL_DEVELOPMENT = "professional_development", _("Professional development")
    HIGHER_EARNINGS = "higher_earnings", _("Higher earnings")
    NO_RECRUITMENT_FEES = "no_recruitment_fees", _("No recruitment fees")
    JOB_AT_SKILL_LEVEL = "job_at_skill_level", _("A job at their skill level")
    MOBILITY_OPPORTUNITY = "mobility_opportunity", _("A chance to move")
    PROFESSIONAL_EMPLOYMENT = "professional_employment", _("Professional employment")
    INTERNATIONAL_QUALITY_TRAINING = "international_quality_training", _("Training of international quality")
    ACCESS_LOW_INCOME_STUDENTS = "access_low_income_students", _("Access for low-income students")


_I = Interest

#: Which interests the wizard offers to which actor (rows of G T2, §4.2). Keys are our own short names.
INTERESTS_BY_ACTOR: dict[str, tuple[str, ...]] = {
    "government": (_I.SECTOR_PRODUCTIVITY, _I.SECTOR_COMPETITIVENESS, _I.ATTRACT_FDI, _I.TRADE_IN_SERVICES),
    "government_origin": (
        _I.JOBS_FOR_NATIONALS,
        _I.AVOID_BRAIN_DRAIN,
        _I.REDUCE_IRREGULAR_MIGRATION_COSTS,
        _I.REMITTANCES_DIASPORA,
        _I.SKILLS_TRANSFER,
        _I.BALANCED_PARTNERSHIP,
        _I.FINANCIAL_TECHNICAL_SUPPORT,
    ),
    "government_destination": (
        _I.FILL_SHORTAGES,
        _I.PUBLICLY_SUPPORTED_PATHWAYS,
        _I.COST_SHARING,
        _I.SAFE_ORDERLY_MIGRATION,
    ),
    "employers": (
        _I.SKILLED_WORKFORCE,
        _I.TRAINING_MATCHES_NEEDS,
        _I.CONTINUOUS_DEVELOPMENT,
        _I.RETAIN_OR_REHIRE,
        _I.POSITIVE_ROI,
        _I.SHARE_LABOUR_MARKET_INFO,
        _I.MARKET_ACCESS,
        _I.INVESTMENT_NETWORKS,
        _I.SME_LOWER_HIRING_COSTS,
        _I.PRODUCTIVITY_INNOVATION,
        _I.REPUTATION_CSR,
    ),
    "training": (_I.UNDERSTAND_SKILL_NEEDS, _I.CURRICULUM_CAPACITY),
    "social_civil": (
        _I.NO_DISTORTION_DOMESTIC_WORKERS,
        _I.DECENT_FAIR_TERMS,
        _I.SUPPORT_THROUGHOUT,
        _I.CAREER_LIFELONG_LEARNING,
        _I.INCLUSION_DISADVANTAGED,
    ),
    "migrants": (
        _I.PROFESSIONAL_DEVELOPMENT,
        _I.HIGHER_EARNINGS,
        _I.NO_RECRUITMENT_FEES,
        _I.JOB_AT_SKILL_LEVEL,
        _I.MOBILITY_OPPORTUNITY,
        _I.PROFESSIONAL_EMPLOYMENT,
        _I.INTERNATIONAL_QUALITY_TRAINING,
        _I.ACCESS_LOW_INCOME_STUDENTS,
    ),
}

#
# Governance bodies (§4.3)
#


class GovernanceLayer(models.TextChoices):
    """``GovernanceBody.layer`` (§4.3)."""

    DECISION = "decision", _("Decision")
    OPERATIONAL = "operational", _("Operational")
    THEMATIC = "thematic", _("Thematic")


class GovernanceKind(models.TextChoices):
    """``GovernanceBody.kind`` (§4.3)."""

    STEERING_COMMITTEE = "steering_committee", _("Steering committee")
    ADVISORY_COUNCIL = "advisory_council", _("Advisory council")
    OPERATIONAL_COMMITTEE = "operational_committee", _("Operational committee")
    WORKING_GROUP = "working_group", _("Working group")
    SECTORAL_WORKING_GROUP = "sectoral_working_group", _("Sectoral working group")
    CITY_NETWORK = "city_network", _("City network")


#: ``layer`` a body gets when none is given (§4.3 "Default layer"); it can be changed afterwards.
DEFAULT_LAYER: dict[str, str] = {
    GovernanceKind.STEERING_COMMITTEE: GovernanceLayer.DECISION,
    GovernanceKind.ADVISORY_COUNCIL: GovernanceLayer.THEMATIC,
    GovernanceKind.OPERATIONAL_COMMITTEE: GovernanceLayer.OPERATIONAL,
    GovernanceKind.WORKING_GROUP: GovernanceLayer.THEMATIC,
    GovernanceKind.SECTORAL_WORKING_GROUP: GovernanceLayer.THEMATIC,
    GovernanceKind.CITY_NETWORK: GovernanceLayer.OPERATIONAL,
}


class ReportingCycle(models.TextChoices):
    """``GovernanceBody.reporting_cycle`` (§4.3) [product default]."""

    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    SEMIANNUAL = "semiannual", _("Twice a year")
    ANNUAL = "annual", _("Yearly")
    NONE = "none", _("None")


#
# Capacity (§2.1 E1.R9)
#


class CapacityLevel(models.TextChoices):
    """``Participation.capacity_level`` (E1.R9, E2.R10, E3.R9, R.15)."""

    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class CapacityTopic(models.TextChoices):
    """``CapacityActivity.topic`` (E1.R9)."""

    SKILLS_ANTICIPATION = "skills_anticipation", _("Skills anticipation")
    LMIS = "lmis", _("Labour-market information system")
    MIGRATION_STATISTICS = "migration_statistics", _("Migration statistics")
    RECOGNITION = "recognition", _("Recognition of skills")
    BLMA_NEGOTIATION = "blma_negotiation", _("Negotiating labour agreements")
    ETHICAL_RECRUITMENT = "ethical_recruitment", _("Ethical recruitment")
    ORIENTATION = "orientation", _("Orientation")
    MATCHING = "matching", _("Skills matching")
    OTHER = "other", _("Other")


class CapacityMethod(models.TextChoices):
    """``CapacityActivity.method`` (E1.R9)."""

    TECHNICAL_ASSISTANCE = "technical_assistance", _("Technical assistance")
    PEER_TO_PEER = "peer_to_peer", _("Peer-to-peer exchange")
    ROUND_TABLE = "round_table", _("Round table")
    WORKSHOP = "workshop", _("Workshop")
    REFRESHER = "refresher", _("Refresher")
    ACCOMPANIMENT = "accompaniment", _("Accompaniment (learning by doing)")


class CapacityStatus(models.TextChoices):
    """``CapacityActivity.status`` (E1.R9): the rules count all three."""

    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    DONE = "done", _("Done")
