"""Age groups per kern in the base year, and the finer groups derived from them.

The five CBS groups (0–14, 15–24, 25–44, 45–64, 65+) are the unit of account. Finer groups that
voorzieningen need (0–3, 4–11, 12–17, 75+) are linear in them: each is a weighted sum of the CBS groups,
by the rule of ``afgeleide_groepen`` in ``layers/categorieen.yaml``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from gebied.area.model import Area
from gebied.core.catalogue import AfgeleideGroep, Catalogue
from gebied.core.errors import GebiedError

BUITENGEBIED = "buitengebied"
BRON_CBS = "CBS-wijk (2022)"


def groep_ids(cat: Catalogue) -> list[str]:
    """The CBS age-group ids, youngest first."""
    return [g.id for g in cat.leeftijdsgroepen]


def coefficients(cat: Catalogue, groep: str) -> np.ndarray:
    """The weights over the CBS groups that make up age group ``groep`` (a CBS or a derived group id).

    Rule ``uniform``: the share of each CBS group's years of age that fall in the group (every age within a
    CBS group holds as many people). Rule ``aandeel``: a fixed share of one CBS group.
    """
    ids = groep_ids(cat)
    if groep in ids:
        return np.eye(len(ids))[ids.index(groep)]
    d = next((g for g in cat.afgeleide_groepen if g.id == groep), None)
    if d is None:
        raise GebiedError(f"Onbekende leeftijdsgroep '{groep}'; bekend: {', '.join(ids + afgeleid_ids(cat))}.",
                          f"Unknown age group '{groep}'.")
    return _derived(cat, d)


def _derived(cat: Catalogue, d: AfgeleideGroep) -> np.ndarray:
    ids = groep_ids(cat)
    if d.regel == "aandeel":
        if d.uit not in ids or d.aandeel is None:
            raise GebiedError(f"Afgeleide groep '{d.id}': regel 'aandeel' vraagt 'uit' (een CBS-groep) en 'aandeel'.",
                              f"Derived group '{d.id}': rule 'aandeel' needs 'uit' and 'aandeel'.")
        return np.eye(len(ids))[ids.index(d.uit)] * d.aandeel
    out = np.zeros(len(ids))
    for i, g in enumerate(cat.leeftijdsgroepen):
        overlap = min(d.tot, g.tot) - max(d.van, g.van) + 1
        out[i] = max(overlap, 0) / (g.tot - g.van + 1)
    return out


def afgeleid_ids(cat: Catalogue) -> list[str]:
    """The derived age-group ids."""
    return [g.id for g in cat.afgeleide_groepen]


def afgeleid(counts: pd.DataFrame, cat: Catalogue) -> pd.DataFrame:
    """The derived groups from CBS-group ``counts`` (columns: CBS group ids); columns: derived ids."""
    values = counts[groep_ids(cat)].to_numpy(dtype=float)
    return pd.DataFrame({g: values @ coefficients(cat, g) for g in afgeleid_ids(cat)}, index=counts.index)


def basis_leeftijd(area: Area, cat: Catalogue) -> pd.DataFrame:
    """Inhabitants per kern (and the buitengebied) per CBS age group in the base year.

    From the kern's CBS wijk figures where the area has them, else the national default table
    (``layers/leeftijdsopbouw.yaml``). Index: kern id, ``buitengebied`` last; columns: the CBS group ids
    and ``bron``. The buitengebied has the area's overall structure.
    """
    ids = groep_ids(cat)
    kernen = area.kernen.set_index("kern_id")
    inwoners = kernen["inwoners"].astype(float).fillna(0.0)
    cols = [g.kolom for g in cat.leeftijdsgroepen]
    national = _national(cat)
    if all(c in kernen.columns for c in cols):
        counts = kernen[cols].astype(float).set_axis(ids, axis=1)
        known = counts.notna().all(axis=1) & (counts.sum(axis=1) > 0)
    else:
        counts = pd.DataFrame(np.nan, index=kernen.index, columns=ids)
        known = pd.Series(False, index=kernen.index)
    scaled = counts.div(counts.sum(axis=1).where(known), axis=0).mul(inwoners, axis=0)  # to the kern's total
    table = pd.DataFrame(np.where(known.to_numpy()[:, None], scaled.to_numpy(), np.outer(inwoners, national)),
                         index=kernen.index, columns=ids)
    table["bron"] = np.where(known, BRON_CBS, f"landelijk ({cat.leeftijdsopbouw.bron})" if cat.leeftijdsopbouw else "")
    rest = max(float(area.bevolking) - float(inwoners.sum()), 0.0)
    total = table[ids].sum()
    shares = total / total.sum() if total.sum() > 0 else pd.Series(national, index=ids)
    table.loc[BUITENGEBIED, ids] = (shares * rest).to_numpy()
    table.loc[BUITENGEBIED, "bron"] = "gemiddelde van het gebied"
    return table


def _national(cat: Catalogue) -> np.ndarray:
    if cat.leeftijdsopbouw is None:
        raise GebiedError("De catalogus mist een landelijke leeftijdsopbouw (layers/leeftijdsopbouw.yaml).",
                          "The catalogue has no national age structure.")
    shares = np.array([cat.leeftijdsopbouw.aandelen[g] for g in groep_ids(cat)], dtype=float)
    return shares / shares.sum()
