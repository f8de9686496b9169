"""Errors that reach the user."""

import pickle
from pathlib import Path

from gebied.core.errors import GebiedError


def test_an_error_survives_pickling_with_both_languages_file_and_problems():
    """Errors cross from worker processes (network reading, batches) to the app and the CLI."""
    exc = GebiedError("Het bestand is leeg.", "The file is empty.", Path("/tmp/x.osm"), ["regel 3"])
    back = pickle.loads(pickle.dumps(exc))
    assert type(back) is GebiedError
    assert (back.nl, back.en, back.path, back.problems) == (exc.nl, exc.en, exc.path, exc.problems)
    assert str(back) == str(exc)
