"""A scenario year by year: per kept location its users, occupancy and (schools) pupils against the norm.

The users of a location are the inhabitants for whom it is the nearest host of a voorziening (travel
time by the mode of that voorziening's norm, else by bike, after the scenario's moves), times the doelgroep share of
their kern in that year and the participation rate. Occupancy follows demand: a location's occupancy
after bundling (base year) times its users in the year over its users in the base year.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from gebied.bereik.dekking import host_matrix
from gebied.core.config import Toekomst
from gebied.core.geheugen import Afleidbaar, per_object
from gebied.scenario.context import nearest_of, remembered
from gebied.scenario.evaluate import Context, _occupancy_after, resolved
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
    open_rows: np.ndarray  # row indices (in the area's accommodaties) of the open accommodaties
    gebruik: np.ndarray  # (n_cbs_groepen, n_soorten): users per inhabitant of each age group


def toewijzing(scenario: Scenario, ctx: Context) -> Toewijzing:
    """The nearest host per point and kind after ``scenario`` (mode: the kind's norm, else cycling)."""
    area = ctx.area
    open_mask, vz_after, moves = resolved(scenario, ctx)
    soorten = [s for s in ctx.soorten if ctx.catalogue.voorziening(s).doelgroep]
    host = np.full((len(soorten), len(ctx.points)), -1, dtype=np.int64)
    fiets = "fiets" if "fiets" in ctx.matrices else next(iter(ctx.matrices))
    modi = [norm.modus if (norm := area.config.normen.get(s)) is not None and norm.modus in ctx.matrices else fiets
            for s in soorten]
    hosting = {m: host_matrix(vz_after, ctx.matrices[m].target_ids, soorten) & open_mask for m in set(modi)}
    for i, modus in enumerate(modi):
        mask = hosting[modus][i]
        if mask.any():
            host[i] = nearest_of(ctx, modus, mask)[1]
    occ = _occupancy_after(area.accommodaties, open_mask, moves, area.voorzieningen)
    return Toewijzing(soorten, host, occ, np.flatnonzero(open_mask),
                      gebruik_matrix(area, ctx.catalogue, soorten))


def gebruikers(tw: Toewijzing, ctx: Context, bev: Bevolking, jaar: int) -> np.ndarray:
    """Array (n_soorten, n_accommodaties): users of every location per kind in ``jaar``.

    A kern's users of a kind (its age groups that year × the kind's use per inhabitant of each group)
    are spread over its demand points in proportion to their inhabitants, then summed per nearest host.
    """
    return gebruikers_per_jaar(tw, ctx, bev, [jaar])[0]


def gebruikers_per_jaar(tw: Toewijzing, ctx: Context, bev: Bevolking, jaren: list[int]) -> np.ndarray:
    """Array (n_jaren, n_soorten, n_accommodaties): :func:`gebruikers` for every year of ``jaren`` at once.

    Per kind, each host's share of every kern (the summed shares of the points it serves there, a small
    hosts × kernen matrix) times the kern's users per year: the points are summed once, not once per year. The
    points are taken in the order of their kern, so the points of a kern that one host serves mostly follow each
    other: they are summed as runs first (at k = 16, 116,788 points make 1,000–22,000 runs a kind)."""
    order, rows, share = remembered(ctx, ("spreiding", tuple(bev.kernen)), _spreiding, ctx, bev)
    per_kern = bev.waarden[[bev.jaren.index(j) for j in jaren]] @ tw.gebruik  # (jaren, kernen, soorten)
    n_acc = len(ctx.area.accommodaties)
    out = np.zeros((len(jaren), len(tw.soorten), n_acc))
    for i in range(len(tw.soorten)):
        host = tw.host[i][order]
        ok = host >= 0
        h, r, s = host[ok], rows[ok], share[ok]
        if not len(h):
            continue
        start = np.flatnonzero(np.r_[True, (h[1:] != h[:-1]) | (r[1:] != r[:-1])])
        part = sparse.csr_array((np.add.reduceat(s, start), (h[start], r[start])), shape=(n_acc, len(bev.kernen)))
        out[:, i, :] = (part @ per_kern[:, :, i].T).T
    return out


def _spreiding(ctx: Context, bev: Bevolking) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The demand points in the order of their kern (stable), each point's kern (its row in ``bev``) and its share
    of that kern's inhabitants, in that order (the same for every scenario: remembered per list of kernen)."""
    w = ctx.points["inwoners"].to_numpy(dtype=float)
    pos = {k: i for i, k in enumerate(bev.kernen)}
    rows = np.array([pos.get(k, len(bev.kernen) - 1) for k in ctx.kern_labels])[ctx.kern_index]
    weight = np.bincount(rows, weights=w, minlength=len(bev.kernen))
    share = w / np.where(weight[rows] > 0, weight[rows], 1.0)  # each point's part of its kern
    order = np.argsort(rows, kind="stable")
    return order, rows[order], share[order]


@dataclass
class JarenEvaluatie(Afleidbaar):
    """A scenario over the years.

    Attributes
    ----------
    per_locatie
        One row per kept location, voorziening kind and year: ``gebruikers``, ``bezetting_pct``
        (occupancy after bundling scaled by demand), ``signaal`` (overbezet / onder opheffingsnorm /
        ontmoetingsplek zonder gebruikers: fewer than ``toekomst.min_ontmoeting``). Its text columns are
        categorical.
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
    years = list(jaren or bev.jaren)
    acc = ctx.area.accommodaties
    u = gebruikers_per_jaar(tw, ctx, bev, [bev.basisjaar, *years])
    base, u = u[0], u[1:]
    per_locatie = _locations(tw, acc, u, base, years, ctx.area.config.toekomst)
    groups = bev.waarden[[bev.jaren.index(y) for y in years]].sum(axis=1)  # (jaren, leeftijdsgroepen)
    per_jaar = pd.DataFrame({"jaar": years, "inwoners": groups.sum(axis=1),
                             **{f"leeftijd_{g}": groups[:, j] for j, g in enumerate(bev.groepen)},
                             **{f"gebruikers_{s}": u[:, i].sum(axis=1) for i, s in enumerate(tw.soorten)}})
    flagged = per_locatie[per_locatie["signaal"] != ""]
    counts = flagged.groupby("jaar")["accommodatie_id"].nunique()
    per_jaar["locaties_met_signaal"] = [int(counts.get(y, 0)) for y in years]
    first = flagged.sort_values("jaar", kind="stable").groupby("accommodatie_id", sort=False).first().reset_index()
    first = first[["accommodatie_id", "naam", "kern", "voorziening", "jaar", "signaal"]].rename(
        columns={"jaar": "eerste_jaar"})
    return JarenEvaluatie(scenario, per_locatie, per_jaar, first)


#: The signal text of every combination of (overbezet, onder opheffingsnorm, te stil), as a bit mask.
_SIGNALEN = np.array([", ".join(label for bit, label in enumerate((OVERBEZET, ONDER_NORM, TE_STIL)) if code >> bit & 1)
                      for code in range(8)], dtype=object)
#: The signal texts in text order (so a column of them sorts as text), and each bit mask's place among them.
_SIGNAAL_TEKST = np.sort(_SIGNALEN)
_SIGNAAL_CODE = np.searchsorted(_SIGNAAL_TEKST, _SIGNALEN)


def _locations(tw: Toewijzing, acc: pd.DataFrame, u: np.ndarray, base: np.ndarray,
               jaren: list[int], limits: Toekomst) -> pd.DataFrame:
    """Per year, kind and open location serving someone in the base year: users, occupancy and signals.

    ``u`` holds the users per year (n_jaren, n_soorten, n_accommodaties), ``base`` those of the base year. The text
    columns are categorical (codes into the area's values: at k = 16, ~21,000 rows took 7 ms as strings, 2 as codes).
    """
    open_rows = tw.open_rows
    total_now, total_base = u[:, :, open_rows].sum(axis=1), base[:, open_rows].sum(axis=0)
    occ0 = tw.occupancy.reindex(acc["accommodatie_id"].to_numpy()[open_rows]).to_numpy(dtype=float)
    occ = occ0 * np.where(total_base > 0, total_now / np.where(total_base > 0, total_base, 1.0), 1.0)
    kind, col = np.nonzero(base[:, open_rows] > 0)  # every (kind, open location) that serves someone
    rows = open_rows[col]
    users = u[:, kind, rows]  # (jaren, pairs)
    kinds = np.array(tw.soorten, dtype=object)[kind]
    code = ((np.isfinite(occ[:, col]) & (occ[:, col] > 100.0)).astype(np.int8)
            | ((kinds == "basisonderwijs") & (users < limits.opheffingsnorm)).astype(np.int8) << 1
            | ((kinds == "ontmoeting") & (users < limits.min_ontmoeting)).astype(np.int8) << 2)
    n = len(jaren)
    at = np.tile(rows, n)
    per_acc = per_object(acc, "factorized", lambda: {c: pd.factorize(acc[c]) for c in ("accommodatie_id", "naam",
                                                                                       "kern_id")})

    def column(c: str) -> pd.Categorical:  # an accommodatie's text as codes into its distinct values
        codes, values = per_acc[c]
        return pd.Categorical.from_codes(codes[at], values)

    return pd.DataFrame({"accommodatie_id": column("accommodatie_id"), "naam": column("naam"),
                         "kern": column("kern_id"),
                         "voorziening": pd.Categorical.from_codes(np.tile(kind, n), tw.soorten),
                         "jaar": np.repeat(np.asarray(jaren), len(rows)), "gebruikers": users.ravel(),
                         "bezetting_pct": occ[:, col].ravel(),
                         "signaal": pd.Categorical.from_codes(_SIGNAAL_CODE[code.ravel()], _SIGNAAL_TEKST)})

