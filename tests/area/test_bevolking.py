"""CBS population spread over buildings: wijk sums, gemeente totals, age groups, reports."""

import numpy as np
import pytest

from gebied.area.bevolking import BRON, wijk_totals
from gebied.core.catalogue import load_catalogue
from gebied.sources import cbs


@pytest.fixture(scope="module")
def figures(dutch):
    wijken = cbs.wijken(dutch.config.cbs.gemeenten)
    placed = dutch.gebouwen.groupby("wijk_code")["inwoners"].sum()
    return wijken.set_index("code"), placed


def test_each_wijk_sums_to_its_cbs_figure_within_rounding(figures, dutch_fixture):
    wijken, placed = figures
    # Noordoostpolder: wijken add up to 48.045, the gemeente to 48.048; the 3 is shared by size
    assert placed["WK017101"] == pytest.approx(26470 + 3 * 26470 / 48045, abs=1e-6)
    assert placed["WK017102"] == pytest.approx(1515 + 3 * 1515 / 48045, abs=1e-6)
    for code in dutch_fixture.houses:
        if code.startswith("WK0171"):
            assert abs(placed[code] - wijken.at[code, "population"]) <= 2.5, code  # within CBS's rounding to 5
    # Urk is one wijk of 21.460 in a gemeente of 21.468: the gemeente total wins
    assert placed["WK018400"] == pytest.approx(21468)


def test_each_gemeente_sums_to_its_total_apart_from_wijken_without_buildings(dutch, figures):
    wijken, placed = figures
    gemeenten = cbs.read_boundaries("muni", dutch.config.cbs.gemeenten).set_index("code")
    for code, g in gemeenten.iterrows():
        mine = wijken[wijken["gemeente_code"] == code]
        adjusted = wijk_totals(mine.reset_index(), gemeenten.loc[[code]].reset_index())
        unplaced = adjusted[~adjusted.index.isin(placed.index)].sum()
        got = placed[placed.index.isin(mine.index)].sum()
        assert got + unplaced == pytest.approx(g["population"], abs=0.01)
    assert dutch.bevolking == pytest.approx(48048 + 21468 - 2200 - 1965 - 2495 - 1660 - 5, abs=1)


def test_kernen_carry_cbs_population_wijk_and_age_groups(dutch):
    cat = load_catalogue()
    k = dutch.kernen.set_index("naam")
    assert (k["bevolking_bron"] == BRON).all()
    assert k.at["Emmeloord", "wijk_code"] == "WK017101" and k.at["Urk", "gemeente"] == "Urk"
    ages = k[cat.leeftijd_kolommen()].sum(axis=1)
    assert np.allclose(ages, k["inwoners"], atol=1.0)  # the groups add up to the kern
    # Urk is one wijk: its shares are CBS's (18/12/25/26/18 for the polder, Urk's own here)
    urk = cbs.read_table("dist").set_index("code").loc["WK018400"]
    shares = urk[[g.cbs for g in cat.leeftijdsgroepen]].astype(float)
    expect = k.at["Urk", "inwoners"] * shares / shares.sum()
    assert np.allclose(k.loc["Urk", cat.leeftijd_kolommen()].astype(float), expect.to_numpy(), atol=1.0)


def test_buildings_ages_add_up_and_flats_weigh_more(dutch):
    cat = load_catalogue()
    g = dutch.gebouwen
    assert np.allclose(g[cat.leeftijd_kolommen()].sum(axis=1), g["inwoners"])
    emmeloord = g[g["wijk_code"] == "WK017101"]
    # 12 flats in an apartment building carry 12 dwellings; a house with one address one
    assert emmeloord["inwoners"].max() / emmeloord["inwoners"].median() > 5


def test_report_names_wijken_without_buildings_and_the_rounding(dutch):
    text = "\n".join(dutch.rapport)
    for wijk, pop in (("Wijk 03 Luttelgeest", "2.200"), ("Wijk 07 Nagele", "1.965"), ("Wijk 12 Schokland", "5")):
        assert f"{wijk} ({pop} inwoners)" in text
    assert "48.045" in text and "48.048" in text
    assert "population-tag" not in text  # the OSM estimate note does not apply here


def test_outside_the_netherlands_the_estimate_stays(default_area):
    assert not default_area.is_cbs and default_area.gemeenten.empty
    assert set(default_area.kernen["bevolking_bron"]) <= {"osm", "geschat"}
