"""Tables of the population for pages and exports: age structure per year, series per group, doelgroepen."""

from __future__ import annotations

import pandas as pd

from gebied.area.model import Area
from gebied.core.catalogue import Catalogue
from gebied.toekomst.leeftijd import afgeleid
from gebied.toekomst.prognose import Bevolking
from gebied.toekomst.vraag import doelgroep_tekst


def piramide(bev: Bevolking, kern: str, jaren: list[int], cat: Catalogue) -> pd.DataFrame:
    """Inhabitants of ``kern`` per CBS age group (rows, Dutch labels, youngest first) in each of ``jaren`` (columns)."""
    labels = [g.label for g in cat.leeftijdsgroepen]
    out = pd.DataFrame({str(j): bev.jaar(j).loc[kern, bev.groepen].to_numpy(dtype=float) for j in dict.fromkeys(jaren)},
                       index=pd.Index(labels, name="leeftijd"))
    return out.round(0)


def reeks(bev: Bevolking, kern: str, cat: Catalogue) -> pd.DataFrame:
    """Inhabitants of ``kern`` per CBS age group (columns, Dutch labels) for every year (rows)."""
    ki = bev.kernen.index(kern)
    labels = [g.label for g in cat.leeftijdsgroepen]
    return pd.DataFrame(bev.waarden[:, ki, :], index=pd.Index(bev.jaren, name="jaar"), columns=labels).round(0)


def doelgroepen(area: Area, bev: Bevolking, kern: str, jaar: int, cat: Catalogue) -> pd.DataFrame:
    """Per voorziening kind with a doelgroep: who uses it (derived groups flagged) and how many in ``kern`` in
    ``jaar`` and in the base year."""
    from gebied.toekomst.vraag import gebruik_matrix

    kinds = [v.id for v in cat.voorzieningen if v.doelgroep and v.id in set(area.voorzieningen["voorziening"])]
    m = gebruik_matrix(area, cat, kinds)
    now = bev.jaar(jaar).loc[kern, bev.groepen].to_numpy(dtype=float) @ m
    base = bev.jaar(bev.basisjaar).loc[kern, bev.groepen].to_numpy(dtype=float) @ m
    return pd.DataFrame({"voorziening": [cat.voorziening(k).label for k in kinds],
                         "doelgroep": [doelgroep_tekst(area, cat, k) for k in kinds],
                         "gebruikers_basisjaar": base.round(0), "gebruikers": now.round(0)})


def afgeleide_tabel(bev: Bevolking, jaar: int, cat: Catalogue) -> pd.DataFrame:
    """Every kern's derived groups in ``jaar`` (columns marked 'afgeleid')."""
    d = afgeleid(bev.jaar(jaar), cat)
    return d.rename(columns={g.id: f"{g.label} (afgeleid)" for g in cat.afgeleide_groepen}).round(0)


def doelgroep_tabel(area: Area, cat: Catalogue) -> pd.DataFrame:
    """Per voorziening kind: who uses it (doelgroep × deelname, derived groups flagged)."""
    kinds = [v.id for v in cat.voorzieningen if v.doelgroep]
    return pd.DataFrame({"voorziening": [cat.voorziening(k).label for k in kinds],
                         "doelgroep": [doelgroep_tekst(area, cat, k) for k in kinds]})
