"""Scenario's side by side: the comparison table and the per-kern difference of two scenario's."""

from __future__ import annotations

import pandas as pd

from gebied.scenario.evaluate import Evaluation
from gebied.scenario.jaren import JarenEvaluatie


def compare(evaluations: list[Evaluation]) -> pd.DataFrame:
    """Scenario's side by side: one column per scenario, one row per total figure."""
    labels = {
        "accommodaties_na": "Accommodaties (na)",
        "gesloten": "Gesloten accommodaties",
        "m2_na": "m² (na)",
        "m2_afgestoten": "m² afgestoten",
        "kosten_na": "Exploitatielasten na (€/jaar)",
        "besparing": "Besparing (€/jaar)",
        "kosten_onbekend": "Sluitend met onbekende lasten (niet in de besparing)",
        "verliest_voorziening_binnen_norm": "Inwoners die een voorziening binnen de norm verliezen",
        "kernen_zonder_ontmoetingsplek": "Kernen zonder ontmoetingsplek",
        "kernen_verliezen_ontmoetingsplek": "Kernen die hun ontmoetingsplek verliezen",
        "overbezette_locaties": "Overbezette locaties (>100%)",
    }
    data = {}
    for ev in evaluations:
        col = {labels[k]: ev.totaal[k] for k in labels}
        rt = ev.reistijd[ev.reistijd["kern_id"] == "totaal"]
        for _, r in rt.iterrows():
            col[f"Gem. reistijd {r['voorziening']} {r['modus']} (min)"] = r["gem_na"]
        data[ev.scenario.naam] = col
    return pd.DataFrame(data)


def kern_difference(a: Evaluation, b: Evaluation) -> pd.DataFrame:
    """Per kern: figures of scenario ``b`` minus scenario ``a``."""
    cols = ["accommodaties_na", "m2_na", "kosten_na", "besparing", "verliest_voorziening_binnen_norm"]
    left = a.per_kern.set_index("kern_id")
    right = b.per_kern.set_index("kern_id")
    out = (right[cols] - left[cols]).add_prefix("verschil_")
    out.insert(0, "kern", left["kern"])
    out.insert(1, f"locatie_{a.scenario.naam}", left["locatie"])
    out.insert(2, f"locatie_{b.scenario.naam}", right["locatie"])
    return out.reset_index()


def compare_jaren(evaluations: list[JarenEvaluatie], jaren: list[int]) -> pd.DataFrame:
    """Scenario's side by side per year: inhabitants, pupils, knelpunten, and the first year with a knelpunt."""
    data = {}
    for jev in evaluations:
        per = jev.per_jaar.set_index("jaar")
        col: dict[str, object] = {}
        for j in jaren:
            col[f"Inwoners {j}"] = per.at[j, "inwoners"]
            if "gebruikers_basisonderwijs" in per.columns:
                col[f"Leerlingen basisonderwijs {j}"] = per.at[j, "gebruikers_basisonderwijs"]
            col[f"Locaties met een knelpunt {j}"] = per.at[j, "locaties_met_signaal"]
        first = jev.eerste_probleem["eerste_jaar"]
        col["Eerste jaar met een knelpunt"] = str(int(first.min())) if len(first) else "geen"
        data[jev.scenario.naam] = col
    return pd.DataFrame(data)
