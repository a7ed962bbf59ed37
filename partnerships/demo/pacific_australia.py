"""Demo: Pacific–Australia labour mobility and training partnership, modelled on PALM and the Australia Pacific
Training Coalition (SMP-DOMAIN §10.18 — not in the seeds: every fact here is demo data).

Fiji and Vanuatu → Australia; stage ``agreement``; medium completeness. Seasonal farm work and longer-term
meat-processing jobs, with dual-track training in origin public TVET to Australian standards.

Planted gaps (docs/demo-data.md): a circular scheme with no return or reintegration support at all (E4.R9 and
E6.R10 FAIL; E7.R7, E7.R2, E5.R13 and E8.R1 WARN); the Vanuatu employment service has low capacity, no
capacity-building and no intermediary to cover it (E1.R9, E2.R10 and E3.R9 WARN).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from partnerships.demo.builders import OrgSpec, months_ago
from partnerships.demo.shared import DEMO_NOTE, IOM, DemoSpec, PlantedGap

NAME = "Pacific–Australia labour mobility and training partnership (demo, modelled on PALM and APTC)"

AU_DEWR = OrgSpec(
    "Department of Employment and Workplace Relations",
    "government_ministry",
    "AU",
    portfolio=("labour_employment", "education_tvet_skills"),
)
AU_DFAT = OrgSpec(
    "Department of Foreign Affairs and Trade",
    "government_ministry",
    "AU",
    portfolio=("foreign_affairs_consular", "economy_trade"),
)
AU_HOME = OrgSpec("Department of Home Affairs", "government_ministry", "AU", portfolio=("migration_interior",))
AU_POST = OrgSpec("Australian High Commission Suva", "embassy_consulate", "AU", portfolio=("foreign_affairs_consular",))
AU_FAIRWORK = OrgSpec("Fair Work Ombudsman", "government_agency", "AU", portfolio=("labour_employment",))
AU_ASQA = OrgSpec(
    "Australian Skills Quality Authority", "government_agency", "AU", portfolio=("education_tvet_skills",)
)
AU_EMPLOYERS = OrgSpec("Pacific Labour Employers' Association (demo)", "employer_org", "AU")
AU_MEAT = OrgSpec("Riverina Meat Processors (demo)", "employer", "AU", level="regional")
AU_FARM = OrgSpec("Sunraysia Growers (demo)", "employer", "AU", level="regional")
AU_UNION = OrgSpec("Meat and Farm Workers' Union (demo)", "workers_org", "AU")
AU_TAFE = OrgSpec("Regional Public TAFE Institute (demo)", "training_public", "AU", level="regional")
FJ_EMPLOYMENT = OrgSpec(
    "Ministry of Employment, Productivity and Workplace Relations",
    "government_ministry",
    "FJ",
    portfolio=("labour_employment",),
)
FJ_FOREIGN = OrgSpec(
    "Ministry of Foreign Affairs", "government_ministry", "FJ", portfolio=("foreign_affairs_consular",)
)
FJ_EDUCATION = OrgSpec("Ministry of Education", "government_ministry", "FJ", portfolio=("education_tvet_skills",))
FJ_PES = OrgSpec("National Employment Centre", "public_employment_service", "FJ", portfolio=("labour_employment",))
FJ_DIVISION = OrgSpec("Western Division Commissioner's Office", "subnational_authority", "FJ", level="regional")
FJ_APTC = OrgSpec("Australia Pacific Training Coalition, Suva campus", "training_public", "FJ", level="local")
FJ_EMPLOYER = OrgSpec("Suva Food Processing (demo)", "employer", "FJ", level="local")
VU_INTERNAL = OrgSpec(
    "Ministry of Internal Affairs", "government_ministry", "VU", portfolio=("labour_employment", "migration_interior")
)
VU_PES = OrgSpec(
    "Vanuatu Employment Services Unit (demo)", "public_employment_service", "VU", portfolio=("labour_employment",)
)
VU_PROVINCE = OrgSpec("Sanma Provincial Government", "subnational_authority", "VU", level="regional")
VU_WORKERS = OrgSpec("Vanuatu Seasonal Workers' Association (demo)", "migrant_org", "VU")
PACIFIC_DIASPORA = OrgSpec("Pacific Islander Community Network Australia (demo)", "diaspora_org", "FJ")
FJ_HIGH_COMMISSION = OrgSpec(
    "Fiji High Commission Canberra (demo)", "embassy_consulate", "FJ", portfolio=("foreign_affairs_consular",)
)

N_MIGRANTS = 600
N_TRAINEES = 700


def partnership_data(today: date) -> dict:
    start = months_ago(today, 1)
    return {
        "summary": (
            f"{DEMO_NOTE} Fijian and ni-Vanuatu workers take seasonal farm jobs and multi-year meat-processing "
            "jobs in regional Australia; origin public TVET campuses train on a dual track to Australian "
            "standards, and graduates who stay work for local food processors."
        ),
        "form_of_engagement": "blma",
        "migration_types": ["seasonal", "circular", "temporary"],
        "start_date": start,
        "end_date": date(start.year + 4, start.month, 1),
        "donor_funded": False,
        "skill_levels": ["low", "mid"],
        "sectors": ["agriculture_agrifood"],
        "training_location": "origin",
        "flex_change_sector": True,
        "flex_change_skill_level": True,
        "flex_change_length_of_stay": True,
        "flexibility_provisions": ["change_sector", "change_mobility_option", "redirect_funds"],
        "contingency_budget_pct": Decimal("5.00"),
        "funding_sources": ["public_cod", "public_coo", "private_employer"],
        "target_groups": ["youth", "women"],
        "development_benefit": "Dual-track graduates who stay supply Fiji's food-processing firms.",
        "corridor_rationale": ["labour_shortage_match", "foreign_policy_ties"],
        "objective_coherence_reviewed_on": months_ago(today, 6),
        "climate_assessment": "Cyclones and drought hit Pacific farm incomes; heat affects Australian harvests. "
        "Training adds climate-smart farming modules for those who return.",
        "climate_assessment_on": months_ago(today, 6),
        "agreement_signed_on": months_ago(today, 1),
        "agreement_clauses": [
            "skills_development",
            "recognition",
            "rpl",
            "certification",
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
        ],
        "agreement_published": True,
        "security_clearance_required": False,
        "diaspora_engagement_planned": True,
        "diaspora_mapping_done_on": months_ago(today, 8),
        "matching_process": "Origin employment services keep a work-ready pool; approved employers select from it; "
        "the Australian department checks each offer against award wages.",
        "skills_transfer_measures": ["circularity_incentives", "mentoring", "diaspora_knowledge_transfer"],
        # Planted gap: a circular scheme with no return service at all (E4.R9, E6.R10).
        "return_services": [],
        "recognition_info_channels": ["pre_departure_session", "online_platform"],
        "recognition_info_languages": ["en", "bi"],
        "aspirations_study_on": months_ago(today, 9),
        "aspirations_methods": ["survey", "focus_groups"],
        "aspirations_by_gender": True,
        "gender_analysis_ex_ante_on": months_ago(today, 9),
        "gender_imbalances_found": True,
        "gender_action_plan": "Women's quota in meat-processing intakes; women-only accommodation options.",
        "inclusion_safeguards": [
            "maternity_protection",
            "harassment_gbv_prevention",
            "sogiesc_orientation",
            "gender_balanced_staffing",
        ],
        "fiscal_cooperation": ["double_taxation_agreement"],
        "pathway_mapping_done_on": months_ago(today, 7),
        "admission_review_trigger": "Either government may cap an occupation's intake after the annual labour-market "
        "review.",
        "cost_sharing_models": ["agreement_specified"],
        "cost_table_visibility": "all_participants",
        "public_subsidy_safeguards": ["open_access_training", "funder_rules_checked"],
        "planned_migrants_total": N_MIGRANTS,
        "planned_trainees_total": N_TRAINEES,
        "reporting_currency": "AUD",
        "recruitment_standards": ["ilo_fair_recruitment"],
    }


def build(b) -> None:
    year = b.year(-1)
    b.country("FJ", "origin", languages=("en", "fj"), rpl="pilot", regions=("Western Division", "Central Division"))
    b.country("VU", "origin", languages=("bi", "en", "fr"), rpl="pilot", lmis="partial", regions=("Sanma", "Tafea"))
    b.country("AU", "destination", languages=("en",))

    b.join(
        "au_dewr",
        AU_DEWR,
        side="destination",
        roles=("lead", "funder", "skills_matching"),
        joined="exploration",
        champion=True,
    )
    b.join("au_dfat", AU_DFAT, side="destination", roles=("co_lead", "funder"), joined="exploration")
    b.join("au_home", AU_HOME, side="destination", roles=("permit_authority",), joined="assessment", champion=True)
    b.join("au_post", AU_POST, side="destination", roles=("permit_authority",), joined="design")
    b.join("au_fairwork", AU_FAIRWORK, side="destination", roles=("support_service",), joined="design")
    b.join(
        "au_employers",
        AU_EMPLOYERS,
        side="destination",
        roles=("employer", "advisor"),
        joined="exploration",
        business_case="Members cannot fill harvest and processing shifts locally; returning workers need no "
        "re-training.",
    )
    b.join(
        "au_meat",
        AU_MEAT,
        side="destination",
        roles=("employer", "funder"),
        joined="design",
        business_case="120 processing jobs a year; multi-year stays keep trained staff.",
    )
    b.join(
        "au_farm",
        AU_FARM,
        side="destination",
        roles=("employer",),
        joined="design",
        business_case="Re-hiring the same seasonal workers saves induction time.",
    )
    b.join("au_union", AU_UNION, side="destination", roles=("advisor", "support_service"), joined="assessment")
    b.join("au_tafe", AU_TAFE, side="destination", roles=("training_provider",), joined="design")
    b.join("fj_employment", FJ_EMPLOYMENT, side="origin", roles=("co_lead",), joined="exploration", champion=True)
    b.join("fj_foreign", FJ_FOREIGN, side="origin", roles=("advisor",), joined="assessment")
    b.join("fj_education", FJ_EDUCATION, side="origin", roles=("advisor",), joined="assessment")
    b.join("fj_pes", FJ_PES, side="origin", roles=("recruiter", "skills_matching"), joined="assessment")
    b.join("fj_division", FJ_DIVISION, side="origin", roles=("support_service",), joined="design")
    b.join("fj_aptc", FJ_APTC, side="origin", roles=("training_provider",), joined="exploration")
    b.join(
        "fj_employer",
        FJ_EMPLOYER,
        side="origin",
        roles=("employer",),
        joined="design",
        business_case="Hires home-track graduates certified to the same standard.",
    )
    b.join("vu_internal", VU_INTERNAL, side="origin", roles=("co_lead",), joined="exploration")
    # Planted gap: low capacity, no capacity-building, no intermediary (E1.R9, E2.R10, E3.R9).
    b.join("vu_pes", VU_PES, side="origin", roles=("recruiter", "skills_matching"), joined="assessment", capacity="low")
    b.join("vu_province", VU_PROVINCE, side="origin", roles=("support_service",), joined="design")
    b.join("vu_workers", VU_WORKERS, side="origin", roles=("advisor", "support_service"), joined="assessment")
    b.join("diaspora", PACIFIC_DIASPORA, side="origin", roles=("advisor", "support_service"), joined="assessment")
    b.join("iom", IOM, side="", roles=("implementer",), joined="assessment")
    b.capacity("vu_internal", "lmis", "technical_assistance", description="Labour-mobility module in the LMIS.")

    tor = "Terms of reference in the agreement annex: membership, consensus decisions, yearly review."
    b.governance(
        "Joint labour mobility committee",
        "steering_committee",
        members=("au_dewr", "au_dfat", "fj_employment", "vu_internal", "au_employers", "au_union"),
        tor=tor,
        cycle="semiannual",
    )
    b.governance(
        "Country liaison team",
        "operational_committee",
        members=("fj_pes", "vu_pes", "au_dewr", "fj_aptc", "iom"),
        tor=tor,
        cycle="monthly",
        per_year=12,
    )

    o_path = b.objective(
        "test_new_pathway",
        "long",
        "Keep seasonal and multi-year routes open and fair for Pacific workers.",
        sdgs=("8.8",),
        gcms=(5, 6),
    )
    o_skill = b.objective(
        "joint_curricula",
        "mid",
        "Train to Australian standards in Pacific public TVET, for those who move and those who stay.",
        sdgs=("4.4",),
        gcms=(18,),
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
        baseline="0",
        target="600",
        points=("end_of_training",),
    )
    b.indicator(
        "Participants who took up the job abroad",
        code="migrants_deployed",
        category="economy",
        objective=o_path,
        sdg="8.8",
        baseline="0",
        target=str(N_MIGRANTS),
        points=("during_employment",),
    )
    b.indicator(
        "Home-track graduates employed within 12 months",
        code="stayers_employed_origin",
        category="economy",
        side="origin",
        baseline="0",
        target="80",
        points=("end_of_training",),
        follow_up=12,
    )
    b.indicator(
        "Average remittances sent per worker",
        code="remittances_sent",
        category="earnings_remittances",
        unit="AUD",
        baseline="0",
        target="6000",
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
        "Workers satisfied with the scheme",
        code="participant_satisfaction",
        category="satisfaction",
        measure="qualitative",
        baseline="Not measured yet",
        target="Most workers satisfied",
        points=("during_employment",),
    )

    producers = {"FJ": "fj_pes", "VU": "vu_internal", "AU": "au_dewr"}
    demand = b.demand_evidence(
        sectors=("agriculture_agrifood",), producer_by_country=producers, year=year, joint_country="FJ"
    )
    survey = b.evidence(
        "Horticulture and meat-processing labour needs survey",
        "employer_survey",
        sector="agriculture_agrifood",
        producer="au_employers",
        topics=("labour_demand", "skills_mismatch"),
        year=year,
        country="AU",
        disaggregation=("sex", "subnational"),
        occupations=("9211", "7511"),
    )
    b.evidence(
        "Regional agriculture workforce outlook",
        "forecast_model",
        sector="agriculture_agrifood",
        producer="au_dewr",
        topics=("labour_demand",),
        year=year,
        horizon=5,
        country="AU",
    )
    b.data_needs(
        owner="iom",
        evidence=[survey],
        gaps={"sector.7": "A remittance module is added to the first worker survey; IOM designs it."},
    )
    b.evidence_review(
        months_ago=6,
        participants=("au_dewr", "fj_employment", "vu_internal", "au_employers", "au_union"),
        evidence=[survey, *demand.values()],
        conclusions="Seasonal demand is stable; processing demand grows; origin pools are large.",
    )
    b.data_sharing(
        "online_platform",
        parties=("au_dewr", "fj_pes", "vu_pes", "au_employers"),
        data_types=("skills_needs", "vacancies"),
    )
    b.linked_initiative("private_sector_development", "Fiji agro-processing investment programme", country="FJ")
    b.linked_initiative("green_transition", "Vanuatu climate-resilient agriculture programme", country="VU")
    b.business_linkage("supplier_contract", destination_org="au_meat", origin_org="fj_employer", status="planned")

    b.occupation(
        "9211",
        places=300,
        certification="Pre-departure farm-safety certificate",
        validators=("au_farm", "au_employers"),
    )
    b.occupation("7511", places=120, certification="Certificate III in Meat Processing", validators=("au_meat",))
    for code in ("9211", "7511"):
        for origin in ("FJ", "VU"):
            b.origin_profile(
                code, origin, status="surplus", evidence=demand[(origin, "agriculture_agrifood")], nqf_level="3"
            )
        b.destination_profile(code, "AU", route="employer_assessment", weeks=None, nqf_level="3")
    b.recognition(
        "Recognition of prior learning for experienced processing workers",
        "rpl",
        occupations=("7511",),
        countries=("FJ", "VU", "AU"),
        responsible=("fj_aptc", "au_tafe"),
        payers=("gov_destination",),
        legal_basis="Agreement annex on skills, article 3.",
    )
    aptc = b.training(
        "Certificate III in Meat Processing (dual track)",
        occupations=("7511",),
        provider="fj_aptc",
        accreditation_body=AU_ASQA,
        certificate="Certificate III in Meat Processing",
        recognised_in=("FJ", "VU", "AU"),
        codesigned_by=("au_meat", "vu_workers"),
        modules=("technical", "soft_skills", "rights_information", "financial_literacy"),
        language_level="",
        components=("curriculum_upgrade", "equipment_infrastructure", "trainer_training", "open_enrolment"),
        places_total=700,
        places_migration=150,
    )
    b.training(
        "Seasonal work pre-departure course",
        occupations=("9211",),
        provider="fj_aptc",
        accreditation_body=AU_ASQA,
        track="migration",
        mode="orientation",
        certificate="Farm-safety and orientation certificate",
        recognised_in=("FJ", "VU", "AU"),
        codesigned_by=("au_farm", "vu_workers"),
        modules=("technical", "soft_skills", "rights_information", "safe_migration"),
        language_level="",
        places_total=400,
        places_migration=400,
    )
    b.training(
        "On-the-job skills coaching",
        occupations=("9211", "7511"),
        provider="au_tafe",
        accreditation_body=AU_ASQA,
        track="migration",
        location="destination",
        mode="adaptation_upskilling",
        stage="in_employment",
        audience="migrant_workers",
        certificate="Statement of attainment",
        recognised_in=("FJ", "VU", "AU"),
        codesigned_by=("au_employers", "diaspora"),
        modules=("technical", "soft_skills", "rights_information"),
        language_level="",
    )
    b.training(
        "Supervising Pacific workers",
        occupations=(),
        provider="au_tafe",
        accreditation_body=AU_ASQA,
        track="",
        location="destination",
        mode="orientation",
        stage="in_employment",
        audience="employers_managers",
        certificate="Attendance certificate",
        modules=("intercultural",),
        language_level="",
    )
    b.documentation_tool("skills_passport", "Pacific skills passport", languages=("en", "bi", "fj"))

    seasonal = b.pathway(
        "PALM short-term visa (seasonal work)",
        "seasonal_work",
        destination="AU",
        origins=("FJ", "VU"),
        occupations=("9211",),
        max_stay_months=9,
        route_to_permanent_residence=False,
        convertible_to="temporary_work_visa",
        family_reunification=False,
    )
    long_term = b.pathway(
        "PALM long-term visa",
        "temporary_work_visa",
        destination="AU",
        origins=("FJ", "VU"),
        occupations=("7511",),
        max_stay_months=48,
        route_to_permanent_residence=False,
        convertible_to="residence_permit_work",
        family_waiting_months=12,
    )
    for pathway in (seasonal, long_term):
        # Planted gap: nothing is mapped for the return phase (E7.R2).
        b.journey(
            pathway, recruiter="fj_pes", permit_office="au_home", arrival_support="au_fairwork", return_support=None
        )

    # Planted gap: no provision for the return phase at all (E6.R10, E7.R7).
    b.social_package(
        origin_support="vu_workers",
        destination_support="au_fairwork",
        languages=("en", "bi", "fj", "fr"),
        with_return=False,
    )
    b.social_protection("AU")
    b.grievance(
        "destination", "labour_inspectorate", country="AU", operator="au_fairwork", languages=("en", "bi", "fj")
    )
    b.grievance("destination", "consular_service", country="AU", operator=FJ_HIGH_COMMISSION, languages=("en", "fj"))
    b.grievance("origin", "migrant_resource_centre", operator="vu_workers", languages=("bi", "en"))

    dfat = {"payer": "gov_destination", "organisation": "au_dfat"}
    dewr = {"payer": "gov_destination", "organisation": "au_dewr"}
    b.cost(
        "project_implementation",
        "partnership_meetings",
        250000,
        "AUD",
        shares=[
            {**dfat, "percent": "80"},
            {"payer": "gov_origin", "organisation": "fj_employment", "percent": "20", "instrument": "in_kind"},
        ],
    )
    b.cost("project_implementation", "human_resources", 400000, "AUD", shares=[{**dewr, "percent": "100"}])
    b.cost(
        "project_implementation",
        "systems_investment",
        300000,
        "AUD",
        country="FJ",
        shares=[{**dfat, "percent": "70"}, {"payer": "gov_origin", "organisation": "fj_employment", "percent": "30"}],
    )
    b.cost(
        "project_implementation",
        "migrant_support_services",
        700,
        "AUD",
        shares=[{"payer": "employer", "organisation": "au_employers", "percent": "100", "timing": "on_arrival"}],
    )
    b.cost(
        "pre_selection",
        "candidate_screening",
        200,
        "AUD",
        shares=[{"payer": "employer", "organisation": "au_employers", "percent": "100", "timing": "on_visa_grant"}],
    )
    b.cost(
        "pre_selection",
        "information_orientation",
        15000,
        "VUV",
        basis="per_migrant",
        shares=[
            {"payer": "gov_origin", "organisation": "vu_internal", "percent": "50"},
            {"payer": "employer", "organisation": "au_employers", "percent": "50", "timing": "on_visa_grant"},
        ],
    )
    b.cost(
        "training",
        "training_delivery",
        1500,
        "FJD",
        country="FJ",
        linked_training=aptc,
        shares=[
            {**dfat, "percent": "70"},
            {"payer": "employer", "organisation": "au_meat", "percent": "30", "timing": "after_placement"},
        ],
    )
    b.cost(
        "travel",
        "transport",
        1200,
        "AUD",
        shares=[{"payer": "employer", "organisation": "au_employers", "percent": "100", "timing": "on_arrival"}],
    )
    b.cost(
        "travel",
        "visa_immigration",
        330,
        "AUD",
        shares=[{"payer": "gov_destination", "organisation": "au_home", "percent": "100", "instrument": "fee_waiver"}],
    )
    b.cost("monitoring_evaluation", "external_evaluation", 120000, "AUD", shares=[{**dewr, "percent": "100"}])
    b.sustainability_plan(
        follow_on="The agreement renews every four years after a joint review.",
        mechanisms=["employer_share_growth", "existing_structures"],
        target_public_share_pct=Decimal("35.00"),
        target_year=b.year(4),
    )
    b.feasibility_study(
        started_on=b.ago(12),
        completed_on=b.ago(8),
        predecessor_schemes_reviewed="Reviews of earlier Pacific seasonal and labour schemes.",
        scope=["objectives", "legal", "institutional", "costs", "labour_market"],
    )

    recruiters = {
        "FJ": b.public_recruiter(
            "fj_pes",
            basis="The National Employment Centre places workers abroad under the "
            "Employment Relations Act without a licence.",
            monitoring_body="fj_employment",
        ),
        "VU": b.public_recruiter(
            "vu_pes", basis="Government labour-sending unit; no licence required.", monitoring_body="vu_internal"
        ),
    }
    for origin in ("FJ", "VU"):
        b.arrangement(
            origin,
            "AU",
            channel="public_employment_service",
            recruiters=[recruiters[origin]],
            occupations=("9211", "7511"),
            monitoring_body=AU_FAIRWORK,
        )


DEMO = DemoSpec(
    key="pacific_australia",
    name=NAME,
    modelled_on="Pacific Australia Labour Mobility (PALM) and the Australia Pacific Training Coalition "
    "(SMP-DOMAIN §10.18; not in the seeds)",
    corridor="FJ, VU → AU",
    stage="agreement",
    completeness="medium",
    gaps=(
        PlantedGap(
            "A seasonal and circular scheme with no return or reintegration support: no return service, no "
            "return-phase provision, no return step, course or budget line.",
            fails=("E4.R9", "E6.R10"),
            warns=("E7.R7", "E7.R2", "E5.R13", "E8.R1"),
        ),
        PlantedGap(
            "The Vanuatu employment service, which recruits and matches, has low capacity and neither "
            "capacity-building nor an intermediary covers it.",
            warns=("E1.R9", "E2.R10", "E3.R9"),
        ),
    ),
    partnership_data=partnership_data,
    build=build,
    rates=(("FJD", "AUD", "0.66"), ("VUV", "AUD", "0.0125")),
    notes="PALM and APTC are not in the seed documents: every fact is demo data.",
)
