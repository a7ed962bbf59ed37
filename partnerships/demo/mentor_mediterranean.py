"""Demo: Mediterranean city network for traineeships, modelled on MENTOR II (SMP-DOMAIN §10.4).

Morocco and Tunisia → Italy; stage ``setup``; medium completeness. Cities and regions lead a territorial,
city-to-city partnership; young people train in a Tangier hotel school and do traineeships in Turin.

Its cost table *is* the worked example of SMP-DOMAIN §8.4 — the same six rows, 50 migrants, 60 trainees, EUR
reporting, 1 MAD = 0.10 EUR — so the platform's figures can be checked against the domain file (total
115,000.00 EUR, 2,300.00 EUR per migrant, migrant share 2.61 %).

Planted gaps (docs/demo-data.md): item 4 of the worked example — migrants pay 20 % of their transport, a
recruitment-related cost (E8.R4 FAIL and R.3 FAIL, a blocking red flag); the origin side's governments, its
ministries among them, sit on no decision-making body (E2.R1 WARN).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from partnerships.demo.builders import OrgSpec, months_ago
from partnerships.demo.shared import DEMO_NOTE, EU_FACILITY, IOM, MA_EMPLOYMENT, MA_PES, DemoSpec, PlantedGap

NAME = "Mediterranean city network for traineeships (demo, modelled on MENTOR II)"

IT_LABOUR = OrgSpec(
    "Ministry of Labour and Social Policies", "government_ministry", "IT", portfolio=("labour_employment",)
)
IT_INTERIOR = OrgSpec("Ministry of the Interior", "government_ministry", "IT", portfolio=("migration_interior",))
IT_FOREIGN = OrgSpec(
    "Ministry of Foreign Affairs and International Cooperation",
    "government_ministry",
    "IT",
    portfolio=("foreign_affairs_consular",),
)
IT_CONSULATE = OrgSpec(
    "Consulate General of Italy in Casablanca", "embassy_consulate", "IT", portfolio=("foreign_affairs_consular",)
)
IT_REGION = OrgSpec("Piedmont Region", "subnational_authority", "IT", level="regional")
IT_CITY = OrgSpec("City of Turin", "subnational_authority", "IT", level="local")
IT_PES = OrgSpec(
    "Piedmont Regional Employment Agency",
    "public_employment_service",
    "IT",
    level="regional",
    portfolio=("labour_employment",),
)
IT_INSPECTORATE = OrgSpec(
    "National Labour Inspectorate (Italy)", "government_agency", "IT", portfolio=("labour_employment",)
)
IT_EMPLOYERS = OrgSpec("Piedmont Hospitality Employers (demo)", "employer_org", "IT", level="regional")
IT_HOTEL = OrgSpec("Turin Hotels Group (demo)", "employer", "IT", level="local")
IT_UNION = OrgSpec("Italian Hospitality Workers' Union (demo)", "workers_org", "IT")
IT_SCHOOL = OrgSpec("Turin Public Hotel School (demo)", "training_public", "IT", level="local")
MA_FOREIGN = OrgSpec(
    "Ministry of Foreign Affairs, African Cooperation and Moroccan Expatriates",
    "government_ministry",
    "MA",
    portfolio=("foreign_affairs_consular", "migration_interior"),
)
MA_REGION = OrgSpec("Tanger-Tétouan-Al Hoceïma Region", "subnational_authority", "MA", level="regional")
MA_CHAMBER = OrgSpec("Tangier Chamber of Commerce, Industry and Services (demo)", "chamber", "MA", level="regional")
MA_SCHOOL = OrgSpec("Public Institute of Hospitality Training, Tangier (demo)", "training_public", "MA", level="local")
MA_NGO = OrgSpec("Tangier Youth Mobility Desk (demo)", "ngo_cso", "MA", level="local")
MA_DIASPORA = OrgSpec("Young Maghreb Professionals in Turin (demo)", "diaspora_org", "MA")
MA_CONSULATE = OrgSpec(
    "Consulate General of Morocco in Turin (demo)", "embassy_consulate", "MA", portfolio=("foreign_affairs_consular",)
)
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
TN_CITY = OrgSpec("Municipality of Tunis", "subnational_authority", "TN", level="local")
TN_HOTELS = OrgSpec("Tunisian Hotel Federation (demo)", "employer_org", "TN")

N_MIGRANTS = 50
N_TRAINEES = 60


def partnership_data(today: date) -> dict:
    start = months_ago(today, 3)
    return {
        "summary": (
            f"{DEMO_NOTE} Cities and regions of Italy, Morocco and Tunisia run a territorial partnership: young "
            "people train in a public hotel school in Tangier and do traineeships with hotels in Turin; local "
            "employment agencies match them and help them home afterwards."
        ),
        "form_of_engagement": "city_to_city",
        "migration_types": ["short_term", "temporary"],
        "start_date": start,
        "end_date": date(start.year + 4, start.month, 1),
        "donor_funded": True,
        "skill_levels": ["mid"],
        "sectors": ["tourism_hospitality"],
        "training_location": "both",
        "flex_change_sector": False,
        "flex_change_skill_level": False,
        "flex_change_length_of_stay": True,
        "flexibility_provisions": ["change_mobility_option", "change_training"],
        "contingency_budget_pct": Decimal("5.00"),
        "funding_sources": ["donor_oda", "public_cod", "public_coo", "employer_association"],
        "target_groups": ["youth"],
        "development_benefit": "The upgraded Tangier school opens its hospitality courses to local youth.",
        "corridor_rationale": ["cultural_links", "labour_shortage_match"],
        "objective_coherence_reviewed_on": months_ago(today, 8),
        "climate_assessment": "Coastal tourism on both shores faces heat and water stress; curricula add "
        "resource-saving hotel operations.",
        "climate_assessment_on": months_ago(today, 8),
        "agreement_signed_on": months_ago(today, 5),
        "agreement_clauses": [
            "skills_development",
            "recognition",
            "certification",
            "skills_matching",
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
        "diaspora_mapping_done_on": months_ago(today, 9),
        "matching_process": "The Moroccan and Tunisian employment agencies shortlist trainees; the Piedmont agency "
        "and hotels interview them; the city network confirms each placement.",
        "skills_transfer_measures": ["return_incentives", "destination_training_for_origin", "mentoring"],
        "return_services": [
            "return_job_matching",
            "return_skills_recognition",
            "pre_return_orientation",
            "one_stop_centre",
        ],
        "recognition_info_channels": ["one_stop_shop", "pre_departure_session"],
        "recognition_info_languages": ["ar", "fr"],
        "aspirations_study_on": months_ago(today, 9),
        "aspirations_methods": ["survey", "focus_groups"],
        "aspirations_by_gender": True,
        "gender_analysis_ex_ante_on": months_ago(today, 9),
        "gender_imbalances_found": False,
        "inclusion_safeguards": [
            "maternity_protection",
            "harassment_gbv_prevention",
            "sogiesc_orientation",
            "gender_balanced_staffing",
        ],
        "fiscal_cooperation": ["double_taxation_agreement", "simplified_registration"],
        "return_entitlements_guaranteed": True,
        "pathway_mapping_done_on": months_ago(today, 8),
        "admission_review_trigger": "The city network reviews the number of traineeships each year.",
        "cost_sharing_models": ["agreement_specified"],
        "cost_table_visibility": "all_participants",
        "planned_migrants_total": N_MIGRANTS,
        "planned_trainees_total": N_TRAINEES,
        "reporting_currency": "EUR",
        "recruitment_standards": ["ilo_fair_recruitment", "iris_standard"],
    }


def build(b) -> None:
    year = b.year(-1)
    b.country("MA", "origin", languages=("ar", "fr"), regions=("Tanger-Tétouan-Al Hoceïma",), ratified=("C97", "C102"))
    b.country("TN", "origin", languages=("ar", "fr"), rpl="pilot", regions=("Tunis",))
    b.country("IT", "destination", languages=("it",), frameworks=("EQF",), ratified=("C97", "C143", "C181"))

    b.join("it_city", IT_CITY, side="destination", roles=("lead", "implementer"), joined="exploration", champion=True)
    b.join("it_region", IT_REGION, side="destination", roles=("co_lead", "funder"), joined="exploration")
    b.join("it_labour", IT_LABOUR, side="destination", roles=("funder", "advisor"), joined="assessment")
    b.join("it_interior", IT_INTERIOR, side="destination", roles=("permit_authority",), joined="design", champion=True)
    b.join("it_foreign", IT_FOREIGN, side="destination", roles=("advisor",), joined="design")
    b.join("it_consulate", IT_CONSULATE, side="destination", roles=("permit_authority",), joined="design")
    b.join("it_pes", IT_PES, side="destination", roles=("skills_matching", "support_service"), joined="exploration")
    b.join("it_inspectorate", IT_INSPECTORATE, side="destination", roles=("support_service",), joined="design")
    b.join(
        "it_employers",
        IT_EMPLOYERS,
        side="destination",
        roles=("employer", "funder"),
        joined="exploration",
        business_case="Seasonal hotel staff shortages; trainees who return each season cut hiring costs.",
    )
    b.join(
        "it_hotel",
        IT_HOTEL,
        side="destination",
        roles=("employer", "training_provider"),
        joined="design",
        business_case="Hosts 20 trainees a year and hires the best as seasonal staff.",
    )
    b.join("it_union", IT_UNION, side="destination", roles=("advisor", "support_service"), joined="assessment")
    b.join("it_school", IT_SCHOOL, side="destination", roles=("training_provider",), joined="design")
    b.join(
        "ma_employment", MA_EMPLOYMENT, side="origin", roles=("co_lead", "funder"), joined="assessment", champion=True
    )
    b.join("ma_foreign", MA_FOREIGN, side="origin", roles=("support_service",), joined="design")
    b.join(
        "ma_pes", MA_PES, side="origin", roles=("recruiter", "skills_matching", "reintegration"), joined="exploration"
    )
    b.join("ma_region", MA_REGION, side="origin", roles=("co_lead",), joined="exploration")
    b.join(
        "ma_chamber",
        MA_CHAMBER,
        side="origin",
        roles=("employer", "advisor"),
        joined="exploration",
        business_case="Member hotels hire returning trainees with Italian experience.",
    )
    b.join("ma_school", MA_SCHOOL, side="origin", roles=("training_provider",), joined="design")
    b.join("ma_ngo", MA_NGO, side="origin", roles=("support_service",), joined="assessment")
    b.join("ma_diaspora", MA_DIASPORA, side="origin", roles=("advisor", "support_service"), joined="assessment")
    b.join("tn_employment", TN_EMPLOYMENT, side="origin", roles=("co_lead",), joined="assessment")
    b.join(
        "tn_pes", TN_PES, side="origin", roles=("recruiter", "skills_matching", "reintegration"), joined="assessment"
    )
    b.join("tn_city", TN_CITY, side="origin", roles=("co_lead",), joined="exploration")
    b.join(
        "tn_hotels",
        TN_HOTELS,
        side="origin",
        roles=("employer", "advisor"),
        joined="assessment",
        business_case="Members hire returnees trained to European service standards.",
    )
    b.join("iom", IOM, side="", roles=("implementer", "intermediary"), joined="exploration")
    b.join("eu_facility", EU_FACILITY, side="", roles=("funder",), joined="exploration")

    tor = "Terms of reference of the city network: membership, annual work plan, consensus, yearly review."
    # Planted gap: no origin government sits on the decision-making body (E2.R1).
    b.governance(
        "Partnership board",
        "steering_committee",
        members=("it_city", "it_region", "it_labour", "ma_chamber", "tn_hotels", "iom"),
        tor=tor,
        cycle="semiannual",
        chair="it_city",
    )
    b.governance(
        "Mediterranean city network",
        "city_network",
        members=("it_city", "ma_region", "tn_city", "it_pes", "ma_pes", "tn_pes", "ma_school"),
        tor=tor,
        cycle="quarterly",
    )

    o_mob = b.objective(
        "test_new_pathway",
        "mid",
        "Offer young people of both origin regions regular traineeships in Turin's hotel sector.",
        sdgs=("8.6", "10.7"),
        gcms=(5,),
    )
    o_local = b.objective(
        "systems_improvement",
        "long",
        "Build lasting cooperation between cities, regions and local employment agencies on the corridor.",
        sdgs=("17.17",),
        gcms=(23,),
    )
    b.indicator(
        "Trainees starting training",
        code="trainees_enrolled",
        category="skills",
        objective=o_mob,
        sdg="8.6",
        baseline="0",
        target=str(N_TRAINEES),
        points=("before_training", "end_of_training"),
    )
    b.indicator(
        "Trainees certified",
        code="trainees_certified",
        category="skills",
        baseline="0",
        target="55",
        points=("end_of_training",),
    )
    b.indicator(
        "Participants who took up the traineeship abroad",
        code="migrants_deployed",
        category="economy",
        objective=o_mob,
        sdg="10.7",
        baseline="0",
        target=str(N_MIGRANTS),
        points=("during_employment",),
    )
    b.indicator(
        "Returnees employed 12 months after return",
        code="returnees_employed",
        category="economy",
        side="origin",
        baseline="0",
        target="35",
        points=("after_return",),
        follow_up=12,
    )
    b.indicator(
        "Change in monthly earnings after return",
        code="earnings_change",
        category="earnings_remittances",
        unit="%",
        baseline="0",
        target="30",
        points=("before_training", "after_return"),
        follow_up=12,
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
        "Cities active in the network",
        category="systems",
        objective=o_local,
        gcm=23,
        baseline="3",
        target="6",
        unit="cities",
        disaggregation=(),
        points=("before_training", "after_return"),
    )
    b.indicator(
        "Trainees satisfied with the traineeship",
        code="participant_satisfaction",
        category="satisfaction",
        measure="qualitative",
        baseline="No baseline",
        target="Most trainees satisfied",
        points=("during_employment",),
    )

    producers = {"MA": "ma_pes", "TN": "tn_pes", "IT": "it_pes"}
    demand = b.demand_evidence(
        sectors=("tourism_hospitality",), producer_by_country=producers, year=year, joint_country="IT"
    )
    survey = b.evidence(
        "Turin hotels' staffing survey",
        "employer_survey",
        sector="tourism_hospitality",
        producer="it_employers",
        topics=("labour_demand", "skills_mismatch"),
        year=year,
        country="IT",
        disaggregation=("sex", "subnational"),
        occupations=("5120", "5131"),
    )
    b.evidence(
        "Regional tourism employment outlook",
        "forecast_model",
        sector="tourism_hospitality",
        producer="it_pes",
        topics=("labour_demand",),
        year=year,
        horizon=5,
        country="IT",
    )
    b.data_needs(owner="iom", evidence=[survey])
    b.evidence_review(
        months_ago=8,
        participants=("it_labour", "ma_employment", "tn_employment", "it_employers", "it_union"),
        evidence=[survey, *demand.values()],
        conclusions="Turin hotels need seasonal cooks and waiters; youth unemployment is high in both origin regions.",
    )
    b.data_sharing(
        "sector_working_group",
        parties=("it_pes", "ma_pes", "tn_pes", "it_employers", "ma_employment"),
        data_types=("skills_needs", "vacancies"),
    )
    b.linked_initiative("local_development_plan", "Tangier regional tourism development plan", country="MA")
    b.linked_initiative("local_development_plan", "Tunis municipal youth employment plan", country="TN")
    b.business_linkage("business_delegation", destination_org="it_employers", origin_org="ma_chamber", status="planned")

    for code in ("5120", "5131"):
        b.occupation(
            code,
            places=25,
            certification="Hospitality diploma of the Tangier school with an EQF-level supplement",
            validators=("it_employers", "it_hotel"),
        )
        for origin in ("MA", "TN"):
            b.origin_profile(code, origin, status="surplus", evidence=demand[(origin, "tourism_hospitality")])
        b.destination_profile(code, "IT", route="employer_assessment", weeks=None)
    b.training(
        "Hospitality traineeship preparation (Tangier)",
        occupations=("5120", "5131"),
        provider="ma_school",
        accreditation_body="ma_employment",
        certificate="Hospitality diploma with EQF-level supplement",
        recognised_in=("MA", "TN", "IT"),
        codesigned_by=("it_employers", "ma_diaspora"),
        language_level="A2",
        components=("curriculum_upgrade", "trainer_training", "career_guidance"),
        places_total=N_TRAINEES,
        places_migration=N_MIGRANTS,
    )
    b.training(
        "Open hospitality courses for local youth (Tangier)",
        occupations=("5120", "5131"),
        provider="ma_school",
        accreditation_body="ma_employment",
        track="stay",
        certificate="Hospitality diploma",
        recognised_in=("MA",),
        modules=("technical", "soft_skills"),
        language_level="",
        components=("open_enrolment", "equipment_infrastructure"),
        places_total=80,
        places_migration=0,
    )
    b.training(
        "Traineeship with mentoring (Turin)",
        occupations=("5120", "5131"),
        provider="it_school",
        accreditation_body="it_region",
        track="migration",
        location="destination",
        mode="trainee_in_destination",
        stage="post_arrival",
        audience="migrant_workers",
        certificate="Traineeship certificate",
        recognised_in=("MA", "TN", "IT"),
        codesigned_by=("it_hotel", "it_union"),
        language_level="B1",
    )
    b.training(
        "Hosting young trainees from abroad",
        occupations=(),
        provider="it_school",
        accreditation_body="it_region",
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
        "Return: job search and skills validation",
        occupations=(),
        provider="ma_school",
        accreditation_body="ma_employment",
        track="stay",
        mode="other",
        stage="return",
        audience="migrant_workers",
        certificate="Validated experience certificate",
        modules=("soft_skills",),
        language_level="",
        places_total=50,
        places_migration=0,
    )
    b.documentation_tool("skills_passport", "Traineeship skills passport", languages=("ar", "fr", "it"))

    traineeship = b.pathway(
        "Entry visa for traineeship",
        "traineeship",
        destination="IT",
        origins=("MA", "TN"),
        occupations=("5120", "5131"),
        max_stay_months=12,
        renewable=False,
        route_to_permanent_residence=False,
        convertible_to="work_permit",
        employer_tied="single_employer",
        change_of_employer_allowed=True,
        family_reunification=False,
        processing_days_typical=50,
    )
    b.journey(
        traineeship, recruiter="ma_pes", permit_office="it_interior", arrival_support="it_pes", return_support="ma_pes"
    )

    b.social_package(origin_support="ma_ngo", destination_support="it_pes", languages=("ar", "fr"))
    b.social_protection("IT")
    b.grievance(
        "destination", "labour_inspectorate", country="IT", operator="it_inspectorate", languages=("ar", "fr", "it")
    )
    b.grievance("destination", "consular_service", country="IT", operator=MA_CONSULATE, languages=("ar", "fr"))
    b.grievance("origin", "migrant_resource_centre", operator="ma_ngo", languages=("ar", "fr"))

    # The cost table of SMP-DOMAIN §8.4 (worked example), row for row; item 4 is the planted employer-pays gap.
    b.cost(
        "project_implementation",
        "partnership_meetings",
        20000,
        "EUR",
        basis="fixed",
        shares=[
            {"payer": "gov_destination", "organisation": "it_region", "percent": "50"},
            {"payer": "gov_origin", "organisation": "ma_employment", "percent": "50"},
        ],
    )
    b.cost(
        "training",
        "training_delivery",
        10000,
        "MAD",
        basis="per_trainee",
        country="MA",
        shares=[
            {"payer": "employer", "organisation": "it_employers", "percent": "40", "timing": "after_placement"},
            {"payer": "gov_destination", "organisation": "it_labour", "percent": "40"},
            {"payer": "gov_origin", "organisation": "ma_employment", "percent": "20"},
        ],
    )
    b.cost(
        "travel",
        "visa_immigration",
        100,
        "EUR",
        basis="per_migrant",
        shares=[{"payer": "employer", "organisation": "it_employers", "percent": "100", "timing": "on_visa_grant"}],
    )
    b.cost(
        "travel",
        "transport",
        300,
        "EUR",
        basis="per_migrant",
        shares=[
            {"payer": "employer", "organisation": "it_employers", "percent": "80", "timing": "on_visa_grant"},
            {"payer": "migrant", "percent": "20", "instrument": "own_funds"},
        ],
    )
    b.cost(
        "pre_selection",
        "candidate_screening",
        50000,
        "MAD",
        basis="fixed",
        shares=[{"payer": "gov_origin", "organisation": "ma_pes", "percent": "100", "instrument": "in_kind"}],
    )
    b.cost(
        "monitoring_evaluation",
        "external_evaluation",
        10000,
        "EUR",
        basis="fixed",
        shares=[
            {"payer": "gov_destination", "organisation": "it_region", "percent": "50"},
            {"payer": "other", "organisation": "eu_facility", "percent": "50", "instrument": "oda_grant"},
        ],
    )
    b.sustainability_plan(
        follow_on="The network plans a third phase with more cities, co-funded by regions.",
        mechanisms=["employer_share_growth", "existing_structures"],
        target_public_share_pct=Decimal("45.00"),
        target_year=b.year(4),
    )
    b.feasibility_study(
        started_on=b.ago(12),
        completed_on=b.ago(9),
        predecessor_schemes_reviewed="The evaluation of the first city-to-city phase, which placed 30 trainees.",
        scope=["objectives", "legal", "institutional", "costs", "labour_market"],
    )

    for origin, key, ministry in (("MA", "ma_pes", "ma_employment"), ("TN", "tn_pes", "tn_employment")):
        recruiter = b.public_recruiter(
            key, basis="Public employment agency; national law exempts it from licensing.", monitoring_body=ministry
        )
        b.arrangement(
            origin,
            "IT",
            channel="public_employment_service",
            recruiters=[recruiter],
            occupations=("5120", "5131"),
            monitoring_body="it_inspectorate",
            contract_languages=["ar", "fr", "it"],
        )


DEMO = DemoSpec(
    key="mentor_mediterranean",
    name=NAME,
    modelled_on="MENTOR II — Mediterranean Network for Training Orientation to Regular migration (SMP-DOMAIN "
    "§10.4); cost table = the worked example of §8.4",
    corridor="MA, TN → IT",
    stage="setup",
    completeness="medium",
    gaps=(
        PlantedGap(
            "Item 4 of the §8.4 worked example: migrants pay 20 % of their transport, a recruitment-related cost.",
            fails=("E8.R4", "R.3"),
        ),
        PlantedGap(
            "The origin side's governments — the Moroccan and Tunisian ministries and the cities — sit on no "
            "decision-making body; only the city network (operational) includes them.",
            warns=("E2.R1",),
        ),
    ),
    partnership_data=partnership_data,
    build=build,
    rates=(("MAD", "EUR", "0.10"),),
    uses_worked_example=True,
)
