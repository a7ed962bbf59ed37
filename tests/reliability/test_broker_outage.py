"""With the broker down or frozen, asking for a check answers at once and leaves no run nobody will pick up.

Issue 16: with Redis down, ``POST …/feasibility-runs/`` used to answer an HTML 500 after 19 s and leave a
queued run that every later request got back (``reused``) for hours. Now (docs/feasibility.md, "Dispatch"):
the run is published as soon as it is committed, inside the request; when the broker cannot be reached the
run is failed with the reason and the API answers 503 ``broker_unavailable`` with ``Retry-After`` within
3 s; the review page says so in words. When Redis is back, the next request starts a new run and a worker
finishes it. Real processes throughout: our own redis-server, a Celery worker and gunicorn with ``DEBUG=0``.
"""

from __future__ import annotations

import re
import time

import pytest
import requests

pytestmark = [pytest.mark.reliability, pytest.mark.django_db(transaction=True)]

ANSWER_WITHIN_SECONDS = 3.0


def runs_of(partnership) -> list[tuple[int, str, str]]:
    from feasibility.models import FeasibilityRun

    return list(
        FeasibilityRun.objects.filter(partnership=partnership).order_by("id").values_list("id", "status", "error")
    )


@pytest.fixture
def api_key(partner_client):
    from api.services import api_token_create

    return api_token_create(user=partner_client, name="reliability suite")[1]


def ask(base: str, key: str, partnership, **body):
    started = time.monotonic()
    response = requests.post(
        f"{base}/api/v1/partnerships/{partnership.pk}/feasibility-runs/",
        json=body,
        headers={"Authorization": f"Token {key}", "Accept": "application/json"},
        timeout=30,
    )
    return response, time.monotonic() - started


def test_with_the_broker_down_a_check_request_answers_503_within_3_seconds_and_a_later_one_succeeds(
    redis_server, processes, partnership, api_key, wait_for
):
    from feasibility.models import RunStatus

    worker = processes.worker("worker", broker=redis_server.url)
    web, base = processes.web(broker=redis_server.url)

    # Broker up: accepted, and the worker finishes the run.
    response, _ = ask(base, api_key, partnership)
    assert response.status_code == 202, response.text
    first = response.json()["id"]
    wait_for(
        lambda: {pk: s for pk, s, _ in runs_of(partnership)}.get(first) == RunStatus.SUCCEEDED,
        timeout=90,
        what="the first run to succeed",
        logs=[worker, web],
    )

    redis_server.stop()
    response, elapsed = ask(base, api_key, partnership, force=True)
    assert response.status_code == 503, response.text
    assert elapsed <= ANSWER_WITHIN_SECONDS, f"answered after {elapsed:.2f} s"
    error = response.json()["error"]
    assert error["code"] == "broker_unavailable"
    assert "job queue" in error["message"] and error["fields"] == {}
    assert int(response.headers["Retry-After"]) > 0
    # No orphan: the run that could not be sent is failed with the reason, read back from the database.
    (unsent,) = error["runs"]
    runs = {pk: (status, reason) for pk, status, reason in runs_of(partnership)}
    assert runs[unsent][0] == RunStatus.FAILED and "job queue could not be reached" in runs[unsent][1]
    assert not [pk for pk, (status, _) in runs.items() if status in (RunStatus.QUEUED, RunStatus.RUNNING)]

    # Asking again while it is down is not answered with the failed run: again 503, again nothing left queued.
    response, elapsed = ask(base, api_key, partnership, force=True)
    assert response.status_code == 503 and elapsed <= ANSWER_WITHIN_SECONDS
    assert not [status for _, status, _ in runs_of(partnership) if status == RunStatus.QUEUED]

    # Redis is back on the same port: a later request starts a new run and the worker (reconnected) finishes it.
    redis_server.start()
    response, _ = ask(base, api_key, partnership, force=True)
    assert response.status_code == 202, response.text
    assert response.json()["reused"] is False
    again = response.json()["id"]
    assert again not in {unsent, first}
    wait_for(
        lambda: {pk: s for pk, s, _ in runs_of(partnership)}.get(again) == RunStatus.SUCCEEDED,
        timeout=120,
        what="the run after the broker came back to succeed",
        logs=[worker, web],
    )


def test_with_the_broker_frozen_a_check_request_still_answers_503_within_3_seconds(
    redis_server, processes, partnership, api_key
):
    """A broker that accepts connections but never answers (SIGSTOP): the socket timeouts bound the wait."""
    from feasibility.models import RunStatus

    web, base = processes.web(broker=redis_server.url)
    response, _ = ask(base, api_key, partnership)
    assert response.status_code == 202, response.text  # the web process is connected and warm

    redis_server.freeze()
    try:
        response, elapsed = ask(base, api_key, partnership, force=True)
    finally:
        redis_server.thaw()
    assert response.status_code == 503, response.text
    assert elapsed <= ANSWER_WITHIN_SECONDS, f"answered after {elapsed:.2f} s"
    assert response.json()["error"]["code"] == "broker_unavailable"
    (unsent,) = response.json()["error"]["runs"]
    assert {pk: s for pk, s, _ in runs_of(partnership)}[unsent] == RunStatus.FAILED


def test_with_the_broker_down_the_review_page_says_the_check_could_not_start(
    redis_server, processes, partnership, reviewer, client
):
    """The reviewer's "check again" button: a page with the reason in words (503), no 500, no queued run."""
    from feasibility.models import RunStatus

    client.force_login(reviewer)  # a session in the shared database; gunicorn gets the same SECRET_KEY
    session = requests.Session()
    session.cookies.set("sessionid", client.cookies["sessionid"].value)
    web, base = processes.web(broker=redis_server.url, debug=True)  # DEBUG=1: pages need no collectstatic
    page = session.get(f"{base}/dashboard/partnerships/{partnership.pk}/", timeout=30)
    assert page.status_code == 200, page.text[-2000:]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)

    redis_server.stop()
    started = time.monotonic()
    answer = session.post(
        f"{base}/dashboard/partnerships/{partnership.pk}/check/",
        data={"csrfmiddlewaretoken": token},
        headers={"Referer": page.url},
        timeout=30,
    )
    elapsed = time.monotonic() - started
    assert answer.status_code == 503, answer.text[-2000:]
    assert elapsed <= ANSWER_WITHIN_SECONDS, f"answered after {elapsed:.2f} s"
    assert "The check could not be started: the job queue is not reachable right now." in answer.text
    statuses = [status for _, status, _ in runs_of(partnership)]
    assert statuses == [RunStatus.FAILED]
