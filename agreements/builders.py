"""The draft agreement: sections written from a partnership's recorded design, then a DOCX and a PDF.

:func:`agreement_sections` turns a partnership (loaded by ``partnerships.selectors.partnership_get_full``) and
its latest succeeded feasibility run into a list of :class:`Section` — plain, translatable model wording with
the partnership's own facts. Every agreement-clause code (``codelists.partnerships.AgreementClause``) belongs
to one section (:data:`CLAUSE_SECTIONS`). Where the design lacks what a section needs, the section carries a
:class:`Placeholder` ("[to be agreed: …]") naming the missing fact and the feasibility rule that asks for it:
one for each failing finding of the run whose element the section covers, and one for each empty part of the
design (the rule is the first registered rule that reads that part).

:func:`agreement_docx` (python-docx) and :func:`agreement_pdf` (WeasyPrint, like the design brief) render the
same sections. Only the Celery task ``agreements.render_agreement_draft`` calls them.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from codelists.partnerships import AgreementClause, FormOfEngagement
from feasibility.models import FeasibilityRun
from feasibility.registry import REGISTRY
from feasibility.registry import Status as FindingStatus

A = AgreementClause
PDF_VARIANT = "pdf/ua-1"


@dataclass(frozen=True)
class Placeholder:
    """A fact the parties still have to agree on, and the rule (id and title) that asks for it."""

    fact: str
    rule_id: str = ""
    rule_title: str = ""

    @property
    def text(self) -> str:
        if self.rule_id:
            return _("[to be agreed: %(fact)s — rule %(rule)s “%(title)s”]") % {
                "fact": self.fact.rstrip("."),
                "rule": self.rule_id,
                "title": self.rule_title,
            }
        return _("[to be agreed: %(fact)s]") % {"fact": self.fact.rstrip(".")}

    def __str__(self) -> str:
        return self.text


Part = str | Placeholder


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]


@dataclass
class Section:
    key: str
    title: str
    clauses: tuple[str, ...] = ()
    paragraphs: list[list[Part]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    def add(self, *parts: Part) -> None:
        self.paragraphs.append([part for part in parts if part != ""])

    def add_rows(
        self,
        rows: Iterable,
        absent: tuple[str, ...],
        *,
        intro: str = "",
        line: Callable[[Any], str] | None = None,
        header: list[str] | None = None,
        cells: Callable[[Any], list[str]] | None = None,
    ) -> list:
        """Rows of the design: ``intro``, then a paragraph "– ``line(row)``" per row, or a table (``header``,
        ``cells(row)``); without rows, the placeholder ``missing(*absent)`` (the fact, then the fields that the
        rule to name reads). Returns the rows."""
        rows = list(rows)
        if not rows:
            self.add(missing(*absent))
            return rows
        if intro:
            self.add(intro)
        if header is not None:
            self.tables.append(Table(header, [cells(row) for row in rows]))
        else:
            for row in rows:
                self.add("– " + line(row))
        return rows

    @property
    def placeholders(self) -> list[Placeholder]:
        return [part for paragraph in self.paragraphs for part in paragraph if isinstance(part, Placeholder)]


#
# Which section covers which clause and which element of the feasibility check
#

#: (key, title, agreement clauses written there, elements whose failing findings become its placeholders).
SECTION_SPECS: tuple[tuple[str, object, tuple[str, ...], tuple[str, ...]], ...] = (
    ("parties", gettext_lazy("Parties and their roles"), (A.RESPONSIBLE_AUTHORITIES,), ("E2",)),
    ("purpose", gettext_lazy("Purpose and objectives"), (), ("E1", "E4")),
    ("occupations", gettext_lazy("Occupations and numbers"), (A.SKILLS_MATCHING,), ("E3",)),
    (
        "skills",
        gettext_lazy("Training, recognition and certification"),
        (A.SKILLS_DEVELOPMENT, A.RECOGNITION, A.RPL, A.CERTIFICATION, A.CAREER_PROGRESSION, A.LIFELONG_LEARNING),
        ("E5",),
    ),
    (
        "admission",
        gettext_lazy("Admission pathways and their conditions"),
        (A.MIGRATION_TYPES_COVERED, A.COVERED_GROUPS, A.ADMISSION_REVIEW),
        ("E7",),
    ),
    (
        "recruitment",
        gettext_lazy("Recruitment"),
        (A.ETHICAL_RECRUITMENT, A.EMPLOYER_PAYS, A.MODEL_EMPLOYMENT_CONTRACT, A.GRIEVANCE_REMEDY),
        ("R",),
    ),
    (
        "social_protection",
        gettext_lazy("Social protection and portability"),
        (A.EQUAL_TREATMENT, A.HEALTH_SOCIAL_BENEFITS, A.SOCIAL_SECURITY),
        ("E6",),
    ),
    ("return", gettext_lazy("Return and reintegration"), (), ()),
    ("governance", gettext_lazy("Governance bodies and their meetings"), (), ()),
    ("monitoring", gettext_lazy("Monitoring and evaluation"), (A.DATA_SHARING,), ()),
    ("costs", gettext_lazy("Annex: cost sharing"), (A.COST_SHARING,), ("E8",)),
    ("duration", gettext_lazy("Duration, review and termination"), (A.REVIEW_TERMINATION,), ()),
)

#: Agreement clause code → the key of the section that writes it (complete: a test checks it).
CLAUSE_SECTIONS: dict[str, str] = {clause: key for key, _t, clauses, _e in SECTION_SPECS for clause in clauses}
#: Element of the feasibility check → the section its failing findings go to.
ELEMENT_SECTIONS: dict[str, str] = {element: key for key, _t, _c, elements in SECTION_SPECS for element in elements}


def rule_reading(*prefixes: str) -> tuple[str, str]:
    """(id, title) of the first registered rule that reads a field starting with one of ``prefixes``."""
    for prefix in prefixes:
        for rule_id in sorted(REGISTRY):
            spec = REGISTRY[rule_id]
            if any(name.startswith(prefix) for name in spec.reads):
                return spec.id, str(spec.title)
    return "", ""


def missing(fact: str, *reads: str) -> Placeholder:
    """A placeholder for an empty part of the design, naming the first rule that reads it (``reads``)."""
    rule_id, title = rule_reading(*reads)
    return Placeholder(fact=fact, rule_id=rule_id, rule_title=title)


def finding_placeholders(run: FeasibilityRun | None) -> dict[str, list[Placeholder]]:
    """Failing findings of ``run`` as placeholders, by the key of the section that covers their element."""
    out: dict[str, list[Placeholder]] = {}
    if run is None:
        return out
    for finding in sorted(run.findings.all(), key=lambda f: f.rule_id):
        if finding.status != FindingStatus.FAIL:
            continue
        spec = REGISTRY.get(finding.rule_id)
        title = str(spec.title) if spec is not None else ""
        key = ELEMENT_SECTIONS.get(finding.element, "purpose")
        out.setdefault(key, []).append(
            Placeholder(fact=str(finding.text or title), rule_id=finding.rule_id, rule_title=title)
        )
    return out


#
# Wording helpers
#


def _join(values: Iterable) -> str:
    values = [str(v) for v in values if v not in (None, "")]
    return ", ".join(values)


def _labels(codes: Iterable[str], choices) -> str:
    names = dict(choices)
    return _join(names.get(code, code) for code in codes or [])


def _number(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return formats.number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)
    return formats.number_format(value, use_l10n=True, force_grouping=True)


def _yes_no(value) -> str:
    return {True: _("yes"), False: _("no")}.get(value, _("not recorded"))


def _display(obj, name: str) -> str:
    getter = getattr(obj, f"get_{name}_display", None)
    return str(getter()) if getter is not None and getattr(obj, name) else ""


def _country_names(countries) -> str:
    return _join(getattr(c.country, "name", c.country) for c in countries)


#
# The sections
#


def _parties(p, s: Section, ctx: dict) -> None:
    from codelists.stakeholders import ParticipationRole

    origins, destinations = ctx["origins"], ctx["destinations"]
    s.add(
        _(
            "This agreement is made between the countries of destination (%(destinations)s) and the countries of "
            "origin (%(origins)s), through the organisations named below."
        )
        % {
            "destinations": _country_names(destinations) or _("not recorded"),
            "origins": _country_names(origins) or _("not recorded"),
        }
    )
    if not origins or not destinations:
        s.add(missing(_("the countries of origin and of destination"), "partnerships.PartnershipCountry"))
    s.add_rows(
        p.participations.all(),
        (_("the organisations taking part and their roles"), "stakeholders.Participation"),
        header=[_("Organisation"), _("Side"), _("Roles")],
        cells=lambda x: [str(x.organisation), _display(x, "side"), _labels(x.roles, ParticipationRole.choices)],
    )
    if A.RESPONSIBLE_AUTHORITIES not in ctx["clauses"]:
        s.add(
            missing(
                _("which authority is responsible for each commitment"), "partnerships.Partnership.agreement_clauses"
            )
        )


def _purpose(p, s: Section, ctx: dict) -> None:
    if p.summary:
        s.add(p.summary)
    s.add_rows(
        p.objectives.all(),
        (_("the objectives of the partnership"), "partnerships.Objective"),
        intro=_("The parties pursue the following objectives:"),
        line=lambda o: _join([_display(o, "kind"), o.description]).replace(", ", ": ", 1),
    )
    if p.development_benefit:
        s.add(_("Benefit for development in the countries of origin: %(text)s") % {"text": p.development_benefit})


def _occupations(p, s: Section, ctx: dict) -> None:
    s.add_rows(
        p.target_occupations.all(),
        (_("the occupations the partnership covers"), "skills.TargetOccupation"),
        intro=_("The partnership trains and places people in the following occupations:"),
        header=[_("Occupation"), _("Skill level"), _("Places per year")],
        cells=lambda o: [str(o.occupation), _display(o, "skill_level"), _number(o.places_per_year)],
    )
    if p.planned_migrants_total:
        s.add(
            _("In total, %(n)s people are expected to move under this agreement.")
            % {"n": _number(p.planned_migrants_total)}
        )
    else:
        s.add(missing(_("how many people will move in total"), "partnerships.Partnership.planned_migrants_total"))
    if p.matching_process:
        s.add(_("Skills matching: %(text)s") % {"text": p.matching_process})


def _skills(p, s: Section, ctx: dict) -> None:
    s.add_rows(
        p.training_programmes.all(),
        (_("the training programmes and who provides them"), "skills.TrainingProgramme"),
        intro=_("Training is provided through the following programmes:"),
        line=lambda t: _join(
            [
                t.name,
                _display(t, "location"),
                str(t.provider) if t.provider_id else "",
                (_("certificate: %(name)s") % {"name": t.certificate_name}) if t.certificate_name else "",
            ]
        ),
    )
    s.add_rows(
        p.recognition_arrangements.all(),
        (_("how skills and qualifications are recognised"), "skills.RecognitionArrangement"),
        intro=_("Skills and qualifications are recognised as follows:"),
        line=lambda r: _join(
            [
                r.name,
                _display(r, "recognition_type"),
                _display(r, "status"),
                str(r.competent_authority) if r.competent_authority_id else "",
            ]
        ),
    )


def _admission(p, s: Section, ctx: dict) -> None:
    s.add_rows(
        p.pathways.all(),
        (_("the admission pathways and their conditions"), "partnerships.Pathway"),
        intro=_("People move under the following admission pathways and conditions:"),
        header=[
            _("Pathway"),
            _("Permit"),
            _("Destination"),
            _("Longest stay (months)"),
            _("Renewable"),
            _("Family reunification"),
        ],
        cells=lambda w: [
            w.name,
            _display(w, "permit_kind"),
            str(w.destination_country or ""),
            _number(w.max_stay_months),
            _yes_no(w.renewable),
            _yes_no(w.family_reunification),
        ],
    )
    if p.admission_review_trigger:
        s.add(_("Admissions are scaled up or down when: %(text)s") % {"text": p.admission_review_trigger})
    else:
        s.add(missing(_("when admissions are scaled up or down"), "partnerships.Partnership.admission_review_trigger"))


def _recruitment(p, s: Section, ctx: dict) -> None:
    s.add_rows(
        p.recruiters.all(),
        (_("who recruits and under which licence"), "recruitment.Recruiter"),
        intro=_("Recruitment is carried out by:"),
        line=lambda r: _join(
            [
                str(r.organisation),
                (_("licence %(number)s") % {"number": r.licence_number})
                if r.licence_number
                else _("licence not recorded"),
                str(r.licensing_authority or ""),
            ]
        ),
    )
    arrangements = list(p.recruitment_arrangements.all())
    s.add(
        _(
            "No recruitment fees or related costs are charged to workers: employers pay for recruitment "
            "(the employer-pays principle)."
        )
    )
    if not arrangements:
        s.add(
            missing(
                _("the recruitment arrangements: fees, contracts and their monitoring"),
                "recruitment.RecruitmentArrangement",
            )
        )
    for a in arrangements:
        if not a.employer_pays_commitment:
            s.add(
                missing(
                    _("a written commitment that employers pay recruitment costs"),
                    "recruitment.RecruitmentArrangement.employer_pays_commitment",
                )
            )
        if a.written_contract_before_departure:
            s.add(_("Each worker receives a written contract, in a language they understand, before departure."))
        else:
            s.add(
                missing(
                    _("a written contract before departure"),
                    "recruitment.RecruitmentArrangement.written_contract_before_departure",
                )
            )
    s.add_rows(
        p.grievance_channels.all(),
        (_("where workers can raise complaints and obtain remedies"), "partnerships.GrievanceChannel"),
        intro=_("Workers may raise complaints through:"),
        line=lambda g: _join([_display(g, "kind"), str(g.operator or ""), _display(g, "side")]),
    )


def _social_protection(p, s: Section, ctx: dict) -> None:
    s.add(_("Workers are treated equally with nationals of the country of destination in pay and working conditions."))
    s.add_rows(
        p.social_protection_covers.all(),
        (_("social-security coverage and its portability"), "partnerships.SocialProtectionCover"),
        header=[_("Branch"), _("Coverage"), _("Portable")],
        cells=lambda c: [_display(c, "branch"), _display(c, "coverage"), _display(c, "portable")],
    )


def _return(p, s: Section, ctx: dict) -> None:
    s.add_rows(
        p.continuum_provisions.all(),
        (_("what is offered before departure, on return and for reintegration"), "partnerships.ContinuumProvision"),
        line=lambda c: _join([_display(c, "phase"), _display(c, "topic"), c.description]),
    )
    if p.return_entitlements_guaranteed:
        s.add(_("Entitlements earned abroad are kept on return."))


def _governance(p, s: Section, ctx: dict) -> None:
    bodies = s.add_rows(
        p.governance_bodies.all(),
        (_("the governance bodies and how often they meet"), "stakeholders.GovernanceBody"),
        header=[_("Body"), _("Kind"), _("Meetings per year"), _("Chair")],
        cells=lambda b: [b.name, _display(b, "kind"), _number(b.meeting_frequency_per_year), b.chair],
    )
    for b in bodies:
        if not b.meeting_frequency_per_year:
            s.add(
                missing(
                    _("how often %(body)s meets") % {"body": b.name},
                    "stakeholders.GovernanceBody.meeting_frequency_per_year",
                )
            )


def _monitoring(p, s: Section, ctx: dict) -> None:
    s.add_rows(
        p.indicators.all(),
        (_("the indicators the partnership is monitored with"), "partnerships.Indicator"),
        intro=_("The parties follow the partnership with these indicators:"),
        header=[_("Indicator"), _("Baseline"), _("Target"), _("Source")],
        cells=lambda i: [i.name, _number(i.baseline_value), _number(i.target_value), i.data_source],
    )
    if list(p.data_sharing_arrangements.all()):
        s.add(_("The parties share the data monitoring needs, as set out in their data-sharing arrangements."))
    elif A.DATA_SHARING in ctx["clauses"]:
        s.add(missing(_("how the parties share data"), "skills.DataSharingArrangement"))


def _costs(p, s: Section, ctx: dict) -> None:
    from codelists.costs import Payer

    summary = ctx["summary"]
    if summary is None:
        s.add(
            missing(
                _("the exchange rates needed to total the costs (%(pairs)s)") % {"pairs": ctx["missing_rates"]},
                "costs.ExchangeRate",
            )
        )
        return
    items = list(p.cost_items.all())
    if not items:
        s.add(missing(_("the cost items and who pays them"), "costs.CostItem"))
        return
    currency = summary.reporting_currency
    payers = [code for code, _label in Payer.choices if summary.by_payer.get(code)]
    payer_names = dict(Payer.choices)
    totals = {row.item_id: row.total for row in summary.items}
    rows = []
    for item in items:
        percent = dict.fromkeys(payers, Decimal(0))
        for share in item.shares.all():
            if share.payer in percent:
                percent[share.payer] += share.percent
        total = totals.get(item.pk)
        rows.append(
            [
                _join([item.get_category_display(), item.get_subitem_display()]),
                _number(total),
                *[
                    _number((total * percent[code] / 100).quantize(Decimal("0.01"))) if total is not None else ""
                    for code in payers
                ],
            ]
        )
    rows.append([_("Total"), _number(summary.total), *[_number(summary.by_payer[code]) for code in payers]])
    s.add(_("Amounts are in %(currency)s.") % {"currency": currency})
    s.tables.append(Table([_("Cost item"), _("Total"), *[str(payer_names[c]) for c in payers]], rows))
    facts = [
        [_("Total cost"), _number(summary.total)],
        [_("Planned migrants"), _number(summary.planned_migrants)],
        [_("Cost per migrant"), _number(summary.cost_per_migrant)],
        [_("Borne by migrants"), _number(summary.migrant_total)],
        [_("Borne by migrants, per migrant"), _number(summary.migrant_cost_per_migrant)],
        [_("Share borne by migrants (%)"), _number(summary.migrant_share_pct)],
    ]
    s.tables.append(Table([_("Figure"), _("Value")], facts))
    if summary.unassigned_total:
        s.add(
            missing(
                _("who pays %(amount)s %(currency)s of costs not yet shared")
                % {"amount": _number(summary.unassigned_total), "currency": currency},
                "costs.CostShare",
            )
        )


def _duration(p, s: Section, ctx: dict) -> None:
    if p.start_date and p.end_date:
        s.add(
            _("This agreement takes effect on %(start)s and remains in force until %(end)s.")
            % {"start": formats.date_format(p.start_date), "end": formats.date_format(p.end_date)}
        )
    else:
        s.add(
            missing(
                _("the start and end dates of the partnership"),
                "partnerships.Partnership.start_date",
                "partnerships.Partnership.end_date",
            )
        )
    s.add(
        _(
            "The parties review this agreement together at least once a year and may amend it in writing. Either "
            "party may end it with six months' written notice; commitments to people who have already moved "
            "continue until their contracts end."
        )
    )


BUILDERS: dict[str, Callable] = {
    "parties": _parties,
    "purpose": _purpose,
    "occupations": _occupations,
    "skills": _skills,
    "admission": _admission,
    "recruitment": _recruitment,
    "social_protection": _social_protection,
    "return": _return,
    "governance": _governance,
    "monitoring": _monitoring,
    "costs": _costs,
    "duration": _duration,
}


def document_title(p) -> str:
    kind = FormOfEngagement.BLMA if p.form_of_engagement == FormOfEngagement.BLMA else FormOfEngagement.MOU
    return str(_("Draft %(kind)s") % {"kind": FormOfEngagement(kind).label.lower()})


def agreement_context(*, partnership, run: FeasibilityRun | None) -> dict:
    """What the sections read besides the partnership: countries by side, clauses, and the cost summary."""
    from costs.calculations import MissingExchangeRate, partnership_cost_summary

    countries = list(partnership.countries.all())
    try:
        summary, missing_rates = partnership_cost_summary(partnership=partnership), ""
    except MissingExchangeRate as exc:
        summary, missing_rates = None, ", ".join(f"{base}→{quote}" for base, quote in exc.pairs)
    return {
        "origins": [c for c in countries if c.side == "origin"],
        "destinations": [c for c in countries if c.side == "destination"],
        "clauses": set(partnership.agreement_clauses or []),
        "summary": summary,
        "missing_rates": missing_rates,
        "run": run,
    }


def agreement_sections(*, partnership, run: FeasibilityRun | None) -> list[Section]:
    """The sections of the draft, in order, in the active language."""
    ctx = agreement_context(partnership=partnership, run=run)
    from_findings = finding_placeholders(run)
    clause_names = dict(AgreementClause.choices)
    sections = []
    for key, title, clauses, _elements in SECTION_SPECS:
        section = Section(key=key, title=str(title), clauses=clauses)
        if clauses:
            section.add(_("This section covers: %(clauses)s.") % {"clauses": _join(clause_names[c] for c in clauses)})
        BUILDERS[key](partnership, section, ctx)
        for placeholder in from_findings.get(key, []):
            section.add(placeholder)
        sections.append(section)
    return sections


def introduction() -> list[str]:
    return [
        _(
            "This is a draft generated from the partnership's recorded design. Its wording is a starting point for "
            "negotiation, not an agreed text: the parties adapt, complete and approve it together."
        ),
        _(
            "Passages marked “[to be agreed: …]” name a fact the design does not record yet, and the check that "
            "asks for it."
        ),
    ]


#
# Rendering
#


def agreement_docx(*, partnership, run: FeasibilityRun | None, language: str) -> bytes:
    """The draft as an editable Word document (python-docx); placeholders are highlighted."""
    from docx import Document
    from docx.enum.text import WD_COLOR_INDEX

    with translation.override(language):
        sections = agreement_sections(partnership=partnership, run=run)
        document = Document()
        document.core_properties.title = document_title(partnership)
        document.core_properties.language = language
        document.add_heading(document_title(partnership), level=0)
        document.add_paragraph(partnership.name)
        for text in introduction():
            document.add_paragraph(text).runs[0].italic = True
        for number, section in enumerate(sections, start=1):
            document.add_heading(f"{number}. {section.title}", level=1)
            for paragraph in section.paragraphs:
                para = document.add_paragraph()
                for index, part in enumerate(paragraph):
                    if index:
                        para.add_run(" ")
                    run_ = para.add_run(str(part))
                    if isinstance(part, Placeholder):
                        run_.bold = True
                        run_.font.highlight_color = WD_COLOR_INDEX.YELLOW
            for table in section.tables:
                grid = document.add_table(rows=1, cols=len(table.header))
                grid.style = "Table Grid"
                for cell, text in zip(grid.rows[0].cells, table.header, strict=True):
                    cell.text = str(text)
                for row in table.rows:
                    cells = grid.add_row().cells
                    for cell, text in zip(cells, row, strict=True):
                        cell.text = str(text)
        document.add_paragraph(_("Generated on %(date)s.") % {"date": formats.date_format(timezone.localdate())})
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()


def agreement_html(*, partnership, run: FeasibilityRun | None) -> str:
    return render_to_string(
        "agreements/draft.html",
        {
            "p": partnership,
            "title": document_title(partnership),
            "introduction": introduction(),
            "sections": agreement_sections(partnership=partnership, run=run),
            "generated_on": timezone.localdate(),
            "LANGUAGE_CODE": translation.get_language(),
        },
    )


def agreement_pdf(*, partnership, run: FeasibilityRun | None, language: str) -> bytes:
    """The draft as PDF bytes (WeasyPrint; slow: call it from a worker only)."""
    from weasyprint import HTML

    with translation.override(language):
        html = agreement_html(partnership=partnership, run=run)
        return HTML(string=html, base_url=None).write_pdf(pdf_variant=PDF_VARIANT)
