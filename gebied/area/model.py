"""The study area as a set of layers: the :class:`Area` every other part of gebied reads.

:func:`gebied.area.derive.derive_area` makes one from an extract; :func:`gebied.area.store.load_area`
loads it from the build cache.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import pandas as pd

from gebied.core.config import AreaConfig
from gebied.sources.network import Network

#: The GeoDataFrame layers of an area, in save order.
LAYERS = ("kernen", "accommodaties", "gebouwen", "grens", "water", "landgebruik", "waterlopen", "gemeenten",
          "wijken", "wegen")


@dataclass
class Area:
    """Everything gebied knows about one study area.

    Attributes
    ----------
    config
        The area configuration.
    crs
        Analysis CRS (metric); every layer here is in it.
    kernen, accommodaties, gebouwen
        Kern polygons; accommodatie points; residential buildings as points with
        ``inwoners`` and ``kern_id`` (None = buitengebied).
    voorzieningen
        One row per (accommodatie_id, voorziening).
    grens, water, landgebruik, waterlopen
        Area outline and base-map layers.
    gemeenten, wijken
        CBS boundaries with their figures (population, age shares, dwellings) for a Dutch area;
        empty elsewhere.
    netwerken
        ``lopen``, ``fiets``, ``auto`` networks. In the app, while a first build is still under way, a mapping
        that waits for a network to be built when it is first asked for (see :mod:`gebied.area.bouw`).
    wegen
        Every OSM road as a line (``highway``, ``name``): the base map's roads and the street names of
        unnamed accommodaties, known before the networks are built.
    rapport
        What was missing, estimated or dropped, one line each (Dutch / English).
    meta
        Build facts (extract, dates, calibration).
    """

    config: AreaConfig
    crs: str
    kernen: gpd.GeoDataFrame
    accommodaties: gpd.GeoDataFrame
    voorzieningen: pd.DataFrame
    gebouwen: gpd.GeoDataFrame
    grens: gpd.GeoDataFrame
    water: gpd.GeoDataFrame
    landgebruik: gpd.GeoDataFrame
    waterlopen: gpd.GeoDataFrame
    netwerken: Mapping[str, Network]
    wegen: gpd.GeoDataFrame = field(default_factory=lambda: empty_layer(columns=("highway", "name")))
    gemeenten: gpd.GeoDataFrame = field(default_factory=lambda: empty_layer())
    wijken: gpd.GeoDataFrame = field(default_factory=lambda: empty_layer())
    rapport: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def is_cbs(self) -> bool:
        """Whether the population comes from CBS (a Dutch area made of CBS gemeenten)."""
        return not self.wijken.empty

    @property
    def bevolking(self) -> int:
        """All inhabitants: kernen plus buitengebied."""
        return int(round(self.gebouwen["inwoners"].sum()))


def empty_layer(crs: str | None = None, columns: tuple[str, ...] = ("code", "name")) -> gpd.GeoDataFrame:
    """An empty layer with the given columns (for a layer an area does not have)."""
    return gpd.GeoDataFrame({c: pd.Series(dtype=object) for c in columns}, geometry=[], crs=crs)
