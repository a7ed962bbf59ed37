"""View tests of the design wizard: every step renders, saves, rejects bad input without losing it, and
hides partnerships outside the user's scope (personas from tests/conftest.py)."""

from __future__ import annotations

import re
from decimal import Decimal
from html import escape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from codelists import costs as cc
from codelists import partnerships as pc
from codelists import recruitment as rc
from codelists import skills as sc
from codelists import stakeholders as stc
from codelists.skills import DATA_NEED_GROUPS
from costs.models import CostItem, CostShare
from costs.tests.factories import CostItemFactory, CostShareFactory
from design.steps import STEP_CODES, STEPS
from design.tests.support import as_post, form_data
from partnerships.models import (
    ContinuumProvision,
    GrievanceChannel,
    Indicator,
    LinkedInitiative,
    Objective,
    Partnership,
    Pathway,
)
from recruitment.models import RecruitmentArrangement
from skills.models import DataNeed, LabourMarketEvidence, TargetOccupation, TrainingProgramme
from skills.tests.factories import OccupationFactory, SectorFactory
from stakeholders.models import GovernanceBody, Participation

pytestmark = pytest.mark.django_db


def step_url(partnership, code: str) -> str:
    return reverse("design:step", kwargs={"pk": partnership.pk, "code": code})


@pytest.fixture
def official(client, dest_official):
    client.force_login(dest_official)
    return client


def country_row(partnership, code: str):
    return partnership.countries.get(country=code)


#
# Valid input for each step: what to type on top of the rendered form, and how to see it was saved
#


def fill_basics(data, p):
    data["main-summary"] = "Bricklayers and carpenters trained in Kosovo for German firms."
    data["main-end_date"] = "2029-12-31"


def saved_basics(p):
    p.refresh_from_db()
    return p.summary.startswith("Bricklayers") and str(p.end_date) == "2029-12-31"


def fill_countries_objectives(data, p):
    data["objectives-0-kind"] = pc.ObjectiveKind.values[0]
    data["objectives-0-horizon"] = pc.Horizon.LONG
    data["objectives-0-description"] = "Fill construction shortages for ten years."
    data["indicators-0-name"] = "Migrants deployed"
    data["indicators-0-impact_category"] = pc.ImpactCategory.values[0]
    data["indicators-0-measure_type"] = pc.MeasureType.QUANTITATIVE
    data["indicators-0-level"] = pc.IndicatorLevel.values[0]
    data["indicators-0-direction"] = pc.Direction.values[0]
    data["indicators-0-baseline_value"] = "0"
    data["indicators-0-target_value"] = "120"


def saved_countries_objectives(p):
    return (
        Objective.objects.filter(partnership=p, horizon="long").exists()
        and Indicator.objects.filter(partnership=p, target_value="120").exists()
    )


def fill_actors_governance(data, p):
    data["bodies-0-name"] = "Joint steering committee"
    data["bodies-0-kind"] = stc.GovernanceKind.values[0]
    data["main-security_clearance_required"] = "false"


def saved_actors_governance(p):
    p.refresh_from_db()
    return GovernanceBody.objects.filter(partnership=p, name="Joint steering committee").exists() and (
        p.security_clearance_required is False
    )


def fill_evidence(data, p):
    data["evidence-0-title"] = "Construction labour-market survey 2025"
    data["evidence-0-source_type"] = sc.SourceType.values[0]
    data["evidence-0-occupations"] = "7112"
    data["needs-0-status"] = sc.DataNeedStatus.ANSWERED
    data["needs-0-answer"] = "Both countries report bricklayer shortages."


def saved_evidence(p):
    evidence = LabourMarketEvidence.objects.filter(partnership=p).first()
    return (
        evidence is not None
        and [o.code for o in evidence.occupations.all()] == ["7112"]
        and DataNeed.objects.filter(partnership=p, status="answered").count() == 1
    )


def fill_local_development(data, p):
    data["initiatives-0-kind"] = pc.LinkedInitiativeKind.values[0]
    data["initiatives-0-name"] = "Vocational training reform programme"
    data.setlist("main-skills_transfer_measures", [pc.SkillsTransferMeasure.values[0]])


def saved_local_development(p):
    p.refresh_from_db()
    return LinkedInitiative.objects.filter(partnership=p).exists() and p.skills_transfer_measures


def fill_skills(data, p):
    data["occupations-0-occupation"] = "7112"
    data["occupations-0-places_per_year"] = "40"
    data["training-0-name"] = "Bricklaying, dual track"


def saved_skills(p):
    return (
        TargetOccupation.objects.filter(partnership=p, occupation_id="7112", places_per_year=40).exists()
        and TrainingProgramme.objects.filter(partnership=p).exists()
    )


def fill_social(data, p):
    data["provisions-0-status"] = pc.ProvisionStatus.PROVIDED
    data["provisions-0-description"] = "Information sessions in Pristina."
    data["grievance-0-side"] = pc.Side.DESTINATION
    data["grievance-0-kind"] = pc.GrievanceKind.LABOUR_INSPECTORATE


def saved_social(p):
    return ContinuumProvision.objects.filter(partnership=p, status="provided").exists() and (
        GrievanceChannel.objects.filter(partnership=p).exists()
    )


def fill_pathways(data, p):
    data["pathways-0-name"] = "Western Balkans regulation"
    data["pathways-0-permit_kind"] = pc.PermitKind.WORK_PERMIT
    data["pathways-0-destination_country"] = str(country_row(p, "DE").pk)
    data["pathways-0-status"] = pc.PathwayStatus.EXISTING
    data["pathways-0-fees"] = "75"
    data["pathways-0-fees_currency"] = "EUR"


def saved_pathways(p):
    return Pathway.objects.filter(partnership=p, name="Western Balkans regulation", fees=Decimal("75")).exists()


def fill_costs(data, p):
    data["main-planned_migrants_total"] = "100"
    data["items-0-category"] = cc.CostCategory.PROJECT_IMPLEMENTATION
    data["items-0-subitem"] = cc.CostSubitem.PARTNERSHIP_MEETINGS
    data["items-0-amount"] = "20000"
    data["items-0-currency"] = "EUR"
    data["items-0-basis"] = cc.CostBasis.FIXED


def saved_costs(p):
    p.refresh_from_db()
    return p.planned_migrants_total == 100 and CostItem.objects.filter(partnership=p, amount=20000).exists()


def fill_recruitment(data, p):
    data["arrangements-0-origin"] = str(country_row(p, "XK").pk)
    data["arrangements-0-destination"] = str(country_row(p, "DE").pk)
    data["arrangements-0-channel"] = rc.RecruitmentChannel.PUBLIC_EMPLOYMENT_SERVICE
    data["arrangements-0-fees_charged_to_workers"] = "0"
    data["arrangements-0-fees_currency"] = "EUR"
    data["arrangements-0-passport_retention_allowed"] = "false"


def saved_recruitment(p):
    return RecruitmentArrangement.objects.filter(partnership=p, fees_charged_to_workers=0).exists()


VALID = {
    "basics": (fill_basics, saved_basics),
    "countries_objectives": (fill_countries_objectives, saved_countries_objectives),
    "actors_governance": (fill_actors_governance, saved_actors_governance),
    "evidence": (fill_evidence, saved_evidence),
    "local_development": (fill_local_development, saved_local_development),
    "skills": (fill_skills, saved_skills),
    "social": (fill_social, saved_social),
    "pathways": (fill_pathways, saved_pathways),
    "costs": (fill_costs, saved_costs),
    "recruitment": (fill_recruitment, saved_recruitment),
}

#: Bad input per step: (field, value) pairs on top of the valid input, and the message the page must show.
INVALID = {
    "basics": ({"main-start_date": "2026-01-01", "main-end_date": "2025-06-30"}, "end date must be after"),
    "countries_objectives": ({"indicators-0-baseline_value": "about forty"}, "needs a number"),
    "actors_governance": ({"bodies-0-kind": ""}, "This field is required"),
    "evidence": ({"needs-1-answer": "Written but no status"}, "Choose a status"),
    "local_development": ({"initiatives-0-kind": ""}, "This field is required"),
    "skills": ({"occupations-0-occupation": "9999"}, "is not an ISCO-08 unit group"),
    "social": ({"grievance-0-side": ""}, "This field is required"),
    "pathways": ({"pathways-0-fees_currency": ""}, "which currency"),
    "costs": ({"items-0-amount": "-50"}, "greater than or equal to 0"),
    "recruitment": ({"arrangements-0-origin": ""}, "This field is required"),
}

EDITABLE_STEPS = [code for code in STEP_CODES if code != "review"]


@pytest.fixture
def reference(db):
    """The reference rows the steps offer: a sector and two ISCO-08 unit groups."""
    SectorFactory(code=sc.SectorCode.CONSTRUCTION)
    OccupationFactory(code="7112")
    OccupationFactory(code="7115")


#
# Rendering and permissions
#


@pytest.mark.parametrize("code", STEP_CODES)
def test_every_step_renders_for_an_official_with_its_help_text(official, partnership, code):
    response = official.get(step_url(partnership, code))
    assert response.status_code == 200
    step = next(s for s in STEPS if s.code == code)
    assert escape(str(step.help)[:40]) in response.content.decode()


@pytest.mark.parametrize("code", STEP_CODES)
def test_outsider_gets_404_on_every_step(client, outsider, partnership, code):
    client.force_login(outsider)
    assert client.get(step_url(partnership, code)).status_code == 404
    assert client.post(step_url(partnership, code), {"v-version": "1"}).status_code == 404


def test_anonymous_user_is_sent_to_the_login_page(client, partnership):
    response = client.get(step_url(partnership, "basics"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("code", ["basics", "costs", "review"])
def test_reviewer_reads_every_step_but_cannot_save(client, reviewer, partnership, code):
    client.force_login(reviewer)
    response = client.get(step_url(partnership, code))
    assert response.status_code == 200
    assert "Save and continue" not in response.content.decode()
    assert client.post(step_url(partnership, code), {"v-version": "1", "action": "submit"}).status_code == 403


def test_reviewer_may_ask_for_a_check_from_the_review_step(client, reviewer, partnership):
    # docs/permissions.md: reviewers ask for checks, they never change data or submit.
    client.force_login(reviewer)
    response = client.post(step_url(partnership, "review"), {"action": "check"})
    assert response.status_code == 302
    assert partnership.feasibility_runs.count() == 1


def test_partner_client_cannot_save_a_step(client, partner_client, partnership):
    client.force_login(partner_client)
    assert client.get(step_url(partnership, "basics")).status_code == 200
    assert client.post(step_url(partnership, "basics"), {"v-version": "1"}).status_code == 403


def test_unknown_step_code_is_404(official, partnership):
    assert official.get(step_url(partnership, "nowhere")).status_code == 404


#
# Saving
#


@pytest.mark.parametrize("code", EDITABLE_STEPS)
def test_valid_post_saves_the_step_and_records_who_saved(official, dest_official, partnership, reference, code):
    fill, saved = VALID[code]
    data = form_data(official.get(step_url(partnership, code)))
    fill(data, partnership)
    data["save"] = "1"
    version = partnership.version
    response = official.post(step_url(partnership, code), as_post(data))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == step_url(partnership, code)
    assert saved(partnership)
    partnership.refresh_from_db()
    assert partnership.version > version
    last = Partnership.history.filter(id=partnership.pk).order_by("-history_date", "-history_id").first()
    assert last.history_user == dest_official


@pytest.mark.parametrize("code", EDITABLE_STEPS)
def test_invalid_post_shows_errors_and_keeps_the_input_and_saves_nothing(official, partnership, reference, code):
    fill, saved = VALID[code]
    data = form_data(official.get(step_url(partnership, code)))
    fill(data, partnership)
    bad, message = INVALID[code]
    for name, value in bad.items():
        data[name] = value
    version = partnership.version
    response = official.post(step_url(partnership, code), as_post(data))
    page = response.content.decode()
    assert response.status_code == 400
    assert "error-summary" in page and message in page
    for value in bad.values():
        if value:
            assert value in page  # what the user typed is still on screen
    partnership.refresh_from_db()
    assert partnership.version == version
    assert not saved(partnership)


def test_save_and_continue_goes_to_the_next_step(official, partnership):
    data = form_data(official.get(step_url(partnership, "basics")))
    data["main-summary"] = "Changed"
    data["continue"] = "1"
    response = official.post(step_url(partnership, "basics"), as_post(data))
    assert response["Location"] == step_url(partnership, "countries_objectives")


def test_a_web_address_without_a_scheme_is_saved_as_https(official, partnership, reference):
    data = form_data(official.get(step_url(partnership, "evidence")))
    fill_evidence(data, partnership)
    data["evidence-0-url"] = "statistics.example.org/survey-2025"
    data["save"] = "1"
    response = official.post(step_url(partnership, "evidence"), as_post(data))
    assert response.status_code == 302, response.content.decode()[:3000]
    evidence = LabourMarketEvidence.objects.get(partnership=partnership)
    assert evidence.url == "https://statistics.example.org/survey-2025"


def test_saving_without_changes_writes_nothing(official, partnership):
    data = form_data(official.get(step_url(partnership, "countries_objectives")))
    version = partnership.version
    response = official.post(step_url(partnership, "countries_objectives"), as_post(data))
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.version == version


def test_add_row_button_keeps_the_typed_input_without_saving(official, partnership):
    data = form_data(official.get(step_url(partnership, "countries_objectives")))
    data["objectives-0-description"] = "Typed but not saved yet"
    data["add_row"] = "objectives"
    response = official.post(step_url(partnership, "countries_objectives"), as_post(data))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Typed but not saved yet" in page
    assert 'name="objectives-1-kind"' in page
    assert not Objective.objects.filter(partnership=partnership).exists()


def test_removing_a_row_deletes_it_and_keeps_the_others(official, partnership, reference):
    first = Objective.objects.create(partnership=partnership, kind=pc.ObjectiveKind.values[0], horizon="long")
    second = Objective.objects.create(partnership=partnership, kind=pc.ObjectiveKind.values[0], horizon="mid")
    data = form_data(official.get(step_url(partnership, "countries_objectives")))
    data["objectives-0-DELETE"] = "on"
    response = official.post(step_url(partnership, "countries_objectives"), as_post(data))
    assert response.status_code == 302
    assert list(Objective.objects.filter(partnership=partnership)) == [second]
    assert not Objective.objects.filter(pk=first.pk).exists()


def test_a_row_error_rolls_back_the_other_rows_of_the_step(official, partnership, reference):
    """Two participations edited, one refused by the service (a second lead): neither is saved."""
    data = form_data(official.get(step_url(partnership, "actors_governance")))
    # Row 1 is the origin ministry (co-lead); making it lead too is refused by participation_update.
    data.setlist("participations-1-roles", [stc.ParticipationRole.LEAD])
    data.setlist("participations-2-interests", [stc.Interest.values[0]])
    response = official.post(step_url(partnership, "actors_governance"), as_post(data))
    assert response.status_code == 400
    assert "already leads this partnership" in response.content.decode()
    rows = Participation.objects.filter(partnership=partnership).order_by("pk")
    assert [row.roles for row in rows] == [["lead", "funder"], ["co_lead"], ["employer", "funder"]]
    assert all(row.interests == [] for row in rows)


def test_official_cannot_edit_while_the_partnership_is_under_review(official, partnership):
    Partnership.objects.filter(pk=partnership.pk).update(review_status=pc.ReviewStatus.SUBMITTED)
    page = official.get(step_url(partnership, "basics")).content.decode()
    assert "read-only" in page and "Save and continue" not in page
    data = {"v-version": str(partnership.version), "main-name": "Renamed during review"}
    response = official.post(step_url(partnership, "basics"), as_post(data))
    assert response.status_code == 409
    partnership.refresh_from_db()
    assert partnership.name != "Renamed during review"


#
# Optimistic locking
#


def test_stale_save_shows_who_saved_what_and_keeps_the_users_input(client, dest_official, origin_official, partnership):
    client.force_login(dest_official)
    stale = form_data(client.get(step_url(partnership, "basics")))
    other = client_for(origin_official)
    fresh = form_data(other.get(step_url(partnership, "basics")))
    fresh["main-summary"] = "Origin ministry's summary"
    assert other.post(step_url(partnership, "basics"), as_post(fresh)).status_code == 302

    stale["main-name"] = "My new name"
    response = client.post(step_url(partnership, "basics"), as_post(stale))
    page = response.content.decode()
    assert response.status_code == 409
    who = origin_official.get_full_name() or origin_official.username
    assert escape(who) in page and escape("Origin ministry's summary") in page  # who, and what they changed
    assert "My new name" in page  # the user's input is kept
    partnership.refresh_from_db()
    assert partnership.summary == "Origin ministry's summary" and partnership.name != "My new name"

    again = form_data(response)  # the page now carries the current version: saving applies on top
    assert client.post(step_url(partnership, "basics"), as_post(again)).status_code == 302
    partnership.refresh_from_db()
    assert partnership.name == "My new name" and partnership.summary == "Origin ministry's summary"


def client_for(user):
    from django.test import Client

    other = Client()
    other.force_login(user)
    return other


#
# Costs and the share grid
#


def test_shares_not_totalling_100_are_refused_with_the_total_and_nothing_is_saved(official, partnership):
    item = CostItemFactory(partnership=partnership)
    data = form_data(official.get(step_url(partnership, "costs")))
    data["shares-0-p_employer"] = "60"
    data["shares-0-p_gov_destination"] = "30"
    response = official.post(step_url(partnership, "costs"), as_post(data))
    page = response.content.decode()
    assert response.status_code == 400
    assert "total 90.00 %" in page and 'value="60"' in page
    assert not CostShare.objects.filter(item=item).exists()

    data["shares-0-p_gov_destination"] = "40"
    response = official.post(step_url(partnership, "costs"), as_post(data))
    assert response.status_code == 302
    assert {(s.payer, s.percent) for s in item.shares.all()} == {
        ("employer", Decimal("60.00")),
        ("gov_destination", Decimal("40.00")),
    }


def test_costs_page_shows_the_figures_computed_by_costs_calculations(official, partnership):
    Partnership.objects.filter(pk=partnership.pk).update(planned_migrants_total=10)
    item = CostItemFactory(partnership=partnership, amount=Decimal("1000"), currency="USD")
    CostShareFactory(item=item, payer=cc.Payer.MIGRANT, percent=Decimal("25"))
    CostShareFactory(item=item, payer=cc.Payer.EMPLOYER, percent=Decimal("75"))
    page = official.get(step_url(partnership, "costs")).content.decode()
    assert "1,000.00 USD" in page  # total, thousands grouped
    assert "100.00 USD" in page  # cost per migrant
    assert "250.00 USD (25.00 %)" in page  # borne by migrants


def test_other_funder_share_needs_its_organisation(official, partnership):
    CostItemFactory(partnership=partnership)
    data = form_data(official.get(step_url(partnership, "costs")))
    data["shares-0-p_other"] = "100"
    response = official.post(step_url(partnership, "costs"), as_post(data))
    assert response.status_code == 400
    assert "name the paying organisation" in response.content.decode()


#
# Creation and list
#


def test_new_partnership_creates_a_draft_led_by_the_officials_ministry(official, dest_official, dest_ministry):
    page = official.get(reverse("design:new"))
    data = form_data(page)
    data["main-name"] = "Morocco–Germany care workers"
    data["lead-side"] = pc.Side.DESTINATION
    data["continue"] = "1"
    response = official.post(reverse("design:new"), as_post(data))
    partnership = Partnership.objects.get(name="Morocco–Germany care workers")
    assert response["Location"] == step_url(partnership, "countries_objectives")
    lead = partnership.participations.get()
    assert lead.organisation == dest_ministry and lead.roles == ["lead"] and lead.side == "destination"
    assert partnership.review_status == "draft"


def test_new_partnership_with_end_before_start_is_refused_and_nothing_is_created(official):
    data = form_data(official.get(reverse("design:new")))
    data.update({"main-name": "Bad dates", "lead-side": "origin"})
    data["main-start_date"], data["main-end_date"] = "2027-01-01", "2026-01-01"
    response = official.post(reverse("design:new"), as_post(data))
    assert response.status_code == 400
    assert "end date must be after" in response.content.decode()
    assert not Partnership.objects.filter(name="Bad dates").exists()


def test_reviewer_cannot_create_a_partnership(client, reviewer):
    client.force_login(reviewer)
    assert client.get(reverse("design:new")).status_code == 403


def test_list_shows_only_partnerships_of_the_users_organisations(client, outsider, dest_official, partnership):
    client.force_login(dest_official)
    assert partnership.name in client.get(reverse("design:list")).content.decode()
    client.force_login(outsider)
    assert partnership.name not in client.get(reverse("design:list")).content.decode()


def test_occupation_search_finds_unit_groups_by_code_or_title(official, reference):
    results = official.get(reverse("design:occupations"), {"q": "711"}).json()["results"]
    assert [row["code"] for row in results] == ["7112", "7115"]


def test_occupation_search_matches_every_word_of_a_title_at_any_length(official, db):
    OccupationFactory(code="5321", title="Health care assistants")
    OccupationFactory(code="5322", title="Home-based personal care workers")
    OccupationFactory(code="5120", title="Cooks")

    def codes(query):
        return [row["code"] for row in official.get(reverse("design:occupations"), {"q": query}).json()["results"]]

    assert codes("care work") == ["5322"]
    assert codes("care") == ["5321", "5322"]
    assert codes("personal care workers") == ["5322"]
    assert codes("512") == ["5120"]


def test_an_occupation_can_be_typed_as_its_code_or_title_words_without_javascript(db):
    from design.forms import OccupationCodeField

    groups = [
        OccupationFactory(code="5321", title="Health care assistants"),
        OccupationFactory(code="5322", title="Home-based personal care workers"),
        OccupationFactory(code="5120", title="Cooks"),
    ]
    field = OccupationCodeField(objects=groups, required=False)
    assert field.clean("5120").code == "5120"
    assert field.clean("5120 Cooks").code == "5120"  # as the picker offers it
    assert field.clean("cooks").code == "5120"
    assert field.clean("care work").code == "5322"
    with pytest.raises(ValidationError) as ambiguous:
        field.clean("care")
    assert "5321 Health care assistants, 5322 Home-based personal care workers" in ambiguous.value.messages[0]
    with pytest.raises(ValidationError) as unknown:
        field.clean("astronaut")
    assert "No ISCO-08 unit group has “astronaut” in its title" in unknown.value.messages[0]


#
# Sidebar
#


def test_sidebar_marks_steps_complete_from_the_data(official, partnership, reference):
    page = official.get(step_url(partnership, "basics")).content.decode()
    assert page.count('visually-hidden"> complete') == 0
    partnership.sectors.add("construction")
    page = official.get(step_url(partnership, "basics")).content.decode()
    assert "> complete</span>" in page


def test_the_information_checklist_is_grouped_under_headings_in_words(official, partnership):
    """The Box 10 prompts are grouped by the part of their code before the dot; the heading names the group
    (it showed the code: "partner", "sector")."""
    html = official.get(step_url(partnership, "evidence"), headers={"accept-language": "fr"}).content.decode()
    headings = re.findall(r'<th colspan="4" scope="rowgroup" class="small text-uppercase">([^<]+)</th>', html)
    assert len(headings) == 7 and "partner" not in headings and "sector" not in headings, headings
    with translation.override("fr"):
        assert headings[0] == str(DATA_NEED_GROUPS["partner"]) != "Choosing partner countries"
