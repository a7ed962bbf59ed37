"""Fixability cases of E7 (legal pathways), E8 (costs) and the ethical-recruitment rules R (SMP-DOMAIN §3, §7, §8)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from tests.fixability.harness import Case, Http, patch_back, patching

PATHWAY = "pathway.skilled_worker"
ARRANGEMENT = "recruitment_arrangement.MA-DE"
RECRUITER = "recruiter.ma_pes"
OCCUPATION = "5120"  # cooks, the worked example's target occupation

#
# Helpers
#


def _shares(http: Http, name: str) -> list[dict]:
    return http.read(name)["shares"]


def _put_shares(http: Http, name: str, shares: list[dict]) -> None:
    keep = ("payer", "organisation", "percent", "instrument", "timing", "risk_mitigation", "committed")
    body = [{key: share[key] for key in keep if share.get(key) is not None} for share in shares]
    http.request("PUT", f"{http.path_of(name)}shares/", {"shares": body})


def _migrant_pays_a_fifth_of_travel(http: Http) -> list[dict]:
    before = _shares(http, "cost_item.transport")
    employer = {**before[0], "percent": "80.00"}
    _put_shares(
        http, "cost_item.transport", [employer, {"payer": "migrant", "percent": "20.00", "instrument": "own_funds"}]
    )
    return before


def _patcher(name: str, **fields):
    """A ``breaks`` step that PATCHes ``fields`` of a row and returns their values before the change."""
    return patching({name: fields})


def _partnership_patcher(**fields):
    """:func:`_patcher` for the partnership's own fields."""
    return patching({"partnership": fields})


def _clauses_without(*dropped: str):
    """Take clauses out of the signed agreement's list; ``fixes`` puts the old list back."""

    def breaks(http: Http) -> list[str]:
        clauses = http.partnership()["agreement_clauses"]
        http.patch_partnership(agreement_clauses=[code for code in clauses if code not in dropped])
        return clauses

    return breaks


def _restore_clauses(http: Http, clauses: list[str]) -> None:
    http.patch_partnership(agreement_clauses=clauses)


def _today() -> datetime.date:
    return datetime.date.today()


#
# E7 — legal pathways
#


def _waiters_added(http: Http) -> None:
    """Waiters join the scheme, but the skilled-worker route lists only cooks."""
    http.post(
        "target-occupations",
        {"occupation": "5131", "places_per_year": 20, "destinations": [http.id("country.DE")]},
    )


def _route_covers_waiters(http: Http) -> None:
    http.patch(PATHWAY, occupations=[OCCUPATION, "5131"])


def _second_route_unmapped(http: Http) -> int:
    """A second route for cooks is recorded, with no procedure step mapped."""
    route = http.post(
        "pathways",
        {
            "name": "Recognition partnership permit (example)",
            "permit_kind": "residence_permit_work",
            "status": "existing",
            "destination_country": http.id("country.DE"),
            "origin_countries": [http.id("country.MA")],
            "occupations": [OCCUPATION],
            "skills_recognition_required": False,
        },
    )
    return route["id"]


def _map_second_route(http: Http, route: int) -> None:
    """Map the new route's journey along the continuum, step by step (the skilled-worker route's steps)."""
    keep = ("order", "name", "phase", "kind", "responsible", "typical_days")
    for name in http.names("pathway_step."):
        step = http.read(name)
        http.post("pathway-steps", {"pathway": route, **{key: step[key] for key in keep}}, in_partnership=False)


def _remote_track_added(http: Http) -> int:
    """A remote trial before relocation is offered, with none of its legal terms settled."""
    route = http.post(
        "pathways",
        {
            "name": "Remote trial before relocation (example)",
            "permit_kind": "remote_work",
            "status": "planned",
            "destination_country": http.id("country.DE"),
            "occupations": [OCCUPATION],
        },
    )
    return route["id"]


def _withdraw_remote_track(http: Http, route: int) -> None:
    http.request("DELETE", f"pathways/{route}/")


def _origin_short_of_cooks(http: Http) -> dict:
    """Morocco now lacks cooks, the route's admissions are fixed and no review trigger is recorded."""
    trigger = http.partnership()["admission_review_trigger"]
    http.patch("occupation_profile.MA", labour_status="shortage")
    http.patch(PATHWAY, admissions_adjustable=False)
    http.patch_partnership(admission_review_trigger="")
    return {"trigger": trigger}


def _scaling_safeguard_restored(http: Http, before: dict) -> None:
    http.patch(PATHWAY, admissions_adjustable=True)
    http.patch_partnership(admission_review_trigger=before["trigger"])


#
# E8 — costs
#


def _travel_lines_deleted(http: Http) -> list[tuple[str, dict]]:
    """The travel lines (transport, visa) are taken out of the cost table."""
    return [(name, http.delete(name)) for name in ("cost_item.transport", "cost_item.visa_immigration")]


def _travel_lines_recreated(http: Http, deleted: list[tuple[str, dict]]) -> None:
    for name, row in deleted:
        # A share's ``id`` is the deleted row's: the new item's shares are new rows.
        shares = [{key: value for key, value in share.items() if key != "id"} for share in row["shares"]]
        http.recreate(name, row, shares=shares)


def _shares_setter(name: str, shares):
    """A ``breaks`` step that replaces the shares of a cost item and returns the old set."""

    def breaks(http: Http) -> list[dict]:
        before = _shares(http, name)
        _put_shares(http, name, shares(http, before))
        return before

    return breaks


def _shares_restorer(name: str):
    def fixes(http: Http, before: list[dict]) -> None:
        _put_shares(http, name, before)

    return fixes


def _unpaid_skills_test(http: Http) -> int:
    """A new essential line (skills testing) is added before anybody agrees to pay it."""
    item = http.post(
        "cost-items",
        {"category": "pre_selection", "subitem": "skills_testing", "amount": "150", "currency": "EUR"},
    )
    return item["id"]


def _employers_pay_skills_test(http: Http, item: int) -> None:
    shares = [
        {
            "payer": "employer",
            "organisation": http.id("organisation.de_employers"),
            "percent": "100.00",
            "timing": "on_visa_grant",
        }
    ]
    http.request("PUT", f"cost-items/{item}/shares/", {"shares": shares})


def _employers_pay_travel_upfront(http: Http, before: list[dict]) -> list[dict]:
    """Employers pay travel before the visa is granted, with no guarantee or refund."""
    return [{**before[0], "timing": "upfront", "risk_mitigation": "none"}]


def _origin_pays_training_alone(http: Http, before: list[dict]) -> list[dict]:
    """Morocco's government takes over the whole training delivery in its own schools."""
    return [
        {
            "payer": "gov_origin",
            "organisation": http.id("organisation.ma_employment"),
            "percent": "100.00",
            "instrument": "budget",
        }
    ]


def _nobody_pays_transport(http: Http, before: list[dict]) -> list[dict]:
    """The employers withdraw from the travel line; nobody pays it now."""
    return []


def _scheme_running_without_actuals(http: Http) -> None:
    """The scheme moves on to implementation and no actual spending is recorded yet."""
    for stage in ("setup", "implementation"):
        http.request(
            "POST",
            f"partnerships/{http.pid}/stage/",
            {"to_stage": stage, "reason": "The agreement is signed; set-up is under way.", "acknowledge_gaps": True},
        )


def _first_year_accounts(http: Http) -> None:
    """Close last year's accounts: each line's actual cost (95 % of the plan) and the migrants deployed."""
    last_year = _today().year - 1
    partnership = http.partnership()
    quantity = {
        "fixed": 1,
        "per_migrant": partnership["planned_migrants_total"],
        "per_trainee": partnership["planned_trainees_total"],
    }
    for name in http.names("cost_item."):
        item = http.read(name)
        actual = Decimal(item["amount"]) * quantity[item["basis"]] * Decimal("0.95")
        http.patch(name, year=last_year, actual_amount=str(actual.quantize(Decimal("0.01"))))
    http.post(
        "indicator-values",
        {
            "indicator": http.id("indicator.migrants_deployed"),
            "value": str(partnership["planned_migrants_total"]),
            "measured_on": datetime.date(last_year, 12, 31).isoformat(),
            "collection_point": "during_employment",
        },
        in_partnership=False,
    )


#
# R — ethical recruitment
#


def _private_agency_added(http: Http) -> int:
    """A private agency joins the recruiters without IRIS certification."""
    organisation = http.post(
        "organisations",
        {"name": "Atlas Placement Agency (example)", "category": "recruiter_private", "country": "MA"},
        in_partnership=False,
    )
    recruiter = http.post(
        "recruiters",
        {
            "organisation": organisation["id"],
            "licence_country": "MA",
            "iris_status": "none",
            "sanction_status": "none",
            "uses_sub_agents": False,
        },
    )
    return recruiter["id"]


def _agency_certified(http: Http, recruiter: int) -> None:
    http.request(
        "PATCH",
        f"recruiters/{recruiter}/",
        {"iris_status": "certified", "iris_checked_on": (_today() - datetime.timedelta(days=30)).isoformat()},
    )


def _no_recruitment_complaints(http: Http) -> dict[str, list[str]]:
    """Every complaint channel narrows its remit to work after arrival (no recruitment complaints)."""
    recruitment = {"recruitment_fees", "contract_substitution", "document_retention"}
    before = {}
    for name in http.names("grievance_channel."):
        covers = http.read(name)["covers"]
        before[name] = covers
        http.patch(name, covers=[code for code in covers if code not in recruitment])
    return before


def _complaints_restored(http: Http, before: dict[str, list[str]]) -> None:
    for name, covers in before.items():
        http.patch(name, covers=covers)


ORIENTATIONS = (
    "continuum_provision.pre_departure.pre_departure_orientation",
    "continuum_provision.travel_arrival.reception_information",
)


def _orientations_dropped(http: Http) -> None:
    """Neither the pre-departure orientation nor the post-arrival information is provided any more."""
    for name in ORIENTATIONS:
        http.patch(name, status="not_provided")


def _orientations_provided(http: Http) -> None:
    for name in ORIENTATIONS:
        http.patch(name, status="provided")


def _nurses_from_senegal(http: Http) -> None:
    """Nurses join the scheme and Senegal, on WHO's safeguards list, becomes a second origin."""
    http.post("partnership-countries", {"country": "SN", "side": "origin", "languages": ["fr", "wo"]})
    http.post("target-occupations", {"occupation": "2221", "places_per_year": 10})


def _health_safeguards_agreed(http: Http) -> None:
    http.patch_partnership(
        health_workforce_safeguards=[
            "g2g_agreement",
            "origin_health_ministry_agreed",
            "origin_health_workforce_investment",
            "who_code_adherence",
        ]
    )


CASES: list[Case] = [
    # E7 — regular pathways, admission procedures and visas
    Case(
        "E7.R1",
        breaks=_waiters_added,
        fixes=_route_covers_waiters,
        why="a new target occupation (waiters) has no legal pathway to Germany",
    ),
    Case(
        "E7.R2",
        breaks=_second_route_unmapped,
        fixes=_map_second_route,
        why="a second route used for cooks has no procedure step mapped",
    ),
    Case(
        "E7.R3",
        breaks=_patcher("participation.de_interior", roles=["advisor"]),
        fixes=patch_back,
        why="the interior ministry no longer takes part as the permit authority",
    ),
    Case(
        "E7.R4",
        breaks=_patcher(PATHWAY, processing_days_observed=120),
        fixes=lambda http, before: http.patch(PATHWAY, processing_days_observed=75),
        broken="warn",
        why="visas are observed to take 120 days, above the 90-day limit; fast-tracking brings them to 75",
    ),
    Case(
        "E7.R5",
        breaks=_patcher(PATHWAY, employer_tied="single_employer", change_of_employer_allowed=False),
        fixes=lambda http, before: http.patch(PATHWAY, change_of_employer_allowed=True),
        why="the permit ties workers to one employer with no right to change and no safeguard",
    ),
    Case(
        "E7.R6",
        breaks=_patcher(PATHWAY, route_to_permanent_residence=False),
        fixes=patch_back,
        why="long-term migration is promised but the only route leads to no permanent residence",
    ),
    Case(
        "E7.R7",
        breaks=_patcher(PATHWAY, reentry_facilitated=False, multiple_entry=False),
        fixes=patch_back,
        why="a circular scheme on a route with neither facilitated re-entry nor multiple entry",
    ),
    Case(
        "E7.R8",
        breaks=_clauses_without("model_employment_contract", "equal_treatment", "health_social_benefits"),
        fixes=_restore_clauses,
        why="the agreement lacks three of the six BLMA clauses",
    ),
    Case(
        "E7.R9",
        breaks=_origin_short_of_cooks,
        fixes=_scaling_safeguard_restored,
        why="cooks become short in Morocco while admissions cannot be scaled and no trigger is set",
    ),
    Case(
        "E7.R10",
        breaks=_remote_track_added,
        fixes=_withdraw_remote_track,
        fixed="not_applicable",
        why="a remote-work track with no legal term settled; hospitality is not remote-feasible, so it is withdrawn",
    ),
    Case(
        "E7.R11",
        breaks=_patcher(PATHWAY, quota=True, quota_per_year=40),
        fixes=lambda http, before: http.patch(PATHWAY, quota_per_year=60),
        why="a yearly quota of 40 is below the 60 places planned",
    ),
    # E8 — cost reduction and sharing
    Case(
        "E8.R1",
        breaks=_travel_lines_deleted,
        fixes=_travel_lines_recreated,
        why="the travel category has no costed item",
    ),
    Case(
        "E8.R2",
        breaks=_shares_setter("cost_item.transport", _nobody_pays_transport),
        fixes=_shares_restorer("cost_item.transport"),
        why="an essential item (transport) has no payer",
    ),
    Case(
        "E8.R3",
        breaks=_unpaid_skills_test,
        fixes=_employers_pay_skills_test,
        broken="warn",
        why="an essential cost line is added before anyone agrees to pay it",
    ),
    Case(
        "E8.R4",
        breaks=_migrant_pays_a_fifth_of_travel,
        fixes=lambda http, before: _put_shares(http, "cost_item.transport", before),
        why="migrants pay a fifth of their travel, a recruitment-related cost",
    ),
    Case(
        "E8.R5",
        breaks=_shares_setter("cost_item.transport", _employers_pay_travel_upfront),
        fixes=_shares_restorer("cost_item.transport"),
        broken="warn",
        why="employers pay travel upfront with no guarantee or refund if the visa is refused",
    ),
    Case(
        "E8.R6",
        breaks=_clauses_without("cost_sharing"),
        fixes=_restore_clauses,
        why="the agreement has no cost-sharing clause",
    ),
    Case(
        "E8.R7",
        breaks=_patcher("cost_benefit_analysis.public_value_for_money", benefit_cost_ratio="0.80"),
        fixes=lambda http, before: http.patch(
            "cost_benefit_analysis.public_value_for_money", benefit_cost_ratio="1.15"
        ),
        broken="warn",
        why="the value-for-money analysis finds a benefit–cost ratio below 1; a redesigned scheme reaches 1.15",
    ),
    Case(
        "E8.R8",
        breaks=lambda http: http.delete("sustainability_plan"),
        fixes=lambda http, row: http.recreate("sustainability_plan", row),
        why="a donor-funded scheme using public money has no sustainability plan",
    ),
    Case(
        "E8.R9",
        breaks=_scheme_running_without_actuals,
        fixes=_first_year_accounts,
        broken="warn",
        why="the scheme runs but no actual spending or deployment is recorded",
    ),
    Case(
        "E8.R10",
        breaks=_partnership_patcher(public_subsidy_safeguards=["open_access_training", "employer_cofinancing"]),
        fixes=patch_back,
        broken="warn",
        why="public money pays for training but the funders' co-financing rules were not checked",
    ),
    Case(
        "E8.R11",
        breaks=_shares_setter("cost_item.training_delivery", _origin_pays_training_alone),
        fixes=_shares_restorer("cost_item.training_delivery"),
        broken="warn",
        why="the origin government pays the whole training delivery in its own schools",
    ),
    # R — ethical recruitment
    Case(
        "R.1",
        breaks=_clauses_without("ethical_recruitment", "employer_pays"),
        fixes=_restore_clauses,
        why="the agreement has neither a fair-recruitment nor an employer-pays clause",
    ),
    Case(
        "R.2",
        breaks=lambda http: http.delete(ARRANGEMENT),
        fixes=lambda http, row: http.recreate(ARRANGEMENT, row),
        why="the Morocco–Germany corridor has no recruitment arrangement",
    ),
    Case(
        "R.3",
        breaks=_migrant_pays_a_fifth_of_travel,
        fixes=lambda http, before: _put_shares(http, "cost_item.transport", before),
        why="a migrant share on a recruitment-related line (travel) breaks the employer-pays principle",
    ),
    Case(
        "R.4",
        breaks=_patcher(ARRANGEMENT, worker_financing="informal_lender"),
        fixes=lambda http, before: http.patch(ARRANGEMENT, worker_financing="grant"),
        why="workers borrow from informal lenders to take part; a grant replaces the loans",
    ),
    Case(
        "R.5",
        breaks=_patcher(RECRUITER, uses_sub_agents=True, sub_agents_licensed=False),
        fixes=lambda http, before: http.patch(RECRUITER, sub_agents_licensed=True),
        why="the recruiter uses unlicensed sub-agents",
    ),
    Case(
        "R.6",
        breaks=_private_agency_added,
        fixes=_agency_certified,
        broken="warn",
        why="a private agency without IRIS certification joins the recruiters",
    ),
    Case(
        "R.7",
        breaks=_patcher(RECRUITER, monitoring_body=None),
        fixes=patch_back,
        why="no recruiter has a monitoring body",
    ),
    Case(
        "R.8",
        breaks=_patcher(ARRANGEMENT, contract_languages=["de"]),
        fixes=lambda http, before: http.patch(ARRANGEMENT, contract_languages=["ar", "fr", "de"]),
        why="the contract is only in German, which the workers do not read",
    ),
    Case(
        "R.9",
        breaks=_patcher(ARRANGEMENT, substitution_incidents_open=2),
        fixes=lambda http, before: http.patch(ARRANGEMENT, substitution_incidents_open=0),
        why="two contract-substitution cases are open",
    ),
    Case(
        "R.10",
        breaks=_patcher(ARRANGEMENT, passport_retention_allowed=True),
        fixes=patch_back,
        why="employers or recruiters may keep workers' passports",
    ),
    Case(
        "R.11",
        breaks=_patcher(PATHWAY, exit_permit_required=True),
        fixes=patch_back,
        why="the route requires the employer's permission to leave the country",
    ),
    Case(
        "R.12",
        breaks=_no_recruitment_complaints,
        fixes=_complaints_restored,
        why="no complaint channel accepts recruitment complaints",
    ),
    Case(
        "R.13",
        breaks=_orientations_dropped,
        fixes=_orientations_provided,
        why="neither a pre-departure orientation nor post-arrival information is provided",
    ),
    Case(
        "R.14",
        breaks=_nurses_from_senegal,
        fixes=_health_safeguards_agreed,
        why="nurses recruited from a country on WHO's safeguards list without its safeguards",
    ),
    Case(
        "R.15",
        breaks=_patcher(ARRANGEMENT, monitoring_body=None),
        fixes=patch_back,
        why="no recruitment corridor has a monitoring body",
    ),
]
