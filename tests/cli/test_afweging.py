"""``gebied scenario optimaliseer`` (every question), ``gebied scenario afweging`` (the curve) and the fairness
tables of ``gebied scenario vergelijk``."""

from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

from gebied.cli.main import app


def test_help_shows_every_question():
    out = CliRunner().invoke(app, ["scenario", "optimaliseer", "--help"], env={"COLUMNS": "200"})
    for option in ("--doel", "--per-kern", "--aantal", "--budget", "--houd", "--sluit", "--max-buiten-norm",
                   "--max-kernmediaan", "--max-reistijd", "--maximum-over", "--doelgroep"):
        assert option in out.output
    for doel in ("reistijd", "dekking", "minste_locaties", "laagste_kosten", "kleinste_maximum"):
        assert doel in out.output


@pytest.mark.parametrize("args", [
    ["--doel", "reistijd", "--per-kern", "hoogstens", "--aantal", "8"],
    ["--doel", "minste_locaties", "--per-kern", "hoogstens", "--norm", "15", "--max-buiten-norm", "10",
     "--doelgroep", "75+"],
    ["--doel", "kleinste_maximum", "--per-kern", "hoogstens", "--aantal", "6", "--maximum-over", "kernmediaan"],
    ["--doel", "laagste_kosten", "--per-kern", "hoogstens", "--norm", "15", "--max-buiten-norm", "20"],
])
def test_every_question_writes_a_valid_scenario_proven_optimal(default_area, tmp_path, args):
    from gebied.scenario.model import load_scenario

    out = CliRunner().invoke(app, ["scenario", "optimaliseer", "--uit", str(tmp_path / "o.yaml"), *args])
    assert out.exit_code == 0, out.output
    assert "bewezen optimaal" in out.output
    load_scenario(tmp_path / "o.yaml", default_area)  # checked against the area


def test_an_infeasible_question_explains_itself_in_dutch(default_area, tmp_path):
    out = CliRunner().invoke(app, ["scenario", "optimaliseer", "--uit", str(tmp_path / "o.yaml"), "--per-kern",
                                   "hoogstens", "--aantal", "1", "--norm", "10", "--max-buiten-norm", "5"])
    assert out.exit_code == 2 and "Traceback" not in out.output
    assert "Deze vraag heeft geen oplossing" in out.output and "procentpunt te veel" in out.output
    assert not (tmp_path / "o.yaml").exists()
    bad = CliRunner().invoke(app, ["scenario", "optimaliseer", "--uit", str(tmp_path / "o.yaml"), "--doel", "snelst"])
    assert bad.exit_code == 2 and "Onbekende waarde 'snelst'" in bad.output


def test_the_curve_is_written_with_its_points_the_rules_beside_it_and_its_assumptions(default_area, ctx, tmp_path):
    from gebied.scenario.model import save_scenario
    from gebied.scenario.rules import rule_scenario

    save_scenario(rule_scenario(ctx, "grootste"), tmp_path / "g.yaml")
    out = CliRunner().invoke(app, ["scenario", "afweging", "--doelgroep", "75+", "--punten", "12", "--uit",
                                   str(tmp_path / "curve.xlsx"), "--vergelijk", str(tmp_path / "g.yaml"),
                                   "--scenarios", str(tmp_path / "punten")])
    assert out.exit_code == 0, out.output
    curve = pd.read_excel(tmp_path / "curve.xlsx", sheet_name="curve")
    optimal = curve[curve["bron"] == "optimaal"]
    assert 5 <= len(optimal) <= 12 and len(list((tmp_path / "punten").glob("*.yaml"))) == len(optimal)
    assert optimal["besparing_per_jaar"].is_monotonic_increasing
    assert optimal["binnen_norm_pct"].is_monotonic_decreasing
    assert "Regel: grootste" in set(curve["naam"])
    assert len(pd.read_excel(tmp_path / "curve.xlsx", sheet_name="aannames")) >= 4


def test_vergelijk_adds_who_bears_the_burden(default_area, ctx, tmp_path):
    from gebied.scenario.model import save_scenario
    from gebied.scenario.rechtvaardigheid import UITLEG
    from gebied.scenario.rules import rule_scenario

    save_scenario(rule_scenario(ctx, "grootste"), tmp_path / "g.yaml")
    out = CliRunner().invoke(app, ["scenario", "vergelijk", str(tmp_path / "g.yaml"), "--uit",
                                   str(tmp_path / "v.xlsx")])
    assert out.exit_code == 0, out.output
    fair = pd.read_excel(tmp_path / "v.xlsx", sheet_name="rechtvaardigheid")
    assert list(fair["maat"]) == list(UITLEG) and "Huidige situatie" in fair.columns
    assert "doelgroep 4-11" in out.output  # basisonderwijs: its own doelgroep by default


def test_evalueer_adds_who_bears_the_burden_per_kind_and_year(default_area, ctx, tmp_path):
    from gebied.scenario.model import save_scenario
    from gebied.scenario.rules import rule_scenario

    save_scenario(rule_scenario(ctx, "grootste"), tmp_path / "g.yaml")
    out = CliRunner().invoke(app, ["scenario", "evalueer", str(tmp_path / "g.yaml"), "--jaren", "2025,2035",
                                   "--uit", str(tmp_path / "e.xlsx")])
    assert out.exit_code == 0, out.output
    fair = pd.read_excel(tmp_path / "e.xlsx", sheet_name="rechtvaardigheid")
    assert {"buiten_norm_nu", "buiten_norm", "gini", "palma", "buiten_norm_2025", "buiten_norm_2035"} <= set(fair)
    assert fair.set_index("voorziening").loc["basisonderwijs", "doelgroep"] == "4-11"
