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


def test_a_deck_searches_for_no_module():
    """pydeck's check for its Jupyter widget imports it on every Deck; a failed import is searched again each
    time (under the import lock that every session's page run shares)."""
    import sys

    view = pdk.ViewState(longitude=9.5, latitude=47.1, zoom=10)
    deck([], view)  # the first may ask once
    searched: list[str] = []

    class Recorder:
        def find_spec(self, name, path=None, target=None):
            searched.append(name)
            return None

    sys.meta_path.insert(0, Recorder())
    try:
        for _ in range(3):
            deck([pdk.Layer("ScatterplotLayer", "/app/static/a.json", id="a")], view)
    finally:
        sys.meta_path.pop(0)
    assert searched == []
