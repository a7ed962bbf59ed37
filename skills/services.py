"""Write services for target occupations and the information checklist (SMP-DOMAIN §2.3, §6.1).

A target occupation is always an ISCO-08 unit group; its skill band defaults from the unit group's ISCO
skill level (1 → low, 2–3 → mid, 4 → high). ``DataNeed`` rows answer the Box 10 prompts. Each write runs
inside ``partnerships.services.partnership_change`` (version bump, history row, editable check). The
ISCO-08 import itself lives in ``skills.isco``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from codelists import skills as c
from partnerships.services import history_note, instance_save, partnership_change
from skills.models import DataNeed, LabourMarketEvidence, Occupation, TargetOccupation
from smp.exceptions import ValidationError

TARGET_OCCUPATION_FIELDS = frozenset(
    {
        "places_per_year",
        "skill_level",
        "skill_level_note",
        "automation_impact",
        "accepted_certification",
        "informal_skills_common",
    }
)


def _check_same_partnership(*, partnership: Any, field: str, objects: Iterable[Any], path: str) -> None:
    """Reject related rows of another partnership (``path`` is the attribute chain to their partnership id)."""
    for obj in objects:
        owner = obj
        for part in path.split("."):
            owner = getattr(owner, part)
        if owner != partnership.pk:
            raise ValidationError(
                {
                    field: ValidationError(
                        _("%(obj)s belongs to another partnership."), code="foreign", params={"obj": obj}
                    )
                }
            )


#
# Target occupations
#


def target_occupation_create(
    *,
    partnership: Any,
    occupation: Occupation,
    destinations: Iterable[Any] = (),
    certification_validated_by: Iterable[Any] = (),
    user: Any = None,
    expected_version: int | None = None,
    **fields: Any,
) -> TargetOccupation:
    """Add an ISCO-08 unit group the partnership trains or recruits for (§6.1).

    ``skill_level`` defaults to the band of the unit group's ISCO skill level. Raises ``ValidationError``
    when the occupation is not a unit group or is already targeted.
    """
    unknown = set(fields) - TARGET_OCCUPATION_FIELDS
    if unknown:
        raise TypeError(f"target_occupation_create() got unexpected fields: {', '.join(sorted(unknown))}")
    if not fields.get("skill_level"):
        fields["skill_level"] = c.skill_band(occupation.skill_level) or ""
    destinations, validators = list(destinations), list(certification_validated_by)
    _check_same_partnership(partnership=partnership, field="destinations", objects=destinations, path="partnership_id")
    _check_same_partnership(
        partnership=partnership, field="certification_validated_by", objects=validators, path="partnership_id"
    )
    target = TargetOccupation(partnership=partnership, occupation=occupation, **fields)
    with partnership_change(
        partnership=partnership,
        user=user,
        expected_version=expected_version,
        reason=gettext_noop("target occupation added"),
    ):
        instance_save(target, user=user, many={"destinations": destinations, "certification_validated_by": validators})
    return target


def target_occupation_update(
    *,
    target_occupation: TargetOccupation,
    user: Any = None,
    expected_version: int | None = None,
    destinations: Iterable[Any] | None = None,
    certification_validated_by: Iterable[Any] | None = None,
    **fields: Any,
) -> TargetOccupation:
    """Change a target occupation's plain fields (not its occupation: delete and re-add instead).

    ``destinations`` / ``certification_validated_by`` replace those sets when given (rows of this partnership).
    """
    unknown = set(fields) - TARGET_OCCUPATION_FIELDS
    if unknown:
        raise TypeError(f"target_occupation_update() got unexpected fields: {', '.join(sorted(unknown))}")
    many: dict[str, list[Any]] = {}
    for name, values in (("destinations", destinations), ("certification_validated_by", certification_validated_by)):
        if values is not None:
            many[name] = list(values)
            _check_same_partnership(
                partnership=target_occupation.partnership, field=name, objects=many[name], path="partnership_id"
            )
    for name, value in fields.items():
        setattr(target_occupation, name, value)
    with partnership_change(
        partnership=target_occupation.partnership,
        user=user,
        expected_version=expected_version,
        reason=gettext_noop("target occupation changed"),
    ):
        instance_save(target_occupation, user=user, many=many)
    return target_occupation


#
# Information checklist (G Box 10)
#


def data_need_next_custom_code(*, partnership: Any) -> str:
    """The next free ``custom.<n>`` prompt code of a partnership."""
    used = [
        int(code.removeprefix(c.CUSTOM_PROMPT_PREFIX))
        for code in DataNeed.objects.filter(
            partnership=partnership, prompt_code__startswith=c.CUSTOM_PROMPT_PREFIX
        ).values_list("prompt_code", flat=True)
        if c.CUSTOM_PROMPT_RE.match(code)
    ]
    return f"{c.CUSTOM_PROMPT_PREFIX}{max(used, default=0) + 1}"


def data_need_set(
    *,
    partnership: Any,
    prompt_code: str,
    status: str,
    answer: str = "",
    gap_strategy: str = "",
    gap_owner: Any = None,
    evidence: Iterable[LabourMarketEvidence] = (),
    user: Any = None,
    expected_version: int | None = None,
) -> DataNeed:
    """Record (or replace) the answer to one information prompt (§2.3; E3.R1 reads it)."""
    evidence = list(evidence)
    _check_same_partnership(partnership=partnership, field="evidence", objects=evidence, path="partnership_id")
    if gap_owner is not None:
        _check_same_partnership(partnership=partnership, field="gap_owner", objects=[gap_owner], path="partnership_id")
    with partnership_change(
        partnership=partnership,
        user=user,
        expected_version=expected_version,
        reason=gettext_noop("information need answered"),
    ):
        need = DataNeed.objects.select_for_update().filter(partnership=partnership, prompt_code=prompt_code).first()
        need = need or DataNeed(partnership=partnership, prompt_code=prompt_code)
        need.status, need.answer, need.gap_strategy, need.gap_owner = status, answer, gap_strategy, gap_owner
        need.full_clean(validate_unique=False)
        history_note(need, user=user)
        need.save()
        need.evidence.set(evidence)
    return need
