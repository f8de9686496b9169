"""Every map tells the browser its view in a hidden, empty layer (what the page's draw hold waits for)."""

import json

import pydeck as pdk

from gebied.app.page import BROWSER_JS
from gebied.maps.deck import deck
from gebied.maps.zicht import ZICHT, zicht


def test_every_map_carries_its_view_last_hidden_and_empty():
    view = pdk.ViewState(longitude=9.52, latitude=47.14, zoom=12.5, pitch=30)
    spec = json.loads(deck([pdk.Layer("ScatterplotLayer", [], id="a")], view).to_json())
    last = spec["layers"][-1]
    assert [layer["id"] for layer in spec["layers"]] == ["a", ZICHT]
    assert last["data"] == [] and last["visible"] is False
    assert last["zicht"] == [9.52, 47.14, 12.5, 30.0, 0.0] == zicht(view)
    assert spec["initialViewState"]["zoom"] == last["zicht"][2]


def test_another_view_is_another_zicht_and_the_browser_looks_for_that_layer():
    a, b = pdk.ViewState(longitude=9.5, latitude=47.1, zoom=11), pdk.ViewState(longitude=9.5, latitude=47.1, zoom=13)
    assert zicht(a) != zicht(b)
    assert f"ZICHT = '{ZICHT}'" in BROWSER_JS
