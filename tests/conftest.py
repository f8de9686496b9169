"""Shared fixtures: a hand-made small area and the real default area."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from helpers.osm_factory import small_area

from gebied.area.derive import derive_area
from gebied.core.config import AreaConfig

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def small_osm(tmp_path_factory) -> Path:
    """A small OSM XML file: two villages, a school, a dorpshuis, a few remote houses."""
    return small_area(tmp_path_factory.mktemp("osm") / "klein.osm")


@pytest.fixture(scope="session")
def small(small_osm):
    """The small area derived with default settings."""
    return derive_area(AreaConfig(id="klein", naam="Klein", extract=small_osm))


@pytest.fixture(scope="session")
def default_area():
    """The embedded default area (built into the cache on first use), with overrides."""
    from gebied.area.store import load_area

    return load_area()


@pytest.fixture(scope="session")
def ctx(default_area):
    """The evaluation context (walking and cycling matrices) of the default area."""
    from gebied.scenario.evaluate import make_context

    return make_context(default_area)
