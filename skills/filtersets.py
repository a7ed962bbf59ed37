"""Filtersets of the skills API."""

from __future__ import annotations

import django_filters

from api.filters import IdFilter
from codelists import skills as c
from skills import models as m


class OccupationFilterSet(django_filters.FilterSet):
    """ISCO-08 groups: ``?code=7112`` (exact), ``?code_prefix=71``, ``?level=unit``, ``?search=bricklayer``."""

    code = django_filters.CharFilter(field_name="code", max_length=4)
    code_prefix = django_filters.CharFilter(field_name="code", lookup_expr="startswith", max_length=4)
    level = django_filters.ChoiceFilter(choices=c.OccupationLevel.choices)
    parent = django_filters.CharFilter(field_name="parent_id", max_length=4)
    skill_level = django_filters.NumberFilter(min_value=1, max_value=4)

    class Meta:
        model = m.Occupation
        fields: list[str] = []


class QualificationLevelFilterSet(django_filters.FilterSet):
    """``?framework=<id>``: the levels of one qualifications framework."""

    framework = IdFilter(field_name="framework_id")

    class Meta:
        model = m.QualificationLevel
        fields: list[str] = []


class TargetOccupationFilterSet(django_filters.FilterSet):
    partnership = IdFilter(field_name="partnership_id")
    occupation = django_filters.CharFilter(field_name="occupation_id", max_length=4)
    skill_level = django_filters.ChoiceFilter(choices=lambda: _skill_levels())

    class Meta:
        model = m.TargetOccupation
        fields: list[str] = []


def _skill_levels():
    from codelists.partnerships import SkillLevel

    return SkillLevel.choices


class LabourMarketEvidenceFilterSet(django_filters.FilterSet):
    partnership = IdFilter(field_name="partnership_id")
    source_type = django_filters.ChoiceFilter(choices=c.SourceType.choices)
    sector = django_filters.ChoiceFilter(field_name="sector_id", choices=c.SectorCode.choices)

    class Meta:
        model = m.LabourMarketEvidence
        fields: list[str] = []


class TrainingProgrammeFilterSet(django_filters.FilterSet):
    partnership = IdFilter(field_name="partnership_id")
    track = django_filters.ChoiceFilter(choices=c.TrainingTrack.choices)
    stage = django_filters.ChoiceFilter(choices=c.TrainingStage.choices)

    class Meta:
        model = m.TrainingProgramme
        fields: list[str] = []


class RecognitionArrangementFilterSet(django_filters.FilterSet):
    partnership = IdFilter(field_name="partnership_id")
    kind = django_filters.ChoiceFilter(choices=c.RecognitionKind.choices)
    status = django_filters.ChoiceFilter(choices=c.RecognitionStatus.choices)

    class Meta:
        model = m.RecognitionArrangement
        fields: list[str] = []
