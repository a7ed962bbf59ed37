"""The admin writes through the services: an admin edit leaves the same trace as the service's change.

For a recruiter, an organisation and a cost item, the admin change form (posted as an administrator) raises
the partnership's version by the same amount and records the same history rows (how many, by whom, why)
as calling the corresponding service for the same change. A delete through the admin raises the version
too, and a change a service refuses is shown on the form, never as a server error.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from codelists import partnerships as pc
from costs.models import CostItem
from costs.services import cost_item_update
from costs.tests.factories import CostItemFactory
from partnerships.models import Objective, Partnership
from partnerships.tests.factories import ObjectiveFactory, PartnershipFactory
from recruitment.services import recruiter_update
from recruitment.tests.factories import RecruiterFactory
from stakeholders.services import organisation_update
from stakeholders.tests.factories import OrganisationFactory, ParticipationFactory, PartnerGapFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator():
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def admin_web(client, administrator):
    client.force_login(administrator)
    return client


def _post_value(field, value):
    """A form field's current value as the browser would post it (``None`` when a browser sends nothing)."""
    from django import forms

    if isinstance(field.widget, forms.CheckboxInput):
        return "on" if value else None
    if isinstance(field.widget, forms.NullBooleanSelect):
        return {True: "true", False: "false"}.get(value, "unknown")
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _form_fields(form, data):
    for name, field in form.fields.items():
        value = _post_value(field, form[name].value())
        if value is not None:
            data[form.add_prefix(name)] = value


def change_form_data(client, url: str, **changes) -> dict:
    """What the admin change page at ``url`` would post unchanged, with ``changes`` applied."""
    response = client.get(url)
    assert response.status_code == 200
    data: dict = {}
    _form_fields(response.context["adminform"].form, data)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = str(value)
        for form in formset.forms:
            _form_fields(form, data)
    data.update(changes)
    return data


def trace(partnership: Partnership, row_history=None, since: dict | None = None) -> dict:
    """The partnership's version and the history rows of the partnership (and of the row), all or since ``since``.

    History rows are (who, why) for the partnership and (who, what) for the row.
    """
    now = {
        "version": Partnership.objects.get(pk=partnership.pk).version,
        "partnership": [
            (h.history_user_id, h.history_change_reason)
            for h in Partnership.history.filter(id=partnership.pk).order_by("history_id")
        ],
        "row": [(h.history_user_id, h.history_type) for h in row_history.order_by("history_id")]
        if row_history is not None
        else [],
    }
    if since is None:
        return now
    return {
        "version": now["version"] - since["version"],
        "partnership": now["partnership"][len(since["partnership"]) :],
        "row": now["row"][len(since["row"]) :],
    }


#
# Recruiter
#


def test_an_admin_edit_of_a_recruiter_leaves_the_same_trace_as_the_service(admin_web, administrator):
    by_admin, by_service = RecruiterFactory(), RecruiterFactory()
    before_admin, before_service = trace(by_admin.partnership), trace(by_service.partnership)

    url = reverse("admin:recruitment_recruiter_change", args=[by_admin.pk])
    response = admin_web.post(url, change_form_data(admin_web, url, licence_number="LIC-RENEWED"))
    assert response.status_code == 302, response.content.decode()[:3000]
    recruiter_update(recruiter=by_service, user=administrator, licence_number="LIC-RENEWED")

    by_admin.refresh_from_db()
    assert by_admin.licence_number == "LIC-RENEWED"
    admin_trace = trace(by_admin.partnership, since=before_admin)
    assert admin_trace == trace(by_service.partnership, since=before_service)
    assert admin_trace == {"version": 1, "partnership": [(administrator.pk, "recruiter changed")], "row": []}


def test_an_admin_edit_of_a_recruiter_counts_as_a_change_since_approval(admin_web):
    recruiter = RecruiterFactory()
    stored = Partnership.objects.get(pk=recruiter.partnership_id)
    Partnership.objects.filter(pk=stored.pk).update(
        review_status=pc.ReviewStatus.APPROVED, approved_version=stored.version
    )

    url = reverse("admin:recruitment_recruiter_change", args=[recruiter.pk])
    admin_web.post(url, change_form_data(admin_web, url, licence_expiry="2030-01-31"))

    assert Partnership.objects.get(pk=stored.pk).changed_since_approval


#
# Organisation
#


def test_an_admin_edit_of_an_organisation_leaves_the_same_trace_as_the_service(admin_web, administrator):
    by_admin, by_service = OrganisationFactory(country="DE"), OrganisationFactory(country="AT")
    first, second = ParticipationFactory(organisation=by_admin), ParticipationFactory(organisation=by_service)
    before_admin, before_service = trace(first.partnership), trace(second.partnership)

    url = reverse("admin:stakeholders_organisation_change", args=[by_admin.pk])
    response = admin_web.post(url, change_form_data(admin_web, url, name="Federal Employment Agency"))
    assert response.status_code == 302, response.content.decode()[:3000]
    organisation_update(organisation=by_service, data={"name": "Federal Employment Agency"}, user=administrator)

    admin_trace = trace(first.partnership, since=before_admin)
    assert admin_trace == trace(second.partnership, since=before_service)
    assert admin_trace == {
        "version": 1,
        "partnership": [(administrator.pk, "organisation changed: Federal Employment Agency")],
        "row": [],
    }


def test_an_organisation_edit_raises_the_version_of_every_partnership_it_takes_part_in_or_recruits_for(
    administrator,
):
    organisation = OrganisationFactory()
    participant = ParticipationFactory(organisation=organisation).partnership
    recruiting = RecruiterFactory(organisation=organisation).partnership
    closed = PartnershipFactory(stage=pc.Stage.CLOSED)
    ParticipationFactory(organisation=organisation, partnership=closed)
    elsewhere = PartnershipFactory()
    versions = {p.pk: Partnership.objects.get(pk=p.pk).version for p in (participant, recruiting, closed, elsewhere)}

    organisation_update(organisation=organisation, data={"country": "FR"}, user=administrator)

    after = {pk: Partnership.objects.get(pk=pk).version - version for pk, version in versions.items()}
    assert after == {participant.pk: 1, recruiting.pk: 1, closed.pk: 1, elsewhere.pk: 0}


#
# Cost item
#


def test_an_admin_edit_of_a_cost_item_leaves_the_same_trace_as_the_service(admin_web, administrator):
    by_admin, by_service = CostItemFactory(), CostItemFactory()
    before_admin = trace(by_admin.partnership, CostItem.history.filter(id=by_admin.pk))
    before_service = trace(by_service.partnership, CostItem.history.filter(id=by_service.pk))

    url = reverse("admin:costs_costitem_change", args=[by_admin.pk])
    response = admin_web.post(url, change_form_data(admin_web, url, amount="25000.00"))
    assert response.status_code == 302, response.content.decode()[:3000]
    cost_item_update(item=by_service, user=administrator, amount=Decimal("25000.00"))

    by_admin.refresh_from_db()
    assert by_admin.amount == Decimal("25000.00")
    admin_trace = trace(by_admin.partnership, CostItem.history.filter(id=by_admin.pk), since=before_admin)
    assert admin_trace == trace(by_service.partnership, CostItem.history.filter(id=by_service.pk), since=before_service)
    assert admin_trace == {
        "version": 1,
        "partnership": [(administrator.pk, "cost item saved")],
        "row": [(administrator.pk, "~")],
    }


#
# Deletes and refusals
#


def test_an_admin_delete_of_a_row_of_a_partnership_raises_its_version(admin_web, administrator):
    objective = ObjectiveFactory()
    before = trace(objective.partnership)

    url = reverse("admin:partnerships_objective_delete", args=[objective.pk])
    response = admin_web.post(url, {"post": "yes"})

    assert response.status_code == 302
    assert not Objective.objects.filter(pk=objective.pk).exists()
    assert trace(objective.partnership, since=before) == {
        "version": 1,
        "partnership": [(administrator.pk, None)],
        "row": [],
    }


def test_an_admin_edit_the_service_refuses_is_shown_on_the_form_and_nothing_is_saved(admin_web):
    recruiter = RecruiterFactory(partnership=PartnershipFactory(stage=pc.Stage.CLOSED))
    before = trace(recruiter.partnership)

    url = reverse("admin:recruitment_recruiter_change", args=[recruiter.pk])
    response = admin_web.post(url, change_form_data(admin_web, url, licence_number="LIC-LATE"))

    assert response.status_code == 200
    assert "This partnership is closed" in response.content.decode()
    recruiter.refresh_from_db()
    assert recruiter.licence_number != "LIC-LATE"
    assert trace(recruiter.partnership, since=before) == {"version": 0, "partnership": [], "row": []}


def test_an_admin_delete_the_service_refuses_is_a_message_not_a_server_error(admin_web):
    lead = ParticipationFactory(roles=["lead"])

    url = reverse("admin:stakeholders_participation_delete", args=[lead.pk])
    response = admin_web.post(url, {"post": "yes"}, follow=True)

    assert response.status_code == 200
    assert "keeps that role" in response.content.decode()
    assert type(lead).objects.filter(pk=lead.pk).exists()


#
# Every admin of partnership data
#


@pytest.fixture
def demo_rows():
    """Reference data and every demo partnership (rows of every model), in this test's transaction."""
    from partnerships.demo import demo_load
    from partnerships.reference_data import reference_data_load

    reference_data_load()
    demo_load()
    editable = Partnership.objects.exclude(stage=pc.Stage.CLOSED).exclude(
        review_status__in=pc.READ_ONLY_REVIEW_STATUSES
    )
    PartnerGapFactory(partnership=editable.first())  # the demo has none


def test_saving_any_row_of_an_editable_partnership_in_the_admin_goes_through_its_service(
    demo_rows, admin_web, administrator
):
    from django.apps import apps
    from django.contrib import admin

    from partnerships.admin_site import ServiceWriteAdmin

    outcomes = {}
    for model in apps.get_models():
        model_admin = admin.site.get_model_admin(model) if admin.site.is_registered(model) else None
        if (
            not isinstance(model_admin, ServiceWriteAdmin)
            or model is Partnership
            or model._meta.model_name == "organisation"
        ):
            continue
        rows = [
            row
            for row in model._default_manager.all()[:50]
            if (p := model_admin.row_partnership(row)).stage != pc.Stage.CLOSED
            and p.review_status not in pc.READ_ONLY_REVIEW_STATUSES
        ]
        if not rows:
            outcomes[model._meta.label] = "no row"
            continue
        row = rows[0]
        partnership = model_admin.row_partnership(row)
        before = trace(partnership)
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[row.pk])
        response = admin_web.post(url, change_form_data(admin_web, url))
        after = trace(partnership, since=before)
        outcomes[model._meta.label] = (
            "saved"
            if response.status_code == 302 and after["version"] >= 1 and after["partnership"][0][0] == administrator.pk
            else f"{response.status_code} {after}"
        )
    assert {label: outcome for label, outcome in outcomes.items() if outcome != "saved"} == {}
