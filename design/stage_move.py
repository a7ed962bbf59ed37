"""The lead side's stage move (§5, §5.1), shared by the wizard's review step and the partnership page.

:func:`stage_move_options` says what the user may do from the current stage — the next stage with the open
points of the exit checklist, the earlier stages a move back may return to, and closing — and
:func:`stage_move_from_post` performs a posted move through ``design.services.wizard_stage_move`` (the one
stage service), answering in a message. The checklist queries run only for users who may move the stage.
"""

from __future__ import annotations

from django.contrib import messages
from django.utils.translation import gettext as _

from codelists.partnerships import STAGE_ORDER, ClosureReason, Stage
from design.services import wizard_stage_move
from partnerships import policy
from smp.exceptions import ValidationError


def stage_move_options(*, user, partnership) -> dict | None:
    """What ``user`` may do with the stage of ``partnership``, or ``None`` when nothing (not lead side, or
    closed): ``to_stage``/``to_label``/``gaps`` for the move forward (empty at the last stage before closing),
    ``back`` (earlier stages as ``(code, label)``), ``can_close`` and the closure reasons."""
    if partnership.stage == Stage.CLOSED:
        return None
    if not policy.decide(policy.Action.MOVE_STAGE, user=user, partnership=partnership).allowed:
        return None
    from partnerships.lifecycle import stage_move_gaps

    position = STAGE_ORDER[partnership.stage]
    following = [code for code in Stage.values if code != Stage.CLOSED and STAGE_ORDER[code] == position + 1]
    to_stage = following[0] if following else ""
    gaps = stage_move_gaps(partnership=partnership, from_stage=partnership.stage, to_stage=to_stage) if to_stage else []
    return {
        "to_stage": to_stage,
        "to_label": Stage(to_stage).label if to_stage else "",
        "gaps": gaps,
        "back": [(code, Stage(code).label) for code in Stage.values if STAGE_ORDER[code] < position],
        "can_close": policy.decide(policy.Action.CLOSE, user=user, partnership=partnership).allowed,
        "closure_reasons": ClosureReason.choices,
    }


def stage_move_from_post(request, partnership) -> bool:
    """Move the stage as posted (``to_stage``, ``reason``, ``acknowledge_gaps``, ``closure_reason``); say how
    it went in a message. The caller has checked the policy (403 before this). Returns whether it moved."""
    to_stage = request.POST.get("to_stage", "")
    if to_stage not in Stage.values:
        messages.error(request, _("Choose the stage to move to."))
        return False
    try:
        wizard_stage_move(
            partnership=partnership,
            user=request.user,
            to_stage=to_stage,
            reason=request.POST.get("reason", ""),
            acknowledge_gaps=request.POST.get("acknowledge_gaps") == "1",
            closure_reason=request.POST.get("closure_reason", "") if to_stage == Stage.CLOSED else "",
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    messages.success(request, _("The partnership moved to the stage “%(stage)s”.") % {"stage": Stage(to_stage).label})
    return True
