"""The exit checklist of each lifecycle stage (SMP-DOMAIN §5.1 "Exit data").

Before a partnership leaves a stage forward, the stage service (``partnership_stage_set``) lists what should
exist by then and is still missing. Moving on with gaps is allowed once the person moving it acknowledges
them; the gaps are stored on the ``StageChange``. A partnership registered at a later stage (a scheme that
already runs) passes through the checklists of every stage it skips.

Each gap says what is missing in words, which wizard step records it, and the rule that reads it, so the
page or the API answer that lists it leads to the field that fixes it. The checklist reads the database with
a few ``exists``/``count`` queries per stage; it is asked on a stage move, never on a list.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from codelists import costs as cost_codes
from codelists import partnerships as c
from codelists import stakeholders as actor_codes
from codelists.partnerships import WizardStep
from smp.text import untranslated


@dataclass(frozen=True)
class Gap:
    """One item of a stage's exit data that is not there yet.

    ``message`` is a translatable text (lazy), with ``params`` put into it: names as they are, words as lazy
    texts, so the gap reads in the reader's language wherever it is shown, also once stored (:func:`gap_text`).
    """

    code: str
    message: str
    step: str  # the WizardStep that records it
    rule: str = ""  # the rule that reads it, when one does
    params: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The gap in the active language."""
        return _render(str(self.message), {name: str(value) for name, value in self.params.items()})

    def __str__(self) -> str:
        return self.text

    def as_dict(self) -> dict[str, str]:
        """How the API answers a gap: the words in the active language plus codes for machines."""
        return {
            "code": self.code,
            "message": self.text,
            "step": self.step,
            "step_label": str(WizardStep(self.step).label),
            "rule": self.rule,
        }

    def as_stored(self) -> dict:
        """How a gap is stored on a ``StageChange``: :meth:`as_dict` plus the English text and parameters
        (``message_key``, ``message_params``; a word to translate as ``{"key": msgid}``) from which
        :func:`gap_text` writes it again for any reader."""
        params = {
            name: {"key": untranslated(value)} if isinstance(value, Promise) else str(value)
            for name, value in self.params.items()
        }
        return {**self.as_dict(), "message_key": untranslated(self.message), "message_params": params}


def _render(template: str, params: dict) -> str:
    return template % params if params else template


def gap_text(stored: dict) -> str:
    """A gap stored on a ``StageChange`` (:meth:`Gap.as_dict`) in the active language; a gap stored before keys
    were kept shows its stored words."""
    key = stored.get("message_key")
    if not key:
        return stored.get("message", "")
    params = {
        name: translation.gettext(value["key"]) if isinstance(value, dict) else value
        for name, value in (stored.get("message_params") or {}).items()
    }
    return _render(translation.gettext(key), params)


def gap_step_label(stored: dict) -> str:
    """The wizard step of a stored gap, named in the active language."""
    step = stored.get("step", "")
    return str(WizardStep(step).label) if step in WizardStep.values else stored.get("step_label", "")


def _exploration(p) -> list[Gap]:
    from stakeholders.models import Participation

    gaps = []
    sides = set(p.countries.values_list("side", flat=True))
    if c.Side.ORIGIN not in sides or c.Side.DESTINATION not in sides:
        gaps.append(
            Gap("countries", _("At least one origin and one destination country."), WizardStep.COUNTRIES_OBJECTIVES)
        )
    if not (p.name or "").strip() or not (p.summary or "").strip():
        gaps.append(Gap("name_summary", _("A name and a summary."), WizardStep.BASICS))
    if not p.sectors.exists():
        gaps.append(Gap("sectors", _("At least one sector."), WizardStep.BASICS))
    if not p.form_of_engagement or not p.migration_types:
        gaps.append(Gap("form_types", _("A form of engagement and the types of migration."), WizardStep.BASICS))
    # Roles are a JSON list: read the (few) participations and test membership here, on every database.
    participations = list(
        Participation.objects.filter(partnership=p).values_list("roles", "side", "organisation__category")
    )
    if not any(actor_codes.ParticipationRole.LEAD in (roles or ()) for roles, _side, _cat in participations):
        gaps.append(Gap("lead", _("A lead organisation."), WizardStep.ACTORS_GOVERNANCE))
    government_sides = {
        side for _roles, side, category in participations if category in actor_codes.GOVERNMENT_CATEGORIES
    }
    if not {c.Side.ORIGIN, c.Side.DESTINATION} <= government_sides:
        gaps.append(
            Gap(
                "governments",
                _("A government organisation taking part on each side."),
                WizardStep.ACTORS_GOVERNANCE,
                "E2.R1",
            )
        )
    if p.security_clearance_required is None:
        gaps.append(
            Gap(
                "security_clearance",
                _("Whether some actors need security clearance."),
                WizardStep.ACTORS_GOVERNANCE,
                "E2.R9",
            )
        )
    return gaps


def _assessment(p) -> list[Gap]:
    from costs.models import CostItem
    from partnerships.models import FeasibilityStudy, Pathway
    from skills.models import LabourMarketEvidence
    from stakeholders.models import Participation

    gaps = []
    evidence = LabourMarketEvidence.objects.filter(partnership=p)
    if not evidence.filter(country__side=c.Side.DESTINATION).exists():
        gaps.append(
            Gap("demand_evidence", _("Labour-market evidence for the destination side."), WizardStep.EVIDENCE, "E3.R2")
        )
    if not evidence.filter(country__side=c.Side.ORIGIN).exists():
        gaps.append(
            Gap("supply_evidence", _("Labour-market evidence for the origin side."), WizardStep.EVIDENCE, "E3.R2")
        )
    destinations = p.countries.filter(side=c.Side.DESTINATION)
    uncovered = destinations.exclude(Exists(Pathway.objects.filter(destination_country=OuterRef("pk")))).count()
    if uncovered:
        gaps.append(Gap("pathways", _("A pathway for every destination."), WizardStep.PATHWAYS, "E1.R10"))
    unassessed = Participation.objects.filter(partnership=p, capacity_assessed=False).values_list("roles", flat=True)
    if any(set(roles or ()) & actor_codes.IMPLEMENTING_ROLES for roles in unassessed):
        gaps.append(
            Gap(
                "capacity",
                _("The capacity of every implementing organisation assessed."),
                WizardStep.ACTORS_GOVERNANCE,
                "E1.R9",
            )
        )
    if not FeasibilityStudy.objects.filter(partnership=p).exists():
        gaps.append(Gap("feasibility_study", _("A feasibility study started."), WizardStep.EVIDENCE, "E2.R7"))
    costed = set(CostItem.objects.filter(partnership=p).values_list("category", flat=True))
    if not costed >= cost_codes.ESSENTIAL_CATEGORIES:
        gaps.append(
            Gap("cost_map", _("Draft costs in each of the four essential categories."), WizardStep.COSTS, "E8.R1")
        )
    if p.diaspora_engagement_planned and not p.diaspora_mapping_done_on:
        gaps.append(
            Gap("diaspora_mapping", _("The date of the diaspora mapping."), WizardStep.ACTORS_GOVERNANCE, "E2.R11")
        )
    return gaps


def _design(p) -> list[Gap]:
    from costs.models import CostItem
    from partnerships.models import Indicator, Objective, Pathway
    from recruitment.models import RecruitmentArrangement
    from skills.models import TargetOccupation
    from stakeholders.models import GovernanceBody

    gaps = []
    objectives = Objective.objects.filter(partnership=p)
    if not objectives.exclude(horizon="").exists():
        gaps.append(
            Gap("objectives", _("Objectives with their time horizon."), WizardStep.COUNTRIES_OBJECTIVES, "E1.R1")
        )
    if not TargetOccupation.objects.filter(partnership=p).exists():
        gaps.append(Gap("target_occupations", _("Target occupations with their places."), WizardStep.SKILLS))
    # A pathway covers an occupation only when it lists it, as E7.R1 reads it (an empty list covers none).
    targets = dict(TargetOccupation.objects.filter(partnership=p).values_list("occupation_id", "occupation__title"))
    covered = set(
        Pathway.occupations.through.objects.filter(pathway__partnership=p).values_list("occupation_id", flat=True)
    )
    if uncovered := sorted(title for code, title in targets.items() if code not in covered):
        gaps.append(
            Gap(
                "pathway_occupations",
                _("A pathway for every target occupation (none yet for: %(occupations)s)."),
                WizardStep.PATHWAYS,
                "E7.R1",
                params={"occupations": ", ".join(uncovered)},
            )
        )
    layers = set(GovernanceBody.objects.filter(partnership=p).values_list("layer", flat=True))
    if not {actor_codes.GovernanceLayer.DECISION, actor_codes.GovernanceLayer.OPERATIONAL} <= layers:
        gaps.append(
            Gap(
                "governance",
                _("A decision-making and an operational governance body."),
                WizardStep.ACTORS_GOVERNANCE,
                "E2.R5",
            )
        )
    unshared = (
        CostItem.objects.filter(partnership=p)
        .annotate(total=Sum("shares__percent"))
        .filter(Q(total__isnull=True) | ~Q(total=100))
        .exists()
    )
    if unshared or not CostItem.objects.filter(partnership=p).exists():
        gaps.append(
            # xgettext:no-python-format
            Gap("cost_shares", _("Every cost item shared among payers, 100 % each."), WizardStep.COSTS, "E8.R2")
        )
    if not RecruitmentArrangement.objects.filter(partnership=p).exists():
        gaps.append(Gap("recruitment", _("How recruitment is arranged."), WizardStep.RECRUITMENT, "R.1"))
    measured = (
        objectives.annotate(
            ready=Count(
                "indicators",
                filter=~Q(indicators__baseline_value="") & ~Q(indicators__target_value=""),
            )
        )
        .filter(ready=0)
        .exists()
    )
    if measured or not Indicator.objects.filter(partnership=p).exists():
        gaps.append(
            Gap(
                "indicators",
                _("An indicator with baseline and target for every objective."),
                WizardStep.COUNTRIES_OBJECTIVES,
            )
        )
    return gaps


def _agreement(p) -> list[Gap]:
    from stakeholders.models import GovernanceBody

    gaps = []
    if not p.agreement_signed_on:
        gaps.append(Gap("signed", _("The date the agreement was signed."), WizardStep.REVIEW))
    if not p.agreement_clauses:
        gaps.append(Gap("clauses", _("What the signed agreement covers."), WizardStep.REVIEW, "E7.R8"))
    if not p.agreement_published and not p.agreement_url:
        gaps.append(Gap("published", _("Whether and where the agreement is published."), WizardStep.REVIEW, "E2.R6"))
    decision_bodies = GovernanceBody.objects.filter(partnership=p, layer=actor_codes.GovernanceLayer.DECISION)
    if decision_bodies.filter(terms_of_reference="").exists():
        gaps.append(
            Gap(
                "terms_of_reference",
                _("Terms of reference for every decision-making body."),
                WizardStep.ACTORS_GOVERNANCE,
            )
        )
    return gaps


def _setup(p) -> list[Gap]:
    from partnerships.models import Indicator, Pathway
    from recruitment.models import Recruiter
    from stakeholders.models import GovernanceBody

    gaps = []
    if GovernanceBody.objects.filter(partnership=p, members=None).exists():
        gaps.append(Gap("members", _("Members in every governance body."), WizardStep.ACTORS_GOVERNANCE))
    if Indicator.objects.filter(partnership=p).filter(Q(baseline_value="") | Q(baseline_date=None)).exists():
        gaps.append(Gap("baselines", _("A measured baseline for every indicator."), WizardStep.COUNTRIES_OBJECTIVES))
    planned = Pathway.objects.filter(partnership=p, status="planned", legal_basis="")
    if planned.exists():
        gaps.append(Gap("pathways_open", _("The legal basis of every planned pathway."), WizardStep.PATHWAYS, "E7.R1"))
    # Exempt recruiters need no licence; an unknown exemption (null) still does.
    if Recruiter.objects.filter(partnership=p, licence_number="").exclude(licence_exempt=True).exists():
        gaps.append(Gap("licences", _("The licence of every recruiter used."), WizardStep.RECRUITMENT, "R.5"))
    return gaps


def _implementation(p) -> list[Gap]:
    from costs.models import CostItem
    from partnerships.models import IndicatorValue

    gaps = []
    values = IndicatorValue.objects.filter(indicator__partnership=p)
    for point in (c.CollectionPoint.END_OF_TRAINING, c.CollectionPoint.DURING_EMPLOYMENT):
        if not values.filter(collection_point=point).exists():
            gaps.append(
                Gap(
                    f"values_{point}",
                    _("Indicator values for the collection point “%(when)s”."),
                    WizardStep.COUNTRIES_OBJECTIVES,
                    params={"when": c.CollectionPoint(point).label},
                )
            )
    if not CostItem.objects.filter(partnership=p, actual_amount__isnull=False).exists():
        gaps.append(Gap("actual_costs", _("Actual spending on the main cost items."), WizardStep.COSTS, "E8.R9"))
    return gaps


def _evaluation(p) -> list[Gap]:
    from partnerships.models import Evaluation

    gaps = []
    if not Evaluation.objects.filter(partnership=p).exists():
        gaps.append(Gap("evaluation", _("An evaluation of the partnership."), WizardStep.COUNTRIES_OBJECTIVES))
    if not p.next_step:
        gaps.append(
            Gap("next_step", _("What happens next: scale up, renew, redesign, hand over or end."), WizardStep.REVIEW)
        )
    return gaps


EXIT_CHECKLISTS = {
    c.Stage.EXPLORATION: _exploration,
    c.Stage.ASSESSMENT: _assessment,
    c.Stage.DESIGN: _design,
    c.Stage.AGREEMENT: _agreement,
    c.Stage.SETUP: _setup,
    c.Stage.IMPLEMENTATION: _implementation,
    c.Stage.EVALUATION: _evaluation,
}


def stage_exit_gaps(*, partnership, stage: str) -> list[Gap]:
    """What ``stage``'s exit data still lacks for ``partnership`` (empty for ``closed``)."""
    checklist = EXIT_CHECKLISTS.get(stage)
    return checklist(partnership) if checklist else []


def stage_move_gaps(*, partnership, from_stage: str, to_stage: str) -> list[Gap]:
    """The gaps of every stage a forward move leaves behind (one stage, or several when registering a scheme
    at a later stage); none for a move back or to ``closed``."""
    if to_stage == c.Stage.CLOSED or c.STAGE_ORDER[to_stage] <= c.STAGE_ORDER.get(from_stage, -1):
        return []
    start = c.STAGE_ORDER.get(from_stage, 0)
    passed = [stage for stage in c.Stage.values if start <= c.STAGE_ORDER[stage] < c.STAGE_ORDER[to_stage]]
    gaps = []
    for stage in passed:
        gaps.extend(stage_exit_gaps(partnership=partnership, stage=stage))
    return gaps
