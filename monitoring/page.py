"""Temporary stand-in for the partnership page's header (replaced by the page's own module)."""


def page_context(*, request, partnership, tab: str) -> dict:
    return {"partnership": partnership, "tab": tab}
