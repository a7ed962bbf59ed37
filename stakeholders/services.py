"""Write services of the stakeholders app (HackSoft style: keyword-only, type-annotated, one transaction each).

Organisations are shared across partnerships and carry no version; changing one raises the version of
every partnership it takes part in or recruits for (:func:`organisation_update`). Every row scoped to a
partnership (participations, governance bodies, capacity activities, partner gaps) is written inside
``partnerships.services.partnership_change``: the same optimistic lock, version bump and history row as
every other service, with ``expected_version`` checked when given.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from codelists import stakeholders as c
from partnerships import policy
from partnerships.models import Partnership
from partnerships.services import (
    instance_assign,
    instance_delete,
    instance_save,
    partnership_change,
)
from smp.history import ORGANISATION_CHANGED, reason_with
from stakeholders.models import CapacityActivity, GovernanceBody, Organisation, Participation, PartnerGap
from stakeholders.selectors import organisation_near_duplicates

#
# Organisations
#


def _refuse_near_duplicate(organisation: Organisation) -> None:
    same = organisation_near_duplicates(
        name=organisation.name, country=str(organisation.country or ""), exclude_id=organisation.pk
    )
    if same:
        raise ValidationError(
            {
                "name": ValidationError(
                    _("%(name)s (number %(id)d) is already registered in the same country: use it instead."),
                    code="near_duplicate",
                    params={"name": same[0].name, "id": same[0].pk},
                )
            }
        )


def organisation_create(*, data: Mapping[str, Any], user=None) -> Organisation:
    """Create an organisation after checking category, country, level and portfolio (§4.1), unless one of the
    same name (case, accents and punctuation aside) exists in the same country: that one is named instead."""
    organisation = Organisation()
    _changed, many = instance_assign(instance=organisation, data=data, protected={"id", "created_at", "updated_at"})
    _refuse_near_duplicate(organisation)
    with transaction.atomic():
        instance_save(organisation, user=user, many=many)
    return organisation


def organisation_partnership_ids(*, organisation: Organisation) -> list[int]:
    """The partnerships an organisation takes part in or recruits for, in id order."""
    from recruitment.models import Recruiter

    ids = set(Participation.objects.filter(organisation=organisation).values_list("partnership_id", flat=True))
    ids.update(Recruiter.objects.filter(organisation=organisation).values_list("partnership_id", flat=True))
    return sorted(ids)


def organisation_update(*, organisation: Organisation, data: Mapping[str, Any], user=None) -> Organisation:
    """Change an organisation (the same checks as ``organisation_create``): ``user`` must be one of its own
    members or an administrator (``PermissionDenied`` otherwise; ``None`` for the platform's own loaders).

    An organisation's facts (category, country, level, licence and registration) are read by the feasibility
    and recruitment rules of every partnership it takes part in or recruits for, so the change is a data
    change of each of them: their versions rise, with one history row each naming ``user`` ("changed since
    approval", §5.2). A partnership that is closed or under review does not refuse it: the organisation is
    shared, and one partnership's state cannot freeze it for the others. Versions rise in id order, so two
    concurrent edits lock the partnerships in the same order.
    """
    if user is not None and not (
        policy.decide(policy.Action.ADMINISTER, user=user).allowed
        or user.organisations.filter(pk=organisation.pk).exists()
    ):
        raise PermissionDenied(_("Only the organisation's own members or an administrator change its details."))
    _changed, many = instance_assign(instance=organisation, data=data, protected={"id", "created_at", "updated_at"})
    _refuse_near_duplicate(organisation)
    with transaction.atomic():
        for partnership_id in organisation_partnership_ids(organisation=organisation):
            with partnership_change(
                partnership=partnership_id,
                expected_version=None,
                user=user,
                reason=reason_with(ORGANISATION_CHANGED, organisation.name),
                check_editable=False,
            ):
                pass
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
    if user is not None:
        policy.require(policy.Action.MANAGE_PARTICIPANTS, user=user, partnership=partnership)
    with partnership_change(partnership=partnership, expected_version=expected_version, user=user) as fresh:
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
    policy.forget(partnership)
    participation.partnership = partnership
    return participation


def participation_update(
    *, participation: Participation, user, data: Mapping[str, Any], expected_version: int | None = None
) -> Participation:
    """Change side, roles, capacity, champion, business case or interests of a participation.

    Side and roles are the lead side's to change (``policy.Action.MANAGE_PARTICIPANTS``); the other details
    may also be changed by the organisation itself. The lead keeps its ``lead`` role: it is handed over
    (:func:`participation_hand_over_lead`), never taken away here.
    """
    had_lead = c.ParticipationRole.LEAD in (participation.roles or ())
    old_side, old_roles = participation.side, sorted(participation.roles or ())
    with partnership_change(
        partnership=participation.partnership, expected_version=expected_version, user=user
    ) as fresh:
        _changed, many = instance_assign(instance=participation, data=data, protected=_PARTICIPATION_PROTECTED)
        if user is not None:
            standing_changed = participation.side != old_side or sorted(participation.roles or ()) != old_roles
            action = policy.Action.MANAGE_PARTICIPANTS if standing_changed else policy.Action.EDIT_OWN_PARTICIPATION
            policy.require(action, user=user, partnership=fresh, participation=participation)
        if had_lead and c.ParticipationRole.LEAD not in (participation.roles or ()):
            raise ValidationError({"roles": _lead_kept_error(participation)})
        _single_lead_check(participation)
        instance_save(participation, user=user, many=many)
    policy.forget(participation.partnership)
    return participation


def _lead_kept_error(participation: Participation) -> ValidationError:
    return ValidationError(
        _(
            "%(name)s leads this partnership and keeps that role until the lead organisation hands the lead "
            "over to another participant."
        ),
        code="lead_kept",
        params={"name": participation.organisation.name},
    )


def participation_hand_over_lead(
    *, partnership: Partnership, to: Participation, user, expected_version: int | None = None
) -> Participation:
    """Hand the lead to another participation of the same partnership (only the lead organisation may).

    The new lead loses ``co_lead`` if it had it; the former lead stays on as ``co_lead``.
    """
    if to.partnership_id != partnership.pk:
        raise ValidationError({"to": ValidationError(_("Choose a participant of this partnership."), code="other")})
    if user is not None:
        policy.require(policy.Action.HAND_OVER_LEAD, user=user, partnership=partnership)
    with partnership_change(partnership=partnership, expected_version=expected_version, user=user) as fresh:
        rows = Participation.objects.filter(partnership=fresh).select_related("organisation")
        lead = next((row for row in rows if c.ParticipationRole.LEAD in (row.roles or ())), None)
        if lead is not None and lead.pk == to.pk:
            raise ValidationError(
                {"to": ValidationError(_("%(name)s already leads."), code="same", params={"name": str(to)})}
            )
        if lead is not None:
            lead.roles = [r for r in lead.roles if r != c.ParticipationRole.LEAD]
            if c.ParticipationRole.CO_LEAD not in lead.roles:
                lead.roles.append(c.ParticipationRole.CO_LEAD)
            instance_save(lead, user=user)
        to.roles = [r for r in (to.roles or []) if r != c.ParticipationRole.CO_LEAD]
        to.roles.insert(0, c.ParticipationRole.LEAD)
        instance_save(to, user=user)
    policy.forget(partnership)
    return to


def participation_remove(*, participation: Participation, user, expected_version: int | None = None) -> None:
    """Remove an organisation from a partnership; its capacity activities go with it.

    Only the lead side removes participants, and the lead organisation is never removed (it hands over first).
    """
    if user is not None:
        policy.require(policy.Action.MANAGE_PARTICIPANTS, user=user, partnership=participation.partnership)
    if c.ParticipationRole.LEAD in (participation.roles or ()):
        raise ValidationError(_lead_kept_error(participation).messages[0], code="lead_kept")
    with partnership_change(partnership=participation.partnership, expected_version=expected_version, user=user):
        instance_delete(participation, user=user)
    policy.forget(participation.partnership)


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
    with partnership_change(partnership=partnership, expected_version=expected_version, user=user) as fresh:
        body = GovernanceBody(partnership=fresh)
        _changed, many = instance_assign(instance=body, data=data)
        if members is not None:
            many["members"] = list(members)
        _members_check(partnership_id=fresh.pk, members=many.get("members"))
        if not body.layer:
            body.layer = c.DEFAULT_LAYER.get(body.kind, "")
        instance_save(body, user=user, many=many)
    body.partnership = partnership
    return body


def governance_body_update(
    *, governance_body: GovernanceBody, user, data: Mapping[str, Any], expected_version: int | None = None
) -> GovernanceBody:
    """Change a governance body (``members`` in ``data`` replaces the member list)."""
    body = governance_body
    with partnership_change(partnership=body.partnership, expected_version=expected_version, user=user):
        _changed, many = instance_assign(instance=body, data=data)
        _members_check(partnership_id=body.partnership_id, members=many.get("members"))
        if not body.layer:
            body.layer = c.DEFAULT_LAYER.get(body.kind, "")
        instance_save(body, user=user, many=many)
    return body


#
# Capacity building and partner gaps (E1.R9, E2.R10)
#


def partner_gap_create(
    *, partnership: Partnership, user, data: Mapping[str, Any], expected_version: int | None = None
) -> PartnerGap:
    """Record a service the partnership needs but no adequate partner provides yet."""
    with partnership_change(partnership=partnership, expected_version=expected_version, user=user) as fresh:
        gap = PartnerGap(partnership=fresh)
        _changed, many = instance_assign(instance=gap, data=data)
        instance_save(gap, user=user, many=many)
    gap.partnership = partnership
    return gap


def capacity_activity_create(
    *, partnership: Partnership, user, data: Mapping[str, Any], expected_version: int | None = None
) -> CapacityActivity:
    """Plan a capacity-building activity for one participation of the partnership."""
    with partnership_change(partnership=partnership, expected_version=expected_version, user=user) as fresh:
        activity = CapacityActivity(partnership=fresh)
        _changed, many = instance_assign(instance=activity, data=data)
        instance_save(activity, user=user, many=many)
    activity.partnership = partnership
    return activity


def capacity_activity_update(
    *, capacity_activity: CapacityActivity, user, data: Mapping[str, Any], expected_version: int | None = None
) -> CapacityActivity:
    """Change a capacity-building activity (e.g. its status)."""
    activity = capacity_activity
    with partnership_change(partnership=activity.partnership, expected_version=expected_version, user=user):
        _changed, many = instance_assign(instance=activity, data=data)
        instance_save(activity, user=user, many=many)
    return activity
