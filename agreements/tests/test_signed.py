"""Back from the table: the lead side records the signed agreement (date, URL, clauses, the signed PDF)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agreements import forms
from agreements.models import SignedAgreement
from partnerships.models import Partnership

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_media")]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def post(client, partnership, **extra):
    data = {
        "version": Partnership.objects.get(pk=partnership.pk).version,
        "signed_on": "2026-11-30",
        "url": "https://example.org/agreement",
        "clauses": ["cost_sharing", "employer_pays"],
        **extra,
    }
    return client.post(reverse("agreements:signed_record", args=[partnership.pk]), data)


def test_the_lead_side_records_the_signed_agreement_and_everyone_who_sees_it_downloads_it(
    client, dest_official, reviewer, partnership
):
    client.force_login(dest_official)
    response = post(client, partnership, file=SimpleUploadedFile("signed.pdf", PDF, "application/pdf"))
    assert response.status_code == 302
    p = Partnership.objects.get(pk=partnership.pk)
    assert str(p.agreement_signed_on) == "2026-11-30" and p.agreement_url == "https://example.org/agreement"
    assert sorted(p.agreement_clauses) == ["cost_sharing", "employer_pays"]
    assert SignedAgreement.objects.get(partnership=p).size == len(PDF)
    page = client.get(reverse("monitoring:page", args=[p.pk])).content.decode()
    assert reverse("agreements:signed_download", args=[p.pk]) in page

    client.force_login(reviewer)
    download = client.get(reverse("agreements:signed_download", args=[p.pk]))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == PDF


def test_only_a_pdf_within_the_size_limit_is_accepted(client, dest_official, partnership, settings):
    client.force_login(dest_official)
    before = Partnership.objects.get(pk=partnership.pk).version
    post(client, partnership, file=SimpleUploadedFile("signed.pdf", b"<html>not a pdf</html>", "application/pdf"))
    assert not SignedAgreement.objects.exists()
    assert Partnership.objects.get(pk=partnership.pk).version == before
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * forms.SIGNED_MAX_BYTES, "application/pdf")
    post(client, partnership, file=big)
    assert not SignedAgreement.objects.exists()


def test_others_cannot_record_it_and_outsiders_cannot_download_it(
    client, partner_client, outsider, dest_official, partnership
):
    client.force_login(partner_client)
    assert post(client, partnership).status_code == 403
    client.force_login(dest_official)
    post(client, partnership, file=SimpleUploadedFile("signed.pdf", PDF, "application/pdf"))
    client.force_login(outsider)
    assert client.get(reverse("agreements:signed_download", args=[partnership.pk])).status_code == 404


def test_a_stale_version_is_refused_and_nothing_is_written(client, dest_official, partnership):
    client.force_login(dest_official)
    response = post(client, partnership, version=0)
    assert response.status_code == 302
    assert Partnership.objects.get(pk=partnership.pk).agreement_signed_on is None


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_the_form_shows_the_recorded_date_in_every_language(client, dest_official, partnership, language):
    """A date input takes only 2026-11-30: a French page once wrote 30/11/2026, which the browser showed as blank."""
    client.force_login(dest_official)
    post(client, partnership)
    page = client.get(reverse("monitoring:page", args=[partnership.pk]), headers={"accept-language": language})
    assert page.headers["Content-Language"] == language
    assert 'type="date" name="signed_on" value="2026-11-30"' in page.content.decode()
