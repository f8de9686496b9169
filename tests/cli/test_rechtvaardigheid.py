"""``gebied scenario rechtvaardigheid``: the fairness figures of a scenario file, as a table and a file."""

from __future__ import annotations

import pandas as pd
from typer.testing import CliRunner

from gebied.cli.main import app


def test_the_command_prints_and_writes_every_figure_with_its_explanation(default_area, ctx, tmp_path):
    from gebied.scenario.model import save_scenario
    from gebied.scenario.rechtvaardigheid import UITLEG
    from gebied.scenario.rules import rule_scenario

    save_scenario(rule_scenario(ctx, "centraalst"), tmp_path / "c.yaml")
    out = CliRunner().invoke(app, ["scenario", "rechtvaardigheid", str(tmp_path / "c.yaml"), "--doelgroep", "75+",
                                   "--voorziening", "zorg", "--uit", str(tmp_path / "r.xlsx")])
    assert out.exit_code == 0, out.output
    table = pd.read_excel(tmp_path / "r.xlsx")
    assert list(table["maat"]) == list(UITLEG) and "gini" in out.output and "palma" in out.output
    bad = CliRunner().invoke(app, ["scenario", "rechtvaardigheid", str(tmp_path / "bestaat-niet.yaml")])
    assert bad.exit_code == 2 and "Traceback" not in bad.output
