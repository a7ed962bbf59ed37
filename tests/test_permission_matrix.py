"""The permission matrix (docs/permissions.md): every write endpoint, wizard step and review action, tried as
each standing in the shared partnership of tests/conftest.py. Allowed actions succeed; refused ones answer
403 (404 for outsiders) and change nothing, which each test checks by reading the data again.

The expectations below are written out by hand from the table in docs/permissions.md, not computed from
``partnerships.policy``: the policy is what is under test. ``test_the_docs_table_is_the_policy`` keeps the
table in the docs identical to the policy.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.tests.factories import UserFactory
from api.tests.support import build_resources
from codelists import skills as sc
from codelists.partnerships import ReviewStatus
from design.tests.support import as_post, form_data
from design.tests.test_views import VALID, reference, step_url  # noqa: F401  (reference: a fixture)
from partnerships import policy
from partnerships.models import Partnership
from reviews.models import ReviewComment
from reviews.tests.support import bring_to
from skills.tests.factories import SectorFactory
from stakeholders.models import Participation

pytestmark = pytest.mark.django_db

ALL_PARTS = {
    "basics",
    "countries_objectives",
    "actors_governance",
    "evidence",
    "local_development",
    "skills",
    "social",
    "pathways",
    "costs",
    "recruitment",
}

#: What each standing may change, from the table: the employers' association takes part as employer and
#: funder (evidence, skills, costs).
PARTS_OF = {
    "lead": ALL_PARTS,
    "co_lead": ALL_PARTS,
    "participant": {"evidence", "skills", "costs"},
    "reviewer": set(),
    "admin": ALL_PARTS,
    "outsider": set(),
}
LEAD_SIDE = {"lead", "co_lead", "admin"}
STANDINGS = list(PARTS_OF)

#: The part each API collection belongs to.
PART_OF_PATH = {
    "partnership-countries": "countries_objectives",
    "objectives": "countries_objectives",
    "indicators": "countries_objectives",
    "pathways": "pathways",
    "continuum-provisions": "social",
    "social-protection-covers": "social",
    "grievance-channels": "social",
    "participations": "actors_governance",
    "governance-bodies": "actors_governance",
    "target-occupations": "skills",
    "labour-market-evidence": "evidence",
    "training-programmes": "skills",
    "recognition-arrangements": "skills",
    "cost-items": "costs",
    "recruiters": "recruitment",
    "recruitment-arrangements": "recruitment",
}


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin_user", role="admin")


@pytest.fixture
def people(dest_official, origin_official, partner_client, reviewer, admin_user, outsider):
    return {
        "lead": dest_official,
        "co_lead": origin_official,
        "participant": partner_client,
        "reviewer": reviewer,
        "admin": admin_user,
        "outsider": outsider,
    }


def api_as(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def web_as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def version_of(partnership) -> int:
    return Partnership.objects.values_list("version", flat=True).get(pk=partnership.pk)


def refused_status(standing: str) -> int:
    return 404 if standing == "outsider" else 403


def test_every_api_collection_has_a_part_here(partnership):
    assert {resource.path for resource in build_resources(partnership)} == set(PART_OF_PATH)


#
# Rows over the API
#


@pytest.mark.parametrize("standing", STANDINGS)
def test_rows_over_the_api_follow_the_table(standing, people, partnership):
    client = api_as(people[standing])
    for resource in build_resources(partnership):
        part = PART_OF_PATH[resource.path]
        may_change = part in PARTS_OF[standing]
        if resource.path == "participations":
            may_change = standing in LEAD_SIDE  # managing participants is the lead side's
        before_count = resource.model.objects.count()
        before_version = version_of(partnership)
        created = client.post(resource.collection, resource.payload, format="json")
        if may_change:
            assert created.status_code == 201, (standing, resource.path, created.content)
            location = created["Location"]
            assert client.patch(location, {}, format="json").status_code == 200, (standing, resource.path)
            assert client.delete(location).status_code == 204, (standing, resource.path)
            assert resource.model.objects.count() == before_count
            continue
        assert created.status_code == refused_status(standing), (standing, resource.path, created.content)
        assert client.patch(resource.detail, {}, format="json").status_code == refused_status(standing), (
            standing,
            resource.path,
        )
        assert client.delete(resource.detail).status_code == refused_status(standing), (standing, resource.path)
        assert resource.model.objects.count() == before_count, (standing, resource.path)
        assert resource.model.objects.filter(pk=resource.obj.pk).exists()
        assert version_of(partnership) == before_version, (standing, resource.path)
        if standing != "outsider":
            message = created.json()["error"]["message"]
            assert message.startswith("Only "), message


#: The collections added so that partners can build a whole partnership over the API (the rules' inputs),
#: and the part (wizard step) each belongs to.
MORE_PART_OF_PATH = {
    "objective-tensions": "countries_objectives",
    "indicator-values": "countries_objectives",
    "evaluations": "countries_objectives",
    "partner-gaps": "actors_governance",
    "capacity-activities": "actors_governance",
    "feasibility-studies": "evidence",
    "data-needs": "evidence",
    "evidence-reviews": "evidence",
    "data-sharing-arrangements": "evidence",
    "linked-initiatives": "local_development",
    "business-linkages": "local_development",
    "occupation-profiles": "skills",
    "skills-documentation-tools": "skills",
    "pathway-steps": "pathways",
    "cost-benefit-analyses": "costs",
    "sustainability-plans": "costs",
}


def _more_resources(partnership, dest_ministry) -> dict[str, tuple[dict, object]]:
    """Collection → (a payload creating a row in ``partnership``, a function storing a row of it)."""
    from api.tests.test_domain_rows_api import build_cases
    from api.tests.test_partnership_rows_api import ROWS, STORED
    from partnerships.tests.factories import PartnershipCountryFactory, PartnershipFactory
    from skills.tests import factories as sf
    from stakeholders.tests.factories import GovernanceBodyFactory, ParticipationFactory

    other = PartnershipFactory(name="Germany–Albania care partnership")
    other_rows = {
        "country": PartnershipCountryFactory(partnership=other, country="AL", side="origin"),
        "participation": ParticipationFactory(partnership=other, organisation=dest_ministry),
        "body": GovernanceBodyFactory(partnership=other),
        "evidence": sf.LabourMarketEvidenceFactory(partnership=other),
    }
    found = {path: (ROWS[path](partnership).payload, lambda p, path=path: STORED[path](p)) for path in ROWS}
    for path, case in build_cases(partnership, other_rows).items():
        found[path] = (case.create, case.make)
    return found


def test_the_added_collections_are_all_in_the_matrix(partnership, dest_ministry):
    assert set(_more_resources(partnership, dest_ministry)) == set(MORE_PART_OF_PATH)


@pytest.mark.parametrize("standing", STANDINGS)
def test_the_added_collections_follow_the_table(standing, people, partnership, dest_ministry):
    """The same table for every collection a rule's input is written through: the lead side writes all, a
    participant the parts its roles give it, reviewers read only (403), outsiders see nothing (404)."""
    client = api_as(people[standing])
    for path, (payload, store) in _more_resources(partnership, dest_ministry).items():
        collection = f"/api/v1/{path}/"
        part = MORE_PART_OF_PATH[path]
        if part in PARTS_OF[standing]:
            created = client.post(collection, payload, format="json")
            assert created.status_code == 201, (standing, path, created.content)
            location = created["Location"]
            assert client.patch(location, {}, format="json").status_code == 200, (standing, path)
            assert client.delete(location).status_code == 204, (standing, path)
            continue
        row = store(partnership)
        model = type(row)
        before_count, before_version = model.objects.count(), version_of(partnership)
        detail = f"{collection}{row.pk}/"
        refused = refused_status(standing)
        assert client.post(collection, payload, format="json").status_code == refused, (standing, path)
        assert client.patch(detail, {}, format="json").status_code == refused, (standing, path)
        assert client.delete(detail).status_code == refused, (standing, path)
        assert model.objects.count() == before_count, (standing, path)
        assert version_of(partnership) == before_version, (standing, path)


def test_a_refusal_names_who_may_do_it(partner_client, partnership):
    response = api_as(partner_client).post(
        "/api/v1/objectives/", {"partnership": partnership.pk, "kind": "skilled_workforce"}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["error"]["message"] == (
        "Only the lead or a co-lead organisation of the partnership (its officials or API clients) may change "
        "“Countries and objectives”."
    )


def test_a_participant_edits_its_own_participation_details_but_not_its_roles(partner_client, partnership):
    own = Participation.objects.get(partnership=partnership, organisation__members=partner_client)
    client = api_as(partner_client)
    url = f"/api/v1/participations/{own.pk}/"
    assert client.patch(url, {"business_case": "Skilled bricklayers"}, format="json").status_code == 200
    refused = client.patch(url, {"roles": ["lead"]}, format="json")
    assert refused.status_code == 403
    own.refresh_from_db()
    assert (own.business_case, sorted(own.roles)) == ("Skilled bricklayers", ["employer", "funder"])


def test_a_participant_cannot_edit_another_organisations_participation(partner_client, partnership):
    other = Participation.objects.get(partnership=partnership, roles__icontains="co_lead")
    response = api_as(partner_client).patch(
        f"/api/v1/participations/{other.pk}/", {"business_case": "x"}, format="json"
    )
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.business_case != "x"


#
# The partnership record over the API
#


@pytest.mark.parametrize("standing", STANDINGS)
def test_partnership_actions_over_the_api_follow_the_table(standing, people, partnership):
    client = api_as(people[standing])
    url = f"/api/v1/partnerships/{partnership.pk}/"
    refused = refused_status(standing)

    # Basics (lead side) and a cost field (lead side and funders/employers).
    renamed = client.patch(url, {"name": "Renamed"}, format="json")
    assert renamed.status_code == (200 if "basics" in PARTS_OF[standing] else refused)
    planned = client.patch(url, {"planned_migrants_total": 321}, format="json")
    assert planned.status_code == (200 if "costs" in PARTS_OF[standing] else refused)
    stored = Partnership.objects.get(pk=partnership.pk)
    assert (stored.name == "Renamed") is ("basics" in PARTS_OF[standing])
    assert (stored.planned_migrants_total == 321) is ("costs" in PARTS_OF[standing])

    # Checks: everyone who takes part, and reviewers.
    check = client.post(f"{url}feasibility-runs/", {}, format="json")
    assert check.status_code == (202 if standing != "outsider" else 404)

    # The stage: lead side only.
    moved = client.post(f"{url}stage/", {"to_stage": "assessment", "acknowledge_gaps": True}, format="json")
    assert moved.status_code == (200 if standing in LEAD_SIDE else refused), moved.content
    assert Partnership.objects.get(pk=partnership.pk).stage == (
        "assessment" if standing in LEAD_SIDE else "exploration"
    )

    # Deleting the draft: lead side only.
    deleted = client.delete(url)
    assert deleted.status_code == (204 if standing in LEAD_SIDE else refused)
    assert Partnership.objects.filter(pk=partnership.pk).exists() is (standing not in LEAD_SIDE)


@pytest.mark.parametrize("standing", STANDINGS)
def test_closing_is_for_the_lead_side(standing, people, partnership):
    response = api_as(people[standing]).post(
        f"/api/v1/partnerships/{partnership.pk}/stage/",
        {"to_stage": "closed", "reason": "Pilot ended.", "closure_reason": "completed"},
        format="json",
    )
    assert response.status_code == (200 if standing in LEAD_SIDE else refused_status(standing))
    assert (Partnership.objects.get(pk=partnership.pk).stage == "closed") is (standing in LEAD_SIDE)


@pytest.mark.parametrize("standing", STANDINGS)
def test_recording_the_signed_agreement_is_for_the_lead_side(standing, people, partnership, private_media):
    from agreements.models import SignedAgreement

    page = web_as(people[standing]).get(reverse("monitoring:page", args=[partnership.pk]))
    response = web_as(people[standing]).post(
        reverse("agreements:signed_record", args=[partnership.pk]),
        {
            "version": version_of(partnership),
            "signed_on": "2026-11-30",
            "url": "https://example.org/agreement",
            "clauses": ["cost_sharing"],
            "file": SimpleUploadedFile("signed.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
        },
    )
    allowed = standing in LEAD_SIDE
    assert response.status_code == (302 if allowed else refused_status(standing))
    if standing == "participant":
        assert "may record the signed agreement." in response.content.decode()
    # The form is offered exactly to those who may use it.
    assert (b'id="signed-agreement-form"' in page.content) is allowed
    signed_on = Partnership.objects.values_list("agreement_signed_on", flat=True).get(pk=partnership.pk)
    assert (signed_on is not None) is allowed
    assert SignedAgreement.objects.filter(partnership=partnership).exists() is allowed


@pytest.mark.parametrize("standing", STANDINGS)
def test_creating_partnerships(standing, people):
    user = people[standing]
    body = {"name": f"Created by {standing}", "reporting_currency": "EUR", "lead_side": "destination"}
    response = api_as(user).post("/api/v1/partnerships/", body, format="json")
    allowed = standing != "reviewer"
    assert response.status_code == (201 if allowed else 403), response.content
    assert Partnership.objects.filter(name=f"Created by {standing}").exists() is allowed


def test_a_partner_client_creates_a_partnership_and_its_organisation_leads_it(partner_client):
    response = api_as(partner_client).post(
        "/api/v1/partnerships/", {"name": "Employer-led scheme", "lead_side": "destination"}, format="json"
    )
    assert response.status_code == 201
    created = Partnership.objects.get(pk=response.json()["id"])
    lead = created.participations.get()
    assert lead.organisation in partner_client.organisations.all()
    assert lead.roles == ["lead"]
    assert policy.standing(partner_client, created).role == policy.Role.LEAD_ORGANISATION


#
# The lead
#


@pytest.mark.parametrize("standing", STANDINGS)
def test_nobody_removes_or_demotes_the_lead(standing, people, partnership, dest_ministry):
    lead = Participation.objects.get(partnership=partnership, organisation=dest_ministry)
    client = api_as(people[standing])
    removed = client.delete(f"/api/v1/participations/{lead.pk}/")
    demoted = client.patch(f"/api/v1/participations/{lead.pk}/", {"roles": ["funder"]}, format="json")
    expected = 400 if standing in LEAD_SIDE else refused_status(standing)
    assert (removed.status_code, demoted.status_code) == (expected, expected)
    lead.refresh_from_db()
    assert "lead" in lead.roles


@pytest.mark.parametrize("standing", STANDINGS)
def test_only_the_lead_organisation_hands_the_lead_over(standing, people, partnership, origin_ministry):
    co_lead = Participation.objects.get(partnership=partnership, organisation=origin_ministry)
    response = api_as(people[standing]).post(
        f"/api/v1/partnerships/{partnership.pk}/hand-over-lead/", {"participation": co_lead.pk}, format="json"
    )
    allowed = standing in ("lead", "admin")
    assert response.status_code == (200 if allowed else refused_status(standing)), response.content
    co_lead.refresh_from_db()
    assert ("lead" in co_lead.roles) is allowed
    if allowed:
        former = Participation.objects.get(partnership=partnership, organisation__name__contains="Labour and Social")
        assert "co_lead" in former.roles and "lead" not in former.roles


#
# Wizard steps
#


@pytest.fixture
def ready(partnership):
    """The persona partnership with what ``submit`` needs (W1–W3 complete: it lacked only a sector)."""
    partnership.sectors.add(SectorFactory(code=sc.SectorCode.CONSTRUCTION))
    return partnership


@pytest.mark.usefixtures("reference")
@pytest.mark.parametrize("standing", STANDINGS)
def test_wizard_steps_follow_the_table(standing, people, dest_official, ready):
    partnership = ready
    lead_client = web_as(dest_official)
    client = web_as(people[standing])
    for code, (fill, saved) in VALID.items():
        url = step_url(partnership, code)
        data = form_data(lead_client.get(url))
        fill(data, partnership)
        data["save"] = "1"
        before = version_of(partnership)
        response = client.post(url, as_post(data))
        if code in PARTS_OF[standing]:
            assert response.status_code == 302, (standing, code, response.content.decode()[:2000])
            assert saved(partnership), (standing, code)
        else:
            assert response.status_code == refused_status(standing), (standing, code)
            assert version_of(partnership) == before, (standing, code)
            assert not saved(partnership), (standing, code)
        if standing != "outsider":
            page = client.get(url).content.decode()
            assert ("Save and continue" in page) is (code in PARTS_OF[standing]), (standing, code)


#
# Review actions
#


@pytest.mark.parametrize("standing", STANDINGS)
def test_submitting_from_the_wizard_is_for_the_lead_side(standing, people, ready):
    response = web_as(people[standing]).post(step_url(ready, "review"), {"action": "submit"})
    allowed = standing in LEAD_SIDE
    assert response.status_code == (302 if allowed else refused_status(standing))
    expected = ReviewStatus.SUBMITTED if allowed else ReviewStatus.DRAFT
    assert Partnership.objects.get(pk=ready.pk).review_status == expected


@pytest.mark.parametrize("standing", STANDINGS)
def test_review_actions_follow_the_table(standing, people, ready, reviewer, dest_official):
    from django.core.exceptions import ValidationError

    from reviews.workflow import review_action_perform, review_comment_add

    user = people[standing]
    official_actions = {"submit": ReviewStatus.SUBMITTED}
    for action, status in official_actions.items():
        with contextlib.suppress(ValidationError):
            review_action_perform(partnership=ready, action=action, user=user)
        assert (Partnership.objects.get(pk=ready.pk).review_status == status) is (standing in LEAD_SIDE)
    if Partnership.objects.get(pk=ready.pk).review_status == ReviewStatus.DRAFT:
        bring_to(ready, ReviewStatus.SUBMITTED, official=dest_official, reviewer=reviewer)
    ready.refresh_from_db()
    with contextlib.suppress(ValidationError):
        review_action_perform(partnership=ready, action="start_review", user=user)
    started = Partnership.objects.get(pk=ready.pk).review_status == ReviewStatus.IN_REVIEW
    assert started is (standing in ("reviewer", "admin"))
    before = ReviewComment.objects.count()
    with contextlib.suppress(ValidationError):
        review_comment_add(partnership=ready, user=user, text="A remark")
    assert (ReviewComment.objects.count() == before + 1) is (standing != "outsider")


#
# The administration site and the docs
#


@pytest.mark.parametrize("standing", STANDINGS)
def test_the_administration_site_is_for_administrators(standing, people):
    user = people[standing]
    user.is_staff = True
    user.save()
    response = web_as(user).get("/admin/")
    assert response.status_code == (200 if standing == "admin" else 302)


def test_the_docs_table_is_the_policy():
    text = (Path(__file__).resolve().parent.parent / "docs" / "permissions.md").read_text()
    start = text.index("<!-- generated by partnerships.policy.permission_table_markdown()")
    start = text.index("\n", start) + 1
    end = text.index("<!-- end of generated table -->")
    assert text[start:end].strip() == policy.permission_table_markdown()


def test_the_policy_knows_every_partnership_scoped_model_and_every_step_field():
    from django.apps import apps

    from design.steps import STEPS

    scoped = {
        model._meta.label
        for model in apps.get_models()
        if model._meta.app_label in {"partnerships", "stakeholders", "skills", "costs", "recruitment"}
        and model is not Partnership
        and any(getattr(f, "related_model", None) is Partnership for f in model._meta.fields)
        and not model.__name__.startswith("Historical")
        and model._meta.label
        not in {
            "partnerships.StageChange",
            "partnerships.ReviewTransition",
            "partnerships.ReviewComment",
            # Recorded while the partnership runs (action record_results), not a part of its design.
            "partnerships.ReportingPeriod",
        }
    }
    assert scoped <= set(policy.MODEL_PARTS)
    for step in STEPS:
        for name in step.partnership_fields:
            assert policy.parts_of_partnership_fields([name]) == ({step.code} if step.code != "review" else set())
        for collection in step.collections:
            assert policy.part_of_model(collection.model) == step.code


def test_a_refused_wizard_save_shows_who_may_do_it(partner_client, partnership):
    response = web_as(partner_client).post(step_url(partnership, "basics"), {"v-version": "1"})
    assert response.status_code == 403
    assert "Only the lead or a co-lead organisation of the partnership" in response.content.decode()
