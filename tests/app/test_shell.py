"""The app's entry: ``app.py`` runs the shell only as Streamlit's main script."""

import subprocess
import sys
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app.py"


def test_a_worker_process_that_imports_app_py_runs_nothing():
    """Worker processes started with spawn (networks of a large extract) import the main script again as
    ``__mp_main__``: that must not start the app, nor load Streamlit."""
    code = ("import runpy, sys; runpy.run_path(sys.argv[1], run_name='__mp_main__'); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('streamlit', 'gebied')))")
    out = subprocess.run([sys.executable, "-c", code, str(APP)], capture_output=True, text=True, timeout=60,
                         check=True)
    assert out.stdout.strip() == "[]", out.stdout
    assert out.stderr == ""
