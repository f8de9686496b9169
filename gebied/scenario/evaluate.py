"""Evaluation of scenario's against the current situation, per kern and in total.

Fast enough for a slider: every travel time comes from matrices computed once per
area (:class:`Context`); evaluating a scenario only masks closed accommodaties and
takes minima.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from gebied.area.model import Area
from gebied.bereik.dekking import host_matrix
from gebied.core.catalogue import Catalogue, load_catalogue
from gebied.core.geheugen import Afleidbaar
from gebied.scenario.context import MODI, Context, kind_stats, make_context, minutes_of, norm_limit, remembered
from gebied.scenario.model import Scenario, open_accommodaties

__all__ = ["MODI", "Context", "Evaluation", "evaluate", "make_context", "remembered", "resolve", "resolved"]


def resolved(scenario: Scenario, ctx: Context) -> tuple[np.ndarray, pd.DataFrame, pd.DataFrame]:
    """:func:`resolve` in ``ctx``'s area, remembered per scenario (its evaluation now and per year both ask)."""
    return remembered(ctx, ("resolve", scenario.model_dump_json()), resolve, scenario, ctx.area, ctx.catalogue)


def resolve(
    scenario: Scenario, area: Area, catalogue: Catalogue | None = None
) -> tuple[np.ndarray, pd.DataFrame, pd.DataFrame]:
    """What a scenario does to the accommodaties and voorzieningen.

    Returns
    -------
    open_mask
        Boolean over ``area.accommodaties`` rows: stays open.
    voorzieningen
        (accommodatie_id, voorziening) after the moves.
    moves
        ``van``, ``voorziening``, ``naar`` (None: stops) for every voorziening of a closing accommodatie.
    """
    catalogue = catalogue or load_catalogue()
    acc = area.accommodaties
    keep = set(open_accommodaties(scenario, area, catalogue))
    ids = acc["accommodatie_id"].tolist()  # plain lists: Arrow-backed strings are slow to iterate and isin
    open_mask = np.array([a in keep for a in ids], dtype=bool)
    explicit = {(v.van, v.voorziening): v.naar for v in scenario.verplaatsingen}
    kern_of = dict(zip(ids, acc["kern_id"].tolist()))
    vz = area.voorzieningen
    vz_open = np.array([a in keep for a in vz["accommodatie_id"].tolist()], dtype=bool)
    closing = vz[~vz_open]
    naar = []
    for a, v in zip(closing["accommodatie_id"].tolist(), closing["voorziening"].tolist()):
        if (a, v) in explicit:
            naar.append(explicit[(a, v)])
        else:
            loc = scenario.kernen.get(str(kern_of.get(a)))
            naar.append(loc if loc in keep else None)
    moves = pd.DataFrame(
        {"van": closing["accommodatie_id"].to_numpy(), "voorziening": closing["voorziening"].to_numpy(), "naar": naar}
    )
    moved = moves[moves["naar"].notna()].rename(columns={"naar": "accommodatie_id"})[["accommodatie_id", "voorziening"]]
    after = pd.concat([vz[vz_open][["accommodatie_id", "voorziening"]], moved])
    return open_mask, after.drop_duplicates().reset_index(drop=True), moves


@dataclass
class Evaluation(Afleidbaar):
    """The effect of one scenario.

    Attributes
    ----------
    per_kern
        One row per kern (and buitengebied): location kept, accommodaties and m²
        before/after, running cost before/after and saved (€/year), occupancy of
        the kept location after bundling (%, ``overbezet`` above 100), whether a
        meeting place remains, inhabitants who lose a voorziening within its norm.
    totaal
        Area totals of the per-kern figures.
    moves
        Where every voorziening of a closing accommodatie goes.
    open_mask
        Boolean over the accommodaties: stays open.
    verliest
        Boolean per demand point: loses a voorziening within its norm (added up per kern and per gemeente).
    hosts_after
        Per mode, the hosts of every kind after the scenario: boolean (kinds, destinations) over the mode's matrix.
    context
        The context it was evaluated in (for :attr:`reistijd`).
    """

    scenario: Scenario
    per_kern: pd.DataFrame
    totaal: dict
    moves: pd.DataFrame
    open_mask: np.ndarray
    verliest: np.ndarray
    hosts_after: dict[str, np.ndarray] = field(repr=False, compare=False)
    context: Context = field(repr=False, compare=False)

    @property
    def reistijd(self) -> pd.DataFrame:
        """Per kern (and ``totaal``), mode and voorziening kind: population-weighted mean, 90th percentile and max
        travel time before and after (minutes), and inhabitants within the norm before/after. Computed when first
        asked (the Scenario's page needs none of it: at k = 16 it was half of an evaluation), then kept."""
        return self.afgeleid("reistijd", _travel_times, self.context, self.hosts_after)


def _occupancy_after(acc: pd.DataFrame, open_mask: np.ndarray, moves: pd.DataFrame, vz: pd.DataFrame) -> pd.Series:
    """Occupancy (%) of each open accommodatie after bundling, NaN where unknown.

    Used floor area = bezettingsgraad × m²; a closing accommodatie's use is split
    evenly over its voorzieningen and moves with each to its new place.
    """
    ids = acc["accommodatie_id"].to_numpy()
    pos = {a: i for i, a in enumerate(ids)}
    m2 = acc["m2"].to_numpy(dtype=float)
    used = acc["bezettingsgraad"].to_numpy(dtype=float) / 100.0 * m2
    n_vz = np.maximum(np.bincount([pos[a] for a in vz["accommodatie_id"].tolist() if a in pos], minlength=len(ids)), 1)
    extra = np.zeros(len(ids))
    unknown = np.zeros(len(ids), dtype=bool)
    for van, naar in zip(moves["van"].tolist(), moves["naar"].tolist()):
        if naar is None or naar not in pos:
            continue
        share = used[pos[van]] / n_vz[pos[van]]
        if np.isnan(share):
            unknown[pos[naar]] = True
        else:
            extra[pos[naar]] += share
    occ = np.where(unknown, np.nan, (used + extra) / m2 * 100.0)
    return pd.Series(occ[open_mask], index=ids[open_mask])


def evaluate(scenario: Scenario, ctx: Context) -> Evaluation:
    """Evaluate ``scenario`` against the current situation (reuses ``ctx``'s matrices)."""
    open_mask, vz_after, moves = resolved(scenario, ctx)
    hosts = {m: host_matrix(vz_after, mat.target_ids, ctx.soorten) & open_mask[None, :]
             for m, mat in ctx.matrices.items()}
    lost_any = _lost(ctx, hosts)
    w = ctx.points["inwoners"].to_numpy()
    lost = pd.Series(np.bincount(ctx.kern_index, weights=w * lost_any, minlength=len(ctx.kern_labels)),
                     index=ctx.kern_labels)
    per_kern = _per_kern(ctx, scenario, open_mask, vz_after, moves, lost)
    return Evaluation(scenario, per_kern, _totals(per_kern), moves, open_mask, lost_any, hosts, ctx)


def _lost(ctx: Context, hosts: dict[str, np.ndarray]) -> np.ndarray:
    """Per demand point whether it loses a voorziening within its norm: the nearest host after ``hosts`` (per
    mode, as :attr:`Evaluation.hosts_after`) lies beyond the norm of a kind that lay within it before. Only the
    kinds with a norm whose hosts change are searched (remembered: the year by year evaluation asks again)."""
    lost = np.zeros(len(ctx.points), dtype=bool)
    for i, s in enumerate(ctx.soorten):
        norm = ctx.area.config.normen.get(s)
        if norm is None or norm.modus not in hosts or np.array_equal(hosts[norm.modus][i], ctx.hosts[norm.modus][i]):
            continue
        limit = norm_limit(ctx.area, s)
        after = minutes_of(ctx, norm.modus, hosts[norm.modus][i])
        lost |= (ctx.baseline[norm.modus][s] <= limit) & ~(after <= limit)
    return lost


def _travel_times(ctx: Context, hosts: dict[str, np.ndarray]) -> pd.DataFrame:
    """Travel-time statistics before and after per kern, mode and kind (:attr:`Evaluation.reistijd`), the hosts
    after per mode as :attr:`Evaluation.hosts_after`. Only kinds whose hosts change are recomputed."""
    area = ctx.area
    rt_rows: list[tuple[str, str, dict[str, np.ndarray], dict[str, np.ndarray]]] = []
    for modus, hosts_after in hosts.items():
        for i, s in enumerate(ctx.soorten):
            if np.array_equal(hosts_after[i], ctx.hosts[modus][i]):
                st_after = ctx.baseline_stats[(modus, s)]
            else:
                limit = norm_limit(area, s)
                mask = hosts_after[i]
                after = minutes_of(ctx, modus, mask)
                st_after = remembered(ctx, ("stats", modus, limit, mask.tobytes()), kind_stats, ctx, modus, s, after,
                                      limit)
            rt_rows.append((modus, s, ctx.baseline_stats[(modus, s)], st_after))
    labels = np.array([*ctx.kern_labels, "totaal"], dtype=object)
    reistijd = pd.DataFrame({
        "kern_id": np.tile(labels, len(rt_rows)),
        "modus": np.repeat([r[0] for r in rt_rows], len(labels)),
        "voorziening": np.repeat([r[1] for r in rt_rows], len(labels)),
        **{f"{key}_{when}": np.concatenate([(r[2] if when == "voor" else r[3])[key] for r in rt_rows])
           for key in ("gem", "p90", "max", "binnen_norm", "onbereikbaar") for when in ("voor", "na")},
    })
    reistijd.insert(1, "kern", reistijd["kern_id"].map({**_kern_names(area), "totaal": "Totaal"}))
    return reistijd


def _kern_names(area: Area) -> dict[str, str]:
    return {**dict(zip(area.kernen["kern_id"].tolist(), area.kernen["naam"].tolist())), "buitengebied": "Buitengebied"}


def _per_kern(ctx: Context, scenario: Scenario, open_mask: np.ndarray, vz_after: pd.DataFrame,
              moves: pd.DataFrame, lost: pd.Series) -> pd.DataFrame:
    """One row per kern (and buitengebied): accommodaties, m², cost, occupancy and meeting place before → after."""
    area, cat = ctx.area, ctx.catalogue
    acc = area.accommodaties
    ids = acc["accommodatie_id"].tolist()  # plain lists and sets: Arrow-backed strings are slow to iterate and isin
    cost = acc["exploitatielasten"].astype(float)
    scope_cats = set(cat.scenario_categorieen())
    df = pd.DataFrame({"kern_id": acc["kern_id"].fillna("buitengebied").tolist(), "open": open_mask,
                       "scope": [c in scope_cats for c in acc["categorie"].tolist()],
                       "m2": acc["m2"].astype(float).fillna(0.0), "kosten": cost.fillna(0.0),
                       "kosten_bekend": cost.notna()})

    def meeting(vz: pd.DataFrame) -> set[str]:
        return set(vz.loc[vz["voorziening"] == "ontmoeting", "accommodatie_id"].tolist())

    meet_before, meet_after = meeting(area.voorzieningen), meeting(vz_after)
    df["meet_na"] = open_mask & np.array([a in meet_after for a in ids], dtype=bool)
    df["meet_voor"] = np.array([a in meet_before for a in ids], dtype=bool)
    df["sluit_onbekend"] = ~df["kosten_bekend"] & df["scope"] & ~df["open"]
    for col in ("m2", "kosten"):
        df[f"{col}_na"] = np.where(open_mask, df[col], 0.0)
    kerns = [*area.kernen["kern_id"].tolist(), "buitengebied"]
    kpos = {k: i for i, k in enumerate(kerns)}
    ki = np.array([kpos[k] for k in df["kern_id"]], dtype=np.int64)

    def per(values: object) -> np.ndarray:
        return np.bincount(ki, weights=np.asarray(values, dtype=float), minlength=len(kerns))

    pop = np.bincount(ctx.kern_index, weights=ctx.points["inwoners"].to_numpy(dtype=float),
                      minlength=len(ctx.kern_labels))  # kern_labels are ``kerns``, in order
    kern_names, acc_names = _kern_names(area), dict(zip(ids, acc["naam"].tolist()))
    agg = pd.DataFrame({
        "kern_id": kerns, "kern": [kern_names[k] for k in kerns],
        "inwoners": pop,
        "locatie": [_location(scenario, k, acc_names) for k in kerns],
        "accommodaties_voor": per(np.ones(len(df))).astype(int), "accommodaties_na": per(open_mask).astype(int),
        "m2_voor": per(df["m2"]), "m2_na": per(df["m2_na"]),
        "kosten_voor": per(df["kosten"]), "kosten_na": per(df["kosten_na"]),
        "kosten_bekend": per(df["kosten_bekend"]).astype(int), "kosten_onbekend": per(df["sluit_onbekend"]).astype(int),
        "ontmoetingsplek_voor": per(df["meet_voor"]) > 0, "ontmoetingsplek": per(df["meet_na"]) > 0,
    })
    agg.insert(6, "gesloten", agg["accommodaties_voor"] - agg["accommodaties_na"])
    agg.insert(9, "m2_afgestoten", agg["m2_voor"] - agg["m2_na"])
    agg.insert(12, "besparing", agg["kosten_voor"] - agg["kosten_na"])
    occ = _occupancy_after(acc, open_mask, moves, area.voorzieningen)
    kept = scenario.kernen
    agg.insert(15, "bezetting_na", [float(occ.get(kept[k], np.nan)) if isinstance(kept.get(k), str) else np.nan
                                    for k in kerns])
    agg.insert(16, "overbezet", agg["bezetting_na"].fillna(0.0) > 100.0)
    agg["verliest_voorziening_binnen_norm"] = lost.reindex(kerns).fillna(0.0).to_numpy()
    return agg


def _location(scenario: Scenario, kern: str, names: dict[str, str]) -> str:
    """What a scenario keeps in a kern, in words."""
    if kern not in scenario.kernen:
        return "ongewijzigd"
    loc = scenario.kernen[kern]
    return "geen locatie" if loc is None else names.get(loc, loc)


def _totals(per_kern: pd.DataFrame) -> dict:
    """Area totals of the per-kern figures, and counts of kernen without or losing their meeting place."""
    totaal: dict = {c: float(per_kern[c].sum()) for c in (
        "inwoners", "accommodaties_voor", "accommodaties_na", "gesloten", "m2_voor", "m2_na", "m2_afgestoten",
        "kosten_voor", "kosten_na", "besparing", "verliest_voorziening_binnen_norm")}
    in_kern = per_kern[per_kern["kern_id"] != "buitengebied"]
    totaal["kernen_zonder_ontmoetingsplek"] = int((~in_kern["ontmoetingsplek"]).sum())
    totaal["kernen_verliezen_ontmoetingsplek"] = int(
        (in_kern["ontmoetingsplek_voor"] & ~in_kern["ontmoetingsplek"]).sum()
    )
    totaal["overbezette_locaties"] = int(per_kern["overbezet"].sum())
    totaal["kosten_onbekend"] = int(per_kern["kosten_onbekend"].sum())  # closing without known costs
    return totaal


