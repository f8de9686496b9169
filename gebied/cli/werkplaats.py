"""``gebied werksessie``: open a workshop session, export one afterwards."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from gebied.cli.common import GebiedOpt, clean_errors

app = typer.Typer(help="Werksessies (werkplaats): openen en exporteren.", no_args_is_help=True)


@app.command("open")
@clean_errors
def werksessie_open(naam: str, scenario: Annotated[Optional[list[str]], typer.Option(help="scenario's (naam)")] = None,
                    verhaal: Annotated[Optional[str], typer.Option()] = None, gebied: GebiedOpt = None) -> None:
    """Open een werksessie; toont de code en de geheime sleutel van de begeleider / open a session."""
    from gebied.area.store import load_area
    from gebied.cli.toegang import cli_user
    from gebied.toegang import acties
    from gebied.werkplaats.store import Store

    area = load_area(gebied)
    code, token = acties.werksessie_openen(cli_user(), Store(), naam, area.config.id, verhaal, scenario or [])
    typer.echo(f"Werksessie '{naam}' geopend: code {code}\nDeelnemers: /meedoen?code={code}\n"
               f"Begeleider (geheim): /werkplaats?code={code}&token={token}")


@app.command("export")
@clean_errors
def werksessie_export(code: str, uit: Annotated[Path, typer.Option(help=".gpkg of .xlsx")]) -> None:
    """Exporteer een werksessie (opmerkingen, reacties, stemmen, antwoorden) / export a session."""
    from gebied.werkplaats.export import export_werksessie
    from gebied.werkplaats.store import Store

    export_werksessie(Store(), code, uit)
    typer.echo(f"Geschreven / written: {uit}")
