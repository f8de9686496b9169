"""Shared widgets: a shown table's Arrow form, made once per frame."""

import gc

import pandas as pd
import pyarrow as pa

from gebied.app import widgets


def test_a_frame_shown_again_reuses_its_arrow_table_and_a_gone_frame_leaves_nothing():
    frame = pd.DataFrame({"Kern": ["Schaan", "Vaduz"], "Inwoners": ["6.000", "5.700"]})
    first = widgets.as_arrow(frame)
    assert isinstance(first, pa.Table) and widgets.as_arrow(frame) is first
    assert first.to_pandas().equals(frame)  # what Streamlit shows: the same columns and cells, no index
    other = pd.DataFrame({"Kern": ["Schaan"]})
    assert widgets.as_arrow(other) is not first
    held = len(widgets._ARROW)
    del frame, other
    gc.collect()
    assert len(widgets._ARROW) == held - 2


def test_a_column_arrow_cannot_hold_is_left_to_streamlit():
    mixed = pd.DataFrame({"waarde": [1, "een"]}, dtype=object)
    assert widgets.as_arrow(mixed) is mixed
