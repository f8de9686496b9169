"""Fixtures of the bereik tests: the bike graph and matrix of the default area."""

import pytest

from gebied.bereik.matrices import area_graph, area_matrix


@pytest.fixture(scope="module")
def fiets(default_area):
    g = area_graph(default_area, "fiets")
    return g, area_matrix(default_area, "fiets", g)
