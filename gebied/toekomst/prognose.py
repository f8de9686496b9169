"""Population per kern, age group and year: a planner's prognose table, else the built-in projection.

The built-in projection (:class:`gebied.core.config.Projectie`) is transparent on purpose: per year, a
share 1/width of every CBS age group moves up a group (ages spread evenly within a group), births join
0–14 in proportion to the inhabitants aged 25–44, a share of the 65-plussers dies, and every group
changes by its own yearly fraction. Every result names the assumptions it used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from gebied.area.model import Area
from gebied.core.catalogue import Catalogue, load_catalogue
from gebied.core.config import Projectie
from gebied.core.errors import GebiedError
from gebied.core.fmt import getal
from gebied.core.tabel import read_raw_table
from gebied.toekomst.leeftijd import BUITENGEBIED, basis_leeftijd, groep_ids

KOLOMMEN = ("kern", "jaar", "leeftijd", "inwoners")


def basisjaar(area: Area) -> int:
    """The year of the area's current figures: configured, else 2022 for CBS areas (the CBS peildatum), else 2025."""
    if area.config.toekomst.basisjaar is not None:
        return area.config.toekomst.basisjaar
    return 2022 if area.is_cbs else 2025


def standaard_jaren(area: Area) -> list[int]:
    """The years shown when none are asked: the base year and 5, 10 and 15 years on."""
    start = basisjaar(area)
    return [start + d for d in (0, 5, 10, 15)]


def read_prognose(path: Path, area: Area, cat: Catalogue | None = None) -> pd.DataFrame:
    """Read and validate a prognose table (CSV/XLSX): ``kern`` (name or id), ``jaar``, ``leeftijd``, ``inwoners``.

    ``kern`` may also be ``buitengebied`` (the inhabitants outside every kern).

    Returns the long table with ``kern_id``, ``jaar``, ``leeftijd``, ``inwoners``.

    Raises
    ------
    GebiedError
        Every problem at once: missing columns, unknown kern, a year that is not a whole number, an unknown
        age label, negative or missing inhabitants, a row given twice, a kern-year without all age groups.
    """
    cat = cat or load_catalogue()
    path = Path(path)
    df = read_raw_table(path, "prognosebestand", "prognose file")
    df.columns = [str(c).strip().lower() for c in df.columns]
    missing = [c for c in KOLOMMEN if c not in df.columns]
    if missing:
        raise GebiedError("Het prognosebestand mist kolommen: " + ", ".join(missing) + ".",
                          "The prognose file lacks columns: " + ", ".join(missing) + ".", path,
                          [f"verwacht: {', '.join(KOLOMMEN)}; gevonden: {', '.join(df.columns)}"])
    problems, rows = _validate(df, area, cat)
    if problems:
        raise GebiedError("Het prognosebestand bevat fouten; er is niets gewijzigd.",
                          "The prognose file has errors; nothing was changed.", path, problems)
    return pd.DataFrame(rows, columns=["kern_id", "jaar", "leeftijd", "inwoners"])


def _validate(df: pd.DataFrame, area: Area, cat: Catalogue) -> tuple[list[str], list[tuple]]:
    ids = {*area.kernen["kern_id"], BUITENGEBIED}
    by_name = {str(n).strip().lower(): k for k, n in zip(area.kernen["kern_id"], area.kernen["naam"])}
    groups = groep_ids(cat)
    problems: list[str] = []
    rows: list[tuple] = []
    for i, r in enumerate(df.itertuples(index=False), start=2):
        kern, jaar, leeftijd, inwoners = (str(getattr(r, c)).strip() for c in KOLOMMEN)
        kern_id = kern if kern in ids else by_name.get(kern.lower())
        bad = []
        if kern_id is None:
            bad.append(f"kern '{kern}' bestaat niet in {area.config.naam}")
        if not jaar.isdigit():
            bad.append(f"jaar '{jaar}' is geen heel jaartal")
        if leeftijd.replace(" ", "") not in groups:
            bad.append(f"leeftijd '{leeftijd}' is onbekend (gebruik {', '.join(groups)})")
        try:
            value = float(inwoners.replace(",", "."))
            if not np.isfinite(value) or value < 0:
                bad.append(f"inwoners '{inwoners}' is negatief of geen getal")
        except ValueError:
            bad.append(f"inwoners ontbreekt of is geen getal ('{inwoners}')" if inwoners else "inwoners ontbreekt")
        if bad:
            problems += [f"regel {i}: {b}" for b in bad]
        else:
            rows.append((kern_id, int(jaar), leeftijd.replace(" ", ""), value))
    table = pd.DataFrame(rows, columns=["kern_id", "jaar", "leeftijd", "inwoners"])
    dup = table[table.duplicated(["kern_id", "jaar", "leeftijd"], keep=False)]
    problems += [f"{k} {j} {g}: staat meer dan eens in het bestand" for k, j, g in
                 dup[["kern_id", "jaar", "leeftijd"]].drop_duplicates().itertuples(index=False)]
    for (k, j), part in table.groupby(["kern_id", "jaar"]):
        lacking = [g for g in groups if g not in set(part["leeftijd"])]
        if lacking:
            problems.append(f"kern {k}, jaar {j}: leeftijdsgroepen ontbreken ({', '.join(lacking)})")
    return problems, rows


def step(groups: np.ndarray, widths: np.ndarray, p: Projectie, ids: list[str]) -> np.ndarray:
    """One year of the projection for every kern at once: ``groups`` (n_kernen, 5) inhabitants."""
    g = groups.astype(float).copy()
    if p.cohorten:
        up = g[:, :-1] / widths[:-1]
        g[:, :-1] -= up
        g[:, 1:] += up
        g[:, 0] += p.geboorte * groups[:, ids.index("25-44")]
        g[:, -1] -= p.sterfte * groups[:, -1]
    rates = np.array([p.wijziging.get(i, 0.0) for i in ids])
    return np.maximum(g * (1.0 + rates), 0.0)


def assumptions(p: Projectie) -> list[str]:
    """The projection's assumptions in plain Dutch."""
    lines = [f"Projectie '{p.naam}' vanaf het basisjaar."]
    if p.cohorten:
        lines.append("Elk jaar schuift 1/breedte van iedere leeftijdsgroep door naar de volgende groep "
                     "(leeftijden gelijk verdeeld binnen een groep).")
        lines.append(f"Geboorten: {getal(p.geboorte * 1000, 0)} per 1.000 inwoners van 25–44 jaar per jaar; "
                     f"sterfte: {getal(p.sterfte * 1000, 0)} per 1.000 inwoners van 65+ per jaar.")
    else:
        lines.append("Geen doorschuiven van leeftijden, geen geboorten of sterfte.")
    changes = [f"{g}: {getal(v * 100, 1)}% per jaar" for g, v in p.wijziging.items() if v]
    lines.append("Verandering per groep (migratie en overig): " + (", ".join(changes) if changes else "geen") + ".")
    return lines


@dataclass
class Bevolking:
    """Inhabitants per kern (and buitengebied), CBS age group and year.

    Attributes
    ----------
    jaren
        The years, ascending.
    kernen
        Kern ids, ``buitengebied`` last.
    waarden
        Array (n_jaren, n_kernen, n_groepen) of inhabitants.
    bron
        Per kern: where its figures come from (prognose table, CBS wijk with projection, national table …).
    aannames, waarschuwingen
        Plain-language assumptions used, and warnings (kernen that follow the projection, years outside the table).
    """

    jaren: list[int]
    kernen: list[str]
    groepen: list[str]
    waarden: np.ndarray
    bron: dict[str, str]
    basisjaar: int
    aannames: list[str] = field(default_factory=list)
    waarschuwingen: list[str] = field(default_factory=list)

    def jaar(self, jaar: int) -> pd.DataFrame:
        """One year as a table: kernen × age groups."""
        return pd.DataFrame(self.waarden[self.jaren.index(jaar)], index=self.kernen, columns=self.groepen)

    def tabel(self, namen: dict[str, str] | None = None) -> pd.DataFrame:
        """The long table: ``kern_id``, ``kern``, ``jaar``, ``leeftijd``, ``inwoners``, ``bron``."""
        names = {**(namen or {}), BUITENGEBIED: "Buitengebied"}
        j, k, g = np.meshgrid(self.jaren, self.kernen, self.groepen, indexing="ij")
        out = pd.DataFrame({"kern_id": k.ravel(), "jaar": j.ravel(), "leeftijd": g.ravel(),
                            "inwoners": self.waarden.ravel()})
        out.insert(1, "kern", out["kern_id"].map(lambda x: names.get(x, x)))
        out["bron"] = out["kern_id"].map(self.bron)
        return out


def bevolking(area: Area, jaren: list[int], prognose: pd.DataFrame | None = None,
              projectie: Projectie | None = None, cat: Catalogue | None = None) -> Bevolking:
    """Inhabitants per kern, age group and year.

    Parameters
    ----------
    jaren
        Years wanted; the base year is always included.
    prognose
        A validated prognose table (:func:`read_prognose`); its kernen follow it (linear between its years,
        the nearest year outside them), the others the projection, with a warning naming them.
    projectie
        The built-in projection; default the area's (``toekomst.projectie``).
    """
    cat = cat or load_catalogue()
    p = projectie or area.config.toekomst.projectie_model()
    ids = groep_ids(cat)
    base = basisjaar(area)
    years = sorted({base, *[int(j) for j in jaren]})
    start = basis_leeftijd(area, cat)
    kernen = list(start.index)
    widths = np.array([g.tot - g.van + 1 for g in cat.leeftijdsgroepen], dtype=float)
    values = np.zeros((len(years), len(kernen), len(ids)))
    g = start[ids].to_numpy(dtype=float)
    current = base
    for yi, y in enumerate(years):
        while current < y:
            g = step(g, widths, p, ids)
            current += 1
        values[yi] = g
    bron = {k: f"{b}, projectie '{p.naam}'" for k, b in start["bron"].items()}
    out = Bevolking(years, kernen, ids, values, bron, base, assumptions(p))
    if any(y < base for y in jaren):
        out.waarschuwingen.append(f"Jaren voor het basisjaar {base} tonen de situatie van {base}.")
    if prognose is not None and len(prognose):
        _apply_table(out, prognose, area)
    return out


def _apply_table(out: Bevolking, prognose: pd.DataFrame, area: Area) -> None:
    pivot = prognose.pivot_table(index=["kern_id", "jaar"], columns="leeftijd", values="inwoners", aggfunc="sum")
    names = dict(zip(area.kernen["kern_id"], area.kernen["naam"]))
    given = set(prognose["kern_id"])
    for k in given:
        rows = pivot.loc[k][out.groepen]
        table_years = rows.index.to_numpy()
        ki = out.kernen.index(k)
        for yi, y in enumerate(out.jaren):
            out.waarden[yi, ki] = [np.interp(y, table_years, rows[g].to_numpy(dtype=float)) for g in out.groepen]
        out.bron[k] = "prognosetabel"
        outside = [y for y in out.jaren if y < table_years.min() or y > table_years.max()]
        if outside:
            out.waarschuwingen.append(f"{names.get(k, k)}: de tabel loopt van {table_years.min()} tot "
                                      f"{table_years.max()}; voor {', '.join(map(str, outside))} geldt het "
                                      "dichtstbijzijnde jaar.")
    rest = [names[k] for k in out.kernen if k in names and k not in given]
    if rest:
        out.waarschuwingen.append("Niet in de prognosetabel, volgen de ingebouwde projectie: " + ", ".join(rest) + ".")
    out.aannames.append("Prognosetabel: lineair tussen de jaren van de tabel.")
