"""Age groups per kern: CBS wijk figures, the national default table, the derived groups."""

import numpy as np
import pytest

from gebied.core.catalogue import load_catalogue
from gebied.sources.cbs import read_table
from gebied.toekomst.leeftijd import BUITENGEBIED, afgeleid, basis_leeftijd, coefficients

GROEPEN = ["0-14", "15-24", "25-44", "45-64", "65+"]


def test_national_default_table_is_the_cbs_2022_total():
    cat = load_catalogue()
    muni = read_table("muni")
    cols = [g.cbs for g in cat.leeftijdsgroepen]
    shares = muni[cols].mul(muni["population"], axis=0).sum() / muni["population"].sum()
    table = cat.leeftijdsopbouw
    assert "CBS" in table.bron
    assert [table.aandelen[g] for g in GROEPEN] == pytest.approx(shares.to_numpy(), abs=0.01)


def test_derived_groups_follow_the_documented_rules():
    cat = load_catalogue()
    assert coefficients(cat, "0-3") == pytest.approx([4 / 15, 0, 0, 0, 0])
    assert coefficients(cat, "4-11") == pytest.approx([8 / 15, 0, 0, 0, 0])
    assert coefficients(cat, "12-17") == pytest.approx([3 / 15, 3 / 10, 0, 0, 0])  # ages 12-14 and 15-17
    assert coefficients(cat, "75+") == pytest.approx([0, 0, 0, 0, 0.45])
    import pandas as pd

    counts = pd.DataFrame([[150, 100, 200, 200, 200]], columns=GROEPEN)
    d = afgeleid(counts, cat).iloc[0]
    assert d["0-3"] == pytest.approx(40) and d["4-11"] == pytest.approx(80)
    assert d["12-17"] == pytest.approx(30 + 30) and d["75+"] == pytest.approx(90)


def test_kernen_without_cbs_figures_get_the_national_structure(default_area):
    cat = load_catalogue()
    table = basis_leeftijd(default_area, cat)
    vaduz = default_area.kernen.set_index("naam").loc["Vaduz"]
    row = table.loc[vaduz["kern_id"]]
    national = np.array([cat.leeftijdsopbouw.aandelen[g] for g in GROEPEN])
    assert row[GROEPEN].to_numpy(dtype=float) == pytest.approx(vaduz["inwoners"] * national / national.sum())
    assert "landelijk" in row["bron"]
    assert table[GROEPEN].to_numpy().sum() == pytest.approx(default_area.bevolking, abs=1)
    assert table.index[-1] == BUITENGEBIED


def test_dutch_kernen_use_their_cbs_wijk(dutch):
    table = basis_leeftijd(dutch, load_catalogue())
    kern_rows = table.drop(index=BUITENGEBIED)
    assert (kern_rows["bron"].str.startswith("CBS")).all()
    inwoners = dutch.kernen.set_index("kern_id")["inwoners"]
    assert kern_rows[GROEPEN].sum(axis=1).to_numpy() == pytest.approx(inwoners.reindex(kern_rows.index).to_numpy())
