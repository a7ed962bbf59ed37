"""Finding messages name things in words: code-list values by their labels, never raw codes (issue "Messages in
words"; house rule: everything a person reads is in words).

Every rule runs on every demo partnership (docs/demo-data.md), whose planted gaps reach most WARN and FAIL
branches; no message may contain

* a code-like token: a lower-case word joined by underscores (``g2g_agreement``, ``health_care``);
* a code-list value whose label differs from it, where the value is not itself ordinary prose — see
  :func:`code_values` for what is left out and why;
* a "—" standing in for a missing value (``(—)``, ``on —``, ``(— %)``): a missing value reads "not recorded".

The evaluations are computed once for the module, on reference and demo data loaded inside a transaction that
is rolled back (as in tests/test_demo_feasibility.py); the engine itself is pure.
"""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import re

import pytest
from django.db import models, transaction
from django.utils import translation
from django_countries import countries

import codelists
from feasibility.registry import message_render
from feasibility.services import check_loaded_partnership
from partnerships.demo import demo_load, demo_specs
from partnerships.models import Partnership
from partnerships.reference_data import reference_data_load
from partnerships.selectors import partnership_get_for_check

SPECS = demo_specs()
# The tests read the module's fixtures only; the mark tells pytest-django to create the test database even
# when this file runs alone (it creates one only for a session that has a test marked or asking for ``db``).
pytestmark = pytest.mark.django_db

#: A lower-case code joined by underscores (digits allowed: ``g2g_agreement``).
CODE_LIKE = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")

#: "—" as a value: right after "(" or before ")", ",", ";", "." or "%", or at the very end. A dash between two
#: phrases (" — ") is prose and stays.
PLACEHOLDER = re.compile(r"\(—|—(?=[),;.]|\s*%|$)")

#: Lower-case code values that are abbreviations, not words: in a message they must appear as their labels
#: ("RPL", "LMIS", "BLMA" …), so the lower-case value itself is a raw code.
ABBREVIATIONS = frozenset({"blma", "lmis", "rpl", "sogiesc", "eea", "mena", "ict", "mou"})


def code_values() -> set[str]:
    """Every value of every code list in ``codelists`` whose label differs from it, except values that are
    ordinary prose when they appear in a sentence:

    * single lower-case English words (``other``, ``high``, ``low``, ``training``, ``travel``, ``employer`` …):
      they double as words ("no training provider", "the employer pays"); a lower-case abbreviation among
      them (:data:`ABBREVIATIONS`) still counts as a code;
    * upper-case codes (``C181``, ``E1`` … ``E8``, ``R``): that is how people cite ILO conventions, elements and
      the recruitment check, so "ILO C181" is words.

    Everything with an underscore is kept (and :data:`CODE_LIKE` catches it anyway).
    """
    values: set[str] = set()
    for info in pkgutil.iter_modules(codelists.__path__):
        module = importlib.import_module(f"codelists.{info.name}")
        for choices in vars(module).values():
            if not (inspect.isclass(choices) and issubclass(choices, models.Choices)):
                continue
            for value, label in choices.choices:
                if not isinstance(value, str) or str(label) == value:
                    continue
                if "_" in value or value in ABBREVIATIONS:
                    values.add(value)
    return values


CODES = code_values()

#: A country as its ISO 3166 code where its name belongs ("MA → DE" instead of "Morocco → Germany").
COUNTRY_CODE = re.compile(r"\b(?:" + "|".join(sorted({code for code, _name in countries} | {"XK"})) + r")\b")
CODE_VALUE = re.compile(r"\b(?:" + "|".join(re.escape(code) for code in sorted(CODES, key=len, reverse=True)) + r")\b")


def raw_codes(message: str) -> list[str]:
    """The raw codes and placeholders in ``message`` (empty when it reads in words)."""
    found = list(
        dict.fromkeys(CODE_LIKE.findall(message) + CODE_VALUE.findall(message) + COUNTRY_CODE.findall(message))
    )
    if PLACEHOLDER.search(message):
        found.append("—")
    return found


@pytest.fixture(scope="module")
def findings(django_db_setup, django_db_blocker) -> list[tuple[str, object]]:
    """``(demo key, finding)`` of every rule on every demo partnership."""
    with django_db_blocker.unblock(), transaction.atomic():
        reference_data_load()
        demo_load()
        found = []
        for spec in SPECS:
            partnership = Partnership.objects.get(name=spec.name)
            loaded = partnership_get_for_check(partnership_id=partnership.pk)
            evaluation, _fingerprint = check_loaded_partnership(loaded)
            found += [(spec.key, finding) for finding in evaluation.findings]
        transaction.set_rollback(True)
    return found


@pytest.fixture(scope="module")
def messages(findings) -> list[tuple[str, str, str]]:
    """``(demo key, rule id, message)`` of every finding of every demo partnership."""
    return [(key, finding.rule_id, finding.message) for key, finding in findings]


def test_the_code_lists_have_codes_to_look_for():
    assert {"g2g_agreement", "health_care", "pre_selection", "candidate_screening", "rpl"} <= CODES
    assert not {"other", "high", "low", "training", "travel", "C181", "E1"} & CODES


def test_the_check_spots_raw_codes_and_placeholders_and_lets_words_through():
    assert raw_codes("Nobody pays candidate_screening (pre_selection).") == ["candidate_screening", "pre_selection"]
    assert raw_codes("The agreement covers rpl.") == ["rpl"]
    assert raw_codes("No partner country has ratified ILO C181 (LT: —, NG: —).") == ["LT", "NG", "—"]
    assert raw_codes("Cooks → DE has no legal pathway.") == ["DE"]
    assert raw_codes("Cooks → Germany has no legal pathway; ask the IOM or the EU.") == []
    assert raw_codes("A donor-funded scheme using public money (— %).") == ["—"]
    assert raw_codes("Costs are shared — origin: 4 (Labour and employment), other 35 %.") == []


def test_no_demo_finding_message_contains_a_raw_code(messages):
    offenders = [(key, rule, message, raw_codes(message)) for key, rule, message in messages if raw_codes(message)]
    assert offenders == []


def test_every_demo_finding_has_a_message(messages):
    assert all(message.strip() for _key, _rule, message in messages)


def test_every_demo_finding_keeps_a_message_key_and_parameters_that_make_the_same_text(findings):
    unkeyed = sorted({finding.rule_id for _key, finding in findings if not finding.message_key})
    assert unkeyed == []
    differing = [
        (key, finding.rule_id, finding.message, message_render(finding.message_key, finding.message_params))
        for key, finding in findings
        if message_render(finding.message_key, finding.message_params) != finding.message
    ]
    assert differing == []
    json.dumps([finding.message_params for _key, finding in findings])  # stored as JSON as they are


def _text_leaves(params):
    """The plain-text values of stored message parameters (a ``{"key", "params"}`` value is made again in the
    reader's language, so only its own parameters are walked)."""
    for value in params.values() if isinstance(params, dict) else params:
        if isinstance(value, dict):
            yield from _text_leaves(value.get("params", {}) if set(value) == {"key", "params"} else value)
        elif isinstance(value, list):
            yield from _text_leaves(value)
        elif isinstance(value, str):
            yield value


def test_no_demo_finding_stores_a_translatable_word_as_text(findings):
    """The checks run in the worker with English active: a code-list label, a side, a country or "not recorded"
    put into a message as text would then read in English for a French or Spanish reader. Each must be kept as
    a key (``{"key", "params"}``), so the finding is made again in the reader's language."""
    with translation.override("fr"):
        frozen = [
            (key, finding.rule_id, leaf)
            for key, finding in findings
            for leaf in _text_leaves(finding.message_params)
            if translation.gettext(leaf) != leaf
        ]
    assert frozen == [], "\n".join(map(str, frozen))


def test_a_demo_finding_checked_in_english_reads_in_french(findings):
    """E8.R9 on a demo scheme not running yet names its stage; checked in English, it reads the French stage."""
    stage_messages = [
        finding
        for _key, finding in findings
        if finding.message_key == "The scheme is not running yet (stage %(stage)s)."
    ]
    assert stage_messages, "no demo partnership before stage implementation"
    finding = stage_messages[0]
    stage = finding.message_params["stage"]
    assert isinstance(stage, dict) and stage["params"] == {}  # the label kept as its key
    with translation.override("fr"):
        french = message_render(finding.message_key, finding.message_params)
        assert translation.gettext(stage["key"]) in french
    assert stage["key"] not in french
