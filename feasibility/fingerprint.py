"""Data fingerprint of a loaded partnership: SHA-256 over a canonical JSON dump of what the rules can see.

The dump walks the object graph that ``partnership_get_full`` loaded — every row's concrete field values,
every prefetched relation and select-related object — plus the ruleset version. Two loads of unchanged
data give the same fingerprint; any change a rule could notice gives another. Workflow bookkeeping that
no rule reads (timestamps, ``version``, review status and assignment) is left out, so starting a review
does not make the approved run stale (§5.2 ``approve`` guard: "latest run succeeded on the current data
fingerprint").
"""

from __future__ import annotations

import hashlib
from operator import itemgetter

import orjson

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

    Rows are the raw field values (``__dict__``, so no descriptor or query runs); foreign keys appear as
    their ``*_id`` value and select-related objects are walked into; prefetched relations become edges.
    The walk goes a list of rows of one model at a time (a loaded relation), so per-model work is done
    once per list, not once per row. An object met twice (a back-link) is walked once; two objects of one
    row (a target occupation loaded as such and again through a recruitment arrangement) both have their
    relations walked, and the row is dumped once.
    """
    rows: dict[tuple, tuple] = {}
    edges: list[tuple] = []
    seen: set[int] = set()
    pending = [[root]]
    while pending:
        group = pending.pop()
        model = type(group[0])
        label, names, pk_name = _info(model)
        values_of = _values_getter(names)
        related: dict[str, list] = {}
        children: dict[str, list] = {}
        for obj in group:
            if id(obj) in seen:
                continue
            seen.add(id(obj))
            values = obj.__dict__
            key = (label, values[pk_name])
            if key not in rows:
                rows[key] = values_of(values)
            for name, other in values["_state"].fields_cache.items():
                if other is not None:
                    related.setdefault(name, []).append(other)
            prefetched = values.get("_prefetched_objects_cache")
            if prefetched:
                for name, loaded in prefetched.items():
                    if loaded:
                        child_pk = _info(type(loaded[0]))[2]
                        edges.append((label, key[1], name, tuple(sorted([c.__dict__[child_pk] for c in loaded]))))
                        children.setdefault(name, []).extend(loaded)
                    else:
                        edges.append((label, key[1], name, ()))
        pending.extend(related.values())
        pending.extend(children.values())
    return sorted(rows.items()), sorted(set(edges))


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
