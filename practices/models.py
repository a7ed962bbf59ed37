"""The library of practices: real schemes and what they did for each essential element (issue "A library of
practices"). Facts and figures come from the seed reports (cited by short code, e.g. ``G B15``); an entry whose
facts come from elsewhere is flagged ``outside_sources``. The text is the team's own."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from codelists.partnerships import ElementCode, IomRegion
from codelists.skills import SectorCode
from smp.fields import MultiChoiceField, StrListField
from smp.models import TimeStampedModel


class Practice(TimeStampedModel):
    """One entry of the library: a scheme, the elements it illustrates and the rules it shows in practice."""

    slug = models.SlugField(_("short name in the address"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    corridor = models.CharField(_("corridor"), max_length=200, blank=True)
    origin_countries = StrListField(_("countries of origin"), help_text=_("ISO 3166-1 alpha-2 codes."))
    destination_countries = StrListField(_("countries of destination"), help_text=_("ISO 3166-1 alpha-2 codes."))
    regions = MultiChoiceField(_("IOM regions"), choices=IomRegion.choices)
    sectors = MultiChoiceField(_("sectors"), choices=SectorCode.choices)
    elements = MultiChoiceField(_("elements illustrated"), choices=ElementCode.choices)
    rules = StrListField(_("rules illustrated"), help_text=_("Rule ids such as E8.R7 or R.3."))
    summary = models.TextField(_("summary"))
    #: Element code → what the scheme did for that element (the elements illustrated are its keys).
    actions = models.JSONField(_("what they did, by element"), default=dict, blank=True)
    figures = StrListField(_("figures"), help_text=_("Each figure with its source."))
    source = models.CharField(_("source"), max_length=200)
    outside_sources = models.BooleanField(
        _("from outside sources"),
        default=False,
        help_text=_("The seed reports do not cover this scheme: its facts come from elsewhere and need checking."),
    )
    retired = models.BooleanField(_("retired"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("practice")
        verbose_name_plural = _("practices")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("practices:detail", kwargs={"slug": self.slug})

    def clean(self):
        from feasibility.registry import REGISTRY

        errors = {}
        unknown = [rule for rule in self.rules if rule not in REGISTRY]
        if unknown:
            errors["rules"] = _("Unknown rule(s): %(rules)s.") % {"rules": ", ".join(unknown)}
        elif not self.rules:
            errors["rules"] = _("Name at least one rule the practice illustrates.")
        bad_actions = [code for code in self.actions if code not in ElementCode.values]
        if bad_actions:
            errors["actions"] = _("Unknown element(s): %(codes)s.") % {"codes": ", ".join(bad_actions)}
        if errors:
            raise ValidationError(errors)

    def action_rows(self) -> list[tuple[str, str, str]]:
        """(code, element name, what they did) in element order."""
        labels = dict(ElementCode.choices)
        return [(code, labels[code], self.actions[code]) for code in ElementCode.values if self.actions.get(code)]
