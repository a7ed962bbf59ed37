"""The partnership page (``/partnerships/<id>/``): who sees it, its header in words, its tabs, and the lead
side's stage moves (§5, §5.1)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from codelists.partnerships import Stage
from partnerships.models import Partnership, StageChange

pytestmark = pytest.mark.django_db

TABS = ("page", "feasibility", "review", "history")


def url(partnership, name: str = "page") -> str:
    return reverse(f"monitoring:{name}", args=[partnership.pk])


@pytest.fixture
def official(client, dest_official):
    client.force_login(dest_official)
    return client


#
# Who sees it
#


@pytest.mark.parametrize("name", TABS)
def test_outsider_gets_404_on_every_tab(client, outsider, partnership, name):
    client.force_login(outsider)
    assert client.get(url(partnership, name)).status_code == 404


@pytest.mark.parametrize("name", TABS)
def test_a_participant_and_a_reviewer_see_every_tab(client, partner_client, reviewer, partnership, name):
    for user in (partner_client, reviewer):
        client.force_login(user)
        assert client.get(url(partnership, name)).status_code == 200


def test_anonymous_users_are_sent_to_log_in(client, partnership):
    response = client.get(url(partnership))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_get_absolute_url_is_the_page(partnership):
    assert partnership.get_absolute_url() == f"/partnerships/{partnership.pk}/"


#
# Header and tab bar
#


def test_the_header_says_corridor_stage_status_and_figures_in_words(official, partnership):
    from costs.tests.factories import CostItemFactory, CostShareFactory

    Partnership.objects.filter(pk=partnership.pk).update(planned_migrants_total=1200, reporting_currency="EUR")
    item = CostItemFactory(partnership=partnership, amount=Decimal("1200000"), currency="EUR", basis="fixed")
    CostShareFactory(item=item, payer="employer", percent=Decimal("90"))
    CostShareFactory(item=item, payer="migrant", percent=Decimal("10"))
    page = official.get(url(partnership)).content.decode()
    assert "From Kosovo to Germany" in page
    assert 'id="fact-stage">Exploration<' in page
    assert 'id="fact-review-status">Draft<' in page
    assert 'id="fact-migrants">1,200<' in page
    assert "1,000.00 EUR" in page  # 1,200,000 for 1,200 migrants
    assert "10.00 %" in page  # the share migrants bear, with two decimals as on the dashboard and review page
    assert "not checked yet" in page


def test_the_tab_bar_is_links_and_marks_the_current_tab(official, partnership):
    tabs = (("page", "design"), ("feasibility", "feasibility"), ("review", "review"), ("history", "history"))
    for name, code in tabs:
        page = official.get(url(partnership, name)).content.decode()
        current = re.findall(r'<a class="nav-link active" href="([^"]+)" aria-current="page" id="tab-(\w+)"', page)
        assert current == [(url(partnership, name), code)]
        assert f'href="{url(partnership, "monitoring")}"' in page


def test_the_design_tab_summarises_every_step_with_links_to_the_wizard(official, partnership):
    page = official.get(url(partnership)).content.decode()
    for code in ("basics", "countries_objectives", "actors_governance", "costs", "recruitment"):
        assert reverse("design:step", kwargs={"pk": partnership.pk, "code": code}) in page
    assert "1 origin country" in page and "1 destination country" in page
    assert "3 organisations take part" in page
    assert reverse("design:tasks", kwargs={"pk": partnership.pk}) in page


def test_a_reviewer_gets_a_link_to_the_review_page_an_official_does_not(client, reviewer, dest_official, partnership):
    review_page = reverse("reviews:partnership", args=[partnership.pk])
    client.force_login(reviewer)
    assert f'href="{review_page}"' in client.get(url(partnership, "review")).content.decode()
    client.force_login(dest_official)
    assert f'href="{review_page}"' not in client.get(url(partnership, "review")).content.decode()


#
# Stage moves (§5; permissions in docs/permissions.md)
#


def following(stage: str) -> str:
    from codelists.partnerships import STAGE_ORDER

    return next(code for code in Stage.values if STAGE_ORDER[code] == STAGE_ORDER[stage] + 1)


def test_the_lead_side_sees_the_open_gaps_and_moves_only_once_they_are_acknowledged(official, partnership):
    """§5.1: the exit checklist's gaps are listed; the move goes ahead once acknowledged, and is recorded."""
    before = partnership.stage
    page = official.get(url(partnership)).content.decode()
    assert 'id="stage-gaps"' in page and "A lead organisation" not in page  # the lead is there
    assert "At least one sector." in page  # the factory partnership has no sector
    refused = official.post(url(partnership, "stage"), {"to_stage": following(before), "reason": "Ready."}, follow=True)
    partnership.refresh_from_db()
    assert partnership.stage == before
    assert "of the checklist are missing" in refused.content.decode()
    assert not StageChange.objects.filter(partnership=partnership).exists()

    response = official.post(
        url(partnership, "stage"), {"to_stage": following(before), "reason": "Ready.", "acknowledge_gaps": "1"}
    )
    assert response.status_code == 302 and response["Location"].endswith("#stage")
    partnership.refresh_from_db()
    assert partnership.stage == following(before)
    change = StageChange.objects.get(partnership=partnership)
    assert change.reason == "Ready." and change.user.username == "dest_official"
    assert "sectors" in {gap["code"] for gap in change.open_gaps}
    review_tab = official.get(url(partnership, "review")).content.decode()
    assert "At least one sector." in review_tab and "Ready." in review_tab  # the record, in words


def test_the_co_lead_moves_back_with_a_reason_but_not_without(client, origin_official, partnership):
    Partnership.objects.filter(pk=partnership.pk).update(stage=Stage.DESIGN)
    client.force_login(origin_official)
    page = client.get(url(partnership)).content.decode()
    assert 'id="stage-back"' in page and '<option value="exploration">Exploration</option>' in page
    client.post(url(partnership, "stage"), {"to_stage": Stage.ASSESSMENT, "reason": ""})
    partnership.refresh_from_db()
    assert partnership.stage == Stage.DESIGN
    client.post(url(partnership, "stage"), {"to_stage": Stage.ASSESSMENT, "reason": "The study is redone."})
    partnership.refresh_from_db()
    assert partnership.stage == Stage.ASSESSMENT
    assert StageChange.objects.get(partnership=partnership).reason == "The study is redone."


def test_skipping_a_stage_forward_is_refused(official, partnership):
    response = official.post(
        url(partnership, "stage"), {"to_stage": Stage.DESIGN, "reason": "Hurry.", "acknowledge_gaps": "1"}, follow=True
    )
    partnership.refresh_from_db()
    assert partnership.stage == Stage.EXPLORATION
    assert "one stage at a time" in response.content.decode()


def test_the_lead_closes_with_a_reason_and_a_closed_partnership_offers_no_move(official, partnership):
    official.post(
        url(partnership, "stage"), {"to_stage": "closed", "reason": "Funding ended.", "closure_reason": "abandoned"}
    )
    partnership.refresh_from_db()
    assert partnership.stage == Stage.CLOSED and partnership.closure_reason == "abandoned"
    page = official.get(url(partnership)).content.decode()
    assert 'id="stage-forward"' not in page and 'id="stage-back"' not in page
    refused = official.post(url(partnership, "stage"), {"to_stage": "evaluation", "reason": "Oops."}, follow=True)
    assert "stays closed" in refused.content.decode()


@pytest.mark.parametrize("persona", ["partner_client", "reviewer"])
def test_a_participant_and_a_reviewer_cannot_move_the_stage(client, request, partnership, persona):
    """docs/permissions.md: "Move the lifecycle stage" and "Close" are the lead side's."""
    client.force_login(request.getfixturevalue(persona))
    page = client.get(url(partnership)).content.decode()
    assert 'id="stage-forward"' not in page and 'id="stage-back"' not in page
    for to_stage in (following(partnership.stage), "closed"):
        move = {"to_stage": to_stage, "reason": "x", "acknowledge_gaps": "1"}
        response = client.post(url(partnership, "stage"), move)
        assert response.status_code == 403
    partnership.refresh_from_db()
    assert partnership.stage == Stage.EXPLORATION


def test_an_outsider_posting_a_move_gets_404(client, outsider, partnership):
    client.force_login(outsider)
    assert client.post(url(partnership, "stage"), {"to_stage": "closed", "reason": "x"}).status_code == 404


def test_an_unknown_stage_is_a_message_not_an_error(official, partnership):
    response = official.post(url(partnership, "stage"), {"to_stage": "nowhere"}, follow=True)
    assert response.status_code == 200 and "Choose the stage to move to." in response.content.decode()


def test_the_stage_page_only_accepts_posts(official, partnership):
    assert official.get(url(partnership, "stage")).status_code == 405


#
# Every link to a partnership leads to its page
#


def test_links_to_a_partnership_lead_to_its_page(client, official, reviewer, partnership):
    from reviews.tests.factories import ReviewCommentFactory, ReviewTransitionFactory

    page = url(partnership)
    assert f'href="{page}"' in official.get(reverse("design:list")).content.decode()
    step = official.get(reverse("design:step", kwargs={"pk": partnership.pk, "code": "basics"})).content.decode()
    assert f'href="{page}"' in step  # the wizard's breadcrumb
    tasks = official.get(reverse("design:tasks", kwargs={"pk": partnership.pk})).content.decode()
    assert f'href="{page}"' in tasks
    comment = ReviewCommentFactory(partnership=partnership)
    transition = ReviewTransitionFactory(partnership=partnership)
    assert comment.get_absolute_url() == f"{url(partnership, 'review')}#comment-{comment.pk}"
    assert transition.get_absolute_url() == f"{url(partnership, 'review')}#transition-{transition.pk}"
    review_tab = official.get(url(partnership, "review")).content.decode()
    assert f'id="comment-{comment.pk}"' in review_tab and f'id="transition-{transition.pk}"' in review_tab
    client.force_login(reviewer)
    review_page = client.get(reverse("reviews:partnership", args=[partnership.pk])).content.decode()
    assert f'href="{page}"' in review_page  # the reviewer's page leads back to the partnership page


def test_a_run_links_to_itself_on_the_feasibility_tab(official, partnership):
    from feasibility.models import FeasibilityRun

    run = FeasibilityRun.objects.create(partnership=partnership, status="succeeded")
    assert run.get_absolute_url() == f"{url(partnership, 'feasibility')}#run-{run.pk}"
    assert f'id="run-{run.pk}"' in official.get(run.get_absolute_url()).content.decode()


def test_the_dashboard_names_lead_to_the_page_and_the_scores_to_the_reviewers_page(client, reviewer, partnership):
    from reviews.tests.test_heatmap import checked

    checked(partnership, {})  # a checked partnership's cells link to the reviewer's page
    client.force_login(reviewer)
    html = client.get(reverse("reviews:dashboard")).content.decode()
    assert f'href="{url(partnership)}"' in html
    assert f'href="{reverse("reviews:partnership", args=[partnership.pk])}#element-E1"' in html
