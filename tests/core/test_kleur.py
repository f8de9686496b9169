"""Contrast after WCAG 2.1, and every catalogue colour of a map symbol standing out on every background."""

from __future__ import annotations

import pytest

from gebied.core.catalogue import load_catalogue
from gebied.core.kleur import SYMBOOL, contrast, over


def test_contrast_follows_wcag():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#1a6b3c", "#1a6b3c") == pytest.approx(1.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the grey axe-core refused
    assert contrast("#595959", "#ffffff") > 7.0
    assert over("#000000", 0.5) == "#808080"


def backgrounds() -> dict[str, str]:
    """What a symbol can stand on: the base map's land use, white, and a kern's translucent fill."""
    cat = load_catalogue()
    out = {f"landgebruik {k}": v for k, v in cat.layer("landgebruik").stijl["kleuren"].items()}
    k = cat.layer("kernen").stijl
    out.update({"wit": "#ffffff", "kern": over(k["vulkleur"], k["dekking"])})
    return out


def symbols() -> list[tuple[str, str, str]]:
    """Every point symbol of the catalogue: (what, fill, ring)."""
    cat = load_catalogue()
    ring = cat.layer("accommodaties").stijl["lijnkleur"]
    out = [(f"accommodatie {c.id}", c.kleur, ring) for c in cat.categorieen]
    sc = cat.layer("scenario").stijl
    out += [(f"scenario {s}", kleur, sc["rand"]) for s, kleur in sc["kleuren"].items()]
    op = cat.layer("opmerkingen").stijl
    out += [("opmerking", op["vulkleur"], op["lijnkleur"]), ("gekozen plek", op["gekozen"], op["lijnkleur"])]
    return out


@pytest.mark.parametrize(("what", "fill", "ring"), symbols())
def test_every_map_symbol_stands_out_3_to_1_on_every_background(what, fill, ring):
    weak = {name: round(max(contrast(fill, bg), contrast(ring, bg)), 2) for name, bg in backgrounds().items()
            if max(contrast(fill, bg), contrast(ring, bg)) < SYMBOOL}
    assert not weak, f"{what} ({fill}, ring {ring}) stands out too little on: {weak}"
