"""Rows of the stakeholders, skills and costs apps over the API (partner gaps … sustainability plans), and the
read-only reference tables they point to (qualification frameworks and levels, WHO safeguards list,
currencies): writes by the lead bump the version, outsiders get 404, reviewers 403, model validation a 400 on
the field, and list pages cost the same queries for 5 rows or 50."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from costs.tests.factories import CostBenefitAnalysisFactory, SustainabilityPlanFactory
from partnerships.models import Partnership
from partnerships.tests.factories import PartnershipCountryFactory, PartnershipFactory
from recruitment.tests.factories import WhoSslEntryFactory
from skills.tests import factories as sf
from stakeholders.tests.factories import (
    CapacityActivityFactory,
    GovernanceBodyFactory,
    ParticipationFactory,
    PartnerGapFactory,
)

pytestmark = pytest.mark.django_db


@dataclass
class Case:
    """One collection: how to add a row of ``partnership``, a payload creating one, a change, and a payload
    the model refuses (``invalid_field`` names the field the 400 is about)."""

    path: str
    make: Callable[[Any], Any]
    create: dict
    update: dict
    invalid: dict
    invalid_field: str


@pytest.fixture
def other(dest_ministry):
    """A second partnership the lead also takes part in: its rows pass the visibility check, not the model's."""
    other = PartnershipFactory(name="Germany–Albania care partnership")
    country = PartnershipCountryFactory(partnership=other, country="AL", side="origin")
    participation = ParticipationFactory(partnership=other, organisation=dest_ministry)
    return {
        "country": country,
        "participation": participation,
        "body": GovernanceBodyFactory(partnership=other),
        "evidence": sf.LabourMarketEvidenceFactory(partnership=other),
    }


def _profile(partnership, n=0):
    occupation = sf.OccupationFactory(code=str(8100 + n))
    target = sf.TargetOccupationFactory(partnership=partnership, occupation=occupation)
    return sf.OccupationProfileFactory(target_occupation=target, country=partnership.countries.get(country="DE"))


def _capacity_activity(partnership, n=0):
    return CapacityActivityFactory(target_participation=partnership.participations.order_by("id").first())


def _sustainability_plan(partnership, n=0):
    # One plan per partnership: every further row needs a partnership of its own (the lead's organisation in it).
    if n:
        lead = partnership.participations.order_by("id").first().organisation
        partnership = PartnershipFactory(name=f"Scheme {n}")
        ParticipationFactory(partnership=partnership, organisation=lead)
    return SustainabilityPlanFactory(partnership=partnership)


def build_cases(partnership, other) -> dict[str, Case]:
    p = partnership.pk
    de = partnership.countries.get(country="DE")
    participation = partnership.participations.order_by("id").first()
    target = sf.TargetOccupationFactory(partnership=partnership, occupation=sf.OccupationFactory(code="7115"))
    cases = [
        Case(
            "partner-gaps",
            lambda partnership, n=0: PartnerGapFactory(partnership=partnership),
            {"partnership": p, "service": "Pre-departure orientation"},
            {"resolved": True},
            {"partnership": p, "service": ""},
            "service",
        ),
        Case(
            "capacity-activities",
            _capacity_activity,
            {"partnership": p, "target_participation": participation.pk, "topic": "matching", "method": "workshop"},
            {"status": "done"},
            {
                "partnership": p,
                "target_participation": other["participation"].pk,
                "topic": "matching",
                "method": "workshop",
            },
            "target_participation",
        ),
        Case(
            "occupation-profiles",
            _profile,
            {"target_occupation": target.pk, "country": de.pk, "labour_status": "shortage", "regulated": True},
            {"recognition_route": "licensing_exam", "recognition_weeks": 12},
            {"target_occupation": target.pk, "country": other["country"].pk},
            "country",
        ),
        Case(
            "skills-documentation-tools",
            lambda partnership, n=0: sf.SkillsDocumentationToolFactory(partnership=partnership),
            {"partnership": p, "kind": "skills_passport", "name": "Europass", "languages": ["de", "sq"]},
            {"name": "Europass CV"},
            {"partnership": p, "kind": "skills_passport", "name": "Europass", "languages": ["zz"]},
            "languages.0",
        ),
        Case(
            "data-needs",
            lambda partnership, n=0: sf.DataNeedFactory(partnership=partnership, prompt_code=f"custom.{n + 1}"),
            {"partnership": p, "prompt_code": "partner.2", "status": "answered", "answer": "From the survey."},
            {"status": "partly_answered"},
            {"partnership": p, "prompt_code": "partner.3", "status": "answered", "evidence": [other["evidence"].pk]},
            "evidence",
        ),
        Case(
            "evidence-reviews",
            lambda partnership, n=0: sf.EvidenceReviewFactory(partnership=partnership),
            {"partnership": p, "held_on": "2026-03-01", "participants": [participation.pk]},
            {"conclusions": "Shortage of bricklayers confirmed."},
            {"partnership": p, "held_on": "2026-03-01", "participants": [other["participation"].pk]},
            "participants",
        ),
        Case(
            "data-sharing-arrangements",
            lambda partnership, n=0: sf.DataSharingArrangementFactory(partnership=partnership),
            {"partnership": p, "kind": "online_platform", "data_types": ["skills_needs"]},
            {"started_on": "2026-02-01"},
            {"partnership": p, "kind": "sector_working_group", "governance_body": other["body"].pk},
            "governance_body",
        ),
        Case(
            "cost-benefit-analyses",
            lambda partnership, n=0: CostBenefitAnalysisFactory(partnership=partnership),
            {"partnership": p, "kind": "employer_roi", "participation": participation.pk, "price_currency": "EUR"},
            {"benefit_cost_ratio": "2.10"},
            {"partnership": p, "kind": "employer_roi", "participation": other["participation"].pk},
            "participation",
        ),
        Case(
            "sustainability-plans",
            _sustainability_plan,
            {"partnership": p, "mechanisms": ["levy", "training_fund"], "mechanisms_tested": ["levy"]},
            {"target_year": 2031},
            {"partnership": p, "mechanisms": ["levy"], "mechanisms_tested": ["training_fund"]},
            "mechanisms_tested",
        ),
    ]
    return {case.path: case for case in cases}


PATHS = [
    "partner-gaps",
    "capacity-activities",
    "occupation-profiles",
    "skills-documentation-tools",
    "data-needs",
    "evidence-reviews",
    "data-sharing-arrangements",
    "cost-benefit-analyses",
    "sustainability-plans",
]


@pytest.fixture
def cases(partnership, other):
    return build_cases(partnership, other)


def version_of(partnership) -> int:
    return Partnership.objects.values_list("version", flat=True).get(pk=partnership.pk)


@pytest.mark.parametrize("path", PATHS)
def test_the_lead_creates_changes_and_deletes_a_row_each_raising_the_version(path, cases, lead_api, partnership):
    case = cases[path]
    before = version_of(partnership)
    created = lead_api.post(f"/api/v1/{path}/", case.create, format="json")
    assert created.status_code == 201, created.json()
    assert created["ETag"] == f'W/"{before + 1}"'
    location = created["Location"]
    assert location.endswith(f"/api/v1/{path}/{created.json()['id']}/")
    changed = lead_api.patch(location, {**case.update, "version": before + 1}, format="json")
    assert changed.status_code == 200, changed.json()
    assert all(changed.json()[name] == value for name, value in case.update.items())
    assert version_of(partnership) == before + 2
    stale = lead_api.patch(location, {**case.update, "version": before}, format="json")
    assert stale.status_code == 409
    assert lead_api.delete(location).status_code == 204
    assert lead_api.get(location).status_code == 404
    assert version_of(partnership) == before + 3


@pytest.mark.parametrize("path", PATHS)
def test_a_row_the_model_refuses_is_a_400_on_its_field_and_changes_nothing(path, cases, lead_api, partnership):
    case = cases[path]
    before = version_of(partnership)
    response = lead_api.post(f"/api/v1/{path}/", case.invalid, format="json")
    assert response.status_code == 400, response.json()
    assert case.invalid_field in response.json()["error"]["fields"], response.json()
    assert version_of(partnership) == before


@pytest.mark.parametrize("path", PATHS)
def test_outsiders_get_404_and_reviewers_read_but_cannot_write(path, cases, outsider_api, reviewer_api, partnership):
    case = cases[path]
    row = case.make(partnership)
    detail = f"/api/v1/{path}/{row.pk}/"
    before = version_of(partnership)
    assert outsider_api.get(detail).status_code == 404
    assert outsider_api.patch(detail, case.update, format="json").status_code == 404
    assert outsider_api.delete(detail).status_code == 404
    assert outsider_api.post(f"/api/v1/{path}/", case.create, format="json").status_code == 404
    assert outsider_api.get(f"/api/v1/{path}/").json()["count"] == 0
    assert reviewer_api.get(detail).status_code == 200
    assert reviewer_api.post(f"/api/v1/{path}/", case.create, format="json").status_code == 403
    assert reviewer_api.patch(detail, case.update, format="json").status_code == 403
    assert reviewer_api.delete(detail).status_code == 403
    assert version_of(partnership) == before


@pytest.mark.parametrize("path", PATHS)
def test_list_pages_cost_the_same_queries_for_5_or_50_rows(
    path, cases, lead_api, partnership, django_assert_max_num_queries
):
    case = cases[path]
    url = f"/api/v1/{path}/?page_size=100"
    lead_api.get(url)  # records the key's use, so later requests skip that update
    counts, made = [], 0
    for total in (5, 50):
        while made < total:
            made += 1
            case.make(partnership, made)
        with CaptureQueriesContext(connection) as captured:
            response = lead_api.get(url)
        assert response.json()["count"] == total
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
    # key, count, page, and one query per prefetched relation (evidence reviews have two)
    with django_assert_max_num_queries(5):
        lead_api.get(url)


#
# Occupation profiles: written under their target occupation
#


def test_a_profile_under_a_target_occupation_the_client_cannot_see_is_a_404(lead_api, outsider_api, partnership):
    hidden = PartnershipFactory(name="Somebody else's partnership")
    country = PartnershipCountryFactory(partnership=hidden, country="PH", side="origin")
    target = sf.TargetOccupationFactory(partnership=hidden, occupation=sf.OccupationFactory(code="2221"))
    response = lead_api.post(
        "/api/v1/occupation-profiles/", {"target_occupation": target.pk, "country": country.pk}, format="json"
    )
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    mine = sf.TargetOccupationFactory(partnership=partnership, occupation=sf.OccupationFactory(code="7112"))
    de = partnership.countries.get(country="DE")
    body = {"target_occupation": mine.pk, "country": de.pk}
    assert outsider_api.post("/api/v1/occupation-profiles/", body, format="json").status_code == 404
    bad_id = lead_api.post("/api/v1/occupation-profiles/", {"target_occupation": "x"}, format="json")
    assert bad_id.status_code == 400 and "target_occupation" in bad_id.json()["error"]["fields"]


def test_a_profile_cannot_move_to_another_partnerships_target_occupation(lead_api, partnership, other):
    profile = _profile(partnership)
    elsewhere = sf.TargetOccupationFactory(
        partnership=other["country"].partnership, occupation=sf.OccupationFactory(code="5322")
    )
    response = lead_api.patch(
        f"/api/v1/occupation-profiles/{profile.pk}/", {"target_occupation": elsewhere.pk}, format="json"
    )
    assert response.status_code == 400
    assert "target_occupation" in response.json()["error"]["fields"]
    listed = lead_api.get(f"/api/v1/occupation-profiles/?target_occupation={profile.target_occupation_id}").json()
    assert [row["id"] for row in listed["results"]] == [profile.pk]
    assert lead_api.get(f"/api/v1/occupation-profiles/?partnership={partnership.pk}").json()["count"] == 1


def test_a_second_profile_for_the_same_country_is_a_400(lead_api, partnership):
    profile = _profile(partnership)
    body = {"target_occupation": profile.target_occupation_id, "country": profile.country_id}
    response = lead_api.post("/api/v1/occupation-profiles/", body, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"


def test_a_partnership_has_one_sustainability_plan_and_a_second_is_a_clear_400(lead_api, partnership):
    plan = SustainabilityPlanFactory(partnership=partnership)
    before = version_of(partnership)
    response = lead_api.post(
        "/api/v1/sustainability-plans/", {"partnership": partnership.pk, "mechanisms": ["levy"]}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["partnership"] == [
        f"This partnership already has a sustainability plan (id {plan.pk}): change that one."
    ]
    assert version_of(partnership) == before


#
# Reference tables
#


def test_qualification_frameworks_and_levels_are_listed_searched_and_read_only(lead_api):
    eqf = sf.QualificationFrameworkFactory(code="EQF", name="European Qualifications Framework")
    sf.QualificationFrameworkFactory(code="AQRF", name="ASEAN Qualifications Reference Framework", region_name="ASEAN")
    level = sf.QualificationLevelFactory(framework=eqf, level="4", title="Level 4")
    sf.QualificationLevelFactory(framework=eqf, level="5", title="Level 5")
    frameworks = lead_api.get("/api/v1/qualification-frameworks/?search=european").json()
    assert [row["code"] for row in frameworks["results"]] == ["EQF"]
    assert lead_api.get("/api/v1/qualification-frameworks/").json()["count"] == 2
    levels = lead_api.get(f"/api/v1/qualification-levels/?framework={eqf.pk}&search=4").json()
    assert [row["id"] for row in levels["results"]] == [level.pk]
    assert lead_api.get(f"/api/v1/qualification-levels/{level.pk}/").json()["framework"] == eqf.pk
    assert lead_api.post("/api/v1/qualification-levels/", {"level": "9"}, format="json").status_code == 405


def test_the_who_safeguards_list_is_listed_by_edition_and_searched_by_country(lead_api):
    WhoSslEntryFactory(country="NG", edition=2023)
    WhoSslEntryFactory(country="PK", edition=2023)
    WhoSslEntryFactory(country="NG", edition=2020)
    rows = lead_api.get("/api/v1/who-ssl-entries/").json()["results"]
    assert [(row["country"], row["edition"]) for row in rows] == [("NG", 2023), ("PK", 2023), ("NG", 2020)]
    found = lead_api.get("/api/v1/who-ssl-entries/?search=pk").json()["results"]
    assert [row["country"] for row in found] == ["PK"]
    assert lead_api.get("/api/v1/who-ssl-entries/?edition=2020").json()["count"] == 1
    assert lead_api.get("/api/v1/who-ssl-entries/?country=ng").json()["count"] == 2


def test_currencies_are_iso_4217_codes_with_names_searchable_and_paginated(lead_api, anonymous_api):
    page = lead_api.get("/api/v1/currencies/").json()
    assert set(page) == {"count", "next", "previous", "results"}
    assert page["count"] > 150 and len(page["results"]) == 25
    assert lead_api.get("/api/v1/currencies/?search=eur").json()["results"][0] == {"code": "EUR", "name": "Euro"}
    dollars = lead_api.get("/api/v1/currencies/?search=dollar&page_size=100").json()["results"]
    assert {"USD", "AUD"} <= {row["code"] for row in dollars}
    assert all("dollar" in row["name"].lower() for row in dollars)
    assert lead_api.get("/api/v1/currencies/?search=nothing+like+it").json()["count"] == 0
    assert anonymous_api.get("/api/v1/currencies/").status_code == 401
