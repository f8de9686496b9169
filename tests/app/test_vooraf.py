"""What the app prepares ahead: it gives way to page runs, and the first optimum comes from a process of its own."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future

import pytest


@contextlib.contextmanager
def _page_running() -> Iterator[None]:
    """A page run under way (in a thread of its own) for as long as the block lasts."""
    from gebied.app import vooraf

    release = threading.Event()

    def page() -> None:
        with vooraf.page_run():
            release.wait(60)

    threading.Thread(target=page).start()
    try:
        yield
    finally:
        release.set()


def test_the_background_waits_until_no_page_has_run_for_a_moment():
    from gebied.app import vooraf

    started, done = threading.Event(), threading.Event()

    def page() -> None:
        with vooraf.page_run():
            started.set()
            time.sleep(0.4)
        done.set()

    threading.Thread(target=page).start()
    started.wait(5)
    t0 = time.monotonic()
    assert vooraf.wait_quiet(stil_s=0.2, hoogstens_s=10)
    assert done.is_set()  # not while the page ran
    assert time.monotonic() - t0 >= 0.4 + 0.2 - 0.05  # and a quiet moment after it


def test_a_server_that_is_never_quiet_still_gets_its_preparation_done():
    from gebied.app import vooraf

    with _page_running():
        assert not vooraf.wait_quiet(stil_s=0.1, hoogstens_s=0.3)  # gives up waiting, and says so


def test_a_stopped_preparation_ends_after_its_step_and_computes_nothing_more(app_files, monkeypatch):
    """While a page runs the preparation waits; asked to stop, it ends at once without computing a matrix, and a
    later start prepares afresh."""
    import streamlit as st

    from gebied.app import data, vooraf
    from gebied.core.config import default_area_id

    st.cache_resource.clear()
    asked: list[str] = []
    monkeypatch.setattr(data, "get_matrix", lambda *a: asked.append(a[-1]))
    with _page_running():
        thread = vooraf.start_warmup(default_area_id(), None, None)
        time.sleep(0.3)
        assert thread.is_alive()  # waiting for the page
        t0 = time.monotonic()
        vooraf.stop_warmup()
        assert not thread.is_alive() and time.monotonic() - t0 < 2.0
        assert asked == []
    assert vooraf.wait_quiet(stil_s=0.05, hoogstens_s=5)  # a later preparation is not told to stop


def test_a_provinces_kern_tiles_are_drawn_ahead_once(app_files, tmp_path, monkeypatch):
    """Where the base has detail tiles, the background draws every kern's tiles (beside the server: here in a
    thread, as the process's own monkeypatches would not reach a spawned one) and starts nothing once all are
    there; a gemeente has none to draw."""
    from concurrent.futures import ThreadPoolExecutor

    import streamlit as st

    from gebied.app import vooraf
    from gebied.core.config import default_area_id
    from gebied.maps import ondergrond, statisch

    st.cache_resource.clear()
    key = (default_area_id(), None, None)
    assert vooraf.draw_ahead(key) is None  # a gemeente: its overview is sharp enough
    monkeypatch.setattr(ondergrond, "DETAIL_VANAF_M", 0.0)  # as for a province
    monkeypatch.setattr(statisch, "folder_of", lambda area, upload=None: tmp_path)
    monkeypatch.setattr(vooraf, "_apart", lambda work, *args: (pool := ThreadPoolExecutor(1), pool.submit(work, *args)))
    future = vooraf.draw_ahead(key)
    assert future is not None
    from gebied.area.store import load_area

    tiles = ondergrond.kern_tiles(load_area(default_area_id()))
    assert future.result(timeout=300) == len(tiles) > 0
    assert sorted(tmp_path.glob("ondergrond-*.png")) and ondergrond.missing(tmp_path, tiles) == []
    assert vooraf.draw_ahead(key) is None  # all there: nothing started


def test_the_first_question_solved_ahead_in_a_process_is_the_one_the_page_gets(app_files, ctx, monkeypatch):
    """Solved in a child process (the area loaded there from the build cache), the answer is the one solving it
    here gives, and the page's question is answered from it without solving again."""
    import streamlit as st

    from gebied.app import data, vooraf
    from gebied.core.config import default_area_id
    from gebied.scenario import optimise

    st.cache_resource.clear()
    key = (default_area_id(), None, None)
    vooraf.solve_ahead(key, apart=True)
    assert not data.VOORAF  # done: nothing left pending
    here, _ = optimise.optimal_scenario(ctx, "reistijd", "fiets")
    monkeypatch.setattr(optimise, "optimal_scenario", lambda *a, **k: pytest.fail("solved a second time"))
    ahead, report = data.get_optimum(key, "reistijd", "fiets", None, None)
    assert ahead.kernen == here.kernen and report.gap <= 1e-6


def test_a_gemeente_solves_its_first_question_in_the_server(app_files, monkeypatch):
    """Starting a process costs more than a gemeente's solve (under a second): it is solved here, and kept."""
    import multiprocessing

    import streamlit as st

    from gebied.app import data, vooraf
    from gebied.core.config import default_area_id

    st.cache_resource.clear()
    before = set(multiprocessing.active_children())
    key = (default_area_id(), None, None)
    vooraf.solve_ahead(key, apart=False)
    assert set(multiprocessing.active_children()) <= before and not data.VOORAF
    assert data.get_optimum(key, "reistijd", "fiets", None, None)[1].gap <= 1e-6


def test_a_question_whose_process_failed_is_solved_by_the_page(app_files, monkeypatch):
    import streamlit as st

    from gebied.app import data
    from gebied.core.config import default_area_id

    st.cache_resource.clear()
    key = (default_area_id(), None, None)
    failed: Future = Future()
    failed.set_exception(RuntimeError("process died"))
    monkeypatch.setitem(data.VOORAF, (key, "reistijd", "fiets", None, None), failed)
    scenario, report = data.get_optimum(key, "reistijd", "fiets", None, None)
    assert scenario.kernen and report.gap <= 1e-6


def test_a_background_process_gives_way_to_other_sessions_too():
    """A background process is niced in a session of its own at the lowest session priority: Linux weighs
    ``nice`` only within a session (autogroup scheduling), and a niced solve beside the browser took a core from
    it."""
    import os
    from pathlib import Path

    from gebied.app import vooraf

    started = vooraf._apart(os.getsid, 0)
    assert started is not None
    pool, sid = started
    try:
        assert sid.result(120) != os.getsid(0)
        assert pool.submit(os.nice, 0).result(60) == min(19, os.nice(0) + vooraf.ACHTERGROND_NICE)
        groep = Path("/proc/self/autogroup")
        if groep.exists():  # a kernel with session priorities
            assert pool.submit(groep.read_text).result(60).split()[-1] == str(vooraf.GROEP_NICE)
    finally:
        pool.shutdown()
