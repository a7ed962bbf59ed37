"""Wizard steps light and fast (issue #19): every step renders and saves in the same number of queries for a
partnership with rows in every collection and for one with three times those rows, and the larger one's
pages stay under 150 KB of HTML. ``bench/wizard.py`` measures the same on the largest demo partnership.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from codelists import partnerships as pc
from codelists.skills import DATA_NEED_PROMPT_CODES
from costs.tests.factories import CostItemFactory, CostShareFactory
from design.steps import STEP_CODES
from design.tests.support import as_post, form_data, partnership_multiply, partnership_rows
from design.tests.test_views import step_url
from partnerships.tests.factories import (
    BusinessLinkageFactory,
    ContinuumProvisionFactory,
    GrievanceChannelFactory,
    IndicatorFactory,
    LinkedInitiativeFactory,
    ObjectiveFactory,
    PathwayFactory,
    SdgTargetFactory,
    SocialProtectionCoverFactory,
)
from recruitment.tests.factories import RecruiterFactory, RecruitmentArrangementFactory
from skills.tests.factories import (
    DataNeedFactory,
    LabourMarketEvidenceFactory,
    OccupationFactory,
    RecognitionArrangementFactory,
    TargetOccupationFactory,
    TrainingProgrammeFactory,
)
from stakeholders.tests.factories import GovernanceBodyFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

#: The page-weight target of issue #19, in bytes (HTML before compression).
MAX_HTML = 150 * 1024


@pytest.fixture
def small(partnership):
    """The shared Germany–Kosovo partnership with one or two rows in every collection of every step, and
    enough registered organisations that their lists are typed (design.choosers.LONG_LIST)."""
    de, xk = partnership.countries.get(country="DE"), partnership.countries.get(country="XK")
    participations = list(partnership.participations.order_by("pk"))
    for i in range(18):
        OrganisationFactory(name=f"Vocational school {i}", country="XK", category="training_public")
    for code in ("7112", "7115", "7126", "7411", "7122", "7113"):  # the copies take the spare unit groups
        OccupationFactory(code=code)
    target = SdgTargetFactory(code="8.8", goal=8)
    for _ in range(2):
        objective = ObjectiveFactory(partnership=partnership)
        objective.sdg_targets.add(target)
        IndicatorFactory(partnership=partnership, objective=objective)
        LinkedInitiativeFactory(partnership=partnership, country=xk)
        GrievanceChannelFactory(partnership=partnership, country=de)
        PathwayFactory(partnership=partnership, destination_country=de)
        TrainingProgrammeFactory(partnership=partnership)
        CostShareFactory(item=CostItemFactory(partnership=partnership), percent=Decimal("100"))
    GovernanceBodyFactory(partnership=partnership, members=participations, chair=participations[0])
    for i, occupation in enumerate(("7112", "7115")):
        LabourMarketEvidenceFactory(partnership=partnership).occupations.add(OccupationFactory(code=occupation))
        DataNeedFactory(partnership=partnership, prompt_code=DATA_NEED_PROMPT_CODES[i])
        TargetOccupationFactory(partnership=partnership, occupation=OccupationFactory(code=occupation))
    BusinessLinkageFactory(partnership=partnership)
    RecognitionArrangementFactory(partnership=partnership)
    ContinuumProvisionFactory(partnership=partnership, responsible=participations[0])
    pension = pc.SocialProtectionBranch.OLD_AGE_PENSION
    SocialProtectionCoverFactory(partnership=partnership, destination=de, branch=pension)
    recruiter = RecruiterFactory(partnership=partnership)
    RecruitmentArrangementFactory(partnership=partnership, origin=xk, destination=de, recruiters=[recruiter])
    return partnership


def measure(client, partnership, code: str) -> tuple[int, int, int]:
    """(queries of the GET, queries of a no-change POST of the form as rendered, bytes of the HTML)."""
    url = step_url(partnership, code)
    client.get(url)  # the first request of a test warms caches (compiled progress query, translations)
    with CaptureQueriesContext(connection) as get_queries:
        response = client.get(url)
    assert response.status_code == 200
    if code == "review":
        return len(get_queries), 0, len(response.content)
    data = form_data(response)
    data["save"] = "1"
    version = partnership.version
    with CaptureQueriesContext(connection) as post_queries:
        posted = client.post(url, as_post(data))
    assert posted.status_code == 302, posted.content.decode()[:3000]  # nothing refused
    partnership.refresh_from_db()
    assert partnership.version == version, f"{code}: the page as rendered, posted back, changed something"
    return len(get_queries), len(post_queries), len(response.content)


def test_the_larger_partnership_has_three_times_the_repeating_rows(small):
    big = partnership_multiply(small, times=3)
    # One row per prompt or topic, and one feasibility study and sustainability plan: copied once.
    fixed = small.data_needs.count() + small.continuum_provisions.count()
    fixed += int(hasattr(small, "feasibility_study")) + int(hasattr(small, "sustainability_plan"))
    assert partnership_rows(big) == 3 * (partnership_rows(small) - fixed) + fixed
    assert big.participations.count() == 3 * small.participations.count()
    leads = [row for row in big.participations.all() if "lead" in row.roles]
    assert len(leads) == 1  # one lead, as the services require


@pytest.mark.parametrize("code", STEP_CODES)
def test_a_step_costs_the_same_queries_at_three_times_the_rows_and_stays_under_150_kb(
    client, dest_official, small, code
):
    big = partnership_multiply(small, times=3)
    client.force_login(dest_official)
    small_get, small_post, _small_html = measure(client, small, code)
    big_get, big_post, big_html = measure(client, big, code)
    assert (big_get, big_post) == (small_get, small_post), f"{code}: GET, POST queries at 1× and 3×"
    assert big_html <= MAX_HTML, f"{code}: {big_html / 1024:.0f} KB at 3×"


def test_the_actors_step_sends_the_organisation_list_once_not_once_per_row(client, dest_official, small):
    big = partnership_multiply(small, times=3)  # nine organisations taking part, 27 registered
    client.force_login(dest_official)
    data = form_data(client.get(step_url(big, "actors_governance")))
    data["add_row"] = "participations"
    page = client.post(step_url(big, "actors_governance"), as_post(data)).content.decode()
    printed = re.findall(r'<datalist id="([^"]+)"', page)
    assert len(printed) == len(set(printed))  # each list once
    assert set(re.findall(r' list="([^"]+)"', page)) == set(printed)  # the lists the inputs use, no other
    assert page.count("Vocational school 7") == 1  # offered once, in the page's one list of organisations
    assert page.count("<select") < 10 * big.participations.count()  # short lists only: side, capacity …
