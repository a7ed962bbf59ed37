"""PDF design briefs through a REAL Celery worker process (broker: CELERY_BROKER_URL; database: PostgreSQL).

The web request answers at once with the brief ``queued``: it only records the brief and sends the task
after commit. The worker renders it into the private storage it shares with the web process
(``PRIVATE_MEDIA_ROOT``), and the download serves that file. Without a broker (a laptop run) they skip.
"""

from __future__ import annotations

import subprocess

import pytest
from django.urls import reverse

from tests.processes import wait_for
from tests.test_worker_feasibility import broker, workers  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def brief_status(brief_id: int) -> str:
    from reviews.models import DesignBrief

    return DesignBrief.objects.values_list("status", flat=True).get(pk=brief_id)


def test_a_real_worker_prepares_the_brief_the_request_only_queued(
    broker,  # noqa: F811
    workers,  # noqa: F811
    private_media,
    client,
    reviewer,
    partnership,
    tmp_path,
):
    from codelists.reviews import BriefStatus
    from reviews.models import DesignBrief

    client.force_login(reviewer)
    response = client.post(reverse("reviews:brief_prepare", args=[partnership.pk]))
    assert response.status_code == 302
    brief = DesignBrief.objects.get()
    # No worker is running yet: the request returned with the brief waiting, nothing rendered.
    assert (brief.status, brief.file.name) == (BriefStatus.QUEUED, "")
    assert "being prepared" in client.get(response.url).content.decode()

    worker = workers("briefs", PRIVATE_MEDIA_ROOT=str(private_media))
    wait_for(
        lambda: brief_status(brief.pk) in (BriefStatus.SUCCEEDED, BriefStatus.FAILED),
        timeout=120,
        what="the worker to prepare the brief",
        logs=[worker],
    )
    brief.refresh_from_db()
    assert brief.status == BriefStatus.SUCCEEDED, brief.error
    assert (private_media / brief.file.name).is_file()

    download = client.get(reverse("reviews:brief_download", args=[partnership.pk, brief.pk]))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment;")
    path = tmp_path / "brief.pdf"
    path.write_bytes(b"".join(download.streaming_content))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert partnership.name in text

    # Asking again with unchanged data reuses the file; nothing is sent to the worker.
    again = client.post(reverse("reviews:brief_prepare", args=[partnership.pk]))
    assert again.url == response.url and DesignBrief.objects.count() == 1
