"""The wizard's home for a partnership (issue #19): the task list at ``/partnerships/<id>/steps/`` with each
step's status in words, the reviewers' feedback at the top, and "Check your answers" before submitting.

Personas and the Germany–Kosovo partnership come from tests/conftest.py: the German ministry leads, the
Kosovan ministry co-leads, the employers' association takes part as employer and funder.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from codelists import partnerships as pc
from costs.tests.factories import CostItemFactory
from design.steps import STEPS
from design.tests.test_queries import make_rows
from feasibility.models import FeasibilityRun, Finding
from partnerships.tests.factories import PartnershipCountryFactory, PartnershipFactory, PathwayFactory
from reviews.tests.factories import ReviewCommentFactory
from reviews.tests.support import bring_to
from skills.tests.factories import SectorFactory
from stakeholders.tests.factories import ParticipationFactory

pytestmark = pytest.mark.django_db


def tasks_url(partnership) -> str:
    return reverse("design:tasks", kwargs={"pk": partnership.pk})


def check_url(partnership) -> str:
    return reverse("design:check", kwargs={"pk": partnership.pk})


def step_url(partnership, code: str) -> str:
    return reverse("design:step", kwargs={"pk": partnership.pk, "code": code})


def statuses(page: str) -> dict[str, str]:
    """Task code → the status it shows, read from the page as a person reads it."""
    found = re.findall(r'id="task-([a-z_]+)-status"><strong class="[^"]*">([^<]+)</strong>', page)
    return dict(found)


def answers(page: str) -> dict[str, str]:
    """Label → value text of every line of "Check your answers", as read on screen (tags and spacing aside)."""
    found = re.findall(r'<dt>(.*?)</dt>\s*<dd class="summary-value">(.*?)</dd>', page, flags=re.S)
    return {label: " ".join(re.sub(r"<[^>]+>", " ", value).split()) for label, value in found}


def succeeded_run(partnership, findings: list[tuple[str, str]]) -> FeasibilityRun:
    """A finished check of the partnership's current version with the given (element, status) findings."""
    from django.utils import timezone

    run = FeasibilityRun.objects.create(
        partnership=partnership,
        status="succeeded",
        finished_at=timezone.now(),
        partnership_version=partnership.version,
    )
    for index, (element, status) in enumerate(findings):
        rule = "R.1" if element == "R" else f"{element}.R{index + 1}"
        Finding.objects.create(run=run, rule_id=rule, element=element, status=status, message=f"Finding {index}")
    return run


@pytest.fixture
def official(client, dest_official):
    client.force_login(dest_official)
    return client


#
# Statuses in words
#


def test_each_step_shows_its_status_in_words(official, partnership):
    """Empty → Not started; some data → In progress; the minimum a reviewer expects → Completed;
    warnings or failures of the latest check on the step's element → Has findings."""
    PathwayFactory(partnership=partnership, destination_country=partnership.countries.get(country="DE"))
    CostItemFactory(partnership=partnership)
    succeeded_run(partnership, [("E8", "FAIL"), ("E8", "WARN"), ("E7", "PASS"), ("R", "FAIL")])

    page = official.get(tasks_url(partnership)).content.decode()
    shown = statuses(page)

    assert shown["basics"] == "In progress"  # no sector yet
    assert shown["evidence"] == "Not started"
    assert shown["pathways"] == "Completed"  # a passed finding is no finding to fix
    assert shown["costs"] == "Has findings"
    assert shown["recruitment"] == "Not started"  # empty: start it, whatever the check found
    assert "The last feasibility check has 2 warnings or failures here." in page
    assert list(shown)[:10] == [step.code for step in STEPS[:10]]
    assert shown["check"] == "In progress" and shown["review"] == "In progress"  # a check ran, not submitted


def test_a_fresh_partnership_has_every_step_not_started_but_its_basics(official, dest_ministry):
    partnership = PartnershipFactory(name="Fresh")
    ParticipationFactory(partnership=partnership, organisation=dest_ministry, side="destination", roles=["lead"])
    shown = statuses(official.get(tasks_url(partnership)).content.decode())
    assert shown.pop("basics") == "In progress"
    assert shown.pop("check") == "In progress"  # something is recorded to check
    assert set(shown.values()) == {"Not started"}, shown


def test_the_status_is_a_word_not_only_a_colour(official, partnership):
    page = official.get(tasks_url(partnership)).content.decode()
    # Each task link is described by its status text, so screen readers read it with the title.
    assert 'aria-describedby="task-costs-status"' in page
    assert re.search(r'id="task-costs-status"><strong class="task-status [^"]+">Not started</strong>', page)


def test_submitted_partnership_shows_check_and_submit_completed(official, partnership, dest_official, reviewer):
    partnership.sectors.add(SectorFactory())
    bring_to(partnership, pc.ReviewStatus.SUBMITTED, official=dest_official, reviewer=reviewer)
    page = official.get(tasks_url(partnership)).content.decode()
    shown = statuses(page)
    assert shown["check"] == "Completed" and shown["review"] == "Completed"
    assert "read-only for now" in page


#
# The top of the page: the partnership's state and the reviewers' feedback
#


def test_the_top_names_the_partnership_its_stage_and_review_status(official, partnership):
    page = official.get(tasks_url(partnership)).content.decode()
    assert partnership.name in page
    assert "Exploration" in page and "Draft" in page  # the stage and the review status by label
    assert "Not checked yet" in page


def test_reviewers_requests_and_comments_show_at_the_top_with_their_state(official, partnership, reviewer):
    ReviewCommentFactory(
        partnership=partnership,
        element="E8",
        rule_id="E8.R4",
        text="Employers should pay the visa fees.",
        author=reviewer,
    )
    ReviewCommentFactory(partnership=partnership, element="E3", text="Evidence now fine.", resolved=True)
    ReviewCommentFactory(
        partnership=partnership, element="", rule_id="", text="Nice corridor.", requests_change=False, author=reviewer
    )
    page = official.get(tasks_url(partnership)).content.decode()
    top = page.split('id="group-design"')[0]
    assert "The reviewer asks for one change" in top and "Employers should pay the visa fees." in top
    assert "Change requested — open" in top
    assert "Evidence now fine." in top and "Change requested — resolved" in top
    assert "Nice corridor." in top and "The whole partnership" in top
    assert "The reviewers ask for 1 change here." in page  # on the costs task
    assert page.index("The reviewers ask for 1 change here.") > page.index('id="task-costs"')


def test_the_lead_withdraws_from_review_on_the_task_list_and_comes_back_to_it(
    official, partnership, dest_official, reviewer
):
    partnership.sectors.add(SectorFactory())
    bring_to(partnership, pc.ReviewStatus.IN_REVIEW, official=dest_official, reviewer=reviewer)
    page = official.get(tasks_url(partnership)).content.decode()
    assert "Withdraw from review to edit" in page and 'name="back_to" value="tasks"' in page
    response = official.post(
        step_url(partnership, "review"),
        {"action": "withdraw", "back_to": "tasks", "comment": "The costs change."},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == tasks_url(partnership)
    partnership.refresh_from_db()
    assert partnership.review_status == pc.ReviewStatus.WITHDRAWN
    assert "Withdrawn from review: the partnership can be edited again." in response.content.decode()


#
# Who sees what
#


def test_an_outsider_gets_404_on_the_task_list_and_the_check(client, outsider, partnership):
    client.force_login(outsider)
    assert client.get(tasks_url(partnership)).status_code == 404
    assert client.get(check_url(partnership)).status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in(client, partnership):
    response = client.get(tasks_url(partnership))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_reviewer_reads_both_pages_without_change_or_submit(client, reviewer, partnership):
    client.force_login(reviewer)
    tasks = client.get(tasks_url(partnership))
    assert tasks.status_code == 200
    check = client.get(check_url(partnership))
    assert check.status_code == 200
    page = check.content.decode()
    assert ">Change<" not in page
    assert "Submit for review" not in page
    assert "Withdraw from review" not in tasks.content.decode()


def test_a_participant_changes_only_its_steps_and_cannot_submit(client, partner_client, partnership):
    """The employers' association (employer, funder) may change evidence, skills and costs (docs/permissions.md)."""
    client.force_login(partner_client)
    page = client.get(check_url(partnership)).content.decode()
    assert step_url(partnership, "costs") + "#id_main-planned_migrants_total" in page
    assert step_url(partnership, "basics") + "#id_main-name" not in page
    assert "Submit for review" not in page


def test_the_lead_gets_change_links_to_each_field_and_a_submit_button(official, partnership):
    page = official.get(check_url(partnership)).content.decode()
    assert step_url(partnership, "basics") + "#id_main-name" in page
    assert step_url(partnership, "basics") + "#id_main-migration_types" in page  # the group of boxes
    assert step_url(partnership, "countries_objectives") + "#set-countries" in page
    assert 'name="action" value="submit"' in page
    assert f'action="{step_url(partnership, "review")}"' in page
    assert "Choose at least one sector." in page  # what submission still needs


def test_no_change_links_while_the_partnership_is_in_review(official, partnership, dest_official, reviewer):
    partnership.sectors.add(SectorFactory())
    bring_to(partnership, pc.ReviewStatus.SUBMITTED, official=dest_official, reviewer=reviewer)
    page = official.get(check_url(partnership)).content.decode()
    assert ">Change<" not in page and "Submit for review" not in page
    assert "read-only for now" in page


#
# Check your answers: values in words
#


def test_check_your_answers_shows_labels_names_dates_and_numbers_in_words(official, partnership):
    partnership.form_of_engagement = pc.FormOfEngagement.BLMA
    partnership.migration_types = [pc.MigrationType.SEASONAL, pc.MigrationType.TEMPORARY]
    partnership.start_date = dt.date(2026, 3, 1)
    partnership.planned_migrants_total = 12000
    partnership.donor_funded = False
    partnership.save()
    partnership.sectors.add(SectorFactory(code="construction"))
    CostItemFactory(partnership=partnership, amount=Decimal("20000"))

    page = official.get(check_url(partnership)).content.decode()
    shown = answers(page)

    assert shown["Form of engagement"] == "Bilateral labour migration agreement"  # the label, not "blma"
    assert shown["Types of migration"] == "Seasonal, Temporary"
    assert shown["Start date"] == "March 1, 2026"  # the reader's date format, not 2026-03-01
    assert shown["Planned migrants (total)"] == "12,000"
    assert shown["Donor funded"] == "No"
    assert shown["Sectors"] == "Construction"
    assert shown["Reporting currency"] == "USD — US Dollar"
    assert shown["Partner countries"] == "2 recorded Germany (Destination) Kosovo (Origin)"  # names, not DE/XK
    assert shown["Organisations taking part"].startswith("3 recorded Federal Ministry of Labour and Social Affairs")
    assert "(Destination; Lead, Funder)" in shown["Organisations taking part"]
    assert shown["Cost items"].startswith("1 recorded Project implementation / Partnership meetings")
    assert shown["Summary"] != "Not recorded" and shown["Climate assessment date"] == "Not recorded"
    assert shown["Objectives"] == "None recorded"
    assert shown["Information checklist"] == "0 of 28 recorded"
    assert "2026-03-01" not in page and ">blma<" not in page


def test_check_your_answers_follows_the_readers_language(official, partnership):
    partnership.planned_migrants_total = 12000
    partnership.start_date = dt.date(2026, 3, 1)
    partnership.save()
    page = official.get(check_url(partnership), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "1 mars 2026" in page
    assert re.search(r"12\s000|12&nbsp;000|12\u202f000", page)


def test_submitting_from_check_your_answers_submits_the_partnership(official, partnership):
    partnership.sectors.add(SectorFactory())
    official.get(check_url(partnership))
    response = official.post(step_url(partnership, "review"), {"action": "submit", "comment": "Checked."})
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.review_status == pc.ReviewStatus.SUBMITTED


def test_after_changes_were_requested_the_check_offers_to_resubmit(official, partnership, dest_official, reviewer):
    partnership.sectors.add(SectorFactory())
    bring_to(partnership, pc.ReviewStatus.CHANGES_REQUESTED, official=dest_official, reviewer=reviewer)
    page = official.get(check_url(partnership)).content.decode()
    assert "Resubmit for review" in page


#
# Links to the task list
#


def test_the_sidebar_and_the_creation_message_link_to_the_task_list(official, partnership):
    # "My partnerships" leads to the partnership page (monitoring/tests/test_page.py), which links here.
    listed = official.get(reverse("design:list")).content.decode()
    assert f'href="{reverse("monitoring:page", args=[partnership.pk])}"' in listed
    step_page = official.get(step_url(partnership, "costs")).content.decode()
    assert f'href="{tasks_url(partnership)}">All steps</a>' in step_page
    from design.tests.support import as_post, form_data

    data = form_data(official.get(reverse("design:new")))
    data["main-name"] = "Morocco–Germany care workers"
    data["lead-side"] = pc.Side.DESTINATION
    page = official.post(reverse("design:new"), as_post(data), follow=True).content.decode()
    from partnerships.models import Partnership

    created = Partnership.objects.get(name="Morocco–Germany care workers")
    assert f'<a href="{tasks_url(created)}">all its steps</a>' in page


#
# Queries
#

#: Upper bounds: session and user (2), the partnership via for_user (1), the user's standing in it (1) and the
#: unread notifications of the navigation bar (1); the task list adds the progress counts (1), the latest run
#: and its findings (2), the open change requests (1) and the latest comments (1); "Check your answers" adds
#: the sectors (1), one query per collection (30) and what submission still needs (4, reviews.workflow).
MAX_TASK_LIST_QUERIES = 10
MAX_CHECK_QUERIES = 40


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_both_pages_cost_the_same_queries_for_a_small_and_a_large_partnership(
    official, partnership, dest_ministry, origin_ministry, django_assert_max_num_queries
):
    large = PartnershipFactory(name="Large partnership")
    PartnershipCountryFactory(partnership=large, country="DE", side="destination")
    PartnershipCountryFactory(partnership=large, country="XK", side="origin")
    ParticipationFactory(partnership=large, organisation=dest_ministry, side="destination", roles=["lead"])
    ParticipationFactory(partnership=large, organisation=origin_ministry, side="origin", roles=["co_lead"])
    for code in {step.code for step in STEPS} - {"basics", "review"}:
        make_rows(code, partnership, 2)
        make_rows(code, large, 40)
    for target in (partnership, large):
        succeeded_run(target, [("E8", "FAIL"), ("E3", "WARN")])
        for _ in range(3):
            ReviewCommentFactory(partnership=target, element="E8", rule_id="E8.R4")

    small_counts = (_count(official, tasks_url(partnership)), _count(official, check_url(partnership)))
    large_counts = (_count(official, tasks_url(large)), _count(official, check_url(large)))
    assert small_counts == large_counts, f"2 rows → {small_counts}, 40 rows → {large_counts}"
    with django_assert_max_num_queries(MAX_TASK_LIST_QUERIES):
        official.get(tasks_url(large))
    with django_assert_max_num_queries(MAX_CHECK_QUERIES):
        page = official.get(check_url(large)).content.decode()
    assert answers(page)["Legal pathways"].startswith("40 recorded")
