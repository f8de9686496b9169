"""Page logic with Streamlit's AppTest (no browser)."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "app.py")


@pytest.fixture(scope="module")
def at(default_area):  # default_area makes sure the build exists
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    return at


def test_map_page_renders_with_legend_and_attribution(at):
    assert at.sidebar.radio[0].value == "Kaart"
    html = " ".join(m.value for m in at.markdown)
    assert "School" in html and "OpenStreetMap" in html
    assert any("OpenStreetMap" in c.value for c in at.caption)


def test_overview_page_shows_figures_from_gebied(at, default_area):
    from gebied.fmt import getal

    at.sidebar.radio[0].set_value("Overzicht").run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Inwoners"] == getal(default_area.bevolking)
    assert metrics["Kernen"] == str(len(default_area.kernen))
