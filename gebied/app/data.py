"""Cached, read-only data of the app: the area, travel-time matrices, isochrones and map frames.

Shared caches (``st.cache_resource``) hold only immutable results, keyed by the session's data
(area id and an uploaded overrides file); each user's own edits live in their session state. The base
map, the kernen, accommodaties and names, and the isochrones and travel times per mode and voorziening are
written once per build as JSON files that the app serves itself (``/app/static/…``): the browser fetches
each once, and a page sends only what changes.
"""

from __future__ import annotations

import contextlib
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd
import streamlit as st

from gebied.app import state
from gebied.area.model import Area
from gebied.bereik.interface import Bereik
from gebied.core.catalogue import load_catalogue
from gebied.maps import statisch
from gebied.toekomst.prognose import Bevolking

if TYPE_CHECKING:  # the evaluation (scipy's graphs) is imported when a page first needs it
    from gebied.scenario.evaluate import Context, Evaluation
    from gebied.scenario.jaren import JarenEvaluatie
    from gebied.scenario.model import Scenario
    from gebied.scenario.optimise import OptimumReport

DataKey = tuple[str | None, str | None, bytes | None]


def data_key() -> DataKey:
    """(area id, upload name, upload bytes) of this session."""
    ss = st.session_state
    return ss.get(state.AREA_ID), ss.get(state.UPLOAD_NAME), ss.get(state.UPLOAD)


@st.cache_resource(show_spinner="Gebied laden …")
def get_area(area_id: str | None, upload_name: str | None, upload: bytes | None) -> Area:
    """The area (with an uploaded overrides file merged, if any); shared read-only between sessions.

    Every argument is passed, also when None: Streamlit keys its cache by the arguments as given, so
    ``get_area(x)`` and ``get_area(x, None, None)`` would each load the area (~1.3 s and its memory twice).
    """
    from gebied.area.store import load_area_with

    return load_area_with(area_id, upload_name, upload, vroeg=True)  # a first build's networks follow later


@st.cache_resource(show_spinner="Reistijden berekenen …")
def get_context(area_id: str | None, upload_name: str | None, upload: bytes | None) -> Context:
    """Travel-time matrices (walking, cycling) and the current situation, computed once."""
    from gebied.scenario.evaluate import make_context

    return make_context(get_area(area_id, upload_name, upload))


@st.cache_resource(show_spinner="Reistijden berekenen …")
def get_matrix(area_id: str | None, upload_name: str | None, upload: bytes | None, modus: str) -> Bereik:
    """The travel-time matrix of a mode: walking and cycling from the shared context, others computed once."""
    ctx = get_context(area_id, upload_name, upload)
    if modus in ctx.matrices:
        return ctx.matrices[modus]
    from gebied.bereik.matrices import area_matrix

    return area_matrix(ctx.area, modus, points=ctx.points)


@st.cache_resource(show_spinner="Ondergrond tekenen …")
def get_base(area_id: str | None, kernen: bool = True) -> list[Any]:
    """The base map of an area: one picture (drawn once per build, then served as a static file), with the
    kernen's outlines or without."""
    from gebied.maps.base import base_image_layer
    from gebied.maps.ondergrond import has_detail

    area = get_area(area_id, None, None)
    url, bounds = statisch.base_file(area, statisch.folder_of(area), load_catalogue(), kernen)
    return [base_image_layer(url, bounds, "ondergrond" if kernen else "ondergrond-zonder-kernen",
                             vergroot=not has_detail(area))]  # a kern's view shows it enlarged


@st.cache_resource(show_spinner=False)
def get_frames(area_id: str | None, upload_name: str | None, upload: bytes | None) -> dict[str, Any]:
    """What every page reuses: the accommodaties frame, static layers' addresses, chooser labels (``labels``,
    ``kernnamen``), the places of Meedoen's list (``plekken``) and the kinds present (``soorten``, catalogue order)."""
    from gebied.area.summary import accommodatie_labels, kern_labels, plekken

    area = get_area(area_id, upload_name, upload)
    cat = load_catalogue()
    files = statisch.frame_files(area, statisch.folder_of(area, upload), cat)
    present, labels, names = set(area.voorzieningen["voorziening"]), accommodatie_labels(area, cat), kern_labels(area)
    return {**files, "labels": labels, "kernnamen": names, "plekken": plekken(area, names, labels),
            "soorten": [v.id for v in cat.voorzieningen if v.id in present]}


@st.cache_resource(show_spinner=False, max_entries=64)
def get_minutes(key: DataKey, modus: str, soort: str) -> np.ndarray:
    """Minutes from every demand point of the session's context to the nearest accommodatie hosting ``soort`` by
    ``modus`` (``inf``: none reached), as the area is now: the context's own where it has the mode (the matrices'
    rows are its points), else computed once (read-only)."""
    from gebied.bereik.dekking import hosts, nearest_minutes

    ctx = get_context(*key)
    minutes = ctx.baseline.get(modus, {}).get(soort)
    if minutes is None:
        matrix = get_matrix(*key, modus)
        minutes = nearest_minutes(matrix, hosts(ctx.area.voorzieningen, matrix.target_ids, soort))
        minutes.flags.writeable = False
    return minutes


@st.cache_resource(show_spinner=False, max_entries=512)
def get_kern_report(key: DataKey, modus: str, soort: str, norm: float) -> pd.DataFrame:
    """:func:`gebied.bereik.dekking.kern_report` of the session's area, computed once per choice (read-only), from
    :func:`get_minutes` and the context's kern groups."""
    from gebied.bereik.dekking import kern_report

    ctx = get_context(*key)
    return kern_report(ctx.area, modus, soort, norm, points=ctx.points, minutes=get_minutes(key, modus, soort),
                       groepen=(ctx.kern_index, ctx.kern_labels))


@st.cache_resource(show_spinner=False, max_entries=512)
def get_kern_tabel(key: DataKey, modus: str, soort: str, norm: float) -> pd.DataFrame:
    """:func:`get_kern_report` as a page shows it (Dutch headers and text cells, :func:`gebied.core.fmt.tabel`):
    formatting a province's ~1,300 kernen took a quarter of a Bereikbaarheid run."""
    from gebied.core.fmt import tabel

    return tabel(get_kern_report(key, modus, soort, norm).drop(columns=["kern_id"]), load_catalogue().kolommen)


def first_norm(area: Area, soort: str) -> int:
    """The norm (whole minutes) Bereikbaarheid starts with for ``soort``: the area's, rounded."""
    from gebied.bereik.dekking import norm_minutes

    return int(round(norm_minutes(area, soort)))


def minutes(modus: str, soort: str) -> np.ndarray:
    """This session's :func:`get_minutes` (per demand point of :func:`context`); do not modify."""
    return get_minutes(data_key(), modus, soort)


def report(modus: str, soort: str, norm: float) -> pd.DataFrame:
    """Per kern, how the inhabitants reach ``soort`` by ``modus`` against ``norm`` (minutes); do not modify."""
    return get_kern_report(data_key(), modus, soort, float(norm))


def report_tabel(modus: str, soort: str, norm: float) -> pd.DataFrame:
    """:func:`report` as a page shows it (without ``kern_id``), formatted once per choice; do not modify."""
    return get_kern_tabel(data_key(), modus, soort, float(norm))


@st.cache_resource(show_spinner=False, max_entries=64)
def get_evaluatie(key: DataKey, scenario_json: str) -> Evaluation:
    """:func:`gebied.scenario.evaluate.evaluate` of a scenario (by its JSON), computed once (read-only)."""
    from gebied.scenario.evaluate import evaluate
    from gebied.scenario.model import Scenario

    return evaluate(Scenario.model_validate_json(scenario_json), get_context(*key))


def evaluatie(scenario: Scenario) -> Evaluation:
    """The evaluation of ``scenario`` in this session's area; the same scenario again is not evaluated again
    (a planner switching back and forth between two choices). Do not modify."""
    return get_evaluatie(data_key(), scenario.model_dump_json())


@st.cache_resource(show_spinner=False, max_entries=64)
def get_evaluatie_jaren(key: DataKey, scenario_json: str, prognose_name: str | None,
                        prognose: bytes | None) -> JarenEvaluatie:
    """:func:`gebied.scenario.jaren.evaluate_jaren` of a scenario for every year, computed once (read-only)."""
    from gebied.scenario.jaren import evaluate_jaren
    from gebied.scenario.model import Scenario

    return evaluate_jaren(Scenario.model_validate_json(scenario_json), get_context(*key),
                          get_bevolking(key, prognose_name, prognose))


def evaluatie_jaren(scenario: Scenario) -> JarenEvaluatie:
    """The evaluation of ``scenario`` for every year of this session's population (its prognose table, if
    any); computed once per scenario. Do not modify."""
    ss = st.session_state
    return get_evaluatie_jaren(data_key(), scenario.model_dump_json(), ss.get(state.PROGNOSE_NAME),
                               ss.get(state.PROGNOSE))


#: Optimiser questions (as :func:`get_optimum`'s arguments) being solved ahead in a process of their own
#: (:mod:`gebied.app.vooraf`): a page asking one waits for that answer instead of solving it a second time.
VOORAF: dict[tuple[Any, ...], Future[tuple[Scenario, OptimumReport]]] = {}


@st.cache_resource(show_spinner=False, max_entries=32)
def get_optimum(key: DataKey, doel: Literal["reistijd", "dekking"], modus: str, norm: float | None,
                gemeente: str | None) -> tuple[Scenario, OptimumReport]:
    """:func:`gebied.scenario.optimise.optimal_scenario`, solved once per question (read-only); a question being
    solved ahead in a process of its own (:data:`VOORAF`) is waited for, and solved here if that process failed."""
    from gebied.scenario.optimise import optimal_scenario

    ahead = VOORAF.get((key, doel, modus, norm, gemeente))
    if ahead is not None:
        with contextlib.suppress(Exception):  # its error, if any, is raised again by solving here
            return ahead.result()
    return optimal_scenario(get_context(*key), doel, modus, norm, gemeente=gemeente)


def optimum(doel: Literal["reistijd", "dekking"], modus: str, norm: float,
            gemeente: str | None = None) -> tuple[Scenario, OptimumReport]:
    """The optimal one-location-per-kern scenario of this session's area and its solver report; the same
    question again is answered from the first solve (the norm is part of a ``dekking`` question only). Raises
    :class:`GebiedError` as the optimiser does."""
    return get_optimum(data_key(), doel, modus, float(norm) if doel == "dekking" else None, gemeente)


def bereik_urls(soort: str) -> tuple[tuple[str, ...] | None, str]:
    """Addresses of the isochrones per mode (None where no accommodatie hosts ``soort``) and of every square's
    travel time to ``soort`` by every mode; computed once (or by :func:`start_warmup`), then static files."""
    key = data_key()
    return statisch.bereik_files(*map_folder(), soort, lambda m: get_matrix(*key, m), lambda: get_context(*key).points)


def bereik_urls_ready(soort: str) -> tuple[tuple[str, ...] | None, str] | None:
    """:func:`bereik_urls` if its files are written (by ``gebied build`` or the warmup), else None."""
    return statisch.bereik_files_ready(*map_folder(), soort)


#: A scenario's map with at most this many accommodaties goes in the page's message, more in a map file: rows sent
#: inline are drawn with the rest of the run's map in one frame, where a file's arrival draws the map once more
#: (~0.05 s a frame for Liechtenstein's 118 without a graphics card, ~0.13 s in a province); but deck.gl's JSON
#: converter walks inline rows (at k = 16, ~1,900 rows cost as much as that extra frame).
SCENARIO_INLINE_MAX = 500


def scenario_data(ev: Evaluation) -> pd.DataFrame | str:
    """An evaluated scenario's accommodaties by status (:func:`gebied.maps.overlays.scenario_frame`) for its map
    layer: the rows themselves, or for more than :data:`SCENARIO_INLINE_MAX` the address of their map file by
    content (:mod:`gebied.maps.inhoud`). Made once per evaluation; its file is marked as used each time (and
    written again if it was removed meanwhile)."""
    from gebied.maps.inhoud import used_again

    folder = map_folder()[1]
    made = ev.afgeleid(("kaart", folder, SCENARIO_INLINE_MAX), _scenario_data, ev, folder)
    return made if not isinstance(made, str) or used_again(folder, made) else _scenario_data(ev, folder)


def _scenario_data(ev: Evaluation, folder: Path) -> pd.DataFrame | str:
    from gebied.maps import overlays
    from gebied.maps.inhoud import content_file
    from gebied.maps.status import statuses

    cat = load_catalogue()
    rows = overlays.scenario_frame(frames()["accommodaties"], cat, statuses(area(), ev, cat))
    return rows if len(rows) <= SCENARIO_INLINE_MAX else content_file(folder, "scenario", rows)


def map_folder() -> tuple[Area, Path]:
    """The session's area and the folder of its map files."""
    area = get_area(*(key := data_key()))
    return area, statisch.folder_of(area, key[2])


@st.cache_resource(show_spinner="Bevolking per jaar berekenen …", max_entries=16)
def get_bevolking(key: DataKey, prognose_name: str | None, prognose: bytes | None) -> Bevolking:
    """Inhabitants per kern, age group and year (base year and 15 years on), from the session's prognose table
    (validated; raises on a bad file) or the area's projection."""
    from gebied.core.io import upload_file
    from gebied.toekomst.prognose import basisjaar, bevolking, read_prognose

    area = get_area(*key)
    table = None
    if prognose is not None and prognose_name is not None:
        with upload_file(prognose_name, prognose) as path:
            table = read_prognose(path, area)
    start = basisjaar(area)
    return bevolking(area, list(range(start, start + 16)), prognose=table)


@st.cache_resource(show_spinner=False)
def get_bounds(area_id: str | None, upload_name: str | None, upload: bytes | None
               ) -> dict[str | None, tuple[float, float, float, float]]:
    """Lon/lat bounds of the area (key None) and of each kern, computed once: the projection library sets
    itself up anew in every thread, and every rerun of a page runs in a new one (~0.1 s each time)."""
    from gebied.maps.deck import area_bounds

    return area_bounds(get_area(area_id, upload_name, upload))


def view(kern: str | None = None, width_px: int = 1000, height_px: int = 660) -> Any:
    """The map view of the whole area (``kern`` None) or of one kern, for a map of the given size."""
    from gebied.maps.deck import view_of

    bounds = get_bounds(*data_key())
    return view_of(bounds.get(kern, bounds[None]), width_px=width_px, height_px=height_px)


def bevolking() -> Bevolking:
    """This session's population per year (with its uploaded prognose table, if any)."""
    ss = st.session_state
    return get_bevolking(data_key(), ss.get(state.PROGNOSE_NAME), ss.get(state.PROGNOSE))


def area() -> Area:
    """This session's area."""
    return get_area(*data_key())


def context() -> Context:
    """This session's evaluation context."""
    return get_context(*data_key())


def matrix(modus: str) -> Bereik:
    """This session's travel-time matrix for ``modus``."""
    return get_matrix(*data_key(), modus)


def base(kernen: bool = True) -> list[Any]:
    """This session's base map layers, with the kernen's outlines (``kernen``) or without."""
    return get_base(data_key()[0], kernen)


def frames() -> dict[str, Any]:
    """This session's reusable map frames, static layer addresses and chooser labels."""
    return get_frames(*data_key())


def layers(highlight: list[str] | None = None, accommodaties: bool = True) -> list[Any]:
    """The layers most pages show: base, kernen (``highlight`` ones stronger), accommodaties, kern names."""
    from gebied.maps import overlays

    cat = load_catalogue()
    fr = frames()
    out = [*base(), overlays.kernen_layer(fr["kernen_url"], cat)]
    out += overlays.highlighted_kernen(fr["kernen"], cat, highlight or [])
    if accommodaties:
        out.append(overlays.accommodaties_layer(fr["accommodaties_url"], cat))
    return [*out, overlays.labels_layer(fr["namen_url"])]
