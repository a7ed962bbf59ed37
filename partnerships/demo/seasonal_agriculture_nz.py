"""Demo: seasonal horticulture partnership Tonga and Vanuatu → New Zealand, modelled on the Recognised Seasonal
Employer scheme (SMP-DOMAIN §10.12).

Stage ``implementation``; medium completeness. Strong monitoring — indicators followed before departure, during
the season and after return, in the spirit of the longitudinal household study of G B14 — and a full return
package, but three planted gaps (docs/demo-data.md):

* workers recruited in Vanuatu pay the private agency a placement fee, often with a bank loan (R.3 FAIL, a
  blocking red flag; R.4 and R.6 WARN);
* the seasonal visa ties workers to one employer, with no right to change and no safeguard (E7.R5 FAIL;
  R.11 WARN);
* the visa allows a single entry and family visits are not facilitated (E6.R8 and E7.R7 WARN).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from partnerships.demo.builders import OrgSpec, months_ago
from partnerships.demo.shared import DEMO_NOTE, DemoSpec, PlantedGap

NAME = "Pacific–New Zealand seasonal horticulture partnership (demo, modelled on the RSE scheme)"

NZ_MBIE = OrgSpec(
    "Ministry of Business, Innovation and Employment",
    "government_ministry",
    "NZ",
    portfolio=("labour_employment", "economy_trade"),
)
NZ_INZ = OrgSpec("Immigration New Zealand", "government_agency", "NZ", portfolio=("migration_interior",))
NZ_MFAT = OrgSpec(
    "Ministry of Foreign Affairs and Trade", "government_ministry", "NZ", portfolio=("foreign_affairs_consular",)
)
NZ_POST = OrgSpec(
    "New Zealand High Commission Nuku'alofa", "embassy_consulate", "NZ", portfolio=("foreign_affairs_consular",)
)
NZ_INSPECTORATE = OrgSpec(
    "Labour Inspectorate (New Zealand)", "government_agency", "NZ", portfolio=("labour_employment",)
)
NZ_NZQA = OrgSpec(
    "New Zealand Qualifications Authority", "government_agency", "NZ", portfolio=("education_tvet_skills",)
)
NZ_GROWERS = OrgSpec("Horticulture Employers' Council (demo)", "employer_org", "NZ")
NZ_ORCHARD = OrgSpec("Bay of Plenty Orchards (demo)", "employer", "NZ", level="regional")
NZ_VINEYARD = OrgSpec("Marlborough Vineyards (demo)", "employer", "NZ", level="regional")
NZ_UNION = OrgSpec("Orchard and Vineyard Workers' Union (demo)", "workers_org", "NZ")
NZ_POLYTECH = OrgSpec("Regional Public Polytechnic (demo)", "training_public", "NZ", level="regional")
TO_INTERNAL = OrgSpec("Ministry of Internal Affairs", "government_ministry", "TO", portfolio=("labour_employment",))
TO_FOREIGN = OrgSpec(
    "Ministry of Foreign Affairs", "government_ministry", "TO", portfolio=("foreign_affairs_consular",)
)
TO_EDUCATION = OrgSpec(
    "Ministry of Education and Training", "government_ministry", "TO", portfolio=("education_tvet_skills",)
)
TO_PES = OrgSpec(
    "Employment Division of the Ministry of Internal Affairs (Tonga)",
    "public_employment_service",
    "TO",
    portfolio=("labour_employment",),
)
TO_ISLANDS = OrgSpec("Vava'u Governor's Office", "subnational_authority", "TO", level="regional")
TO_SCHOOL = OrgSpec("Nuku'alofa Public Horticulture Training Centre (demo)", "training_public", "TO", level="local")
TO_EMPLOYER = OrgSpec("Tongatapu Farm Cooperative (demo)", "employer", "TO", level="local")
TO_NGO = OrgSpec("Tonga Returning Workers' Support Network (demo)", "ngo_cso", "TO")
TO_DIASPORA = OrgSpec("Tongan Community Trust Auckland (demo)", "diaspora_org", "TO")
VU_INTERNAL = OrgSpec(
    "Ministry of Internal Affairs", "government_ministry", "VU", portfolio=("labour_employment", "migration_interior")
)
VU_LABOUR_DEPT = OrgSpec(
    "Department of Labour and Employment Services", "government_agency", "VU", portfolio=("labour_employment",)
)
VU_AGENCY = OrgSpec("Port Vila Labour Hire (demo)", "recruiter_private", "VU", level="local")
VU_REGION = OrgSpec("Shefa Provincial Government", "subnational_authority", "VU", level="regional")
TO_HIGH_COMMISSION = OrgSpec(
    "Tonga High Commission Wellington (demo)", "embassy_consulate", "TO", portfolio=("foreign_affairs_consular",)
)

N_MIGRANTS = 800
N_TRAINEES = 900


def partnership_data(today: date) -> dict:
    start = months_ago(today, 30)
    return {
        "summary": (
            f"{DEMO_NOTE} Tongan and ni-Vanuatu workers come each season to pick and prune in New Zealand "
            "orchards and vineyards, and go home between seasons. Households are followed before departure, during "
            "the season and for two years after return."
        ),
        "form_of_engagement": "inter_agency",
        "migration_types": ["seasonal", "circular"],
        "start_date": start,
        "end_date": date(start.year + 5, start.month, 1),
        "donor_funded": False,
        "skill_levels": ["low", "mid"],
        "sectors": ["agriculture_agrifood"],
        "training_location": "both",
        "flex_change_sector": False,
        "flex_change_skill_level": True,
        "flex_change_length_of_stay": False,
        "flexibility_provisions": ["change_mobility_option", "redirect_funds"],
        "contingency_budget_pct": Decimal("4.00"),
        "funding_sources": ["public_cod", "public_coo", "private_employer"],
        "target_groups": ["youth", "women"],
        "development_benefit": "Returning workers invest earnings in farms and small firms at home.",
        "corridor_rationale": ["labour_shortage_match", "foreign_policy_ties", "cultural_links"],
        "objective_coherence_reviewed_on": months_ago(today, 33),
        "climate_assessment": "Harvest timing shifts with warmer seasons; returning workers learn climate-smart "
        "practices for cyclone-exposed home farms.",
        "climate_assessment_on": months_ago(today, 33),
        "agreement_signed_on": months_ago(today, 31),
        "agreement_clauses": [
            "skills_development",
            "recognition",
            "certification",
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
            "grievance_remedy",
        ],
        "agreement_published": True,
        "security_clearance_required": False,
        "diaspora_engagement_planned": True,
        "diaspora_mapping_done_on": months_ago(today, 34),
        "matching_process": "Village selection committees nominate work-ready candidates; the origin employment "
        "unit or the licensed agency matches them with employers' requests each season.",
        "skills_transfer_measures": ["circularity_incentives", "return_incentives", "destination_training_for_origin"],
        "return_services": [
            "return_job_matching",
            "return_skills_recognition",
            "pre_return_orientation",
            "financial_products",
            "entrepreneurship_support",
        ],
        "recognition_info_channels": ["pre_departure_session"],
        "recognition_info_languages": ["to", "bi", "en"],
        "aspirations_study_on": months_ago(today, 34),
        "aspirations_methods": ["survey", "focus_groups"],
        "aspirations_by_gender": True,
        "gender_analysis_ex_ante_on": months_ago(today, 34),
        "gender_imbalances_found": True,
        "gender_action_plan": "Recruit women crews for packhouses; women's accommodation and liaison officers.",
        "inclusion_safeguards": [
            "maternity_protection",
            "harassment_gbv_prevention",
            "sogiesc_safe_referrals",
            "gender_balanced_staffing",
        ],
        "fiscal_cooperation": ["double_taxation_agreement", "simplified_registration"],
        "return_entitlements_guaranteed": True,
        "pathway_mapping_done_on": months_ago(today, 33),
        "admission_review_trigger": "The yearly cap is reviewed with each origin government before the season.",
        "cost_sharing_models": ["agreement_specified"],
        "cost_table_visibility": "all_participants",
        "planned_migrants_total": N_MIGRANTS,
        "planned_trainees_total": N_TRAINEES,
        "reporting_currency": "NZD",
        "recruitment_standards": ["ilo_fair_recruitment", "national_code"],
    }


def build(b) -> None:
    year = b.year(-1)
    b.country("TO", "origin", languages=("to", "en"), rpl="pilot", regions=("Tongatapu", "Vava'u"))
    b.country("VU", "origin", languages=("bi", "en", "fr"), rpl="pilot", regions=("Shefa", "Tafea"))
    b.country("NZ", "destination", languages=("en", "mi"))

    b.join(
        "nz_mbie",
        NZ_MBIE,
        side="destination",
        roles=("lead", "funder", "skills_matching"),
        joined="exploration",
        champion=True,
    )
    b.join("nz_inz", NZ_INZ, side="destination", roles=("permit_authority",), joined="exploration", champion=True)
    b.join("nz_mfat", NZ_MFAT, side="destination", roles=("funder", "advisor"), joined="exploration")
    b.join("nz_post", NZ_POST, side="destination", roles=("permit_authority",), joined="design")
    b.join("nz_inspectorate", NZ_INSPECTORATE, side="destination", roles=("support_service",), joined="design")
    b.join(
        "nz_growers",
        NZ_GROWERS,
        side="destination",
        roles=("employer", "advisor"),
        joined="exploration",
        business_case="Growers cannot staff harvests locally; returning workers are productive from day one.",
    )
    b.join(
        "nz_orchard",
        NZ_ORCHARD,
        side="destination",
        roles=("employer",),
        joined="design",
        business_case="Re-hiring 80 trained pickers each season.",
    )
    b.join(
        "nz_vineyard",
        NZ_VINEYARD,
        side="destination",
        roles=("employer",),
        joined="design",
        business_case="Pruning crews return each winter; training costs fall each year.",
    )
    b.join("nz_union", NZ_UNION, side="destination", roles=("advisor", "support_service"), joined="assessment")
    b.join("nz_polytech", NZ_POLYTECH, side="destination", roles=("training_provider",), joined="design")
    b.join("to_internal", TO_INTERNAL, side="origin", roles=("co_lead",), joined="exploration", champion=True)
    b.join("to_foreign", TO_FOREIGN, side="origin", roles=("advisor",), joined="assessment")
    b.join("to_education", TO_EDUCATION, side="origin", roles=("advisor",), joined="assessment")
    b.join(
        "to_pes", TO_PES, side="origin", roles=("recruiter", "skills_matching", "reintegration"), joined="exploration"
    )
    b.join("to_islands", TO_ISLANDS, side="origin", roles=("support_service",), joined="design")
    b.join("to_school", TO_SCHOOL, side="origin", roles=("training_provider",), joined="design")
    b.join(
        "to_employer",
        TO_EMPLOYER,
        side="origin",
        roles=("employer",),
        joined="design",
        business_case="Employs home-track graduates and returning workers.",
    )
    b.join("to_ngo", TO_NGO, side="origin", roles=("support_service",), joined="assessment")
    b.join("to_diaspora", TO_DIASPORA, side="origin", roles=("advisor", "support_service"), joined="assessment")
    b.join("vu_internal", VU_INTERNAL, side="origin", roles=("co_lead",), joined="exploration")
    b.join("vu_agency", VU_AGENCY, side="origin", roles=("recruiter",), joined="design")
    b.join("vu_region", VU_REGION, side="origin", roles=("support_service",), joined="design")

    tor = "Inter-agency understanding with each origin government: roles, seasonal cap, annual joint review."
    b.governance(
        "Seasonal employment steering committee",
        "steering_committee",
        members=("nz_mbie", "nz_mfat", "to_internal", "vu_internal", "nz_growers", "nz_union"),
        tor=tor,
        cycle="annual",
        per_year=2,
    )
    b.governance(
        "Season operations team",
        "operational_committee",
        members=("nz_mbie", "to_pes", "vu_agency", "nz_growers", "to_school"),
        tor=tor,
        cycle="monthly",
        per_year=12,
    )

    o_work = b.objective(
        "employer_recruitment",
        "long",
        "Give growers a reliable seasonal workforce under decent conditions.",
        sdgs=("8.8",),
        gcms=(5, 6),
    )
    o_dev = b.objective(
        "sustainable_development",
        "long",
        "Raise household income and skills in the origin communities.",
        sdgs=("10.7", "4.4"),
        gcms=(19, 20),
    )
    follow = ("before_training", "during_employment", "after_return")
    deployed = str(N_MIGRANTS * 35 // 100)
    b.indicator(
        "Workers trained before departure",
        code="trainees_enrolled",
        category="skills",
        objective=o_dev,
        sdg="4.4",
        baseline="0",
        target=str(N_TRAINEES),
        points=("before_training", "end_of_training"),
    )
    b.indicator(
        "Workers certified in horticulture",
        code="trainees_certified",
        category="skills",
        baseline="0",
        target="700",
        points=("end_of_training", "after_return"),
    )
    b.indicator(
        "Participants who took up the job abroad",
        code="migrants_deployed",
        category="economy",
        objective=o_work,
        sdg="8.8",
        baseline="0",
        target=str(N_MIGRANTS),
        points=("during_employment",),
        values=(("during_employment", date(year, 12, 31), deployed),),
    )
    b.indicator(
        "Household income after return",
        code="earnings_change",
        category="earnings_remittances",
        objective=o_dev,
        gcm=20,
        unit="%",
        baseline="0",
        target="40",
        points=follow,
        follow_up=24,
        disaggregation=("sex", "subnational"),
    )
    b.indicator(
        "Average remittances sent per worker",
        code="remittances_sent",
        category="earnings_remittances",
        unit="NZD",
        baseline="0",
        target="5000",
        points=follow,
        follow_up=24,
    )
    b.indicator(
        "Returnees employed or self-employed 12 months after return",
        code="returnees_employed",
        category="economy",
        side="origin",
        baseline="0",
        target="60",
        unit="%",
        points=("after_return",),
        follow_up=12,
    )
    b.indicator(
        "Recruitment costs borne by workers (months of wages)",
        code="worker_paid_recruitment_costs",
        category="earnings_remittances",
        direction="decrease",
        unit="months",
        baseline="0.5",
        target="0",
        points=("during_employment",),
    )
    b.indicator(
        "Household well-being",
        code="participant_satisfaction",
        category="satisfaction",
        measure="qualitative",
        baseline="Baseline survey before first season",
        target="Better well-being two years after return",
        points=follow,
        follow_up=24,
    )
    b.indicator(
        "Employers satisfied and willing to rehire",
        code="employer_satisfaction",
        category="satisfaction",
        measure="qualitative",
        baseline="No baseline",
        target="Most employers rehire",
        points=("during_employment",),
    )

    producers = {"TO": "to_pes", "VU": "vu_internal", "NZ": "nz_mbie"}
    demand = b.demand_evidence(
        sectors=("agriculture_agrifood",), producer_by_country=producers, year=year, joint_country="TO"
    )
    survey = b.evidence(
        "Seasonal labour needs survey of growers",
        "employer_survey",
        sector="agriculture_agrifood",
        producer="nz_growers",
        topics=("labour_demand", "skills_mismatch"),
        year=year,
        country="NZ",
        disaggregation=("sex", "subnational"),
        occupations=("9211", "6112"),
    )
    b.evidence(
        "Horticulture labour demand projection",
        "forecast_model",
        sector="agriculture_agrifood",
        producer="nz_mbie",
        topics=("labour_demand",),
        year=year,
        horizon=5,
        country="NZ",
    )
    b.evidence(
        "Longitudinal study of participating households",
        "tracer_study",
        sector="agriculture_agrifood",
        producer="nz_mfat",
        topics=("outcomes",),
        year=year,
        disaggregation=("sex", "subnational"),
    )
    b.data_needs(owner="nz_mbie", evidence=[survey])
    b.evidence_review(
        months_ago=33,
        participants=("nz_mbie", "to_internal", "vu_internal", "nz_growers", "nz_union"),
        evidence=[survey, *demand.values()],
        conclusions="Seasonal demand is stable; rural underemployment in both origins.",
    )
    b.data_sharing(
        "sector_working_group",
        parties=("nz_mbie", "to_pes", "nz_growers", "to_internal"),
        data_types=("skills_needs", "vacancies", "participant_outcomes"),
    )
    b.linked_initiative("local_development_plan", "Outer-island agriculture development plan", country="TO")
    b.linked_initiative("green_transition", "Climate-resilient farming programme", country="VU")
    b.business_linkage("market_information", destination_org="nz_growers", origin_org="to_employer", jobs=10)

    b.occupation(
        "9211",
        places=500,
        certification="Pre-departure horticulture and safety certificate",
        validators=("nz_growers", "nz_orchard"),
    )
    b.occupation("6112", places=150, certification="Pruning skills certificate", validators=("nz_vineyard",))
    for code in ("9211", "6112"):
        for origin in ("TO", "VU"):
            b.origin_profile(
                code,
                origin,
                status="surplus",
                evidence=demand[(origin, "agriculture_agrifood")],
                nqf_level="2",
                safeguards=("circularity_incentives", "skills_transfer"),
            )
        b.destination_profile(code, "NZ", route="employer_assessment", weeks=None, nqf_level="2")
    b.training(
        "Pre-departure horticulture and orientation course",
        occupations=("9211", "6112"),
        provider="to_school",
        accreditation_body="to_education",
        track="migration",
        mode="orientation",
        certificate="Horticulture and safety certificate",
        recognised_in=("TO", "VU", "NZ"),
        codesigned_by=("nz_growers", "to_diaspora"),
        modules=("technical", "soft_skills", "rights_information", "financial_literacy", "safe_migration"),
        language_level="",
        places_total=N_MIGRANTS,
        places_migration=N_MIGRANTS,
    )
    b.training(
        "Horticulture certificate (home and abroad)",
        occupations=("6112",),
        provider="to_school",
        accreditation_body="to_education",
        certificate="National certificate in horticulture, level 2",
        recognised_in=("TO", "VU", "NZ"),
        codesigned_by=("nz_vineyard", "to_diaspora"),
        modules=("technical", "soft_skills", "rights_information", "green_skills"),
        language_level="",
        components=("curriculum_upgrade", "equipment_infrastructure", "open_enrolment"),
        places_total=900,
        places_migration=100,
    )
    b.training(
        "In-season skills coaching",
        occupations=("9211", "6112"),
        provider="nz_polytech",
        accreditation_body=NZ_NZQA,
        track="migration",
        location="destination",
        mode="adaptation_upskilling",
        stage="in_employment",
        audience="migrant_workers",
        certificate="Micro-credential in orchard skills",
        recognised_in=("TO", "VU", "NZ"),
        codesigned_by=("nz_orchard", "nz_union"),
        modules=("technical", "soft_skills", "rights_information"),
        language_level="",
    )
    b.training(
        "Leading Pacific seasonal crews",
        occupations=(),
        provider="nz_polytech",
        accreditation_body=NZ_NZQA,
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
        "Return: farm business and savings course",
        occupations=(),
        provider="to_school",
        accreditation_body="to_education",
        track="stay",
        mode="other",
        stage="return",
        audience="migrant_workers",
        certificate="Farm business certificate",
        modules=("financial_literacy", "soft_skills"),
        language_level="",
        places_total=200,
        places_migration=0,
    )
    b.documentation_tool("skills_card", "Seasonal worker skills card", languages=("to", "bi", "en"))
    b.evaluation(
        "longitudinal",
        follow_up_months=24,
        summary="Household panel followed from before departure to two years after the last season.",
    )

    seasonal = b.pathway(
        "Recognised Seasonal Employer limited visa",
        "seasonal_work",
        destination="NZ",
        origins=("TO", "VU"),
        occupations=("9211", "6112"),
        max_stay_months=7,
        renewable=True,
        route_to_permanent_residence=False,
        quota=True,
        quota_per_year=19000,
        # Planted gaps: tied to one employer with no way out (E7.R5, R.11); single entry and no family visits
        # (E6.R8, E7.R7).
        employer_tied="single_employer",
        change_of_employer_allowed=False,
        tied_safeguards=[],
        multiple_entry=False,
        family_visits_facilitated=False,
        family_reunification=False,
    )
    b.journey(
        seasonal, recruiter="to_pes", permit_office="nz_inz", arrival_support="nz_inspectorate", return_support="to_pes"
    )

    languages = ("to", "en", "bi", "fr")
    b.social_package(origin_support="to_ngo", destination_support="nz_inspectorate", languages=languages)
    b.social_protection("NZ")
    b.grievance("destination", "labour_inspectorate", country="NZ", operator="nz_inspectorate", languages=languages)
    b.grievance("destination", "consular_service", country="NZ", operator=TO_HIGH_COMMISSION, languages=("to", "en"))
    b.grievance("origin", "migrant_resource_centre", operator="to_ngo", languages=languages)

    third = Decimal("0.3")

    def actual(amount, quantity):
        return (Decimal(str(amount)) * quantity * third).quantize(Decimal("0.01"))

    mfat = {"payer": "gov_destination", "organisation": "nz_mfat"}
    growers = {"payer": "employer", "organisation": "nz_growers", "timing": "on_arrival"}
    b.cost(
        "project_implementation",
        "partnership_meetings",
        150000,
        "NZD",
        year=year,
        actual_amount=actual(150000, 1),
        shares=[
            {**mfat, "percent": "70"},
            {"payer": "gov_origin", "organisation": "to_internal", "percent": "30", "instrument": "in_kind"},
        ],
    )
    b.cost(
        "project_implementation",
        "human_resources",
        200000,
        "NZD",
        year=year,
        actual_amount=actual(200000, 1),
        shares=[{"payer": "gov_destination", "organisation": "nz_mbie", "percent": "100"}],
    )
    b.cost(
        "project_implementation",
        "migrant_support_services",
        900,
        "NZD",
        year=year,
        actual_amount=actual(900, N_MIGRANTS),
        shares=[{**growers, "percent": "100"}],
    )
    b.cost(
        "project_implementation",
        "return_reintegration",
        150,
        "NZD",
        year=year,
        actual_amount=actual(150, N_MIGRANTS),
        shares=[{"payer": "gov_origin", "organisation": "to_internal", "percent": "50"}, {**mfat, "percent": "50"}],
    )
    b.cost(
        "pre_selection",
        "candidate_screening",
        120,
        "NZD",
        year=year,
        actual_amount=actual(120, N_MIGRANTS),
        shares=[{**growers, "percent": "100", "timing": "on_visa_grant"}],
    )
    b.cost(
        "training",
        "training_delivery",
        300,
        "TOP",
        country="TO",
        year=year,
        actual_amount=actual(300, N_TRAINEES),
        shares=[{**mfat, "percent": "60"}, {**growers, "percent": "40", "timing": "after_placement"}],
    )
    b.cost(
        "travel",
        "transport",
        1100,
        "NZD",
        year=year,
        actual_amount=actual(1100, N_MIGRANTS),
        shares=[{**growers, "percent": "100"}],
    )
    b.cost(
        "travel",
        "visa_immigration",
        315,
        "NZD",
        year=year,
        actual_amount=actual(315, N_MIGRANTS),
        shares=[{**growers, "percent": "100", "timing": "on_visa_grant"}],
    )
    b.cost(
        "monitoring_evaluation",
        "external_evaluation",
        180000,
        "NZD",
        year=year,
        actual_amount=actual(180000, 1),
        shares=[{**mfat, "percent": "100"}],
    )
    b.cost(
        "monitoring_evaluation",
        "feedback_collection",
        60000,
        "NZD",
        year=year,
        actual_amount=actual(60000, 1),
        shares=[{"payer": "gov_destination", "organisation": "nz_mbie", "percent": "100"}],
    )
    b.cost_benefit(
        "wider_economic",
        perspective="Origin households and New Zealand horticulture",
        scenarios="With and without the scheme; compared with uncapped agency hiring.",
        benefit_cost_ratio=Decimal("2.10"),
        break_even=str(b.year(-2)),
        alternatives_compared=True,
        outcome_unit="migrant_placed",
        price_per_outcome=Decimal("1900.00"),
        price_currency="NZD",
        completed_on=b.ago(10),
    )
    b.sustainability_plan(
        follow_on="The scheme is a standing policy; the cap is reviewed every year.",
        mechanisms=["employer_share_growth", "existing_structures"],
        mechanisms_tested=["employer_share_growth"],
        target_public_share_pct=Decimal("25.00"),
        target_year=b.year(3),
    )
    b.feasibility_study(
        started_on=b.ago(40),
        completed_on=b.ago(35),
        predecessor_schemes_reviewed="Evaluations of earlier Pacific seasonal work pilots.",
        scope=["objectives", "legal", "institutional", "costs", "labour_market"],
    )

    to_pes = b.public_recruiter(
        "to_pes",
        basis="Government labour-sending unit under the Employment Act; no licence required.",
        monitoring_body="to_internal",
    )
    agency = b.recruiter(
        "vu_agency",
        licence_number="VU-LH-0142",
        licensing_authority=VU_LABOUR_DEPT,
        licence_country="VU",
        licence_expiry=b.ahead(20),
        licence_exempt=False,
        iris_status="in_certification",
        iris_checked_on=b.ago(3),
        monitoring_body=VU_LABOUR_DEPT,
        payment_model="per_placement",
        compliance_incentive=True,
    )
    b.arrangement(
        "TO",
        "NZ",
        channel="public_employment_service",
        recruiters=[to_pes],
        occupations=("9211", "6112"),
        monitoring_body="nz_inspectorate",
    )
    # Planted gap: the agency charges workers a placement fee, financed by bank loans (R.3, R.4).
    b.arrangement(
        "VU",
        "NZ",
        channel="private_agency",
        recruiters=[agency],
        occupations=("9211", "6112"),
        monitoring_body=VU_LABOUR_DEPT,
        fees_charged_to_workers=Decimal("25000"),
        fees_currency="VUV",
        worker_financing="regulated_bank_loan",
    )


DEMO = DemoSpec(
    key="seasonal_agriculture_nz",
    name=NAME,
    modelled_on="New Zealand's Recognised Seasonal Employer (RSE) scheme (SMP-DOMAIN §10.12)",
    corridor="TO, VU → NZ",
    stage="implementation",
    completeness="medium",
    gaps=(
        PlantedGap(
            "Workers recruited in Vanuatu pay the licensed private agency a placement fee of 25,000 VUV, often "
            "with a bank loan; the agency is not yet IRIS-certified.",
            fails=("R.3",),
            warns=("R.4", "R.6"),
        ),
        PlantedGap(
            "The seasonal visa ties workers to one employer, with no right to change and no safeguard.",
            fails=("E7.R5",),
            warns=("R.11",),
        ),
        PlantedGap(
            "The visa allows a single entry, and family visits are not facilitated.",
            warns=("E6.R8", "E7.R7"),
        ),
    ),
    partnership_data=partnership_data,
    build=build,
    rates=(("TOP", "NZD", "0.70"), ("VUV", "NZD", "0.014")),
)
