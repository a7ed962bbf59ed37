"""An unreachable job queue is a 503 in the API's error shape, with Retry-After (issue 16).

The whole path — a real Redis stopped, gunicorn, the run failed in the database — is covered by
tests/reliability/test_broker_outage.py; this checks the mapping itself.
"""

from __future__ import annotations

from api.exceptions import api_exception_handler
from smp.exceptions import BrokerUnavailable


def test_an_unreachable_job_queue_is_answered_503_broker_unavailable_with_retry_after():
    response = api_exception_handler(BrokerUnavailable(run_ids=[41]), {})
    assert response.status_code == 503
    assert response["Retry-After"] == str(BrokerUnavailable.retry_after)
    error = response.data["error"]
    assert error["code"] == "broker_unavailable" and error["fields"] == {} and error["runs"] == [41]
    assert error["message"].startswith("The job queue cannot be reached right now, so the check was not started.")
