"""Light choosers for the wizard's rows (issue #19 "wizard steps light and fast").

A step used to repeat every option of every list in every row: the actors step of the largest demo sent
9,569 ``<option>`` elements in 289 selects (825 KB). Here each long list is sent once per page:

- **A long list** (more than :data:`LONG_LIST` entries: organisations, the partnership's organisations,
  countries, currencies …) is *typed*: a text input bound to the page's one ``<datalist>`` of that list
  (:class:`ListChoiceField`). The browser offers the matching entries while typing, with the keyboard and to
  screen readers, without JavaScript. The server matches what was typed to one entry: its name as listed, its
  code (``EUR``, ``DE``) or the value a select of the same list would post, else every word of the text
  beginning a word of one entry; no match or several matches is an error on the field that names the
  candidates. Shorter lists stay selects.
- **Several entries of a long list** (:class:`ChosenListField`: interests, members, languages …) are the chosen
  entries as ticked checkboxes (untick to remove) and one typed input to add more, bound to the same
  shared datalist (several at once separated by “;”). The checkboxes post what a multiple select posted.
- **A value that cannot be changed** (the locked column of a saved row, every field of a read-only page) is
  shown as read-only text naming it, not as a disabled select carrying the whole list.
- **Selects** are rendered in Python (:class:`FastSelect`): the same markup without a template per option;
  so are inputs and text areas, by the wizard forms' renderer (:data:`FAST_RENDERER`).

:class:`SharedLists` collects, per request, the lists the page's inputs use; the step template prints them
once, after the form's fields.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

#: Lists with more entries than this are typed with a shared datalist; shorter ones stay selects.
LONG_LIST = 15

#: Multiple choice from more entries than this: the chosen ones ticked and more typed (shorter: checkboxes,
#: or a multiple select of rows).
LONG_MULTI_LIST = 12

#: How many candidates an ambiguous entry names in its error.
SHOWN = 6

#: What separates several entries typed into one "add" input.
SEPARATORS = re.compile(r"[;\n]+")


def normalise(text) -> str:
    """Case and spacing aside: what typed text is compared by."""
    return " ".join(str(text).casefold().split())


def _words(text: str) -> list[str]:
    return [word for word in re.split(r"[^\w]+", str(text).casefold()) if word]


def key_of(value) -> str:
    """The key of a list entry: a row's primary key or a code, as a string ("" for nothing)."""
    if value is None:
        return ""
    if isinstance(value, models.Model):
        return str(value.pk)
    return str(value)


class Entries:
    """The entries of one list (key → label, in list order) and what typed text finds which of them.

    Labels are made unique (a repeated label gets its position in parentheses) so that each can be typed.
    ``aliases`` are other exact names of an entry (an organisation's name without its country).
    """

    def __init__(self, pairs: Iterable[tuple[object, object]], aliases: Iterable[tuple[object, object]] = ()):
        self.aliases = [(key_of(key), str(text)) for key, text in aliases]
        self.labels: dict[str, str] = {}
        seen: dict[str, int] = {}
        for key, label in pairs:
            key, label = key_of(key), str(label)
            if key == "" or key in self.labels:
                continue
            count = seen.get(normalise(label), 0) + 1
            seen[normalise(label)] = count
            self.labels[key] = label if count == 1 else f"{label} ({count})"
        self.order = {key: index for index, key in enumerate(self.labels)}
        self._exact: dict[str, list[str]] | None = None
        self._words: dict[str, list[str]] | None = None

    def __len__(self) -> int:
        return len(self.labels)

    @property
    def exact(self) -> dict[str, list[str]]:
        if self._exact is None:
            exact: dict[str, list[str]] = {}
            for key, label in self.labels.items():
                for text in dict.fromkeys((normalise(label), normalise(key))):
                    exact.setdefault(text, []).append(key)
            for key, text in self.aliases:
                if key in self.labels:
                    keys = exact.setdefault(normalise(text), [])
                    if key not in keys:
                        keys.append(key)
            self._exact = exact
        return self._exact

    def find(self, text) -> list[str]:
        """The keys ``text`` names: an exact label or key, else the entries where every word of ``text``
        begins a word of the label."""
        wanted = normalise(text)
        if not wanted:
            return []
        if wanted in self.exact:
            return self.exact[wanted]
        if self._words is None:
            self._words = {key: _words(label) for key, label in self.labels.items()}
        words = _words(text)
        if not words:
            return []
        return [
            key
            for key, label_words in self._words.items()
            if all(any(word.startswith(w) for word in label_words) for w in words)
        ]

    def label(self, key: str) -> str:
        return self.labels.get(key, key)

    def sort(self, keys: Iterable[str]) -> list[str]:
        """``keys`` once each, in list order (as a multiple select posts them)."""
        return sorted(dict.fromkeys(keys), key=lambda key: self.order.get(key, len(self.order)))


class SharedLists:
    """The datalists of one page: built once per request, printed once by the page (only those used)."""

    def __init__(self):
        self._entries: dict[object, tuple[str, Entries]] = {}
        self._used: dict[str, Entries] = {}

    def entries(
        self,
        key: object,
        pairs: Callable[[], Iterable[tuple[object, object]]],
        aliases: Callable[[], Iterable[tuple[object, object]]] = tuple,
    ) -> tuple[str, Entries]:
        """The id and entries of the list ``key`` (``pairs`` and ``aliases`` are called the first time only)."""
        if key not in self._entries:
            self._entries[key] = (f"list-{len(self._entries) + 1}", Entries(pairs(), aliases()))
        return self._entries[key]

    def use(self, list_id: str, entries: Entries) -> None:
        self._used[list_id] = entries

    def html(self) -> str:
        """One ``<datalist>`` per list an input of the page used."""
        parts = []
        for list_id, entries in self._used.items():
            options = "".join(f'<option value="{escape(label)}">' for label in entries.labels.values())
            parts.append(f'<datalist id="{list_id}">{options}</datalist>')
        return mark_safe("".join(parts))  # noqa: S308 - every label is escaped above


#
# Rendering helpers (Python, not a template per option)
#


def flatatt(attrs: dict) -> str:
    """Attributes as Django's ``attrs.html`` writes them (``True`` → bare name, ``False``/``None`` left out)."""
    parts = []
    for name, value in attrs.items():
        if value is True:
            parts.append(f" {name}")
        elif value is not False and value is not None:
            parts.append(f' {name}="{conditional_escape(value)}"')
    return "".join(parts)


def read_only(attrs: dict, text: str) -> str:
    """A value that cannot be changed, as read-only text: a nameless input (never posted; Django keeps the
    stored value of a disabled field), labelled by the field's label and focusable like any field."""
    shown = {"type": "text", "id": attrs.get("id"), "value": text, "class": "form-control-plaintext", "readonly": True}
    if attrs.get("aria-describedby"):
        shown["aria-describedby"] = attrs["aria-describedby"]
    return mark_safe(f"<input{flatatt(shown)}>")  # noqa: S308 - flatatt escapes


INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{kind}.html"
    for kind in ("text", "number", "hidden", "checkbox", "url", "date", "email", "search", "tel", "time", "datetime")
)


class FastWidgetRenderer(DjangoTemplates):
    """Django's form renderer, with inputs and text areas written in Python (the markup of Django's
    ``input.html`` and ``textarea.html``): a step renders hundreds of them."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if widget is not None and template_name in INPUT_TEMPLATES:
            value = widget["value"]
            shown = "" if value is None else f' value="{conditional_escape(str(value))}"'
            html = f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"{shown}'
            return mark_safe(f"{html}{flatatt(widget['attrs'])}>")  # noqa: S308 - escaped
        if widget is not None and template_name == "django/forms/widgets/textarea.html":
            text = conditional_escape(widget["value"]) if widget["value"] else ""
            attrs = flatatt(widget["attrs"])
            return mark_safe(f'<textarea name="{escape(widget["name"])}"{attrs}>\n{text}</textarea>')  # noqa: S308
        return super().render(template_name, context, request)


#: The renderer of the wizard's forms and formsets.
FAST_RENDERER = FastWidgetRenderer()


class FastChoiceRender:
    """Renders a select in Python (the markup of Django's templates); a disabled one as read-only text.

    The escaped options are prepared once per field and shared by the copies every row's form makes of the
    widget (a copy holds equal choices, which is what :meth:`prepared` checks).
    """

    def __deepcopy__(self, memo):
        """Every row's form copies its widgets: the choices are shared, not copied and normalised again
        (nothing changes them in place; a form that wants others assigns new ones)."""
        copied = copy.copy(self)
        copied.attrs = self.attrs.copy()
        memo[id(self)] = copied
        return copied

    def prepared(self) -> list[tuple[str | None, str, str, str]]:
        """(key, ``<option value="…"``, ``>label</option>``, escaped label) per option; a group's start and end
        as (``None``, tag, "", "")."""
        choices = self.choices if isinstance(self.choices, list) else list(self.choices)
        cached = self.__dict__.get("_prepared")
        if cached is not None and cached[0] == choices:  # the same strings: identity makes this quick
            return cached[1]

        def option(key, label):
            key = "" if key is None else str(key)
            label = "—" if key == "" and str(label) == "---------" else label  # Django's blank choice, shorter
            text = escape(str(label))
            return (key, f'<option value="{escape(key)}"', f">{text}</option>", text)

        rows = []
        for key, label in choices:
            if isinstance(label, list | tuple):
                rows.append((None, f'<optgroup label="{escape(key)}">', "", ""))
                rows.extend(option(k, lbl) for k, lbl in label)
                rows.append((None, "</optgroup>", "", ""))
            else:
                rows.append(option(key, label))
        self._prepared = (choices, rows)
        return rows

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        formatted = self.format_value(value)  # a list; one string for NullBooleanSelect
        values = {formatted} if isinstance(formatted, str) else {str(v) for v in formatted}
        rows = self.prepared()
        if final.get("disabled"):
            chosen = [label for key, _open, _close, label in rows if key and key in values]
            return read_only(final, mark_safe(", ".join(chosen)))  # noqa: S308 - labels escaped by prepared()
        multiple = self.allow_multiple_selected
        if multiple:
            final["multiple"] = True
        parts, selected = [f'<select name="{escape(name)}"{flatatt(final)}>'], False
        for key, open_, close, _label in rows:
            if key is not None and key in values and (multiple or not selected):
                selected = True
                parts.append(f"{open_} selected{close}")
            else:
                parts.append(open_ + close)
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 - escaped by prepared() and flatatt


class FastSelect(FastChoiceRender, forms.Select):
    pass


class FastSelectMultiple(FastChoiceRender, forms.SelectMultiple):
    pass


class FastNullBooleanSelect(FastChoiceRender, forms.NullBooleanSelect):
    pass


class FastCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes, each inside its label (no ids to pair them), rendered in Python; read-only text when disabled."""

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        values = {str(v) for v in self.format_value(value)}
        pairs = [(str(key), label) for key, label in self.choices if str(key) != ""]
        if final.get("disabled"):
            return read_only(final, ", ".join(str(label) for key, label in pairs if key in values))
        css = escape(final.get("class", "form-check-input"))
        # A "Fix it" link focuses the group (design.views._mark_fix): its first box takes the focus.
        focus = ' autofocus aria-describedby="fix-note"' if final.get("autofocus") else ""
        boxes = [
            f'<label class="form-check form-check-inline"><input type="checkbox" name="{escape(name)}" '
            f'value="{escape(key)}" class="{css}"{" checked" if key in values else ""}{focus if i == 0 else ""}>'
            f"{escape(label)}</label>"
            for i, (key, label) in enumerate(pairs)
        ]
        return mark_safe(f'<div class="wizard-checks" id="{escape(final.get("id", ""))}">{"".join(boxes)}</div>')  # noqa: S308

    def id_for_label(self, id_, index=None):
        return id_


FAST_WIDGETS: dict[type, type] = {
    forms.CheckboxSelectMultiple: FastCheckboxSelectMultiple,
    forms.Select: FastSelect,
    forms.SelectMultiple: FastSelectMultiple,
    forms.NullBooleanSelect: FastNullBooleanSelect,
}


def fast_widget(widget: forms.Widget) -> forms.Widget:
    """The same select rendered in Python (other widgets unchanged)."""
    cls = FAST_WIDGETS.get(type(widget))
    if cls is None:
        return widget
    fast = cls(attrs=widget.attrs)
    fast.choices = widget.choices
    return fast


def prime(widget: forms.Widget) -> None:
    """Prepare a fast select's options once, before the rows' forms copy the widget."""
    if isinstance(widget, FastChoiceRender):
        widget.prepared()


#
# One entry of a long list, typed
#


class ListInput(forms.TextInput):
    """A text input bound to the page's shared datalist of its list; read-only text when disabled."""

    lists: SharedLists | None = None
    list_id = ""
    entries: Entries | None = None

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        text = "" if value is None else str(value)
        if final.get("disabled"):
            return read_only(final, text)
        if self.lists is not None and self.entries is not None:
            self.lists.use(self.list_id, self.entries)
        final = {"type": "text", "name": name, "value": text or None, "list": self.list_id, **final}
        final.setdefault("autocomplete", "off")
        return mark_safe(f"<input{flatatt(final)}>")  # noqa: S308 - flatatt escapes


class ListChoiceField(forms.Field):
    """One entry of a long list typed as its name (or code), matched on the server; see the module docstring.

    Cleans to the row (``objects`` given) or to the entry's key (a code), ``empty_value`` when left empty.
    """

    widget = ListInput
    default_error_messages = {
        "unknown": _(
            "Nothing in the list matches “%(text)s”: choose one of the suggestions, or type the name as the list "
            "shows it."
        ),
        "ambiguous": _("Several entries match “%(text)s”: %(shown)s%(more)s. Type the name as the list shows it."),
    }

    def __init__(
        self,
        *,
        entries: Entries,
        list_id: str,
        lists: SharedLists,
        objects: dict | None = None,
        empty_value=None,
        **kwargs,
    ):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.entries, self.objects, self.empty_value = entries, objects, empty_value
        self.widget.lists, self.widget.list_id, self.widget.entries = lists, list_id, entries

    def prepare_value(self, value):
        """A stored value (row, key) as its label; typed text as typed."""
        key = key_of(value)
        return self.entries.labels.get(key, "" if value is None else value)

    def find(self, text) -> str:
        """The one key ``text`` names, else a ``ValidationError`` that says why."""
        found = self.entries.find(text)
        if len(found) == 1:
            return found[0]
        if not found:
            raise ValidationError(self.error_messages["unknown"], code="unknown", params={"text": text})
        shown = ", ".join(self.entries.label(key) for key in found[:SHOWN])
        more = len(found) - SHOWN
        raise ValidationError(
            self.error_messages["ambiguous"],
            code="ambiguous",
            params={"text": text, "shown": shown, "more": f" … (+{more})" if more > 0 else ""},
        )

    def to_python(self, value):
        text = str(value or "").strip()
        if not text:
            return self.empty_value
        key = self.find(text)
        return self.objects[key] if self.objects is not None else key

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        before, text = key_of(initial), str(data or "").strip()
        if not text:
            return before != ""
        found = self.entries.find(text)
        return len(found) != 1 or found[0] != before


#
# Several entries of a long list: the chosen ones ticked, more typed
#


class Chosen(list):
    """The keys of the ticked entries, plus what was typed into the "add" input (``typed``)."""

    def __init__(self, keys: Iterable = (), typed: str = ""):
        super().__init__(keys)
        self.typed = typed


def typed_parts(text: str) -> list[str]:
    return [part.strip() for part in SEPARATORS.split(str(text or "")) if part.strip()]


class ChosenListInput(forms.Widget):
    """Ticked checkboxes for the chosen entries and a text input, bound to the shared datalist, to add more."""

    use_fieldset = True
    lists: SharedLists | None = None
    list_id = ""
    entries: Entries | None = None
    add_label = ""

    def value_from_datadict(self, data, files, name):
        keys = data.getlist(name) if hasattr(data, "getlist") else data.get(name) or []
        if isinstance(keys, str):
            keys = [keys]
        return Chosen(keys, data.get(f"{name}_add", ""))

    def value_omitted_from_data(self, data, files, name):
        return False  # nothing ticked posts nothing: that is an empty list, not an omitted field

    def format_value(self, value):
        """The keys, as posted (a list: the conflict merge puts them back into the form's data)."""
        if value is None or value == "":
            return []
        return [key_of(item) for item in value]

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        value = value if isinstance(value, Chosen) else Chosen(value or [])
        labels = self.entries.labels if self.entries is not None else {}
        if final.get("disabled"):
            return read_only(final, ", ".join(labels.get(key, key) for key in value))
        if self.lists is not None and self.entries is not None:
            self.lists.use(self.list_id, self.entries)
        add_id = final.pop("id", "") or f"id_{name}"  # the field's own id: the error summary links to it
        boxes = [
            format_html(
                '<label class="form-check form-check-inline"><input type="checkbox" name="{}" value="{}" '
                'class="form-check-input" checked>{}</label>',
                name,
                key,
                labels.get(key, key),
            )
            for key in value
        ]
        add = {
            "type": "text",
            "name": f"{name}_add",
            "value": value.typed or None,
            "list": self.list_id,
            "id": add_id,
            "autocomplete": "off",
            "placeholder": gettext_now("Type to add…"),
            "aria-label": self.add_label,  # inside the fieldset whose legend names the list
            **final,
        }
        return mark_safe(f"{''.join(boxes)}<input{flatatt(add)}>")  # noqa: S308 - escaped above


class ChosenListField(forms.Field):
    """Several entries of a long list; cleans to the rows (``objects`` given) or keys, in list order."""

    widget = ChosenListInput
    default_error_messages = {
        "invalid_choice": _("“%(text)s” is not in the list."),
        **ListChoiceField.default_error_messages,
    }

    def __init__(self, *, entries: Entries, list_id: str, lists: SharedLists, objects: dict | None = None, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.entries, self.objects = entries, objects
        widget = self.widget
        widget.lists, widget.list_id, widget.entries = lists, list_id, entries
        widget.add_label = gettext_now("Add")

    find = ListChoiceField.find

    def _keys(self, value) -> tuple[list[str], list[str]]:
        """(keys of the ticked and of the typed entries that match one, typed parts that do not)."""
        value = value if isinstance(value, Chosen) else Chosen(key_of(v) for v in value or [])
        keys, unmatched = [key_of(v) for v in value], []
        for part in typed_parts(value.typed):
            found = self.entries.find(part)
            if len(found) == 1:
                keys.append(found[0])
            else:
                unmatched.append(part)
        return keys, unmatched

    def prepare_value(self, value):
        """Stored rows or codes, or the posted data: typed entries that match one are shown ticked."""
        if value in (None, ""):
            return Chosen()
        keys, unmatched = self._keys(value)
        return Chosen(self.entries.sort(keys), "; ".join(unmatched))

    def to_python(self, value):
        value = value if isinstance(value, Chosen) else Chosen(key_of(v) for v in value or [])
        errors, keys = [], []
        for key in value:
            if key in self.entries.labels:
                keys.append(key)
            else:
                errors.append(ValidationError(self.error_messages["invalid_choice"], "invalid_choice", {"text": key}))
        for part in typed_parts(value.typed):
            try:
                keys.append(self.find(part))
            except ValidationError as error:
                errors.append(error)
        if errors:
            raise ValidationError(errors)
        keys = self.entries.sort(keys)
        return [self.objects[key] for key in keys] if self.objects is not None else keys

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        before = {key_of(v) for v in initial or []}
        keys, unmatched = self._keys(data if data is not None else [])
        return bool(unmatched) or before != set(keys)
