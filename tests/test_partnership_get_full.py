"""``partnerships.selectors.partnership_get_full`` loads everything the rules read in a fixed number of queries."""

from __future__ import annotations

import pytest

from feasibility.context import loaded
from feasibility.fingerprint import data_fingerprint, graph_dump
from feasibility.tests.support import populate
from partnerships.models import Partnership
from partnerships.selectors import (
    FULL_RELATIONS,
    partnership_get_for_check,
    partnership_get_full,
    partnerships_get_for_check,
)
from partnerships.tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db

# 1 query for the partnership with its one-to-one rows (feasibility study, sustainability plan), then one per
# relation of FULL_RELATIONS (49): sectors, countries, objectives (+ SDG targets, GCM objectives), tensions,
# indicators (+ values), linked initiatives, business linkages, pathways (+ steps, occupations, origin
# countries), continuum provisions, social protection covers, grievance channels, participations (with
# organisations), governance bodies (+ members), capacity activities, partner gaps, target occupations
# (+ profiles, destinations, validators), training programmes (+ occupations, co-designers, recognising
# countries), recognition arrangements (+ occupations, countries, responsible organisations), evidence
# (+ occupations), data needs, evidence reviews (+ participants), data-sharing arrangements (+ parties),
# skills documentation tools, cost items (+ shares), cost-benefit analyses, recruiters, recruitment
# arrangements (+ recruiters, target occupations).
FULL_QUERIES = 1 + len(FULL_RELATIONS)


def test_the_loader_runs_fifty_queries():
    assert FULL_QUERIES == 51


@pytest.mark.parametrize("size", [2, 40])
def test_loading_a_partnership_takes_the_same_queries_for_2_and_40_rows_per_relation(size, django_assert_num_queries):
    p = populate(PartnershipFactory(stage="design"), size)
    with django_assert_num_queries(FULL_QUERIES):
        full = partnership_get_full(partnership_id=p.pk)
    assert len(full.participations.all()) == size
    assert len(full.objectives.all()) == len(full.indicators.all()) == size
    assert len(full.target_occupations.all()) == len(full.cost_items.all()) == len(full.recruiters.all()) == size


def test_every_relation_read_by_the_rules_is_loaded_so_reading_issues_no_query(django_assert_num_queries):
    p = populate(PartnershipFactory(stage="design"), 3)
    full = partnership_get_full(partnership_id=p.pk)
    with django_assert_num_queries(0):
        assert full.feasibility_study is not None and full.sustainability_plan is not None
        for relation in (
            "sectors",
            "countries",
            "objective_tensions",
            "pathways",
            "continuum_provisions",
            "social_protection_covers",
            "grievance_channels",
            "governance_bodies",
            "capacity_activities",
            "partner_gaps",
            "training_programmes",
            "recognition_arrangements",
            "labour_market_evidence",
            "data_needs",
            "evidence_reviews",
            "data_sharing_arrangements",
            "skills_documentation_tools",
            "cost_benefit_analyses",
            "recruitment_arrangements",
            "linked_initiatives",
            "business_linkages",
        ):
            assert getattr(full, relation).all(), relation
        for objective in full.objectives.all():
            assert objective.sdg_targets.all() and objective.gcm_objectives.all()
        for part in full.participations.all():
            assert part.organisation.name
        for target in full.target_occupations.all():
            assert target.occupation.code and target.profiles.all() and target.destinations.all()
            assert target.certification_validated_by.all()
        for item in full.cost_items.all():
            assert all(share.organisation_id is None or share.organisation for share in item.shares.all())
        for recruiter in full.recruiters.all():
            assert recruiter.organisation.category
        for pathway in full.pathways.all():
            assert pathway.steps.all() and pathway.occupations.all() and pathway.origin_countries.all()
        programme = full.training_programmes.all()[0]
        assert programme.provider and programme.occupations.all() and programme.codesigned_by.all()
        assert programme.certificate_recognised_in.all()
        body = full.governance_bodies.all()[0]
        assert body.members.all()
        arrangement = full.recruitment_arrangements.all()[0]
        assert arrangement.recruiters.all() and arrangement.target_occupations.all()
        assert full.indicators.all()[0].values.all()
        assert full.countries.all()[0].partnership is full  # rows of a reverse foreign key point back


def test_a_loaded_relation_answers_count_exists_first_and_indexing_without_a_query(django_assert_num_queries):
    p = populate(PartnershipFactory(), 2)
    full = partnership_get_full(partnership_id=p.pk)
    with django_assert_num_queries(0):
        objectives = full.objectives.all()
        assert objectives.count() == 2 and objectives.exists() and objectives.first() == objectives[0]
        assert len(objectives) == 2


def test_a_missing_partnership_raises_does_not_exist():
    with pytest.raises(Partnership.DoesNotExist):
        partnership_get_full(partnership_id=999_999)


def test_a_partnership_without_rows_has_empty_relations_and_no_one_to_one_rows(django_assert_num_queries):
    p = PartnershipFactory()
    full = partnership_get_full(partnership_id=p.pk)
    with django_assert_num_queries(0):
        assert list(full.objectives.all()) == []
        assert list(loaded(full, "cost_items")) == []
        with pytest.raises(Exception):  # noqa: B017 - RelatedObjectDoesNotExist, a subclass of DoesNotExist
            full.feasibility_study  # noqa: B018


@pytest.mark.parametrize("batch", [2, 6])
def test_a_batch_costs_one_query_per_relation_whatever_its_size(batch, django_assert_num_queries):
    ids = [populate(PartnershipFactory(), 2).pk for _ in range(batch)]
    with django_assert_num_queries(FULL_QUERIES):
        partnerships = partnerships_get_for_check(ids=list(reversed(ids)))
    assert [p.pk for p in partnerships] == list(reversed(ids))
    # each partnership only sees its own rows
    assert {len(loaded(p, "participations")) for p in partnerships} == {2}


def test_the_check_loader_keeps_every_relation_as_a_plain_list_read_without_a_query(django_assert_num_queries):
    p = populate(PartnershipFactory(stage="design"), 3)
    with django_assert_num_queries(FULL_QUERIES):
        checked = partnership_get_for_check(partnership_id=p.pk)
    with django_assert_num_queries(0):
        by_path = {"": [checked]}
        for path, _select in FULL_RELATIONS:
            parent_path, _, name = path.rpartition("__")
            rows = [row for parent in by_path[parent_path] for row in loaded(parent, name)]
            assert all(isinstance(loaded(parent, name), list) for parent in by_path[parent_path]), path
            assert rows or path == "cost_items__spending", path  # populate() records no spending
            by_path[path] = rows
        assert loaded(checked, "countries")[0].partnership is checked  # rows of a reverse foreign key point back


def test_both_loaders_show_the_rules_the_same_rows_and_the_same_fingerprint():
    p = populate(PartnershipFactory(stage="design"), 3)
    full = partnership_get_full(partnership_id=p.pk)
    checked = partnership_get_for_check(partnership_id=p.pk)
    assert graph_dump(full) == graph_dump(checked)
    assert data_fingerprint(full, ruleset_version="x") == data_fingerprint(checked, ruleset_version="x")


def test_the_check_loader_raises_does_not_exist_for_a_missing_partnership():
    with pytest.raises(Partnership.DoesNotExist):
        partnership_get_for_check(partnership_id=999_999)
