"""Shared builders for the demo partnerships (``manage.py load_demo``, docs/demo-data.md).

A :class:`DemoBuilder` wraps one partnership while it is being filled. Its methods write through the
services of the apps wherever one exists (``participation_add``, ``objective_create``, ``pathway_create``,
``target_occupation_create``, ``data_need_set``, ``cost_item_create`` + ``cost_share_set``,
``recruiter_create``, ``recruitment_arrangement_create`` …) and create the other child rows directly,
after ``full_clean()``. The loader runs one builder per partnership inside one transaction.

Defaults are *complete*: a row built without overrides satisfies the rules that read it. A demo plants a
gap by overriding the fields the gap is about, so every gap in docs/demo-data.md is visible in the scheme
module that plants it. Dates are relative to the day of loading (``today``) wherever a rule reads a date's
age (evidence years, licence expiry, monitoring dates, actual costs), so the demo keeps its verdicts.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models

from codelists.skills import DATA_NEED_PROMPT_CODES
from costs.models import CostBenefitAnalysis, CostItem, ExchangeRate, SustainabilityPlan
from costs.services import cost_item_create, cost_share_set, exchange_rate_set
from partnerships.models import (
    BusinessLinkage,
    ContinuumProvision,
    Evaluation,
    FeasibilityStudy,
    GrievanceChannel,
    Indicator,
    IndicatorValue,
    LinkedInitiative,
    Objective,
    ObjectiveTension,
    Partnership,
    PartnershipCountry,
    Pathway,
    PathwayStep,
    SocialProtectionCover,
)
from partnerships.services import objective_create, partnership_country_add, pathway_create
from recruitment.models import Recruiter, RecruitmentArrangement
from recruitment.services import recruiter_create, recruitment_arrangement_create
from skills.models import (
    DataSharingArrangement,
    EvidenceReview,
    LabourMarketEvidence,
    Occupation,
    OccupationProfile,
    RecognitionArrangement,
    SkillsDocumentationTool,
    TargetOccupation,
    TrainingProgramme,
)
from skills.services import data_need_set, target_occupation_create
from stakeholders.models import CapacityActivity, GovernanceBody, Organisation, Participation, PartnerGap
from stakeholders.services import (
    capacity_activity_create,
    governance_body_create,
    organisation_create,
    participation_add,
    partner_gap_create,
)

#: ``source`` of every exchange rate the demo adds: demo figures, never market data.
DEMO_RATE_SOURCE = "Demo rate (illustrative round figure, not market data)"
#: The date of every demo exchange rate: before any day the demo is loaded on, so rates apply at once.
DEMO_RATE_DATE = datetime.date(2025, 1, 1)


class DemoDataError(Exception):
    """The demo cannot be loaded (reference data missing); the message says what to run."""


#
# Dates
#


def months_ago(today: datetime.date, months: int, *, day: int = 1) -> datetime.date:
    """The ``day`` of the month ``months`` calendar months before ``today`` (negative = in the future)."""
    index = today.year * 12 + today.month - 1 - months
    return datetime.date(index // 12, index % 12 + 1, day)


def months_ahead(today: datetime.date, months: int, *, day: int = 1) -> datetime.date:
    return months_ago(today, -months, day=day)


#
# Organisations (shared across partnerships: looked up by name and country, created once)
#


@dataclass(frozen=True)
class OrgSpec:
    """An organisation the demo uses; created once and reused by every demo partnership that names it."""

    name: str
    category: str
    country: str = ""
    level: str = "national"
    portfolio: tuple[str, ...] = ()


def organisation_ensure(spec: OrgSpec) -> Organisation:
    """The organisation of ``spec``: the stored one (same name and country) or a new one via the service.

    An existing row is never changed, so loading the demo twice writes nothing here.
    """
    existing = Organisation.objects.filter(name__iexact=spec.name, country=spec.country).first()
    if existing is not None:
        return existing
    level = "" if spec.category == "international_org" else spec.level
    return organisation_create(
        data={
            "name": spec.name,
            "category": spec.category,
            "country": spec.country,
            "level": level,
            "portfolio": list(spec.portfolio),
        }
    )


def exchange_rates_ensure(rates: Iterable[tuple[str, str, str]]) -> int:
    """Add each (base, quote, rate) for :data:`DEMO_RATE_DATE` unless a rate for that pair and day exists.

    Returns how many rates were added (0 on a second run).
    """
    added = 0
    for base, quote, rate in rates:
        if ExchangeRate.objects.filter(
            partnership__isnull=True, base_currency=base, quote_currency=quote, as_of=DEMO_RATE_DATE
        ).exists():
            continue
        exchange_rate_set(
            base_currency=base, quote_currency=quote, rate=Decimal(rate), as_of=DEMO_RATE_DATE, source=DEMO_RATE_SOURCE
        )
        added += 1
    return added


def _save(instance: models.Model, many: Mapping[str, Iterable[Any]] | None = None) -> models.Model:
    """Validate and save a child row that has no service, then set its many-to-many relations.

    Fields and ``clean()`` are checked here; the CHECK and UNIQUE constraints are left to the database, which
    enforces the same ones on insert (validating them in Python costs one query per constraint).
    """
    instance.full_clean(validate_constraints=False)
    instance.save()
    for name, values in (many or {}).items():
        getattr(instance, name).set(list(values))
    return instance


#
# The builder
#


#: Content every orientation on rights and recruitment covers (E6.R4, R.13).
ORIENTATION_CONTENT = (
    "rights_obligations",
    "working_conditions_contract",
    "grievance_support",
    "costs_fees",
    "living_culture",
    "uncertainties",
    "health_safety",
    "gender_gbv",
)
#: What a complete grievance channel covers (E6.R9, R.10, R.12).
FULL_COVERS = (
    "recruitment_fees",
    "contract_substitution",
    "wages",
    "working_conditions",
    "harassment_gbv",
    "discrimination",
    "document_retention",
    "trafficking_forced_labour",
)
FULL_REMEDIES = ("fee_refund", "compensation", "legal_aid", "employer_transfer")


@dataclass
class DemoBuilder:
    """Fills one demo partnership; keeps the rows it made by short keys for later references."""

    partnership: Partnership
    today: datetime.date
    user: Any = None
    countries: dict[str, PartnershipCountry] = field(default_factory=dict)
    parts: dict[str, Participation] = field(default_factory=dict)
    targets: dict[str, TargetOccupation] = field(default_factory=dict)

    #
    # Helpers
    #

    @property
    def p(self) -> Partnership:
        return self.partnership

    def pc(self, code: str) -> PartnershipCountry:
        """The partnership's row for an ISO country code."""
        return self.countries[code]

    def org(self, key: str | OrgSpec) -> Organisation:
        """A participant's organisation by key, or any organisation by its :class:`OrgSpec`."""
        if isinstance(key, OrgSpec):
            return organisation_ensure(key)
        return self.parts[key].organisation

    def year(self, offset: int = 0) -> int:
        return self.today.year + offset

    def ago(self, months: int, day: int = 1) -> datetime.date:
        return months_ago(self.today, months, day=day)

    def ahead(self, months: int, day: int = 1) -> datetime.date:
        return months_ahead(self.today, months, day=day)

    def _targets(self, codes: Iterable[str]) -> list[TargetOccupation]:
        return [self.targets[code] for code in codes]

    def _countries(self, codes: Iterable[str]) -> list[PartnershipCountry]:
        return [self.countries[code] for code in codes]

    def _parts(self, keys: Iterable[str]) -> list[Participation]:
        return [self.parts[key] for key in keys]

    #
    # Countries and actors (W2, W3)
    #

    def country(
        self,
        code: str,
        side: str,
        *,
        languages: Sequence[str],
        nqf: str = "operational",
        rpl: str = "operational",
        lmis: str = "functional",
        lmis_migration: bool | None = True,
        regions: Sequence[str] = (),
        frameworks: Sequence[str] = (),
        ratified: Sequence[str] = (),
    ) -> PartnershipCountry:
        """Add a partner country (``partnership_country_add``) with its systems (E3.R5, E5.R2, E5.R6, R.15)."""
        row = partnership_country_add(
            partnership=self.p,
            user=self.user,
            country=code,
            side=side,
            data={
                "languages": list(languages),
                "nqf_status": nqf,
                "rpl_system": rpl,
                "lmis_status": lmis,
                "lmis_includes_labour_migration": lmis_migration,
                "target_regions": list(regions),
                "regional_frameworks": list(frameworks),
                "ratified_instruments": list(ratified),
            },
        )
        self.countries[code] = row
        return row

    def join(
        self,
        key: str,
        spec: OrgSpec,
        *,
        side: str,
        roles: Sequence[str],
        joined: str = "design",
        capacity: str | None = "high",
        champion: bool | None = None,
        business_case: str = "",
        interests: Sequence[str] = (),
    ) -> Participation:
        """Let an organisation take part (``participation_add``); ``capacity=None`` leaves it unassessed."""
        organisation = organisation_ensure(spec)
        data: dict[str, Any] = {
            "joined_stage": joined,
            "capacity_assessed": capacity is not None,
            "capacity_level": capacity or "",
            "is_champion": champion,
            "business_case": business_case,
            "interests": list(interests),
        }
        participation = participation_add(
            partnership=self.p, organisation=organisation, user=self.user, roles=list(roles), side=side, data=data
        )
        self.parts[key] = participation
        return participation

    def governance(
        self,
        name: str,
        kind: str,
        *,
        members: Sequence[str],
        tor: str = "",
        cycle: str = "quarterly",
        review: bool | None = True,
        chair: str | None = None,
        sector: str | None = None,
        per_year: int | None = 4,
        established_months_ago: int | None = None,
        layer: str = "",
    ) -> GovernanceBody:
        """Set up a governance body (``governance_body_create``); ``layer`` defaults from ``kind``."""
        data: dict[str, Any] = {
            "name": name,
            "kind": kind,
            "terms_of_reference": tor,
            "reporting_cycle": cycle,
            "has_review_mechanism": review,
            "meeting_frequency_per_year": per_year,
            "established_on": self.ago(established_months_ago) if established_months_ago is not None else None,
        }
        if layer:
            data["layer"] = layer
        if chair:
            data["chair"] = self.parts[chair]
        if sector:
            data["sector"] = sector
        return governance_body_create(partnership=self.p, user=self.user, data=data, members=self._parts(members))

    def capacity(
        self, key: str, topic: str, method: str, *, status: str = "ongoing", description: str = "", gap=None
    ) -> CapacityActivity:
        """Plan capacity-building for one participant (``capacity_activity_create``; E1.R9, E3.R5, E3.R9)."""
        data = {
            "target_participation": self.parts[key],
            "topic": topic,
            "method": method,
            "status": status,
            "description": description,
            "scheduled_on": self.ago(2),
        }
        if gap is not None:
            data["partner_gap"] = gap
        return capacity_activity_create(partnership=self.p, user=self.user, data=data)

    def partner_gap(self, service: str, notes: str = "") -> PartnerGap:
        return partner_gap_create(partnership=self.p, user=self.user, data={"service": service, "notes": notes})

    #
    # Objectives and M&E (W2; E1.R1, E1.R2, E1.R6, E3.R6, E3.R10, E4.R10, E5.R12, E8.R9, R.15)
    #

    def objective(
        self,
        kind: str,
        horizon: str,
        description: str,
        *,
        sdgs: Sequence[str] = (),
        gcms: Sequence[int] = (),
        visibility: str = "all_participants",
    ) -> Objective:
        return objective_create(
            partnership=self.p,
            user=self.user,
            data={
                "kind": kind,
                "horizon": horizon,
                "description": description,
                "visibility": visibility,
                "sdg_targets": list(sdgs),
                "gcm_objectives": list(gcms),
            },
        )

    def tension(self, a: Objective, b: Objective, *, status: str, note: str) -> ObjectiveTension:
        return _save(ObjectiveTension(partnership=self.p, objective_a=a, objective_b=b, status=status, note=note))

    def indicator(
        self,
        name: str,
        *,
        category: str,
        code: str = "",
        measure: str = "quantitative",
        level: str = "outcome",
        direction: str = "increase",
        unit: str = "persons",
        baseline: str = "",
        target: str = "",
        objective: Objective | None = None,
        sdg: str | None = None,
        gcm: int | None = None,
        country: str | None = None,
        side: str = "",
        disaggregation: Sequence[str] = ("sex",),
        points: Sequence[str] = ("before_training", "during_employment"),
        follow_up: int | None = None,
        responsible: str | None = None,
        values: Sequence[tuple[str, datetime.date, str]] = (),
    ) -> Indicator:
        """An M&E indicator with baseline and target (§9.1); ``values`` are (collection point, date, value)."""
        indicator = _save(
            Indicator(
                partnership=self.p,
                objective=objective,
                sdg_target_id=sdg,
                gcm_objective_id=gcm,
                code=code,
                name=name,
                impact_category=category,
                measure_type=measure,
                level=level,
                direction=direction,
                unit=unit,
                baseline_value=baseline,
                baseline_date=self.ago(30) if baseline else None,
                target_value=target,
                target_date=self.ahead(18) if target else None,
                country=self.countries[country] if country else None,
                side=side,
                disaggregation=list(disaggregation),
                collection_points=list(points),
                follow_up_months=follow_up,
                responsible=self.parts[responsible] if responsible else None,
            )
        )
        for point, measured_on, value in values:
            _save(IndicatorValue(indicator=indicator, collection_point=point, measured_on=measured_on, value=value))
        return indicator

    #
    # Evidence and data (W4; E1.R3, E3.R1–R8, E4.R1)
    #

    def evidence(
        self,
        title: str,
        source_type: str,
        *,
        topics: Sequence[str],
        year: int,
        country: str | None = None,
        sector: str | None = None,
        producer: str | None = None,
        horizon: int | None = None,
        disaggregation: Sequence[str] = (),
        joint: bool | None = None,
        occupations: Sequence[str] = (),
        notes: str = "",
    ) -> LabourMarketEvidence:
        """One piece of labour-market evidence; ``producer`` is a participation key."""
        return _save(
            LabourMarketEvidence(
                partnership=self.p,
                title=title,
                source_type=source_type,
                producer=self.org(producer) if producer else None,
                country=self.countries[country] if country else None,
                sector_id=sector,
                topics=list(topics),
                reference_year=year,
                horizon_years=horizon,
                disaggregation=list(disaggregation),
                is_joint=joint,
                notes=notes,
            ),
            {"occupations": occupations},
        )

    def demand_evidence(
        self, *, sectors: Sequence[str], producer_by_country: Mapping[str, str], year: int, joint_country: str
    ) -> dict[tuple[str, str], LabourMarketEvidence]:
        """One current labour-demand assessment per partner country and sector (E3.R2), split by sex and region."""
        rows = {}
        for code, row in self.countries.items():
            for sector in sectors:
                kind = "labour_force_survey" if row.side == "origin" else "administrative"
                rows[(code, sector)] = self.evidence(
                    f"{sector.replace('_', ' ').capitalize()} labour demand and supply, {row.country.name} ({year})",
                    kind,
                    topics=("labour_demand", "skills_supply"),
                    year=year,
                    country=code,
                    sector=sector,
                    producer=producer_by_country.get(code),
                    disaggregation=("sex", "subnational", "age"),
                    joint=code == joint_country,
                )
        return rows

    def data_needs(
        self,
        *,
        owner: str,
        gaps: Mapping[str, str] | None = None,
        not_applicable: Mapping[str, str] | None = None,
        partly: Iterable[str] = (),
        skip: Iterable[str] = (),
        evidence: Iterable[LabourMarketEvidence] = (),
    ) -> None:
        """Answer the 28 prompts of the information checklist (``data_need_set``; E3.R1).

        ``gaps`` maps a prompt to how the gap will be filled (by ``owner``); ``not_applicable`` to the reason;
        ``skip`` leaves prompts unanswered.
        """
        gaps, not_applicable, partly, skip = dict(gaps or {}), dict(not_applicable or {}), set(partly), set(skip)
        evidence = list(evidence)
        for code in DATA_NEED_PROMPT_CODES:
            if code in skip:
                continue
            if code in gaps:
                data_need_set(
                    partnership=self.p,
                    prompt_code=code,
                    status="gap",
                    answer="Not known yet.",
                    gap_strategy=gaps[code],
                    gap_owner=self.parts[owner],
                    user=self.user,
                )
            elif code in not_applicable:
                data_need_set(
                    partnership=self.p,
                    prompt_code=code,
                    status="not_applicable",
                    answer=not_applicable[code],
                    user=self.user,
                )
            else:
                data_need_set(
                    partnership=self.p,
                    prompt_code=code,
                    status="partly_answered" if code in partly else "answered",
                    answer="Answered in the joint assessment; the linked evidence gives the detail.",
                    evidence=evidence,
                    user=self.user,
                )

    def evidence_review(
        self,
        *,
        months_ago: int,
        participants: Sequence[str],
        evidence: Iterable[LabourMarketEvidence],
        conclusions: str,
    ) -> EvidenceReview:
        return _save(
            EvidenceReview(partnership=self.p, held_on=self.ago(months_ago, day=15), conclusions=conclusions),
            {"participants": self._parts(participants), "evidence": list(evidence)},
        )

    def data_sharing(
        self, kind: str, *, parties: Sequence[str], data_types: Sequence[str], body: GovernanceBody | None = None
    ) -> DataSharingArrangement:
        return _save(
            DataSharingArrangement(
                partnership=self.p,
                kind=kind,
                governance_body=body,
                data_types=list(data_types),
                started_on=self.ago(10),
            ),
            {"parties": self._parts(parties)},
        )

    #
    # Local development (W5; E4.R5, E4.R7)
    #

    def linked_initiative(self, kind: str, name: str, *, country: str, funder: str | None = None) -> LinkedInitiative:
        return _save(
            LinkedInitiative(
                partnership=self.p,
                kind=kind,
                name=name,
                country=self.countries[country],
                funder=self.org(funder) if funder else None,
            )
        )

    def business_linkage(
        self, kind: str, *, destination_org: str, origin_org: str, status: str = "done", jobs: int | None = None
    ) -> BusinessLinkage:
        return _save(
            BusinessLinkage(
                partnership=self.p,
                kind=kind,
                status=status,
                destination_org=self.org(destination_org),
                origin_org=self.org(origin_org),
                jobs_created_origin=jobs,
                date=self.ago(6),
            )
        )

    #
    # Skills (W6; E4, E5)
    #

    def occupation(
        self,
        code: str,
        *,
        places: int | None,
        destinations: Sequence[str] = (),
        automation: str = "low",
        certification: str = "",
        validators: Sequence[str] = (),
        informal: bool | None = False,
        skill_note: str = "",
    ) -> TargetOccupation:
        """Target an ISCO-08 unit group (``target_occupation_create``); the skill band comes from ISCO."""
        target = target_occupation_create(
            partnership=self.p,
            occupation=Occupation.objects.get(pk=code),
            destinations=self._countries(destinations),
            certification_validated_by=self._parts(validators),
            user=self.user,
            places_per_year=places,
            automation_impact=automation,
            accepted_certification=certification,
            informal_skills_common=informal,
            skill_level_note=skill_note,
        )
        self.targets[code] = target
        return target

    def profile(self, code: str, country: str, **fields: Any) -> OccupationProfile:
        """Country facts for one target occupation (origin: labour status; destination: regulation)."""
        if isinstance(fields.get("regulator"), str | OrgSpec):
            fields["regulator"] = self.org(fields["regulator"])
        return _save(OccupationProfile(target_occupation=self.targets[code], country=self.countries[country], **fields))

    def origin_profile(
        self,
        code: str,
        country: str,
        *,
        status: str = "surplus",
        evidence: LabourMarketEvidence | None = None,
        nqf_level: str = "4",
        classification: str = "",
        safeguards: Sequence[str] = ("dual_track_training", "skills_transfer"),
    ) -> OccupationProfile:
        return self.profile(
            code,
            country,
            labour_status=status,
            labour_status_evidence=evidence,
            nqf_level=nqf_level,
            classification_code=classification or f"{country}-{code}",
            brain_drain_safeguards=list(safeguards),
        )

    def destination_profile(
        self,
        code: str,
        country: str,
        *,
        route: str = "employer_assessment",
        regulated: bool | None = False,
        regulator: str | None = None,
        gap: bool | None = False,
        weeks: int | None = 8,
        nqf_level: str = "4",
        classification: str = "",
        shortage_list: bool | None = True,
    ) -> OccupationProfile:
        return self.profile(
            code,
            country,
            recognition_route=route,
            regulated=regulated,
            regulator=regulator,
            recognition_gap=gap,
            recognition_weeks=weeks,
            nqf_level=nqf_level,
            classification_code=classification or f"{country}-{code}",
            on_shortage_list=shortage_list,
        )

    def training(
        self,
        name: str,
        *,
        occupations: Sequence[str],
        provider: str,
        track: str = "dual",
        location: str = "origin",
        mode: str = "origin_system_training",
        stage: str = "pre_departure",
        audience: str = "candidates",
        accreditation_body: str | OrgSpec | None = None,
        accredited: bool | None = True,
        issues_certificate: bool | None = True,
        certificate: str = "",
        recognised_in: Sequence[str] = (),
        alignment: str = "destination_standard",
        modules: Sequence[str] = ("technical", "language", "soft_skills", "rights_information", "intercultural"),
        language_level: str = "B1",
        codesigned_by: Sequence[str] = (),
        gender_assessed: bool | None = True,
        components: Sequence[str] = (),
        reason: str = "",
        places_total: int | None = None,
        places_migration: int | None = None,
        reserved_for: str | None = None,
    ) -> TrainingProgramme:
        """A training programme (§2.5); ``provider`` and ``accreditation_body`` are participation keys."""
        return _save(
            TrainingProgramme(
                partnership=self.p,
                name=name,
                track=track,
                location=location,
                mode=mode,
                stage=stage,
                audience=audience,
                provider=self.org(provider),
                provider_accredited=accredited,
                accreditation_body=self.org(accreditation_body) if accreditation_body else None,
                issues_certificate=issues_certificate,
                certificate_name=certificate,
                standard_alignment=alignment,
                modules=list(modules),
                language_target_level=language_level,
                gender_needs_assessed=gender_assessed,
                system_components=list(components),
                provider_choice_reason=reason,
                places_total=places_total,
                places_migration=places_migration,
                reserved_for_employer=self.org(reserved_for) if reserved_for else None,
            ),
            {
                "occupations": self._targets(occupations),
                "certificate_recognised_in": self._countries(recognised_in),
                "codesigned_by": self._parts(codesigned_by),
            },
        )

    def recognition(
        self,
        name: str,
        kind: str,
        *,
        occupations: Sequence[str],
        countries: Sequence[str],
        responsible: Sequence[str],
        payers: Sequence[str],
        legal_basis: str,
        status: str = "existing",
        authority: str | OrgSpec | None = None,
        phase: str = "pre_departure",
        fast_track: bool | None = None,
        in_agreement: bool | None = True,
        days: int | None = None,
        scope: str = "",
        recognition_type: str = "professional",
    ) -> RecognitionArrangement:
        """A recognition arrangement (§6.3); ``responsible`` and ``authority`` are participation keys."""
        return _save(
            RecognitionArrangement(
                partnership=self.p,
                name=name,
                kind=kind,
                scope=scope,
                recognition_type=recognition_type,
                status=status,
                phase=phase,
                legal_basis=legal_basis,
                competent_authority=self.org(authority) if authority else None,
                is_fast_track=fast_track,
                referenced_in_agreement=in_agreement,
                typical_processing_days=days,
                cost_payer=list(payers),
            ),
            {
                "occupations": self._targets(occupations),
                "countries": self._countries(countries),
                "responsible_orgs": [self.org(key) for key in responsible],
            },
        )

    def documentation_tool(
        self,
        kind: str,
        name: str,
        *,
        stages: Sequence[str] = ("pre_departure", "in_employment", "return"),
        free: bool | None = True,
        offline: bool | None = True,
        data_protection: str = "Consent-based; held by the origin skills authority under national data-protection law.",
        languages: Sequence[str] = (),
    ) -> SkillsDocumentationTool:
        return _save(
            SkillsDocumentationTool(
                partnership=self.p,
                kind=kind,
                name=name,
                stages=list(stages),
                free_to_migrant=free,
                offline_access=offline,
                data_protection_basis=data_protection,
                languages=list(languages),
            )
        )

    #
    # Pathways (W8; E1.R10, E5.R6, E6.R8, E7, R.11)
    #

    def pathway(
        self,
        name: str,
        permit_kind: str,
        *,
        destination: str,
        origins: Sequence[str],
        occupations: Sequence[str],
        **fields: Any,
    ) -> Pathway:
        """A legal route (``pathway_create``) with complete, worker-friendly defaults; override to plant gaps."""
        data: dict[str, Any] = {
            "name": name,
            "permit_kind": permit_kind,
            "status": "existing",
            "legal_basis": "National residence law; route confirmed in the legal mapping of the feasibility study.",
            "max_stay_months": 24,
            "renewable": True,
            "route_to_permanent_residence": True,
            "convertible_to": "",
            "employer_tied": "sector",
            "change_of_employer_allowed": True,
            "exit_permit_required": False,
            "sponsor_controls_residence": False,
            "labour_market_test": False,
            "lmt_waived_for_smp": None,
            "quota": False,
            "shortage_list": False,
            "skills_recognition_required": False,
            "accepts_experience_evidence": False,
            "eligibility_precheck": True,
            "registered_sponsor_scheme": True,
            "fast_track": True,
            "multiple_entry": True,
            "reentry_facilitated": True,
            "family_reunification": True,
            "spouse_work_allowed": True,
            "family_visits_facilitated": True,
            "family_waiting_months": 0,
            "processing_days_typical": 60,
            "processing_time_published": True,
            "digital_application": "fully_digital",
            "application_location": "Online portal, with help from the visa centre in the origin country.",
            "visa_centre_in_origin": True,
            "gender_sensitive_procedures": True,
            "fees_waived": True,
            "admissions_adjustable": True,
        }
        data.update(fields)
        data["destination_country"] = self.countries[destination]
        data["origin_countries"] = self._countries(origins)
        data["occupations"] = list(occupations)
        if "info_languages" not in data:
            languages: list[str] = []
            for code in origins:
                languages += [lang for lang in self.countries[code].languages if lang not in languages]
            data["info_languages"] = languages
        return pathway_create(partnership=self.p, user=self.user, data=data)

    def step(
        self,
        pathway: Pathway,
        order: int,
        name: str,
        phase: str,
        kind: str,
        *,
        responsible: str | None,
        days: int | None,
        **fields: Any,
    ) -> PathwayStep:
        if "obstacle_owner" in fields and isinstance(fields["obstacle_owner"], str):
            fields["obstacle_owner"] = self.org(fields["obstacle_owner"])
        return _save(
            PathwayStep(
                pathway=pathway,
                order=order,
                name=name,
                phase=phase,
                kind=kind,
                responsible=self.org(responsible) if responsible else None,
                typical_days=days,
                **fields,
            )
        )

    def journey(
        self,
        pathway: Pathway,
        *,
        recruiter: str,
        permit_office: str,
        arrival_support: str,
        return_support: str | None,
        recognition_body: str | None = None,
        skip_phases: Iterable[str] = (),
    ) -> list[PathwayStep]:
        """Map the application journey along the continuum (Box 27 procedures; E7.R2)."""
        skip = set(skip_phases)
        plan = [
            ("Pre-selection and matching", "pre_departure", "recruitment", recruiter, 30),
            ("Work visa and permit", "pre_departure", "visa_work_permit", permit_office, 45),
            ("Pre-departure orientation", "pre_departure", "pre_departure_orientation", recruiter, 5),
        ]
        if recognition_body:
            plan.insert(
                1, ("Recognition of qualifications", "pre_departure", "skills_recognition", recognition_body, 40)
            )
        plan += [
            ("Entry and first registration", "travel_arrival", "entry_verification", permit_office, 1),
            ("Welcome and information desk", "travel_arrival", "information_centre", arrival_support, 2),
            ("Residence registration", "stay_employment", "post_arrival_registration", arrival_support, 10),
            ("Health insurance enrolment", "stay_employment", "health_services", arrival_support, 5),
            (
                "Social-security record for a later move",
                "onward_migration",
                "social_security_portability",
                permit_office,
                20,
            ),
        ]
        if return_support:
            plan += [
                ("Pre-return orientation", "return_reintegration", "pre_return_orientation", return_support, 2),
                ("Job placement after return", "return_reintegration", "job_placement", return_support, 30),
            ]
        steps = []
        for order, (name, phase, kind, responsible, days) in enumerate(plan, start=1):
            if phase in skip:
                continue
            steps.append(self.step(pathway, order, name, phase, kind, responsible=responsible, days=days))
        return steps

    #
    # The social package (W7; E6, R.10, R.12, R.13)
    #

    def provision(
        self, phase: str, topic: str, *, status: str = "provided", responsible: str | None = None, **fields: Any
    ) -> ContinuumProvision:
        for name in ("content", "services", "delivery", "languages", "target_groups"):
            if name in fields:
                fields[name] = list(fields[name])
        return _save(
            ContinuumProvision(
                partnership=self.p,
                phase=phase,
                topic=topic,
                status=status,
                responsible=self.parts[responsible] if responsible else None,
                **fields,
            )
        )

    def social_package(
        self,
        *,
        origin_support: str,
        destination_support: str,
        languages: Sequence[str],
        with_return: bool = True,
        skip: Iterable[tuple[str, str]] = (),
    ) -> None:
        """Continuum provisions for every phase (§7.2) with the §2.6 detail fields filled.

        ``skip`` leaves out (phase, topic) pairs; ``with_return=False`` leaves out the whole return phase.
        """
        skip = set(skip)
        languages = list(languages)
        rows = [
            (
                "pre_decision",
                "information_channel",
                origin_support,
                {"delivery": ("one_stop_centre", "online"), "languages": languages},
            ),
            ("pre_decision", "aspirations_study", origin_support, {}),
            (
                "pre_decision",
                "expectation_management",
                origin_support,
                {"content": ("uncertainties", "return_options"), "languages": languages},
            ),
            ("pre_decision", "irregular_migration_awareness", origin_support, {"languages": languages}),
            ("pre_departure", "recruitment_procedure", origin_support, {}),
            ("pre_departure", "selection_criteria", origin_support, {}),
            ("pre_departure", "training", origin_support, {}),
            ("pre_departure", "visa_permit", destination_support, {}),
            (
                "pre_departure",
                "pre_departure_orientation",
                origin_support,
                {
                    "content": ORIENTATION_CONTENT,
                    "languages": languages,
                    "delivery": ("classroom",),
                    "target_groups": ("all", "women", "sogiesc"),
                },
            ),
            ("pre_departure", "contract_before_departure", origin_support, {}),
            ("travel_arrival", "travel_arrangements", destination_support, {}),
            (
                "travel_arrival",
                "reception_information",
                destination_support,
                {"content": ORIENTATION_CONTENT, "languages": languages, "delivery": ("welcome_centre", "mentor")},
            ),
            (
                "travel_arrival",
                "admin_assistance",
                destination_support,
                {"services": ("civil_registration", "tax_registration"), "delivery": ("welcome_centre",)},
            ),
            (
                "stay_employment",
                "soft_landing_integration",
                destination_support,
                {
                    "services": ("housing", "bank_account", "administrative_help", "health_insurance_enrolment"),
                    "delivery": ("mentor", "welcome_centre"),
                },
            ),
            ("stay_employment", "housing", destination_support, {"services": ("housing",)}),
            ("stay_employment", "language_lifelong_learning", destination_support, {"delivery": ("classroom",)}),
            ("stay_employment", "anti_discrimination", destination_support, {}),
            ("stay_employment", "grievance_mechanism", destination_support, {}),
            ("stay_employment", "remittances_finance", destination_support, {"content": ("remittances_finance",)}),
        ]
        if with_return:
            rows += [
                ("return_reintegration", "pre_return_orientation", origin_support, {"languages": languages}),
                (
                    "return_reintegration",
                    "return_support",
                    origin_support,
                    {"target_groups": ("all", "women"), "services": ("administrative_help",)},
                ),
                ("return_reintegration", "reintegration_job_placement", origin_support, {}),
                ("return_reintegration", "skills_verification_return", origin_support, {}),
                ("return_reintegration", "circular_reentry", origin_support, {}),
            ]
        for phase, topic, responsible, extra in rows:
            if (phase, topic) in skip:
                continue
            self.provision(phase, topic, responsible=responsible, description="", **extra)

    def cover(
        self,
        destination: str,
        branch: str,
        *,
        coverage: str = "equal_treatment",
        basis: str = "national_law",
        portable: str = "yes",
        waiting: int | None = 0,
        bridging: bool | None = None,
        pathway: Pathway | None = None,
    ) -> SocialProtectionCover:
        return _save(
            SocialProtectionCover(
                partnership=self.p,
                destination=self.countries[destination],
                pathway=pathway,
                branch=branch,
                coverage=coverage,
                basis=basis,
                portable=portable,
                waiting_days=waiting,
                bridging_insurance=bridging,
            )
        )

    def social_protection(
        self,
        destination: str,
        *,
        pension_portable: str = "yes",
        basis: str = "social_security_agreement",
        overrides: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> None:
        """All six branches of social protection in one destination (E6.R6, E6.R7); ``overrides`` per branch."""
        overrides = dict(overrides or {})
        defaults = {
            "health_care": {"basis": "national_law", "portable": "not_applicable"},
            "employment_injury": {"basis": "national_law", "portable": "yes"},
            "sickness_maternity": {"basis": "national_law", "portable": "partial"},
            "old_age_pension": {"basis": basis, "portable": pension_portable},
            "unemployment": {"basis": "national_law", "portable": "partial"},
            "family_benefits": {"basis": "national_law", "portable": "partial"},
        }
        for branch, values in defaults.items():
            self.cover(destination, branch, **{**values, **overrides.get(branch, {})})

    def grievance(
        self,
        side: str,
        kind: str,
        *,
        operator: str | OrgSpec | None,
        languages: Sequence[str],
        country: str | None = None,
        covers: Sequence[str] = FULL_COVERS,
        remedies: Sequence[str] = FULL_REMEDIES,
        free: bool | None = True,
        safe: bool | None = True,
        anonymous: bool | None = True,
    ) -> GrievanceChannel:
        return _save(
            GrievanceChannel(
                partnership=self.p,
                side=side,
                kind=kind,
                country=self.countries[country] if country else None,
                operator=self.org(operator) if operator else None,
                covers=list(covers),
                remedies=list(remedies),
                languages=list(languages),
                free_of_charge=free,
                safe_regardless_of_status=safe,
                anonymous_option=anonymous,
            )
        )

    #
    # Costs (W9; E8, R.3)
    #

    def cost(
        self,
        category: str,
        subitem: str,
        amount: str | int | Decimal,
        currency: str,
        *,
        shares: Sequence[Mapping[str, Any]],
        basis: str | None = None,
        **fields: Any,
    ) -> CostItem:
        """A cost item (``cost_item_create``) and its shares (``cost_share_set``); ``organisation`` in a share
        is a participation key. ``country`` is an ISO code; ``linked_training`` a programme."""
        if "country" in fields and isinstance(fields["country"], str):
            fields["country"] = self.countries[fields["country"]]
        item = cost_item_create(
            partnership=self.p,
            category=category,
            subitem=subitem,
            amount=Decimal(str(amount)),
            currency=currency,
            basis=basis,
            user=self.user,
            **fields,
        )
        rows = []
        for share in shares:
            row = dict(share)
            if isinstance(row.get("organisation"), str):
                row["organisation"] = self.org(row["organisation"])
            rows.append(row)
        if rows:
            cost_share_set(item=item, shares=rows, user=self.user)
        return item

    def cost_benefit(self, kind: str, **fields: Any) -> CostBenefitAnalysis:
        if "participation" in fields and isinstance(fields["participation"], str):
            fields["participation"] = self.parts[fields["participation"]]
        return _save(CostBenefitAnalysis(partnership=self.p, kind=kind, **fields))

    def sustainability_plan(self, **fields: Any) -> SustainabilityPlan:
        return _save(SustainabilityPlan(partnership=self.p, **fields))

    def feasibility_study(self, **fields: Any) -> FeasibilityStudy:
        return _save(FeasibilityStudy(partnership=self.p, **fields))

    def evaluation(self, kind: str, **fields: Any) -> Evaluation:
        return _save(Evaluation(partnership=self.p, kind=kind, **fields))

    #
    # Recruitment (W10; R.2–R.15)
    #

    def recruiter(self, key: str, **fields: Any) -> Recruiter:
        """Register a participant as recruiter (``recruiter_create``); organisation keys for the authorities."""
        for name in ("licensing_authority", "monitoring_body"):
            if isinstance(fields.get(name), str | OrgSpec):
                fields[name] = self.org(fields[name])
        defaults: dict[str, Any] = {
            "sanction_status": "none",
            "uses_sub_agents": False,
            "last_monitored_on": self.ago(5),
        }
        return recruiter_create(
            partnership=self.p, organisation=self.org(key), user=self.user, **{**defaults, **fields}
        )

    def public_recruiter(self, key: str, *, basis: str, monitoring_body: str | OrgSpec, **fields: Any) -> Recruiter:
        """A public employment service recruiting without a licence under national law (R.5 exemption)."""
        return self.recruiter(
            key,
            licence_exempt=True,
            exemption_basis=basis,
            monitoring_body=monitoring_body,
            payment_model="public_no_fee",
            iris_status="committed",
            **fields,
        )

    def arrangement(
        self,
        origin: str,
        destination: str,
        *,
        channel: str,
        recruiters: Sequence[Recruiter] = (),
        occupations: Sequence[str] = (),
        monitoring_body: str | OrgSpec | None = None,
        **fields: Any,
    ) -> RecruitmentArrangement:
        """How workers are recruited on one corridor; defaults satisfy every safeguard of §3 (override to plant)."""
        origin_row = self.countries[origin]
        defaults: dict[str, Any] = {
            "channel": channel,
            "employer_pays_commitment": True,
            "fees_charged_to_workers": Decimal("0"),
            "related_costs_charged_to_workers": [],
            "worker_costs_declared_on": self.ago(6),
            "wage_deductions_for_recruitment": False,
            "refund_mechanism": True,
            "worker_financing": "not_needed",
            "written_contract_before_departure": True,
            "contract_days_before_departure": 21,
            "contract_languages": list(origin_row.languages),
            "model_contract_used": True,
            "contract_verified_by_authority": True,
            "contract_substitution_prohibited": True,
            "substitution_incidents_open": 0,
            "passport_retention_allowed": False,
            "document_retention_prohibited_in_writing": True,
            "monitoring_frequency_months": 6,
        }
        defaults.update(fields)
        if monitoring_body:
            defaults["monitoring_body"] = self.org(monitoring_body)
        return recruitment_arrangement_create(
            partnership=self.p,
            origin=origin_row,
            destination=self.countries[destination],
            recruiters=list(recruiters),
            target_occupations=self._targets(occupations),
            user=self.user,
            **defaults,
        )
