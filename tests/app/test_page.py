"""The page head: style and browser set-up sent before the app's code is imported."""

import json
import re
import subprocess
import sys
from pathlib import Path

import streamlit as st

from gebied.app.page import BROWSER_JS


def test_the_code_it_preloads_is_streamlits_own():
    """The chunks the head asks the browser to load are Streamlit's code of the installed version, one for each
    element kind it names (after an upgrade renames one, the preload would fetch a file that does not exist)."""
    from gebied.app.page import PRELOAD

    chunks, style = json.loads(re.search(r"const \[chunks, style\] = (\[.*\]);", BROWSER_JS).group(1))
    js_dir = Path(st.__file__).parent / "static" / "static" / "js"
    assert [c.removeprefix("./").split(".")[0] for c in chunks] == list(PRELOAD)
    assert all((js_dir / c).is_file() for c in chunks)
    assert "deck" in (js_dir / chunks[0]).read_text(encoding="utf-8").lower()
    index = next(js_dir.glob("index.*.js")).read_text(encoding="utf-8")
    assert all(c.removeprefix("./") in index for c in chunks)  # the names Streamlit's own loader imports
    assert (js_dir / style).resolve().is_file() and style.endswith(".css")
    assert style.removeprefix("../") in index


def test_the_head_imports_nothing_heavy():
    """``app.py`` calls the head before the app's code: it must not pull in the library (pandas, geopandas)."""
    code = ("import sys, gebied.app.page; "
            "print(sorted(m for m in ('pandas', 'geopandas', 'gebied.area', 'gebied.app.data') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == "[]"


def test_every_text_colour_of_the_apps_own_style_reads_4_5_to_1_on_its_background():
    """WCAG 1.4.3 for what gebied itself colours: each CSS rule's text colour against the rule's background
    (white where it sets none), in the page head, the phone and projector styles and the legend."""
    from gebied.app.page import APP_CSS
    from gebied.app.werkplaats import SCHERM_CSS, TELEFOON
    from gebied.area.store import load_area
    from gebied.core.catalogue import load_catalogue
    from gebied.core.kleur import TEKST, contrast
    from gebied.maps.deck import legend, legend_html

    css = APP_CSS + SCHERM_CSS + TELEFOON
    html = legend_html(legend(load_catalogue(), load_area()))
    rules = re.findall(r"([^{}]+)\{([^}]*)\}", css) + [("legenda", m) for m in re.findall(r'style="([^"]*)"', html)]
    checked = []
    for selector, body in rules:
        fg = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{3,6})", body)
        if not fg:
            continue
        bg = re.search(r"background:\s*(#[0-9a-fA-F]{3,6})", body)
        ratio = contrast(fg.group(1), bg.group(1) if bg else "#ffffff")
        checked.append((selector.strip()[:40], ratio))
        assert ratio >= TEKST, f"{selector.strip()}: {fg.group(1)} reads {ratio:.2f} : 1"
    assert len(checked) >= 8, checked
