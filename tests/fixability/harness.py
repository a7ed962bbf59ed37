"""The fixability suite's tools: a partnership that passes, HTTP calls to break and mend it, and the table.

Each case names a rule, a ``breaks`` step and a ``fixes`` step. Both are functions of one :class:`Http`
argument and may only use its methods, which all go through ``/api/v1/`` (``Http.request``) — never the ORM —
so a case proves that a partner's developer can put the partnership into the failing situation and get it out
again with the documented API alone. The partnership they start from is the worked example
(``examples/build_partnership.py``) at stage ``agreement``, where every rule passes or does not apply.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

API = "/api/v1"
#: Fields the API answers but never takes back in a body.
READ_ONLY = frozenset({"id", "url", "created_at", "updated_at", "version", "essential", "partnership_name"})


class HttpError(AssertionError):
    pass


class Http:
    """The golden partnership as a client sees it: ``made`` holds the worked example's rows by name."""

    def __init__(self, api, made: dict[str, dict]):
        self.api = api
        self.made = made
        self.pid: int = made["partnership"]["id"]

    # Plain requests --------------------------------------------------------------------------------

    def request(self, method: str, path: str, body: Any = None, *, expect: tuple[int, ...] = (200, 201, 204)):
        path = path if path.startswith("/") else f"{API}/{path}"
        status, _headers, data = self.api.request(method, path, body)
        if status not in expect:
            raise HttpError(f"{method} {path} answered {status}: {data}")
        return data

    def get(self, path: str) -> Any:
        return self.request("GET", path)

    def post(self, collection: str, body: dict, *, in_partnership: bool = True) -> dict:
        """Create a row in ``collection`` (``"cost-items"``); ``partnership`` is added unless told not to."""
        if in_partnership:
            body = {"partnership": self.pid, **body}
        return self.request("POST", f"{API}/{collection}/", body)

    def rows(self, collection: str, **filters) -> list[dict]:
        """Every row of ``collection`` in this partnership (the list filter ``partnership``)."""
        query = "&".join(f"{key}={value}" for key, value in {"partnership": self.pid, **filters}.items())
        found, path = [], f"{API}/{collection}/?{query}&page_size=200"
        while path:
            page = self.get(path)
            found.extend(page["results"])
            path = page.get("next")
        return found

    # The partnership ---------------------------------------------------------------------------------

    def partnership(self) -> dict:
        return self.get(f"partnerships/{self.pid}/")

    def patch_partnership(self, **fields) -> dict:
        return self.request("PATCH", f"partnerships/{self.pid}/", fields)

    # Rows of the worked example, by name ------------------------------------------------------------

    def id(self, name: str) -> int:
        return self.made[name]["id"]

    def path_of(self, name: str) -> str:
        """``cost_item.transport`` → ``/api/v1/cost-items/12/`` (from the collection the name's row lives in)."""
        return f"{API}/{COLLECTIONS[name.split('.')[0]]}/{self.id(name)}/"

    def names(self, prefix: str) -> list[str]:
        """The names of the worked example's rows that start with ``prefix`` (``"cost_item."``)."""
        return sorted(name for name in self.made if name.startswith(prefix))

    def patch(self, name: str, **fields) -> dict:
        return self.request("PATCH", self.path_of(name), fields)

    def read(self, name: str) -> dict:
        return self.get(self.path_of(name))

    def delete(self, name: str) -> dict:
        """Delete a named row; returns its last state, so that :meth:`recreate` can write it back."""
        row = self.read(name)
        self.request("DELETE", self.path_of(name))
        return row

    def recreate(self, name: str, row: dict, **changes) -> dict:
        """POST a deleted row again with the body the API had answered (and ``changes``); ``made`` follows."""
        body = {key: value for key, value in row.items() if key not in READ_ONLY} | changes
        collection = COLLECTIONS[name.split(".")[0]]
        created = self.request("POST", f"{API}/{collection}/", body)
        self.made[name] = created
        return created


#: Name prefix of ``made`` → the collection of ``/api/v1/`` it lives in.
COLLECTIONS = {
    "partnership": "partnerships",
    "organisation": "organisations",
    "participation": "participations",
    "country": "partnership-countries",
    "objective": "objectives",
    "objective_tension": "objective-tensions",
    "indicator": "indicators",
    "indicator_value": "indicator-values",
    "governance_body": "governance-bodies",
    "target_occupation": "target-occupations",
    "occupation_profile": "occupation-profiles",
    "labour_market_evidence": "labour-market-evidence",
    "evidence": "labour-market-evidence",
    "training": "training-programmes",
    "recognition": "recognition-arrangements",
    "pathway": "pathways",
    "pathway_step": "pathway-steps",
    "continuum": "continuum-provisions",
    "continuum_provision": "continuum-provisions",
    "social_protection": "social-protection-covers",
    "grievance_channel": "grievance-channels",
    "cost_item": "cost-items",
    "recruiter": "recruiters",
    "recruitment_arrangement": "recruitment-arrangements",
    "feasibility_study": "feasibility-studies",
    "evaluation": "evaluations",
    "linked_initiative": "linked-initiatives",
    "business_linkage": "business-linkages",
    "partner_gap": "partner-gaps",
    "capacity_activity": "capacity-activities",
    "skills_documentation_tool": "skills-documentation-tools",
    "documentation_tool": "skills-documentation-tools",
    "data_need": "data-needs",
    "evidence_review": "evidence-reviews",
    "data_sharing": "data-sharing-arrangements",
    "data_sharing_arrangement": "data-sharing-arrangements",
    "cost_benefit_analysis": "cost-benefit-analyses",
    "sustainability_plan": "sustainability-plans",
}

Step = Callable[[Http], Any]
Changes = dict[str, dict[str, Any]]


def patching(changes: Changes | None = None, /, **named: dict[str, Any]) -> Step:
    """A ``breaks`` step that PATCHes rows of the worked example and returns what it overwrote, for
    :func:`patch_back`: ``patching({"country.MA": {"lmis_status": "none"}})``. Names may also come as
    keywords, with ``__`` for the dot (``country__MA={…}``); ``partnership`` is the partnership itself."""
    wanted: Changes = {**(changes or {}), **{key.replace("__", "."): fields for key, fields in named.items()}}

    def breaks(http: Http) -> Changes:
        before: Changes = {}
        for name, fields in wanted.items():
            row = http.read(name)
            before[name] = {field: row[field] for field in fields}
            http.patch(name, **fields)
        return before

    return breaks


def patch_back(http: Http, before: Changes) -> None:
    """The ``fixes`` step of :func:`patching`: the overwritten values written back."""
    for name, fields in before.items():
        http.patch(name, **fields)


def deleting(*names: str) -> Step:
    """A ``breaks`` step that DELETEs rows and returns their last state, for :func:`recreating`. A name ending
    in a dot (``"objective."``) stands for every row of the worked example under it."""

    def breaks(http: Http) -> dict[str, dict]:
        chosen = [row for name in names for row in (http.names(name) if name.endswith(".") else [name])]
        return {name: http.delete(name) for name in chosen}

    return breaks


def recreating(http: Http, deleted: dict[str, dict]) -> None:
    """The ``fixes`` step of :func:`deleting`: each row POSTed again as the API had answered it."""
    for name, row in deleted.items():
        http.recreate(name, row)


@dataclass(frozen=True)
class Case:
    """``rule`` moves to ``broken`` after ``breaks`` and back to ``fixed`` after ``fixes`` (both HTTP only).

    ``breaks`` may return a value (a deleted row, say); ``fixes`` then receives it as its second argument.
    """

    rule: str
    breaks: Callable[..., Any]
    fixes: Callable[..., Any]
    broken: str = "fail"
    fixed: str = "pass"
    why: str = ""
    id_suffix: str = field(default="")

    @property
    def id(self) -> str:
        return f"{self.rule}{'-' + self.id_suffix if self.id_suffix else ''}"
