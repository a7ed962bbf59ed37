"""Forms of the wizard, built per request from the step table (``design.steps``).

Selects that point to other rows (countries, organisations, SDG targets …) use *preloaded* fields: their
options are loaded once per request by ``design.selectors.options_for`` and shared by every row, and
cleaning looks the chosen value up in that list instead of querying — so a step with 40 rows validates
and renders in the same number of queries as one with 2. Model validation (``clean()``, constraints) runs
only for rows that changed; the services validate again when they write.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Callable, Iterable
from decimal import Decimal

from django import forms
from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.forms.models import BaseModelFormSet, fields_for_model, modelform_factory, modelformset_factory
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from codelists.costs import Payer, RiskMitigation, ShareTiming, currency_name
from codelists.partnerships import TOPICS_BY_PHASE, IndicatorCode, Phase, Side
from codelists.skills import DATA_NEED_GROUPS, DATA_NEED_PROMPTS
from design import selectors
from design.choosers import (
    FAST_RENDERER,
    LONG_LIST,
    LONG_MULTI_LIST,
    ChosenListField,
    FastCheckboxSelectMultiple,
    FastSelect,
    FastSelectMultiple,
    ListChoiceField,
    SharedLists,
    fast_widget,
    prime,
)
from design.steps import Collection, Step
from partnerships.models import Partnership
from smp.fields import StrListField

EMPTY_VALUES = (None, "", [], ())

#
# Option labels
#


@functools.lru_cache(maxsize=32)
def _country_names(language: str) -> dict[str, str]:
    """Country code → name in ``language`` (read once per language: a name looked up per row costs a
    translation lookup each, thousands per page)."""
    from django_countries import countries

    with translation.override(language):
        return {str(code): str(name) for code, name in countries}


def country_name(country) -> str:
    """The name of a django-countries ``Country`` (or code) in the active language."""
    code = str(getattr(country, "code", country) or "")
    return _country_names(translation.get_language() or "en").get(code, code)


def organisation_label(organisation) -> str:
    """An organisation named in words: its name and its country's name (unique, as the two are together)."""
    if not organisation.country:
        return organisation.name
    country = country_name(organisation.country)
    return organisation.name if organisation.name.endswith(f"({country})") else f"{organisation.name} ({country})"


def option_label(obj) -> str:
    """How a row is named in a select or a typed list (never a query: related rows are select_related by the
    selector)."""
    label = obj._meta.label
    if label == "stakeholders.Organisation":
        return organisation_label(obj)
    if label in ("stakeholders.Participation", "recruitment.Recruiter"):
        return organisation_label(obj.organisation)
    if label == "partnerships.PartnershipCountry":
        return f"{country_name(obj.country)} ({obj.get_side_display()})"
    return str(obj)


class OptionCache:
    """The options of every related model a step needs, loaded once per request."""

    def __init__(self, partnership: Partnership | None):
        self.partnership = partnership
        self._cache: dict[str, list] = {}
        self.lists = SharedLists()  # the page's datalists of long lists (design.choosers)

    def get(self, model_label: str) -> list:
        if model_label not in self._cache:
            self._cache[model_label] = selectors.options_for(model_label=model_label, partnership=self.partnership)
        return self._cache[model_label]

    def put(self, model_label: str, rows: list) -> None:
        self._cache[model_label] = rows


#
# Preloaded fields
#


def _share_choices(field: forms.Field, memo) -> forms.Field:
    """A field's copy for one form that shares the choices (Django deep-copies them for every row's form;
    nothing changes them in place — a form that wants others assigns new ones)."""
    result = forms.Field.__deepcopy__(field, memo)
    result._choices = field._choices
    return result


class SharedTypedChoiceField(forms.TypedChoiceField):
    """A model field's choices, shared by every row's copy of the field."""

    __deepcopy__ = _share_choices


class PreloadedChoiceField(forms.ChoiceField):
    """A select over already-loaded rows; cleans to the row (or ``None``) without a query."""

    __deepcopy__ = _share_choices

    def __init__(self, *, objects: Iterable, label_fn: Callable = option_label, required: bool = False, **kwargs):
        objects = list(objects)
        self.objects = {str(obj.pk): obj for obj in objects}
        choices = [("", "—")] + [(str(obj.pk), label_fn(obj)) for obj in objects]
        kwargs.setdefault("widget", FastSelect)
        super().__init__(choices=choices, required=required, **kwargs)
        prime(self.widget)

    def prepare_value(self, value):
        return value.pk if isinstance(value, models.Model) else value

    def clean(self, value):
        value = super().clean(value)
        return self.objects.get(str(value)) if value not in EMPTY_VALUES else None

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        initial = self.prepare_value(initial)
        return str(initial if initial is not None else "") != str(data if data is not None else "")


class PreloadedMultipleChoiceField(forms.MultipleChoiceField):
    """A multiple select over already-loaded rows; cleans to a list of rows without a query."""

    __deepcopy__ = _share_choices

    def __init__(self, *, objects: Iterable, label_fn: Callable = option_label, required: bool = False, **kwargs):
        objects = list(objects)
        self.objects = {str(obj.pk): obj for obj in objects}
        choices = [(str(obj.pk), label_fn(obj)) for obj in objects]
        kwargs.setdefault("widget", FastSelectMultiple(attrs={"size": min(6, max(len(choices), 2))}))
        super().__init__(choices=choices, required=required, **kwargs)
        prime(self.widget)

    def prepare_value(self, value):
        if value is None:
            return []
        return [v.pk if isinstance(v, models.Model) else v for v in value]

    def clean(self, value):
        value = super().clean(value)
        return [self.objects[str(v)] for v in value or []]

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        initial_set = {str(v) for v in self.prepare_value(initial)}
        data_set = {str(v) for v in (data or [])}
        return initial_set != data_set


def _words(text: str) -> list[str]:
    return [word for word in re.split(r"[^\w]+", text.casefold()) if word]


class OccupationCodeField(forms.CharField):
    """An ISCO-08 unit group typed as its four-digit code or as words of its title (a plain text input; with
    JavaScript, matches are offered while typing; without it, the words are matched when the form is saved)."""

    #: How many candidates an ambiguous search names in its error.
    SHOWN = 6

    def __init__(self, *, objects: Iterable, **kwargs):
        self.objects = {obj.code: obj for obj in objects}
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault(
            "widget",
            # ISCO-08 titles ship in English only: the value is marked as English text (docs/i18n.md).
            forms.TextInput(attrs={"autocomplete": "off", "data-occupation-picker": "1", "size": 24, "lang": "en"}),
        )
        kwargs.setdefault(
            "help_text",
            _("The four-digit ISCO-08 code or words of the title, e.g. 7112 or “bricklayers”."),
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return value.code if isinstance(value, models.Model) else value

    def matches(self, text: str) -> list:
        """Unit groups whose title holds every word of ``text`` (an exact title first)."""
        wanted = _words(text)
        exact = [obj for obj in self.objects.values() if _words(obj.title) == wanted]
        if exact:
            return exact
        return [
            obj
            for obj in sorted(self.objects.values(), key=lambda o: o.code)
            if all(any(word.startswith(w) for word in _words(obj.title)) for w in wanted)
        ]

    def clean(self, value):
        value = (super().clean(value) or "").strip()
        if not value:
            return None
        code = re.match(r"^(\d{4})\b", value)
        if code:  # "5120" or "5120 Cooks", as the picker offers it
            occupation = self.objects.get(code.group(1))
            if occupation is None:
                raise ValidationError(
                    _("%(code)s is not an ISCO-08 unit group: give four digits, e.g. 7112."),
                    code="unknown_occupation",
                    params={"code": code.group(1)},
                )
            return occupation
        found = self.matches(value)
        if len(found) == 1:
            return found[0]
        if not found:
            raise ValidationError(
                _("No ISCO-08 unit group has “%(text)s” in its title: try other words or the four-digit code."),
                code="unknown_occupation",
                params={"text": value},
            )
        shown = ", ".join(f"{obj.code} {obj.title}" for obj in found[: self.SHOWN])
        more = len(found) - self.SHOWN
        raise ValidationError(
            _("Several ISCO-08 unit groups match “%(text)s”: %(shown)s%(more)s. Give the four-digit code."),
            code="ambiguous_occupation",
            params={"text": value, "shown": shown, "more": f" … (+{more})" if more > 0 else ""},
        )

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        return str(self.prepare_value(initial) or "") != str(data or "").strip()


class OccupationCodesField(forms.CharField):
    """Several ISCO-08 unit groups typed as codes separated by commas."""

    def __init__(self, *, objects: Iterable, **kwargs):
        self.objects = {obj.code: obj for obj in objects}
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("ISCO-08 unit-group codes separated by commas, e.g. 7112, 7115."))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(v.code if isinstance(v, models.Model) else str(v) for v in value)
        return value

    def clean(self, value):
        text = super().clean(value) or ""
        codes = [code.strip() for code in text.replace(";", ",").split(",") if code.strip()]
        unknown = [code for code in codes if code not in self.objects]
        if unknown:
            raise ValidationError(
                _("Not ISCO-08 unit groups: %(codes)s."),
                code="unknown_occupation",
                params={"codes": ", ".join(unknown)},
            )
        return [self.objects[code] for code in dict.fromkeys(codes)]

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        before = {c.strip() for c in (self.prepare_value(initial) or "").split(",") if c.strip()}
        after = {c.strip() for c in str(data or "").replace(";", ",").split(",") if c.strip()}
        return before != after


class CodeListField(forms.CharField):
    """A short list of codes (e.g. ISO 639-1 languages) typed separated by commas."""

    def __init__(self, *, allowed: Iterable[str], **kwargs):
        self.allowed = frozenset(allowed)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list | tuple) else value

    def clean(self, value):
        text = super().clean(value) or ""
        codes = [code.strip().lower() for code in text.replace(";", ",").split(",") if code.strip()]
        unknown = [code for code in codes if code not in self.allowed]
        if unknown:
            raise ValidationError(
                _("Unknown codes: %(codes)s (use ISO codes such as en, fr, ar)."),
                code="unknown_code",
                params={"codes": ", ".join(unknown)},
            )
        return list(dict.fromkeys(codes))

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        before = [c.strip() for c in (self.prepare_value(initial) or "").split(",") if c.strip()]
        after = [c.strip().lower() for c in str(data or "").replace(";", ",").split(",") if c.strip()]
        return before != after


class SuggestedCodeField(forms.ChoiceField):
    """A code chosen from a library by its label (``Indicator.code``: the indicator library, §9.1).

    Codes stored another way (an own code sent over the API) stay selectable under their own value, so that
    saving the page never drops them (:meth:`RowForm.__init__` adds them).
    """

    def __init__(self, *, suggested: type[models.TextChoices], **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(choices=[("", _("None: an indicator of our own"))] + list(suggested.choices), **kwargs)

    def keep(self, value: str) -> None:
        if value and value not in {code for code, _label in self.choices}:
            self.choices = [*self.choices, (value, value)]


class TextListField(forms.CharField):
    """A short list of free texts (regions, names), one per line or separated by semicolons."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 2}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list | tuple) else value

    def clean(self, value):
        text = super().clean(value) or ""
        items = [item.strip() for item in re.split(r"[\n;]+", text) if item.strip()]
        return list(dict.fromkeys(items))

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        before = list(initial or []) if isinstance(initial, list | tuple) else self.clean(initial or "")
        return before != self.clean(data or "")


#
# Building fields from model fields
#

#: Text fields whose usual values come from a library: chosen by label in a select (model.field → code list).
SUGGESTED_CODES = {"partnerships.Indicator.code": IndicatorCode}
suggested_label = _("Library indicator")
suggested_help = _(
    "The indicator of the library this one measures, so that the checks recognise it (for example the "
    "participants who took up the job abroad, which the cost-per-migrant check reads); none for your own."
)


def _flat(choices) -> list[tuple[object, object]]:
    """Choices without groups and without the empty choice."""
    pairs = []
    for key, label in choices:
        if isinstance(label, list | tuple):
            pairs.extend(label)
        elif key not in EMPTY_VALUES:
            pairs.append((key, label))
    return pairs


def option_aliases(obj) -> list[str]:
    """Other exact names a row is typed by: an organisation's name without its country."""
    organisation = getattr(obj, "organisation", obj)
    return [organisation.name] if organisation._meta.label == "stakeholders.Organisation" else []


def row_list_field(options: OptionCache, target: str, objects: list, *, multiple: bool = False, **kwargs):
    """A long list of rows (organisations, the partnership's organisations …) typed with a shared datalist."""
    list_id, entries = options.lists.entries(
        ("rows", target),
        lambda: [(obj.pk, option_label(obj)) for obj in objects],
        lambda: [(obj.pk, alias) for obj in objects for alias in option_aliases(obj)],
    )
    by_key = {str(obj.pk): obj for obj in objects}
    field_class = ChosenListField if multiple else ListChoiceField
    return field_class(entries=entries, list_id=list_id, lists=options.lists, objects=by_key, **kwargs)


def code_list_field(options: OptionCache, field: forms.ChoiceField, *, multiple: bool = False):
    """A long code list (countries, currencies, interests …) typed with a shared datalist."""
    pairs = [(str(key), str(label)) for key, label in _flat(field.choices)]
    list_id, entries = options.lists.entries(("codes", tuple(key for key, _label in pairs)), lambda: pairs)
    common = {
        "entries": entries,
        "list_id": list_id,
        "lists": options.lists,
        "label": field.label,
        "help_text": field.help_text,
        "required": field.required,
        "initial": field.initial,
    }
    return ChosenListField(**common) if multiple else ListChoiceField(empty_value="", **common)


def make_formfield_callback(
    *, options: OptionCache, code_lists: Iterable[str] = (), textareas: Iterable[str] = (), locked: Iterable[str] = ()
):
    """A ``formfield_callback`` that swaps relations for preloaded fields and picks accessible widgets.

    Lists of more than ``design.choosers.LONG_LIST`` entries are typed with one shared datalist per page
    instead of a select per row, and several entries of more than ``LONG_MULTI_LIST`` are the chosen ones
    ticked plus a typed input to add more; shorter lists stay selects and checkboxes (rendered in Python).
    """
    code_lists, textareas = set(code_lists), set(textareas)

    def callback(db_field, **kwargs):
        # Label and help in the request's language once, not a translation lookup per row and use.
        label = str(db_field.verbose_name or db_field.name)
        label = label[:1].upper() + label[1:]
        required = not db_field.blank
        help_text = str(db_field.help_text)
        if db_field.name in code_lists:
            return CodeListField(allowed=db_field.allowed, label=label, help_text=help_text)
        suggested = SUGGESTED_CODES.get(f"{db_field.model._meta.label}.{db_field.name}")
        if suggested is not None:
            return SuggestedCodeField(suggested=suggested, label=suggested_label, help_text=suggested_help)
        if isinstance(db_field, StrListField):
            return TextListField(label=label, help_text=help_text or _("One per line."))
        if isinstance(db_field, models.ForeignKey):
            target = db_field.related_model._meta.label
            objects = options.get(target)
            if target == "skills.Occupation":
                return OccupationCodeField(objects=objects, label=label, required=required)
            if len(objects) > LONG_LIST:
                return row_list_field(options, target, objects, label=label, required=required, help_text=help_text)
            return PreloadedChoiceField(objects=objects, label=label, required=required, help_text=help_text)
        if isinstance(db_field, models.ManyToManyField):
            target = db_field.related_model._meta.label
            objects = options.get(target)
            if target == "skills.Occupation":
                return OccupationCodesField(objects=objects, label=label)
            if target == "skills.Sector":
                return PreloadedMultipleChoiceField(
                    objects=objects, label=label, help_text=help_text, widget=FastCheckboxSelectMultiple
                )
            if len(objects) > LONG_MULTI_LIST:
                return row_list_field(options, target, objects, multiple=True, label=label, help_text=help_text)
            return PreloadedMultipleChoiceField(objects=objects, label=label, help_text=help_text)
        if isinstance(db_field, models.URLField):
            # A bare "ministry.gov.ma" becomes https://… (Django 6's default; 5.2 warns while it still adds http).
            kwargs.setdefault("assume_scheme", "https")
        if db_field.choices is not None:
            kwargs.setdefault("choices_form_class", SharedTypedChoiceField)
        field = db_field.formfield(**kwargs)
        if field is None:
            return None
        field.label, field.help_text = label, help_text
        if isinstance(field, forms.MultipleChoiceField) and len(_flat(field.choices)) > LONG_MULTI_LIST:
            return code_list_field(options, field, multiple=True)
        single = isinstance(field, forms.ChoiceField) and isinstance(db_field, models.CharField)
        if single and len(_flat(field.choices)) > LONG_LIST:
            return code_list_field(options, field)
        if db_field.name in textareas:
            field.widget = forms.Textarea(attrs={"rows": 3})
        elif isinstance(db_field, models.DateField):
            field.widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        elif isinstance(db_field, models.TextField):
            field.widget = forms.Textarea(attrs={"rows": 2})
        field.widget = fast_widget(field.widget)
        if isinstance(field, forms.ChoiceField):
            # Re-assigning hands the options to the widget (smp.fields.LanguageListField swaps the widget
            # after the choices were set, which leaves its select empty); labels in the request's language once.
            field.choices = [
                (key, [(k, str(v)) for k, v in label] if isinstance(label, list | tuple) else str(label))
                for key, label in field.choices
            ]
            prime(field.widget)
        return field

    return callback


def share_help(form: forms.BaseForm) -> None:
    """Point each field's help at the one copy its collection prints above the rows
    (``help-<collection>-<field>``, see ``{% collection_help %}``) instead of repeating it in every row."""
    collection = (form.prefix or "").rsplit("-", 1)[0]
    form.help_ids = {}
    for name, field in form.fields.items():
        if field.help_text and not field.widget.is_hidden:
            form.help_ids[name] = field.widget.attrs["aria-describedby"] = f"help-{collection}-{name}"


def style_form(form: forms.BaseForm) -> None:
    """Bootstrap classes on every widget; invalid fields marked and pointed at their error text."""
    for name, field in form.fields.items():
        widget = field.widget
        if isinstance(widget, forms.HiddenInput):
            continue
        if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect | forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            css = "form-select"  # small, as every control of a .wizard-form (smp.css): not repeated per field
        else:
            css = "form-control"
        classes = set(widget.attrs.get("class", "").split()) | set(css.split())
        bound = form[name]
        if form.is_bound and hasattr(form, "_errors") and form._errors and name in form._errors:
            classes.add("is-invalid")
            described = f"{bound.auto_id}_error"
            if field.help_text:
                described += " " + (getattr(form, "help_ids", {}).get(name) or f"{bound.auto_id}_helptext")
            widget.attrs["aria-describedby"] = described
        widget.attrs["class"] = " ".join(sorted(classes))


#
# Version (optimistic locking)
#


class VersionForm(forms.Form):
    """The partnership version the page was built from; a save based on an older one is a conflict."""

    default_renderer = FAST_RENDERER  # inputs and selects written in Python (design.choosers)

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


#
# The partnership's own fields
#


class FieldErrorsOnTheForm:
    """A model's ``clean()`` may name a field the form does not show (a sectoral body's sector on a page that
    does not ask for it): Django would raise ``ValueError`` there. Such errors become the form's own errors,
    in words, so the page explains them instead of failing."""

    def _update_errors(self, errors):
        if hasattr(errors, "error_dict"):
            kept, moved = {}, []
            for name, messages in errors.error_dict.items():
                if name == NON_FIELD_ERRORS or name in self.fields:
                    kept[name] = messages
                else:
                    moved.extend(messages)
            if moved:
                kept.setdefault(NON_FIELD_ERRORS, []).extend(moved)
                errors = ValidationError(kept)
        super()._update_errors(errors)


class PartnershipFieldsForm(FieldErrorsOnTheForm, forms.ModelForm):
    """The main form of a step: some of the partnership's own fields (validated with the model's rules)."""

    default_renderer = FAST_RENDERER  # inputs and selects written in Python (design.choosers)

    class Meta:
        model = Partnership
        fields: list[str] = []

    def __init__(self, *args, instance: Partnership | None = None, **kwargs):
        # A copy: a failed validation must not leave the page's partnership half-changed.
        super().__init__(*args, instance=copy.copy(instance) if instance is not None else None, **kwargs)

    def clean(self):
        cleaned = super().clean()
        # Database constraints are checked once, by the service's full_clean (one query each).
        self._validate_constraints = False
        return cleaned

    def service_data(self) -> dict:
        """The changed fields, as the service expects them (relations as rows)."""
        return {name: self.cleaned_data[name] for name in self.changed_data}


def partnership_form_class(step: Step, options: OptionCache) -> type[PartnershipFieldsForm]:
    return modelform_factory(
        Partnership,
        form=PartnershipFieldsForm,
        fields=list(step.partnership_fields),
        formfield_callback=make_formfield_callback(options=options, textareas=step.textareas),
    )


class NewPartnershipForm(forms.Form):
    """Who leads the new partnership: one of the creator's organisations, on one side."""

    default_renderer = FAST_RENDERER  # inputs and selects written in Python (design.choosers)

    organisation = forms.ChoiceField(label=_("Your organisation (leads the partnership)"))
    side = forms.ChoiceField(label=_("Side of your organisation"), choices=[("", "—"), *Side.choices])

    def __init__(self, *args, organisations: Iterable, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {str(org.pk): org for org in organisations}
        self.fields["organisation"].choices = [(pk, org.name) for pk, org in self.organisations.items()]

    def clean_organisation(self):
        return self.organisations[self.cleaned_data["organisation"]]


#
# Repeating rows (model formsets)
#


class RowForm(FieldErrorsOnTheForm, forms.ModelForm):
    """One repeating item. Model validation runs only when the row changed and is not being removed."""

    default_renderer = FAST_RENDERER  # inputs and selects written in Python (design.choosers)

    partnership: Partnership | None = None
    locked: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, form_field in self.fields.items():
            if isinstance(form_field, SuggestedCodeField):
                form_field.keep(getattr(self.instance, name, "") or "")
        share_help(self)
        if self.instance.pk:
            for name in self.locked:
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].required = False

    def visible_fields(self):
        """The fields of the row's grid: a saved row's locked fields are not repeated there, its title names
        them (:meth:`locked_title`) — read-only text instead of a disabled select carrying the whole list."""
        fields = super().visible_fields()
        if self.instance.pk and self.locked:
            fields = [bound for bound in fields if bound.name not in self.locked]
        return fields

    def locked_title(self) -> str:
        """A saved row named by the values of its locked fields (its organisation, country, occupation);
        ``""`` for a new row or a collection without locked fields."""
        if not self.instance.pk:
            return ""
        names = []
        for name in self.locked:
            value = getattr(self.instance, name, None)
            if isinstance(value, models.Model):
                names.append(option_label(value))
            elif value:
                names.append(country_name(value) if hasattr(value, "code") else str(value))
        return ", ".join(names)

    def clean(self):
        cleaned = super().clean()
        self._validate_constraints = False  # checked once, by the service's full_clean
        return cleaned

    def _post_clean(self):
        if not self.has_changed() or self.cleaned_data.get("DELETE"):
            return
        if self.partnership is not None and hasattr(self.instance, "partnership_id"):
            self.instance.partnership = self.partnership
        super()._post_clean()

    def service_data(self) -> dict:
        """Every editable field of the row (locked fields only on creation)."""
        names = [n for n in self._meta.fields if n in self.cleaned_data]
        if self.instance.pk:
            names = [n for n in names if n not in self.locked]
        return {name: self.cleaned_data[name] for name in names}


class RowIdField(PreloadedChoiceField):
    """The hidden id of a saved row, cleaned against the loaded rows (one dict shared by every row's form,
    not a list of every row's id per row)."""

    def __init__(self, *, objects_by_pk: dict, **kwargs):
        forms.ChoiceField.__init__(self, required=False, widget=forms.HiddenInput, **kwargs)
        self.objects = objects_by_pk

    def valid_value(self, value) -> bool:
        return str(value) in self.objects


class RowFormSet(BaseModelFormSet):
    """Model formset whose hidden ``id`` fields clean against the loaded rows (no query per row)."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        pk_name = self._pk_field.name
        if getattr(self, "_rows_by_pk", None) is None:
            self._rows_by_pk = {str(obj.pk): obj for obj in self.get_queryset()}
        field = RowIdField(objects_by_pk=self._rows_by_pk)
        field.initial = form.fields[pk_name].initial
        form.fields[pk_name] = field
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove")


def row_formset_class(collection: Collection, options: OptionCache, partnership: Partnership, *, extra: int = 0):
    """The formset class of one collection for this request (options bound, rows validated once)."""
    model = apps.get_model(collection.model)
    form_class = type(
        f"{model.__name__}RowForm",
        (RowForm,),
        {"partnership": partnership, "locked": collection.locked},
    )
    return modelformset_factory(
        model,
        form=form_class,
        formset=RowFormSet,
        fields=list(collection.fields),
        extra=min(extra, collection.max_rows) if collection.max_rows else extra,
        max_num=collection.max_rows or None,
        validate_max=bool(collection.max_rows),
        can_delete=True,
        renderer=FAST_RENDERER,
        formfield_callback=make_formfield_callback(
            options=options, code_lists=collection.code_lists, textareas=collection.textareas
        ),
    )


class ShareTermsForm(forms.Form):
    """When and on which terms one payer pays its share of a cost item (E8.R5 reads both)."""

    share = forms.IntegerField(widget=forms.HiddenInput)
    organisation = forms.TypedChoiceField(
        label=_("Which organisation pays it"),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Name the payer: the ministry, employer or funder that carries this share (E8.R2)."),
    )
    timing = forms.ChoiceField(label=_("When it is paid"), choices=ShareTiming.choices)
    risk_mitigation = forms.ChoiceField(label=_("What limits the payer's risk"), choices=RiskMitigation.choices)

    def __init__(self, *args, organisations: Iterable = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", _("Not named yet"))] + [
            (organisation.pk, option_label(organisation)) for organisation in organisations
        ]


ShareTermsFormSet = forms.formset_factory(ShareTermsForm, extra=0)


def share_terms_rows(shares: Iterable, formset) -> list[dict]:
    """The item's complete share list for ``costs.services.cost_share_set`` with the terms from ``formset``."""
    terms = {form.cleaned_data["share"]: form.cleaned_data for form in formset.forms}
    rows = []
    for share in shares:
        chosen = terms.get(share.pk, {})
        rows.append(
            {
                "payer": share.payer,
                "organisation": chosen.get("organisation", share.organisation_id),
                "percent": share.percent,
                "instrument": share.instrument,
                "committed": share.committed,
                "timing": chosen.get("timing", share.timing),
                "risk_mitigation": chosen.get("risk_mitigation", share.risk_mitigation),
            }
        )
    return rows


def row_form_class(collection: Collection, options: OptionCache, partnership: Partnership):
    """The form of one stored row on its own page: the step's fields of the row and its details."""
    model = apps.get_model(collection.model)
    locked = collection.locked
    if collection.kind == "fixed":
        locked = ()  # the row's code (question, topic) is not a field; every other field may change
    form_class = type(f"{model.__name__}DetailForm", (RowForm,), {"partnership": partnership, "locked": locked})
    return modelform_factory(
        model,
        form=form_class,
        fields=list(collection.all_fields),
        formfield_callback=make_formfield_callback(
            options=options, code_lists=collection.code_lists, textareas=collection.textareas
        ),
    )


#
# Fixed rows (one per code: Box 10 prompts, continuum topics)
#


class FixedRowForm(forms.Form):
    """One row of a fixed list, identified by ``key``; an empty status means 'not recorded'."""

    default_renderer = FAST_RENDERER  # inputs and selects written in Python (design.choosers)

    key = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        share_help(self)
        # Named by its column's header and its row's question (ids in fixed_rows.html), not by a hidden
        # label repeating the question in every cell.
        collection = (self.prefix or "").rsplit("-", 1)[0]
        for name, field in self.fields.items():
            if not field.widget.is_hidden:
                field.widget.attrs["aria-labelledby"] = f"h-{collection}-{name} q-{self.prefix}"

    def clean(self):
        cleaned = super().clean()
        others = [name for name, value in cleaned.items() if name not in ("key", "status") and value]
        if others and not cleaned.get("status"):
            self.add_error("status", _("Choose a status so that what you wrote here is saved."))
        return cleaned

    def service_data(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "key"}


def fixed_rows(collection: Collection) -> list[tuple[str, str, str]]:
    """(key, group label, question) for each row of a fixed collection."""
    if collection.prefix == "needs":
        return [
            (prompt.code, str(DATA_NEED_GROUPS[prompt.code.split(".", 1)[0]]), str(prompt.text))
            for prompt in DATA_NEED_PROMPTS
        ]
    if collection.prefix == "provisions":
        from codelists.partnerships import ContinuumTopic

        return [
            (f"{phase}:{topic}", str(Phase(phase).label), str(ContinuumTopic(topic).label))
            for phase, topics in TOPICS_BY_PHASE.items()
            for topic in topics
        ]
    raise KeyError(collection.prefix)


def fixed_row_key(obj) -> str:
    if obj._meta.label == "skills.DataNeed":
        return obj.prompt_code
    return f"{obj.phase}:{obj.topic}"


def fixed_formset_class(collection: Collection, options: OptionCache):
    model = apps.get_model(collection.model)
    fields = fields_for_model(
        model,
        fields=list(collection.fields),
        formfield_callback=make_formfield_callback(options=options, textareas=collection.textareas),
    )
    for field in fields.values():
        field.required = False
    form_class = type(f"{model.__name__}FixedForm", (FixedRowForm,), dict(fields))
    return forms.formset_factory(form_class, extra=0, renderer=FAST_RENDERER)


def fixed_initial(collection: Collection, rows: Iterable) -> tuple[list[dict], dict[str, object]]:
    """Initial data of a fixed formset (every key, with the stored values) and key → stored row."""
    by_key = {fixed_row_key(row): row for row in rows}
    initial = []
    for key, _group, _question in fixed_rows(collection):
        row = by_key.get(key)
        values = {"key": key}
        if row is not None:
            for name in collection.fields:
                values[name] = getattr(row, row._meta.get_field(name).attname)
        initial.append(values)
    return initial, by_key


#
# Cost-sharing grid (items × payers in percent)
#

PAYERS: tuple[str, ...] = tuple(Payer.values)


class ShareRowForm(forms.Form):
    """The shares of one cost item: a percentage per payer (empty = that payer pays nothing).

    The service's own check (``costs.services.cost_shares_validate``) runs here, so a total other than
    100 %, a migrant paying a stipend or an 'other' share without its organisation is reported on the row.
    """

    default_renderer = FAST_RENDERER  # inputs and selects written in Python (design.choosers)

    item = forms.IntegerField(widget=forms.HiddenInput)
    other_organisation = forms.ChoiceField(label=_("Other funder (organisation)"), required=False)

    def __init__(self, *args, items: dict, organisations: list, lists: SharedLists | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        self.organisations = {str(org.pk): org for org in organisations}
        if lists is not None and len(organisations) > LONG_LIST:
            # Typed with the page's shared list of organisations; cleans to the key, as the select does.
            list_id, entries = lists.entries(
                ("share-organisations",),
                lambda: [(org.pk, organisation_label(org)) for org in organisations],
                lambda: [(org.pk, org.name) for org in organisations],
            )
            self.fields["other_organisation"] = ListChoiceField(
                entries=entries, list_id=list_id, lists=lists, empty_value="", label=_("Other funder (organisation)")
            )
        else:
            self.fields["other_organisation"].widget = FastSelect()
            self.fields["other_organisation"].choices = [("", "—")] + [
                (pk, org.name) for pk, org in self.organisations.items()
            ]
        for payer in PAYERS:
            self.fields[f"p_{payer}"] = forms.DecimalField(
                label=Payer(payer).label,
                required=False,
                min_value=Decimal("0"),
                max_value=Decimal("100"),
                decimal_places=2,
                max_digits=5,
                widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "100", "data-share": payer}),
            )
        self.order_fields(["item", *(f"p_{p}" for p in PAYERS), "other_organisation"])

    @property
    def cost_item(self):
        key = self.data.get(self.add_prefix("item")) if self.is_bound else self.initial.get("item")
        try:
            return self.items.get(int(key))
        except (TypeError, ValueError):
            return None

    def clean_item(self):
        item = self.items.get(self.cleaned_data["item"])
        if item is None:
            raise ValidationError(_("This cost item no longer exists; reload the page."), code="gone")
        return item

    def shares(self) -> list[dict]:
        """The rows for ``cost_share_set``: organisations of single existing shares are kept."""
        item = self.cleaned_data["item"]
        kept = {}
        for share in item.shares.all():
            kept.setdefault(share.payer, []).append(share.organisation_id)
        rows = []
        for payer in PAYERS:
            percent = self.cleaned_data.get(f"p_{payer}")
            if percent in (None, "") or percent == 0:
                continue
            row = {"payer": payer, "percent": percent}
            if payer == Payer.OTHER:
                organisation = self.cleaned_data.get("other_organisation")
                row["organisation"] = self.organisations.get(organisation) if organisation else None
            elif payer != Payer.MIGRANT and len(kept.get(payer, [])) == 1:
                row["organisation"] = kept[payer][0]
            rows.append(row)
        return rows

    def clean(self):
        cleaned = super().clean()
        if self.errors or "item" not in cleaned:
            return cleaned
        from costs.services import cost_shares_validate

        try:
            cost_shares_validate(item=cleaned["item"], shares=self.shares())
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                target = "other_organisation" if field == "organisation" else None
                for message in messages:
                    self.add_error(target, message)
        return cleaned


def share_initial(items: Iterable) -> list[dict]:
    """One grid row per item with the sum per payer of its stored shares."""
    initial = []
    for item in items:
        row: dict = {"item": item.pk}
        for share in item.shares.all():
            key = f"p_{share.payer}"
            row[key] = (row.get(key) or Decimal(0)) + share.percent
            if share.payer == Payer.OTHER and share.organisation_id:
                row["other_organisation"] = str(share.organisation_id)
        initial.append(row)
    return initial


class BaseShareFormSet(forms.BaseFormSet):
    def __init__(self, *args, items: dict, organisations: list, lists: SharedLists | None = None, **kwargs):
        self.items, self.organisations, self.lists = items, organisations, lists
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"items": self.items, "organisations": self.organisations, "lists": self.lists}


ShareFormSet = forms.formset_factory(ShareRowForm, formset=BaseShareFormSet, extra=0, renderer=FAST_RENDERER)


#
# Exchange rates of the costs step (one row per currency of the cost items other than the reporting currency)
#


def plain_number(value) -> str:
    """A ``Decimal`` as typed by people: "0.092", "100" (no trailing zeros, never an exponent)."""
    if value in EMPTY_VALUES:
        return ""
    return format(Decimal(value).normalize(), "f")


class PlainDecimalField(forms.DecimalField):
    """A ``DecimalField`` that shows a stored ``Decimal("0.09200000")`` as "0.092" (compared as a number)."""

    def prepare_value(self, value):
        return plain_number(value) if isinstance(value, Decimal) else value


class ExchangeRateForm(forms.Form):
    """The partnership's rate for one currency: 1 ``base_currency`` = ``rate`` ``quote_currency`` (the
    reporting currency), its date and its source (SMP-DOMAIN §8.4; ``costs.services.exchange_rate_set``).

    Shown filled with the rate in use (the partnership's own, else the shared reference rate); saving a
    changed row stores it as the partnership's own. A row left empty saves nothing and is no error.
    """

    base_currency = forms.CharField(widget=forms.HiddenInput, max_length=3)
    quote_currency = forms.CharField(widget=forms.HiddenInput, max_length=3)
    rate = PlainDecimalField(
        label=_("Rate"),
        required=False,
        max_digits=18,
        decimal_places=8,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={
            "invalid": _("Enter the rate as a number, for example 10.85 (with a point before the decimals)."),
            "max_decimal_places": _("Use at most eight decimals for a rate."),
            "max_whole_digits": _("The rate is too large: check that it is the value of one unit."),
            "max_digits": _("The rate is too long: use at most ten digits before the point and eight after."),
        },
    )
    as_of = forms.DateField(
        label=_("Date of the rate"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter the date like 2026-01-31.")},
    )
    source = forms.CharField(
        label=_("Source"),
        required=False,
        max_length=255,
        help_text=_("Where the rate comes from, for example a central bank's reference rate."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.base = self._value("base_currency")
        self.quote = self._value("quote_currency")
        self.base_name, self.quote_name = currency_name(self.base), currency_name(self.quote)
        self.row_title = _("Exchange rate for %(name)s (%(code)s)") % {"name": self.base_name, "code": self.base}
        self.fields["rate"].label = _("Value of 1 %(base)s in %(quote)s") % {"base": self.base, "quote": self.quote}
        self.fields["rate"].help_text = _("How many %(quote)s one %(base)s is worth.") % {
            "quote": self.quote_name,
            "base": self.base_name,
        }

    def _value(self, name: str) -> str:
        raw = self.data.get(self.add_prefix(name)) if self.is_bound else self.initial.get(name)
        return str(raw or "").strip().upper()[:3]

    def is_empty(self) -> bool:
        """Nothing typed: no rate, no date, no source."""
        return all(
            not str(self.data.get(self.add_prefix(name), "") or "").strip() for name in ("rate", "as_of", "source")
        )

    def wants_save(self) -> bool:
        """Changed from what was shown, and not left empty."""
        return self.is_bound and self.has_changed() and not self.is_empty()

    def clean(self):
        cleaned = super().clean()
        if not self.wants_save():
            return cleaned
        rate = cleaned.get("rate")
        if "rate" not in self.errors:
            if rate is None:
                self.add_error(
                    "rate",
                    _("Enter the rate: how many %(quote)s one %(base)s is worth.")
                    % {"quote": self.quote_name, "base": self.base_name},
                )
            elif rate <= 0:
                self.add_error("rate", _("The rate must be greater than 0 (got %(value)s).") % {"value": rate})
        if "as_of" not in self.errors and cleaned.get("as_of") is None:
            self.add_error("as_of", _("Enter the date of the rate."))
        return cleaned

    def service_data(self) -> dict:
        """The keyword arguments of ``costs.services.exchange_rate_set`` for this row."""
        return {
            "base_currency": self.cleaned_data["base_currency"],
            "quote_currency": self.cleaned_data["quote_currency"],
            "rate": self.cleaned_data["rate"],
            "as_of": self.cleaned_data["as_of"],
            "source": self.cleaned_data.get("source") or "",
        }


class BaseExchangeRateFormSet(forms.BaseFormSet):
    """The rows of ``initial`` (one per currency); a posted row takes the initial values of the currency it
    names, so rows are matched by currency, not by position."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.by_currency = {row["base_currency"]: row for row in self.initial or []}

    def _construct_form(self, i, **kwargs):
        if self.is_bound:
            code = str(self.data.get(f"{self.add_prefix(i)}-base_currency", "") or "").strip().upper()
            kwargs["initial"] = self.by_currency.get(code, {})
        return super()._construct_form(i, **kwargs)


ExchangeRateFormSet = forms.formset_factory(ExchangeRateForm, formset=BaseExchangeRateFormSet, extra=0)


def exchange_rate_initial(*, currencies: Iterable[str], reporting_currency: str, rates) -> list[dict]:
    """One row per currency other than the reporting one, filled with the rate ``rates`` (a
    ``costs.calculations.RateTable``) uses for it: ``own`` tells the partnership's own from a reference rate."""
    rows = []
    for code in sorted(set(currencies) - {reporting_currency}):
        quote = rates.quote_for(code, reporting_currency)
        row: dict = {"base_currency": code, "quote_currency": reporting_currency}
        if quote is not None:
            row.update(rate=quote.rate, as_of=quote.as_of, source=quote.source, own=quote.own)
        rows.append(row)
    return rows


class OrganisationForm(forms.ModelForm):
    """A new organisation, registered from the actors step (name, country, category, level, portfolio)."""

    default_renderer = FAST_RENDERER  # inputs and selects written in Python (design.choosers)

    class Meta:
        model = apps.get_model("stakeholders", "Organisation")
        fields = ("name", "country", "category", "level", "portfolio")
        help_texts = {
            "name": _("Its official name, in full; the list is searched before a new one is added."),
            "country": _("Leave empty only for an international organisation or a donor without a country."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)

    def validate_unique(self):
        """The service checks names, near-duplicates included, and names the one that exists."""
