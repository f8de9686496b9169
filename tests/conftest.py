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
TEST_AREAS = ("nop-urk-test", "provincie-4")


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


@pytest.fixture(scope="session")
def postgres():
    """A throwaway PostgreSQL cluster (Debian's package), shared by the store tests of a session."""
    from helpers.postgres import throwaway_cluster

    with throwaway_cluster() as cluster:
        yield cluster


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    """The store's database: a SQLite file in a temporary folder, and a new database in the PostgreSQL cluster."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'werkplaats.sqlite'}"
    cluster = request.getfixturevalue("postgres")
    from sqlalchemy import create_engine, text

    name = f"t{abs(hash(request.node.nodeid)) % 10**9}"
    engine = create_engine(cluster.url, isolation_level="AUTOCOMMIT")
    with engine.connect() as c:
        c.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        c.execute(text(f"CREATE DATABASE {name}"))
    engine.dispose()
    return cluster.url.rsplit("/", 1)[0] + f"/{name}"
