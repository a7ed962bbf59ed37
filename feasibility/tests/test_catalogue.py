"""docs/rules-catalogue.md and the rule registry say the same thing: the same 101 rule ids (E1.R1 … E8.R11,
R.1 … R.15), the same element, title, blocking flag and ⏳ mark (draft-lenient) for each."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

import feasibility.rules  # noqa: F401  (registers every rule)
from feasibility.registry import REGISTRY

CATALOGUE = Path(settings.BASE_DIR) / "docs" / "rules-catalogue.md"
HEADER = ["Id", "Element", "Title", "Blocking", "⏳"]
YES_NO = {"yes": True, "no": False}


def catalogue_rows() -> list[dict]:
    """The rows of the one table of docs/rules-catalogue.md, in the page's order."""
    rows, header = [], None
    for line in CATALOGUE.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if header is None:
            header = cells
            assert header == HEADER, f"unexpected table header {header}"
        elif set("".join(cells)) <= set("-: "):
            continue
        else:
            assert len(cells) == len(HEADER), f"malformed row: {line}"
            row = dict(zip(HEADER, cells, strict=True))
            assert row["Blocking"] in YES_NO and row["⏳"] in YES_NO, f"blocking and ⏳ are yes/no: {line}"
            rows.append(row)
    return rows


@pytest.fixture(scope="module")
def rows():
    return catalogue_rows()


def test_the_catalogue_page_lists_the_101_rules_in_the_registrys_natural_order(rows):
    assert len(rows) == 101
    assert [row["Id"] for row in rows] == [spec.id for spec in REGISTRY.ordered()]


def test_each_rule_has_the_element_and_title_the_registry_declares(rows):
    with translation.override("en"):
        declared = {spec.id: (spec.element, str(spec.title)) for spec in REGISTRY.values()}
    assert {row["Id"]: (row["Element"], row["Title"]) for row in rows} == declared


def test_the_blocking_flags_of_the_registry_equal_the_catalogue(rows):
    assert {row["Id"]: YES_NO[row["Blocking"]] for row in rows} == {
        spec.id: spec.blocking for spec in REGISTRY.values()
    }


def test_the_draft_lenient_marks_of_the_registry_equal_the_catalogue(rows):
    assert {row["Id"]: YES_NO[row["⏳"]] for row in rows} == {spec.id: spec.draft_lenient for spec in REGISTRY.values()}


def test_the_blocking_rules_are_the_eight_recruitment_red_flags_and_none_is_draft_lenient(rows):
    blocking = [row for row in rows if row["Blocking"] == "yes"]
    assert [row["Id"] for row in blocking] == ["R.3", "R.4", "R.5", "R.8", "R.9", "R.10", "R.11", "R.14"]
    assert all(row["⏳"] == "no" for row in blocking)
