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


def test_bereik_page_changes_figures_with_the_norm(at, default_area):
    from gebied.bereik import kern_report

    at.sidebar.radio[0].set_value("Bereikbaarheid").run()
    assert not at.exception, at.exception
    at.selectbox(key="bereik_soort").set_value("basisonderwijs").run()
    first = {m.label: m.value for m in at.metric}["Binnen de norm"]
    expected = kern_report(default_area, "fiets", "basisonderwijs", 15.0)
    total = expected[expected["kern_id"] == "totaal"].iloc[0]
    assert first == f"{total['binnen_norm_pct']:.1f}%".replace(".", ",")
    at.number_input(key="bereik_norm_basisonderwijs").set_value(5.0).run()
    second = {m.label: m.value for m in at.metric}["Binnen de norm"]
    assert second != first
