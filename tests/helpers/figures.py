"""Read the key figures the app shows beside its maps (HTML blocks, see ``gebied.app.widgets.figure_html``)."""

from __future__ import annotations

import html
import re
from typing import Any

_FIGURE = re.compile(r'<div class="label">(.*?)</div><div class="waarde">(.*?)</div>')


def figures(at: Any) -> dict[str, str]:
    """``{label: value}`` of every key figure on the page an ``AppTest`` rendered."""
    found: dict[str, str] = {}
    for m in at.markdown:
        for label, value in _FIGURE.findall(m.value):
            found[html.unescape(label)] = html.unescape(value)
    return found


def credits(at: Any) -> str:
    """All legend and caption text of the page (where the attribution sits)."""
    return " ".join([m.value for m in at.markdown] + [c.value for c in at.caption])
