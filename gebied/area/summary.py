"""Summary tables of an area: what ``gebied info`` prints and the app shows."""

from __future__ import annotations

import pandas as pd

from gebied.area.model import Area
from gebied.core.catalogue import Catalogue
from gebied.sources.network import one_per_street


def kern_table(area: Area) -> pd.DataFrame:
    """One row per kern, plus a ``buitengebied`` row.

    Columns: ``kern_id``, ``naam``, ``gemeente``, ``inwoners``, ``bevolking_bron``,
    ``woningen``, ``accommodaties``, ``voorzieningen`` (count of (accommodatie,
    voorziening) rows), ``soorten`` (the voorziening kinds present, sorted).
    """
    acc = area.accommodaties[["accommodatie_id", "kern_id"]]
    vz = area.voorzieningen.merge(acc, on="accommodatie_id")
    n_acc = acc.groupby(acc["kern_id"].fillna("buitengebied")).size()
    n_vz = vz.groupby(vz["kern_id"].fillna("buitengebied")).size()
    kinds = vz.groupby(vz["kern_id"].fillna("buitengebied"))["voorziening"].agg(lambda s: ", ".join(sorted(set(s))))
    k = pd.DataFrame(area.kernen.drop(columns="geometry"))
    rows = k[["kern_id", "naam", "gemeente", "inwoners", "bevolking_bron", "woningen"]]
    bg = area.gebouwen[area.gebouwen["kern_id"].isna()]
    rows = pd.concat([rows, pd.DataFrame([{
        "kern_id": "buitengebied", "naam": "Buitengebied", "gemeente": None,
        "inwoners": int(round(bg["inwoners"].sum())), "bevolking_bron": area.meta.get("bevolking_bron", "geschat"),
        "woningen": float(bg["woningen"].sum())}])], ignore_index=True)
    rows["accommodaties"] = rows["kern_id"].map(n_acc).fillna(0).astype(int)
    rows["voorzieningen"] = rows["kern_id"].map(n_vz).fillna(0).astype(int)
    rows["soorten"] = rows["kern_id"].map(kinds).fillna("")
    rows["woningen"] = rows["woningen"].round().astype(int)
    rows["inwoners"] = rows["inwoners"].astype(int)
    return rows


def kern_labels(area: Area) -> dict[str, str]:
    """A clear label per kern for choosers: its name, with its gemeente added where two kernen of the area
    share a name (a region: "Oosterend (Het Hogeland)", "Oosterend (Súdwest-Fryslân)"), else its id."""
    k = area.kernen
    gemeente = k["gemeente"] if "gemeente" in k else pd.Series([None] * len(k), index=k.index)
    dup = k["naam"].duplicated(keep=False)
    out = {}
    for kid, naam, gem, twice in zip(k["kern_id"], k["naam"], gemeente, dup):
        out[kid] = f"{naam} ({gem})" if twice and isinstance(gem, str) and gem else naam
    same = pd.Series(out).duplicated(keep=False)
    return {kid: (f"{lab} [{kid}]" if same[kid] else lab) for kid, lab in out.items()}


def network_table(area: Area) -> pd.DataFrame:
    """Per network: nodes, directed edges, street length (km, each street once), dropped parts, and parts kept
    but not connected to the rest (no routes between them)."""
    rows = []
    for name, net in area.netwerken.items():
        e = net.edges
        # a two-way street is two directed edges; count its length once
        street_m = float(e.loc[one_per_street(e), "length"].sum())
        rows.append({"netwerk": name, "knopen": len(net.nodes), "kanten": len(e),
                     "lengte_km": round(street_m / 1000, 1),
                     "losse_delen_weggelaten": net.dropped["delen"],
                     "delen_niet_verbonden": net.dropped["apart"]})
    return pd.DataFrame(rows)


def attribution(area: Area) -> str:
    """The credit line for everything shown of an area: OpenStreetMap, and CBS where its figures are used."""
    from gebied.core.catalogue import OSM_ATTRIBUTION
    from gebied.sources.cbs import CBS_ATTRIBUTION

    return f"{OSM_ATTRIBUTION}; {CBS_ATTRIBUTION}" if area.is_cbs else OSM_ATTRIBUTION


def accommodatie_labels(area: Area, catalogue: Catalogue) -> dict[str, str]:
    """A clear, unique label per accommodatie for choosers: ``"Naam — Categorie, 420 m²"``.

    Two accommodaties that would read the same get their address, else their OSM id, added.
    """
    from gebied.core.fmt import getal

    acc = area.accommodaties
    base = [f"{n} — {catalogue.categorie(c).label}" + (f", {getal(m)} m²" if pd.notna(m) else "")
            for n, c, m in zip(acc["naam"], acc["categorie"], acc["m2"])]
    counts = pd.Series(base).value_counts()
    adres = acc["adres"] if "adres" in acc else pd.Series([None] * len(acc))
    out = {}
    for aid, label, a in zip(acc["accommodatie_id"], base, adres):
        if counts[label] > 1:
            label += f" ({a})" if isinstance(a, str) and a else f" [{aid}]"
        out[aid] = label
    dup = pd.Series(out).duplicated(keep=False)
    return {aid: (f"{lab} [{aid}]" if dup[aid] else lab) for aid, lab in out.items()}


def plekken(area: Area, kernnamen: dict[str, str], labels: dict[str, str]) -> pd.DataFrame:
    """Every place a resident can talk about, for a list beside the map (the map's keyboard and screen-reader
    alternative): each kern (its centre) and each accommodatie (with its kern), alphabetical within each.

    Parameters
    ----------
    kernnamen, labels
        The choosers' labels of the kernen and accommodaties (:func:`kern_labels`, :func:`accommodatie_labels`).

    Returns
    -------
    DataFrame with ``plek`` ("k:<kern_id>" or "a:<accommodatie_id>"), ``label`` (Dutch) and ``lon``, ``lat``
    (WGS84 degrees).
    """
    from gebied.core.crs import WGS84

    kernen = area.kernen.to_crs(WGS84)
    rows = [{"plek": f"k:{k}", "label": f"Kern {kernnamen[k]}", "lon": p.x, "lat": p.y}
            for k, p in zip(kernen["kern_id"], kernen.geometry.representative_point())]
    rows.sort(key=lambda r: r["label"].lower())
    acc = area.accommodaties.to_crs(WGS84)
    kern_of = acc["kern_id"] if "kern_id" in acc else pd.Series([None] * len(acc), index=acc.index)
    more = [{"plek": f"a:{a}", "label": labels[a] + (f" (in {kernnamen[k]})" if isinstance(k, str) and k in kernnamen
                                                     else ""), "lon": p.x, "lat": p.y}
            for a, k, p in zip(acc["accommodatie_id"], kern_of, acc.geometry.representative_point())]
    more.sort(key=lambda r: r["label"].lower())
    return pd.DataFrame(rows + more, columns=["plek", "label", "lon", "lat"])
