"""The build in stages: resumed after a stop, the layers before the networks, errors handed on."""

from __future__ import annotations

import threading

import pandas as pd
import pytest

from gebied.area import bouw
from gebied.area.store import build, build_key, load_area
from gebied.core.config import load_config
from gebied.core.errors import GebiedError


def _events(log: list[tuple[str, int]]):
    return lambda stap, gedaan, totaal: log.append((stap, gedaan))


def test_a_stopped_build_continues_from_its_finished_stages(small_osm, tmp_path, monkeypatch):
    monkeypatch.setenv("GEBIED_CACHE", str(tmp_path / "cache"))
    real = bouw.network_of

    def stopped_at_fiets(net, name, layers):
        if name == "fiets":
            raise KeyboardInterrupt  # Ctrl-C in the middle of the build
        return real(net, name, layers)

    monkeypatch.setattr(bouw, "network_of", stopped_at_fiets)
    with pytest.raises(KeyboardInterrupt):
        build(small_osm)
    config = load_config(small_osm)
    assert bouw.stages_done(config, build_key(config)) == [bouw.STAP_LAGEN, bouw.stap_netwerk("lopen")]
    assert not (tmp_path / "cache" / config.id).exists()  # no half build where a whole one is read

    monkeypatch.setattr(bouw, "network_of", real)
    log: list[tuple[str, int]] = []
    build(small_osm, voortgang=_events(log))
    assert log == [(bouw.stap_netwerk("fiets"), 0), (bouw.stap_netwerk("fiets"), 1),
                   (bouw.stap_netwerk("auto"), 0), (bouw.stap_netwerk("auto"), 1)]  # only what was left
    resumed = load_area(small_osm)

    monkeypatch.setenv("GEBIED_CACHE", str(tmp_path / "straight"))
    log.clear()
    build(small_osm, voortgang=_events(log))
    assert [s for s, g in log if g == 0] == [bouw.STAP_LAGEN, *(bouw.stap_netwerk(n) for n in ("lopen", "fiets",
                                                                                               "auto"))]
    straight = load_area(small_osm)
    for layer in ("kernen", "accommodaties", "gebouwen", "wegen"):
        pd.testing.assert_frame_equal(getattr(resumed, layer), getattr(straight, layer))
    for name in ("lopen", "fiets", "auto"):
        pd.testing.assert_frame_equal(resumed.netwerken[name].edges, straight.netwerken[name].edges)
    assert resumed.rapport == straight.rapport


def test_the_layers_come_before_the_networks_which_are_waited_for(small_osm, tmp_path, monkeypatch):
    monkeypatch.setenv("GEBIED_CACHE", str(tmp_path / "cache"))
    go = threading.Event()
    real = bouw.network_of

    def slow(net, name, layers):
        go.wait(60)
        return real(net, name, layers)

    monkeypatch.setattr(bouw, "network_of", slow)
    early = bouw.open_area(small_osm)
    assert len(early.kernen) and len(early.accommodaties) and not early.wegen.empty
    assert isinstance(early.netwerken, bouw.Netwerken) and not early.netwerken.klaar
    assert list(early.netwerken) == ["lopen", "fiets", "auto"]  # the names are known before the networks
    go.set()
    lopen = early.netwerken["lopen"]  # waits for the build
    assert early.netwerken.klaar
    whole = load_area(small_osm, overrides=False)
    pd.testing.assert_frame_equal(lopen.edges, whole.netwerken["lopen"].edges)
    pd.testing.assert_frame_equal(early.kernen, whole.kernen)



def test_a_finished_build_reads_a_network_when_it_is_first_asked_for(small_osm, tmp_path, monkeypatch):
    """The app's first page needs no network: a built area's are read one by one, when asked for, and once."""
    monkeypatch.setenv("GEBIED_CACHE", str(tmp_path / "cache"))
    whole = load_area(small_osm, overrides=False)
    reads: list[str] = []
    real = bouw.read_network
    monkeypatch.setattr(bouw, "read_network", lambda folder, name, crs: reads.append(name) or real(folder, name, crs))
    opened = bouw.open_area(small_osm)
    assert reads == [] and opened.netwerken.klaar and list(opened.netwerken) == ["lopen", "fiets", "auto"]
    pd.testing.assert_frame_equal(opened.netwerken["fiets"].edges, whole.netwerken["fiets"].edges)
    assert opened.netwerken["fiets"] is opened.netwerken["fiets"] and reads == ["fiets"]
    assert opened.rapport == whole.rapport  # the networks' remarks come with the layers


def test_a_network_that_fails_after_the_layers_says_so_when_asked_for(small_osm, tmp_path, monkeypatch):
    monkeypatch.setenv("GEBIED_CACHE", str(tmp_path / "cache"))
    real = bouw.network_of

    def no_roads(net, name, layers):
        if name == "auto":
            raise GebiedError("Het netwerk 'auto' is leeg.", "The 'auto' network is empty.")
        return real(net, name, layers)

    monkeypatch.setattr(bouw, "network_of", no_roads)
    early = bouw.open_area(small_osm)
    assert len(early.kernen)
    with pytest.raises(GebiedError, match="auto"):
        early.netwerken["lopen"]
    config = load_config(small_osm)
    assert bouw.stages_done(config, build_key(config))[:2] == [bouw.STAP_LAGEN, bouw.stap_netwerk("lopen")]


def test_a_script_without_a_main_guard_gets_its_build_and_a_clear_message_not_a_hang(small_osm, tmp_path):
    """A build's network workers are spawned: each imports the parent's main script again. A script that loads
    its area at the top would, in each worker, wait for ever on the build lock the parent holds; the worker
    now stops with a message saying what to change, and the parent reads the networks itself."""
    import os
    import subprocess
    import sys

    script = tmp_path / "zonder_main.py"
    script.write_text(
        "from gebied.sources import network\n"
        "network.PARALLEL_FROM_BYTES = 0  # workers even for this small extract\n"
        "from gebied.area.store import load_area\n"
        f"area = load_area({str(small_osm)!r})\n"
        "print('kernen', len(area.kernen))\n", encoding="utf-8")
    env = {**os.environ, "GEBIED_CACHE": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "kernen 2"
    assert "if __name__ == \"__main__\":" in done.stderr and "Put the script's work under that line" in done.stderr
