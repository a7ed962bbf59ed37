"""Partnerships over the API: create, filter, order, stage, feasibility runs, catalogue, reference data."""

from __future__ import annotations

import pytest

from api.tests.support import make_run
from partnerships.models import Partnership
from partnerships.tests.factories import PartnershipCountryFactory, PartnershipFactory
from stakeholders.tests.factories import ParticipationFactory

pytestmark = pytest.mark.django_db


def test_a_partner_creates_a_partnership_its_organisation_leads(partner_api, employers_association):
    response = partner_api.post(
        "/api/v1/partnerships/",
        {"name": "Care workers corridor", "migration_types": ["temporary"], "lead_side": "destination"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert response["Location"].endswith(f"/api/v1/partnerships/{body['id']}/")
    assert body["version"] == 1
    assert [p["organisation"] for p in body["participations"]] == [employers_association.pk]
    assert partner_api.get(response["Location"]).status_code == 200


def test_a_partnership_needs_a_lead_among_the_clients_own_organisations(partner_api, unrelated_ministry):
    response = partner_api.post(
        "/api/v1/partnerships/", {"name": "Hijack", "lead_organisation": unrelated_ministry.pk}, format="json"
    )
    assert response.status_code == 400
    assert "lead_organisation" in response.json()["error"]["fields"]
    assert not Partnership.objects.filter(name="Hijack").exists()


def test_a_draft_partnership_can_be_deleted_but_a_submitted_one_is_kept(lead_api, partnership):
    partnership.review_round = 1
    partnership.save()
    response = lead_api.delete(f"/api/v1/partnerships/{partnership.pk}/")
    assert response.status_code == 400
    assert "close it" in response.json()["error"]["message"]
    assert Partnership.objects.filter(pk=partnership.pk).exists()
    missing_side = lead_api.post("/api/v1/partnerships/", {"name": "Typo"}, format="json")
    assert "lead_side" in missing_side.json()["error"]["fields"]
    created = lead_api.post("/api/v1/partnerships/", {"name": "Typo", "lead_side": "destination"}, format="json").json()
    assert "id" in created, created
    assert lead_api.delete(f"/api/v1/partnerships/{created['id']}/").status_code == 204


def test_the_stage_moves_one_step_forward_and_is_recorded(lead_api, partnership):
    url = f"/api/v1/partnerships/{partnership.pk}/stage/"
    # The exploration checklist has gaps (§5.1): refused with each gap, its wizard step and the rule reading it.
    refused = lead_api.post(url, {"to_stage": "assessment", "reason": "Screened."}, format="json")
    assert refused.status_code == 400
    error = refused.json()["error"]
    assert error["code"] == "open_gaps" and error["message"].startswith(
        "Before the partnership moves to the Assessment"
    )
    gap = next(gap for gap in error["gaps"] if gap["code"] == "security_clearance")
    assert (gap["step"], gap["step_label"], gap["rule"]) == ("actors_governance", "W3 Actors and governance", "E2.R9")
    partnership.refresh_from_db()
    assert partnership.stage == "exploration"
    response = lead_api.post(
        url, {"to_stage": "assessment", "reason": "Screened.", "acknowledge_gaps": True}, format="json"
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["to_stage"] == "assessment" and body["reason"] == "Screened."
    assert {gap["code"] for gap in body["open_gaps"]} == {gap["code"] for gap in error["gaps"]}
    skipped = lead_api.post(f"/api/v1/partnerships/{partnership.pk}/stage/", {"to_stage": "closed"}, format="json")
    assert skipped.status_code == 400
    assert "reason" in skipped.json()["error"]["fields"]


@pytest.fixture
def corridors(employers_association, partnership):
    """Three more partnerships of the client: MA→DE construction with a red flag, PH→DE high-skill, and none."""
    morocco = PartnershipFactory(name="Morocco–Germany", skill_levels=["low"], migration_types=["seasonal"])
    PartnershipCountryFactory(partnership=morocco, country="MA", side="origin")
    PartnershipCountryFactory(partnership=morocco, country="DE", side="destination")
    ParticipationFactory(partnership=morocco, organisation=employers_association)
    make_run(morocco, red_flags=["R.3"], recruitment_verdict="fail")
    philippines = PartnershipFactory(name="Philippines–Germany nurses", skill_levels=["high"])
    PartnershipCountryFactory(partnership=philippines, country="PH", side="origin")
    ParticipationFactory(partnership=philippines, organisation=employers_association)
    make_run(philippines, element_results={"E3": {"score": 40.0}}, overall_score=40)
    make_run(philippines, element_results={"E3": {"score": 90.0}}, overall_score=90)
    from skills.tests.factories import SectorFactory

    partnership.sectors.set([SectorFactory(code="construction")])
    return {"morocco": morocco, "philippines": philippines, "kosovo": partnership}


def _names(client, query):
    response = client.get(f"/api/v1/partnerships/?{query}")
    assert response.status_code == 200, response.json()
    return sorted(row["name"] for row in response.json()["results"])


def test_filters_by_country_side_sector_skill_level_and_migration_type(partner_api, corridors):
    assert _names(partner_api, "origin_country=ma") == ["Morocco–Germany"]
    assert _names(partner_api, "destination_country=MA") == []
    assert len(_names(partner_api, "country=DE")) == 2
    assert _names(partner_api, "sector=construction") == ["Germany–Kosovo construction skills partnership"]
    assert _names(partner_api, "skill_level=high") == ["Philippines–Germany nurses"]
    assert _names(partner_api, "migration_type=seasonal") == ["Morocco–Germany"]


def test_filters_by_the_latest_succeeded_run(partner_api, corridors):
    # The Philippines partnership's latest run scores E3 90 (an older one 40): it counts, the others do not.
    assert _names(partner_api, "min_score_E3=85") == ["Philippines–Germany nurses"]
    assert _names(partner_api, "element=E3&min_score=85") == ["Philippines–Germany nurses"]
    assert _names(partner_api, "red_flag=true") == ["Morocco–Germany"]
    assert _names(partner_api, "recruitment_verdict=fail") == ["Morocco–Germany"]
    assert "Morocco–Germany" not in _names(partner_api, "red_flag=false")


def test_filters_by_stage_review_status_search_and_updated_since(partner_api, corridors):
    assert len(_names(partner_api, "stage=exploration")) == 3
    assert _names(partner_api, "review_status=approved") == []
    assert _names(partner_api, "search=nurses") == ["Philippines–Germany nurses"]
    assert len(_names(partner_api, "updated_since=2000-01-01T00:00:00Z")) == 3


def test_the_list_has_a_stable_default_order_and_a_bounded_page_size(partner_api, corridors):
    response = partner_api.get("/api/v1/partnerships/?page_size=1000")
    assert response.status_code == 200
    rows = response.json()["results"]
    stamps = [row["updated_at"] for row in rows]
    assert stamps == sorted(stamps, reverse=True)
    ordered = [r["name"] for r in partner_api.get("/api/v1/partnerships/?ordering=name").json()["results"]]
    assert ordered == sorted(ordered)


def test_a_feasibility_check_is_accepted_and_its_result_read(
    partner_api, partnership, django_capture_on_commit_callbacks, midday
):
    """The last request reuses today's run; ``midday`` keeps midnight away from the whole test so that the run
    and the request asking again fall on the same local date."""
    from feasibility.services import feasibility_run_execute

    with django_capture_on_commit_callbacks() as enqueued:
        response = partner_api.post(f"/api/v1/partnerships/{partnership.pk}/feasibility-runs/", {}, format="json")
    assert response.status_code == 202
    assert len(enqueued) == 1  # the task is sent only once the request's transaction commits
    assert response["Location"] == response.json()["url"]
    assert partner_api.get(response["Location"]).json()["status"] == "queued"
    feasibility_run_execute(run_id=response.json()["id"])  # what the worker does
    run = partner_api.get(response["Location"]).json()
    assert run["status"] == "succeeded"
    assert (run["stage"], run["partnership_version"]) == (partnership.stage, partnership.version)
    assert [e["code"] for e in run["elements"]] == [f"E{n}" for n in range(1, 9)]
    first = run["elements"][0]["findings"][0]
    assert first["message_key"] and isinstance(first["message_params"], dict)
    assert "red_flags" in run["recruitment"]
    listed = partner_api.get(f"/api/v1/partnerships/{partnership.pk}/feasibility-runs/").json()
    assert [r["id"] for r in listed["results"]] == [run["id"]]
    again = partner_api.post(f"/api/v1/partnerships/{partnership.pk}/feasibility-runs/", {}, format="json")
    assert again.json()["reused"] is True  # unchanged data: today's run answers


def test_two_runs_are_compared(partner_api, partnership):
    a, b = make_run(partnership), make_run(partnership, overall_score=80)
    response = partner_api.get(f"/api/v1/feasibility-runs/compare/?a={a.pk}&b={b.pk}")
    assert response.status_code == 200, response.json()
    assert response.json()["overall_score"] == {"from": 70.0, "to": 80.0}
    assert partner_api.get(f"/api/v1/feasibility-runs/compare/?a={a.pk}").status_code == 400


def test_reviewers_may_request_a_check_but_not_change_data(reviewer_api, partnership):
    response = reviewer_api.post(f"/api/v1/partnerships/{partnership.pk}/feasibility-runs/", {}, format="json")
    assert response.status_code == 202


def test_the_rule_catalogue_and_elements_come_from_the_registry(partner_api):
    from feasibility.registry import REGISTRY
    from partnerships.tests.factories import ElementFactory

    ElementFactory(code="E3")
    rules = partner_api.get("/api/v1/rules/").json()
    assert [r["id"] for r in rules] == [spec.id for spec in REGISTRY.ordered()]
    assert partner_api.get("/api/v1/rules/E3.R2/").json()["element"] == "E3"
    assert partner_api.get("/api/v1/rules/E3.R999/").status_code == 404
    element = partner_api.get("/api/v1/elements/E3/").json()
    assert "E3.R2" in element["rules"]


def test_occupations_are_searchable_by_code_and_title(partner_api):
    from skills.tests.factories import OccupationFactory

    OccupationFactory(code="7112")
    OccupationFactory(code="2221")
    assert [o["code"] for o in partner_api.get("/api/v1/occupations/?code=7112").json()["results"]] == ["7112"]
    titles = partner_api.get("/api/v1/occupations/?search=7112").json()["results"]
    assert [o["code"] for o in titles] == ["7112"]
    assert partner_api.get("/api/v1/occupations/2221/").status_code == 200


def test_clients_are_throttled_with_a_429_and_retry_after(partner_api, settings):
    settings.API_THROTTLE_RATES = {"anon": "2/minute", "user": "3/minute", "feasibility_run": "1/minute"}
    # The cache starts empty (conftest.py) and is emptied again before the next test.
    statuses = [partner_api.get("/api/v1/partnerships/").status_code for _n in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = partner_api.get("/api/v1/partnerships/")
    assert response.json()["error"]["code"] == "throttled"
    assert int(response["Retry-After"]) > 0


def test_registering_a_running_scheme_over_the_api_records_the_gaps_and_the_reason(lead_api):
    body = {"name": "Seasonal scheme", "stage": "implementation", "lead_side": "destination"}
    no_reason = lead_api.post("/api/v1/partnerships/", body, format="json")
    assert no_reason.status_code == 400 and "stage_reason" in no_reason.json()["error"]["fields"]
    unacknowledged = lead_api.post("/api/v1/partnerships/", {**body, "stage_reason": "Runs since 2021."}, format="json")
    assert unacknowledged.status_code == 400 and unacknowledged.json()["error"]["code"] == "open_gaps"
    created = lead_api.post(
        "/api/v1/partnerships/", {**body, "stage_reason": "Runs since 2021.", "acknowledge_gaps": True}, format="json"
    )
    assert created.status_code == 201, created.json()
    changes = lead_api.get(f"/api/v1/partnerships/{created.json()['id']}/").json()
    from partnerships.models import StageChange

    change = StageChange.objects.get(partnership_id=created.json()["id"])
    assert (change.from_stage, change.to_stage, change.reason) == ("", "implementation", "Runs since 2021.")
    assert {"countries", "feasibility_study", "signed"} <= {gap["code"] for gap in change.open_gaps}
    assert changes["stage"] == "implementation"


def test_the_same_run_reads_in_english_french_and_spanish(partner_api, partnership):
    """Issue "Three languages for real": one stored run, three languages — the same outcomes, the messages and
    recommendations in the language asked for with Accept-Language, which Content-Language confirms."""
    from feasibility.services import feasibility_check_batch

    run = feasibility_check_batch(ids=[partnership.pk])[0]
    answers = {}
    for language in ("en", "fr", "es"):
        response = partner_api.get(f"/api/v1/feasibility-runs/{run.pk}/", headers={"accept-language": language})
        assert response.status_code == 200 and response["Content-Language"] == language
        answers[language] = [finding for element in response.json()["elements"] for finding in element["findings"]]
    outcomes = {language: [(f["rule"], f["outcome"]) for f in found] for language, found in answers.items()}
    assert outcomes["en"] == outcomes["fr"] == outcomes["es"] and outcomes["en"]
    keyed = [i for i, finding in enumerate(answers["en"]) if finding["message_key"]]
    assert keyed
    for i in keyed:
        english, french, spanish = (answers[language][i]["message"] for language in ("en", "fr", "es"))
        assert english != french and english != spanish and french != spanish, (english, french, spanish)
    assert answers["en"][keyed[0]]["recommendation"] != answers["fr"][keyed[0]]["recommendation"]
