"""Skills models and code lists: the constraints hold in the database, derived values follow §2.3 and §6.1."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from codelists import skills as c
from codelists.partnerships import Phase, SkillLevel
from skills.models import (
    DataNeed,
    LabourMarketEvidence,
    Occupation,
    QualificationFramework,
    RecognitionArrangement,
    Sector,
    TargetOccupation,
    TrainingProgramme,
)
from skills.services import data_need_next_custom_code, target_occupation_create
from skills.tests.factories import (
    DataNeedFactory,
    LabourMarketEvidenceFactory,
    OccupationFactory,
    OccupationProfileFactory,
    RecognitionArrangementFactory,
    TargetOccupationFactory,
    TrainingProgrammeFactory,
)

db = pytest.mark.django_db

#
# Code lists (no database)
#


def test_the_information_checklist_has_the_28_box_10_prompts_with_unique_codes():
    assert len(c.DATA_NEED_PROMPTS) == 28
    assert len(set(c.DATA_NEED_PROMPT_CODES)) == 28
    prefixes = {code.split(".")[0] for code in c.DATA_NEED_PROMPT_CODES}
    assert prefixes == {"partner", "sector", "skills", "matching", "legal", "coherence", "gender"}


def test_every_prompt_suggests_known_source_families():
    for prompt in c.DATA_NEED_PROMPTS:
        assert prompt.source_families, prompt.code
        assert set(prompt.source_families) <= set(c.SourceFamily.values), prompt.code


@pytest.mark.parametrize("code", ["partner.1", "gender.2", "custom.1", "custom.27"])
def test_valid_prompt_codes_are_accepted(code):
    assert c.is_valid_prompt_code(code)


@pytest.mark.parametrize("code", ["partner.9", "custom.0", "custom.", "custom.x", "Custom.1", ""])
def test_invalid_prompt_codes_are_refused(code):
    assert not c.is_valid_prompt_code(code)


def test_every_source_type_has_a_family():
    assert set(c.SOURCE_FAMILY) == set(c.SourceType.values)
    assert set(c.SOURCE_FAMILY.values()) <= set(c.SourceFamily.values)


@pytest.mark.parametrize(
    ("source_type", "family"),
    [
        ("labour_force_survey", "statistical"),
        ("migration_statistics", "statistical"),
        ("administrative", "administrative"),
        ("employer_survey", "employer"),
        ("private_sector_data", "big_data"),
        ("big_data", "big_data"),
        ("delphi", "foresight"),
        ("expert_consultation", "qualitative"),
        ("research_evaluation", "qualitative"),
        ("tracer_study", "tracer"),
        ("document_review", "desk"),
        ("other", "other"),
    ],
)
def test_source_family_follows_the_evidence_table(source_type, family):
    assert LabourMarketEvidence(source_type=source_type).source_family == family


@pytest.mark.parametrize(("level", "band"), [(1, "low"), (2, "mid"), (3, "mid"), (4, "high"), (None, None)])
def test_isco_skill_level_maps_to_the_skill_band(level, band):
    assert c.skill_band(level) == band


def test_skill_bands_are_codes_of_the_skill_level_list():
    assert set(c.SKILL_BAND_BY_ISCO_LEVEL.values()) == set(SkillLevel.values)


def test_recognition_phases_are_continuum_phase_codes():
    assert set(c.RECOGNITION_PHASES) <= set(Phase.values)


def test_partner_country_lists_use_the_domain_codes():
    assert c.LmisStatus.values == ["none", "partial", "functional", "unknown"]
    assert c.NqfStatus.values == ["operational", "in_development", "none", "unknown"]
    assert c.RplSystem.values == ["operational", "pilot", "none", "unknown"]


#
# Reference data
#


@db
def test_an_occupation_skill_level_outside_1_to_4_is_refused_by_the_database():
    nurse = OccupationFactory(code="2221")
    with pytest.raises(IntegrityError), transaction.atomic():
        Occupation.objects.filter(pk=nurse.pk).update(skill_level=5)


@db
def test_an_unknown_occupation_level_is_refused_by_the_database():
    nurse = OccupationFactory(code="2221")
    with pytest.raises(IntegrityError), transaction.atomic():
        Occupation.objects.filter(pk=nurse.pk).update(level="group")


@db
def test_occupation_codes_are_strings_and_keep_a_leading_zero():
    officers = OccupationFactory(code="0110")
    assert Occupation.objects.get(code="0110").parent_id == "011"
    assert officers.parent.parent.parent.code == "0"


@db
def test_a_unit_group_has_a_skill_band():
    assert OccupationFactory(code="2221").skill_band == "high"
    assert OccupationFactory(code="7112").skill_band == "mid"


@db
def test_an_occupation_whose_level_contradicts_its_code_fails_validation():
    occupation = Occupation(code="2221", level=c.OccupationLevel.MINOR, title="Nursing professionals")
    with pytest.raises(ValidationError) as excinfo:
        occupation.full_clean(exclude=["parent"])
    assert "level" in excinfo.value.message_dict


@db
def test_an_unknown_sector_code_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        Sector.objects.create(code="space_tourism", label="Space tourism")


@db
def test_only_national_frameworks_name_a_country():
    with pytest.raises(IntegrityError), transaction.atomic():
        QualificationFramework.objects.create(code="XQF", name="Regional", scope="regional", country="DE")


#
# Target occupations and profiles
#


@db
def test_a_partnership_targets_an_occupation_once():
    target = TargetOccupationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        TargetOccupation.objects.create(partnership=target.partnership, occupation=target.occupation)


@db
def test_a_target_occupation_must_be_a_unit_group():
    target = TargetOccupationFactory.build(occupation=OccupationFactory(code="222"))
    with pytest.raises(ValidationError) as excinfo:
        target.clean()
    assert excinfo.value.message_dict["occupation"][0].startswith("Choose an ISCO-08 unit group")


@db
def test_the_service_defaults_the_skill_band_from_isco_and_refuses_a_minor_group():
    partnership = TargetOccupationFactory().partnership
    developer = target_occupation_create(partnership=partnership, occupation=OccupationFactory(code="2512"))
    assert developer.skill_level == "high"
    with pytest.raises(ValidationError) as excinfo:
        target_occupation_create(partnership=partnership, occupation=OccupationFactory(code="711"))
    assert "occupation" in excinfo.value.message_dict


@db
def test_a_profile_is_unique_per_target_occupation_and_country():
    profile = OccupationProfileFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        OccupationProfileFactory(target_occupation=profile.target_occupation, country=profile.country)


#
# Training and recognition
#


@db
def test_migration_places_cannot_exceed_total_places():
    programme = TrainingProgrammeFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        TrainingProgramme.objects.filter(pk=programme.pk).update(places_total=10, places_migration=11)


@db
def test_a_stay_track_programme_has_no_migration_places():
    programme = TrainingProgrammeFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        TrainingProgramme.objects.filter(pk=programme.pk).update(track="stay", places_migration=5)


@db
def test_scope_is_only_for_mutual_recognition():
    arrangement = RecognitionArrangementFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RecognitionArrangement.objects.filter(pk=arrangement.pk).update(kind="rpl")


@db
def test_recognition_phase_is_limited_to_three_continuum_phases():
    arrangement = RecognitionArrangementFactory(phase="pre_departure")
    with pytest.raises(IntegrityError), transaction.atomic():
        RecognitionArrangement.objects.filter(pk=arrangement.pk).update(phase="travel_arrival")


@db
def test_recognition_cost_payers_must_be_payer_codes():
    arrangement = RecognitionArrangementFactory(cost_payer=["employer", "gov_destination"])
    arrangement.full_clean()
    arrangement.cost_payer = ["donor"]
    with pytest.raises(ValidationError):
        arrangement.full_clean()


#
# Evidence and data needs
#


@db
def test_evidence_with_an_unknown_source_type_is_refused_by_the_database():
    evidence = LabourMarketEvidenceFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        LabourMarketEvidence.objects.filter(pk=evidence.pk).update(source_type="rumour")


@db
def test_a_prompt_is_answered_once_per_partnership():
    need = DataNeedFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        DataNeed.objects.create(partnership=need.partnership, prompt_code=need.prompt_code, status="gap")


@db
def test_an_unknown_prompt_code_is_refused_by_the_database_and_by_validation():
    need = DataNeedFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        DataNeed.objects.filter(pk=need.pk).update(prompt_code="partner.99")
    need.prompt_code = "custom.x"
    with pytest.raises(ValidationError) as excinfo:
        need.full_clean()
    assert "prompt_code" in excinfo.value.message_dict


@db
def test_custom_prompts_are_numbered_after_the_highest_one():
    need = DataNeedFactory(prompt_code="custom.2")
    assert data_need_next_custom_code(partnership=need.partnership) == "custom.3"
