"""Findings are shown in the reader's language (issue "Three languages for real"): made again from their message
key and parameters at display time, so one check reads correctly in English, French and Spanish; findings stored
without a key keep the text they were stored with. Needs the compiled catalogues (``make install``)."""

from __future__ import annotations

import pytest
from django.utils import translation

from feasibility.models import Finding

NO_ITEM = "No cost item is recorded yet."  # E8.R3, E8.R9 …
STALE = "no actual spending recorded for %(year)d or later"  # E8.R9, with a parameter


def shown(finding: Finding, language: str) -> str:
    with translation.override(language):
        return finding.text


def test_one_finding_reads_in_each_language():
    finding = Finding(rule_id="E8.R9", element="E8", status="WARN", message=NO_ITEM, message_key=NO_ITEM)
    english, french, spanish = (shown(finding, language) for language in ("en", "fr", "es"))
    assert english == NO_ITEM
    assert french != english and spanish != english and french != spanish
    with translation.override("fr"):
        assert french == translation.gettext(NO_ITEM)


def test_parameters_are_put_into_the_readers_template():
    finding = Finding(
        rule_id="E8.R9",
        element="E8",
        status="WARN",
        message=STALE % {"year": 2025},
        message_key=STALE,
        message_params={"year": 2025},
    )
    french = shown(finding, "fr")
    assert "2025" in french and french != STALE % {"year": 2025}


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_a_finding_stored_without_a_key_keeps_its_text(language):
    finding = Finding(rule_id="E1.R1", element="E1", status="PASS", message="Texte enregistré tel quel.")
    assert shown(finding, language) == "Texte enregistré tel quel."


SHARE = "%(item)s: migrants pay %(pct)s %%"  # E8.R4, R.3


def test_a_decimal_is_written_the_readers_way():
    """Decimals are stored as ``{"number": …}`` and written with the reader's decimal separator."""
    from decimal import Decimal

    from feasibility.registry import message_params_json, msg

    message = msg(SHARE, {"item": "Travel", "pct": Decimal("20.00")})
    finding = Finding(
        rule_id="E8.R4",
        element="E8",
        status="FAIL",
        message=str(message),
        message_key=message.key,
        message_params=message_params_json(message.params),
    )
    assert finding.message_params["pct"] == {"number": "20.00"}
    assert shown(finding, "en") == "Travel: migrants pay 20.00 %" == str(message)
    assert "20,00 %" in shown(finding, "fr")
    assert "20,00 %" in shown(finding, "es")


def test_a_number_placeholder_still_reads_a_stored_decimal():
    from feasibility.registry import message_render

    with translation.override("fr"):
        assert message_render("%(n)d of %(total).1f", {"n": {"number": "3"}, "total": {"number": "4.25"}}) == (
            "3 of 4.2"
        )


def test_no_rule_turns_a_message_into_fixed_text():
    """``str(msg(...))`` inside a rule fixes the fragment in the language of the check (English), so a French
    reader got "Capacité : low capacity without a capacity activity: …" (E1.R9, E3.R9 and five more, found by
    reading the demo in French). Fragments are passed on as messages; this test finds any such call."""
    import ast
    from pathlib import Path

    import feasibility.rules

    found = []
    for path in sorted(Path(feasibility.rules.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "str"
                and any(
                    isinstance(arg, ast.Call) and getattr(arg.func, "id", "") in ("msg", "join", "semicolons")
                    for arg in node.args
                )
            ):
                found.append(f"{path.name}:{node.lineno}")
    assert found == []
