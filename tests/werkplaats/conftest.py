"""The store tests run on SQLite (a file in a temporary folder) and on a throwaway PostgreSQL cluster."""

import pytest
from helpers.postgres import throwaway_cluster


@pytest.fixture(scope="session")
def postgres():
    with throwaway_cluster() as cluster:
        yield cluster


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
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
