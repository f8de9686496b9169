"""Labels and tables of an area (gebied.area.summary)."""

from __future__ import annotations

import dataclasses

from gebied.area.summary import accommodatie_labels, kern_labels
from gebied.core.catalogue import load_catalogue


def test_kern_labels_are_the_names_where_those_are_unique(default_area):
    labels = kern_labels(default_area)
    assert list(labels) == list(default_area.kernen["kern_id"])
    assert list(labels.values()) == list(default_area.kernen["naam"])


def test_two_kernen_of_one_name_get_their_gemeente_and_else_their_id(default_area):
    kernen = default_area.kernen.copy()
    a, b, c = kernen.index[:3]
    kernen.loc[[a, b, c], "naam"] = "Oosterend"
    kernen.loc[[a, b, c], "gemeente"] = ["Het Hogeland", "Súdwest-Fryslân", "Súdwest-Fryslân"]
    labels = kern_labels(dataclasses.replace(default_area, kernen=kernen))
    ids = kernen.loc[[a, b, c], "kern_id"].tolist()
    assert labels[ids[0]] == "Oosterend (Het Hogeland)"
    assert labels[ids[1]] == f"Oosterend (Súdwest-Fryslân) [{ids[1]}]"
    assert labels[ids[2]] == f"Oosterend (Súdwest-Fryslân) [{ids[2]}]"
    assert len(set(labels.values())) == len(labels)


def test_accommodatie_labels_are_unique(default_area):
    labels = accommodatie_labels(default_area, load_catalogue())
    assert list(labels) == list(default_area.accommodaties["accommodatie_id"])
    assert len(set(labels.values())) == len(labels)
