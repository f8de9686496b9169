"""Start the app: Streamlit's server on ``app.py``, with the default area loading as the server starts.

``python3 run.py app`` runs ``python -m gebied.app.serve``; its arguments go to ``streamlit run``. Streamlit
runs the app's script only when a browser connects, so after a plain ``streamlit run app.py`` the first
visitor's first page waits for the app's modules and the area (~1 s on two cores) after the browser has
loaded Streamlit's code. Here that work starts as soon as the server is up, in a background thread
(:func:`gebied.app.data.preload`), while the browser loads: the first map ~0.3 s sooner (``bench_app``).
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from pathlib import Path
from typing import NoReturn

APP = Path(__file__).resolve().parents[2] / "app.py"


def preload_when_serving() -> None:
    """Wait until Streamlit's runtime has started (the server first: browsers can connect meanwhile), then
    :func:`gebied.app.data.preload` the default area. An area that cannot be loaded is left for the first page
    to explain."""
    from streamlit.runtime import Runtime
    from streamlit.runtime.runtime import RuntimeState

    while not Runtime.exists() or Runtime.instance().state == RuntimeState.INITIAL:
        time.sleep(0.02)
    import gebied.app.pages.kaart  # the shell's and the first page's modules, with the data they read
    import gebied.app.shell  # noqa: F401
    from gebied.app import data
    from gebied.core.config import default_area_id

    threading.current_thread().name = data.WARMUP_THREAD  # its cached calls outside a page run are not logged
    # nothing is cached on a failure: the first page runs the same calls and shows what went wrong (in Dutch),
    # so the server log does not get it twice
    with contextlib.suppress(Exception):
        data.preload(default_area_id())


def main(argv: list[str] | None = None) -> NoReturn:
    """Start the preload thread, then ``streamlit run app.py`` with ``argv`` (default: this command's own
    arguments); exits when the server stops."""
    from streamlit.web import cli

    threading.Thread(target=preload_when_serving, name="gebied-vooraf", daemon=True).start()
    sys.argv = ["streamlit", "run", str(APP), *(sys.argv[1:] if argv is None else argv)]
    cli.main(prog_name="streamlit")
    sys.exit(0)


if __name__ == "__main__":
    main()
