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
    """
    rows: dict[tuple, tuple] = {}
    edges: list[tuple] = []
    seen: set[int] = set()
    stack = [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        values = obj.__dict__
        label, names, pk_name = _info(type(obj))
        key = (label, values[pk_name])
        if key not in rows:
            rows[key] = tuple(map(values.get, names))
        for related in values["_state"].fields_cache.values():
            if related is not None and id(related) not in seen:  # loaded children point back to their parent
                stack.append(related)
        prefetched = values.get("_prefetched_objects_cache")
        if prefetched:
            for name, children in prefetched.items():
                if children:
                    child_pk = _info(type(children[0]))[2]
                    edges.append((label, key[1], name, tuple(sorted(child.__dict__[child_pk] for child in children))))
                    stack.extend(children)
                else:
                    edges.append((label, key[1], name, ()))
    return sorted(rows.items()), sorted(set(edges))


def data_fingerprint(p, *, ruleset_version: str) -> str:
    """SHA-256 (hex) of the canonical dump of ``p``'s loaded data and the ruleset version.

    The dump is the ``repr`` of sorted tuples of plain values (str, int, bool, None, Decimal, date, datetime,
    and the lists and dicts of JSON columns) — deterministic across processes and machines.
    """
    rows, edges = graph_dump(p)
    return hashlib.sha256(repr((ruleset_version, rows, edges)).encode("utf-8")).hexdigest()
