"""Write services for recruiters and recruitment arrangements (SMP-DOMAIN §3.3).

They check what the database cannot: the corridor runs from an origin row to a destination row of the
same partnership, recruiters and occupations belong to that partnership, and workers' languages default to
the origin's. Each write runs inside ``partnerships.services.partnership_change``: the partnership's version
rises with a history row naming the user, so a changed licence counts as a change since approval (§5.2).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from codelists.stakeholders import Side
from partnerships.services import history_note, instance_save, partnership_change
from recruitment.models import Recruiter, RecruitmentArrangement
from smp.exceptions import ValidationError

RECRUITER_FIELDS = frozenset(
    f.name
    for f in Recruiter._meta.concrete_fields
    if f.name not in {"id", "partnership", "organisation", "created_at", "updated_at"}
)
ARRANGEMENT_FIELDS = frozenset(
    f.name
    for f in RecruitmentArrangement._meta.concrete_fields
    if f.name not in {"id", "partnership", "created_at", "updated_at"}
)


def _reject_unknown(name: str, fields: dict[str, Any], allowed: frozenset[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"{name}() got unexpected fields: {', '.join(sorted(unknown))}")


#
# Recruiters
#


def recruiter_create(
    *, partnership: Any, organisation: Any, user: Any = None, expected_version: int | None = None, **fields: Any
) -> Recruiter:
    """Register an organisation as a recruiter of the partnership, with its licence and oversight (§3.3)."""
    _reject_unknown("recruiter_create", fields, RECRUITER_FIELDS)
    recruiter = Recruiter(partnership=partnership, organisation=organisation, **fields)
    with partnership_change(
        partnership=partnership, user=user, expected_version=expected_version, reason=gettext_noop("recruiter added")
    ):
        instance_save(recruiter, user=user)
    return recruiter


def recruiter_update(
    *, recruiter: Recruiter, user: Any = None, expected_version: int | None = None, **fields: Any
) -> Recruiter:
    """Change a recruiter's licence, sanction, IRIS, monitoring or payment fields."""
    _reject_unknown("recruiter_update", fields, RECRUITER_FIELDS)
    for name, value in fields.items():
        setattr(recruiter, name, value)
    with partnership_change(
        partnership=recruiter.partnership,
        user=user,
        expected_version=expected_version,
        reason=gettext_noop("recruiter changed"),
    ):
        instance_save(recruiter, user=user)
    return recruiter


#
# Recruitment arrangements
#


def _arrangement_validate(
    arrangement: RecruitmentArrangement, *, recruiters: list[Recruiter] | None, target_occupations: list[Any] | None
) -> None:
    errors: dict[str, Any] = {}
    try:
        arrangement.full_clean()
    except ValidationError as exc:
        errors.update(exc.error_dict)
    if arrangement.origin_id and "origin" not in errors and arrangement.origin.side != Side.ORIGIN:
        errors["origin"] = ValidationError(_("Choose an origin country of the partnership."), code="not_origin")
    if arrangement.destination_id and "destination" not in errors and arrangement.destination.side != Side.DESTINATION:
        errors["destination"] = ValidationError(
            _("Choose a destination country of the partnership."), code="not_destination"
        )
    partnership_id = arrangement.partnership_id
    if recruiters is not None and any(r.partnership_id != partnership_id for r in recruiters):
        errors["recruiters"] = ValidationError(_("Every recruiter must belong to this partnership."), code="foreign")
    if target_occupations is not None and any(t.partnership_id != partnership_id for t in target_occupations):
        errors["target_occupations"] = ValidationError(
            _("Every target occupation must belong to this partnership."), code="foreign"
        )
    if errors:
        raise ValidationError(errors)


def recruitment_arrangement_create(
    *,
    partnership: Any,
    origin: Any,
    destination: Any,
    recruiters: Iterable[Recruiter] = (),
    target_occupations: Iterable[Any] = (),
    user: Any = None,
    expected_version: int | None = None,
    **fields: Any,
) -> RecruitmentArrangement:
    """Describe how workers are recruited on one origin → destination corridor (§3.3).

    ``worker_languages`` defaults to the origin country's languages.
    """
    _reject_unknown("recruitment_arrangement_create", fields, ARRANGEMENT_FIELDS - {"origin", "destination"})
    recruiters, target_occupations = list(recruiters), list(target_occupations)
    arrangement = RecruitmentArrangement(partnership=partnership, origin=origin, destination=destination, **fields)
    if not arrangement.worker_languages:
        arrangement.worker_languages = list(getattr(origin, "languages", None) or [])
    with partnership_change(
        partnership=partnership,
        user=user,
        expected_version=expected_version,
        reason=gettext_noop("recruitment arrangement added"),
    ):
        _arrangement_validate(arrangement, recruiters=recruiters, target_occupations=target_occupations)
        history_note(arrangement, user=user)
        arrangement.save()
        arrangement.recruiters.set(recruiters)
        arrangement.target_occupations.set(target_occupations)
    return arrangement


def recruitment_arrangement_update(
    *,
    arrangement: RecruitmentArrangement,
    recruiters: Iterable[Recruiter] | None = None,
    target_occupations: Iterable[Any] | None = None,
    user: Any = None,
    expected_version: int | None = None,
    **fields: Any,
) -> RecruitmentArrangement:
    """Change a recruitment arrangement; ``recruiters`` / ``target_occupations`` replace the sets when given."""
    _reject_unknown("recruitment_arrangement_update", fields, ARRANGEMENT_FIELDS)
    recruiters = list(recruiters) if recruiters is not None else None
    target_occupations = list(target_occupations) if target_occupations is not None else None
    for name, value in fields.items():
        setattr(arrangement, name, value)
    with partnership_change(
        partnership=arrangement.partnership,
        user=user,
        expected_version=expected_version,
        reason=gettext_noop("recruitment arrangement changed"),
    ):
        _arrangement_validate(arrangement, recruiters=recruiters, target_occupations=target_occupations)
        history_note(arrangement, user=user)
        arrangement.save()
        if recruiters is not None:
            arrangement.recruiters.set(recruiters)
        if target_occupations is not None:
            arrangement.target_occupations.set(target_occupations)
    return arrangement
