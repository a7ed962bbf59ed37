"""Every rule declares what it reads (``reads=`` in feasibility/registry.py), and reads nothing else.

The declarations are checked two ways. Statically: every input names a real model field (or the run's date),
every rule has at least one, and ``reads_today`` is the ``"today"`` input. By instrumenting the rules: each
rule is evaluated on stand-ins of the loaded partnership (feasibility/tests/recording.py) that note every
field read, over the eight demo partnerships, a partnership with a row in every relation and two bare ones,
at every stage and on two dates; what a rule read must be among what it declares.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict

import pytest
from django.apps import apps
from django.urls import reverse

from feasibility.context import STAGES, build_context
from feasibility.registry import REGISTRY, TODAY, Outcome, Registry, is_reference
from feasibility.selectors import rule_input_label
from feasibility.tests.recording import evaluate_recording
from feasibility.tests.support import corridor, populate
from partnerships.tests.factories import PartnershipFactory

# The rules of the application (a test-only rule module may add one to the registry in a worker).
RULES = [spec for spec in REGISTRY.ordered() if spec.func.__module__.startswith("feasibility.rules.")]
TODAY_DATE = dt.date(2026, 11, 2)
LATER = TODAY_DATE + dt.timedelta(days=3 * 365)


def test_there_are_101_rules_to_check():
    assert len(RULES) == 101


#
# The declarations themselves
#


@pytest.mark.parametrize("spec", RULES, ids=lambda spec: spec.id)
def test_every_rule_declares_at_least_one_input(spec):
    assert spec.reads, f"{spec.id} declares no input"


@pytest.mark.parametrize("spec", RULES, ids=lambda spec: spec.id)
def test_every_declared_input_is_a_model_field_or_today(spec):
    for name in spec.reads:
        if name == TODAY:
            continue
        app_label, model_name, field_name = name.split(".")
        model = apps.get_model(app_label, model_name)
        model._meta.get_field(field_name)  # raises FieldDoesNotExist for a name that is no field


def test_reads_today_is_the_today_input_so_the_two_cannot_disagree():
    for spec in RULES:
        assert spec.reads_today == (TODAY in spec.reads), spec.id
    # The nightly re-check's list (feasibility/tests/test_reads_today.py) is the rules declaring "today".
    assert REGISTRY.date_dependent() == [spec.id for spec in REGISTRY.ordered() if TODAY in spec.reads]


def test_inputs_on_reference_tables_are_marked_as_reference():
    assert is_reference("skills.Sector.climate_exposed")
    assert is_reference("recruitment.WhoSslEntry.country")
    assert is_reference("costs.ExchangeRate.rate")
    assert not is_reference("skills.OccupationProfile.regulated")
    assert not is_reference(TODAY)
    assert "recruitment.WhoSslEntry.country" in REGISTRY["R.14"].reference_reads
    assert "skills.Sector.climate_exposed" in REGISTRY["E1.R5"].reference_reads


def test_an_input_is_shown_in_words_from_the_verbose_names():
    assert rule_input_label("skills.OccupationProfile.regulated") == "Occupation profile — regulated occupation"
    assert rule_input_label("partnerships.Partnership.objectives") == "Partnership — objectives"
    assert rule_input_label(TODAY) == "Today's date"


@pytest.mark.parametrize(
    "reads",
    [("Partnership.stage",), ("partnerships.partnership.stage",), "partnerships.Partnership.stage", ("now",)],
)
def test_the_registry_refuses_an_input_that_is_not_app_model_field_or_today(reads):
    with pytest.raises(ValueError):
        Registry().rule("E1.R1", title="t", says="s", source="G", reads=reads)(lambda p, ctx: Outcome.na())


def test_the_registry_refuses_an_input_declared_twice():
    with pytest.raises(ValueError, match="twice"):
        Registry().rule("E1.R1", title="t", says="s", source="G", reads=("partnerships.Partnership.stage",) * 2)(
            lambda p, ctx: Outcome.na()
        )


#
# What the rules actually read
#


_RECORDED: dict = {}


@pytest.fixture
def recorded(db) -> dict:
    """Rule id → inputs read (``reads``) and evaluations made (``evaluations``), over every stage and two dates,
    and the evaluations whose outcome on stand-ins differed from the one on the loaded instances (``differing``).

    Computed by the first test that asks, inside its (rolled-back) transaction, and kept as plain values for the
    others."""
    if not _RECORDED:
        _RECORDED.update(record_every_rule())
    return _RECORDED


def partnership_for_other_branches():
    """Rows none of the demos has, so the branches reading them run too: a remote-work track (E7.R10), planned
    pathways without a name or legal basis (E1.R10, E7.R1 and the pathway labels), a migration programme without
    occupation (E1.R10), an arrangement without worker
    languages, financed by an employer advance (E6.R4, R.4, R.8), a private recruiter with sub-agents and an IRIS
    certificate (R.5, R.6), and a nurse as target occupation (R.14)."""
    from decimal import Decimal

    from partnerships.tests.factories import PathwayFactory
    from recruitment.tests.factories import RecruiterFactory, RecruitmentArrangementFactory
    from skills.tests.factories import (
        OccupationFactory,
        SectorFactory,
        TargetOccupationFactory,
        TrainingProgrammeFactory,
    )
    from stakeholders.tests.factories import OrganisationFactory

    built = corridor(stage="agreement")
    p, origin, destination = built.p, built.origin, built.destination
    p.sectors.add(SectorFactory(code="ict"))
    nurse = TargetOccupationFactory(partnership=p, occupation=OccupationFactory(code="2221"))
    programme = TrainingProgrammeFactory(partnership=p, track="migration")
    programme.occupations.add(nurse)
    TrainingProgrammeFactory(partnership=p, track="migration")  # no occupation recorded (E1.R10)
    common = {"partnership": p, "destination_country": destination, "name": "", "status": "planned"}
    remote = PathwayFactory(
        **common,
        permit_kind="remote_work",
        remote_terms_settled=["contract_issuer"],
        reform_owner=OrganisationFactory(),
        reform_target_date=LATER,
    )
    planned = PathwayFactory(**common, legal_basis="")
    for pathway in (remote, planned):
        pathway.occupations.add(nurse.occupation)
    recruiter = RecruiterFactory(
        partnership=p, uses_sub_agents=True, iris_status="certified", iris_checked_on=TODAY_DATE
    )
    RecruitmentArrangementFactory(
        partnership=p,
        origin=origin,
        destination=destination,
        worker_languages=[],
        worker_financing="employer_advance",
        loan_interest_pct=Decimal("0"),
        loan_repaid_by_wage_deduction=True,
        recruiters=[recruiter],
    )
    return p


def record_every_rule() -> dict:
    from partnerships.demo import demo_load
    from partnerships.models import Partnership
    from partnerships.reference_data import reference_data_load
    from partnerships.selectors import partnership_get_for_check

    reads: dict[str, set] = defaultdict(set)
    evaluations: dict[str, int] = defaultdict(int)
    differing: list[str] = []
    reference_data_load()
    demo_load(today=TODAY_DATE)
    populate(PartnershipFactory(stage="design"), 3)
    corridor(stage="exploration")
    PartnershipFactory(stage="exploration")
    partnership_for_other_branches()
    for pk in Partnership.objects.order_by("pk").values_list("pk", flat=True):
        p = partnership_get_for_check(partnership_id=pk)
        loaded_context = build_context(p, today=TODAY_DATE)
        contexts = [dataclasses.replace(loaded_context, stage=stage, _memo={}) for stage in STAGES]
        contexts.append(dataclasses.replace(loaded_context, today=LATER, _memo={}))
        for context in contexts:
            for spec in RULES:
                outcome, read = evaluate_recording(spec.func, p, context)
                reads[spec.id] |= read
                evaluations[spec.id] += 1
                # The stand-ins change nothing: the same outcome as on the loaded instances.
                plain = spec.func(p, dataclasses.replace(context, _memo={}))
                if (plain.status, plain.message, plain.evidence) != (outcome.status, outcome.message, outcome.evidence):
                    differing.append(f"{spec.id} on partnership {pk} at {context.stage}, {context.today}")
    return {"reads": dict(reads), "evaluations": dict(evaluations), "differing": differing}


def test_rules_evaluate_the_same_on_stand_ins_as_on_the_loaded_partnership(recorded):
    assert recorded["differing"] == []


@pytest.mark.parametrize("spec", RULES, ids=lambda spec: spec.id)
def test_a_rule_reads_no_field_it_does_not_declare(recorded, spec):
    read = recorded["reads"][spec.id]
    assert read, f"{spec.id} read nothing on {recorded['evaluations'][spec.id]} evaluations"
    undeclared = read - set(spec.reads)
    assert not undeclared, f"{spec.id} reads {sorted(undeclared)} without declaring it"


@pytest.mark.parametrize("spec", [spec for spec in RULES if spec.reads_today], ids=lambda spec: spec.id)
def test_a_rule_declaring_today_reads_the_date(recorded, spec):
    assert TODAY in recorded["reads"][spec.id]


#
# The rules page
#


@pytest.mark.django_db
def test_the_rules_page_shows_each_rules_inputs_in_words_with_the_field_for_developers(client):
    html = client.get(reverse("feasibility:catalogue")).content.decode()
    row = html[html.index('id="rule-E5.R2"') : html.index('id="rule-E5.R3"')]
    assert "Occupation profile — regulated occupation" in row
    assert "<code" in row and "skills.OccupationProfile.regulated</code>" in row
    assert f"Reads {len(REGISTRY['E5.R2'].reads)} inputs" in row
    who = html[html.index('id="rule-R.14"') : html.index('id="rule-R.15"')]
    assert "WHO safeguards list entry — country" in who and "reference data" in who
    dated = html[html.index('id="rule-R.5"') : html.index('id="rule-R.6"')]
    assert "Today&#x27;s date" in dated or "Today's date" in dated


#
# The recorder itself
#


@pytest.mark.django_db
def test_the_recorder_notes_fields_relations_properties_and_the_context_but_not_primary_keys():
    from partnerships.selectors import partnership_get_for_check

    built = corridor(stage="design", start_date=TODAY_DATE, end_date=LATER)
    p = partnership_get_for_check(partnership_id=built.p.pk)

    def reads_everything(p, ctx):
        assert isinstance(p, type(built.p))  # a stand-in passes for the model instance
        for pc in ctx.origin_countries:
            pc.pk, pc.id, pc.partnership_id  # noqa: B018
        return Outcome.passed(
            "read",
            months=p.duration_months,
            today=ctx.today,
            late=ctx.stage_reached("agreement"),
            who="XK" in ctx.who_ssl,
        )

    outcome, read = evaluate_recording(reads_everything, p, build_context(p, today=TODAY_DATE))
    assert outcome.evidence["months"] == p.duration_months
    assert read == {
        "partnerships.Partnership.countries",
        "partnerships.PartnershipCountry.side",  # through ctx.countries_by_side
        "partnerships.PartnershipCountry.partnership",  # partnership_id is the relation
        "partnerships.Partnership.start_date",  # through the duration_months property
        "partnerships.Partnership.end_date",
        "partnerships.Partnership.stage",  # ctx.stage_reached
        "recruitment.WhoSslEntry.country",  # ctx.who_ssl
        TODAY,
    }


@pytest.mark.django_db
def test_an_undeclared_read_is_caught():
    registry = Registry()

    @registry.rule("E1.R1", title="t", says="s", source="G", reads=("partnerships.Partnership.stage",))
    def sneaky(p, ctx):
        return Outcome.passed("ok", note=p.climate_assessment, stage=p.stage)

    from partnerships.selectors import partnership_get_for_check

    p = partnership_get_for_check(partnership_id=corridor().p.pk)
    _outcome, read = evaluate_recording(registry["E1.R1"].func, p, build_context(p, today=TODAY_DATE))
    assert read - set(registry["E1.R1"].reads) == {"partnerships.Partnership.climate_assessment"}
