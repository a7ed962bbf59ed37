"""Fixability cases of E7 (legal pathways), E8 (costs) and the ethical-recruitment rules R (SMP-DOMAIN §3, §7, §8)."""

from __future__ import annotations

from tests.fixability.harness import Case, Http


def _shares(http: Http, name: str) -> list[dict]:
    return http.read(name)["shares"]


def _put_shares(http: Http, name: str, shares: list[dict]) -> None:
    keep = ("payer", "organisation", "percent", "instrument", "timing")
    body = [{key: share[key] for key in keep if share.get(key) is not None} for share in shares]
    http.request("PUT", f"{http.path_of(name)}shares/", {"shares": body})


def _migrant_pays_a_fifth_of_travel(http: Http) -> list[dict]:
    before = _shares(http, "cost_item.transport")
    employer = {**before[0], "percent": "80.00"}
    _put_shares(
        http, "cost_item.transport", [employer, {"payer": "migrant", "percent": "20.00", "instrument": "own_funds"}]
    )
    return before


CASES: list[Case] = [
    Case(
        "R.3",
        breaks=_migrant_pays_a_fifth_of_travel,
        fixes=lambda http, before: _put_shares(http, "cost_item.transport", before),
        why="a migrant share on a recruitment-related line (travel) breaks the employer-pays principle",
    ),
    Case(
        "E8.R4",
        breaks=_migrant_pays_a_fifth_of_travel,
        fixes=lambda http, before: _put_shares(http, "cost_item.transport", before),
    ),
]
