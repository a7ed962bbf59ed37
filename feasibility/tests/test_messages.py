"""Rule texts (feasibility/messages.py): lazy, translated in the evaluation's language, cached per language."""

from __future__ import annotations

import json

from django.utils import translation
from django.utils.functional import Promise

from feasibility import messages
from feasibility.messages import RuleText, gettext_lazy, rule_language


def test_a_rule_text_is_a_lazy_promise_that_formats_like_a_string():
    text = gettext_lazy("%(n)d objectives are recorded.")
    assert isinstance(text, Promise)
    assert text % {"n": 3} == "3 objectives are recorded."
    assert str(gettext_lazy("Plain.")) == "Plain."
    assert gettext_lazy("Plain.") == "Plain."
    assert "x " + gettext_lazy("Plain.") == "x Plain."
    assert gettext_lazy(" Plain. ").strip() == "Plain."  # other str methods act on the translation
    assert json.dumps({"says": str(gettext_lazy("Plain."))}) == '{"says": "Plain."}'


def test_outside_an_evaluation_the_active_language_is_used_each_time(monkeypatch):
    calls = []
    monkeypatch.setattr(messages, "gettext", lambda msgid: calls.append(msgid) or f"<{translation.get_language()}>")
    text = RuleText("Anything")
    with translation.override("fr"):
        assert str(text) == "<fr>"
    with translation.override("es"):
        assert str(text) == "<es>"
    assert calls == ["Anything", "Anything"]


def test_inside_an_evaluation_each_text_is_translated_once_per_language(monkeypatch):
    calls = []
    monkeypatch.setattr(messages, "gettext", lambda msgid: calls.append(msgid) or f"«{msgid}»")
    monkeypatch.setattr(messages, "_translated", {})
    text = RuleText("%(n)d rows")
    with rule_language("fr"):
        assert [text % {"n": n} for n in range(3)] == ["«0 rows»", "«1 rows»", "«2 rows»"]
    with rule_language("es"):
        assert str(text) == "«%(n)d rows»"
    assert calls == ["%(n)d rows", "%(n)d rows"]  # once for fr, once for es
    assert messages._language.get() is None  # the block restores "no evaluation"
