"""Code lists owned by the skills app (SMP-DOMAIN §2.1 E1.R4, §2.3, §2.4, §2.5, §6).

Codes are copied exactly from the domain file; labels are ours. ``PartnershipCountry`` (in
``partnerships``) imports ``LmisStatus``, ``NqfStatus`` and ``RplSystem`` from here because §2.3/§2.5
own those lists. The Box 10 prompt table (``DATA_NEED_PROMPTS``) lives here too: the wizard shows it
and rule E3.R1 checks the ``DataNeed`` rows against it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

#
# Sectors (§6.4)
#


class SectorCode(models.TextChoices):
    """``Sector.code`` (§6.4)."""

    CONSTRUCTION = "construction", _("Construction")
    TOURISM_HOSPITALITY = "tourism_hospitality", _("Tourism and hospitality")
    ICT = "ict", _("Information and communication technology")
    HEALTH_CARE = "health_care", _("Health and care")
    SHIPPING_MARITIME = "shipping_maritime", _("Shipping and maritime")
    AGRICULTURE_AGRIFOOD = "agriculture_agrifood", _("Agriculture and agri-food")
    DOMESTIC_WORK = "domestic_work", _("Domestic work")
    SERVICES = "services", _("Other services")
    TRANSPORT_LOGISTICS = "transport_logistics", _("Transport and logistics")
    MINING = "mining", _("Mining")
    ENERGY = "energy", _("Energy")
    MANUFACTURING = "manufacturing", _("Manufacturing")
    GREEN_ECONOMY = "green_economy", _("Green economy (cross-sector green skills)")
    OTHER = "other", _("Other")


#
# ISCO-08 (§6.1)
#


class OccupationLevel(models.TextChoices):
    """``Occupation.level``: the ISCO-08 level, fixed by the length of the code (§6.1)."""

    MAJOR = "major", _("Major group")
    SUB_MAJOR = "sub_major", _("Sub-major group")
    MINOR = "minor", _("Minor group")
    UNIT = "unit", _("Unit group")


#: An ISCO-08 code: 1 to 4 digits, kept as a string so group ``0`` keeps its leading zero (§6.1).
#: Parsing, levels, parents and default skill levels for the loader live in ``skills.isco``.
ISCO_CODE_RE = re.compile(r"^[0-9]{1,4}$")

#: ISCO skill level → skill band of §1.3 (``low``/``mid``/``high`` are ``codelists.partnerships.SkillLevel``).
SKILL_BAND_BY_ISCO_LEVEL: dict[int, str] = {1: "low", 2: "mid", 3: "mid", 4: "high"}


def skill_band(isco_skill_level: int | None) -> str | None:
    """Skill band of §1.3 for an ISCO-08 skill level: 1 → ``low``; 2–3 → ``mid``; 4 → ``high``."""
    if isco_skill_level is None:
        return None
    return SKILL_BAND_BY_ISCO_LEVEL.get(int(isco_skill_level))


#
# Qualification frameworks (§6.2)
#


class QualificationScope(models.TextChoices):
    """``QualificationFramework.scope`` (§6.2)."""

    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional")
    SECTORAL = "sectoral", _("Sectoral")


#
# Target occupations and profiles (§2.1 E1.R4, §2.4, §2.5)
#


class AutomationImpact(models.TextChoices):
    """``TargetOccupation.automation_impact`` (E1.R4)."""

    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    UNKNOWN = "unknown", _("Unknown")


class LabourStatus(models.TextChoices):
    """``OccupationProfile.labour_status`` for origin rows (§2.4)."""

    SURPLUS = "surplus", _("Surplus")
    BALANCED = "balanced", _("Balanced")
    SHORTAGE = "shortage", _("Shortage")
    UNKNOWN = "unknown", _("Unknown")


class BrainDrainSafeguard(models.TextChoices):
    """``OccupationProfile.brain_drain_safeguards`` (E4.R2)."""

    DUAL_TRACK_TRAINING = "dual_track_training", _("Dual-track training (more trained than recruited)")
    ADMISSION_SCALING = "admission_scaling", _("Admissions can be scaled up or down")
    SECTOR_LIMITATION = "sector_limitation", _("Recruitment limited or excluded")
    ORIGIN_SYSTEM_INVESTMENT = "origin_system_investment", _("Investment in the origin training system")
    CIRCULARITY_INCENTIVES = "circularity_incentives", _("Incentives for circular migration")
    SKILLS_TRANSFER = "skills_transfer", _("Skills transfer")
    RETURN_JOB_MATCHING = "return_job_matching", _("Job matching on return")
    ETHICAL_CODE = "ethical_code", _("Ethical recruitment code (e.g. WHO Code)")


#: E4.R2's "volume" safeguards: at least one is expected for a shortage occupation.
VOLUME_SAFEGUARDS: frozenset[str] = frozenset(
    {
        BrainDrainSafeguard.DUAL_TRACK_TRAINING,
        BrainDrainSafeguard.ADMISSION_SCALING,
        BrainDrainSafeguard.SECTOR_LIMITATION,
    }
)


class RecognitionRoute(models.TextChoices):
    """``OccupationProfile.recognition_route``: default recognition in one destination (§2.5)."""

    EMPLOYER_ASSESSMENT = "employer_assessment", _("Employer assesses (non-regulated)")
    AUTOMATIC = "automatic", _("Automatic recognition")
    MUTUAL_RECOGNITION = "mutual_recognition", _("Mutual recognition")
    INDIVIDUAL_ASSESSMENT = "individual_assessment", _("Individual assessment")
    LICENSING_EXAM = "licensing_exam", _("Licensing exam")
    BRIDGING_THEN_LICENCE = "bridging_then_licence", _("Bridging course, then licence")
    UNKNOWN = "unknown", _("Unknown")


#
# Partner-country systems (§2.3 E3.R5, §2.5) — used by partnerships.PartnershipCountry
#


class LmisStatus(models.TextChoices):
    """``PartnershipCountry.lmis_status`` (E3.R5)."""

    NONE = "none", _("None")
    PARTIAL = "partial", _("Partial")
    FUNCTIONAL = "functional", _("Functional")
    UNKNOWN = "unknown", _("Unknown")


class NqfStatus(models.TextChoices):
    """``PartnershipCountry.nqf_status``: state of the national qualifications framework (§2.5)."""

    OPERATIONAL = "operational", _("Operational")
    IN_DEVELOPMENT = "in_development", _("In development")
    NONE = "none", _("None")
    UNKNOWN = "unknown", _("Unknown")


class RplSystem(models.TextChoices):
    """``PartnershipCountry.rpl_system``: recognition of prior learning (§2.5)."""

    OPERATIONAL = "operational", _("Operational")
    PILOT = "pilot", _("Pilot")
    NONE = "none", _("None")
    UNKNOWN = "unknown", _("Unknown")


#
# Training programmes (§2.4 E4.R4, §2.5)
#


class TrainingTrack(models.TextChoices):
    """``TrainingProgramme.track`` (dual track from G T1)."""

    MIGRATION = "migration", _("Migration track")
    STAY = "stay", _("Stay track")
    DUAL = "dual", _("Dual track (trainees choose)")


class TrainingLocation(models.TextChoices):
    """``TrainingProgramme.location``."""

    ORIGIN = "origin", _("Origin")
    DESTINATION = "destination", _("Destination")
    BOTH = "both", _("Both")
    ONLINE = "online", _("Online")


class TrainingMode(models.TextChoices):
    """``TrainingProgramme.mode`` (the training modes of G8, plus bridging)."""

    ADAPTATION_UPSKILLING = "adaptation_upskilling", _("Adaptation and upskilling of qualified workers")
    TRAINEE_IN_DESTINATION = "trainee_in_destination", _("Trainees in the destination")
    ORIGIN_SYSTEM_TRAINING = "origin_system_training", _("Training in the origin system")
    BRIDGING = "bridging", _("Bridging course")
    ORIENTATION = "orientation", _("Orientation")
    OTHER = "other", _("Other")


class TrainingStage(models.TextChoices):
    """``TrainingProgramme.stage``: the migration-cycle moment served (not the lifecycle stage)."""

    PRE_RECRUITMENT = "pre_recruitment", _("Before recruitment")
    PRE_DEPARTURE = "pre_departure", _("Before departure")
    POST_ARRIVAL = "post_arrival", _("After arrival")
    IN_EMPLOYMENT = "in_employment", _("During employment")
    RETURN = "return", _("On return")


class TrainingAudience(models.TextChoices):
    """``TrainingProgramme.audience``."""

    CANDIDATES = "candidates", _("Candidates")
    MIGRANT_WORKERS = "migrant_workers", _("Migrant workers")
    EMPLOYERS_MANAGERS = "employers_managers", _("Employers and managers")
    TRAINERS = "trainers", _("Trainers")
    OFFICIALS = "officials", _("Officials")


class StandardAlignment(models.TextChoices):
    """``TrainingProgramme.standard_alignment``."""

    DESTINATION_STANDARD = "destination_standard", _("Destination standard")
    REGIONAL_FRAMEWORK = "regional_framework", _("Regional framework")
    INTERNATIONAL_ACCREDITATION = "international_accreditation", _("International accreditation")
    JOINT_CERTIFICATE = "joint_certificate", _("Joint certificate")
    ORIGIN_STANDARD_ONLY = "origin_standard_only", _("Origin standard only")
    NONE = "none", _("None")


class TrainingModule(models.TextChoices):
    """``TrainingProgramme.modules``."""

    TECHNICAL = "technical", _("Technical")
    LANGUAGE = "language", _("Language")
    SOFT_SKILLS = "soft_skills", _("Soft skills")
    DIGITAL = "digital", _("Digital")
    FINANCIAL_LITERACY = "financial_literacy", _("Financial literacy")
    INTERCULTURAL = "intercultural", _("Intercultural")
    RIGHTS_INFORMATION = "rights_information", _("Rights information")
    SAFE_MIGRATION = "safe_migration", _("Safe migration")
    GREEN_SKILLS = "green_skills", _("Green skills")


class SystemComponent(models.TextChoices):
    """``TrainingProgramme.system_components``: investments in the origin training system (E4.R4)."""

    CURRICULUM_UPGRADE = "curriculum_upgrade", _("Curriculum upgrade")
    EQUIPMENT_INFRASTRUCTURE = "equipment_infrastructure", _("Equipment and infrastructure")
    TRAINER_TRAINING = "trainer_training", _("Training of trainers")
    CAREER_GUIDANCE = "career_guidance", _("Career guidance")
    ACCREDITATION = "accreditation", _("Accreditation")
    OPEN_ENROLMENT = "open_enrolment", _("Open to learners outside the mobility track")


#
# Skills documentation tools (E5.R7)
#


class DocumentationToolKind(models.TextChoices):
    """``SkillsDocumentationTool.kind`` (E5.R7)."""

    SKILLS_PASSPORT = "skills_passport", _("Skills passport")
    SKILLS_CARD = "skills_card", _("Skills card")
    QUALIFICATIONS_PASSPORT = "qualifications_passport", _("Qualifications passport")
    DIPLOMA_SUPPLEMENT = "diploma_supplement", _("Diploma supplement")
    DIGITAL_CREDENTIAL = "digital_credential", _("Digital credential")
    SKILLS_REGISTRY = "skills_registry", _("Skills registry")


class DocumentationToolStage(models.TextChoices):
    """``SkillsDocumentationTool.stages`` (E5.R7)."""

    PRE_DEPARTURE = "pre_departure", _("Before departure")
    IN_EMPLOYMENT = "in_employment", _("During employment")
    RETURN = "return", _("On return")


#
# Recognition arrangements (§6.3)
#


class RecognitionKind(models.TextChoices):
    """``RecognitionArrangement.kind``: the recognition modalities of §6.3."""

    MUTUAL_RECOGNITION = "mutual_recognition", _("Mutual recognition arrangement")
    REGIONAL_FRAMEWORK = "regional_framework", _("Regional qualifications framework")
    REGIONAL_CERTIFICATION_SCHEME = "regional_certification_scheme", _("Regional skills-certification scheme")
    UNILATERAL = "unilateral", _("Destination's national procedure (unilateral)")
    CURRICULUM_ALIGNMENT = "curriculum_alignment", _("Curriculum aligned to the destination standard")
    DOUBLE_CERTIFICATION = "double_certification", _("Double certification")
    JOINT_CERTIFICATE = "joint_certificate", _("Joint certificate")
    BRIDGING_COURSE = "bridging_course", _("Bridging course")
    RPL = "rpl", _("Recognition of prior learning")
    SKILLS_TEST = "skills_test", _("Skills test")
    LICENSING_EXAM = "licensing_exam", _("Licensing exam")
    EMPLOYER_ASSESSMENT = "employer_assessment", _("Employer assessment")
    DIPLOMA_SUPPLEMENT = "diploma_supplement", _("Diploma supplement")
    EQUIVALENCE_LIST = "equivalence_list", _("Equivalence list")
    ON_THE_JOB_RECOGNITION = "on_the_job_recognition", _("On-the-job learning accepted for the permit")


class RecognitionScope(models.TextChoices):
    """``RecognitionArrangement.scope`` (``mutual_recognition`` only)."""

    HORIZONTAL = "horizontal", _("Horizontal (almost all occupations)")
    VERTICAL = "vertical", _("Vertical (one sector or occupation)")


class RecognitionType(models.TextChoices):
    """``RecognitionArrangement.recognition_type``."""

    ACADEMIC = "academic", _("Academic")
    PROFESSIONAL = "professional", _("Professional")


class RecognitionStatus(models.TextChoices):
    """``RecognitionArrangement.status``."""

    EXISTING = "existing", _("Existing")
    NEGOTIATING = "negotiating", _("Under negotiation")
    PLANNED = "planned", _("Planned")


#: ``RecognitionArrangement.phase`` takes these three continuum phases (§6.3; codes of §7.2).
RECOGNITION_PHASES: tuple[str, ...] = ("pre_departure", "stay_employment", "return_reintegration")

#
# Evidence, data needs and data sharing (§2.3)
#


class SourceFamily(models.TextChoices):
    """``LabourMarketEvidence.source_family`` (derived from ``source_type``, §2.3)."""

    STATISTICAL = "statistical", _("Statistical")
    ADMINISTRATIVE = "administrative", _("Administrative")
    EMPLOYER = "employer", _("Employer")
    BIG_DATA = "big_data", _("Big data")
    FORESIGHT = "foresight", _("Foresight")
    QUALITATIVE = "qualitative", _("Qualitative")
    TRACER = "tracer", _("Tracer study")
    DESK = "desk", _("Desk review")
    OTHER = "other", _("Other")


class SourceType(models.TextChoices):
    """``LabourMarketEvidence.source_type`` (§2.3)."""

    LABOUR_FORCE_SURVEY = "labour_force_survey", _("Labour-force survey")
    CENSUS = "census", _("Population census")
    HOUSEHOLD_SURVEY = "household_survey", _("Household or other labour-market survey")
    MIGRATION_STATISTICS = "migration_statistics", _("Migration statistics")
    ADMINISTRATIVE = "administrative", _("Administrative records")
    EMPLOYER_SURVEY = "employer_survey", _("Employer survey")
    PRIVATE_SECTOR_DATA = "private_sector_data", _("Private-sector data")
    BIG_DATA = "big_data", _("Online vacancies and platforms (big data)")
    FORECAST_MODEL = "forecast_model", _("Forecast model")
    DELPHI = "delphi", _("Delphi expert forecast")
    FORESIGHT_QUALITATIVE = "foresight_qualitative", _("Qualitative foresight")
    EXPERT_CONSULTATION = "expert_consultation", _("Expert consultation")
    RESEARCH_EVALUATION = "research_evaluation", _("Research or evaluation")
    TRACER_STUDY = "tracer_study", _("Tracer study")
    DOCUMENT_REVIEW = "document_review", _("Document review")
    OTHER = "other", _("Other")


#: ``source_type`` → ``source_family`` (§2.3 table).
SOURCE_FAMILY: dict[str, str] = {
    SourceType.LABOUR_FORCE_SURVEY: SourceFamily.STATISTICAL,
    SourceType.CENSUS: SourceFamily.STATISTICAL,
    SourceType.HOUSEHOLD_SURVEY: SourceFamily.STATISTICAL,
    SourceType.MIGRATION_STATISTICS: SourceFamily.STATISTICAL,
    SourceType.ADMINISTRATIVE: SourceFamily.ADMINISTRATIVE,
    SourceType.EMPLOYER_SURVEY: SourceFamily.EMPLOYER,
    SourceType.PRIVATE_SECTOR_DATA: SourceFamily.BIG_DATA,
    SourceType.BIG_DATA: SourceFamily.BIG_DATA,
    SourceType.FORECAST_MODEL: SourceFamily.FORESIGHT,
    SourceType.DELPHI: SourceFamily.FORESIGHT,
    SourceType.FORESIGHT_QUALITATIVE: SourceFamily.FORESIGHT,
    SourceType.EXPERT_CONSULTATION: SourceFamily.QUALITATIVE,
    SourceType.RESEARCH_EVALUATION: SourceFamily.QUALITATIVE,
    SourceType.TRACER_STUDY: SourceFamily.TRACER,
    SourceType.DOCUMENT_REVIEW: SourceFamily.DESK,
    SourceType.OTHER: SourceFamily.OTHER,
}


def source_family_for(source_type: str) -> str:
    """The ``source_family`` of a ``source_type`` (``other`` for an unknown code)."""
    return SOURCE_FAMILY.get(source_type, SourceFamily.OTHER)


class Topic(models.TextChoices):
    """``LabourMarketEvidence.topics`` (§2.3)."""

    LABOUR_DEMAND = "labour_demand", _("Labour demand")
    SKILLS_SUPPLY = "skills_supply", _("Skills supply")
    SKILLS_MISMATCH = "skills_mismatch", _("Skills mismatch")
    DEMOGRAPHICS = "demographics", _("Demographics")
    MIGRATION_CORRIDOR = "migration_corridor", _("Migration corridor")
    DIASPORA = "diaspora", _("Diaspora")
    QUALIFICATIONS_RECOGNITION = "qualifications_recognition", _("Qualifications and recognition")
    SKILLS_MATCHING = "skills_matching", _("Skills matching")
    LEGAL_ENVIRONMENT = "legal_environment", _("Legal environment")
    POLICY_COHERENCE = "policy_coherence", _("Policy coherence")
    GENDER = "gender", _("Gender")
    OUTCOMES = "outcomes", _("Outcomes")


class DataNeedStatus(models.TextChoices):
    """``DataNeed.status`` (§2.3)."""

    ANSWERED = "answered", _("Answered")
    PARTLY_ANSWERED = "partly_answered", _("Partly answered")
    GAP = "gap", _("Gap")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class DataSharingKind(models.TextChoices):
    """``DataSharingArrangement.kind`` (E3.R7)."""

    ONLINE_PLATFORM = "online_platform", _("Online platform (automated sharing or matching)")
    SECTOR_WORKING_GROUP = "sector_working_group", _("Sector working group")
    DATA_EXCHANGE_AGREEMENT = "data_exchange_agreement", _("Data-exchange agreement")
    JOINT_REPOSITORY = "joint_repository", _("Joint repository")
    OTHER = "other", _("Other")


class DataType(models.TextChoices):
    """``DataSharingArrangement.data_types`` (E3.R7)."""

    SKILLS_NEEDS = "skills_needs", _("Skills needs")
    CERTIFICATION_NEEDS = "certification_needs", _("Certification needs")
    VACANCIES = "vacancies", _("Vacancies")
    MIGRATION_FLOWS = "migration_flows", _("Migration flows")
    PARTICIPANT_OUTCOMES = "participant_outcomes", _("Participant outcomes")


#
# The information checklist of G Box 10 (§2.3): one DataNeed row per prompt
#


@dataclass(frozen=True)
class DataNeedPrompt:
    """One Box 10 prompt: its code, the question the wizard shows, suggested source families, what it feeds.

    ``source_families`` is a [product default] (Box 10 lists questions only). ``feeds`` names the rules or
    design decisions the answer informs, as written in §2.3.
    """

    code: str
    text: str
    source_families: tuple[str, ...]
    feeds: str


_F = SourceFamily

#: The 28 prompts of §2.3, in wizard order. Texts paraphrase the domain file's paraphrase of G B10.
DATA_NEED_PROMPTS: tuple[DataNeedPrompt, ...] = (
    DataNeedPrompt(
        "partner.1",
        _("Which possible partner countries have labour shortages and labour-market needs similar to ours?"),
        (_F.STATISTICAL, _F.ADMINISTRATIVE, _F.FORESIGHT),
        "partner choice",
    ),
    DataNeedPrompt(
        "partner.2",
        _(
            "Which countries have industries with similar skills that want to invest in training, and education "
            "and training systems and standards close to ours?"
        ),
        (_F.QUALITATIVE, _F.DESK),
        "partner choice; E5.R10",
    ),
    DataNeedPrompt(
        "partner.3",
        _("Where are there already migration ties (diaspora included), cultural, foreign-policy or trade links?"),
        (_F.STATISTICAL, _F.DESK),
        "E2.R11; E4.R7",
    ),
    DataNeedPrompt(
        "partner.4",
        _("Which migration corridors between the candidate countries are already in use?"),
        (_F.STATISTICAL, _F.ADMINISTRATIVE),
        "E4.R6",
    ),
    DataNeedPrompt(
        "partner.5",
        _("Which governments are politically willing to join an SMP for their skills or labour markets?"),
        (_F.QUALITATIVE,),
        "E2.R1",
    ),
    DataNeedPrompt(
        "sector.1",
        _("In which sectors do skill shortages and gaps correspond to real labour-market needs?"),
        (_F.STATISTICAL, _F.ADMINISTRATIVE, _F.EMPLOYER, _F.BIG_DATA),
        "E3.R2–R4",
    ),
    DataNeedPrompt(
        "sector.2",
        _(
            "In the medium to long term, how will new forms of work, climate and environmental change, "
            "globalisation and digitalisation change these sectors and their shortages?"
        ),
        (_F.FORESIGHT,),
        "E1.R3–R5",
    ),
    DataNeedPrompt(
        "sector.3",
        _("Which labour gaps have to be filled for the move to a low-carbon economy?"),
        (_F.FORESIGHT, _F.EMPLOYER),
        "E1.R5",
    ),
    DataNeedPrompt(
        "sector.4",
        _("Where do employers and businesses need skills, including from migrant workers?"),
        (_F.EMPLOYER, _F.BIG_DATA),
        "E3.R3",
    ),
    DataNeedPrompt(
        "sector.5",
        _("Where is there public interest and political will to open these sectors further to labour migration?"),
        (_F.QUALITATIVE,),
        "E2.R9",
    ),
    DataNeedPrompt(
        "sector.6",
        _("Which sectors need specialised training?"),
        (_F.EMPLOYER, _F.QUALITATIVE, _F.DESK),
        "E5.R3, E5.R9",
    ),
    DataNeedPrompt(
        "sector.7",
        _("Where could remittances and skills transfer make a difference?"),
        (_F.STATISTICAL, _F.TRACER, _F.QUALITATIVE),
        "E4.R8, E4.R10",
    ),
    DataNeedPrompt(
        "skills.1",
        _("How is each country's qualification system organised, and how is training quality assured?"),
        (_F.DESK, _F.QUALITATIVE),
        "E5.R2 (nqf_status), E5.R12",
    ),
    DataNeedPrompt(
        "skills.2",
        _("Where do skill requirements of a sector differ between the labour markets, so that bridging is needed?"),
        (_F.EMPLOYER, _F.QUALITATIVE, _F.DESK),
        "E5.R3 (recognition_gap)",
    ),
    DataNeedPrompt(
        "skills.3",
        _("Do migrant workers usually work at their skill level in the destination, or below it?"),
        (_F.STATISTICAL, _F.TRACER),
        "E5.R4",
    ),
    DataNeedPrompt(
        "skills.4",
        _("Which systems recognise skills and qualifications in the origin, the destination or the region?"),
        (_F.DESK, _F.ADMINISTRATIVE),
        "E5.R2, E5.R4",
    ),
    DataNeedPrompt(
        "skills.5",
        _("How do the partners' existing bilateral or multilateral labour agreements treat skills?"),
        (_F.DESK,),
        "E5.R1",
    ),
    DataNeedPrompt(
        "skills.6",
        _(
            "What training and upskilling can migrant workers access, and can they use lifelong learning on the "
            "same terms as nationals?"
        ),
        (_F.DESK, _F.STATISTICAL),
        "E5.R13",
    ),
    DataNeedPrompt(
        "skills.7",
        _(
            "Can migrants have their prior learning documented and recognised — how, by whom and for which "
            "occupations or qualifications?"
        ),
        (_F.DESK, _F.QUALITATIVE),
        "E5.R6",
    ),
    DataNeedPrompt(
        "skills.8",
        _("Are migrant workers given orientation before departure and after arrival, and by whom?"),
        (_F.DESK, _F.QUALITATIVE),
        "E5.R13",
    ),
    DataNeedPrompt(
        "matching.1",
        _("Which services match skills with jobs, and are they open to migrant workers?"),
        (_F.DESK, _F.QUALITATIVE, _F.ADMINISTRATIVE),
        "E3.R9",
    ),
    DataNeedPrompt(
        "matching.2",
        _("Which institutions match migrant workers' skills before departure, and how does that work?"),
        (_F.QUALITATIVE, _F.DESK),
        "E3.R9",
    ),
    DataNeedPrompt(
        "matching.3",
        _("How could the public employment services help migrants and businesses with matching and recognition?"),
        (_F.QUALITATIVE, _F.ADMINISTRATIVE),
        "E3.R9",
    ),
    DataNeedPrompt(
        "legal.1",
        _("What legal framework for labour migration exists, and can the planned SMP's participants use it?"),
        (_F.DESK,),
        "E1.R10; E7",
    ),
    DataNeedPrompt(
        "legal.2",
        _("Which procedures, requirements, documents and processing times apply to visas and permits?"),
        (_F.ADMINISTRATIVE, _F.DESK),
        "E7",
    ),
    DataNeedPrompt(
        "coherence.1",
        _(
            "Which development, employment, education and training or migration policies could support the SMP, "
            "or benefit from it?"
        ),
        (_F.DESK,),
        "E1.R6; E4.R5",
    ),
    DataNeedPrompt(
        "gender.1",
        _("Is there a gender-responsive analysis of skills supply and demand and of labour-market needs?"),
        (_F.STATISTICAL, _F.QUALITATIVE),
        "E3.R6; E6",
    ),
    DataNeedPrompt(
        "gender.2",
        _("How could an SMP in this sector affect gender-related objectives?"),
        (_F.QUALITATIVE,),
        "E6",
    ),
)

#: The groups of the prompts (the part of a prompt code before the dot), named for the wizard's headings.
DATA_NEED_GROUPS: dict[str, str] = {
    "partner": _("Choosing partner countries"),
    "sector": _("Sectors and labour-market needs"),
    "skills": _("Skills, qualifications and recognition"),
    "matching": _("Matching skills with jobs"),
    "legal": _("Legal pathways and procedures"),
    "coherence": _("Policy coherence"),
    "gender": _("Gender"),
}

#: Prompt code → prompt, for lookups.
DATA_NEED_PROMPTS_BY_CODE: dict[str, DataNeedPrompt] = {p.code: p for p in DATA_NEED_PROMPTS}

#: The 28 Box 10 prompt codes, in wizard order (E3.R1 expects one ``DataNeed`` row per code).
DATA_NEED_PROMPT_CODES: tuple[str, ...] = tuple(p.code for p in DATA_NEED_PROMPTS)

#: Prefix of user-defined prompts: ``custom.<n>`` with n a positive integer.
CUSTOM_PROMPT_PREFIX = "custom."
CUSTOM_PROMPT_RE = re.compile(r"^custom\.[1-9][0-9]*$")


def is_valid_prompt_code(code: str) -> bool:
    """True for one of the 28 Box 10 codes or a ``custom.<n>`` code."""
    return code in DATA_NEED_PROMPTS_BY_CODE or bool(CUSTOM_PROMPT_RE.match(code or ""))
