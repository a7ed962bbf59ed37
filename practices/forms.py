"""The curation form: one text box per element for what the scheme did."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from codelists.partnerships import ElementCode, IomRegion
from codelists.skills import SectorCode

_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")


def _codes(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,\s]+", value or "") if part.strip()]


class PracticeForm(forms.Form):
    slug = forms.SlugField(label=_("Short name in the address"), max_length=80)
    name = forms.CharField(label=_("Name"), max_length=200)
    corridor = forms.CharField(label=_("Corridor"), max_length=200, required=False)
    origin_countries = forms.CharField(
        label=_("Countries of origin"), required=False, help_text=_("Two-letter country codes, separated by commas.")
    )
    destination_countries = forms.CharField(
        label=_("Countries of destination"),
        required=False,
        help_text=_("Two-letter country codes, separated by commas."),
    )
    regions = forms.MultipleChoiceField(
        label=_("IOM regions"), choices=IomRegion.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    sectors = forms.MultipleChoiceField(
        label=_("Sectors"), choices=SectorCode.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}))
    rules = forms.CharField(
        label=_("Rules illustrated"), help_text=_("Rule ids such as E8.R7 or R.3, separated by commas.")
    )
    figures = forms.CharField(
        label=_("Figures"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One figure per line, each with its source."),
    )
    source = forms.CharField(label=_("Source"), max_length=200)
    outside_sources = forms.BooleanField(label=_("From outside sources (not in the seed reports)"), required=False)
    reason = forms.CharField(label=_("Note for the history"), max_length=100, required=False)

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in ElementCode.choices:
            self.fields[f"action_{code}"] = forms.CharField(
                label=_("What they did for %(element)s") % {"element": label},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        if editing:
            self.fields["slug"].disabled = True
        else:
            del self.fields["reason"]

    @staticmethod
    def initial_from(practice) -> dict:
        initial = {
            "slug": practice.slug,
            "name": practice.name,
            "corridor": practice.corridor,
            "origin_countries": ", ".join(practice.origin_countries),
            "destination_countries": ", ".join(practice.destination_countries),
            "regions": practice.regions,
            "sectors": practice.sectors,
            "summary": practice.summary,
            "rules": ", ".join(practice.rules),
            "figures": "\n".join(practice.figures),
            "source": practice.source,
            "outside_sources": practice.outside_sources,
        }
        initial.update({f"action_{code}": text for code, text in practice.actions.items()})
        return initial

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug == "new":
            raise forms.ValidationError(_("This address is taken by the page that adds a practice."))
        return slug

    def _countries(self, name: str) -> list[str]:
        codes = [code.upper() for code in _codes(self.cleaned_data.get(name, ""))]
        wrong = [code for code in codes if not _COUNTRY_RE.match(code)]
        if wrong:
            raise forms.ValidationError(_("Not a two-letter country code: %(codes)s.") % {"codes": ", ".join(wrong)})
        return codes

    def clean_origin_countries(self):
        return self._countries("origin_countries")

    def clean_destination_countries(self):
        return self._countries("destination_countries")

    def clean_rules(self):
        from feasibility.registry import REGISTRY

        rules = _codes(self.cleaned_data.get("rules", ""))
        unknown = [rule for rule in rules if rule not in REGISTRY]
        if unknown:
            raise forms.ValidationError(_("Unknown rule(s): %(rules)s.") % {"rules": ", ".join(unknown)})
        if not rules:
            raise forms.ValidationError(_("Name at least one rule the practice illustrates."))
        return rules

    def clean_figures(self):
        return [line.strip() for line in (self.cleaned_data.get("figures") or "").splitlines() if line.strip()]

    def clean(self):
        cleaned = super().clean()
        actions = {code: (cleaned.get(f"action_{code}") or "").strip() for code in ElementCode.values}
        cleaned["actions"] = {code: text for code, text in actions.items() if text}
        if not cleaned["actions"]:
            raise forms.ValidationError(_("Say what the scheme did for at least one element."))
        missing = sorted({r.split(".")[0] for r in cleaned.get("rules") or []} - set(cleaned["actions"]))
        if missing:
            raise forms.ValidationError(
                _("Say what the scheme did for the elements of its rules: %(codes)s.") % {"codes": ", ".join(missing)}
            )
        return cleaned
