"""Write services of the stakeholders app (HackSoft style: keyword-only, type-annotated, one transaction each).

Organisations are shared across partnerships and carry no version. Every row scoped to a partnership
(participations, governance bodies, capacity activities, partner gaps) bumps the partnership's version
through the same optimistic lock as ``partnerships.services`` and checks ``expected_version`` when given.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from partnerships.models import Partnership
from partnerships.services import (
    instance_assign,
    instance_delete,
    instance_save,
    partnership_version_bump,
    partnership_version_sync,
)
from stakeholders import choices as c
from stakeholders.models import CapacityActivity, GovernanceBody, Organisation, Participation, PartnerGap

#
# Organisations
#


def organisation_create(*, data: Mapping[str, Any], user=None) -> Organisation:
    """Create an organisation after checking category, country, level and portfolio (§4.1)."""
    organisation = Organisation()
    _changed, many = instance_assign(instance=organisation, data=data, protected={"id", "created_at", "updated_at"})
    with transaction.atomic():
        instance_save(organisation, user=user, many=many)
    return organisation


def organisation_update(*, organisation: Organisation, data: Mapping[str, Any], user=None) -> Organisation:
    """Change an organisation (the same checks as ``organisation_create``)."""
    _changed, many = instance_assign(instance=organisation, data=data, protected={"id", "created_at", "updated_at"})
    with transaction.atomic():
        instance_save(organisation, user=user, many=many)
    return organisation


#
# Participations
#


def _single_lead_check(participation: Participation) -> None:
    """A partnership has one lead (§4.2 [product default]); others take ``co_lead``."""
    if c.ParticipationRole.LEAD not in (participation.roles or ()):
        return
    others = Participation.objects.filter(partnership_id=participation.partnership_id).exclude(pk=participation.pk)
    for other in others.select_related("organisation"):
        if c.ParticipationRole.LEAD in (other.roles or ()):
            raise ValidationError(
                {
                    "roles": ValidationError(
                        _("%(name)s already leads this partnership; there is one lead, give this one co_lead."),
                        code="second_lead",
                        params={"name": other.organisation.name},
                    )
                }
            )


_PARTICIPATION_PROTECTED = frozenset({"id", "partnership", "organisation", "created_at", "updated_at"})


def participation_add(
    *,
    partnership: Partnership,
    organisation: Organisation,
    user,
    roles: Iterable[str],
    side: str = "",
    data: Mapping[str, Any] | None = None,
    expected_version: int | None = None,
) -> Participation:
    """Let an organisation take part in a partnership with one or more roles (§4.2).

    ``joined_stage`` defaults to the partnership's current stage. Refused when the organisation already
    takes part, when no role is given, or when a second ``lead`` is added.
    """
    with transaction.atomic():
        fresh = partnership_version_bump(partnership_id=partnership.pk, expected_version=expected_version, user=user)
        if Participation.objects.filter(partnership=fresh, organisation=organisation).exists():
            raise ValidationError(
                {
                    "organisation": ValidationError(
                        _("%(name)s already takes part in this partnership; edit its participation instead."),
                        code="duplicate_participation",
                        params={"name": organisation.name},
                    )
                }
            )
        participation = Participation(
            partnership=fresh, organisation=organisation, side=side, roles=list(roles), joined_stage=fresh.stage
        )
        _changed, many = instance_assign(instance=participation, data=data or {}, protected=_PARTICIPATION_PROTECTED)
        _single_lead_check(participation)
        instance_save(participation, user=user, many=many)
    partnership_version_sync(partnership, fresh)
    participation.partnership = partnership
    return participation


def participation_update(
    *, participation: Participation, user, data: Mapping[str, Any], expected_version: int | None = None
) -> Participation:
    """Change side, roles, capacity, champion, business case or interests of a participation."""
    with transaction.atomic():
        fresh = partnership_version_bump(
            partnership_id=participation.partnership_id, expected_version=expected_version, user=user
        )
        _changed, many = instance_assign(instance=participation, data=data, protected=_PARTICIPATION_PROTECTED)
        _single_lead_check(participation)
        instance_save(participation, user=user, many=many)
    partnership_version_sync(participation.partnership, fresh)
    return participation


def participation_remove(*, participation: Participation, user, expected_version: int | None = None) -> None:
    """Remove an organisation from a partnership; its capacity activities go with it."""
    with transaction.atomic():
        fresh = partnership_version_bump(
            partnership_id=participation.partnership_id, expected_version=expected_version, user=user
        )
        instance_delete(participation, user=user)
    partnership_version_sync(participation.partnership, fresh)


#
# Governance bodies (§4.3)
#


def _members_check(*, partnership_id: int, members) -> None:
    """Members of a governance body are participations of the same partnership."""
    if members is None:
        return
    ids = {row.pk if isinstance(row, models.Model) else row for row in members}
    found = set(Participation.objects.filter(pk__in=ids, partnership_id=partnership_id).values_list("pk", flat=True))
    if found != ids:
        raise ValidationError(
            {"members": ValidationError(_("Choose members among the participants of this partnership."), code="other")}
        )


def governance_body_create(
    *,
    partnership: Partnership,
    user,
    data: Mapping[str, Any],
    members: Iterable[Participation] | None = None,
    expected_version: int | None = None,
) -> GovernanceBody:
    """Set up a governance body; ``layer`` defaults from ``kind`` (§4.3) and members must be participants."""
    with transaction.atomic():
        fresh = partnership_version_bump(partnership_id=partnership.pk, expected_version=expected_version, user=user)
        body = GovernanceBody(partnership=fresh)
        _changed, many = instance_assign(instance=body, data=data)
        if members is not None:
            many["members"] = list(members)
        _members_check(partnership_id=fresh.pk, members=many.get("members"))
        if not body.layer:
            body.layer = c.DEFAULT_LAYER.get(body.kind, "")
        instance_save(body, user=user, many=many)
    partnership_version_sync(partnership, fresh)
    body.partnership = partnership
    return body


def governance_body_update(
    *, governance_body: GovernanceBody, user, data: Mapping[str, Any], expected_version: int | None = None
) -> GovernanceBody:
    """Change a governance body (``members`` in ``data`` replaces the member list)."""
    body = governance_body
    with transaction.atomic():
        fresh = partnership_version_bump(
            partnership_id=body.partnership_id, expected_version=expected_version, user=user
        )
        _changed, many = instance_assign(instance=body, data=data)
        _members_check(partnership_id=body.partnership_id, members=many.get("members"))
        if not body.layer:
            body.layer = c.DEFAULT_LAYER.get(body.kind, "")
        instance_save(body, user=user, many=many)
    partnership_version_sync(body.partnership, fresh)
    return body


#
# Capacity building and partner gaps (E1.R9, E2.R10)
#


def partner_gap_create(
    *, partnership: Partnership, user, data: Mapping[str, Any], expected_version: int | None = None
) -> PartnerGap:
    """Record a service the partnership needs but no adequate partner provides yet."""
    with transaction.atomic():
        fresh = partnership_version_bump(partnership_id=partnership.pk, expected_version=expected_version, user=user)
        gap = PartnerGap(partnership=fresh)
        _changed, many = instance_assign(instance=gap, data=data)
        instance_save(gap, user=user, many=many)
    partnership_version_sync(partnership, fresh)
    gap.partnership = partnership
    return gap


def capacity_activity_create(
    *, partnership: Partnership, user, data: Mapping[str, Any], expected_version: int | None = None
) -> CapacityActivity:
    """Plan a capacity-building activity for one participation of the partnership."""
    with transaction.atomic():
        fresh = partnership_version_bump(partnership_id=partnership.pk, expected_version=expected_version, user=user)
        activity = CapacityActivity(partnership=fresh)
        _changed, many = instance_assign(instance=activity, data=data)
        instance_save(activity, user=user, many=many)
    partnership_version_sync(partnership, fresh)
    activity.partnership = partnership
    return activity


def capacity_activity_update(
    *, capacity_activity: CapacityActivity, user, data: Mapping[str, Any], expected_version: int | None = None
) -> CapacityActivity:
    """Change a capacity-building activity (e.g. its status)."""
    activity = capacity_activity
    with transaction.atomic():
        fresh = partnership_version_bump(
            partnership_id=activity.partnership_id, expected_version=expected_version, user=user
        )
        _changed, many = instance_assign(instance=activity, data=data)
        instance_save(activity, user=user, many=many)
    partnership_version_sync(activity.partnership, fresh)
    return activity
