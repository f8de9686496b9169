"""The app's launcher (``python -m gebied.app.serve``): the default area loads as the server starts.

The launcher itself starts every browser test's server (``tests/helpers/browser.running_app``)."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def test_a_first_page_after_the_preload_finds_the_area_loaded(app_files, monkeypatch):
    """What :func:`gebied.app.vooraf.preload` loads is what the first page run asks for (the same cache keys):
    the area is read once, by the preload, and the first page draws its map from it."""
    import streamlit as st

    from gebied.app import vooraf
    from gebied.area import store
    from gebied.core.config import default_area_id

    loads: list[object] = []
    real = store.load_area
    monkeypatch.setattr(store, "load_area", lambda *a, **k: loads.append(a) or real(*a, **k))
    st.cache_resource.clear()
    vooraf.preload(default_area_id())
    assert len(loads) == 1
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    assert any(h.value.startswith("Kaart") for h in at.subheader)
    assert len(loads) == 1, loads


def test_a_default_area_that_cannot_be_loaded_is_left_for_the_first_page(monkeypatch):
    """The preload does not fail on an area it cannot load: the first page explains it (in Dutch)."""
    import streamlit as st

    from gebied.app import vooraf

    st.cache_resource.clear()
    vooraf.preload("bestaat-niet")  # no exception
    monkeypatch.setenv("GEBIED_AREA", "bestaat-niet")
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception
    assert at.error and "bestaat-niet" in at.error[0].value


def test_what_is_loaded_is_frozen_only_in_a_server():
    """:func:`gebied.app.vooraf.keep_loaded` takes the loaded objects out of the garbage collector's sight in a
    server process (Streamlit's runtime exists); a process without one (tests, scripts) is left as it is."""
    import gc

    from gebied.app.vooraf import keep_loaded

    before = gc.get_freeze_count()
    keep_loaded()
    assert gc.get_freeze_count() == before


def test_on_a_network_address_without_accounts_or_oidc_the_server_refuses_to_start_and_says_how(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "GEBIED_USER_DIR": str(tmp_path)}
    env.pop("GEBIED_DB_URL", None)
    run = subprocess.run([sys.executable, "-m", "gebied.app.serve", "--server.address", "0.0.0.0",
                          "--server.headless", "true"], env=env, capture_output=True, text=True, timeout=120,
                         cwd=Path(APP).parent)
    assert run.returncode == 2
    assert "gebied gebruiker toevoegen" in run.stderr and "Traceback" not in run.stderr


def test_with_an_account_or_oidc_a_network_address_may_be_used(tmp_path):
    from gebied.app.serve import bound_address, oidc_in, refusal
    from gebied.toegang.accounts import Accounts
    from gebied.werkplaats.store import Store

    assert bound_address([]) == "127.0.0.1"  # .streamlit/config.toml: this machine only by default
    assert bound_address(["--server.address", "0.0.0.0"]) == "0.0.0.0"
    secrets = tmp_path / "s.toml"
    secrets.write_text('[auth]\nredirect_uri = "https://gebied.gemeente.nl/oauth2callback"\n')
    assert oidc_in(["--secrets.files", str(secrets)])
    assert refusal("0.0.0.0", oidc=True) is None
    assert refusal("127.0.0.1") is None and refusal("::1") is None
    import os

    os.environ["GEBIED_USER_DIR"] = str(tmp_path)
    try:
        assert refusal("0.0.0.0") is not None
        Accounts(Store()).toevoegen("bea", "beheerder", "een lang wachtwoord")
        assert refusal("0.0.0.0") is None
    finally:
        os.environ.pop("GEBIED_USER_DIR")


def test_xsrf_protection_is_on_and_uploads_are_capped_in_the_configuration():
    from streamlit import config

    from gebied.toegang.acties import MAX_UPLOAD_MB

    assert config.get_option("server.enableXsrfProtection") is True
    assert config.get_option("server.maxUploadSize") == MAX_UPLOAD_MB


def test_the_server_skips_streamlits_check_for_a_run_outside_streamlit():
    """Streamlit's first element of a process asks ``inspect.stack()`` whether it runs in a REPL (to warn that
    an app needs ``streamlit run``); the server, which is ``streamlit run``, tells it the warning was given, so
    the first page does not pay for it."""
    import subprocess
    import sys

    script = """
import inspect
import streamlit.delta_generator as dg
from gebied.app import serve
serve.skip_direct_run_check()
def stack(*a, **k):
    raise AssertionError("inspect.stack called")
inspect.stack = stack
dg._maybe_print_use_warning()
print("ok")
"""
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.stdout.strip() == "ok", proc.stderr


def test_a_stopping_server_ends_even_when_its_preparation_does_not_finish_its_step():
    """:func:`gebied.app.serve.stop` gives the background preparation :data:`~gebied.app.serve.STOP_S` to end its
    step, then ends the process with the status asked for: a step that never ends does not keep it alive."""
    import subprocess
    import sys
    import time

    from gebied.app.serve import STOP_S

    script = """
import threading, time
from gebied.app import serve, vooraf
def step():  # a step that does not look at the request to stop
    while True:
        time.sleep(0.05)
threading.Thread(target=step, name=vooraf.WARMUP_THREAD, daemon=True).start()
serve.stop(3)
"""
    t0 = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    took = time.monotonic() - t0
    assert proc.returncode == 3, proc.stderr
    assert STOP_S <= took < STOP_S + 30, took


def test_a_server_stopped_while_it_loads_the_area_ends_at_once():
    """SIGTERM right after the server answers, while its preload thread reads the default area (parquet files
    through pyarrow): the process ends with status 0 within seconds, its port free again."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from helpers.browser import free_port, wait_healthy

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "gebied.app.serve", "--server.headless", "true",
                             "--server.port", str(port), "--server.address", "127.0.0.1",
                             "--browser.gatherUsageStats", "false"], cwd=Path(APP).parent,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ.copy())
    try:
        wait_healthy(f"http://127.0.0.1:{port}")
        proc.send_signal(signal.SIGTERM)
        t0 = time.monotonic()
        assert proc.wait(30) == 0
        assert time.monotonic() - t0 < 15
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_no_installed_package_brings_a_streamlit_component_so_the_server_skips_looking():
    """The server tells Streamlit there are no component packages (:func:`gebied.app.serve.skip_component_scan`);
    Streamlit's own scan of the installed packages agrees. A package that brings one makes this fail: then the
    skip has to go."""
    import subprocess
    import sys

    script = """
from streamlit.components.v2 import manifest_scanner
found = manifest_scanner.scan_component_manifests()
from gebied.app import serve
serve.skip_component_scan()
print(len(found), manifest_scanner.scan_component_manifests())
"""
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.stdout.strip() == "0 []", proc.stderr
