"""A scenario year by year: per kept location its users, occupancy and (schools) pupils against the norm.

The users of a location are the inhabitants for whom it is the nearest host of a voorziening (travel
time by the mode of that voorziening's norm, after the scenario's moves), times the doelgroep share of
their kern in that year and the participation rate. Occupancy follows demand: a location's occupancy
after bundling (base year) times its users in the year over its users in the base year.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from gebied.bereik.dekking import host_matrix
from gebied.core.config import Toekomst
from gebied.scenario.evaluate import Context, _occupancy_after, resolve
from gebied.scenario.model import Scenario
from gebied.toekomst.prognose import Bevolking
from gebied.toekomst.vraag import gebruik_matrix

OVERBEZET = "overbezet"
ONDER_NORM = "onder opheffingsnorm"
TE_STIL = "ontmoetingsplek zonder gebruikers"


@dataclass
class Toewijzing:
    """Which location serves which inhabitants, per voorziening kind (fixed for a scenario; years only reweigh)."""

    soorten: list[str]
    host: np.ndarray  # (n_soorten, n_points): accommodatie row index of the nearest host, -1 none reachable
    occupancy: pd.Series  # per open accommodatie id: occupancy after bundling (%), NaN unknown
    open_ids: np.ndarray
    gebruik: np.ndarray  # (n_cbs_groepen, n_soorten): users per inhabitant of each age group


def toewijzing(scenario: Scenario, ctx: Context) -> Toewijzing:
    """The nearest host per point and kind after ``scenario`` (mode: the kind's norm, else cycling)."""
    area = ctx.area
    open_mask, vz_after, moves = resolve(scenario, area, ctx.catalogue)
    soorten = [s for s in ctx.soorten if ctx.catalogue.voorziening(s).doelgroep]
    host = np.full((len(soorten), len(ctx.points)), -1, dtype=np.int64)
    hosting = {m: host_matrix(vz_after, mat.target_ids, soorten) & open_mask for m, mat in ctx.matrices.items()}
    for i, s in enumerate(soorten):
        norm = area.config.normen.get(s)
        modus = norm.modus if norm is not None and norm.modus in ctx.matrices else next(iter(ctx.matrices))
        if hosting[modus][i].any():
            host[i] = ctx.matrices[modus].nearest(hosting[modus][i])[1]
    occ = _occupancy_after(area.accommodaties, open_mask, moves, area.voorzieningen)
    return Toewijzing(soorten, host, occ, area.accommodaties["accommodatie_id"].to_numpy()[open_mask],
                      gebruik_matrix(area, ctx.catalogue, soorten))


def gebruikers(tw: Toewijzing, ctx: Context, bev: Bevolking, jaar: int) -> np.ndarray:
    """Array (n_soorten, n_accommodaties): users of every location per kind in ``jaar``.

    A kern's users of a kind (its age groups that year × the kind's use per inhabitant of each group)
    are spread over its demand points in proportion to their inhabitants, then summed per nearest host.
    """
    w = ctx.points["inwoners"].to_numpy(dtype=float)
    pos = {k: i for i, k in enumerate(bev.kernen)}
    rows = np.array([pos.get(k, len(bev.kernen) - 1) for k in ctx.kern_labels])[ctx.kern_index]
    per_kern = bev.waarden[bev.jaren.index(jaar)] @ tw.gebruik
    weight = np.bincount(rows, weights=w, minlength=len(bev.kernen))
    share = w / np.where(weight[rows] > 0, weight[rows], 1.0)  # each point's part of its kern
    n_acc = len(ctx.area.accommodaties)
    out = np.zeros((len(tw.soorten), n_acc))
    for i in range(len(tw.soorten)):
        ok = tw.host[i] >= 0
        out[i] = np.bincount(tw.host[i][ok], weights=share[ok] * per_kern[rows[ok], i], minlength=n_acc)
    return out


@dataclass
class JarenEvaluatie:
    """A scenario over the years.

    Attributes
    ----------
    per_locatie
        One row per kept location, voorziening kind and year: ``gebruikers``, ``bezetting_pct``
        (occupancy after bundling scaled by demand), ``signaal`` (overbezet / onder opheffingsnorm /
        ontmoetingsplek zonder gebruikers: fewer than ``toekomst.min_ontmoeting``).
    per_jaar
        Per year: inhabitants per age group and in total, users per kind, locations with a signal.
    eerste_probleem
        Per kept location: the first year with a signal and which (``None``: none in these years).
    """

    scenario: Scenario
    per_locatie: pd.DataFrame
    per_jaar: pd.DataFrame
    eerste_probleem: pd.DataFrame


def evaluate_jaren(scenario: Scenario, ctx: Context, bev: Bevolking, jaren: list[int] | None = None) -> JarenEvaluatie:
    """Evaluate ``scenario`` for every year of ``bev`` (or ``jaren``, which must be among them)."""
    tw = toewijzing(scenario, ctx)
    years = jaren or bev.jaren
    acc = ctx.area.accommodaties
    base = gebruikers(tw, ctx, bev, bev.basisjaar)
    open_rows = np.flatnonzero(acc["accommodatie_id"].isin(set(tw.open_ids)).to_numpy())
    limits = ctx.area.config.toekomst
    frames, totals = [], []
    for y in years:
        u = gebruikers(tw, ctx, bev, y)
        frames.append(_locations(tw, acc, open_rows, u, base, y, limits))
        totals.append(_year_totals(bev, tw, u, y))
    per_locatie = pd.concat(frames, ignore_index=True)
    per_jaar = pd.DataFrame(totals)
    flagged = per_locatie[per_locatie["signaal"] != ""].sort_values("jaar")
    first = flagged.groupby("accommodatie_id", sort=False).first().reset_index()
    per_jaar["locaties_met_signaal"] = [int(flagged[flagged["jaar"] == y]["accommodatie_id"].nunique())
                                        for y in years]
    first = first[["accommodatie_id", "naam", "kern", "voorziening", "jaar", "signaal"]].rename(
        columns={"jaar": "eerste_jaar"})
    return JarenEvaluatie(scenario, per_locatie, per_jaar, first)


def _locations(tw: Toewijzing, acc: pd.DataFrame, open_rows: np.ndarray, u: np.ndarray, base: np.ndarray,
               jaar: int, limits: Toekomst) -> pd.DataFrame:
    """Per (kind, open location) serving someone in the base year: users, occupancy and signals in ``jaar``."""
    total_now, total_base = u[:, open_rows].sum(axis=0), base[:, open_rows].sum(axis=0)
    occ0 = tw.occupancy.reindex(acc["accommodatie_id"].to_numpy()[open_rows]).to_numpy(dtype=float)
    occ = occ0 * np.where(total_base > 0, total_now / np.where(total_base > 0, total_base, 1.0), 1.0)
    kind, col = np.nonzero(base[:, open_rows] > 0)  # every (kind, open location) that serves someone
    rows = open_rows[col]
    users = u[kind, rows]
    kinds = np.array(tw.soorten, dtype=object)[kind]
    checks = [(OVERBEZET, np.isfinite(occ[col]) & (occ[col] > 100.0)),
              (ONDER_NORM, (kinds == "basisonderwijs") & (users < limits.opheffingsnorm)),
              (TE_STIL, (kinds == "ontmoeting") & (users < limits.min_ontmoeting))]
    signal = [", ".join(label for label, hit in checks if hit[i]) for i in range(len(users))]
    return pd.DataFrame({"accommodatie_id": acc["accommodatie_id"].to_numpy()[rows],
                         "naam": acc["naam"].to_numpy()[rows], "kern": acc["kern_id"].to_numpy()[rows],
                         "voorziening": np.array(tw.soorten, dtype=object)[kind], "jaar": jaar, "gebruikers": users,
                         "bezetting_pct": occ[col], "signaal": signal})


def _year_totals(bev: Bevolking, tw: Toewijzing, u: np.ndarray, jaar: int) -> dict:
    groups = bev.waarden[bev.jaren.index(jaar)].sum(axis=0)
    row: dict = {"jaar": jaar, "inwoners": float(groups.sum())}
    row.update({f"leeftijd_{g}": float(v) for g, v in zip(bev.groepen, groups)})
    row.update({f"gebruikers_{s}": float(u[i].sum()) for i, s in enumerate(tw.soorten)})
    return row
