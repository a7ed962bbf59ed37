"""Code lists of the partnerships app (SMP-DOMAIN §1.3, §2.1–§2.7, §5, §7, §9.1, Appendix A.1).

Codes are exactly those of the domain file; labels are ours. Each class names the section that owns
the list (Appendix B). Lists owned by other apps are imported from them and re-exported here, so a
``Partnership`` field and the code that reads it can use one import:

- ``Side`` (§4.2) from ``codelists.stakeholders``;
- ``CostSharingModel`` (§8.2), ``CostTableVisibility`` and ``PublicSubsidySafeguard`` (§2.8) from ``codelists.costs``;
- ``RecruitmentStandard``, ``HealthWorkforceSafeguard``, ``RatifiedInstrument`` (§3.3) from ``codelists.recruitment``;
- ``LmisStatus`` (§2.3), ``NqfStatus`` and ``RplSystem`` (§2.5) from ``codelists.skills``.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

# Re-exported: lists owned by other sections whose fields live on partnerships models.
from codelists.costs import CostSharingModel, CostTableVisibility, PublicSubsidySafeguard  # noqa: F401
from codelists.recruitment import HealthWorkforceSafeguard, RatifiedInstrument, RecruitmentStandard  # noqa: F401
from codelists.skills import LmisStatus, NqfStatus, RplSystem  # noqa: F401
from codelists.stakeholders import Side  # noqa: F401

#
# Elements and regions (reference tables)
#


class ElementCode(models.TextChoices):
    """IOM's eight essential elements plus ``R``, the ethical-recruitment check (§2.0; ``ReviewComment.element``)."""

    E1 = "E1", _("E1 Long- and mid-term planning")
    E2 = "E2", _("E2 Multi-stakeholder approach and policy coherence")
    E3 = "E3", _("E3 Data and information for evidence-based design")
    E4 = "E4", _("E4 Local development and job creation")
    E5 = "E5", _("E5 Skills classification, recognition and development")
    E6 = "E6", _("E6 Social aspects of employment and mobility")
    E7 = "E7", _("E7 Regular pathways, admission procedures and visa requirements")
    E8 = "E8", _("E8 Cost reduction and sharing")
    R = "R", _("R Ethical recruitment")


class IomRegion(models.TextChoices):
    """``Country.iom_region``: IOM's regional offices [outside sources]."""

    ASIA_PACIFIC = "asia_pacific", _("Asia and the Pacific")
    EEA = "eea", _("European Economic Area, EU and NATO")
    SOUTH_AMERICA = "south_america", _("South America")
    MENA = "mena", _("Middle East and North Africa")
    WEST_CENTRAL_AFRICA = "west_central_africa", _("West and Central Africa")
    EAST_HORN_AFRICA = "east_horn_africa", _("East and Horn of Africa")
    SOUTHERN_AFRICA = "southern_africa", _("Southern Africa")
    CENTRAL_NORTH_AMERICA_CARIBBEAN = (
        "central_north_america_caribbean",
        _("Central and North America and the Caribbean"),
    )
    SEE_EE_CENTRAL_ASIA = "see_ee_central_asia", _("South-Eastern Europe, Eastern Europe and Central Asia")


#
# Typology (§1.3)
#


class FormOfEngagement(models.TextChoices):
    """``Partnership.form_of_engagement`` (§1.3); E8.R8 reads ``pilot``."""

    MOU = "mou", _("Memorandum of understanding")
    BLMA = "blma", _("Bilateral labour migration agreement")
    TRADE_AGREEMENT = "trade_agreement", _("Trade-related agreement")
    PLACEMENT_AGREEMENT = "placement_agreement", _("Placement agreement")
    MIGRATION_PARTNERSHIP = "migration_partnership", _("Wider migration partnership")
    REGIONAL_MULTILATERAL = "regional_multilateral", _("Regional or multilateral agreement")
    INTER_AGENCY = "inter_agency", _("Agreement between ministries or agencies")
    CITY_TO_CITY = "city_to_city", _("City-to-city cooperation")
    PILOT = "pilot", _("Pilot scheme")
    OTHER = "other", _("Other")


class MigrationType(models.TextChoices):
    """``Partnership.migration_types`` (§1.3); remote work is a permit kind, not a migration type."""

    SHORT_TERM = "short_term", _("Short-term")
    TEMPORARY = "temporary", _("Temporary")
    SEASONAL = "seasonal", _("Seasonal")
    CIRCULAR = "circular", _("Circular")
    LONG_TERM = "long_term", _("Long-term")
    PERMANENT = "permanent", _("Permanent")


#: Migration types after which workers are expected to return (E4.R8, E5.R13, E6.R7, E7.R2, E8.R1).
TEMPORARY_MIGRATION_TYPES: frozenset[str] = frozenset(
    {MigrationType.SHORT_TERM, MigrationType.TEMPORARY, MigrationType.SEASONAL, MigrationType.CIRCULAR}
)


class SkillLevel(models.TextChoices):
    """``Partnership.skill_levels`` and ``TargetOccupation.skill_level`` (§1.3)."""

    LOW = "low", _("Low")
    MID = "mid", _("Mid")
    HIGH = "high", _("High")


class TrainingLocation(models.TextChoices):
    """``Partnership.training_location`` (§1.3); E4.R4."""

    ORIGIN = "origin", _("Origin")
    DESTINATION = "destination", _("Destination")
    BOTH = "both", _("Both")


class FundingSource(models.TextChoices):
    """``Partnership.funding_sources`` (§1.3); mapped to payer codes by ``codelists.costs.FUNDING_SOURCE_PAYER``."""

    PUBLIC_COD = "public_cod", _("Public, country of destination")
    PUBLIC_COO = "public_coo", _("Public, country of origin")
    DONOR_ODA = "donor_oda", _("Donor / official development assistance")
    PRIVATE_EMPLOYER = "private_employer", _("Private employer")
    EMPLOYER_ASSOCIATION = "employer_association", _("Employers' association")
    INTERNATIONAL_ORGANISATION = "international_organisation", _("International organisation")
    FOUNDATION = "foundation", _("Foundation")
    DEVELOPMENT_BANK = "development_bank", _("Development bank")
    INVESTOR = "investor", _("Investor")
    OTHER = "other", _("Other")


#: Funding that makes E1.R8 applicable: public money of either side, and donor money — official development
#: assistance, international organisations, foundations and development banks, which the funding-source to
#: payer mapping (§8.1) treats as donors. Employers, their associations and equity investors are private.
PUBLIC_OR_DONOR_FUNDING: frozenset[str] = frozenset(
    {
        FundingSource.PUBLIC_COD,
        FundingSource.PUBLIC_COO,
        FundingSource.DONOR_ODA,
        FundingSource.INTERNATIONAL_ORGANISATION,
        FundingSource.FOUNDATION,
        FundingSource.DEVELOPMENT_BANK,
    }
)


class TargetGroup(models.TextChoices):
    """``Partnership.target_groups`` (§1.3, optional typology)."""

    YOUTH = "youth", _("Youth")
    WOMEN = "women", _("Women")
    GRADUATES = "graduates", _("Graduates")
    RETURNEES = "returnees", _("Returnees")
    REFUGEES_VULNERABLE = "refugees_vulnerable", _("Refugees and vulnerable migrants")


#
# E1 planning (§2.1)
#


class ObjectiveKind(models.TextChoices):
    """``Objective.kind``: the nine long-term objective types of G3, plus ``other`` (§2.1)."""

    TEST_NEW_PATHWAY = "test_new_pathway", _("Test a new pathway")
    SKILLED_WORKFORCE = "skilled_workforce", _("Skilled workforce")
    FUTURE_LABOUR_NEEDS = "future_labour_needs", _("Meet future labour needs flexibly")
    JOINT_CURRICULA = "joint_curricula", _("Joint training and curricula")
    EMPLOYER_RECRUITMENT = "employer_recruitment", _("Help employers recruit")
    SUSTAINABLE_DEVELOPMENT = "sustainable_development", _("Sustainable development")
    SYSTEMS_IMPROVEMENT = "systems_improvement", _("Improve systems")
    CAPACITY_BUILDING = "capacity_building", _("Capacity building")
    MIGRATION_DATA = "migration_data", _("Labour-migration data")
    OTHER = "other", _("Other")


class Horizon(models.TextChoices):
    """``Objective.horizon`` (E1.R1)."""

    SHORT = "short", _("Short term")
    MID = "mid", _("Mid term")
    LONG = "long", _("Long term")


class TensionStatus(models.TextChoices):
    """``ObjectiveTension.status`` (E1.R2)."""

    OPEN = "open", _("Open")
    MITIGATED = "mitigated", _("Mitigated")
    ACCEPTED = "accepted", _("Accepted")


class FlexibilityProvision(models.TextChoices):
    """``Partnership.flexibility_provisions`` (E1.R7)."""

    REDIRECT_FUNDS = "redirect_funds", _("Redirect funds")
    CHANGE_SECTOR = "change_sector", _("Change sector")
    CHANGE_SKILL_LEVEL = "change_skill_level", _("Change skill level")
    CHANGE_MOBILITY_OPTION = "change_mobility_option", _("Change mobility option")
    CHANGE_TRAINING = "change_training", _("Change training")


#
# E2 multi-stakeholder approach (§2.2)
#


class Visibility(models.TextChoices):
    """``Objective.visibility`` (E2.R6)."""

    ALL_PARTICIPANTS = "all_participants", _("All participants")
    RESTRICTED = "restricted", _("Restricted")


class FeasibilityScope(models.TextChoices):
    """``FeasibilityStudy.scope`` (E2.R7)."""

    OBJECTIVES = "objectives", _("Objectives")
    LEGAL = "legal", _("Legal framework")
    INSTITUTIONAL = "institutional", _("Institutions")
    COSTS = "costs", _("Costs")
    LABOUR_MARKET = "labour_market", _("Labour market")


#
# E4 local development (§2.4)
#


class LinkedInitiativeKind(models.TextChoices):
    """``LinkedInitiative.kind`` (E4.R5)."""

    ODA_PROGRAMME = "oda_programme", _("Development-cooperation programme")
    INVESTMENT_PROGRAMME = "investment_programme", _("Investment programme")
    TRADE_AGREEMENT = "trade_agreement", _("Trade agreement")
    GREEN_TRANSITION = "green_transition", _("Green-transition programme")
    LOCAL_DEVELOPMENT_PLAN = "local_development_plan", _("Local development plan")
    PRIVATE_SECTOR_DEVELOPMENT = "private_sector_development", _("Private-sector development")
    EDUCATION_REFORM = "education_reform", _("Education reform")
    LMIS_PROGRAMME = "lmis_programme", _("Labour-market information programme")
    OTHER = "other", _("Other")


class BusinessLinkageKind(models.TextChoices):
    """``BusinessLinkage.kind`` (E4.R7)."""

    BUSINESS_DELEGATION = "business_delegation", _("Business delegation")
    MARKET_INFORMATION = "market_information", _("Market information")
    SME_MATCHMAKING = "sme_matchmaking", _("SME matchmaking")
    INVESTMENT_PROMOTION = "investment_promotion", _("Investment promotion")
    SUBSIDIARY_OPENED = "subsidiary_opened", _("Subsidiary opened")
    SUPPLIER_CONTRACT = "supplier_contract", _("Supplier contract")
    OTHER = "other", _("Other")


class BusinessLinkageStatus(models.TextChoices):
    """``BusinessLinkage.status`` (E4.R7)."""

    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")


class SkillsTransferMeasure(models.TextChoices):
    """``Partnership.skills_transfer_measures`` (E4.R8)."""

    CIRCULARITY_INCENTIVES = "circularity_incentives", _("Incentives for circulation")
    DIASPORA_KNOWLEDGE_TRANSFER = "diaspora_knowledge_transfer", _("Diaspora knowledge transfer")
    DESTINATION_TRAINING_FOR_ORIGIN = "destination_training_for_origin", _("Training abroad useful at home")
    RETURN_INCENTIVES = "return_incentives", _("Return incentives")
    MENTORING = "mentoring", _("Mentoring")
    REMOTE_WORK_TRACK = "remote_work_track", _("Remote-work track")


class ReturnService(models.TextChoices):
    """``Partnership.return_services`` (E4.R9, E6.R10)."""

    RETURN_JOB_MATCHING = "return_job_matching", _("Job matching on return")
    RETURN_SKILLS_RECOGNITION = "return_skills_recognition", _("Recognition of skills gained abroad")
    SKILLS_REGISTRY = "skills_registry", _("Returnee skills registry")
    ONE_STOP_CENTRE = "one_stop_centre", _("One-stop centre")
    ENTREPRENEURSHIP_SUPPORT = "entrepreneurship_support", _("Entrepreneurship support")
    PRE_RETURN_ORIENTATION = "pre_return_orientation", _("Pre-return orientation")
    FINANCIAL_PRODUCTS = "financial_products", _("Financial products")


#
# E5 recognition (§2.5)
#


class RecognitionInfoChannel(models.TextChoices):
    """``Partnership.recognition_info_channels`` (E5.R8)."""

    ONE_STOP_SHOP = "one_stop_shop", _("One-stop shop")
    ONLINE_PLATFORM = "online_platform", _("Online platform")
    PRE_DEPARTURE_SESSION = "pre_departure_session", _("Pre-departure session")
    DIASPORA_HELPDESK = "diaspora_helpdesk", _("Diaspora help desk")


#
# E6 social aspects (§2.6)
#


class AspirationsMethod(models.TextChoices):
    """``Partnership.aspirations_methods`` (E6.R1)."""

    SURVEY = "survey", _("Survey")
    FOCUS_GROUPS = "focus_groups", _("Focus groups")
    PRIOR_EVALUATION = "prior_evaluation", _("Earlier evaluation")
    RESEARCH_REVIEW = "research_review", _("Research review")
    DIASPORA_CONSULTATION = "diaspora_consultation", _("Diaspora consultation")


#: Methods in direct contact with the target group (E6.R1 PASS needs one of them).
DIRECT_ASPIRATIONS_METHODS: frozenset[str] = frozenset({AspirationsMethod.SURVEY, AspirationsMethod.FOCUS_GROUPS})


class InclusionSafeguard(models.TextChoices):
    """``Partnership.inclusion_safeguards`` (E6.R3)."""

    MATERNITY_PROTECTION = "maternity_protection", _("Maternity protection")
    HARASSMENT_GBV_PREVENTION = "harassment_gbv_prevention", _("Prevention of harassment and gender-based violence")
    LABOUR_LAW_COVER_DOMESTIC_CARE = "labour_law_cover_domestic_care", _("Labour-law cover for domestic and care work")
    GENDER_BALANCED_STAFFING = "gender_balanced_staffing", _("Gender-balanced staffing")
    GENDER_SENSITIVE_STAFF_TRAINING = "gender_sensitive_staff_training", _("Gender-sensitive staff training")
    SOGIESC_ORIENTATION = "sogiesc_orientation", _("SOGIESC content in orientation")
    SOGIESC_SAFE_REFERRALS = "sogiesc_safe_referrals", _("Safe referrals for people with diverse SOGIESC")
    EQUAL_ACCESS_MEASURES = "equal_access_measures", _("Equal-access measures (rural, disability, low income)")


class FiscalCooperation(models.TextChoices):
    """``Partnership.fiscal_cooperation`` (E6.R7, E6.R10)."""

    DOUBLE_TAXATION_AGREEMENT = "double_taxation_agreement", _("Double-taxation agreement")
    CUSTOMS_WAIVER = "customs_waiver", _("Customs waiver")
    SIMPLIFIED_REGISTRATION = "simplified_registration", _("Simplified registration and de-registration")
    INTERSTATE_BANKING = "interstate_banking", _("Inter-State banking")


class ContinuumContent(models.TextChoices):
    """``ContinuumProvision.content``: what orientation and information cover (§2.6)."""

    RIGHTS_OBLIGATIONS = "rights_obligations", _("Rights and obligations")
    WORKING_CONDITIONS_CONTRACT = "working_conditions_contract", _("Working conditions and contract")
    GRIEVANCE_SUPPORT = "grievance_support", _("Complaints and support")
    COSTS_FEES = "costs_fees", _("Costs and fees")
    LIVING_CULTURE = "living_culture", _("Daily life and culture")
    UNCERTAINTIES = "uncertainties", _("Uncertainties")
    HEALTH_SAFETY = "health_safety", _("Health and safety")
    GENDER_GBV = "gender_gbv", _("Gender and gender-based violence")
    SOGIESC = "sogiesc", _("SOGIESC")
    REMITTANCES_FINANCE = "remittances_finance", _("Remittances and finance")
    FAMILY_REUNIFICATION = "family_reunification", _("Family reunification")
    RETURN_OPTIONS = "return_options", _("Return options")


class ContinuumService(models.TextChoices):
    """``ContinuumProvision.services``: soft-landing and return services (§2.6)."""

    HOUSING = "housing", _("Housing")
    BANK_ACCOUNT = "bank_account", _("Bank account")
    TAX_REGISTRATION = "tax_registration", _("Tax registration")
    CIVIL_REGISTRATION = "civil_registration", _("Civil registration")
    HEALTH_INSURANCE_ENROLMENT = "health_insurance_enrolment", _("Health-insurance enrolment")
    FAMILY_SCHOOLING = "family_schooling", _("Schooling for family members")
    ADMINISTRATIVE_HELP = "administrative_help", _("Help with administration")


class ContinuumDelivery(models.TextChoices):
    """``ContinuumProvision.delivery`` (§2.6)."""

    MENTOR = "mentor", _("Mentor")
    WELCOME_CENTRE = "welcome_centre", _("Welcome centre")
    ONE_STOP_CENTRE = "one_stop_centre", _("One-stop centre")
    CLASSROOM = "classroom", _("Classroom")
    ONLINE = "online", _("Online")
    HOTLINE = "hotline", _("Hotline")


class ContinuumTargetGroup(models.TextChoices):
    """``ContinuumProvision.target_groups`` (§2.6)."""

    ALL = "all", _("Everyone")
    WOMEN = "women", _("Women")
    SOGIESC = "sogiesc", _("People with diverse SOGIESC")
    PERSONS_WITH_DISABILITIES = "persons_with_disabilities", _("Persons with disabilities")
    RURAL = "rural", _("Rural people")


class GrievanceKind(models.TextChoices):
    """``GrievanceChannel.kind`` (§2.6); every kind but ``employer_internal`` is independent."""

    LABOUR_INSPECTORATE = "labour_inspectorate", _("Labour inspectorate")
    RECRUITMENT_REGULATOR = "recruitment_regulator", _("Recruitment regulator")
    CONSULAR_SERVICE = "consular_service", _("Consular service")
    MIGRANT_RESOURCE_CENTRE = "migrant_resource_centre", _("Migrant resource centre")
    TRADE_UNION = "trade_union", _("Trade union")
    NGO_CSO_HELPLINE = "ngo_cso_helpline", _("NGO or civil-society helpline")
    NATIONAL_HUMAN_RIGHTS_INSTITUTION = "national_human_rights_institution", _("National human rights institution")
    COURT_TRIBUNAL = "court_tribunal", _("Court or tribunal")
    ONLINE_PLATFORM = "online_platform", _("Online platform")
    EMPLOYER_INTERNAL = "employer_internal", _("Employer's internal procedure")


class GrievanceCover(models.TextChoices):
    """``GrievanceChannel.covers`` (§2.6)."""

    RECRUITMENT_FEES = "recruitment_fees", _("Recruitment fees")
    CONTRACT_SUBSTITUTION = "contract_substitution", _("Contract substitution")
    WAGES = "wages", _("Wages")
    WORKING_CONDITIONS = "working_conditions", _("Working conditions")
    HARASSMENT_GBV = "harassment_gbv", _("Harassment and gender-based violence")
    DISCRIMINATION = "discrimination", _("Discrimination")
    HOUSING = "housing", _("Housing")
    DOCUMENT_RETENTION = "document_retention", _("Retention of documents")
    RESIDENCE_STATUS = "residence_status", _("Residence status")
    TRAFFICKING_FORCED_LABOUR = "trafficking_forced_labour", _("Trafficking and forced labour")


class GrievanceRemedy(models.TextChoices):
    """``GrievanceChannel.remedies`` (§2.6)."""

    FEE_REFUND = "fee_refund", _("Fee refund")
    COMPENSATION = "compensation", _("Compensation")
    EMPLOYER_TRANSFER = "employer_transfer", _("Transfer to another employer")
    LEGAL_AID = "legal_aid", _("Legal aid")
    SHELTER = "shelter", _("Shelter")
    REPATRIATION = "repatriation", _("Repatriation")


class SocialProtectionBranch(models.TextChoices):
    """``SocialProtectionCover.branch`` (§2.6)."""

    HEALTH_CARE = "health_care", _("Health care")
    EMPLOYMENT_INJURY = "employment_injury", _("Employment injury")
    SICKNESS_MATERNITY = "sickness_maternity", _("Sickness and maternity")
    OLD_AGE_PENSION = "old_age_pension", _("Old-age pension")
    UNEMPLOYMENT = "unemployment", _("Unemployment")
    FAMILY_BENEFITS = "family_benefits", _("Family benefits")


class SocialProtectionCoverage(models.TextChoices):
    """``SocialProtectionCover.coverage`` (§2.6)."""

    EQUAL_TREATMENT = "equal_treatment", _("Equal treatment with nationals")
    PARTIAL = "partial", _("Partial")
    NONE = "none", _("None")
    UNKNOWN = "unknown", _("Unknown")


class SocialProtectionBasis(models.TextChoices):
    """``SocialProtectionCover.basis`` (§2.6)."""

    NATIONAL_LAW = "national_law", _("National law")
    SOCIAL_SECURITY_AGREEMENT = "social_security_agreement", _("Social-security agreement")
    BLMA_CLAUSE = "blma_clause", _("Clause of the labour agreement")
    EMPLOYER_INSURANCE = "employer_insurance", _("Employer's insurance")
    PRIVATE_INSURANCE = "private_insurance", _("Private insurance")
    NONE = "none", _("None")


class Portability(models.TextChoices):
    """``SocialProtectionCover.portable`` (§2.6)."""

    YES = "yes", _("Yes")
    PARTIAL = "partial", _("Partly")
    NO = "no", _("No")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")
    UNKNOWN = "unknown", _("Unknown")


#
# E7 pathways (§2.7, §7.1)
#


class CorridorRationale(models.TextChoices):
    """``Partnership.corridor_rationale`` (§2.7; wizard prompt, no rule)."""

    LABOUR_SHORTAGE_MATCH = "labour_shortage_match", _("Similar labour shortages")
    FOREIGN_POLICY_TIES = "foreign_policy_ties", _("Foreign-policy ties")
    STRONG_LABOUR_LAWS = "strong_labour_laws", _("Strong labour laws")
    MIGRATORY_PRESSURE = "migratory_pressure", _("Existing migratory pressure")
    CULTURAL_LINKS = "cultural_links", _("Cultural links")


class PermitKind(models.TextChoices):
    """``Pathway.permit_kind`` and ``Pathway.convertible_to`` (§7.1)."""

    TEMPORARY_WORK_VISA = "temporary_work_visa", _("Temporary work visa")
    WORK_PERMIT = "work_permit", _("Work permit")
    RESIDENCE_PERMIT_WORK = "residence_permit_work", _("Residence permit allowing work")
    SEASONAL_WORK = "seasonal_work", _("Seasonal work permit")
    JOB_SEARCH_VISA = "job_search_visa", _("Job-search visa")
    TRAINEESHIP = "traineeship", _("Traineeship or apprenticeship permit")
    STUDENT = "student", _("Study permit")
    INTRA_COMPANY_TRANSFER = "intra_company_transfer", _("Intra-company transfer")
    ENTREPRENEUR_STARTUP = "entrepreneur_startup", _("Entrepreneur or start-up permit")
    YOUTH_MOBILITY = "youth_mobility", _("Youth mobility")
    REGIONAL_FREE_MOVEMENT = "regional_free_movement", _("Regional free movement")
    PERMANENT_RESIDENCE = "permanent_residence", _("Permanent residence")
    REMOTE_WORK = "remote_work", _("Remote work (no relocation)")
    OTHER = "other", _("Other")


class PathwayStatus(models.TextChoices):
    """``Pathway.status`` (§7.1)."""

    EXISTING = "existing", _("Existing")
    PLANNED = "planned", _("Planned")


class EmployerTied(models.TextChoices):
    """``Pathway.employer_tied`` (§7.1; E7.R5)."""

    SINGLE_EMPLOYER = "single_employer", _("Tied to one employer")
    SECTOR = "sector", _("Tied to a sector")
    NONE = "none", _("Not tied")


class TiedSafeguard(models.TextChoices):
    """``Pathway.tied_safeguards`` (§7.1 [product default]; E7.R5)."""

    CHANGE_ON_ABUSE = "change_on_abuse", _("Change of employer in case of abuse")
    JOB_SEARCH_GRACE_PERIOD = "job_search_grace_period", _("Grace period to find a new job")
    BRIDGING_PERMIT = "bridging_permit", _("Bridging permit")


class DigitalApplication(models.TextChoices):
    """``Pathway.digital_application`` (§7.1; E7.R4)."""

    PAPER = "paper", _("Paper")
    PARTLY_DIGITAL = "partly_digital", _("Partly digital")
    FULLY_DIGITAL = "fully_digital", _("Fully digital")


class RemoteModel(models.TextChoices):
    """``Pathway.remote_model`` (§7.1; ``remote_work`` routes only, E7.R10)."""

    MOSTLY_REMOTE_SHORT_TRAINING = "mostly_remote_short_training", _("Mostly remote, short training stay")
    REMOTE_WITH_DUTY_TRAVEL = "remote_with_duty_travel", _("Remote with duty trips")
    REMOTE_TRIAL_THEN_RELOCATE = "remote_trial_then_relocate", _("Remote trial, then relocation")
    THIRD_COUNTRY_HIRE = "third_country_hire", _("Hired to work from a third country")


class RemoteTerm(models.TextChoices):
    """``Pathway.remote_terms_settled`` (§7.1; E7.R10)."""

    CONTRACT_ISSUER = "contract_issuer", _("Who issues the contract")
    TAXATION = "taxation", _("Taxation")
    APPLICABLE_LABOUR_LAW = "applicable_labour_law", _("Applicable labour law")
    SOCIAL_SECURITY_PAYER = "social_security_payer", _("Who pays social security")
    WORKING_HOURS = "working_hours", _("Working hours")
    TIME_TRACKING = "time_tracking", _("Time tracking")
    AVAILABILITY_PRODUCTIVITY = "availability_productivity", _("Availability and productivity")
    DATA_PROTECTION = "data_protection", _("Data protection")
    WORKPLACE_ENVIRONMENT = "workplace_environment", _("Workplace environment")


#: E7.R10's four legal terms; the rest are workplace terms.
REMOTE_LEGAL_TERMS: frozenset[str] = frozenset(
    {
        RemoteTerm.CONTRACT_ISSUER,
        RemoteTerm.TAXATION,
        RemoteTerm.APPLICABLE_LABOUR_LAW,
        RemoteTerm.SOCIAL_SECURITY_PAYER,
    }
)
REMOTE_WORKPLACE_TERMS: frozenset[str] = frozenset(RemoteTerm.values) - REMOTE_LEGAL_TERMS


class ObstacleStatus(models.TextChoices):
    """``PathwayStep.obstacle_status`` (§7.1; E7.R2)."""

    NONE = "none", _("No obstacle")
    OPEN = "open", _("Open")
    BEING_ADDRESSED = "being_addressed", _("Being addressed")
    RESOLVED = "resolved", _("Resolved")


#
# The migration continuum (§7.2)
#


class Phase(models.TextChoices):
    """The six phases of the migration continuum (§7.2), in order."""

    PRE_DECISION = "pre_decision", _("Before the decision")
    PRE_DEPARTURE = "pre_departure", _("Before departure")
    TRAVEL_ARRIVAL = "travel_arrival", _("Travel and arrival")
    STAY_EMPLOYMENT = "stay_employment", _("Stay and employment")
    ONWARD_MIGRATION = "onward_migration", _("Onward migration")
    RETURN_REINTEGRATION = "return_reintegration", _("Return and reintegration")


class PathwayStepKind(models.TextChoices):
    """``PathwayStep.kind``: the Box 27 procedures, grouped by phase in ``STEP_KINDS_BY_PHASE`` (§7.2)."""

    # pre_departure
    RECRUITMENT = "recruitment", _("Recruitment")
    VISA_WORK_PERMIT = "visa_work_permit", _("Visa and work permit")
    PRE_DEPARTURE_ORIENTATION = "pre_departure_orientation", _("Pre-departure orientation")
    SKILLS_RECOGNITION = "skills_recognition", _("Skills recognition")
    FINANCIAL_SUPPORT = "financial_support", _("Financial support")
    # travel_arrival
    BORDER_SECURITY = "border_security", _("Border and security checks")
    ENTRY_VERIFICATION = "entry_verification", _("Entry verification")
    INFORMATION_CENTRE = "information_centre", _("Information centre")
    ADMINISTRATIVE_ASSISTANCE = "administrative_assistance", _("Administrative assistance")
    JOB_MATCHING = "job_matching", _("Job matching")
    ESSENTIAL_SERVICES = "essential_services", _("Essential services")
    # stay_employment
    POST_ARRIVAL_REGISTRATION = "post_arrival_registration", _("Registration after arrival")
    HOUSING = "housing", _("Housing")
    HEALTH_SERVICES = "health_services", _("Health services")
    PUBLIC_SERVICES_CITIZENSHIP = "public_services_citizenship", _("Public services and citizenship")
    FINANCE_REMITTANCES_CREDIT = "finance_remittances_credit", _("Finance, remittances and credit")
    FAMILY_REUNIFICATION = "family_reunification", _("Family reunification")
    # onward_migration
    SOCIAL_SECURITY_PORTABILITY = "social_security_portability", _("Social-security portability")
    SKILLS_RECOGNITION_ONWARD = "skills_recognition_onward", _("Skills recognition for the next move")
    # return_reintegration
    PRE_RETURN_ORIENTATION = "pre_return_orientation", _("Pre-return orientation")
    FINANCE_CREDIT_RETURN = "finance_credit_return", _("Finance and credit on return")
    JOB_PLACEMENT = "job_placement", _("Job placement")
    SKILLS_VERIFICATION = "skills_verification", _("Verification of skills")


_K = PathwayStepKind

#: The Box 27 procedures of each phase (§7.2). ``pre_decision`` has none.
STEP_KINDS_BY_PHASE: dict[str, tuple[str, ...]] = {
    Phase.PRE_DECISION: (),
    Phase.PRE_DEPARTURE: (
        _K.RECRUITMENT,
        _K.VISA_WORK_PERMIT,
        _K.PRE_DEPARTURE_ORIENTATION,
        _K.SKILLS_RECOGNITION,
        _K.FINANCIAL_SUPPORT,
    ),
    Phase.TRAVEL_ARRIVAL: (
        _K.BORDER_SECURITY,
        _K.ENTRY_VERIFICATION,
        _K.INFORMATION_CENTRE,
        _K.ADMINISTRATIVE_ASSISTANCE,
        _K.JOB_MATCHING,
        _K.ESSENTIAL_SERVICES,
    ),
    Phase.STAY_EMPLOYMENT: (
        _K.POST_ARRIVAL_REGISTRATION,
        _K.HOUSING,
        _K.HEALTH_SERVICES,
        _K.PUBLIC_SERVICES_CITIZENSHIP,
        _K.FINANCE_REMITTANCES_CREDIT,
        _K.FAMILY_REUNIFICATION,
    ),
    Phase.ONWARD_MIGRATION: (_K.SOCIAL_SECURITY_PORTABILITY, _K.SKILLS_RECOGNITION_ONWARD),
    Phase.RETURN_REINTEGRATION: (
        _K.PRE_RETURN_ORIENTATION,
        _K.FINANCE_CREDIT_RETURN,
        _K.JOB_PLACEMENT,
        _K.SKILLS_VERIFICATION,
    ),
}
PHASE_OF_STEP_KIND: dict[str, str] = {kind: phase for phase, kinds in STEP_KINDS_BY_PHASE.items() for kind in kinds}


class ContinuumTopic(models.TextChoices):
    """``ContinuumProvision.topic``: what to define per phase, grouped in ``TOPICS_BY_PHASE`` (§7.2)."""

    # pre_decision
    INFORMATION_CHANNEL = "information_channel", _("Information channel")
    ASPIRATIONS_STUDY = "aspirations_study", _("Study of aspirations")
    OUTREACH = "outreach", _("Outreach")
    EXPECTATION_MANAGEMENT = "expectation_management", _("Managing expectations")
    IRREGULAR_MIGRATION_AWARENESS = "irregular_migration_awareness", _("Risks of irregular migration")
    # pre_departure
    RECRUITMENT_PROCEDURE = "recruitment_procedure", _("Recruitment procedure")
    SELECTION_CRITERIA = "selection_criteria", _("Selection criteria")
    TRAINING = "training", _("Training")
    SKILLS_RECOGNITION = "skills_recognition", _("Skills recognition")
    VISA_PERMIT = "visa_permit", _("Visa and permit")
    PRE_DEPARTURE_ORIENTATION = "pre_departure_orientation", _("Pre-departure orientation")
    RIGHTS_INFORMATION = "rights_information", _("Information on rights")
    FINANCING_SUPPORT = "financing_support", _("Financial support")
    CONTRACT_BEFORE_DEPARTURE = "contract_before_departure", _("Contract before departure")
    # travel_arrival
    TRAVEL_ARRANGEMENTS = "travel_arrangements", _("Travel arrangements")
    ENTRY_VERIFICATION = "entry_verification", _("Entry checks")
    RECEPTION_INFORMATION = "reception_information", _("Reception and welcome information")
    ADMIN_ASSISTANCE = "admin_assistance", _("Administrative help")
    JOB_START_MATCHING = "job_start_matching", _("Matching to the job on arrival")
    ESSENTIAL_SERVICES_ACCESS = "essential_services_access", _("Access to essential services")
    # stay_employment
    POST_ARRIVAL_REGISTRATION = "post_arrival_registration", _("Registration")
    HOUSING = "housing", _("Housing")
    HEALTH_COVER = "health_cover", _("Health cover")
    PUBLIC_SERVICES_ACCESS = "public_services_access", _("Access to public services")
    SOCIAL_SECURITY = "social_security", _("Social security")
    REMITTANCES_FINANCE = "remittances_finance", _("Banking and remittances")
    FAMILY_REUNIFICATION = "family_reunification", _("Family reunification and visits")
    SOFT_LANDING_INTEGRATION = "soft_landing_integration", _("Soft landing and integration")
    LANGUAGE_LIFELONG_LEARNING = "language_lifelong_learning", _("Language and lifelong learning")
    GRIEVANCE_MECHANISM = "grievance_mechanism", _("Complaint and remedy channels")
    CONSULAR_SUPPORT = "consular_support", _("Consular support")
    ANTI_DISCRIMINATION = "anti_discrimination", _("Measures against discrimination")
    GENDER_SAFEGUARDS = "gender_safeguards", _("Safeguards for women and people with diverse SOGIESC")
    # onward_migration
    SOCIAL_SECURITY_PORTABILITY = "social_security_portability", _("Portable social security")
    SKILLS_RECOGNITION_ONWARD = "skills_recognition_onward", _("Skills recognised for the next move")
    # return_reintegration
    PRE_RETURN_ORIENTATION = "pre_return_orientation", _("Pre-return orientation")
    RETURN_SUPPORT = "return_support", _("Return support")
    REINTEGRATION_JOB_PLACEMENT = "reintegration_job_placement", _("Job placement on return")
    SKILLS_VERIFICATION_RETURN = "skills_verification_return", _("Verification of skills gained abroad")
    FINANCE_CREDIT = "finance_credit", _("Finance and credit")
    CIRCULAR_REENTRY = "circular_reentry", _("Coming back for the next season or contract")


_T = ContinuumTopic

#: The topic codes of each phase (§7.2): a provision's topic must belong to its phase.
TOPICS_BY_PHASE: dict[str, tuple[str, ...]] = {
    Phase.PRE_DECISION: (
        _T.INFORMATION_CHANNEL,
        _T.ASPIRATIONS_STUDY,
        _T.OUTREACH,
        _T.EXPECTATION_MANAGEMENT,
        _T.IRREGULAR_MIGRATION_AWARENESS,
    ),
    Phase.PRE_DEPARTURE: (
        _T.RECRUITMENT_PROCEDURE,
        _T.SELECTION_CRITERIA,
        _T.TRAINING,
        _T.SKILLS_RECOGNITION,
        _T.VISA_PERMIT,
        _T.PRE_DEPARTURE_ORIENTATION,
        _T.RIGHTS_INFORMATION,
        _T.FINANCING_SUPPORT,
        _T.CONTRACT_BEFORE_DEPARTURE,
    ),
    Phase.TRAVEL_ARRIVAL: (
        _T.TRAVEL_ARRANGEMENTS,
        _T.ENTRY_VERIFICATION,
        _T.RECEPTION_INFORMATION,
        _T.ADMIN_ASSISTANCE,
        _T.JOB_START_MATCHING,
        _T.ESSENTIAL_SERVICES_ACCESS,
    ),
    Phase.STAY_EMPLOYMENT: (
        _T.POST_ARRIVAL_REGISTRATION,
        _T.HOUSING,
        _T.HEALTH_COVER,
        _T.PUBLIC_SERVICES_ACCESS,
        _T.SOCIAL_SECURITY,
        _T.REMITTANCES_FINANCE,
        _T.FAMILY_REUNIFICATION,
        _T.SOFT_LANDING_INTEGRATION,
        _T.LANGUAGE_LIFELONG_LEARNING,
        _T.GRIEVANCE_MECHANISM,
        _T.CONSULAR_SUPPORT,
        _T.ANTI_DISCRIMINATION,
        _T.GENDER_SAFEGUARDS,
    ),
    Phase.ONWARD_MIGRATION: (_T.SOCIAL_SECURITY_PORTABILITY, _T.SKILLS_RECOGNITION_ONWARD),
    Phase.RETURN_REINTEGRATION: (
        _T.PRE_RETURN_ORIENTATION,
        _T.RETURN_SUPPORT,
        _T.REINTEGRATION_JOB_PLACEMENT,
        _T.SKILLS_VERIFICATION_RETURN,
        _T.FINANCE_CREDIT,
        _T.CIRCULAR_REENTRY,
    ),
}
PHASE_OF_TOPIC: dict[str, str] = {topic: phase for phase, topics in TOPICS_BY_PHASE.items() for topic in topics}


class ProvisionStatus(models.TextChoices):
    """``ContinuumProvision.status`` (§7.2); ``provided`` or ``planned`` count as present."""

    PROVIDED = "provided", _("Provided")
    PLANNED = "planned", _("Planned")
    NOT_PROVIDED = "not_provided", _("Not provided")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


PRESENT_PROVISION_STATUSES: frozenset[str] = frozenset({ProvisionStatus.PROVIDED, ProvisionStatus.PLANNED})

#
# Lifecycle (§5, §5.1)
#


class Stage(models.TextChoices):
    """``Partnership.stage``: the eight lifecycle stages, in order (§5)."""

    EXPLORATION = "exploration", _("Exploration")
    ASSESSMENT = "assessment", _("Assessment")
    DESIGN = "design", _("Design")
    AGREEMENT = "agreement", _("Agreement")
    SETUP = "setup", _("Set-up")
    IMPLEMENTATION = "implementation", _("Implementation")
    EVALUATION = "evaluation", _("Evaluation")
    CLOSED = "closed", _("Closed")


#: Stage code → position 0–7; compare stages with ``STAGE_ORDER[a] >= STAGE_ORDER[b]``.
STAGE_ORDER: dict[str, int] = {code: index for index, code in enumerate(Stage.values)}


def stage_at_least(stage: str, threshold: str) -> bool:
    """Whether ``stage`` is ``threshold`` or later (e.g. the ⏳ switch: ``stage_at_least(s, Stage.AGREEMENT)``)."""
    return STAGE_ORDER.get(stage, -1) >= STAGE_ORDER[threshold]


class WizardStep(models.TextChoices):
    """The wizard steps W1–W11 (§5 [product default])."""

    BASICS = "basics", _("W1 Basics")
    COUNTRIES_OBJECTIVES = "countries_objectives", _("W2 Countries and objectives")
    ACTORS_GOVERNANCE = "actors_governance", _("W3 Actors and governance")
    EVIDENCE = "evidence", _("W4 Evidence")
    LOCAL_DEVELOPMENT = "local_development", _("W5 Local development")
    SKILLS = "skills", _("W6 Skills")
    SOCIAL = "social", _("W7 Social aspects")
    PATHWAYS = "pathways", _("W8 Pathways")
    COSTS = "costs", _("W9 Costs")
    RECRUITMENT = "recruitment", _("W10 Recruitment")
    REVIEW = "review", _("W11 Review")


class AgreementClause(models.TextChoices):
    """``Partnership.agreement_clauses``: what the signed instrument covers (§5.1)."""

    SKILLS_DEVELOPMENT = "skills_development", _("Skills development and training")
    RECOGNITION = "recognition", _("Recognition of skills and qualifications")
    RPL = "rpl", _("Recognition of prior learning")
    CERTIFICATION = "certification", _("Certification of skills")
    SKILLS_MATCHING = "skills_matching", _("Skills-matching services")
    CAREER_PROGRESSION = "career_progression", _("Career progression")
    LIFELONG_LEARNING = "lifelong_learning", _("Lifelong learning")
    COST_SHARING = "cost_sharing", _("Cost-sharing")
    ETHICAL_RECRUITMENT = "ethical_recruitment", _("Fair and ethical recruitment")
    EMPLOYER_PAYS = "employer_pays", _("Employer Pays Principle")
    RESPONSIBLE_AUTHORITIES = "responsible_authorities", _("Responsible authorities")
    MIGRATION_TYPES_COVERED = "migration_types_covered", _("Types of migration covered")
    COVERED_GROUPS = "covered_groups", _("Groups covered")
    MODEL_EMPLOYMENT_CONTRACT = "model_employment_contract", _("Model employment contract")
    EQUAL_TREATMENT = "equal_treatment", _("Equal treatment")
    HEALTH_SOCIAL_BENEFITS = "health_social_benefits", _("Health care and social benefits")
    ADMISSION_REVIEW = "admission_review", _("Scaling admissions up or down")
    SOCIAL_SECURITY = "social_security", _("Social-security coverage and portability")
    GRIEVANCE_REMEDY = "grievance_remedy", _("Complaints and remedies")
    DATA_SHARING = "data_sharing", _("Data sharing")
    REVIEW_TERMINATION = "review_termination", _("Review, amendment and termination")


_A = AgreementClause

#: The seven skills clauses E5.R1 reads.
SKILLS_CLAUSES: frozenset[str] = frozenset(
    {
        _A.RECOGNITION,
        _A.SKILLS_DEVELOPMENT,
        _A.RPL,
        _A.CERTIFICATION,
        _A.SKILLS_MATCHING,
        _A.CAREER_PROGRESSION,
        _A.LIFELONG_LEARNING,
    }
)
#: The six Box 27 content clauses E7.R8 reads.
BLMA_CHECKLIST_CLAUSES: frozenset[str] = frozenset(
    {
        _A.RESPONSIBLE_AUTHORITIES,
        _A.MIGRATION_TYPES_COVERED,
        _A.COVERED_GROUPS,
        _A.MODEL_EMPLOYMENT_CONTRACT,
        _A.EQUAL_TREATMENT,
        _A.HEALTH_SOCIAL_BENEFITS,
    }
)


class NextStep(models.TextChoices):
    """``Partnership.next_step``, decided at stage ``evaluation`` (§5.1)."""

    SCALE_UP = "scale_up", _("Scale up")
    RENEW = "renew", _("Renew")
    REDESIGN = "redesign", _("Redesign")
    TRANSITION_PERMANENT = "transition_permanent", _("Turn into a permanent pathway")
    END = "end", _("End")


class ClosureReason(models.TextChoices):
    """``Partnership.closure_reason`` (§5.1 stage ``closed``)."""

    COMPLETED = "completed", _("Completed")
    TRANSITIONED_TO_PERMANENT_PATHWAY = "transitioned_to_permanent_pathway", _("Turned into a permanent pathway")
    REPLACED_BY_FOLLOW_ON = "replaced_by_follow_on", _("Replaced by a follow-on phase")
    ABANDONED = "abandoned", _("Abandoned")


class EvaluationKind(models.TextChoices):
    """``Evaluation.kind`` (§5.1 stage ``evaluation``)."""

    INTERNAL = "internal", _("Internal")
    EXTERNAL = "external", _("External")
    LONGITUDINAL = "longitudinal", _("Longitudinal")
    TRACER_STUDY = "tracer_study", _("Tracer study")
    VALUE_FOR_MONEY = "value_for_money", _("Value for money")


#
# Review workflow (§5.2)
#


class ReviewStatus(models.TextChoices):
    """``Partnership.review_status`` (§5.2), separate from the lifecycle stage."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
    WITHDRAWN = "withdrawn", _("Withdrawn")


#: States in which officials cannot edit partnership data; they withdraw first (§5.2).
READ_ONLY_REVIEW_STATUSES: frozenset[str] = frozenset({ReviewStatus.SUBMITTED, ReviewStatus.IN_REVIEW})


class ReviewAction(models.TextChoices):
    """The review actions of §5.2 (``ReviewTransition.action``)."""

    SUBMIT = "submit", _("Submit")
    START_REVIEW = "start_review", _("Start review")
    RELEASE = "release", _("Release")
    REQUEST_CHANGES = "request_changes", _("Request changes")
    RESUBMIT = "resubmit", _("Resubmit")
    APPROVE = "approve", _("Approve")
    WITHDRAW = "withdraw", _("Withdraw")
    REOPEN = "reopen", _("Reopen")


#
# Monitoring and evaluation (§9.1)
#


class ImpactCategory(models.TextChoices):
    """``Indicator.impact_category``: the eight impact categories of G B14 (§9.1)."""

    ECONOMY = "economy", _("Economy")
    SYSTEMS = "systems", _("Systems")
    EARNINGS_REMITTANCES = "earnings_remittances", _("Earnings and remittances")
    SKILLS = "skills", _("Skills")
    BUSINESS = "business", _("Business")
    SATISFACTION = "satisfaction", _("Satisfaction")
    NORMS = "norms", _("Norms")
    LEGAL_POLICY = "legal_policy", _("Law and policy")


class MeasureType(models.TextChoices):
    """``Indicator.measure_type`` (§9.1)."""

    QUANTITATIVE = "quantitative", _("Quantitative")
    QUALITATIVE = "qualitative", _("Qualitative")


class IndicatorLevel(models.TextChoices):
    """``Indicator.level`` (§9.1 [product default])."""

    OUTPUT = "output", _("Output")
    OUTCOME = "outcome", _("Outcome")
    IMPACT = "impact", _("Impact")


class Direction(models.TextChoices):
    """``Indicator.direction`` (§9.1)."""

    INCREASE = "increase", _("Increase")
    DECREASE = "decrease", _("Decrease")
    MAINTAIN = "maintain", _("Maintain")


class CollectionPoint(models.TextChoices):
    """``Indicator.collection_points`` and ``IndicatorValue.collection_point`` (§9.1)."""

    BEFORE_TRAINING = "before_training", _("Before training")
    END_OF_TRAINING = "end_of_training", _("End of training")
    DURING_EMPLOYMENT = "during_employment", _("During employment")
    AFTER_RETURN = "after_return", _("After return")


class Disaggregation(models.TextChoices):
    """Disaggregation codes of ``Indicator`` and ``LabourMarketEvidence`` (§9.1)."""

    SEX = "sex", _("Sex")
    AGE = "age", _("Age")
    EDUCATION = "education", _("Education")
    OCCUPATION = "occupation", _("Occupation")
    SUBNATIONAL = "subnational", _("Region or municipality")
    RURAL_URBAN = "rural_urban", _("Rural or urban")
    MIGRATION_STATUS = "migration_status", _("Migration status")
    DISABILITY = "disability", _("Disability")
    COUNTRY = "country", _("Country")


class IndicatorCode(models.TextChoices):
    """The indicator library: suggested ``Indicator.code`` values (§9.1). Other codes are allowed."""

    TRAINEES_ENROLLED = "trainees_enrolled", _("Trainees starting training")
    TRAINEES_CERTIFIED = "trainees_certified", _("Trainees obtaining the certificate")
    MIGRANTS_DEPLOYED = "migrants_deployed", _("Participants who took up the job abroad")
    STAYERS_EMPLOYED_ORIGIN = "stayers_employed_origin", _("Trained stayers employed at home")
    SKILLS_USED_IN_JOB = "skills_used_in_job", _("Working at their skill level")
    EARNINGS_CHANGE = "earnings_change", _("Change in earnings")
    REMITTANCES_SENT = "remittances_sent", _("Remittances sent per worker")
    WORKER_PAID_RECRUITMENT_COSTS = "worker_paid_recruitment_costs", _("Recruitment costs borne by workers")
    PARTICIPANT_SATISFACTION = "participant_satisfaction", _("Participants satisfied")
    EMPLOYER_SATISFACTION = "employer_satisfaction", _("Employers satisfied and willing to rehire")
    RETURNEES_EMPLOYED = "returnees_employed", _("Returnees employed 12 months after return")
    CURRICULA_UPGRADED = "curricula_upgraded", _("Curricula upgraded or accredited")
    BUSINESS_LINKS = "business_links", _("New business links along the corridor")
    WOMEN_SHARE = "women_share", _("Share of women")
    LEGAL_CHANGES = "legal_changes", _("Laws or procedures changed")


_IC = IndicatorCode
_CAT = ImpactCategory

#: Library code → its impact category (§9.1), so the wizard can pre-fill ``impact_category``.
INDICATOR_LIBRARY_CATEGORY: dict[str, str] = {
    _IC.TRAINEES_ENROLLED: _CAT.SKILLS,
    _IC.TRAINEES_CERTIFIED: _CAT.SKILLS,
    _IC.MIGRANTS_DEPLOYED: _CAT.ECONOMY,
    _IC.STAYERS_EMPLOYED_ORIGIN: _CAT.ECONOMY,
    _IC.SKILLS_USED_IN_JOB: _CAT.SKILLS,
    _IC.EARNINGS_CHANGE: _CAT.EARNINGS_REMITTANCES,
    _IC.REMITTANCES_SENT: _CAT.EARNINGS_REMITTANCES,
    _IC.WORKER_PAID_RECRUITMENT_COSTS: _CAT.EARNINGS_REMITTANCES,
    _IC.PARTICIPANT_SATISFACTION: _CAT.SATISFACTION,
    _IC.EMPLOYER_SATISFACTION: _CAT.SATISFACTION,
    _IC.RETURNEES_EMPLOYED: _CAT.ECONOMY,
    _IC.CURRICULA_UPGRADED: _CAT.SYSTEMS,
    _IC.BUSINESS_LINKS: _CAT.BUSINESS,
    _IC.WOMEN_SHARE: _CAT.NORMS,
    _IC.LEGAL_CHANGES: _CAT.LEGAL_POLICY,
}
