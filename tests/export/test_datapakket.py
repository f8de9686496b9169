"""The datapakket: GeoPackage and XLSX with units."""

import time

import pandas as pd
import pyogrio
import pytest

from gebied.export.datapakket import export_datapakket
from gebied.scenario.evaluate import evaluate


def test_data_package_xlsx_and_gpkg(default_area, ctx, scenario, tmp_path):
    x1, x2 = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    export_datapakket(default_area, ctx, [scenario], x1)
    time.sleep(1.1)  # a later second: save-time stamps must not leak into the file
    export_datapakket(default_area, ctx, [scenario], x2)
    assert x1.read_bytes() == x2.read_bytes()  # byte-stable
    sheets = pd.read_excel(x1, sheet_name=None)
    assert {"kernen", "accommodaties", "voorzieningen", "scenario_1_per_kern", "scenario_1_reistijd",
            "vergelijking"} <= set(sheets)
    pk = sheets["scenario_1_per_kern"]
    assert "besparing [€/jaar]" in pk.columns and "m2_na [m²]" in pk.columns
    assert pk["besparing [€/jaar]"].sum() == pytest.approx(evaluate(scenario, ctx).totaal["besparing"])
    assert "m2 [m²]" in sheets["accommodaties"].columns
    assert len(sheets["kernen"]) == len(default_area.kernen)
    g = tmp_path / "p.gpkg"
    export_datapakket(default_area, ctx, [scenario], g)
    layers = dict(pyogrio.list_layers(g))
    assert layers["kernen"] == "MultiPolygon" and layers["accommodaties"] == "Point"
    assert "scenario_1_per_kern" in layers and "voorzieningen" in layers
    back = pyogrio.read_dataframe(g, layer="accommodaties")
    assert len(back) == len(default_area.accommodaties)


def test_dutch_package_carries_cbs_population_wijk_and_age_groups(dutch, tmp_path):
    from gebied.core.catalogue import load_catalogue
    from gebied.scenario.evaluate import make_context

    g = tmp_path / "nl.gpkg"
    export_datapakket(dutch, make_context(dutch), [], g)
    kernen = pyogrio.read_dataframe(g, layer="kernen")
    assert {"inwoners", "bevolking_bron", "wijk_code", *load_catalogue().leeftijd_kolommen()} <= set(kernen.columns)
    assert kernen.set_index("naam").at["Urk", "inwoners"] == 21468
    assert (kernen["bevolking_bron"] == "CBS wijk 2022 (verdeeld)").all()
    layers = dict(pyogrio.list_layers(g))
    assert "gemeenten" in layers and "wijken" in layers
    bronnen = pyogrio.read_dataframe(g, layer="bronnen", read_geometry=False)
    assert bronnen["bron"].str.contains("CC BY 4.0").any()
    x = tmp_path / "nl.xlsx"
    export_datapakket(dutch, make_context(dutch), [], x)
    assert "leeftijd_65plus [personen]" in pd.read_excel(x, sheet_name="kernen").columns
