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
def app_files(default_area):
    """The default area's map files, written before the app starts as ``python3 run.py app`` does (``gebied
    build``); without them every app server of the suite would compute the same files in its background."""
    from gebied.maps.statisch import prepare

    return prepare(default_area)


@pytest.fixture(scope="session")
def ctx(default_area):
    """The evaluation context (walking and cycling matrices) of the default area."""
    from gebied.scenario.evaluate import make_context

    return make_context(default_area)


@pytest.fixture(scope="session")
def dutch_fixture(tmp_path_factory):
    """The Dutch test extract: villages in Noordoostpolder and Urk at their real wijk centres (RD New)."""
    from helpers.nl_factory import dutch_area

    return dutch_area(tmp_path_factory.mktemp("nl") / "flevoland-proef.osm", urk=True)


@pytest.fixture(scope="session")
def dutch_config(dutch_fixture, tmp_path_factory) -> Path:
    """``gebied nieuw Noordoostpolder --gemeente Urk`` on the test extract: the written area config."""
    from gebied.area.create import new_area

    return new_area(["Noordoostpolder", "Urk"], dutch_fixture.path, area_id="nop-urk-test",
                    config_dir=tmp_path_factory.mktemp("gebieden"))


@pytest.fixture(scope="session")
def dutch(dutch_config):
    """The Dutch test area, built from the clipped extract with CBS figures."""
    from gebied.area.store import load_area

    return load_area(dutch_config)
