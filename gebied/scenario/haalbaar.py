"""Why a question cannot be met: which constraint, and by how much, in Dutch.

First the plain conflicts of fixed choices with the kern rule and the number of locations. Then each
constraint on its own: with every other constraint kept, the optimiser finds the best that constraint's
measure can be (the fewest locations, the lowest cost, the most within the norm, the smallest worst kern
median or worst time); the distance between that and what was asked is the "by how much".
"""

from __future__ import annotations

import numpy as np

from gebied.core.errors import GebiedError
from gebied.core.fmt import euro, getal
from gebied.scenario.oplossen import minimax, solve_once, waarde
from gebied.scenario.vraag import Probleem, Vraag

#: Per constraint: the objective that measures how far it can go, and the fields that relax it.
MATEN: dict[str, dict] = {
    "aantal": {"doel": "minste_locaties"},
    "budget": {"doel": "laagste_kosten"},
    "max_buiten_norm_pct": {"doel": "dekking"},
    "max_kern_mediaan": {"doel": "kleinste_maximum", "maximum_over": "kernmediaan"},
    "max_reistijd": {"doel": "kleinste_maximum", "maximum_over": "inwoner"},
}


def conflicts(p: Probleem, v: Vraag) -> list[str]:
    """Fixed choices that contradict the kern rule or the number of locations, one line each."""
    out = []
    kept, closed = set(p.positions(v.houden).tolist()), set(p.positions(v.sluiten).tolist())
    forced = len(kept)
    for g in p.groups():
        name = p.kern_namen[p.cand_kern[g[0]]] if p.kern_namen else str(p.cand_kern[g[0]])
        n_kept = len(kept & set(g.tolist()))
        if v.per_kern != "vrij" and n_kept > 1:
            out.append(f"kern {name}: {n_kept} locaties vast open, maar hoogstens één per kern")
        if v.per_kern == "precies" and set(g.tolist()) <= closed:
            out.append(f"kern {name}: alle kandidaat-locaties vast dicht, maar precies één per kern")
        if v.per_kern == "precies" and n_kept == 0:
            forced += 1
    if v.aantal is not None and forced > v.aantal:
        out.append(f"aantal locaties: hoogstens {v.aantal} gevraagd, maar de vaste keuzes en de kernregel "
                   f"vragen er al {forced}")
    return out


def _best(p: Probleem, v: Vraag, field: str) -> tuple[float, np.ndarray] | None:
    """The best value of ``field``'s measure with every other constraint kept (None: still infeasible)."""
    relaxed = v.zonder(**{field: None, **MATEN[field]})
    if relaxed.doel == "kleinste_maximum":
        out, value, _ = minimax(p, relaxed, 60.0)
        return None if out.status != "Optimal" else (value, out.keep)
    out = solve_once(p, relaxed)
    return None if out.status != "Optimal" else (waarde(p, relaxed, out.keep), out.keep)


def _line(p: Probleem, v: Vraag, field: str, best: float) -> str:
    """What was asked of ``field`` against the best the other constraints allow."""
    if field == "aantal":
        return (f"aantal locaties: hoogstens {v.aantal} gevraagd; met de andere eisen zijn er minstens "
                f"{getal(best)} nodig ({getal(best - (v.aantal or 0))} meer)")
    if field == "budget":
        return (f"budget: {euro(v.budget or 0)} per jaar; met de andere eisen is minstens {euro(best)} nodig "
                f"({euro(best - (v.budget or 0))} tekort)")
    if field == "max_buiten_norm_pct":
        total = max(float(p.doelgroep.sum()), 1e-12)
        beyond = 100.0 * (1.0 - best / total)
        return (f"hoogstens {getal(v.max_buiten_norm_pct or 0, 1)} % buiten {getal(v.norm or 0)} min: met de "
                f"andere eisen blijft minstens {getal(beyond, 1)} % buiten de norm "
                f"({getal(beyond - (v.max_buiten_norm_pct or 0), 1)} procentpunt te veel)")
    asked = v.max_kern_mediaan if field == "max_kern_mediaan" else v.max_reistijd
    what = "geen kernmediaan boven" if field == "max_kern_mediaan" else "niemand verder dan"
    if not np.isfinite(best):
        return f"{what} {getal(asked or 0, 1)} min: sommige inwoners bereiken geen enkele locatie"
    return (f"{what} {getal(asked or 0, 1)} min: met de andere eisen is het kleinste haalbare "
            f"{getal(best, 1)} min ({getal(best - (asked or 0), 1)} min te streng)")


def diagnose(p: Probleem, v: Vraag) -> GebiedError:
    """The error of an infeasible question: its conflicts, or per constraint how far it can go."""
    lines = conflicts(p, v)
    if not lines:
        soft = [f for f in MATEN if getattr(v, f) is not None]
        for f in soft:
            found = _best(p, v, f)
            if found is not None:
                lines.append(_line(p, v, f, found[0]))
        if soft and not lines:
            lines.append("geen enkele eis alleen loslaten helpt: " + ", ".join(soft) + " zijn samen te streng, "
                         "of de vaste keuzes laten geen oplossing toe")
        if not soft:
            lines.append("de vaste keuzes en de kernregel laten samen geen oplossing toe")
    return GebiedError("Deze vraag heeft geen oplossing: " + lines[0] + ".",
                       "This question has no solution: a constraint cannot be met (see the lines below).",
                       problems=lines)
