"""Page Toegankelijkheid: the toegankelijkheidsverklaring (what was tested, how, the result, the exceptions),
read from ``docs/toegankelijkheid.md``, which the browser tests check against their own findings."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from gebied.app.widgets import guard

VERKLARING = Path(__file__).resolve().parents[3] / "docs" / "toegankelijkheid.md"


def render() -> None:
    st.markdown(VERKLARING.read_text(encoding="utf-8"))


if __name__ == "__main__":
    guard(render)
