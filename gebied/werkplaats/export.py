"""A werksessie afterwards: notes as points and reactions, tallies and answers as tables (GeoPackage or XLSX)."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd

from gebied.core.errors import GebiedError
from gebied.core.io import text_cells, write_atomic
from gebied.werkplaats.model import OORDELEN
from gebied.werkplaats.store import Store


def session_tables(store: Store, code: str) -> dict[str, pd.DataFrame]:
    """Every table of a session: ``opmerkingen`` (GeoDataFrame, WGS84), ``reacties``, ``stemmen``, ``antwoorden``,
    ``sessie``. Times in UTC as text; hidden notes included and marked."""
    info = store.sessie(code)
    notes = store.opmerkingen(code, ook_verborgen=True)
    geo = gpd.GeoDataFrame(notes.drop(columns=["lon", "lat"]), crs="EPSG:4326",
                           geometry=gpd.points_from_xy(notes["lon"], notes["lat"]))
    out: dict[str, pd.DataFrame] = {"opmerkingen": geo, "reacties": store.reacties(code),
                                    "stemmen": store.tallies(code).rename(columns=OORDELEN),
                                    "antwoorden": store.antwoorden(code)}
    out["sessie"] = pd.DataFrame({"kenmerk": ["code", "naam", "gebied", "verhaal", "scenario's", "gesloten"],
                                  "waarde": [info.code, info.naam, info.gebied, info.verhaal or "",
                                             "; ".join(info.scenarios), "ja" if info.gesloten else "nee"]})
    for df in out.values():
        if "tijd" in df:
            df["tijd"] = pd.to_datetime(df["tijd"], utc=True).dt.strftime("%Y-%m-%d %H:%M:%S UTC")
    return out


def export_werksessie(store: Store, code: str, path: Path) -> Path:
    """Write the session to ``path`` (.gpkg: notes as a point layer, the rest as tables; .xlsx: one sheet each)."""
    path = Path(path)
    tables = session_tables(store, code)
    if path.suffix.lower() == ".gpkg":
        def writer(p: Path) -> None:
            for name, df in tables.items():
                frame = df if isinstance(df, gpd.GeoDataFrame) else gpd.GeoDataFrame(df.astype(
                    {c: str for c in df.columns if df[c].dtype == object}))
                frame.to_file(p, layer=name, driver="GPKG")
    elif path.suffix.lower() == ".xlsx":
        def writer(p: Path) -> None:
            with pd.ExcelWriter(p, engine="openpyxl") as xl:
                for name, df in tables.items():
                    frame = pd.DataFrame(df.drop(columns="geometry")) if "geometry" in df else df
                    if name == "opmerkingen":
                        frame = frame.assign(lon=df.geometry.x.round(6), lat=df.geometry.y.round(6))
                    frame.to_excel(xl, sheet_name=name, index=False)
                text_cells(xl)  # a note '=HYPERLINK(…)' arrives as text, not as a live formula
    else:
        raise GebiedError("Kies .gpkg of .xlsx voor de export van een werksessie.",
                          "Choose .gpkg or .xlsx for a session export.", path)
    write_atomic(path, writer)
    return path


def wat_we_hoorden(store: Store, code: str, names: dict[str, str] | None = None, most: int = 12) -> list[str]:
    """A session in plain lines for a report: who took part, notes per theme, votes per scenario, the answers
    and the most recent notes (hidden notes left out; texts as written)."""
    info = store.sessie(code)
    notes, votes, answers = store.opmerkingen(code), store.tallies(code), store.antwoorden(code)
    reactions = store.reacties(code)
    people = set(notes["deelnemer"]) | set(reactions["deelnemer"]) | set(answers["deelnemer"])
    lines = [f"Werksessie '{info.naam}' (code {info.code}): {len(people)} deelnemers, {len(notes)} opmerkingen, "
             f"{len(reactions)} reacties, {len(answers)} antwoorden."]
    if len(notes):
        per = notes["thema"].value_counts()
        lines.append("Opmerkingen per thema: " + ", ".join(f"{t} {n}" for t, n in per.items()) + ".")
    for r in votes.itertuples():
        wie = "het hele scenario" if not r.kern else f"kern {(names or {}).get(r.kern, r.kern)}"
        lines.append(f"{r.scenario}, {wie}: {r.voor} voorkeur, {r.kan_leven} kan ermee leven, {r.tegen} tegen.")
    for vraag, part in answers.groupby("vraag", sort=False):
        lines.append(f"Vraag '{vraag}': " + " | ".join(part["tekst"].head(most)) + ("" if len(part) <= most else " …"))
    lines += [f"Opmerking ({t}): {x}" for t, x in zip(notes["thema"].tail(most), notes["tekst"].tail(most))]
    return lines
