"""Start the app: Streamlit's server on ``app.py``, with the default area loading as the server starts.

``python3 run.py app`` runs ``python -m gebied.app.serve``; its arguments go to ``streamlit run``. Streamlit
runs the app's script only when a browser connects, so after a plain ``streamlit run app.py`` the first
visitor's first page waits for the app's modules and the area (~1 s on two cores) after the browser has
loaded Streamlit's code. Here that work starts as soon as the server is up, in a background thread
(:func:`gebied.app.vooraf.preload`), while the browser loads: the first map ~0.3 s sooner (``bench_app``).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

APP = Path(__file__).resolve().parents[2] / "app.py"
#: How long a stopping server gives its background preparation to end its current step (s).
STOP_S = 5.0


def preload_when_serving() -> None:
    """Wait until Streamlit's runtime has started (the server first: browsers can connect meanwhile), then
    :func:`gebied.app.vooraf.preload` the default area. An area that cannot be loaded is left for the first page
    to explain."""
    from streamlit.runtime import Runtime
    from streamlit.runtime.runtime import RuntimeState

    while not Runtime.exists() or Runtime.instance().state == RuntimeState.INITIAL:
        time.sleep(0.02)
    import gebied.app.pages.kaart  # the shell's and the first page's modules, with the data they read
    import gebied.app.shell  # noqa: F401
    from gebied.app import vooraf
    from gebied.core.config import default_area_id

    threading.current_thread().name = vooraf.WARMUP_THREAD  # its cached calls outside a page run are not logged
    # nothing is cached on a failure: the first page runs the same calls and shows what went wrong (in Dutch),
    # so the server log does not get it twice
    with contextlib.suppress(Exception):
        vooraf.preload(default_area_id())
    with contextlib.suppress(Exception):  # the store (its migration checked) and the password hasher, once
        from gebied.app import inloggen

        inloggen.accounts()


def skip_direct_run_check() -> None:
    """Tell Streamlit its "run me with streamlit run" warning was given: this process is ``streamlit run``. The
    first element of a process checks whether it runs in a REPL with ``inspect.stack()``, which reads the source
    of every frame and searches every loaded module (~0.2 s of the first page, with the app's modules loaded)."""
    import streamlit.delta_generator as dg

    dg._use_warning_has_been_displayed = True


def skip_component_scan() -> None:
    """Tell Streamlit there are no component packages to register: gebied uses none (a test holds the installed
    packages to that), and Streamlit's runtime reads the metadata of every installed distribution to look for
    them as it starts, before the server answers (~0.15 s of every start)."""
    from streamlit.components.v2 import manifest_scanner

    manifest_scanner.scan_component_manifests = lambda max_workers=None: []


def flag(argv: list[str], name: str) -> str | None:
    """The value of ``--name`` among ``argv`` (``--name value`` or ``--name=value``), else None."""
    for i, arg in enumerate(argv):
        if arg.startswith(f"--{name}="):
            return arg.split("=", 1)[1]
        if arg == f"--{name}" and i + 1 < len(argv):
            return argv[i + 1]
    return None


def bound_address(argv: list[str]) -> str:
    """The address the server will listen on: ``--server.address`` among ``argv``, else the configuration's."""
    given = flag(argv, "server.address")
    if given is not None:
        return given
    from streamlit import config

    return str(config.get_option("server.address") or "")


def oidc_in(argv: list[str]) -> bool:
    """Whether the secrets the server will read (``--secrets.files`` among ``argv``, else the configured files)
    have an ``[auth]`` section."""
    import tomllib

    given = flag(argv, "secrets.files")
    if given is None:
        from gebied.app.inloggen import oidc_configured

        return oidc_configured()
    try:
        return "auth" in tomllib.loads(Path(given).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return False


def refusal(address: str, oidc: bool | Callable[[], bool] = False) -> str | None:
    """Why a server on ``address`` may not start (None: it may): reachable from other machines with neither
    accounts nor OIDC, every page would be open to whoever has the address. ``oidc`` may be a call, made only
    for an address other machines can reach (what it reads and imports costs a local start ~1.5 s)."""
    from gebied.toegang.rollen import is_loopback

    if is_loopback(address):
        return None
    oidc = oidc() if callable(oidc) else oidc
    from gebied.toegang.accounts import Accounts
    from gebied.werkplaats.store import Store

    if oidc or Accounts(Store()).aantal():
        return None
    return (f"gebied start niet op adres '{address or 'alle netwerkkaarten'}': er zijn geen accounts en geen "
            "OpenID Connect-instellingen, dus iedereen op het netwerk zou alles kunnen.\n"
            "Maak eerst een account:  gebied gebruiker toevoegen NAAM --rol beheerder\n"
            "of stel [auth] in .streamlit/secrets.toml in; of start alleen voor deze computer "
            "(--server.address 127.0.0.1).\n"
            f"(Refusing to listen on '{address or 'every interface'}' without accounts or OIDC: add an account "
            "with 'gebied gebruiker toevoegen NAME --rol beheerder', configure OIDC, or bind to 127.0.0.1.)")


def main(argv: list[str] | None = None) -> NoReturn:
    """Start the preload thread, then ``streamlit run app.py`` with ``argv`` (default: this command's own
    arguments); exits when the server stops, or at once (exit 2) when :func:`refusal` says it may not start."""
    from streamlit.web import cli

    args = sys.argv[1:] if argv is None else argv
    if (why := refusal(bound_address(args), lambda: oidc_in(args))) is not None:
        print(why, file=sys.stderr)
        sys.exit(2)
    skip_direct_run_check()
    skip_component_scan()
    threading.Thread(target=preload_when_serving, name="gebied-vooraf", daemon=True).start()
    sys.argv = ["streamlit", "run", str(APP), *args]
    code: int | str | None = 0
    try:
        cli.main(prog_name="streamlit")
    except SystemExit as exc:
        code = exc.code
    except BaseException as exc:  # shown as Python would, before the process ends without its shutdown
        traceback.print_exc()
        code = 130 if isinstance(exc, KeyboardInterrupt) else 1
    stop(code)


def stop(code: int | str | None = 0) -> NoReturn:
    """End the server's process with exit status ``code`` once Streamlit has stopped.

    Its worker processes (a first build's network workers, a province's optimum or detail tiles) are terminated
    at once, not waited for; the background preparation (:mod:`gebied.app.vooraf`) is asked to end after its
    current step, for at most :data:`STOP_S`; the logs are flushed; then the process ends without Python's own
    shutdown. That shutdown could wait forever: with the preparation's daemon thread inside pyarrow (reading a
    parquet file into pandas), pyarrow's thread pool waited at exit for work that needed the interpreter
    already gone (apache/arrow#50482), and a server stopped with SIGTERM went on running, holding its port and
    memory. Nothing is lost by skipping it: every file gebied writes is written whole and renamed into place,
    and every store write committed, before its call returns.
    """
    _end_workers()  # first: a step waiting for a worker's answer then ends at once
    if "gebied.app.vooraf" in sys.modules:  # the preparation runs only where the app's modules were loaded
        sys.modules["gebied.app.vooraf"].stop_warmup(timeout=STOP_S)
        _end_workers()  # and any worker a step started meanwhile, which os._exit would leave running
    if isinstance(code, str):  # as Python shows a message it exits with
        print(code, file=sys.stderr)
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code if isinstance(code, int) else (0 if code is None else 1))


def _end_workers() -> None:
    """Terminate this process's worker processes, without waiting for their work."""
    for child in multiprocessing.active_children():
        child.terminate()


if __name__ == "__main__":
    main()
