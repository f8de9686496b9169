"""What the app prepares ahead, outside any page run: the default area as the server starts (:func:`preload`), and
per area in the background its map files (a province's kernen's detail tiles too), every mode's matrix, the
per-kern reports and the optimum of the Scenario's page's first question (:func:`start_warmup`).

The background work gives way to the pages. It runs at a lower CPU priority than the browser's (``nice``);
between its steps it waits until no page has run for :data:`STIL_S` (a page run needs Python's GIL for most of
its work, so a step beside it makes the page wait: in a province, choosing a kind took seconds in the app's
first minutes); and a province's optimum, a minute of solving, and its kernen's detail tiles are made in
processes of their own.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import math
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING, Any, TypeVar

import streamlit as st

from gebied.app import data
from gebied.core.errors import GebiedError
from gebied.maps import ondergrond, statisch, vakken

if TYPE_CHECKING:
    from gebied.scenario.model import Scenario
    from gebied.scenario.optimise import OptimumReport

T = TypeVar("T")

#: The background preparation's CPU priority (``nice``): a local planner's browser shares the cores with it.
ACHTERGROND_NICE = 10
#: A background process's session's priority (Linux's autogroup ``nice``, :func:`_achtergrond`).
GROEP_NICE = 19
#: The background preparation's thread: it fills the shared caches outside any page run, which Streamlit
#: would log as a warning on every cached call ("missing ScriptRunContext … can be ignored").
WARMUP_THREAD = "gebied-voorbereiden"
#: A background step starts when no page has run for this long (s): a planner's next choice often follows.
STIL_S = 0.5
#: ... or after this long at the latest (s), so a busy server still finishes its preparation.
HOOGSTENS_S = 30.0
#: The first step after the map files waits for this much quiet (s): after a session's first run its browser
#: fetches the map's files from this same process for a few seconds (the default area's first map came
#: ~0.5 s later with the step right after that run: ``bench_app``).
START_STIL_S = 3.0

#: A province's kern tiles are drawn ahead (:func:`draw_ahead`) once no page has run for this long (s).
RUST_S = 20.0

_lock = threading.Lock()
_stoppen = threading.Event()  # set by stop_warmup: the preparation ends after its current step
_bezig = 0  # page runs under way
_klaar = 0.0  # when the last one ended (time.monotonic)


class _WarmupQuiet(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.threadName != WARMUP_THREAD


logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(_WarmupQuiet())


@contextlib.contextmanager
def page_run() -> Iterator[None]:
    """Mark a page run (the shell's, around each run), so the background work waits for it."""
    global _bezig, _klaar
    with _lock:
        _bezig += 1
    try:
        yield
    finally:
        with _lock:
            _bezig -= 1
            _klaar = time.monotonic()


def wait_quiet(stil_s: float = STIL_S, hoogstens_s: float = HOOGSTENS_S) -> bool:
    """Wait until no page run is under way and none has ended for ``stil_s``, or ``hoogstens_s`` have passed;
    whether it was quiet (False at once when :func:`stop_warmup` asks the preparation to end)."""
    end = time.monotonic() + hoogstens_s
    while time.monotonic() < end and not _stoppen.is_set():
        with _lock:
            quiet_for = time.monotonic() - _klaar if _bezig == 0 else -1.0
        if quiet_for >= stil_s:
            return not _stoppen.is_set()
        time.sleep(max(0.02, stil_s - quiet_for) if quiet_for >= 0 else 0.05)
    return False


def _verder(stil_s: float = STIL_S, hoogstens_s: float = HOOGSTENS_S) -> bool:
    """Wait for the next background step's turn (:func:`wait_quiet`); False when the preparation is to end."""
    wait_quiet(stil_s, hoogstens_s)
    return not _stoppen.is_set()


def stop_warmup(timeout: float = 60.0) -> None:
    """End the background preparation after the step it is in and wait for it (at most ``timeout`` s): for a
    stopping server (:func:`gebied.app.serve.stop`) or a test that is done with the app. A later
    :func:`start_warmup` (after its cache is cleared) prepares afresh; what is not prepared yet is computed when a
    page asks for it."""
    _stoppen.set()
    try:
        for thread in threading.enumerate():
            if thread.name == WARMUP_THREAD and thread is not threading.current_thread():
                thread.join(timeout)
    finally:
        _stoppen.clear()


def preload(area_id: str) -> None:
    """Load what a first page run of ``area_id`` needs (the area, its map frames, base map and bounds), then
    :func:`keep_loaded`: :mod:`gebied.app.serve` calls it as the server starts, so the first page does not wait
    for it. An area that cannot be loaded is left for that page to explain."""
    with contextlib.suppress(GebiedError):
        data.get_frames(area_id, None, None)
        data.get_base(area_id, True)
        data.get_bounds(area_id, None, None)
    keep_loaded()


def keep_loaded() -> None:
    """In a server: take what is loaded now (the area, its matrices and map frames: ~200,000 objects) out of the
    cyclic garbage collector's sight (:func:`gc.freeze`, after one collection): its full collections walked all
    of it, ~0.1 s each, holding up page runs; what is frozen is still freed when nothing refers to it."""
    from streamlit.runtime import Runtime

    if Runtime.exists():
        gc.collect()
        gc.freeze()


def solve_ahead(key: data.DataKey, apart: bool, modus: str = "fiets") -> None:
    """Solve the Scenario's page's first question (shortest travel time by ``modus``, the whole area) and keep its
    answer in :func:`gebied.app.data.get_optimum`'s cache; ``apart``: in a process of its own at
    :data:`ACHTERGROND_NICE` (a page asking meanwhile waits for it; if no process can be had or it fails, the
    question is solved here). Worth it for a province, whose solve holds the GIL for a minute; a gemeente's takes
    less than a second, less than starting a process."""
    question: tuple[data.DataKey, str, str, None, None] = (key, "reistijd", modus, None, None)
    started = _apart(_optimum, key, modus) if apart else None  # None: no process to be had, solved here
    if started is not None:
        data.VOORAF[question] = started[1]
    try:
        with contextlib.suppress(GebiedError):
            data.get_optimum(key, "reistijd", modus, None, None)
    finally:
        data.VOORAF.pop(question, None)
        if started is not None:
            started[0].shutdown(wait=False, cancel_futures=True)


def _optimum(key: data.DataKey, modus: str) -> tuple[Scenario, OptimumReport]:
    from gebied.scenario.optimise import optimum_of_area

    return optimum_of_area(*key, "reistijd", modus)


def draw_ahead(key: data.DataKey) -> Future[int] | None:
    """Draw the base's detail tiles of every kern's map that ``gebied build`` did not draw (an area first built by
    the app, or by an older version: :func:`gebied.maps.ondergrond.kern_tiles`, the largest kern's first) in a
    process of its own at :data:`ACHTERGROND_NICE`, so a kern's first view cuts its picture from them (k = 16:
    ~900 tiles, ~100 s of matplotlib on one core that would hold this process's GIL; a view's picture cut from
    its tiles takes ~0.1 s, drawn at once ~0.5 s). Nothing starts when all are there, or no process can be
    had (views are drawn on first use then); else a future of how many were drawn. The process ends with its
    work, or with the server."""
    area = data.get_area(*key)
    todo = ondergrond.missing(statisch.folder_of(area, key[2]), ondergrond.kern_tiles(area))
    if not todo:
        return None
    started = _apart(_draw_tiles, key, todo)
    if started is None:
        return None
    started[0].shutdown(wait=False)  # without waiting, and without cancelling its work
    return started[1]


def _draw_tiles(key: data.DataKey, tiles: list[tuple[int, int]]) -> int:
    """The process's work: those of ``tiles`` still missing, drawn (the list as the server found it)."""
    from gebied.area.store import load_area_with
    from gebied.core.catalogue import load_catalogue

    area = load_area_with(*key)
    return ondergrond.draw_tiles(area, statisch.folder_of(area, key[2]), load_catalogue(), tiles)


def _apart(work: Callable[..., T], *args: Any) -> tuple[ProcessPoolExecutor, Future[T]] | None:
    """``work(*args)`` in a process of its own (spawned: this one's threads and caches stay here) at the
    background's priority (:func:`_achtergrond`): its pool and future, or None when no process can be had
    (limits, a stopping interpreter)."""
    try:
        pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"), initializer=_achtergrond)
        return pool, pool.submit(work, *args)
    except (OSError, RuntimeError):
        return None


def _achtergrond() -> None:
    """A background process's start: :data:`ACHTERGROND_NICE`, and a session of its own at :data:`GROEP_NICE`.
    Linux shares the cores between sessions first (autogroup scheduling, on in most kernels) and weighs ``nice``
    only within one, so a niced province solve beside a browser in another session still took a core from it:
    on two cores the map's frames took twice as long (145 -> 280 ms a frame at a kern's zoom; in a session of its
    own at 19, 175 ms). Where there are no sessions' priorities (another kernel, another system) it is niced
    only."""
    os.nice(ACHTERGROND_NICE)
    with contextlib.suppress(OSError):
        os.setsid()
        with open("/proc/self/autogroup", "w", encoding="ascii") as groep:
            groep.write(str(GROEP_NICE))


@st.cache_resource(show_spinner=False)
def start_warmup(area_id: str | None, upload_name: str | None, upload: bytes | None) -> threading.Thread:
    """Prepare in the background (giving way to the pages, see above) the isochrones and travel times of every
    mode and kind, every mode's matrix and the per-kern table of every kind and mode at its first norm (the
    first visit of each on Bereikbaarheid is then as quick as the next), and the optimum of the Scenario's page's
    first question (shortest travel time by bike), so its first "Optimaliseer" is answered at once."""
    key = (area_id, upload_name, upload)
    area = data.get_area(*key)
    folder = statisch.folder_of(area, upload)

    def warm() -> None:
        from gebied.bereik.modes import modes

        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), ACHTERGROND_NICE)
        statisch.prepare(area, folder, 1)
        if not _verder(START_STIL_S):
            return
        for modus in modes(area.config.snelheden):
            if not _verder():
                return
            data.get_matrix(*key, modus)
        with contextlib.suppress(GebiedError):  # the page says why when the planner asks
            for soort in data.get_frames(*key)["soorten"]:  # the kinds the page offers
                for modus in modes(area.config.snelheden):
                    if not _verder():
                        return
                    data.get_kern_tabel(key, modus, soort, float(data.first_norm(area, soort)))  # and its report
        if not _verder():
            return
        solve_ahead(key, apart=vakken.in_levels(area))
        keep_loaded()
        # a province: its kernen's detail tiles, beside this process, once nobody has asked for a page in a while
        # (started during a session's first minutes, it slowed the start and the first kern views at k = 16)
        if ondergrond.has_detail(area) and _verder(RUST_S, hoogstens_s=math.inf):
            draw_ahead(key)

    thread = threading.Thread(target=warm, name=WARMUP_THREAD, daemon=True)
    thread.start()
    return thread
