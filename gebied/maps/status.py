"""Scenario status of each accommodatie (kept, closed, untouched), with colours and labels from the catalogue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gebied.area.model import Area
from gebied.core.catalogue import Catalogue, load_catalogue

if TYPE_CHECKING:
    from gebied.scenario.evaluate import Evaluation

#: The statuses, in legend order: ``open`` (the kept location), ``dicht`` (closes), ``ongemoeid``
#: (out of scope, or in a kern the scenario leaves as it is).
STATUSSEN = ("open", "dicht", "ongemoeid")


def statuses(area: Area, evaluation: Evaluation, catalogue: Catalogue | None = None) -> list[str]:
    """Per accommodatie (in ``area.accommodaties`` order): ``open``, ``dicht`` or ``ongemoeid``."""
    cat = catalogue or load_catalogue()
    scope = area.accommodaties["categorie"].isin(cat.scenario_categorieen()).to_numpy()
    named = area.accommodaties["kern_id"].isin(list(evaluation.scenario.kernen)).to_numpy()
    return ["dicht" if not is_open else "open" if (s and n) else "ongemoeid"
            for is_open, s, n in zip(evaluation.open_mask, scope, named)]


def status_colours(area: Area, evaluation: Evaluation, catalogue: Catalogue | None = None) -> list[str]:
    """Per accommodatie the ``#rrggbb`` colour of its status (layer ``scenario`` of the catalogue)."""
    cat = catalogue or load_catalogue()
    kleuren = cat.layer("scenario").stijl["kleuren"]
    return [kleuren[s] for s in statuses(area, evaluation, cat)]


def status_legend(catalogue: Catalogue | None = None) -> list[tuple[str, str]]:
    """``(label, colour)`` per status, in :data:`STATUSSEN` order, from the catalogue."""
    stijl = (catalogue or load_catalogue()).layer("scenario").stijl
    return [(stijl["labels"][s], stijl["kleuren"][s]) for s in STATUSSEN]
