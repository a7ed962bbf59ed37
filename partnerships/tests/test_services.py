"""Services of the partnerships app: creation, optimistic locking, child rows and stage changes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from accounts.tests.factories import UserFactory
from codelists import partnerships as c
from partnerships import services as s
from partnerships.models import Objective, Partnership, PartnershipCountry, Pathway, StageChange
from partnerships.tests import factories as f
from smp.exceptions import ConflictError
from stakeholders.models import Participation
from stakeholders.tests.factories import OrganisationFactory, lead_participation

pytestmark = pytest.mark.django_db


@pytest.fixture
def official(db):
    return UserFactory(first_name="Ana", last_name="Official")


@pytest.fixture
def colleague(db):
    return UserFactory(first_name="Besa", last_name="Krasniqi")


def stored(partnership: Partnership) -> Partnership:
    return Partnership.objects.get(pk=partnership.pk)


#
# partnership_create
#


def test_it_creates_a_partnership_with_the_lead_organisation_and_a_first_stage_change(official):
    ministry = OrganisationFactory(country="DE")
    partnership = s.partnership_create(
        user=official,
        data={"name": "Care workers corridor", "migration_types": ["circular"], "planned_migrants_total": 40},
        lead_organisation=ministry,
        lead_side=c.Side.DESTINATION,
    )
    assert (partnership.stage, partnership.review_status, partnership.version) == ("exploration", "draft", 1)
    lead = Participation.objects.get(partnership=partnership)
    assert (lead.organisation, lead.roles, lead.side, lead.joined_stage) == (
        ministry,
        ["lead"],
        "destination",
        "exploration",
    )
    change = StageChange.objects.get(partnership=partnership)
    assert (change.from_stage, change.to_stage, change.user) == ("", "exploration", official)
    assert partnership.history.first().history_user == official


def test_it_registers_a_running_scheme_at_any_stage(official):
    partnership = s.partnership_create(
        user=official,
        data={"name": "Running scheme", "stage": "implementation"},
        stage_reason="Runs since 2022.",
        acknowledge_gaps=True,
    )
    assert partnership.stage == c.Stage.IMPLEMENTATION


def test_it_creates_nothing_when_the_data_is_invalid(official):
    with pytest.raises(ValidationError) as info:
        s.partnership_create(
            user=official,
            data={"name": "Bad dates", "start_date": dt.date(2026, 1, 1), "end_date": dt.date(2025, 1, 1)},
        )
    assert "end_date" in info.value.message_dict
    assert not Partnership.objects.exists()


def test_it_refuses_to_create_with_review_or_version_fields(official):
    with pytest.raises(ValidationError) as info:
        s.partnership_create(user=official, data={"name": "Sneaky", "version": 9, "review_status": "approved"})
    assert set(info.value.message_dict) == {"version", "review_status"}


def test_it_sets_the_sectors_given_at_creation(official):
    from skills.models import Sector

    sector = Sector.objects.create(code="construction", label="Construction")
    partnership = s.partnership_create(user=official, data={"name": "Builders", "sectors": [sector]})
    assert list(partnership.sectors.all()) == [sector]


#
# partnership_update and optimistic locking
#


def test_it_updates_and_raises_the_version_by_one(official):
    partnership = f.PartnershipFactory()
    s.partnership_update(partnership=partnership, user=official, expected_version=1, data={"summary": "New text"})
    partnership_now = stored(partnership)
    assert (partnership_now.summary, partnership_now.version) == ("New text", 2)
    assert partnership.version == 2  # the caller's instance is refreshed
    assert partnership_now.history.first().history_user == official


def test_a_stale_version_raises_a_conflict_naming_who_saved_last_and_writes_nothing(official, colleague):
    partnership = f.PartnershipFactory(summary="Original")
    s.partnership_update(partnership=partnership, user=colleague, expected_version=1, data={"summary": "Colleague's"})
    with pytest.raises(ConflictError) as info:
        s.partnership_update(partnership=partnership, user=official, expected_version=1, data={"summary": "Mine"})
    error = info.value
    assert "Besa Krasniqi" in error.message
    assert error.saved_by == "Besa Krasniqi"
    assert error.current_version == 2
    assert error.saved_at is not None
    partnership_now = stored(partnership)
    assert (partnership_now.summary, partnership_now.version) == ("Colleague's", 2)
    assert partnership_now.history.count() == 2  # created + the colleague's save, nothing from the loser


def test_two_writers_from_the_same_version_cannot_both_win(official, colleague):
    partnership = f.PartnershipFactory()
    first = stored(partnership)
    second = stored(partnership)
    s.partnership_update(partnership=first, user=official, expected_version=1, data={"summary": "First"})
    with pytest.raises(ConflictError):
        s.partnership_update(partnership=second, user=colleague, expected_version=1, data={"summary": "Second"})
    assert stored(partnership).summary == "First"


def test_an_invalid_update_writes_nothing_and_keeps_the_version(official):
    partnership = f.PartnershipFactory(planned_migrants_total=10)
    with pytest.raises(ValidationError) as info:
        s.partnership_update(
            partnership=partnership, user=official, expected_version=1, data={"planned_trainees_total": 5}
        )
    assert "planned_trainees_total" in info.value.message_dict
    partnership_now = stored(partnership)
    assert (partnership_now.planned_trainees_total, partnership_now.version) == (None, 1)


def test_it_refuses_to_change_the_stage_through_an_update(official):
    partnership = f.PartnershipFactory()
    with pytest.raises(ValidationError) as info:
        s.partnership_update(partnership=partnership, user=official, expected_version=1, data={"stage": "design"})
    assert "stage" in info.value.message_dict
    assert stored(partnership).stage == c.Stage.EXPLORATION


def test_it_refuses_unknown_fields(official):
    partnership = f.PartnershipFactory()
    with pytest.raises(ValidationError) as info:
        s.partnership_update(partnership=partnership, user=official, expected_version=1, data={"colour": "blue"})
    assert "colour" in info.value.message_dict


@pytest.mark.parametrize("review_status", [c.ReviewStatus.SUBMITTED, c.ReviewStatus.IN_REVIEW])
def test_officials_cannot_edit_a_partnership_under_review(official, review_status):
    partnership = f.PartnershipFactory(review_status=review_status)
    with pytest.raises(ValidationError, match="withdraw it from review"):
        s.partnership_update(partnership=partnership, user=official, expected_version=1, data={"summary": "x"})
    assert stored(partnership).version == 1


def test_an_approved_partnership_can_be_edited_and_then_shows_changed_since_approval(official):
    partnership = f.PartnershipFactory(review_status=c.ReviewStatus.APPROVED, approved_version=1)
    s.partnership_update(partnership=partnership, user=official, expected_version=1, data={"summary": "Later"})
    assert stored(partnership).changed_since_approval


def test_a_closed_partnership_cannot_be_edited(official):
    partnership = f.PartnershipFactory(stage=c.Stage.CLOSED)
    with pytest.raises(ValidationError, match="closed"):
        s.partnership_update(partnership=partnership, user=official, expected_version=1, data={"summary": "x"})


def test_touch_raises_the_version_and_checks_the_expected_one(official, colleague):
    partnership = f.PartnershipFactory()
    s.partnership_touch(partnership=partnership, expected_version=1, user=colleague, reason="Cost item added")
    assert (stored(partnership).version, partnership.version) == (2, 2)
    with pytest.raises(ConflictError, match="Besa Krasniqi"):
        s.partnership_touch(partnership=partnership, expected_version=1, user=official)
    s.partnership_touch(partnership=partnership, expected_version=None, user=official)
    assert stored(partnership).version == 3


#
# Countries
#


def test_adding_a_country_raises_the_version(official):
    partnership = f.PartnershipFactory()
    row = s.partnership_country_add(
        partnership=partnership,
        user=official,
        country="XK",
        side="origin",
        data={"languages": ["sq"]},
        expected_version=1,
    )
    assert (row.side, row.languages, stored(partnership).version, partnership.version) == ("origin", ["sq"], 2, 2)


def test_a_country_takes_part_on_one_side_only(official):
    partnership = f.PartnershipFactory()
    s.partnership_country_add(partnership=partnership, user=official, country="DE", side="destination")
    with pytest.raises(ValidationError) as info:
        s.partnership_country_add(partnership=partnership, user=official, country="DE", side="origin")
    assert "already takes part, on the Destination side" in info.value.message_dict["country"][0]
    assert stored(partnership).version == 2


def test_a_stale_country_add_writes_nothing(official, colleague):
    partnership = f.PartnershipFactory()
    s.partnership_touch(partnership=partnership, expected_version=1, user=colleague)
    with pytest.raises(ConflictError, match="Besa Krasniqi"):
        s.partnership_country_add(
            partnership=partnership, user=official, country="XK", side="origin", expected_version=1
        )
    assert not PartnershipCountry.objects.filter(partnership=partnership).exists()


def test_a_country_used_by_a_pathway_cannot_be_removed(official):
    pathway = f.PathwayFactory()
    with pytest.raises(ValidationError, match="pathways"):
        s.partnership_country_remove(partnership_country=pathway.destination_country, user=official)
    assert PartnershipCountry.objects.filter(pk=pathway.destination_country.pk).exists()


def test_a_country_without_references_is_removed(official):
    row = f.PartnershipCountryFactory(origin=True)
    s.partnership_country_remove(partnership_country=row, user=official)
    assert not PartnershipCountry.objects.filter(pk=row.pk).exists()
    assert stored(row.partnership).version == 2


def test_a_country_used_by_pathways_keeps_its_side(official):
    pathway = f.PathwayFactory()
    with pytest.raises(ValidationError) as info:
        s.partnership_country_update(
            partnership_country=pathway.destination_country, user=official, data={"side": "origin"}
        )
    assert "side" in info.value.message_dict


#
# Objectives
#


def test_objectives_are_created_updated_and_deleted_with_version_bumps(official):
    partnership = f.PartnershipFactory()
    target = f.SdgTargetFactory(code="8.8")
    objective = s.objective_create(
        partnership=partnership,
        user=official,
        data={"kind": "skilled_workforce", "horizon": "long", "sdg_targets": [target]},
        expected_version=1,
    )
    assert list(objective.sdg_targets.all()) == [target]
    s.objective_update(objective=objective, user=official, data={"horizon": "mid"}, expected_version=2)
    assert Objective.objects.get(pk=objective.pk).horizon == "mid"
    assert objective.history.first().history_user == official
    s.objective_delete(objective=objective, user=official, expected_version=3)
    assert not Objective.objects.exists()
    assert stored(partnership).version == 4


def test_an_invalid_objective_is_refused_and_the_version_stays(official):
    partnership = f.PartnershipFactory()
    with pytest.raises(ValidationError) as info:
        s.objective_create(partnership=partnership, user=official, data={"kind": "world_peace", "horizon": "long"})
    assert "kind" in info.value.message_dict
    assert stored(partnership).version == 1


def test_a_stale_objective_update_raises_a_conflict(official, colleague):
    objective = f.ObjectiveFactory()
    s.partnership_touch(partnership=objective.partnership, expected_version=1, user=colleague)
    with pytest.raises(ConflictError):
        s.objective_update(objective=objective, user=official, data={"horizon": "short"}, expected_version=1)
    assert Objective.objects.get(pk=objective.pk).horizon == "long"


#
# Pathways
#


def test_it_creates_a_pathway_with_origin_countries_and_occupations(official):
    from skills.models import Occupation

    occupation = Occupation.objects.create(code="7112", level="unit", title="Bricklayers", skill_level=2)
    partnership = f.PartnershipFactory(with_countries=True)
    germany, kosovo = partnership.countries.get(country="DE"), partnership.countries.get(country="XK")
    pathway = s.pathway_create(
        partnership=partnership,
        user=official,
        data={
            "name": "Western Balkans regulation",
            "permit_kind": "work_permit",
            "status": "existing",
            "destination_country": germany,
            "origin_countries": [kosovo],
            "occupations": ["7112"],
            "employer_tied": "single_employer",
        },
    )
    assert list(pathway.origin_countries.all()) == [kosovo]
    assert list(pathway.occupations.all()) == [occupation]
    assert pathway.history.first().history_user == official


def test_a_pathway_origin_must_be_an_origin_row_of_the_partnership(official):
    partnership = f.PartnershipFactory(with_countries=True)
    germany = partnership.countries.get(country="DE")
    with pytest.raises(ValidationError) as info:
        s.pathway_create(
            partnership=partnership,
            user=official,
            data={
                "name": "Wrong",
                "permit_kind": "work_permit",
                "status": "existing",
                "destination_country": germany,
                "origin_countries": [germany],
            },
        )
    assert "origin_countries" in info.value.message_dict
    assert not Pathway.objects.exists()


def test_a_pathway_destination_must_be_a_destination_row(official):
    partnership = f.PartnershipFactory(with_countries=True)
    kosovo = partnership.countries.get(country="XK")
    with pytest.raises(ValidationError) as info:
        s.pathway_create(
            partnership=partnership,
            user=official,
            data={"name": "Wrong", "permit_kind": "work_permit", "status": "planned", "destination_country": kosovo},
        )
    assert "destination_country" in info.value.message_dict


def test_a_pathway_update_raises_the_version(official):
    pathway = f.PathwayFactory()
    s.pathway_update(pathway=pathway, user=official, data={"fast_track": True}, expected_version=1)
    assert Pathway.objects.get(pk=pathway.pk).fast_track is True
    assert stored(pathway.partnership).version == 2


#
# partnership_stage_set
#


def led(user, **fields) -> Partnership:
    """A partnership whose lead side ``user`` stands on: only the lead side moves the stage."""
    partnership = f.PartnershipFactory(**fields)
    lead_participation(user, partnership, role="co_lead")
    return partnership


def test_it_moves_forward_one_stage_and_records_the_change(official):
    partnership = led(official)
    change = s.partnership_stage_set(
        partnership=partnership, to_stage="assessment", user=official, acknowledge_gaps=True
    )
    assert stored(partnership).stage == partnership.stage == "assessment"
    assert (change.from_stage, change.to_stage, change.user) == ("exploration", "assessment", official)
    # The exploration checklist's gaps (partnerships/tests/test_lifecycle.py), acknowledged and recorded.
    assert "governments" in {gap["code"] for gap in change.open_gaps}
    assert stored(partnership).version == 1  # the stage is not data under review


def test_it_refuses_to_skip_a_stage(official):
    partnership = led(official)
    with pytest.raises(ValidationError, match="one stage at a time: the next stage is assessment"):
        s.partnership_stage_set(partnership=partnership, to_stage="design", user=official)
    assert stored(partnership).stage == "exploration"
    assert not StageChange.objects.exists()


def test_moving_back_needs_a_reason(official):
    partnership = led(official, stage=c.Stage.DESIGN)
    with pytest.raises(ValidationError) as info:
        s.partnership_stage_set(partnership=partnership, to_stage="assessment", user=official)
    assert "reason" in info.value.message_dict
    s.partnership_stage_set(partnership=partnership, to_stage="exploration", user=official, reason="Partner left")
    assert stored(partnership).stage == "exploration"


def test_closing_needs_a_reason_and_records_the_date(official):
    partnership = led(official, stage=c.Stage.SETUP)
    with pytest.raises(ValidationError):
        s.partnership_stage_set(partnership=partnership, to_stage="closed", user=official)
    s.partnership_stage_set(
        partnership=partnership, to_stage="closed", user=official, reason="Funding ended", closure_reason="abandoned"
    )
    partnership_now = stored(partnership)
    assert (partnership_now.stage, partnership_now.closure_reason) == ("closed", "abandoned")
    assert partnership_now.closed_on is not None


def test_a_closed_partnership_never_leaves_closed(official):
    partnership = led(official, stage=c.Stage.CLOSED)
    with pytest.raises(ValidationError, match="stays closed"):
        s.partnership_stage_set(partnership=partnership, to_stage="evaluation", user=official, reason="Oops")


def test_it_refuses_the_current_stage(official):
    partnership = led(official)
    with pytest.raises(ValidationError, match="already at the Exploration stage"):
        s.partnership_stage_set(partnership=partnership, to_stage="exploration", user=official)


def test_the_review_gate_is_off_by_default(official):
    partnership = led(official, stage=c.Stage.DESIGN)
    s.partnership_stage_set(partnership=partnership, to_stage="agreement", user=official, acknowledge_gaps=True)
    assert stored(partnership).stage == "agreement"


def test_with_review_gates_entering_agreement_needs_approval_of_the_current_version(official, settings):
    settings.SMP_REVIEW_GATES = True
    partnership = led(official, stage=c.Stage.DESIGN, version=3)
    with pytest.raises(ValidationError, match="IOM approval"):
        s.partnership_stage_set(partnership=partnership, to_stage="agreement", user=official)
    Partnership.objects.filter(pk=partnership.pk).update(review_status="approved", approved_version=2)
    with pytest.raises(ValidationError, match="IOM approval"):
        s.partnership_stage_set(partnership=partnership, to_stage="agreement", user=official)
    Partnership.objects.filter(pk=partnership.pk).update(approved_version=3)
    s.partnership_stage_set(partnership=partnership, to_stage="agreement", user=official, acknowledge_gaps=True)
    assert stored(partnership).stage == "agreement"


def test_a_stage_change_with_a_stale_version_raises_a_conflict(official, colleague):
    partnership = led(official)
    s.partnership_touch(partnership=partnership, expected_version=1, user=colleague)
    with pytest.raises(ConflictError):
        s.partnership_stage_set(partnership=partnership, to_stage="assessment", user=official, expected_version=1)
    assert stored(partnership).stage == "exploration"
