"""``manage.py rule_inputs --json``: every rule's inputs, and for each one a partner can write, the API
operation that writes it — an operation the OpenAPI schema really has (a check nobody can act on is a defect)."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from feasibility.registry import REGISTRY

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def rows():
    out = io.StringIO()
    call_command("rule_inputs", "--json", stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_it_prints_one_json_object_per_rule_for_all_rules(rows):
    assert [row["rule"] for row in rows] == [spec.id for spec in REGISTRY.ordered()]
    assert len(rows) == len(REGISTRY) == 101
    assert all(row["inputs"] for row in rows)


def test_the_date_and_reference_data_have_no_operation(rows):
    by_rule = {row["rule"]: row["inputs"] for row in rows}
    assert {"field": "today", "reference": True} in by_rule["R.5"]
    references = [item for inputs in by_rule.values() for item in inputs if item["reference"] and "api" in item]
    assert references and all(item["api"] is None for item in references)


def test_every_input_a_partner_writes_names_an_operation_of_the_schema(rows, client):
    schema = client.get("/api/schema/?format=json").json()
    operations = {f"{method.upper()} {path}" for path, item in schema["paths"].items() for method in item}
    missing, unknown = [], []
    for row in rows:
        for item in row["inputs"]:
            if item["reference"]:
                continue
            if item["api"] is None:
                missing.append(f"{row['rule']}: {item['field']}")
            elif item["api"] not in operations:
                unknown.append(f"{row['rule']}: {item['api']}")
    assert missing == [] and unknown == []


def test_a_field_written_inside_a_parent_names_the_parents_operation(rows):
    e8 = {item["field"]: item.get("api") for row in rows if row["rule"].startswith("E8") for item in row["inputs"]}
    assert e8.get("costs.CostShare.payer") == "PUT /api/v1/cost-items/{id}/shares/"
