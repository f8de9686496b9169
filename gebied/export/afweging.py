"""The feitenblad's pages of the trade-off: costs stated plainly, who bears the burden, and the afwegingscurve.

Every number comes from :mod:`gebied.scenario.kosten`, :mod:`gebied.scenario.rechtvaardigheid` and
:mod:`gebied.scenario.afwegingscurve`; these pages only lay them out.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from gebied.core.catalogue import load_catalogue
from gebied.core.fmt import euro, getal, maat
from gebied.export.pagina import table_page
from gebied.maps.printmap import MM
from gebied.scenario.afwegingscurve import Curve, Punt
from gebied.scenario.evaluate import Context, Evaluation
from gebied.scenario.kosten import aannames, overzicht, regels
from gebied.scenario.rechtvaardigheid import UITLEG, per_soort
from gebied.toekomst.prognose import Bevolking


def kosten_page(pdf: PdfPages, ev: Evaluation, ctx: Context, bron: str) -> None:
    """Costs: the saving, the costs before and after, one-off moving costs and the horizon — unknowns named."""
    table = pd.DataFrame(regels(overzicht(ev, ctx), ctx), columns=["Kengetal", "Bedrag"])
    table_page(pdf, f"{ev.scenario.naam} — kosten", table, "Bedragen in euro; wat onbekend is staat er als onbekend.",
               bron, onder=aannames(ctx))


def _pct(v: float) -> str:
    return f"{getal(v, 1)} %"


def rechtvaardigheid_page(pdf: PdfPages, ev: Evaluation, ctx: Context, bev: Bevolking, jaren: list[int],
                          bron: str) -> None:
    """Who bears the burden per voorziening kind (its own doelgroep), now → scenario, and per year."""
    cat = load_catalogue()
    rows = per_soort(ev.scenario, ctx, bev, jaren)
    if rows.empty:
        return
    table = pd.DataFrame({
        "Voorziening": [cat.voorziening(s).label for s in rows["voorziening"]],
        "Doelgroep": rows["doelgroep"], "Norm": rows["norm"],
        "Buiten de norm": [f"{_pct(a)} → {_pct(b)}" for a, b in zip(rows["buiten_norm_nu"], rows["buiten_norm"])],
        "Slechtste kern (mediaan)": [f"{k} ({getal(m, 1)} min)" for k, m in
                                     zip(rows["slechtste_kern"], rows["slechtste_mediaan"])],
        "Gini": [f"{maat(a, 2)} → {maat(b, 2)}" for a, b in zip(rows["gini_nu"], rows["gini"])],
        "Palma": [f"{maat(a, 2)} → {maat(b, 2)}" for a, b in zip(rows["palma_nu"], rows["palma"])],
        **{f"Buiten {j}": [_pct(v) for v in rows[f"buiten_norm_{j}"]] for j in jaren},
    })
    onder = [f"{name}: {UITLEG[key]}." for name, key in (("Buiten de norm", "buiten_norm_pct"),
                                                          ("Slechtste kern", "slechtste_kern"), ("Gini", "gini"),
                                                          ("Palma", "palma"))]
    onder.append("Buiten per jaar: het aandeel van de doelgroep buiten de norm in het scenario, met de bevolking "
                 "van dat jaar volgens de prognose (de doelgroep verdeeld over de woningen zoals nu).")
    table_page(pdf, f"{ev.scenario.naam} — wie draagt de last", table,
               "Per voorziening over haar eigen doelgroep (iedereen waar zij alle leeftijden dient); nu → scenario.",
               bron, onder=onder)


def curve_figure(curve: Curve, extra: list[Punt] | None = None, gekozen: int | None = None,
                 size_mm: tuple[float, float] = (250, 130)) -> Figure:
    """The afwegingscurve for print: the front as a line of numbered points, the scenario's beside it, the chosen
    point marked; colours and shapes from the catalogue's ``afweging`` layer."""
    stijl = load_catalogue().layer("afweging").stijl
    marker = {"circle": "o", "square": "s", "diamond": "D"}
    fig = Figure(figsize=(size_mm[0] * MM, size_mm[1] * MM))
    ax = fig.add_axes((0.09, 0.16, 0.88, 0.78))
    xs = [p.besparing / 1000.0 for p in curve.punten]
    ys = [p.binnen_norm_pct for p in curve.punten]
    ax.plot(xs, ys, "-", color=stijl["kleuren"]["optimaal"], lw=1.5, zorder=2)
    ax.scatter(xs, ys, s=36, color=stijl["kleuren"]["optimaal"], edgecolor="#1f1f1f", lw=0.6, zorder=3,
               label=stijl["labels"]["optimaal"])
    for i, (x, y) in enumerate(zip(xs, ys)):
        ax.annotate(str(i + 1), (x, y), textcoords="offset points", xytext=(4, 4), fontsize=7)
    for bron in ("regel", "vergelijk"):
        pts = [p for p in extra or [] if p.bron == bron]
        if pts:
            ax.scatter([p.besparing / 1000.0 for p in pts], [p.binnen_norm_pct for p in pts], s=40,
                       marker=marker[stijl["vormen"][bron]], color=stijl["kleuren"][bron], edgecolor="#1f1f1f",
                       lw=0.6, zorder=3, label=stijl["labels"][bron])
    if gekozen is not None and 0 <= gekozen < len(xs):
        ax.scatter([xs[gekozen]], [ys[gekozen]], s=110, facecolor="none", edgecolor=stijl["kleuren"]["gekozen"],
                   lw=2, zorder=4, label=stijl["labels"]["gekozen"])
    ax.set_xlabel("Besparing per jaar (× € 1.000)", fontsize=8)
    ax.set_ylabel("Binnen de norm (%)", fontsize=8)
    ax.set_ylim(-2, 102)
    ax.tick_params(labelsize=7)
    ax.xaxis.set_major_formatter(lambda v, _pos: getal(v))
    ax.grid(True, color="#dddddd", lw=0.5)
    ax.legend(fontsize=7, loc="lower left", frameon=False)
    return fig


def curve_page(pdf: PdfPages, curve: Curve, extra: list[Punt] | None = None, gekozen: int | None = None,
               bron: str = "") -> None:
    """A landscape page: the curve, the question, and the points as a table under it."""
    from gebied.scenario.optimise import beschrijf

    title = "Afwegingscurve: besparing tegen bereikbaarheid"
    note = (f"{beschrijf(curve.vraag, curve.modus, curve.doelgroep)}. Elk punt is exact optimaal (HiGHS, "
            "ε-constraint): bij zijn aandeel binnen de norm de grootste besparing.")
    fig = curve_figure(curve, extra, gekozen, (270, 110))
    fig.set_size_inches(297 * MM, 210 * MM)
    for ax in fig.axes:
        ax.set_position((0.07, 0.47, 0.88, 0.42))
    fig.text(0.04, 0.94, title, fontsize=14, weight="bold")
    fig.text(0.04, 0.905, note, fontsize=8, color="#444444", wrap=True)
    rows = [f"{i + 1}. {getal(p.binnen_norm_pct, 1)} % binnen de norm · {euro(p.besparing)} per jaar"
            f"{f' (waarvan {euro(p.geschat)} geschat)' if p.geschat else ''} · {p.locaties} locaties"
            for i, p in enumerate(curve.punten)]
    rows += [f"{p.naam}: {getal(p.binnen_norm_pct, 1)} % · {euro(p.besparing)}" for p in extra or []]
    for k, line in enumerate(rows[:26]):
        fig.text(0.06 + 0.46 * (k // 13), 0.40 - 0.025 * (k % 13), line, fontsize=7)
    fig.text(0.04, 0.03, f"Bron: {bron}; eigen gegevens gemeente; berekend met gebied (HiGHS, exact)", fontsize=6.5)
    pdf.savefig(fig)
