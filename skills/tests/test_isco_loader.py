"""The ISCO-08 importer (skills/isco.py) and ``manage.py load_isco``."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from skills.isco import IscoImportError, isco_default_skill_level, isco_parse, occupations_import

DATA = Path(__file__).resolve().parent / "data"
SHIPPED = Path(__file__).resolve().parents[1] / "data" / "isco08.csv"


def occupation_model():
    from django.apps import apps

    return apps.get_model("skills", "Occupation")


#
# Parsing (no database)
#


def test_the_shipped_file_holds_the_whole_isco08_structure():
    with SHIPPED.open(encoding="utf-8") as handle:
        rows = isco_parse(handle)
    by_level: dict[str, int] = {}
    for row in rows:
        by_level[row.level] = by_level.get(row.level, 0) + 1
    assert by_level == {"major": 10, "sub_major": 43, "minor": 130, "unit": 436}


def test_the_shipped_file_covers_the_demo_sectors():
    with SHIPPED.open(encoding="utf-8") as handle:
        codes = {row.code for row in isco_parse(handle)}
    demo_units = {
        # construction
        "7112", "7115", "7126", "7411", "9313",
        # ICT
        "2511", "2512", "2513", "2529", "3512",
        # health and care
        "2211", "2212", "2221", "2222", "2264", "2269", "3221", "3256", "5321", "5322",
        # tourism and hospitality
        "4224", "5120", "5131", "5151", "9412",
        # agriculture and seasonal work
        "6111", "6112", "6113", "9211", "9214", "9215",
        # transport drivers, shipping and seafarers
        "8322", "8331", "8332", "8350", "3151", "3152",
        # manufacturing and mechatronics
        "7212", "7223", "7231", "7233", "7412", "7421",
        # domestic work and services
        "9111", "5152", "5311", "2161", "2261",
    }  # fmt: skip
    assert demo_units <= codes


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("1", None),
        ("0", None),
        ("11", 4),
        ("1120", 4),
        ("1411", 3),
        ("2221", 4),
        ("3221", 3),
        ("5321", 2),
        ("8332", 2),
        ("9412", 1),
        ("0110", 4),
        ("0210", 2),
        ("0310", 1),
    ],
)
def test_default_skill_level_follows_isco08(code, expected):
    assert isco_default_skill_level(code) == expected


def test_level_parent_and_skill_level_are_derived_when_only_code_and_title_are_given():
    rows = {row.code: row for row in isco_parse(StringIO("code,title\n1,Managers\n14,Hospitality managers\n"))}
    assert rows["1"].level == "major" and rows["1"].parent is None and rows["1"].skill_level is None
    assert rows["14"].level == "sub_major" and rows["14"].parent == "1" and rows["14"].skill_level == 3


def test_an_unknown_column_is_refused_on_the_header_line():
    with pytest.raises(IscoImportError) as excinfo:
        isco_parse(StringIO("code,title,skill_lvl\n1,Managers,3\n"))
    assert excinfo.value.line == 1


#
# Import into the database
#


@pytest.mark.django_db
def test_a_small_file_is_imported_with_its_tree():
    Occupation = occupation_model()
    result = occupations_import(path=DATA / "isco_small.csv")
    assert (result.created, result.updated, result.unchanged) == (14, 0, 0)
    nurse = Occupation.objects.get(code="2221")
    assert nurse.level == "unit"
    assert nurse.skill_level == 4
    assert nurse.parent.code == "222"
    assert nurse.parent.parent.parent.code == "2"
    # Codes are strings: the armed-forces group keeps its leading zero.
    assert Occupation.objects.get(code="0310").parent_id == "031"
    assert Occupation.objects.get(code="0").skill_level is None


@pytest.mark.django_db
def test_importing_the_same_file_twice_changes_nothing():
    occupations_import(path=DATA / "isco_small.csv")
    second = occupations_import(path=DATA / "isco_small.csv")
    assert (second.created, second.updated, second.unchanged) == (0, 0, 14)


@pytest.mark.django_db
def test_a_changed_title_is_updated_and_only_that_row_counts():
    occupations_import(path=DATA / "isco_small.csv")
    text = (DATA / "isco_small.csv").read_text().replace("Midwifery professionals", "Midwives")
    result = occupations_import(text=text)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 13)
    assert occupation_model().objects.get(code="2222").title == "Midwives"


@pytest.mark.django_db
def test_parents_may_already_be_stored():
    occupations_import(path=DATA / "isco_small.csv")
    result = occupations_import(text="code,title\n2222,Midwifery professionals\n2223,Another unit under 222\n")
    assert result.created == 1
    assert occupation_model().objects.get(code="2223").parent_id == "222"


@pytest.mark.django_db
def test_load_isco_command_reports_counts():
    out = StringIO()
    call_command("load_isco", str(DATA / "isco_minimal.csv"), stdout=out)
    assert "5 rows: 5 created, 0 updated, 0 unchanged" in out.getvalue()
    assert occupation_model().objects.get(code="1411").skill_level == 3


MALFORMED = [
    # (description, csv text, line named in the error)
    ("bad code", "code,title\n2,Professionals\n2x1,Bad code\n", 3),
    ("code too long", "code,title\n2,Professionals\n22211,Too long\n", 3),
    ("unknown parent", "code,title\n2,Professionals\n22,Health professionals\n2211,Orphan unit\n", 4),
    ("wrong level", "code,level,title\n2,major,Professionals\n22,minor,Health professionals\n", 3),
    ("parent that does not match the code", "code,title,parent\n2,Professionals,\n3,Technicians,\n22,Health,3\n", 4),
    ("non-integer skill level", "code,title,skill_level\n2,Professionals,4\n22,Health professionals,four\n", 3),
    ("skill level out of range", "code,title,skill_level\n2,Professionals,5\n", 2),
    ("missing title", "code,title\n2,Professionals\n22,\n", 3),
    ("duplicate code", "code,title\n2,Professionals\n2,Professionals again\n", 3),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("description", "text", "line"), MALFORMED, ids=[case[0] for case in MALFORMED])
def test_a_malformed_row_stops_the_import_and_names_its_line(tmp_path, description, text, line):
    path = tmp_path / "isco.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError) as excinfo:
        call_command("load_isco", str(path), stdout=StringIO())
    assert f"line {line}:" in str(excinfo.value)
    assert occupation_model().objects.count() == 0


@pytest.mark.django_db
def test_the_shipped_malformed_file_imports_nothing_even_over_existing_rows():
    occupations_import(path=DATA / "isco_small.csv")
    Occupation = occupation_model()
    before = sorted(Occupation.objects.values_list("code", "title", "updated_at"))
    with pytest.raises(CommandError) as excinfo:
        call_command("load_isco", str(DATA / "isco_unknown_parent.csv"), stdout=StringIO())
    assert "line 6:" in str(excinfo.value)
    assert "unknown parent 227" in str(excinfo.value)
    assert sorted(Occupation.objects.values_list("code", "title", "updated_at")) == before


@pytest.mark.django_db
def test_a_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError):
        call_command("load_isco", str(tmp_path / "nope.csv"), stdout=StringIO())
