"""The ways in: the /rules/ catalogue, ``manage.py run_feasibility`` and the JSON of a run."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from feasibility.models import FeasibilityRun, Finding, RunStatus
from feasibility.registry import ELEMENTS, REGISTRY, Outcome, Registry, message_render
from feasibility.serialization import run_to_dict
from feasibility.services import feasibility_check_batch, feasibility_run_execute
from feasibility.tests.support import corridor

pytestmark = pytest.mark.django_db


#
# /rules/
#


def test_the_catalogue_lists_every_rule_grouped_by_element(client):
    response = client.get(reverse("feasibility:catalogue"))
    assert response.status_code == 200
    html = response.content.decode()
    for spec in REGISTRY.values():
        assert f'id="rule-{spec.id}"' in html
    for code in ELEMENTS:
        assert f'id="element-{code}"' in html
    assert 'id="element-R"' in html
    assert html.index('id="rule-E1.R10"') > html.index('id="rule-E1.R9"') > html.index('id="element-E1"')


def test_the_catalogue_shows_flags_severity_recommendation_and_source(client):
    html = client.get(reverse("feasibility:catalogue")).content.decode()
    row = html[html.index('id="rule-E1.R1"') : html.index('id="rule-E1.R2"')]
    assert "⏳" in row and "major" in row and "G3 rec 1; G13" in row
    assert "Agree with every partner on at least one goal" in row
    minor = html[html.index('id="rule-E1.R5"') : html.index('id="rule-E1.R6"')]
    assert "minor" in minor and "⏳" not in minor


def test_the_catalogue_extends_the_base_template(client):
    response = client.get(reverse("feasibility:catalogue"))
    assert "base.html" in [t.name for t in response.templates]


#
# JSON
#


def test_the_json_of_a_run_lists_e1_to_e8_with_lowercase_outcomes():
    run = feasibility_check_batch(ids=[corridor(stage="agreement").p.pk])[0]
    data = run_to_dict(FeasibilityRun.objects.prefetch_related("findings").get(pk=run.pk))
    assert set(data) == {
        "id",
        "partnership",
        "status",
        "ruleset_version",
        "stage",
        "partnership_version",
        "started_at",
        "finished_at",
        "overall_score",
        "elements",
        "recruitment",
    }
    assert [e["code"] for e in data["elements"]] == [f"E{n}" for n in range(1, 9)]
    e1 = data["elements"][0]
    assert set(e1) == {"code", "name", "score", "status", "findings"}
    assert e1["findings"][0]["rule"] == "E1.R1"
    assert set(e1["findings"][0]) == {
        "rule",
        "outcome",
        "message",
        "message_key",
        "message_params",
        "recommendation",
        "draft_lenient_applied",
    }
    outcomes = {f["outcome"] for e in data["elements"] for f in e["findings"]}
    assert outcomes <= {"pass", "warn", "fail", "not_applicable"}
    assert set(data["recruitment"]) == {"status", "score", "red_flags", "findings"}
    json.dumps(data)  # serialisable as is


def test_a_run_records_the_stage_and_data_version_it_evaluated_and_each_findings_message_key():
    p = corridor(stage="design").p
    run = FeasibilityRun.objects.create(partnership=p, stage_at_run="exploration", partnership_version=None)
    run = feasibility_run_execute(run_id=run.pk)
    assert (run.stage_at_run, run.partnership_version) == ("design", p.version)
    data = run_to_dict(FeasibilityRun.objects.prefetch_related("findings").get(pk=run.pk))
    assert (data["stage"], data["partnership_version"]) == ("design", p.version)
    finding = run.findings.get(rule_id="E1.R1")
    # A keyed message is stored as its key and parameters only, and read in the reader's language.
    assert finding.message_key and finding.message == ""
    assert finding.text == message_render(finding.message_key, finding.message_params) != ""
    e1r1 = data["elements"][0]["findings"][0]
    assert (e1r1["message_key"], e1r1["message_params"]) == (finding.message_key, finding.message_params)


def test_a_finding_stored_before_message_keys_keeps_its_text_with_an_empty_key():
    run = FeasibilityRun.objects.create(partnership=corridor().p, status=RunStatus.SUCCEEDED)
    Finding.objects.create(run=run, rule_id="E1.R1", element="E1", status="WARN", message="Stored text.")
    finding = run_to_dict(run)["elements"][0]["findings"][0]
    assert (finding["message"], finding["message_key"], finding["message_params"]) == ("Stored text.", "", {})


def test_the_json_shows_not_assessed_elements_and_a_queued_run_without_scores():
    registry = Registry()
    registry.rule("E1.R1", title="t", says="Do it.", source="G")(lambda p, ctx: Outcome.na("n/a"))
    p = corridor().p
    run = feasibility_run_execute(run_id=FeasibilityRun.objects.create(partnership=p).pk, registry=registry)
    data = run_to_dict(run)
    assert data["elements"][0]["findings"][0]["outcome"] == "not_applicable"
    assert data["elements"][0]["status"] == "not_applicable" and data["elements"][0]["score"] is None
    assert data["elements"][1]["status"] == "not_assessed"
    assert data["recruitment"]["status"] == "not_assessed"
    queued = run_to_dict(FeasibilityRun.objects.create(partnership=p))
    assert queued["status"] == "queued" and queued["overall_score"] is None and queued["elements"][0]["status"] is None
    assert queued["stage"] is None and queued["partnership_version"] is None


#
# manage.py run_feasibility
#


def run_command(*args) -> str:
    out = StringIO()
    call_command("run_feasibility", *args, stdout=out)
    return out.getvalue()


def test_sync_json_prints_one_run_per_line_for_the_given_ids():
    a, b = corridor().p, corridor().p
    lines = run_command(str(a.pk), str(b.pk), "--sync", "--json").strip().splitlines()
    runs = [json.loads(line) for line in lines]
    assert [r["partnership"] for r in runs] == [a.pk, b.pk]
    assert all(r["status"] == "succeeded" for r in runs)


def test_all_sync_checks_every_partnership_in_batches():
    ids = [corridor().p.pk for _ in range(3)]
    output = run_command("--all", "--sync", "--batch-size", "2")
    assert output.count("succeeded") == 3
    assert FeasibilityRun.objects.filter(partnership_id__in=ids, status=RunStatus.SUCCEEDED).count() == 3


@pytest.mark.django_db(transaction=True)
def test_all_sync_json_on_committed_data_prints_every_run_in_partnership_order():
    """Committed data, batches of two (services ``feasibility_check_all``): one succeeded run per line."""
    ids = [corridor().p.pk for _ in range(5)]
    runs = [json.loads(line) for line in run_command("--all", "--sync", "--json", "--batch-size", "2").splitlines()]
    assert [r["partnership"] for r in runs] == sorted(ids)
    assert {r["status"] for r in runs} == {"succeeded"}
    assert all(len(r["elements"]) == 8 and r["recruitment"]["findings"] for r in runs)


def test_without_sync_runs_are_queued_for_the_worker(monkeypatch, django_capture_on_commit_callbacks):
    from feasibility.tasks import run_feasibility

    sent: list[int] = []
    monkeypatch.setattr(run_feasibility, "delay", lambda run_id: sent.append(run_id))
    p = corridor().p
    with django_capture_on_commit_callbacks(execute=True):
        output = run_command(str(p.pk))
    run = FeasibilityRun.objects.get(partnership=p)
    assert sent == [run.pk] and "queued" in output
    with django_capture_on_commit_callbacks(execute=True):
        run_command("--all")
    assert len(sent) == 1  # the queued run is kept, not duplicated


def test_the_command_refuses_unknown_ids_and_ambiguous_arguments():
    with pytest.raises(CommandError, match="No partnership with id 999999"):
        run_command("999999", "--sync")
    with pytest.raises(CommandError):
        run_command()
    with pytest.raises(CommandError):
        run_command("1", "--all")


#
# Admin (read-only history)
#


def test_the_admin_shows_runs_read_only(admin_client):
    run = feasibility_check_batch(ids=[corridor().p.pk])[0]
    assert admin_client.get(reverse("admin:feasibility_feasibilityrun_changelist")).status_code == 200
    page = admin_client.get(reverse("admin:feasibility_feasibilityrun_change", args=[run.pk]))
    assert page.status_code == 200 and b"E1.R1" in page.content
    assert admin_client.get(reverse("admin:feasibility_feasibilityrun_add")).status_code == 403
