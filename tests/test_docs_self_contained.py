"""The README and docs/ stand on their own: they never send a reader to a file outside the repository (the
team's shared folder, the internal domain reference), and the pages they name exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
OUTSIDE = re.compile(r"\.\./shared|shared/|/work/|SMP-DOMAIN\.md", re.IGNORECASE)


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.relative_to(ROOT).as_posix())
def test_no_page_points_outside_the_repository(page):
    lines = [
        f"{number}: {line}"
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1)
        if OUTSIDE.search(line)
    ]
    assert lines == []


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.relative_to(ROOT).as_posix())
def test_every_docs_page_a_page_names_exists(page):
    named = set(re.findall(r"\bdocs/[\w.-]+\.md\b", page.read_text(encoding="utf-8")))
    assert [name for name in sorted(named) if not (ROOT / name).is_file()] == []


def test_the_readme_leads_to_the_domain_page_which_covers_elements_stages_actors_and_costs():
    assert "docs/domain.md" in (ROOT / "README.md").read_text(encoding="utf-8")
    domain = (ROOT / "docs" / "domain.md").read_text(encoding="utf-8")
    for code in [*(f"| E{n} |" for n in range(1, 9)), "| R |"]:
        assert code in domain, code
    for stage in ("exploration", "assessment", "design", "agreement", "setup", "implementation", "evaluation"):
        assert f"| `{stage}` |" in domain, stage
    for heading in ("## Actors", "## The cost table", '## Where "SMP-DOMAIN §n" leads'):
        assert heading in domain, heading
