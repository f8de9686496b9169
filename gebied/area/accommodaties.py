"""Accommodaties (buildings hosting voorzieningen) and voorzieningen (what takes place in them).

An accommodatie is a building; a voorziening is a function in it. Both are derived
from OSM objects that the catalogue classifies, then merged:

- a classified point inside a building makes that building the accommodatie;
- a classified area without a building tag (school grounds, a sports park) is one
  accommodatie whose floor area is that of the buildings on it;
- a classified building that lies on such grounds, or holds such a point, is absorbed.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from gebied.core.catalogue import Catalogue

ACCOMMODATIE_COLUMNS = [
    "accommodatie_id", "naam", "categorie", "adres", "kern_id", "kern_afstand_m", "m2", "m2_bron",
    "bouwlagen", "exploitatielasten", "bezettingsgraad", "eigenaar", "bouwjaar", "staat",
    "bron", "geometry",
]


def derive_accommodaties(
    pois: gpd.GeoDataFrame,
    buildings: gpd.GeoDataFrame,
    kernen: gpd.GeoDataFrame,
    catalogue: Catalogue,
    max_distance: float,
    streets: gpd.GeoDataFrame | None = None,
) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """Accommodaties and their voorzieningen from classified OSM objects.

    Parameters
    ----------
    pois
        Projected classified points and non-building areas (``osm_id``, ``categorie``, tags).
    buildings
        Projected buildings with ``categorie`` (None when not an accommodatie) and ``levels``.
    kernen
        Projected kern polygons (``kern_id``).
    catalogue
        Categories and their default voorzieningen.
    max_distance
        An accommodatie outside every kern joins the nearest kern within this
        distance (m); farther away it is ``buitengebied`` (``kern_id`` None).
    streets
        Named streets (``name``, lines), to name an unnamed accommodatie without an address after
        the street it stands on ("School Triesen, Landstrasse").

    Returns
    -------
    accommodaties
        Point geometries (a representative point of the building), one row per
        accommodatie, with floor area ``m2`` (footprint × levels; 1 level assumed
        where unknown, see ``m2_bron``) and the other columns of
        :data:`ACCOMMODATIE_COLUMNS` (overrides fill cost, occupancy etc.).
    voorzieningen
        One row per (accommodatie, voorziening): ``accommodatie_id``, ``voorziening``, ``bron``.
    """
    b = buildings[["osm_id", "categorie", "levels", "name", "geometry"]].copy()
    b["adres"] = _address(buildings)
    b["footprint"] = b.geometry.area
    col = _Collector(catalogue, b)
    areas = pois[~pois.geometry.geom_type.isin(["Point"])]
    points = pois[pois.geometry.geom_type.isin(["Point"])]
    col.grounds(areas)
    col.points(points, areas)
    col.buildings()
    return _finish(col, b.crs, kernen, catalogue, max_distance, streets)


class _Collector:
    """Accommodaties and their voorzieningen as they are found, in the three steps of the module docstring."""

    def __init__(self, catalogue: Catalogue, buildings: gpd.GeoDataFrame) -> None:
        self.catalogue = catalogue
        self.b = buildings
        self.items: dict[str, dict] = {}
        self.vz: dict[str, list[str]] = {}
        self.absorbed: set[str] = set()

    def add(self, key: str, name: object, cat: str, geom: object, m2: float, levels: object, m2_bron: str,
            adres: object = None) -> None:
        self.items[key] = {"accommodatie_id": key, "naam": name if isinstance(name, str) else None,
                           "categorie": cat, "m2": m2, "bouwlagen": levels, "m2_bron": m2_bron, "geometry": geom,
                           "adres": adres if isinstance(adres, str) and adres else None}
        self.vz.setdefault(key, [])
        for v in self.catalogue.voorzieningen_for(cat, self.items[key]["naam"]):
            if v not in self.vz[key]:
                self.vz[key].append(v)

    def merge(self, key: str, poi: pd.Series) -> None:
        _merge(self.items[key], self.vz[key], poi, self.catalogue)

    def building_m2(self, osm_ids: object) -> tuple[float, str]:
        """Floor area of buildings (footprint × levels, 1 level where unknown) and its source."""
        rows = self.b[self.b["osm_id"].isin(osm_ids if isinstance(osm_ids, (list, set, pd.Series)) else [osm_ids])]
        if rows.empty:
            return np.nan, "onbekend"
        levels = rows["levels"].astype(float)
        m2 = float((rows["footprint"] * levels.fillna(1.0)).sum())
        return round(m2), ("osm" if levels.notna().all() else "geschat (1 bouwlaag)")

    def grounds(self, areas: gpd.GeoDataFrame) -> None:
        """1. classified grounds (school yards, sports parks): one accommodatie with the buildings on it."""
        if areas.empty:
            return
        on = gpd.sjoin(self.b, areas[["osm_id", "geometry"]].rename(columns={"osm_id": "area_id"}), predicate="within")
        for _, a in areas.iterrows():
            members = on.loc[on["area_id"] == a["osm_id"], "osm_id"]
            m2, src = self.building_m2(members)
            self.add(a["osm_id"], a.get("name"), a["categorie"], a.geometry, m2, None, src, _poi_address(a))
            self.absorbed.update(members)

    def points(self, points: gpd.GeoDataFrame, areas: gpd.GeoDataFrame) -> None:
        """2. classified points: merged into their grounds or building, or standing alone."""
        if points.empty:
            return
        hit = gpd.sjoin(points, self.b[["osm_id", "geometry"]].rename(columns={"osm_id": "b_id"}),
                        predicate="within", how="left")
        hit = hit[~hit.index.duplicated()]
        ground_hit = (gpd.sjoin(points, areas[["osm_id", "geometry"]].rename(columns={"osm_id": "a_id"}),
                                predicate="within", how="left") if not areas.empty else None)
        for i, p in hit.iterrows():
            if ground_hit is not None:
                a_ids = ground_hit.loc[[i], "a_id"].dropna()
                if len(a_ids) and a_ids.iloc[0] in self.items:
                    self.merge(a_ids.iloc[0], p)
                    continue
            bid = p["b_id"]
            if isinstance(bid, str) and bid not in self.absorbed:
                if bid in self.items:
                    self.merge(bid, p)
                    continue
                row = self.b[self.b["osm_id"] == bid].iloc[0]
                m2, src = self.building_m2(bid)
                self.add(bid, p.get("name") or row["name"], p["categorie"], row.geometry, m2, row["levels"], src,
                         _poi_address(p) or row["adres"])
                self.absorbed.add(bid)
            else:
                self.add(p["osm_id"], p.get("name"), p["categorie"], p.geometry, np.nan, None, "onbekend",
                         _poi_address(p))

    def buildings(self) -> None:
        """3. classified buildings not yet absorbed."""
        for _, row in self.b[self.b["categorie"].notna() & ~self.b["osm_id"].isin(self.absorbed)].iterrows():
            if row["osm_id"] in self.items:
                continue
            m2, src = self.building_m2(row["osm_id"])
            self.add(row["osm_id"], row["name"], row["categorie"], row.geometry, m2, row["levels"], src, row["adres"])


def _finish(col: _Collector, crs: object, kernen: gpd.GeoDataFrame, catalogue: Catalogue,
            max_distance: float, streets: gpd.GeoDataFrame | None) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """The collected accommodaties as a layer (points, kern, default names) and their voorzieningen."""
    acc = gpd.GeoDataFrame(list(col.items.values()), geometry="geometry", crs=crs) if col.items else \
        gpd.GeoDataFrame({c: [] for c in ACCOMMODATIE_COLUMNS if c != "geometry"}, geometry=[], crs=crs)
    acc["geometry"] = acc.geometry.representative_point()
    acc["kern_id"], acc["kern_afstand_m"] = assign_kern(acc, kernen, max_distance)
    _default_names(acc, kernen, catalogue, streets)
    acc["bron"] = "osm"
    for c in ("exploitatielasten", "bezettingsgraad", "bouwjaar"):
        acc[c] = np.nan
    for c in ("eigenaar", "staat"):
        acc[c] = None
    acc = acc[ACCOMMODATIE_COLUMNS].sort_values(["kern_id", "categorie", "naam"], na_position="last")
    acc = acc.reset_index(drop=True)
    rows = [{"accommodatie_id": k, "voorziening": v, "bron": "osm"} for k in acc["accommodatie_id"] for v in col.vz[k]]
    return acc, pd.DataFrame(rows, columns=["accommodatie_id", "voorziening", "bron"])


def _merge(item: dict, vz: list[str], poi: pd.Series, catalogue: Catalogue) -> None:
    """Merge a classified point into an existing accommodatie (name, voorzieningen)."""
    if not item["naam"] and isinstance(poi.get("name"), str):
        item["naam"] = poi["name"]
    for v in catalogue.voorzieningen_for(poi["categorie"], poi.get("name")):
        if v not in vz:
            vz.append(v)


def assign_kern(points: gpd.GeoDataFrame, kernen: gpd.GeoDataFrame,
                max_distance: float) -> tuple[list[str | None], np.ndarray]:
    """The kern of each point: the one containing it, else the nearest within ``max_distance``.

    Returns
    -------
    kern_id, distance
        Arrays aligned with ``points``: kern id (None for buitengebied) and the
        distance to that kern's outline in metres (0 inside).
    """
    if points.empty or kernen.empty:
        return [None] * len(points), np.full(len(points), np.nan)
    j = gpd.sjoin_nearest(points[["geometry"]], kernen[["kern_id", "geometry"]], how="left",
                          max_distance=max_distance, distance_col="d")
    j = j[~j.index.duplicated()]
    kid = j["kern_id"].where(j["kern_id"].notna(), None)
    return kid.tolist(), j["d"].round(1).to_numpy()


def _address(rows: pd.DataFrame) -> pd.Series:
    """``"Dorpsstraat 12"`` from the OSM address tags, None where they are missing."""
    street = rows["addr:street"] if "addr:street" in rows else pd.Series(None, index=rows.index)
    number = rows["addr:housenumber"] if "addr:housenumber" in rows else pd.Series(None, index=rows.index)
    return pd.Series([f"{s} {n}".strip() if isinstance(s, str) else None for s, n in
                      zip(street, number.fillna(""))], index=rows.index, dtype=object)


def _poi_address(poi: pd.Series) -> str | None:
    street, number = poi.get("addr:street"), poi.get("addr:housenumber")
    return f"{street} {number if isinstance(number, str) else ''}".strip() if isinstance(street, str) else None


def _default_names(acc: gpd.GeoDataFrame, kernen: gpd.GeoDataFrame, catalogue: Catalogue,
                   streets: gpd.GeoDataFrame | None = None, street_m: float = 150.0) -> None:
    """Name unnamed accommodaties after category and address ('School Dorpsstraat 4'), else category, kern
    and the nearest named street within ``street_m`` ('School Triesen, Landstrasse'); numbered if still alike."""
    kern_naam = dict(zip(kernen["kern_id"], kernen["naam"]))
    unnamed = acc.index[acc["naam"].isna()]
    near = pd.Series(None, index=acc.index, dtype=object)
    if streets is not None and not streets.empty and len(unnamed):
        j = gpd.sjoin_nearest(acc.loc[unnamed, ["geometry"]], streets[["name", "geometry"]], how="left",
                              max_distance=street_m)
        j = j[~j.index.duplicated()]
        near.loc[j.index] = j["name"]
    seen: dict[str, int] = {}
    for i in unnamed:
        label = catalogue.categorie(acc.at[i, "categorie"]).label.split(" /")[0].split(" (")[0]
        adres, street = acc.at[i, "adres"], near.at[i]
        kern = kern_naam.get(acc.at[i, "kern_id"], "buitengebied")
        if isinstance(adres, str) and adres:
            base = f"{label} {adres}"
        else:
            base = f"{label} {kern}" + (f", {street.split(';')[0]}" if isinstance(street, str) and street else "")
        seen[base] = seen.get(base, 0) + 1
        acc.at[i, "naam"] = base if seen[base] == 1 else f"{base} ({seen[base]})"
