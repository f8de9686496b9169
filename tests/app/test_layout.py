"""The frame of the map pages: one map element, drawn after the page, with the page's heading and panel."""

from streamlit.testing.v1 import AppTest

from gebied.app.layout import MAP_PAGES, RATIO, ratio_for


def _page_in_frame() -> None:
    import pydeck as pdk
    import streamlit as st

    from gebied.app import layout
    from gebied.app.widgets import heading, map_panel

    framed = st.session_state.get("framed", True)
    if framed:
        layout.open_frame()
    heading("Kop van de pagina")
    chosen = map_panel([pdk.Layer("ScatterplotLayer", [{"p": [9.5, 47.1]}], id="punten", get_position="p")],
                       pdk.ViewState(longitude=9.5, latitude=47.1, zoom=9), [], [("Inwoners", "1.234", "")])
    st.markdown(f"Na de kaart; klik: {chosen or 'geen'}")
    layout.close_frame()  # as app.py does after every page, with a frame or without


def _deck_charts(at: AppTest) -> list:
    return [e for e in at.get("deck_gl_json_chart")]


def test_a_framed_page_gets_one_map_after_its_heading_and_beside_its_panel():
    at = AppTest.from_function(_page_in_frame).run(timeout=30)
    assert not at.exception
    charts = _deck_charts(at)
    assert len(charts) == 1
    assert charts[0].proto.id and "kaart" in charts[0].proto.id  # the one map widget of every page
    assert at.subheader[0].value == "Kop van de pagina"
    assert "1.234" in at.markdown[0].value  # the key figure in the panel
    assert any("Na de kaart; klik: geen" in m.value for m in at.markdown)


def test_a_page_without_the_frame_draws_its_map_in_place():
    at = AppTest.from_function(_page_in_frame)
    at.session_state["framed"] = False
    at.run(timeout=30)
    assert not at.exception
    assert len(_deck_charts(at)) == 1
    assert at.subheader[0].value == "Kop van de pagina"


def test_the_ratio_of_map_and_panel_per_page():
    # one frame for every map page: the map keeps its place and canvas size across page switches
    assert {ratio_for(title) for title in MAP_PAGES} == {RATIO}
    assert RATIO[0] > RATIO[1]  # the map is the larger part
    assert ratio_for("Werkplaats") is None and ratio_for("Meedoen") is None  # their own maps or none


def test_layers_shown_before_stay_on_the_map_hidden():
    """A layer that reads its data from an address stays in the map, hidden, once a deck no longer shows it
    (the browser then keeps its parsed data); layers with their data inline are not kept, a layer shown again
    is not doubled, and only the most recently shown are kept."""
    import json

    import pydeck as pdk

    from gebied.app.layout import BEWAAR_LAGEN, keep_hidden

    def deck(*ids: str, inline: str | None = None):
        layers = [pdk.Layer("SolidPolygonLayer", f"/app/static/gebied/x/{i}.json", id=i) for i in ids]
        layers += [pdk.Layer("ScatterplotLayer", [{"p": [9.5, 47.1]}], id=inline)] if inline else []
        return pdk.Deck(layers=layers)

    def layers(d) -> dict[str, bool]:
        return {la["id"]: la.get("visible", True) for la in json.loads(d.to_json())["layers"]}

    kept: dict = {}
    assert layers(keep_hidden(deck("a", "b", inline="punten"), kept)) == {"a": True, "b": True, "punten": True}
    assert layers(keep_hidden(deck("c"), kept)) == {"c": True, "a": False, "b": False}
    assert layers(keep_hidden(deck("a"), kept)) == {"a": True, "b": False, "c": False}
    for i in range(BEWAAR_LAGEN + 2):
        keep_hidden(deck(f"n{i}"), kept)
    assert len(kept) == BEWAAR_LAGEN and "a" not in kept and f"n{BEWAAR_LAGEN + 1}" in kept


def test_pictures_shown_before_stay_on_the_map_hidden_the_most_recent_few():
    """A base picture (a kern's detail tile) stays in the map, hidden, after a page stops showing it, so showing it
    again uploads nothing; only the :data:`BEWAAR_BEELDEN` most recently shown pictures are kept, beside other
    layers."""
    import json

    import pydeck as pdk

    from gebied.app.layout import BEWAAR_BEELDEN, keep_hidden
    from gebied.maps.base import base_image_layer

    def deck(*ids: str, rol: str = "detail"):
        return pdk.Deck(layers=[base_image_layer(f"/app/static/gebied/x/{i}.png", [9.5, 47.0, 9.6, 47.1], i, rol=rol)
                                for i in ids])

    def layers(d) -> dict[str, bool]:
        return {la["id"]: la.get("visible", True) for la in json.loads(d.to_json())["layers"]}

    kept: dict = {}
    keep_hidden(deck("ondergrond", "kern-a"), kept)
    keep_hidden(pdk.Deck(layers=[pdk.Layer("SolidPolygonLayer", "/app/static/gebied/x/v.json", id="vakken")]), kept)
    assert layers(keep_hidden(deck("ondergrond", rol="overzicht"), kept)) == {
        "ondergrond": True, "kern-a": False, "vakken": False}
    for i in range(BEWAAR_BEELDEN + 3):
        keep_hidden(deck("ondergrond", f"kern-{i}"), kept)
    pictures = [k for k in kept if k.startswith(("kern-", "ondergrond"))]
    assert len(pictures) == BEWAAR_BEELDEN and "kern-a" not in kept and "vakken" in kept
    assert "ondergrond" in kept and f"kern-{BEWAAR_BEELDEN + 2}" in kept


def test_layers_to_load_beforehand_are_added_hidden_and_kept_as_last_shown():
    """Layers a page will likely show next are loaded hidden and stay on the map on other pages; a layer shown
    before keeps the properties it was shown with, not those it would be loaded with."""
    import json

    import pydeck as pdk

    from gebied.app.layout import keep_hidden

    def layer(i: str, norm: int):
        return pdk.Layer("SolidPolygonLayer", f"/app/static/gebied/x/{i}.json", id=i, norm=norm)

    def layers(d) -> dict[str, tuple[bool, int]]:
        return {la["id"]: (la.get("visible", True), la["norm"]) for la in json.loads(d.to_json())["layers"]}

    kept: dict = {}
    d = keep_hidden(pdk.Deck(layers=[layer("a", 5)]), kept, [layer("b", 5), layer("c", 5), layer("a", 9)])
    assert layers(d) == {"a": (True, 5), "b": (False, 5), "c": (False, 5)}
    d = keep_hidden(pdk.Deck(layers=[layer("b", 12)]), kept, [layer("a", 5), layer("c", 5)])
    assert layers(d) == {"b": (True, 12), "a": (False, 5), "c": (False, 5)}
    d = keep_hidden(pdk.Deck(layers=[layer("a", 7)]), kept, [layer("b", 5), layer("c", 5)])
    assert layers(d)["b"] == (False, 12)  # as last shown
    assert layers(keep_hidden(pdk.Deck(layers=[layer("kaart", 1)]), kept)) == {
        "kaart": (True, 1), "a": (False, 7), "b": (False, 12), "c": (False, 5)}  # another page: all still loaded
