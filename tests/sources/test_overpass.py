"""The online path against a local fake Overpass (127.0.0.1, started here): tiles, retries, refusals, resume.

Nothing here reaches the internet: every request goes to the test's own server or to a dead local proxy.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.fake_overpass import FakeOverpass

from gebied.area.create import fetch_area
from gebied.area.store import load_area
from gebied.core.config import load_config
from gebied.core.errors import GebiedError
from gebied.sources import overpass

REPO = Path(__file__).resolve().parents[2]


def test_query_asks_only_for_what_gebied_reads():
    q = overpass.query((5.5, 52.5, 6.0, 52.9))
    assert q.startswith("[out:xml]") and "[bbox:52.500000,5.500000,52.900000,6.000000]" in q
    for sel in ('way["highway"]', 'nwr["building"]', 'nwr["amenity"]', 'node["place"]', 'way["route"="ferry"]',
                'nwr["natural"="water"]', 'nwr["landuse"]', 'nwr["healthcare"]'):
        assert sel in q
    assert "nwr(" not in q and "boundary" not in q  # no "everything in the box", no boundary for Dutch areas
    assert 'relation["boundary"="administrative"]["name"="Vaduz"]' in overpass.query((9, 47, 10, 48), boundary="Vaduz")


def test_refused_answers():
    good = b'<?xml version="1.0"?>\n<osm version="0.6"><node id="1" lat="1" lon="2"/></osm>\n'
    assert overpass.refusal(good) is None
    assert "afgekapt" in overpass.refusal(good[:40])
    assert "geen OSM" in overpass.refusal(b"<html>Too busy</html>")
    assert "fout" in overpass.refusal(good.replace(b"</osm>", b"<remark> runtime error: timed out </remark></osm>"))


def _settings(url):
    return overpass.Settings(url=url, timeout_s=1.0, attempts=5, backoff_s=0.01, tile_deg=0.05)


def test_fetch_survives_429_timeout_truncation_and_html(dutch_fixture, tmp_path, monkeypatch):
    monkeypatch.setenv("GEBIED_CACHE", str(tmp_path / "cache"))
    seen = []
    with FakeOverpass(dutch_fixture.path, ["429", "slow", "truncated", "html"]) as fake:
        cfg = fetch_area("Urk", area_id="urk-online", config_dir=tmp_path, settings=_settings(fake.url),
                         progress=lambda k, n, what: seen.append((k, n)))
    n_tiles = seen[-1][1]
    assert len(fake.requests) == n_tiles + 4  # the first tile took five tries
    assert [k for k, _ in seen] == list(range(1, n_tiles + 1))
    area = load_area(load_config(cfg).config_path)
    urk = area.kernen.set_index("naam").loc["Urk"]
    assert urk["inwoners"] == 21468 and urk["bevolking_bron"] == "CBS wijk 2022 (verdeeld)"


def test_a_broken_download_resumes_with_the_missing_tiles(dutch_fixture, tmp_path, monkeypatch):
    monkeypatch.setenv("GEBIED_CACHE", str(tmp_path / "cache"))
    with FakeOverpass(dutch_fixture.path, fail_after=2) as fake, pytest.raises(GebiedError, match="HTTP 500"):
        fetch_area("Urk", area_id="urk-hervat", config_dir=tmp_path, settings=_settings(fake.url))
    assert not (tmp_path / "urk-hervat.yaml").exists()
    kept = sorted((tmp_path / "cache" / "online" / "urk-hervat").glob("tegel-*.osm"))
    assert len(kept) == 2
    with FakeOverpass(dutch_fixture.path) as fake:
        fetch_area("Urk", area_id="urk-hervat", config_dir=tmp_path, settings=_settings(fake.url))
    n_tiles = len(overpass.tiles(_urk_shape(), 0.05))
    assert len(fake.requests) == n_tiles - 2  # only what was missing
    assert (tmp_path / "urk-hervat.yaml").exists()


def _urk_shape():
    import geopandas as gpd

    from gebied.sources import cbs

    g = cbs.read_boundaries("muni", ["GM0184"])
    return gpd.GeoSeries([g.geometry.union_all().buffer(3000)], crs=g.crs).to_crs("EPSG:4326").iloc[0]


def test_cli_ophalen_shows_progress(dutch_fixture, tmp_path):
    with FakeOverpass(dutch_fixture.path) as fake:
        env = {**os.environ, "GEBIED_CACHE": str(tmp_path / "cache"), "GEBIED_OVERPASS_URL": fake.url}
        res = subprocess.run([sys.executable, "-m", "gebied.cli", "ophalen", "urk", "--map", str(tmp_path)],
                             capture_output=True, text=True, cwd=REPO, env=env, timeout=300)
    assert res.returncode == 0, res.stderr
    assert "tegel 1/" in res.stdout and (tmp_path / "urk.yaml").exists()


def test_without_internet_a_clear_error(tmp_path):
    # every request goes to a dead local proxy: the test never reaches the internet, even where CI could
    env = {**os.environ, "GEBIED_CACHE": str(tmp_path), "GEBIED_OVERPASS_BACKOFF": "0.01", "NO_PROXY": "",
           "no_proxy": "", "HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9",
           "https_proxy": "http://127.0.0.1:9", "http_proxy": "http://127.0.0.1:9"}
    res = subprocess.run([sys.executable, "-m", "gebied.cli", "ophalen", "Noordoostpolder", "--map", str(tmp_path)],
                         capture_output=True, text=True, cwd=REPO, env=env, timeout=300)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert "Overpass" in res.stderr and not list(tmp_path.glob("*.yaml"))
