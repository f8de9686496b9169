"""A build in stages: the layers first, then each network, each stage saved as soon as it is done.

A build is written to its own folder in the cache (``.<area>.bouw-<key>/``), swapped into place whole when its
last stage is done (:func:`gebied.area.opslag.swap_in`). Because every stage is saved there as it ends, a build
that was stopped (Ctrl-C, a closed laptop, a killed process) continues from its finished stages the next time,
and the layers are ready well before the networks: the layers of the default area in ~4 s of a ~15 s build.
:func:`open_area` gives the app the area as soon as its layers are there, with networks that are waited for when
first asked for, so a planner's first map does not wait for the whole build.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

from gebied.area.derive import derive_layers, network_of, with_networks
from gebied.area.model import Area
from gebied.area.opslag import (
    build_key,
    current,
    lock,
    read_layers,
    read_network,
    swap_in,
    write_layers,
    write_meta,
    write_network,
)
from gebied.core.catalogue import load_catalogue
from gebied.core.config import AreaConfig, cache_root, load_config
from gebied.core.voortgang import Voortgang, stil
from gebied.sources.network import NETWORKS, Network, start_networks

#: The stages of a build, as :data:`Voortgang` names them.
STAP_LAGEN = "lagen: OSM, kernen, bevolking, accommodaties"


def stap_netwerk(name: str) -> str:
    """The stage that builds network ``name``."""
    return f"netwerk {name}"


def staging(config: AreaConfig, key: str) -> Path:
    """The folder a build with ``key`` is written to, stage by stage."""
    return cache_root() / f".{config.id}.bouw-{key}"


def stages_done(config: AreaConfig, key: str) -> list[str]:
    """The stages of a build with ``key`` that a stopped build has finished (saved)."""
    folder = staging(config, key)
    done = [STAP_LAGEN] if (folder / "lagen.json").exists() else []
    return done + [stap_netwerk(n) for n in NETWORKS if (folder / f"netwerk_{n}.json").exists()]


def build_stages(config: AreaConfig, key: str, folder: Path, voortgang: Voortgang | None = None,
                 opnieuw: bool = False, lagen_klaar: threading.Event | None = None) -> None:
    """Build ``config`` into ``folder``: the stages a stopped build of the same inputs left are read back, the
    others are done and saved one by one; the whole is swapped in at the end. Hold :func:`gebied.area.opslag.lock`.

    ``voortgang(stap, gedaan, totaal)`` hears each stage start (0 of 1) and end (1 of 1); ``lagen_klaar`` is
    set once the layers are saved (then :func:`read_layers` on :func:`staging` gives them)."""
    report = voortgang or stil
    for old in cache_root().glob(f".{config.id}.bouw-*"):  # stopped builds of other inputs: never resumed
        if old != staging(config, key):
            shutil.rmtree(old, ignore_errors=True)
    stage = staging(config, key)
    if opnieuw:
        shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    done = stages_done(config, key)
    todo = [n for n in NETWORKS if stap_netwerk(n) not in done]
    pending = start_networks(config.extract, config.snelheden, config.netwerk_graphml, todo) if todo else {}
    if STAP_LAGEN in done:
        layers = read_layers(stage, config)
    else:
        report(STAP_LAGEN, 0, 1)
        layers = derive_layers(config, load_catalogue())
        layers.meta.update(key=key, extract=str(config.extract))
        write_layers(layers, stage)
        report(STAP_LAGEN, 1, 1)
    if lagen_klaar is not None:
        lagen_klaar.set()
    nets: dict[str, Network] = {}
    for name in NETWORKS:
        if name in pending:
            report(stap_netwerk(name), 0, 1)
            nets[name] = network_of(pending[name](), name, layers)
            write_network(nets[name], stage)
            report(stap_netwerk(name), 1, 1)
        else:
            nets[name] = read_network(stage, name, layers.crs)
    area = with_networks(layers, nets)
    area.meta.update(gebouwd=time.strftime("%Y-%m-%d %H:%M"), bouwtijd_s=round(time.perf_counter() - t0, 1))
    write_meta(area, stage)
    swap_in(stage, folder)


class Netwerken(Mapping[str, Network]):
    """An area's networks, each read from the build when it is first asked for (once); while the build is still
    under way in ``thread`` (None: it has ended), a network asked for waits for it to end, and the build's
    error, if it failed, is raised."""

    def __init__(self, thread: threading.Thread | None, failure: list[BaseException], folder: Path, crs: str
                 ) -> None:
        self._thread, self._failure, self._folder, self._crs = thread, failure, folder, crs
        self._read: dict[str, Network] = {}
        self._lock = threading.Lock()

    def __getitem__(self, name: str) -> Network:
        if name not in NETWORKS:
            raise KeyError(name)
        if self._thread is not None:
            self._thread.join()
        if self._failure:
            raise self._failure[0]
        with self._lock:
            if name not in self._read:
                self._read[name] = read_network(self._folder, name, self._crs)
        return self._read[name]

    def __iter__(self) -> Iterator[str]:
        return iter(NETWORKS)

    def __len__(self) -> int:
        return len(NETWORKS)

    @property
    def klaar(self) -> bool:
        """Whether the build has ended (then nothing waits)."""
        return self._thread is None or not self._thread.is_alive()


def open_area(area: str | Path | None = None) -> Area:
    """The area (without overrides) as soon as its layers are built, its networks (:class:`Netwerken`) read when
    first asked for: the app's first page needs none of them (reading a province's took 1.6 s of its first
    page). A finished build's layers are read at once; otherwise the build runs on in a background thread and
    the networks wait for it.

    Raises
    ------
    gebied.core.errors.GebiedError
        When the layers cannot be built (the networks' errors come when they are asked for).
    """
    config = load_config(area)
    folder = cache_root() / config.id
    key = build_key(config)
    if current(folder, key):
        return _finished(folder, config)
    ready, failure = threading.Event(), []

    def run() -> None:
        try:
            with lock(config):
                if not current(folder, key):  # another process may have built it meanwhile
                    build_stages(config, key, folder, lagen_klaar=ready)
        except BaseException as exc:  # handed to whoever waits: the layers' caller or a network's
            failure.append(exc)
        finally:
            ready.set()

    thread = threading.Thread(target=run, name=f"gebied-bouw-{config.id}", daemon=True)
    thread.start()
    ready.wait()
    if failure:
        raise failure[0]
    if not thread.is_alive() and current(folder, key):
        return _finished(folder, config)
    layers = read_layers(staging(config, key), config)
    return Area(**{**layers.__dict__, "netwerken": Netwerken(thread, failure, folder, layers.crs)})


def _finished(folder: Path, config: AreaConfig) -> Area:
    """A finished build's area: its layers read now, its networks when first asked for."""
    layers = read_layers(folder, config, "meta.json")
    return Area(**{**layers.__dict__, "netwerken": Netwerken(None, [], folder, layers.crs)})

