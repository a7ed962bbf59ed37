"""Every fact a rule reads can be entered in the wizard (issue "the official's journey, complete").

``rule_inputs --json`` names, for every input other than reference data and the date, the wizard step and
form field that enters it (or ``"monitoring"`` for results recorded while the partnership runs). These
tests render each named page of a partnership that has a row in every collection and find the field.
"""

from __future__ import annotations

import importlib
import io
import json
import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from design.steps import STEPS
from feasibility.registry import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def rows():
    out = io.StringIO()
    call_command("rule_inputs", "--json", stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def _inputs(rows):
    return [
        (row["rule"], item)
        for row in rows
        for item in row["inputs"]
        if not item["reference"] and item["field"] != TODAY
    ]


def test_every_input_people_enter_names_its_wizard_step_and_field(rows):
    missing = [f"{rule}: {item['field']}" for rule, item in _inputs(rows) if not item.get("wizard")]
    assert missing == []
    steps = {step.code for step in STEPS}
    for rule, item in _inputs(rows):
        where = item["wizard"]
        if where == "monitoring":
            continue
        assert where["step"] in steps, (rule, item)
        assert where["field"], (rule, item)


def test_only_results_of_a_running_partnership_go_to_monitoring(rows):
    monitoring = {item["field"] for _rule, item in _inputs(rows) if item["wizard"] == "monitoring"}
    assert monitoring == {
        "costs.CostItem.actual_amount",
        "costs.CostItem.spending",
        "costs.ActualSpending.amount",
        "costs.ActualSpending.payer",
        "costs.ActualSpending.year",
        "partnerships.Indicator.values",
        "partnerships.IndicatorValue.disaggregation_key",
        "partnerships.IndicatorValue.measured_on",
        "partnerships.IndicatorValue.value",
    }


def test_the_wizard_column_is_empty_for_reference_data_and_the_date(rows):
    for row in rows:
        for item in row["inputs"]:
            if item["reference"]:
                assert item.get("wizard") is None, (row["rule"], item)


def _factory(model_label: str):
    app_label, model_name = model_label.split(".")
    module = importlib.import_module(f"{app_label}.tests.factories")
    return getattr(module, f"{model_name}Factory")


@pytest.fixture
def furnished(partnership):
    """The shared partnership with one stored row in every collection of the wizard (key: collection prefix)."""
    from partnerships.tests.factories import PathwayFactory
    from skills.tests.factories import SectorFactory, TargetOccupationFactory

    SectorFactory()  # reference data the basics step offers as checkboxes

    destination = partnership.countries.get(country="DE")
    origin = partnership.countries.get(country="XK")
    parents = {
        "pathway": PathwayFactory(partnership=partnership, destination_country=destination),
        "target_occupation": TargetOccupationFactory(partnership=partnership),
    }
    stored = {"countries": destination, "participations": partnership.participations.first()}
    for step in STEPS:
        for collection in step.collections:
            if collection.prefix in stored:
                continue
            model = apps.get_model(collection.model)
            existing = model.objects.filter(**{collection.partnership_path: partnership}).first()
            if existing is not None:
                stored[collection.prefix] = existing
                continue
            kwargs = (
                {collection.parent: parents[collection.parent]} if collection.parent else {"partnership": partnership}
            )
            if collection.model == "skills.OccupationProfile":
                kwargs["country"] = origin
            stored[collection.prefix] = _factory(collection.model)(**kwargs)
    from costs.tests.factories import CostShareFactory

    CostShareFactory(item=stored["items"], percent=100)  # its terms are entered on the cost item's page
    return stored


def _locked(code: str, prefix: str) -> tuple[str, ...]:
    from design.steps import STEPS_BY_CODE

    return next(c.locked for c in STEPS_BY_CODE[code].collections if c.prefix == prefix)


def _has_control(html: str, name: str) -> bool:
    """A control posting ``name``, or the "add" input of a long multiple-choice list (``<name>_add``)."""
    return re.search(rf'name="{re.escape(name)}(?:_add)?"', html) is not None


def test_each_named_field_is_on_the_page_it_names(client, dest_official, partnership, furnished, rows):
    client.force_login(dest_official)
    pages: dict[str, str] = {}

    def page(url: str) -> str:
        if url not in pages:
            response = client.get(url)
            assert response.status_code == 200, url
            pages[url] = response.content.decode()
        return pages[url]

    added: dict[tuple[str, str], str] = {}

    def page_post_add_row(code: str, prefix: str) -> str:
        """The step after "Add another …" on ``prefix``: the stored row and a new, empty one."""
        if (code, prefix) not in added:
            from design.tests.support import as_post, form_data

            url = reverse("design:step", kwargs={"pk": partnership.pk, "code": code})
            data = form_data(client.get(url))
            data["add_row"] = prefix
            response = client.post(url, as_post(data))
            assert response.status_code == 200, url
            added[(code, prefix)] = response.content.decode()
        return added[(code, prefix)]

    checked = set()
    for rule, item in _inputs(rows):
        where = item["wizard"]
        if where == "monitoring":
            continue
        key = json.dumps(where, sort_keys=True)
        if key in checked:
            continue
        checked.add(key)
        field = where["field"]
        if where.get("page") == "organisation":
            html = page(reverse("design:organisation_new", kwargs={"pk": partnership.pk}))
            assert _has_control(html, field), (rule, where)
            continue
        if where.get("page") == "row":
            row = furnished[where["collection"]]
            url = reverse(
                "design:row",
                kwargs={"pk": partnership.pk, "code": where["step"], "prefix": where["collection"], "row_id": row.pk},
            )
            assert _has_control(page(url), f"row-{field}"), (rule, where)
            continue
        html = page(reverse("design:step", kwargs={"pk": partnership.pk, "code": where["step"]}))
        if "collection" in where and field in _locked(where["step"], where["collection"]):
            # Set when a row is added, then shown as text on the stored row: the new row's control is there.
            html = page_post_add_row(where["step"], where["collection"])
            assert re.search(rf'name="{where["collection"]}-\d+-{field}"', html), (rule, where)
        elif "collection" in where and field != where["collection"]:
            assert _has_control(html, f"{where['collection']}-0-{field}"), (rule, where)
        elif where.get("anchor", "").startswith("id_main-"):
            assert _has_control(html, f"main-{field}"), (rule, where)
        elif field == "to_stage":
            assert _has_control(html, "to_stage"), (rule, where)
        else:
            assert f'id="{where["anchor"]}"' in html, (rule, where)
    assert len(checked) > 150
