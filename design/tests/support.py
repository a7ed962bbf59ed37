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


#
# A partnership with three times the rows of another (the weight test and bench/wizard.py)
#

#: The repeating rows of the wizard's steps, each after the rows it points to (bulk inserts remap the
#: pointers to the copies); ``costs.CostShare`` rows belong to their cost item.
COPIED_MODELS: tuple[str, ...] = (
    "partnerships.PartnershipCountry",
    "stakeholders.Participation",
    "partnerships.Objective",
    "partnerships.ObjectiveTension",
    "skills.LabourMarketEvidence",
    "partnerships.Indicator",
    "stakeholders.GovernanceBody",
    "stakeholders.PartnerGap",
    "stakeholders.CapacityActivity",
    "skills.DataNeed",
    "skills.EvidenceReview",
    "skills.DataSharingArrangement",
    "partnerships.FeasibilityStudy",
    "partnerships.LinkedInitiative",
    "partnerships.BusinessLinkage",
    "skills.TargetOccupation",
    "skills.OccupationProfile",
    "skills.TrainingProgramme",
    "skills.RecognitionArrangement",
    "skills.SkillsDocumentationTool",
    "partnerships.ContinuumProvision",
    "partnerships.Pathway",
    "partnerships.PathwayStep",
    "partnerships.SocialProtectionCover",
    "partnerships.GrievanceChannel",
    "costs.CostItem",
    "costs.CostShare",
    "costs.CostBenefitAnalysis",
    "costs.SustainabilityPlan",
    "recruitment.Recruiter",
    "recruitment.RecruitmentArrangement",
)

#: One row per code of a fixed list (Box 10 prompts, continuum topics): copied once, not multiplied.
FIXED_MODELS = frozenset({"skills.DataNeed", "partnerships.ContinuumProvision"})
#: One per partnership (a one-to-one): copied once.
SINGLE_MODELS = frozenset({"partnerships.FeasibilityStudy", "costs.SustainabilityPlan"})
#: Rows reached through a parent row: the path from a row to its partnership.
PARENT_PATHS = {
    "costs.CostShare": "item__partnership",
    "skills.OccupationProfile": "target_occupation__partnership",
    "partnerships.PathwayStep": "pathway__partnership",
}

#: Roles only one organisation holds (docs/permissions.md): the copies take part without them.
SINGLE_ROLES = frozenset({"lead", "co_lead"})


def partnership_multiply(source, *, times: int = 3, name: str = ""):
    """A new partnership with ``times`` copies of every repeating row of ``source`` (the fixed lists once),
    written with bulk inserts, outside the services: a benchmark and test fixture, not a feature.

    Copies keep the source's organisations, occupations and countries the first time; later copies take
    other countries and ISCO-08 unit groups and copies of the organisations (``… (copy 2)``), as the
    database allows one row per country, organisation and occupation in a partnership. Lead and co-lead
    roles stay with the first copy.
    """
    from django.apps import apps
    from django.db import transaction
    from django_countries import countries

    from partnerships.models import Partnership
    from skills.models import Occupation
    from stakeholders.models import Organisation

    copied = set(COPIED_MODELS)
    ids: dict[tuple[str, int, int], int] = {}  # (model label, source id, copy) → copy's id
    used_countries = set(source.countries.values_list("country", flat=True))
    spare_countries = [code for code, _name in countries if code not in used_countries]
    used_occupations = set(source.target_occupations.values_list("occupation_id", flat=True))
    spare_occupations = list(
        Occupation.objects.filter(level="unit").exclude(code__in=used_occupations).order_by("code")
    )
    organisation_copies: dict[tuple[int, int], int] = {}

    def organisation_copy(organisation_id: int, copy: int) -> int:
        if (organisation_id, copy) not in organisation_copies:
            organisation = Organisation.objects.get(pk=organisation_id)
            organisation.pk = organisation.id = None
            organisation.name = f"{organisation.name} (copy {copy + 1})"
            organisation.save()
            organisation_copies[organisation_id, copy] = organisation.pk
        return organisation_copies[organisation_id, copy]

    def adjust(label: str, row, copy: int) -> None:
        if copy == 0:
            return
        if label == "partnerships.PartnershipCountry":
            row.country = spare_countries.pop(0)
        elif label in ("stakeholders.Participation", "recruitment.Recruiter"):
            row.organisation_id = organisation_copy(row.organisation_id, copy)
            if label == "stakeholders.Participation":
                row.roles = [role for role in row.roles if role not in SINGLE_ROLES] or ["implementer"]
        elif label == "skills.TargetOccupation":
            row.occupation_id = spare_occupations.pop(0).pk
        elif label == "partnerships.Indicator" and row.code:
            row.code = f"{row.code}-{copy + 1}"

    with transaction.atomic():
        target = Partnership.objects.get(pk=source.pk)
        target.pk = target.id = None
        target.name = name or f"{source.name} (×{times})"
        target.save()
        for field in Partnership._meta.many_to_many:
            getattr(target, field.name).set(getattr(source, field.name).all())
        for label in COPIED_MODELS:
            model = apps.get_model(label)
            path = PARENT_PATHS.get(label, "partnership")
            rows = list(model.objects.filter(**{path: source}).order_by("pk"))
            copies = 1 if label in FIXED_MODELS | SINGLE_MODELS else times
            new_rows, origins = [], []
            for copy in range(copies):
                for row in rows:
                    new = model()
                    for field in model._meta.concrete_fields:
                        if field.primary_key:
                            continue
                        value = getattr(row, field.attname)
                        if field.name == "partnership":
                            value = target.pk
                        elif field.is_relation and value is not None and field.related_model._meta.label in copied:
                            value = ids.get((field.related_model._meta.label, value, copy))
                        setattr(new, field.attname, value)
                    adjust(label, new, copy)
                    new_rows.append(new)
                    origins.append((row.pk, copy))
            model.objects.bulk_create(new_rows)
            for new, (source_id, copy) in zip(new_rows, origins, strict=True):
                ids[label, source_id, copy] = new.pk
            for field in model._meta.many_to_many:
                through = field.remote_field.through
                own, other = field.m2m_field_name(), field.m2m_reverse_field_name()
                other_label = field.related_model._meta.label
                links = list(through.objects.filter(**{f"{own}_id__in": [row.pk for row in rows]}))
                through.objects.bulk_create(
                    through(
                        **{
                            f"{own}_id": ids[label, getattr(link, f"{own}_id"), copy],
                            f"{other}_id": ids.get((other_label, getattr(link, f"{other}_id"), copy))
                            if other_label in copied
                            else getattr(link, f"{other}_id"),
                        }
                    )
                    for copy in range(copies)
                    for link in links
                )
    target.organisation_copies = sorted(organisation_copies.values())  # what the caller may want to remove
    return target


def partnership_rows(partnership) -> int:
    """How many repeating rows the wizard's steps show for ``partnership`` (fixed lists included)."""
    from django.apps import apps

    total = 0
    for label in COPIED_MODELS:
        model = apps.get_model(label)
        total += model.objects.filter(**{PARENT_PATHS.get(label, "partnership"): partnership}).count()
    return total


def partnership_remove(partnership) -> None:
    """Delete a partnership made by :func:`partnership_multiply` and the organisation copies it made (its
    rows first, children before the rows they point to, as some of those pointers protect their rows)."""
    from django.apps import apps
    from django.db import transaction

    from stakeholders.models import Organisation

    with transaction.atomic():
        for label in reversed(COPIED_MODELS):
            model = apps.get_model(label)
            model.objects.filter(**{PARENT_PATHS.get(label, "partnership"): partnership}).delete()
        organisations = getattr(partnership, "organisation_copies", [])
        partnership.delete()
        Organisation.objects.filter(pk__in=organisations).delete()
