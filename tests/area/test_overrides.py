"""Planner overrides: merge by id, validation, unknown ids, new accommodaties."""

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from gebied.area.derive import merge_overrides
from gebied.area.overrides import read_overrides
from gebied.core.catalogue import load_catalogue
from gebied.core.errors import GebiedError


def write(tmp_path, text, name="o.csv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def school_id(area):
    return area.accommodaties.set_index("naam").loc["De Kleine Wereld", "accommodatie_id"]


def test_merge_sets_values_adds_voorzieningen_and_reports_unknown_ids(small, tmp_path):
    sid = school_id(small)
    p = write(tmp_path, "accommodatie_id;m2;exploitatielasten;bezettingsgraad;staat;extra_voorzieningen\n"
                        f"{sid};1.250,5;€ 98.000;71,5;goed;\"sport; kinderopvang\"\n"
                        "w999999;10;10;10;;\n")
    table = read_overrides(p, load_catalogue())
    merged = merge_overrides(small, table)
    row = merged.accommodaties.set_index("accommodatie_id").loc[sid]
    assert row["m2"] == 1250.5 and row["m2_bron"] == "overrides"
    assert row["exploitatielasten"] == 98000 and row["bezettingsgraad"] == 71.5
    assert row["staat"] == "goed"
    kinds = set(merged.voorzieningen.loc[merged.voorzieningen["accommodatie_id"] == sid, "voorziening"])
    assert kinds == {"basisonderwijs", "sport", "kinderopvang"}
    assert any("w999999" in line for line in merged.rapport)
    # the input area is left as it was
    assert pd.isna(small.accommodaties.set_index("accommodatie_id").loc[sid, "exploitatielasten"])


def test_merge_touches_only_the_given_values_and_adds_a_kind_once(small, tmp_path):
    sid = school_id(small)
    other = small.accommodaties.loc[small.accommodaties["accommodatie_id"] != sid, "accommodatie_id"].iloc[0]
    p = write(tmp_path, "accommodatie_id;m2;bron;extra_voorzieningen\n"
                        f"{sid};;enquête 2026;\"sport; basisonderwijs; sport\"\n"
                        f"{other};300;;\n")
    merged = merge_overrides(small, read_overrides(p, load_catalogue()))
    before = small.accommodaties.set_index("accommodatie_id")
    after = merged.accommodaties.set_index("accommodatie_id")
    assert after.loc[sid, "bron"] == "osm + enquête 2026" and after.loc[sid, "m2_bron"] == before.loc[sid, "m2_bron"]
    assert after.loc[other, "m2"] == 300 and after.loc[other, "m2_bron"] == "overrides"
    assert after.loc[other, "bron"] == before.loc[other, "bron"]
    rest = ~after.index.isin([sid, other])
    pd.testing.assert_frame_equal(after[rest].drop(columns="geometry"), before.loc[after.index[rest]].drop(
        columns="geometry").astype(after.dtypes.drop("geometry").to_dict()))
    vz = merged.voorzieningen
    school = vz[vz["accommodatie_id"] == sid]
    assert sorted(school["voorziening"]) == ["basisonderwijs", "sport"]  # the kind it had, and sport once
    assert school.set_index("voorziening").loc["sport", "bron"] == "overrides"
    assert list(vz.index) == list(range(len(vz)))


def test_new_accommodatie_from_geopackage_joins_its_kern(small, tmp_path):
    oost = small.kernen.set_index("naam").loc["Oosterdorp"]
    pt = gpd.GeoSeries([oost.geometry.representative_point()], crs=small.crs)
    gdf = gpd.GeoDataFrame({"accommodatie_id": ["eigen-1"], "naam": ["MFA Oosterdorp"],
                            "categorie": ["dorpshuis"], "m2": [650.0]}, geometry=pt)
    p = tmp_path / "eigen.gpkg"
    gdf.to_file(p)
    merged = merge_overrides(small, read_overrides(p, load_catalogue()))
    new = merged.accommodaties.set_index("accommodatie_id").loc["eigen-1"]
    assert new["kern_id"] == oost["kern_id"] and new["m2"] == 650
    assert "ontmoeting" in set(
        merged.voorzieningen.loc[merged.voorzieningen["accommodatie_id"] == "eigen-1", "voorziening"]
    )


def test_xlsx_overrides_are_read(small, tmp_path):
    p = tmp_path / "o.xlsx"
    pd.DataFrame({"accommodatie_id": [school_id(small)], "exploitatielasten": [12345]}).to_excel(p, index=False)
    merged = merge_overrides(small, read_overrides(p, load_catalogue()))
    assert merged.accommodaties["exploitatielasten"].max() == 12345


@pytest.mark.parametrize("text, fragment", [
    ("id;m2\nw1;10\n", "accommodatie_id"),
    ("accommodatie_id;kosten\nw1;10\n", "onbekende kolommen"),
    ("accommodatie_id;m2\nw1;veel\n", "geen getal"),
    ("accommodatie_id;bezettingsgraad\nw1;178\n", "tussen 0 en 100"),
    ("accommodatie_id;m2\nw1;10\nw1;12\n", "meer dan eens"),
    ("accommodatie_id;categorie\nw1;kasteel\n", "kasteel"),
    ("accommodatie_id;extra_voorzieningen\nw1;\"sport;yoga\"\n", "yoga"),
    ("accommodatie_id;staat\nw1;perfect\n", "perfect"),
    ("accommodatie_id\n", "geen rijen"),
])
def test_bad_overrides_name_file_and_every_problem(tmp_path, text, fragment):
    p = write(tmp_path, text)
    with pytest.raises(GebiedError) as err:
        read_overrides(p, load_catalogue())
    msg = err.value.message()
    assert str(p) in msg and fragment in msg


def test_all_problems_listed_at_once(tmp_path):
    p = write(tmp_path, "accommodatie_id;m2;bezettingsgraad;foo\nw1;x;500;1\n")
    with pytest.raises(GebiedError) as err:
        read_overrides(p, load_catalogue())
    assert len(err.value.problems) == 3


def test_shipped_example_overrides_are_valid_and_marked_illustrative(default_area):
    cfg = default_area.config
    table = read_overrides(cfg.overrides, load_catalogue())
    assert (table["bron"] == "illustratief").all()
    assert table["opmerking"].str.contains("ILLUSTRATIEF").all()
    ids = set(default_area.accommodaties["accommodatie_id"])
    assert set(table["accommodatie_id"]) <= ids  # every example id exists in the extract
    assert default_area.accommodaties["exploitatielasten"].notna().sum() == len(table)


@pytest.mark.filterwarnings("ignore:'crs' was not provided")
def test_geopackage_without_crs_is_refused(tmp_path):
    q = tmp_path / "x.gpkg"
    gpd.GeoDataFrame({"accommodatie_id": ["a"]}, geometry=[shapely.Point(0, 0)]).to_file(q)
    with pytest.raises(GebiedError, match="CRS"):
        read_overrides(q, load_catalogue())


def test_empty_and_binary_files_get_a_clear_message(tmp_path):
    empty = tmp_path / "leeg.csv"
    empty.write_bytes(b"")
    with pytest.raises(GebiedError, match="leeg"):
        read_overrides(empty, load_catalogue())
    png = tmp_path / "foto.csv"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    with pytest.raises(GebiedError) as e:
        read_overrides(png, load_catalogue())
    assert "geen CSV-tekstbestand" in e.value.nl and not e.value.problems


def test_excel_csv_in_windows_encoding_is_read(small, tmp_path):
    aid = small.accommodaties["accommodatie_id"].iloc[0]
    p = tmp_path / "excel.csv"
    p.write_bytes(f"accommodatie_id;eigenaar\n{aid};Gemeente Súdwest\n".encode("cp1252"))
    table = read_overrides(p, load_catalogue())
    assert table.loc[0, "eigenaar"] == "Gemeente Súdwest"


def test_an_upload_naming_unknown_accommodaties_is_refused_with_the_rows(small, tmp_path):
    aid = small.accommodaties["accommodatie_id"].iloc[0]
    p = write(tmp_path, f"accommodatie_id;m2\n{aid};500\nw999;10\n")
    table = read_overrides(p, load_catalogue())
    with pytest.raises(GebiedError) as e:
        merge_overrides(small, table, strict=True)
    assert len(e.value.problems) == 1 and "regel 3" in e.value.problems[0] and "w999" in e.value.problems[0]
    assert "w999" in "\n".join(merge_overrides(small, table).rapport)  # the area's own file: a data note


def test_the_template_lists_every_accommodatie_and_reads_back_once_filled_in(default_area, tmp_path):
    import openpyxl

    from gebied.area.overrides import COLUMNS, write_template

    path = write_template(tmp_path / "overrides.xlsx", default_area)
    book = openpyxl.load_workbook(path)
    sheet = book["overrides"]
    assert [c.value for c in sheet[1]] == list(COLUMNS)
    assert sheet.max_row - 1 == len(default_area.accommodaties)
    assert {r[0].value for r in book["uitleg"].iter_rows(min_row=2)} == set(COLUMNS)
    sheet["D2"] = 420  # m2 of the first accommodatie, as a planner fills it in
    sheet["E2"] = 61000
    book.save(path)
    table = read_overrides(path, load_catalogue())
    first = table.set_index("accommodatie_id").loc[sheet["A2"].value]
    assert first["m2"] == 420 and first["exploitatielasten"] == 61000


def test_the_blank_template_in_data_has_every_column():
    from pathlib import Path

    import openpyxl

    from gebied.area.overrides import COLUMNS

    book = openpyxl.load_workbook(Path(__file__).resolve().parents[2] / "data" / "overrides-sjabloon.xlsx")
    assert [c.value for c in book["overrides"][1]] == list(COLUMNS)
