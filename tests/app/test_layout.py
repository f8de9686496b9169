"""The frame of the map pages: one map element, drawn after the page, with the page's heading and panel."""

from streamlit.testing.v1 import AppTest

from gebied.app.layout import PRESENTATIE, ratio_for


def _page_in_frame() -> None:
    import pydeck as pdk
    import streamlit as st

    from gebied.app import layout
    from gebied.app.widgets import heading, map_panel

    framed = st.session_state.get("framed", True)
    if framed:
        layout.open_frame((4, 1))
    heading("Kop van de pagina")
    chosen = map_panel([pdk.Layer("ScatterplotLayer", [{"p": [9.5, 47.1]}], id="punten", get_position="p")],
                       pdk.ViewState(longitude=9.5, latitude=47.1, zoom=9), [], [("Inwoners", "1.234", "")])
    st.markdown(f"Na de kaart; klik: {chosen or 'geen'}")
    layout.close_frame()  # as app.py does after every page, with a frame or without


def _deck_charts(at: AppTest) -> list:
    return [e for e in at.get("deck_gl_json_chart")]


def test_a_framed_page_gets_one_map_after_its_heading_and_beside_its_panel():
    at = AppTest.from_function(_page_in_frame).run()
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
    at.run()
    assert not at.exception
    assert len(_deck_charts(at)) == 1
    assert at.subheader[0].value == "Kop van de pagina"


def test_the_ratio_of_map_and_panel_per_page():
    assert ratio_for("Bereikbaarheid") == (4, 1)
    assert ratio_for("Verhaal") == (3, 2) and ratio_for("Verhaal", presentatie=True) == PRESENTATIE
    assert ratio_for("Werkplaats") is None and ratio_for("Meedoen") is None  # their own maps or none
