"""The map's JSON: records read from a file are spliced in as text and give the same spec."""

import json

import pydeck as pdk

from gebied.maps.deck import RawJson, deck


def test_raw_json_records_give_the_same_spec_as_parsed_records():
    records = [{"p": [9.52, 47.14], "m": 7.5, "tooltip": "12 inwoners · 7,5 min"},
               {"p": [9.53, 47.15], "m": -1.0, "tooltip": "3 inwoners · onbereikbaar \"buiten\""}]
    text = json.dumps(records, indent=1)
    view = pdk.ViewState(longitude=9.5, latitude=47.1, zoom=10)

    def layers(data):
        return [pdk.Layer("ScatterplotLayer", "/app/static/a.json", id="a"),
                pdk.Layer("ScatterplotLayer", data, id="b", get_position="p"),
                pdk.Layer("ScatterplotLayer", data, id="c", get_position="p")]

    raw = deck(layers(RawJson(text)), view)
    spliced = json.loads(raw.to_json())
    assert spliced == json.loads(deck(layers(records), view).to_json())
    assert spliced["layers"][1]["data"] == records and spliced["layers"][0]["data"] == "/app/static/a.json"
    assert isinstance(raw.layers[1].data, RawJson)  # the deck is left as it was
