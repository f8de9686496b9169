"""Kernen (village cores) after the CBS definition of *Bevolkingskernen*.

CBS: dwellings less than 200 m apart form one kern; a kern has at least 25
addresses or 50 inhabitants. Here the dwellings are OSM residential buildings.
A built-up cluster that holds several named places (Vaduz and Schaan grown
together, say) is split between them, as a planner names them separately.
"""

from __future__ import annotations

from collections.abc import Iterator

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from gebied.core.config import AreaConfig, KernRegels
from gebied.sources.osm import PLACE_KERN, PLACE_NAME_ONLY

#: Building types that house people; ``yes`` counts when it is not a POI.
RESIDENTIAL = {
    "yes", "house", "residential", "apartments", "detached", "semidetached_house", "terrace",
    "bungalow", "farm", "dormitory", "houseboat", "static_caravan",
}
_MULTI_DWELLING = {"apartments", "residential", "dormitory"}
_NONRES_LANDUSE = {"industrial", "commercial", "retail"}
_PLACE_RANK = {p: i for i, p in enumerate(PLACE_KERN)}
M2_PER_DWELLING = 85.0  # gross floor area per dwelling in a multi-dwelling building (m²)


def dwellings(buildings: gpd.GeoDataFrame) -> pd.Series:
    """Estimated dwellings (woningen) per building, 0 for non-residential buildings.

    Single-family types count 1; multi-dwelling types and large ``building=yes``
    count floor area (footprint × levels, 2 levels assumed) / 85 m². Buildings
    smaller than 30 m² (50 m² for untyped ones: sheds, garages) and POIs count 0.

    Parameters
    ----------
    buildings
        Projected (metric) buildings with ``building``, ``levels``, ``categorie``.
    """
    area = buildings.geometry.area
    btype = buildings["building"].fillna("yes")
    levels = buildings["levels"].astype(float).fillna(2.0)
    multi = np.maximum(1.0, np.round(area * levels * 0.75 / M2_PER_DWELLING))
    res = btype.isin(RESIDENTIAL) & buildings["categorie"].isna() & (area >= 30)
    res &= (btype != "yes") | (area >= 50)  # small untyped buildings: garages, sheds
    if "amenity" in buildings:
        res &= buildings["amenity"].isna()
    big_yes = (btype == "yes") & (area > 400)
    n = np.where(btype.isin(_MULTI_DWELLING) | big_yes, multi, 1.0)
    return pd.Series(np.where(res, n, 0.0), index=buildings.index)


def _clusters(points: np.ndarray, distance: float) -> np.ndarray:
    """Connected-component labels of points closer than ``distance`` (m)."""
    from scipy.sparse import coo_matrix  # here: loading a built area (the app's first page) needs no SciPy
    from scipy.sparse.csgraph import connected_components

    tree = shapely.STRtree(shapely.points(points))
    left, right = tree.query(shapely.points(points), predicate="dwithin", distance=distance)
    n = len(points)
    graph = coo_matrix((np.ones(len(left), dtype=np.int8), (left, right)), shape=(n, n))
    return connected_components(graph, directed=False)[1]


def _outline(geoms: gpd.GeoSeries, distance: float) -> shapely.Geometry:
    """A smooth kern outline around buildings (buffer, union, shrink back)."""
    grown = shapely.union_all(geoms.buffer(distance / 2, quad_segs=4).values)
    return grown.buffer(-distance / 2 + 25, quad_segs=4)


def derive_kernen(
    buildings: gpd.GeoDataFrame,
    places: gpd.GeoDataFrame,
    config: AreaConfig,
    landuse: gpd.GeoDataFrame | None = None,
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Derive kernen from residential buildings and name them after place nodes.

    Parameters
    ----------
    buildings
        Projected buildings (metric CRS) with ``building``, ``levels``, ``categorie``.
    places
        Projected place nodes with ``name``, ``place``, ``population``.
    config
        The area (distance rule, thresholds, household size).
    landuse
        Projected landuse polygons; ``building=yes`` inside industrial or
        commercial land does not count as a dwelling.

    Returns
    -------
    kernen
        One polygon per kern: ``kern_id``, ``naam``, ``naam_bron``, ``woningen``,
        ``bevolking``, ``bevolking_bron`` (``osm`` or ``geschat``), ``plaats_osm_id``.
    buildings
        The input with ``woningen``, ``inwoners`` and ``kern_id`` (None for buitengebied).
    """
    rules = config.kern
    b = _residential(buildings, landuse)
    res = b[b["woningen"] > 0]
    kp = places[places["place"].isin(PLACE_KERN)].copy()
    kp["rank"] = kp["place"].map(_PLACE_RANK)
    kp["pop"] = pd.to_numeric(kp["population"].astype(str).str.replace(r"[^\d]", "", regex=True), errors="coerce")
    if res.empty:
        return _empty_kernen(b.crs), b
    pts = shapely.get_coordinates(res.geometry.representative_point().values)
    min_w = min(rules.min_adressen, rules.min_inwoners / config.huishoudgrootte)
    groups = _groups(res, pts, kp[kp["name"].notna()], rules, min_w)
    name_places = places[places["place"].isin(PLACE_NAME_ONLY) & places["name"].notna()]
    kern = _kern_frame(res, groups, kp, name_places, rules.afstand_m)
    _name_unnamed(kern, kp)
    # overlapping outlines of split clusters: the larger kern keeps the overlap
    outlines = kern.geometry.to_numpy()
    tree = shapely.STRtree(outlines)
    for i in range(1, len(kern)):
        larger = [j for j in tree.query(outlines[i], predicate="intersects") if j < i]
        if larger:
            kern.loc[i, "geometry"] = outlines[i].difference(shapely.union_all(kern.geometry.values[larger]))
    per_dwelling = occupancy(kern, config.huishoudgrootte)
    kern["bevolking_bron"] = np.where(kern["pop"].notna(), "osm", "geschat")
    kern["inwoners"] = np.where(kern["pop"].notna(), kern["pop"], np.round(kern["woningen"] * per_dwelling)).astype(
        int
    )
    for _, k in kern.iterrows():
        b.loc[k["_members"], "kern_id"] = k["kern_id"]
    b["inwoners"] = inhabitants(b, kern, per_dwelling)
    kern.attrs["inwoners_per_woning"] = per_dwelling
    cols = ["kern_id", "naam", "naam_bron", "woningen", "inwoners", "bevolking_bron", "plaats_osm_id", "geometry"]
    return kern.drop(columns=["pop", "_members"])[cols], b


def _residential(buildings: gpd.GeoDataFrame, landuse: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame:
    """The buildings with ``woningen`` (0 for untyped buildings on industrial or commercial land) and no kern yet."""
    b = buildings.copy()
    b["woningen"] = dwellings(b)
    if landuse is not None and not landuse.empty and "landuse_tag" in landuse:
        nonres = landuse[landuse["landuse_tag"].isin(_NONRES_LANDUSE)]
        inside = gpd.sjoin(b[["geometry"]], nonres[["geometry"]], predicate="within").index
        b.loc[b.index.isin(inside) & (b["building"].fillna("yes") == "yes"), "woningen"] = 0.0
    b["kern_id"] = None
    return b


def _groups(res: gpd.GeoDataFrame, pts: np.ndarray, named: gpd.GeoDataFrame, rules: KernRegels,
            min_w: float) -> list[tuple[np.ndarray, object, shapely.Geometry | None]]:
    """Clusters big enough to be a kern, split between the named places in them: (positions in ``res``, place,
    the outline when the group is the whole cluster, else None)."""
    labels = _clusters(pts, rules.afstand_m)
    clusters = [idx for lab in np.unique(labels)
                if res["woningen"].values[(idx := np.flatnonzero(labels == lab))].sum() >= min_w]
    outlines = gpd.GeoSeries([_outline(res.geometry.iloc[i], rules.afstand_m) for i in clusters], crs=res.crs)
    # each named place joins the nearest cluster within the search distance
    owner: dict[int, list] = {}
    if len(outlines):
        for pidx, geom in named.geometry.items():
            dist = outlines.distance(geom).to_numpy()
            if dist.min() <= rules.plaats_zoekafstand_m:
                owner.setdefault(int(dist.argmin()), []).append(pidx)
    groups = []
    for ci, idx in enumerate(clusters):
        inside = named.loc[owner.get(ci, [])]
        for sub, place_idx in _split(pts[idx], res["woningen"].values[idx], inside, min_w):
            whole = len(sub) == len(idx)
            groups.append((idx[sub], place_idx, outlines.iloc[ci] if whole else None))
    return groups


def _kern_frame(res: gpd.GeoDataFrame, groups: list[tuple[np.ndarray, object, shapely.Geometry | None]],
                kp: pd.DataFrame, name_places: gpd.GeoDataFrame, distance: float) -> gpd.GeoDataFrame:
    """One row per group: outline, dwellings, name and OSM population of its place; largest first, with ids."""
    rows = []
    for idx, place_idx, whole in groups:
        members = res.iloc[idx]
        outline = whole if whole is not None else _outline(members.geometry, distance)
        row = {"woningen": float(members["woningen"].sum()), "geometry": outline,
               "plaats_osm_id": None, "_members": members.index}
        if place_idx is not None:
            pl = kp.loc[place_idx]
            row.update(naam=pl["name"], naam_bron="osm", plaats_osm_id=pl["osm_id"], pop=pl["pop"])
        else:
            nm = _nearest_name(outline, name_places, distance)
            row.update(naam=nm, naam_bron="osm" if nm else "gegenereerd", pop=np.nan)
        rows.append(row)
    kern = gpd.GeoDataFrame(rows, geometry="geometry", crs=res.crs)
    kern = kern.sort_values("woningen", ascending=False).reset_index(drop=True)
    kern["kern_id"] = [f"K{i + 1:02d}" for i in range(len(kern))]
    return kern


def occupancy(kern: pd.DataFrame, household: float, min_known: int = 3) -> float:
    """Inhabitants per estimated dwelling, for kernen without an OSM population.

    Where at least ``min_known`` kernen carry an OSM population, the median of
    their population / estimated dwellings calibrates the estimate (it absorbs
    what the dwelling count gets wrong, such as barns tagged ``building=yes``),
    bounded to 0.5–2 × the configured household size so that a kern with
    incompletely mapped buildings cannot skew it; otherwise the household size.
    """
    known = kern[kern["pop"].notna() & (kern["woningen"] > 0)]
    if len(known) < min_known:
        return float(household)
    ratio = float((known["pop"] / known["woningen"]).median())
    return float(np.clip(ratio, 0.5 * household, 2.0 * household))


def inhabitants(b: pd.DataFrame, kernen: pd.DataFrame, per_dwelling: float) -> pd.Series:
    """Inhabitants per building, scaled so each kern's buildings sum to its population."""
    est = b["woningen"] * per_dwelling
    pop = kernen.set_index("kern_id")["inwoners"]
    kern_est = est.groupby(b["kern_id"]).sum()
    factor = (pop / kern_est).reindex(b["kern_id"]).to_numpy()
    return pd.Series(np.where(b["kern_id"].notna(), est * factor, est), index=b.index)


def _split(pts: np.ndarray, woningen: np.ndarray, places: pd.DataFrame,
           min_w: float) -> Iterator[tuple[np.ndarray, object]]:
    """Split one cluster between the named places in it (nearest-place rule).

    Places whose share would fall below the kern thresholds are dropped so
    their buildings join the neighbouring place. Yields ``(positions, place index)``.
    """
    places = places.sort_values(["rank", "pop"], ascending=[True, False])
    while len(places) > 1:
        pc = shapely.get_coordinates(places.geometry.values)
        d = np.hypot(pts[:, None, 0] - pc[None, :, 0], pts[:, None, 1] - pc[None, :, 1])
        owner = d.argmin(axis=1)
        share = np.bincount(owner, weights=woningen, minlength=len(places))
        if share.min() >= min_w:
            for j, pidx in enumerate(places.index):
                yield np.flatnonzero(owner == j), pidx
            return
        places = places.drop(places.index[share.argmin()])
    yield np.arange(len(pts)), (places.index[0] if len(places) else None)


def _nearest_name(outline: shapely.Geometry, name_places: gpd.GeoDataFrame, distance: float) -> str | None:
    if name_places.empty:
        return None
    near = name_places[name_places.distance(outline) <= distance / 2]
    if near.empty:
        return None
    return str(near.iloc[near.distance(outline.centroid).argmin()]["name"])


def _name_unnamed(kern: gpd.GeoDataFrame, places: gpd.GeoDataFrame) -> None:
    """Give kernen without a place name a clear generated name (in place)."""
    named = places[places["name"].notna()]
    counts: dict[str, int] = {}
    for i in kern.index[kern["naam"].isna()]:
        c = kern.geometry[i].centroid
        if named.empty:
            base = "Naamloze kern"
        else:
            near = named.iloc[named.distance(c).argmin()]
            dx, dy = c.x - near.geometry.x, c.y - near.geometry.y
            base = f"Kern {_compass(dx, dy)} van {near['name']}"
        counts[base] = counts.get(base, 0) + 1
        kern.loc[i, "naam"] = base if counts[base] == 1 else f"{base} ({counts[base]})"


def _compass(dx: float, dy: float) -> str:
    names = ["oost", "noordoost", "noord", "noordwest", "west", "zuidwest", "zuid", "zuidoost"]
    return names[int(round(np.degrees(np.arctan2(dy, dx)) / 45.0)) % 8]


def _empty_kernen(crs: object) -> gpd.GeoDataFrame:
    cols = ["kern_id", "naam", "naam_bron", "woningen", "inwoners", "bevolking_bron", "plaats_osm_id"]
    return gpd.GeoDataFrame({c: [] for c in cols}, geometry=[], crs=crs)

