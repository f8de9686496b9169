"""The sparse reach of a region is computed once per build and read back from the build cache."""

import numpy as np
import shapely

from gebied.bereik.cache import bereik_path, cached_bereik
from gebied.bereik.matrices import area_graph, demand_points
from gebied.bereik.sparse import sparse_bereik


def test_written_once_read_back_identical_and_a_damaged_file_recomputed(default_area, tmp_path, monkeypatch):
    monkeypatch.setenv("GEBIED_CACHE", str(tmp_path))
    g = area_graph(default_area, "fiets")
    pts = demand_points(default_area)
    xy, txy = pts[["x", "y"]].to_numpy(), shapely.get_coordinates(default_area.accommodaties.geometry.values)
    pid, tid = pts["punt_id"].to_numpy(), default_area.accommodaties["accommodatie_id"].to_numpy()
    calls = []

    def compute():
        calls.append(1)
        return sparse_bereik(g, xy, txy, pid, tid, cutoff_s=1800.0)

    first = cached_bereik(default_area, g, xy, txy, 1800.0, compute, pid, tid)
    path = bereik_path(default_area, g, xy, txy, 1800.0)
    assert path.exists() and path.is_relative_to(tmp_path)
    again = cached_bereik(default_area, g, xy, txy, 1800.0, compute, pid, tid)
    assert len(calls) == 1
    mask = default_area.accommodaties["categorie"].eq("school").to_numpy()
    assert np.array_equal(first.nearest(mask)[1], again.nearest(mask)[1])
    assert np.array_equal(first.data, again.data)
    # another accommodatie (an overrides upload) is another file
    moved = txy.copy()
    moved[0] += 100.0
    assert bereik_path(default_area, g, xy, moved, 1800.0) != path
    path.write_bytes(b"not a zip")
    third = cached_bereik(default_area, g, xy, txy, 1800.0, compute, pid, tid)
    assert len(calls) == 2 and np.array_equal(third.data, first.data)
    assert not list(path.parent.glob(".*"))  # no temporary files left behind
