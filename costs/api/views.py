"""Views of the costs API: cost items with their shares, actual spending, cost–benefit analyses, the
sustainability plan, exchange rates and the ISO 4217 currencies.

Writes call ``costs.services`` (the wizard's functions), so a share set not totalling 100.00 % is refused
with the same message everywhere, and nothing is half-written.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from api.conditional import if_match_version
from api.filters import row_filterset
from api.permissions import IsAuthenticatedApiUser, ReadOnlyOrAdmin
from api.rows import GenericRowViewSet, ParentRowViewSet, ResultsRowMixin
from api.viewsets import ApiViewSetMixin, PartnershipScopedViewSet
from costs import models as m
from costs import services
from costs.api import serializers as s
from costs.filtersets import ActualSpendingFilterSet, CostItemFilterSet, ExchangeRateFilterSet
from smp.fields import CURRENCY_CHOICES

SHARES_EXAMPLE = [
    {"payer": "employer", "organisation": 3, "percent": "60.00"},
    {"payer": "gov_destination", "organisation": 1, "percent": "40.00"},
]


@extend_schema_view(
    create=extend_schema(
        summary="Add a cost item, optionally with its shares",
        examples=[
            OpenApiExample(
                "Training paid by employer and destination government",
                value={
                    "partnership": 1,
                    "category": "training",
                    "subitem": "training_delivery",
                    "amount": "1200.00",
                    "currency": "EUR",
                    "basis": "per_trainee",
                    "shares": SHARES_EXAMPLE,
                },
                request_only=True,
            )
        ],
    ),
)
class CostItemViewSet(PartnershipScopedViewSet):
    """Budget lines of a partnership (G Table 3) and who pays them."""

    queryset = m.CostItem.objects.select_related("country").prefetch_related(
        Prefetch("shares", queryset=m.CostShare.objects.order_by("payer", "id"))
    )
    serializer_class = s.CostItemSerializer
    filterset_class = CostItemFilterSet
    ordering_fields = ("category", "amount", "id")
    ordering = ("partnership_id", "category", "subitem", "id")

    def service_create(self, *, partnership, data, expected_version):
        shares = data.pop("shares", None)
        item = services.cost_item_create(
            partnership=partnership, user=self.request.user, expected_version=expected_version, **data
        )
        if shares is not None:
            services.cost_share_set(item=item, shares=shares, user=self.request.user)
        return item

    def service_update(self, *, obj, data, expected_version):
        shares = data.pop("shares", None)
        if data:
            obj = services.cost_item_update(item=obj, user=self.request.user, expected_version=expected_version, **data)
            expected_version = None  # checked by the update, inside the same transaction
        if shares is not None:
            services.cost_share_set(item=obj, shares=shares, user=self.request.user, expected_version=expected_version)
        return obj

    def service_delete(self, *, obj, expected_version):
        services.cost_item_delete(item=obj, user=self.request.user, expected_version=expected_version)

    @extend_schema(
        summary="Replace the shares of a cost item (all at once, totalling 100.00 %; If-Match or version)",
        description=s.SHARE_RULES,
        request=s.CostSharesWriteSerializer,
        responses={200: s.CostShareSerializer(many=True)},
        examples=[OpenApiExample("Two payers", value={"shares": SHARES_EXAMPLE, "version": 4}, request_only=True)],
    )
    @action(detail=True, methods=["put"])
    def shares(self, request, pk=None):
        item = self.get_object()
        self.writable_partnership(item.partnership_id)
        header_version = if_match_version(request, item.partnership_id)  # 412 when stale
        serializer = s.CostSharesWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        expected = serializer.validated_data.get("version")
        rows = services.cost_share_set(
            item=item,
            shares=serializer.validated_data["shares"],
            user=request.user,
            expected_version=header_version if expected is None else expected,
        )
        body = s.CostShareSerializer(rows, many=True, context=self.get_serializer_context()).data
        return Response(body, headers=self.etag_headers(item))


@extend_schema_view(
    create=extend_schema(
        summary="Record what a payer spent on a cost item in a year (the item's actual amount follows)",
        examples=[
            OpenApiExample(
                "Employer's spending on training in 2026",
                value={
                    "item": 7,
                    "period": 3,
                    "year": 2026,
                    "payer": "employer",
                    "organisation": 5,
                    "amount": "8400.00",
                },
                request_only=True,
            )
        ],
    ),
)
class ActualSpendingViewSet(ResultsRowMixin, ParentRowViewSet):
    """Actual spending of a running partnership per cost item, year and payer, reported per reporting period
    (E8.R9). A new record names its cost ``item``, not the partnership; the item's ``actual_amount`` is kept
    equal to the sum of its records, and the cost summary takes its actuals by year and by payer from them.

    Written by the lead side while the partnership is being implemented or evaluated; at another stage a write
    is refused with 400 `not_running`.
    """

    queryset = m.ActualSpending.objects.select_related("item")
    serializer_class = s.ActualSpendingSerializer
    filterset_class = ActualSpendingFilterSet
    ordering_fields = ("year", "amount", "id")
    ordering = ("item_id", "period_id", "year", "payer", "id")
    partnership_path = "item__partnership"
    parent_field = "item"

    def service_create(self, *, partnership, data, expected_version):
        return services.actual_spending_write(
            spending=m.ActualSpending(),
            user=self.request.user,
            data=data,
            expected_version=expected_version,
            partnership=partnership,
        )

    def service_update(self, *, obj, data, expected_version):
        return services.actual_spending_write(
            spending=obj,
            user=self.request.user,
            data=data,
            expected_version=expected_version,
            partnership=self.partnership_id_of(obj),
        )

    def service_delete(self, *, obj, expected_version):
        services.actual_spending_delete(
            spending=obj,
            user=self.request.user,
            expected_version=expected_version,
            partnership=self.partnership_id_of(obj),
        )


@extend_schema_view(
    list=extend_schema(summary="Exchange rates (1 base = rate quote on as_of)"),
    create=extend_schema(summary="Record an exchange rate (admins)"),
)
class ExchangeRateViewSet(ApiViewSetMixin, viewsets.ModelViewSet):
    """Global reference rates used by cost summaries; a rate is used only in its stated direction.

    A partnership's own rates (entered in the wizard's costs step) are not listed here: they are that
    partnership's data, shown in its cost summary (``rates_used``, ``own: true``)."""

    permission_classes = [ReadOnlyOrAdmin]
    queryset = m.ExchangeRate.objects.filter(partnership__isnull=True)
    serializer_class = s.ExchangeRateSerializer
    filterset_class = ExchangeRateFilterSet
    ordering = ("base_currency", "quote_currency", "-as_of", "id")
    http_method_names = ["get", "post", "head", "options"]

    def perform_create(self, serializer):
        serializer.instance = services.exchange_rate_set(user=self.request.user, **serializer.validated_data)


class CostBenefitAnalysisViewSet(GenericRowViewSet):
    """Employers' return on investment and public value-for-money or wider economic studies (§8.3, E8.R7)."""

    queryset = m.CostBenefitAnalysis.objects.all()
    serializer_class = s.CostBenefitAnalysisSerializer
    filterset_class = row_filterset(m.CostBenefitAnalysis, ["kind", "outcome_unit"])
    ordering = ("partnership_id", "id")


@extend_schema_view(create=extend_schema(description="One plan per partnership: change the existing one instead."))
class SustainabilityPlanViewSet(GenericRowViewSet):
    """How the scheme continues and needs less subsidy over time; one per partnership (E1.R8, E8.R8)."""

    queryset = m.SustainabilityPlan.objects.all()
    serializer_class = s.SustainabilityPlanSerializer
    filterset_class = row_filterset(m.SustainabilityPlan)
    ordering = ("partnership_id", "id")

    def service_create(self, *, partnership, data, expected_version):
        # Model validation refuses a second plan too (under the partnership's lock); this says what to do instead.
        existing = m.SustainabilityPlan.objects.filter(partnership=partnership).values_list("pk", flat=True).first()
        if existing is not None:
            raise exceptions.ValidationError(
                {
                    "partnership": [
                        _("This partnership already has a sustainability plan (id %(id)s): change that one.")
                        % {"id": existing}
                    ]
                }
            )
        return super().service_create(partnership=partnership, data=data, expected_version=expected_version)


#: ISO 4217 code and English name, from the same list as every currency field (``smp.fields``).
CURRENCIES: tuple[dict[str, str], ...] = tuple(
    {"code": code, "name": label.split(" — ", 1)[-1]} for code, label in CURRENCY_CHOICES
)


@extend_schema_view(
    list=extend_schema(
        summary="ISO 4217 currencies (code and name); search by code or name",
        parameters=[
            OpenApiParameter(
                "search",
                str,
                description="Words in the code or name, e.g. eur or dollar; a code typed in full comes first.",
            ),
        ],
    )
)
class CurrencyViewSet(ApiViewSetMixin, viewsets.GenericViewSet):
    """The currency codes accepted wherever an amount has a currency (cost items, exchange rates, analyses)."""

    permission_classes = [IsAuthenticatedApiUser]
    serializer_class = s.CurrencySerializer
    filter_backends: list = []

    def list(self, request, *args, **kwargs):
        words = (request.query_params.get("search") or "").replace(",", " ").lower().split()
        rows = [
            row
            for row in CURRENCIES
            if all(word in row["code"].lower() or word in row["name"].lower() for word in words)
        ]
        # The currency whose code was typed comes first ("eur": the euro before the WIR euro), then code order.
        rows.sort(key=lambda row: row["code"].lower() not in words)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)
