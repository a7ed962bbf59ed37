"""The OpenAPI schema is usable without reading models.py: what each foreign key points to, what a null
yes/no means, the labels of every code, the uniqueness rules and the body of the shares replacement."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema(django_db_setup, django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        response = Client().get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def component(schema, name: str) -> dict:
    return schema["components"]["schemas"][name]


def test_every_foreign_key_says_what_it_points_to_and_where_to_list_it(schema):
    participation = component(schema, "ParticipationRequest")["properties"]
    assert participation["organisation"]["description"].startswith(
        "The id of an organisation (listed at GET /api/v1/organisations/)."
    )
    target = component(schema, "TargetOccupationRequest")["properties"]
    assert target["occupation"]["description"].startswith(
        "The code of an occupation (listed at GET /api/v1/occupations/)"
    )
    # Rows of another partnership are refused, and the description says so.
    pathway = component(schema, "PathwayRequest")["properties"]
    assert "of the same partnership" in pathway["destination_country"]["description"]


def test_a_yes_no_field_that_may_be_null_says_null_means_not_known(schema):
    nullable_booleans = [
        (name, field, spec)
        for name, body in schema["components"]["schemas"].items()
        for field, spec in body.get("properties", {}).items()
        if spec.get("type") == "boolean" and spec.get("nullable")
    ]
    assert nullable_booleans, "the models have yes/no/unknown fields"
    assert all("null = not known" in spec.get("description", "") for _n, _f, spec in nullable_booleans)


def test_every_code_list_carries_its_labels(schema):
    payer = component(schema, "PayerEnum")
    assert payer["enum"] == ["gov_destination", "gov_origin", "employer", "migrant", "other"]
    assert "* `gov_origin` - Government of origin" in payer["description"]
    enums = {n: b for n, b in schema["components"]["schemas"].items() if "enum" in b and n.endswith("Enum")}
    unlabelled = [
        n for n, b in enums.items() if any(f"`{code}` - " not in b.get("description", "") for code in b["enum"] if code)
    ]
    assert unlabelled == []


def test_creating_a_row_states_its_uniqueness_rule(schema):
    create = schema["paths"]["/api/v1/partnership-countries/"]["post"]
    assert "Unique: one row per partnership and country." in create["description"]
    covers = schema["paths"]["/api/v1/social-protection-covers/"]["post"]["description"]
    assert "(among rows with no pathway)" in covers and "(among rows with a pathway)" in covers


def test_the_shares_replacement_documents_its_body_and_rules(schema):
    operation = schema["paths"]["/api/v1/cost-items/{id}/shares/"]["put"]
    assert "`own_funds`, `wage_deduction` and `loan` are for `migrant` shares only" in operation["description"]
    assert "`shares.1.percent`" in operation["description"]
    body = operation["requestBody"]["content"]["application/json"]
    assert body["examples"]
    share = component(schema, "CostShareRequest")["properties"]
    assert "migrant shares only" in share["instrument"]["description"]


def test_the_cost_sub_item_says_where_each_ilo_recruitment_fee_item_belongs(schema):
    """E8.R4 and R.3 read the migrant share of recruitment-related lines: a partner must know which line holds
    an agency's service fee, a medical check or a visa before splitting its cost."""
    from codelists import costs as cc

    assert set(cc.ILO_FEE_ITEMS) == set(cc.RECRUITMENT_RELATED)
    description = component(schema, "CostItemRequest")["properties"]["subitem"]["description"]
    assert "service fees of recruitment agencies" in description
    for code in cc.RECRUITMENT_RELATED:
        assert f"`{code}` ({cc.CostSubitem(code).label}):" in description
    assert "(recruitment agency service fees)" in cc.CostSubitem.CANDIDATE_SCREENING.label
