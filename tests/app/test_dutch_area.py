"""The app on a Dutch area made with ``gebied nieuw``: CBS layers, credits and figures."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers.figures import credits, figures

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture(scope="module")
def at(dutch, dutch_config):
    import os

    from gebied.maps.statisch import prepare

    prepare(dutch)  # as ``gebied build`` does before the app starts
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


def test_a_region_in_the_app_sparse_reach_from_the_build_cache(dutch, dutch_config, tmp_path, monkeypatch):
    """Noordoostpolder + Urk as a region: sparse reach kept in the build cache, inhabitants kept to their own
    gemeente, the Bereik page's figures those of gebied, the Scenario's page with figures per gemeente."""
    import yaml

    from gebied.area.store import load_area
    from gebied.bereik.dekking import kern_report
    from gebied.core.config import cache_root
    from gebied.core.fmt import getal

    raw = yaml.safe_load(Path(dutch_config).read_text(encoding="utf-8"))
    raw["extract"] = str((Path(dutch_config).parent / raw["extract"]).resolve())
    raw["bereik"] = {"methode": "begrensd", "over_gemeentegrens": False}
    region = tmp_path / Path(dutch_config).name
    region.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("GEBIED_AREA", str(region))
    monkeypatch.setenv("GEBIED_USER_DIR", str(tmp_path / "gebruiker"))
    area = load_area(region)
    folder = cache_root() / area.config.id / "bereik"
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    at.switch_page("gebied/app/pages/bereik.py").run()
    assert not at.exception, at.exception
    at.selectbox(key="bereik_soort").set_value("basisonderwijs").run()
    files = sorted(folder.glob("*.npz"))
    assert files, "the sparse reach is written to the build cache"
    report = kern_report(area, "fiets", "basisonderwijs")
    total = report[report["kern_id"] == "totaal"].iloc[0]
    assert figures(at)["Inwoners buiten de norm"] == getal(total["buiten_norm"])
    at.switch_page("gebied/app/pages/scenarios.py").run()
    assert not at.exception, at.exception
    assert "gemeente Urk" in at.selectbox(key="sc_gemeente").options
    shown = next(t.value for t in at.dataframe if "Gemeente" in t.value.columns)
    assert {"Noordoostpolder", "Urk", "Totaal"} <= set(shown["Gemeente"])
    stamps = {f: f.stat().st_mtime_ns for f in files}
    again = AppTest.from_file(APP, default_timeout=180)
    again.run()
    assert not again.exception, again.exception
    assert {f: f.stat().st_mtime_ns for f in stamps} == stamps  # read, not recomputed
