import re

from gebied.core.catalogue import hex_to_rgba, load_catalogue


def test_every_category_is_complete_and_points_to_known_voorzieningen():
    cat = load_catalogue()
    soorten = set(cat.voorziening_ids())
    assert len({c.id for c in cat.categorieen}) == len(cat.categorieen)
    for c in cat.categorieen:
        assert re.fullmatch(r"#[0-9a-f]{6}", c.kleur)
        assert c.label and c.regels
        assert set(c.voorzieningen) <= soorten
        for regel in c.naam_voorzieningen:
            assert set(regel.voorzieningen) <= soorten


def test_layers_have_dutch_title_legend_and_osm_attribution():
    cat = load_catalogue()
    for layer_id in ("kernen", "accommodaties", "gebouwen", "netwerk", "water", "landgebruik", "isochronen"):
        layer = cat.layer(layer_id)
        assert layer.titel and layer.legenda
        assert "OpenStreetMap" in layer.attributie
    for layer_id in ("gemeenten", "wijken"):
        assert cat.layer(layer_id).attributie.startswith("CBS") and "CC BY 4.0" in cat.layer(layer_id).attributie


def test_classify_first_matching_rule_wins():
    cat = load_catalogue()
    assert cat.classify({"amenity": "community_centre"}) == "dorpshuis"
    assert cat.classify({"amenity": "school", "building": "yes"}) == "school"
    assert cat.classify({"leisure": "sports_centre"}) == "sportaccommodatie"
    assert cat.classify({"amenity": "place_of_worship"}) == "kerk"
    assert cat.classify({"amenity": "bench"}) is None
    assert cat.classify({"amenity": "schoolyard"}) is None  # a full match, not a prefix


def test_classify_is_the_first_category_whose_rule_fully_matches():
    """The compiled rules give what the catalogue says, for every value its rules name and near misses."""
    import itertools
    import re

    cat = load_catalogue()
    values = {k: set() for c in cat.categorieen for r in c.regels for k in r}
    for c in cat.categorieen:
        for r in c.regels:
            for k, rx in r.items():
                words = rx.split("|")
                values[k] |= {*words, f"{words[0]}x", "yes"}
    for k1, k2 in itertools.combinations(sorted(values), 2):
        for v1, v2 in itertools.product(sorted(values[k1]), sorted(values[k2])):
            tags = {k1: v1, k2: v2, "name": "X"}
            expected = next((c.id for c in cat.categorieen for r in c.regels
                             if all(k in tags and re.fullmatch(rx, tags[k]) for k, rx in r.items())), None)
            assert cat.classify(tags) == expected, tags


def test_name_rules_pick_secondary_education():
    cat = load_catalogue()
    assert cat.voorzieningen_for("school", "Gymnasium Vaduz") == ["voortgezet_onderwijs"]
    assert cat.voorzieningen_for("school", "OBS De Wilgen") == ["basisonderwijs"]
    assert cat.voorzieningen_for("school", None) == ["basisonderwijs"]


def test_hex_to_rgba():
    assert hex_to_rgba("#ff8000", 0.5) == [255, 128, 0, 128]
