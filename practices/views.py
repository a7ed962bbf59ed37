"""The library of practices: the list with filters, one entry with its history, and the curation screens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_countries import countries

from codelists.partnerships import ElementCode, IomRegion
from codelists.skills import SectorCode
from feasibility.registry import REGISTRY
from practices import selectors, services
from practices.forms import PracticeForm
from practices.models import Practice
from practices.policy import can_curate, require_curate


def _labels(codes, choices) -> list[str]:
    labels = dict(choices)
    return [str(labels.get(code, code)) for code in codes]


def _country_names(codes) -> list[str]:
    return [str(countries.name(code) or code) for code in codes]


def _decorate(practice: Practice) -> Practice:
    practice.region_labels = _labels(practice.regions, IomRegion.choices)
    practice.sector_labels = _labels(practice.sectors, SectorCode.choices)
    practice.element_labels = _labels(practice.elements, ElementCode.choices)
    practice.origin_names = _country_names(practice.origin_countries)
    practice.destination_names = _country_names(practice.destination_countries)
    return practice


def practice_list(request: HttpRequest) -> HttpResponse:
    """Every entry on one page, narrowed by element, IOM region and sector (GET)."""
    filters = {
        "element": request.GET.get("element", ""),
        "region": request.GET.get("region", ""),
        "sector": request.GET.get("sector", ""),
    }
    allowed = {"element": ElementCode.values, "region": IomRegion.values, "sector": SectorCode.values}
    invalid = [name for name, value in filters.items() if value and value not in allowed[name]]
    for name in invalid:
        filters[name] = ""
    practices = [_decorate(p) for p in selectors.practice_list(**filters)]
    return render(
        request,
        "practices/list.html",
        {
            "practices": practices,
            "filters": filters,
            "invalid": bool(invalid),
            "element_choices": ElementCode.choices,
            "region_choices": IomRegion.choices,
            "sector_choices": SectorCode.choices,
            "can_curate": can_curate(request.user),
        },
    )


def _practice_or_404(slug: str) -> Practice:
    """The practice at this address, or a 404 in words."""
    try:
        return selectors.practice_get(slug=slug)
    except Practice.DoesNotExist:
        raise Http404(_("No practice with this address.")) from None


def practice_detail(request: HttpRequest, slug: str) -> HttpResponse:
    practice = _decorate(_practice_or_404(slug))
    curator = can_curate(request.user)
    if practice.retired and not curator:
        raise Http404(_("No practice with this address."))
    rules = [REGISTRY[rule] for rule in practice.rules if rule in REGISTRY]
    history = list(practice.history.select_related("history_user").order_by("-history_date")[:20]) if curator else []
    return render(
        request,
        "practices/detail.html",
        {
            "practice": practice,
            "rules": rules,
            "history": history,
            "can_curate": curator,
        },
    )


def _form_data(form: PracticeForm) -> dict:
    data = {name: form.cleaned_data[name] for name in services.FIELDS if name in form.cleaned_data}
    data["slug"] = form.cleaned_data["slug"]
    return data


@login_required
def practice_create(request: HttpRequest) -> HttpResponse:
    require_curate(request.user)
    form = PracticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if Practice.objects.filter(slug=form.cleaned_data["slug"]).exists():
            form.add_error("slug", _("Another practice already has this address."))
        else:
            practice = services.practice_create(user=request.user, data=_form_data(form))
            messages.success(request, _("The practice was added to the library."))
            return redirect(practice)
    status = 400 if request.method == "POST" else 200
    return render(request, "practices/form.html", {"form": form, "practice": None}, status=status)


@login_required
def practice_edit(request: HttpRequest, slug: str) -> HttpResponse:
    require_curate(request.user)
    practice = _practice_or_404(slug)
    initial = PracticeForm.initial_from(practice)
    data = None
    if request.method == "POST":
        data = request.POST.copy()
        data["slug"] = practice.slug
    form = PracticeForm(data, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        services.practice_update(
            practice=practice, user=request.user, data=_form_data(form), reason=form.cleaned_data.get("reason", "")
        )
        messages.success(request, _("The practice was saved."))
        return redirect(practice)
    status = 400 if request.method == "POST" else 200
    return render(request, "practices/form.html", {"form": form, "practice": practice}, status=status)


@login_required
@require_POST
def practice_retire(request: HttpRequest, slug: str) -> HttpResponse:
    require_curate(request.user)
    practice = _practice_or_404(slug)
    retire = request.POST.get("action") != "restore"
    services.practice_retire(practice=practice, user=request.user, retired=retire)
    messages.success(
        request,
        _("The practice was retired: it no longer shows in the library.") if retire else _("The practice is back."),
    )
    return redirect(practice)
