"""Demo: health-worker partnership Ghana → Germany, modelled on the German health-worker recruitment scheme
(SMP-DOMAIN §10.11, cost-sharing model of G B33).

Stage ``agreement``; medium completeness. Employers pay every recruitment, training and recognition cost;
Germany's health ministry and a foundation pay the structural costs. The origin is a country on WHO's Health
Workforce Support and Safeguards List; it stands for "a listed country" and every fact about it is invented.

Planted gaps (docs/demo-data.md): nurses are recruited from a safeguards-list country with no
government-to-government agreement, no agreement of its health ministry and no investment in its health
workforce (R.14 FAIL, a blocking red flag); nursing is short at home but the partnership records no
brain-drain safeguard (E4.R2 FAIL) and admissions cannot be scaled down, with no review trigger (E7.R9 FAIL).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from partnerships.demo.builders import OrgSpec, months_ago
from partnerships.demo.shared import (
    DE_EMPLOYERS,
    DE_FOREIGN,
    DE_INSPECTORATE,
    DE_INTERIOR,
    DE_LABOUR,
    DE_PES,
    DE_UNION,
    DEMO_NOTE,
    IOM,
    DemoSpec,
    PlantedGap,
)

NAME = "Ghana–Germany health workforce partnership (demo, modelled on the German health-worker scheme)"

DE_HEALTH = OrgSpec("Federal Ministry of Health", "government_ministry", "DE", portfolio=("sector_ministry",))
DE_LICENSING = OrgSpec(
    "State Office for the Recognition of Health Professions (demo)",
    "government_agency",
    "DE",
    level="regional",
    portfolio=("sector_ministry",),
)
DE_EMBASSY_ACCRA = OrgSpec("German Embassy Accra", "embassy_consulate", "DE", portfolio=("foreign_affairs_consular",))
DE_HOSPITAL = OrgSpec("Hanseatic Hospital Group (demo)", "employer", "DE", level="regional")
DE_CARE = OrgSpec("Rhine-Main Care Homes (demo)", "employer", "DE", level="regional")
DE_NURSING_SCHOOL = OrgSpec("Public Nursing School Hamburg (demo)", "training_public", "DE", level="local")
DE_FOUNDATION = OrgSpec("Health Workforce Foundation (demo)", "donor", "DE")
GH_HEALTH = OrgSpec("Ministry of Health", "government_ministry", "GH", portfolio=("sector_ministry",))
GH_LABOUR = OrgSpec(
    "Ministry of Employment and Labour Relations", "government_ministry", "GH", portfolio=("labour_employment",)
)
GH_FOREIGN = OrgSpec(
    "Ministry of Foreign Affairs",
    "government_ministry",
    "GH",
    portfolio=("foreign_affairs_consular", "migration_interior"),
)
GH_PES = OrgSpec(
    "Public Employment Centres of Ghana (demo)", "public_employment_service", "GH", portfolio=("labour_employment",)
)
GH_REGION = OrgSpec("Ashanti Regional Coordinating Council", "subnational_authority", "GH", level="regional")
GH_NURSING_COLLEGE = OrgSpec(
    "Kumasi Public Nursing and Midwifery College (demo)", "training_public", "GH", level="local"
)
GH_NURSES = OrgSpec("Ghana Nurses' Union (demo)", "workers_org", "GH")
GH_HOSPITAL = OrgSpec("Accra Private Hospital Group (demo)", "employer", "GH", level="local")
GH_DIASPORA = OrgSpec("Ghanaian Health Professionals in Germany (demo)", "diaspora_org", "GH")
GH_NGO = OrgSpec("Safe Migration Helpdesk Accra (demo)", "ngo_cso", "GH", level="local")
GH_EMBASSY = OrgSpec(
    "Embassy of Ghana in Berlin (demo)", "embassy_consulate", "GH", portfolio=("foreign_affairs_consular",)
)

N_MIGRANTS = 200
N_TRAINEES = 220


def partnership_data(today: date) -> dict:
    start = months_ago(today, 4)
    return {
        "summary": (
            f"{DEMO_NOTE} Nurses and care assistants from Ghana are recruited for German hospitals and care "
            "homes. Employers pay recruitment, language and technical training, recognition and travel; the "
            "federal health ministry and a foundation pay the structural costs."
        ),
        "form_of_engagement": "placement_agreement",
        "migration_types": ["long_term"],
        "start_date": start,
        "end_date": date(start.year + 5, start.month, 1),
        "donor_funded": False,
        "skill_levels": ["mid", "high"],
        "sectors": ["health_care"],
        "training_location": "both",
        "flex_change_sector": False,
        "flex_change_skill_level": True,
        "flex_change_length_of_stay": True,
        "flexibility_provisions": ["redirect_funds", "change_training"],
        "contingency_budget_pct": Decimal("4.00"),
        "funding_sources": ["public_cod", "private_employer", "foundation"],
        "target_groups": ["women"],
        "development_benefit": "Language and clinical training in Kumasi is open to nurses who stay.",
        "corridor_rationale": ["labour_shortage_match"],
        "objective_coherence_reviewed_on": months_ago(today, 10),
        "climate_assessment": "Heat waves raise demand for care in Germany; no effect on supply expected.",
        "climate_assessment_on": months_ago(today, 10),
        "agreement_signed_on": months_ago(today, 2),
        "agreement_clauses": [
            "skills_development",
            "recognition",
            "certification",
            "career_progression",
            "lifelong_learning",
            "cost_sharing",
            "ethical_recruitment",
            "employer_pays",
            "responsible_authorities",
            "migration_types_covered",
            "covered_groups",
            "model_employment_contract",
            "equal_treatment",
            "health_social_benefits",
            "social_security",
            "grievance_remedy",
        ],
        "agreement_published": True,
        "security_clearance_required": False,
        "diaspora_engagement_planned": True,
        "diaspora_mapping_done_on": months_ago(today, 12),
        "matching_process": "Public employment centres pre-select; employers interview online; the Federal "
        "Employment Agency checks every offer and contract.",
        "skills_transfer_measures": ["diaspora_knowledge_transfer", "destination_training_for_origin"],
        "return_services": [
            "return_job_matching",
            "return_skills_recognition",
            "pre_return_orientation",
            "financial_products",
        ],
        "recognition_info_channels": ["one_stop_shop", "pre_departure_session"],
        "recognition_info_languages": ["en"],
        "aspirations_study_on": months_ago(today, 12),
        "aspirations_methods": ["survey", "focus_groups"],
        "aspirations_by_gender": True,
        "gender_analysis_ex_ante_on": months_ago(today, 11),
        "gender_imbalances_found": True,
        "gender_action_plan": "Childcare allowance during language training; women mentors in each hospital.",
        "inclusion_safeguards": [
            "maternity_protection",
            "harassment_gbv_prevention",
            "labour_law_cover_domestic_care",
            "sogiesc_safe_referrals",
            "gender_sensitive_staff_training",
        ],
        "fiscal_cooperation": ["double_taxation_agreement", "simplified_registration"],
        "return_entitlements_guaranteed": True,
        "pathway_mapping_done_on": months_ago(today, 11),
        # Planted gap: no trigger to scale admissions down (E7.R9).
        "admission_review_trigger": "",
        "cost_sharing_models": ["employer_pays_recruitment_public_structural"],
        "cost_table_visibility": "all_participants",
        "planned_migrants_total": N_MIGRANTS,
        "planned_trainees_total": N_TRAINEES,
        "reporting_currency": "EUR",
        "recruitment_standards": ["ilo_fair_recruitment", "who_code"],
        # Planted gap: adherence to the WHO Code, but none of the three safeguards a listed country needs (R.14).
        "health_workforce_safeguards": ["who_code_adherence"],
    }


def build(b) -> None:
    year = b.year(-1)
    b.country("GH", "origin", languages=("en",), rpl="pilot", lmis="partial", regions=("Ashanti", "Greater Accra"))
    b.country("DE", "destination", languages=("de",), frameworks=("EQF",), ratified=("C97", "C102"))

    b.join("de_labour", DE_LABOUR, side="destination", roles=("lead",), joined="exploration", champion=True)
    b.join("de_health", DE_HEALTH, side="destination", roles=("co_lead", "funder"), joined="exploration", champion=True)
    b.join(
        "de_interior", DE_INTERIOR, side="destination", roles=("permit_authority",), joined="assessment", champion=True
    )
    b.join("de_foreign", DE_FOREIGN, side="destination", roles=("advisor",), joined="assessment")
    b.join("de_embassy", DE_EMBASSY_ACCRA, side="destination", roles=("permit_authority",), joined="design")
    b.join("de_licensing", DE_LICENSING, side="destination", roles=("certification_body",), joined="assessment")
    b.join(
        "de_pes",
        DE_PES,
        side="destination",
        roles=("recruiter", "skills_matching", "support_service"),
        joined="exploration",
    )
    b.join(
        "de_employers",
        DE_EMPLOYERS,
        side="destination",
        roles=("employer", "funder", "advisor"),
        joined="exploration",
        business_case="Members have 1,200 open nursing posts; the scheme pays back within two years of employment.",
    )
    b.join(
        "de_hospital",
        DE_HOSPITAL,
        side="destination",
        roles=("employer", "funder"),
        joined="design",
        business_case="Fills 60 ward posts a year; recognition support cut vacancy time by half.",
    )
    b.join(
        "de_care",
        DE_CARE,
        side="destination",
        roles=("employer", "funder"),
        joined="design",
        business_case="Care assistants for 12 homes; adaptation training is cheaper than temporary staff.",
    )
    b.join("de_school", DE_NURSING_SCHOOL, side="destination", roles=("training_provider",), joined="design")
    b.join("de_union", DE_UNION, side="destination", roles=("advisor", "support_service"), joined="assessment")
    b.join("de_inspectorate", DE_INSPECTORATE, side="destination", roles=("support_service",), joined="design")
    b.join("foundation", DE_FOUNDATION, side="destination", roles=("funder",), joined="assessment")
    b.join("gh_health", GH_HEALTH, side="origin", roles=("co_lead",), joined="exploration", champion=True)
    b.join("gh_labour", GH_LABOUR, side="origin", roles=("advisor",), joined="assessment")
    b.join("gh_foreign", GH_FOREIGN, side="origin", roles=("support_service",), joined="assessment")
    b.join(
        "gh_pes",
        GH_PES,
        side="origin",
        roles=("recruiter", "skills_matching", "reintegration"),
        joined="assessment",
        capacity="medium",
    )
    b.join("gh_region", GH_REGION, side="origin", roles=("support_service",), joined="design")
    b.join("gh_college", GH_NURSING_COLLEGE, side="origin", roles=("training_provider",), joined="design")
    b.join("gh_nurses", GH_NURSES, side="origin", roles=("advisor",), joined="assessment")
    b.join(
        "gh_hospital",
        GH_HOSPITAL,
        side="origin",
        roles=("employer",),
        joined="design",
        business_case="Hires nurses trained on the home track.",
    )
    b.join("gh_diaspora", GH_DIASPORA, side="origin", roles=("advisor", "support_service"), joined="assessment")
    b.join("gh_ngo", GH_NGO, side="origin", roles=("support_service",), joined="assessment")
    b.join("iom", IOM, side="", roles=("implementer", "intermediary"), joined="exploration")
    b.capacity("gh_pes", "lmis", "technical_assistance", description="Health-worker emigration data in the LMIS.")

    tor = "Terms of reference adopted with the placement agreement; annual review by both ministries."
    b.governance(
        "Joint steering committee",
        "steering_committee",
        members=("de_labour", "de_health", "gh_health", "gh_labour", "de_employers", "gh_nurses"),
        tor=tor,
        cycle="semiannual",
    )
    b.governance(
        "Placement and recognition team",
        "operational_committee",
        members=("de_pes", "gh_pes", "de_licensing", "iom", "gh_college"),
        tor=tor,
        cycle="monthly",
        per_year=12,
    )

    o_staff = b.objective(
        "employer_recruitment",
        "mid",
        "Fill nursing and care vacancies with trained, fairly recruited staff.",
        sdgs=("8.8",),
        gcms=(6,),
    )
    o_skill = b.objective(
        "skilled_workforce",
        "long",
        "Raise nursing and German-language skills in Ghana, including for nurses who stay.",
        sdgs=("3.c",),
        gcms=(18,),
    )
    b.indicator(
        "Trainees starting language and clinical training",
        code="trainees_enrolled",
        category="skills",
        objective=o_skill,
        sdg="3.c",
        baseline="0",
        target=str(N_TRAINEES),
        points=("before_training", "end_of_training"),
    )
    b.indicator(
        "Nurses licensed in Germany",
        code="trainees_certified",
        category="skills",
        baseline="0",
        target="180",
        points=("end_of_training", "during_employment"),
    )
    b.indicator(
        "Participants who took up the job abroad",
        code="migrants_deployed",
        category="economy",
        objective=o_staff,
        sdg="8.8",
        baseline="0",
        target=str(N_MIGRANTS),
        points=("during_employment",),
    )
    b.indicator(
        "Nurses trained who work in Ghana after 12 months",
        code="stayers_employed_origin",
        category="economy",
        side="origin",
        baseline="0",
        target="20",
        points=("end_of_training",),
        follow_up=12,
    )
    b.indicator(
        "Change in monthly earnings",
        code="earnings_change",
        category="earnings_remittances",
        unit="%",
        baseline="0",
        target="150",
        points=("before_training", "during_employment"),
    )
    b.indicator(
        "Recruitment costs borne by workers (months of wages)",
        code="worker_paid_recruitment_costs",
        category="earnings_remittances",
        direction="decrease",
        unit="months",
        baseline="0",
        target="0",
        points=("during_employment",),
    )
    b.indicator(
        "Employers satisfied and willing to rehire",
        code="employer_satisfaction",
        category="satisfaction",
        measure="qualitative",
        baseline="No baseline",
        target="Most employers satisfied",
        points=("during_employment",),
    )

    demand = b.demand_evidence(
        sectors=("health_care",), producer_by_country={"GH": "gh_health", "DE": "de_pes"}, year=year, joint_country="DE"
    )
    survey = b.evidence(
        "Hospital and care-home staffing survey",
        "employer_survey",
        sector="health_care",
        producer="de_employers",
        topics=("labour_demand", "skills_mismatch"),
        year=year,
        country="DE",
        disaggregation=("sex", "subnational"),
        occupations=("2221", "5321"),
    )
    b.evidence(
        "Nursing workforce projection to 2035",
        "forecast_model",
        sector="health_care",
        producer="de_health",
        topics=("labour_demand",),
        year=year,
        horizon=10,
        country="DE",
    )
    b.data_needs(
        owner="iom",
        evidence=[survey],
        gaps={"sector.7": "The tracer study of the first cohort will measure remittances; IOM leads."},
    )
    b.evidence_review(
        months_ago=9,
        participants=("de_health", "gh_health", "de_employers", "gh_nurses"),
        evidence=[survey, *demand.values()],
        conclusions="German shortage is structural; Ghana trains more nurses than its public "
        "hospitals hire, but rural posts are hard to fill.",
    )
    b.data_sharing(
        "sector_working_group",
        parties=("de_pes", "gh_pes", "de_employers", "gh_health"),
        data_types=("skills_needs", "certification_needs"),
    )
    b.linked_initiative(
        "education_reform", "Nursing college modernisation programme", country="GH", funder="foundation"
    )
    b.business_linkage("market_information", destination_org="de_hospital", origin_org="gh_hospital", status="planned")

    b.occupation(
        "2221",
        places=80,
        certification="Ghanaian nursing diploma plus German nursing licence after the adaptation course",
        validators=("de_employers", "de_hospital"),
    )
    b.occupation(
        "5321", places=40, certification="Certificate in health care assistance (NQF level 3)", validators=("de_care",)
    )
    # Planted gap: nursing is short at home and has no brain-drain safeguard (E4.R2, E7.R9).
    b.origin_profile(
        "2221", "GH", status="shortage", evidence=demand[("GH", "health_care")], nqf_level="5", safeguards=()
    )
    b.origin_profile("5321", "GH", status="balanced", evidence=demand[("GH", "health_care")], nqf_level="3")
    b.destination_profile(
        "2221",
        "DE",
        route="bridging_then_licence",
        regulated=True,
        regulator="de_licensing",
        gap=True,
        weeks=16,
        nqf_level="6",
    )
    b.destination_profile("5321", "DE", route="employer_assessment", weeks=None, nqf_level="3")
    b.recognition(
        "Adaptation course and licence for nurses",
        "bridging_course",
        occupations=("2221",),
        countries=("GH", "DE"),
        responsible=("gh_health", "de_licensing"),
        payers=("employer",),
        legal_basis="Placement agreement, article 7; federal nursing act.",
        authority="de_licensing",
        fast_track=True,
        days=90,
        phase="stay_employment",
    )
    language = b.training(
        "German language and nursing preparation (Kumasi)",
        occupations=("2221", "5321"),
        provider="gh_college",
        accreditation_body="gh_health",
        certificate="German B1 and nursing preparation certificate",
        recognised_in=("GH", "DE"),
        codesigned_by=("de_hospital", "gh_nurses"),
        language_level="B1",
        components=("curriculum_upgrade", "trainer_training", "open_enrolment"),
        places_total=N_TRAINEES + 80,
        places_migration=N_MIGRANTS,
    )
    b.training(
        "Adaptation course for nurses",
        occupations=("2221",),
        provider="de_school",
        accreditation_body="de_licensing",
        track="migration",
        location="destination",
        mode="bridging",
        stage="post_arrival",
        audience="migrant_workers",
        certificate="German nursing licence",
        recognised_in=("GH", "DE"),
        codesigned_by=("de_hospital", "gh_diaspora"),
        language_level="B2",
    )
    b.training(
        "Leading international care teams",
        occupations=(),
        provider="de_school",
        accreditation_body="de_licensing",
        track="",
        location="destination",
        mode="orientation",
        stage="in_employment",
        audience="employers_managers",
        certificate="Attendance certificate",
        modules=("intercultural", "rights_information"),
        language_level="",
    )
    b.documentation_tool("skills_passport", "Nursing skills passport", languages=("en", "de"))

    nurses = b.pathway(
        "Residence permit for a recognition partnership",
        "residence_permit_work",
        destination="DE",
        origins=("GH",),
        occupations=("2221",),
        max_stay_months=36,
        convertible_to="permanent_residence",
        skills_recognition_required=True,
        admissions_adjustable=False,
        processing_days_typical=75,
    )
    assistants = b.pathway(
        "Skilled-worker residence permit (assistant occupations)",
        "residence_permit_work",
        destination="DE",
        origins=("GH",),
        occupations=("5321",),
        max_stay_months=48,
        convertible_to="permanent_residence",
        admissions_adjustable=False,
    )
    b.journey(
        nurses,
        recruiter="gh_pes",
        permit_office="de_interior",
        arrival_support="de_pes",
        return_support="gh_pes",
        recognition_body="de_licensing",
    )
    b.journey(
        assistants, recruiter="gh_pes", permit_office="de_interior", arrival_support="de_pes", return_support="gh_pes"
    )

    b.social_package(origin_support="gh_ngo", destination_support="de_pes", languages=("en",))
    b.social_protection("DE")
    b.grievance("destination", "labour_inspectorate", country="DE", operator="de_inspectorate", languages=("en", "de"))
    b.grievance("destination", "consular_service", country="DE", operator=GH_EMBASSY, languages=("en",))
    b.grievance("origin", "ngo_cso_helpline", operator="gh_ngo", languages=("en",))

    employer = {"payer": "employer", "organisation": "de_employers", "timing": "on_visa_grant"}
    gov_de = {"payer": "gov_destination", "organisation": "de_health"}
    foundation = {"payer": "other", "organisation": "foundation"}
    b.cost(
        "project_implementation",
        "partnership_meetings",
        80000,
        "EUR",
        shares=[{**gov_de, "percent": "60"}, {**foundation, "percent": "40"}],
    )
    b.cost(
        "project_implementation",
        "human_resources",
        120000,
        "EUR",
        shares=[{**gov_de, "percent": "50"}, {**foundation, "percent": "50"}],
    )
    b.cost(
        "project_implementation",
        "systems_investment",
        150000,
        "EUR",
        country="GH",
        shares=[{**gov_de, "percent": "60"}, {**foundation, "percent": "40"}],
    )
    b.cost("pre_selection", "candidate_screening", 1200, "EUR", shares=[{**employer, "percent": "100"}])
    b.cost(
        "pre_selection",
        "information_orientation",
        300,
        "EUR",
        basis="per_migrant",
        shares=[{**employer, "percent": "100"}],
    )
    b.cost(
        "pre_selection",
        "skills_recognition",
        900,
        "EUR",
        shares=[{"payer": "employer", "organisation": "de_hospital", "percent": "100", "timing": "after_placement"}],
    )
    b.cost(
        "training",
        "training_delivery",
        6000,
        "EUR",
        country="GH",
        linked_training=language,
        shares=[{**employer, "percent": "100", "timing": "upfront", "risk_mitigation": "refund_if_no_visa"}],
    )
    b.cost("travel", "transport", 800, "EUR", shares=[{**employer, "percent": "100"}])
    b.cost("travel", "visa_immigration", 75, "EUR", shares=[{**employer, "percent": "100"}])
    b.cost("monitoring_evaluation", "feedback_collection", 30000, "EUR", shares=[{**gov_de, "percent": "100"}])
    b.sustainability_plan(
        follow_on="After five years the structural costs pass to a training fund of the care employers' associations.",
        mechanisms=["training_fund", "association_investment"],
        target_public_share_pct=Decimal("8.00"),
        target_year=b.year(5),
    )
    b.feasibility_study(
        started_on=b.ago(14),
        completed_on=b.ago(10),
        predecessor_schemes_reviewed="Evaluations of earlier German nurse-recruitment schemes.",
        scope=["objectives", "legal", "institutional", "costs", "labour_market"],
    )

    de_pes_recruiter = b.public_recruiter(
        "de_pes",
        basis="The Federal Employment Agency places workers abroad under the Social Code, Book III, without a licence.",
        monitoring_body="de_labour",
    )
    gh_pes_recruiter = b.public_recruiter(
        "gh_pes",
        basis="Public employment centres need no recruiter licence under the Labour Act.",
        monitoring_body="gh_labour",
    )
    b.arrangement(
        "GH",
        "DE",
        channel="public_employment_service",
        recruiters=[de_pes_recruiter, gh_pes_recruiter],
        occupations=("2221", "5321"),
        monitoring_body="gh_labour",
        contract_languages=["en", "de"],
    )


DEMO = DemoSpec(
    key="health_workers_germany",
    name=NAME,
    modelled_on="The German health-worker recruitment scheme with partner countries (SMP-DOMAIN §10.11, G B33)",
    corridor="GH → DE",
    stage="agreement",
    completeness="medium",
    gaps=(
        PlantedGap(
            "Nurses are recruited from a country on WHO's health-workforce safeguards list without a "
            "government-to-government agreement, the origin health ministry's agreement or investment in its "
            "health workforce (only a WHO Code commitment is recorded).",
            fails=("R.14",),
        ),
        PlantedGap(
            "Nursing is short in the origin country, yet no brain-drain safeguard is recorded for it.",
            fails=("E4.R2",),
        ),
        PlantedGap(
            "Admissions of nurses cannot be scaled down and no review trigger is recorded.",
            fails=("E7.R9",),
        ),
    ),
    partnership_data=partnership_data,
    build=build,
    notes="The origin stands for any country on the 2023 WHO safeguards list; its facts are invented.",
)
