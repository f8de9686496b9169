"""The print-map layout: legend, scale bar, PNG resolution, byte-stable output."""


import pytest
from helpers.pdf import DATE, needs_poppler, pdf_pages, pdf_text

from gebied.core.catalogue import load_catalogue
from gebied.export.scenario_map import export_map
from gebied.maps.printmap import MM, draw_map


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
    assert "CBS" not in text  # no CBS data in Liechtenstein: CBS is not named
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
def test_dutch_print_map_names_cbs_and_draws_gemeente_borders(dutch, tmp_path):
    out = tmp_path / "nl.pdf"
    layout = export_map(dutch, out, formaat="A4", date=DATE)
    text = pdf_text(out)
    assert "CBS, Kerncijfers wijken en buurten 2022 (CC BY 4.0)" in text.replace("\n", " ")
    assert "Gemeentegrens (CBS)" in layout.legend_labels
    assert "Emmeloord" in layout.labels_geplaatst and layout.schaal >= 100_000


def test_symbols_are_legible_at_print_size_and_never_under_a_name(default_area):
    """A raadslid with reading glasses: every accommodatie's symbol is at least 2.5 mm across on paper, and drawn
    above the kernen's names (a kept location's green dot used to disappear under its kern's label)."""
    import numpy as np
    from matplotlib.collections import PathCollection

    layout = draw_map(default_area, "Voorzieningen", "Huidige situatie", "A4", False, date=DATE)
    [dots] = [c for c in layout.ax.collections if isinstance(c, PathCollection)]
    diameter_mm = np.sqrt(dots.get_sizes()) / 72 * 25.4
    assert len(dots.get_offsets()) == len(default_area.accommodaties)
    assert diameter_mm.min() >= 2.5
    names = [t for t in layout.ax.texts if t.get_text() in layout.labels_geplaatst]
    assert names and all(dots.get_zorder() > t.get_zorder() for t in names)
