"""``gebied bevolking``: inhabitants by kern, age group and year; shared options for per-year figures."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import pandas as pd
import typer

from gebied.cli.common import GebiedOpt, clean_errors, print_table
from gebied.core.errors import GebiedError

if TYPE_CHECKING:
    from gebied.area.model import Area
    from gebied.toekomst.prognose import Bevolking

app = typer.Typer()

JarenOpt = Annotated[Optional[str], typer.Option(help="jaren, bijvoorbeeld 2025,2030,2040 of 2025-2040")]
PrognoseOpt = Annotated[Optional[Path], typer.Option(help="prognosetabel (.csv of .xlsx): kern, jaar, leeftijd, "
                                                          "inwoners")]
ProjectieOpt = Annotated[Optional[str], typer.Option(help="stabiel, krimp of vergrijzing (standaard: die van het "
                                                           "gebied)")]


def parse_jaren(text: str) -> list[int]:
    """'2025,2030' or '2025-2040' (every year) as a sorted list of years."""
    years: set[int] = set()
    try:
        for part in text.replace(" ", "").split(","):
            if "-" in part:
                a, b = (int(x) for x in part.split("-", 1))
                years.update(range(a, b + 1))
            elif part:
                years.add(int(part))
    except ValueError as exc:
        raise GebiedError(f"'{text}' is geen lijst van jaren (bijvoorbeeld 2025,2030,2040 of 2025-2040).",
                          f"'{text}' is not a list of years.") from exc
    if not years or min(years) < 1900 or max(years) > 2200:
        raise GebiedError(f"'{text}': kies jaren tussen 1900 en 2200.", f"'{text}': choose years 1900–2200.")
    return sorted(years)


def load_bevolking(area: Area, jaren: list[int], prognose: Path | None, projectie: str | None = None) -> Bevolking:
    """The population for ``jaren`` from a prognose file and/or the projection; warnings are printed."""
    from gebied.core.config import Toekomst
    from gebied.toekomst.prognose import bevolking, read_prognose

    table = read_prognose(prognose, area) if prognose is not None else None
    model = Toekomst(projectie=projectie).projectie_model() if projectie else None
    bev = bevolking(area, jaren, prognose=table, projectie=model)
    for w in bev.waarschuwingen:
        typer.echo(f"Let op: {w}", err=True)
    return bev


@app.command("bevolking")
@clean_errors
def bevolking_cmd(uit: Annotated[Optional[Path], typer.Option(help=".csv of .xlsx")] = None,
                  jaren: JarenOpt = None, prognose: PrognoseOpt = None, projectie: ProjectieOpt = None,
                  gebied: GebiedOpt = None) -> None:
    """Inwoners per kern, leeftijdsgroep en jaar / population by kern, age group and year."""
    from gebied.area.store import load_area
    from gebied.toekomst.prognose import basisjaar

    area = load_area(gebied)
    years = parse_jaren(jaren) if jaren else [basisjaar(area), basisjaar(area) + 5, basisjaar(area) + 10]
    bev = load_bevolking(area, years, prognose, projectie)
    long = bev.tabel(dict(zip(area.kernen["kern_id"], area.kernen["naam"])))
    wide = long.pivot_table(index=["kern", "jaar"], columns="leeftijd", values="inwoners", sort=False).reset_index()
    typer.echo(f"Bevolking — {area.config.naam} (basisjaar {bev.basisjaar})")
    totals = long.groupby(["jaar", "leeftijd"], sort=False)["inwoners"].sum().unstack()[bev.groepen]
    print_table(totals.round(0).reset_index())
    typer.echo("Aannames: " + " ".join(bev.aannames))
    if uit is not None:
        from gebied.core.io import write_tables

        write_tables({"bevolking": long.round(1), "per_kern": wide.round(1),
                      "aannames": _assumptions_table(bev)}, uit)
        typer.echo(f"Geschreven / written: {uit}")


def _assumptions_table(bev: Bevolking) -> pd.DataFrame:
    return pd.DataFrame({"soort": ["aanname"] * len(bev.aannames) + ["waarschuwing"] * len(bev.waarschuwingen),
                         "tekst": [*bev.aannames, *bev.waarschuwingen]})
