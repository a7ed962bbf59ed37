"""The shared part of the partnership page: its header and its tab bar (``page_base.html``).

Every tab's view (Design, Monitoring, Feasibility, Review, History) renders a template extending
``monitoring/page_base.html`` with ``page_context(...)`` merged into its own context. The header shows the
partnership in words: corridor, stage, review status, readiness and the ethical-recruitment verdict of the
newest succeeded check, planned migrants, cost per migrant and the share migrants bear (figures from
``costs.calculations``). Cost: the queries of ``monitoring.selectors``' header (at most five), whatever the
size of the partnership.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from codelists.partnerships import Side
from monitoring import selectors
from partnerships import policy

#: The tabs, in order: code, label, URL name (all take the partnership's id).
TABS: tuple[tuple[str, object, str], ...] = (
    ("design", gettext_lazy("Design"), "monitoring:page"),
    ("monitoring", gettext_lazy("Monitoring"), "monitoring:monitoring"),
    ("feasibility", gettext_lazy("Feasibility"), "monitoring:feasibility"),
    ("review", gettext_lazy("Review"), "monitoring:review"),
    ("history", gettext_lazy("History"), "monitoring:history"),
)
TAB_CODES = frozenset(code for code, _label, _url in TABS)


def number_in_words(value, decimals: int | None = None) -> str:
    """A number as people read it in the current language: grouped thousands, the locale's decimal mark."""
    if value is None:
        return ""
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def _header(partnership, user) -> dict:
    corridor = selectors.partnership_corridor(partnership=partnership)
    run = selectors.latest_succeeded_run(partnership=partnership)
    figures = selectors.partnership_cost_figures(partnership=partnership)
    origins = ", ".join(corridor.get(Side.ORIGIN, [])) or _("no origin country yet")
    destinations = ", ".join(corridor.get(Side.DESTINATION, [])) or _("no destination country yet")
    readiness = ""
    verdict = ""
    red_flags = 0
    if run is not None:
        if run.overall_score is not None:
            readiness = _("%(score)s %%") % {"score": number_in_words(round(run.overall_score))}
        verdict = run.get_recruitment_verdict_display() if run.recruitment_verdict else ""
        red_flags = len(run.red_flags or [])
    if figures.missing_rates:
        cost_per_migrant = _("not computed: no exchange rate for %(pairs)s") % {"pairs": figures.missing_rates}
    elif figures.cost_per_migrant is not None:
        cost_per_migrant = f"{number_in_words(figures.cost_per_migrant, 2)} {figures.currency}"
    elif figures.has_items:
        cost_per_migrant = _("not computed: record the planned number of migrants")
    else:
        cost_per_migrant = _("no cost recorded yet")
    migrant_share = (
        _("%(share)s %%") % {"share": number_in_words(figures.migrant_share_pct, 2)}
        if figures.migrant_share_pct is not None
        else ""
    )
    return {
        "origins": origins,
        "destinations": destinations,
        "run": run,
        "stale": run is not None and run.partnership_version != partnership.version,
        "readiness": readiness,
        "verdict": verdict,
        "red_flags": red_flags,
        "planned_migrants": number_in_words(partnership.planned_migrants_total),
        "cost_per_migrant": cost_per_migrant,
        "migrant_share": migrant_share,
        "figures": figures,
    }


def page_context(*, request, partnership, tab: str) -> dict:
    """What ``monitoring/page_base.html`` needs: the partnership, its header in words, the tab bar (links,
    the current one marked ``aria-current``) and what the user may do from here."""
    if tab not in TAB_CODES:
        raise ValueError(f"unknown tab {tab!r}")
    user = request.user
    tabs = [
        {"code": code, "label": label, "url": reverse(url_name, args=[partnership.pk]), "current": code == tab}
        for code, label, url_name in TABS
    ]
    from reviews.services import user_is_reviewer

    return {
        "partnership": partnership,
        "tab": tab,
        "tabs": tabs,
        "current_tab_label": next(t["label"] for t in tabs if t["current"]),
        "header": _header(partnership, user),
        "is_reviewer": user_is_reviewer(user),
        "can_move_stage": partnership.stage != "closed"
        and policy.decide(policy.Action.MOVE_STAGE, user=user, partnership=partnership).allowed,
    }


#
# Design tab: what each wizard step records, in a sentence or two
#


def _counted(template: str, count: int) -> str:
    """``template`` is the ``ngettext`` of a "%(count)s …" pair (so it is in the catalogues), filled in words."""
    return template % {"count": number_in_words(count)}


def step_summaries(progress) -> dict[str, list[str]]:
    """Step code → short facts about what it records, from ``design.selectors.partnership_progress`` (no
    query): the counts of its rows and, for the first step, its typology in words."""
    from design.overview import value_in_words

    p = progress
    meta = type(p)._meta

    def words(name: str) -> str:
        return value_in_words(p, meta.get_field(name))[0]

    return {
        "basics": [
            _("Form of engagement: %(value)s") % {"value": words("form_of_engagement")},
            _("Types of migration: %(value)s") % {"value": words("migration_types")},
            _counted(ngettext("%(count)s sector", "%(count)s sectors", p.n_sectors), p.n_sectors),
        ],
        "countries_objectives": [
            _counted(ngettext("%(count)s origin country", "%(count)s origin countries", p.n_origin), p.n_origin),
            _counted(
                ngettext("%(count)s destination country", "%(count)s destination countries", p.n_destination),
                p.n_destination,
            ),
            _counted(ngettext("%(count)s objective", "%(count)s objectives", p.n_objectives), p.n_objectives),
            _counted(ngettext("%(count)s indicator", "%(count)s indicators", p.n_indicators), p.n_indicators),
        ],
        "actors_governance": [
            _counted(
                ngettext("%(count)s organisation takes part", "%(count)s organisations take part", p.n_participations),
                p.n_participations,
            ),
            _counted(ngettext("%(count)s governance body", "%(count)s governance bodies", p.n_bodies), p.n_bodies),
        ],
        "evidence": [
            _counted(
                ngettext("%(count)s labour-market source", "%(count)s labour-market sources", p.n_evidence),
                p.n_evidence,
            ),
            _counted(ngettext("%(count)s data need", "%(count)s data needs", p.n_needs), p.n_needs),
        ],
        "local_development": [
            _counted(
                ngettext("%(count)s linked initiative", "%(count)s linked initiatives", p.n_initiatives),
                p.n_initiatives,
            ),
            _counted(ngettext("%(count)s business linkage", "%(count)s business linkages", p.n_linkages), p.n_linkages),
        ],
        "skills": [
            _counted(
                ngettext("%(count)s target occupation", "%(count)s target occupations", p.n_target_occupations),
                p.n_target_occupations,
            ),
            _counted(
                ngettext("%(count)s training programme", "%(count)s training programmes", p.n_training), p.n_training
            ),
            _counted(
                ngettext("%(count)s recognition arrangement", "%(count)s recognition arrangements", p.n_recognition),
                p.n_recognition,
            ),
        ],
        "social": [
            _counted(
                ngettext("%(count)s support provision", "%(count)s support provisions", p.n_provisions), p.n_provisions
            ),
            _counted(
                ngettext("%(count)s social-protection cover", "%(count)s social-protection covers", p.n_protection),
                p.n_protection,
            ),
            _counted(
                ngettext("%(count)s grievance channel", "%(count)s grievance channels", p.n_grievance), p.n_grievance
            ),
        ],
        "pathways": [_counted(ngettext("%(count)s pathway", "%(count)s pathways", p.n_pathways), p.n_pathways)],
        "costs": [
            _counted(ngettext("%(count)s cost item", "%(count)s cost items", p.n_cost_items), p.n_cost_items),
            _counted(
                ngettext(
                    "%(count)s item not yet shared among payers",
                    "%(count)s items not yet shared among payers",
                    p.n_items_without_shares,
                ),
                p.n_items_without_shares,
            ),
            _("Planned migrants: %(value)s") % {"value": words("planned_migrants_total")},
        ],
        "recruitment": [
            _counted(ngettext("%(count)s recruiter", "%(count)s recruiters", p.n_recruiters), p.n_recruiters),
            _counted(
                ngettext("%(count)s recruitment arrangement", "%(count)s recruitment arrangements", p.n_arrangements),
                p.n_arrangements,
            ),
        ],
    }
