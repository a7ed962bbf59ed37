"""Every step renders and saves in a fixed number of queries: the same with 2 and with 40 repeating items.

What a step page costs (GET), whatever the number of rows:
  session + user (2), the partnership via for_user (1), per collection its rows (1) plus one per
  prefetched many-to-many, one per kind of related row offered in selects (countries, organisations, SDG
  targets …), the sidebar's progress counts (1, correlated subqueries) and last run (1), the step's own
  findings in the last two runs (1–2); the costs step adds items with shares (2) and exchange rates (0–1).
A save (POST) re-reads the same, then writes only the rows that changed: here the partnership's own
fields (version bump, history) and one row through its service; unchanged rows cost nothing.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from codelists import partnerships as pc
from codelists.skills import DATA_NEED_PROMPT_CODES
from costs.tests.factories import CostItemFactory, CostShareFactory
from design.tests.support import as_post, form_data
from design.tests.test_views import step_url
from partnerships.tests.factories import (
    GrievanceChannelFactory,
    IndicatorFactory,
    LinkedInitiativeFactory,
    ObjectiveFactory,
    PathwayFactory,
    SdgTargetFactory,
)
from recruitment.tests.factories import RecruiterFactory, RecruitmentArrangementFactory
from skills.tests.factories import (
    DataNeedFactory,
    LabourMarketEvidenceFactory,
    OccupationFactory,
    TargetOccupationFactory,
    TrainingProgrammeFactory,
)
from stakeholders.tests.factories import OrganisationFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


def make_rows(code: str, partnership, n: int) -> None:
    """``n`` repeating items on the step ``code``."""
    de = partnership.countries.get(country="DE")
    xk = partnership.countries.get(country="XK")
    if code in ("basics", "countries_objectives", "review"):
        target = SdgTargetFactory(code="8.8", goal=8)
        for _ in range(n):
            ObjectiveFactory(partnership=partnership).sdg_targets.add(target)
            IndicatorFactory(partnership=partnership)
    elif code == "actors_governance":
        for i in range(n):
            org = OrganisationFactory(name=f"Training centre {partnership.pk}-{i}", country="XK")
            ParticipationFactory(partnership=partnership, organisation=org, side="origin", roles=["implementer"])
    elif code == "evidence":
        occupation = OccupationFactory(code="7112")
        for i in range(n):
            LabourMarketEvidenceFactory(partnership=partnership).occupations.add(occupation)
            if i < len(DATA_NEED_PROMPT_CODES):
                DataNeedFactory(partnership=partnership, prompt_code=DATA_NEED_PROMPT_CODES[i])
    elif code == "local_development":
        for _ in range(n):
            LinkedInitiativeFactory(partnership=partnership, country=xk)
    elif code == "skills":
        for i in range(n):
            TargetOccupationFactory(partnership=partnership, occupation=OccupationFactory(code=f"71{i:02d}"))
            TrainingProgrammeFactory(partnership=partnership)
    elif code == "social":
        for _ in range(n):
            GrievanceChannelFactory(partnership=partnership, country=de)
    elif code == "pathways":
        for _ in range(n):
            PathwayFactory(partnership=partnership, destination_country=de)
    elif code == "costs":
        for _ in range(n):
            CostShareFactory(item=CostItemFactory(partnership=partnership), percent=Decimal("100"))
    elif code == "recruitment":
        for i in range(n):
            recruiter = RecruiterFactory(partnership=partnership)
            RecruitmentArrangementFactory(partnership=partnership, origin=xk, destination=de, recruiters=[recruiter])
            del i


#: A change to the partnership's own fields and to the first row, per step (None = no such row).
CHANGES = {
    "basics": {"main-summary": "Changed summary"},
    "countries_objectives": {"main-climate_assessment": "Assessed", "objectives-0-description": "Changed"},
    "actors_governance": {"main-diaspora_engagement_planned": "true", "participations-3-is_champion": "true"},
    "evidence": {"main-matching_process": "Joint matching", "evidence-0-title": "Changed title"},
    "local_development": {"initiatives-0-name": "Changed initiative"},
    "skills": {"occupations-0-places_per_year": "77", "training-0-name": "Changed programme"},
    "social": {"main-gender_action_plan": "Plan", "grievance-0-free_of_charge": "false"},
    "pathways": {"main-admission_review_trigger": "Yearly", "pathways-0-name": "Changed route"},
    "costs": {"main-planned_migrants_total": "50", "items-0-amount": "123"},
    "recruitment": {
        "main-recruitment_standards": pc.RecruitmentStandard.values[0],
        "recruiters-0-licence_number": "X1",
    },
}

#: Upper bounds per step (GET, POST) — the same whatever the number of rows; see the module docstring. Most of a
#: save's queries are the services' model validation (one query per database constraint of each written row).
MAX_QUERIES = {
    "basics": (10, 70),
    "countries_objectives": (19, 100),
    "actors_governance": (17, 95),
    "evidence": (22, 85),
    "local_development": (14, 35),
    "skills": (20, 100),
    "social": (16, 92),
    "pathways": (16, 112),
    "costs": (18, 125),
    "recruitment": (16, 102),
    "review": (18, 0),  # + the open change requests and the stage's exit checklist (lead side)
}


def _measure(client, partnership, code: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as get_queries:
        response = client.get(step_url(partnership, code))
    assert response.status_code == 200
    if code == "review":
        return len(get_queries), 0
    data = form_data(response)
    for key, value in CHANGES[code].items():
        data[key] = value
    with CaptureQueriesContext(connection) as post_queries:
        response = client.post(step_url(partnership, code), as_post(data))
    assert response.status_code == 302, response.content.decode()[:2000]
    return len(get_queries), len(post_queries)


@pytest.mark.parametrize("code", list(MAX_QUERIES))
def test_step_renders_and_saves_in_the_same_number_of_queries_for_2_and_40_rows(
    client, dest_official, partnership, code, django_assert_max_num_queries
):
    from partnerships.tests.factories import PartnershipCountryFactory, PartnershipFactory
    from stakeholders.tests.factories import ParticipationFactory as PF

    client.force_login(dest_official)
    make_rows(code, partnership, 2)
    small = _measure(client, partnership, code)

    big_partnership = PartnershipFactory(name="Large partnership")
    PartnershipCountryFactory(partnership=big_partnership, country="DE", side="destination")
    PartnershipCountryFactory(partnership=big_partnership, country="XK", side="origin")
    for participation in partnership.participations.all():
        PF(
            partnership=big_partnership,
            organisation=participation.organisation,
            side=participation.side,
            roles=participation.roles,
        )
    make_rows(code, big_partnership, 40)
    large = _measure(client, big_partnership, code)

    assert small == large, f"{code}: 2 rows → {small}, 40 rows → {large} (GET, POST)"
    max_get, max_post = MAX_QUERIES[code]
    with django_assert_max_num_queries(max_get):
        client.get(step_url(big_partnership, code))
    assert large[1] <= max_post, large
