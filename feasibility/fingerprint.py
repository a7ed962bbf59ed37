"""Data fingerprint of a loaded partnership: SHA-256 over a canonical JSON dump of what the rules can see.

The dump walks what ``partnership_get_full`` loaded, relation by relation as its plan lists them — every
row's concrete field values, every relation's row ids and every select-related row — plus the ruleset
version. Two loads of unchanged data give the same fingerprint; any change a rule could notice gives
another. Workflow bookkeeping that no rule reads (timestamps, ``version``, review status and assignment)
is left out, so starting a review does not make the approved run stale (§5.2 ``approve`` guard: "latest
run succeeded on the current data fingerprint").
"""

from __future__ import annotations

import hashlib
from operator import itemgetter

import orjson
from django.core.exceptions import ObjectDoesNotExist

EXCLUDED_FIELDS = frozenset(
    {
        "created_at",
        "updated_at",
        "version",
        "review_status",
        "review_round",
        "assigned_reviewer_id",
        "approved_by_id",
        "approved_version",
        "approved_stage",
        "approved_at",
    }
)

_MODEL_INFO: dict[type, tuple[str, tuple[str, ...], str]] = {}


def _info(model: type) -> tuple[str, tuple[str, ...], str]:
    """(label, attnames of the concrete fields kept, pk attname) of a model, computed once."""
    info = _MODEL_INFO.get(model)
    if info is None:
        meta = model._meta
        names = tuple(f.attname for f in meta.concrete_fields if f.attname not in EXCLUDED_FIELDS)
        info = _MODEL_INFO[model] = (meta.label_lower, names, meta.pk.attname)
    return info


def graph_dump(root) -> tuple[list, list]:
    """``(rows, edges)``, sorted: rows ``((label, pk), values)`` and edges ``(label, pk, relation, pks)``.

    Walks what ``partnership_get_full`` loads, in the order of its plan (``ONE_TO_ONE`` and
    ``FULL_RELATIONS``): the partnership, its one-to-one rows, every row of every relation (read with
    ``partnerships.selectors.loaded``: the check loader's lists or the prefetched rows) and the foreign keys the loader
    select-relates. Rows are the raw field values (``__dict__``, so no descriptor runs); foreign keys appear
    as their ``*_id`` value. A row met twice (a target occupation loaded as such and again through a
    recruitment arrangement) is dumped once; each relation of each parent is one edge, empty ones included.
    """
    from partnerships.selectors import FULL_RELATIONS, ONE_TO_ONE, loaded

    rows: dict[tuple, tuple] = {}
    edges: set[tuple] = set()

    def dump(obj) -> None:
        label, names, _pk_name = _info(type(obj))
        key = (label, obj.pk)
        if key not in rows:
            rows[key] = _values_getter(names)(obj.__dict__)

    dump(root)
    for name in ONE_TO_ONE:
        one = _one_to_one(root, name)
        if one is not None:
            dump(one)
    by_path: dict[str, list] = {"": [root]}
    for path, select in FULL_RELATIONS:
        parent_path, _, name = path.rpartition("__")
        children: list = []
        for parent in by_path[parent_path]:
            found = list(loaded(parent, name))
            edges.add((_info(type(parent))[0], parent.pk, name, tuple(sorted(child.pk for child in found))))
            for child in found:
                dump(child)
                for relation in select:
                    other = getattr(child, relation)
                    if other is not None:
                        dump(other)
            children.extend(found)
        by_path[path] = children
    return sorted(rows.items()), sorted(edges)


def _one_to_one(obj, name: str):
    """A reverse one-to-one row of ``obj`` (select-related by the loader), ``None`` when there is none."""
    try:
        return getattr(obj, name)
    except ObjectDoesNotExist:  # RelatedObjectDoesNotExist is a subclass of it
        return None


_GETTERS: dict[tuple[str, ...], object] = {}


def _values_getter(names: tuple[str, ...]):
    """``__dict__ → tuple of the values of names`` (``None`` for a name not loaded)."""
    getter = _GETTERS.get(names)
    if getter is None:
        pick = itemgetter(*names) if len(names) > 1 else (lambda d, _n=names[0]: (d[_n],))

        def getter(values, _pick=pick, _names=names):
            try:
                return _pick(values)
            except KeyError:  # a deferred field: absent, as in the original walk
                return tuple(map(values.get, _names))

        _GETTERS[names] = getter
    return getter


def data_fingerprint(p, *, ruleset_version: str) -> str:
    """SHA-256 (hex) of the canonical dump of ``p``'s loaded data and the ruleset version.

    The dump is the JSON (orjson, a third of the cost of ``repr``) of sorted tuples of plain values: str, int,
    float, bool and None as themselves, dates and datetimes in ISO 8601, decimals as their text (so
    ``1000.00`` and ``1000.0`` differ, as the stored values do), and the lists and dicts of JSON columns —
    deterministic across processes and machines.
    """
    rows, edges = graph_dump(p)
    return hashlib.sha256(orjson.dumps((ruleset_version, rows, edges), default=str)).hexdigest()
