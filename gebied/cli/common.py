"""What every command shares: clean errors (exit 2, never a traceback), tables, area and scenario lookup."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import pandas as pd
import typer

from gebied.core.errors import GebiedError
from gebied.core.voortgang import Voortgang

if TYPE_CHECKING:
    from gebied.scenario.evaluate import Context
    from gebied.scenario.model import Scenario

AreaArg = Annotated[Optional[str], typer.Argument(help="gebied-id, YAML- of OSM-bestand (standaard: data/areas.yaml)")]
GebiedOpt = Annotated[Optional[str], typer.Option("--gebied", help="gebied-id of YAML (standaard: data/areas.yaml)")]


@contextmanager
def voortgang_balken() -> Iterator[Voortgang]:
    """A :data:`Voortgang` that draws a bar per stage on the terminal (rich), with its parts and time; elsewhere
    (a log, a pipe) the bars are written once, at the end."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(finished_text="✓"), TextColumn("{task.description}"), BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn()) as bar:
        tasks: dict[str, Any] = {}

        def report(stap: str, gedaan: int, totaal: int) -> None:
            if stap not in tasks:
                tasks[stap] = bar.add_task(stap, total=totaal)
            bar.update(tasks[stap], completed=gedaan, total=totaal)

        yield report


def fail(exc: GebiedError) -> None:
    """Print a GebiedError and exit with code 2."""
    typer.echo(f"Fout: {exc.message()}", err=True)
    raise typer.Exit(2)


def clean_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn GebiedError into a message + exit 2, and any other error into exit 1, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except GebiedError as exc:
            fail(exc)
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:  # output piped into e.g. `head`
            sys.stderr.close()
            raise typer.Exit(0) from None
        except Exception as exc:
            if os.environ.get("GEBIED_DEBUG"):
                raise
            typer.echo(f"Onverwachte fout / unexpected error: {type(exc).__name__}: {exc}\n"
                       "(zet GEBIED_DEBUG=1 voor details / set GEBIED_DEBUG=1 for details)", err=True)
            raise typer.Exit(1) from None

    return wrapper


def print_table(df: pd.DataFrame, path: Path | None = None) -> None:
    """Print a data frame; write it to CSV/XLSX too when ``path`` is given."""
    with pd.option_context("display.max_rows", None, "display.width", 200, "display.max_colwidth", 40):
        typer.echo(df.to_string(index=False))
    if path is not None:
        from gebied.core.io import write_table

        write_table(df, path)
        typer.echo(f"Geschreven / written: {path}")


def context(area: str | None) -> Context:
    """The evaluation context of an area (built into the cache on first use)."""
    from gebied.area.store import load_area
    from gebied.scenario.evaluate import make_context

    return make_context(load_area(area))


def scenario_by_name(ctx: Context, naam: str) -> Scenario:
    """A saved scenario by name, or a scenario file by path."""
    from gebied.core.errors import GebiedError
    from gebied.scenario import store as scenario_store
    from gebied.scenario.model import load_scenario

    if Path(naam).suffix.lower() in (".yaml", ".yml", ".json"):
        return load_scenario(naam, ctx.area)
    saved = scenario_store.list_scenarios(scenario_store.user_dir(ctx.area.config.id))
    if naam not in saved:
        raise GebiedError(f"Scenario '{naam}' niet gevonden; opgeslagen: {', '.join(saved) or 'geen'}.",
                          f"Scenario '{naam}' not found.")
    return load_scenario(saved[naam], ctx.area)
