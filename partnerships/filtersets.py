"""Filtersets of the partnerships API (explicit filters, after NetBox's ``tenancy/filtersets.py``)."""

from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from api.filters import CountryCodeFilter, IdFilter
from codelists import partnerships as c
from codelists.skills import SectorCode
from feasibility.models import RecruitmentVerdict
from partnerships import models as m
from smp.fields import json_list_has

ELEMENT_CODES = [f"E{n}" for n in range(1, 9)]


def _latest_succeeded_run_matching(**lookups):
    """``EXISTS`` over the partnership's latest succeeded run, restricted by ``lookups`` (one subquery)."""
    from feasibility.models import FeasibilityRun, RunStatus

    latest = (
        FeasibilityRun.objects.filter(partnership=OuterRef(OuterRef("pk")), status=RunStatus.SUCCEEDED)
        .order_by("-finished_at", "-id")
        .values("pk")[:1]
    )
    return Exists(FeasibilityRun.objects.filter(pk=Subquery(latest), **lookups))


@extend_schema_field({"type": "number", "minimum": 0, "maximum": 100})
class ScoreFilter(django_filters.NumberFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 100)
        super().__init__(*args, **kwargs)


class PartnershipFilterSet(django_filters.FilterSet):
    """Country, sector, skill level, migration type, stage, review status, scores, red flags, updated since."""

    country = CountryCodeFilter(method="filter_country", label=_("Country (ISO code), either side"))
    origin_country = CountryCodeFilter(method="filter_country", label=_("Origin country (ISO code)"))
    destination_country = CountryCodeFilter(method="filter_country", label=_("Destination country (ISO code)"))
    sector = django_filters.ChoiceFilter(method="filter_sector", choices=SectorCode.choices)
    skill_level = django_filters.ChoiceFilter(method="filter_skill_level", choices=c.SkillLevel.choices)
    migration_type = django_filters.ChoiceFilter(method="filter_migration_type", choices=c.MigrationType.choices)
    stage = django_filters.MultipleChoiceFilter(choices=c.Stage.choices)
    review_status = django_filters.MultipleChoiceFilter(choices=c.ReviewStatus.choices)
    form_of_engagement = django_filters.ChoiceFilter(choices=c.FormOfEngagement.choices)
    updated_since = django_filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")
    predecessor = IdFilter(field_name="predecessor_id")

    element = django_filters.ChoiceFilter(
        method="filter_noop", choices=[(code, code) for code in ELEMENT_CODES], label=_("Element for min_score")
    )
    min_score = ScoreFilter(method="filter_min_score", label=_("Minimum score of `element` in the latest run"))
    min_score_E1 = ScoreFilter(method="filter_min_score_code", label=_("Minimum E1 score (latest succeeded run)"))
    min_score_E2 = ScoreFilter(method="filter_min_score_code", label=_("Minimum E2 score (latest succeeded run)"))
    min_score_E3 = ScoreFilter(method="filter_min_score_code", label=_("Minimum E3 score (latest succeeded run)"))
    min_score_E4 = ScoreFilter(method="filter_min_score_code", label=_("Minimum E4 score (latest succeeded run)"))
    min_score_E5 = ScoreFilter(method="filter_min_score_code", label=_("Minimum E5 score (latest succeeded run)"))
    min_score_E6 = ScoreFilter(method="filter_min_score_code", label=_("Minimum E6 score (latest succeeded run)"))
    min_score_E7 = ScoreFilter(method="filter_min_score_code", label=_("Minimum E7 score (latest succeeded run)"))
    min_score_E8 = ScoreFilter(method="filter_min_score_code", label=_("Minimum E8 score (latest succeeded run)"))
    min_overall_score = ScoreFilter(method="filter_min_overall", label=_("Minimum overall score (latest run)"))
    red_flag = django_filters.BooleanFilter(method="filter_red_flag", label=_("Latest run has recruitment red flags"))
    recruitment_verdict = django_filters.ChoiceFilter(
        method="filter_verdict",
        choices=RecruitmentVerdict.choices,
        label=_("Recruitment verdict of the latest succeeded run"),
    )

    class Meta:
        model = m.Partnership
        fields: list[str] = []

    # Countries and typology ------------------------------------------------------------------------------

    def filter_country(self, queryset, name, value):
        rows = m.PartnershipCountry.objects.filter(partnership_id=OuterRef("pk"), country=value)
        if name == "origin_country":
            rows = rows.filter(side=c.Side.ORIGIN)
        elif name == "destination_country":
            rows = rows.filter(side=c.Side.DESTINATION)
        return queryset.filter(Exists(rows))

    def filter_sector(self, queryset, name, value):
        through = m.Partnership.sectors.through
        return queryset.filter(Exists(through.objects.filter(partnership_id=OuterRef("pk"), sector_id=value)))

    def filter_skill_level(self, queryset, name, value):
        return queryset.filter(json_list_has("skill_levels", value))

    def filter_migration_type(self, queryset, name, value):
        return queryset.filter(json_list_has("migration_types", value))

    # Feasibility -----------------------------------------------------------------------------------------

    def filter_noop(self, queryset, name, value):
        return queryset

    def filter_min_score(self, queryset, name, value):
        element = self.form.cleaned_data.get("element")
        if not element:
            return queryset  # refused in ``is_valid``
        return queryset.filter(
            _latest_succeeded_run_matching(**{f"element_results__{element}__score__gte": float(value)})
        )

    def filter_min_score_code(self, queryset, name, value):
        element = name.removeprefix("min_score_")
        return queryset.filter(
            _latest_succeeded_run_matching(**{f"element_results__{element}__score__gte": float(value)})
        )

    def filter_min_overall(self, queryset, name, value):
        return queryset.filter(_latest_succeeded_run_matching(overall_score__gte=value))

    def filter_red_flag(self, queryset, name, value):
        flagged = _latest_succeeded_run_matching() & ~_latest_succeeded_run_matching(red_flags=[])
        return queryset.filter(flagged) if value else queryset.exclude(flagged)

    def filter_verdict(self, queryset, name, value):
        return queryset.filter(_latest_succeeded_run_matching(recruitment_verdict=value))

    def is_valid(self):
        valid = super().is_valid()
        data = self.form.cleaned_data if hasattr(self.form, "cleaned_data") else {}
        if valid and data.get("min_score") is not None and not data.get("element"):
            self.form.add_error("min_score", _("Say which element with element=E1 … E8."))
            return False
        return valid


class ReportingPeriodFilterSet(django_filters.FilterSet):
    """Reporting periods by partnership, by when they start or end, and the one that covers a day."""

    partnership = IdFilter(field_name="partnership_id")
    starts_on_after = django_filters.DateFilter(
        field_name="starts_on", lookup_expr="gte", label=_("Starts on or after (ISO date)")
    )
    starts_on_before = django_filters.DateFilter(
        field_name="starts_on", lookup_expr="lte", label=_("Starts on or before (ISO date)")
    )
    ends_on_after = django_filters.DateFilter(
        field_name="ends_on", lookup_expr="gte", label=_("Ends on or after (ISO date)")
    )
    ends_on_before = django_filters.DateFilter(
        field_name="ends_on", lookup_expr="lte", label=_("Ends on or before (ISO date)")
    )
    covers = django_filters.DateFilter(method="filter_covers", label=_("Periods that include this day (ISO date)"))

    class Meta:
        model = m.ReportingPeriod
        fields: list[str] = []

    def filter_covers(self, queryset, name, value):
        return queryset.filter(starts_on__lte=value, ends_on__gte=value)


class IndicatorValueFilterSet(django_filters.FilterSet):
    """Indicator values by partnership (through the indicator), indicator, reporting period, collection point."""

    partnership = IdFilter(field_name="indicator__partnership_id")
    indicator = IdFilter(field_name="indicator_id")
    period = IdFilter(field_name="period_id")
    collection_point = django_filters.ChoiceFilter(choices=c.CollectionPoint.choices)

    class Meta:
        model = m.IndicatorValue
        fields: list[str] = []
