"""Demo: ICT talent partnership Nigeria → Lithuania, modelled on Digital Explorers (SMP-DOMAIN §10.1, §8.3).

Stage ``evaluation``; high completeness. Nigerian ICT graduates train in Lagos and intern with Lithuanian
firms; a value-for-money study finds a benefit–cost ratio of 1.7 with break-even in 2022 (G B32), and one
Lithuanian firm opened a subsidiary in Nigeria (G B15). The pilot ran before the load day (2019–2022), so
its evidence and actual costs carry those years.

Planted gaps (docs/demo-data.md): few of the people trained actually moved, so the actual cost per migrant is
far above plan (E8.R9 WARN); ICT skills are often self-taught but no route accepts work experience in place of
a diploma (E5.R6 WARN).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from partnerships.demo.builders import OrgSpec
from partnerships.demo.shared import DEMO_NOTE, EU_FACILITY, IOM, DemoSpec, PlantedGap

NAME = "Nigeria–Lithuania ICT talent partnership (demo, modelled on Digital Explorers)"

LT_ECONOMY = OrgSpec(
    "Ministry of the Economy and Innovation", "government_ministry", "LT", portfolio=("economy_trade",)
)
LT_LABOUR = OrgSpec(
    "Ministry of Social Security and Labour", "government_ministry", "LT", portfolio=("labour_employment",)
)
LT_MIGRATION = OrgSpec(
    "Migration Department under the Ministry of the Interior",
    "government_agency",
    "LT",
    portfolio=("migration_interior",),
)
LT_CONSULAR = OrgSpec(
    "Consular Department of the Ministry of Foreign Affairs of Lithuania",
    "embassy_consulate",
    "LT",
    portfolio=("foreign_affairs_consular",),
)
LT_PES = OrgSpec("Employment Service of Lithuania", "public_employment_service", "LT", portfolio=("labour_employment",))
LT_INSPECTORATE = OrgSpec(
    "State Labour Inspectorate of Lithuania", "government_agency", "LT", portfolio=("labour_employment",)
)
LT_COMPANY = OrgSpec("Vilnius Software House (demo)", "employer", "LT", level="local")
LT_ICT_ASSOC = OrgSpec("Lithuanian ICT Employers' Association (demo)", "employer_org", "LT")
LT_UNION = OrgSpec("Baltic Tech Workers' Union (demo)", "workers_org", "LT")
LT_ACADEMY = OrgSpec("Vilnius Public ICT Training Centre (demo)", "training_public", "LT", level="local")
NG_LABOUR = OrgSpec(
    "Federal Ministry of Labour and Employment", "government_ministry", "NG", portfolio=("labour_employment",)
)
NG_FOREIGN = OrgSpec(
    "Federal Ministry of Foreign Affairs", "government_ministry", "NG", portfolio=("foreign_affairs_consular",)
)
NG_EDUCATION = OrgSpec(
    "Federal Ministry of Education", "government_ministry", "NG", portfolio=("education_tvet_skills",)
)
NG_PES = OrgSpec(
    "Public Employment Service of Nigeria (demo)", "public_employment_service", "NG", portfolio=("labour_employment",)
)
NG_STATE = OrgSpec(
    "Lagos State Ministry of Wealth Creation and Employment", "subnational_authority", "NG", level="regional"
)
NG_ACADEMY = OrgSpec("Lagos State ICT Skills Academy (demo)", "training_public", "NG", level="regional")
NG_EMPLOYER = OrgSpec("Lagos Fintech Hub (demo)", "employer", "NG", level="local")
NG_DIASPORA = OrgSpec("Nigerian Tech Professionals in the Baltics (demo)", "diaspora_org", "NG")
NG_MRC = OrgSpec("Migrant Resource Centre Lagos (demo)", "ngo_cso", "NG", level="local")
NG_EMBASSY = OrgSpec(
    "Embassy of Nigeria accredited to Lithuania (demo)",
    "embassy_consulate",
    "NG",
    portfolio=("foreign_affairs_consular",),
)

N_MIGRANTS = 30
N_TRAINEES = 60


def partnership_data(today: date) -> dict:
    return {
        "summary": (
            f"{DEMO_NOTE} An EU-financed pilot that trained Nigerian ICT graduates in Lagos and placed them in "
            "internships with Lithuanian software firms. Few moved for work, but a wider cost–benefit analysis "
            "found benefits of 1.7 times the public cost, and one firm opened a subsidiary in Nigeria."
        ),
        "form_of_engagement": "pilot",
        "migration_types": ["short_term", "temporary"],
        "start_date": date(2019, 9, 1),
        "end_date": date(2022, 6, 30),
        "donor_funded": True,
        "skill_levels": ["high"],
        "sectors": ["ict"],
        "training_location": "both",
        "flex_change_sector": False,
        "flex_change_skill_level": False,
        "flex_change_length_of_stay": True,
        "flexibility_provisions": ["redirect_funds", "change_mobility_option"],
        "contingency_budget_pct": Decimal("3.00"),
        "funding_sources": ["donor_oda", "public_cod", "private_employer"],
        "target_groups": ["graduates", "youth", "women"],
        "development_benefit": "Graduates who stay work for Nigerian fintech firms; a Lithuanian firm's subsidiary "
        "hires locally.",
        "corridor_rationale": ["labour_shortage_match"],
        "objective_coherence_reviewed_on": date(2019, 7, 1),
        "climate_assessment": "ICT work is not climate-exposed; remote onboarding cuts travel emissions.",
        "climate_assessment_on": date(2019, 7, 1),
        "agreement_signed_on": date(2019, 8, 15),
        "agreement_clauses": [
            "skills_development",
            "recognition",
            "skills_matching",
            "career_progression",
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
            "grievance_remedy",
        ],
        "agreement_published": True,
        "security_clearance_required": False,
        "diaspora_engagement_planned": True,
        "diaspora_mapping_done_on": date(2019, 6, 1),
        "matching_process": (
            "The Lagos academy shortlists graduates; Lithuanian firms run technical interviews online; the "
            "Employment Service of Lithuania checks each offer before the visa application."
        ),
        "skills_transfer_measures": [
            "return_incentives",
            "diaspora_knowledge_transfer",
            "remote_work_track",
            "mentoring",
        ],
        "return_services": [
            "return_job_matching",
            "return_skills_recognition",
            "pre_return_orientation",
            "entrepreneurship_support",
            "one_stop_centre",
        ],
        "recognition_info_channels": ["online_platform", "pre_departure_session"],
        "recognition_info_languages": ["en"],
        "aspirations_study_on": date(2019, 5, 1),
        "aspirations_methods": ["survey", "focus_groups"],
        "aspirations_by_gender": True,
        "gender_analysis_ex_ante_on": date(2019, 6, 1),
        "gender_analysis_ex_post_on": date(2023, 2, 1),
        "gender_imbalances_found": True,
        "gender_action_plan": "Reserved places and mentoring for women graduates; women made up 45 % of trainees.",
        "inclusion_safeguards": [
            "maternity_protection",
            "harassment_gbv_prevention",
            "sogiesc_orientation",
            "gender_balanced_staffing",
        ],
        "fiscal_cooperation": ["double_taxation_agreement", "simplified_registration"],
        "return_entitlements_guaranteed": True,
        "pathway_mapping_done_on": date(2019, 6, 1),
        "admission_review_trigger": "The steering committee reviews admissions each year against Nigeria's ICT "
        "labour-force data.",
        "cost_sharing_models": ["agreement_specified"],
        "cost_table_visibility": "all_participants",
        "public_subsidy_safeguards": ["open_access_training", "employer_cofinancing", "funder_rules_checked"],
        "planned_migrants_total": N_MIGRANTS,
        "planned_trainees_total": N_TRAINEES,
        "reporting_currency": "EUR",
        "recruitment_standards": ["ilo_fair_recruitment", "iris_standard"],
        "next_step": "scale_up",
    }


def build(b) -> None:
    b.country(
        "NG",
        "origin",
        languages=("en",),
        nqf="in_development",
        rpl="pilot",
        lmis="partial",
        lmis_migration=False,
        regions=("Lagos", "Oyo"),
    )
    b.country("LT", "destination", languages=("lt", "en"), frameworks=("EQF",))

    b.join("lt_economy", LT_ECONOMY, side="destination", roles=("lead", "funder"), joined="exploration", champion=True)
    b.join("lt_labour", LT_LABOUR, side="destination", roles=("advisor",), joined="assessment")
    b.join(
        "lt_migration",
        LT_MIGRATION,
        side="destination",
        roles=("permit_authority",),
        joined="assessment",
        champion=True,
    )
    b.join("lt_consular", LT_CONSULAR, side="destination", roles=("permit_authority",), joined="design")
    b.join("lt_pes", LT_PES, side="destination", roles=("skills_matching", "support_service"), joined="design")
    b.join("lt_inspectorate", LT_INSPECTORATE, side="destination", roles=("support_service",), joined="design")
    b.join(
        "lt_company",
        LT_COMPANY,
        side="destination",
        roles=("employer", "training_provider", "funder"),
        joined="exploration",
        business_case="Cuts senior-developer vacancies; opened a Lagos subsidiary.",
    )
    b.join(
        "lt_ict_assoc",
        LT_ICT_ASSOC,
        side="destination",
        roles=("advisor", "employer", "data_provider"),
        joined="exploration",
        business_case="Members test an international hiring route before investing.",
    )
    b.join("lt_union", LT_UNION, side="destination", roles=("advisor",), joined="design")
    b.join("lt_academy", LT_ACADEMY, side="destination", roles=("training_provider",), joined="design")
    b.join("ng_labour", NG_LABOUR, side="origin", roles=("co_lead",), joined="exploration", champion=True)
    b.join("ng_foreign", NG_FOREIGN, side="origin", roles=("advisor",), joined="assessment")
    b.join("ng_education", NG_EDUCATION, side="origin", roles=("advisor", "certification_body"), joined="assessment")
    b.join(
        "ng_pes", NG_PES, side="origin", roles=("skills_matching", "reintegration"), joined="design", capacity="medium"
    )
    b.join("ng_state", NG_STATE, side="origin", roles=("support_service",), joined="design")
    b.join("ng_academy", NG_ACADEMY, side="origin", roles=("training_provider",), joined="design")
    b.join(
        "ng_employer",
        NG_EMPLOYER,
        side="origin",
        roles=("employer",),
        joined="design",
        business_case="Hires graduates of the home track at a lower training cost.",
    )
    b.join("ng_diaspora", NG_DIASPORA, side="origin", roles=("advisor", "training_provider"), joined="assessment")
    b.join("ng_mrc", NG_MRC, side="origin", roles=("support_service",), joined="design")
    b.join("iom", IOM, side="", roles=("implementer", "intermediary"), joined="exploration")
    b.join("eu_facility", EU_FACILITY, side="", roles=("funder",), joined="exploration")
    b.capacity(
        "ng_labour",
        "lmis",
        "technical_assistance",
        status="done",
        description="Labour-migration questions added to the ICT graduate tracer survey.",
    )

    tor = "Terms of reference annexed to the pilot agreement; decisions by consensus; mid-term and final review."
    b.governance(
        "Pilot steering committee",
        "steering_committee",
        members=("lt_economy", "lt_labour", "ng_labour", "ng_foreign", "lt_ict_assoc", "iom"),
        tor=tor,
        cycle="quarterly",
    )
    b.governance(
        "Matching and placement team",
        "operational_committee",
        members=("lt_pes", "ng_pes", "iom", "ng_academy", "lt_company"),
        tor=tor,
        cycle="monthly",
        per_year=12,
    )

    o_pilot = b.objective(
        "test_new_pathway",
        "mid",
        "Test a regular ICT talent route from Nigeria to Lithuania.",
        sdgs=("10.7",),
        gcms=(5,),
    )
    o_skills = b.objective(
        "skilled_workforce",
        "long",
        "Raise the ICT skills of Nigerian graduates, including those who stay.",
        sdgs=("4.4",),
        gcms=(18,),
    )
    o_business = b.objective(
        "sustainable_development",
        "long",
        "Turn skills mobility into business and jobs on both sides.",
        sdgs=("17.17",),
        gcms=(19,),
    )
    b.indicator(
        "Trainees starting training",
        code="trainees_enrolled",
        category="skills",
        objective=o_skills,
        sdg="4.4",
        baseline="0",
        target=str(N_TRAINEES),
        points=("before_training", "end_of_training"),
        values=(("end_of_training", date(2021, 12, 31), "58"),),
    )
    b.indicator(
        "Trainees certified",
        code="trainees_certified",
        category="skills",
        baseline="0",
        target="54",
        points=("end_of_training",),
        values=(("end_of_training", date(2021, 12, 31), "51"),),
    )
    b.indicator(
        "Participants who took up the job abroad",
        code="migrants_deployed",
        category="economy",
        objective=o_pilot,
        sdg="10.7",
        baseline="0",
        target=str(N_MIGRANTS),
        points=("during_employment",),
        values=(("during_employment", date(2022, 6, 30), "8"),),
    )
    b.indicator(
        "Trained stayers employed at home within 12 months",
        code="stayers_employed_origin",
        category="economy",
        side="origin",
        baseline="0",
        target="25",
        points=("end_of_training",),
        follow_up=12,
        values=(("end_of_training", date(2022, 12, 31), "31"),),
    )
    b.indicator(
        "Change in monthly earnings",
        code="earnings_change",
        category="earnings_remittances",
        unit="%",
        baseline="0",
        target="80",
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
        "New subsidiaries, investments or contracts along the corridor",
        code="business_links",
        category="business",
        objective=o_business,
        gcm=19,
        side="origin",
        baseline="0",
        target="1",
        disaggregation=(),
        points=("during_employment", "after_return"),
        values=(("after_return", date(2022, 12, 31), "1"),),
    )
    b.indicator(
        "Participants satisfied with the pilot",
        code="participant_satisfaction",
        category="satisfaction",
        measure="qualitative",
        baseline="No baseline: new pilot",
        target="Most participants satisfied",
        points=("during_employment", "after_return"),
    )

    demand = b.demand_evidence(
        sectors=("ict",), producer_by_country={"NG": "ng_pes", "LT": "lt_pes"}, year=2019, joint_country="LT"
    )
    survey = b.evidence(
        "Lithuanian ICT employers' skills survey",
        "employer_survey",
        sector="ict",
        year=2019,
        producer="lt_ict_assoc",
        topics=("labour_demand", "skills_mismatch"),
        country="LT",
        disaggregation=("sex", "subnational"),
        occupations=("2512", "2513"),
    )
    b.evidence(
        "Online vacancy analysis: developer roles",
        "big_data",
        sector="ict",
        year=2019,
        horizon=3,
        topics=("labour_demand",),
        country="LT",
    )
    b.data_needs(owner="iom", evidence=[survey])
    b.evidence_review(
        months_ago=0,
        participants=("lt_economy", "ng_labour", "lt_ict_assoc", "lt_union"),
        evidence=[survey, *demand.values()],
        conclusions="Shortage of mid-level developers in Lithuania; graduate surplus in Lagos.",
    )
    b.data_sharing(
        "online_platform",
        parties=("lt_pes", "ng_pes", "lt_ict_assoc", "ng_labour"),
        data_types=("skills_needs", "vacancies"),
    )
    b.linked_initiative(
        "private_sector_development", "Lagos digital economy programme", country="NG", funder="eu_facility"
    )
    b.business_linkage("subsidiary_opened", destination_org="lt_company", origin_org="ng_employer", jobs=25)

    for code in ("2512", "2513"):
        b.occupation(
            code,
            places=10,
            automation="medium",
            informal=True,
            certification="Degree or bootcamp certificate plus the employer's coding test",
            validators=("lt_company", "lt_ict_assoc"),
            skill_note="Many candidates are self-taught; employers test skills rather than diplomas.",
        )
        b.origin_profile(code, "NG", status="surplus", evidence=demand[("NG", "ict")], nqf_level="6")
        b.destination_profile(code, "LT", route="employer_assessment", weeks=None, nqf_level="6")
    b.recognition(
        "Employer coding test recognised for the work permit",
        "skills_test",
        occupations=("2512", "2513"),
        countries=("NG", "LT"),
        responsible=("ng_academy", "lt_company"),
        payers=("employer",),
        legal_basis="Pilot agreement, article 6.",
        days=14,
    )
    bootcamp = b.training(
        "ICT bootcamp (Lagos)",
        occupations=("2512", "2513"),
        provider="ng_academy",
        accreditation_body="ng_education",
        certificate="Software developer certificate",
        recognised_in=("NG", "LT"),
        codesigned_by=("lt_company", "ng_diaspora"),
        modules=("technical", "soft_skills", "rights_information", "intercultural", "digital"),
        language_level="",
        components=("curriculum_upgrade", "trainer_training", "open_enrolment"),
        places_total=N_TRAINEES,
        places_migration=N_MIGRANTS,
    )
    b.training(
        "Internship with mentoring (Vilnius)",
        occupations=("2512", "2513"),
        provider="lt_academy",
        accreditation_body=LT_LABOUR,
        track="migration",
        location="destination",
        mode="trainee_in_destination",
        stage="post_arrival",
        audience="migrant_workers",
        certificate="Internship certificate",
        recognised_in=("NG", "LT"),
        codesigned_by=("lt_company", "lt_union"),
        modules=("technical", "soft_skills", "rights_information"),
        language_level="",
    )
    b.training(
        "Hosting international interns",
        occupations=(),
        provider="lt_academy",
        accreditation_body=LT_LABOUR,
        track="",
        location="destination",
        mode="orientation",
        stage="in_employment",
        audience="employers_managers",
        certificate="Attendance certificate",
        modules=("intercultural",),
        language_level="",
    )
    b.training(
        "Return: placement and start-up coaching",
        occupations=(),
        provider="ng_academy",
        accreditation_body="ng_education",
        track="stay",
        location="origin",
        mode="other",
        stage="return",
        audience="migrant_workers",
        certificate="Coaching certificate",
        modules=("soft_skills",),
        language_level="",
        places_total=20,
        places_migration=0,
    )
    b.documentation_tool("digital_credential", "Digital skills credential", languages=("en",))

    internship = b.pathway(
        "National visa for an internship",
        "traineeship",
        destination="LT",
        origins=("NG",),
        occupations=("2512", "2513"),
        max_stay_months=6,
        renewable=False,
        route_to_permanent_residence=False,
        convertible_to="residence_permit_work",
        employer_tied="single_employer",
        change_of_employer_allowed=True,
        family_reunification=False,
        processing_days_typical=45,
    )
    work = b.pathway(
        "Temporary residence permit for highly qualified work",
        "residence_permit_work",
        destination="LT",
        origins=("NG",),
        occupations=("2512", "2513"),
        max_stay_months=24,
        convertible_to="permanent_residence",
    )
    for pathway in (internship, work):
        b.journey(
            pathway, recruiter="iom", permit_office="lt_migration", arrival_support="lt_pes", return_support="ng_pes"
        )

    b.social_package(origin_support="ng_mrc", destination_support="lt_pes", languages=("en",))
    b.social_protection("LT")
    b.grievance("destination", "labour_inspectorate", country="LT", operator="lt_inspectorate", languages=("en", "lt"))
    b.grievance("destination", "consular_service", country="LT", operator=NG_EMBASSY, languages=("en",))
    b.grievance("origin", "migrant_resource_centre", operator="ng_mrc", languages=("en",))

    other = {"payer": "other", "organisation": "eu_facility", "instrument": "oda_grant"}
    employer = {"payer": "employer", "organisation": "lt_company", "timing": "after_placement"}
    b.cost(
        "project_implementation",
        "partnership_meetings",
        60000,
        "EUR",
        year=2022,
        actual_amount="61000.00",
        shares=[
            {**other, "percent": "70"},
            {"payer": "gov_destination", "organisation": "lt_economy", "percent": "30"},
        ],
    )
    b.cost(
        "project_implementation",
        "migrant_support_services",
        1500,
        "EUR",
        year=2022,
        actual_amount="12000.00",
        shares=[
            {**employer, "percent": "60"},
            {"payer": "gov_destination", "organisation": "lt_economy", "percent": "40"},
        ],
    )
    b.cost(
        "project_implementation",
        "return_reintegration",
        400,
        "EUR",
        year=2022,
        actual_amount="3200.00",
        shares=[{"payer": "gov_origin", "organisation": "ng_labour", "percent": "50"}, {**other, "percent": "50"}],
    )
    b.cost(
        "pre_selection",
        "candidate_screening",
        300,
        "EUR",
        year=2022,
        actual_amount="9000.00",
        shares=[{**employer, "percent": "100", "timing": "on_visa_grant"}],
    )
    b.cost(
        "training",
        "training_delivery",
        1500000,
        "NGN",
        country="NG",
        linked_training=bootcamp,
        year=2022,
        actual_amount="88000000.00",
        shares=[
            {**other, "percent": "70"},
            {**employer, "percent": "30", "timing": "upfront", "risk_mitigation": "public_cofinance"},
        ],
    )
    b.cost(
        "training",
        "training_stipend",
        600,
        "EUR",
        year=2022,
        actual_amount="36000.00",
        shares=[{**other, "percent": "100"}],
    )
    b.cost(
        "travel",
        "transport",
        900,
        "EUR",
        year=2022,
        actual_amount="7200.00",
        shares=[{**employer, "percent": "50"}, {**other, "percent": "50"}],
    )
    b.cost(
        "travel",
        "visa_immigration",
        120,
        "EUR",
        year=2022,
        actual_amount="960.00",
        shares=[
            {"payer": "gov_destination", "organisation": "lt_migration", "percent": "100", "instrument": "fee_waiver"}
        ],
    )
    b.cost(
        "monitoring_evaluation",
        "external_evaluation",
        40000,
        "EUR",
        year=2022,
        actual_amount="40000.00",
        shares=[{**other, "percent": "100"}],
    )
    b.cost_benefit(
        "public_value_for_money",
        perspective="Lithuanian ICT sector",
        scenarios="Three scenarios of developer retention; compared with recruiting through agencies.",
        benefit_cost_ratio=Decimal("1.70"),
        break_even="2022",
        alternatives_compared=True,
        outcome_unit="migrant_placed",
        price_per_outcome=Decimal("25000.00"),
        price_currency="EUR",
        completed_on=date(2022, 11, 30),
    )
    b.sustainability_plan(
        follow_on="A second phase with three more Lithuanian firms, co-funded by the sector "
        "association, is being designed.",
        mechanisms=["employer_share_growth", "association_investment"],
        mechanisms_tested=["employer_share_growth"],
        target_public_share_pct=Decimal("30.00"),
        target_year=b.year(2),
    )
    b.feasibility_study(
        started_on=date(2019, 1, 15),
        completed_on=date(2019, 6, 30),
        predecessor_schemes_reviewed="Earlier EU legal-migration pilots in the ICT sector.",
        scope=["objectives", "legal", "costs", "labour_market"],
    )
    b.evaluation(
        "value_for_money",
        completed_on=date(2022, 11, 30),
        follow_up_months=6,
        summary="Benefits exceed public costs 1.7 times; few graduates moved, many found jobs at home.",
    )

    b.arrangement(
        "NG",
        "LT",
        channel="employer_direct",
        occupations=("2512", "2513"),
        monitoring_body="lt_inspectorate",
        worker_costs_declared_on=date(2020, 1, 15),
        contract_languages=["en", "lt"],
    )


DEMO = DemoSpec(
    key="ict_nigeria_lithuania",
    name=NAME,
    modelled_on="Digital Explorers (SMP-DOMAIN §10.1, value for money §8.3)",
    corridor="NG → LT",
    stage="evaluation",
    completeness="high",
    gaps=(
        PlantedGap(
            "Few trained graduates moved: 8 of 30 planned, so the actual cost per migrant is several times the "
            "planned one (and the last actual costs date from 2022).",
            warns=("E8.R9",),
        ),
        PlantedGap(
            "ICT skills are often self-taught, but neither permit route accepts work experience in place of a diploma.",
            warns=("E5.R6",),
        ),
    ),
    partnership_data=partnership_data,
    build=build,
    rates=(("NGN", "EUR", "0.0006"),),
    notes="Dates are those of the pilot (2019–2022), so evidence and actual costs are not current.",
)
