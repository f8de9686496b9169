"""Who bears the burden and what it saves: the fairness panel of Scenario's, and the afwegingscurve of the page
Afweging (computed once per question and shared, its chart, and the figures of a chosen point).

Every number here comes from :mod:`gebied.scenario.rechtvaardigheid`, :mod:`gebied.scenario.afwegingscurve` and
:mod:`gebied.scenario.kosten`; this module only caches and draws.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

import pandas as pd
import streamlit as st

from gebied.app import data, state
from gebied.core.catalogue import load_catalogue
from gebied.core.fmt import euro, getal, maat
from gebied.scenario.afwegingscurve import Curve, Punt, afwegingscurve, meet
from gebied.scenario.evaluate import Context
from gebied.scenario.model import Scenario
from gebied.scenario.rechtvaardigheid import fairness_table
from gebied.scenario.rules import REGELS, rule_scenario
from gebied.scenario.vraag import Vraag

NAMEN = {"buiten_norm_pct": "Buiten de norm (%)", "slechtste_kern": "Slechtste kern",
         "slechtste_mediaan": "Mediaan slechtste kern (min)", "slechtste_p90": "90e percentiel slechtste kern (min)",
         "gini": "Gini", "palma": "Palma"}


def doelgroepen() -> dict[str | None, str]:
    """Every doelgroep a planner can choose: everyone, the age groups and the derived groups of the catalogue."""
    cat = load_catalogue()
    groups: dict[str | None, str] = {None: "alle inwoners"}
    groups.update({g.id: g.label for g in cat.leeftijdsgroepen})
    groups.update({g.id: g.label for g in cat.afgeleide_groepen})
    return groups


def fairness_shown(ctx: Context, scenario: Scenario, soort: str, groep: str | None, bev: Any = None,
                   jaar: int | None = None) -> pd.DataFrame:
    """The fairness table of a scenario in Dutch: measure, now, scenario, change, what it says (the doelgroep of
    ``jaar`` when given)."""
    table = fairness_table(scenario, ctx, soort, groep, bev=bev, jaar=jaar)
    return pd.DataFrame({"Maat": table["maat"].map(NAMEN), "Nu": table["nu"].map(maat),
                         "Scenario": table["scenario"].map(maat), "Verschil": table["verschil"].map(maat),
                         "Wat het zegt": table["uitleg"]})


def panel(ctx: Context, scenario: Scenario, soorten: list[str], bev: Any = None, jaar: int | None = None) -> None:
    """A toggle; when on: a kind and a doelgroep, and the fairness table (now, scenario, change, explanation),
    with the doelgroep of the page's year."""
    if not st.toggle("Wie draagt de last? (rechtvaardigheid per doelgroep)", key=state.SC_AFWEGING):
        return
    cat = load_catalogue()
    groups = doelgroepen()
    c = st.columns(2)
    soort = c[0].selectbox("Voorziening", soorten, key=state.SC_AFW_SOORT,
                           format_func=lambda s: cat.voorziening(s).label)
    groep = c[1].selectbox("Doelgroep", list(groups), key=state.SC_AFW_GROEP, format_func=groups.__getitem__)
    st.dataframe(fairness_shown(ctx, scenario, soort, groep, bev, jaar), hide_index=True, width="stretch")
    if jaar is not None:
        st.caption(f"De doelgroep zoals de prognose haar in {jaar} verwacht; de reistijden van nu en van het "
                   "scenario.")


# ---------------------------------------------------------------- the afwegingscurve

@st.cache_resource(show_spinner=False, max_entries=16)
def get_curve(key: data.DataKey, vraag_json: str, modus: str, doelgroep: str | None, punten: int) -> Curve:
    """:func:`gebied.scenario.afwegingscurve.afwegingscurve` of one question, computed once and shared."""
    fields: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in json.loads(vraag_json).items()}
    vraag = Vraag(**fields)
    return afwegingscurve(data.get_context(*key), vraag, modus, doelgroep, None, punten)


def curve(vraag: Vraag, modus: str, doelgroep: str | None, punten: int) -> Curve:
    """This session's area's curve of ``vraag`` (see :func:`get_curve`)."""
    return get_curve(data.data_key(), json.dumps(asdict(vraag)), modus, doelgroep, punten)


@st.cache_resource(show_spinner=False, max_entries=64)
def get_beside(key: data.DataKey, vraag_json: str, modus: str, doelgroep: str | None, punten: int,
               saved: tuple[str, ...]) -> list[Punt]:
    """The rule-based scenario's and the ``saved`` ones (as JSON) measured as the curve's points are; computed
    once per question and set of saved scenario's (a click on the curve reruns the page, not this)."""
    c = get_curve(key, vraag_json, modus, doelgroep, punten)
    ctx = data.get_context(*key)
    shown = [("regel", rule_scenario(ctx, r)) for r in REGELS]
    shown += [("vergelijk", Scenario.model_validate_json(sc)) for sc in saved]
    return [meet(ctx, c.probleem, sc, float(c.vraag.norm or 0), bron) for bron, sc in shown]


def beside(vraag: Vraag, modus: str, doelgroep: str | None, punten: int, saved: list[Scenario]) -> list[Punt]:
    """:func:`get_beside` for this session's area."""
    return get_beside(data.data_key(), json.dumps(asdict(vraag)), modus, doelgroep, punten,
                      tuple(s.model_dump_json() for s in saved))


def chart(punten: list[Punt], extra: list[Punt], gekozen: int) -> Any:
    """The curve (line and points), the scenario's beside it, the chosen point marked; colours and shapes from the
    catalogue's ``afweging`` layer. Clicking a point of the curve selects it (selection ``punt``, field ``nr``)."""
    import altair as alt

    stijl = load_catalogue().layer("afweging").stijl
    rows = [{"nr": i + 1, "naam": p.naam, "bron": p.bron, "besparing": p.besparing / 1000.0,
             "binnen_norm": round(p.binnen_norm_pct, 1), "locaties": p.locaties} for i, p in enumerate(punten)]
    rows += [{"nr": 0, "naam": p.naam, "bron": p.bron, "besparing": p.besparing / 1000.0,
              "binnen_norm": round(p.binnen_norm_pct, 1), "locaties": p.locaties} for p in extra]
    if 0 <= gekozen < len(punten):
        rows.append({**rows[gekozen], "bron": "gekozen", "nr": gekozen + 1})
    df = pd.DataFrame(rows)
    df["soort"] = df["bron"].map(stijl["labels"])
    order = [stijl["labels"][b] for b in stijl["kleuren"]]
    dutch = "replace(format(datum.value, ',.0f'), ',', '.')"
    x = alt.X("besparing:Q", title="Besparing per jaar (× € 1.000)", scale=alt.Scale(zero=False),
              axis=alt.Axis(labelExpr=dutch))
    y = alt.Y("binnen_norm:Q", title="Binnen de norm (%)", scale=alt.Scale(domain=[0, 100]))
    line = alt.Chart(df[df["bron"] == "optimaal"]).mark_line(color=stijl["kleuren"]["optimaal"]).encode(x, y)
    pick = alt.selection_point(fields=["nr"], name="punt", on="click")
    dots = alt.Chart(df).mark_point(filled=True, size=110, stroke="#1f1f1f", strokeWidth=1).encode(
        x, y, color=alt.Color("soort:N", scale=alt.Scale(domain=order, range=list(stijl["kleuren"].values())),
                              legend=alt.Legend(title=None, orient="bottom", columns=2)),
        shape=alt.Shape("soort:N", scale=alt.Scale(domain=order, range=list(stijl["vormen"].values())), legend=None),
        tooltip=[alt.Tooltip("naam:N", title="Scenario"), alt.Tooltip("besparing:Q", title="Besparing (k€)"),
                 alt.Tooltip("binnen_norm:Q", title="Binnen de norm (%)"), alt.Tooltip("locaties:Q", title="Locaties")],
    ).add_params(pick)
    ink = "#1f1f1f"  # text on the chart at the page's contrast (vega's default grey is too light)
    return ((line + dots).properties(height=300).configure_axis(labelColor=ink, titleColor=ink, labelFontSize=12,
                                                                 titleFontSize=13)
            .configure_legend(labelColor=ink, labelFontSize=12, labelLimit=0))


def point_label(i: int, p: Punt) -> str:
    """A point in the chooser: number, share within the norm, saving, locations."""
    return f"{i + 1} · {getal(p.binnen_norm_pct, 0)} % binnen de norm · {euro(p.besparing)}/jaar · {p.locaties} loc."


def point_figures(p: Punt, c: Curve, groep_label: str, fair: pd.DataFrame, soort_label: str
                  ) -> list[tuple[str, str, str]]:
    """The key figures of a chosen point: its two objectives, and who bears the burden (now → scenario)."""
    norm = getal(c.vraag.norm or 0)
    rows = fair.set_index("Maat")
    figures = [("Besparing per jaar", euro(p.besparing),
                f"waarvan {euro(p.geschat)} geschat" if p.geschat else "bekende exploitatielasten"),
               (f"Binnen de norm ({norm} min)", f"{getal(p.binnen_norm_pct, 1)} %",
                f"van {groep_label}; {p.locaties} locaties"),
               (f"Buiten de norm: {soort_label}", f"{rows.at[NAMEN['buiten_norm_pct'], 'Scenario']} %",
                f"nu {rows.at[NAMEN['buiten_norm_pct'], 'Nu']} % (voor {groep_label})"),
               ("Slechtste kern", str(rows.at[NAMEN['slechtste_kern'], "Scenario"]),
                f"mediaan {rows.at[NAMEN['slechtste_mediaan'], 'Scenario']} min, p90 "
                f"{rows.at[NAMEN['slechtste_p90'], 'Scenario']} min"),
               ("Gini · Palma", f"{rows.at['Gini', 'Scenario']} · {rows.at['Palma', 'Scenario']}",
                f"nu {rows.at['Gini', 'Nu']} · {rows.at['Palma', 'Nu']}; 0 = gelijk verdeeld")]
    return figures
