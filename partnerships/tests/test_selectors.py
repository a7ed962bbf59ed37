"""The full loader (partnerships/selectors.py): what it builds equals what Django builds, without cycles."""

from __future__ import annotations

import gc

import pytest
from django.db.models import DEFERRED

from feasibility.tests.support import populate
from partnerships.selectors import (
    BOOKKEEPING,
    FULL_RELATIONS,
    ONE_TO_ONE,
    Loaded,
    partnership_get_full,
    partnerships_get_full_batch,
)
from partnerships.tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db


def _walk(root):
    """Every (relation path, row) the loader attached under ``root``, by following FULL_RELATIONS."""
    rows = {"": [root]}
    for path, select in FULL_RELATIONS:
        parent_path, _, name = path.rpartition("__")
        children = []
        for parent in rows[parent_path]:
            loaded = parent._prefetched_objects_cache[name]
            assert isinstance(loaded, Loaded)
            children.extend(loaded)
        rows[path] = children
        for child in children:
            for relation in select:
                yield f"{path}__{relation}", child._state.fields_cache[relation]
        yield from ((path, child) for child in children)
    for name in ONE_TO_ONE:
        yield name, root._state.fields_cache[name]


def test_loaded_rows_hold_the_same_values_as_rows_django_loads_itself():
    p = populate(PartnershipFactory(), 3)
    loaded = partnership_get_full(partnership_id=p.pk)
    seen = 0
    for path, row in _walk(loaded):
        if row is None:
            continue
        seen += 1
        reference = type(row)._base_manager.get(pk=row.pk)
        for field in type(row)._meta.concrete_fields:
            if field.name in BOOKKEEPING and path not in ONE_TO_ONE:  # select-related on the root: all fields
                assert field.attname not in row.__dict__, f"{path}.{field.name} should not be loaded"
                continue
            if field.attname in row.__dict__ or path not in ONE_TO_ONE:
                assert row.__dict__[field.attname] == reference.__dict__[field.attname], f"{path}.{field.name}"
        assert row._state.adding is False and row._state.db == "default", path
    assert seen > len(FULL_RELATIONS)  # populate gives every relation at least one row
    root = type(loaded).objects.get(pk=p.pk)
    assert {f.attname: loaded.__dict__[f.attname] for f in type(root)._meta.concrete_fields} == {
        f.attname: root.__dict__[f.attname] for f in type(root)._meta.concrete_fields
    }


def test_a_row_read_back_from_the_loader_behaves_like_a_django_row(django_assert_num_queries):
    p = populate(PartnershipFactory(), 2)
    loaded = partnership_get_full(partnership_id=p.pk)
    pc = loaded.countries.all()[0]
    assert pc.country.code == pc.__dict__["country"]  # django-countries descriptor still works
    assert str(pc.country.name)
    assert pc.get_deferred_fields() == set(BOOKKEEPING)
    with django_assert_num_queries(1):  # a timestamp is deferred: it is read on demand, like .defer()
        assert pc.updated_at is not None
    pc.side = pc.side  # and the row can be saved as usual
    pc.save(update_fields=["side"])


def test_loaded_rows_do_not_point_back_to_their_parents_so_a_batch_leaves_no_cyclic_garbage():
    from django.db.models import Model
    from django.db.models.base import ModelState

    ids = [populate(PartnershipFactory(), 3).pk for _ in range(2)]
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)  # keep what a collection would free, to look at it
    try:
        batch = partnerships_get_full_batch(ids=ids)
        assert [p.pk for p in batch] == ids
        objective = batch[0].objectives.all()[0]
        assert "partnership" not in objective._state.fields_cache
        del batch, objective
        gc.collect()
        # Only a few closures of the SQL compiler, never a row: reference counting freed the rows.
        rows_in_cycles = [o for o in gc.garbage if isinstance(o, Model | ModelState | Loaded)]
        assert rows_in_cycles == []
        assert len(gc.garbage) < 100
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if was_enabled:
            gc.enable()


def test_a_model_that_defers_a_field_is_still_built_the_django_way():
    from partnerships.selectors import _builder
    from stakeholders.models import Organisation

    org = populate(PartnershipFactory(), 1).participations.select_related("organisation")[0].organisation
    names = tuple(f.attname for f in Organisation._meta.concrete_fields if f.name != "name")
    values = tuple(org.__dict__[name] for name in names)
    built = _builder(Organisation, "default", names)(values)
    assert "name" not in built.__dict__
    assert built.get_deferred_fields() == {"name"}
    assert built.name == org.name  # fetched on demand
    assert DEFERRED not in built.__dict__.values()
