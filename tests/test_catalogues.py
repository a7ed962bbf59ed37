"""The French and Spanish catalogues are complete (issue "Three languages for real").

The strings are extracted again from a copy of the working tree with the project's own ``make messages``
command line, so a string added to the code or a template without a translation fails here; ``msgfmt --check``
then verifies every entry (placeholders such as ``%(name)s`` kept, plural forms, header) and counts what is left
untranslated or fuzzy. Needs gettext (``make system-deps``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("fr", "es")


def _makefile_ignores() -> list[str]:
    text = (ROOT / "Makefile").read_text()
    block = re.search(r"^MESSAGES_IGNORE := (.*?)(?<!\\)\n", text, re.S | re.M).group(1)
    return [part.strip("'") for part in block.replace("\\\n", " ").split()]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Path:
    assert shutil.which("xgettext") and shutil.which("msgfmt"), "gettext is missing: run `make system-deps`"
    copy = tmp_path_factory.mktemp("catalogues") / "repo"
    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    for name in files:
        source = ROOT / name
        if source.is_file():
            target = copy / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    command = [sys.executable, "manage.py", "makemessages", *(f"-l{lang}" for lang in LANGUAGES), "--no-obsolete"]
    subprocess.run([*command, *_makefile_ignores()], cwd=copy, capture_output=True, text=True, check=True)
    return copy


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_people_read_is_translated(extracted, language):
    catalogue = extracted / "locale" / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(catalogue)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    statistics = result.stderr.strip().splitlines()[-1]
    assert "untranslated" not in statistics and "fuzzy" not in statistics, (
        f"{language}: {statistics} — run `make messages` and translate the new entries (docs/i18n.md)"
    )
    assert re.match(r"^\d+ translated messages?\.$", statistics), statistics


def test_the_committed_catalogues_are_what_extraction_gives(extracted):
    """`make messages` was run after the last change: no entry is missing from, or obsolete in, the catalogues."""
    for language in LANGUAGES:
        committed = (ROOT / "locale" / language / "LC_MESSAGES" / "django.po").read_text()
        fresh = (extracted / "locale" / language / "LC_MESSAGES" / "django.po").read_text()
        assert _msgids(fresh) == _msgids(committed), f"{language}: run `make messages` (docs/i18n.md)"


def _msgids(text: str) -> set[str]:
    """Every msgid of a catalogue, its continuation lines joined (the header's empty msgid left out)."""
    found = re.findall(r'^msgid ((?:".*"\n)+)', text + "\n", re.M)
    return {"".join(re.findall(r'"(.*)"', block)) for block in found} - {""}
