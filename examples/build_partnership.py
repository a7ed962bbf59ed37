"""Build, over the REST API alone, a Skills Mobility Partnership that passes every feasibility check at stage
``agreement``, then run the check and say how it went.

Run it against a server that has the reference data (``python manage.py load_reference_data``), with the key
of a user whose one organisation leads the partnership (a German federal labour ministry, country DE)::

    python examples/build_partnership.py http://127.0.0.1:8000 smp_AbCd...

The partnership is a Morocco → Germany scheme for cooks (ISCO-08 5120): candidates train on a dual track in a
public hospitality school in Morocco, more than half of the places for people who stay; Morocco's public employment
service recruits without fees under the employer-pays principle; a skilled-worker residence permit with a
route to permanent residence takes them to hotels in Germany. It mirrors the North Africa–Europe demo, cut to
one corridor. docs/api.md ("A worked example") walks through what it writes and which rules read it.
Governments and international organisations carry their real names; the others are invented and end in
"(example)"; every fact recorded about any of them is invented for the example.

Only the standard library is used, and every HTTP request goes through ``Api.request`` (``build`` and
``check`` take any object with that method), so the test suite runs the same code in-process through
Django's test client. Dates are counted from ``today``: the rules compare dates with the day they run, so the
example keeps passing as time goes by. Organisations are looked up by name and country before they are
registered, so the script can be run again (it then builds a second partnership with the same cast).
"""

from __future__ import annotations

import datetime
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

API = "/api/v1"


class ApiError(Exception):
    """The server answered a request with a status the script did not expect; carries the error body."""

    def __init__(self, method: str, path: str, status: int, body: Any):
        self.method, self.path, self.status, self.body = method, path, status, body
        super().__init__(f"{method} {path} answered {status}: {json.dumps(body, ensure_ascii=False)[:4000]}")


class Api:
    """A minimal client of the platform's REST API: JSON in, JSON out, the key in every request."""

    def __init__(self, base: str, token: str, *, timeout: float = 60.0):
        self.base = base.rstrip("/")
        self.token = token
        self.timeout = timeout

    def request(
        self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], Any]:
        """Send one request; return (status, response headers lower-cased, parsed JSON or None).

        4xx and 5xx answers are returned like any other: the caller decides what is expected.
        """
        url = path if path.startswith(("http://", "https://")) else self.base + path
        data = None if body is None else json.dumps(body).encode()
        sent = {"Authorization": f"Token {self.token}", "Accept": "application/json"}
        if data is not None:
            sent["Content-Type"] = "application/json"
        sent.update(headers or {})
        # The base URL is the user's own server (http or https), given on the command line.
        req = urllib.request.Request(url, data=data, method=method.upper(), headers=sent)  # noqa: S310
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as response:  # noqa: S310
                status, raw, got = response.status, response.read(), response.headers
        except urllib.error.HTTPError as error:
            status, raw, got = error.code, error.read(), error.headers
        parsed = None
        if raw:
            try:
                parsed = json.loads(raw)
            except ValueError:
                parsed = None
        return status, {key.lower(): value for key, value in got.items()}, parsed


def call(api, method: str, path: str, body: Any = None, *, expect: tuple[int, ...] = (200, 201), headers=None):
    """``api.request`` that returns the parsed body, or raises :class:`ApiError` on any other status."""
    status, _headers, parsed = api.request(method, path, body, headers)
    if status not in expect:
        raise ApiError(method, path, status, parsed)
    return parsed


#
# Dates (the rules compare them with the day they run)
#


def months_ago(today: datetime.date, months: int, *, day: int = 1) -> str:
    """The ISO date of the ``day`` of the month ``months`` calendar months before ``today`` (negative: after)."""
    index = today.year * 12 + today.month - 1 - months
    return datetime.date(index // 12, index % 12 + 1, day).isoformat()


def months_ahead(today: datetime.date, months: int, *, day: int = 1) -> str:
    return months_ago(today, -months, day=day)


#
# The cast: organisations by key (name, category, country, level, portfolio)
#

ORGANISATIONS: dict[str, dict[str, Any]] = {
    # Destination: Germany
    "de_interior": {
        "name": "Federal Ministry of the Interior",
        "category": "government_ministry",
        "country": "DE",
        "portfolio": ["migration_interior"],
    },
    "de_foreign": {
        "name": "Federal Foreign Office",
        "category": "government_ministry",
        "country": "DE",
        "portfolio": ["foreign_affairs_consular"],
    },
    "de_education": {
        "name": "Federal Ministry of Education and Research",
        "category": "government_ministry",
        "country": "DE",
        "portfolio": ["education_tvet_skills"],
    },
    "de_embassy": {
        "name": "German Embassy Rabat",
        "category": "embassy_consulate",
        "country": "DE",
        "portfolio": ["foreign_affairs_consular"],
    },
    "de_recognition": {
        "name": "Central Service Point for Professional Recognition",
        "category": "government_agency",
        "country": "DE",
        "portfolio": ["education_tvet_skills"],
    },
    "de_pes": {
        "name": "Federal Employment Agency",
        "category": "public_employment_service",
        "country": "DE",
        "portfolio": ["labour_employment"],
    },
    "de_employers": {
        "name": "German Employers' Alliance for International Skills (example)",
        "category": "employer_org",
        "country": "DE",
    },
    "de_hotel": {
        "name": "Rhine Valley Hotel Group (example)",
        "category": "employer",
        "country": "DE",
        "level": "regional",
    },
    "de_school": {
        "name": "Rhineland Public Vocational School for Hospitality (example)",
        "category": "training_public",
        "country": "DE",
        "level": "regional",
    },
    "de_union": {"name": "Hospitality Workers' Union (example)", "category": "workers_org", "country": "DE"},
    "de_inspectorate": {
        "name": "Customs Labour Inspection Unit (example)",
        "category": "government_agency",
        "country": "DE",
        "portfolio": ["labour_employment"],
    },
    # Origin: Morocco
    "ma_employment": {
        "name": "Ministry of Economic Inclusion, Small Business, Employment and Skills",
        "category": "government_ministry",
        "country": "MA",
        "portfolio": ["labour_employment", "education_tvet_skills"],
    },
    "ma_foreign": {
        "name": "Ministry of Foreign Affairs, African Cooperation and Moroccan Expatriates",
        "category": "government_ministry",
        "country": "MA",
        "portfolio": ["foreign_affairs_consular", "migration_interior"],
    },
    "ma_pes": {
        "name": "National Agency for the Promotion of Employment and Skills (ANAPEC)",
        "category": "public_employment_service",
        "country": "MA",
        "portfolio": ["labour_employment"],
    },
    "ma_region": {
        "name": "Regional Council of Béni Mellal-Khénifra",
        "category": "subnational_authority",
        "country": "MA",
        "level": "regional",
    },
    "ma_school": {
        "name": "Public Institute of Hospitality Training, Casablanca (example)",
        "category": "training_public",
        "country": "MA",
        "level": "local",
    },
    "ma_employer": {"name": "Atlas Coast Hotels (example)", "category": "employer", "country": "MA"},
    "ma_diaspora": {
        "name": "Network of Moroccan Professionals in Europe (example)",
        "category": "diaspora_org",
        "country": "MA",
    },
    "ma_ngo": {"name": "Migrant Rights Helpline Morocco (example)", "category": "ngo_cso", "country": "MA"},
    "ma_consulate": {
        "name": "Moroccan consular network in Germany (example)",
        "category": "embassy_consulate",
        "country": "MA",
        "portfolio": ["foreign_affairs_consular"],
    },
    # International
    "iom": {"name": "International Organization for Migration (IOM)", "category": "international_org"},
    "ilo": {"name": "International Labour Organization (ILO)", "category": "international_org"},
    "eutf": {"name": "EU Emergency Trust Fund for Africa", "category": "donor"},
}

#: Who takes part, on which side, in which roles and since which stage (the lead is the key's organisation).
PARTICIPANTS: list[tuple[str, str, list[str], str, dict[str, Any]]] = [
    ("de_interior", "destination", ["permit_authority"], "exploration", {"is_champion": True}),
    ("de_foreign", "destination", ["advisor"], "assessment", {}),
    ("de_education", "destination", ["advisor"], "assessment", {}),
    ("de_embassy", "destination", ["permit_authority"], "design", {}),
    ("de_recognition", "destination", ["certification_body"], "design", {}),
    ("de_pes", "destination", ["skills_matching", "support_service", "data_provider"], "assessment", {}),
    (
        "de_employers",
        "destination",
        ["employer", "funder", "advisor"],
        "exploration",
        {
            "business_case": "Members fill cook vacancies that stay open for six months; they co-pay training and "
            "screening and break even after 14 months of employment."
        },
    ),
    (
        "de_hotel",
        "destination",
        ["employer", "training_provider"],
        "design",
        {"business_case": "Forty kitchen vacancies a year; on-the-job adaptation costs less than agency hiring."},
    ),
    ("de_school", "destination", ["training_provider"], "design", {}),
    ("de_union", "destination", ["advisor", "support_service"], "assessment", {}),
    ("de_inspectorate", "destination", ["support_service"], "design", {}),
    ("ma_employment", "origin", ["co_lead", "funder"], "exploration", {"is_champion": True}),
    ("ma_foreign", "origin", ["support_service"], "assessment", {}),
    ("ma_pes", "origin", ["recruiter", "skills_matching", "reintegration", "data_provider"], "exploration", {}),
    ("ma_region", "origin", ["support_service"], "design", {}),
    ("ma_school", "origin", ["training_provider"], "design", {}),
    (
        "ma_employer",
        "origin",
        ["employer"],
        "design",
        {"business_case": "Hires graduates of the home track; gains staff trained to an international standard."},
    ),
    ("ma_diaspora", "origin", ["advisor", "training_provider"], "assessment", {}),
    ("ma_ngo", "origin", ["support_service"], "assessment", {}),
    ("iom", "", ["implementer", "intermediary", "data_provider"], "exploration", {}),
    ("ilo", "", ["implementer", "data_provider"], "exploration", {}),
    ("eutf", "", ["funder"], "exploration", {}),
]

#: The 28 prompts of the information checklist (rule E3.R1 expects an answer to each).
DATA_NEED_PROMPTS = (
    *(f"partner.{n}" for n in range(1, 6)),
    *(f"sector.{n}" for n in range(1, 8)),
    *(f"skills.{n}" for n in range(1, 9)),
    *(f"matching.{n}" for n in range(1, 4)),
    "legal.1",
    "legal.2",
    "coherence.1",
    "gender.1",
    "gender.2",
)

#: What an orientation on rights and recruitment covers (E6.R4, R.13).
ORIENTATION_CONTENT = [
    "rights_obligations",
    "working_conditions_contract",
    "grievance_support",
    "costs_fees",
    "living_culture",
    "uncertainties",
    "health_safety",
    "gender_gbv",
]
#: What a complete grievance channel covers and offers (E6.R9, R.10, R.12).
GRIEVANCE_COVERS = [
    "recruitment_fees",
    "contract_substitution",
    "wages",
    "working_conditions",
    "harassment_gbv",
    "discrimination",
    "document_retention",
    "trafficking_forced_labour",
]
GRIEVANCE_REMEDIES = ["fee_refund", "compensation", "legal_aid", "employer_transfer"]

OCCUPATION = "5120"  # ISCO-08 unit group: cooks
SECTOR = "tourism_hospitality"
MIGRANTS = 180
TRAINEES = 400
ORIGIN_LANGUAGES = ["ar", "fr"]


#
# Helpers
#


def _items(page: Any) -> list[dict]:
    return page.get("results", []) if isinstance(page, dict) else list(page or [])


def organisation_ensure(api, spec: dict[str, Any]) -> dict:
    """The organisation named in ``spec``: the registered one with the same name and country, or a new one."""
    query = urllib.parse.urlencode({"search": spec["name"], "page_size": 100})
    for row in _items(call(api, "GET", f"{API}/organisations/?{query}")):
        if row["name"].casefold() == spec["name"].casefold() and (row.get("country") or "") == spec.get("country", ""):
            return row
    body = {
        "name": spec["name"],
        "category": spec["category"],
        "country": spec.get("country", ""),
        "level": "" if spec["category"] == "international_org" else spec.get("level", "national"),
        "portfolio": spec.get("portfolio", []),
    }
    return call(api, "POST", f"{API}/organisations/", body)


def partnership_data(today: datetime.date) -> dict:
    """The partnership's own fields: a scheme designed over the past year, signed last month, starting soon."""
    start = months_ahead(today, 3)
    end = months_ahead(today, 3 + 48)  # four years: beyond one three-year project cycle (E1.R8)
    return {
        "name": "Morocco–Germany hospitality skills partnership (API example)",
        "summary": (
            "Example built over the REST API (examples/build_partnership.py). Cooks train on a dual track in a "
            "public hospitality school in Morocco, for jobs in German hotels or at home; Morocco's public "
            "employment service recruits them free of charge and a skilled-worker permit takes them to Germany."
        ),
        "form_of_engagement": "blma",
        "migration_types": ["temporary", "circular", "long_term"],
        "start_date": start,
        "end_date": end,
        "donor_funded": True,
        "skill_levels": ["mid"],
        "sectors": [SECTOR],
        "training_location": "both",
        "flex_change_sector": True,
        "flex_change_skill_level": False,
        "flex_change_length_of_stay": True,
        "flexibility_provisions": ["redirect_funds", "change_sector", "change_training"],
        "contingency_budget_pct": "5.00",
        "funding_sources": ["donor_oda", "public_cod", "public_coo", "private_employer"],
        "target_groups": ["youth", "women"],
        "development_benefit": "The upgraded public hospitality school serves every learner in the origin region.",
        "corridor_rationale": ["labour_shortage_match", "foreign_policy_ties", "cultural_links"],
        "objective_coherence_reviewed_on": months_ago(today, 8),
        "climate_assessment": (
            "Hospitality in the origin region is exposed to heat and water stress; the curriculum adds green "
            "kitchen and energy-saving modules."
        ),
        "climate_assessment_on": months_ago(today, 8),
        "agreement_signed_on": months_ago(today, 1),
        "agreement_clauses": [
            "skills_development",
            "recognition",
            "rpl",
            "certification",
            "skills_matching",
            "lifelong_learning",
            "cost_sharing",
            "ethical_recruitment",
            "employer_pays",
            "responsible_authorities",
            "migration_types_covered",
            "covered_groups",
            "model_employment_contract",
            "equal_treatment",
            "health_social_benefits",
            "admission_review",
            "social_security",
            "grievance_remedy",
            "data_sharing",
        ],
        "agreement_published": True,
        "security_clearance_required": False,
        "diaspora_engagement_planned": True,
        "diaspora_mapping_done_on": months_ago(today, 12),
        "matching_process": (
            "Morocco's employment service pre-selects candidates against profiles agreed with employers; the "
            "Federal Employment Agency and the hotels interview them online; matched candidates get a job offer "
            "before the visa application."
        ),
        "skills_transfer_measures": [
            "circularity_incentives",
            "diaspora_knowledge_transfer",
            "destination_training_for_origin",
        ],
        "return_services": [
            "return_job_matching",
            "return_skills_recognition",
            "pre_return_orientation",
            "one_stop_centre",
            "entrepreneurship_support",
        ],
        "recognition_info_channels": ["one_stop_shop", "pre_departure_session", "online_platform"],
        "recognition_info_languages": ORIGIN_LANGUAGES,
        "aspirations_study_on": months_ago(today, 10),
        "aspirations_methods": ["survey", "focus_groups"],
        "aspirations_by_gender": True,
        "gender_analysis_ex_ante_on": months_ago(today, 10),
        "gender_imbalances_found": True,
        "gender_action_plan": "A quota of 40 % women in each intake, and childcare support during training.",
        "inclusion_safeguards": [
            "maternity_protection",
            "harassment_gbv_prevention",
            "sogiesc_safe_referrals",
            "gender_sensitive_staff_training",
            "equal_access_measures",
        ],
        "fiscal_cooperation": ["double_taxation_agreement", "simplified_registration", "interstate_banking"],
        "return_entitlements_guaranteed": True,
        "pathway_mapping_done_on": months_ago(today, 10),
        "admission_review_trigger": (
            "Either side may ask the steering committee to scale admissions down when Morocco's labour-force "
            "survey shows a shortage of cooks two quarters in a row."
        ),
        "cost_sharing_models": ["agreement_specified", "training_fund"],
        "cost_table_visibility": "all_participants",
        "public_subsidy_safeguards": ["open_access_training", "employer_cofinancing", "funder_rules_checked"],
        "planned_migrants_total": MIGRANTS,
        "planned_trainees_total": TRAINEES,
        "reporting_currency": "EUR",
        "recruitment_standards": ["ilo_fair_recruitment", "iris_standard"],
    }


class _Builder:
    """Keeps what was created, by stable name, while ``build`` fills the partnership."""

    def __init__(self, api, today: datetime.date):
        self.api = api
        self.today = today
        self.made: dict[str, dict] = {}
        self.pid: int | None = None

    def post(self, name: str, collection: str, body: dict, *, in_partnership: bool = True) -> dict:
        if in_partnership:
            body = {"partnership": self.pid, **body}
        row = call(self.api, "POST", f"{API}/{collection}/", body)
        self.made[name] = row
        return row

    def id(self, name: str) -> int:
        return self.made[name]["id"]

    def org(self, key: str) -> int:
        return self.made[f"organisation.{key}"]["id"]

    def part(self, key: str) -> int:
        return self.made[f"participation.{key}"]["id"]

    def country(self, code: str) -> int:
        return self.made[f"country.{code}"]["id"]

    def ago(self, months: int, day: int = 1) -> str:
        return months_ago(self.today, months, day=day)

    def ahead(self, months: int, day: int = 1) -> str:
        return months_ahead(self.today, months, day=day)


def build(api, *, today: datetime.date | None = None, stage: str = "agreement") -> dict:
    """Create the partnership and every row below it; move it to ``stage``; return what was made by name.

    Keys: ``partnership``, ``organisation.<key>``, ``participation.<key>``, ``country.MA`` / ``country.DE``,
    ``objective.<kind>``, ``indicator.<code>``, ``target_occupation.5120``, ``training.<key>``,
    ``recognition.diploma_supplement``, ``pathway.skilled_worker``, ``pathway_step.<order>``,
    ``social_protection.<branch>``, ``grievance_channel.<key>``, ``cost_item.<subitem>``,
    ``recruiter.ma_pes``, ``recruitment_arrangement.MA-DE``, ``governance_body.<key>`` … (each the JSON the
    API answered, with its ``id``; ``partnership`` is read again after the last stage move). Rows carry no
    version of their own: a row's ETag is its partnership's version, so ``made["partnership"]["version"]`` is
    the one to send as ``If-Match`` or ``version`` on a later write.
    """
    today = today or datetime.date.today()
    b = _Builder(api, today)
    _actors(b)
    _countries_and_actors(b)
    _governance(b)
    _objectives_and_indicators(b)
    _evidence(b)
    _skills(b)
    _pathway(b)
    _social_package(b)
    _costs(b)
    _recruitment(b)
    advance(api, b.pid, stage)
    b.made["partnership"] = call(api, "GET", f"{API}/partnerships/{b.pid}/")
    return b.made


def _actors(b: _Builder) -> None:
    """The partnership, led by the key's organisation, and every other organisation it needs (W1, W3)."""
    for key, spec in ORGANISATIONS.items():
        b.made[f"organisation.{key}"] = organisation_ensure(b.api, spec)
    partnership = call(b.api, "POST", f"{API}/partnerships/", {**partnership_data(b.today), "lead_side": "destination"})
    b.pid = partnership["id"]
    b.made["partnership"] = partnership
    lead = next(part for part in partnership["participations"] if "lead" in (part.get("roles") or []))
    b.made["organisation.de_labour"] = {"id": lead["organisation"]}
    # The lead also funds; it took part from the start, champions the scheme and its capacity was assessed.
    b.made["participation.de_labour"] = call(
        b.api,
        "PATCH",
        f"{API}/participations/{lead['id']}/",
        {
            "roles": ["lead", "funder"],
            "joined_stage": "exploration",
            "is_champion": True,
            "capacity_assessed": True,
            "capacity_level": "high",
        },
    )


def _countries_and_actors(b: _Builder) -> None:
    """Both partner countries with their systems (E3.R5, E5.R2, E5.R6, R.15), then the participants (E2)."""
    b.post(
        "country.MA",
        "partnership-countries",
        {
            "country": "MA",
            "side": "origin",
            "languages": ORIGIN_LANGUAGES,
            "nqf_status": "operational",
            "rpl_system": "operational",
            "lmis_status": "functional",
            "lmis_includes_labour_migration": True,
            "target_regions": ["Béni Mellal-Khénifra", "Casablanca-Settat"],
            # C181 (private employment agencies) on at least one side: R.15.
            "ratified_instruments": ["C97", "C102", "C181"],
        },
    )
    b.post(
        "country.DE",
        "partnership-countries",
        {
            "country": "DE",
            "side": "destination",
            "languages": ["de"],
            "nqf_status": "operational",
            "rpl_system": "operational",
            "lmis_status": "functional",
            "lmis_includes_labour_migration": True,
            "regional_frameworks": ["EQF"],
            "ratified_instruments": ["C97", "C102"],
        },
    )
    for key, side, roles, joined, extra in PARTICIPANTS:
        b.post(
            f"participation.{key}",
            "participations",
            {
                "organisation": b.org(key),
                "side": side,
                "roles": roles,
                "joined_stage": joined,
                "capacity_assessed": True,
                "capacity_level": "high",
                **extra,
            },
        )
    b.post(
        "capacity_activity.skills_anticipation",
        "capacity-activities",
        {
            "target_participation": b.part("ma_employment"),
            "topic": "skills_anticipation",
            "method": "workshop",
            "status": "done",
            "description": "Four-module skills-anticipation course for labour-ministry officials.",
            "scheduled_on": b.ago(2),
        },
    )


def _governance(b: _Builder) -> None:
    """A decision-making, an operational and a sectoral body, and an advisory council (E2.R5, E2.R8)."""
    tor = "Terms of reference adopted with the agreement: mandate, membership, decisions by consensus, annual review."
    bodies = [
        (
            "steering_committee",
            {
                "name": "Joint steering committee",
                "kind": "steering_committee",
                "members": ["de_labour", "ma_employment", "de_employers", "iom"],
                "reporting_cycle": "semiannual",
                "chair": "de_labour",
                "established_on": b.ago(2),
            },
        ),
        (
            "operational_committee",
            {
                "name": "Operational committee",
                "kind": "operational_committee",
                "members": ["de_pes", "ma_pes", "iom", "ilo", "ma_school"],
                "reporting_cycle": "monthly",
                "meeting_frequency_per_year": 12,
                "established_on": b.ago(1),
            },
        ),
        (
            "hospitality_working_group",
            {
                "name": "Hospitality working group",
                "kind": "sectoral_working_group",
                "sector": SECTOR,
                "members": ["de_employers", "de_hotel", "ma_school", "de_union", "ma_employer"],
            },
        ),
        (
            "advisory_council",
            {
                "name": "Stakeholder advisory council",
                "kind": "advisory_council",
                "members": ["de_union", "ma_diaspora", "ma_ngo"],
                "reporting_cycle": "annual",
                "meeting_frequency_per_year": 2,
            },
        ),
    ]
    for key, spec in bodies:
        body = {
            "terms_of_reference": tor,
            "reporting_cycle": "quarterly",
            "has_review_mechanism": True,
            "meeting_frequency_per_year": 4,
            **spec,
        }
        body["members"] = [b.part(member) for member in spec["members"]]
        if "chair" in spec:
            body["chair"] = b.part(spec["chair"])
        b.post(f"governance_body.{key}", "governance-bodies", body)


def _objectives_and_indicators(b: _Builder) -> None:
    """Objectives with horizons and SDG/GCM links, a mitigated tension, indicators with baselines (E1, §9.1)."""
    objectives = {
        "test_new_pathway": (
            "long",
            "Make a skills-based route to Germany a lasting part of the partners' labour-migration systems.",
            ["10.7"],
            [5],
        ),
        "systems_improvement": (
            "long",
            "Strengthen labour-migration statistics and skills anticipation in Morocco.",
            ["17.17"],
            [1],
        ),
        "skilled_workforce": (
            "mid",
            "Train cooks to a standard both sides recognise, including those who stay.",
            ["4.4"],
            [18],
        ),
    }
    for kind, (horizon, description, sdgs, gcms) in objectives.items():
        b.post(
            f"objective.{kind}",
            "objectives",
            {
                "kind": kind,
                "horizon": horizon,
                "description": description,
                "visibility": "all_participants",
                "sdg_targets": sdgs,
                "gcm_objectives": gcms,
            },
        )
    b.post(
        "objective_tension.pathway_vs_skills",
        "objective-tensions",
        {
            "objective_a": b.id("objective.test_new_pathway"),
            "objective_b": b.id("objective.skilled_workforce"),
            "status": "mitigated",
            "note": "Employers want the best graduates to move; the home track keeps 40 % of places for stayers.",
        },
    )
    indicators = [
        {
            "code": "trainees_enrolled",
            "name": "Trainees starting training",
            "impact_category": "skills",
            "objective": "skilled_workforce",
            "sdg_target": "4.4",
            "baseline_value": "0",
            "target_value": str(TRAINEES),
            "collection_points": ["before_training", "end_of_training"],
        },
        {
            "code": "trainees_certified",
            "name": "Trainees certified",
            "impact_category": "skills",
            "objective": "skilled_workforce",
            "baseline_value": "0",
            "target_value": "360",
            "collection_points": ["end_of_training"],
        },
        {
            "code": "migrants_deployed",
            "name": "Participants who took up the job abroad",
            "impact_category": "economy",
            "objective": "test_new_pathway",
            "sdg_target": "10.7",
            "baseline_value": "0",
            "target_value": str(MIGRANTS),
            "collection_points": ["during_employment"],
        },
        {
            "code": "stayers_employed_origin",
            "name": "Trained stayers employed at home within 12 months",
            "impact_category": "economy",
            "side": "origin",
            "baseline_value": "0",
            "target_value": "150",
            "collection_points": ["end_of_training"],
            "follow_up_months": 12,
        },
        {
            "code": "earnings_change",
            "name": "Change in monthly earnings",
            "impact_category": "earnings_remittances",
            "objective": "test_new_pathway",
            "gcm_objective": 5,
            "unit": "%",
            "baseline_value": "0",
            "target_value": "60",
            "collection_points": ["before_training", "during_employment"],
        },
        {
            "code": "worker_paid_recruitment_costs",
            "name": "Recruitment costs borne by workers (months of wages)",
            "impact_category": "earnings_remittances",
            "direction": "decrease",
            "unit": "months",
            "baseline_value": "0",
            "target_value": "0",
            "collection_points": ["during_employment"],
        },
        {
            "code": "participant_satisfaction",
            "name": "Participants satisfied with the partnership",
            "impact_category": "satisfaction",
            "measure_type": "qualitative",
            "baseline_value": "No baseline: new scheme",
            "target_value": "Most participants satisfied",
            "collection_points": ["during_employment", "after_return"],
        },
        {
            "code": "lfs_migration_module",
            "name": "Labour-migration module in Morocco's labour-force survey",
            "impact_category": "systems",
            "objective": "systems_improvement",
            "gcm_objective": 1,
            "measure_type": "qualitative",
            "level": "impact",
            "baseline_value": "No module",
            "target_value": "Module in the survey",
            "disaggregation": [],
            "collection_points": ["before_training", "after_return"],
        },
        {
            "code": "business_links",
            "name": "New business links along the corridor",
            "impact_category": "business",
            "side": "origin",
            "baseline_value": "0",
            "target_value": "3",
            "disaggregation": [],
            "collection_points": ["during_employment"],
        },
    ]
    for spec in indicators:
        body = {
            "measure_type": "quantitative",
            "level": "outcome",
            "direction": "increase",
            "unit": "persons",
            "disaggregation": ["sex"],
            "baseline_date": b.ago(10),
            "target_date": b.ahead(30),
            **spec,
        }
        if "objective" in spec:
            body["objective"] = b.id(f"objective.{spec['objective']}")
        b.post(f"indicator.{spec['code']}", "indicators", body)


def _evidence(b: _Builder) -> None:
    """Labour-market evidence on both sides, the information checklist, a joint review, data sharing (E3)."""
    year = b.today.year - 1
    for code, source_type, producer in (("MA", "labour_force_survey", "ma_pes"), ("DE", "administrative", "de_pes")):
        b.post(
            f"evidence.demand.{code}",
            "labour-market-evidence",
            {
                "title": f"Hospitality labour demand and supply, {code} ({year})",
                "source_type": source_type,
                "topics": ["labour_demand", "skills_supply"],
                "reference_year": year,
                "country": b.country(code),
                "sector": SECTOR,
                "producer": b.org(producer),
                "disaggregation": ["sex", "subnational", "age"],
                "is_joint": code == "MA",
            },
        )
    b.post(
        "evidence.employer_survey",
        "labour-market-evidence",
        {
            "title": "Hospitality employers' skills survey",
            "source_type": "employer_survey",
            "topics": ["labour_demand", "skills_mismatch"],
            "reference_year": year,
            "country": b.country("DE"),
            "sector": SECTOR,
            "producer": b.org("de_employers"),
            "disaggregation": ["sex", "subnational"],
            "is_joint": True,
            "occupations": [OCCUPATION],
        },
    )
    b.post(
        "evidence.forecast",
        "labour-market-evidence",
        {
            "title": "Skills forecast 2030: tourism and hospitality",
            "source_type": "forecast_model",
            "topics": ["labour_demand"],
            "reference_year": year,
            "horizon_years": 6,
            "sector": SECTOR,
            "producer": b.org("ilo"),
        },
    )
    evidence = [b.id(name) for name in ("evidence.demand.MA", "evidence.demand.DE", "evidence.employer_survey")]
    for code in DATA_NEED_PROMPTS:
        if code == "sector.3":
            body = {
                "status": "gap",
                "answer": "Not known yet.",
                "gap_strategy": "ILO adds a green-skills module to next year's forecast; IOM follows up.",
                "gap_owner": b.part("iom"),
            }
        else:
            body = {
                "status": "answered",
                "answer": "Answered in the joint assessment; the linked evidence gives the detail.",
                "evidence": evidence,
            }
        b.post(f"data_need.{code}", "data-needs", {"prompt_code": code, **body})
    b.post(
        "evidence_review",
        "evidence-reviews",
        {
            "held_on": b.ago(8, day=15),
            "conclusions": "Demand for cooks in Germany is structural; Morocco's surplus of trained cooks confirmed.",
            "participants": [b.part(key) for key in ("de_labour", "ma_employment", "de_employers", "de_union")],
            "evidence": [*evidence, b.id("evidence.forecast")],
        },
    )
    b.post(
        "data_sharing.sector_working_group",
        "data-sharing-arrangements",
        {
            "kind": "sector_working_group",
            "data_types": ["skills_needs", "certification_needs", "vacancies"],
            "started_on": b.ago(10),
            "parties": [b.part(key) for key in ("de_pes", "ma_pes", "de_employers", "ma_employment")],
        },
    )
    # Local development the scheme builds on (E4.R5, E4.R7)
    b.post(
        "linked_initiative.education_reform",
        "linked-initiatives",
        {
            "kind": "education_reform",
            "name": "Hospitality school upgrade programme",
            "country": b.country("MA"),
            "funder": b.org("eutf"),
        },
    )
    b.post(
        "linked_initiative.lmis_programme",
        "linked-initiatives",
        {
            "kind": "lmis_programme",
            "name": "Labour-market information system reform",
            "country": b.country("MA"),
            "funder": b.org("ilo"),
        },
    )
    b.post(
        "business_linkage.sme_matchmaking",
        "business-linkages",
        {
            "kind": "sme_matchmaking",
            "status": "done",
            "destination_org": b.org("de_hotel"),
            "origin_org": b.org("ma_employer"),
            "jobs_created_origin": 15,
            "date": b.ago(6),
        },
    )


def _skills(b: _Builder) -> None:
    """The target occupation with its country profiles, recognition and training (E4, E5)."""
    target = b.post(
        f"target_occupation.{OCCUPATION}",
        "target-occupations",
        {
            "occupation": OCCUPATION,
            "places_per_year": 60,
            "destinations": [b.country("DE")],
            "automation_impact": "low",
            "informal_skills_common": False,
            "accepted_certification": "National cook diploma (NQF level 4) with an ESCO-based diploma supplement",
            "certification_validated_by": [b.part("de_employers"), b.part("de_hotel")],
        },
    )
    b.post(
        "occupation_profile.MA",
        "occupation-profiles",
        {
            "target_occupation": target["id"],
            "country": b.country("MA"),
            "labour_status": "surplus",
            "labour_status_evidence": b.id("evidence.demand.MA"),
            "nqf_level": "4",
            "classification_code": f"MA-{OCCUPATION}",
            "brain_drain_safeguards": ["dual_track_training", "skills_transfer"],
        },
        in_partnership=False,
    )
    b.post(
        "occupation_profile.DE",
        "occupation-profiles",
        {
            "target_occupation": target["id"],
            "country": b.country("DE"),
            "recognition_route": "individual_assessment",
            "regulated": False,
            "recognition_gap": False,
            "recognition_weeks": 10,
            "nqf_level": "4",
            "classification_code": f"DE-{OCCUPATION}",
            "on_shortage_list": True,
        },
        in_partnership=False,
    )
    both = [b.country("MA"), b.country("DE")]
    b.post(
        "recognition.diploma_supplement",
        "recognition-arrangements",
        {
            "name": "Diploma supplements in ESCO terms for hospitality diplomas",
            "kind": "diploma_supplement",
            "recognition_type": "professional",
            "status": "existing",
            "phase": "pre_departure",
            "legal_basis": "Agreement, skills annex, article 4.",
            "competent_authority": b.org("de_recognition"),
            "is_fast_track": True,
            "referenced_in_agreement": True,
            "typical_processing_days": 60,
            "cost_payer": ["gov_origin", "employer"],
            "occupations": [target["id"]],
            "countries": both,
            "responsible_orgs": [b.org("ma_employment"), b.org("de_recognition")],
        },
    )
    full_modules = ["technical", "language", "soft_skills", "rights_information", "intercultural"]
    programmes = {
        "hospitality_dual_track": {
            "name": "Hospitality dual-track programme",
            "occupations": [target["id"]],
            "provider": b.org("ma_school"),
            "accreditation_body": b.org("ma_employment"),
            "track": "dual",
            "location": "origin",
            "mode": "origin_system_training",
            "stage": "pre_departure",
            "audience": "candidates",
            "certificate_name": "National cook diploma with supplement",
            "certificate_recognised_in": both,
            "codesigned_by": [b.part(key) for key in ("de_employers", "de_hotel", "ma_diaspora")],
            "system_components": [
                "curriculum_upgrade",
                "trainer_training",
                "equipment_infrastructure",
                "open_enrolment",
            ],
            "places_total": TRAINEES,
            "places_migration": MIGRANTS,
        },
        "post_arrival_language": {
            "name": "Post-arrival workplace language and mentoring",
            "occupations": [target["id"]],
            "provider": b.org("de_school"),
            "accreditation_body": b.org("de_education"),
            "track": "migration",
            "location": "destination",
            "mode": "adaptation_upskilling",
            "stage": "post_arrival",
            "audience": "migrant_workers",
            "certificate_name": "Workplace German B2",
            "certificate_recognised_in": both,
            "codesigned_by": [b.part("de_hotel"), b.part("de_union")],
        },
        "managers_orientation": {
            "name": "Managing international kitchen teams",
            "occupations": [],
            "provider": b.org("de_school"),
            "accreditation_body": b.org("de_education"),
            "track": "",
            "location": "destination",
            "mode": "orientation",
            "stage": "in_employment",
            "audience": "employers_managers",
            "certificate_name": "Attendance certificate",
            "modules": ["intercultural", "rights_information"],
            "language_target_level": "",
        },
        "return_counselling": {
            "name": "Return career counselling and skills validation",
            "occupations": [],
            "provider": b.org("ma_school"),
            "accreditation_body": b.org("ma_employment"),
            "track": "stay",
            "location": "origin",
            "mode": "other",
            "stage": "return",
            "audience": "migrant_workers",
            "certificate_name": "Validated experience certificate",
            "modules": ["soft_skills", "financial_literacy"],
            "language_target_level": "",
            "places_total": 100,
            "places_migration": 0,
        },
    }
    for key, spec in programmes.items():
        body = {
            "provider_accredited": True,
            "issues_certificate": True,
            "standard_alignment": "destination_standard",
            "modules": full_modules,
            "language_target_level": "B1",
            "gender_needs_assessed": True,
            **spec,
        }
        b.post(f"training.{key}", "training-programmes", body)
    b.post(
        "documentation_tool.skills_passport",
        "skills-documentation-tools",
        {
            "kind": "skills_passport",
            "name": "Digital skills passport for hospitality",
            "stages": ["pre_departure", "in_employment", "return"],
            "free_to_migrant": True,
            "offline_access": True,
            "data_protection_basis": "Consent-based; held by the origin skills authority under national "
            "data-protection law.",
            "languages": [*ORIGIN_LANGUAGES, "de"],
        },
    )


def _pathway(b: _Builder) -> None:
    """The legal route, worker-friendly, and its application journey along the continuum (E7, E1.R10)."""
    pathway = b.post(
        "pathway.skilled_worker",
        "pathways",
        {
            "name": "Skilled-worker residence permit (vocational qualification)",
            "permit_kind": "residence_permit_work",
            "status": "existing",
            "legal_basis": "National residence law; route confirmed in the legal mapping of the feasibility study.",
            "destination_country": b.country("DE"),
            "origin_countries": [b.country("MA")],
            "occupations": [OCCUPATION],
            "max_stay_months": 48,
            "renewable": True,
            "route_to_permanent_residence": True,
            "convertible_to": "permanent_residence",
            "employer_tied": "sector",
            "change_of_employer_allowed": True,
            "exit_permit_required": False,
            "sponsor_controls_residence": False,
            "labour_market_test": False,
            "quota": False,
            "shortage_list": True,
            "skills_recognition_required": True,
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
            "application_location": "Online portal, with help from the visa centre in Morocco.",
            "visa_centre_in_origin": True,
            "gender_sensitive_procedures": True,
            "fees_waived": True,
            "admissions_adjustable": True,
            "info_languages": ORIGIN_LANGUAGES,
        },
    )
    journey = [
        ("Pre-selection and matching", "pre_departure", "recruitment", "ma_pes", 30),
        ("Recognition of qualifications", "pre_departure", "skills_recognition", "de_recognition", 40),
        ("Work visa and permit", "pre_departure", "visa_work_permit", "de_interior", 45),
        ("Pre-departure orientation", "pre_departure", "pre_departure_orientation", "ma_pes", 5),
        ("Entry and first registration", "travel_arrival", "entry_verification", "de_interior", 1),
        ("Welcome and information desk", "travel_arrival", "information_centre", "de_pes", 2),
        ("Residence registration", "stay_employment", "post_arrival_registration", "de_pes", 10),
        ("Health insurance enrolment", "stay_employment", "health_services", "de_pes", 5),
        (
            "Social-security record for a later move",
            "onward_migration",
            "social_security_portability",
            "de_interior",
            20,
        ),
        ("Pre-return orientation", "return_reintegration", "pre_return_orientation", "ma_pes", 2),
        ("Job placement after return", "return_reintegration", "job_placement", "ma_pes", 30),
    ]
    for order, (name, phase, kind, responsible, days) in enumerate(journey, start=1):
        b.post(
            f"pathway_step.{order}",
            "pathway-steps",
            {
                "pathway": pathway["id"],
                "order": order,
                "name": name,
                "phase": phase,
                "kind": kind,
                "responsible": b.org(responsible),
                "typical_days": days,
            },
            in_partnership=False,
        )


def _social_package(b: _Builder) -> None:
    """Support along the whole continuum, social protection in Germany, grievance channels (E6, R.10–R.13)."""
    origin, destination, languages = "iom", "de_pes", ORIGIN_LANGUAGES
    provisions = [
        (
            "pre_decision",
            "information_channel",
            origin,
            {"delivery": ["one_stop_centre", "online"], "languages": languages},
        ),
        ("pre_decision", "aspirations_study", origin, {}),
        (
            "pre_decision",
            "expectation_management",
            origin,
            {"content": ["uncertainties", "return_options"], "languages": languages},
        ),
        ("pre_decision", "irregular_migration_awareness", origin, {"languages": languages}),
        ("pre_departure", "recruitment_procedure", origin, {}),
        ("pre_departure", "selection_criteria", origin, {}),
        ("pre_departure", "training", origin, {}),
        ("pre_departure", "visa_permit", destination, {}),
        (
            "pre_departure",
            "pre_departure_orientation",
            origin,
            {
                "content": ORIENTATION_CONTENT,
                "languages": languages,
                "delivery": ["classroom"],
                "target_groups": ["all", "women", "sogiesc"],
            },
        ),
        ("pre_departure", "contract_before_departure", origin, {}),
        ("travel_arrival", "travel_arrangements", destination, {}),
        (
            "travel_arrival",
            "reception_information",
            destination,
            {"content": ORIENTATION_CONTENT, "languages": languages, "delivery": ["welcome_centre", "mentor"]},
        ),
        (
            "travel_arrival",
            "admin_assistance",
            destination,
            {"services": ["civil_registration", "tax_registration"], "delivery": ["welcome_centre"]},
        ),
        (
            "stay_employment",
            "soft_landing_integration",
            destination,
            {
                "services": ["housing", "bank_account", "administrative_help", "health_insurance_enrolment"],
                "delivery": ["mentor", "welcome_centre"],
            },
        ),
        ("stay_employment", "housing", destination, {"services": ["housing"]}),
        ("stay_employment", "language_lifelong_learning", destination, {"delivery": ["classroom"]}),
        ("stay_employment", "anti_discrimination", destination, {}),
        ("stay_employment", "grievance_mechanism", destination, {}),
        ("stay_employment", "remittances_finance", destination, {"content": ["remittances_finance"]}),
        ("return_reintegration", "pre_return_orientation", origin, {"languages": languages}),
        (
            "return_reintegration",
            "return_support",
            origin,
            {"target_groups": ["all", "women"], "services": ["administrative_help"]},
        ),
        ("return_reintegration", "reintegration_job_placement", origin, {}),
        ("return_reintegration", "skills_verification_return", origin, {}),
        ("return_reintegration", "circular_reentry", origin, {}),
    ]
    for phase, topic, responsible, extra in provisions:
        b.post(
            f"continuum_provision.{phase}.{topic}",
            "continuum-provisions",
            {"phase": phase, "topic": topic, "status": "provided", "responsible": b.part(responsible), **extra},
        )
    branches = {
        "health_care": ("national_law", "not_applicable"),
        "employment_injury": ("national_law", "yes"),
        "sickness_maternity": ("national_law", "partial"),
        "old_age_pension": ("social_security_agreement", "yes"),
        "unemployment": ("national_law", "partial"),
        "family_benefits": ("national_law", "partial"),
    }
    for branch, (basis, portable) in branches.items():
        b.post(
            f"social_protection.{branch}",
            "social-protection-covers",
            {
                "destination": b.country("DE"),
                "branch": branch,
                "coverage": "equal_treatment",
                "basis": basis,
                "portable": portable,
                "waiting_days": 0,
            },
        )
    channels = [
        ("de_labour_inspectorate", "destination", "labour_inspectorate", "DE", "de_inspectorate"),
        ("de_consular_service", "destination", "consular_service", "DE", "ma_consulate"),
        ("ma_resource_centre", "origin", "migrant_resource_centre", None, "ma_ngo"),
    ]
    for key, side, kind, country, operator in channels:
        body = {
            "side": side,
            "kind": kind,
            "operator": b.org(operator),
            "covers": GRIEVANCE_COVERS,
            "remedies": GRIEVANCE_REMEDIES,
            "languages": languages,
            "free_of_charge": True,
            "safe_regardless_of_status": True,
            "anonymous_option": True,
        }
        if country:
            body["country"] = b.country(country)
        b.post(f"grievance_channel.{key}", "grievance-channels", body)


def _costs(b: _Builder) -> None:
    """The cost table in euros, every item shared to 100 % (E8, R.3), and the plans around it (E8, E1.R8)."""
    year = b.today.year
    de_gov = {"payer": "gov_destination", "organisation": b.org("de_labour")}
    ma_gov = {"payer": "gov_origin", "organisation": b.org("ma_employment")}
    eutf = {"payer": "other", "organisation": b.org("eutf")}
    employers = {"payer": "employer", "organisation": b.org("de_employers")}
    items = [
        (
            "project_implementation",
            "partnership_meetings",
            "120000",
            {},
            [
                {**de_gov, "percent": "40"},
                {**ma_gov, "percent": "20", "instrument": "in_kind"},
                {**eutf, "percent": "40", "instrument": "oda_grant"},
            ],
        ),
        (
            "project_implementation",
            "systems_investment",
            "250000",
            {},
            [{**eutf, "percent": "70", "instrument": "oda_grant"}, {**ma_gov, "percent": "30", "instrument": "budget"}],
        ),
        (
            "project_implementation",
            "return_reintegration",
            "300",
            {},
            [{**ma_gov, "percent": "60"}, {**eutf, "percent": "40"}],
        ),
        (
            "project_implementation",
            "migrant_support_services",
            "600",
            {},
            [{**employers, "percent": "60", "timing": "on_arrival"}, {**de_gov, "percent": "40"}],
        ),
        (
            "pre_selection",
            "candidate_screening",
            "250",
            {},
            [{**employers, "percent": "100", "timing": "on_visa_grant"}],
        ),
        (
            "pre_selection",
            "skills_recognition",
            "400",
            {},
            [
                {"payer": "employer", "organisation": b.org("de_hotel"), "percent": "70", "timing": "after_placement"},
                {**de_gov, "percent": "30"},
            ],
        ),
        (
            "training",
            "training_delivery",
            "1200",
            {"country": b.country("MA"), "linked_training": b.id("training.hospitality_dual_track")},
            [
                {**de_gov, "percent": "40"},
                {**employers, "percent": "30", "timing": "upfront", "risk_mitigation": "refund_if_no_visa"},
                {**eutf, "percent": "30", "instrument": "oda_grant"},
            ],
        ),
        (
            "training",
            "training_stipend",
            "200",
            {"country": b.country("MA")},
            [{**ma_gov, "percent": "50"}, {**eutf, "percent": "50"}],
        ),
        ("travel", "transport", "350", {}, [{**employers, "percent": "100", "timing": "on_visa_grant"}]),
        (
            "travel",
            "visa_immigration",
            "150",
            {},
            [
                {
                    "payer": "gov_destination",
                    "organisation": b.org("de_interior"),
                    "percent": "100",
                    "instrument": "fee_waiver",
                }
            ],
        ),
        ("monitoring_evaluation", "external_evaluation", "60000", {}, [{**eutf, "percent": "100"}]),
    ]
    for category, subitem, amount, extra, shares in items:
        b.post(
            f"cost_item.{subitem}",
            "cost-items",
            {
                "category": category,
                "subitem": subitem,
                "amount": amount,
                "currency": "EUR",
                "year": year,
                "shares": shares,
                **extra,
            },
        )
    b.post(
        "cost_benefit_analysis.public_value_for_money",
        "cost-benefit-analyses",
        {
            "kind": "public_value_for_money",
            "perspective": "The German government and the EU",
            "scenarios": "Low, central and high placement scenarios, against agency recruitment without training.",
            "benefit_cost_ratio": "1.40",
            "break_even": str(b.today.year + 3),
            "alternatives_compared": True,
            "outcome_unit": "migrant_placed",
            "price_per_outcome": "9000.00",
            "price_currency": "EUR",
            "completed_on": b.ago(8),
        },
    )
    b.post(
        "sustainability_plan",
        "sustainability-plans",
        {
            "follow_on": "After the donor-funded phase, the employers' training fund and the German labour ministry "
            "carry the training; the steering committee decides on scaling up in the third year.",
            "mechanisms": ["training_fund", "employer_share_growth", "development_cooperation_link"],
            "mechanisms_tested": ["employer_share_growth"],
            "target_public_share_pct": "35.00",
            "target_year": b.today.year + 4,
        },
    )
    b.post(
        "feasibility_study",
        "feasibility-studies",
        {
            "started_on": b.ago(14),
            "completed_on": b.ago(9),
            "predecessor_schemes_reviewed": "Evaluations of earlier Moroccan–German hospitality placements.",
            "scope": ["objectives", "legal", "institutional", "costs", "labour_market"],
        },
    )


def _recruitment(b: _Builder) -> None:
    """Morocco's public employment service recruits, fee-free, under the employer-pays principle (R.1–R.15)."""
    recruiter = b.post(
        "recruiter.ma_pes",
        "recruiters",
        {
            "organisation": b.org("ma_pes"),
            "licence_exempt": True,
            "exemption_basis": "Public employment services place jobseekers free of charge under the national "
            "employment law.",
            "monitoring_body": b.org("ma_employment"),
            "payment_model": "public_no_fee",
            "iris_status": "committed",
            "sanction_status": "none",
            "uses_sub_agents": False,
            "last_monitored_on": b.ago(5),
        },
    )
    b.post(
        "recruitment_arrangement.MA-DE",
        "recruitment-arrangements",
        {
            "origin": b.country("MA"),
            "destination": b.country("DE"),
            "channel": "public_employment_service",
            "recruiters": [recruiter["id"]],
            "target_occupations": [b.id(f"target_occupation.{OCCUPATION}")],
            "monitoring_body": b.org("ma_employment"),
            "employer_pays_commitment": True,
            "fees_charged_to_workers": "0",
            "related_costs_charged_to_workers": [],
            "worker_costs_declared_on": b.ago(6),
            "wage_deductions_for_recruitment": False,
            "refund_mechanism": True,
            "worker_financing": "not_needed",
            "written_contract_before_departure": True,
            "contract_days_before_departure": 21,
            "contract_languages": [*ORIGIN_LANGUAGES, "de"],
            "model_contract_used": True,
            "contract_verified_by_authority": True,
            "contract_substitution_prohibited": True,
            "substitution_incidents_open": 0,
            "passport_retention_allowed": False,
            "document_retention_prohibited_in_writing": True,
            "monitoring_frequency_months": 6,
        },
    )


#
# Lifecycle and check
#

STAGES = ("exploration", "assessment", "design", "agreement", "setup", "implementation", "evaluation")


def advance(api, partnership_id: int, to_stage: str) -> None:
    """Move the partnership forward one stage at a time to ``to_stage`` (docs/api.md "Lifecycle").

    Each move checks the exit checklist of the stage left; the data above fills every checklist, so no gap
    is acknowledged: a ``400 open_gaps`` is raised as :class:`ApiError` listing what is missing.
    """
    current = call(api, "GET", f"{API}/partnerships/{partnership_id}/")["stage"]
    while STAGES.index(current) < STAGES.index(to_stage):
        following = STAGES[STAGES.index(current) + 1]
        call(
            api,
            "POST",
            f"{API}/partnerships/{partnership_id}/stage/",
            {"to_stage": following, "reason": f"The {current} stage's work is done."},
        )
        current = following


def check(api, partnership_id: int, *, timeout: float = 300.0, interval: float = 0.5) -> dict:
    """Request a feasibility check and wait for it; return the run as the API shows it."""
    run = call(api, "POST", f"{API}/partnerships/{partnership_id}/feasibility-runs/", {}, expect=(200, 201, 202))
    deadline = time.monotonic() + timeout
    path = f"{API}/feasibility-runs/{run['id']}/"
    while True:
        run = call(api, "GET", path)
        if run["status"] in ("succeeded", "failed"):
            return run
        if time.monotonic() > deadline:
            raise TimeoutError(
                f"Feasibility run {run['id']} is still {run['status']} after {timeout:.0f} s: with "
                "CELERY_BROKER_URL set, a Celery worker must be running."
            )
        time.sleep(interval)


STATUS_WORDS = {
    "pass": "passes",
    "warn": "has warnings",
    "fail": "fails",
    "not_applicable": "does not apply",
    "not_assessed": "was not assessed",
    None: "has no result",
}


def not_passing(run: dict) -> list[dict]:
    """Every WARN or FAIL finding of the run, with its element (N/A is fine)."""
    found = []
    for element in run.get("elements", []):
        for finding in element.get("findings", []):
            if finding["outcome"] in ("warn", "fail"):
                found.append({"element": element["code"], **finding})
    for finding in (run.get("recruitment") or {}).get("findings", []):
        if finding["outcome"] in ("warn", "fail"):
            found.append({"element": "recruitment", **finding})
    return found


def all_pass(run: dict) -> bool:
    """True when the run succeeded, all eight elements pass and so does the recruitment check."""
    return (
        run.get("status") == "succeeded"
        and len(run.get("elements", [])) == 8
        and all(element["status"] == "pass" for element in run["elements"])
        and (run.get("recruitment") or {}).get("status") == "pass"
    )


def report(run: dict, out=sys.stdout) -> None:
    def score(value):
        return "no score" if value is None else f"score {value:.1f}"

    print(f"Feasibility run {run['id']} at stage {run.get('stage')}: {run['status']}.", file=out)
    for element in run.get("elements", []):
        words = STATUS_WORDS.get(element["status"], element["status"])
        print(f"  {element['code']} {element['name']}: {words} ({score(element['score'])})", file=out)
    recruitment = run.get("recruitment") or {}
    words = STATUS_WORDS.get(recruitment.get("status"), recruitment.get("status"))
    print(f"  Fair recruitment: {words} ({score(recruitment.get('score'))})", file=out)
    if run.get("overall_score") is not None:
        print(f"  Overall score {run['overall_score']:.1f}", file=out)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2:
        print("usage: python examples/build_partnership.py BASE TOKEN", file=sys.stderr)
        return 2
    api = Api(argv[0], argv[1])
    started = time.monotonic()
    try:
        made = build(api)
        partnership = made["partnership"]
        print(
            f"Built partnership {partnership['id']} ({partnership['name']}) at stage {partnership['stage']} "
            f"with {len(made)} resources in {time.monotonic() - started:.1f} s."
        )
        run = check(api, partnership["id"])
    except ApiError as error:
        print(f"The API refused a request: {error}", file=sys.stderr)
        return 1
    except TimeoutError as error:  # the check did not finish: is a Celery worker running?
        print(str(error), file=sys.stderr)
        return 1
    except OSError as error:  # urllib's URLError: server down, wrong address, no answer
        print(f"Could not reach {api.base}: {error}", file=sys.stderr)
        return 1
    report(run)
    if all_pass(run):
        print("Every essential element and the recruitment check pass.")
        return 0
    print("Findings that do not pass:")
    for finding in not_passing(run):
        print(f"  {finding['rule']} ({finding['outcome']}): {finding['message']}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
