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


def _figures(at) -> dict[str, str]:
    import re

    html = " ".join(m.value for m in at.markdown)
    return dict(re.findall(r'<div class="label">([^<]*)</div><div class="waarde">([^<]*)</div>', html))


def test_the_afweging_page_shows_the_curve_the_chosen_point_and_its_fairness(tmp_path, monkeypatch, app_files, ctx):
    """The page draws gebied's curve of its question; choosing another point changes the figures and the map;
    the point opens as the draft of Scenario's and is saved through the logged action."""
    from html import unescape

    from gebied.core.fmt import euro, getal
    from gebied.scenario.afwegingscurve import afwegingscurve
    from gebied.scenario.vraag import Vraag

    monkeypatch.setenv("GEBIED_USER_DIR", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=180).run()
    at.switch_page("gebied/app/pages/afweging.py").run()
    at.selectbox(key="af_groep").set_value("75+").run()
    assert not at.exception, at.exception
    curve = afwegingscurve(ctx, Vraag("laagste_kosten", "hoogstens", norm=15.0), "fiets", "75+", None, 15)
    assert 10 <= len(curve.punten) <= 20 and len(at.selectbox(key="af_punt").options) == len(curve.punten)
    shares = [p.binnen_norm_pct for p in curve.punten]
    savings = [p.besparing for p in curve.punten]
    assert shares == sorted(shares, reverse=True) and savings == sorted(savings)  # a front: less reach, more saved
    first = {k: unescape(v) for k, v in _figures(at).items()}
    assert first["Besparing per jaar"] == euro(curve.punten[0].besparing)
    assert first["Binnen de norm (15 min)"] == f"{getal(curve.punten[0].binnen_norm_pct, 1)} %"
    last = len(curve.punten) - 1
    at.selectbox(key="af_punt").set_value(last).run()
    after = {k: unescape(v) for k, v in _figures(at).items()}
    assert after["Besparing per jaar"] == euro(curve.punten[last].besparing) != first["Besparing per jaar"]
    assert any("Maat" in d.value.columns for d in at.dataframe)  # who bears the burden, below the map
    at.button(key="af_btn_save").click().run()
    assert not at.exception, at.exception
    from gebied.scenario import store

    assert curve.punten[last].naam in store.list_scenarios(store.user_dir(ctx.area.config.id))
    at.button(key="af_btn_open").click().run()
    assert at.session_state["sc_concept"].naam == curve.punten[last].naam


def test_vergelijken_sets_who_bears_the_burden_side_by_side_in_the_chosen_year(tmp_path, monkeypatch, app_files, ctx):
    from gebied.core.fmt import maat
    from gebied.scenario.rechtvaardigheid import vergelijk
    from gebied.toekomst.prognose import basisjaar, bevolking

    monkeypatch.setenv("GEBIED_USER_DIR", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page("gebied/app/pages/vergelijken.py").run()
    assert not at.exception, at.exception
    at.selectbox(key="vg_soort").set_value("zorg").run()
    at.selectbox(key="vg_groep").set_value("75+").run()
    [shown] = [d.value for d in at.dataframe if "Maat" in d.value.columns]
    base = basisjaar(ctx.area)
    jaar = at.slider(key="jaar").value if any(s.key == "jaar" for s in at.slider) else base
    expected = vergelijk([], ctx, "zorg", "75+", bevolking(ctx.area, sorted({base, jaar})), jaar)
    assert list(shown["Huidige situatie"]) == [maat(v) for v in expected["Huidige situatie"]]
    assert all(len(u) > 20 for u in shown["Wat het zegt"])


def test_scenarios_page_states_costs_plainly(tmp_path, monkeypatch, app_files, ctx):
    from gebied.scenario.evaluate import evaluate
    from gebied.scenario.kosten import overzicht, regels

    monkeypatch.setenv("GEBIED_USER_DIR", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page("gebied/app/pages/scenarios.py").run()
    at.button(key="sc_btn_regel").click().run()
    assert not at.exception, at.exception
    [shown] = [d.value for d in at.dataframe if "Kengetal" in d.value.columns and "Bedrag" in d.value.columns]
    expected = regels(overzicht(evaluate(at.session_state["sc_concept"], ctx), ctx), ctx)
    assert list(shown["Bedrag"]) == [b for _, b in expected]
    assert any("onbekend" in b for _, b in expected)  # the default area does not know every cost
