"""The study area as a set of layers, derived from an OSM extract.

:func:`derive_area` turns an extract plus its configuration into an :class:`Area`
(all layers in the analysis CRS); :mod:`gebied.area.store` saves and loads it, and
:func:`gebied.area.store.load_area` is what the app and the CLI call.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import geopandas as gpd
import pandas as pd
import shapely

from gebied.area import bevolking
from gebied.area.accommodaties import assign_kern, derive_accommodaties
from gebied.area.kernen import derive_kernen
from gebied.area.model import Area, empty_layer
from gebied.area.overrides import apply_overrides, read_overrides
from gebied.core.catalogue import Catalogue, load_catalogue
from gebied.core.config import AreaConfig
from gebied.core.crs import RD_NEW, WGS84, analysis_crs
from gebied.core.errors import GebiedError
from gebied.sources import cbs
from gebied.sources.network import NETWORKS, Network, projected, start_networks
from gebied.sources.osm import OsmData, place_tag_report, read_osm


def _outline(data: OsmData, config: AreaConfig, gemeenten: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The area outline: the CBS gemeenten, else the configured OSM boundary, else the hull of the buildings."""
    if not gemeenten.empty:
        geom = gemeenten.to_crs(WGS84).geometry.union_all()
    elif config.grens is not None:
        b = data.boundaries
        hit = b[(b["name"] == config.grens.naam) & (b["admin_level"].astype(str) == config.grens.admin_level)]
        if hit.empty:
            raise GebiedError(
                f"Grens '{config.grens.naam}' (admin_level {config.grens.admin_level}) niet gevonden in het extract.",
                f"Boundary '{config.grens.naam}' (admin_level {config.grens.admin_level}) not found in the extract.",
                config.extract)
        geom = hit.geometry.union_all()
    else:
        src = data.buildings if not data.buildings.empty else data.places
        if src.empty:
            raise GebiedError(
                "Het extract bevat geen gebouwen en geen plaatsnamen: er zijn geen kernen te maken.",
                "The extract holds no buildings and no place nodes: no kernen can be made.",
                config.extract)
        geom = src.geometry.union_all().convex_hull
    return gpd.GeoDataFrame({"naam": [config.naam]}, geometry=[geom], crs=WGS84)


def _inside(gdf: gpd.GeoDataFrame, outline: shapely.Geometry) -> gpd.GeoDataFrame:
    if gdf.empty:
        return gdf
    return gdf[gdf.geometry.representative_point().within(outline)]


def derive_area(config: AreaConfig, catalogue: Catalogue | None = None) -> Area:
    """Derive every layer of an area from its OSM extract (no overrides, no I/O beyond reading).

    The networks are read in worker processes (:func:`start_networks`) while :func:`derive_layers` derives the
    rest; :mod:`gebied.area.bouw` does the same in stages it can save and resume.

    Raises
    ------
    GebiedError
        For a bad extract, an extract with nothing to make kernen from, or no network.
    """
    _check_extract(config)
    pending = start_networks(config.extract, config.snelheden, config.netwerk_graphml)  # in workers, if large
    layers = derive_layers(config, catalogue)
    return with_networks(layers, {name: network_of(net(), name, layers) for name, net in pending.items()})


def _check_extract(config: AreaConfig) -> None:
    if config.extract.suffix == ".graphml":
        raise GebiedError(
            "Een GraphML-bestand bevat alleen een netwerk; geef een OSM-extract op en zet de GraphML "
            "onder 'netwerk_graphml'.",
            "A GraphML file holds only a network; give an OSM extract and put the GraphML under "
            "'netwerk_graphml'.", config.extract)


def derive_layers(config: AreaConfig, catalogue: Catalogue | None = None) -> Area:
    """Every layer of an area but its networks (``netwerken`` empty): kernen, population, accommodaties,
    voorzieningen, base layers and roads. What a map of the area needs, in a fraction of a build's time.

    Raises
    ------
    GebiedError
        For a bad extract or an extract with nothing to make kernen from.
    """
    _check_extract(config)
    catalogue = catalogue or load_catalogue()
    data = read_osm(config.extract, catalogue)
    rapport = list(data.missing)
    gemeenten, wijken = _cbs_layers(config)
    outline = _outline(data, config, gemeenten)
    shape = outline.geometry.iloc[0]
    crs = analysis_crs(shape.centroid.x, shape.centroid.y) if config.crs == "auto" else config.crs
    gemeenten, wijken = gemeenten.to_crs(crs), wijken.to_crs(crs)
    places = _inside(data.places, shape)
    kernen, b = _kernen(data, shape, places, config, crs)
    if gemeenten.empty:
        kernen["gemeente"] = _gemeente(kernen, data.boundaries, crs)
        rapport += place_tag_report(data.places) + _population_report(kernen, places)
        bron = "geschat"
    else:
        b, lines = bevolking.spread(b, _inside(data.addresses, shape).to_crs(crs), wijken, gemeenten, catalogue)
        kernen = bevolking.kern_figures(kernen, b, catalogue)
        kernen["gemeente"], kernen["gemeente_code"] = _cbs_gemeente(kernen, gemeenten)
        rapport += lines
        bron = bevolking.BRON
    wegen = data.roads.to_crs(crs)
    streets = wegen[wegen["name"].notna()][["name", "geometry"]]
    pois = _inside(data.pois, shape).to_crs(crs)
    acc, vz = derive_accommodaties(pois, b, kernen, catalogue, config.kern.max_afstand_accommodatie_m, streets)
    keep = ["osm_id", "woningen", "inwoners", "kern_id",
            *[c for c in ("wijk_code", *catalogue.leeftijd_kolommen()) if c in b], "geometry"]
    gebouwen = b[b["woningen"] > 0][keep].copy()
    gebouwen["geometry"] = gebouwen.geometry.representative_point()
    polygons = gemeenten if not gemeenten.empty else _osm_gemeenten(data.boundaries, crs)
    acc["gemeente"] = gemeente_of(acc, kernen, polygons)
    gebouwen["gemeente"] = gemeente_of(gebouwen, kernen, polygons)
    return Area(
        config=config, crs=crs, kernen=kernen.reset_index(drop=True), accommodaties=acc,
        voorzieningen=vz, gebouwen=gebouwen.reset_index(drop=True), grens=outline.to_crs(crs),
        water=data.water.to_crs(crs), landgebruik=data.landuse.to_crs(crs),
        waterlopen=data.waterways.to_crs(crs), netwerken={}, wegen=wegen, gemeenten=gemeenten, wijken=wijken,
        rapport=rapport, meta={"inwoners_per_woning": kernen.attrs.get("inwoners_per_woning"), "bevolking_bron": bron},
    )


def _cbs_layers(config: AreaConfig) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """The CBS gemeenten and wijken of a Dutch area (EPSG:28992); empty layers for any other area."""
    if config.cbs is None:
        return empty_layer(RD_NEW), empty_layer(RD_NEW)
    gemeenten = cbs.read_boundaries("muni", config.cbs.gemeenten, config.cbs.map)
    missing = sorted(set(config.cbs.gemeenten) - set(gemeenten["code"]))
    if missing:
        raise GebiedError(f"Onbekende CBS-gemeentecode(s): {', '.join(missing)}.",
                          f"Unknown CBS gemeente code(s): {', '.join(missing)}.", config.config_path)
    return gemeenten, cbs.wijken(config.cbs.gemeenten, config.cbs.map)


def _cbs_gemeente(kernen: gpd.GeoDataFrame, gemeenten: gpd.GeoDataFrame) -> tuple[list[str], list[str]]:
    """Name and CBS code of the gemeente each kern lies in (by its representative point)."""
    pts = gpd.GeoDataFrame(geometry=kernen.representative_point())
    j = gpd.sjoin_nearest(pts, gemeenten[["code", "name", "geometry"]], how="left")
    j = j[~j.index.duplicated()]
    return j["name"].tolist(), j["code"].tolist()


def _kernen(data: OsmData, shape: shapely.Geometry, places: gpd.GeoDataFrame, config: AreaConfig,
            crs: str) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Kernen and buildings (with dwellings and inhabitants) inside the outline; a clear error where there are none."""
    buildings = _inside(data.buildings, shape)
    if buildings.empty:
        raise GebiedError(
            "Er liggen geen gebouwen in het gebied: er zijn geen kernen te maken.",
            "There are no buildings in the area: no kernen can be made.", config.extract)
    kernen, b = derive_kernen(buildings.to_crs(crs), places.to_crs(crs), config, data.landuse.to_crs(crs))
    if kernen.empty:
        raise GebiedError(
            "Geen enkele groep woningen voldoet aan de kerndefinitie (≥ 25 adressen of ≥ 50 inwoners).",
            "No group of dwellings meets the kern definition (≥ 25 addresses or ≥ 50 inhabitants).",
            config.extract)
    return kernen, b


def _osm_gemeenten(boundaries: gpd.GeoDataFrame, crs: str) -> gpd.GeoDataFrame:
    """The gemeente polygons (OSM admin_level 8) of an extract, with ``name``."""
    return boundaries[boundaries["admin_level"].astype(str) == "8"][["name", "geometry"]].to_crs(crs)


def gemeente_of(frame: gpd.GeoDataFrame, kernen: gpd.GeoDataFrame, polygons: gpd.GeoDataFrame) -> list[str]:
    """The gemeente of each point of ``frame``: its kern's, else the polygon it lies in, else ``""``."""
    by_kern = dict(zip(kernen["kern_id"], kernen["gemeente"].fillna("")))
    out = [by_kern.get(k, "") if isinstance(k, str) else "" for k in frame["kern_id"]]
    todo = [i for i, g in enumerate(out) if not g]
    if todo and not polygons.empty:
        pts = gpd.GeoDataFrame(geometry=frame.geometry.iloc[todo].representative_point().values, crs=frame.crs)
        j = gpd.sjoin(pts, polygons[["name", "geometry"]], predicate="within", how="left")
        j = j[~j.index.duplicated()]
        for pos, name in zip(j.index, j["name"]):
            out[todo[pos]] = name if isinstance(name, str) else ""
    return out


def _gemeente(kernen: gpd.GeoDataFrame, boundaries: gpd.GeoDataFrame, crs: str) -> pd.Series:
    """The gemeente (OSM admin_level 8) each kern lies in, None where the extract has no such boundary."""
    out = pd.Series([None] * len(kernen), index=kernen.index, dtype=object)
    gemeenten = boundaries[boundaries["admin_level"].astype(str) == "8"]
    if not gemeenten.empty:
        j = gpd.sjoin(kernen.assign(geometry=kernen.representative_point())[["kern_id", "geometry"]],
                      gemeenten.to_crs(crs)[["name", "geometry"]], predicate="within")
        j = j[~j.index.duplicated()]
        out.loc[j.index] = j["name"]
    return out


def _population_report(kernen: gpd.GeoDataFrame, places: gpd.GeoDataFrame) -> list[str]:
    """Data notes: places without a kern, how many kernen are estimated, OSM populations that look too high."""
    lines = []
    known_places = places[places["place"].isin(("city", "town", "village", "hamlet")) & places["name"].notna()]
    missing_places = sorted(set(known_places["name"]) - set(kernen["naam"]))
    if missing_places:
        lines.append("plaatsen zonder eigen kern (te weinig woningen in het extract) / places without a kern: "
                     + ", ".join(missing_places))
    per_dwelling = kernen.attrs.get("inwoners_per_woning")
    geschat = int((kernen["bevolking_bron"] == "geschat").sum())
    lines.append(f"{geschat} van {len(kernen)} kernen: inwoners geschat ({per_dwelling:.2f} inwoners per "
                 f"geschatte woning) / {geschat} of {len(kernen)} kernen: population estimated")
    dense = kernen[(kernen["bevolking_bron"] == "osm") & (kernen["inwoners"] > 6 * kernen["woningen"])]
    for _, k in dense.iterrows():
        lines.append(f"{k['naam']}: OSM-inwonertal {k['inwoners']} bij {k['woningen']:.0f} woningen; "
                     "gebouwen onvolledig in het extract? / buildings incomplete in the extract?")
    return lines


def network_of(net: Network, name: str, layers: Area) -> Network:
    """The routable network ``name`` of an area, read in lon/lat (:func:`start_networks`), in the area's CRS."""
    return projected(net, layers.crs)


def netwerk_opmerkingen(net: Network) -> list[str]:
    """Data notes on a network: dropped disconnected parts, and large parts kept apart from the rest."""
    lines = []
    name = net.name
    if net.dropped["delen"]:
        lines.append(f"netwerk {name}: {net.dropped['delen']} losse delen weggelaten "
                     f"({net.dropped['knopen']} knopen, {net.dropped['kanten']} kanten) / "
                     f"{net.dropped['delen']} disconnected parts dropped")
    if net.dropped["apart"]:
        n, k = net.dropped["apart"], net.dropped["apart_knopen"]
        lines.append(f"netwerk {name}: {n} {'deel' if n == 1 else 'delen'} ({k} knopen) niet verbonden met de "
                     f"rest: tussen de delen is geen route (onbereikbaar) / {n} part(s) ({k} nodes) not "
                     f"connected to the rest: no routes between the parts (unreachable)")
    return lines


def with_networks(layers: Area, netwerken: Mapping[str, Network]) -> Area:
    """The area of :func:`derive_layers` with its networks (a new Area), their data notes added."""
    rapport = list(layers.rapport)
    for name in NETWORKS:
        if name in netwerken:
            rapport += netwerk_opmerkingen(netwerken[name])
    return dataclasses.replace(layers, netwerken=dict(netwerken), rapport=rapport)


def with_overrides(area: Area, catalogue: Catalogue | None = None) -> Area:
    """The area with its configured overrides file merged in (a new Area)."""
    if area.config.overrides is None:
        return area
    catalogue = catalogue or load_catalogue()
    table = read_overrides(area.config.overrides, catalogue)
    return merge_overrides(area, table, catalogue)


def merge_overrides(area: Area, table: pd.DataFrame, catalogue: Catalogue | None = None, strict: bool = False) -> Area:
    """The area with a validated overrides table merged in (a new Area).

    Rows naming an accommodatie the area does not have (and no location to add it) are reported in the
    area's data notes; with ``strict`` (an upload) they are an error listing each row, and nothing changes.
    """
    catalogue = catalogue or load_catalogue()
    res = apply_overrides(area.accommodaties, area.voorzieningen, table, catalogue)
    if strict and res.onbekende_ids:
        rows = table.reset_index(drop=True)
        raise GebiedError(
            "Het bestand noemt accommodaties die niet in dit gebied bestaan; er is niets gewijzigd.",
            "The file names accommodaties this area does not have; nothing was changed.",
            problems=[f"regel {i + 2}: accommodatie_id '{aid}' bestaat niet in {area.config.naam} (een nieuwe "
                      "accommodatie heeft lon, lat en categorie nodig) / does not exist"
                      for i, aid in enumerate(rows["accommodatie_id"]) if aid in set(res.onbekende_ids)])
    acc = res.accommodaties
    new = acc["kern_id"].isna() & acc["accommodatie_id"].isin(res.toegevoegd)
    if new.any():
        kid, dist = assign_kern(acc[new], area.kernen, area.config.kern.max_afstand_accommodatie_m)
        acc.loc[new, "kern_id"] = kid
        acc.loc[new, "kern_afstand_m"] = dist
    if "gemeente" in acc and acc["accommodatie_id"].isin(res.toegevoegd).any():
        added = acc["accommodatie_id"].isin(res.toegevoegd)
        acc.loc[added, "gemeente"] = gemeente_of(acc[added], area.kernen, area.gemeenten)
    rapport = list(area.rapport)
    if res.onbekende_ids:
        rapport.append("overrides: onbekende accommodatie_id's genegeerd / unknown ids ignored: "
                       + ", ".join(res.onbekende_ids))
    if res.toegevoegd:
        rapport.append("overrides: nieuwe accommodaties toegevoegd / added: " + ", ".join(res.toegevoegd))
    return Area(**{**area.__dict__, "accommodaties": acc, "voorzieningen": res.voorzieningen,
                   "rapport": rapport})
