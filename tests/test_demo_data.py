"""``manage.py load_demo``: the demo partnerships, organisations, users and exchange rates (docs/demo-data.md).

Most tests read one load of reference and demo data shared by the module (``demo``), inside a transaction
rolled back at the end; tests that load themselves (idempotency, missing reference data, the command) use
their own database state.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction

from costs.calculations import partnership_cost_summary
from partnerships.demo import DemoDataError, demo_load, demo_specs
from partnerships.demo.shared import DE_EMPLOYERS, DE_LABOUR, DEMO_PASSWORD, MA_EMPLOYMENT
from partnerships.models import Partnership
from partnerships.reference_data import reference_data_load
from stakeholders.models import Organisation, Participation

SPECS = demo_specs()
SPEC = {spec.key: spec for spec in SPECS}
DOMAIN_APPS = ("accounts", "stakeholders", "partnerships", "skills", "costs", "recruitment", "feasibility")


def partnership_of(key: str) -> Partnership:
    return Partnership.objects.get(name=SPEC[key].name)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Reference data and the demo, loaded once for the module and rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        reference_data_load()
        result = demo_load()
        yield result
        transaction.set_rollback(True)


@pytest.fixture
def fresh_db(db):
    """An empty database. Tests using it come before the first use of ``demo`` in this module, because ``demo``
    keeps its load (in an open transaction) until the module ends."""
    assert not Partnership.objects.exists(), "run this test before the module's shared demo load"


#
# Loading
#


def test_it_refuses_to_load_without_reference_data_and_says_what_to_run(fresh_db):
    with pytest.raises(DemoDataError, match="load_reference_data"):
        demo_load()
    with pytest.raises(CommandError, match="load_reference_data"):
        call_command("load_demo", stdout=StringIO())
    assert not Partnership.objects.exists()
    assert not get_user_model().objects.exists()


def domain_snapshot() -> dict[str, tuple[int, str]]:
    """Row count and a digest of every stored value, for every model (history tables included) of the domain."""
    snapshot = {}
    for label in DOMAIN_APPS:
        for model in apps.get_app_config(label).get_models():
            rows = model.objects.order_by("pk").values_list()
            digest = hashlib.sha256(repr(list(rows)).encode()).hexdigest()
            snapshot[model._meta.label] = (len(rows), digest)
    return snapshot


def test_the_command_reports_creation_then_that_nothing_is_left_to_do(fresh_db):
    reference_data_load()
    first, second = StringIO(), StringIO()
    call_command("load_demo", "--only", "north_africa_europe", stdout=first)
    call_command("load_demo", "--only", "north_africa_europe", stdout=second)
    assert f"created  {SPEC['north_africa_europe'].name}" in first.getvalue()
    assert "official (password: demo-password)" in first.getvalue()
    assert "nothing to do" in second.getvalue()
    assert Partnership.objects.count() == 1


def test_an_unknown_demo_key_is_refused_with_the_known_ones_listed(fresh_db):
    reference_data_load()
    with pytest.raises(DemoDataError, match="north_africa_europe"):
        demo_load(only=["atlantis"])


def test_a_second_run_changes_no_row_in_any_domain_table(demo, db):
    assert len(demo.created) == len(SPECS)
    before = domain_snapshot()
    assert before["partnerships.Partnership"][0] == len(SPECS)

    second = demo_load()

    assert second.created == [] and second.users_created == [] and second.rates_added == 0
    assert second.skipped == [spec.name for spec in SPECS]
    assert domain_snapshot() == before


def test_a_run_on_loaded_data_only_looks_things_up(demo, db, django_assert_num_queries):
    # Queries: 5 reference checks; 9 exchange-rate lookups (6 of the demos' items, 3 into the portfolio
    # currency); 8 partnership lookups by name; per demo user (4): the user, its organisations (one lookup each,
    # 3 in all) and its memberships — 4 + 3 + 4 = 11.
    with django_assert_num_queries(5 + 9 + 8 + 11):
        result = demo_load()
    assert not result.changed


#
# What is loaded
#


def test_at_least_eight_demo_partnerships_load_at_their_documented_stages(demo, db):
    assert len(SPECS) >= 8
    assert demo.created == [spec.name for spec in SPECS]
    for spec in SPECS:
        assert partnership_of(spec.key).stage == spec.stage, spec.key
    assert {spec.completeness for spec in SPECS} == {"high", "medium", "low"}


def test_every_demo_says_it_is_demo_data_and_names_the_scheme_it_is_modelled_on(demo, db):
    for spec in SPECS:
        partnership = partnership_of(spec.key)
        assert "modelled on" in partnership.name
        assert partnership.summary.startswith("Demo data")


#: Relations every demo fills, even the low-completeness one.
EVERY_DEMO = (
    "countries",
    "participations",
    "governance_bodies",
    "objectives",
    "indicators",
    "target_occupations",
    "training_programmes",
    "pathways",
    "continuum_provisions",
    "grievance_channels",
)
#: Relations the high and medium demos fill as well.
FULLER_DEMOS = ("labour_market_evidence", "data_needs", "evidence_reviews", "cost_items", "feasibility_study")
#: Relations the demos at stage agreement or later fill as well.
AGREED_DEMOS = (
    "social_protection_covers",
    "recruitment_arrangements",
    "linked_initiatives",
    "business_linkages",
    "data_sharing_arrangements",
    "sustainability_plan",
    "skills_documentation_tools",
)


def filled(partnership: Partnership, relation: str) -> bool:
    related = getattr(partnership, relation, None)
    return related is not None and (not hasattr(related, "exists") or related.exists())


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.key)
def test_each_demo_fills_the_sections_its_completeness_promises(demo, db, spec):
    partnership = partnership_of(spec.key)
    expected = list(EVERY_DEMO)
    if spec.completeness != "low":
        expected += FULLER_DEMOS
    if spec.stage not in ("exploration", "assessment", "design"):
        expected += AGREED_DEMOS
    empty = [relation for relation in expected if not filled(partnership, relation)]
    assert empty == []
    assert set(partnership.countries.values_list("side", flat=True)) == {"origin", "destination"}


def test_objectives_link_sdg_targets_and_global_compact_objectives(demo, db):
    for spec in SPECS:
        objectives = partnership_of(spec.key).objectives.all()
        assert objectives, spec.key
        for objective in objectives:
            assert objective.sdg_targets.exists() and objective.gcm_objectives.exists(), spec.key


def test_target_occupations_are_isco_unit_groups_from_the_reference_data(demo, db):
    TargetOccupation = apps.get_model("skills", "TargetOccupation")
    occupations = TargetOccupation.objects.select_related("occupation")
    assert occupations.exists()
    assert {target.occupation.level for target in occupations} == {"unit"}


def test_every_costed_demo_converts_its_costs_to_its_reporting_currency(demo, db):
    for spec in SPECS:
        partnership = partnership_of(spec.key)
        if not partnership.cost_items.exists():
            continue
        summary = partnership_cost_summary(partnership=partnership)
        assert summary.total > 0, spec.key


def test_one_demo_reuses_the_worked_example_of_section_8_4(demo, db):
    (spec,) = [spec for spec in SPECS if spec.uses_worked_example]
    summary = partnership_cost_summary(partnership=partnership_of(spec.key))
    assert summary.reporting_currency == "EUR"
    assert summary.total == Decimal("115000.00")
    assert summary.cost_per_migrant == Decimal("2300.00")
    assert summary.cost_per_trainee == Decimal("1916.67")
    assert summary.by_payer == {
        "gov_destination": Decimal("39000.00"),
        "gov_origin": Decimal("27000.00"),
        "employer": Decimal("41000.00"),
        "migrant": Decimal("3000.00"),
        "other": Decimal("5000.00"),
    }
    assert summary.public_share_pct == Decimal("61.74")
    assert (summary.migrant_total, summary.migrant_cost_per_migrant, summary.migrant_share_pct) == (
        Decimal("3000.00"),
        Decimal("60.00"),
        Decimal("2.61"),
    )


def test_kosovo_is_recorded_as_xk_and_carries_the_unscr_1244_note(demo, db):
    partnership = partnership_of("germany_kosovo_construction")
    assert "XK" in {row.country.code for row in partnership.countries.all()}
    assert "1244" in partnership.summary


def test_shared_organisations_are_stored_once_and_reused(demo, db):
    ministry = Organisation.objects.get(name=DE_LABOUR.name, country="DE")
    assert Participation.objects.filter(organisation=ministry).count() >= 3
    assert Organisation.objects.filter(name__iexact=DE_LABOUR.name).count() == 1


#
# Demo users
#


def test_demo_users_log_in_with_the_demo_password_and_have_their_roles(demo, db):
    users = {user.username: user for user in get_user_model().objects.all()}
    assert {name: users[name].role for name in ("official", "official2", "reviewer", "partner")} == {
        "official": "official",
        "official2": "official",
        "reviewer": "reviewer",
        "partner": "partner",
    }
    assert all(users[name].check_password(DEMO_PASSWORD) for name in ("official", "official2", "reviewer", "partner"))


def visible(username: str) -> set[str]:
    user = get_user_model().objects.get(username=username)
    return set(Partnership.objects.for_user(user).values_list("name", flat=True))


def test_official_belongs_to_a_lead_ministry_of_several_demo_partnerships(demo, db):
    official = get_user_model().objects.get(username="official")
    assert [org.name for org in official.organisations.all()] == [DE_LABOUR.name]
    roles = Participation.objects.filter(organisation__name=DE_LABOUR.name).values_list("roles", flat=True)
    assert sum("lead" in role_list for role_list in roles) >= 2


def test_official2_shares_some_partnerships_with_official_but_not_all(demo, db):
    official, official2 = visible("official"), visible("official2")
    assert official & official2
    assert official - official2 and official2 - official
    assert official2 == set(
        Partnership.objects.filter(participations__organisation__name=MA_EMPLOYMENT.name).values_list("name", flat=True)
    )


def test_the_reviewer_sees_every_demo_and_the_partner_only_its_association_s(demo, db):
    assert visible("reviewer") == {spec.name for spec in SPECS}
    partner = get_user_model().objects.get(username="partner")
    (organisation,) = partner.organisations.all()
    assert (organisation.name, organisation.category) == (DE_EMPLOYERS.name, "employer_org")
    assert 0 < len(visible("partner")) < len(SPECS)


#
# Documentation
#


def test_the_documentation_lists_every_demo_its_planted_rules_and_the_logins():
    text = (Path(settings.BASE_DIR) / "docs" / "demo-data.md").read_text(encoding="utf-8")
    for spec in SPECS:
        assert spec.name in text, spec.key
        for rule_id in spec.planted_fails | spec.planted_warns:
            assert rule_id in text, (spec.key, rule_id)
    for username in ("official", "official2", "reviewer", "partner", DEMO_PASSWORD):
        assert f"`{username}`" in text
