"""The ``gebied`` command: one typer app that gathers the command groups."""

from __future__ import annotations

import typer

from gebied.cli import area, backup, batch, bereik, export, scenario, toegang, toekomst, verhaal, werkplaats

app = typer.Typer(help="gebied: voorzieningenplanner en gebiedsbiografie / facilities planner.",
                  no_args_is_help=True, pretty_exceptions_enable=False, add_completion=False)
app.add_typer(area.app)
app.add_typer(bereik.app)
app.add_typer(toekomst.app)
app.add_typer(batch.app)
app.add_typer(scenario.app, name="scenario")
app.add_typer(export.app, name="export")
app.add_typer(verhaal.app, name="verhaal")
app.add_typer(werkplaats.app, name="werksessie")
app.add_typer(toegang.app, name="gebruiker")
app.command("logboek")(toegang.logboek)
app.command("backup")(backup.backup)
app.command("herstel")(backup.herstel)
