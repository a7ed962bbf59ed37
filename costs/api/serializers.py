"""Serializers of the costs API. Shares are passed to ``costs.services.cost_share_set`` as sent, so the API
enforces exactly the wizard's rules and messages (shares total 100.00 %, payer codes, organisations)."""

from __future__ import annotations

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.validators import UniqueTogetherValidator

from api.serializers import ApiModelSerializer, PartnershipRowSerializer, VersionField, lazy_related_help
from codelists import costs as c
from costs import models as m
from partnerships.models import ReportingPeriod
from stakeholders.models import Organisation

TIMESTAMPS = ("created_at", "updated_at")
MAX_SHARES = 50
SCALARS = (str, int, float, bool, type(None))


SHARE_RULES = (
    "Send the complete set: it replaces every share of the item, all or nothing. Percentages are above 0, at "
    "most 100, with at most two decimals, and total exactly 100.00 (an empty list is allowed while drafting). "
    "Each payer appears once per organisation. Payer `other` names its organisation; a `migrant` share names "
    "none, and migrants cannot pay a payment made to migrants (stipends, allowances). Instruments `own_funds`, "
    "`wage_deduction` and `loan` are for `migrant` shares only; every other instrument is for the other payers. "
    "Errors name the share by its position from 0: `shares.1.percent` is the second share's percent. A share's "
    "`id` is answered but never read: a body the API answered can be sent back as it is."
)


class CostShareSerializer(ApiModelSerializer):
    """One payer's share of a cost item (§8.1). The rules of a set of shares: see ``SHARE_RULES``."""

    class Meta:
        model = m.CostShare
        fields = ("id", "payer", "organisation", "percent", "instrument", "timing", "risk_mitigation", "committed")
        read_only_fields = ("id",)
        extra_kwargs = {
            "organisation": {"help_text": "Required for payer `other`; never for payer `migrant`."},
            "percent": {"help_text": "Above 0, at most 100, two decimals; the shares of an item total 100.00."},
            "instrument": {
                "help_text": "How the payer pays. `own_funds`, `wage_deduction`, `loan`: migrant shares only; "
                "the others: every payer but the migrant."
            },
        }


def _is_id(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, str):
        value = value.strip()
        return value == "" or (value.isdigit() and 0 < int(value) < 2**63)
    return isinstance(value, int) and 0 < value < 2**63


@extend_schema_field(CostShareSerializer(many=True))
class SharesField(serializers.Field):
    """Reads the item's shares; writes the complete new set, checked by ``cost_share_set`` (all or nothing)."""

    default_error_messages = {
        "not_a_list": _("Send the shares as a list of objects."),
        "too_many": _("At most %(max)s shares per cost item.") % {"max": MAX_SHARES},
        "row": _("Share %(row)s must be an object of plain values (payer, organisation, percent …)."),
        "organisation": _("Share %(row)s: give the organisation as its id (an integer)."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, item):
        return CostShareSerializer(item.shares.all(), many=True, context=self.context).data

    def to_internal_value(self, data):
        if not isinstance(data, list):
            self.fail("not_a_list")
        if len(data) > MAX_SHARES:
            self.fail("too_many")
        shares = []
        for number, row in enumerate(data, start=1):
            # Keyed by position from 0, so the error reads shares.1 / shares.1.organisation like DRF's own.
            if not isinstance(row, dict) or not all(isinstance(v, SCALARS) for v in row.values()):
                raise serializers.ValidationError({str(number - 1): [self.error_messages["row"] % {"row": number}]})
            for key in ("organisation", "organisation_id"):
                value = row.get(key)
                if value is not None and not _is_id(value):
                    message = self.error_messages["organisation"] % {"row": number}
                    raise serializers.ValidationError({str(number - 1): {key: [message]}})
            # A share's id is answered but never read: the set replaces every share.
            shares.append({key: value for key, value in row.items() if key != "id"})
        return shares


class CostItemSerializer(PartnershipRowSerializer):
    shares = SharesField(help_text=f"Who pays. {SHARE_RULES}")
    essential = serializers.BooleanField(read_only=True)

    class Meta:
        model = m.CostItem
        fields = "__all__"
        read_only_fields = TIMESTAMPS
        extra_kwargs = {
            "basis": {"required": False, "help_text": "Default: the sub-item's typical basis (§8.1)."},
            "subitem": {
                "help_text": format_lazy(
                    "The line of the cost table; it must belong to the category. Recruitment-related sub-items "
                    "hold the ILO's recruitment fees and related costs, and a `migrant` share on any of them breaks "
                    "the employer-pays principle (E8.R4, R.3). Where each ILO item belongs:\n{}",
                    c.ilo_fee_items_text(),
                )
            },
        }


class CostSharesWriteSerializer(serializers.Serializer):
    """Replace every share of a cost item at once."""

    shares = SharesField(required=True, help_text=SHARE_RULES)
    version = VersionField()


class ActualSpendingSerializer(ApiModelSerializer):
    """What one payer spent on a cost item in one year, reported for one reporting period (E8.R9).

    ``item`` places the record, and through it the partnership; the amount is in the item's ``currency``. The
    item's ``actual_amount`` is the sum of its records.
    """

    partnership = serializers.IntegerField(
        source="item.partnership_id", read_only=True, help_text="Id of the partnership of the cost item."
    )
    currency = serializers.CharField(
        source="item.currency", read_only=True, help_text="The cost item's currency, which the amount is in."
    )
    payer_label = serializers.CharField(source="get_payer_display", read_only=True, help_text="The payer in words.")
    version = VersionField()

    class Meta:
        model = m.ActualSpending
        fields = (
            "id",
            "partnership",
            "item",
            "period",
            "year",
            "payer",
            "payer_label",
            "organisation",
            "amount",
            "currency",
            "note",
            "created_at",
            "updated_at",
            "version",
        )
        read_only_fields = TIMESTAMPS
        # The uniqueness of (item, period, year, payer, organisation) is checked by the service, under the
        # partnership's lock and with the model's message; DRF's own validators would make every one of these
        # fields required, ``organisation`` included.
        validators: list = []
        extra_kwargs = {
            "period": {"help_text": lazy_related_help(ReportingPeriod, "The period the spending is reported for.")},
            "year": {"help_text": "The calendar year the money was spent in (1990–2100)."},
            "organisation": {"help_text": lazy_related_help(Organisation, "The payer's; required for payer `other`.")},
            "amount": {"help_text": "Spent, in the cost item's currency; not negative."},
        }


class ExchangeRateSerializer(ApiModelSerializer):
    """A shared reference rate (the endpoint neither lists nor writes a partnership's own rates)."""

    class Meta:
        model = m.ExchangeRate
        fields = ("id", "base_currency", "quote_currency", "rate", "as_of", "source")
        read_only_fields = ("id",)
        # One reference rate per pair and day, as before partnerships had rates of their own: the model's
        # constraint is now conditional on ``partnership`` (not a field here), so DRF no longer derives it.
        validators = [
            UniqueTogetherValidator(
                queryset=m.ExchangeRate.objects.filter(partnership__isnull=True),
                fields=("base_currency", "quote_currency", "as_of"),
                message=_("There is already a rate for these two currencies on this date."),
            )
        ]


class CostBenefitAnalysisSerializer(PartnershipRowSerializer):
    class Meta:
        model = m.CostBenefitAnalysis
        fields = "__all__"
        read_only_fields = TIMESTAMPS


class SustainabilityPlanSerializer(PartnershipRowSerializer):
    class Meta:
        model = m.SustainabilityPlan
        fields = "__all__"
        read_only_fields = TIMESTAMPS
        extra_kwargs = {"mechanisms_tested": {"help_text": "Each one also among `mechanisms`."}}


class CurrencySerializer(serializers.Serializer):
    """An ISO 4217 currency: its code and English name."""

    code = serializers.CharField(read_only=True, help_text="ISO 4217 alphabetic code, e.g. EUR.")
    name = serializers.CharField(read_only=True, help_text="English name, e.g. Euro.")
