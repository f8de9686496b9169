"""Dutch number formats: a figure of a table keeps text, shows infinity and missing values plainly."""

from gebied.core.fmt import maat


def test_a_figure_in_dutch():
    assert maat(0.4567) == "0,46" and maat(12.34) == "12,3" and maat(12.34, 2) == "12,34"
    assert maat(float("inf")) == "∞" and maat(float("nan")) == "–" and maat("Malbun") == "Malbun"


def test_a_column_of_cells_is_each_cell_formatted_alike():
    """:func:`cellen` (a table's column, the format chosen once) gives what :func:`cel` gives for every value."""
    from gebied.core.fmt import cel, cellen

    values = [0, -0.5, 1234.5, -1234567.891, float("inf"), float("nan"), None, 12, True, False, "tekst", 10**15]
    for soort in ("getal", "euro", "procent", "minuten", "ja_nee", "tekst"):
        for dec in (0, 1, 2):
            assert cellen(values, soort, dec) == [cel(v, soort, dec) for v in values], (soort, dec)
    assert cellen([1234.4, None], "euro") == ["€ 1.234", "–"]
    assert cellen([71.26, 1234567.0], "procent", 1) == ["71,3%", "1.234.567,0%"]
