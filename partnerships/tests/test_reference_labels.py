"""The reference data the project ships labels for reads in the reader's language (issue "Three languages for
real"): SDG targets and Global Compact objectives (titles marked for the catalogues in
``partnerships.reference_labels``, kept identical to the data files), elements and sectors (code-list labels)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.utils import translation

from partnerships.models import Element, GcmObjective, SdgTarget
from partnerships.reference_labels import GCM_OBJECTIVE_TITLES, SDG_TARGET_TITLES

DATA = Path(__file__).resolve().parents[1] / "data"


def test_the_marked_titles_are_those_of_the_data_files():
    with open(DATA / "sdg_targets.csv", newline="") as sdg, open(DATA / "gcm_objectives.csv", newline="") as gcm:
        assert {row["code"]: row["short_title"] for row in csv.DictReader(sdg)} == SDG_TARGET_TITLES
        assert {int(row["number"]): row["short_title"] for row in csv.DictReader(gcm)} == GCM_OBJECTIVE_TITLES


@pytest.mark.parametrize("language", ["fr", "es"])
def test_reference_rows_read_in_the_readers_language(language):
    target = SdgTarget(code="8.8", goal=8, short_title=SDG_TARGET_TITLES["8.8"])
    objective = GcmObjective(number=6, short_title=GCM_OBJECTIVE_TITLES[6])
    element = Element(code="E8", name="Cost reduction and sharing")
    english = [str(target), str(objective), str(element)]
    with translation.override(language):
        translated = [str(target), str(objective), str(element)]
    assert all(a != b for a, b in zip(english, translated, strict=True)), translated
    assert translated[0].startswith("8.8 ") and translated[1].startswith("6. ") and translated[2].startswith("E8 ")
