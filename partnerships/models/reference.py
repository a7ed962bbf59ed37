"""Reference tables: the eight essential elements, countries, SDG targets and GCM objectives."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from codelists import partnerships as c
from smp.fields import choices_constraint
from smp.models import TimeStampedModel

#
# Reference data
#


class Element(TimeStampedModel):
    """One of IOM's eight essential elements E1–E8 (§2.0); reference data filled by the loader."""

    code = models.CharField(_("code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=200)
    chapter = models.CharField(_("chapter of the guidance"), max_length=40, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("essential element")
        verbose_name_plural = _("essential elements")
        constraints = [
            models.CheckConstraint(
                condition=Q(code__in=[f"E{n}" for n in range(1, 9)]),
                name="element_code_valid",
                violation_error_message=_("An element code is E1 to E8."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {gettext(self.name)}"  # the names are in the catalogues (feasibility.registry)


class Country(TimeStampedModel):
    """A country (ISO 3166-1 alpha-2, plus XK) with its IOM region; reference data filled by the loader."""

    code = models.CharField(_("ISO 3166-1 alpha-2 code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=200)
    iom_region = models.CharField(_("IOM region"), max_length=40, choices=c.IomRegion.choices, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        constraints = [choices_constraint("country", "iom_region", c.IomRegion, allow_blank=True)]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class SdgTarget(TimeStampedModel):
    """A Sustainable Development Goal target (or indicator, e.g. 10.7.1) an objective can serve (§9.2)."""

    code = models.CharField(_("code"), max_length=10, primary_key=True)
    goal = models.PositiveSmallIntegerField(_("goal"), validators=[MinValueValidator(1), MaxValueValidator(17)])
    short_title = models.CharField(_("short title"), max_length=300)
    in_seeds = models.BooleanField(_("named in the sources"), default=False)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["goal", "code"]
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")
        constraints = [
            models.CheckConstraint(
                condition=Q(goal__gte=1, goal__lte=17),
                name="sdgtarget_goal_1_17",
                violation_error_message=_("A Sustainable Development Goal is numbered from 1 to 17."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {gettext(self.short_title)}"  # titles in the catalogues: partnerships.reference_labels


class GcmObjective(TimeStampedModel):
    """One of the 23 objectives of the Global Compact for Migration (§9.3)."""

    number = models.PositiveSmallIntegerField(
        _("number"), primary_key=True, validators=[MinValueValidator(1), MaxValueValidator(23)]
    )
    short_title = models.CharField(_("short title"), max_length=300)
    in_seeds = models.BooleanField(_("cited by number in the sources"), default=False)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("Global Compact objective")
        verbose_name_plural = _("Global Compact objectives")
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=23),
                name="gcmobjective_number_1_23",
                violation_error_message=_("The Global Compact has objectives 1 to 23."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {gettext(self.short_title)}"  # titles in the catalogues: partnerships.reference_labels
