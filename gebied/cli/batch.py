"""``gebied batch``: many areas at once on Dask."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from gebied.cli.common import clean_errors, print_table

app = typer.Typer()


@app.command("batch")
@clean_errors
def batch(bestand: Path,
          scheduler: Annotated[Optional[str], typer.Option(help="adres van een bestaand Dask-cluster")] = None,
          workers: Annotated[Optional[int], typer.Option(help="processen van het lokale cluster (standaard: kernen)")]
          = None) -> None:
    """Bouw, bereikbaarheid, dekking en scenario's voor veel gebieden tegelijk (Dask) / batch over many areas."""
    from gebied.batch.run import read_batch, run_batch

    cfg = read_batch(bestand)
    with typer.progressbar(length=len(cfg.gebieden), label="Gebieden") as bar:
        result = run_batch(cfg, scheduler, workers, progress=lambda i, n, ref: bar.update(1))
    if result.overgeslagen:
        typer.echo(f"Al klaar, overgeslagen: {len(result.overgeslagen)}")
    if len(result.samenvatting):
        print_table(result.samenvatting.round(1))
        typer.echo(f"Geschreven / written: {Path(cfg.uit) / 'samenvatting.xlsx'}")
    for ref, msg in result.mislukt.items():
        typer.echo(f"Mislukt / failed: {ref}: {msg}", err=True)
    if result.mislukt:
        raise typer.Exit(2)
