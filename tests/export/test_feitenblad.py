"""Exports: open every file and check its content (PDF text and pages, XLSX, GeoPackage)."""


import pytest
from helpers.pdf import DATE, needs_poppler, pdf_pages, pdf_text

from gebied.core.errors import GebiedError
from gebied.core.fmt import euro, getal
from gebied.export.datapakket import export_datapakket
from gebied.export.feitenblad import export_feitenblad
from gebied.export.scenario_map import export_map
from gebied.scenario.evaluate import evaluate


@needs_poppler
def test_factsheet_pages_table_and_totals_match_the_evaluation(default_area, ctx, scenario, tmp_path):
    out = tmp_path / "feitenblad.pdf"
    ev = export_feitenblad(default_area, ctx, scenario, out, DATE)
    ref = evaluate(scenario, ctx)
    assert ev.totaal == ref.totaal
    pages = pdf_pages(out, tmp_path)
    assert 6 <= len(pages) <= 7  # map, per kern, costs, fairness, Toekomst (and its knelpunten), assumptions
    text = pdf_text(out)
    t = ref.totaal
    assert f"besparing {euro(t['besparing'])} per jaar" in text
    assert f"{getal(t['gesloten'])} van {getal(t['accommodaties_voor'])} accommodaties dicht" in text
    table = pdf_text(out, 2)
    assert "Totaal gebied" in table
    assert f"{euro(t['kosten_voor'])} → {euro(t['kosten_na'])}" in table
    unknown = int(ref.per_kern["accommodaties_voor"].sum() - ref.per_kern["kosten_bekend"].sum())
    assert unknown and f"(+ {unknown} onbekend)" in table  # never a bare "→ € 0" where costs are not known
    assert f"{getal(t['m2_voor'])} → {getal(t['m2_na'])}" in table
    names = dict(zip(default_area.kernen["kern_id"], default_area.kernen["naam"]))
    for kern in scenario.kernen:
        assert names[kern] in table
    assumptions = pdf_text(out, len(pages))
    assert "Uitgangspunten" in assumptions and "fiets 15,0 km/u" in assumptions


@needs_poppler
def test_factsheet_toekomst_page_has_the_per_year_table(default_area, ctx, scenario, tmp_path):
    from gebied.scenario.jaren import evaluate_jaren
    from gebied.toekomst.prognose import basisjaar, bevolking

    base = basisjaar(default_area)
    years = [base, base + 10]
    out = tmp_path / "feitenblad.pdf"
    export_feitenblad(default_area, ctx, scenario, out, DATE, jaren=years)
    page = pdf_text(out, 5)
    assert f"Toekomst — {scenario.naam}, per jaar" in page
    jev = evaluate_jaren(scenario, ctx, bevolking(default_area, years), years)
    per = jev.per_jaar.set_index("jaar")
    for y in years:
        assert str(y) in page
        assert getal(per.at[y, "inwoners"]) in page and getal(per.at[y, "leeftijd_65+"]) in page
    assert "Gebruikers basisonderwijs" in page and "vergrijzing" in page
    assert "CBS" in page  # the national age structure is CBS data


def test_bad_output_names_are_refused(default_area, ctx, scenario, tmp_path):
    with pytest.raises(GebiedError):
        export_map(default_area, tmp_path / "kaart.jpg")
    with pytest.raises(GebiedError):
        export_feitenblad(default_area, ctx, scenario, tmp_path / "f.docx")
    with pytest.raises(GebiedError):
        export_datapakket(default_area, ctx, [scenario], tmp_path / "p.csv")
    assert list(tmp_path.iterdir()) == []


@needs_poppler
def test_factsheet_tells_what_we_heard_in_a_werksessie(default_area, ctx, scenario, tmp_path):
    from gebied.werkplaats.store import Store

    store = Store(f"sqlite:///{tmp_path / 'w.sqlite'}")
    code, token = store.open_sessie("Dorpsavond Vaduz", default_area.config.id, None, [scenario.naam])
    store.add_opmerking(code, "p1", "wonen", "Meer woningen voor jongeren", 9.52, 47.14)
    hidden = store.add_opmerking(code, "p2", "algemeen", "scheldwoord", 9.52, 47.14)
    store.verberg(code, token, hidden)
    store.add_reactie(code, "p1", scenario.naam, "tegen")
    store.add_reactie(code, "p2", scenario.naam, "voor")
    out = tmp_path / "feitenblad.pdf"
    export_feitenblad(default_area, ctx, scenario, out, DATE, werksessie=(store, code))
    pages = pdf_pages(out, tmp_path)
    heard = pdf_text(out, len(pages) - 1)
    assert "Wat we hoorden" in heard and "Dorpsavond Vaduz" in heard
    assert "Meer woningen voor jongeren" in heard and "scheldwoord" not in heard  # hidden stays hidden
    assert "1 voorkeur, 0 kan ermee leven, 1 tegen" in heard and "2 deelnemers" in heard


@needs_poppler
def test_factsheet_and_print_map_carry_a_title_a_reader_shows(default_area, ctx, scenario, tmp_path):
    import re
    import subprocess

    export_feitenblad(default_area, ctx, scenario, tmp_path / "f.pdf", date=DATE)
    info = subprocess.run(["pdfinfo", str(tmp_path / "f.pdf")], capture_output=True, text=True, check=True).stdout
    assert re.search(rf"Title:\s+Feitenblad {re.escape(scenario.naam)}", info) and "Subject:" in info
    export_map(default_area, tmp_path / "k.pdf", evaluate(scenario, ctx), date=DATE)
    info = subprocess.run(["pdfinfo", str(tmp_path / "k.pdf")], capture_output=True, text=True, check=True).stdout
    assert re.search(rf"Title:\s+Scenario: {re.escape(scenario.naam)}", info)


@needs_poppler
def test_factsheet_states_costs_plainly_and_who_bears_the_burden(default_area, ctx, scenario, tmp_path):
    from gebied.scenario.kosten import overzicht, regels
    from gebied.scenario.rechtvaardigheid import per_soort
    from gebied.toekomst.prognose import basisjaar, bevolking

    out = tmp_path / "feitenblad.pdf"
    base = basisjaar(default_area)
    export_feitenblad(default_area, ctx, scenario, out, DATE, jaren=[base, base + 10])
    costs = " ".join(pdf_text(out, 3).split())
    for label, value in regels(overzicht(evaluate(scenario, ctx), ctx), ctx):
        assert label in costs and " ".join(value.split())[:40] in costs
    assert "nooit als € 0" in costs and "€ 150 per m²" in costs  # the area's assumption, written down
    fair = pdf_text(out, 4)
    assert "wie draagt de last" in fair and f"Buiten {base + 10}" in fair
    rows = per_soort(scenario, ctx, bevolking(default_area, [base, base + 10]), [base, base + 10])
    b = rows.set_index("voorziening").loc["basisonderwijs"]
    assert f"{getal(b['buiten_norm_nu'], 1)} % → {getal(b['buiten_norm'], 1)} %" in fair


@needs_poppler
def test_factsheet_curve_page_shows_the_points_and_the_chosen_one(default_area, ctx, scenario, tmp_path):
    from gebied.scenario.afwegingscurve import afwegingscurve, meet
    from gebied.scenario.vraag import Vraag

    curve = afwegingscurve(ctx, Vraag("laagste_kosten", "hoogstens", norm=15.0), "fiets", "75+", None, 10)
    extra = [meet(ctx, curve.probleem, scenario, 15.0, "regel")]
    out = tmp_path / "feitenblad.pdf"
    export_feitenblad(default_area, ctx, scenario, out, DATE, curve=(curve, extra, 2))
    pages = pdf_pages(out, tmp_path)
    text = pdf_text(out, 5)
    assert "Afwegingscurve: besparing tegen bereikbaarheid" in text and "doelgroep 75+" in text
    first = curve.punten[0]
    assert f"1. {getal(first.binnen_norm_pct, 1)} % binnen de norm · {euro(first.besparing)} per jaar" in text
    assert scenario.naam in text and len(pages) >= 7
