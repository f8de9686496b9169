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
