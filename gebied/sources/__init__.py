"""Readers of outside data: OSM extracts (pyosmium), routable networks (osmnx), rasters (rasterio)
and the optional online path (Overpass).

May use ``core`` only. Returns plain (Geo)DataFrames; knows nothing of kernen or scenario's.
"""
