"""Page Bereikbaarheid: travel time to a voorziening per mode, isochrones, coverage per kern."""

from __future__ import annotations

from typing import Any

import numpy as np
import streamlit as st

from gebied.app import data, layout, state
from gebied.app.widgets import bars_html, found_view, guard, heading, map_panel, nl, search, shown_table
from gebied.area.model import Area
from gebied.area.summary import attribution
from gebied.bereik.dekking import hosts, reistijd_verdeling
from gebied.bereik.modes import modes
from gebied.core.catalogue import Catalogue, load_catalogue
from gebied.maps import deck, overlays, statisch, vakken

ALLE = "__alle__"
EERSTE_MODUS = 1  # the mode the page starts with (number in the area's mode table: fiets)


def _controls(area: Area, cat: Catalogue, present: list[str], names: dict[str, str]) -> tuple[str, str, float, str]:
    mode_table = modes(area.config.snelheden)
    sb = st.sidebar
    modus = sb.selectbox("Vervoerwijze", list(mode_table), EERSTE_MODUS, format_func=lambda m: mode_table[m].label,
                         key=state.BEREIK_MODUS, persist_state="session")
    soort = sb.selectbox("Voorziening", present, format_func=lambda v: cat.voorziening(v).label,
                         key=state.BEREIK_SOORT, persist_state="session")
    norm = sb.number_input("Norm (minuten)", 1, 120, data.first_norm(area, soort), 1, format="%d",
                           key=state.bereik_norm(soort), persist_state="session")
    kern = sb.selectbox("Kern", [ALLE, *area.kernen["kern_id"]], key=state.BEREIK_KERN,
                        format_func=lambda k: "alle kernen" if k == ALLE else names.get(k, k), persist_state="session")
    return modus, soort, float(norm), kern


def _zonder_route(area: Area, modus: str, onbereikbaar: float) -> str:
    """The explanation under the unreachable inhabitants: why there is no route, when the network says."""
    net = area.netwerken[modes(area.config.snelheden)[modus].netwerk]
    delen = net.dropped["apart"]
    if onbereikbaar > 0 and delen:
        return (f"inwoners zonder route: het netwerk ({net.name}) bestaat uit {delen + 1} delen die in het "
                "kaartbestand niet met elkaar verbonden zijn (zie Gegevens)")
    return "inwoners zonder route"


def _kind_layers(cat: Catalogue, soort: str, urls: tuple[tuple[str, ...] | None, str], nummer: int, norm: float
                 ) -> tuple[Any | None, Any]:
    """A voorziening kind's isochrones (None where no accommodatie hosts it) and squares, in mode number
    ``nummer`` against ``norm``; a layer id per kind (and per mode for the isochrones), so the map keeps a kind's
    data when another kind or mode is shown."""
    iso_urls, points_url = urls
    iso = None if iso_urls is None else overlays.isochrone_layer(iso_urls[nummer], _iso_id(soort, nummer))
    return iso, overlays.points_layer(points_url, norm, cat, nummer, _points_id(soort))


def _fine(cat: Catalogue, tiles: list[tuple[str, str]], soort: str, nummer: int, norm: float) -> list[Any]:
    """The fine squares' tiles as layers (a layer id per tile, so the map keeps a tile it has seen)."""
    return [overlays.points_layer(url, norm, cat, nummer, f"{_points_id(soort)}-{key}") for url, key in tiles]


def _iso_id(soort: str, nummer: int) -> str:
    return f"isochronen-{soort}-{nummer}"


def _points_id(soort: str) -> str:
    return f"inwoners-{soort}"


def _hosts_id(soort: str) -> str:
    return f"accommodaties-{soort}"


def _hosting(area: Area, cat: Catalogue, soort: str) -> Any:
    """The accommodaties hosting ``soort``, as a layer of their own per kind whose data is a file (not sent with
    each run; kept by the map when another kind or page is shown)."""
    acc = data.frames()["accommodaties"]
    url = statisch.static_json(data.map_folder()[1], f"accommodaties-{soort}",
                               lambda: acc[hosts(area.voorzieningen, acc["accommodatie_id"].to_numpy(), soort)])
    return overlays.accommodaties_layer(url, cat, _hosts_id(soort))


def _ahead(area: Area, cat: Catalogue, present: list[str], soort: str, nummer: int) -> list[Any]:
    """The layers the map does not hold yet of every voorziening kind whose files are ready: the isochrones of
    every mode, and the squares and hosting accommodaties of the other kinds (the squares in the first mode against
    their first norm). The map loads them without showing them, so choosing another mode or kind only shows its
    layers. A kind whose layers the map holds is not asked for (most runs). A province's map loads the current
    kind's coarse isochrones only (:mod:`gebied.maps.vakken`): every kind's would be more than a browser wants to
    cut into triangles at once."""
    out, kept, n = [], layout.kept(), len(modes(area.config.snelheden))
    for other in [soort] if vakken.in_levels(area) else present:
        own = other == soort
        if not own and _hosts_id(other) not in kept:
            out.append(_hosting(area, cat, other))
        wanted = {_iso_id(other, i) for i in range(n)} | (set() if own else {_points_id(other)})
        missing = wanted - kept - ({_iso_id(soort, nummer)} if own else set())
        urls = data.bereik_urls_ready(other) if missing else None
        if urls is None:
            continue
        iso_urls, points_url = urls
        out += [overlays.isochrone_layer(url, _iso_id(other, i)) for i, url in enumerate(iso_urls or ())
                if _iso_id(other, i) in missing]
        if _points_id(other) in missing:
            out.append(overlays.points_layer(points_url, data.first_norm(area, other), cat, EERSTE_MODUS,
                                             _points_id(other)))
    return out


def render() -> None:
    area = data.area()
    cat = load_catalogue()
    fr = data.frames()
    modus, soort, norm, kern = _controls(area, cat, fr["soorten"], fr["kernnamen"])
    found = found_view(area, search(fr["kernnamen"], fr["labels"]))
    report = data.report(modus, soort, norm)
    total = report[report["kern_id"] == "totaal"].iloc[0]
    nummer = list(modes(area.config.snelheden)).index(modus)  # squares: one file, coloured by mode in the map
    iso, points = _kind_layers(cat, soort, data.bereik_urls(soort), nummer, norm)
    layers = [*data.base(), *([iso] if iso is not None else []), overlays.kernen_layer(fr["kernen_url"], cat),
              *overlays.highlighted_kernen(fr["kernen"], cat, [kern]), points]
    folder = data.map_folder()[1]
    layers += [_hosting(area, cat, soort), overlays.labels_layer(fr["namen_url"])]
    view = data.view(kern if kern != ALLE else None)
    if found is not None:
        view, ring = found
        layers.append(ring)
    if tiles := statisch.squares_tiles(area, folder, soort, view):  # a province near a kern: the fine squares
        at = layers.index(points)
        layers[at:at + 1] = _fine(cat, tiles, soort, nummer, norm)
    if iso is not None and (tiles := statisch.isochrone_tiles(area, folder, soort, nummer, view)):  # and isochrones
        at = layers.index(iso)
        layers[at:at + 1] = [overlays.isochrone_layer(url, f"{_iso_id(soort, nummer)}-{key}") for url, key in tiles]
    label = modes(area.config.snelheden)[modus].label.lower()
    heading(f"Bereikbaarheid — {cat.voorziening(soort).label.lower()}, {label}, norm {norm:g} min")
    figures = [("Binnen de norm", f"{nl(total['binnen_norm_pct'], 1)}%", "van de inwoners"),
               ("Gemiddelde reistijd", f"{nl(total['gem_minuten'], 1)} min", ""),
               ("Inwoners buiten de norm", nl(total["buiten_norm"]), ""),
               ("Onbereikbaar", nl(total["onbereikbaar"]), _zonder_route(area, modus, total["onbereikbaar"]))]
    map_panel(layers, view, overlays.minutes_legend(norm, cat) + deck.legend(cat, None, ("isochronen",)), figures,
              attributie=attribution(area), vooraf=_ahead(area, cat, fr["soorten"], soort, nummer))
    if kern != ALLE:  # the kern's inhabitants by travel time, in the panel beside the map
        pts, minutes = data.context().points, data.minutes(modus, soort)
        sel = (pts["kern_id"] == kern).to_numpy()
        verdeling = reistijd_verdeling(minutes[sel], pts.loc[sel, "inwoners"].to_numpy(dtype=float), norm)
        filled = np.flatnonzero(verdeling["inwoners"].to_numpy() > 0)
        verdeling = verdeling.iloc[: (filled[-1] + 1 if len(filled) else 1)]  # up to the last class with people
        kleuren = overlays.class_colours(verdeling["van"].to_numpy(), norm, cat)
        naam = area.kernen.set_index("kern_id").at[kern, "naam"]
        layout.current().paneel.markdown(bars_html(list(verdeling["klasse"]), list(verdeling["inwoners"]), kleuren,
                                                   f"Inwoners van {naam} naar reistijd ({label})"),
                                         unsafe_allow_html=True)
    st.markdown("**Per kern**")
    shown_table(data.report_tabel(modus, soort, norm))


if __name__ == "__main__":
    guard(render)
