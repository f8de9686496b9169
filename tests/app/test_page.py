"""The page head: style and browser set-up sent before the app's code is imported."""

import json
import re
import subprocess
import sys
from pathlib import Path

import streamlit as st

from gebied.app.page import BROWSER_JS


def test_the_map_code_it_preloads_is_streamlits_own():
    """The chunk the head asks the browser to load is Streamlit's map code of the installed version (after an
    upgrade renames it, the preload would fetch a file that does not exist)."""
    chunk, style = json.loads(re.search(r"const \[chunk, style\] = (\[.*\]);", BROWSER_JS).group(1))
    js_dir = Path(st.__file__).parent / "static" / "static" / "js"
    assert (js_dir / chunk).is_file() and "deck" in (js_dir / chunk).read_text(encoding="utf-8").lower()
    assert (js_dir / style).resolve().is_file() and style.endswith(".css")
    assert style.removeprefix("../") in (next(js_dir.glob("index.*.js"))).read_text(encoding="utf-8")  # Streamlit's own


def test_the_head_imports_nothing_heavy():
    """``app.py`` calls the head before the app's code: it must not pull in the library (pandas, geopandas)."""
    code = ("import sys, gebied.app.page; "
            "print(sorted(m for m in ('pandas', 'geopandas', 'gebied.area', 'gebied.app.data') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == "[]"
