"""Write services of the partnerships app (HackSoft style: keyword-only, type-annotated, one transaction each).

Optimistic locking: every data change raises ``Partnership.version`` with a filtered
``UPDATE … SET version = version + 1 WHERE id = … AND version = <expected>``. If that updates no row,
somebody else saved first and the service raises ``ConflictError`` naming them (from the latest
simple-history record) before anything is written.

One way to write: every service of every app that changes a partnership's data (its own fields, child rows
such as countries, objectives, pathways, and the rows of the other apps) does so inside
:func:`partnership_change`, which opens the transaction, bumps the version (one history row naming the
user), checks the partnership is editable and gives the caller's instance the new version afterwards. Rows
without a dedicated service use :func:`partnership_row_create` / ``_update`` / ``_save`` / ``_delete``. The
admin writes through the same services (``partnerships.admin_site.ServiceWriteAdmin``), so "changed since
approval" (§5.2) holds whatever door a change comes through.

Officials cannot change a closed partnership, nor one that is ``submitted`` or ``in_review`` (§5.1, §5.2).
``Partnership.stage`` changes only through ``partnership_stage_set`` (§5 "Stage changes").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.db.models import F, ProtectedError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from codelists import partnerships as c
from partnerships.models import Objective, Partnership, PartnershipCountry, Pathway, StageChange
from smp.exceptions import ConflictError
from smp.punctuation import semicolons

#: Partnership fields no data edit may write: lifecycle, review workflow and locking belong to their services.
PARTNERSHIP_PROTECTED_FIELDS: frozenset[str] = frozenset(
    {
        "id",
        "created_at",
        "updated_at",
        "stage",
        "review_status",
        "review_round",
        "version",
        "assigned_reviewer",
        "approved_by",
        "approved_version",
        "approved_stage",
        "approved_at",
    }
)
#: Never written from ``data`` on child rows: identity, parent and timestamps.
CHILD_PROTECTED_FIELDS: frozenset[str] = frozenset({"id", "partnership", "created_at", "updated_at"})

#
# Generic helpers (also used by the services of other apps)
#


def instance_assign(
    *, instance: models.Model, data: Mapping[str, Any], protected: Iterable[str] = CHILD_PROTECTED_FIELDS
) -> tuple[list[str], dict[str, Any]]:
    """Copy ``data`` onto ``instance``; return the concrete fields changed and the many-to-many values to set.

    Keys are field names (a foreign key also by its ``<name>_id``). Unknown or protected keys raise a
    ``ValidationError`` on that key, so a form or an API call cannot write what it must not.
    """
    protected = set(protected)
    errors: dict[str, ValidationError] = {}
    changed: list[str] = []
    many: dict[str, Any] = {}
    meta = instance._meta
    for key, value in data.items():
        name = key[:-3] if key.endswith("_id") else key
        try:
            field = meta.get_field(name)
        except FieldDoesNotExist:
            errors[key] = ValidationError(_("%(key)s is not a field here."), code="unknown_field", params={"key": key})
            continue
        is_many = isinstance(field, models.ManyToManyField)
        if not is_many and not field.concrete:
            errors[key] = ValidationError(_("%(key)s is not a field here."), code="unknown_field", params={"key": key})
            continue
        if name in protected or not (is_many or field.editable):
            errors[key] = ValidationError(
                _("%(key)s cannot be changed here."), code="protected_field", params={"key": key}
            )
            continue
        if is_many:
            many[name] = value
            continue
        if field.is_relation and (key != name or (value is not None and not isinstance(value, models.Model))):
            setattr(instance, field.attname, value.pk if isinstance(value, models.Model) else value)
        else:
            setattr(instance, name, value)
        changed.append(field.name)
    if errors:
        raise ValidationError(errors)
    return changed, many


def _user_label(user) -> str:
    if user is None:
        return str(_("someone else"))
    return user.get_full_name() or user.get_username()


def history_note(instance: models.Model, *, user, reason: str | None = None) -> None:
    """Name the acting user (and why) on the history row that the next save or delete of ``instance`` writes.

    Without a user (a script, a task) nothing is set, so inside a request simple-history's middleware still
    names the signed-in user.
    """
    if user is not None and getattr(user, "pk", None) is not None:
        instance._history_user = user
    if reason is not None:
        instance._change_reason = reason[:100] if reason else None


def partnership_conflict(*, partnership_id: int, expected_version: int | None) -> ConflictError:
    """The ``ConflictError`` for a stale write: who saved the partnership last, when, and its current version."""
    current = Partnership.objects.filter(pk=partnership_id).values_list("version", "updated_at").first()
    if current is None:
        raise Partnership.DoesNotExist(f"Partnership {partnership_id} does not exist")
    version, updated_at = current
    last = (
        Partnership.history.filter(id=partnership_id)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
        .first()
    )
    saved_by = _user_label(last.history_user) if last is not None else _user_label(None)
    saved_at = last.history_date if last is not None else updated_at
    message = _(
        "%(user)s saved this partnership on %(at)s (it is now at version %(current)s; you were editing version "
        "%(expected)s). Nothing was saved: reload the page to see their changes, then make yours again."
    ) % {
        "user": saved_by,
        "at": timezone.localtime(saved_at).strftime("%Y-%m-%d %H:%M %Z"),
        "current": version,
        "expected": expected_version if expected_version is not None else "?",
    }
    return ConflictError(str(message), current_version=version, saved_by=saved_by, saved_at=saved_at)


def partnership_assert_editable(*, partnership: Partnership, allow_closed: bool = False) -> None:
    """Refuse data changes to a closed partnership, or to one under review (officials withdraw it first)."""
    if partnership.stage == c.Stage.CLOSED and not allow_closed:
        raise ValidationError(
            _("This partnership is closed: its data can no longer be changed. Start a follow-on partnership instead."),
            code="closed",
        )
    if partnership.review_status in c.READ_ONLY_REVIEW_STATUSES:
        raise ValidationError(
            _("This partnership is %(status)s for IOM review: withdraw it from review to edit it."),
            code="under_review",
            params={"status": partnership.get_review_status_display().lower()},
        )


def partnership_version_bump(
    *,
    partnership_id: int,
    expected_version: int | None,
    user,
    reason: str = "",
    record_history: bool = True,
    allow_closed: bool = False,
    check_editable: bool = True,
) -> Partnership:
    """Raise the version (only from ``expected_version`` when given) and return the fresh, locked partnership.

    The building block of :func:`partnership_change`, which services use; must run inside
    ``transaction.atomic()``: the caller's later failure rolls the bump back.
    """
    rows = Partnership.objects.filter(pk=partnership_id)
    if expected_version is not None:
        rows = rows.filter(version=expected_version)
    if not rows.update(version=F("version") + 1, updated_at=timezone.now()):
        raise partnership_conflict(partnership_id=partnership_id, expected_version=expected_version)
    fresh = Partnership.objects.get(pk=partnership_id)
    if check_editable:
        partnership_assert_editable(partnership=fresh, allow_closed=allow_closed)
    if record_history:
        # A history row per bump, so a later conflict can name who changed a child row last.
        history_note(fresh, user=user, reason=reason)
        fresh.save(update_fields=["version", "updated_at"])
    return fresh


def partnership_version_sync(partnership: Partnership, fresh: Partnership) -> None:
    """Give the caller's instance the stored version, so its next write can pass it as ``expected_version``."""
    for name in ("version", "updated_at", "stage", "review_status"):
        setattr(partnership, name, getattr(fresh, name))


@contextmanager
def partnership_change(
    *,
    partnership: Partnership | int,
    expected_version: int | None,
    user,
    reason: str = "",
    allow_closed: bool = False,
    record_history: bool = True,
    check_editable: bool = True,
) -> Iterator[Partnership]:
    """The one way to change a partnership's data: ``with partnership_change(...) as fresh:`` write rows.

    Opens a transaction, raises the version (only from ``expected_version`` when given, else
    ``ConflictError``), refuses a closed partnership (unless ``allow_closed``) or one under review, records
    one history row naming ``user`` and ``reason`` (unless ``record_history=False``: the caller saves the
    partnership itself), and yields the fresh, locked partnership. If the block raises, everything rolls back.
    Afterwards the caller's instance (when ``partnership`` is one, not an id) gets the stored version, so its
    next write can pass it as ``expected_version``.

    ``check_editable=False`` is for changes made outside the partnership (an organisation it involves):
    they count as a change since approval but are not refused because this partnership is closed or
    under review.
    """
    partnership_id = partnership if isinstance(partnership, int) else partnership.pk
    with transaction.atomic():
        fresh = partnership_version_bump(
            partnership_id=partnership_id,
            expected_version=expected_version,
            user=user,
            reason=reason,
            record_history=record_history,
            allow_closed=allow_closed,
            check_editable=check_editable,
        )
        yield fresh
    if isinstance(partnership, Partnership):
        partnership_version_sync(partnership, fresh)


def partnership_touch(
    *,
    partnership: Partnership,
    expected_version: int | None,
    user,
    reason: str = "",
    allow_closed: bool = False,
) -> Partnership:
    """Bump the version of ``partnership`` because one of its child rows changed.

    With ``expected_version`` the bump happens only from that version (else ``ConflictError``); with
    ``None`` it always happens. Call it inside the transaction that writes the child row. Returns the fresh
    partnership and updates the given instance's ``version``.
    """
    with partnership_change(
        partnership=partnership, expected_version=expected_version, user=user, reason=reason, allow_closed=allow_closed
    ) as fresh:
        pass
    return fresh


def instance_save(instance: models.Model, *, user, many: Mapping[str, Any] | None = None) -> None:
    """Validate, save with the acting user in history, then set many-to-many values."""
    instance.full_clean()
    history_note(instance, user=user)
    instance.save()
    for name, value in (many or {}).items():
        getattr(instance, name).set(value or [])


def instance_delete(instance: models.Model, *, user) -> None:
    """Delete a row; a protected reference becomes a ``ValidationError`` saying what still points to it."""
    history_note(instance, user=user)
    try:
        instance.delete()
    except ProtectedError as error:
        blockers = sorted({str(obj._meta.verbose_name_plural) for obj in error.protected_objects})
        raise ValidationError(
            _("%(what)s is still used by: %(blockers)s. Remove or change those first."),
            code="protected",
            params={"what": str(instance), "blockers": ", ".join(blockers)},
        )


#
# Partnership
#


@transaction.atomic
def partnership_create(
    *,
    user,
    data: Mapping[str, Any],
    lead_organisation=None,
    lead_side: str = "",
    stage_reason: str = "",
    acknowledge_gaps: bool = False,
) -> Partnership:
    """Create a partnership from ``data`` (field names; ``sectors`` as Sector objects or codes).

    ``data`` may set any initial ``stage`` so schemes already running can be registered (§5). Like any
    forward move, that passes through the exit checklists of the stages skipped (``partnerships.lifecycle``):
    a later stage needs ``stage_reason`` and, when the checklists have gaps, ``acknowledge_gaps`` (else a
    ``ValidationError`` with code ``open_gaps`` lists them). The creation is recorded as a ``StageChange``
    with the reason and the gaps acknowledged. With ``lead_organisation`` that organisation takes part with
    role ``lead`` on ``lead_side``.
    """
    from partnerships.lifecycle import stage_move_gaps

    data = dict(data)
    stage = data.pop("stage", c.Stage.EXPLORATION)
    stage_reason = (stage_reason or "").strip()
    later = stage != c.Stage.EXPLORATION
    if later and stage in c.STAGE_ORDER and not stage_reason:
        raise ValidationError(
            {
                "stage_reason": ValidationError(
                    _("Say why the partnership starts at the %(stage)s stage (for example, since when it runs)."),
                    code="reason",
                    params={"stage": c.Stage(stage).label},
                )
            }
        )
    partnership = Partnership(stage=stage)
    _changed, many = instance_assign(instance=partnership, data=data, protected=PARTNERSHIP_PROTECTED_FIELDS)
    instance_save(partnership, user=user, many=many)
    if lead_organisation is not None:
        from codelists.stakeholders import ParticipationRole
        from stakeholders.models import Participation

        participation = Participation(
            partnership=partnership,
            organisation=lead_organisation,
            side=lead_side,
            roles=[ParticipationRole.LEAD],
            joined_stage=partnership.stage,
        )
        instance_save(participation, user=user)
    gaps = stage_move_gaps(partnership=partnership, from_stage=c.Stage.EXPLORATION, to_stage=stage) if later else []
    if gaps and not acknowledge_gaps:
        raise open_gaps_error(gaps=gaps, to_stage=stage)
    StageChange.objects.create(
        partnership=partnership,
        from_stage="",
        to_stage=partnership.stage,
        user=user,
        reason=stage_reason or str(_("Created.")),
        open_gaps=[gap.as_stored() for gap in gaps],
    )
    return partnership


def open_gaps_error(*, gaps, to_stage: str) -> ValidationError:
    """The refusal of a forward move whose exit checklist has gaps nobody acknowledged (§5.1)."""
    return ValidationError(
        _(
            "Before the partnership moves to the %(stage)s stage, %(count)d item(s) of the checklist are missing: "
            "%(gaps)s. Add them, or acknowledge them to move on anyway."
        ),
        code="open_gaps",
        params={
            "stage": c.Stage(to_stage).label,
            "count": len(gaps),
            "gaps": semicolons(gap.text.rstrip(".") for gap in gaps),
            "items": [gap.as_dict() for gap in gaps],
        },
    )


def partnership_update(
    *, partnership: Partnership, user, expected_version: int, data: Mapping[str, Any]
) -> Partnership:
    """Write ``data`` to the partnership if nobody saved since ``expected_version``; raise the version by one.

    Raises ``ConflictError`` (nothing written) when the stored version differs, and ``ValidationError`` with
    field messages when the data is invalid. Lifecycle, review and locking fields cannot be written here.
    """
    with partnership_change(
        partnership=partnership.pk, expected_version=expected_version, user=user, record_history=False
    ) as fresh:
        changed, many = instance_assign(instance=fresh, data=data, protected=PARTNERSHIP_PROTECTED_FIELDS)
        fresh.full_clean()
        history_note(fresh, user=user)
        fresh.save(update_fields=sorted({*changed, "version", "updated_at"}))
        for name, value in many.items():
            getattr(fresh, name).set(value or [])
    partnership.refresh_from_db()
    return partnership


def partnership_stage_set(
    *,
    partnership: Partnership,
    to_stage: str,
    user,
    reason: str = "",
    acknowledge_gaps: bool = False,
    closure_reason: str = "",
    expected_version: int | None = None,
) -> StageChange:
    """Move the partnership to ``to_stage`` and record a ``StageChange`` (§5 "Stage changes").

    Allowed: forward by one stage; backward to any earlier stage with a reason; to ``closed`` from any stage
    with a reason. A closed partnership never changes stage again. With ``settings.SMP_REVIEW_GATES`` on,
    entering ``agreement`` needs the current version approved (§5.2). A forward move computes the exit
    checklist of the stage left (``partnerships.lifecycle``); with gaps it goes ahead only when
    ``acknowledge_gaps`` is true (else ``ValidationError`` code ``open_gaps`` listing them), and the gaps are
    stored on the ``StageChange``. The stage is not data under review, so the version does not change.
    """
    from partnerships.lifecycle import stage_move_gaps

    reason = (reason or "").strip()
    if user is not None:
        from partnerships import policy

        action = policy.Action.CLOSE if to_stage == c.Stage.CLOSED else policy.Action.MOVE_STAGE
        policy.require(action, user=user, partnership=partnership)
    with transaction.atomic():
        current = Partnership.objects.get(pk=partnership.pk)
        if expected_version is not None and current.version != expected_version:
            raise partnership_conflict(partnership_id=current.pk, expected_version=expected_version)
        from_stage = current.stage
        if to_stage not in c.STAGE_ORDER:
            raise ValidationError(
                {
                    "to_stage": ValidationError(
                        _("%(stage)s is not a stage."), code="unknown", params={"stage": to_stage}
                    )
                }
            )
        if from_stage == c.Stage.CLOSED:
            raise ValidationError(
                _("A closed partnership stays closed. To continue the scheme, create a follow-on partnership."),
                code="closed",
            )
        if to_stage == from_stage:
            raise ValidationError(
                _("The partnership is already at the %(stage)s stage."),
                code="same_stage",
                params={"stage": c.Stage(to_stage).label},
            )
        step = c.STAGE_ORDER[to_stage] - c.STAGE_ORDER[from_stage]
        if to_stage == c.Stage.CLOSED or step < 0:
            if not reason:
                raise ValidationError(
                    {"reason": ValidationError(_("Say why the partnership moves to this stage."), code="reason")}
                )
        elif step > 1:
            raise ValidationError(
                _("Move forward one stage at a time: the next stage is %(next)s."),
                code="skip",
                params={"next": c.Stage.values[c.STAGE_ORDER[from_stage] + 1]},
            )
        if closure_reason and closure_reason not in c.ClosureReason.values:
            raise ValidationError({"closure_reason": ValidationError(_("Choose a closure reason."), code="invalid")})
        if (
            to_stage == c.Stage.AGREEMENT
            and getattr(settings, "SMP_REVIEW_GATES", False)
            and not (current.review_status == c.ReviewStatus.APPROVED and current.approved_version == current.version)
        ):
            raise ValidationError(
                _(
                    "Entering the agreement stage needs IOM approval of the current data (version %(version)s). "
                    "Submit the partnership for review and wait for approval."
                ),
                code="review_gate",
                params={"version": current.version},
            )
        gaps = stage_move_gaps(partnership=current, from_stage=from_stage, to_stage=to_stage)
        if gaps and not acknowledge_gaps:
            raise open_gaps_error(gaps=gaps, to_stage=to_stage)
        updates: dict[str, Any] = {"stage": to_stage, "updated_at": timezone.now()}
        if to_stage == c.Stage.CLOSED:
            updates["closed_on"] = current.closed_on or timezone.localdate()
            if closure_reason:
                updates["closure_reason"] = closure_reason
        # Filtered on the stage we checked, so two concurrent stage changes cannot both pass.
        rows = Partnership.objects.filter(pk=current.pk, stage=from_stage)
        if expected_version is not None:
            rows = rows.filter(version=expected_version)
        if not rows.update(**updates):
            raise partnership_conflict(partnership_id=current.pk, expected_version=expected_version)
        fresh = Partnership.objects.get(pk=current.pk)
        history_note(fresh, user=user, reason=gettext_noop("stage changed"))
        fresh.save(update_fields=sorted(updates))
        change = StageChange.objects.create(
            partnership=fresh,
            from_stage=from_stage,
            to_stage=to_stage,
            user=user,
            reason=reason,
            open_gaps=[gap.as_stored() for gap in gaps],
        )
    for name in ("stage", "closed_on", "closure_reason", "updated_at"):
        setattr(partnership, name, getattr(fresh, name))
    return change


#
# Partnership countries
#


def partnership_country_add(
    *,
    partnership: Partnership,
    user,
    country: str,
    side: str,
    data: Mapping[str, Any] | None = None,
    expected_version: int | None = None,
) -> PartnershipCountry:
    """Add a country on one side. A country takes part once per partnership, on one side only."""
    with partnership_change(partnership=partnership, expected_version=expected_version, user=user) as fresh:
        existing = PartnershipCountry.objects.filter(partnership=fresh, country=country).first()
        if existing is not None:
            raise ValidationError(
                {
                    "country": ValidationError(
                        _("%(country)s already takes part, on the %(side)s side; a country has one side."),
                        code="duplicate_country",
                        params={"country": existing.country.name, "side": existing.get_side_display()},
                    )
                }
            )
        row = PartnershipCountry(partnership=fresh, country=country, side=side)
        _changed, many = instance_assign(instance=row, data=data or {})
        instance_save(row, user=user, many=many)
    row.partnership = partnership
    return row


def partnership_country_update(
    *, partnership_country: PartnershipCountry, user, data: Mapping[str, Any], expected_version: int | None = None
) -> PartnershipCountry:
    """Change a partner country's data (languages, systems, regions …). Its side is fixed once routes use it."""
    row = partnership_country
    with partnership_change(partnership=row.partnership, expected_version=expected_version, user=user):
        old_side = PartnershipCountry.objects.values_list("side", flat=True).get(pk=row.pk)
        _changed, many = instance_assign(instance=row, data=data, protected={*CHILD_PROTECTED_FIELDS, "country"})
        if row.side != old_side and (row.destination_pathways.exists() or row.origin_pathways.exists()):
            raise ValidationError(
                {
                    "side": ValidationError(
                        _("Pathways use this country on its current side; change or remove them first."),
                        code="side_in_use",
                    )
                }
            )
        instance_save(row, user=user, many=many)
    return row


def partnership_country_remove(
    *, partnership_country: PartnershipCountry, user, expected_version: int | None = None
) -> None:
    """Remove a country from the partnership (refused while pathways or indicators still point to it)."""
    row = partnership_country
    with partnership_change(partnership=row.partnership, expected_version=expected_version, user=user):
        instance_delete(row, user=user)


#
# Objectives
#


def objective_create(
    *, partnership: Partnership, user, data: Mapping[str, Any], expected_version: int | None = None
) -> Objective:
    """Add an objective (``sdg_targets`` and ``gcm_objectives`` as objects or keys)."""
    with partnership_change(partnership=partnership, expected_version=expected_version, user=user) as fresh:
        objective = Objective(partnership=fresh)
        _changed, many = instance_assign(instance=objective, data=data)
        instance_save(objective, user=user, many=many)
    objective.partnership = partnership
    return objective


def objective_update(
    *, objective: Objective, user, data: Mapping[str, Any], expected_version: int | None = None
) -> Objective:
    """Change an objective."""
    with partnership_change(partnership=objective.partnership, expected_version=expected_version, user=user):
        _changed, many = instance_assign(instance=objective, data=data)
        instance_save(objective, user=user, many=many)
    return objective


def objective_delete(*, objective: Objective, user, expected_version: int | None = None) -> None:
    """Delete an objective; its tensions go with it and its indicators stay, unlinked."""
    with partnership_change(partnership=objective.partnership, expected_version=expected_version, user=user):
        instance_delete(objective, user=user)


#
# Pathways
#


def _pathway_origins_check(*, partnership_id: int, origin_countries) -> None:
    """Every origin country of a pathway is an origin row of the same partnership."""
    if origin_countries is None:
        return
    ids = [row.pk if isinstance(row, models.Model) else row for row in origin_countries]
    rows = PartnershipCountry.objects.filter(pk__in=ids)
    wrong = [row for row in rows if row.partnership_id != partnership_id or row.side != c.Side.ORIGIN]
    if wrong or len(rows) != len(set(ids)):
        names = ", ".join(str(row.country.name) for row in wrong) or "?"
        raise ValidationError(
            {
                "origin_countries": ValidationError(
                    _("Choose origin countries of this partnership; not: %(names)s."),
                    code="not_origin",
                    params={"names": names},
                )
            }
        )


def pathway_create(
    *, partnership: Partnership, user, data: Mapping[str, Any], expected_version: int | None = None
) -> Pathway:
    """Add a legal route. ``destination_country`` must be a destination row and ``origin_countries`` origin
    rows of this partnership; ``occupations`` are ISCO-08 groups (objects or codes)."""
    with partnership_change(partnership=partnership, expected_version=expected_version, user=user) as fresh:
        pathway = Pathway(partnership=fresh)
        _changed, many = instance_assign(instance=pathway, data=data)
        _pathway_origins_check(partnership_id=fresh.pk, origin_countries=many.get("origin_countries"))
        instance_save(pathway, user=user, many=many)
    pathway.partnership = partnership
    return pathway


def pathway_update(*, pathway: Pathway, user, data: Mapping[str, Any], expected_version: int | None = None) -> Pathway:
    """Change a legal route (same checks as ``pathway_create``)."""
    with partnership_change(partnership=pathway.partnership, expected_version=expected_version, user=user):
        _changed, many = instance_assign(instance=pathway, data=data)
        _pathway_origins_check(partnership_id=pathway.partnership_id, origin_countries=many.get("origin_countries"))
        instance_save(pathway, user=user, many=many)
    return pathway


#
# Rows of a partnership without a dedicated service (used by the wizard and the API)
#


def row_links_check(*, row, many: dict) -> None:
    """Every row ``row`` points to that belongs to a partnership must belong to ``row``'s partnership."""
    errors = {}
    for field in row._meta.concrete_fields:
        if not field.is_relation or field.name == "partnership" or getattr(row, field.attname) is None:
            continue
        if "partnership" not in {f.name for f in field.related_model._meta.get_fields()}:
            continue
        target = getattr(row, field.name)
        if target.partnership_id != row.partnership_id:
            errors[field.name] = ValidationError(
                _("Choose a %(what)s of this partnership."),
                code="other_partnership",
                params={"what": field.verbose_name},
            )
    for name, values in (many or {}).items():
        wrong = [v for v in values or [] if getattr(v, "partnership_id", row.partnership_id) != row.partnership_id]
        if wrong:
            errors[name] = ValidationError(
                _("Choose %(what)s of this partnership only."),
                code="other_partnership",
                params={"what": row._meta.get_field(name).verbose_name},
            )
    if errors:
        raise ValidationError(errors)


def partnership_row_create(*, model, partnership, user, data, expected_version: int | None = None):
    """Add a ``model`` row to ``partnership`` with the same checks and version bump as the apps' services.

    Used for rows whose app has no dedicated service (indicators, social-aspect rows, evidence, training,
    recognition): ``full_clean`` validates, the partnership's version rises (``ConflictError`` if stale).
    """
    with partnership_change(partnership=partnership, expected_version=expected_version, user=user) as fresh:
        row = model(partnership=fresh)
        _changed, many = instance_assign(instance=row, data=data)
        row_links_check(row=row, many=many)
        instance_save(row, user=user, many=many)
    return row


def partnership_row_update(*, row, user, data, expected_version: int | None = None, partnership=None):
    """Change a row of a partnership (see :func:`partnership_row_create`).

    ``partnership``, when given, is the caller's instance: it receives the new version for its next write.
    """
    with partnership_change(
        partnership=partnership if partnership is not None else row.partnership_id,
        expected_version=expected_version,
        user=user,
    ):
        _changed, many = instance_assign(instance=row, data=data)
        row_links_check(row=row, many=many)
        instance_save(row, user=user, many=many)
    return row


def partnership_row_save(
    *,
    row,
    user,
    many: Mapping[str, Any] | None = None,
    partnership: Partnership | None = None,
    expected_version: int | None = None,
):
    """Validate and save a row already built or changed elsewhere (an admin form); bump the version.

    For rows whose app has no dedicated service. ``many`` are many-to-many values to set. ``partnership`` is
    needed for rows that reach their partnership through a parent (a pathway's steps, an indicator's values):
    give the partnership instance; for rows with their own ``partnership`` it defaults to that one.
    """
    own = any(field.name == "partnership" for field in row._meta.concrete_fields)
    with partnership_change(
        partnership=partnership if partnership is not None else row.partnership_id,
        expected_version=expected_version,
        user=user,
    ):
        if own:
            row_links_check(row=row, many=dict(many or {}))
        instance_save(row, user=user, many=many)
    return row


def partnership_row_delete(*, row, user, expected_version: int | None = None, partnership=None) -> None:
    """Delete a row of a partnership; a row still referenced elsewhere is refused with a message.

    ``partnership``, when given, is the caller's instance (required for rows that reach their partnership
    through a parent): it receives the new version for its next write.
    """
    with partnership_change(
        partnership=partnership if partnership is not None else row.partnership_id,
        expected_version=expected_version,
        user=user,
    ):
        instance_delete(row, user=user)


#
# Monitoring of a running partnership: reporting periods and indicator values (§9.1)
#

#: Stages in which results are recorded (§5.1: implementation records values and actual costs, evaluation
#: adds the values after return).
MONITORING_STAGES: frozenset[str] = frozenset({c.Stage.IMPLEMENTATION, c.Stage.EVALUATION})


def monitoring_assert_open(*, partnership: Partnership) -> None:
    """Results are recorded while the partnership is implemented or evaluated, not before."""
    if partnership.stage not in MONITORING_STAGES:
        raise ValidationError(
            _(
                "Results are recorded once the partnership is being implemented or evaluated; it is at the "
                "%(stage)s stage."
            ),
            code="not_running",
            params={"stage": partnership.get_stage_display().lower()},
        )


def _period_overlap_check(period) -> None:
    from partnerships.models import ReportingPeriod

    if not (period.starts_on and period.ends_on and period.partnership_id):
        return
    other = (
        ReportingPeriod.objects.filter(
            partnership_id=period.partnership_id, starts_on__lte=period.ends_on, ends_on__gte=period.starts_on
        )
        .exclude(pk=period.pk)
        .first()
    )
    if other is not None:
        raise ValidationError(
            {
                "starts_on": ValidationError(
                    _("This period overlaps %(other)s (%(start)s to %(end)s): a partnership's periods do not overlap."),
                    code="overlap",
                    params={"other": other.name, "start": other.starts_on, "end": other.ends_on},
                )
            }
        )


def reporting_period_validate(period) -> None:
    """Model checks, no overlap with the partnership's other periods, and (for a stored period) every value
    recorded in it still measured inside its dates."""
    period.full_clean()
    _period_overlap_check(period)
    if period.pk:
        outside = period.indicator_values.exclude(measured_on__range=(period.starts_on, period.ends_on)).count()
        if outside:
            raise ValidationError(
                {
                    "ends_on": ValidationError(
                        _("%(count)s values recorded in this period were measured outside the new dates."),
                        code="values_outside",
                        params={"count": outside},
                    )
                }
            )


def reporting_period_write(
    *,
    period,
    user,
    data: Mapping[str, Any],
    expected_version: int | None = None,
    partnership: Partnership | None = None,
):
    """Create (``period.pk`` empty, ``period.partnership`` set) or change a reporting period.

    Periods of one partnership never overlap; values already recorded in the period must stay inside it.
    """
    with partnership_change(
        partnership=partnership if partnership is not None else period.partnership_id,
        expected_version=expected_version,
        user=user,
        reason=gettext_noop("reporting period saved"),
    ) as fresh:
        monitoring_assert_open(partnership=fresh)
        instance_assign(instance=period, data=data, protected={*CHILD_PROTECTED_FIELDS, "reminded_at"})
        reporting_period_validate(period)
        instance_save(period, user=user)
    return period


def reporting_period_delete(*, period, user, expected_version: int | None = None, partnership=None) -> None:
    """Delete a reporting period; refused while values or spending are recorded in it, and outside the stages
    in which results are recorded."""
    with partnership_change(
        partnership=partnership if partnership is not None else period.partnership_id,
        expected_version=expected_version,
        user=user,
    ) as fresh:
        monitoring_assert_open(partnership=fresh)
        instance_delete(period, user=user)


def indicator_value_write(
    *, value, user, data: Mapping[str, Any], expected_version: int | None = None, partnership: Partnership | None = None
):
    """Create (``value.pk`` empty, ``value.indicator`` set) or change one indicator value (§9.1, E8.R9)."""
    with partnership_change(
        partnership=partnership if partnership is not None else value.indicator.partnership_id,
        expected_version=expected_version,
        user=user,
        reason=gettext_noop("indicator value saved"),
    ) as fresh:
        monitoring_assert_open(partnership=fresh)
        instance_assign(instance=value, data=data, protected={"id", "created_at", "updated_at"})
        if value.indicator_id and value.indicator.partnership_id != fresh.pk:
            raise ValidationError(
                {"indicator": ValidationError(_("Choose an indicator of this partnership."), code="other_partnership")}
            )
        instance_save(value, user=user)
    return value


def indicator_value_delete(*, value, user, expected_version: int | None = None, partnership=None) -> None:
    """Delete one indicator value (only while results are recorded, like its writes)."""
    with partnership_change(
        partnership=partnership if partnership is not None else value.indicator.partnership_id,
        expected_version=expected_version,
        user=user,
    ) as fresh:
        monitoring_assert_open(partnership=fresh)
        instance_delete(value, user=user)
