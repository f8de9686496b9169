"""Dutch number formats: a figure of a table keeps text, shows infinity and missing values plainly."""

from gebied.core.fmt import maat


def test_a_figure_in_dutch():
    assert maat(0.4567) == "0,46" and maat(12.34) == "12,3" and maat(12.34, 2) == "12,34"
    assert maat(float("inf")) == "∞" and maat(float("nan")) == "–" and maat("Malbun") == "Malbun"
