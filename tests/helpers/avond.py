"""A bewonersavond as the browser tests find it: a saved scenario, an open werksessie with a question, notes and a
reaction, and the projector's key."""

from __future__ import annotations

from pathlib import Path


def avond(user: Path, area, scenario: str, notes: list[tuple[str, float, float]],
          oordeel: str = "voor") -> tuple[str, str, str]:
    """Set up the evening in the user folder ``user``; returns ``(code, facilitator token, projector key)``."""
    from gebied.scenario import store as scenarios
    from gebied.scenario.evaluate import make_context
    from gebied.scenario.rules import rule_scenario
    from gebied.werkplaats.store import Store

    store = Store(f"sqlite:///{user / 'werkplaats.sqlite'}")
    scenarios.save(rule_scenario(make_context(area), "grootste", scenario), user / "scenarios" / area.config.id)
    code, token = store.open_sessie("Bewonersavond Triesen", area.config.id, "gebiedsbiografie", [scenario])
    store.zet_vraag(code, token, "Wat mag er nooit verdwijnen?")
    for i, (text, lon, lat) in enumerate(notes):
        store.add_opmerking(code, f"p{i}", "voorzieningen", text, lon, lat)
    store.add_reactie(code, "p0", scenario, oordeel)
    key = store.scherm_sleutel(code, token)
    store.close()
    return code, token, key
