"""The rule registry: every feasibility rule, keyed by its id (SMP-DOMAIN §0.4, Appendix A.6).

A rule is one plain function ``(partnership, ctx) -> Outcome`` registered with :func:`rule`::

    @rule("E1.R1", title=_("At least one mid/long-term objective"), says=_("Agree ..."),
          source="G3 rec 1; G13", draft_lenient=True)
    def e1_r1(p, ctx):
        ...
        return Outcome.passed(_("..."), objectives=[...])

The engine (:mod:`feasibility.engine`) — not the rule — applies draft-leniency (⏳, §0.2), turns an
exception into a FAIL finding, and scores elements. Rules never query the database: they read the
object returned by ``partnerships.selectors.partnership_get_for_check`` and the helpers of ``RuleContext``.

What a rule reads (``reads=``)
------------------------------

Every rule declares its inputs: ``reads=("partnerships.Partnership.objectives", "partnerships.Objective.horizon")``.
An input is a model field as ``"app_label.Model.field"`` (``Model._meta.get_field(field)`` finds it), or
:data:`TODAY` (``"today"``) for a rule whose outcome can change with the run's date alone — the one source of
``RuleSpec.reads_today``, so the two cannot disagree. The convention:

* a relation the rule follows is an input, named on the model it is followed from: the forward field
  (``skills.TargetOccupation.occupation``) or the reverse accessor (``partnerships.Partnership.objectives``,
  ``partnerships.Partnership.feasibility_study``); a foreign key's ``<name>_id`` is the relation ``<name>``;
* every field read on the rows reached is an input too (``partnerships.Objective.horizon``), so a rule that
  only counts rows or checks that one exists declares the relation alone;
* helpers count as what they read: ``ctx.countries_by_side`` reads ``partnerships.Partnership.countries``
  and ``partnerships.PartnershipCountry.side``, ``ctx.stage`` is ``partnerships.Partnership.stage``,
  ``ctx.who_ssl`` the WHO Safeguards List (``recruitment.WhoSslEntry.country``), ``ctx.exchange_rates``
  the ``costs.ExchangeRate`` fields, a model property the fields behind it;
* a row's primary key (how rows are told apart) and ``str(row)`` (how a message names it) are not inputs,
  except a reference code the rule compares with a code list (``skills.Occupation.code`` for R.14's health
  occupations, ``skills.Sector.code`` for E6.R3's care sectors); a field read only to word a message (an
  organisation's name) is an input.

Inputs on a reference table (:data:`REFERENCE_MODELS`: countries, currencies and exchange rates, ISCO-08
occupations, sectors, SDG targets, GCM objectives, the WHO Safeguards List, qualification frameworks and
levels, elements) are marked as reference by :func:`is_reference`. ``feasibility/tests/test_inputs.py``
checks that every declared input exists and that a rule reads nothing it does not declare.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models
from django.utils import formats, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from smp import punctuation
from smp.text import untranslated

# Bump whenever a rule is added, removed or changes meaning: runs store it, and a stored run whose
# version differs from this one is re-checked by the nightly job (feasibility.tasks.recheck_changed).
RULESET_VERSION = "2026.12-full.2"  # .2: E1.R8 counts every kind of donor money (§8.1)


# The run's date as an input of ``reads=`` (see the module docstring).
TODAY = "today"

# Reference tables (loaded by ``manage.py load_reference_data``, shared by every partnership): an input on
# one of these models is shown as reference data.
REFERENCE_MODELS: frozenset[str] = frozenset(
    {
        "partnerships.Country",
        "partnerships.Element",
        "partnerships.SdgTarget",
        "partnerships.GcmObjective",
        "skills.Occupation",
        "skills.Sector",
        "skills.QualificationFramework",
        "skills.QualificationLevel",
        "costs.Currency",
        "costs.ExchangeRate",
        "recruitment.WhoSslEntry",
    }
)

_INPUT = re.compile(r"^[a-z_]+\.[A-Z][A-Za-z0-9]*\.[a-z_][a-z0-9_]*$")


def is_reference(name: str) -> bool:
    """True for an input on a reference table (``"skills.Sector.climate_exposed"``); ``"today"`` is not."""
    return name != TODAY and name.rsplit(".", 1)[0] in REFERENCE_MODELS


def input_model_field(name: str) -> tuple[str, str, str]:
    """``"skills.OccupationProfile.regulated"`` → ``("skills", "OccupationProfile", "regulated")``."""
    app_label, model_name, field_name = name.split(".")
    return app_label, model_name, field_name


def _checked_reads(rule_id: str, reads) -> tuple[str, ...]:
    if isinstance(reads, str):
        raise ValueError(f"{rule_id}: reads is a tuple of inputs, not one string")
    names = tuple(reads)
    for name in names:
        if name != TODAY and not _INPUT.match(name):
            raise ValueError(f"{rule_id}: input {name!r} is neither 'app.Model.field' nor {TODAY!r}")
    if len(set(names)) != len(names):
        raise ValueError(f"{rule_id}: an input is declared twice")
    return names


class Status(models.TextChoices):
    """What one rule returns (§0.4); stored as ``Finding.status``."""

    PASS = "PASS", _("Pass")
    WARN = "WARN", _("Warning")
    FAIL = "FAIL", _("Fail")
    NA = "N/A", _("Not applicable")

    @property
    def json_code(self) -> str:
        """Lowercase code used in the JSON representation (CLI and API)."""
        return STATUS_JSON[self]


STATUS_JSON: dict[str, str] = {
    Status.PASS: "pass",
    Status.WARN: "warn",
    Status.FAIL: "fail",
    Status.NA: "not_applicable",
}

# Element codes and labels (§2.0 table). "R" is the cross-cutting ethical-recruitment check (§3).
ELEMENTS: dict[str, Any] = {
    "E1": _("Long- and mid-term planning"),
    "E2": _("Multi-stakeholder approach and policy coherence"),
    "E3": _("Data and information for evidence-based design"),
    "E4": _("Local development and job creation"),
    "E5": _("Skills classification, recognition and development"),
    "E6": _("Social aspects of employment and mobility"),
    "E7": _("Regular pathways, admission procedures and visa requirements"),
    "E8": _("Cost reduction and sharing"),
}
RECRUITMENT = "R"
RECRUITMENT_NAME = _("Ethical recruitment")


def element_name(code: str):
    """An element's name (lazy, in the reader's language); the code itself when it is not an element."""
    return RECRUITMENT_NAME if code == RECRUITMENT else ELEMENTS.get(code, code)


_RULE_ID = re.compile(r"^(?:(?P<element>E[1-8])\.R(?P<n>\d+)|R\.(?P<rn>\d+))$")


def element_of(rule_id: str) -> str:
    """``"E3.R2"`` → ``"E3"``; ``"R.11"`` → ``"R"``. Raises ``ValueError`` for anything else."""
    match = _RULE_ID.match(rule_id)
    if not match:
        raise ValueError(f"Not a rule id: {rule_id!r} (expected E1.R1 … E8.Rn or R.1 … R.n)")
    return match.group("element") or RECRUITMENT


def rule_sort_key(rule_id: str) -> tuple[int, int]:
    """Natural order: E1.R2 before E1.R10, elements E1 … E8, then R."""
    match = _RULE_ID.match(rule_id)
    if not match:
        return (99, 0)
    if match.group("element"):
        return (int(match.group("element")[1]), int(match.group("n")))
    return (9, int(match.group("rn")))


#
# Messages
#

#: ``Message.key`` of a message made of fragments by :func:`sentence`: its
#: ``params["parts"]`` are the fragments (each ``{"key", "params"}`` or plain text), shown joined with "; ",
#: first letter upper-cased, ending with a full stop.
SENTENCE_KEY = "feasibility:sentence"
#: ``Message.key`` of fragments joined with "; " inside a message (:func:`semicolons`): ``params["parts"]``.
PARTS_KEY = "feasibility:parts"
#: ``Message.key`` of a list of names joined with ", " (:func:`feasibility.rules._common.join`):
#: ``params["items"]`` are the names shown, ``params["more"]`` how many were left out.
LIST_KEY = "feasibility:list"
#: ``Message.key`` of alternatives joined with " or " (:func:`alternatives`): ``params["items"]``.
OR_KEY = "feasibility:or"
OR = gettext_noop(" or ")
#: What a long list ends with: the names shown, then how many more there are.
LIST_MORE = gettext_noop("%(names)s … (+%(n)d more)")


class Message(str):
    """A finding message as text (in the language active when it was made) that remembers how it was made:
    ``key`` is the untranslated msgid template, ``params`` the values interpolated into it, so the same
    finding can be shown again in another language (``Finding.message_key`` / ``message_params``).

    It *is* the rendered ``str``: rule code joins, formats and compares it like any text.
    """

    key: str
    params: dict

    def __new__(cls, text: str, *, key: str, params: dict | None = None) -> Message:
        made = super().__new__(cls, text)
        made.key = key
        made.params = params or {}
        return made


class RuleText(Promise):
    """A translatable text of the rules (``from feasibility.registry import rule_text as _``): rendered lazily
    in the active language like ``gettext_lazy``'s, and keeping its msgid, so that a finding records what to
    render again in another language without switching the active one (``msgid``). A ``Promise``, so Django
    (templates, ``force_str``, JSON encoders) treats it as lazy text."""

    __slots__ = ("msgid",)

    def __init__(self, msgid: str):
        self.msgid = msgid

    def __str__(self) -> str:
        return translation.gettext(self.msgid)

    def __repr__(self) -> str:
        return f"rule_text({self.msgid!r})"

    def __mod__(self, params):
        return str(self) % params

    def __add__(self, other):
        return str(self) + str(other)

    def __radd__(self, other):
        return str(other) + str(self)

    def __eq__(self, other) -> bool:
        return str(self) == str(other) if isinstance(other, str | Promise) else NotImplemented

    def __hash__(self) -> int:
        return hash(str(self))

    def __getattr__(self, name):  # any other str method works on the text in the active language
        if name.startswith("__") or name == "msgid":  # copy, pickle and a half-built instance: no fallback
            raise AttributeError(name)
        return getattr(str(self), name)

    def __reduce__(self):
        return (rule_text, (self.msgid,))


def rule_text(text: str) -> RuleText:
    """Mark a rule's text for translation (``makemessages`` collects ``_("…")`` calls as usual)."""
    return RuleText(text)


def msgid(template) -> str:
    """The untranslated text of a template: a :class:`RuleText` knows it; another lazy text (a code-list label)
    is rendered with translation switched off; a plain string is its own msgid."""
    if isinstance(template, RuleText):
        return template.msgid
    return untranslated(template)


def msg(template, params: dict | None = None) -> Message:
    """``template % params`` rendered now, remembering ``template``'s msgid and the ``params``:
    ``msg(_("%(n)d of %(total)d objectives …"), {"n": 2, "total": 3})``."""
    text = str(template) if params is None else str(template) % params
    return Message(text, key=msgid(template), params=dict(params or {}))


def message_params_json(params: dict) -> dict:
    """``params`` as plain JSON: a nested :class:`Message` or lazy text becomes ``{"key", "params"}``, a decimal
    ``{"number": "61.74"}`` (written in the reader's language when shown), other values their text (integers,
    floats and booleans stay as they are)."""
    return {str(name): _param_json(value) for name, value in params.items()}


def _param_json(value):
    if isinstance(value, Decimal):  # written in the reader's language when shown ("61,74" in French)
        return {"number": str(value)}
    if isinstance(value, Message):
        return {"key": value.key, "params": message_params_json(value.params)}
    if isinstance(value, Promise):  # a translatable word or phrase ("pilot"): re-rendered in the reader's language
        return {"key": msgid(value), "params": {}}
    if value is None or type(value) in (bool, int, float):
        return value
    if isinstance(value, list | tuple):
        return [_param_json(item) for item in value]
    return str(value)


def parts_text(parts) -> str:
    """Fragments joined with "; " inside a sentence (no capital, no full stop)."""
    return punctuation.semicolons(parts)


def semicolons(fragments) -> Message:
    """Fragments of a message joined with "; " (``"Capacity: %(p)s."`` with ``p=semicolons(problems)``), keeping
    each fragment so that the finding reads in the reader's language, not in the one it was checked in."""
    fragments = list(fragments)
    return Message(parts_text(fragments), key=PARTS_KEY, params={"parts": fragments})


def sentence(parts) -> Message:
    """Fragments joined with semicolons into one sentence (first letter upper-cased unless the sentence opens
    with a number or a name such as "2221 …"); the fragments are kept as its parameters (``SENTENCE_KEY``)."""
    parts = list(parts)
    return Message(sentence_text(parts), key=SENTENCE_KEY, params={"parts": parts})


def alternatives(items) -> Message:
    """Names joined with " or " ("a or b"), kept as names so the "or" and each name read in the reader's
    language."""
    items = list(items)
    return Message(alternatives_text(items), key=OR_KEY, params={"items": items})


def alternatives_text(items) -> str:
    return translation.gettext(OR).join(str(item) for item in items)


def list_text(items, more: int = 0) -> str:
    """Names joined with ", "; ``more`` left-out names end it with "… (+n more)"."""
    names = ", ".join(str(item) for item in items)
    if more:
        return translation.gettext(LIST_MORE) % {"names": names, "n": more}
    return names


def sentence_text(parts) -> str:
    """Fragments joined with "; " into one sentence: first letter upper-cased unless it opens with a number
    or a name such as "2221 …", full stop at the end."""
    text = parts_text(parts)
    first = text.split(" ", 1)[0]
    if first.isalpha():
        text = text[:1].upper() + text[1:]
    return text + "."


def message_render(key: str, params: dict) -> str:
    """A stored finding's message made again from ``message_key`` and ``message_params``, in the active
    language. ``""`` for an empty key (a finding stored without one: show its ``message``)."""
    if not key:
        return ""
    values = {name: _render_param(value) for name, value in (params or {}).items()}
    if key == SENTENCE_KEY:
        return sentence_text(values.get("parts", []))
    if key == PARTS_KEY:
        return parts_text(values.get("parts", []))
    if key == OR_KEY:
        return alternatives_text(values.get("items", []))
    if key == LIST_KEY:
        return list_text(values.get("items", []), values.get("more", 0))
    template = translation.gettext(key)
    return template % values if values else template


class LocalNumber(str):
    """A decimal written for the reader ("61,74" in French, "61.74" in English) that a ``%d`` or ``%f``
    placeholder still reads as the number it is."""

    number: Decimal

    def __new__(cls, number: Decimal) -> LocalNumber:
        made = super().__new__(cls, formats.number_format(number))
        made.number = number
        return made

    def __int__(self) -> int:
        return int(self.number)

    def __index__(self) -> int:
        return int(self.number)

    def __float__(self) -> float:
        return float(self.number)


def _render_param(value):
    if isinstance(value, dict) and set(value) == {"key", "params"}:
        return message_render(value["key"], value["params"])
    if isinstance(value, dict) and set(value) == {"number"}:
        try:
            return LocalNumber(Decimal(value["number"]))
        except (InvalidOperation, TypeError):
            return value["number"]
    if isinstance(value, list):
        return [_render_param(item) for item in value]
    return value


def message_source(message, params: dict | None) -> tuple[str, str, dict]:
    """``(text, key, params)`` of what a rule passed to an ``Outcome``: a :class:`Message`, a lazy template
    (with ``params`` when given separately), or plain text, whose key stays empty (nothing to re-render)."""
    if params is not None:
        message = msg(message, params)
    if isinstance(message, Message):
        return str(message), message.key, message_params_json(message.params)
    if isinstance(message, Promise):
        return str(message), msgid(message), {}
    return str(message), "", {}


#
# Outcomes
#


@dataclass(slots=True)  # a value never changed after it is made; not frozen, which costs per instance
class Outcome:
    """One rule's verdict before the engine applies leniency.

    ``lenient`` overrides the rule's ``draft_lenient`` flag for this outcome only: a rule whose
    spec marks only one FAIL branch ⏳, or a blocking rule of §3.4 (missing data → ``lenient=True``,
    a recorded fact → ``lenient=False``).

    The message is a :class:`Message` (``msg(_("…"), {…})``), a lazy template with its ``params`` given
    separately (``Outcome.warn(_("%(n)d …"), params={"n": 2}, **evidence)``) or a plain lazy text; the
    outcome keeps its msgid and parameters (``message_key``, ``message_params``) beside the rendered text.
    """

    status: Status
    message: str
    evidence: dict = field(default_factory=dict)
    lenient: bool | None = None
    message_key: str = ""
    message_params: dict = field(default_factory=dict)

    @classmethod
    def _make(cls, status, message, params, evidence, lenient=None) -> Outcome:
        text, key, values = message_source(message, params)
        return cls(status, text, evidence, lenient, key, values)

    @classmethod
    def passed(cls, message, params: dict | None = None, **evidence) -> Outcome:
        return cls._make(Status.PASS, message, params, evidence)

    @classmethod
    def warn(cls, message, params: dict | None = None, **evidence) -> Outcome:
        return cls._make(Status.WARN, message, params, evidence)

    @classmethod
    def fail(cls, message, lenient: bool | None = None, params: dict | None = None, **evidence) -> Outcome:
        return cls._make(Status.FAIL, message, params, evidence, lenient)

    @classmethod
    def na(cls, message="", params: dict | None = None, **evidence) -> Outcome:
        return cls._make(Status.NA, message, params, evidence)


#
# Rule specs and the registry
#

RuleFunc = Callable[[Any, Any], Outcome]


@dataclass(frozen=True)
class RuleSpec:
    """A registered rule: what the catalogue (/rules/) shows and what the engine runs."""

    id: str
    element: str
    title: Any
    says: Any
    source: str
    draft_lenient: bool
    blocking: bool
    tag: str | None
    severity: str
    func: RuleFunc = field(compare=False, repr=False)
    # What the rule reads: "app.Model.field" names and TODAY (module docstring).
    reads: tuple[str, ...] = ()

    @property
    def element_name(self):
        return element_name(self.element)

    @property
    def reads_today(self) -> bool:
        """The outcome can change with the date alone (licence expiry, evidence age, exchange rates in force on
        the run's date): the nightly re-check then re-runs checks from an earlier day (feasibility.services).
        True exactly when ``TODAY`` is among the declared inputs."""
        return TODAY in self.reads

    @property
    def reference_reads(self) -> tuple[str, ...]:
        """The declared inputs on reference tables (:data:`REFERENCE_MODELS`)."""
        return tuple(name for name in self.reads if is_reference(name))


class Registry(dict):
    """An ordered mapping rule id → :class:`RuleSpec`. ``REGISTRY`` is the project's; tests may build their own."""

    def rule(
        self,
        rule_id: str,
        *,
        title,
        says,
        source: str,
        draft_lenient: bool = False,
        blocking: bool = False,
        tag: str | None = None,
        can_fail: bool = True,
        reads: tuple[str, ...] = (),
    ) -> Callable[[RuleFunc], RuleFunc]:
        element = element_of(rule_id)
        inputs = _checked_reads(rule_id, reads)
        if blocking and element != RECRUITMENT:
            raise ValueError(f"{rule_id}: only ethical-recruitment rules (R.n) can be blocking (§3.4)")

        def register(func: RuleFunc) -> RuleFunc:
            if rule_id in self:
                raise ValueError(
                    f"Rule {rule_id} is registered twice ({self[rule_id].func.__module__} and {func.__module__})"
                )
            severity = "blocking" if blocking else ("major" if can_fail else "minor")
            self[rule_id] = RuleSpec(
                id=rule_id,
                element=element,
                title=title,
                says=says,
                source=source,
                draft_lenient=draft_lenient,
                blocking=blocking,
                tag=tag,
                severity=severity,
                func=func,
                reads=inputs,
            )
            func.rule_id = rule_id  # handy in tests: e1_r1.rule_id == "E1.R1"
            return func

        return register

    def ordered(self) -> list[RuleSpec]:
        """Specs in natural order (E1.R1, E1.R2 … E1.R10, E2.R1 …, R.1 …); sorted once per set of rules."""
        keys = tuple(self)
        cached = self.__dict__.get("_sorted_keys")
        if cached is None or cached[0] != keys:
            cached = self.__dict__["_sorted_keys"] = (keys, sorted(keys, key=rule_sort_key))
        return [self[key] for key in cached[1]]

    def for_element(self, element: str) -> list[RuleSpec]:
        return [spec for spec in self.ordered() if spec.element == element]

    def elements_with_rules(self) -> set[str]:
        return {spec.element for spec in self.values()}

    def date_dependent(self) -> list[str]:
        """Ids of the rules that read ``TODAY``: their outcome can change overnight without an edit."""
        return [spec.id for spec in self.ordered() if spec.reads_today]


REGISTRY = Registry()


def rule(
    rule_id: str,
    *,
    title,
    says,
    source: str,
    draft_lenient: bool = False,
    blocking: bool = False,
    tag: str | None = None,
    can_fail: bool = True,
    reads: tuple[str, ...] = (),
) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule in :data:`REGISTRY`. A duplicate id raises ``ValueError``.

    ``reads`` declares the rule's inputs (module docstring): model fields as ``"app.Model.field"``, and
    ``TODAY`` for a rule whose outcome can change with ``ctx.today`` alone (directly or through a helper such
    as the exchange rates in force on the run's date) — that is what ``RuleSpec.reads_today`` reports.
    """
    return REGISTRY.rule(
        rule_id,
        title=title,
        says=says,
        source=source,
        draft_lenient=draft_lenient,
        blocking=blocking,
        tag=tag,
        can_fail=can_fail,
        reads=reads,
    )


# Thresholds that rule modules declare next to their rules (merged under settings.SMP_RULES by
# feasibility.context.rule_settings). Keys are "<rule id>.<name>", e.g. "E3.R2.max_age_years".
DEFAULT_THRESHOLDS: dict[str, Any] = {}


def register_defaults(values: dict[str, Any]) -> None:
    """Declare [product default] thresholds for a rule module; settings.SMP_RULES overrides them."""
    for key, value in values.items():
        if key in DEFAULT_THRESHOLDS and DEFAULT_THRESHOLDS[key] != value:
            raise ValueError(f"Threshold {key} declared twice with different defaults")
        DEFAULT_THRESHOLDS[key] = value
