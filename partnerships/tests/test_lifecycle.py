"""The exit checklist of each stage (§5.1) and the stage service that applies it: a forward move with gaps
goes ahead only once acknowledged, and the gaps and the reason are recorded on the stage change; registering
a scheme at a later stage passes through every checklist it skips."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from codelists import partnerships as c
from codelists.stakeholders import ParticipationRole
from partnerships import services as s
from partnerships.lifecycle import stage_exit_gaps, stage_move_gaps
from partnerships.models import StageChange
from partnerships.tests.factories import PartnershipCountryFactory, PartnershipFactory
from skills.tests.factories import SectorFactory
from stakeholders.tests.factories import OrganisationFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


def explored(**fields):
    """A partnership whose exploration exit data is complete (§5.1, stage 1)."""
    values = {
        "name": "Care corridor",
        "summary": "Care workers trained in the origin country.",
        "form_of_engagement": "mou",
        "migration_types": ["temporary"],
        "security_clearance_required": False,
        **fields,
    }
    p = PartnershipFactory(**values)
    p.sectors.set([SectorFactory()])
    for side, country in ((c.Side.ORIGIN, "PH"), (c.Side.DESTINATION, "JP")):
        PartnershipCountryFactory(partnership=p, side=side, country=country)
        ministry = OrganisationFactory(category="government_ministry", country=country)
        roles = [ParticipationRole.LEAD] if side == c.Side.DESTINATION else [ParticipationRole.CO_LEAD]
        ParticipationFactory(partnership=p, organisation=ministry, side=side, roles=roles)
    return p


def codes(gaps) -> set[str]:
    return {gap.code for gap in gaps}


def test_a_new_partnership_lacks_everything_the_exploration_stage_asks_for():
    p = PartnershipFactory(name="Idea", summary="", security_clearance_required=None)
    assert codes(stage_exit_gaps(partnership=p, stage=c.Stage.EXPLORATION)) >= {
        "countries",
        "name_summary",
        "sectors",
        "lead",
        "governments",
        "security_clearance",
    }


def test_complete_exploration_data_leaves_no_gap_and_the_move_needs_no_acknowledgement(official):
    p = explored()
    assert stage_exit_gaps(partnership=p, stage=c.Stage.EXPLORATION) == []
    change = s.partnership_stage_set(partnership=p, to_stage=c.Stage.ASSESSMENT, user=None, reason="Screened.")
    assert (change.to_stage, change.open_gaps, change.reason) == ("assessment", [], "Screened.")


def test_a_move_with_gaps_is_refused_until_they_are_acknowledged_then_they_are_recorded():
    p = explored(security_clearance_required=None)
    with pytest.raises(ValidationError) as refused:
        s.partnership_stage_set(partnership=p, to_stage=c.Stage.ASSESSMENT, user=None)
    assert refused.value.code == "open_gaps"
    assert "missing: Whether some actors need security clearance. Add them" in refused.value.messages[0]
    [item] = refused.value.params["items"]
    assert (item["code"], item["step"], item["step_label"], item["rule"]) == (
        "security_clearance",
        "actors_governance",
        "W3 Actors and governance",
        "E2.R9",
    )
    p.refresh_from_db()
    assert p.stage == c.Stage.EXPLORATION and not StageChange.objects.filter(partnership=p).exists()
    change = s.partnership_stage_set(
        partnership=p, to_stage=c.Stage.ASSESSMENT, user=None, reason="Clearance asked.", acknowledge_gaps=True
    )
    assert [gap["code"] for gap in change.open_gaps] == ["security_clearance"]
    assert change.reason == "Clearance asked."


def test_moving_back_or_closing_has_no_checklist():
    p = explored(stage=c.Stage.DESIGN)
    assert stage_move_gaps(partnership=p, from_stage=c.Stage.DESIGN, to_stage=c.Stage.EXPLORATION) == []
    assert stage_move_gaps(partnership=p, from_stage=c.Stage.DESIGN, to_stage=c.Stage.CLOSED) == []


def test_registering_a_running_scheme_needs_a_reason_and_acknowledges_every_stage_skipped(official):
    with pytest.raises(ValidationError) as no_reason:
        s.partnership_create(user=official, data={"name": "Running scheme", "stage": "implementation"})
    assert "stage_reason" in no_reason.value.message_dict
    with pytest.raises(ValidationError) as unacknowledged:
        s.partnership_create(
            user=official, data={"name": "Running scheme", "stage": "implementation"}, stage_reason="Runs since 2022."
        )
    assert unacknowledged.value.code == "open_gaps"
    partnership = s.partnership_create(
        user=official,
        data={"name": "Running scheme", "stage": "implementation"},
        stage_reason="Runs since 2022.",
        acknowledge_gaps=True,
    )
    change = partnership.stage_changes.get()
    assert (change.from_stage, change.to_stage, change.reason) == ("", "implementation", "Runs since 2022.")
    recorded = {gap["code"] for gap in change.open_gaps}
    # Gaps of exploration, assessment, design, agreement and setup — not of implementation itself.
    assert {"countries", "feasibility_study", "target_occupations", "signed"} <= recorded
    assert "actual_costs" not in recorded


@pytest.fixture
def official(db):
    from accounts.tests.factories import UserFactory

    return UserFactory(first_name="Ana", last_name="Official")


def test_the_design_checklist_names_each_target_occupation_no_pathway_lists():
    """A pathway covers an occupation only when it lists it, as E7.R1 reads it: one pathway for cooks leaves
    the care workers uncovered, and a pathway without occupations covers neither."""
    from partnerships.tests.factories import PathwayFactory
    from skills.tests.factories import OccupationFactory, TargetOccupationFactory

    p = explored()
    cooks = OccupationFactory(code="5120", title="Cooks")
    carers = OccupationFactory(code="5322", title="Home-based personal care workers")
    for occupation in (cooks, carers):
        TargetOccupationFactory(partnership=p, occupation=occupation)
    destination = p.countries.get(side=c.Side.DESTINATION)
    PathwayFactory(partnership=p, destination_country=destination)  # lists no occupation
    gap = next(g for g in stage_exit_gaps(partnership=p, stage=c.Stage.DESIGN) if g.code == "pathway_occupations")
    assert gap.rule == "E7.R1"
    assert "Cooks, Home-based personal care workers" in gap.text

    PathwayFactory(partnership=p, destination_country=destination).occupations.set([cooks])
    gap = next(g for g in stage_exit_gaps(partnership=p, stage=c.Stage.DESIGN) if g.code == "pathway_occupations")
    assert "(none yet for: Home-based personal care workers)" in gap.text

    PathwayFactory(partnership=p, destination_country=destination).occupations.set([carers])
    assert "pathway_occupations" not in codes(stage_exit_gaps(partnership=p, stage=c.Stage.DESIGN))


def test_a_recorded_gap_reads_in_the_language_of_whoever_reads_it():
    """The gaps on a stage change are stored with their English text and parameters as keys: a move made by an
    English reader shows its gaps in French to a French reader (and a gap stored without keys keeps its words)."""
    from django.utils import translation

    from partnerships.lifecycle import Gap, gap_step_label, gap_text

    p = explored(security_clearance_required=None)
    with translation.override("en"):
        change = s.partnership_stage_set(
            partnership=p, to_stage=c.Stage.ASSESSMENT, user=None, reason="Asked.", acknowledge_gaps=True
        )
    [stored] = StageChange.objects.get(pk=change.pk).open_gaps
    assert stored["message"] == "Whether some actors need security clearance."
    with translation.override("fr"):
        french = gap_text(stored)
        assert french != stored["message"] and french == translation.gettext(stored["message_key"])
        assert gap_step_label(stored) == str(c.WizardStep.ACTORS_GOVERNANCE.label) != "W3 Actors and governance"
    measured = Gap(
        "values_end_of_training",
        "Indicator values for the collection point “%(when)s”.",
        "countries_objectives",
        params={"when": c.CollectionPoint.END_OF_TRAINING.label},
    )
    kept = measured.as_stored()
    assert kept["message_params"] == {"when": {"key": "End of training"}}
    with translation.override("fr"):
        assert "End of training" not in gap_text(kept)
    assert gap_text({"message": "Stored before keys."}) == "Stored before keys."
