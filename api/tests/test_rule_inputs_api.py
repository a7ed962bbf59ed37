"""``GET /api/v1/rules/{id}/`` lists what the rule reads (``RuleSpec.reads``), in words and as model fields."""

from __future__ import annotations

import pytest

from feasibility.registry import REGISTRY

pytestmark = pytest.mark.django_db


def test_one_rule_lists_its_inputs_with_a_label_and_the_reference_mark(partner_api):
    data = partner_api.get("/api/v1/rules/E5.R2/").json()
    assert [item["field"] for item in data["inputs"]] == list(REGISTRY["E5.R2"].reads)
    by_field = {item["field"]: item for item in data["inputs"]}
    assert by_field["skills.OccupationProfile.regulated"] == {
        "field": "skills.OccupationProfile.regulated",
        "label": "Occupation profile — regulated occupation",
        "reference": False,
    }
    assert by_field["skills.Occupation.code"]["reference"] is True


def test_a_rule_reading_the_date_lists_today(partner_api):
    inputs = partner_api.get("/api/v1/rules/R.5/").json()["inputs"]
    assert {"field": "today", "label": "Today's date", "reference": False} in inputs


def test_the_rule_list_stays_as_it_was(partner_api):
    rules = partner_api.get("/api/v1/rules/").json()
    assert "inputs" not in rules[0]


def test_the_schema_documents_the_inputs_of_a_rule(partner_api):
    schema = partner_api.get("/api/schema/?format=json").json()
    detail = schema["components"]["schemas"]["RuleDetail"]
    assert "inputs" in detail["required"]
    item = schema["components"]["schemas"]["RuleInput"]
    assert set(item["properties"]) == {"field", "label", "reference"}
    operation = schema["paths"]["/api/v1/rules/{id}/"]["get"]
    assert operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/RuleDetail")
