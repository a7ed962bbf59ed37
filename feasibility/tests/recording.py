"""Record what a rule reads: the model fields behind every attribute it touches (feasibility/tests/test_inputs.py).

A rule is evaluated on :class:`RecordingRow` stand-ins instead of the loaded model instances. A stand-in
delegates to its instance and notes ``"app.Model.field"`` whenever the rule reads a field or follows a
relation of that model (names from the public ``Model._meta.get_fields()``). Rows reached through a relation,
a manager or a queryset come back as stand-ins too, and a model's own properties and methods run with the
stand-in as ``self``, so what they read is noted as well (``Partnership.duration_months`` reads the dates).

:class:`RecordingContext` does the same for the ``RuleContext``: ``today`` is noted as ``"today"``, the stage
as ``partnerships.Partnership.stage`` (the context copies it from the partnership), the WHO Safeguards List as
the fields of ``recruitment.WhoSslEntry`` it was built from, and the exchange rates are stand-ins.

Conventions (the registry's, feasibility/registry.py): a foreign key's ``<name>_id`` counts as the relation
``<name>``; the primary key is how a row is told apart, not an input, so it is not noted; ``str(row)`` is how a
message names a row and is not noted either.
"""

from __future__ import annotations

import inspect
import types
from functools import cached_property

from django.db import models

from feasibility.context import RuleContext
from partnerships.selectors import LOADED_PREFIX


class Recorder:
    """The set of ``"app.Model.field"`` names (and ``"today"``) read while it listened."""

    def __init__(self) -> None:
        self.reads: set[str] = set()

    def note(self, name: str) -> None:
        self.reads.add(name)


def _attribute_map(model) -> dict[str, str]:
    """Attribute name on an instance → the field name ``_meta.get_field`` knows (``sector_id`` → ``sector``)."""
    names: dict[str, str] = {}
    for f in model._meta.get_fields():
        if f.auto_created and not f.is_relation:
            continue  # the automatic primary key
        if getattr(f, "primary_key", False):
            continue  # the primary key identifies a row; it is not an input
        if isinstance(f, models.ForeignObjectRel):
            names[f.get_accessor_name()] = f.name
            names[LOADED_PREFIX + f.get_accessor_name()] = f.name  # the check loader's list of the rows
        else:
            if f.many_to_many:
                names[LOADED_PREFIX + f.name] = f.name
            names[f.name] = f.name
            attname = getattr(f, "attname", None)
            if attname:
                names[attname] = f.name
    return names


_MAPS: dict[type, dict[str, str]] = {}


def attribute_map(model) -> dict[str, str]:
    if model not in _MAPS:
        _MAPS[model] = _attribute_map(model)
    return _MAPS[model]


def unwrap(value):
    return value._recorded if isinstance(value, (RecordingRow, RecordingRows)) else value


def wrap(value, recorder: Recorder):
    """A stand-in for a model instance, a manager or a queryset; anything else is returned as it is."""
    if isinstance(value, (RecordingRow, RecordingRows)):
        return value
    if isinstance(value, models.Model):
        return RecordingRow(value, recorder)
    if isinstance(value, (models.Manager, models.QuerySet)):
        return RecordingRows(value, recorder)
    if isinstance(value, list):
        return [wrap(item, recorder) for item in value]
    if isinstance(value, tuple):
        return tuple(wrap(item, recorder) for item in value)
    return value


class RecordingRow:
    """A model instance that notes the fields read through it."""

    __slots__ = ("_recorded", "_recorder")

    def __init__(self, instance: models.Model, recorder: Recorder) -> None:
        object.__setattr__(self, "_recorded", instance)
        object.__setattr__(self, "_recorder", recorder)

    @property
    def __class__(self):  # isinstance(stand_in, Model) holds, as for the instance
        return type(self._recorded)

    def __getattr__(self, name: str):
        instance = self._recorded
        model = type(instance)
        field_name = attribute_map(model).get(name)
        if field_name is not None:
            self._recorder.note(f"{model._meta.label}.{field_name}")
            return wrap(getattr(instance, name), self._recorder)
        # A property or method of the model runs on the stand-in, so the fields it reads are noted too.
        static = inspect.getattr_static(model, name, None)
        if isinstance(static, property) and static.fget is not None:
            return wrap(static.fget(self), self._recorder)
        if isinstance(static, cached_property):
            return wrap(static.func(self), self._recorder)
        if isinstance(static, types.FunctionType):
            return types.MethodType(static, self)
        return wrap(getattr(instance, name), self._recorder)

    def __setattr__(self, name, value):
        setattr(self._recorded, name, value)

    def __eq__(self, other):
        return self._recorded == unwrap(other)

    def __hash__(self):
        return hash(self._recorded)

    def __str__(self):
        return str(self._recorded)

    def __repr__(self):
        return repr(self._recorded)


class RecordingRows:
    """A manager or queryset whose rows come back as stand-ins."""

    __slots__ = ("_recorded", "_recorder")

    def __init__(self, rows, recorder: Recorder) -> None:
        self._recorded = rows
        self._recorder = recorder

    def __getattr__(self, name: str):
        value = getattr(self._recorded, name)
        if callable(value):

            def call(*args, **kwargs):
                return wrap(value(*args, **kwargs), self._recorder)

            return call
        return wrap(value, self._recorder)

    def __iter__(self):
        return (wrap(row, self._recorder) for row in self._recorded)

    def __len__(self):
        return len(self._recorded)

    def __bool__(self):
        return bool(self._recorded)

    def __getitem__(self, key):
        return wrap(self._recorded[key], self._recorder)


class RecordingSet(frozenset):
    """A frozenset (the WHO Safeguards List codes) that notes one input whenever it is looked at."""

    def __new__(cls, items, recorder: Recorder, name: str):
        made = super().__new__(cls, items)
        made._recorder, made._name = recorder, name
        return made

    def _note(self):
        self._recorder.note(self._name)

    def __contains__(self, item):
        self._note()
        return super().__contains__(item)

    def __iter__(self):
        self._note()
        return super().__iter__()

    def __len__(self):
        self._note()
        return super().__len__()

    def __and__(self, other):
        self._note()
        return frozenset(self) & other

    def __rand__(self, other):
        self._note()
        return other & frozenset(self)


# RuleContext attributes that stand for a model field (the context copies them when it is built).
CONTEXT_INPUTS = {
    "today": "today",
    "stage": "partnerships.Partnership.stage",
    "stage_reached": "partnerships.Partnership.stage",
    "before_agreement": "partnerships.Partnership.stage",
    "who_ssl_edition": "recruitment.WhoSslEntry.edition",
}


class RecordingContext:
    """A ``RuleContext`` that notes the date, the stage and the reference rows a rule reads."""

    __slots__ = ("_context", "_recorder")

    def __init__(self, context: RuleContext, recorder: Recorder) -> None:
        self._context = context
        self._recorder = recorder

    def __getattr__(self, name: str):
        if name in CONTEXT_INPUTS:
            self._recorder.note(CONTEXT_INPUTS[name])
        return getattr(self._context, name)


def recording_context(context: RuleContext, recorder: Recorder) -> RecordingContext:
    """A fresh context (no helper computed yet) over stand-ins for the partnership and the reference rows."""
    fresh = RuleContext(
        today=context.today,
        stage=context.stage,
        cfg=context.cfg,
        exchange_rates=tuple(wrap(rate, recorder) for rate in context.exchange_rates),
        who_ssl=RecordingSet(context.who_ssl, recorder, "recruitment.WhoSslEntry.country"),
        who_ssl_edition=context.who_ssl_edition,
        partnership=wrap(context.partnership, recorder),
    )
    return RecordingContext(fresh, recorder)


def evaluate_recording(func, p, context: RuleContext):
    """Evaluate one rule function on stand-ins for ``p`` and ``context``: its outcome and the inputs it read."""
    recorder = Recorder()
    ctx = recording_context(context, recorder)
    outcome = func(ctx.partnership, ctx)
    return outcome, recorder.reads
