"""Partnerships: the SMP itself and everything scoped to it (SMP-DOMAIN Appendix A.1), plus the reference
tables ``Element``, ``Country``, ``SdgTarget`` and ``GcmObjective``. One module per topic:

* ``reference`` — the eight essential elements, countries, SDG targets, GCM objectives;
* ``partnership`` — ``Partnership`` (with ``for_user``) and ``PartnershipCountry``;
* ``objectives`` — objectives and the tensions between them (§2.1);
* ``monitoring`` — indicators, their values and the reporting periods of a running partnership (§9.1);
* ``studies`` — feasibility study, evaluations, linked initiatives, business linkages (§2.2, §2.4, §5.1);
* ``pathways`` — legal pathways and the steps of their application journey (§7.1);
* ``protection`` — the migration continuum, social protection, grievance channels (§2.6, §7.2);
* ``lifecycle`` — ``StageChange``, the audit of stage changes (§5);
* ``base`` — helpers the modules share.

Static rules are database constraints (choice columns, non-negative numbers, date order, percentages,
uniqueness, phase/topic pairs); rules that need another row are checked in ``clean()`` with a message on the
field to fix. Writes go through ``partnerships.services``; ``Partnership.stage`` changes only through
``partnership_stage_set``. Models of other apps are referenced by string label. The review workflow's own
rows (``ReviewTransition``, ``ReviewComment``) live in ``reviews.models``.
"""

from partnerships.models.lifecycle import StageChange
from partnerships.models.monitoring import Indicator, IndicatorValue, ReportingPeriod
from partnerships.models.objectives import Objective, ObjectiveTension
from partnerships.models.partnership import Partnership, PartnershipCountry, PartnershipQuerySet
from partnerships.models.pathways import Pathway, PathwayStep
from partnerships.models.protection import ContinuumProvision, GrievanceChannel, SocialProtectionCover
from partnerships.models.reference import Country, Element, GcmObjective, SdgTarget
from partnerships.models.studies import BusinessLinkage, Evaluation, FeasibilityStudy, LinkedInitiative

__all__ = [
    "Element",
    "Country",
    "SdgTarget",
    "GcmObjective",
    "PartnershipQuerySet",
    "Partnership",
    "PartnershipCountry",
    "Objective",
    "ObjectiveTension",
    "Indicator",
    "IndicatorValue",
    "ReportingPeriod",
    "FeasibilityStudy",
    "Evaluation",
    "LinkedInitiative",
    "BusinessLinkage",
    "Pathway",
    "PathwayStep",
    "ContinuumProvision",
    "SocialProtectionCover",
    "GrievanceChannel",
    "StageChange",
]
