"""Code lists owned by the costs app (SMP-DOMAIN §2.8, §8.1–§8.3).

``CostCategory`` / ``CostSubitem`` are the one list of G Table 3 codes (§8.1), with
``SUBITEMS_BY_CATEGORY`` saying which sub-items belong to which category. ``Payer`` has exactly the
five payer codes of §8.1. ``RECRUITMENT_RELATED`` is the set E8.R4 and R.3 check and
``RecruitmentArrangement.related_costs_charged_to_workers`` draws from.

``Partnership`` fields whose lists §2.8/§8.2 own (``cost_sharing_models``, ``cost_table_visibility``,
``public_subsidy_safeguards``) import ``CostSharingModel``, ``CostTableVisibility`` and
``PublicSubsidySafeguard`` from here.
"""

from __future__ import annotations

import functools

from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

#
# Cost categories and sub-items (§8.1)
#


class CostCategory(models.TextChoices):
    """``CostItem.category`` (§8.1). Only ``monitoring_evaluation`` is voluntary."""

    PROJECT_IMPLEMENTATION = "project_implementation", _("Project implementation")
    PRE_SELECTION = "pre_selection", _("Pre-selection")
    TRAINING = "training", _("Training")
    TRAVEL = "travel", _("Travel")
    MONITORING_EVALUATION = "monitoring_evaluation", _("Monitoring and evaluation")


class CostSubitem(models.TextChoices):
    """``CostItem.subitem`` (§8.1). ``other`` is accepted in every category."""

    # project_implementation
    PARTNERSHIP_MEETINGS = "partnership_meetings", _("Partnership meetings and running the partnership")
    STAFF_CAPACITY_BUILDING = "staff_capacity_building", _("Capacity-building of ministry, agency and company staff")
    OPERATIONS = "operations", _("Operating costs (equipment, supplies, rent, telecoms)")
    HUMAN_RESOURCES = "human_resources", _("Project management, reporting and communication staff")
    OTHER_ADMIN = "other_admin", _("Other administrative costs")
    MIGRANT_SUPPORT_SERVICES = (
        "migrant_support_services",
        _("Direct services to migrants (housing, legal aid, medical checks, insurance)"),
    )
    RETURN_REINTEGRATION = "return_reintegration", _("Return and reintegration support")
    MIGRANT_STIPENDS_INSURANCE = "migrant_stipends_insurance", _("Migrants' stipends and social insurance")
    SYSTEMS_INVESTMENT = "systems_investment", _("Investment in systems that also serve those who stay")
    # pre_selection
    CANDIDATE_SCREENING = (
        "candidate_screening",
        _("Identifying, screening and placing candidates (recruitment agency service fees)"),
    )
    SKILLS_TESTING = "skills_testing", _("Skills tests and examinations")
    INFORMATION_ORIENTATION = "information_orientation", _("Information and pre-departure orientation")
    SKILLS_RECOGNITION = "skills_recognition", _("Recognition or certification of skills and diplomas")
    # training
    TRAINING_DELIVERY = "training_delivery", _("Training provider or facility (training the job requires)")
    TRAINING_STIPEND = "training_stipend", _("Trainee stipend or allowance")
    # travel
    TRANSPORT = "transport", _("Travel and lodging on the way to the job")
    VISA_IMMIGRATION = "visa_immigration", _("Visas, permits, passports and other documents")
    # monitoring_evaluation
    EXTERNAL_EVALUATION = "external_evaluation", _("External evaluation")
    FEEDBACK_COLLECTION = "feedback_collection", _("Data and feedback from migrants and employers")
    LEARNING_EVENTS = "learning_events", _("Events sharing lessons learned")
    # any category
    OTHER = "other", _("Other (describe)")


_C, _S = CostCategory, CostSubitem

#: Which sub-items belong to which category (§8.1). ``other`` is added to every category.
SUBITEMS_BY_CATEGORY: dict[str, tuple[str, ...]] = {
    _C.PROJECT_IMPLEMENTATION: (
        _S.PARTNERSHIP_MEETINGS,
        _S.STAFF_CAPACITY_BUILDING,
        _S.OPERATIONS,
        _S.HUMAN_RESOURCES,
        _S.OTHER_ADMIN,
        _S.MIGRANT_SUPPORT_SERVICES,
        _S.RETURN_REINTEGRATION,
        _S.MIGRANT_STIPENDS_INSURANCE,
        _S.SYSTEMS_INVESTMENT,
        _S.OTHER,
    ),
    _C.PRE_SELECTION: (
        _S.CANDIDATE_SCREENING,
        _S.SKILLS_TESTING,
        _S.INFORMATION_ORIENTATION,
        _S.SKILLS_RECOGNITION,
        _S.OTHER,
    ),
    _C.TRAINING: (_S.TRAINING_DELIVERY, _S.TRAINING_STIPEND, _S.OTHER),
    _C.TRAVEL: (_S.TRANSPORT, _S.VISA_IMMIGRATION, _S.OTHER),
    _C.MONITORING_EVALUATION: (_S.EXTERNAL_EVALUATION, _S.FEEDBACK_COLLECTION, _S.LEARNING_EVENTS, _S.OTHER),
}

#: Sub-item → its category (``other`` excluded: it belongs to every category).
CATEGORY_OF_SUBITEM: dict[str, str] = {
    sub: cat for cat, subs in SUBITEMS_BY_CATEGORY.items() for sub in subs if sub != CostSubitem.OTHER
}

#: The essential categories (§8.1); ``essential`` is derived from the category.
ESSENTIAL_CATEGORIES: frozenset[str] = frozenset({_C.PROJECT_IMPLEMENTATION, _C.PRE_SELECTION, _C.TRAINING, _C.TRAVEL})


def is_essential(category: str) -> bool:
    """True for the four essential categories; ``monitoring_evaluation`` is voluntary (§8.1)."""
    return category in ESSENTIAL_CATEGORIES


def subitem_belongs_to(category: str, subitem: str) -> bool:
    """True when ``subitem`` is one of ``category``'s sub-items (``other`` fits every category)."""
    return subitem in SUBITEMS_BY_CATEGORY.get(category, ())


class CostBasis(models.TextChoices):
    """``CostItem.basis`` (§8.1, §8.4): quantity 1, N (planned migrants) or T (planned trainees)."""

    FIXED = "fixed", _("Fixed")
    PER_MIGRANT = "per_migrant", _("Per migrant")
    PER_TRAINEE = "per_trainee", _("Per trainee")


#: Typical ``basis`` per sub-item — the wizard's default [product default, §8.1].
TYPICAL_BASIS: dict[str, str] = {
    _S.PARTNERSHIP_MEETINGS: CostBasis.FIXED,
    _S.STAFF_CAPACITY_BUILDING: CostBasis.FIXED,
    _S.OPERATIONS: CostBasis.FIXED,
    _S.HUMAN_RESOURCES: CostBasis.FIXED,
    _S.OTHER_ADMIN: CostBasis.FIXED,
    _S.MIGRANT_SUPPORT_SERVICES: CostBasis.PER_MIGRANT,
    _S.RETURN_REINTEGRATION: CostBasis.PER_MIGRANT,
    _S.MIGRANT_STIPENDS_INSURANCE: CostBasis.PER_MIGRANT,
    _S.SYSTEMS_INVESTMENT: CostBasis.FIXED,
    _S.CANDIDATE_SCREENING: CostBasis.PER_MIGRANT,
    _S.SKILLS_TESTING: CostBasis.PER_MIGRANT,
    _S.INFORMATION_ORIENTATION: CostBasis.FIXED,
    _S.SKILLS_RECOGNITION: CostBasis.PER_MIGRANT,
    _S.TRAINING_DELIVERY: CostBasis.PER_TRAINEE,
    _S.TRAINING_STIPEND: CostBasis.PER_TRAINEE,
    _S.TRANSPORT: CostBasis.PER_MIGRANT,
    _S.VISA_IMMIGRATION: CostBasis.PER_MIGRANT,
    _S.EXTERNAL_EVALUATION: CostBasis.FIXED,
    _S.FEEDBACK_COLLECTION: CostBasis.FIXED,
    _S.LEARNING_EVENTS: CostBasis.FIXED,
}

#: Sub-items marked "recruitment-related" in §8.1: a ``migrant`` share on any of them breaks the
#: Employer Pays Principle (E8.R4, R.3). ``other`` is never recruitment-related.
RECRUITMENT_RELATED: frozenset[str] = frozenset(
    {
        _S.MIGRANT_SUPPORT_SERVICES,
        _S.CANDIDATE_SCREENING,
        _S.SKILLS_TESTING,
        _S.INFORMATION_ORIENTATION,
        _S.SKILLS_RECOGNITION,
        _S.TRAINING_DELIVERY,
        _S.TRANSPORT,
        _S.VISA_IMMIGRATION,
    }
)

#: Which items of the ILO definition of recruitment fees and related costs (2019) each recruitment-related
#: sub-item covers, so that a cost lands on the line E8.R4 and R.3 watch. Shown in the API schema and the
#: wizard; the team's own wording.
ILO_FEE_ITEMS: dict[str, str] = {
    _S.CANDIDATE_SCREENING: _(
        "Recruitment fees: service fees of recruitment agencies, public employment services or employers for "
        "advertising, identifying, screening, matching and placing candidates, and background checks."
    ),
    _S.SKILLS_TESTING: _("Related costs: skills, language and qualification tests a candidate must pass."),
    _S.INFORMATION_ORIENTATION: _("Related costs: pre-departure information and orientation the job requires."),
    _S.SKILLS_RECOGNITION: _(
        "Related costs: recognition, certification and legalisation of diplomas and skills the job requires."
    ),
    _S.TRAINING_DELIVERY: _("Related costs: training required for the job, its provider and its facility."),
    _S.TRANSPORT: _(
        "Related costs: travel to the place of work and back at the end of the contract, and lodging on the way."
    ),
    _S.VISA_IMMIGRATION: _(
        "Related costs: visas, work and residence permits, passports, exit clearances and other documents and "
        "administrative fees."
    ),
    _S.MIGRANT_SUPPORT_SERVICES: _(
        "Related costs: medical examinations and insurance required for recruitment, and housing and legal "
        "help on arrival."
    ),
}


def _ilo_fee_items_text() -> str:
    labels = dict(CostSubitem.choices)
    return "\n".join(
        f"- `{code}` ({labels[code]}): {ILO_FEE_ITEMS[code]}" for code in CostSubitem.values if code in ILO_FEE_ITEMS
    )


#: The recruitment-related sub-items with the ILO fee items each covers, one line each (API schema help).
ilo_fee_items_text = lazy(_ilo_fee_items_text, str)


#: ``RECRUITMENT_RELATED`` as choices, in §8.1 order (for ``related_costs_charged_to_workers``).
RECRUITMENT_RELATED_CHOICES: list[tuple[str, str]] = [
    (code, label) for code, label in CostSubitem.choices if code in RECRUITMENT_RELATED
]

#: Sub-items that are payments *to* migrants: the service refuses a ``migrant`` share on them (§8.1).
PAYMENTS_TO_MIGRANTS: frozenset[str] = frozenset({_S.TRAINING_STIPEND, _S.MIGRANT_STIPENDS_INSURANCE})

#
# Payers (§8.1)
#


class Payer(models.TextChoices):
    """``CostShare.payer`` and ``RecognitionArrangement.cost_payer``: exactly the five codes of §8.1."""

    GOV_DESTINATION = "gov_destination", _("Government of destination")
    GOV_ORIGIN = "gov_origin", _("Government of origin")
    EMPLOYER = "employer", _("Employer")
    MIGRANT = "migrant", _("Migrant")
    OTHER = "other", _("Other funder")


#: Payers paid from public budgets regardless of the organisation (``public_share_pct``, §2.8).
PUBLIC_PAYERS: frozenset[str] = frozenset({Payer.GOV_DESTINATION, Payer.GOV_ORIGIN})

#: Payers whose share of origin-side training counts as external money (E8.R11).
EXTERNAL_TRAINING_PAYERS: frozenset[str] = frozenset({Payer.GOV_DESTINATION, Payer.EMPLOYER, Payer.OTHER})

#: ``Partnership.funding_sources`` (§1.3) → payer code used to pre-fill shares (§8.1). ``donor_oda`` maps to
#: ``gov_destination`` instead when the donor is the destination State's own agency; the wizard decides that.
FUNDING_SOURCE_PAYER: dict[str, str] = {
    "public_cod": Payer.GOV_DESTINATION,
    "public_coo": Payer.GOV_ORIGIN,
    "private_employer": Payer.EMPLOYER,
    "employer_association": Payer.EMPLOYER,
    "donor_oda": Payer.OTHER,
    "international_organisation": Payer.OTHER,
    "foundation": Payer.OTHER,
    "development_bank": Payer.OTHER,
    "investor": Payer.OTHER,
    "other": Payer.OTHER,
}

#
# Cost-share terms (§2.8)
#


class CostInstrument(models.TextChoices):
    """``CostShare.instrument`` (§2.8). The last three are for ``migrant`` shares."""

    BUDGET = "budget", _("Budget")
    ODA_GRANT = "oda_grant", _("ODA grant")
    LEVY = "levy", _("Levy")
    TRAINING_FUND = "training_fund", _("Training fund")
    RESULTS_BASED = "results_based", _("Results-based payment")
    CONCESSIONAL_LOAN = "concessional_loan", _("Concessional loan")
    GUARANTEE = "guarantee", _("Guarantee")
    IN_KIND = "in_kind", _("In kind")
    FEE_WAIVER = "fee_waiver", _("Fee waiver")
    OWN_FUNDS = "own_funds", _("Migrant's own funds")
    WAGE_DEDUCTION = "wage_deduction", _("Wage deduction")
    LOAN = "loan", _("Loan to the migrant")


#: Instruments that only make sense for a ``migrant`` share (§2.8).
MIGRANT_INSTRUMENTS: frozenset[str] = frozenset(
    {CostInstrument.OWN_FUNDS, CostInstrument.WAGE_DEDUCTION, CostInstrument.LOAN}
)


class ShareTiming(models.TextChoices):
    """``CostShare.timing`` (E8.R5)."""

    UPFRONT = "upfront", _("Upfront (before qualification and permit are certain)")
    ON_VISA_GRANT = "on_visa_grant", _("On visa grant")
    ON_ARRIVAL = "on_arrival", _("On arrival")
    AFTER_PLACEMENT = "after_placement", _("After placement")
    RECURRING = "recurring", _("Recurring")
    UNKNOWN = "unknown", _("Unknown")


class RiskMitigation(models.TextChoices):
    """``CostShare.risk_mitigation`` (E8.R5)."""

    NONE = "none", _("None")
    GUARANTEE_FUND = "guarantee_fund", _("Guarantee fund")
    REFUND_IF_NO_VISA = "refund_if_no_visa", _("Refund if no visa")
    PUBLIC_COFINANCE = "public_cofinance", _("Public co-financing")
    PAY_ON_RESULTS = "pay_on_results", _("Pay on results")


#
# Partnership-level cost settings (§2.8, §8.2) — fields of partnerships.Partnership
#


class CostSharingModel(models.TextChoices):
    """``Partnership.cost_sharing_models`` (§8.2)."""

    EMPLOYER_PAYS_TRAINING = "employer_pays_training", _("Employers pay all training")
    EMPLOYER_PAYS_RECRUITMENT_PUBLIC_STRUCTURAL = (
        "employer_pays_recruitment_public_structural",
        _("Employers pay recruitment and training; public money pays structural costs"),
    )
    EMPLOYER_ASSOCIATION_DRIVEN = "employer_association_driven", _("Run and financed by an employers' association")
    AGREEMENT_SPECIFIED = "agreement_specified", _("The agreement sets who pays what")
    PUBLIC_DESTINATION_FUNDED = "public_destination_funded", _("Mainly paid by the destination government")
    LEVY = "levy", _("Payroll or sector levy")
    TRAINING_FUND = "training_fund", _("Public–private training fund")
    RESULTS_BASED_FINANCING = "results_based_financing", _("Results-based financing")
    CONCESSIONAL_LOAN = "concessional_loan", _("Concessional loans for origin co-financing")
    RISK_GUARANTEE = "risk_guarantee", _("Guarantees reducing employers' risk")
    EDUCATION_SECTOR_SHARING = "education_sector_sharing", _("Cost-sharing with universities and education")
    EXISTING_STRUCTURES = "existing_structures", _("Reuse of existing structures")


class CostTableVisibility(models.TextChoices):
    """``Partnership.cost_table_visibility`` (E8.R6)."""

    ALL_PARTICIPANTS = "all_participants", _("All participants")
    RESTRICTED = "restricted", _("Restricted")


class PublicSubsidySafeguard(models.TextChoices):
    """``Partnership.public_subsidy_safeguards`` (E8.R10) [product default]."""

    OPEN_ACCESS_TRAINING = "open_access_training", _("Training open to all employers")
    EMPLOYER_COFINANCING = "employer_cofinancing", _("Employer co-financing")
    CLAWBACK_IF_NOT_HIRED = "clawback_if_not_hired", _("Repayment if trainees are not hired")
    COMPETITIVE_EMPLOYER_SELECTION = "competitive_employer_selection", _("Open, competitive selection of employers")
    FUNDER_RULES_CHECKED = "funder_rules_checked", _("Funders' co-financing rules checked")


#
# Cost-benefit analysis and sustainability (§2.8, §8.3)
#


class CostBenefitKind(models.TextChoices):
    """``CostBenefitAnalysis.kind`` (§8.3)."""

    EMPLOYER_ROI = "employer_roi", _("Employer return on investment")
    PUBLIC_VALUE_FOR_MONEY = "public_value_for_money", _("Public value for money")
    WIDER_ECONOMIC = "wider_economic", _("Wider economic cost–benefit analysis")


class OutcomeUnit(models.TextChoices):
    """``CostBenefitAnalysis.outcome_unit`` (E8.R7)."""

    MIGRANT_PLACED = "migrant_placed", _("Migrant placed")
    TRAINEE_CERTIFIED = "trainee_certified", _("Trainee certified")
    RETURNEE_EMPLOYED = "returnee_employed", _("Returnee employed")
    OTHER = "other", _("Other")


class SustainabilityMechanism(models.TextChoices):
    """``SustainabilityPlan.mechanisms`` and ``mechanisms_tested`` (E8.R8)."""

    LEVY = "levy", _("Levy")
    TRAINING_FUND = "training_fund", _("Training fund")
    RESULTS_BASED_FINANCING = "results_based_financing", _("Results-based financing")
    EMPLOYER_SHARE_GROWTH = "employer_share_growth", _("Growing employer share")
    ASSOCIATION_INVESTMENT = "association_investment", _("Investment by employers' associations")
    CONCESSIONAL_LOAN = "concessional_loan", _("Concessional loan")
    EXISTING_STRUCTURES = "existing_structures", _("Existing structures")
    UNIVERSITY_COST_SHARING = "university_cost_sharing", _("Cost-sharing with universities")
    DEVELOPMENT_COOPERATION_LINK = "development_cooperation_link", _("Link to development-cooperation budgets")


#
# Currencies
#

#: ISO 4217 minor units that differ from 2 [outside sources: ISO 4217 list; §8.4 names JPY 0, JOD and BHD 3].
#: Every other currency is rounded to 2 decimals.
CURRENCY_MINOR_UNITS: dict[str, int] = {
    # no minor unit
    "BIF": 0,
    "CLP": 0,
    "DJF": 0,
    "GNF": 0,
    "ISK": 0,
    "JPY": 0,
    "KMF": 0,
    "KRW": 0,
    "PYG": 0,
    "RWF": 0,
    "UGX": 0,
    "UYI": 0,
    "VND": 0,
    "VUV": 0,
    "XAF": 0,
    "XOF": 0,
    "XPF": 0,
    # three decimals
    "BHD": 3,
    "IQD": 3,
    "JOD": 3,
    "KWD": 3,
    "LYD": 3,
    "OMR": 3,
    "TND": 3,
    # four decimals
    "CLF": 4,
    "UYW": 4,
}


def minor_unit(currency: str) -> int:
    """Decimal places of a currency's minor unit (ISO 4217); 2 unless listed in ``CURRENCY_MINOR_UNITS``."""
    return CURRENCY_MINOR_UNITS.get(currency, 2)


def currency_name(code: str) -> str:
    """A currency in words, in the active language: "Moroccan Dirham" (French "Dirham marocain").

    ISO 4217 names from pycountry, translated with pycountry's own catalogue; the code itself when pycountry
    does not know it.
    """
    import pycountry
    from django.utils.translation import get_language, to_locale

    found = pycountry.currencies.get(alpha_3=(code or "").upper())
    if found is None:
        return code
    language = get_language() or "en"
    if language.split("-")[0] == "en":
        return found.name
    return _currency_catalogue(to_locale(language)).gettext(found.name)


@functools.cache
def _currency_catalogue(locale: str):
    import gettext

    import pycountry

    return gettext.translation(
        "iso4217", pycountry.LOCALES_DIR, languages=[locale, locale.split("_")[0]], fallback=True
    )
