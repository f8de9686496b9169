"""Shared fixtures: a hand-made small area and the real default area."""

from __future__ import annotations

import shutil
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


#: Area ids the tests make up; their map files are removed when the session ends.
TEST_AREAS = ("nop-urk-test",)


@pytest.fixture(scope="session", autouse=True)
def _test_map_files_removed():
    """Each run's Dutch test extract is new, so its build key and map folder under ``static/`` are new too:
    remove the folders of the test areas that this session wrote (~1 MB each; they added up run after run)."""
    from gebied.maps.statisch import STATIC

    def ours() -> set[Path]:
        return {f for a in TEST_AREAS for f in STATIC.glob(f"{a}-*") if f.is_dir()}

    before = ours()
    yield
    for folder in ours() - before:
        shutil.rmtree(folder, ignore_errors=True)


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
