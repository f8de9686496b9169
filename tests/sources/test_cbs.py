"""CBS Kerncijfers: lookup by name or code (case- and accent-insensitive), provinces, bad files."""

import shutil

import pandas as pd
import pytest

from gebied.core.crs import RD_NEW
from gebied.core.errors import GebiedError
from gebied.sources import cbs


@pytest.mark.parametrize("query", ["Noordoostpolder", "noordoostpolder", "NOORDOOSTPOLDER", "GM0171", "gm0171"])
def test_gemeente_by_name_or_code(query):
    assert cbs.find_gemeenten([query]) == ["GM0171"]


def test_accents_and_punctuation_are_folded():
    table = cbs.read_table("muni")
    fryslan = table[table["name"].str.contains("Noardeast", na=False)].iloc[0]
    assert cbs.find_gemeenten(["noardeast fryslan"]) == [fryslan["code"]]
    assert cbs.normalise("Súdwest-Fryslân") == "sudwest fryslan"


def test_unknown_gemeente_names_the_closest():
    with pytest.raises(GebiedError) as e:
        cbs.find_gemeenten(["Noordoospolder"])
    assert "Noordoostpolder" in e.value.nl and "Onbekende gemeente" in e.value.nl


def test_province_gives_its_gemeenten():
    code, naam, gemeenten = cbs.find_provincie("flevoland")
    assert code == "PV24" and naam == "Flevoland"
    assert set(gemeenten) == {"GM0034", "GM0050", "GM0171", "GM0184", "GM0303", "GM0995"}  # Almere … Zeewolde


def test_wijken_and_boundaries_are_rd_new_with_figures():
    w = cbs.wijken(["GM0171"])
    assert len(w) == 12 and w.crs.to_string() == RD_NEW
    assert set(w["gemeente_code"]) == {"GM0171"}
    assert w.set_index("code").at["WK017101", "population"] == 26470
    g = cbs.read_boundaries("muni", ["GM0171"])
    assert g.geometry.iloc[0].area / 1e6 == pytest.approx(466, rel=0.01)  # km², land and water of the polder


def test_a_cbs_file_with_a_missing_column_is_named(tmp_path):
    for f in cbs.cbs_dir().glob("*"):
        shutil.copy(f, tmp_path / f.name)
    table = pd.read_csv(tmp_path / "NLD_muni_2022.csv").drop(columns=["pop_65plus"])
    table.to_csv(tmp_path / "NLD_muni_2022.csv", index=False)
    with pytest.raises(GebiedError) as e:
        cbs.find_gemeenten(["Urk"], tmp_path)
    assert "pop_65plus" in e.value.nl and e.value.path.name == "NLD_muni_2022.csv"
