"""Views of the reviews app: dashboard, filters, review page, actions through the UI, exports, access."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.urls import reverse

from codelists.partnerships import ReviewStatus, Stage
from feasibility.models import FeasibilityRun
from partnerships.models import Partnership
from partnerships.tests.factories import CountryFactory, PartnershipCountryFactory, PartnershipFactory
from reviews.models import Notification, ReviewComment
from reviews.tests.support import bring_to, check_now, portfolio_seed
from skills.tests.factories import SectorFactory

pytestmark = pytest.mark.django_db


def page(client, user, url, **params):
    client.force_login(user)
    return client.get(url, params)


#
# Dashboard
#


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("reviews:dashboard"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_the_reviewer_sees_every_partnership_with_its_scores(client, reviewer, ready):
    other = PartnershipFactory(name="Nigeria–Lithuania ICT", with_countries=True)
    check_now(ready)
    response = page(client, reviewer, reverse("reviews:dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    assert ready.name in html and other.name in html
    assert 'data-figure="total">2<' in html
    link = reverse("reviews:partnership", args=[ready.pk]) + "#element-E3"
    assert link in html


def test_an_official_sees_only_the_partnerships_of_their_organisations(client, dest_official, partnership):
    other = PartnershipFactory(name="Somebody else's scheme")
    html = page(client, dest_official, reverse("reviews:dashboard")).content.decode()
    assert partnership.name in html
    assert other.name not in html


def test_filters_narrow_the_portfolio_and_stay_in_the_url(client, reviewer, partnership):
    CountryFactory(code="NG", name="Nigeria", iom_region="west_central_africa")
    CountryFactory(code="DE", name="Germany", iom_region="eea")
    CountryFactory(code="XK", name="Kosovo", iom_region="see_ee_central_asia")
    nigeria = PartnershipFactory(name="Nigeria–Lithuania ICT", stage=Stage.DESIGN, migration_types=["circular"])
    PartnershipCountryFactory(partnership=nigeria, country="NG", side="origin")
    PartnershipCountryFactory(partnership=nigeria, country="LT", side="destination")
    nigeria.sectors.add(SectorFactory(code="ict"))
    url = reverse("reviews:dashboard")

    cases = {
        "region=west_central_africa": {nigeria.name},
        "country=XK": {partnership.name},
        "sector=ict": {nigeria.name},
        "stage=design": {nigeria.name},
        "migration_type=circular": {nigeria.name},
        "migration_type=temporary": {partnership.name},
        "q=lithuania": {nigeria.name},
        "status=draft": {partnership.name, nigeria.name},
    }
    client.force_login(reviewer)
    for query, expected in cases.items():
        html = client.get(f"{url}?{query}").content.decode()
        shown = {name for name in (partnership.name, nigeria.name) if f">{name}</a>" in html}
        assert shown == expected, query
    html = client.get(f"{url}?country=XK").content.decode()
    assert "portfolio.csv?country=XK" in html


def test_an_unknown_filter_value_is_reported_not_a_server_error(client, reviewer, partnership):
    response = page(client, reviewer, reverse("reviews:dashboard"), stage="nowhere", page="x")
    assert response.status_code == 200
    assert "Some filters were not understood" in response.content.decode()


def test_the_red_flag_filter_keeps_only_partnerships_whose_latest_run_has_red_flags(client, reviewer, ready):
    clean = PartnershipFactory(name="Clean scheme", with_countries=True)
    run = check_now(ready)
    check_now(clean)
    FeasibilityRun.objects.filter(pk=run.pk).update(red_flags=["R.11"], recruitment_verdict="fail")
    html = page(client, reviewer, reverse("reviews:dashboard"), red_flag="on").content.decode()
    assert f">{ready.name}</a>" in html and f">{clean.name}</a>" not in html
    assert 'data-figure="red-flags">1<' in html


def test_the_heatmap_sorts_by_an_element_score(client, reviewer):
    low = PartnershipFactory(name="A low scorer", with_countries=True)
    high = PartnershipFactory(name="B high scorer", with_countries=True)
    for p, score in ((low, 10.0), (high, 90.0)):
        run = check_now(p)
        results = dict(run.element_results)
        results["E3"] = {**results.get("E3", {}), "score": score}
        FeasibilityRun.objects.filter(pk=run.pk).update(element_results=results)
    html = page(client, reviewer, reverse("reviews:dashboard"), sort="-E3").content.decode()
    assert html.index(high.name) < html.index(low.name)
    html = page(client, reviewer, reverse("reviews:dashboard"), sort="E3").content.decode()
    assert html.index(low.name) < html.index(high.name)


def test_the_dashboard_keeps_a_constant_number_of_queries(client, reviewer, django_assert_num_queries):
    """Session + user (2); filter choices: countries, sectors (2); stage × status (1); places, planned migrants (2);
    latest runs: count, mean, red flags, histogram (1); cost figures: counts and medians (1 on PostgreSQL,
    3 elsewhere); the partnerships named beside them — left out, or listed below three values (1); corridors
    (1); cost grid (1); heatmap count, page, runs, countries (4); overdue reports (1); nav badge (1) — 18 on
    PostgreSQL, 20 on SQLite, for 10 partnerships as for 1,000; the red-flag filter reads the flagged
    partnerships once (+1)."""
    expected = 18 if connection.vendor == "postgresql" else 20
    client.force_login(reviewer)
    url = reverse("reviews:dashboard")
    portfolio_seed(10)
    with django_assert_num_queries(expected):
        assert client.get(url, {"sort": "-E2"}).status_code == 200
    portfolio_seed(990)
    with django_assert_num_queries(expected):
        response = client.get(url, {"sort": "-E2"})
    assert 'data-figure="total">1,000<' in response.content.decode()
    with django_assert_num_queries(expected + 1):
        response = client.get(url, {"sort": "readiness", "red_flag": "on", "region": "eea", "page": 3})
    assert response.status_code == 200


#
# Review page
#


def test_the_review_page_tells_the_whole_story(client, reviewer, ready):
    check_now(ready)
    html = page(client, reviewer, reverse("reviews:partnership", args=[ready.pk])).content.decode()
    for text in ("Typology", "Germany", "Kosovo", "Federal Ministry of Labour", "Cost sharing", "Recruitment"):
        assert text in html
    for code in ("E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8"):
        assert f'id="element-{code}"' in html


def test_an_outsider_gets_404_for_the_review_page_and_its_exports(client, outsider, ready):
    client.force_login(outsider)
    for name in ("reviews:partnership", "reviews:pdf"):
        assert client.get(reverse(name, args=[ready.pk])).status_code == 404
    assert client.post(reverse("reviews:action", args=[ready.pk]), {"action": "submit"}).status_code == 404


def test_the_review_page_shows_changed_since_approval(client, reviewer, dest_official, ready):
    bring_to(ready, "approved", official=dest_official, reviewer=reviewer)
    Partnership.objects.filter(pk=ready.pk).update(version=ready.version + 3)
    html = page(client, reviewer, reverse("reviews:partnership", args=[ready.pk])).content.decode()
    assert 'id="changed-since-approval"' in html


def test_the_review_page_compares_two_runs(client, reviewer, ready):
    first = check_now(ready)
    second = check_now(ready)
    html = page(
        client, reviewer, reverse("reviews:partnership", args=[ready.pk]), run_a=first.pk, run_b=second.pk
    ).content.decode()
    assert f"From run {first.pk} to run {second.pk}" in html


def test_the_reviewer_requests_changes_on_one_element_from_the_page(client, reviewer, dest_official, ready):
    bring_to(ready, "in_review", official=dest_official, reviewer=reviewer)
    client.force_login(reviewer)
    response = client.post(
        reverse("reviews:request_changes", args=[ready.pk]), {"element": "E3", "text": "Add employer survey."}
    )
    assert response.status_code == 302
    assert Partnership.objects.get(pk=ready.pk).review_status == ReviewStatus.CHANGES_REQUESTED
    comment = ReviewComment.objects.get(partnership=ready)
    assert (comment.element, comment.requests_change) == ("E3", True)
    client.force_login(dest_official)
    assert "requested changes" in client.get(reverse("reviews:notifications")).content.decode()


def test_request_changes_without_a_reason_keeps_the_page_and_says_why(client, reviewer, dest_official, ready):
    bring_to(ready, "in_review", official=dest_official, reviewer=reviewer)
    client.force_login(reviewer)
    response = client.post(reverse("reviews:request_changes", args=[ready.pk]), {"element": "E3", "text": ""})
    assert response.status_code == 400
    assert "comment that requests a change" in response.content.decode()
    assert Partnership.objects.get(pk=ready.pk).review_status == ReviewStatus.IN_REVIEW


def test_a_refused_action_shows_the_reason_and_keeps_the_comment(client, reviewer, dest_official, ready):
    bring_to(ready, "in_review", official=dest_official, reviewer=reviewer)
    client.force_login(reviewer)
    response = client.post(
        reverse("reviews:action", args=[ready.pk]), {"action": "approve", "comment": "Looks good to me"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "still running" in html and "Looks good to me" in html


def test_an_official_cannot_approve_through_the_page(client, reviewer, dest_official, ready):
    bring_to(ready, "in_review", official=dest_official, reviewer=reviewer)
    check_now(ready)
    client.force_login(dest_official)
    response = client.post(reverse("reviews:action", args=[ready.pk]), {"action": "approve"})
    assert response.status_code == 400
    assert "Only the assigned reviewer" in response.content.decode()
    assert Partnership.objects.get(pk=ready.pk).review_status == ReviewStatus.IN_REVIEW


def test_an_unknown_action_is_a_400_not_a_500(client, dest_official, ready):
    client.force_login(dest_official)
    response = client.post(reverse("reviews:action", args=[ready.pk]), {"action": "explode"})
    assert response.status_code == 400


def test_the_reviewer_approves_through_the_page_after_resolving_the_request(client, reviewer, dest_official, ready):
    bring_to(ready, "changes_requested", official=dest_official, reviewer=reviewer)
    client.force_login(dest_official)
    client.post(reverse("reviews:action", args=[ready.pk]), {"action": "resubmit", "comment": "Done."})
    client.force_login(reviewer)
    client.post(reverse("reviews:action", args=[ready.pk]), {"action": "start_review"})
    comment = ReviewComment.objects.get(partnership=ready, requests_change=True)
    client.post(reverse("reviews:comment_resolve", args=[ready.pk, comment.pk]), {"resolved": "1"})
    check_now(ready)
    response = client.post(reverse("reviews:action", args=[ready.pk]), {"action": "approve"})
    assert response.status_code == 302
    assert Partnership.objects.get(pk=ready.pk).review_status == ReviewStatus.APPROVED


def test_a_comment_form_error_is_shown_next_to_the_field(client, reviewer, ready):
    client.force_login(reviewer)
    response = client.post(reverse("reviews:comment", args=[ready.pk]), {"rule_id": "E3.R99", "text": "x"})
    assert response.status_code == 400
    assert "There is no rule E3.R99." in response.content.decode()


def test_notifications_are_listed_and_marked_read(client, reviewer, dest_official, ready):
    bring_to(ready, "submitted", official=dest_official, reviewer=reviewer)
    client.force_login(reviewer)
    html = client.get(reverse("reviews:notifications")).content.decode()
    assert "submitted" in html and ready.name in html
    client.post(reverse("reviews:notifications_read"))
    assert not Notification.objects.filter(recipient=reviewer, read_at__isnull=True).exists()


#
# Exports (the PDF design brief: test_briefs.py)
#


def test_the_csv_has_one_row_per_filtered_partnership(client, reviewer, partnership):
    PartnershipFactory(name="Seasonal scheme", migration_types=["seasonal"])
    PartnershipFactory(name="Another seasonal scheme", migration_types=["seasonal"])
    check_now(partnership)
    client.force_login(reviewer)
    response = client.get(reverse("reviews:dashboard_csv"), {"migration_type": "seasonal"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert sorted(row["Name"] for row in rows) == ["Another seasonal scheme", "Seasonal scheme"]
    response = client.get(reverse("reviews:dashboard_csv"))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 3
    row = next(row for row in rows if row["Name"] == partnership.name)
    assert row["Score: E1 Long- and mid-term planning"] != "" and row["Readiness (%)"] != ""


def test_each_finding_that_needs_action_says_where_it_is_fixed(client, reviewer, ready):
    """The review page links every WARN or FAIL finding to the wizard step and field that fix it."""
    import re

    run = check_now(ready)
    html = page(client, reviewer, reverse("reviews:partnership", args=[ready.pk])).content.decode()
    needing = set(
        FeasibilityRun.objects.get(pk=run.pk)
        .findings.filter(status__in=["WARN", "FAIL"])
        .values_list("rule_id", flat=True)
    )
    linked = set(re.findall(r'data-fix-link>[^<]*<span class="visually-hidden"> \(([^)]+)\)</span>', html))
    assert needing and needing <= linked
    assert f"/partnerships/{ready.pk}/steps/" in html and "?fix=" in html


@pytest.mark.parametrize(
    ("language", "amount", "total", "share", "label"),
    [
        ("en", "12,345.50 EUR", "32,345.50", "100.00 %", "Cost per migrant: <strong>3,234.55 EUR"),
        ("fr", "12\xa0345,50 EUR", "32\xa0345,50", "100,00 %", "Coût par migrant\xa0: <strong>3\xa0234,55 EUR"),
    ],
)
def test_the_review_page_writes_figures_for_people(
    client, reviewer, partnership, language, amount, total, share, label
):
    """Amounts grouped with the reader's separators and a currency, shares with two decimals, and a label's
    colon set the reader's way (French puts a no-break space before it)."""
    from costs.tests.factories import CostItemFactory, CostShareFactory

    CostShareFactory(item=CostItemFactory(partnership=partnership, amount="12345.50"))
    CostShareFactory(item=CostItemFactory(partnership=partnership))
    Partnership.objects.filter(pk=partnership.pk).update(planned_migrants_total=10, reporting_currency="EUR")
    client.force_login(reviewer)
    url = reverse("reviews:partnership", kwargs={"pk": partnership.pk})
    html = client.get(url, headers={"accept-language": language}).content.decode()
    costs = html[html.index('id="costs"') : html.index("</section>", html.index('id="costs"'))]
    assert amount in costs and f"<td>{total}</td>" in costs, costs
    assert share in costs or share.replace(" %", "\xa0%") in costs, costs
    assert label in costs and "12345.5" not in costs


def test_the_heatmap_names_each_corridor_in_the_readers_language(client, reviewer, partnership):
    client.force_login(reviewer)
    for language, corridor in (("en", "Kosovo → Germany"), ("fr", "Kosovo → Allemagne")):
        html = client.get(reverse("reviews:dashboard"), headers={"accept-language": language}).content.decode()
        assert f'<td class="hm-wide hm-corridor small">{corridor}</td>' in html, language


def test_the_dashboard_filters_name_countries_and_sectors_in_the_readers_language(client, reviewer, partnership):
    SectorFactory(code="agriculture_agrifood")
    CountryFactory(code="DE", name="Germany")
    CountryFactory(code="EG", name="Egypt")
    CountryFactory(code="FR", name="France")
    client.force_login(reviewer)
    html = client.get(reverse("reviews:dashboard"), headers={"accept-language": "fr"}).content.decode()
    countries = html[html.index('name="country"') : html.index("</select>", html.index('name="country"'))]
    sectors = html[html.index('name="sector"') : html.index("</select>", html.index('name="sector"'))]
    assert ">Allemagne<" in countries and ">Germany<" not in countries
    assert countries.index(">Égypte<") < countries.index(">France<")  # accents aside, as a reader sorts
    assert ">Agriculture et agroalimentaire<" in sectors, sectors
    assert "Agriculture and agri-food" not in sectors
