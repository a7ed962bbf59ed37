"""The library's pages, the rule links on /rules/, the findings' practices on the review step, and curation by
IOM staff only (issue "A library of practices")."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from design.tests.test_views import step_url
from practices.models import Practice
from practices.services import practices_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(db):
    practices_load()


def test_the_library_lists_every_entry_on_one_page_in_flat_queries(client, library, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = client.get(reverse("practices:list"))
    assert response.status_code == 200
    page = response.content.decode()
    for practice in Practice.objects.all():
        assert practice.get_absolute_url() in page
    assert "outside sources" in page  # the Pacific–Australia entry is flagged
    assert 'lang="en"' in page


def test_the_library_and_its_entries_stay_light(client, library):
    """Like the wizard's steps (design/tests/test_step_weight.py): under 150 KB of HTML, the whole library included."""
    assert len(client.get(reverse("practices:list")).content) < 150_000
    assert len(client.get(reverse("practices:detail", kwargs={"slug": "promise"})).content) < 150_000


def test_the_pages_speak_the_users_language_and_mark_the_english_entries(client, library):
    client.force_login(UserFactory(username="francophone", role="official", language="fr"))
    page = client.get(reverse("practices:list")).content.decode()
    assert "Bibliothèque de pratiques" in page
    assert '<a href="/practices/mentor/" lang="en">MENTOR I and MENTOR II</a>' in page


def test_the_library_filters_by_element_and_region(client, library):
    page = client.get(reverse("practices:list"), {"element": "R", "region": "asia_pacific"}).content.decode()
    assert reverse("practices:detail", kwargs={"slug": "promise"}) in page
    assert reverse("practices:detail", kwargs={"slug": "mentor"}) not in page
    assert reverse("practices:detail", kwargs={"slug": "fayoum-egypt-italy"}) not in page


def test_an_unknown_filter_value_is_ignored_with_a_message(client, library):
    response = client.get(reverse("practices:list"), {"element": "E99"})
    assert response.status_code == 200
    assert "not recognised" in response.content.decode()


def test_an_entry_shows_what_they_did_figures_source_and_rule_links(client, library, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = client.get(reverse("practices:detail", kwargs={"slug": "digital-explorers"}))
    assert response.status_code == 200
    page = response.content.decode()
    assert "1.7 times the public costs" in page and "G B32" in page
    assert f"{reverse('feasibility:catalogue')}#rule-E8.R7" in page
    assert "E8 Cost reduction and sharing" in page
    assert client.get(reverse("practices:detail", kwargs={"slug": "nothing-here"})).status_code == 404


def test_each_rule_on_the_rules_page_links_to_its_practices(client, library):
    page = client.get(reverse("feasibility:catalogue")).content.decode()
    assert reverse("practices:detail", kwargs={"slug": "digital-explorers"}) in page  # E8.R7
    for practice in Practice.objects.all():
        assert practice.get_absolute_url() in page, practice.slug


def test_a_finding_on_the_review_step_shows_a_practice_with_its_source(
    client, dest_official, partnership, library, django_assert_max_num_queries
):
    client.force_login(dest_official)
    client.post(step_url(partnership, "review"), {"action": "check"})
    page = client.get(step_url(partnership, "review")).content.decode()
    assert "How others did it:" in page
    assert "data-practice-link" in page
    # One of the open findings shows e.g. E8.R4 → the German health-worker scheme with its source.
    shown = [p for p in Practice.objects.all() if p.get_absolute_url() in page]
    assert shown
    assert any(p.source in page for p in shown)


def test_a_finding_on_the_reviewers_page_shows_a_practice_with_its_source(
    client, dest_official, reviewer, partnership, library
):
    client.force_login(dest_official)
    client.post(step_url(partnership, "review"), {"action": "check"})
    client.force_login(reviewer)
    page = client.get(reverse("reviews:partnership", kwargs={"pk": partnership.pk})).content.decode()
    assert "How others did it:" in page and "data-practice-link" in page
    assert any(p.get_absolute_url() in page and p.source in page for p in Practice.objects.all())


def test_the_practices_on_the_review_step_cost_one_query(client, dest_official, partnership, library):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(dest_official)
    client.post(step_url(partnership, "review"), {"action": "check"})
    client.get(step_url(partnership, "review"))  # warm caches
    with CaptureQueriesContext(connection) as with_library:
        client.get(step_url(partnership, "review"))
    Practice.objects.all().delete()
    with CaptureQueriesContext(connection) as without:
        client.get(step_url(partnership, "review"))
    assert len(with_library) == len(without)  # the one practices query runs either way


def test_a_reviewer_creates_edits_and_retires_a_practice_with_history(client, reviewer, library):
    client.force_login(reviewer)
    assert client.get(reverse("practices:create")).status_code == 200
    data = {
        "slug": "test-scheme",
        "name": "Test scheme",
        "corridor": "Morocco → Spain",
        "origin_countries": "ma",
        "destination_countries": "ES",
        "regions": ["mena", "eea"],
        "summary": "A scheme written for this test.",
        "rules": "E6.R5",
        "source": "G9",
        "action_E6": "Mentors met each newcomer.",
    }
    response = client.post(reverse("practices:create"), data)
    assert response.status_code == 302
    practice = Practice.objects.get(slug="test-scheme")
    assert practice.origin_countries == ["MA"] and practice.elements == ["E6"]

    data.update(summary="A changed summary.", reason="Wording")
    response = client.post(reverse("practices:edit", kwargs={"slug": "test-scheme"}), data)
    assert response.status_code == 302
    response = client.post(reverse("practices:retire", kwargs={"slug": "test-scheme"}), {"action": "retire"})
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.retired and practice.summary == "A changed summary."
    assert practice.history.count() == 3
    page = client.get(practice.get_absolute_url()).content.decode()
    assert "Wording" in page and "retired" in page
    assert practice.get_absolute_url() not in client.get(reverse("practices:list")).content.decode()


def test_the_curation_form_refuses_unknown_rules_and_rules_without_their_element(client, reviewer, library):
    client.force_login(reviewer)
    data = {"slug": "x", "name": "X", "summary": "S", "source": "G9", "rules": "E6.R99", "action_E6": "Did"}
    response = client.post(reverse("practices:create"), data)
    assert response.status_code == 400 and "Unknown rule" in response.content.decode()
    data["rules"] = "E8.R4"
    response = client.post(reverse("practices:create"), data)
    assert response.status_code == 400 and "E8" in response.content.decode()
    data.update(slug="new", rules="E6.R5")
    response = client.post(reverse("practices:create"), data)
    assert response.status_code == 400 and "adds a practice" in response.content.decode()
    assert not Practice.objects.filter(slug__in=["x", "new"]).exists()


def test_a_curator_sees_the_history_of_a_loaded_entry(client, reviewer, library):
    client.force_login(reviewer)
    page = client.get(reverse("practices:detail", kwargs={"slug": "mentor"})).content.decode()
    assert "the data file" in page and "loaded from the data file" in page


def test_officials_cannot_curate(client, dest_official, library):
    client.force_login(dest_official)
    assert client.get(reverse("practices:create")).status_code == 403
    assert client.get(reverse("practices:edit", kwargs={"slug": "mentor"})).status_code == 403
    assert client.post(reverse("practices:retire", kwargs={"slug": "mentor"})).status_code == 403
    assert not Practice.objects.get(slug="mentor").retired
    assert "Add a practice" not in client.get(reverse("practices:list")).content.decode()


def test_anonymous_visitors_are_sent_to_log_in_for_curation(client, library):
    response = client.get(reverse("practices:create"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_retired_entries_are_hidden_from_readers(client, dest_official, library):
    Practice.objects.filter(slug="mentor").update(retired=True)
    client.force_login(dest_official)
    assert client.get(reverse("practices:detail", kwargs={"slug": "mentor"})).status_code == 404


def test_an_admin_may_curate(client, library):
    admin = UserFactory(username="admin_user", role="admin")
    client.force_login(admin)
    assert client.get(reverse("practices:edit", kwargs={"slug": "mentor"})).status_code == 200
