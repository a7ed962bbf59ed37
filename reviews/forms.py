"""Forms of the reviews app: the dashboard filters (GET), comments and review actions (POST).

Forms only validate input and translate it into selector filters or service arguments; the rules live in
``reviews.workflow`` and ``reviews.services``.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from codelists.partnerships import ElementCode, IomRegion, MigrationType, ReviewStatus, SkillLevel, Stage
from codelists.skills import SectorCode
from reviews.selectors import SORTS, PortfolioFilters
from reviews.workflow import WORKFLOW
from smp.text import folded

ANY = [("", _("Any"))]


def _by_name(choice: tuple[str, str]) -> str:
    """Sort key of a choice by its name as a reader expects: accents and case aside ("Égypte" with the E's)."""
    return folded(choice[1])


def _country_choices() -> list[tuple[str, str]]:
    """The countries on record, named in the reader's language (django-countries; the table keeps English)."""
    from partnerships.models import Country

    named = ((code, countries.name(code) or name) for code, name in Country.objects.values_list("code", "name"))
    return ANY + sorted(((code, str(name)) for code, name in named), key=_by_name)


def _sector_choices() -> list[tuple[str, str]]:
    """The sectors on record, by their code list's names in the reader's language (the table keeps English)."""
    from skills.models import Sector

    names = dict(SectorCode.choices)
    codes = Sector.objects.values_list("code", flat=True)
    return ANY + sorted(((code, str(names.get(code, code))) for code in codes), key=_by_name)


class PortfolioFilterForm(forms.Form):
    """The dashboard filters; every value is in the URL so a filtered view can be shared or bookmarked."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    region = forms.ChoiceField(label=_("IOM region"), required=False, choices=ANY + IomRegion.choices)
    country = forms.ChoiceField(label=_("Country"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    skill_level = forms.ChoiceField(label=_("Skill level"), required=False, choices=ANY + SkillLevel.choices)
    migration_type = forms.ChoiceField(
        label=_("Type of migration"), required=False, choices=ANY + MigrationType.choices
    )
    stage = forms.ChoiceField(label=_("Stage"), required=False, choices=ANY + Stage.choices)
    status = forms.ChoiceField(label=_("Review status"), required=False, choices=ANY + ReviewStatus.choices)
    red_flag = forms.BooleanField(label=_("Recruitment red flags only"), required=False)
    sort = forms.ChoiceField(required=False, choices=[(key, key) for key in SORTS], widget=forms.HiddenInput)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = _country_choices()
        self.fields["sector"].choices = _sector_choices()

    def filters(self) -> PortfolioFilters:
        """The valid filters; an invalid value is dropped (and shown as an error next to its field)."""
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        return PortfolioFilters(
            region=data.get("region") or "",
            country=data.get("country") or "",
            sector=data.get("sector") or "",
            skill_level=data.get("skill_level") or "",
            migration_type=data.get("migration_type") or "",
            stage=data.get("stage") or "",
            status=data.get("status") or "",
            red_flag=bool(data.get("red_flag")),
            q=(data.get("q") or "").strip(),
        )


ELEMENT_CHOICES = [("", _("The whole partnership"))] + ElementCode.choices


class CommentForm(forms.Form):
    """A review comment, on the whole partnership, one element or one rule."""

    element = forms.ChoiceField(label=_("On"), required=False, choices=ELEMENT_CHOICES)
    rule_id = forms.CharField(
        label=_("Rule (optional)"), required=False, max_length=16, help_text=_("For example E3.R2 or R.11.")
    )
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    requests_change = forms.BooleanField(label=_("This requests a change"), required=False)


class RequestChangesForm(forms.Form):
    """Request changes: the reason becomes a change-requesting comment, then the action is taken."""

    element = forms.ChoiceField(label=_("Element to change"), required=False, choices=ELEMENT_CHOICES)
    rule_id = forms.CharField(label=_("Rule (optional)"), required=False, max_length=16)
    text = forms.CharField(
        label=_("What must change, and why"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text=_("Leave empty if the change requests you already wrote say it all."),
    )


class ActionForm(forms.Form):
    """Any other review action, with an optional (or required) comment."""

    action = forms.ChoiceField(choices=[(code, t.label) for code, t in WORKFLOW.items()], widget=forms.HiddenInput)
    expected_status = forms.ChoiceField(choices=ReviewStatus.choices, widget=forms.HiddenInput, required=False)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CompareForm(forms.Form):
    """Two runs of the partnership to compare."""

    run_a = forms.IntegerField(label=_("Older run"), min_value=1)
    run_b = forms.IntegerField(label=_("Newer run"), min_value=1)
