"""The catalogue of practices shipped in practices/data/practices.json: the real schemes, their sources, and
coverage of every element and rule (issue "A library of practices")."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from codelists.partnerships import ElementCode, IomRegion
from codelists.skills import SectorCode
from feasibility.registry import REGISTRY
from practices.models import Practice
from practices.selectors import practice_list, practices_for_rules
from practices.services import DATA_PATH, practices_load

ENTRIES = json.loads(DATA_PATH.read_text(encoding="utf-8"))

#: The real schemes the library must carry (one entry each), with a source code the entry must cite.
SCHEMES = {
    "digital-explorers": "G B15",
    "thamm": "G B4",
    "germany-kosovo-construction": "G B5",
    "mentor": "G B6",
    "match": "G B31",
    "promise": "G B22",
    "tunisia-belgium-internships": "G B15",
    "palim": "G9",
    "morocco-germany-tourism": "G B7",
    "fayoum-egypt-italy": "G B21",
    "germany-health-workers": "G B33",
    "nz-rse": "G B14",
    "norway-philippines-seafarers": "G B33",
    "indonesia-australia": "G B33",
    "jordan-nepal": "G B33",
    "india-uae-skills": "G8",
    "swades-card": "G B24",
    "pacific-australia": "Outside sources",
}


def test_the_catalogue_carries_every_real_scheme_with_its_source():
    by_slug = {entry["slug"]: entry for entry in ENTRIES}
    assert len(by_slug) == len(ENTRIES), "slugs are unique"
    assert len(ENTRIES) >= 16
    for slug, source in SCHEMES.items():
        assert slug in by_slug, slug
        assert source in by_slug[slug]["source"], slug


def test_only_the_pacific_australia_schemes_are_marked_as_from_outside_sources():
    outside = {entry["slug"] for entry in ENTRIES if entry["outside_sources"]}
    assert outside == {"pacific-australia"}
    pacific = next(entry for entry in ENTRIES if entry["slug"] == "pacific-australia")
    assert all("outside sources" in figure for figure in pacific["figures"])


def test_every_element_is_illustrated_by_at_least_two_practices():
    counts = Counter(code for entry in ENTRIES for code in entry["actions"])
    for code in ElementCode.values:
        assert counts[code] >= 2, code


def test_every_practice_names_at_least_one_valid_rule_of_an_element_it_describes():
    for entry in ENTRIES:
        assert entry["rules"], entry["slug"]
        for rule_id in entry["rules"]:
            assert rule_id in REGISTRY, (entry["slug"], rule_id)
            assert REGISTRY[rule_id].element in entry["actions"], (entry["slug"], rule_id)


def test_codes_come_from_the_code_lists():
    for entry in ENTRIES:
        assert set(entry["regions"]) <= set(IomRegion.values), entry["slug"]
        assert set(entry["sectors"]) <= set(SectorCode.values), entry["slug"]
        assert set(entry["actions"]) <= set(ElementCode.values), entry["slug"]
        for code in entry["origin_countries"] + entry["destination_countries"]:
            assert len(code) == 2 and code.isupper(), (entry["slug"], code)


@pytest.mark.django_db
def test_loading_is_idempotent_and_passes_model_validation():
    first = practices_load()
    assert first["created"] == len(ENTRIES)
    assert practices_load() == {"created": 0, "updated": 0, "unchanged": len(ENTRIES)}
    assert Practice.objects.count() == len(ENTRIES)
    assert Practice.history.count() == len(ENTRIES)  # a second load writes no history
    mentor = Practice.objects.get(slug="mentor")
    assert mentor.elements == ["E2", "E4", "E5"]


@pytest.mark.django_db
def test_filters_by_element_region_and_sector():
    practices_load()
    r_practices = {p.slug for p in practice_list(element="R")}
    assert {"promise", "germany-health-workers"} <= r_practices
    assert "mentor" not in r_practices
    pacific = {p.slug for p in practice_list(region="asia_pacific")}
    assert {"promise", "nz-rse", "pacific-australia"} <= pacific and "mentor" not in pacific
    assert {p.slug for p in practice_list(element="E3", region="asia_pacific")} >= {"promise", "nz-rse"}
    assert {p.slug for p in practice_list(sector="construction")} == {"germany-kosovo-construction"}


@pytest.mark.django_db
def test_each_rule_finds_its_practices_in_one_query(django_assert_num_queries):
    practices_load()
    with django_assert_num_queries(1):
        found = practices_for_rules(list(REGISTRY), limit=2)
    assert {p["name"] for p in found["E8.R7"]} == {"Digital Explorers"}
    assert all(len(items) <= 2 for items in found.values())
    illustrated = set(found)
    assert all(any(rule in illustrated for rule in entry["rules"]) for entry in ENTRIES)


@pytest.mark.django_db
def test_retired_practices_leave_the_library_and_the_rule_links():
    practices_load()
    Practice.objects.filter(slug="digital-explorers").update(retired=True)
    assert "digital-explorers" not in {p.slug for p in practice_list()}
    assert "E8.R7" not in practices_for_rules(["E8.R7"])


@pytest.mark.django_db
def test_the_load_practices_command_reports_what_it_did():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("load_practices", stdout=out)
    assert f"{len(ENTRIES)} created" in out.getvalue()
    out = StringIO()
    call_command("load_practices", stdout=out)
    assert f"0 created, 0 updated, {len(ENTRIES)} unchanged" in out.getvalue()
