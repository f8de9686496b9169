"""Dorpsbiografie per kern, generated from the data; planners add their own text per kern.

Own text lives in ``stories/<area>/kernen/<kern>.md`` (plain Markdown) and is added under
the generated part of that kern's chapter.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from gebied.area.model import Area
from gebied.core.fmt import euro, getal, slug
from gebied.scenario.evaluate import Context, Evaluation
from gebied.scenario.kernprofiel import kernprofiel
from gebied.verhaal.model import Hoofdstuk, Kaart


def kern_chapter(area: Area, ctx: Context, kern_id: str, evaluations: list[Evaluation] | None = None,
                 extra_dir: Path | None = None) -> Hoofdstuk:
    """One chapter about a kern: population, age profile, accommodaties, travel times, scenarios."""
    p = kernprofiel(area, ctx, kern_id, evaluations)
    bron = "volgens OpenStreetMap" if p["bevolking_bron"] == "osm" else "geschat uit de woongebouwen"
    lines = [f"**{p['naam']}** telt {getal(p['inwoners'])} inwoners ({bron})"
             + (f" en hoort bij de gemeente {p['gemeente']}." if p["gemeente"] else ".")]
    if p["leeftijd"] is None:
        lines.append("De leeftijdsopbouw is voor deze kern niet bekend.")
    else:
        lines.append("Leeftijdsopbouw: " + ", ".join(f"{k.removeprefix('leeftijd_')}: {getal(v)}"
                                                    for k, v in p["leeftijd"].items()) + ".")
    acc = p["accommodaties"]
    if acc.empty:
        lines.append("In de kern staat geen accommodatie met een voorziening; de inwoners zijn aangewezen op "
                     "omliggende kernen.")
    else:
        lines.append(f"In de kern staan {len(acc)} accommodaties:")
        for _, a in acc.iterrows():
            m2 = f", {getal(a['m2'])} m²" if np.isfinite(a["m2"]) else ""
            lines.append(f"- {a['accommodatie']} ({a['categorie'].lower()}{m2}): {a['voorzieningen'] or '–'}")
    rt = p["reistijden"]
    lines.append("")
    lines.append("Gemiddelde reistijd naar de dichtstbijzijnde voorziening:")
    for _, r in rt.iterrows():
        norm = (
            f"; {getal(r['binnen_norm_pct'], 1)}% binnen de norm ({r['norm']})"
            if isinstance(r.get("norm"), str)
            else ""
        )
        lines.append(f"- {r['voorziening']}: {getal(r.get('lopen_min'), 1)} min lopen, "
                     f"{getal(r.get('fiets_min'), 1)} min fietsen{norm}")
    sc = p["scenarios"]
    if not sc.empty:
        lines.append("")
        lines.append("Wat de scenario's doen:")
        for _, r in sc.iterrows():
            lines.append(
                f"- *{r['scenario']}*: locatie {r['locatie']}; {r['gesloten']} accommodaties dicht, "
                f"besparing {euro(r['besparing'])} per jaar; "
                f"{'wel' if r['ontmoetingsplek'] else 'géén'} ontmoetingsplek; "
                f"{getal(r['verliest_voorziening_binnen_norm'])} inwoners verliezen een voorziening binnen de norm."
            )
    if extra_dir is not None:
        extra = Path(extra_dir) / f"{slug(p['naam'])}.md"
        if extra.exists():
            lines += ["", extra.read_text(encoding="utf-8").strip()]
    return Hoofdstuk(titel=f"Dorpsbiografie {p['naam']}", tekst="\n".join(lines),
                     kaart=Kaart(kern=p["naam"], lagen=["kernen", "accommodaties"], markeer_kernen=[p["naam"]]))


def kern_volgorde(area: Area, only_named: bool = True) -> list[str]:
    """The kernen that get a chapter, largest first: those named after an OSM place (``only_named``) or all."""
    k = area.kernen.sort_values("inwoners", ascending=False, kind="stable")
    if only_named:
        k = k[k["naam_bron"] == "osm"]
    return list(k["kern_id"])


def kern_chapters(area: Area, ctx: Context, evaluations: list[Evaluation] | None = None,
                  extra_dir: Path | None = None, only_named: bool = True) -> list[Hoofdstuk]:
    """Chapters for every kern of :func:`kern_volgorde` (a province's hundreds take seconds: a page that shows
    one chapter at a time makes that one, :func:`kern_chapter`)."""
    return [kern_chapter(area, ctx, kid, evaluations, extra_dir) for kid in kern_volgorde(area, only_named)]
