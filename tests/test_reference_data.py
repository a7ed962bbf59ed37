"""``manage.py load_reference_data`` and the loaders in partnerships/reference_data.py."""

from __future__ import annotations

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from partnerships.reference_data import LOADERS, ReferenceDataError, countries_load, reference_data_load

pytestmark = pytest.mark.django_db

MODELS = {
    "countries": ("partnerships", "Country"),
    "currencies": ("costs", "Currency"),
    "elements": ("partnerships", "Element"),
    "sdg_targets": ("partnerships", "SdgTarget"),
    "gcm_objectives": ("partnerships", "GcmObjective"),
    "sectors": ("skills", "Sector"),
    "occupations": ("skills", "Occupation"),
    "qualification_frameworks": ("skills", "QualificationFramework"),
    "qualification_levels": ("skills", "QualificationLevel"),
    "who_ssl_entries": ("recruitment", "WhoSslEntry"),
}

# Every SDG target (and the one indicator) that SMP-DOMAIN §9.2 lists.
SDG_CODES_IN_DOMAIN = {
    "3.c", "4.3", "4.4", "4.5", "8.5", "8.6", "8.7", "8.8", "10.7", "10.7.1", "10.c",
    "13.1", "13.3", "17.3", "17.14", "17.16", "17.17",
}  # fmt: skip


def model(table: str):
    return apps.get_model(*MODELS[table])


def snapshot() -> dict[str, list[tuple]]:
    """Every stored value of every reference table, timestamps included."""
    return {table: sorted(map(repr, model(table).objects.values_list())) for table in MODELS}


@pytest.fixture
def loaded():
    return reference_data_load()


def test_every_table_is_filled(loaded):
    counts = {result.table: result.total for result in loaded}
    assert counts["countries"] == 250
    assert counts["elements"] == 8
    assert counts["sdg_targets"] == len(SDG_CODES_IN_DOMAIN)
    assert counts["gcm_objectives"] == 23
    assert counts["sectors"] == 14
    assert counts["occupations"] == 10 + 43 + 130 + 436
    assert counts["who_ssl_entries"] == 55
    assert counts["currencies"] > 150
    for result in loaded:
        assert result.created == result.total, result
        assert model(result.table).objects.count() == result.total, result.table


def test_a_second_run_changes_no_row(loaded):
    before = snapshot()
    second = reference_data_load()
    assert [(r.table, r.total) for r in second] == [(r.table, r.total) for r in loaded]
    for result in second:
        assert (result.created, result.updated) == (0, 0), result
    assert snapshot() == before


def test_a_hand_edited_row_is_put_back_and_counted_as_updated(loaded):
    Sector = model("sectors")
    Sector.objects.filter(code="ict").update(label="Computers", remote_feasible=False)
    (result,) = reference_data_load(only=["sectors"])
    assert (result.created, result.updated, result.unchanged) == (0, 1, 13)
    ict = Sector.objects.get(code="ict")
    assert ict.label == "Information and communication technology"
    assert ict.remote_feasible is True


def test_command_prints_a_summary_per_table():
    out = StringIO()
    call_command("load_reference_data", stdout=out)
    first = out.getvalue()
    for name, _loader in LOADERS:
        assert name in first
    assert "qualification_levels" in first
    out = StringIO()
    call_command("load_reference_data", stdout=out)
    assert "(0 rows written)" in out.getvalue()


def test_kosovo_is_a_country_in_the_vienna_region(loaded):
    kosovo = model("countries").objects.get(code="XK")
    assert kosovo.name == "Kosovo"
    assert kosovo.iom_region == "see_ee_central_asia"


def test_every_inhabited_country_has_an_iom_region(loaded):
    without = set(model("countries").objects.filter(iom_region="").values_list("code", flat=True))
    assert without == {"AQ"}


@pytest.mark.parametrize(
    ("code", "region"),
    [
        ("NG", "west_central_africa"),
        ("LT", "eea"),
        ("DE", "eea"),
        ("MA", "mena"),
        ("TN", "mena"),
        ("EG", "mena"),
        ("PH", "asia_pacific"),
        ("NP", "asia_pacific"),
        ("TO", "asia_pacific"),
        ("KE", "east_horn_africa"),
        ("ZA", "southern_africa"),
        ("BR", "south_america"),
        ("MX", "central_north_america_caribbean"),
        ("TR", "see_ee_central_asia"),
    ],
)
def test_demo_countries_sit_in_their_iom_region(loaded, code, region):
    assert model("countries").objects.get(code=code).iom_region == region


def test_elements_e1_to_e8_in_order(loaded):
    elements = list(model("elements").objects.order_by("order").values_list("code", "chapter"))
    assert [code for code, _chapter in elements] == [f"E{n}" for n in range(1, 9)]
    assert dict(elements)["E5"] == "G7 + G8"


def test_every_sdg_target_of_domain_9_2_is_present(loaded):
    SdgTarget = model("sdg_targets")
    assert set(SdgTarget.objects.values_list("code", flat=True)) == SDG_CODES_IN_DOMAIN
    assert SdgTarget.objects.get(code="3.c").goal == 3
    assert SdgTarget.objects.get(code="8.8").in_seeds is True
    assert SdgTarget.objects.get(code="8.7").in_seeds is False
    assert "[outside sources]" in SdgTarget.objects.get(code="17.14").source


def test_all_23_global_compact_objectives_with_5_and_18_cited_in_the_seeds(loaded):
    GcmObjective = model("gcm_objectives")
    assert sorted(GcmObjective.objects.values_list("number", flat=True)) == list(range(1, 24))
    assert set(GcmObjective.objects.filter(in_seeds=True).values_list("number", flat=True)) == {5, 18}
    for objective in GcmObjective.objects.exclude(number__in=[5, 18]):
        assert "[outside sources]" in objective.source


def test_sector_flags_follow_domain_6_4(loaded):
    Sector = model("sectors")
    assert set(Sector.objects.filter(climate_exposed=True).values_list("code", flat=True)) == {
        "agriculture_agrifood",
        "transport_logistics",
        "mining",
        "energy",
    }
    assert set(Sector.objects.filter(remote_feasible=True).values_list("code", flat=True)) == {"ict"}


def test_who_safeguards_list_2023(loaded):
    entries = model("who_ssl_entries").objects.filter(edition=2023)
    codes = {str(entry.country) for entry in entries}
    assert len(codes) == 55
    assert {"NG", "GH", "ZW", "PK", "HT", "VU"} <= codes
    assert "PH" not in codes


def test_currencies_come_from_iso_4217(loaded):
    euro = model("currencies").objects.get(code="EUR")
    assert euro.name == "Euro"
    assert str(euro.numeric).lstrip("0") == "978"


def test_health_occupations_of_domain_3_3_are_loaded(loaded):
    Occupation = model("occupations")
    for code in ["22", "221", "2221", "32", "3221", "532", "5321", "5322"]:
        assert Occupation.objects.filter(code=code).exists(), code


def test_a_region_file_missing_a_country_is_refused(tmp_path):
    path = tmp_path / "iom_regions.csv"
    path.write_text("iso2,iom_region\nNG,west_central_africa\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="no row for"):
        countries_load(regions_path=path)
    assert model("countries").objects.count() == 0


def test_a_broken_data_file_stops_the_command(monkeypatch, tmp_path):
    from partnerships import reference_data

    bad = tmp_path / "sectors.csv"
    bad.write_text("code,label,climate_exposed,remote_feasible,isic\nict,ICT,maybe,true,J\n", encoding="utf-8")
    monkeypatch.setattr(reference_data, "SKILLS_DATA", tmp_path)
    with pytest.raises(CommandError, match="line 2"):
        call_command("load_reference_data", stdout=StringIO())
    # One transaction: the tables loaded before the broken file are rolled back too.
    assert model("countries").objects.count() == 0


def test_reference_rows_agree_with_the_code_lists(loaded):
    # The code lists (TextChoices) and the data files must not drift apart.
    from codelists.partnerships import ElementCode, IomRegion
    from codelists.skills import SectorCode

    sectors = dict(model("sectors").objects.values_list("code", "label"))
    assert sectors == {code: str(label) for code, label in SectorCode.choices}
    elements = dict(model("elements").objects.values_list("code", "name"))
    assert {code: f"{code} {name}" for code, name in elements.items()} == {
        code: str(label) for code, label in ElementCode.choices if code != "R"
    }
    used = set(model("countries").objects.exclude(iom_region="").values_list("iom_region", flat=True))
    assert used == set(IomRegion.values)
