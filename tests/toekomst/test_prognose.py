"""Prognose tables (validated) and the built-in projection, checked by hand."""

import numpy as np
import pytest
from helpers.hand import hand_area
from helpers.toekomst import TABEL, future_area, write_tabel

from gebied.core.catalogue import load_catalogue
from gebied.core.config import PROJECTIES, Projectie
from gebied.core.errors import GebiedError
from gebied.toekomst.prognose import bevolking, read_prognose, step

IDS = ["0-14", "15-24", "25-44", "45-64", "65+"]
WIDTHS = np.array([15, 10, 20, 20, 41], dtype=float)


@pytest.fixture(scope="module")
def hand(tmp_path_factory):
    area, _ = hand_area(tmp_path_factory.mktemp("hand"))
    return future_area(area)


def test_one_year_of_the_projection_by_hand():
    p = Projectie(geboorte=0.04, sterfte=0.05, wijziging={"15-24": -0.1})
    out = step(np.array([[150.0, 100, 200, 200, 150]]), WIDTHS, p, IDS)
    # moving up: 10 of 0-14, 10 of 15-24, 10 of 25-44, 10 of 45-64; births 0.04*200 = 8; deaths 0.05*150 = 7.5;
    # then 15-24 shrinks by 10 %: 100 * 0.9 = 90
    assert out[0] == pytest.approx([148, 90, 200, 200, 152.5])
    assert step(np.array([[150.0, 100, 200, 200, 150]]), WIDTHS, PROJECTIES["stabiel"], IDS)[0] == pytest.approx(
        [150, 100, 200, 200, 150])


def test_vergrijzing_makes_the_area_older(default_area):
    bev = bevolking(default_area, [2040], projectie=PROJECTIES["vergrijzing"])
    now, later = bev.jaar(bev.basisjaar).sum(), bev.jaar(2040).sum()
    assert later["65+"] > now["65+"] * 1.1 and later["0-14"] < now["0-14"]
    assert any("Geboorten" in a for a in bev.aannames)


def test_prognose_table_is_followed_and_interpolated(hand, tmp_path):
    table = read_prognose(write_tabel(tmp_path / "p.csv"), hand)
    bev = bevolking(hand, [2025, 2030, 2035], prognose=table)
    oost = hand.kernen.set_index("naam").loc["Oosterdorp", "kern_id"]
    assert bev.jaar(2030).loc[oost].to_numpy() == pytest.approx([120, 100, 200, 200, 195])
    assert bev.jaar(2035).loc[oost].to_numpy() == pytest.approx(TABEL[("Oosterdorp", 2035)])
    assert bev.jaar(2025).loc["buitengebied"].sum() == 11
    assert bev.bron[oost] == "prognosetabel" and not bev.waarschuwingen


def test_kernen_missing_from_the_table_follow_the_projection_with_a_warning(hand, tmp_path):
    rows = {k: v for k, v in TABEL.items() if k[0] != "Westerdorp"}
    bev = bevolking(hand, [2030], prognose=read_prognose(write_tabel(tmp_path / "p.csv", rows), hand))
    assert any("Westerdorp" in w for w in bev.waarschuwingen)
    west = hand.kernen.set_index("naam").loc["Westerdorp", ["kern_id", "inwoners"]]
    assert bev.jaar(2030).loc[west["kern_id"]].sum() == pytest.approx(west["inwoners"])  # stabiel


@pytest.mark.parametrize("text, fragment", [
    ("kern;jaar;leeftijd;inwoners\nAtlantis;2025;0-14;5\n", "Atlantis"),
    ("kern;jaar;leeftijd;inwoners\nOosterdorp;2025;0-14;-5\n", "negatief"),
    ("kern;jaar;leeftijd;inwoners\nOosterdorp;2025;0-14;\n", "ontbreekt"),
    ("kern;jaar;leeftijd;inwoners\nOosterdorp;twintig;0-14;5\n", "jaartal"),
    ("kern;jaar;leeftijd;inwoners\nOosterdorp;2025;0-4;5\n", "0-4"),
    ("kern;jaar;leeftijd;inwoners\nOosterdorp;2025;0-14;5\n", "ontbreken (15-24, 25-44, 45-64, 65+)"),
    ("kern;jaar;inwoners\nOosterdorp;2025;5\n", "leeftijd"),
])
def test_bad_prognose_tables_name_every_problem(hand, tmp_path, text, fragment):
    p = tmp_path / "p.csv"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(GebiedError) as e:
        read_prognose(p, hand, load_catalogue())
    assert fragment in e.value.message() and str(p) in e.value.message()


def test_every_problem_at_once(hand, tmp_path):
    p = tmp_path / "p.csv"
    p.write_text("kern;jaar;leeftijd;inwoners\nAtlantis;2025;0-14;5\nOosterdorp;x;0-14;-1\n", encoding="utf-8")
    with pytest.raises(GebiedError) as e:
        read_prognose(p, hand)
    assert len(e.value.problems) == 3
