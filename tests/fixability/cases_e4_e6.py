"""Fixability cases of E4–E6 (SMP-DOMAIN §1.4–§1.6): local development, skills, and the social package.

Most cases change a few fields of the worked example and write the old values back (:func:`_patching`,
:func:`patch_back`), or delete rows and post them again (:func:`_deleting`, :func:`recreating`); a few mend
the partnership another way than undoing the change (E4.R2, E4.R10, E5.R3, E5.R4, E5.R6), as a partner would.
"""

from __future__ import annotations

from collections.abc import Callable

from tests.fixability.harness import Case, Changes, Http, deleting, patch_back, patching, recreating

# E4 ------------------------------------------------------------------------------------------------------


def _bare_shortage(http: Http) -> None:
    """Cooks turn out to be short in Morocco, and the profile lists no brain-drain safeguard."""
    http.patch("occupation_profile.MA", labour_status="shortage", brain_drain_safeguards=[])


def _safeguard_the_shortage(http: Http) -> None:
    """Train more than are recruited (dual track) and let admissions be scaled down: a volume safeguard and
    a second one, as E4.R2 asks; the shortage itself stays recorded."""
    http.patch("occupation_profile.MA", brain_drain_safeguards=["dual_track_training", "admission_scaling"])


def _no_origin_side_results(http: Http) -> dict[str, dict]:
    """The origin-side job and business indicators are dropped; deployment is (rightly) a destination count."""
    http.patch("indicator.migrants_deployed", side="destination")
    return deleting("indicator.stayers_employed_origin", "indicator.business_links")(http)


# E5 ------------------------------------------------------------------------------------------------------

SKILLS_CLAUSES = {"recognition", "skills_development", "rpl", "certification", "skills_matching", "lifelong_learning"}


def _agreement_without_skills_clauses(http: Http) -> list[str]:
    clauses = http.partnership()["agreement_clauses"]
    http.patch_partnership(agreement_clauses=[code for code in clauses if code not in SKILLS_CLAUSES])
    return clauses


def _regulated_without_licensing_body(http: Http) -> None:
    http.patch("occupation_profile.DE", regulated=True, regulator=None)


def _licensing_body_on_board(http: Http) -> None:
    """The destination's recognition service, a participant, is named as the licensing body."""
    http.patch("occupation_profile.DE", regulator=http.id("organisation.de_recognition"))


def _no_arrangement_and_no_origin_framework(http: Http) -> dict[str, dict]:
    """The origin's qualifications framework is found not to work yet, and the diploma-supplement arrangement
    (the only cross-border route for cooks) is dropped."""
    http.patch("country.MA", nqf_status="none")
    return deleting("recognition.diploma_supplement")(http)


def _informal_skills_but_formal_permit(http: Http) -> None:
    """Many cooks learnt on the job, while the permit accepts formal qualifications only."""
    http.patch("target_occupation.5120", informal_skills_common=True)


def _permit_accepts_experience(http: Http) -> None:
    http.patch("pathway.skilled_worker", accepts_experience_evidence=True)


# E6 ------------------------------------------------------------------------------------------------------

#: The continuum provisions E6.R5 counts as arrival and soft-landing measures.
ARRIVAL_PROVISIONS = (
    "continuum_provision.travel_arrival.reception_information",
    "continuum_provision.travel_arrival.admin_assistance",
    "continuum_provision.stay_employment.soft_landing_integration",
    "continuum_provision.stay_employment.housing",
    "continuum_provision.stay_employment.language_lifelong_learning",
    "continuum_provision.stay_employment.anti_discrimination",
)
#: The continuum provisions of the return phase (E6.R10).
RETURN_PROVISIONS = (
    "continuum_provision.return_reintegration.pre_return_orientation",
    "continuum_provision.return_reintegration.return_support",
    "continuum_provision.return_reintegration.reintegration_job_placement",
    "continuum_provision.return_reintegration.skills_verification_return",
    "continuum_provision.return_reintegration.circular_reentry",
)
SOCIAL_SECURITY = (
    "social_protection.sickness_maternity",
    "social_protection.old_age_pension",
    "social_protection.unemployment",
    "social_protection.family_benefits",
)


def _not_provided(*names: str) -> Callable[[Http], Changes]:
    return patching(**{name.replace(".", "__"): {"status": "not_provided"} for name in names})


def _no_return_measure(http: Http) -> Changes:
    before = _not_provided(*RETURN_PROVISIONS)(http)
    before["partnership"] = {"return_services": http.partnership()["return_services"]}
    http.patch_partnership(return_services=[])
    return before


CASES: list[Case] = [
    # E4 — local development and job creation
    Case(
        "E4.R1",
        breaks=deleting("occupation_profile.MA"),
        fixes=recreating,
        why="no origin profile says whether cooks are short or in surplus in Morocco",
    ),
    Case(
        "E4.R2",
        breaks=_bare_shortage,
        fixes=_safeguard_the_shortage,
        why="cooks are short in Morocco and nothing protects the origin labour market",
    ),
    Case(
        "E4.R3",
        breaks=patching(training__hospitality_dual_track={"places_migration": 400}),
        fixes=patch_back,
        broken="warn",
        why="every place of the origin dual track is for people who migrate",
    ),
    Case(
        "E4.R4",
        breaks=deleting("training.hospitality_dual_track", "training.return_counselling"),
        fixes=recreating,
        why="no training runs in Morocco, so nothing is invested in its training system",
    ),
    Case(
        "E4.R5",
        breaks=deleting("linked_initiative.education_reform", "linked_initiative.lmis_programme"),
        fixes=recreating,
        broken="warn",
        why="the scheme is tied to no development programme in Morocco",
    ),
    Case(
        "E4.R6",
        breaks=patching(country__MA={"target_regions": []}),
        fixes=patch_back,
        broken="warn",
        why="no origin region is named",
    ),
    Case(
        "E4.R7",
        breaks=deleting("business_linkage.sme_matchmaking"),
        fixes=recreating,
        broken="warn",
        why="no business link along the corridor",
    ),
    Case(
        "E4.R8",
        breaks=patching(partnership={"skills_transfer_measures": ["destination_training_for_origin"]}),
        fixes=patch_back,
        broken="warn",
        why="one skills-transfer measure and no circulation incentive for temporary migration",
    ),
    Case(
        "E4.R9",
        breaks=patching(partnership={"return_services": []}),
        fixes=patch_back,
        why="temporary and circular migration with no return service",
    ),
    Case(
        "E4.R10",
        breaks=_no_origin_side_results,
        fixes=recreating,
        broken="warn",
        why="no indicator measures jobs or business results in Morocco",
    ),
    # E5 — skills classification, recognition and development
    Case(
        "E5.R1",
        breaks=_agreement_without_skills_clauses,
        fixes=lambda http, clauses: http.patch_partnership(agreement_clauses=clauses),
        why="the signed agreement has no skills clause",
    ),
    Case(
        "E5.R2",
        breaks=deleting("occupation_profile.DE"),
        fixes=recreating,
        why="no destination profile maps how Germany recognises cooks' qualifications",
    ),
    Case(
        "E5.R3",
        breaks=_regulated_without_licensing_body,
        fixes=_licensing_body_on_board,
        why="the occupation is regulated in Germany and its licensing body is unknown",
    ),
    Case(
        "E5.R4",
        breaks=_no_arrangement_and_no_origin_framework,
        fixes=recreating,
        why="no recognition arrangement and no working qualifications framework in Morocco",
    ),
    Case(
        "E5.R5",
        breaks=patching(target_occupation__5120={"certification_validated_by": []}),
        fixes=patch_back,
        broken="warn",
        why="no destination employer has validated the certificate",
    ),
    Case(
        "E5.R6",
        breaks=_informal_skills_but_formal_permit,
        fixes=_permit_accepts_experience,
        broken="warn",
        why="skills are often informal but the permit does not accept work experience",
    ),
    Case(
        "E5.R7",
        breaks=patching(documentation_tool__skills_passport={"free_to_migrant": False}),
        fixes=patch_back,
        why="migrants pay for the skills passport",
    ),
    Case(
        "E5.R8",
        breaks=patching(partnership={"recognition_info_languages": ["de"]}),
        fixes=patch_back,
        broken="warn",
        why="recognition is explained to candidates only in German",
    ),
    Case(
        "E5.R9",
        breaks=patching(
            training__hospitality_dual_track={"codesigned_by": []},
            training__post_arrival_language={"codesigned_by": []},
        ),
        fixes=patch_back,
        why="no employer co-designed any migration training",
    ),
    Case(
        "E5.R10",
        breaks=lambda http: patching(
            training__hospitality_dual_track={"certificate_recognised_in": [http.id("country.MA")]}
        )(http),
        fixes=patch_back,
        why="the dual-track certificate counts in Morocco only",
    ),
    Case(
        "E5.R11",
        breaks=patching(
            training__hospitality_dual_track={"modules": ["technical", "language", "soft_skills", "intercultural"]}
        ),
        fixes=patch_back,
        broken="warn",
        why="the dual track teaches nothing about workers' rights",
    ),
    Case(
        "E5.R12",
        breaks=patching(training__post_arrival_language={"issues_certificate": False}),
        fixes=patch_back,
        broken="warn",
        why="a course issues no certificate",
    ),
    Case(
        "E5.R13",
        breaks=deleting("training.managers_orientation"),
        fixes=recreating,
        broken="warn",
        why="no course prepares destination managers",
    ),
    # E6 — social aspects of employment and mobility
    Case(
        "E6.R1",
        breaks=patching(partnership={"aspirations_study_on": None}),
        fixes=patch_back,
        why="no study of the target groups' aspirations",
    ),
    Case(
        "E6.R2",
        breaks=patching(partnership={"gender_analysis_ex_ante_on": None}),
        fixes=patch_back,
        why="no gender analysis before launch",
    ),
    Case(
        "E6.R3",
        breaks=patching(
            partnership={
                "inclusion_safeguards": [
                    "sogiesc_safe_referrals",
                    "gender_sensitive_staff_training",
                    "equal_access_measures",
                ]
            }
        ),
        fixes=patch_back,
        why="neither maternity protection nor prevention of harassment and gender-based violence",
    ),
    Case(
        "E6.R4",
        breaks=_not_provided("continuum_provision.pre_departure.pre_departure_orientation"),
        fixes=patch_back,
        why="no pre-departure orientation",
    ),
    Case(
        "E6.R5",
        breaks=_not_provided(*ARRIVAL_PROVISIONS),
        fixes=patch_back,
        why="no arrival, soft-landing or integration measure",
    ),
    Case(
        "E6.R6",
        breaks=patching(social_protection__health_care={"coverage": "none"}),
        fixes=patch_back,
        why="workers get no health care cover in Germany",
    ),
    Case(
        "E6.R7",
        breaks=deleting(*SOCIAL_SECURITY),
        fixes=recreating,
        why="social-security rights in Germany not assessed",
    ),
    Case(
        "E6.R8",
        breaks=patching(pathway__skilled_worker={"family_reunification": False}),
        fixes=patch_back,
        why="a four-year permit that bars family reunification",
    ),
    Case(
        "E6.R9",
        breaks=deleting("grievance_channel.de_labour_inspectorate", "grievance_channel.de_consular_service"),
        fixes=recreating,
        why="no complaint channel in Germany independent of the employer",
    ),
    Case(
        "E6.R10",
        breaks=_no_return_measure,
        fixes=patch_back,
        why="temporary migration with no return or reintegration measure",
    ),
]
