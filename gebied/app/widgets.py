"""Shared widgets: the full-height map with legend and key figures, Dutch tables, messages, downloads, search.

Every page is laid out the same way: controls in the side panel, the map filling the height of the
screen with the key figures and the legend beside it, tables below.
"""

from __future__ import annotations

import html
import traceback
import weakref
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import streamlit as st

from gebied.app import data, layout, state
from gebied.area.model import Area
from gebied.core.catalogue import OSM_ATTRIBUTION, Catalogue
from gebied.core.errors import GebiedError
from gebied.core.fmt import getal, tabel
from gebied.maps import deck, ondergrond, overlays, vakken


def nl(x: float | None, decimals: int = 0) -> str:
    """A number in Dutch notation (1.234,5)."""
    return getal(x, decimals)


def figure_html(label: str, value: str, help: str = "") -> str:
    """One key figure as a small HTML block (label, value, explanation)."""
    extra = f'<div class="toelichting">{html.escape(help)}</div>' if help else ""
    return (f'<div class="gebied-figuur"><div class="label">{html.escape(label)}</div>'
            f'<div class="waarde">{html.escape(value)}</div>{extra}</div>')


def heading(text: str) -> None:
    """The page's heading, above the map."""
    layout.current().kop.subheader(text)


def bars_html(labels: list[str], values: list[float], colours: list[str], title: str = "") -> str:
    """A small horizontal bar chart as HTML (drawn by the page itself: no chart library to start)."""
    top = max(max(values, default=0.0), 1e-9)
    rows = "".join(
        f'<div style="display:flex;align-items:center;gap:6px;font-size:0.75rem;line-height:1.25">'
        f'<span style="width:6.5rem;text-align:right;color:#555">{html.escape(lab)}</span>'
        f'<span style="flex:1"><span style="display:inline-block;height:0.7rem;width:{100 * v / top:.1f}%;'
        f'background:{c}"></span></span><span style="width:3rem">{getal(v)}</span></div>'
        for lab, v, c in zip(labels, values, colours))
    head = f'<div class="label" style="font-size:0.8rem;color:#555">{html.escape(title)}</div>' if title else ""
    return f'<div class="gebied-staven">{head}{rows}</div>'


def map_panel(layers: list[Any], view: Any, legend_items: list[deck.LegendItem],
              figures: list[tuple[str, str, str]] | None = None, attributie: str = OSM_ATTRIBUTION,
              note: str = "", vooraf: list[Any] | None = None) -> Any:
    """The map filling the screen height, with the key figures and the legend in the panel beside it.

    Parameters
    ----------
    figures
        ``(label, value, explanation)`` per key figure, shown above the legend.
    note
        An explanation under the legend.
    vooraf
        Layers to load in the browser but not show (see :func:`gebied.app.layout.keep_hidden`).

    Returns
    -------
    The selection of the last click on the map (see :func:`gebied.app.layout.draw`).
    """
    frame = layout.current()
    event = show_map(layers, view, vooraf)
    with frame.paneel:
        st.markdown(map_in_words(legend_items, figures), unsafe_allow_html=True)
        if figures:
            st.markdown("".join(figure_html(*f) for f in figures), unsafe_allow_html=True)
        st.markdown(deck.legend_html(legend_items, attributie), unsafe_allow_html=True)
        if note:
            st.caption(note)
    return event


def map_in_words(legend_items: list[deck.LegendItem], figures: list[tuple[str, str, str]] | None = None) -> str:
    """The map's text alternative for a screen reader (not shown): what it shows, from its legend and figures."""
    shown = "; ".join(html.escape(i.label) for i in legend_items)
    numbers = "; ".join(f"{html.escape(a)}: {html.escape(b)}" for a, b, _ in figures or [])
    return (f'<div class="gebied-sr">De kaart hiernaast toont: {shown}.' + (f" Kerncijfers: {numbers}." if numbers
            else "") + " De tabellen op deze pagina geven dezelfde cijfers per kern.</div>")


def show_map(layers: list[Any], view: Any, vooraf: list[Any] | None = None) -> dict[str, Any]:
    """Show ``layers`` in the frame's map (the same map element on every page), ``vooraf`` loaded but not
    shown; returns the selection of the last click on it, by layer id. A kern's view of a large area gets the
    base's detail picture of what it shows, above the overview (:mod:`gebied.maps.ondergrond`); a province's view
    its kernen in the coarse level (:func:`gebied.maps.vakken.coarse_kernen`, its own layer id: the map keeps
    both levels), a kern's view the kernen and names it shows only (without a graphics card every point and
    letter costs a frame time, on the screen or not)."""
    key, v = data.data_key()[0], ondergrond.afgerond(view)  # as the build cut every kern's picture
    at = (v.longitude, v.latitude, v.zoom)
    grof = data.frames().get("kernen_grof_url")
    if grof is not None and vakken.coarse_view(view):
        layers = [_kernen_from(layer, grof, "kernen-grof") if _id(layer) == "kernen" else layer for layer in layers]
    elif grof is not None and (near := kernen_near(key, *at)) is not None:  # a kern's view: the kernen it shows
        layers = [_kernen_from(layer, near, "kernen") if _id(layer) == "kernen" else layer for layer in layers]
    if layers and _id(layers[0]) == "ondergrond":
        layers = [layers[0], *detail_picture(key, *at), *layers[1:]]
    names = next((i for i, layer in enumerate(layers) if _id(layer) == "kernnamen"), None)
    if names is not None and (few := few_names(key, *at)) is not None:
        layers = [*layers[:names], overlays.labels_layer(few), *layers[names + 1:]]
    return layout.draw(deck.deck(layers, view), vooraf)


def _id(layer: Any) -> str | None:
    return getattr(layer, "id", None)


def _kernen_from(layer: Any, rows: str | list[dict[str, Any]], layer_id: str) -> Any:
    copy = layout.clone(layer)
    copy.data, copy.id = rows, layer_id
    return copy


@st.cache_data(show_spinner=False, max_entries=64)
def few_names(area_id: str | None, longitude: float, latitude: float, zoom: float) -> list[dict[str, Any]] | None:
    """The kern names a map at this view shows (:func:`gebied.maps.namen.labels_at`: at a province's zoom those
    that do not crowd, near a kern those in view); None where every name shows (a gemeente)."""
    from gebied.maps import namen

    area = data.get_area(area_id, None, None)
    few = namen.labels_at(area, overlays.labels_frame(area), _view(longitude, latitude, zoom))
    return None if few is None else few.to_dict("records")


@st.cache_data(show_spinner=False, max_entries=64)
def kernen_near(area_id: str | None, longitude: float, latitude: float, zoom: float) -> list[dict[str, Any]] | None:
    """The fine outlines of the kernen a map of a province at this view near a kern shows
    (:func:`gebied.maps.vakken.kernen_in_view`), as rows for the kernen layer; None where the view shows the
    kernen's file (a gemeente, a province's zoom)."""
    area = data.get_area(area_id, None, None)
    seen = vakken.kernen_in_view(area, _view(longitude, latitude, zoom))
    if seen is None:
        return None
    rows = data.get_frames(area_id, None, None)["kernen"]
    return rows[rows["kern_id"].isin(seen)].to_dict("records")


@st.cache_resource(show_spinner="Ondergrond in detail tekenen …", max_entries=256)
def detail_picture(area_id: str | None, longitude: float, latitude: float, zoom: float) -> list[Any]:
    """The base's detail picture a map at this view shows (none for a gemeente, or at a province's zoom); made
    once, then a file the browser fetches once."""
    from gebied.core.catalogue import load_catalogue
    from gebied.maps import statisch

    area = data.get_area(area_id, None, None)
    return ondergrond.detail_layers(area, statisch.folder_of(area), load_catalogue(), _view(longitude, latitude, zoom))


def _view(longitude: float, latitude: float, zoom: float) -> SimpleNamespace:
    """The view of the cached functions above (they take its parts: a pydeck view is not hashable)."""
    return SimpleNamespace(longitude=longitude, latitude=latitude, zoom=zoom)


def table(df: Any, cat: Catalogue, keep: list[str] | None = None, **kwargs: Any) -> None:
    """A table with Dutch headers and numbers (labels and formats from the catalogue), no 'None' cells."""
    shown_table(tabel(df, cat.kolommen, keep), **kwargs)


def shown_table(shown: Any, **kwargs: Any) -> None:
    """A table already formatted for showing (:func:`gebied.core.fmt.tabel`), as :func:`table` shows it."""
    st.dataframe(as_arrow(shown), hide_index=True, width="stretch", **kwargs)


_ARROW: dict[int, tuple[weakref.ref, Any]] = {}  # id of a shown frame -> (the frame, its Arrow table)


def as_arrow(frame: Any) -> Any:
    """``frame`` (a DataFrame) as the Arrow table Streamlit sends, made once per frame object: pages show frames
    kept by a cache or an evaluation run after run, and Streamlit converted each on every run (~8 ms a run for
    Bereikbaarheid's 1,300 kernen of a province, 0.2 ms from the Arrow table). A frame is not to be changed once
    shown (as every kept frame); one Arrow cannot hold (mixed kinds in a column) is given to Streamlit as it is."""
    import pyarrow as pa

    hit = _ARROW.get(id(frame))
    if hit is not None and hit[0]() is frame:
        return hit[1]
    try:
        table = pa.Table.from_pandas(frame, preserve_index=False)
        ref = weakref.ref(frame, _forget(id(frame)))
    except (TypeError, ValueError, pa.ArrowException):  # not a frame, or a column Arrow cannot hold
        return frame
    _ARROW[id(frame)] = (ref, table)
    return table


def _forget(key: int) -> Callable[[weakref.ref], None]:
    """What a shown frame's weak reference calls when the frame is gone: its Arrow table goes too."""
    def forget(_: weakref.ref) -> None:
        _ARROW.pop(key, None)

    return forget


def error(exc: GebiedError) -> None:
    """Show a user error: the Dutch message, and what went wrong in detail folded away."""
    st.error(exc.nl)
    if exc.problems or exc.path:
        with st.expander("Details"):
            if exc.path:
                st.caption(f"Bestand: {exc.path.name}")
            for p in exc.problems:
                st.markdown(f"- {p}")


def guard(render: Callable[[], None]) -> None:
    """Run a page; a user error gets its Dutch message, anything else a Dutch notice with details folded away."""
    try:
        render()
    except GebiedError as exc:
        error(exc)
    except Exception as exc:
        st.error("Er ging iets mis op deze pagina. Uw opgeslagen gegevens zijn niet aangetast; probeer het "
                 "opnieuw of kies een andere pagina.")
        with st.expander("Technische details"):
            st.code("".join(traceback.format_exception(exc)), language=None)


def downloads(files: dict[str, bytes], stem: str, key: str) -> None:
    """One download button per file, side by side; names get ``stem`` as prefix."""
    mime = {"pdf": "application/pdf", "html": "text/html", "csv": "text/csv", "geojson": "application/geo+json",
            "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "gpkg": "application/geopackage+sqlite3"}
    cols = st.columns(max(len(files), 1))
    for col, (name, inhoud) in zip(cols, files.items()):
        col.download_button(f"Download {name}", inhoud, file_name=f"{stem}-{name}",
                            mime=mime.get(name.rsplit(".", 1)[-1], "application/octet-stream"), key=f"{key}_{name}")


def search(kernen: dict[str, str], labels: dict[str, str]) -> tuple[str, str] | None:
    """A search box in the side panel for a kern or an accommodatie (``kernen``, ``labels``: id -> label);
    returns ``("kern"|"accommodatie", id)``."""
    options = {f"k:{k}": f"Kern {n}" for k, n in kernen.items()}
    options.update({f"a:{a}": lab for a, lab in labels.items()})
    choice = st.sidebar.selectbox("Zoek een kern of accommodatie", [None, *options], key=state.ZOEK,
                                  format_func=lambda o: "–" if o is None else options[o],
                                  placeholder="Typ een naam …", index=0)
    if not choice:
        return None
    soort, ident = choice.split(":", 1)
    return ("kern" if soort == "k" else "accommodatie"), ident


def found_view(area: Area, found: tuple[str, str] | None) -> tuple[Any, Any] | None:
    """The view and highlight layer for a search result (None: nothing searched)."""
    if found is None:
        return None
    from gebied.maps.overlays import highlight_layer

    soort, ident = found
    layer = area.kernen if soort == "kern" else area.accommodaties
    hit = layer[layer["kern_id" if soort == "kern" else "accommodatie_id"] == ident]
    if hit.empty:
        return None
    geom = hit.geometry.iloc[0]
    view = deck.view_state(hit if soort == "kern" else hit.assign(geometry=hit.buffer(400)))
    return view, highlight_layer(geom, area.crs)


def figure_png(fig: Any) -> bytes:
    """A matplotlib figure as PNG (for ``st.image`` with an alt text; ``st.pyplot`` has none), then closed."""
    import io

    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()
