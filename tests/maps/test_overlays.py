"""Map frames and layers: travel time per 100 m square, isochrones of every mode, kernen, tooltips."""

import json

import geopandas as gpd
import numpy as np
import pandas as pd
import pydeck as pdk
import shapely

from gebied.core.catalogue import load_catalogue
from gebied.maps.deck import deck
from gebied.maps.overlays import vakken_frame


def test_squares_add_up_inhabitants_and_average_by_inhabitants_for_every_mode():
    # RD New: two buildings in square (1000, 4500), one in the next square east, one unreachable alone
    pts = pd.DataFrame({"x": [100_010.0, 100_090.0, 100_150.0, 100_350.0],
                        "y": [450_010.0, 450_020.0, 450_050.0, 450_050.0],
                        "inwoners": [3.0, 1.0, 2.0, 5.0]})
    minutes = {"Lopen": np.array([10.0, 20.0, 7.0, np.inf]), "Fiets": np.array([4.0, 6.0, 3.0, 30.0])}
    f = vakken_frame(pts, minutes, "EPSG:28992")
    assert len(f) == 3
    assert f["n"].sum() == 11.0
    by_n = f.set_index("n")
    assert by_n.loc[4.0, "m0"] == 12.5  # (3 × 10 + 1 × 20) / 4
    assert by_n.loc[4.0, "m1"] == 4.5  # the second mode: (3 × 4 + 1 × 6) / 4
    assert by_n.loc[2.0, "m0"] == 7.0 and by_n.loc[5.0, "m0"] == -1.0 and by_n.loc[5.0, "m1"] == 30.0
    assert by_n.loc[5.0, "tooltip"] == "5 inwoners\nLopen: onbereikbaar\nFiets: 30,0 min"
    assert "Lopen: 12,5 min" in by_n.loc[4.0, "tooltip"]
    # the square itself, 100 m a side, in WGS 84
    square = shapely.Polygon(by_n.loc[4.0, "polygon"])
    lon, lat = square.centroid.x, square.centroid.y
    assert 4.4 < lon < 4.8 and 51.9 < lat < 52.1
    rd = gpd.GeoSeries([square], crs="EPSG:4326").to_crs("EPSG:28992").iloc[0]
    assert abs(rd.area - 100 * 100) < 100 and rd.contains(shapely.Point(100_050, 450_050))


def _spec(layer: pdk.Layer) -> dict:
    return json.loads(deck([layer], pdk.ViewState(longitude=5, latitude=52, zoom=10)).to_json())["layers"][0]


def test_the_map_colours_squares_by_mode_in_the_browser_and_draws_a_mode_s_own_isochrones():
    from gebied.maps.overlays import isochrone_layer, points_layer

    cat = load_catalogue()
    iso = _spec(isochrone_layer("/app/static/gebied/x/isochronen-sport-2.json", "isochronen-sport-2"))
    assert iso["data"] == "/app/static/gebied/x/isochronen-sport-2.json"  # a file per mode: nothing to filter
    assert "extensions" not in iso and "getFilterValue" not in iso and iso["id"] == "isochronen-sport-2"
    pts = _spec(points_layer("/app/static/gebied/x/vakken-sport.json", 15.0, cat, 3))
    from gebied.core.catalogue import hex_to_rgba

    pale = str(hex_to_rgba(cat.layer("reistijd").stijl["geen_inwoners"]["kleur"], 0.6))
    # a square without inhabitants first: pale and named in the legend, never a travel-time class
    assert pts["getFillColor"].startswith(f"@@=n <= 0 ? {pale} : m3 < 0 ?") and "m3 <= 15" in pts["getFillColor"]
    from gebied.maps.overlays import minutes_legend

    assert minutes_legend(15.0, cat)[-1].label == "geen inwoners"
    assert pts["updateTriggers"] == {"getFillColor": [15.0, 3]}


def test_tooltips_are_plain_text_lines(default_area):
    """Streamlit escapes what it puts into an HTML tooltip: markup would show as tags."""
    import re

    from streamlit.elements.deck_gl_json_chart import _get_pydeck_tooltip

    from gebied.maps.overlays import accommodaties_frame, kernen_frame

    tooltip = _get_pydeck_tooltip(deck([], pdk.ViewState(longitude=5, latitude=52, zoom=10)))
    assert tooltip["text"] == "{tooltip}" and "html" not in tooltip
    tips = [*accommodaties_frame(default_area, load_catalogue())["tooltip"], *kernen_frame(default_area)["tooltip"]]
    assert not [t for t in tips if re.search(r"</?[a-z]+[ />]", t)]
    first = kernen_frame(default_area).iloc[0]
    assert first["tooltip"].split("\n")[0] == default_area.kernen.set_index("kern_id").at[first["kern_id"], "naam"]


def test_kernen_are_fills_and_a_highlight_layer_is_always_there(default_area):
    from gebied.maps.overlays import highlighted_kernen, kernen_frame, kernen_layer

    cat = load_catalogue()
    frame = kernen_frame(default_area)
    assert not _spec(kernen_layer(frame, cat))["stroked"]  # the outlines are in the base picture
    none = highlighted_kernen(frame, cat, [])
    one = highlighted_kernen(frame, cat, [frame["kern_id"].iloc[3]])
    assert [x.id for x in none] == [x.id for x in one] == ["kernen-gemarkeerd"]
    a, b = _spec(none[0]), _spec(one[0])
    assert set(a) == set(b) and a["pickable"] and b["stroked"]  # built alike: no new drawing to prepare
    assert a["getFillColor"][3] == a["getLineColor"][3] == 0 and a["lineWidthMinPixels"] == 0  # nothing shows
    assert shapely.Polygon(a["data"][0]["polygon"]).area < 1e-12
    assert b["data"][0]["kern_id"] == frame["kern_id"].iloc[3]


def test_class_colours_follow_the_catalogue_classes_of_the_map():
    from gebied.core.catalogue import load_catalogue
    from gebied.maps.overlays import class_colours

    cat = load_catalogue()
    st = cat.layer("reistijd").stijl
    first, norm_class, last = st["klassen"][0], st["klassen"][1], st["klassen"][-1]
    colours = class_colours(np.array([0.0, 12.5, 45.0, np.inf]), 15.0, cat)
    assert colours[0] == first["kleur"]  # (0, 2,5]
    assert colours[1] == norm_class["kleur"]  # (12,5, 15]: within the norm
    assert colours[2] == last["kleur"]  # beyond three times the norm
    assert colours[3] == st["onbereikbaar"]["kleur"]


def test_the_pick_grid_covers_the_area_without_gaps(small):
    from gebied.maps.overlays import pick_grid_frame

    grid = pick_grid_frame(small, 250.0)
    squares = gpd.GeoSeries([shapely.Polygon(p) for p in grid["polygon"]], crs="EPSG:4326").to_crs(small.crs)
    assert np.allclose(squares.area, 250.0 ** 2, rtol=0.01)
    centres = gpd.GeoSeries(gpd.points_from_xy(grid["lon"], grid["lat"]), crs="EPSG:4326").to_crs(small.crs)
    assert squares.contains(centres).all() and centres.within(small.grens.geometry.iloc[0]).all()
    # the squares tile the area: together they cover it but for a rim of at most half a square
    covered = shapely.union_all(squares.buffer(0.5).values)
    rim = small.grens.geometry.iloc[0].buffer(-250.0)
    assert rim.is_empty or rim.difference(covered).area < 1.0
