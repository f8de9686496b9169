"""Scenario's: who bears the burden — the page shows gebied's fairness figures of the draft, on request."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def test_the_fairness_table_is_the_one_gebied_computes_for_the_draft(tmp_path, monkeypatch, app_files, ctx):
    from gebied.app.afweging import NAMEN
    from gebied.scenario.rechtvaardigheid import fairness_table

    monkeypatch.setenv("GEBIED_USER_DIR", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page("gebied/app/pages/scenarios.py").run()
    assert not [d for d in at.dataframe if "Maat" in d.value.columns]  # off: nothing computed
    at.button(key="sc_btn_regel").click().run()
    at.toggle(key="sc_afweging").set_value(True).run()
    at.selectbox(key="sc_afw_soort").set_value("basisonderwijs").run()
    at.selectbox(key="sc_afw_groep").set_value("4-11").run()
    assert not at.exception, at.exception
    [shown] = [d.value for d in at.dataframe if "Maat" in d.value.columns]
    expected = fairness_table(at.session_state["sc_concept"], ctx, "basisonderwijs", "4-11")
    assert list(shown["Maat"]) == [NAMEN[m] for m in expected["maat"]]
    assert shown.set_index("Maat").loc["Slechtste kern", "Scenario"] == expected.set_index("maat").loc[
        "slechtste_kern", "scenario"]
    assert all(len(u) > 20 for u in shown["Wat het zegt"])
