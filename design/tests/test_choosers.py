"""Long lists typed with one shared list per page (design.choosers, issue #19): what is typed is matched on
the server (by name, code or every word), a miss or an ambiguity is a clear error on the field, the chosen
entries of a multiple choice are ticked and more are added by typing, saved rows name their locked fields
instead of repeating a disabled select, and everything works as a plain form post (no JavaScript)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from costs.models import CostItem
from costs.tests.factories import CostItemFactory
from design.choosers import ChosenListField, Entries, ListChoiceField, SharedLists
from design.tests.support import as_post, form_data
from design.tests.test_views import step_url
from stakeholders.models import Participation
from stakeholders.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


#
# Matching typed text
#


def currency_field(**kwargs) -> ListChoiceField:
    lists = SharedLists()
    list_id, entries = lists.entries(
        "currencies", lambda: [("EUR", "EUR — Euro"), ("USD", "USD — US Dollar"), ("AUD", "AUD — Australian Dollar")]
    )
    return ListChoiceField(entries=entries, list_id=list_id, lists=lists, empty_value="", **kwargs)


def test_typed_text_finds_an_entry_by_its_name_its_code_or_its_words():
    entries = Entries([("EUR", "EUR — Euro"), ("USD", "USD — US Dollar"), ("AUD", "AUD — Australian Dollar")])
    assert entries.find("EUR — Euro") == ["EUR"]
    assert entries.find("  eur — EURO ") == ["EUR"]  # case and spacing aside
    assert entries.find("usd") == ["USD"]  # the code, as a select would post it
    assert entries.find("austral") == ["AUD"]  # every typed word begins a word of the name
    assert entries.find("dollar") == ["USD", "AUD"]  # two candidates: the field says which
    assert entries.find("yen") == [] and entries.find("") == []


def test_an_organisation_is_found_by_its_name_without_its_country_unless_two_share_it():
    entries = Entries(
        [(1, "Ministry of Labour (Morocco)"), (2, "Ministry of Labour (Tunisia)"), (3, "Vocational school 1 (Kosovo)")],
        aliases=[(1, "Ministry of Labour"), (2, "Ministry of Labour"), (3, "Vocational school 1")],
    )
    assert entries.find("vocational school 1") == ["3"]
    assert entries.find("Ministry of Labour") == ["1", "2"]  # the field names both, with their countries
    assert entries.find("Ministry of Labour (Tunisia)") == ["2"]


def test_a_repeated_label_gets_its_position_so_that_each_entry_can_be_typed():
    entries = Entries([(1, "Ministry of Labour"), (2, "Ministry of Labour")])
    assert list(entries.labels.values()) == ["Ministry of Labour", "Ministry of Labour (2)"]
    assert entries.find("Ministry of Labour (2)") == ["2"]


def test_a_typed_currency_cleans_to_its_code_and_a_miss_or_an_ambiguity_says_why():
    field = currency_field(required=True)
    assert field.clean("eur") == "EUR"
    assert field.clean("US Dollar") == "USD"
    with pytest.raises(ValidationError) as missed:
        field.clean("Yen")
    assert missed.value.code == "unknown" and "Nothing in the list matches “Yen”" in missed.value.messages[0]
    with pytest.raises(ValidationError) as ambiguous:
        field.clean("dollar")
    assert ambiguous.value.code == "ambiguous"
    assert "USD — US Dollar, AUD — Australian Dollar" in ambiguous.value.messages[0]
    with pytest.raises(ValidationError):
        field.clean("")  # required


def test_a_stored_code_is_shown_by_its_name_and_the_same_entry_typed_again_is_no_change():
    field = currency_field()
    assert field.prepare_value("EUR") == "EUR — Euro"
    assert not field.has_changed("EUR", "EUR — Euro")
    assert not field.has_changed("EUR", "eur")
    assert field.has_changed("EUR", "USD")
    assert field.has_changed("EUR", "dollar")  # not one entry: changed, so the error shows


def test_several_entries_tick_the_chosen_ones_and_add_typed_ones_in_list_order():
    lists = SharedLists()
    list_id, entries = lists.entries("x", lambda: [("a", "Alpha"), ("b", "Bravo"), ("c", "Charlie")])
    field = ChosenListField(entries=entries, list_id=list_id, lists=lists)
    data = field.widget.value_from_datadict(_post({"f": ["c"], "f_add": "alpha; Bravo"}), {}, "f")
    assert field.clean(data) == ["a", "b", "c"]
    assert not field.has_changed(["a", "b", "c"], data)
    with pytest.raises(ValidationError) as missed:
        field.clean(field.widget.value_from_datadict(_post({"f_add": "Delta"}), {}, "f"))
    assert "Nothing in the list matches “Delta”" in missed.value.messages[0]


def _post(values: dict):
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    for key, value in values.items():
        data.setlist(key, value if isinstance(value, list) else [value])
    return data


#
# The actors step with a long list of organisations
#


@pytest.fixture
def schools(partnership):
    """Twenty registered training schools in Kosovo: the organisation list is typed, not a select."""
    return [OrganisationFactory(name=f"Vocational school {i}", country="XK") for i in range(20)]


@pytest.fixture
def official(client, dest_official):
    client.force_login(dest_official)
    return client


def new_participation_row(official, partnership):
    """The actors step's data with one more, empty participation row ("Add another organisation")."""
    data = form_data(official.get(step_url(partnership, "actors_governance")))
    data["add_row"] = "participations"
    page = official.post(step_url(partnership, "actors_governance"), as_post(data))
    return form_data(page), page.content.decode()


def test_a_new_participation_is_typed_by_its_organisations_name_without_javascript(official, partnership, schools):
    data, page = new_participation_row(official, partnership)
    assert 'name="participations-3-organisation"' in page and "<datalist" in page
    assert page.count("Vocational school 7 (Kosovo)") == 1  # in the page's one list, not once per row
    data["participations-3-organisation"] = "vocational school 7"  # the words of its name are enough
    data["participations-3-side"] = "origin"
    data["participations-3-roles_add"] = "Training provider"
    response = official.post(step_url(partnership, "actors_governance"), as_post(data))
    assert response.status_code == 302, response.content.decode()[:3000]
    added = Participation.objects.get(partnership=partnership, organisation=schools[7])
    assert added.roles == ["training_provider"]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("Vocational academy of nowhere", "Nothing in the list matches “Vocational academy of nowhere”"),
        ("Vocational sch", "Several entries match “Vocational sch”: Vocational school 0 (Kosovo), "),
    ],
)
def test_an_organisation_that_matches_none_or_several_is_refused_and_kept_on_screen(
    official, partnership, schools, typed, message
):
    data, _page = new_participation_row(official, partnership)
    data["participations-3-organisation"] = typed
    data["participations-3-side"] = "origin"
    response = official.post(step_url(partnership, "actors_governance"), as_post(data))
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page and "error-summary" in page
    assert f'value="{typed}"' in page  # what was typed is still there
    assert partnership.participations.count() == 3


def test_interests_are_added_by_typing_and_removed_by_unticking(official, partnership, schools):
    data = form_data(official.get(step_url(partnership, "actors_governance")))
    data["participations-1-interests_add"] = "Jobs for nationals; avoid brain drain"
    response = official.post(step_url(partnership, "actors_governance"), as_post(data))
    assert response.status_code == 302, response.content.decode()[:3000]
    row = partnership.participations.order_by("pk")[1]
    row.refresh_from_db()
    assert row.interests == ["jobs_for_nationals", "avoid_brain_drain"]  # in the list's order

    page = official.get(step_url(partnership, "actors_governance"))
    assert 'value="avoid_brain_drain" class="form-check-input" checked>Avoid brain drain' in page.content.decode()
    data = form_data(page)
    data.setlist("participations-1-interests", ["avoid_brain_drain"])  # "Jobs for nationals" unticked
    assert official.post(step_url(partnership, "actors_governance"), as_post(data)).status_code == 302
    row.refresh_from_db()
    assert row.interests == ["avoid_brain_drain"]


def test_an_unknown_interest_is_an_error_on_the_row(official, partnership, schools):
    data = form_data(official.get(step_url(partnership, "actors_governance")))
    data["participations-1-interests_add"] = "World peace"
    response = official.post(step_url(partnership, "actors_governance"), as_post(data))
    assert response.status_code == 400
    assert "Nothing in the list matches “World peace”" in response.content.decode()


def test_a_saved_rows_organisation_names_the_row_and_cannot_be_changed(official, partnership, dest_ministry, schools):
    page = official.get(step_url(partnership, "actors_governance")).content.decode()
    assert 'name="participations-0-organisation"' not in page  # no input, let alone a select of every body
    assert '<legend class="h6 mb-2">Federal Ministry of Labour and Social Affairs (Germany)</legend>' in page
    data = form_data(official.get(step_url(partnership, "actors_governance")))
    data["participations-0-organisation"] = "Vocational school 3 (Kosovo)"  # a forged post is ignored
    assert official.post(step_url(partnership, "actors_governance"), as_post(data)).status_code == 302
    assert partnership.participations.order_by("pk")[0].organisation == dest_ministry


def test_a_reader_sees_the_values_as_text_without_the_lists(client, reviewer, partnership, schools):
    client.force_login(reviewer)
    partnership.participations.filter(organisation__name__startswith="Federal").update(interests=["attract_fdi"])
    page = client.get(step_url(partnership, "actors_governance")).content.decode()
    assert "<datalist" not in page and "Vocational school 7" not in page
    assert 'value="Attract foreign direct investment" class="form-control-plaintext" readonly' in page


#
# Codes typed: currencies and countries
#


def test_a_currency_is_typed_as_its_code_and_shown_by_its_name(official, partnership):
    CostItemFactory(partnership=partnership, currency="EUR")
    data = form_data(official.get(step_url(partnership, "costs")))
    assert data["items-0-currency"] == "EUR — Euro"
    data["items-0-currency"] = "usd"
    response = official.post(step_url(partnership, "costs"), as_post(data))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert CostItem.objects.get(partnership=partnership).currency == "USD"


@pytest.mark.parametrize("typed", ["Morocco", "ma"])
def test_a_new_partner_country_is_typed_by_its_name_or_code(official, partnership, typed):
    data = form_data(official.get(step_url(partnership, "countries_objectives")))
    data["add_row"] = "countries"
    data = form_data(official.post(step_url(partnership, "countries_objectives"), as_post(data)))
    data["countries-2-country"] = typed
    data["countries-2-side"] = "origin"
    response = official.post(step_url(partnership, "countries_objectives"), as_post(data))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert partnership.countries.filter(country="MA", side="origin").exists()


#
# Conflicts: a typed list the user did not touch takes the other person's value
#


def test_after_a_conflict_an_untouched_list_takes_the_other_persons_entries(
    client, dest_official, origin_official, partnership
):
    from django.test import Client

    client.force_login(dest_official)
    stale = form_data(client.get(step_url(partnership, "skills")))
    other = Client()
    other.force_login(origin_official)
    fresh = form_data(other.get(step_url(partnership, "skills")))
    fresh["main-recognition_info_languages_add"] = "de"
    assert other.post(step_url(partnership, "skills"), as_post(fresh)).status_code == 302

    stale.setlist("main-recognition_info_channels", ["one_stop_shop"])
    response = client.post(step_url(partnership, "skills"), as_post(stale))
    assert response.status_code == 409
    again = form_data(response)  # the other person's language, ticked; the user's channel, kept
    assert again.getlist("main-recognition_info_languages") == ["de"]
    assert client.post(step_url(partnership, "skills"), as_post(again)).status_code == 302
    partnership.refresh_from_db()
    assert partnership.recognition_info_languages == ["de"]
    assert partnership.recognition_info_channels == ["one_stop_shop"]
