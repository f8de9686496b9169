"""Shared by the app tests."""

import sys

import pytest

MAIN = sys.modules["__main__"]  # pytest's, before any AppTest ran


@pytest.fixture(autouse=True)
def _app_test_leaves_the_process_as_it_found_it():
    """An AppTest runs the app in this process. Afterwards: end the app's background preparation after the
    step it is in (not slowing the tests after it; what they need they compute), and give back ``__main__``,
    which Streamlit's script runner points at ``app.py`` (a process spawned later, such as a Dask worker, would
    otherwise run the whole app on start-up)."""
    yield
    sys.modules["__main__"] = MAIN
    from gebied.app import vooraf

    vooraf.stop_warmup(timeout=300)
