"""Reads of partnerships.

``partnership_get_full`` loads one partnership with everything the five domain apps hold about it, in a
fixed number of queries whatever its size; the feasibility rules read only what it loaded
(docs/conventions.md, "Rules"). ``partnerships_get_full_batch`` does the same for many partnerships at
once — one query per relation for the whole batch, not per partnership.

Queries (50, the same for a partnership with 2 or 2,000 rows below it, and for a batch of 1 or 100):

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
 46  cost_benefit_analyses
 47  recruiters (+ organisation, licensing_authority, monitoring_body)
 48  recruitment_arrangements (+ monitoring_body)
 49  recruitment_arrangements → recruiters  50  → target_occupations

How the relations are attached. Django's ``prefetch_related`` builds a filtered QuerySet for every parent
row and relation, which costs more than loading the rows themselves. This loader runs the same one query
per relation, groups the rows in Python and stores each parent's rows as a :class:`Loaded` list in the
parent's ``_prefetched_objects_cache`` — where Django's related managers look first. So
``p.objectives.all()`` returns the loaded rows without a query, exactly as after ``prefetch_related``.
A ``Loaded`` relation supports ``all()``, ``count()``, ``exists()``, ``first()``, ``len()``, iteration
and indexing; anything else (``filter``, ``order_by``…) raises, because it would need a query — filter
the loaded list in Python instead.

Unlike ``prefetch_related``, a loaded row does not point back to its parent (``objective.partnership``
is not cached; reading it would query): work from the parent you hold. Without those back-links the
loaded graph has no reference cycles, so a batch is freed by reference counting the moment it is dropped
instead of waiting for — and paying for — a garbage collection that walks every row (asserted in
partnerships/tests/test_selectors.py). For the same reason the one-to-one rows select-related on the
partnership (``feasibility_study``, ``sustainability_plan``) do not point back either.

M2M relations to participations (governance members, review participants, data-sharing parties,
co-designers, certification validators) are loaded without their organisation: rules look the
participation up in ``partnership.participations`` by id, which carries it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from django.apps import apps
from django.db.models import F
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import (
    ForeignKeyDeferredAttribute,
    ManyToManyDescriptor,
    ReverseManyToOneDescriptor,
)
from django.db.models.query_utils import DeferredAttribute

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
    ("cost_benefit_analyses", ()),
    ("recruiters", ("organisation", "licensing_authority", "monitoring_body")),
    ("recruitment_arrangements", ("monitoring_body",)),
    ("recruitment_arrangements__recruiters", ()),
    ("recruitment_arrangements__target_occupations", ()),
)
ONE_TO_ONE = ("feasibility_study", "sustainability_plan")


#
# Building model instances without Model.__init__
#
# ``Model.from_db`` → ``Model.__init__`` walks every field with setattr and sends two signals per row; for
# the ≈ 250 instances of a partnership that is a third of the load. The loader builds each instance as
# ``from_db`` would leave it — field values in ``__dict__``, ``_state.adding`` False, ``_state.db`` set —
# in one dict update. Fields whose class attribute is a data descriptor of its own (django-countries'
# ``CountryField``) still go through ``setattr``, and a model that overrides ``__init__`` or ``from_db``
# is built the normal way. Tests compare both ways field by field (partnerships/tests/test_selectors.py).
#

_PLAIN_DESCRIPTORS = (DeferredAttribute, ForeignKeyDeferredAttribute)
_BUILDERS: dict[tuple, Callable] = {}


def _builder(model: type, db: str, attnames: tuple[str, ...]) -> Callable:
    """A function ``values → instance of model`` equivalent to ``model.from_db(db, attnames, values)``."""
    key = (model, db, attnames)
    build = _BUILDERS.get(key)
    if build is not None:
        return build
    from django.db.models import Model

    own_init = model.__init__ is not Model.__init__ or model.from_db.__func__ is not Model.from_db.__func__
    if own_init:

        def build(values, _model=model, _db=db, _names=attnames):
            return _model.from_db(_db, _names, values)
    else:
        setters = tuple(
            name
            for name in attnames
            if not isinstance(getattr(model, name, None), _PLAIN_DESCRIPTORS)
            and hasattr(type(getattr(model, name, None)), "__set__")
        )
        new = object.__new__

        def build(values, _model=model, _db=db, _names=attnames, _setters=setters):
            obj = new(_model)
            state = ModelState()
            state.adding = False
            state.db = _db
            data = obj.__dict__
            data["_state"] = state
            data.update(zip(_names, values, strict=True))
            for name in _setters:
                setattr(obj, name, data[name])
            return obj

    _BUILDERS[key] = build
    return build


def _instances(queryset) -> list:
    """Evaluate ``queryset`` (plain columns, optional one-level ``select_related``) into model instances,
    built with :func:`_builder`. Annotations are set as attributes, as Django does."""
    db = queryset.db
    compiler = queryset.query.get_compiler(using=db)
    results = compiler.execute_sql()
    select, klass_info, annotation_col_map = compiler.select, compiler.klass_info, compiler.annotation_col_map
    fields = klass_info["select_fields"]
    start, end = fields[0], fields[-1] + 1
    build = _builder(klass_info["model"], db, tuple(col[0].target.attname for col in select[start:end]))
    related = []
    for info in klass_info.get("related_klass_infos", []):
        if info.get("related_klass_infos") or info["from_parent"]:
            raise NotImplementedError("the loader select-relates one level of forward relations only")
        r_fields = info["select_fields"]
        r_start, r_end = r_fields[0], r_fields[-1] + 1
        names = tuple(col[0].target.attname for col in select[r_start:r_end])
        pk_index = names.index(info["model"]._meta.pk.attname)
        # No remote setter: a select-related row does not point back (no reference cycle, module docstring).
        related.append((r_start, r_end, pk_index, _builder(info["model"], db, names), info["local_setter"]))
    annotations = tuple(annotation_col_map.items()) if annotation_col_map else ()
    objects = []
    append = objects.append
    for row in compiler.results_iter(results):
        obj = build(row[start:end])
        for r_start, r_end, pk_index, r_build, local_setter in related:
            values = row[r_start:r_end]
            local_setter(obj, None if values[pk_index] is None else r_build(values))
        for name, position in annotations:
            obj.__dict__[name] = row[position]
        append(obj)
    return objects


class Loaded(list):
    """The rows of one relation loaded by ``partnership_get_full`` (see the module docstring)."""

    __slots__ = ()

    def all(self) -> Loaded:
        return self

    def count(self, *args) -> int:  # list.count(x) keeps working when given an argument
        return super().count(*args) if args else len(self)

    def exists(self) -> bool:
        return bool(self)

    def first(self):
        return self[0] if self else None

    def __getattr__(self, name: str):
        raise AttributeError(
            f"{name}() would query the database: this relation was loaded by partnership_get_full; "
            "work on the loaded rows (all(), count(), exists(), first(), iteration) instead"
        )


BOOKKEEPING = ("created_at", "updated_at")


def _without_bookkeeping(queryset, select: tuple[str, ...]):
    """``queryset`` without the rows' ``created_at``/``updated_at`` (nor those of the select-related rows).

    No rule reads when a row was written, and those two timestamp columns are a fifth of what the loader
    would otherwise convert. Reading one on a loaded row still works — as a deferred field, with a query.
    """
    names = [name for name in BOOKKEEPING if _has_field(queryset.model, name)]
    for relation in select:
        related_model = queryset.model._meta.get_field(relation).related_model
        names += [f"{relation}__{name}" for name in BOOKKEEPING if _has_field(related_model, name)]
    return queryset.defer(*names) if names else queryset


def _has_field(model, name: str) -> bool:
    return any(field.name == name for field in model._meta.concrete_fields)


def _attach(parents: list, path: str, select: tuple[str, ...]) -> list:
    """Load relation ``path`` (its last part) of ``parents`` in one query; attach and return the rows."""
    if not parents:
        return []
    name = path.rpartition("__")[2]
    descriptor = getattr(type(parents[0]), name)
    ids = {parent.pk for parent in parents}
    grouped: dict = defaultdict(Loaded)
    children: list = []
    if isinstance(descriptor, ManyToManyDescriptor):
        if descriptor.reverse:
            raise NotImplementedError(f"{path}: reverse many-to-many relations are not loaded")
        field = descriptor.field
        cache_name = field.name
        queryset = field.remote_field.model._default_manager.annotate(_loaded_for=F(field.related_query_name()))
        queryset = queryset.filter(_loaded_for__in=ids)
        if select:  # never select_related() without names: that follows every foreign key
            queryset = queryset.select_related(*select)
        queryset = _without_bookkeeping(queryset, select)
        for child in _instances(queryset):
            grouped[child.__dict__.pop("_loaded_for")].append(child)
            children.append(child)
    elif isinstance(descriptor, ReverseManyToOneDescriptor):
        fk = descriptor.rel.field
        cache_name = descriptor.rel.cache_name
        queryset = fk.model._default_manager.filter(**{f"{fk.attname}__in": ids})
        if select:
            queryset = queryset.select_related(*select)
        queryset = _without_bookkeeping(queryset, select)
        attname = fk.attname
        for child in _instances(queryset):
            parent_id = child.__dict__[attname]
            grouped[parent_id].append(child)
            children.append(child)
    else:
        raise NotImplementedError(f"{path}: only reverse foreign keys and forward many-to-many are loaded")
    for parent in parents:
        cache = parent.__dict__.setdefault("_prefetched_objects_cache", {})
        cache[cache_name] = grouped.get(parent.pk) or Loaded()
    return children


def _load(queryset) -> list:
    """Evaluate ``queryset`` of partnerships and attach every relation of ``FULL_RELATIONS``."""
    roots = _instances(queryset.select_related(*ONE_TO_ONE))
    by_path: dict[str, list] = {"": roots}
    for path, select in FULL_RELATIONS:
        parent_path = path.rpartition("__")[0]
        by_path[path] = _attach(by_path[parent_path], path, select)
    return roots


def partnership_get_full(*, partnership_id: int):
    """One partnership with everything the five domain apps own about it, in a fixed number of queries.

    Raises ``Partnership.DoesNotExist`` when there is no such partnership.
    """
    partnership = apps.get_model("partnerships", "Partnership")
    loaded = _load(partnership.objects.filter(pk=partnership_id))
    if not loaded:
        raise partnership.DoesNotExist(f"No partnership with id {partnership_id}.")
    return loaded[0]


def partnerships_get_full_batch(*, ids: Iterable[int]) -> list:
    """Many partnerships, fully loaded, in the order of ``ids`` (missing ids are skipped).

    The same queries as ``partnership_get_full`` for the whole batch: each relation is one query with
    ``IN (...)`` over the batch, so the cost per partnership falls as the batch grows.
    """
    ids = list(ids)
    partnership = apps.get_model("partnerships", "Partnership")
    loaded = {p.pk: p for p in _load(partnership.objects.filter(pk__in=ids))}
    return [loaded[pk] for pk in ids if pk in loaded]
