"""Choice of the analysis coordinate reference system (CRS)."""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

RD_NEW = "EPSG:28992"
WGS84 = "EPSG:4326"

# Bounding box of the Netherlands' land area (lon/lat), generous at the coast.
_NL_BBOX = (3.2, 50.7, 7.3, 53.7)


def in_netherlands(lon: float, lat: float) -> bool:
    """Whether a lon/lat position lies in the (generous) bounding box of the Netherlands."""
    w, s, e, n = _NL_BBOX
    return bool(w <= lon <= e and s <= lat <= n)


def analysis_crs(lon: float, lat: float) -> str:
    """The metric CRS to analyse an area whose centre is at ``lon``, ``lat``.

    EPSG:28992 (RD New) inside the Netherlands, otherwise the WGS 84 / UTM
    zone of the centre (EPSG:326xx north, 327xx south).

    Parameters
    ----------
    lon, lat
        Centre of the area in degrees (EPSG:4326).

    Returns
    -------
    str
        An ``"EPSG:nnnnn"`` code.
    """
    if in_netherlands(lon, lat):
        return RD_NEW
    zone = int(math.floor((lon + 180.0) / 6.0)) % 60 + 1
    return f"EPSG:{(32600 if lat >= 0 else 32700) + zone}"


#: The sphere of Web Mercator (EPSG:3857), metres.
_R = 6378137.0
#: The width of the Web Mercator world (m): a deck.gl map at zoom z shows it 512·2^z pixels wide.
WERELD_M = 2 * math.pi * _R


def to_web_mercator(lon: ArrayLike, lat: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Lon/lat (degrees) to Web Mercator (EPSG:3857, metres), by its formula: no projection library, which sets
    itself up anew in every thread (and every app run is one, ~0.01 s a transformer)."""
    rlon, rlat = np.radians(np.asarray(lon, dtype=float)), np.radians(np.asarray(lat, dtype=float))
    return _R * rlon, _R * np.log(np.tan(np.pi / 4 + rlat / 2))


def from_web_mercator(x: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Web Mercator (metres) to lon/lat (degrees): the inverse of :func:`to_web_mercator`."""
    ax, ay = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    return np.degrees(ax / _R), np.degrees(2 * np.arctan(np.exp(ay / _R)) - np.pi / 2)
