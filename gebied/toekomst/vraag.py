"""Demand per voorziening from the age groups: the doelgroep of each kind times its participation rate.

Because every derived age group is a weighted sum of the CBS groups, the users of every kind are one
matrix product: ``users = inhabitants (…, 5) @ gebruik_matrix (5, n_kinds)``.
"""

from __future__ import annotations

import numpy as np

from gebied.area.model import Area
from gebied.core.catalogue import Catalogue
from gebied.toekomst.leeftijd import coefficients


def deelname(area: Area, cat: Catalogue, soort: str) -> float:
    """The participation rate of voorziening ``soort``: the area's own, else the catalogue's."""
    own = area.config.toekomst.deelname.get(soort)
    return float(own) if own is not None else cat.voorziening(soort).deelname


def gebruik_matrix(area: Area, cat: Catalogue, soorten: list[str]) -> np.ndarray:
    """Array (n_cbs_groepen, n_soorten): users of each kind per inhabitant of each CBS age group.

    A kind without a doelgroep is used by nobody (it gets no demand figures).
    """
    out = np.zeros((len(cat.leeftijdsgroepen), len(soorten)))
    for j, s in enumerate(soorten):
        groups = cat.voorziening(s).doelgroep
        if groups:
            out[:, j] = deelname(area, cat, s) * np.sum([coefficients(cat, g) for g in groups], axis=0)
    return out


def doelgroep_tekst(area: Area, cat: Catalogue, soort: str) -> str:
    """'4–11 jaar (afgeleid) × 100%': who uses a kind, in words, derived groups flagged."""
    derived = {g.id: g.label for g in cat.afgeleide_groepen}
    cbs = {g.id: g.label for g in cat.leeftijdsgroepen}
    groups = cat.voorziening(soort).doelgroep
    if len(groups) == len(cbs) and set(groups) == set(cbs):
        who = "alle inwoners"
    else:
        who = ", ".join(f"{derived[g]} (afgeleid)" if g in derived else cbs.get(g, g) for g in groups)
    return f"{who} × {deelname(area, cat, soort):.0%}".replace(".", ",")
