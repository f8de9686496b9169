"""Map frames: travel time per 100 m square."""

import numpy as np
import pandas as pd

from gebied.maps.overlays import vakken_frame


def test_squares_add_up_inhabitants_and_average_by_inhabitants():
    # RD New: two buildings in square (1000, 2000), one in the next square east, one unreachable alone
    pts = pd.DataFrame({"x": [100_010.0, 100_090.0, 100_150.0, 100_350.0],
                        "y": [450_010.0, 450_020.0, 450_050.0, 450_050.0],
                        "inwoners": [3.0, 1.0, 2.0, 5.0]})
    minutes = np.array([10.0, 20.0, 7.0, np.inf])
    f = vakken_frame(pts, minutes, "EPSG:28992")
    assert len(f) == 3
    assert f["n"].sum() == 11.0
    by_n = f.set_index("n")
    assert by_n.loc[4.0, "m"] == 12.5  # (3 × 10 + 1 × 20) / 4
    assert by_n.loc[2.0, "m"] == 7.0 and by_n.loc[5.0, "m"] == -1.0
    assert "onbereikbaar" in by_n.loc[5.0, "tooltip"] and "12,5 min" in by_n.loc[4.0, "tooltip"]
    lon, lat = by_n.loc[4.0, "p"]
    assert 4.4 < lon < 4.8 and 51.9 < lat < 52.1  # the square's centre, in WGS 84


def test_class_colours_follow_the_catalogue_classes_of_the_map():
    from gebied.core.catalogue import load_catalogue
    from gebied.maps.overlays import class_colours

    cat = load_catalogue()
    st = cat.layer("reistijd").stijl
    first, norm_class, last = st["klassen"][0], st["klassen"][1], st["klassen"][-1]
    colours = class_colours(np.array([0.0, 12.5, 45.0, np.inf]), 15.0, cat)
    assert colours[0] == first["kleur"]  # (0, 2,5]
    assert colours[1] == norm_class["kleur"]  # (12,5, 15]: within the norm
    assert colours[2] == last["kleur"]  # beyond three times the norm
    assert colours[3] == st["onbereikbaar"]["kleur"]
