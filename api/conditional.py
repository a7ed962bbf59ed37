"""ETags and ``If-Match`` for the partnership and every row of it (issue 16, "Trust").

A row's ``version`` is its partnership's version (every change to a row raises it), so the ETag of a
partnership and of each of its rows is the weak tag ``W/"<partnership version>"``. A write (PUT, PATCH,
DELETE) that sends ``If-Match`` is refused with 412 ``precondition_failed`` unless the tag names the stored
version. The partnership row is locked (``SELECT … FOR UPDATE``) while the tag is compared, until the
request's transaction ends: of two clients that read the same ETag, the second waits for the first, then
sees the new version and gets 412 — exactly one wins.
"""

from __future__ import annotations

from django.db import transaction

from api.exceptions import PreconditionFailed


def etag_for(version: int) -> str:
    return f'W/"{version}"'


def partnership_version(partnership_id: int) -> int | None:
    from partnerships.models import Partnership

    return Partnership.objects.filter(pk=partnership_id).values_list("version", flat=True).first()


def if_match_version(request, partnership_id: int) -> int | None:
    """The version named by ``If-Match`` (``W/"7"`` or ``"7"``), or ``None`` without one (or with ``*``).

    Raises ``PreconditionFailed`` (412) when no tag names the stored version. Call it inside the write's
    transaction: the partnership stays locked until that transaction ends.
    """
    from partnerships.models import Partnership

    header = request.headers.get("If-Match")
    if not header or header.strip() == "*":
        return None
    tags = {tag.strip() for tag in header.split(",")}
    with transaction.atomic():
        version = (
            Partnership.objects.select_for_update().filter(pk=partnership_id).values_list("version", flat=True).first()
        )
    if version is None or (etag_for(version) not in tags and f'"{version}"' not in tags):
        raise PreconditionFailed()
    return version
