"""PDF design briefs prepared in the background (docs/review.md "PDF design brief").

A request only records a brief and enqueues ``reviews.render_design_brief`` after commit; these tests run
that task in-process (Celery eager, as without a broker) by executing the captured on-commit callbacks.
``tests/test_worker_briefs.py`` does the same through a real worker process.
"""

from __future__ import annotations

import subprocess
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse

from codelists.reviews import BriefStatus
from partnerships.models import Partnership
from reviews import services
from reviews.documents import rendered_document_stale_after
from reviews.models import DesignBrief
from reviews.tests.support import check_now
from tests.markers import postgresql_only

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_media")]


@pytest.fixture
def eager():
    """Tasks run in this process when their message is sent (the default without CELERY_BROKER_URL)."""
    from smp.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield app
    app.conf.task_always_eager = before


@pytest.fixture
def broken_renderer(monkeypatch):
    """WeasyPrint fails as it would without its fonts or libraries."""
    import weasyprint

    def fail(self, *args, **kwargs):
        raise OSError("cannot load library 'pango-1.0-0'")

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", fail)
    return monkeypatch


def prepare(client, user, partnership, **data):
    client.force_login(user)
    return client.post(reverse("reviews:brief_prepare", args=[partnership.pk]), data)


def prepared(client, user, partnership, capture, **data) -> DesignBrief:
    """Ask for a brief through the page and let the enqueued task run (eager); returns the brief."""
    with capture(execute=True):
        response = prepare(client, user, partnership, **data)
    assert response.status_code == 302, response.content.decode()[:500]
    return DesignBrief.objects.get(pk=int(response.url.rstrip("/").rsplit("/", 1)[1]))


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "downloaded.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


#
# Asking for a brief
#


def test_asking_for_a_brief_queues_one_job_and_returns_before_anything_is_rendered(
    client, reviewer, ready, broken_renderer, private_media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as enqueued:  # not executed: no worker has run yet
        response = prepare(client, reviewer, ready)
    brief = DesignBrief.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("reviews:brief", args=[ready.pk, brief.pk])
    # The renderer is broken, yet the request succeeded: it never rendered. One job waits to be sent.
    assert len(enqueued) == 1
    assert (brief.status, brief.file.name, brief.attempts) == (BriefStatus.QUEUED, "", 0)
    assert (brief.partnership_version, brief.run_id, brief.language) == (ready.version, None, "en")
    assert brief.requested_by == reviewer
    assert not private_media.exists() or not any(private_media.rglob("*.pdf"))


def test_the_status_page_says_the_brief_is_being_prepared_and_reloads_itself_without_a_script(
    client, reviewer, ready, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():
        response = prepare(client, reviewer, ready)
    html = client.get(response.url).content.decode()
    assert "being prepared" in html
    assert '<meta http-equiv="refresh" content="3">' in html
    assert 'data-brief-status="queued"' in html
    status_part = html[html.index('id="brief-status"') :]
    assert "<script" not in status_part.split("</main>")[0] and 'style="' not in status_part
    assert "brief-download" not in html


def test_the_worker_renders_the_brief_and_the_page_offers_the_download(
    client, reviewer, ready, eager, django_capture_on_commit_callbacks
):
    brief = prepared(client, reviewer, ready, django_capture_on_commit_callbacks)
    assert brief.status == BriefStatus.SUCCEEDED, brief.error
    assert brief.size and brief.file.name.endswith(".pdf") and brief.finished_at and brief.attempts == 1
    html = client.get(reverse("reviews:brief", args=[ready.pk, brief.pk])).content.decode()
    assert 'http-equiv="refresh"' not in html
    assert reverse("reviews:brief_download", args=[ready.pk, brief.pk]) in html


def test_the_download_is_a_pdf_attachment_with_the_name_and_the_eight_element_scores(
    client, reviewer, ready, eager, django_capture_on_commit_callbacks, tmp_path
):
    run = check_now(ready)
    brief = prepared(client, reviewer, ready, django_capture_on_commit_callbacks)
    assert brief.run_id == run.pk
    response = client.get(reverse("reviews:brief_download", args=[ready.pk, brief.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert f"smp-design-brief-{ready.pk}-v{ready.version}-en.pdf" in response["Content-Disposition"]
    text = pdf_text(b"".join(response.streaming_content), tmp_path)
    assert "Germany–Kosovo construction skills partnership" in text
    for code in ("E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8"):
        score = run.element_results[code]["score"]
        expected = "—" if score is None else str(round(score))
        line = next(line for line in text.splitlines() if line.strip().startswith(f"{code} "))
        assert expected in line, line


def test_a_brief_in_french_is_written_in_french(client, reviewer, ready, eager, django_capture_on_commit_callbacks):
    brief = prepared(client, reviewer, ready, django_capture_on_commit_callbacks, language="fr")
    assert (brief.language, brief.status) == ("fr", BriefStatus.SUCCEEDED)
    response = client.get(reverse("reviews:brief_download", args=[ready.pk, brief.pk]))
    assert response["Content-Disposition"].endswith('-fr.pdf"')


def test_a_language_the_platform_does_not_offer_is_refused_in_words(client, reviewer, ready):
    response = prepare(client, reviewer, ready, language="tlh")
    assert response.status_code == 400
    assert "not one of them" in response.content.decode()
    assert not DesignBrief.objects.exists()


#
# Reuse
#


def test_a_second_request_with_unchanged_data_reuses_the_ready_brief(
    client, reviewer, dest_official, ready, eager, django_capture_on_commit_callbacks
):
    check_now(ready)
    first = prepared(client, reviewer, ready, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks() as enqueued:
        response = prepare(client, dest_official, ready)
    assert response.url == reverse("reviews:brief", args=[ready.pk, first.pk])
    assert enqueued == [] and DesignBrief.objects.count() == 1
    first.refresh_from_db()
    assert first.attempts == 1  # not rendered again


def test_a_second_request_while_the_brief_is_queued_waits_for_the_same_job(
    client, reviewer, ready, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as enqueued:
        prepare(client, reviewer, ready)
        prepare(client, reviewer, ready)
    assert len(enqueued) == 1 and DesignBrief.objects.count() == 1


def test_a_new_version_a_new_run_or_another_language_makes_a_new_brief(
    client, reviewer, ready, eager, django_capture_on_commit_callbacks
):
    first = prepared(client, reviewer, ready, django_capture_on_commit_callbacks)
    run = check_now(ready)
    with_run = prepared(client, reviewer, ready, django_capture_on_commit_callbacks)
    Partnership.objects.filter(pk=ready.pk).update(version=F("version") + 1)
    newer = prepared(client, reviewer, ready, django_capture_on_commit_callbacks)
    spanish = prepared(client, reviewer, ready, django_capture_on_commit_callbacks, language="es")
    keys = [(b.partnership_version, b.run_id, b.language) for b in (first, with_run, newer, spanish)]
    assert keys == [
        (ready.version, None, "en"),
        (ready.version, run.pk, "en"),
        (ready.version + 1, run.pk, "en"),
        (ready.version + 1, run.pk, "es"),
    ]
    assert DesignBrief.objects.filter(status=BriefStatus.SUCCEEDED).count() == 4


def test_an_older_brief_says_it_no_longer_shows_the_current_data(
    client, reviewer, ready, eager, django_capture_on_commit_callbacks
):
    brief = prepared(client, reviewer, ready, django_capture_on_commit_callbacks)
    url = reverse("reviews:brief", args=[ready.pk, brief.pk])
    assert 'id="brief-outdated"' not in client.get(url).content.decode()
    check_now(ready)
    html = client.get(url).content.decode()
    assert 'id="brief-outdated"' in html and "brief-download" in html  # still downloadable


@pytest.mark.parametrize("with_run", [False, True], ids=["without a run", "with a run"])
def test_the_database_refuses_a_second_brief_for_the_same_version_run_and_language(ready, with_run):
    """What keeps simultaneous requests from making two briefs: the loser's insert fails and it reads the row."""
    run = check_now(ready) if with_run else None
    key = {"partnership": ready, "partnership_version": ready.version, "run": run, "language": "en"}
    DesignBrief.objects.create(**key)
    with pytest.raises(IntegrityError), transaction.atomic():
        DesignBrief.objects.create(**key)
    DesignBrief.objects.create(**{**key, "language": "fr"})
    assert DesignBrief.objects.count() == 2


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_requests_get_the_same_brief_rendered_once(ready, eager):
    """The first request has inserted its brief but not committed; the second one, which could not see that
    row, blocks on the unique index, fails when the first commits, and returns the first one's brief."""
    import threading
    import time

    from django.db import connection

    results: dict[str, DesignBrief] = {}
    errors: list[BaseException] = []
    first_inserted, first_may_commit = threading.Event(), threading.Event()

    def first():
        try:
            with transaction.atomic():
                results["first"] = services.design_brief_request(partnership=ready)
                first_inserted.set()
                first_may_commit.wait(timeout=30)
            # committed: the task was sent (eager: rendered here)
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            first_inserted.set()
            connection.close()

    def second():
        try:
            first_inserted.wait(timeout=30)
            results["second"] = services.design_brief_request(partnership=ready)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    time.sleep(1)  # the second request is now waiting on the first one's uncommitted row
    first_may_commit.set()
    for thread in threads:
        thread.join(timeout=180)
    assert not any(thread.is_alive() for thread in threads), "a request did not finish within 3 minutes"
    assert errors == []
    assert results["first"].pk == results["second"].pk
    brief = DesignBrief.objects.get()
    assert (brief.status, brief.attempts) == (BriefStatus.SUCCEEDED, 1)


#
# Failures and retries
#


def test_a_failed_render_shows_the_reason_in_words_and_can_be_tried_again(
    client, reviewer, ready, eager, broken_renderer, django_capture_on_commit_callbacks
):
    brief = prepared(client, reviewer, ready, django_capture_on_commit_callbacks)
    assert brief.status == BriefStatus.FAILED and not brief.file
    assert "The PDF could not be produced" in brief.error and "pango" in brief.error
    html = client.get(reverse("reviews:brief", args=[ready.pk, brief.pk])).content.decode()
    assert 'id="brief-error"' in html and "could not be produced" in html
    assert 'http-equiv="refresh"' not in html and "Try again" in html
    assert client.get(reverse("reviews:brief_download", args=[ready.pk, brief.pk])).status_code == 404

    broken_renderer.undo()  # the fonts are back
    again = prepared(client, reviewer, ready, django_capture_on_commit_callbacks, language="en")
    assert again.pk == brief.pk and DesignBrief.objects.count() == 1
    assert (again.status, again.error, again.attempts) == (BriefStatus.SUCCEEDED, "", 2)


def test_a_brief_whose_partnership_changed_before_rendering_fails_and_says_to_prepare_a_new_one(
    client, reviewer, ready, eager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as enqueued:
        prepare(client, reviewer, ready)
    Partnership.objects.filter(pk=ready.pk).update(version=F("version") + 1)  # an official saves meanwhile
    enqueued[0]()  # now the worker gets to it
    brief = DesignBrief.objects.get()
    assert brief.status == BriefStatus.FAILED
    assert f"now at version {ready.version + 1}" in brief.error and "Prepare a new brief" in brief.error


def test_a_message_delivered_twice_renders_once(ready, eager):
    brief = services.design_brief_request(partnership=ready)
    assert services.design_brief_render(brief_id=brief.pk).status == BriefStatus.SUCCEEDED
    assert services.design_brief_render(brief_id=brief.pk) is None
    brief.refresh_from_db()
    assert brief.attempts == 1


def test_a_brief_left_running_by_a_lost_worker_is_queued_again_when_asked_for_after_the_time_limit(ready):
    brief = services.design_brief_request(partnership=ready)
    DesignBrief.objects.filter(pk=brief.pk).update(status=BriefStatus.RUNNING)
    assert services.design_brief_request(partnership=ready).status == BriefStatus.RUNNING  # still in time
    stale = brief.updated_at - rendered_document_stale_after() - timedelta(seconds=1)
    DesignBrief.objects.filter(pk=brief.pk).update(updated_at=stale)
    assert services.design_brief_request(partnership=ready).status == BriefStatus.QUEUED


def test_a_ready_brief_whose_file_was_lost_is_prepared_again_when_asked_for(
    client, reviewer, ready, eager, private_media, django_capture_on_commit_callbacks
):
    brief = prepared(client, reviewer, ready, django_capture_on_commit_callbacks)
    (private_media / brief.file.name).unlink()  # e.g. a volume that was not kept
    assert client.get(reverse("reviews:brief_download", args=[ready.pk, brief.pk])).status_code == 404
    again = prepared(client, reviewer, ready, django_capture_on_commit_callbacks)
    assert (again.pk, again.status, again.attempts) == (brief.pk, BriefStatus.SUCCEEDED, 2)
    assert client.get(reverse("reviews:brief_download", args=[ready.pk, brief.pk])).status_code == 200


#
# Access
#


def test_an_outsider_gets_404_for_asking_the_status_page_and_the_download(
    client, reviewer, outsider, ready, eager, django_capture_on_commit_callbacks
):
    brief = prepared(client, reviewer, ready, django_capture_on_commit_callbacks)
    client.force_login(outsider)
    assert client.get(reverse("reviews:brief", args=[ready.pk, brief.pk])).status_code == 404
    assert client.get(reverse("reviews:brief_download", args=[ready.pk, brief.pk])).status_code == 404
    assert client.post(reverse("reviews:brief_prepare", args=[ready.pk])).status_code == 404
    assert DesignBrief.objects.count() == 1


def test_an_official_of_the_partnership_may_prepare_and_download_its_brief(
    client, origin_official, ready, eager, django_capture_on_commit_callbacks
):
    brief = prepared(client, origin_official, ready, django_capture_on_commit_callbacks)
    response = client.get(reverse("reviews:brief_download", args=[ready.pk, brief.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_a_brief_is_not_found_under_another_partnership(
    client, reviewer, ready, partnership_factory_other, eager, django_capture_on_commit_callbacks
):
    brief = prepared(client, reviewer, ready, django_capture_on_commit_callbacks)
    other = partnership_factory_other
    assert client.get(reverse("reviews:brief", args=[other.pk, brief.pk])).status_code == 404
    assert client.get(reverse("reviews:brief_download", args=[other.pk, brief.pk])).status_code == 404


@pytest.fixture
def partnership_factory_other(db):
    from partnerships.tests.factories import PartnershipFactory

    return PartnershipFactory(name="Another scheme")


def test_asking_needs_a_post_with_a_csrf_token(ready, reviewer):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(reviewer)
    url = reverse("reviews:brief_prepare", args=[ready.pk])
    assert strict.get(url).status_code == 405
    assert strict.post(url).status_code == 403
    assert not DesignBrief.objects.exists()


def test_the_review_page_offers_the_brief_as_a_post_form(client, reviewer, ready):
    client.force_login(reviewer)
    html = client.get(reverse("reviews:partnership", args=[ready.pk])).content.decode()
    form = html[html.index('id="brief"') - 80 : html.index('id="brief"') + 400]
    assert 'method="post"' in form and reverse("reviews:brief_prepare", args=[ready.pk]) in form
    assert "csrfmiddlewaretoken" in form and "Prepare the PDF brief" in form


def test_the_former_pdf_address_leads_to_the_current_brief_or_to_the_review_page(
    client, reviewer, ready, eager, django_capture_on_commit_callbacks
):
    client.force_login(reviewer)
    old = reverse("reviews:pdf", args=[ready.pk])
    response = client.get(old)
    assert response.status_code == 302 and response.url.endswith("#brief")
    brief = prepared(client, reviewer, ready, django_capture_on_commit_callbacks)
    assert client.get(old).url == reverse("reviews:brief", args=[ready.pk, brief.pk])


#
# Old files and queries
#


def test_only_the_newest_finished_briefs_of_a_partnership_are_kept_with_their_files(
    client, reviewer, ready, eager, private_media, django_capture_on_commit_callbacks
):
    briefs = []
    for _ in range(services.DESIGN_BRIEFS_KEPT + 2):
        briefs.append(prepared(client, reviewer, ready, django_capture_on_commit_callbacks))
        Partnership.objects.filter(pk=ready.pk).update(version=F("version") + 1)
    kept = list(DesignBrief.objects.order_by("id").values_list("id", flat=True))
    assert kept == [b.pk for b in briefs[2:]]
    files = sorted(p.name for p in private_media.rglob("*.pdf"))
    assert files == sorted(f"brief-{pk}.pdf" for pk in kept)


def test_the_status_page_takes_the_same_number_of_queries_whatever_the_brief_and_the_history(
    client, reviewer, ready, eager, broken_renderer, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(reviewer)

    def count(brief):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("reviews:brief", args=[ready.pk, brief.pk])).status_code == 200
        return len(queries)

    failed = prepared(client, reviewer, ready, django_capture_on_commit_callbacks)
    broken_renderer.undo()
    for _ in range(3):
        check_now(ready)
    succeeded = prepared(client, reviewer, ready, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks():
        Partnership.objects.filter(pk=ready.pk).update(version=F("version") + 1)
        queued = DesignBrief.objects.get(pk=prepare(client, reviewer, ready).url.rstrip("/").rsplit("/", 1)[1])
    counts = {brief.status: count(brief) for brief in (failed, succeeded, queued)}
    assert len(set(counts.values())) == 1, counts
    assert counts[BriefStatus.QUEUED] <= 8, counts


def test_the_admin_links_a_brief_to_the_permission_checked_download_not_to_a_public_file(
    admin_client, reviewer, ready, eager, client, django_capture_on_commit_callbacks
):
    brief = prepared(client, reviewer, ready, django_capture_on_commit_callbacks)
    assert admin_client.get(reverse("admin:reviews_designbrief_changelist")).status_code == 200
    html = admin_client.get(reverse("admin:reviews_designbrief_change", args=[brief.pk])).content.decode()
    assert reverse("reviews:brief_download", args=[ready.pk, brief.pk]) in html
    assert f'href="{brief.file.name}"' not in html and 'type="file"' not in html


def test_a_spanish_readers_brief_is_in_spanish(
    client, reviewer, ready, eager, django_capture_on_commit_callbacks, tmp_path
):
    """Issue "Three languages for real": without a language asked for, the brief is in the reader's saved one."""
    reviewer.language = "es"
    reviewer.save(update_fields=["language"])
    brief = prepared(client, reviewer, ready, django_capture_on_commit_callbacks)
    assert (brief.language, brief.status) == ("es", BriefStatus.SUCCEEDED)
    response = client.get(reverse("reviews:brief_download", args=[ready.pk, brief.pk]))
    text = pdf_text(b"".join(response.streaming_content) if response.streaming else response.content, tmp_path)
    from django.utils import translation

    with translation.override("es"):
        page = translation.gettext("Page")
    assert page != "Page" and page in text
