"""Reachability of voorzieningen for the inhabitants of an area: nearest, coverage, norms.

Pure functions over the area's layers and a travel-time store (:class:`gebied.bereik.interface.Bereik`,
dense or sparse); the store is the only expensive part and is computed once per mode.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from gebied.area.model import Area
from gebied.bereik.interface import Bereik
from gebied.bereik.matrices import area_matrix, demand_points
from gebied.bereik.modes import modes
from gebied.bereik.statistiek import group_stats
from gebied.core.fmt import getal


def host_matrix(voorzieningen: pd.DataFrame, target_ids: np.ndarray, soorten: list[str]) -> np.ndarray:
    """Boolean (n_soorten, n_targets): which of ``target_ids`` hosts which voorziening kind."""
    pos = {a: i for i, a in enumerate(target_ids)}
    idx = {s: i for i, s in enumerate(soorten)}
    out = np.zeros((len(soorten), len(target_ids)), dtype=bool)
    for a, v in zip(voorzieningen["accommodatie_id"].tolist(), voorzieningen["voorziening"].tolist()):
        if v in idx and a in pos:
            out[idx[v], pos[a]] = True
    return out


def hosts(voorzieningen: pd.DataFrame, target_ids: np.ndarray, soort: str) -> np.ndarray:
    """Boolean mask over ``target_ids``: which accommodaties host voorziening ``soort``."""
    return host_matrix(voorzieningen, target_ids, [soort])[0]


def nearest_minutes(matrix: Bereik, mask: np.ndarray) -> np.ndarray:
    """Minutes from every point to the nearest of the columns in ``mask`` (``inf``: none reachable)."""
    return matrix.nearest_minutes(mask)


def nearest(matrix: Bereik, voorzieningen: pd.DataFrame, soorten: list[str] | None = None,
            open_mask: np.ndarray | None = None, metres: bool = True) -> pd.DataFrame:
    """Per demand point and voorziening kind: the nearest accommodatie hosting it.

    Parameters
    ----------
    matrix
        Travel times points × accommodaties.
    voorzieningen
        (accommodatie_id, voorziening) rows: where each kind takes place.
    soorten
        Kinds to report (default: all present).
    open_mask
        Boolean mask over the matrix columns; closed accommodaties are skipped.
    metres
        Compute ``meters`` (else NaN): by car one network search per accommodatie reached, ~1 s in a province.

    Returns
    -------
    DataFrame
        ``punt_id``, ``voorziening``, ``accommodatie_id``, ``minuten``, ``meters``,
        ``bereikbaar`` (False, with NaN times, where no such voorziening can be reached).
    """
    soorten = soorten or sorted(voorzieningen["voorziening"].unique())
    hostm = host_matrix(voorzieningen, matrix.target_ids, soorten)
    frames = []
    for soort, mask in zip(soorten, hostm):
        if open_mask is not None:
            mask &= open_mask
        t, best = matrix.nearest(mask)
        ok = best >= 0
        afstand = np.full(len(t), np.nan)
        if metres and ok.any():
            rows = np.flatnonzero(ok)
            afstand[rows] = matrix.metres_of(rows, best[rows], t[rows])
        frames.append(pd.DataFrame({
            "punt_id": matrix.point_ids, "voorziening": soort,
            "accommodatie_id": _ids_where(ok, matrix.target_ids, best),
            "minuten": np.where(ok, t / 60.0, np.nan),
            "meters": afstand,
            "bereikbaar": ok,
        }))
    return pd.concat(frames, ignore_index=True)


def dekking(
    near: pd.DataFrame, points: pd.DataFrame, kernen: pd.DataFrame, minuten: float | dict[str, float]
) -> pd.DataFrame:
    """Share of inhabitants within ``minuten`` of each voorziening kind, per kern and in total.

    Parameters
    ----------
    near
        Output of :func:`nearest`.
    points
        Output of :func:`demand_points` (inhabitants and kern per point).
    kernen
        Kern names (``kern_id``, ``naam``).
    minuten
        The threshold in minutes, one for all kinds or a dict per kind (a norm).

    Returns
    -------
    DataFrame
        Per (kern, voorziening): ``inwoners``, ``binnen`` (inhabitants within the
        threshold), ``buiten`` (reachable but farther), ``onbereikbaar``,
        ``aandeel_binnen`` (0–1), ``gem_minuten`` and ``p90_minuten`` (population
        weighted), ``max_minuten``. ``binnen + buiten + onbereikbaar = inwoners``.
        Buitengebied is its own row; ``Totaal`` sums the whole area.
    """
    kern_id, inwoners = _of_points(near["punt_id"], points)
    codes, labels = pd.factorize(kern_id.fillna("buitengebied"), sort=True)  # as np.unique, by hashing
    idx = codes.astype(np.intp)
    labels = np.asarray(labels, dtype=str)
    kind_codes, kinds = pd.factorize(near["voorziening"])  # in order of appearance
    reach = near["bereikbaar"].to_numpy(dtype=bool)
    minutes = near["minuten"].to_numpy(dtype=float)
    frames = []
    for k, soort in enumerate(kinds):
        sel = kind_codes == k
        limit = float(minuten.get(soort, np.nan) if isinstance(minuten, dict) else minuten)
        t = np.where(reach[sel], minutes[sel], np.inf)
        st = group_stats(idx[sel], len(labels), inwoners[sel], t, limit)
        count = np.append(np.bincount(idx[sel], minlength=len(labels)), sel.sum())
        frame = pd.DataFrame({
            "kern_id": [*labels, "totaal"], "voorziening": soort, "inwoners": st["inwoners"],
            "binnen": st["binnen_norm"], "onbereikbaar": st["onbereikbaar"],
            "gem_minuten": st["gem"], "p90_minuten": st["p90"], "max_minuten": st["max"], "norm_minuten": limit})
        frame.insert(4, "buiten", frame["inwoners"] - frame["binnen"] - frame["onbereikbaar"])
        frames.append(frame[count > 0])
    out = pd.concat(frames, ignore_index=True)
    names = {**dict(zip(kernen["kern_id"], kernen["naam"])), "buitengebied": "Buitengebied", "totaal": "Totaal"}
    out.insert(1, "kern", out["kern_id"].map(names))
    out["aandeel_binnen"] = (out["binnen"] / out["inwoners"].where(out["inwoners"] > 0)).astype(float)
    return out


def _of_points(punt_ids: pd.Series, points: pd.DataFrame) -> tuple[pd.Series, np.ndarray]:
    """The kern (missing: none) and inhabitants of each of ``punt_ids``, from ``points`` (both missing for a point
    not there, as a left merge gives; :func:`_rows_of`)."""
    if (at := _rows_of(points["punt_id"].to_numpy(), punt_ids)) is None:
        return points["kern_id"].reset_index(drop=True), points["inwoners"].to_numpy(dtype=float)
    found, row = at >= 0, np.maximum(at, 0)
    kern = np.where(found, points["kern_id"].to_numpy(dtype=object)[row], None)
    return pd.Series(kern, dtype=object), np.where(found, points["inwoners"].to_numpy(dtype=float)[row], np.nan)


def _rows_of(ids: np.ndarray, punt_ids: pd.Series) -> np.ndarray | None:
    """Where each of ``punt_ids`` is among ``ids`` (-1: not there); None where both list the same points in the
    same order, to be taken by position (a report's usual case: ~30 ms less than by id on 120,000 points)."""
    if len(ids) == len(punt_ids) and np.array_equal(ids, punt_ids.to_numpy()):
        return None
    return pd.Index(ids).get_indexer(punt_ids)


def check_choice(modus: str, soort: str, area: Area) -> None:
    """Raise a clear error for an unknown mode or voorziening kind."""
    from gebied.core.catalogue import load_catalogue
    from gebied.core.errors import GebiedError

    known_modes = list(modes(area.config.snelheden))
    if modus not in known_modes:
        raise GebiedError(f"Onbekende modus '{modus}'; kies uit {', '.join(known_modes)}.",
                          f"Unknown mode '{modus}'; choose from {', '.join(known_modes)}.")
    kinds = load_catalogue().voorziening_ids()
    if soort not in kinds:
        raise GebiedError(f"Onbekende voorziening '{soort}'; kies uit {', '.join(kinds)}.",
                          f"Unknown voorziening '{soort}'; choose from {', '.join(kinds)}.")


def norm_minutes(area: Area, soort: str, modus: str | None = None, default: float = 15.0) -> float:
    """The area's norm (minutes) for a voorziening kind, else ``default``."""
    norm = area.config.normen.get(soort)
    return float(norm.minuten) if norm is not None else float(default)


def kern_report(area: Area, modus: str, soort: str, norm: float | None = None,
                matrix: Bereik | None = None, points: pd.DataFrame | None = None,
                minutes: np.ndarray | None = None,
                groepen: tuple[np.ndarray, list[str]] | None = None) -> pd.DataFrame:
    """Per kern (and buitengebied, and total): how the inhabitants reach ``soort`` by ``modus``.

    Columns: ``kern_id``, ``kern``, ``inwoners``, ``gem_minuten``, ``p90_minuten``,
    ``max_minuten``, ``binnen_norm_pct`` (%), ``buiten_norm`` and ``onbereikbaar``
    (inhabitants), ``norm_minuten``. ``matrix`` and ``points`` (:func:`demand_points`) are computed
    when not given; a caller that has them gives the minutes to the nearest ``soort`` per point of ``points``
    (``minutes``, ``inf`` where none is reached: the matrix is not asked) and the points' groups
    (:func:`kern_groepen`). A point the matrix does not hold counts as unreachable.
    """
    check_choice(modus, soort, area)
    norm = norm_minutes(area, soort) if norm is None else float(norm)
    points = demand_points(area) if points is None else points
    if minutes is None:
        matrix = matrix if matrix is not None else area_matrix(area, modus)
        minutes = _on_points(nearest_minutes(matrix, hosts(area.voorzieningen, matrix.target_ids, soort)),
                             matrix.point_ids, points["punt_id"])
    groep, labels = kern_groepen(points, area.kernen) if groepen is None else groepen
    return rapport(minutes, points["inwoners"].to_numpy(dtype=float), groep, labels, area.kernen, norm)


def kern_groepen(points: pd.DataFrame, kernen: pd.DataFrame) -> tuple[np.ndarray, list[str]]:
    """Each demand point's group in a per-kern report: its position in the labels returned with it (the area's
    kernen in their order, kernen the points name that ``kernen`` lacks, then ``buitengebied``: outside every
    kern)."""
    ids = points["kern_id"].fillna("buitengebied").to_numpy(dtype=object)
    known = list(kernen["kern_id"])
    extra = sorted(set(pd.unique(ids)) - {*known, "buitengebied"}, key=str)
    labels = [*known, *extra, "buitengebied"]
    return pd.Index(labels).get_indexer(ids).astype(np.intp), labels


def rapport(minutes: np.ndarray, inwoners: np.ndarray, groep: np.ndarray, labels: list[str], kernen: pd.DataFrame,
            norm: float) -> pd.DataFrame:
    """:func:`kern_report`'s table from the travel time of every demand point.

    Parameters
    ----------
    minutes
        Minutes to the nearest voorziening per point (``inf``: none reached).
    inwoners
        Inhabitants per point.
    groep, labels
        The points' groups and the groups' kern ids (:func:`kern_groepen`): a row per group with points, in
        this order, then ``totaal``.
    kernen
        The kernen's names (``kern_id``, ``naam``).
    norm
        The norm (minutes).
    """
    n = len(labels)
    stats = group_stats(groep, n, inwoners, minutes, float(norm))
    keep = np.append(np.bincount(groep, minlength=n) > 0, len(groep) > 0)
    names = {**dict(zip(kernen["kern_id"], kernen["naam"])), "buitengebied": "Buitengebied", "totaal": "Totaal"}
    ids = [*labels, "totaal"]
    people, binnen, onbereikbaar = stats["inwoners"], stats["binnen_norm"], stats["onbereikbaar"]
    out = pd.DataFrame({
        "kern_id": ids, "kern": [names.get(k) for k in ids], "inwoners": people.round(0),
        "gem_minuten": stats["gem"].round(1), "p90_minuten": stats["p90"].round(1),
        "max_minuten": stats["max"].round(1),
        "binnen_norm_pct": (binnen / np.where(people > 0, people, np.nan) * 100).round(1),
        "buiten_norm": (people - binnen - onbereikbaar).round(0), "onbereikbaar": onbereikbaar.round(0),
        "norm_minuten": float(norm)})
    return out[keep].reset_index(drop=True)


def _on_points(values: np.ndarray, ids: np.ndarray, punt_ids: pd.Series) -> np.ndarray:
    """``values`` (one per of ``ids``) for each of ``punt_ids`` (``inf`` where not among them, :func:`_rows_of`)."""
    at = _rows_of(ids, punt_ids)
    return values if at is None else np.where(at >= 0, values[np.maximum(at, 0)] if len(values) else np.inf, np.inf)


def reistijd_verdeling(minutes: np.ndarray, inwoners: np.ndarray, norm: float, stap: float = 2.5) -> pd.DataFrame:
    """How many inhabitants travel how long: classes of ``stap`` minutes up to three times ``norm`` (each from
    just above its lower bound up to its upper bound, as the norm counts), then one class for everyone farther
    and one for those without a route (``minutes`` = inf).

    Returns
    -------
    DataFrame
        One row per class: ``klasse`` (Dutch label), ``van`` and ``tot`` (minutes; ``tot`` inf for the last
        two), ``inwoners`` and ``binnen_norm`` (the class lies within the norm). The inhabitants add up to
        ``inwoners.sum()``.
    """
    def mins(x: float) -> str:
        return getal(x, 1).removesuffix(",0")

    edges = np.arange(0.0, max(norm * 3, 10.0) + stap, stap)
    ok = np.isfinite(minutes)
    idx = np.clip(np.searchsorted(edges, minutes[ok], side="left") - 1, 0, len(edges) - 1)  # (van, tot]
    counts = np.bincount(idx, weights=inwoners[ok], minlength=len(edges))
    van = edges
    tot = np.append(edges[1:], np.inf)
    labels = [f"{mins(a)}–{mins(b)} min" for a, b in zip(van[:-1], tot[:-1])] + [f"meer dan {mins(van[-1])} min"]
    out = pd.DataFrame({"klasse": labels, "van": van, "tot": tot, "inwoners": counts, "binnen_norm": tot <= norm})
    unreachable = pd.DataFrame({"klasse": ["onbereikbaar"], "van": [np.inf], "tot": [np.inf],
                                "inwoners": [float(inwoners[~ok].sum())], "binnen_norm": [False]})
    return pd.concat([out, unreachable], ignore_index=True)


def _ids_where(ok: np.ndarray, ids: np.ndarray, best: np.ndarray) -> np.ndarray:
    """``ids[best]`` where ``ok``, else None (an object array)."""
    out = np.full(len(best), None, dtype=object)
    if len(ids):
        out[ok] = ids[best[ok]]
    return out
