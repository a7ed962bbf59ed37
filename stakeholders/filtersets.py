"""Filtersets of the stakeholders API."""

from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef

from api.filters import CountryCodeFilter, IdFilter
from codelists import stakeholders as c
from stakeholders import models as m


class OrganisationFilterSet(django_filters.FilterSet):
    country = CountryCodeFilter(field_name="country")
    category = django_filters.ChoiceFilter(choices=c.OrganisationCategory.choices)
    level = django_filters.ChoiceFilter(choices=c.OrganisationLevel.choices)
    partnership = IdFilter(method="filter_partnership", label="Takes part in this partnership (one you can see)")

    class Meta:
        model = m.Organisation
        fields: list[str] = []

    def filter_partnership(self, queryset, name, value):
        from partnerships.models import Partnership

        visible = Partnership.objects.for_user(getattr(self.request, "user", None)).filter(pk=value)
        rows = m.Participation.objects.filter(organisation_id=OuterRef("pk"), partnership__in=visible)
        return queryset.filter(Exists(rows))


class ParticipationFilterSet(django_filters.FilterSet):
    partnership = IdFilter(field_name="partnership_id")
    organisation = IdFilter(field_name="organisation_id")
    side = django_filters.ChoiceFilter(choices=c.Side.choices)

    class Meta:
        model = m.Participation
        fields: list[str] = []


class GovernanceBodyFilterSet(django_filters.FilterSet):
    partnership = IdFilter(field_name="partnership_id")
    kind = django_filters.ChoiceFilter(choices=c.GovernanceKind.choices)

    class Meta:
        model = m.GovernanceBody
        fields: list[str] = []
