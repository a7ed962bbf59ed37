"""The wizard's step table, as data (SMP-DOMAIN §5 "Wizard steps" W1–W11).

Each :class:`Step` names the ``Partnership`` fields its main form edits and the repeating items
(:class:`Collection`) it edits with formsets. Views, forms and completeness all read this table. The fields
come from ``partnerships.policy.PART_FIELDS``, the one list of which part of a partnership each field belongs
to (the permission policy decides by it): adding a field to a step is a one-line change there. Codes and
labels come from ``codelists.partnerships.WizardStep``.

Completeness is computed from data (never stored): :func:`step_completeness` reads the counts that
``design.selectors.partnership_progress`` loads in one query.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from codelists.partnerships import WizardStep
from partnerships.policy import PART_FIELDS

#
# Table types
#


@dataclass(frozen=True)
class Collection:
    """Repeating items of one model edited on a step.

    ``kind`` is ``formset`` (rows added and removed by the user) or ``fixed`` (one row per code of a fixed
    list, e.g. the Box 10 prompts: leaving a row empty removes it). ``adapter`` names the write adapter in
    ``design.services.ADAPTERS``; ``locked`` fields can be set on a new row but not changed afterwards.
    """

    prefix: str
    model: str
    fields: tuple[str, ...]
    title: object
    help: object
    adapter: str
    row_label: object
    kind: str = "formset"
    locked: tuple[str, ...] = ()
    code_lists: tuple[str, ...] = ()  # list fields shown as a comma-separated text input in rows
    textareas: tuple[str, ...] = ()
    #: Further fields of a stored row, edited on the row's own page (``design:row``) so that the step stays
    #: light: everything else a rule reads about the row (issue "every fact a rule reads is in the wizard").
    details: tuple[str, ...] = ()
    #: For rows that reach the partnership through a parent row (a pathway's steps, a target occupation's
    #: country profiles): the parent field. Empty for rows that point to the partnership directly.
    parent: str = ""
    #: At most this many rows (1 for a partnership's single feasibility study or sustainability plan).
    max_rows: int = 0

    @property
    def all_fields(self) -> tuple[str, ...]:
        """The row's fields on its own page: those of the step, then the details."""
        return self.fields + tuple(name for name in self.details if name not in self.fields)

    @property
    def partnership_path(self) -> str:
        """From a row to its partnership's id (``pathway__partnership`` for a pathway's steps)."""
        return f"{self.parent}__partnership" if self.parent else "partnership"


@dataclass(frozen=True)
class Step:
    """One wizard step: its code, number, the element it mainly serves, help, fields and collections."""

    code: str
    number: int
    element: str
    help: object
    partnership_fields: tuple[str, ...] = ()
    collections: tuple[Collection, ...] = ()
    textareas: tuple[str, ...] = field(default=())

    @property
    def title(self) -> str:
        label = str(WizardStep(self.code).label)
        return label.split(" ", 1)[1] if label.startswith("W") else label


#
# The steps
#

STEPS: tuple[Step, ...] = (
    Step(
        code=WizardStep.BASICS,
        number=1,
        element="E1",
        help=_(
            "Name the partnership and place it in the typology: how the countries engage, which kinds of "
            "mobility and skill levels it covers, in which sectors, for how long and with whose money. These "
            "choices decide which of the later checks apply, so answer what you know now and refine later."
        ),
        partnership_fields=PART_FIELDS[WizardStep.BASICS],
        textareas=("summary", "development_benefit"),
    ),
    Step(
        code=WizardStep.COUNTRIES_OBJECTIVES,
        number=2,
        element="E1",
        help=_(
            "A partnership needs at least one country of origin and one of destination, and long-term goals that "
            "all partners share. Link each objective to the Sustainable Development Goals and the Global Compact "
            "for Migration, and give each objective an indicator with a baseline and a target so progress can be "
            "measured from the start."
        ),
        partnership_fields=PART_FIELDS[WizardStep.COUNTRIES_OBJECTIVES],
        textareas=("climate_assessment",),
        collections=(
            Collection(
                prefix="countries",
                model="partnerships.PartnershipCountry",
                fields=("country", "side", "languages", "lmis_status", "nqf_status"),
                title=_("Partner countries"),
                help=_("Each country takes part on one side. List the languages workers speak (ISO codes)."),
                adapter="country",
                details=("lmis_includes_labour_migration", "rpl_system", "ratified_instruments", "target_regions"),
                row_label=_("Country"),
                locked=("country",),
                code_lists=("languages",),
            ),
            Collection(
                prefix="objectives",
                model="partnerships.Objective",
                fields=("kind", "horizon", "description", "sdg_targets", "gcm_objectives", "visibility"),
                title=_("Objectives"),
                help=_("Say whether each goal is short-, mid- or long-term; long-term goals anchor the scheme."),
                adapter="objective",
                row_label=_("Objective"),
                textareas=("description",),
            ),
            Collection(
                prefix="indicators",
                model="partnerships.Indicator",
                fields=(
                    "name",
                    "code",
                    "objective",
                    "impact_category",
                    "measure_type",
                    "level",
                    "direction",
                    "unit",
                    "baseline_value",
                    "baseline_date",
                    "target_value",
                    "target_date",
                ),
                title=_("Indicators"),
                help=_("A baseline measured before training starts makes later results comparable."),
                adapter="indicator",
                details=("side", "country", "sdg_target", "gcm_objective", "disaggregation", "collection_points"),
                row_label=_("Indicator"),
            ),
            Collection(
                prefix="tensions",
                model="partnerships.ObjectiveTension",
                fields=("objective_a", "objective_b", "status", "note"),
                title=_("Tensions between objectives"),
                help=_(
                    "Where two objectives pull apart (for example filling jobs abroad and keeping skills at home), "
                    "record it and how it is handled."
                ),
                adapter="objective_tension",
                row_label=_("Tension"),
                textareas=("note",),
            ),
        ),
    ),
    Step(
        code=WizardStep.ACTORS_GOVERNANCE,
        number=3,
        element="E2",
        help=_(
            "Partnerships work when the whole of government and society is involved: ministries beyond labour, "
            "employers, unions, training providers and local authorities on both sides. Record who takes part, "
            "in which role and with which interests, whether their capacity was assessed, and the bodies that "
            "steer and run the scheme."
        ),
        partnership_fields=PART_FIELDS[WizardStep.ACTORS_GOVERNANCE],
        collections=(
            Collection(
                prefix="participations",
                model="stakeholders.Participation",
                fields=(
                    "organisation",
                    "side",
                    "roles",
                    "interests",
                    "capacity_assessed",
                    "capacity_level",
                    "is_champion",
                ),
                title=_("Organisations taking part"),
                help=_("One lead; other government partners can be co-leads. Every organisation needs a role."),
                adapter="participation",
                details=("business_case", "joined_stage"),
                row_label=_("Organisation"),
                locked=("organisation",),
            ),
            Collection(
                prefix="bodies",
                model="stakeholders.GovernanceBody",
                fields=(
                    "name",
                    "kind",
                    "sector",
                    "layer",
                    "members",
                    "chair",
                    "terms_of_reference",
                    "meeting_frequency_per_year",
                ),
                title=_("Governance bodies"),
                help=_("At least one body that decides and one that runs day-to-day operations."),
                adapter="governance_body",
                details=("has_review_mechanism", "reporting_cycle"),
                row_label=_("Body"),
                textareas=("terms_of_reference",),
            ),
            Collection(
                prefix="gaps",
                model="stakeholders.PartnerGap",
                fields=("service", "notes", "resolved"),
                title=_("Gaps among the partners"),
                help=_(
                    "A service the scheme needs that no partner provides yet (for example language training); mark it "
                    "resolved once someone takes it on."
                ),
                adapter="partner_gap",
                row_label=_("Gap"),
            ),
            Collection(
                prefix="capacity",
                model="stakeholders.CapacityActivity",
                fields=("target_participation", "topic", "method", "status", "partner_gap", "scheduled_on"),
                title=_("Capacity building"),
                help=_(
                    "Training, coaching or exchanges that give a partner what it lacks; link each activity to the gap "
                    "it closes."
                ),
                adapter="capacity_activity",
                row_label=_("Activity"),
                details=("description",),
            ),
        ),
    ),
    Step(
        code=WizardStep.EVIDENCE,
        number=4,
        element="E3",
        help=_(
            "Design should rest on evidence: labour-market and skills data from both countries, produced jointly "
            "where possible. Record the sources you use for each target occupation, then go through the "
            "information checklist: for each question say whether it is answered, partly answered or still a "
            "gap, and how a gap will be filled."
        ),
        partnership_fields=PART_FIELDS[WizardStep.EVIDENCE],
        textareas=("matching_process",),
        collections=(
            Collection(
                prefix="evidence",
                model="skills.LabourMarketEvidence",
                fields=(
                    "title",
                    "source_type",
                    "country",
                    "sector",
                    "occupations",
                    "topics",
                    "reference_year",
                    "is_joint",
                    "url",
                ),
                title=_("Evidence and data sources"),
                help=_("Name each study, survey or dataset, who it covers and which occupations (ISCO-08 codes)."),
                adapter="evidence",
                details=("producer", "disaggregation", "horizon_years"),
                row_label=_("Source"),
            ),
            Collection(
                prefix="needs",
                model="skills.DataNeed",
                fields=("status", "answer", "gap_strategy"),
                title=_("Information checklist"),
                help=_("Leave the status empty for questions you have not looked at yet."),
                adapter="data_need",
                details=("gap_owner",),
                row_label=_("Question"),
                kind="fixed",
                textareas=("answer", "gap_strategy"),
            ),
            Collection(
                prefix="evidence_reviews",
                model="skills.EvidenceReview",
                fields=("held_on", "participants", "evidence", "conclusions"),
                title=_("Joint reviews of the evidence"),
                help=_(
                    "Meetings where the partners read the evidence together and agree what it means for the design."
                ),
                adapter="evidence_review",
                row_label=_("Review"),
                textareas=("conclusions",),
            ),
            Collection(
                prefix="data_sharing",
                model="skills.DataSharingArrangement",
                fields=("kind", "governance_body", "data_types", "parties", "started_on"),
                title=_("Data-sharing arrangements"),
                help=_("Which partners exchange which labour-market or programme data, and under which body."),
                adapter="data_sharing",
                row_label=_("Arrangement"),
            ),
            Collection(
                prefix="feasibility_study",
                model="partnerships.FeasibilityStudy",
                fields=("started_on", "completed_on", "scope", "predecessor_schemes_reviewed"),
                title=_("Feasibility study"),
                help=_(
                    "One study per partnership: when it ran, what it covered and which earlier schemes it learned from."
                ),
                adapter="feasibility_study",
                row_label=_("Feasibility study"),
                textareas=("predecessor_schemes_reviewed",),
                max_rows=1,
            ),
        ),
    ),
    Step(
        code=WizardStep.LOCAL_DEVELOPMENT,
        number=5,
        element="E4",
        help=_(
            "Skills mobility should also leave something behind in the country of origin: training capacity, "
            "jobs and investment. Record how skills flow back, which services help returnees, and the "
            "development or investment programmes and business links the partnership connects to."
        ),
        partnership_fields=PART_FIELDS[WizardStep.LOCAL_DEVELOPMENT],
        collections=(
            Collection(
                prefix="initiatives",
                model="partnerships.LinkedInitiative",
                fields=("kind", "name", "funder", "country", "url"),
                title=_("Linked development and investment initiatives"),
                help=_("Programmes the partnership plugs into, such as vocational-training or investment projects."),
                adapter="linked_initiative",
                row_label=_("Initiative"),
            ),
            Collection(
                prefix="linkages",
                model="partnerships.BusinessLinkage",
                fields=("kind", "status", "destination_org", "origin_org", "jobs_created_origin", "date"),
                title=_("Business linkages"),
                help=_("Links between firms along the corridor that create jobs in the origin country."),
                adapter="business_linkage",
                row_label=_("Linkage"),
            ),
        ),
    ),
    Step(
        code=WizardStep.SKILLS,
        number=6,
        element="E5",
        help=_(
            "Choose the occupations the partnership trains and recruits for, using ISCO-08 unit groups so that "
            "both countries mean the same job. Then describe the training (where, for whom, with which "
            "certificate) and how qualifications will be recognised in the destination, because workers must "
            "be able to prove their skills to employers and authorities."
        ),
        partnership_fields=PART_FIELDS[WizardStep.SKILLS],
        collections=(
            Collection(
                prefix="occupations",
                model="skills.TargetOccupation",
                fields=(
                    "occupation",
                    "places_per_year",
                    "skill_level",
                    "automation_impact",
                    "accepted_certification",
                    "informal_skills_common",
                ),
                title=_("Target occupations"),
                help=_("Type a four-digit ISCO-08 code or search by title."),
                adapter="target_occupation",
                details=("destinations", "certification_validated_by"),
                row_label=_("Occupation"),
                locked=("occupation",),
            ),
            Collection(
                prefix="training",
                model="skills.TrainingProgramme",
                fields=(
                    "name",
                    "track",
                    "location",
                    "mode",
                    "provider",
                    "provider_accredited",
                    "issues_certificate",
                    "certificate_name",
                    "places_total",
                    "places_migration",
                    "occupations",
                ),
                title=_("Training programmes"),
                help=_("A dual track trains people who may migrate or stay, which limits brain drain."),
                adapter="training_programme",
                details=(
                    "stage",
                    "audience",
                    "modules",
                    "language_target_level",
                    "certificate_recognised_in",
                    "accreditation_body",
                    "codesigned_by",
                    "gender_needs_assessed",
                    "provider_choice_reason",
                    "system_components",
                    "reserved_for_employer",
                ),
                row_label=_("Programme"),
            ),
            Collection(
                prefix="recognition",
                model="skills.RecognitionArrangement",
                fields=(
                    "name",
                    "kind",
                    "scope",
                    "recognition_type",
                    "status",
                    "competent_authority",
                    "is_fast_track",
                    "occupations",
                ),
                title=_("Recognition arrangements"),
                help=_("How a qualification from the origin counts in the destination, and who decides."),
                adapter="recognition",
                details=("countries", "legal_basis", "responsible_orgs", "cost_payer"),
                row_label=_("Arrangement"),
            ),
            Collection(
                prefix="profiles",
                model="skills.OccupationProfile",
                fields=(
                    "target_occupation",
                    "country",
                    "labour_status",
                    "regulated",
                    "recognition_route",
                    "on_shortage_list",
                ),
                title=_("Occupations country by country"),
                help=_(
                    "For each target occupation and partner country: is it in shortage or surplus, is it a regulated "
                    "profession, and how a foreign qualification gets recognised."
                ),
                adapter="occupation_profile",
                row_label=_("Profile"),
                parent="target_occupation",
                details=(
                    "labour_status_evidence",
                    "brain_drain_safeguards",
                    "classification_code",
                    "nqf_level",
                    "regulator",
                    "recognition_gap",
                    "recognition_weeks",
                ),
            ),
            Collection(
                prefix="documentation",
                model="skills.SkillsDocumentationTool",
                fields=("kind", "name", "stages", "free_to_migrant", "offline_access"),
                title=_("Skills documentation tools"),
                help=_(
                    "Skills passports, digital wallets or portfolios that let workers prove what they can do at every "
                    "stage."
                ),
                adapter="documentation_tool",
                row_label=_("Tool"),
                details=("data_protection_basis", "languages"),
            ),
        ),
    ),
    Step(
        code=WizardStep.SOCIAL,
        number=7,
        element="E6",
        help=_(
            "Migrants need support at every phase of the journey: before deciding, before leaving, on arrival, "
            "during work and on return. Say what is provided or planned for each topic, whether aspirations "
            "and gender were studied, which social protection workers have, and where they can complain."
        ),
        partnership_fields=PART_FIELDS[WizardStep.SOCIAL],
        textareas=("gender_action_plan",),
        collections=(
            Collection(
                prefix="provisions",
                model="partnerships.ContinuumProvision",
                fields=("status", "responsible", "description"),
                title=_("Support along the migration continuum"),
                help=_("Leave the status empty for topics not yet discussed; 'not applicable' needs no text."),
                adapter="provision",
                details=("content", "delivery", "services", "languages", "target_groups"),
                row_label=_("Topic"),
                kind="fixed",
            ),
            Collection(
                prefix="protection",
                model="partnerships.SocialProtectionCover",
                fields=("destination", "branch", "coverage", "portable", "waiting_days"),
                title=_("Social protection in the destination"),
                help=_("One row per branch (health, pension …); say whether benefits can be taken home."),
                adapter="social_protection",
                details=("pathway", "bridging_insurance"),
                row_label=_("Branch"),
            ),
            Collection(
                prefix="grievance",
                model="partnerships.GrievanceChannel",
                fields=("side", "country", "kind", "operator", "free_of_charge", "anonymous_option"),
                title=_("Grievance channels"),
                help=_("At least one channel independent of the employer, reachable in the destination."),
                adapter="grievance",
                details=("covers", "languages", "remedies", "safe_regardless_of_status"),
                row_label=_("Channel"),
            ),
        ),
    ),
    Step(
        code=WizardStep.PATHWAYS,
        number=8,
        element="E7",
        help=_(
            "Every target occupation needs a legal route to the destination: an existing permit or a planned "
            "one. Record the permit, how long people may stay, whether it ties them to one employer, the "
            "procedure's length and fees, and whether family may join, so bottlenecks show up early."
        ),
        partnership_fields=PART_FIELDS[WizardStep.PATHWAYS],
        textareas=("admission_review_trigger",),
        collections=(
            Collection(
                prefix="pathways",
                model="partnerships.Pathway",
                fields=(
                    "name",
                    "permit_kind",
                    "destination_country",
                    "occupations",
                    "status",
                    "legal_basis",
                    "max_stay_months",
                    "renewable",
                    "employer_tied",
                    "change_of_employer_allowed",
                    "family_reunification",
                    "processing_days_typical",
                    "fees",
                    "fees_currency",
                    "skills_recognition_required",
                    "exit_permit_required",
                    "sponsor_controls_residence",
                ),
                title=_("Legal pathways"),
                help=_("Planned routes need a legal basis or an owner for the reform."),
                adapter="pathway",
                details=(
                    "quota",
                    "quota_per_year",
                    "labour_market_test",
                    "lmt_waived_for_smp",
                    "shortage_list",
                    "fast_track",
                    "fees_waived",
                    "processing_days_observed",
                    "processing_time_published",
                    "digital_application",
                    "eligibility_precheck",
                    "visa_centre_in_origin",
                    "info_languages",
                    "multiple_entry",
                    "reentry_facilitated",
                    "convertible_to",
                    "route_to_permanent_residence",
                    "family_waiting_months",
                    "spouse_work_allowed",
                    "family_visits_facilitated",
                    "accepts_experience_evidence",
                    "admissions_adjustable",
                    "gender_sensitive_procedures",
                    "registered_sponsor_scheme",
                    "tied_safeguards",
                    "reform_owner",
                    "reform_target_date",
                    "remote_model",
                    "remote_contract_issuer",
                    "remote_terms_settled",
                    "remote_tax_social_security_settled",
                ),
                row_label=_("Pathway"),
            ),
            Collection(
                prefix="pathway_steps",
                model="partnerships.PathwayStep",
                fields=("pathway", "order", "name", "phase", "kind", "typical_days", "obstacle_status"),
                title=_("Steps of each pathway"),
                help=_(
                    "The procedures a worker goes through on each pathway, in order, with their usual length and any "
                    "obstacle and who removes it."
                ),
                adapter="pathway_step",
                row_label=_("Step"),
                parent="pathway",
                details=(
                    "responsible",
                    "fee_amount",
                    "fee_currency",
                    "documents",
                    "digital",
                    "obstacle",
                    "obstacle_owner",
                ),
            ),
        ),
    ),
    Step(
        code=WizardStep.COSTS,
        number=9,
        element="E8",
        help=_(
            "List what the scheme costs, line by line, and agree who pays each line: the governments, employers, "
            "other funders or the migrants. The shares of each line add up to 100 %. Workers should not pay "
            "recruitment costs, so the page shows the share migrants would carry."
        ),
        partnership_fields=PART_FIELDS[WizardStep.COSTS],
        collections=(
            Collection(
                prefix="items",
                model="costs.CostItem",
                fields=("category", "subitem", "description", "amount", "currency", "basis", "country", "in_kind"),
                title=_("Cost items"),
                help=_("The amount is per unit of the basis: once, per migrant or per trainee."),
                adapter="cost_item",
                details=("year", "linked_training"),
                row_label=_("Cost item"),
            ),
            Collection(
                prefix="analyses",
                model="costs.CostBenefitAnalysis",
                fields=("kind", "participation", "benefit_cost_ratio", "alternatives_compared", "completed_on"),
                title=_("Cost-benefit analyses"),
                help=_(
                    "Studies that weigh the scheme's costs against its benefits, for the whole scheme or for one "
                    "partner such as an employer."
                ),
                adapter="cost_benefit",
                row_label=_("Analysis"),
                details=(
                    "perspective",
                    "scenarios",
                    "break_even",
                    "outcome_unit",
                    "price_per_outcome",
                    "price_currency",
                    "source_url",
                ),
            ),
            Collection(
                prefix="sustainability",
                model="costs.SustainabilityPlan",
                fields=("follow_on", "mechanisms", "mechanisms_tested", "target_public_share_pct", "target_year"),
                title=_("Sustainability plan"),
                help=_(
                    "How the scheme keeps running once donor money ends: which mechanisms carry it and what share "
                    "public budgets take over by when."
                ),
                adapter="sustainability_plan",
                row_label=_("Plan"),
                textareas=("follow_on",),
                max_rows=1,
            ),
        ),
    ),
    Step(
        code=WizardStep.RECRUITMENT,
        number=10,
        element="R",
        help=_(
            "Recruitment must be fair and ethical: licensed recruiters, no fees charged to workers, a written "
            "contract in a language they understand before they leave, and no confiscation of passports. "
            "Record the recruiters and, for each corridor, how workers are recruited and protected."
        ),
        partnership_fields=PART_FIELDS[WizardStep.RECRUITMENT],
        collections=(
            Collection(
                prefix="recruiters",
                model="recruitment.Recruiter",
                fields=(
                    "organisation",
                    "licence_number",
                    "licence_country",
                    "licence_expiry",
                    "sanction_status",
                    "iris_status",
                    "payment_model",
                    "uses_sub_agents",
                ),
                title=_("Recruiters"),
                help=_("Public employment services and private agencies that recruit for the scheme."),
                adapter="recruiter",
                details=(
                    "licence_exempt",
                    "exemption_basis",
                    "licensing_authority",
                    "iris_checked_on",
                    "monitoring_body",
                    "last_monitored_on",
                    "sub_agents_licensed",
                    "compliance_incentive",
                ),
                row_label=_("Recruiter"),
                locked=("organisation",),
            ),
            Collection(
                prefix="arrangements",
                model="recruitment.RecruitmentArrangement",
                fields=(
                    "origin",
                    "destination",
                    "channel",
                    "recruiters",
                    "employer_pays_commitment",
                    "fees_charged_to_workers",
                    "fees_currency",
                    "written_contract_before_departure",
                    "passport_retention_allowed",
                    "worker_financing",
                ),
                title=_("Recruitment arrangements per corridor"),
                help=_("Fees charged to workers: 0 means none; leave empty if unknown."),
                adapter="arrangement",
                details=(
                    "worker_languages",
                    "contract_languages",
                    "contract_days_before_departure",
                    "model_contract_used",
                    "contract_verified_by_authority",
                    "contract_substitution_prohibited",
                    "substitution_incidents_open",
                    "document_retention_prohibited_in_writing",
                    "related_costs_charged_to_workers",
                    "worker_costs_declared_on",
                    "wage_deductions_for_recruitment",
                    "max_deduction_pct_of_wage",
                    "loan_interest_pct",
                    "loan_repaid_by_wage_deduction",
                    "refund_mechanism",
                    "monitoring_body",
                    "monitoring_frequency_months",
                ),
                row_label=_("Arrangement"),
            ),
        ),
    ),
    Step(
        code=WizardStep.REVIEW,
        number=11,
        element="",
        help=_(
            "Check the design against IOM's eight essential elements and the ethical-recruitment check. Each "
            "finding links back to the step that fixes it. When you are ready, submit the partnership to IOM "
            "for review; it stays read-only for you while reviewers look at it."
        ),
    ),
)

STEPS_BY_CODE: dict[str, Step] = {step.code: step for step in STEPS}
STEP_CODES: tuple[str, ...] = tuple(step.code for step in STEPS)

#: Which step fixes the findings of each element (§5 table, issue "review and submit").
ELEMENT_STEP: dict[str, str] = {
    "E1": WizardStep.COUNTRIES_OBJECTIVES,
    "E2": WizardStep.ACTORS_GOVERNANCE,
    "E3": WizardStep.EVIDENCE,
    "E4": WizardStep.LOCAL_DEVELOPMENT,
    "E5": WizardStep.SKILLS,
    "E6": WizardStep.SOCIAL,
    "E7": WizardStep.PATHWAYS,
    "E8": WizardStep.COSTS,
    "R": WizardStep.RECRUITMENT,
}


def step_after(code: str) -> Step | None:
    """The step after ``code`` (``None`` after the last)."""
    index = STEP_CODES.index(code)
    return STEPS[index + 1] if index + 1 < len(STEPS) else None


def step_before(code: str) -> Step | None:
    index = STEP_CODES.index(code)
    return STEPS[index - 1] if index > 0 else None


#
# Completeness (computed from data, never stored)
#

COMPLETE, STARTED, EMPTY = "complete", "started", "empty"


def _level(done: bool, started: bool) -> str:
    return COMPLETE if done else (STARTED if started else EMPTY)


def step_completeness(progress) -> dict[str, str]:
    """Step code → ``complete`` / ``started`` / ``empty`` from the counts of ``partnership_progress``.

    "Complete" follows the exit data of §5.1 loosely: the minimum a reviewer expects on the step.
    """
    p = progress
    return {
        WizardStep.BASICS: _level(
            bool(p.name and p.summary and p.form_of_engagement and p.migration_types and p.n_sectors),
            bool(p.name),
        ),
        WizardStep.COUNTRIES_OBJECTIVES: _level(
            p.n_origin > 0 and p.n_destination > 0 and p.n_objectives > 0 and p.n_indicators > 0,
            p.n_origin + p.n_destination + p.n_objectives + p.n_indicators > 0,
        ),
        WizardStep.ACTORS_GOVERNANCE: _level(
            p.n_participations >= 2 and p.n_bodies > 0, p.n_participations + p.n_bodies > 1
        ),
        WizardStep.EVIDENCE: _level(
            p.n_evidence > 0 and p.n_needs >= p.n_prompts, p.n_evidence + p.n_needs > 0 or bool(p.matching_process)
        ),
        WizardStep.LOCAL_DEVELOPMENT: _level(
            bool(p.skills_transfer_measures) and p.n_initiatives + p.n_linkages > 0,
            bool(p.skills_transfer_measures or p.return_services) or p.n_initiatives + p.n_linkages > 0,
        ),
        WizardStep.SKILLS: _level(
            p.n_target_occupations > 0 and p.n_training > 0,
            p.n_target_occupations + p.n_training + p.n_recognition > 0,
        ),
        WizardStep.SOCIAL: _level(
            p.n_provisions > 0 and p.n_grievance > 0,
            p.n_provisions + p.n_grievance + p.n_protection > 0 or bool(p.aspirations_study_on),
        ),
        WizardStep.PATHWAYS: _level(p.n_pathways > 0, bool(p.pathway_mapping_done_on)),
        WizardStep.COSTS: _level(
            p.n_cost_items > 0 and p.n_items_without_shares == 0 and bool(p.planned_migrants_total),
            p.n_cost_items > 0 or bool(p.planned_migrants_total),
        ),
        WizardStep.RECRUITMENT: _level(p.n_arrangements > 0, p.n_recruiters + p.n_arrangements > 0),
        WizardStep.REVIEW: _level(p.n_runs > 0, False),
    }
