"""Views of the recruitment API: recruiters and recruitment arrangements (ethical recruitment, §3), and WHO's
health-workforce support and safeguards list."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions

from api.permissions import IsAuthenticatedApiUser
from api.viewsets import PartnershipScopedViewSet, ReadOnlyApiViewSet
from partnerships.services import partnership_row_delete
from recruitment import models as m
from recruitment import services
from recruitment.api import serializers as s
from recruitment.filtersets import RecruiterFilterSet, RecruitmentArrangementFilterSet, WhoSslEntryFilterSet


class RecruiterViewSet(PartnershipScopedViewSet):
    """Recruitment agencies and public employment services the partnership works with."""

    queryset = m.Recruiter.objects.all()
    serializer_class = s.RecruiterSerializer
    filterset_class = RecruiterFilterSet
    ordering = ("partnership_id", "id")

    def service_create(self, *, partnership, data, expected_version):
        return services.recruiter_create(
            partnership=partnership,
            organisation=data.pop("organisation"),
            user=self.request.user,
            expected_version=expected_version,
            **data,
        )

    def service_update(self, *, obj, data, expected_version):
        organisation = data.pop("organisation", None)
        if organisation is not None and organisation.pk != obj.organisation_id:
            raise exceptions.ValidationError(
                {"organisation": [_("A recruiter's organisation cannot change: add a new recruiter instead.")]}
            )
        return services.recruiter_update(
            recruiter=obj, user=self.request.user, expected_version=expected_version, **data
        )

    def service_delete(self, *, obj, expected_version):
        partnership_row_delete(row=obj, user=self.request.user, expected_version=expected_version)


class RecruitmentArrangementViewSet(PartnershipScopedViewSet):
    """How workers are recruited on one origin → destination corridor."""

    queryset = m.RecruitmentArrangement.objects.prefetch_related("recruiters", "target_occupations")
    serializer_class = s.RecruitmentArrangementSerializer
    filterset_class = RecruitmentArrangementFilterSet
    ordering = ("partnership_id", "id")

    def service_create(self, *, partnership, data, expected_version):
        return services.recruitment_arrangement_create(
            partnership=partnership,
            origin=data.pop("origin"),
            destination=data.pop("destination"),
            recruiters=data.pop("recruiters", ()),
            target_occupations=data.pop("target_occupations", ()),
            user=self.request.user,
            expected_version=expected_version,
            **data,
        )

    def service_update(self, *, obj, data, expected_version):
        return services.recruitment_arrangement_update(
            arrangement=obj,
            recruiters=data.pop("recruiters", None),
            target_occupations=data.pop("target_occupations", None),
            user=self.request.user,
            expected_version=expected_version,
            **data,
        )

    def service_delete(self, *, obj, expected_version):
        partnership_row_delete(row=obj, user=self.request.user, expected_version=expected_version)


@extend_schema_view(
    list=extend_schema(summary="WHO health-workforce support and safeguards list, by edition; search by country code"),
    retrieve=extend_schema(summary="One country on one edition of the WHO safeguards list"),
)
class WhoSslEntryViewSet(ReadOnlyApiViewSet):
    """Countries on WHO's Health Workforce Support and Safeguards List: active international recruitment of
    health workers from them is discouraged (§3.3, R.14)."""

    permission_classes = [IsAuthenticatedApiUser]
    queryset = m.WhoSslEntry.objects.all()
    serializer_class = s.WhoSslEntrySerializer
    filterset_class = WhoSslEntryFilterSet
    search_fields = ("country",)
    ordering_fields = ("edition", "country")
    ordering = ("-edition", "country")
