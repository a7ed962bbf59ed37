"""Helpers for the wizard's view tests: read a rendered form as a browser would submit it."""

from __future__ import annotations

from html.parser import HTMLParser

from django.http import QueryDict


class _FormReader(HTMLParser):
    """Collects the successful controls of the form with id ``form_id`` (inputs, selects, textareas)."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.values: list[tuple[str, str]] = []
        self._select: str | None = None
        self._select_multiple = False
        self._select_values: list[str] = []
        self._select_first: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []
        self._option_value: str | None = None
        self._option_selected = False
        self._option_text: list[str] = []
        self._in_option = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
            return
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and "disabled" not in attrs:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "reset"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.values.append((name, attrs.get("value", "on")))
                return
            self.values.append((name, attrs.get("value", "")))
        elif tag == "select" and name and "disabled" not in attrs:
            self._select, self._select_multiple = name, "multiple" in attrs
            self._select_values, self._select_first = [], None
        elif tag == "option" and self._select is not None:
            self._in_option = True
            self._option_value = attrs.get("value")
            self._option_selected = "selected" in attrs
            self._option_text = []
        elif tag == "textarea" and name and "disabled" not in attrs:
            self._textarea, self._text = name, []

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)
        if self._in_option:
            self._option_text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "option" and self._in_option:
            value = self._option_value if self._option_value is not None else "".join(self._option_text)
            if self._select_first is None:
                self._select_first = value
            if self._option_selected:
                self._select_values.append(value)
            self._in_option = False
        elif tag == "select" and self._select is not None:
            if self._select_values:
                for value in self._select_values:
                    self.values.append((self._select, value))
            elif not self._select_multiple and self._select_first is not None:
                self.values.append((self._select, self._select_first))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            self.values.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None


def form_data(response, form_id: str = "step-form") -> QueryDict:
    """The data a browser would post from the page's form (a mutable ``QueryDict``)."""
    reader = _FormReader(form_id)
    reader.feed(response.content.decode())
    data = QueryDict(mutable=True)
    for name, value in reader.values:
        data.appendlist(name, value)
    return data


def as_post(data) -> dict:
    """``data`` for the test client: every value of a multi-valued field (``QueryDict.items`` keeps the last)."""
    if not hasattr(data, "lists"):
        return data
    return {key: values if len(values) > 1 else values[0] for key, values in data.lists()}
