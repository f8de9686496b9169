"""``gebied backup`` and ``gebied herstel``: the gemeente's own data in one archive, and back."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Optional

import typer

from gebied.cli.common import clean_errors


@clean_errors
def backup(uit: Annotated[Path, typer.Option(help="het archief (.tar.gz)")]) -> None:
    """Schrijf een backup: database, gebieden, verhalen, scenario's / write one backup archive."""
    from gebied.cli.toegang import cli_user
    from gebied.toegang import logboek
    from gebied.werkplaats.backup import backup as make
    from gebied.werkplaats.store import Store

    store = Store()
    path = make(uit, store)
    logboek.schrijf(store.engine, cli_user(), "backup", str(path.name))
    typer.echo(f"Backup geschreven / written: {path} ({path.stat().st_size / 1e6:.1f} MB)")


@clean_errors
def herstel(archief: Path, naar: Annotated[Optional[Path], typer.Option(
        help="de lege werkmap (standaard GEBIED_WERKMAP)")] = None) -> None:
    """Zet een backup terug in een lege werkmap / restore a backup into an empty werkmap."""
    from gebied.cli.toegang import cli_user
    from gebied.core.config import werkmap
    from gebied.core.errors import GebiedError
    from gebied.toegang import logboek
    from gebied.werkplaats.backup import herstel as restore
    from gebied.werkplaats.store import Store

    target = naar or werkmap()
    if target is None:
        raise GebiedError("Geef de lege werkmap op (--naar MAP of GEBIED_WERKMAP).",
                          "Name the empty werkmap (--naar DIR or GEBIED_WERKMAP).")
    store = Store() if os.environ.get("GEBIED_DB_URL") else None
    counts = restore(archief, target, store)
    store = store or Store(f"sqlite:///{Path(target) / 'werkplaats.sqlite'}")
    logboek.schrijf(store.engine, cli_user(), "herstel", Path(archief).name, rijen=counts)
    typer.echo(f"Hersteld in / restored into {target}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
