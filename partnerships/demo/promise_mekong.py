"""Demo: multilateral Mekong skills and safe-migration programme, modelled on PROMISE (SMP-DOMAIN §10.6).

Cambodia, Lao PDR and Myanmar → Thailand; stage ``design``; low completeness. Strong on return and
reintegration (migrant resource centres, referral to job centres, gender-sensitive return support), weak on
almost everything else: much is simply not recorded yet, which the rules report as WARN before ``agreement``.

Planted gaps (docs/demo-data.md): no labour-market evidence at all (E3.R2, E3.R3, E1.R3 WARN — each a FAIL held
back as draft until the agreement stage — and E4.R1 WARN); a steering committee with no terms of reference and no
operational or sector layer (E2.R5 WARN); 40 indicators, too many to run (E3.R10 WARN); no cross-border
recognition for the low-skilled occupations while Myanmar has no qualifications framework (E5.R4 FAIL).
"""

from __future__ import annotations

from datetime import date

from partnerships.demo.builders import OrgSpec, months_ago
from partnerships.demo.shared import DEMO_NOTE, IOM, DemoSpec, PlantedGap

NAME = "Mekong skills and safe migration programme (demo, modelled on PROMISE)"

TH_LABOUR = OrgSpec("Ministry of Labour", "government_ministry", "TH", portfolio=("labour_employment",))
TH_EMPLOYMENT = OrgSpec(
    "Department of Employment", "government_agency", "TH", portfolio=("labour_employment", "migration_interior")
)
TH_EMPLOYERS = OrgSpec("Thai Hospitality and Construction Employers' Group (demo)", "employer_org", "TH")
KH_LABOUR = OrgSpec(
    "Ministry of Labour and Vocational Training",
    "government_ministry",
    "KH",
    portfolio=("labour_employment", "education_tvet_skills"),
)
KH_TVET = OrgSpec(
    "Directorate General of Technical and Vocational Education and Training",
    "government_agency",
    "KH",
    portfolio=("education_tvet_skills",),
)
KH_NEA = OrgSpec("National Employment Agency", "public_employment_service", "KH", portfolio=("labour_employment",))
KH_MRC = OrgSpec("Migrant Resource Centre, Poipet (demo)", "ngo_cso", "KH", level="local")
LA_LABOUR = OrgSpec(
    "Ministry of Labour and Social Welfare", "government_ministry", "LA", portfolio=("labour_employment",)
)
LA_MRC = OrgSpec("Migrant Resource Centre, Savannakhet (demo)", "ngo_cso", "LA", level="local")
MM_LABOUR = OrgSpec("Ministry of Labour", "government_ministry", "MM", portfolio=("labour_employment",))
MM_WORKERS = OrgSpec("Myanmar Migrant Workers' Network (demo)", "migrant_org", "MM")

COUNTRY_LANGUAGE = {"KH": "km", "LA": "lo", "MM": "my", "TH": "th"}
#: (name, impact category) × four countries = the 40 indicators of the planted M&E gap.
INDICATOR_THEMES = (
    ("Prospective migrants counselled at migrant resource centres", "systems"),
    ("Returnees counselled at migrant resource centres", "systems"),
    ("Grievances registered and referred", "systems"),
    ("Returnees placed through job centres", "economy"),
    ("Soft-skills trainees", "skills"),
    ("Women trainers at migrant learning centres", "norms"),
    ("Trainees with diverse SOGIESC", "norms"),
    ("Workers certified in skills tests", "skills"),
    ("Community working-group meetings held", "systems"),
    ("Remittances sent through formal channels", "earnings_remittances"),
)


def partnership_data(today: date) -> dict:
    return {
        "summary": (
            f"{DEMO_NOTE} A regional programme for lower-skilled workers from Cambodia, Lao PDR and Myanmar in "
            "Thailand's hospitality and construction sectors: soft-skills training, safe-migration information, "
            "migrant resource centres at the borders and job placement on return."
        ),
        "form_of_engagement": "regional_multilateral",
        "migration_types": ["temporary"],
        "start_date": months_ago(today, -6),
        "end_date": months_ago(today, -54),
        "donor_funded": True,
        "skill_levels": ["low"],
        "sectors": ["tourism_hospitality", "construction"],
        "training_location": "both",
        "funding_sources": ["donor_oda"],
        "target_groups": ["women", "returnees"],
        "return_services": [
            "return_job_matching",
            "return_skills_recognition",
            "one_stop_centre",
            "pre_return_orientation",
        ],
        "inclusion_safeguards": ["harassment_gbv_prevention", "sogiesc_orientation", "gender_balanced_staffing"],
        "aspirations_study_on": months_ago(today, 4),
        "aspirations_methods": ["focus_groups"],
        "aspirations_by_gender": True,
        "security_clearance_required": False,
        "reporting_currency": "USD",
    }


def build(b) -> None:
    b.country(
        "KH",
        "origin",
        languages=("km",),
        nqf="in_development",
        rpl="pilot",
        lmis="partial",
        regions=("Banteay Meanchey",),
        frameworks=("AQRF",),
    )
    b.country(
        "LA",
        "origin",
        languages=("lo",),
        nqf="in_development",
        rpl="none",
        lmis="partial",
        regions=("Savannakhet",),
        frameworks=("AQRF",),
    )
    b.country("MM", "origin", languages=("my",), nqf="none", rpl="none", lmis="unknown", lmis_migration=None)
    b.country("TH", "destination", languages=("th",), lmis="partial", frameworks=("AQRF",))

    b.join("th_labour", TH_LABOUR, side="destination", roles=("lead",), joined="exploration", champion=True)
    b.join(
        "th_employment",
        TH_EMPLOYMENT,
        side="destination",
        roles=("permit_authority", "skills_matching"),
        joined="design",
        capacity=None,
    )
    b.join(
        "th_employers", TH_EMPLOYERS, side="destination", roles=("employer", "advisor"), joined="design", capacity=None
    )
    b.join("kh_labour", KH_LABOUR, side="origin", roles=("co_lead",), joined="exploration", champion=True)
    b.join("kh_tvet", KH_TVET, side="origin", roles=("training_provider",), joined="exploration")
    b.join("kh_nea", KH_NEA, side="origin", roles=("reintegration", "skills_matching"), joined="exploration")
    b.join("kh_mrc", KH_MRC, side="origin", roles=("support_service",), joined="exploration")
    b.join("la_labour", LA_LABOUR, side="origin", roles=("co_lead",), joined="assessment")
    b.join("la_mrc", LA_MRC, side="origin", roles=("support_service",), joined="assessment")
    b.join("mm_labour", MM_LABOUR, side="origin", roles=("co_lead",), joined="design", capacity=None)
    b.join("mm_workers", MM_WORKERS, side="origin", roles=("advisor",), joined="design", capacity=None)
    b.join("iom", IOM, side="", roles=("implementer", "intermediary"), joined="exploration")

    # Planted gap: one decision body, no terms of reference, no operational or sector layer (E2.R5).
    b.governance(
        "Regional programme board",
        "steering_committee",
        members=("th_labour", "kh_labour", "la_labour", "mm_labour", "iom"),
        tor="",
        cycle="none",
        review=None,
        per_year=1,
    )

    b.objective(
        "capacity_building",
        "long",
        "Strengthen origin institutions that inform, train and reintegrate migrant workers.",
        sdgs=("8.8", "10.7"),
        gcms=(3, 21),
    )
    b.objective(
        "sustainable_development",
        "mid",
        "Improve returnees' jobs and income through skills and placement.",
        sdgs=("8.5",),
        gcms=(18,),
    )
    # Planted gap: 40 indicators (E3.R10 — PROMISE learned that too many make M&E unworkable).
    for theme, category in INDICATOR_THEMES:
        for code in ("KH", "LA", "MM", "TH"):
            b.indicator(
                f"{theme} — {code}",
                category=category,
                country=code,
                points=("during_employment",),
                disaggregation=("sex",) if category in ("skills", "earnings_remittances") else (),
            )

    # Planted gap: no labour-market evidence — occupations are chosen, but no study backs them (E3, E4.R1).
    b.occupation("9313", places=None, destinations=("TH",), automation="medium")
    b.occupation("9412", places=None, destinations=("TH",), automation="low")
    for code in ("9313", "9412"):
        for origin in ("KH", "LA", "MM"):
            b.origin_profile(code, origin, status="surplus", evidence=None, nqf_level="" if origin == "MM" else "1")
        # Planted gap: Thailand tests skills individually; no arrangement with any origin (E5.R4 FAILs for MM).
        b.destination_profile(code, "TH", route="individual_assessment", weeks=None, nqf_level="1")
    b.training(
        "Soft skills and safe migration (training of trainers)",
        occupations=("9313", "9412"),
        provider="kh_tvet",
        accreditation_body="kh_tvet",
        track="dual",
        mode="orientation",
        certificate="",
        recognised_in=("KH",),
        codesigned_by=("mm_workers",),
        modules=("soft_skills", "safe_migration", "rights_information"),
        language_level="",
        components=("trainer_training", "curriculum_upgrade"),
        places_total=300,
        places_migration=150,
    )

    b.pathway(
        "Work permit under the bilateral labour MOUs",
        "work_permit",
        destination="TH",
        origins=("KH", "LA", "MM"),
        occupations=("9313", "9412"),
        change_of_employer_allowed=None,
        employer_tied="single_employer",
        processing_days_typical=None,
        processing_time_published=None,
        fees_waived=None,
        fast_track=None,
        registered_sponsor_scheme=None,
        visa_centre_in_origin=None,
        admissions_adjustable=None,
        eligibility_precheck=None,
    )

    # Strong return and reintegration (MRCs at the borders, referral to job centres).
    for phase, topic, responsible, extra in (
        ("pre_decision", "information_channel", "kh_mrc", {"delivery": ("one_stop_centre",), "languages": ("km",)}),
        ("stay_employment", "grievance_mechanism", "kh_mrc", {}),
        ("return_reintegration", "pre_return_orientation", "kh_mrc", {"languages": ("km", "lo", "my")}),
        ("return_reintegration", "return_support", "kh_mrc", {"target_groups": ("all", "women")}),
        ("return_reintegration", "reintegration_job_placement", "kh_nea", {}),
        ("return_reintegration", "skills_verification_return", "kh_nea", {}),
    ):
        b.provision(phase, topic, responsible=responsible, **extra)
    for origin, operator in (("KH", "kh_mrc"), ("LA", "la_mrc")):
        b.grievance(
            "origin",
            "migrant_resource_centre",
            country=origin,
            operator=operator,
            languages=(COUNTRY_LANGUAGE[origin],),
            remedies=("fee_refund", "legal_aid"),
        )


DEMO = DemoSpec(
    key="promise_mekong",
    name=NAME,
    modelled_on="PROMISE — Poverty Reduction through Safe Migration, Skills Development and Enhanced Job "
    "Placement (SMP-DOMAIN §10.6)",
    corridor="KH, LA, MM → TH",
    stage="design",
    completeness="low",
    gaps=(
        PlantedGap(
            "No labour-market evidence at all: occupations and sectors are chosen without a single study "
            "(the FAILs are reported as WARN until the agreement stage).",
            warns=("E3.R2", "E3.R3", "E1.R3", "E4.R1"),
        ),
        PlantedGap(
            "Governance incomplete: one programme board without terms of reference, reporting or review, and no "
            "operational or sector layer.",
            warns=("E2.R5",),
        ),
        PlantedGap("Forty indicators, more than the framework can carry.", warns=("E3.R10",)),
        PlantedGap(
            "No cross-border recognition route for the low-skilled occupations; Myanmar has no qualifications "
            "framework.",
            fails=("E5.R4",),
        ),
    ),
    partnership_data=partnership_data,
    build=build,
    notes="Low completeness: much is not recorded yet, so many other rules WARN too.",
)
