"""Fixability cases of E1–E3 (SMP-DOMAIN §2.1–§2.3): planning, multi-stakeholder governance, evidence.

Each case starts from the worked example at stage ``agreement``. Where a rule's FAIL situation is reached by a
few realistic calls (a side's government or every employer withdraws, a study or review is deleted), the case
goes there; where it would take wiping a whole table (every checklist answer, every indicator, the capacity
record of every implementing partner), the case stops at the rule's WARN situation.
"""

from __future__ import annotations

import datetime

from tests.fixability.harness import Case, Http, deleting, patch_back, patching, recreating


def _swap(name: str, **changes):
    """``breaks``/``fixes`` that PATCH ``changes`` into the row ``name`` and then write its old values back."""
    return patching({name: changes}), patch_back


def _deleted(*names: str):
    """``breaks``/``fixes`` that DELETE rows (``"objective."``: all under it) and then POST them again."""
    return deleting(*names), recreating


def _without_role(http: Http, name: str, role: str) -> list[str]:
    """Take ``role`` off a participation; returns its roles before."""
    roles = http.read(name)["roles"]
    http.patch(name, roles=[r for r in roles if r != role])
    return roles


# E1 ---------------------------------------------------------------------------------------------------------


def _forecast_and_anticipation_dropped(http: Http) -> dict:
    return {
        "forecast": http.delete("evidence.forecast"),
        "activity": http.delete("capacity_activity.skills_anticipation"),
    }


def _end_within_one_cycle(http: Http) -> dict:
    partnership = http.partnership()
    start = datetime.date.fromisoformat(partnership["start_date"])
    http.patch_partnership(end_date=start.replace(year=start.year + 2).isoformat())
    http.patch("sustainability_plan", follow_on="")
    return partnership["end_date"]


def _unlink_objectives(http: Http) -> dict:
    before = {}
    for name in http.names("objective."):
        row = http.read(name)
        before[name] = {"sdg_targets": row["sdg_targets"], "gcm_objectives": row["gcm_objectives"]}
        http.patch(name, sdg_targets=[], gcm_objectives=[])
    return before


def _relink_objectives(http: Http, before: dict) -> None:
    for name, links in before.items():
        http.patch(name, **links)


def _school_capacity_low(http: Http) -> None:
    http.patch("participation.ma_school", capacity_level="low")


def _train_the_school(http: Http) -> None:
    http.post(
        "capacity-activities",
        {
            "target_participation": http.id("participation.ma_school"),
            "topic": "other",
            "method": "accompaniment",
            "status": "planned",
            "description": "Trainers of the hospitality school co-teach a first intake with German trainers.",
        },
    )


# E2 ---------------------------------------------------------------------------------------------------------

#: Morocco's government participations (ministries, employment service, region): without them, no origin State.
ORIGIN_GOVERNMENT = (
    "participation.ma_employment",
    "participation.ma_foreign",
    "participation.ma_pes",
    "participation.ma_region",
)
EMPLOYERS = ("participation.de_employers", "participation.de_hotel", "participation.ma_employer")


def _origin_government_leaves(http: Http) -> dict:
    steering = http.read("governance_body.steering_committee")["members"]
    return {"rows": {name: http.delete(name) for name in ORIGIN_GOVERNMENT}, "steering": steering}


def _origin_government_returns(http: Http, before: dict) -> None:
    """Re-register the participations, and seat the origin ministry on the steering committee again."""
    renamed = {row["id"]: http.recreate(name, row)["id"] for name, row in before["rows"].items()}
    members = [renamed.get(member, member) for member in before["steering"]]
    http.patch("governance_body.steering_committee", members=members)


def _objectives_hidden(http: Http) -> None:
    http.patch_partnership(agreement_published=False)
    http.patch("objective.test_new_pathway", visibility="restricted")


def _clearance_needed(http: Http) -> None:
    http.patch_partnership(security_clearance_required=True)


def _clearance_obtained(http: Http) -> None:
    http.patch_partnership(security_clearance_obtained_on=datetime.date.today().isoformat())


def _gap_without_intermediary(http: Http) -> int:
    """IOM gives up its intermediary role, and a needed service turns out to have no provider: the gap's id."""
    _without_role(http, "participation.iom", "intermediary")
    gap = http.post("partner-gaps", {"service": "Pre-departure health screening in Béni Mellal", "resolved": False})
    return gap["id"]


def _capacity_for_the_gap(http: Http, gap: int) -> None:
    http.post(
        "capacity-activities",
        {
            "target_participation": http.id("participation.ma_pes"),
            "partner_gap": gap,
            "topic": "other",
            "method": "technical_assistance",
            "status": "planned",
            "description": "The employment service contracts and supervises regional clinics for the screening.",
        },
    )


# E3 ---------------------------------------------------------------------------------------------------------


def _me_budget_restored(http: Http, rows: dict) -> None:
    """POST the M&E line again; a share as the API answers it carries an ``id`` the POST refuses."""
    row = rows["cost_item.external_evaluation"]
    shares = [{key: value for key, value in share.items() if key != "id"} for share in row["shares"]]
    http.recreate("cost_item.external_evaluation", row, shares=shares)


def _matching_role_dropped(http: Http) -> dict:
    return {
        name: _without_role(http, name, "skills_matching") for name in ("participation.de_pes", "participation.ma_pes")
    }


def _restore_roles(http: Http, before: dict) -> None:
    for name, roles in before.items():
        http.patch(name, roles=roles)


CASES: list[Case] = [
    # E1 — long- and mid-term planning
    Case(
        "E1.R1",
        *_deleted("objective."),
        why="every objective is withdrawn, so nothing says what the partnership is for in the mid or long term",
    ),
    Case(
        "E1.R2",
        *_swap("objective_tension.pathway_vs_skills", status="open"),
        why="the tension between moving the best graduates and keeping skills at home is reopened at agreement",
    ),
    Case(
        "E1.R3",
        breaks=_forecast_and_anticipation_dropped,
        fixes=lambda http, rows: http.recreate("evidence.forecast", rows["forecast"]),
        why="the sector forecast is withdrawn and no skills-anticipation work is planned instead",
    ),
    Case(
        "E1.R4",
        *_swap("target_occupation.5120", automation_impact="unknown"),
        broken="warn",
        why="nobody has assessed how automation will change the demand for cooks",
    ),
    Case(
        "E1.R5",
        *_swap("partnership", climate_assessment=""),
        broken="warn",
        why="the climate and green-transition assessment of a climate-exposed sector is removed",
    ),
    Case(
        "E1.R6",
        breaks=_unlink_objectives,
        fixes=_relink_objectives,
        why="no objective is linked to an SDG target or a Global Compact objective",
    ),
    Case(
        "E1.R7",
        *_swap("partnership", flexibility_provisions=[]),
        why="the agreement no longer lets partners redirect funds or change sector or training",
    ),
    Case(
        "E1.R8",
        breaks=_end_within_one_cycle,
        fixes=lambda http, end_date: http.patch_partnership(end_date=end_date),
        broken="warn",
        why="a two-year scheme with public money and no follow-on plan",
    ),
    Case(
        "E1.R9",
        breaks=_school_capacity_low,
        fixes=_train_the_school,
        broken="warn",
        why="the origin training school's capacity is low and no capacity-building is planned for it",
    ),
    Case(
        "E1.R10",
        *_swap("pathway.skilled_worker", occupations=[]),
        why="cooks are trained for migration but the permit route no longer covers their occupation",
    ),
    # E2 — multi-stakeholder approach and policy coherence
    Case(
        "E2.R1",
        breaks=_origin_government_leaves,
        fixes=_origin_government_returns,
        why="Morocco's ministries, employment service and region all leave: no origin government is a party",
    ),
    Case(
        "E2.R2",
        *_deleted("participation.ma_employment", "participation.ma_foreign"),
        why="on the origin side only the employment service is left: one government portfolio",
    ),
    Case(
        "E2.R3",
        *_deleted(*EMPLOYERS),
        why="every employer and employers' organisation withdraws",
    ),
    Case(
        "E2.R4",
        *_swap("participation.de_union", joined_stage="agreement"),
        broken="warn",
        why="the only trade union is recorded as joining at the agreement, after design",
    ),
    Case(
        "E2.R5",
        *_deleted("governance_body."),
        why="no steering committee, operational committee or working group is recorded",
    ),
    Case(
        "E2.R6",
        breaks=_objectives_hidden,
        fixes=lambda http: http.patch_partnership(agreement_published=True),
        broken="warn",
        why="the agreement is unpublished and one objective is hidden from some partners",
    ),
    Case(
        "E2.R7",
        *_deleted("feasibility_study"),
        why="the agreement stage is reached with no feasibility study on record",
    ),
    Case(
        "E2.R8",
        *_swap("participation.de_hotel", business_case=""),
        broken="warn",
        why="the hotel group takes part as an employer without a written business case",
    ),
    Case(
        "E2.R9",
        breaks=_clearance_needed,
        fixes=_clearance_obtained,
        broken="warn",
        why="security clearance turns out to be required and has not been obtained",
    ),
    Case(
        "E2.R10",
        breaks=_gap_without_intermediary,
        fixes=_capacity_for_the_gap,
        broken="warn",
        why="a needed service has no provider and no intermediary organisation steps in",
    ),
    Case(
        "E2.R11",
        *_swap("partnership", diaspora_mapping_done_on=None),
        broken="warn",
        why="a diaspora organisation has roles but the diaspora was never mapped",
    ),
    # E3 — data and information for evidence-based design
    Case(
        "E3.R1",
        *_swap("data_need.sector.3", gap_owner=None),
        broken="warn",
        why="a gap in the information checklist has nobody responsible for filling it",
    ),
    Case(
        "E3.R2",
        *_swap("evidence.demand.MA", topics=["skills_supply"]),
        why="the only Moroccan evidence says nothing about labour demand",
    ),
    Case(
        "E3.R3",
        *_deleted("evidence.employer_survey"),
        why="the employers' skills survey is withdrawn: no employer or expert input in the sector",
    ),
    Case(
        "E3.R4",
        *_swap("evidence.employer_survey", topics=["qualifications_recognition"]),
        broken="warn",
        why="the employers' survey covers only the recognition of diplomas: skills needs rest on official data",
    ),
    Case(
        "E3.R5",
        *_swap("country.MA", lmis_includes_labour_migration=False),
        why="Morocco's labour-market information system leaves out labour migration and no support is planned",
    ),
    Case(
        "E3.R6",
        *_swap("indicator.trainees_enrolled", disaggregation=[]),
        broken="warn",
        why="a participant indicator is not split by sex",
    ),
    Case(
        "E3.R7",
        *_swap("data_sharing.sector_working_group", data_types=["vacancies"]),
        broken="warn",
        why="the corridor's data-sharing group exchanges vacancies only, not skills or certification needs",
    ),
    Case(
        "E3.R8",
        *_deleted("evidence_review"),
        why="the evidence was never reviewed with the social partners",
    ),
    Case(
        "E3.R9",
        breaks=_matching_role_dropped,
        fixes=_restore_roles,
        why="neither employment service is responsible for matching candidates to jobs",
    ),
    Case(
        "E3.R10",
        breaks=_deleted("cost_item.external_evaluation")[0],
        fixes=_me_budget_restored,
        broken="warn",
        why="the monitoring and evaluation budget line is dropped",
    ),
]
