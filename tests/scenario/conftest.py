"""Fixtures of the scenario tests: the hand-checked area with its evaluation context."""

import pytest
from helpers.hand import hand_area

from gebied.scenario.evaluate import make_context


@pytest.fixture(scope="module")
def hand(tmp_path_factory):
    """(area, accommodatie ids by name, context) of the hand-checked Oosterdorp example."""
    area, ids = hand_area(tmp_path_factory.mktemp("hand"))
    return area, ids, make_context(area)
