"""Shared by the app tests."""

import sys
import threading

import pytest

MAIN = sys.modules["__main__"]  # pytest's, before any AppTest ran


@pytest.fixture(autouse=True)
def _app_test_leaves_the_process_as_it_found_it():
    """An AppTest runs the app in this process. Afterwards: wait for the app's background preparation of map
    files (counted where it starts, not slowing the tests after it), and give back ``__main__``, which
    Streamlit's script runner points at ``app.py`` (a process spawned later, such as a Dask worker, would
    otherwise run the whole app on start-up)."""
    yield
    sys.modules["__main__"] = MAIN
    for thread in threading.enumerate():
        if thread.name == "gebied-voorbereiden":
            thread.join(timeout=300)
