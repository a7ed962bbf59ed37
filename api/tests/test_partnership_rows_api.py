"""The partnerships app's remaining rows over the API (tensions, indicator values, feasibility study,
evaluations, linked initiatives, business linkages, pathway steps), the stage-change audit, and the reference
tables (countries, SDG targets, Global Compact objectives).

Each row resource is written as the lead over HTTP: every write raises the partnership's version, an outsider
gets 404, a reviewer 403, and a model or serializer rule answers 400 on the field to fix. Indicator values and
pathway steps name their parent (``indicator``, ``pathway``) instead of the partnership.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api.tests.support import running
from partnerships import models as m
from partnerships.tests import factories as pf
from stakeholders.tests.factories import OrganisationFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


def version_of(partnership) -> int:
    return m.Partnership.objects.values_list("version", flat=True).get(pk=partnership.pk)


@dataclass
class Row:
    """A collection, a payload creating a row in the partnership, a change, and a refused payload."""

    path: str
    payload: dict
    change: dict
    invalid: dict
    invalid_field: str

    @property
    def collection(self) -> str:
        return f"/api/v1/{self.path}/"


def _tension(p) -> Row:
    a, b = pf.ObjectiveFactory(partnership=p), pf.ObjectiveFactory(partnership=p, kind="employer_recruitment")
    payload = {"partnership": p.pk, "objective_a": a.pk, "objective_b": b.pk}
    return Row("objective-tensions", payload, {"status": "mitigated"}, {"objective_b": a.pk}, "objective_b")


def _indicator_value(p) -> Row:
    # Values are recorded only while the partnership runs (E8.R9); test_monitoring_api.py checks the refusal.
    running(p)
    indicator = pf.IndicatorFactory(partnership=p)
    payload = {"indicator": indicator.pk, "collection_point": "end_of_training", "measured_on": "2026-06-30"}
    payload["value"] = "40"
    # The indicator is quantitative: a value that is not a number is refused by the model's clean().
    return Row("indicator-values", payload, {"value": "45.5"}, {"value": "about forty"}, "value")


def _feasibility_study(p) -> Row:
    payload = {"partnership": p.pk, "started_on": "2025-01-01", "scope": ["legal", "costs"]}
    # A list of codes: the error names the position of the unknown one.
    return Row("feasibility-studies", payload, {"completed_on": "2025-06-30"}, {"scope": ["astrology"]}, "scope.0")


def _evaluation(p) -> Row:
    payload = {"partnership": p.pk, "kind": "external", "completed_on": "2028-06-30"}
    return Row("evaluations", payload, {"summary": "Placement rate 80 %."}, {"document_url": "no link"}, "document_url")


def _linked_initiative(p) -> Row:
    xk = p.countries.get(country="XK")
    other = pf.PartnershipCountryFactory(partnership=pf.PartnershipFactory(), country="MA", side="origin")
    payload = {"partnership": p.pk, "kind": "oda_programme", "name": "Vocational training fund", "country": xk.pk}
    return Row("linked-initiatives", payload, {"name": "VET fund"}, {"country": other.pk}, "country")


def _business_linkage(p) -> Row:
    destination = OrganisationFactory(name="Bau GmbH", country="DE")
    origin = OrganisationFactory(name="Ndërtimi sh.p.k.", country="XK")
    payload = {"partnership": p.pk, "kind": "sme_matchmaking", "destination_org": destination.pk}
    payload["origin_org"] = origin.pk
    return Row("business-linkages", payload, {"status": "done"}, {"jobs_created_origin": -3}, "jobs_created_origin")


def _pathway_step(p) -> Row:
    pathway = pf.PathwayFactory(partnership=p, destination_country=p.countries.get(country="DE"))
    payload = {"pathway": pathway.pk, "name": "Visa appointment", "phase": "pre_departure", "kind": "visa_work_permit"}
    # A procedure of another phase: the model's clean() names the kind.
    return Row("pathway-steps", payload, {"typical_days": 21}, {"kind": "border_security"}, "kind")


ROWS = {
    "objective-tensions": _tension,
    "indicator-values": _indicator_value,
    "feasibility-studies": _feasibility_study,
    "evaluations": _evaluation,
    "linked-initiatives": _linked_initiative,
    "business-linkages": _business_linkage,
    "pathway-steps": _pathway_step,
}

#: A stored row of each resource, made directly (for the refusals, where nothing may be written).
STORED = {
    "objective-tensions": lambda p: pf.ObjectiveTensionFactory(partnership=p),
    "indicator-values": lambda p: pf.IndicatorValueFactory(indicator=pf.IndicatorFactory(partnership=p)),
    "feasibility-studies": lambda p: pf.FeasibilityStudyFactory(partnership=p),
    "evaluations": lambda p: pf.EvaluationFactory(partnership=p),
    "linked-initiatives": lambda p: pf.LinkedInitiativeFactory(partnership=p),
    "business-linkages": lambda p: pf.BusinessLinkageFactory(partnership=p),
    "pathway-steps": lambda p: pf.PathwayStepFactory(
        pathway=pf.PathwayFactory(partnership=p, destination_country=p.countries.get(country="DE"))
    ),
}


def _error_fields(response) -> dict[str, Any]:
    body = response.json()
    assert set(body) == {"error"}, body
    return body["error"]["fields"]


#
# Writes as the lead
#


@pytest.mark.parametrize("path", list(ROWS))
def test_the_lead_creates_changes_and_deletes_a_row_and_each_write_raises_the_version(lead_api, partnership, path):
    row = ROWS[path](partnership)
    before = version_of(partnership)
    created = lead_api.post(row.collection, row.payload, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert created["Location"].endswith(f"{row.collection}{body['id']}/")
    assert created["ETag"] == f'W/"{before + 1}"'
    assert version_of(partnership) == before + 1
    detail = created["Location"]
    assert lead_api.get(detail).json()["id"] == body["id"]

    changed = lead_api.patch(detail, {**row.change, "version": before + 1}, format="json")
    assert changed.status_code == 200, changed.json()
    for name, value in row.change.items():
        assert changed.json()[name] == value
    assert version_of(partnership) == before + 2

    stale = lead_api.patch(detail, {**row.change, "version": before + 1}, format="json")
    assert stale.status_code == 409

    deleted = lead_api.delete(detail)
    assert deleted.status_code == 204
    assert version_of(partnership) == before + 3
    assert lead_api.get(detail).status_code == 404


@pytest.mark.parametrize("path", list(ROWS))
def test_a_rule_broken_is_a_400_on_the_field_and_nothing_is_written(lead_api, partnership, path):
    row = ROWS[path](partnership)
    model_count = len(lead_api.get(f"{row.collection}?partnership={partnership.pk}").json()["results"])
    before = version_of(partnership)
    response = lead_api.post(row.collection, {**row.payload, **row.invalid}, format="json")
    assert response.status_code == 400, response.json()
    assert row.invalid_field in _error_fields(response), response.json()
    assert version_of(partnership) == before
    assert len(lead_api.get(f"{row.collection}?partnership={partnership.pk}").json()["results"]) == model_count


@pytest.mark.parametrize("path", list(ROWS))
def test_an_outsider_sees_nothing_and_writes_nothing(outsider_api, partnership, path):
    row = ROWS[path](partnership)
    stored = STORED[path](partnership)
    before = version_of(partnership)
    assert outsider_api.get(row.collection).json()["count"] == 0
    assert outsider_api.get(f"{row.collection}{stored.pk}/").status_code == 404
    assert outsider_api.post(row.collection, row.payload, format="json").status_code == 404
    assert outsider_api.patch(f"{row.collection}{stored.pk}/", row.change, format="json").status_code == 404
    assert outsider_api.delete(f"{row.collection}{stored.pk}/").status_code == 404
    assert version_of(partnership) == before


@pytest.mark.parametrize("path", list(ROWS))
def test_a_reviewer_reads_but_cannot_write(reviewer_api, partnership, path):
    row = ROWS[path](partnership)
    stored = STORED[path](partnership)
    before = version_of(partnership)
    detail = f"{row.collection}{stored.pk}/"
    assert reviewer_api.get(detail).status_code == 200
    payload = {**row.payload}
    if path == "feasibility-studies":
        payload["partnership"] = pf.PartnershipFactory().pk  # this partnership has its study already
    assert reviewer_api.post(row.collection, payload, format="json").status_code == 403
    assert reviewer_api.patch(detail, row.change, format="json").status_code == 403
    assert reviewer_api.delete(detail).status_code == 403
    assert version_of(partnership) == before
    assert type(stored).objects.filter(pk=stored.pk).exists()


#
# Rows under a parent, the one study per partnership
#


def test_a_value_for_an_indicator_the_client_cannot_see_is_a_404(lead_api, partnership):
    hidden = pf.IndicatorFactory()  # another partnership's
    payload = {"indicator": hidden.pk, "collection_point": "end_of_training", "measured_on": "2026-06-30"}
    response = lead_api.post("/api/v1/indicator-values/", {**payload, "value": "3"}, format="json")
    assert response.status_code == 404
    assert not m.IndicatorValue.objects.exists()
    bad_id = lead_api.post("/api/v1/indicator-values/", {**payload, "indicator": "seven"}, format="json")
    assert bad_id.status_code == 400 and "indicator" in _error_fields(bad_id)


def test_a_step_keeps_its_pathway_and_is_filtered_by_pathway_and_partnership(lead_api, partnership):
    step = STORED["pathway-steps"](partnership)
    other = pf.PathwayFactory(partnership=partnership, destination_country=step.pathway.destination_country)
    moved = lead_api.patch(f"/api/v1/pathway-steps/{step.pk}/", {"pathway": other.pk}, format="json")
    assert moved.status_code == 400 and "pathway" in _error_fields(moved)
    same = lead_api.patch(f"/api/v1/pathway-steps/{step.pk}/", {"pathway": step.pathway_id}, format="json")
    assert same.status_code == 200
    pf.PathwayStepFactory()  # a step of another partnership
    for query in (f"pathway={step.pathway_id}", f"partnership={partnership.pk}"):
        rows = lead_api.get(f"/api/v1/pathway-steps/?{query}").json()["results"]
        assert [r["id"] for r in rows] == [step.pk]
    assert lead_api.get(f"/api/v1/pathway-steps/?pathway={other.pk}").json()["results"] == []


def test_a_second_feasibility_study_is_a_clear_400_on_the_partnership(lead_api, partnership):
    payload = {"partnership": partnership.pk, "scope": ["legal"]}
    assert lead_api.post("/api/v1/feasibility-studies/", payload, format="json").status_code == 201
    again = lead_api.post("/api/v1/feasibility-studies/", payload, format="json")
    assert again.status_code == 400
    fields = _error_fields(again)
    assert "partnership" in fields, fields
    assert m.FeasibilityStudy.objects.filter(partnership=partnership).count() == 1


def test_a_study_completed_before_it_started_is_refused_in_words(lead_api, partnership):
    payload = {"partnership": partnership.pk, "started_on": "2025-06-01", "completed_on": "2025-01-01"}
    response = lead_api.post("/api/v1/feasibility-studies/", payload, format="json")
    assert response.status_code == 400
    assert "completed before it started" in response.json()["error"]["message"]


#
# The stage-change audit
#


def test_stage_changes_are_read_only_and_filtered_by_partnership(lead_api, outsider_api, partnership):
    response = lead_api.post(
        f"/api/v1/partnerships/{partnership.pk}/stage/",
        {"to_stage": "assessment", "reason": "Screened.", "acknowledge_gaps": True},
        format="json",
    )
    assert response.status_code == 200, response.json()
    pf.StageChangeFactory()  # another partnership's
    rows = lead_api.get(f"/api/v1/stage-changes/?partnership={partnership.pk}").json()["results"]
    assert [(r["to_stage"], r["reason"]) for r in rows][0] == ("assessment", "Screened.")
    assert {r["partnership"] for r in rows} == {partnership.pk}
    assert lead_api.post("/api/v1/stage-changes/", {"partnership": partnership.pk}, format="json").status_code == 405
    assert lead_api.delete(f"/api/v1/stage-changes/{rows[0]['id']}/").status_code == 405
    assert outsider_api.get(f"/api/v1/stage-changes/{rows[0]['id']}/").status_code == 404


#
# Constant queries
#

LIST_PATHS = [
    "objective-tensions",
    "indicator-values",
    "feasibility-studies",
    "evaluations",
    "linked-initiatives",
    "business-linkages",
    "pathway-steps",
    "stage-changes",
]


def _grow(partnership, dest_ministry, count):
    de = partnership.countries.get(country="DE")
    pathway = pf.PathwayFactory(partnership=partnership, destination_country=de)
    indicator = pf.IndicatorFactory(partnership=partnership)
    for _n in range(count):
        pf.ObjectiveTensionFactory(partnership=partnership)
        pf.IndicatorValueFactory(indicator=indicator)
        pf.EvaluationFactory(partnership=partnership)
        pf.LinkedInitiativeFactory(partnership=partnership)
        pf.BusinessLinkageFactory(partnership=partnership)
        pf.PathwayStepFactory(pathway=pathway)
        pf.StageChangeFactory(partnership=partnership)
        # One study per partnership: more partnerships the client takes part in.
        other = pf.PartnershipFactory()
        ParticipationFactory(partnership=other, organisation=dest_ministry)
        pf.FeasibilityStudyFactory(partnership=other)


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, response.content
    assert response.json()["count"] >= 5
    return len(captured)


def test_the_row_lists_cost_the_same_queries_for_5_or_50(lead_api, partnership, dest_ministry):
    lead_api.get("/api/v1/evaluations/")  # records the key's use, so later requests skip that update
    small, large = {}, {}
    _grow(partnership, dest_ministry, 5)
    for path in LIST_PATHS:
        small[path] = _queries(lead_api, f"/api/v1/{path}/?page_size=100")
    _grow(partnership, dest_ministry, 45)
    for path in LIST_PATHS:
        large[path] = _queries(lead_api, f"/api/v1/{path}/?page_size=100")
    assert small == large
    assert max(large.values()) <= 4, large  # key, count, page (count and page may be one query)


#
# Reference tables
#


def test_countries_are_listed_and_searched_by_code_or_name(lead_api, django_assert_max_num_queries):
    pf.CountryFactory(code="XK", name="Kosovo", iom_region="")
    pf.CountryFactory(code="DE", name="Germany")
    for n in range(30):
        pf.CountryFactory(code=f"Q{chr(65 + n % 26)}" if n < 26 else f"Z{chr(65 + n - 26)}", name=f"Place {n}")
    with django_assert_max_num_queries(4):
        listed = lead_api.get("/api/v1/countries/")
    body = listed.json()
    assert body["count"] == 32 and len(body["results"]) < 32  # paginated
    assert set(body["results"][0]) == {"code", "name", "iom_region"}
    assert [c["code"] for c in lead_api.get("/api/v1/countries/?search=kosovo").json()["results"]] == ["XK"]
    assert [c["name"] for c in lead_api.get("/api/v1/countries/?search=DE").json()["results"]] == ["Germany"]
    assert lead_api.get("/api/v1/countries/XK/").json()["name"] == "Kosovo"
    assert lead_api.get("/api/v1/countries/QQ9/").status_code == 404


def test_sdg_targets_are_listed_and_searched(lead_api):
    pf.SdgTargetFactory(code="10.7", goal=10, short_title="Orderly, safe and regular migration")
    pf.SdgTargetFactory(code="8.8", goal=8, short_title="Labour rights and safe working environments")
    codes = [t["code"] for t in lead_api.get("/api/v1/sdg-targets/").json()["results"]]
    assert codes == ["8.8", "10.7"]
    assert [t["code"] for t in lead_api.get("/api/v1/sdg-targets/?search=migration").json()["results"]] == ["10.7"]
    assert [t["code"] for t in lead_api.get("/api/v1/sdg-targets/?goal=8").json()["results"]] == ["8.8"]
    assert lead_api.get("/api/v1/sdg-targets/10.7/").json()["goal"] == 10


def test_gcm_objectives_are_listed_and_searched(lead_api, anonymous_api):
    pf.GcmObjectiveFactory(number=5, short_title="Regular migration pathways")
    pf.GcmObjectiveFactory(number=18, short_title="Skills development and recognition")
    assert [o["number"] for o in lead_api.get("/api/v1/gcm-objectives/").json()["results"]] == [5, 18]
    found = lead_api.get("/api/v1/gcm-objectives/?search=skills").json()["results"]
    assert [o["number"] for o in found] == [18]
    assert lead_api.get("/api/v1/gcm-objectives/18/").status_code == 200
    assert anonymous_api.get("/api/v1/gcm-objectives/").status_code == 401
