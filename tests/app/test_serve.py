"""The app's launcher (``python -m gebied.app.serve``): the default area loads as the server starts.

The launcher itself starts every browser test's server (``tests/helpers/browser.running_app``)."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def test_a_first_page_after_the_preload_finds_the_area_loaded(app_files, monkeypatch):
    """What :func:`gebied.app.data.preload` loads is what the first page run asks for (the same cache keys):
    the area is read once, by the preload, and the first page draws its map from it."""
    import streamlit as st

    from gebied.app import data
    from gebied.area import store
    from gebied.core.config import default_area_id

    loads: list[object] = []
    real = store.load_area
    monkeypatch.setattr(store, "load_area", lambda *a, **k: loads.append(a) or real(*a, **k))
    st.cache_resource.clear()
    data.preload(default_area_id())
    assert len(loads) == 1
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    assert any(h.value.startswith("Kaart") for h in at.subheader)
    assert len(loads) == 1, loads


def test_a_default_area_that_cannot_be_loaded_is_left_for_the_first_page(monkeypatch):
    """The preload does not fail on an area it cannot load: the first page explains it (in Dutch)."""
    import streamlit as st

    from gebied.app import data

    st.cache_resource.clear()
    data.preload("bestaat-niet")  # no exception
    monkeypatch.setenv("GEBIED_AREA", "bestaat-niet")
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception
    assert at.error and "bestaat-niet" in at.error[0].value


def test_what_is_loaded_is_frozen_only_in_a_server():
    """:func:`gebied.app.data.keep_loaded` takes the loaded objects out of the garbage collector's sight in a
    server process (Streamlit's runtime exists); a process without one (tests, scripts) is left as it is."""
    import gc

    from gebied.app.data import keep_loaded

    before = gc.get_freeze_count()
    keep_loaded()
    assert gc.get_freeze_count() == before
