"""Demo: Germany–Kosovo construction skills partnership, modelled on the scheme of G B5 (SMP-DOMAIN §10.3).

Kosovo → Germany; stage ``assessment``; medium completeness. Kosovo is shown with the user-assigned code XK
and the UNSCR 1244 note (§10.3). The feasibility study synthesised evaluations of predecessor schemes, as G B5
recommends (E2.R7 PASS); much of the design is still to come, which the rules report as WARN before the
``agreement`` stage.

Planted gaps (docs/demo-data.md): electricians are regulated in Germany, yet no recognition arrangement exists
and Kosovo's qualification framework has not been mapped into the partnership (E5.R4 FAIL; E5.R3 and E7.R11
WARN, their FAILs held back as draft); the electricians' labour-market status in Kosovo rests on no evidence
(E4.R1 WARN).
"""

from __future__ import annotations

from datetime import date

from partnerships.demo.builders import OrgSpec, months_ago
from partnerships.demo.shared import (
    DE_FOREIGN,
    DE_INSPECTORATE,
    DE_INTERIOR,
    DE_LABOUR,
    DE_PES,
    DEMO_NOTE,
    IOM,
    DemoSpec,
    PlantedGap,
)

NAME = "Germany–Kosovo construction skills partnership (demo, modelled on G Box 5)"

DE_CRAFTS = OrgSpec("Chamber of Crafts for Electrical Trades (demo)", "chamber", "DE", level="regional")
DE_BUILDERS = OrgSpec("German Construction Employers' Federation (demo)", "employer_org", "DE")
DE_BUILD_UNION = OrgSpec("Building and Construction Workers' Union (demo)", "workers_org", "DE")
DE_EMBASSY_PRISTINA = OrgSpec(
    "German Embassy Pristina", "embassy_consulate", "DE", portfolio=("foreign_affairs_consular",)
)
XK_LABOUR = OrgSpec(
    "Ministry of Finance, Labour and Transfers", "government_ministry", "XK", portfolio=("labour_employment", "finance")
)
XK_EDUCATION = OrgSpec(
    "Ministry of Education, Science, Technology and Innovation",
    "government_ministry",
    "XK",
    portfolio=("education_tvet_skills",),
)
XK_FOREIGN = OrgSpec(
    "Ministry of Foreign Affairs and Diaspora", "government_ministry", "XK", portfolio=("foreign_affairs_consular",)
)
XK_PES = OrgSpec("Employment Agency of Kosovo", "public_employment_service", "XK", portfolio=("labour_employment",))
XK_MUNICIPALITY = OrgSpec("Municipality of Prizren", "subnational_authority", "XK", level="local")
XK_SCHOOL = OrgSpec("Prizren Public Vocational School for Construction (demo)", "training_public", "XK", level="local")
XK_DIASPORA = OrgSpec("Kosovo Builders' Diaspora Association in Germany (demo)", "diaspora_org", "XK")

KOSOVO_NOTE = "This designation is without prejudice to positions on status, and is in line with UNSCR 1244/1999."


def partnership_data(today: date) -> dict:
    return {
        "summary": (
            f"{DEMO_NOTE} Bricklayers, carpenters and electricians from Kosovo* for German construction firms, "
            "with training in Prizren's vocational school. The feasibility study reviewed earlier German–Western "
            f"Balkans schemes before any design choice. *{KOSOVO_NOTE}"
        ),
        "form_of_engagement": "migration_partnership",
        "migration_types": ["temporary", "long_term"],
        "start_date": months_ago(today, -12),
        "end_date": months_ago(today, -72),
        "donor_funded": False,
        "skill_levels": ["mid"],
        "sectors": ["construction"],
        "training_location": "origin",
        "flexibility_provisions": ["change_training"],
        "funding_sources": ["public_cod", "private_employer"],
        "target_groups": ["youth"],
        "corridor_rationale": ["labour_shortage_match", "cultural_links"],
        "objective_coherence_reviewed_on": months_ago(today, 2),
        "security_clearance_required": False,
        "diaspora_engagement_planned": True,
        "aspirations_study_on": months_ago(today, 3),
        "aspirations_methods": ["survey"],
        "aspirations_by_gender": False,
        "gender_analysis_ex_ante_on": months_ago(today, 3),
        "gender_imbalances_found": True,
        "gender_action_plan": "Outreach to young women for the electrical track.",
        "planned_migrants_total": 150,
        "planned_trainees_total": 200,
        "reporting_currency": "EUR",
    }


def build(b) -> None:
    year = b.year(-1)
    b.country(
        "XK", "origin", languages=("sq", "sr"), nqf="unknown", rpl="unknown", lmis="partial", regions=("Prizren",)
    )
    b.country("DE", "destination", languages=("de",), frameworks=("EQF",))

    b.join("de_labour", DE_LABOUR, side="destination", roles=("lead", "funder"), joined="exploration", champion=True)
    b.join("de_interior", DE_INTERIOR, side="destination", roles=("permit_authority",), joined="assessment")
    b.join("de_foreign", DE_FOREIGN, side="destination", roles=("advisor",), joined="assessment")
    b.join("de_embassy", DE_EMBASSY_PRISTINA, side="destination", roles=("permit_authority",), joined="assessment")
    b.join("de_pes", DE_PES, side="destination", roles=("skills_matching", "data_provider"), joined="assessment")
    b.join(
        "de_builders",
        DE_BUILDERS,
        side="destination",
        roles=("employer", "advisor"),
        joined="exploration",
        business_case="Members expect 2,000 unfilled site jobs; training in Prizren costs less than agency hires.",
    )
    b.join("de_union", DE_BUILD_UNION, side="destination", roles=("advisor",), joined="assessment")
    b.join("xk_labour", XK_LABOUR, side="origin", roles=("co_lead",), joined="exploration", champion=True)
    b.join("xk_education", XK_EDUCATION, side="origin", roles=("advisor",), joined="assessment")
    b.join("xk_foreign", XK_FOREIGN, side="origin", roles=("advisor",), joined="assessment")
    b.join("xk_pes", XK_PES, side="origin", roles=("skills_matching", "recruiter"), joined="assessment", capacity=None)
    b.join("xk_municipality", XK_MUNICIPALITY, side="origin", roles=("support_service",), joined="assessment")
    b.join("xk_school", XK_SCHOOL, side="origin", roles=("training_provider",), joined="assessment")
    b.join("xk_diaspora", XK_DIASPORA, side="origin", roles=("advisor",), joined="assessment")
    b.join("iom", IOM, side="", roles=("intermediary",), joined="assessment")

    b.governance(
        "Preparatory steering group",
        "steering_committee",
        members=("de_labour", "xk_labour", "de_builders", "iom"),
        tor="Draft terms of reference for the design phase.",
        cycle="quarterly",
    )

    o_path = b.objective(
        "test_new_pathway",
        "mid",
        "Open a construction route for trained Kosovars to German firms.",
        sdgs=("10.7",),
        gcms=(5,),
    )
    b.objective(
        "joint_curricula",
        "long",
        "Align construction curricula in Prizren with German training standards.",
        sdgs=("4.4",),
        gcms=(18,),
    )
    b.indicator(
        "Participants who took up the job abroad",
        code="migrants_deployed",
        category="economy",
        objective=o_path,
        sdg="10.7",
        baseline="0",
        target="150",
        points=("during_employment",),
    )
    b.indicator(
        "Trainees certified",
        code="trainees_certified",
        category="skills",
        baseline="0",
        target="180",
        points=("before_training", "end_of_training"),
    )

    producers = {"XK": "xk_pes", "DE": "de_pes"}
    demand = b.demand_evidence(sectors=("construction",), producer_by_country=producers, year=year, joint_country="DE")
    survey = b.evidence(
        "Construction firms' skills needs survey",
        "employer_survey",
        sector="construction",
        producer="de_builders",
        topics=("labour_demand", "skills_mismatch"),
        year=year,
        country="DE",
        disaggregation=("sex",),
        occupations=("7112", "7115"),
    )
    b.evidence(
        "Construction labour demand outlook",
        "forecast_model",
        sector="construction",
        producer="de_pes",
        topics=("labour_demand",),
        year=year,
        horizon=8,
        country="DE",
    )
    b.data_needs(
        owner="iom",
        evidence=[survey],
        partly=("skills.4", "skills.7"),
        gaps={"sector.1": "The employment agency surveys electrical contractors in Kosovo; IOM supports."},
        skip=("partner.1", "partner.2", "partner.3", "partner.4", "partner.5"),
    )
    b.evidence_review(
        months_ago=1,
        participants=("de_labour", "xk_labour", "de_builders", "de_union"),
        evidence=[survey, *demand.values()],
        conclusions="Bricklayers and carpenters are in surplus in Kosovo; electricians not yet known.",
    )

    for code in ("7112", "7115", "7411"):
        b.occupation(
            code,
            places=25 if code != "7411" else 10,
            certification="Kosovo vocational certificate (level 4), checked by the employer" if code != "7411" else "",
            validators=("de_builders",),
        )
    for code in ("7112", "7115"):
        b.origin_profile(code, "XK", status="surplus", evidence=demand[("XK", "construction")], nqf_level="4")
        b.destination_profile(code, "DE", route="employer_assessment", weeks=None, nqf_level="4")
    # Planted gaps: electricians' status at home rests on no evidence (E4.R1); the trade is regulated in Germany
    # but no recognition arrangement exists and the licensing chamber is not on board (E5.R4, E5.R3, E7.R11).
    b.origin_profile("7411", "XK", status="unknown", evidence=None, nqf_level="4")
    b.destination_profile(
        "7411",
        "DE",
        route="individual_assessment",
        regulated=True,
        regulator=DE_CRAFTS,
        gap=True,
        weeks=None,
        nqf_level="4",
    )
    b.training(
        "Construction trades dual track (Prizren)",
        occupations=("7112", "7115", "7411"),
        provider="xk_school",
        accreditation_body="xk_education",
        certificate="Vocational certificate, level 4",
        recognised_in=("XK",),
        codesigned_by=("de_builders",),
        gender_assessed=None,
        language_level="A2",
        components=("curriculum_upgrade", "trainer_training"),
        places_total=200,
        places_migration=150,
    )

    balkans = b.pathway(
        "Western Balkans regulation (employment permit)",
        "work_permit",
        destination="DE",
        origins=("XK",),
        occupations=("7112", "7115"),
        max_stay_months=None,
        quota=True,
        quota_per_year=50000,
        labour_market_test=True,
        lmt_waived_for_smp=False,
        route_to_permanent_residence=True,
    )
    skilled = b.pathway(
        "Skilled-worker residence permit (vocational qualification)",
        "residence_permit_work",
        destination="DE",
        origins=("XK",),
        occupations=("7411",),
        max_stay_months=48,
        convertible_to="permanent_residence",
        skills_recognition_required=True,
    )
    b.journey(
        balkans, recruiter="xk_pes", permit_office="de_interior", arrival_support="de_pes", return_support="xk_pes"
    )
    b.journey(
        skilled,
        recruiter="xk_pes",
        permit_office="de_interior",
        arrival_support="de_pes",
        return_support="xk_pes",
        recognition_body="de_pes",
    )

    # What is mapped so far of the social package: information at home, and Germany's labour inspection.
    b.provision(
        "pre_decision",
        "information_channel",
        responsible="xk_pes",
        languages=("sq", "sr"),
        delivery=("one_stop_centre",),
    )
    b.provision("pre_decision", "aspirations_study", responsible="iom")
    b.provision(
        "pre_departure",
        "pre_departure_orientation",
        status="planned",
        responsible="xk_pes",
        content=("rights_obligations", "working_conditions_contract", "living_culture"),
        languages=("sq",),
    )
    b.grievance(
        "destination",
        "labour_inspectorate",
        country="DE",
        operator=DE_INSPECTORATE,
        languages=("de", "sq"),
        covers=("wages", "working_conditions", "harassment_gbv"),
        remedies=("compensation",),
    )

    # Draft cost map of the assessment stage: amounts, no payers yet.
    for category, subitem, amount in (
        ("project_implementation", "partnership_meetings", 40000),
        ("pre_selection", "candidate_screening", 300),
        ("training", "training_delivery", 2500),
        ("travel", "transport", 250),
        ("travel", "visa_immigration", 75),
    ):
        b.cost(category, subitem, amount, "EUR", shares=[])
    b.feasibility_study(
        started_on=b.ago(8),
        completed_on=b.ago(2),
        predecessor_schemes_reviewed="Evaluations of earlier German–Western Balkans construction "
        "placements and of a transnational skills partnership pilot.",
        scope=["objectives", "legal", "institutional", "labour_market"],
    )


DEMO = DemoSpec(
    key="germany_kosovo_construction",
    name=NAME,
    modelled_on="The Germany–Kosovo construction skills and mobility scheme (SMP-DOMAIN §10.3, G B5)",
    corridor="XK → DE",
    stage="assessment",
    completeness="medium",
    gaps=(
        PlantedGap(
            "Electricians are a regulated trade in Germany, but no recognition arrangement exists, the licensing "
            "chamber does not take part, and Kosovo's qualification framework has not been mapped (status "
            "unknown).",
            fails=("E5.R4",),
            warns=("E5.R3", "E7.R11"),
        ),
        PlantedGap(
            "An occupation with no labour-market evidence: whether electricians are short or in surplus in "
            "Kosovo is unknown and no study backs it.",
            warns=("E4.R1",),
        ),
    ),
    partnership_data=partnership_data,
    build=build,
    notes="Shows E2.R7 passing: the feasibility study reviewed predecessor schemes (G B5). Kosovo is shown as XK "
    "with the UNSCR 1244 note.",
)
