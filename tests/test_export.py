"""Exports: open every file and check its content (PDF text and pages, XLSX, GeoPackage)."""

import datetime as dt
import shutil
import subprocess
import time

import numpy as np
import pandas as pd
import pyogrio
import pytest

from gebied.catalogue import load_catalogue
from gebied.errors import GebiedError
from gebied.evaluate import evaluate, make_context
from gebied.export import export_factsheet, export_map, export_package
from gebied.fmt import euro, getal
from gebied.optimise import rule_scenario
from gebied.printmap import MM, draw_map

DATE = dt.date(2026, 11, 22)
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


@pytest.fixture(scope="module")
def ctx(default_area):
    return make_context(default_area)


@pytest.fixture(scope="module")
def scenario(ctx):
    return rule_scenario(ctx, "grootste")


def pdf_text(path, page=None):
    args = ["pdftotext", "-layout"] + (["-f", str(page), "-l", str(page)] if page else []) + [str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def pdf_pages(path, tmp_path):
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(path), str(tmp_path / "p")], check=True)
    return sorted(tmp_path.glob("p-*.png"))


@needs_poppler
def test_print_map_pdf_has_legend_from_catalogue_title_and_sources(default_area, tmp_path):
    out = tmp_path / "kaart.pdf"
    layout = export_map(default_area, out, formaat="A4", date=DATE)
    text = pdf_text(out)
    cat = load_catalogue()
    present = set(default_area.accommodaties["categorie"])
    for c in cat.categorieen:
        if c.id in present:
            assert c.label in text, c.label
            assert c.label in layout.legend_labels
    assert cat.layer("kernen").legenda in text
    assert "Voorzieningen in Liechtenstein" in text and "22-11-2026" in text
    assert "OpenStreetMap contributors" in text and "Schaal 1:" in text
    assert "Vaduz" in text and "N" in text  # a kern label and the north arrow
    pages = pdf_pages(out, tmp_path)
    assert len(pages) == 1


@pytest.mark.parametrize("formaat, staand", [("A4", False), ("A4", True), ("A3", False), ("A3", True)])
def test_scale_bar_matches_map_scale(default_area, formaat, staand):
    layout = draw_map(default_area, "t", formaat=formaat, staand=staand, date=DATE)
    fig, ax = layout.fig, layout.ax
    fig.canvas.draw()
    # the map frame on paper (mm) against the ground it shows (m): the map scale
    frame = ax.get_window_extent()
    frame_mm = frame.width / fig.dpi * 25.4
    x0, x1 = ax.get_xlim()
    assert (x1 - x0) * 1000 / frame_mm == pytest.approx(layout.schaal, rel=0.02)
    # the drawn bar on paper (mm) against the length it claims (m)
    bar = layout.schaalstok.get_window_extent()
    bar_mm = bar.width / fig.dpi * 25.4
    assert bar_mm * layout.schaal / 1000 == pytest.approx(layout.schaalstok_m, rel=0.02)
    w, h = fig.get_size_inches() / MM
    expected = {"A4": (210, 297), "A3": (297, 420)}[formaat]
    assert sorted((round(w), round(h))) == list(expected)
    assert (h > w) == staand


def test_png_is_300_dpi_and_byte_stable(default_area, tmp_path):
    from PIL import Image

    a, b = tmp_path / "a.png", tmp_path / "b.png"
    export_map(default_area, a, date=DATE)
    export_map(default_area, b, date=DATE)
    assert a.read_bytes() == b.read_bytes()
    img = Image.open(a)
    assert img.size == (pytest.approx(3508, abs=2), pytest.approx(2480, abs=2))
    assert round(img.info["dpi"][0]) == 300


@needs_poppler
def test_factsheet_pages_table_and_totals_match_the_evaluation(default_area, ctx, scenario, tmp_path):
    out = tmp_path / "feitenblad.pdf"
    ev = export_factsheet(default_area, ctx, scenario, out, DATE)
    ref = evaluate(scenario, ctx)
    assert ev.totaal == ref.totaal
    pages = pdf_pages(out, tmp_path)
    assert 1 <= len(pages) <= 3
    text = pdf_text(out)
    t = ref.totaal
    assert f"besparing {euro(t['besparing'])} per jaar" in text
    assert f"{getal(t['gesloten'])} van {getal(t['accommodaties_voor'])} accommodaties dicht" in text
    table = pdf_text(out, 2)
    assert "Totaal gebied" in table
    assert f"{euro(t['kosten_voor'])} → {euro(t['kosten_na'])}" in table
    assert f"{getal(t['m2_voor'])} → {getal(t['m2_na'])}" in table
    names = dict(zip(default_area.kernen["kern_id"], default_area.kernen["naam"]))
    for kern in scenario.kernen:
        assert names[kern] in table
    assumptions = pdf_text(out, 3)
    assert "Uitgangspunten" in assumptions and "fiets 15,0 km/u" in assumptions


def test_data_package_xlsx_and_gpkg(default_area, ctx, scenario, tmp_path):
    x1, x2 = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    export_package(default_area, ctx, [scenario], x1)
    time.sleep(1.1)  # a later second: save-time stamps must not leak into the file
    export_package(default_area, ctx, [scenario], x2)
    assert x1.read_bytes() == x2.read_bytes()  # byte-stable
    sheets = pd.read_excel(x1, sheet_name=None)
    assert {"kernen", "accommodaties", "voorzieningen", "scenario_1_per_kern", "scenario_1_reistijd",
            "vergelijking"} <= set(sheets)
    pk = sheets["scenario_1_per_kern"]
    assert "besparing [€/jaar]" in pk.columns and "m2_na [m²]" in pk.columns
    assert pk["besparing [€/jaar]"].sum() == pytest.approx(evaluate(scenario, ctx).totaal["besparing"])
    assert "m2 [m²]" in sheets["accommodaties"].columns
    assert len(sheets["kernen"]) == len(default_area.kernen)
    g = tmp_path / "p.gpkg"
    export_package(default_area, ctx, [scenario], g)
    layers = dict(pyogrio.list_layers(g))
    assert layers["kernen"] == "MultiPolygon" and layers["accommodaties"] == "Point"
    assert "scenario_1_per_kern" in layers and "voorzieningen" in layers
    back = pyogrio.read_dataframe(g, layer="accommodaties")
    assert len(back) == len(default_area.accommodaties)


def test_bad_output_names_are_refused(default_area, ctx, scenario, tmp_path):
    with pytest.raises(GebiedError):
        export_map(default_area, tmp_path / "kaart.jpg")
    with pytest.raises(GebiedError):
        export_factsheet(default_area, ctx, scenario, tmp_path / "f.docx")
    with pytest.raises(GebiedError):
        export_package(default_area, ctx, [scenario], tmp_path / "p.csv")
    assert list(tmp_path.iterdir()) == []
