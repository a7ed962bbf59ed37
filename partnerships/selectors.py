"""Reads of partnerships.

``partnership_get_full`` loads one partnership with everything the five domain apps hold about it, in a
fixed number of queries whatever its size (the pages and documents read it). A feasibility check loads the
same rows with ``partnership_get_for_check`` / ``partnerships_get_for_check`` (many partnerships at once, one
query per relation for the whole batch), which keep each relation as a plain list; the rules, the data
fingerprint and the cost calculations read relations of either with ``loaded`` (docs/conventions.md,
"Rules"). ``reporting_periods_overdue`` lists the reporting periods that ended without values (one query; the
reminder job and the dashboard read it).

Queries (51, the same for a partnership with 2 or 2,000 rows below it, and for a batch of 1 or 100):

  1  partnership + feasibility_study + sustainability_plan (select_related, one-to-one)
  2  sectors                     3  countries
  4  objectives                  5  objectives → sdg_targets         6  objectives → gcm_objectives
  7  objective_tensions          8  indicators                       9  indicators → values
 10  linked_initiatives (+ funder)
 11  business_linkages (+ origin_org, destination_org)
 12  pathways                   13  pathways → steps                14  pathways → occupations
 15  pathways → origin_countries
 16  continuum_provisions       17  social_protection_covers        18  grievance_channels (+ operator)
 19  participations (+ organisation)
 20  governance_bodies          21  governance_bodies → members
 22  capacity_activities        23  partner_gaps
 24  target_occupations (+ occupation)
 25  target_occupations → profiles      26  → destinations          27  → certification_validated_by
 28  training_programmes (+ provider, accreditation_body)
 29  training_programmes → occupations  30  → codesigned_by         31  → certificate_recognised_in
 32  recognition_arrangements (+ competent_authority)
 33  recognition_arrangements → occupations  34  → countries        35  → responsible_orgs
 36  labour_market_evidence (+ producer)     37  → occupations
 38  data_needs                 39  evidence_reviews                40  evidence_reviews → participants
 41  data_sharing_arrangements  42  data_sharing_arrangements → parties
 43  skills_documentation_tools
 44  cost_items (+ country)     45  cost_items → shares (+ organisation)
 46  cost_items → spending      47  cost_benefit_analyses
 48  recruiters (+ organisation, licensing_authority, monitoring_body)
 49  recruitment_arrangements (+ monitoring_body)
 50  recruitment_arrangements → recruiters  51  → target_occupations

How the relations are loaded: Django's documented ``prefetch_related`` machinery — one ``Prefetch`` per
relation (:func:`full_prefetches`, built from ``FULL_RELATIONS``) whose queryset select-relates what rules
read through a foreign key and defers the rows' ``created_at``/``updated_at`` (no rule reads when a row was
written; reading one on a loaded row still works, with a query, like any deferred field). The batch loader
hands the same lookups to ``prefetch_related_objects``. So ``p.objectives.all()`` returns the loaded rows
without a query; anything that builds a new queryset (``filter()``, ``order_by()``, ``.all().all()``) would
query — rules filter the loaded rows in Python instead (the rule tests assert that evaluating issues no
query).

As with any ``prefetch_related``, a row loaded through a reverse foreign key points back to its parent
(``objective.partnership`` is the partnership you hold), and rows reached through a many-to-many relation
do not. M2M relations to participations (governance members, review participants, data-sharing parties,
co-designers, certification validators) are loaded without their organisation: rules look the
participation up in ``partnership.participations`` by id, which carries it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.apps import apps
from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, QuerySet, prefetch_related_objects
from django.utils import timezone

from codelists.partnerships import Stage

# (relation path, select_related inside it). Order = query order in the module docstring; a path's
# parent path always comes before it.
FULL_RELATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("sectors", ()),
    ("countries", ()),
    ("objectives", ()),
    ("objectives__sdg_targets", ()),
    ("objectives__gcm_objectives", ()),
    ("objective_tensions", ()),
    ("indicators", ()),
    ("indicators__values", ()),
    ("linked_initiatives", ("funder",)),
    ("business_linkages", ("origin_org", "destination_org")),
    ("pathways", ()),
    ("pathways__steps", ()),
    ("pathways__occupations", ()),
    ("pathways__origin_countries", ()),
    ("continuum_provisions", ()),
    ("social_protection_covers", ()),
    ("grievance_channels", ("operator",)),
    ("participations", ("organisation",)),
    ("governance_bodies", ()),
    ("governance_bodies__members", ()),
    ("capacity_activities", ()),
    ("partner_gaps", ()),
    ("target_occupations", ("occupation",)),
    ("target_occupations__profiles", ("regulator",)),
    ("target_occupations__destinations", ()),
    ("target_occupations__certification_validated_by", ()),
    ("training_programmes", ("provider", "accreditation_body")),
    ("training_programmes__occupations", ()),
    ("training_programmes__codesigned_by", ()),
    ("training_programmes__certificate_recognised_in", ()),
    ("recognition_arrangements", ("competent_authority",)),
    ("recognition_arrangements__occupations", ()),
    ("recognition_arrangements__countries", ()),
    ("recognition_arrangements__responsible_orgs", ()),
    ("labour_market_evidence", ("producer",)),
    ("labour_market_evidence__occupations", ()),
    ("data_needs", ()),
    ("evidence_reviews", ()),
    ("evidence_reviews__participants", ()),
    ("data_sharing_arrangements", ()),
    ("data_sharing_arrangements__parties", ()),
    ("skills_documentation_tools", ()),
    ("cost_items", ("country",)),
    ("cost_items__shares", ("organisation",)),
    ("cost_items__spending", ()),
    ("cost_benefit_analyses", ()),
    ("recruiters", ("organisation", "licensing_authority", "monitoring_body")),
    ("recruitment_arrangements", ("monitoring_body",)),
    ("recruitment_arrangements__recruiters", ()),
    ("recruitment_arrangements__target_occupations", ()),
)
ONE_TO_ONE = ("feasibility_study", "sustainability_plan")

BOOKKEEPING = ("created_at", "updated_at")


def _model_at(path: str):
    """The model a relation path of ``FULL_RELATIONS`` leads to, starting from ``Partnership``."""
    model = apps.get_model("partnerships", "Partnership")
    for name in path.split("__"):
        model = model._meta.get_field(name).related_model
    return model


def _has_field(model, name: str) -> bool:
    return any(field.name == name for field in model._meta.concrete_fields)


def _relation_queryset(model, select: tuple[str, ...]):
    """Rows of ``model`` with the foreign keys ``select`` joined in and every ``created_at``/``updated_at``
    deferred (theirs and those of the joined rows)."""
    queryset = model._default_manager.all()
    if select:  # never select_related() without names: that follows every foreign key
        queryset = queryset.select_related(*select)
    deferred = [name for name in BOOKKEEPING if _has_field(model, name)]
    for relation in select:
        related_model = model._meta.get_field(relation).related_model
        deferred += [f"{relation}__{name}" for name in BOOKKEEPING if _has_field(related_model, name)]
    return queryset.defer(*deferred) if deferred else queryset


def full_prefetches() -> list[Prefetch]:
    """One ``Prefetch`` per relation of ``FULL_RELATIONS``, in order (fresh querysets on every call)."""
    return [Prefetch(path, queryset=_relation_queryset(_model_at(path), select)) for path, select in FULL_RELATIONS]


#: A check's loader keeps each relation's rows as a plain list in ``LOADED_PREFIX + relation``
#: (``p.loaded_objectives``): ``Prefetch(..., to_attr=...)``.
LOADED_PREFIX = "loaded_"


def check_prefetches() -> list[Prefetch]:
    """``FULL_RELATIONS`` as ``Prefetch(..., to_attr=...)``: each relation's rows become a plain list
    (``objective.loaded_sdg_targets``) instead of a related manager's cache. Django then sets one list per
    parent row and builds no manager or filtered queryset per row, and reading the rows creates no manager
    either — about a third of the cost of loading and reading a batch (docs/feasibility.md "Performance")."""
    prefetches = []
    for path, select in FULL_RELATIONS:
        names = path.split("__")
        lookup = "__".join([LOADED_PREFIX + name for name in names[:-1]] + names[-1:])
        prefetches.append(
            Prefetch(lookup, queryset=_relation_queryset(_model_at(path), select), to_attr=LOADED_PREFIX + names[-1])
        )
    return prefetches


def loaded(obj, relation: str):
    """The loaded rows of ``obj``'s relation ``relation``, without a query: the list a check's loader kept
    (``partnerships_get_for_check``) or, on a graph loaded by ``partnership_get_full``, the prefetched rows
    (``obj.<relation>.all()``). Rules, the data fingerprint and the cost calculations read relations through
    it, so they work on either."""
    rows = getattr(obj, LOADED_PREFIX + relation, None)
    return getattr(obj, relation).all() if rows is None else rows


def partnership_get_full(*, partnership_id: int):
    """One partnership with everything the five domain apps own about it, in a fixed number of queries.

    Raises ``Partnership.DoesNotExist`` when there is no such partnership.
    """
    partnership = apps.get_model("partnerships", "Partnership")
    loaded = list(
        partnership.objects.filter(pk=partnership_id).select_related(*ONE_TO_ONE).prefetch_related(*full_prefetches())
    )
    if not loaded:
        raise partnership.DoesNotExist(f"No partnership with id {partnership_id}.")
    return loaded[0]


def partnerships_get_for_check(*, ids: Iterable[int]) -> list:
    """Many partnerships loaded as a feasibility check reads them, in the order of ``ids`` (missing ids are
    skipped): the same rows and queries as ``partnership_get_full``, each relation a plain list
    (:func:`check_prefetches`; read it with :func:`loaded`).

    Each relation is one query with ``IN (...)`` over the batch (``prefetch_related_objects``), so the cost
    per partnership falls as the batch grows. A single check, the nightly batches and the data fingerprint
    of the review workflow all load through here.
    """
    ids = list(ids)
    partnership = apps.get_model("partnerships", "Partnership")
    rows = {p.pk: p for p in partnership.objects.filter(pk__in=ids).select_related(*ONE_TO_ONE)}
    ordered = [rows[pk] for pk in ids if pk in rows]
    prefetch_related_objects(ordered, *check_prefetches())
    return ordered


def partnership_get_for_check(*, partnership_id: int):
    """One partnership loaded as a check reads it (:func:`partnerships_get_for_check`).

    Raises ``Partnership.DoesNotExist`` when there is no such partnership.
    """
    found = partnerships_get_for_check(ids=[partnership_id])
    if not found:
        partnership = apps.get_model("partnerships", "Partnership")
        raise partnership.DoesNotExist(f"No partnership with id {partnership_id}.")
    return found[0]


#
# Monitoring: reporting periods that ended without values
#

#: The stages in which the lead side reports on a running partnership (a closed one reports no more).
REPORTING_STAGES: tuple[str, ...] = (Stage.IMPLEMENTATION, Stage.EVALUATION)


def reporting_grace_days() -> int:
    """Days after a period's last day before it is overdue (``settings.MONITORING_REPORT_GRACE_DAYS``, default 0)."""
    return max(0, int(getattr(settings, "MONITORING_REPORT_GRACE_DAYS", 0) or 0))


def reporting_period_due_on(*, ends_on: date) -> date:
    """The last day on which a period's report is on time: its last day plus the grace days."""
    return ends_on + timedelta(days=reporting_grace_days())


def reporting_periods_overdue(*, today: date | None = None, partnerships: QuerySet | None = None) -> QuerySet:
    """Reporting periods whose report is overdue on ``today`` (default: today in the current time zone).

    Overdue: the period's due day (:func:`reporting_period_due_on`) is before ``today``, its partnership is
    in a reporting stage (:data:`REPORTING_STAGES`), and nothing was recorded for it — no indicator value and
    no actual spending row names the period. Recording either one takes the period off the list.

    ``partnerships`` (a queryset, e.g. ``Partnership.objects.for_user(user)``) restricts the periods to those
    partnerships. One query, with the partnership joined; the two "nothing recorded" conditions are
    ``NOT EXISTS`` subqueries on the periods' foreign keys. Ordered oldest due first.
    """
    reporting_period = apps.get_model("partnerships", "ReportingPeriod")
    indicator_value = apps.get_model("partnerships", "IndicatorValue")
    actual_spending = apps.get_model("costs", "ActualSpending")
    today = today or timezone.localdate()
    last_end = today - timedelta(days=reporting_grace_days() + 1)
    periods = reporting_period.objects.filter(
        ends_on__lte=last_end,
        partnership__stage__in=REPORTING_STAGES,
    ).filter(
        ~Exists(indicator_value.objects.filter(period=OuterRef("pk"))),
        ~Exists(actual_spending.objects.filter(period=OuterRef("pk"))),
    )
    if partnerships is not None:
        periods = periods.filter(partnership__in=partnerships.order_by().values("pk"))
    return periods.select_related("partnership").order_by("ends_on", "partnership_id", "pk")
