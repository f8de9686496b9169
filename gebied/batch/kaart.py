"""The batch's summary map: every finished area's kernen on one map, coloured by reachability.

Reads the ``<uit>/<area>/kernen.parquet`` files a batch wrote (each in its own analysis CRS), draws
them in WGS 84 with each kern sized by its inhabitants and coloured by the share within the norm of
the first voorziening all areas report (basisonderwijs where present), and credits the sources.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from gebied.core.io import atomic_path

CREDITS = "© OpenStreetMap contributors (ODbL); CBS (CC BY 4.0) waar gebruikt"


def summary_map(uit: Path, path: Path, soort: str = "basisonderwijs") -> Path | None:
    """Draw the summary map of a batch folder to ``path`` (PNG); None when no area has kernen to show."""
    frames = []
    for f in sorted(Path(uit).glob("*/kernen.parquet")):
        try:
            k = gpd.read_parquet(f)
        except (OSError, ValueError):
            continue
        if len(k) and k.crs is not None:
            frames.append(k.to_crs(4326).assign(gebied=f.parent.name))
    if not frames:
        return None
    allk = pd.concat(frames, ignore_index=True)
    cols = [c for c in allk.columns if c.startswith("binnen_norm_") and c.endswith("_pct")]
    col = f"binnen_norm_{soort}_pct" if f"binnen_norm_{soort}_pct" in cols else (cols[0] if cols else None)
    pts = gpd.GeoDataFrame(allk, geometry=allk.geometry.representative_point(), crs=4326)
    # a Figure without pyplot: no global state in a worker, and no drawing after each layer geopandas plots
    fig = Figure(figsize=(10, 8), dpi=150)
    ax = fig.add_subplot()
    size = 8 + 120 * (pts["inwoners"].astype(float) / max(float(pts["inwoners"].max()), 1.0))
    if col is not None:
        pts.plot(ax=ax, column=col, cmap="RdYlGn", vmin=0, vmax=100, markersize=size, legend=True,
                 legend_kwds={"label": f"Inwoners binnen de norm, {col[12:-4].replace('_', ' ')} (%)", "shrink": 0.6},
                 edgecolor="#333333", linewidth=0.3, missing_kwds={"color": "#bbbbbb"})
    else:
        pts.plot(ax=ax, markersize=size, color="#4477aa")
    for name, group in allk.groupby("gebied"):  # each area: the outline of its kernen and its name
        hull = group.geometry.union_all().convex_hull
        gpd.GeoSeries([hull], crs=4326).boundary.plot(ax=ax, color="#666666", linewidth=0.6, linestyle="--")
        ax.annotate(str(name), (hull.centroid.x, hull.bounds[3]), xytext=(0, 8), textcoords="offset points",
                    ha="center", fontsize=9, color="#222222")
    ax.set_title(f"Batch: {pts['gebied'].nunique()} gebieden, {len(pts)} kernen", fontsize=12, pad=14)
    ax.margins(0.12)
    ax.set_aspect(1.0 / max(0.2, float(np.cos(np.radians(pts.geometry.y.mean())))))
    ax.set_axis_off()
    fig.text(0.01, 0.01, CREDITS, fontsize=7, color="#444444")
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="png", bbox_inches="tight")
    return path
