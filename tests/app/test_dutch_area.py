"""The app on a Dutch area made with ``gebied nieuw``: CBS layers, credits and figures."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers.figures import credits, figures

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture(scope="module")
def at(dutch, dutch_config):
    import os

    old = os.environ.get("GEBIED_AREA")
    os.environ["GEBIED_AREA"] = str(dutch_config)
    try:
        at = AppTest.from_file(APP, default_timeout=120)
        at.run()
        yield at
    finally:
        if old is None:
            os.environ.pop("GEBIED_AREA")
        else:
            os.environ["GEBIED_AREA"] = old


def test_map_page_credits_osm_and_cbs(at):
    assert not at.exception, at.exception
    assert "CBS" in credits(at) and "© OpenStreetMap contributors" in credits(at)
    labels = [c.label for c in at.checkbox]
    assert "CBS-wijken" in labels


def test_overview_shows_cbs_population(at, dutch):
    from gebied.core.fmt import getal

    at.switch_page("gebied/app/pages/gegevens.py").run()
    assert not at.exception, at.exception
    assert figures(at)["Inwoners"] == getal(dutch.bevolking)


def test_kern_profile_puts_the_kern_beside_its_cbs_wijk(at, dutch):
    at.switch_page("gebied/app/pages/kernprofiel.py").run()
    assert not at.exception, at.exception
    urk = dutch.kernen.set_index("naam").at["Urk", "kern_id"]
    at.selectbox(key="kp_kern").set_value(urk).run()
    assert any("Wijk 00 Urk" in m.value and "CBS 2022" in m.value for m in at.markdown)
    tables = [d.value for d in at.dataframe]
    assert any("Wijk (CBS)" in t.columns and "Gemeente (CBS)" in t.columns for t in tables)
