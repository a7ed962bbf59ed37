"""The full loader (partnerships/selectors.py): Django's own prefetching, timestamps deferred."""

from __future__ import annotations

import pytest

from feasibility.tests.support import populate
from partnerships.selectors import BOOKKEEPING, FULL_RELATIONS, ONE_TO_ONE, partnership_get_full
from partnerships.tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db


def _walk(root):
    """Every (relation path, row) the loader loaded under ``root``, by following FULL_RELATIONS."""
    rows = {"": [root]}
    for path, select in FULL_RELATIONS:
        parent_path, _, name = path.rpartition("__")
        children = [child for parent in rows[parent_path] for child in getattr(parent, name).all()]
        rows[path] = children
        for child in children:
            for relation in select:
                yield f"{path}__{relation}", getattr(child, relation)
        yield from ((path, child) for child in children)
    for name in ONE_TO_ONE:
        yield name, getattr(root, name)


def test_loaded_rows_hold_the_values_of_the_database_without_their_timestamps(django_assert_num_queries):
    p = populate(PartnershipFactory(), 3)
    loaded = partnership_get_full(partnership_id=p.pk)
    with django_assert_num_queries(0):
        walked = [(path, row) for path, row in _walk(loaded) if row is not None]
    assert len(walked) > len(FULL_RELATIONS)  # populate gives every relation at least one row
    for path, row in walked:
        reference = type(row)._base_manager.get(pk=row.pk)
        deferred = row.get_deferred_fields()
        if path not in ONE_TO_ONE:  # select-related on the root: all fields
            assert deferred == {name for name in BOOKKEEPING if name in {f.attname for f in row._meta.fields}}, path
        for field in row._meta.concrete_fields:
            if field.attname not in deferred:
                assert field.value_from_object(row) == field.value_from_object(reference), f"{path}.{field.name}"


def test_a_row_read_back_from_the_loader_behaves_like_a_django_row(django_assert_num_queries):
    p = populate(PartnershipFactory(), 2)
    loaded = partnership_get_full(partnership_id=p.pk)
    pc = loaded.countries.all()[0]
    assert str(pc.country.name)
    assert pc.partnership is loaded  # a reverse foreign key points back, as with any prefetch_related
    assert pc.get_deferred_fields() == set(BOOKKEEPING)
    with django_assert_num_queries(1):  # a timestamp is deferred: it is read on demand, like .defer()
        assert pc.updated_at is not None
    pc.side = pc.side  # and the row can be saved as usual
    pc.save(update_fields=["side"])
