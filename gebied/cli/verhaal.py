"""``gebied verhaal``: check and export stories (gebiedsbiografie)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from gebied.area.model import Area

from gebied.cli.common import GebiedOpt, clean_errors

app = typer.Typer(help="Gebiedsbiografie: verhalen controleren en exporteren.", no_args_is_help=True)


@app.command("controleer")
@clean_errors
def verhaal_controleer(pad: Path, gebied: GebiedOpt = None) -> None:
    """Controleer een verhaal of een map met verhalen / validate stories (exit 2 on problems)."""
    from gebied.area.store import load_area
    from gebied.core.errors import GebiedError
    from gebied.verhaal.model import check_path

    area = load_area(gebied) if gebied else _area_for_story(pad)
    good, problems = check_path(pad, area)
    for f in good:
        typer.echo(f"OK  {f}")
    if problems:
        raise GebiedError(f"{len(problems)} problemen in de verhalen.", f"{len(problems)} problems in the stories.",
                          pad, problems)


def _area_for_story(pad: Path) -> Area:
    """The area a story belongs to: its folder name under stories/ if that is an area, else the default."""
    from gebied.area.store import load_area
    from gebied.core.config import known_area_ids

    folder = pad if pad.is_dir() else pad.parent
    for part in (folder.name, folder.parent.name):
        if part in known_area_ids():
            return load_area(part)
    return load_area(None)


@app.command("export")
@clean_errors
def verhaal_export(verhaal: Path, uit: Annotated[Path, typer.Option(help=".html")], gebied: GebiedOpt = None) -> None:
    """Exporteer een verhaal als zelfstandig HTML-bestand / export a story as self-contained HTML."""
    from gebied.area.store import load_area
    from gebied.verhaal.model import parse_verhaal
    from gebied.verhaal.render import export_verhaal

    area = load_area(gebied) if gebied else _area_for_story(verhaal)
    story = parse_verhaal(verhaal, area)
    export_verhaal(story, area, uit)
    typer.echo(f"Verhaal '{story.titel}' ({len(story.hoofdstukken)} hoofdstukken) geschreven / written: {uit}")
