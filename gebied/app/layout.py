"""The frame every map page is drawn in: a heading, the map, and a panel beside it, always at the same place.

The shell (``gebied.app.shell``) opens the frame before it runs a map page, so the map is the same element
on every such page and the browser keeps it when the planner switches pages: one WebGL context whose shaders
and base picture stay, instead of a new map built from nothing on each switch (without a graphics card that
took ~3 s a switch).
A page fills the frame through :func:`current`; run on its own (no frame opened) it gets one in place.

The map is one widget for all pages (``state.KAART``, single-object selection), and the shell draws it after
the page has run: Streamlit builds a new map when the widget's identity changes, and clears what a page
itself drew when the next page starts. A page gives its deck to :func:`draw`, which returns the selection of
the last click (in the session state before the page runs). Pages read a click by their own layer ids, so a
click on one page is never taken for a choice on another (Streamlit drops a selection whose layer the next
page does not draw).
"""

from __future__ import annotations

import threading
from copy import copy as clone
from dataclasses import dataclass
from typing import Any

import streamlit as st

from gebied.app import state

#: Map width : panel width, the same on every map page (the story's text needs a third of the width; a
#: projector's story too): the map keeps its place and size when the planner switches pages, so the browser
#: need not size its canvas anew (from Verhaal to Bereikbaarheid, a page switch took ~30 ms more when the map
#: was four fifths of the width on one page and three fifths on the other).
RATIO = (2, 1)
#: The pages that draw a map in the frame.
MAP_PAGES = frozenset({"Kaart", "Bereikbaarheid", "Scenario's", "Kern-profiel", "Gegevens", "Verhaal", "Afweging"})

_run = threading.local()  # every script run has its own thread


@dataclass
class Frame:
    """The places a map page writes to: ``kop`` (heading, messages), ``kaart`` (one map) and ``paneel``
    (key figures, legend, or a story's text); ``deck`` is the map the page asked for."""

    kop: Any
    kaart: Any
    paneel: Any
    deck: Any = None
    vooraf: list[Any] | None = None  # layers to load, not show (see :func:`keep_hidden`)
    own: bool = False  # opened by the page itself (no app shell): the page draws its map at once


def ratio_for(title: str) -> tuple[int, int] | None:
    """The map : panel ratio of a page, or None for a page without a map in the frame."""
    return RATIO if title in MAP_PAGES else None


def open_frame(ratio: tuple[int, int] = RATIO) -> Frame:
    """Create the frame at the current place of the main area; the page run in this thread writes into it."""
    kop = st.container()
    left, right = st.columns(list(ratio))
    # the map goes straight into its column when the page has run, where the last run's map stands: an
    # ``st.empty()`` slot sent at the start of a run would hide that map meanwhile, and showing it again sizes its
    # canvas anew and draws it once more (~0.1 s a frame without a graphics card)
    frame = Frame(kop=kop, kaart=left, paneel=right.container())
    _run.frame = frame
    return frame


def close_frame(draw: bool = True) -> None:
    """Draw the map the page asked for (``draw``) and forget this run's frame; the shell calls it when the
    page has run. A frame the page opened itself already holds its map."""
    frame = getattr(_run, "frame", None)
    _run.frame = None
    if draw and frame is not None and not frame.own and frame.deck is not None:
        _draw(frame)


def current() -> Frame:
    """This run's frame; opened in place when the page runs without one."""
    frame = getattr(_run, "frame", None)
    if frame is None:
        frame = open_frame()
        frame.own = True
    return frame


def draw(deck: Any, vooraf: list[Any] | None = None) -> dict[str, Any]:
    """Show ``deck`` (a pydeck Deck) in the frame's map, with the layers of ``vooraf`` loaded but not shown (see
    :func:`keep_hidden`); returns the selection of the last click on the map (``{"indices": {layer id: [...]},
    "objects": {layer id: [...]}}``, empty without one)."""
    frame = current()
    frame.deck = deck
    frame.vooraf = vooraf
    if frame.own:
        _draw(frame)
    picked = st.session_state.get(state.KAART) or {}
    return dict(picked.get("selection") or {})


#: Layers that read their data or picture from an address stay on the map, hidden, after a page or a choice stops
#: showing them (at most this many, the most recently shown): showing one again then needs no new fetch, parse and
#: triangulation in the browser (a voorziening kind or mode shown before, the page visited before). Room for
#: every voorziening kind's layers in the catalogue (squares, hosting accommodaties, and isochrones per mode: nine
#: kinds, four modes) and the other pages' layers.
BEWAAR_LAGEN = 80
#: Of those, at most this many pictures (a base picture's layer, :func:`gebied.maps.base.base_image_layer`): a kern's
#: detail picture shown again was fetched, decoded and uploaded with its mipmaps anew (2048 × 1536 at k = 16: ~0.1 s of
#: a software renderer's page switch), but each kept one holds ~17 MB of the browser's graphics memory.
BEWAAR_BEELDEN = 8


def hidden(layer: Any) -> Any:
    """A copy of ``layer`` that the map loads but does not draw."""
    copy = clone(layer)
    copy.visible = False
    return copy


def kept() -> set[str]:
    """The ids of the layers this session's map keeps, shown or hidden (see :func:`keep_hidden`)."""
    return set(st.session_state.get(state.KAART_LAGEN) or ())


def click_layer(name: str, key: str = state.KAART) -> tuple[str, list[dict[str, Any]]]:
    """The id to give the clickable layer ``name`` in this run, and the objects of a click on it not taken yet
    (empty: none) from the map widget ``key``.

    Streamlit greys every other object on a map while an object of a layer it shows stays selected, which hides
    what the map says. Once a page has taken a click, the layer is drawn under a new id (``name#<n>``): the map
    forgets the click, and a later click on the same object counts again. Pages show what was chosen
    themselves. Such layers are not kept hidden (see :func:`keep_hidden`): the next id replaces the last.
    """
    counts = st.session_state.setdefault(state.KLIKKEN, {})
    layer_id = f"{name}#{counts.get(name, 0)}"
    selection = (st.session_state.get(key) or {}).get("selection") or {}
    objects = list((selection.get("objects") or {}).get(layer_id) or [])
    if objects:
        counts[name] = counts.get(name, 0) + 1
        layer_id = f"{name}#{counts[name]}"
    return layer_id, objects


def keep_hidden(deck: Any, kept: dict[str, Any], vooraf: list[Any] | None = None) -> Any:
    """``deck`` with the layers of ``kept`` it does not show added, hidden; ``kept`` (layer id -> layer, most
    recently shown last) is updated with the deck's own layers that read their data or picture from an address
    (but not a :func:`click_layer`, whose id changes).

    ``vooraf``: layers a page will likely show next (Bereikbaarheid: every other voorziening kind), kept from now
    on where neither shown nor kept yet, so the browser fetches, parses and uploads their data while the planner
    looks at the map, and showing one is a change of visibility. A kept layer keeps the properties it was last
    shown (or first given) with, so the hidden layers cost nothing on the next run."""
    shown = {layer.id for layer in deck.layers}
    for layer in deck.layers:
        if (_picture(layer) or isinstance(getattr(layer, "data", None), str)) and "#" not in layer.id:
            kept.pop(layer.id, None)
            kept[layer.id] = layer
    for layer in vooraf or []:
        if layer.id not in shown and layer.id not in kept:
            kept[layer.id] = layer
    for old in [layer_id for layer_id, layer in kept.items() if _picture(layer)][:-BEWAAR_BEELDEN]:
        del kept[old]
    for old in list(kept)[:-BEWAAR_LAGEN]:
        del kept[old]
    deck.layers = [*deck.layers, *(hidden(layer) for layer_id, layer in kept.items() if layer_id not in shown)]
    return deck


def _picture(layer: Any) -> bool:
    """Whether ``layer`` draws a picture it reads from an address."""
    return isinstance(getattr(layer, "image", None), str)


def _draw(frame: Frame) -> None:
    deck = keep_hidden(frame.deck, st.session_state.setdefault(state.KAART_LAGEN, {}), frame.vooraf)
    frame.kaart.pydeck_chart(deck, key=state.KAART, on_select="rerun", selection_mode="single-object")
