"""Demo: North Africa–Europe labour mobility partnership, modelled on THAMM (SMP-DOMAIN §10.2).

Morocco, Tunisia and Egypt → Germany and Belgium; stage ``implementation``; high completeness — the
nearly-ready demo. Hospitality workers train in origin public schools on a dual track for Germany; ICT
developers for Belgium. Its one planted gap is the risk G B4 warns about: a donor-funded programme planned
for exactly one 36-month project cycle, with no follow-on plan (E1.R8 WARN).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django_countries import countries

from partnerships.demo.builders import OrgSpec, months_ago
from partnerships.demo.shared import (
    DE_EDUCATION,
    DE_EMPLOYERS,
    DE_FOREIGN,
    DE_INSPECTORATE,
    DE_INTERIOR,
    DE_LABOUR,
    DE_PES,
    DE_UNION,
    DEMO_NOTE,
    ILO,
    IOM,
    MA_EMPLOYMENT,
    MA_PES,
    DemoSpec,
    PlantedGap,
)

NAME = "North Africa–Europe labour mobility partnership (demo, modelled on THAMM)"

# Destination side
DE_EMBASSY_RABAT = OrgSpec("German Embassy Rabat", "embassy_consulate", "DE", portfolio=("foreign_affairs_consular",))
DE_RECOGNITION = OrgSpec(
    "Central Service Point for Professional Recognition",
    "government_agency",
    "DE",
    portfolio=("education_tvet_skills",),
)
DE_HOTEL = OrgSpec("Rhine Valley Hotel Group (demo)", "employer", "DE", level="regional")
DE_SCHOOL = OrgSpec(
    "Rhineland Public Vocational School for Hospitality (demo)", "training_public", "DE", level="regional"
)
BE_EMPLOYMENT = OrgSpec(
    "Federal Public Service Employment, Labour and Social Dialogue",
    "government_ministry",
    "BE",
    portfolio=("labour_employment",),
)
BE_IMMIGRATION = OrgSpec("Immigration Office", "government_agency", "BE", portfolio=("migration_interior",))
BE_FOREIGN = OrgSpec(
    "Federal Public Service Foreign Affairs", "government_ministry", "BE", portfolio=("foreign_affairs_consular",)
)
BE_EMPLOYER = OrgSpec("Brussels Digital Services (demo)", "employer", "BE", level="local")
BE_INSPECTORATE = OrgSpec(
    "Belgian Social Inspection Service (demo)", "government_agency", "BE", portfolio=("labour_employment",)
)
ENABEL = OrgSpec("Enabel (Belgian development agency)", "donor", "BE")
# Origin side
MA_FOREIGN = OrgSpec(
    "Ministry of Foreign Affairs, African Cooperation and Moroccan Expatriates",
    "government_ministry",
    "MA",
    portfolio=("foreign_affairs_consular", "migration_interior"),
)
MA_REGION = OrgSpec("Regional Council of Béni Mellal-Khénifra", "subnational_authority", "MA", level="regional")
MA_SCHOOL = OrgSpec(
    "Public Institute of Hospitality Training, Casablanca (demo)", "training_public", "MA", level="local"
)
MA_EMPLOYER = OrgSpec("Atlas Coast Hotels (demo)", "employer", "MA")
MA_DIASPORA = OrgSpec("Network of Moroccan Professionals in Europe (demo)", "diaspora_org", "MA")
MA_NGO = OrgSpec("Migrant Rights Helpline Morocco (demo)", "ngo_cso", "MA")
TN_EMPLOYMENT = OrgSpec(
    "Ministry of Employment and Vocational Training",
    "government_ministry",
    "TN",
    portfolio=("labour_employment", "education_tvet_skills"),
)
TN_PES = OrgSpec(
    "National Agency for Employment and Independent Work (ANETI)",
    "public_employment_service",
    "TN",
    portfolio=("labour_employment",),
)
TN_REGION = OrgSpec("Governorate of Sfax", "subnational_authority", "TN", level="regional")
TN_SCHOOL = OrgSpec("Higher Institute of Technological Studies, Sfax (demo)", "training_public", "TN", level="local")
TN_UNION = OrgSpec("Tunisian Migrant Workers' Desk of the General Labour Union (demo)", "workers_org", "TN")
EG_LABOUR = OrgSpec("Ministry of Labour", "government_ministry", "EG", portfolio=("labour_employment",))
EG_FOREIGN = OrgSpec(
    "Ministry of Foreign Affairs, Emigration and Egyptian Expatriates",
    "government_ministry",
    "EG",
    portfolio=("foreign_affairs_consular", "migration_interior"),
)
EG_PES = OrgSpec(
    "Public Employment Offices of the Ministry of Labour (Egypt)",
    "public_employment_service",
    "EG",
    portfolio=("labour_employment",),
)
EG_REGION = OrgSpec("Fayoum Governorate", "subnational_authority", "EG", level="regional")
EUTF = OrgSpec("EU Emergency Trust Fund for Africa", "donor")

ORIGINS = ("MA", "TN", "EG")
PES_BY_ORIGIN = {"MA": "ma_pes", "TN": "tn_pes", "EG": "eg_pes"}
MINISTRY_BY_ORIGIN = {"MA": "ma_employment", "TN": "tn_employment", "EG": "eg_labour"}
N_MIGRANTS = 270
N_TRAINEES = 600


def partnership_data(today: date) -> dict:
    start = months_ago(today, 24)
    return {
        "summary": (
            f"{DEMO_NOTE} A regional programme with Morocco, Tunisia and Egypt that opens regular, skills-based "
            "routes to Germany (hospitality) and Belgium (software development), trains candidates in origin "
            "public schools on a dual track and strengthens labour-migration statistics and skills anticipation."
        ),
        "form_of_engagement": "regional_multilateral",
        "migration_types": ["temporary", "circular", "long_term"],
        "start_date": start,
        "end_date": date(start.year + 3, start.month, 1),
        "donor_funded": True,
        "skill_levels": ["mid", "high"],
        "sectors": ["tourism_hospitality", "ict"],
        "training_location": "both",
        "flex_change_sector": True,
        "flex_change_skill_level": False,
        "flex_change_length_of_stay": True,
        "flexibility_provisions": ["redirect_funds", "change_sector", "change_training"],
        "contingency_budget_pct": Decimal("5.00"),
        "funding_sources": ["donor_oda", "public_cod", "public_coo", "private_employer"],
        "target_groups": ["youth", "women"],
        "development_benefit": "Upgraded public hospitality and ICT schools serve every learner in the origin regions.",
        "corridor_rationale": ["labour_shortage_match", "foreign_policy_ties", "cultural_links"],
        "objective_coherence_reviewed_on": months_ago(today, 26),
        "climate_assessment": (
            "Hospitality in the origin regions is exposed to heat and water stress; the curriculum adds green "
            "kitchen and energy-saving modules, and ICT demand is not climate-exposed."
        ),
        "climate_assessment_on": months_ago(today, 26),
        "agreement_signed_on": months_ago(today, 25),
        "agreement_clauses": [
            "skills_development",
            "recognition",
            "rpl",
            "certification",
            "skills_matching",
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
            "admission_review",
            "social_security",
            "grievance_remedy",
            "data_sharing",
        ],
        "agreement_published": True,
        "security_clearance_required": False,
        "diaspora_engagement_planned": True,
        "diaspora_mapping_done_on": months_ago(today, 28),
        "matching_process": (
            "The origin employment services pre-select candidates against profiles agreed with employers; the "
            "Federal Employment Agency and Belgian employers interview them online; matched candidates get a "
            "job offer before the visa application."
        ),
        "skills_transfer_measures": [
            "circularity_incentives",
            "diaspora_knowledge_transfer",
            "destination_training_for_origin",
        ],
        "return_services": [
            "return_job_matching",
            "return_skills_recognition",
            "pre_return_orientation",
            "one_stop_centre",
            "entrepreneurship_support",
        ],
        "recognition_info_channels": ["one_stop_shop", "pre_departure_session", "online_platform"],
        "recognition_info_languages": ["ar", "fr"],
        "aspirations_study_on": months_ago(today, 27),
        "aspirations_methods": ["survey", "focus_groups"],
        "aspirations_by_gender": True,
        "gender_analysis_ex_ante_on": months_ago(today, 27),
        "gender_imbalances_found": True,
        "gender_action_plan": "Quotas of 40 % women in ICT intakes, childcare support during training.",
        "inclusion_safeguards": [
            "maternity_protection",
            "harassment_gbv_prevention",
            "sogiesc_safe_referrals",
            "gender_sensitive_staff_training",
            "equal_access_measures",
        ],
        "fiscal_cooperation": ["double_taxation_agreement", "simplified_registration", "interstate_banking"],
        "return_entitlements_guaranteed": True,
        "pathway_mapping_done_on": months_ago(today, 27),
        "admission_review_trigger": (
            "Either side may ask the steering committee to scale an occupation's admissions down when the origin "
            "labour-force survey shows a shortage two quarters in a row."
        ),
        "cost_sharing_models": ["agreement_specified", "training_fund"],
        "cost_table_visibility": "all_participants",
        "public_subsidy_safeguards": ["open_access_training", "employer_cofinancing", "funder_rules_checked"],
        "planned_migrants_total": N_MIGRANTS,
        "planned_trainees_total": N_TRAINEES,
        "reporting_currency": "EUR",
        "recruitment_standards": ["ilo_fair_recruitment", "iris_standard"],
    }


def build(b) -> None:
    year = b.year(-1)
    # Countries
    b.country(
        "MA",
        "origin",
        languages=("ar", "fr"),
        regions=("Béni Mellal-Khénifra", "Casablanca-Settat"),
        ratified=("C97", "C102"),
    )
    b.country("TN", "origin", languages=("ar", "fr"), rpl="pilot", regions=("Sfax", "Gafsa"))
    b.country("EG", "origin", languages=("ar",), nqf="in_development", rpl="pilot", regions=("Fayoum", "Minya"))
    b.country("DE", "destination", languages=("de",), frameworks=("EQF",), ratified=("C97", "C102"))
    b.country("BE", "destination", languages=("fr", "nl", "de"), frameworks=("EQF",), ratified=("C97", "C181"))

    # Actors
    b.join("de_labour", DE_LABOUR, side="destination", roles=("lead", "funder"), joined="exploration", champion=True)
    b.join(
        "de_interior", DE_INTERIOR, side="destination", roles=("permit_authority",), joined="exploration", champion=True
    )
    b.join("de_foreign", DE_FOREIGN, side="destination", roles=("advisor",), joined="assessment")
    b.join("de_education", DE_EDUCATION, side="destination", roles=("advisor",), joined="assessment")
    b.join("de_embassy", DE_EMBASSY_RABAT, side="destination", roles=("permit_authority",), joined="design")
    b.join("de_recognition", DE_RECOGNITION, side="destination", roles=("certification_body",), joined="design")
    b.join(
        "de_pes",
        DE_PES,
        side="destination",
        roles=("skills_matching", "support_service", "data_provider"),
        joined="assessment",
    )
    b.join(
        "de_employers",
        DE_EMPLOYERS,
        side="destination",
        roles=("employer", "funder", "advisor"),
        joined="exploration",
        business_case="Members fill cook vacancies that stay open for six months; they co-pay training and "
        "screening and break even after 14 months of employment.",
    )
    b.join(
        "de_hotel",
        DE_HOTEL,
        side="destination",
        roles=("employer", "training_provider"),
        joined="design",
        business_case="Forty kitchen vacancies a year; on-the-job adaptation costs less than agency hiring.",
    )
    b.join("de_school", DE_SCHOOL, side="destination", roles=("training_provider",), joined="design")
    b.join("de_union", DE_UNION, side="destination", roles=("advisor", "support_service"), joined="assessment")
    b.join("de_inspectorate", DE_INSPECTORATE, side="destination", roles=("support_service",), joined="design")
    b.join(
        "be_employment",
        BE_EMPLOYMENT,
        side="destination",
        roles=("co_lead", "funder"),
        joined="exploration",
        champion=True,
    )
    b.join("be_immigration", BE_IMMIGRATION, side="destination", roles=("permit_authority",), joined="assessment")
    b.join("be_foreign", BE_FOREIGN, side="destination", roles=("advisor",), joined="design")
    b.join(
        "be_employer",
        BE_EMPLOYER,
        side="destination",
        roles=("employer", "funder"),
        joined="design",
        business_case="Hires twelve developers a year; remote pre-onboarding cuts time to productivity.",
    )
    b.join("be_inspectorate", BE_INSPECTORATE, side="destination", roles=("support_service",), joined="design")
    b.join("enabel", ENABEL, side="destination", roles=("funder", "implementer"), joined="assessment")
    b.join(
        "ma_employment", MA_EMPLOYMENT, side="origin", roles=("co_lead", "funder"), joined="exploration", champion=True
    )
    b.join("ma_foreign", MA_FOREIGN, side="origin", roles=("support_service",), joined="assessment")
    b.join(
        "ma_pes",
        MA_PES,
        side="origin",
        roles=("recruiter", "skills_matching", "reintegration", "data_provider"),
        joined="exploration",
    )
    b.join("ma_region", MA_REGION, side="origin", roles=("support_service",), joined="design")
    b.join("ma_school", MA_SCHOOL, side="origin", roles=("training_provider",), joined="design")
    b.join(
        "ma_employer",
        MA_EMPLOYER,
        side="origin",
        roles=("employer",),
        joined="design",
        business_case="Hires graduates of the home track; gains staff trained to an international standard.",
    )
    b.join("ma_diaspora", MA_DIASPORA, side="origin", roles=("advisor", "training_provider"), joined="assessment")
    b.join("ma_ngo", MA_NGO, side="origin", roles=("support_service",), joined="assessment")
    b.join("tn_employment", TN_EMPLOYMENT, side="origin", roles=("co_lead",), joined="exploration", champion=True)
    b.join(
        "tn_pes", TN_PES, side="origin", roles=("recruiter", "skills_matching", "reintegration"), joined="assessment"
    )
    b.join("tn_region", TN_REGION, side="origin", roles=("support_service",), joined="design")
    b.join("tn_school", TN_SCHOOL, side="origin", roles=("training_provider",), joined="design")
    b.join("tn_union", TN_UNION, side="origin", roles=("advisor", "support_service"), joined="assessment")
    b.join("eg_labour", EG_LABOUR, side="origin", roles=("co_lead",), joined="exploration")
    b.join("eg_foreign", EG_FOREIGN, side="origin", roles=("support_service",), joined="assessment")
    b.join(
        "eg_pes", EG_PES, side="origin", roles=("recruiter", "reintegration"), joined="assessment", capacity="medium"
    )
    b.join("eg_region", EG_REGION, side="origin", roles=("support_service",), joined="design")
    b.join("iom", IOM, side="", roles=("implementer", "intermediary", "data_provider"), joined="exploration")
    b.join("ilo", ILO, side="", roles=("implementer", "data_provider"), joined="exploration")
    b.join("eutf", EUTF, side="", roles=("funder",), joined="exploration")
    b.capacity(
        "eg_labour",
        "skills_anticipation",
        "workshop",
        status="done",
        description="Four-module skills-anticipation course for labour-ministry officials.",
    )

    # Governance
    tor = "Terms of reference adopted with the agreement: mandate, membership, decisions by consensus, annual review."
    b.governance(
        "Joint steering committee",
        "steering_committee",
        members=("de_labour", "be_employment", "ma_employment", "tn_employment", "eg_labour", "de_employers", "iom"),
        tor=tor,
        cycle="semiannual",
        chair="de_labour",
        established_months_ago=25,
    )
    b.governance(
        "Operational committee",
        "operational_committee",
        members=("de_pes", "ma_pes", "tn_pes", "eg_pes", "iom", "ilo", "ma_school", "tn_school"),
        tor=tor,
        cycle="monthly",
        per_year=12,
        established_months_ago=24,
    )
    b.governance(
        "Hospitality working group",
        "sectoral_working_group",
        sector="tourism_hospitality",
        members=("de_employers", "de_hotel", "ma_school", "de_union", "ma_employer"),
        tor=tor,
    )
    b.governance(
        "ICT working group",
        "sectoral_working_group",
        sector="ict",
        members=("be_employer", "tn_school", "be_employment"),
        tor=tor,
    )
    b.governance(
        "Stakeholder advisory council",
        "advisory_council",
        members=("de_union", "tn_union", "ma_diaspora", "ma_ngo"),
        tor=tor,
        cycle="annual",
        per_year=2,
    )

    # Objectives and indicators
    o_path = b.objective(
        "test_new_pathway",
        "long",
        "Make skills-based routes to Germany and Belgium a lasting part of the partners' labour-migration systems.",
        sdgs=("10.7",),
        gcms=(5,),
    )
    o_sys = b.objective(
        "systems_improvement",
        "long",
        "Strengthen labour-migration statistics and skills anticipation in the three origin countries.",
        sdgs=("17.17",),
        gcms=(1,),
    )
    o_skill = b.objective(
        "skilled_workforce",
        "mid",
        "Train hospitality and ICT workers to a standard both sides recognise, including those who stay.",
        sdgs=("4.4",),
        gcms=(18,),
    )
    b.tension(
        o_path,
        o_skill,
        status="mitigated",
        note="Employers want the best graduates to move; the home track keeps 40 % of places for stayers.",
    )
    b.indicator(
        "Trainees starting training",
        code="trainees_enrolled",
        category="skills",
        objective=o_skill,
        sdg="4.4",
        baseline="0",
        target=str(N_TRAINEES),
        points=("before_training", "end_of_training"),
    )
    b.indicator(
        "Trainees certified",
        code="trainees_certified",
        category="skills",
        objective=o_skill,
        baseline="0",
        target="540",
        points=("end_of_training",),
    )
    b.indicator(
        "Participants who took up the job abroad",
        code="migrants_deployed",
        category="economy",
        objective=o_path,
        sdg="10.7",
        baseline="0",
        target=str(N_MIGRANTS),
        points=("during_employment",),
        values=(("during_employment", date(year, 12, 31), "90"),),
    )
    b.indicator(
        "Trained stayers employed at home within 12 months",
        code="stayers_employed_origin",
        category="economy",
        side="origin",
        baseline="0",
        target="200",
        points=("end_of_training",),
        follow_up=12,
    )
    b.indicator(
        "Change in monthly earnings",
        code="earnings_change",
        category="earnings_remittances",
        objective=o_path,
        gcm=5,
        unit="%",
        baseline="0",
        target="60",
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
        "Participants satisfied with the partnership",
        code="participant_satisfaction",
        category="satisfaction",
        measure="qualitative",
        baseline="No baseline: new scheme",
        target="Most participants satisfied",
        points=("during_employment", "after_return"),
    )
    b.indicator(
        "Labour-migration module in the origin labour-force surveys",
        category="systems",
        objective=o_sys,
        gcm=1,
        measure="qualitative",
        level="impact",
        baseline="No module",
        target="Module in all three surveys",
        disaggregation=(),
        points=("before_training", "after_return"),
    )
    b.indicator(
        "New business links along the corridor",
        code="business_links",
        category="business",
        side="origin",
        baseline="0",
        target="3",
        disaggregation=(),
        points=("during_employment",),
    )

    # Evidence
    producers = {"MA": "ma_pes", "TN": "tn_pes", "EG": "eg_labour", "DE": "de_pes", "BE": "be_employment"}
    demand = b.demand_evidence(
        sectors=("tourism_hospitality", "ict"), producer_by_country=producers, year=year, joint_country="MA"
    )
    survey_hosp = b.evidence(
        "Hospitality employers' skills survey",
        "employer_survey",
        sector="tourism_hospitality",
        producer="de_employers",
        topics=("labour_demand", "skills_mismatch"),
        year=year,
        country="DE",
        disaggregation=("sex", "subnational"),
        joint=True,
        occupations=("5120",),
    )
    survey_ict = b.evidence(
        "ICT employers' skills survey",
        "employer_survey",
        sector="ict",
        producer="be_employer",
        topics=("labour_demand", "skills_mismatch"),
        year=year,
        country="BE",
        disaggregation=("sex", "subnational"),
        occupations=("2512",),
    )
    for sector, sector_name in (("tourism_hospitality", "tourism and hospitality"), ("ict", "ICT")):
        b.evidence(
            f"Skills forecast 2030: {sector_name}",
            "forecast_model",
            sector=sector,
            producer="ilo",
            topics=("labour_demand",),
            year=year,
            horizon=6,
        )
    b.data_needs(
        owner="iom",
        evidence=[survey_hosp, survey_ict],
        gaps={"sector.3": "ILO adds a green-skills module to the 2026 forecast; IOM follows up."},
    )
    b.evidence_review(
        months_ago=26,
        participants=(
            "de_labour",
            "be_employment",
            "ma_employment",
            "tn_employment",
            "eg_labour",
            "de_employers",
            "de_union",
        ),
        evidence=[survey_hosp, survey_ict, *demand.values()],
        conclusions="Demand is structural in hospitality and ICT; origin surplus confirmed for both.",
    )
    b.data_sharing(
        "sector_working_group",
        parties=("de_pes", "ma_pes", "tn_pes", "de_employers", "ma_employment"),
        data_types=("skills_needs", "certification_needs", "vacancies"),
    )

    # Local development
    b.linked_initiative("education_reform", "Hospitality school upgrade programme", country="MA", funder="enabel")
    b.linked_initiative("lmis_programme", "Labour-market information system reform", country="TN", funder="ilo")
    b.linked_initiative("local_development_plan", "Fayoum governorate jobs plan", country="EG")
    b.business_linkage("sme_matchmaking", destination_org="de_hotel", origin_org="ma_employer", jobs=15)

    # Occupations, profiles, recognition, training
    b.occupation(
        "5120",
        places=60,
        destinations=("DE",),
        certification="National cook diploma (NQF level 4) with an ESCO-based diploma supplement",
        validators=("de_employers", "de_hotel"),
    )
    b.occupation(
        "2512",
        places=30,
        destinations=("BE",),
        automation="medium",
        informal=True,
        certification="Bachelor in computer science, or a bootcamp certificate plus the employer's test",
        validators=("be_employer",),
    )
    for code, sector in (("5120", "tourism_hospitality"), ("2512", "ict")):
        for origin in ORIGINS:
            b.origin_profile(code, origin, status="surplus", evidence=demand[(origin, sector)])
    b.destination_profile("5120", "DE", route="individual_assessment", weeks=10)
    b.destination_profile("2512", "BE", route="employer_assessment", weeks=None)
    b.recognition(
        "Diploma supplements in ESCO terms for hospitality diplomas",
        "diploma_supplement",
        occupations=("5120",),
        countries=(*ORIGINS, "DE"),
        responsible=("ma_employment", "tn_employment", "eg_labour", "de_recognition"),
        payers=("gov_origin", "employer"),
        legal_basis="Agreement, skills annex, article 4.",
        authority="de_recognition",
        fast_track=True,
        days=60,
    )
    hosp = b.training(
        "Hospitality dual-track programme",
        occupations=("5120",),
        provider="ma_school",
        accreditation_body="ma_employment",
        certificate="National cook diploma with supplement",
        recognised_in=(*ORIGINS, "DE"),
        codesigned_by=("de_employers", "de_hotel", "ma_diaspora"),
        components=("curriculum_upgrade", "trainer_training", "equipment_infrastructure", "open_enrolment"),
        places_total=400,
        places_migration=180,
    )
    b.training(
        "ICT dual-track programme",
        occupations=("2512",),
        provider="tn_school",
        accreditation_body="tn_employment",
        certificate="Software developer certificate",
        recognised_in=(*ORIGINS, "BE"),
        codesigned_by=("be_employer", "tn_union"),
        language_level="B2",
        components=("curriculum_upgrade", "trainer_training", "accreditation"),
        places_total=200,
        places_migration=90,
    )
    b.training(
        "Post-arrival workplace language and mentoring",
        occupations=("5120",),
        provider="de_school",
        accreditation_body=DE_EDUCATION,
        track="migration",
        location="destination",
        mode="adaptation_upskilling",
        stage="post_arrival",
        audience="migrant_workers",
        certificate="Workplace German B2",
        recognised_in=(*ORIGINS, "DE"),
        codesigned_by=("de_hotel", "de_union"),
    )
    b.training(
        "Managing international kitchen teams",
        occupations=(),
        provider="de_school",
        accreditation_body=DE_EDUCATION,
        track="",
        location="destination",
        mode="orientation",
        stage="in_employment",
        audience="employers_managers",
        certificate="Attendance certificate",
        modules=("intercultural", "rights_information"),
        language_level="",
    )
    b.training(
        "Return career counselling and skills validation",
        occupations=(),
        provider="ma_school",
        accreditation_body="ma_employment",
        track="stay",
        location="origin",
        mode="other",
        stage="return",
        audience="migrant_workers",
        certificate="Validated experience certificate",
        modules=("soft_skills", "financial_literacy"),
        language_level="",
        places_total=100,
        places_migration=0,
    )
    b.documentation_tool(
        "skills_passport", "Digital skills passport (hospitality and ICT)", languages=("ar", "fr", "de")
    )

    # Pathways
    de_route = b.pathway(
        "Skilled-worker residence permit (vocational qualification)",
        "residence_permit_work",
        destination="DE",
        origins=ORIGINS,
        occupations=("5120",),
        max_stay_months=48,
        convertible_to="permanent_residence",
        skills_recognition_required=True,
        shortage_list=True,
    )
    be_route = b.pathway(
        "Single permit for highly qualified work",
        "residence_permit_work",
        destination="BE",
        origins=ORIGINS,
        occupations=("2512",),
        max_stay_months=36,
        convertible_to="permanent_residence",
        accepts_experience_evidence=True,
    )
    b.journey(
        de_route,
        recruiter="ma_pes",
        permit_office="de_interior",
        arrival_support="de_pes",
        return_support="ma_pes",
        recognition_body="de_recognition",
    )
    b.journey(
        be_route,
        recruiter="tn_pes",
        permit_office="be_immigration",
        arrival_support="be_employment",
        return_support="tn_pes",
    )

    # Social package
    b.social_package(origin_support="iom", destination_support="de_pes", languages=("ar", "fr"))
    b.social_protection("DE")
    b.social_protection("BE")
    for destination, inspectorate in (("DE", "de_inspectorate"), ("BE", "be_inspectorate")):
        b.grievance(
            "destination", "labour_inspectorate", country=destination, operator=inspectorate, languages=("ar", "fr")
        )
        b.grievance(
            "destination",
            "consular_service",
            country=destination,
            operator=OrgSpec(
                f"Moroccan consular network in {countries.name(destination)} (demo)",
                "embassy_consulate",
                "MA",
                portfolio=("foreign_affairs_consular",),
            ),
            languages=("ar", "fr"),
        )
    b.grievance("origin", "migrant_resource_centre", operator="ma_ngo", languages=("ar", "fr"))

    # Costs (EUR reporting; origin training in MAD)
    third = Decimal("0.3")

    def actual(amount, quantity):
        return (Decimal(str(amount)) * quantity * third).quantize(Decimal("0.01"))

    gov_de = {"payer": "gov_destination", "organisation": "de_labour"}
    b.cost(
        "project_implementation",
        "partnership_meetings",
        180000,
        "EUR",
        year=year,
        actual_amount=actual(180000, 1),
        shares=[
            {**gov_de, "percent": "40"},
            {"payer": "gov_origin", "organisation": "ma_employment", "percent": "20", "instrument": "in_kind"},
            {"payer": "other", "organisation": "eutf", "percent": "40", "instrument": "oda_grant"},
        ],
    )
    b.cost(
        "project_implementation",
        "systems_investment",
        400000,
        "EUR",
        year=year,
        actual_amount=actual(400000, 1),
        shares=[
            {"payer": "other", "organisation": "eutf", "percent": "70", "instrument": "oda_grant"},
            {"payer": "gov_origin", "organisation": "tn_employment", "percent": "30", "instrument": "budget"},
        ],
    )
    b.cost(
        "project_implementation",
        "return_reintegration",
        300,
        "EUR",
        year=year,
        actual_amount=actual(300, N_MIGRANTS),
        shares=[
            {"payer": "gov_origin", "organisation": "ma_employment", "percent": "60"},
            {"payer": "other", "organisation": "eutf", "percent": "40"},
        ],
    )
    b.cost(
        "project_implementation",
        "migrant_support_services",
        600,
        "EUR",
        year=year,
        actual_amount=actual(600, N_MIGRANTS),
        shares=[
            {"payer": "employer", "organisation": "de_employers", "percent": "60", "timing": "on_arrival"},
            {**gov_de, "percent": "40"},
        ],
    )
    b.cost(
        "pre_selection",
        "candidate_screening",
        250,
        "EUR",
        year=year,
        actual_amount=actual(250, N_MIGRANTS),
        shares=[{"payer": "employer", "organisation": "de_employers", "percent": "100", "timing": "on_visa_grant"}],
    )
    b.cost(
        "pre_selection",
        "skills_recognition",
        400,
        "EUR",
        year=year,
        actual_amount=actual(400, N_MIGRANTS),
        shares=[
            {"payer": "employer", "organisation": "de_hotel", "percent": "70", "timing": "after_placement"},
            {**gov_de, "percent": "30"},
        ],
    )
    b.cost(
        "training",
        "training_delivery",
        12000,
        "MAD",
        country="MA",
        linked_training=hosp,
        year=year,
        actual_amount=actual(12000, N_TRAINEES),
        shares=[
            {**gov_de, "percent": "40"},
            {
                "payer": "employer",
                "organisation": "de_employers",
                "percent": "30",
                "timing": "upfront",
                "risk_mitigation": "refund_if_no_visa",
            },
            {"payer": "other", "organisation": "enabel", "percent": "30", "instrument": "oda_grant"},
        ],
    )
    b.cost(
        "training",
        "training_stipend",
        2000,
        "MAD",
        country="MA",
        year=year,
        actual_amount=actual(2000, N_TRAINEES),
        shares=[
            {"payer": "gov_origin", "organisation": "ma_employment", "percent": "50"},
            {"payer": "other", "organisation": "eutf", "percent": "50"},
        ],
    )
    b.cost(
        "travel",
        "transport",
        350,
        "EUR",
        year=year,
        actual_amount=actual(350, N_MIGRANTS),
        shares=[{"payer": "employer", "organisation": "de_employers", "percent": "100", "timing": "on_visa_grant"}],
    )
    b.cost(
        "travel",
        "visa_immigration",
        150,
        "EUR",
        year=year,
        actual_amount=actual(150, N_MIGRANTS),
        shares=[
            {"payer": "gov_destination", "organisation": "de_interior", "percent": "100", "instrument": "fee_waiver"}
        ],
    )
    b.cost(
        "monitoring_evaluation",
        "external_evaluation",
        60000,
        "EUR",
        year=year,
        actual_amount=actual(60000, 1),
        shares=[{"payer": "other", "organisation": "eutf", "percent": "100"}],
    )
    b.cost_benefit(
        "public_value_for_money",
        perspective="Both destination governments and the EU",
        scenarios=("Low, central and high placement scenarios; compared with agency recruitment without training."),
        benefit_cost_ratio=Decimal("1.40"),
        break_even=str(b.year(2)),
        alternatives_compared=True,
        outcome_unit="migrant_placed",
        price_per_outcome=Decimal("9000.00"),
        price_currency="EUR",
        completed_on=b.ago(8),
    )
    b.sustainability_plan(
        mechanisms=["training_fund", "employer_share_growth", "development_cooperation_link"],
        mechanisms_tested=["employer_share_growth"],
        target_public_share_pct=Decimal("35.00"),
        target_year=b.year(4),
    )
    b.feasibility_study(
        started_on=b.ago(32),
        completed_on=b.ago(27),
        predecessor_schemes_reviewed="Evaluations of earlier Moroccan–German hospitality placements "
        "and of Belgian–Tunisian internships.",
        scope=["objectives", "legal", "institutional", "costs", "labour_market"],
    )

    # Recruitment (public employment services on every corridor)
    recruiters = {
        origin: b.public_recruiter(
            key,
            basis="Public employment services place jobseekers free of charge under the national employment law.",
            monitoring_body=MINISTRY_BY_ORIGIN[origin],
        )
        for origin, key in PES_BY_ORIGIN.items()
    }
    for origin in ORIGINS:
        for destination, occupation, language in (("DE", "5120", "de"), ("BE", "2512", "fr")):
            languages = sorted({*b.pc(origin).languages, language})
            b.arrangement(
                origin,
                destination,
                channel="public_employment_service",
                recruiters=[recruiters[origin]],
                occupations=(occupation,),
                monitoring_body=MINISTRY_BY_ORIGIN[origin],
                contract_languages=languages,
            )


DEMO = DemoSpec(
    key="north_africa_europe",
    name=NAME,
    modelled_on="THAMM — Towards a Holistic Approach to Labour Migration Governance and Labour Mobility in North "
    "Africa (SMP-DOMAIN §10.2)",
    corridor="MA, TN, EG → DE, BE",
    stage="implementation",
    completeness="high",
    gaps=(
        PlantedGap(
            "A donor-funded programme planned for exactly 36 months, with no follow-on plan recorded.",
            warns=("E1.R8",),
        ),
    ),
    partnership_data=partnership_data,
    build=build,
    rates=(("MAD", "EUR", "0.10"),),
    notes="The nearly-ready demo: the highest readiness score of the demo set.",
)
