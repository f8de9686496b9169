"""Layer derivation end to end: the small hand-made area and the real default area."""

import networkx as nx
import pytest

from gebied.core.catalogue import load_catalogue
from gebied.sources.osm import PLACE_KERN


def test_small_area_kernen_and_accommodaties(small):
    k = small.kernen.set_index("naam")
    assert set(k.index) == {"Oosterdorp", "Westerdorp"}
    assert k.loc["Oosterdorp", "inwoners"] == 120
    assert k.loc["Westerdorp", "bevolking_bron"] == "geschat"
    acc = small.accommodaties.set_index("naam")
    assert acc.loc["De Kleine Wereld", "kern_id"] == k.loc["Oosterdorp", "kern_id"]
    assert acc.loc["De Kleine Wereld", "m2"] == pytest.approx(900, rel=0.01)  # 30 x 30 m, 1 level
    assert acc.loc["Dorpshuis De Linde", "categorie"] == "dorpshuis"
    assert acc.loc["Dorpshuis De Linde", "m2"] == pytest.approx(400, rel=0.01)  # the building it is in
    vz = small.voorzieningen.merge(small.accommodaties, on="accommodatie_id").set_index("naam")
    assert vz.loc["De Kleine Wereld", "voorziening"] == "basisonderwijs"
    assert vz.loc["Dorpshuis De Linde", "voorziening"] == "ontmoeting"
    # 5 remote houses are buitengebied and still inhabitants of the area
    assert small.gebouwen["kern_id"].isna().sum() == 5
    assert small.bevolking == pytest.approx(k["inwoners"].sum() + 5 * 2.2, abs=1)


def test_default_area_has_every_named_village_with_plausible_population(default_area):
    a = default_area
    assert a.crs == "EPSG:32632"
    names = set(a.kernen["naam"])
    for village in ("Vaduz", "Schaan", "Balzers", "Triesen", "Triesenberg", "Eschen", "Mauren",
                    "Ruggell", "Gamprin", "Schellenberg", "Planken", "Nendeln", "Schaanwald"):
        assert village in names
    # OSM-tagged populations are used as tagged
    assert a.kernen.set_index("naam").loc["Vaduz", "inwoners"] == 5229
    assert (a.kernen["inwoners"] > 0).all()
    assert 30_000 < a.bevolking < 70_000  # ~38,000 by the OSM tags; estimates for the rest
    assert a.kernen["kern_id"].is_unique


def test_default_area_buildings_sum_to_kern_population(default_area):
    a = default_area
    per_kern = a.gebouwen.groupby("kern_id")["inwoners"].sum()
    pop = a.kernen.set_index("kern_id")["inwoners"]
    assert (per_kern.reindex(pop.index) - pop).abs().max() < 1e-6


def test_default_area_accommodaties_are_consistent(default_area):
    a = default_area
    cats = {c.id for c in load_catalogue().categorieen}
    assert set(a.accommodaties["categorie"]) <= cats
    assert a.accommodaties["accommodatie_id"].is_unique
    assert set(a.accommodaties["kern_id"].dropna()) <= set(a.kernen["kern_id"])
    assert set(a.voorzieningen["accommodatie_id"]) <= set(a.accommodaties["accommodatie_id"])
    assert not a.voorzieningen.duplicated(["accommodatie_id", "voorziening"]).any()
    kinds = set(a.voorzieningen["voorziening"])
    assert {"basisonderwijs", "kinderopvang", "ontmoeting", "sport", "bibliotheek"} <= kinds
    # every accommodatie lies in, or within the configured distance of, its kern
    near = a.accommodaties["kern_afstand_m"].dropna()
    assert (near <= a.config.kern.max_afstand_accommodatie_m).all()


def test_default_area_networks_are_large_strongly_connected_parts(default_area):
    from gebied.sources.network import APART_MIN_KNOPEN

    for name, net in default_area.netwerken.items():
        g = nx.DiGraph()
        g.add_edges_from(zip(net.edges["u"], net.edges["v"]))
        sizes = sorted(map(len, nx.strongly_connected_components(g)), reverse=True)
        assert len(sizes) == 1 + net.dropped["apart"] and min(sizes) >= APART_MIN_KNOPEN, name
        assert set(net.edges["u"]) <= set(net.nodes.index)
    assert len(default_area.netwerken["lopen"].nodes) > 3000
    # the extract leaves Balzers' car roads unconnected to the rest: kept apart, and said so
    assert default_area.netwerken["auto"].dropped["apart"] == 1
    assert any("auto" in r and "niet verbonden" in r for r in default_area.rapport)


def test_default_area_reports_what_was_missing(default_area):
    text = "\n".join(default_area.rapport)
    assert "population" in text  # some places lack a population tag
    assert "losse delen" in text  # dropped network parts are reported


def test_place_types_used_for_kernen():
    assert "village" in PLACE_KERN and "hamlet" in PLACE_KERN and "locality" not in PLACE_KERN
