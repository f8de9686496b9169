"""Cached, read-only data of the app: the area, travel-time matrices, isochrones and the base map.

Shared caches (``st.cache_resource``) hold only immutable results, keyed by the session's data
(area id and an uploaded overrides file); each user's own edits live in their session state.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import streamlit as st

from gebied.app import state
from gebied.area.model import Area
from gebied.bereik.engine import Matrix
from gebied.core.catalogue import load_catalogue
from gebied.scenario.evaluate import Context

DataKey = tuple[str | None, str | None, bytes | None]


def data_key() -> DataKey:
    """(area id, upload name, upload bytes) of this session."""
    ss = st.session_state
    return ss.get(state.AREA_ID), ss.get(state.UPLOAD_NAME), ss.get(state.UPLOAD)


@st.cache_resource(show_spinner="Gebied laden …")
def get_area(area_id: str | None, upload_name: str | None = None, upload: bytes | None = None) -> Area:
    """The area (with an uploaded overrides file merged, if any); shared read-only between sessions."""
    from gebied.area.derive import merge_overrides
    from gebied.area.overrides import read_overrides
    from gebied.area.store import load_area

    area = load_area(area_id)
    if upload is None or upload_name is None:
        return area
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / Path(upload_name).name
        path.write_bytes(upload)
        table = read_overrides(path, load_catalogue())
    return merge_overrides(area, table, strict=True)


@st.cache_resource(show_spinner="Reistijden berekenen …")
def get_context(area_id: str | None, upload_name: str | None = None, upload: bytes | None = None) -> Context:
    """Travel-time matrices (walking, cycling) and the current situation, computed once."""
    from gebied.scenario.evaluate import make_context

    return make_context(get_area(area_id, upload_name, upload))


@st.cache_resource(show_spinner="Reistijden berekenen …")
def get_matrix(area_id: str | None, upload_name: str | None, upload: bytes | None, modus: str) -> Matrix:
    """The travel-time matrix of a mode: walking and cycling from the shared context, others computed once."""
    ctx = get_context(area_id, upload_name, upload)
    if modus in ctx.matrices:
        return ctx.matrices[modus]
    from gebied.bereik.matrices import area_matrix

    return area_matrix(ctx.area, modus, points=ctx.points)


@st.cache_resource(show_spinner=False)
def get_base(area_id: str | None) -> list[Any]:
    """The offline base map layers (land use, water, streets, outline) of an area."""
    from gebied.maps import deck

    return deck.base_layers(get_area(area_id), load_catalogue())


@st.cache_resource(show_spinner="Isochronen berekenen …")
def get_isochrones(area_id: str | None, upload_name: str | None, upload: bytes | None, modus: str,
                   soort: str) -> Any:
    """Nested isochrones around every accommodatie hosting ``soort`` (None where none does)."""
    import shapely

    from gebied.bereik.dekking import hosts
    from gebied.bereik.isochrones import isochrones
    from gebied.bereik.matrices import area_graph
    from gebied.bereik.modes import modes

    area = get_area(area_id, upload_name, upload)
    mask = hosts(area.voorzieningen, area.accommodaties["accommodatie_id"].to_numpy(), soort)
    if not mask.any():
        return None
    xy = shapely.get_coordinates(area.accommodaties.geometry.values)[mask]
    netwerk = modes(area.config.snelheden)[modus].netwerk
    return isochrones(area_graph(area, modus), area.netwerken[netwerk], xy)


def area() -> Area:
    """This session's area."""
    return get_area(*data_key())


def context() -> Context:
    """This session's evaluation context."""
    return get_context(*data_key())


def matrix(modus: str) -> Matrix:
    """This session's travel-time matrix for ``modus``."""
    return get_matrix(*data_key(), modus)


def base() -> list[Any]:
    """This session's base map layers."""
    return get_base(data_key()[0])
