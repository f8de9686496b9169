"""Population from CBS: the inhabitants and age groups of each wijk spread over its residential buildings.

CBS *Kerncijfers wijken en buurten 2022* gives, per wijk, the inhabitants on 1 January 2022 (rounded
to 5) and the shares of five age groups (whole percent). gebied spreads them as follows:

- **weights**: a building's dwellings where OSM records them (``building:flats``, else the number of
  addresses in or on the building), else its floor area (footprint × levels) divided by the wijk's
  floor area per known dwelling (85 m² where the wijk has none);
- **wijk totals**: each wijk's buildings sum to its CBS figure; because CBS rounds wijken to 5, the
  difference to the gemeente total is spread over the wijken in proportion to their size, so the
  gemeente sums to its own CBS figure too;
- **age groups**: the wijk's shares scaled to 100 %; where CBS leaves them out or they add up to less
  than 90 % or more than 110 % (rounding in very small wijken), the gemeente's shares.

Wijken without residential buildings in OSM cannot receive their inhabitants; they are reported by
name with their population.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from gebied.core.catalogue import Catalogue
from gebied.core.fmt import getal

BRON = "CBS wijk 2022 (verdeeld)"
M2_PER_WONING = 85.0


def osm_dwellings(b: gpd.GeoDataFrame, addresses: gpd.GeoDataFrame) -> pd.Series:
    """Dwellings OSM records per building: ``building:flats``, else addresses in or on it; NaN where unknown."""
    flats = pd.to_numeric(b["building:flats"], errors="coerce") if "building:flats" in b else \
        pd.Series(np.nan, index=b.index)
    n_addr = pd.Series(0.0, index=b.index)
    if not addresses.empty:
        hit = gpd.sjoin(addresses[["geometry"]], b[["geometry"]], predicate="within")
        n_addr = hit.groupby("index_right").size().reindex(b.index).fillna(0.0).astype(float)
    if "addr:housenumber" in b:
        n_addr = np.maximum(n_addr, b["addr:housenumber"].notna().astype(float))
    return flats.where(flats > 0, n_addr.where(n_addr > 0))


def _wijk_of(points: gpd.GeoSeries, wijken: gpd.GeoDataFrame) -> pd.Series:
    """The wijk code of each point: the wijk it lies in, else the nearest (CBS boundaries are simplified)."""
    frame = gpd.GeoDataFrame(geometry=points)
    j = gpd.sjoin(frame, wijken[["code", "geometry"]], predicate="within", how="left")
    j = j[~j.index.duplicated()]
    out = j["code"]
    missing = out.isna()
    if missing.any():
        near = gpd.sjoin_nearest(frame[missing], wijken[["code", "geometry"]], how="left")
        out[missing] = near[~near.index.duplicated()]["code"]
    return out


def wijk_totals(wijken: pd.DataFrame, gemeenten: pd.DataFrame) -> pd.Series:
    """Inhabitants per wijk code, adjusted so the wijken of each gemeente add up to its CBS total."""
    pop = wijken.set_index("code")["population"].astype(float).fillna(0.0)
    gem = wijken.set_index("code")["gemeente_code"]
    totals = gemeenten.set_index("code")["population"].astype(float)
    out = pop.copy()
    for g, codes in gem.groupby(gem).groups.items():
        residual = float(totals.get(g, pop[codes].sum())) - float(pop[codes].sum())
        if pop[codes].sum() > 0:
            out[codes] = pop[codes] + residual * pop[codes] / pop[codes].sum()
    return out


def age_shares(wijken: pd.DataFrame, gemeenten: pd.DataFrame, cat: Catalogue) -> tuple[pd.DataFrame, list[str]]:
    """Age shares (0–1, adding up to 1) per wijk code, and the wijken that took their gemeente's shares."""
    cols = [g.cbs for g in cat.leeftijdsgroepen]
    own = wijken.set_index("code")[cols].astype(float)
    gem = gemeenten.set_index("code")[cols].astype(float)
    total = own.sum(axis=1, min_count=len(cols))
    fallback = total.isna() | (total < 90) | (total > 110)
    shares = own.div(total, axis=0)
    gem_shares = gem.div(gem.sum(axis=1), axis=0)
    gem_of = wijken.set_index("code")["gemeente_code"]
    shares[fallback] = gem_shares.reindex(gem_of[fallback]).to_numpy()
    names = wijken.set_index("code")["name"]
    return shares.set_axis([g.kolom for g in cat.leeftijdsgroepen], axis=1), list(names[fallback])


def spread(b: gpd.GeoDataFrame, addresses: gpd.GeoDataFrame, wijken: gpd.GeoDataFrame, gemeenten: gpd.GeoDataFrame,
           cat: Catalogue) -> tuple[gpd.GeoDataFrame, list[str]]:
    """Buildings with CBS ``inwoners``, ``wijk_code`` and age-group counts; report lines (Dutch / English).

    Parameters
    ----------
    b
        Buildings (polygons, area CRS) with ``woningen`` (0 = not residential), ``levels``.
    addresses
        OSM address points (area CRS).
    wijken, gemeenten
        CBS wijken (``code``, ``name``, ``gemeente_code``, figures) and gemeenten, in the area CRS.
    """
    b = b.copy()
    res = (b["woningen"] > 0).to_numpy()
    b["wijk_code"] = None
    b.loc[res, "wijk_code"] = _wijk_of(b.geometry[res].representative_point(), wijken).to_numpy()
    known = osm_dwellings(b, addresses)
    floor = b.geometry.area * b["levels"].astype(float).fillna(1.0)
    per_dwelling = (floor[res & known.notna()] / known[res & known.notna()]).groupby(b["wijk_code"]).median()
    ratio = b["wijk_code"].map(per_dwelling).fillna(M2_PER_WONING)
    weight = pd.Series(np.where(res, known.fillna(floor / ratio), 0.0), index=b.index)
    totals = wijk_totals(wijken, gemeenten)
    wsum = weight.groupby(b["wijk_code"]).sum()
    b["inwoners"] = np.where(res, weight * b["wijk_code"].map(totals) / b["wijk_code"].map(wsum), 0.0)
    b["inwoners"] = b["inwoners"].fillna(0.0)
    shares, fallback = age_shares(wijken[wijken["code"].isin(set(b["wijk_code"].dropna()))], gemeenten, cat)
    for col in shares.columns:
        b[col] = b["inwoners"] * b["wijk_code"].map(shares[col]).fillna(0.0)
    return b, _report(b, wijken, gemeenten, totals, known[res], fallback)


def _report(b: pd.DataFrame, wijken: pd.DataFrame, gemeenten: pd.DataFrame, totals: pd.Series,
            known: pd.Series, fallback: list[str]) -> list[str]:
    lines = [f"Inwoners: CBS Kerncijfers wijken en buurten 2022, per wijk verdeeld over de woongebouwen "
             f"({known.notna().mean():.0%} met woningen volgens OSM, de rest naar vloeroppervlak) / population: "
             "CBS wijk figures spread over residential buildings"]
    placed = b.groupby("wijk_code")["inwoners"].sum()
    empty = wijken[~wijken["code"].isin(placed[placed > 0].index) & (totals.reindex(wijken["code"]).to_numpy() > 0)]
    if len(empty):
        lines.append("wijken zonder woongebouwen in OSM (inwoners niet geplaatst) / wijken without residential "
                     "buildings: " + "; ".join(f"{r['name']} ({getal(r['population'])} inwoners)"
                                               for _, r in empty.iterrows()))
    for _, g in gemeenten.iterrows():
        mine = wijken[wijken["gemeente_code"] == g["code"]]
        diff = float(g["population"]) - float(mine["population"].sum())
        if abs(diff) >= 0.5:
            lines.append(f"{g['name']}: CBS-wijkcijfers (afgerond op 5) tellen op tot "
                         f"{getal(mine['population'].sum())}, "
                         f"gemeente {getal(g['population'])}; verschil naar rato over de wijken verdeeld / "
                         "rounding difference spread over the wijken")
    if fallback:
        lines.append("leeftijdsopbouw van de gemeente gebruikt voor (CBS-aandelen ontbreken of zijn afgerond) / "
                     "gemeente age shares used for: " + ", ".join(fallback))
    return lines


def kern_figures(kernen: gpd.GeoDataFrame, b: pd.DataFrame, cat: Catalogue) -> gpd.GeoDataFrame:
    """Kernen with ``inwoners`` (sum of their buildings), ``bevolking_bron``, ``wijk_code`` (the wijk where most
    of them live) and age-group counts."""
    k = kernen.copy()
    members = b[b["kern_id"].notna()]
    sums = members.groupby("kern_id")[["inwoners", *cat.leeftijd_kolommen()]].sum()
    k["inwoners"] = k["kern_id"].map(sums["inwoners"]).fillna(0.0).round().astype(int)
    k["bevolking_bron"] = BRON
    by_wijk = members.groupby(["kern_id", "wijk_code"])["inwoners"].sum().reset_index()
    main = by_wijk.sort_values("inwoners").groupby("kern_id").tail(1).set_index("kern_id")["wijk_code"]
    k["wijk_code"] = k["kern_id"].map(main)
    for col in cat.leeftijd_kolommen():
        k[col] = k["kern_id"].map(sums[col]).fillna(0.0)
    return k
