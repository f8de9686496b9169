"""Kernen after the CBS rule, on hand-made data where the answer is known."""

import geopandas as gpd
import numpy as np
import pytest
import shapely

from gebied.area.kernen import derive_kernen, dwellings, occupancy
from gebied.core.config import AreaConfig


def grid(x0, y0, n, spacing=30.0, size=10.0, **cols):
    side = int(np.ceil(np.sqrt(n)))
    geoms = [shapely.box(x0 + (i % side) * spacing, y0 + (i // side) * spacing,
                         x0 + (i % side) * spacing + size, y0 + (i // side) * spacing + size) for i in range(n)]
    return {"geometry": geoms, "building": ["house"] * n, "levels": [np.nan] * n,
            "categorie": [None] * n, "amenity": [None] * n, **cols}


def frame(*parts, crs="EPSG:32632"):
    import pandas as pd

    df = pd.concat([gpd.GeoDataFrame(p) for p in parts], ignore_index=True)
    df["osm_id"] = [f"w{i}" for i in range(len(df))]
    return gpd.GeoDataFrame(df, geometry="geometry", crs=crs)


def places(*rows, crs="EPSG:32632"):
    return gpd.GeoDataFrame(
        {"osm_id": [f"n{i}" for i in range(len(rows))], "name": [r[0] for r in rows],
         "place": [r[1] for r in rows], "population": [r[2] for r in rows]},
        geometry=[shapely.Point(r[3], r[4]) for r in rows], crs=crs)


CFG = AreaConfig(id="t", naam="T", extract="x.osm", huishoudgrootte=2.0)


def test_clusters_150m_apart_form_one_kern_250m_apart_two():
    # two 30-house grids; gap between the nearest houses 150 m (merge) or 250 m (split)
    for gap, expected in ((150, 1), (250, 2)):
        b = frame(grid(0, 0, 30), grid(150 + 5 * 30 + 10 + gap - 150, 0, 30))
        k, _ = derive_kernen(b, places(), CFG)
        assert len(k) == expected, gap


def test_small_groups_are_buitengebied_but_keep_their_inhabitants():
    b = frame(grid(0, 0, 30), grid(3000, 0, 10))  # 10 houses * 2.0 = 20 inhabitants < 50, < 25 addresses
    k, out = derive_kernen(b, places(), CFG)
    assert len(k) == 1
    assert out["kern_id"].isna().sum() == 10
    assert out.loc[out["kern_id"].isna(), "inwoners"].sum() == pytest.approx(20.0)


def test_kern_is_named_after_place_and_uses_its_population():
    b = frame(grid(0, 0, 30))
    k, out = derive_kernen(b, places(("Oosterdorp", "village", "140", 60, 60)), CFG)
    assert k.loc[0, "naam"] == "Oosterdorp"
    assert k.loc[0, "inwoners"] == 140 and k.loc[0, "bevolking_bron"] == "osm"
    assert out["inwoners"].sum() == pytest.approx(140)  # buildings sum to the kern's population


def test_unnamed_kern_gets_generated_name_and_estimate():
    b = frame(grid(0, 0, 30), grid(5000, 0, 40))
    k, _ = derive_kernen(b, places(("Oosterdorp", "village", None, 60, 60)), CFG)
    unnamed = k[k["naam_bron"] == "gegenereerd"].iloc[0]
    assert unnamed["naam"] == "Kern oost van Oosterdorp"
    assert unnamed["inwoners"] == 80 and unnamed["bevolking_bron"] == "geschat"  # 40 houses * 2.0


def test_grown_together_villages_are_split_between_their_places():
    b = frame(grid(0, 0, 64))  # one 8x8 cluster, 210 m wide
    p = places(("West", "village", None, 0, 100), ("Oost", "village", None, 210, 100))
    k, out = derive_kernen(b, p, CFG)
    assert sorted(k["naam"]) == ["Oost", "West"]
    assert k["woningen"].sum() == 64
    assert not k.geometry.iloc[0].intersection(k.geometry.iloc[1]).area > 1.0


def test_dwellings_rules():
    b = frame({"geometry": [shapely.box(0, 0, 10, 10), shapely.box(0, 0, 5, 5), shapely.box(0, 0, 20, 30),
                            shapely.box(0, 0, 10, 10), shapely.box(0, 0, 6, 7)],
               "building": ["house", "house", "apartments", "school", "yes"],
               "levels": [np.nan, np.nan, 4.0, np.nan, np.nan],
               "categorie": [None, None, None, "school", None], "amenity": [None] * 5})
    w = dwellings(b).tolist()
    assert w[0] == 1  # a house
    assert w[1] == 0  # 25 m²: a shed
    assert w[2] == round(600 * 4 * 0.75 / 85)  # apartments: floor area / 85 m²
    assert w[3] == 0  # a school
    assert w[4] == 0  # untyped and under 50 m²


def test_occupancy_is_calibrated_on_known_kernen_and_bounded():
    import pandas as pd

    k = pd.DataFrame({"pop": [300, 250, 200, np.nan], "woningen": [100, 100, 100, 50]})
    assert occupancy(k, 2.0) == pytest.approx(2.5)  # median of 3.0, 2.5, 2.0
    k2 = pd.DataFrame({"pop": [3000, 2500, 2000], "woningen": [10, 10, 10]})
    assert occupancy(k2, 2.0) == 4.0  # capped at 2 x household size
    assert occupancy(k.iloc[:2], 2.0) == 2.0  # too few known kernen: household size
