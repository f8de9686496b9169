"""The map's JSON: compact, and the same spec pydeck writes."""

import json

import pydeck as pdk

from gebied.maps.deck import deck


def test_the_compact_json_is_the_spec_pydeck_writes():
    records = [{"p": [9.52, 47.14], "m": 7.5, "tooltip": "12 inwoners\n7,5 min"},
               {"p": [9.53, 47.15], "m": -1.0, "tooltip": "3 inwoners \"buiten\""}]
    view = pdk.ViewState(longitude=9.5, latitude=47.1, zoom=10)
    layers = [pdk.Layer("ScatterplotLayer", "/app/static/a.json", id="a"),
              pdk.Layer("ScatterplotLayer", records, id="b", get_position="p")]
    compact = deck(layers, view)
    text = compact.to_json()
    assert "\n " not in text  # no indentation
    assert json.loads(text) == json.loads(pdk.Deck.to_json(compact))
    spec = json.loads(text)
    assert spec["layers"][1]["data"] == records and spec["layers"][0]["data"] == "/app/static/a.json"
