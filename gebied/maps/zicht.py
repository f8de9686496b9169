"""The view a map is drawn at, told to the browser with the layers (see :mod:`gebied.app.page`).

Streamlit's map element hands deck.gl a page's new layers first and its new view a moment later; the browser
would draw the new layers at the old view in between. Every map therefore carries an empty, hidden layer
(:data:`ZICHT`) whose ``zicht`` is the view it is drawn at: when that changes, the browser waits for the new
view (at most 0.3 s) before it draws. Kept free of heavy imports: the page's head reads :data:`ZICHT`.
"""

from __future__ import annotations

from typing import Any

#: Id of the layer that carries a map's view.
ZICHT = "gebied-zicht"


def zicht(view: Any) -> list[float]:
    """Longitude and latitude (degrees), zoom, pitch and bearing (degrees) of a pydeck ``ViewState``."""
    return [float(getattr(view, name, None) or 0.0) for name in ("longitude", "latitude", "zoom", "pitch", "bearing")]


def zicht_layer(view: Any) -> Any:
    """An empty, hidden pydeck layer whose ``zicht`` prop is ``view`` (see :func:`zicht`)."""
    import pydeck as pdk

    return pdk.Layer("ScatterplotLayer", [], id=ZICHT, visible=False, zicht=zicht(view))
