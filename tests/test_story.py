"""Stories: validation of good and bad files, rasters, generated chapters, HTML export, safety, notes."""

import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from gebied.dorpsbiografie import kern_chapters
from gebied.errors import GebiedError
from gebied.evaluate import make_context
from gebied.notes import add_note, empty_notes, export_notes, read_notes
from gebied.raster import load_raster
from gebied.story import check_path, parse_story, stories_dir
from gebied.story_render import export_story, markdown_html, story_html

REPO = Path(__file__).resolve().parents[1]
HEAD = """---
titel: Proef
gebied: liechtenstein
auteur: Test
bronnen: [eigen]
licentie: CC BY 4.0
---
"""


def write(tmp_path, body, head=HEAD, name="v.md"):
    p = tmp_path / name
    p.write_text(head + body, encoding="utf-8")
    return p


def test_shipped_story_is_valid_with_at_least_six_chapters_and_sources(default_area):
    story = parse_story(stories_dir("liechtenstein") / "gebiedsbiografie.md", default_area)
    assert len(story.hoofdstukken) >= 6
    assert len(story.bronnen) >= 3 and any("OpenStreetMap" in b for b in story.bronnen)
    assert any(h.kaart.kern == "Triesenberg" for h in story.hoofdstukken)
    assert any(h.kaart.jaar == 1927 for h in story.hoofdstukken)


@pytest.mark.parametrize("body, fragment", [
    ("## A\n```kaart\nzoom: 99\n```\ntekst\n", "hoofdstuk 1 'A', kaart.zoom"),
    ("## A\n```kaart\nlagen: [vliegtuigen]\n```\n", "onbekende lagen"),
    ("## A\n```kaart\npitch: 120\n```\n", "kaart.pitch"),
    ("## A\n```kaart\ncentrum: [500, 47]\n```\n", "kaart.centrum"),
    ("## A\n```kaart\nkleur: rood\n```\n", "kaart.kleur"),
    ("## A\n```kaart\n[niet: goed\n```\n", "hoofdstuk 1 'A', kaart"),
    ("## A\n![foto](../../geheim.png)\n", "afbeelding"),
    ("## A\n![foto](https://example.org/x.png)\n", "afbeelding"),
    ("geen hoofdstukken hier\n", "geen hoofdstukken"),
    ("## A\n```kaart\nkern: Atlantis\n```\n", "'Atlantis' is geen kern"),
    ("## A\n```kaart\nmarkeer_accommodaties: [w0]\n```\n", "'w0' bestaat niet"),
    ("## A\n```kaart\nraster: img/weg.tif\n```\n", "niet gevonden"),
])
def test_bad_chapters_name_file_chapter_and_field(default_area, tmp_path, body, fragment):
    p = write(tmp_path, body)
    with pytest.raises(GebiedError) as err:
        parse_story(p, default_area)
    assert str(p) in err.value.message()
    assert any(fragment in x for x in err.value.problems), err.value.problems


@pytest.mark.parametrize("head, fragment", [
    ("titel: x\n", "front matter"),
    ("---\ntitel: x\n---\n", "auteur"),
    ("---\n[kapot\n---\n", "front matter"),
    ("---\ntitel: x\ngebied: y\nauteur: z\nbronnen: []\nlicentie: l\n---\n", "bronnen"),
])
def test_bad_front_matter(tmp_path, head, fragment):
    p = write(tmp_path, "## A\ntekst\n", head=head)
    with pytest.raises(GebiedError) as err:
        parse_story(p)
    assert fragment in err.value.message()


def test_check_path_lists_every_problem_of_every_file(tmp_path):
    write(tmp_path, "## A\ntekst\n", name="goed.md")
    write(tmp_path, "## A\n```kaart\nzoom: 99\npitch: 99\n```\n", name="fout.md")
    good, problems = check_path(tmp_path)
    assert [g.name for g in good] == ["goed.md"]
    assert len(problems) == 2 and all("fout.md" in p for p in problems)


def test_cli_controleer_exits_2_and_lists_problems(tmp_path):
    write(tmp_path, "## A\n```kaart\nzoom: 99\n```\n", name="fout.md")
    res = subprocess.run([sys.executable, "-m", "gebied.cli", "verhaal", "controleer", str(tmp_path)],
                         capture_output=True, text=True, cwd=REPO, env={**os.environ}, timeout=300)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert "fout.md" in res.stderr and "kaart.zoom" in res.stderr
    ok = subprocess.run([sys.executable, "-m", "gebied.cli", "verhaal", "controleer", str(REPO / "stories")],
                        capture_output=True, text=True, cwd=REPO, env={**os.environ}, timeout=300)
    assert ok.returncode == 0, ok.stderr


def test_markdown_is_rendered_without_scripts_or_raw_html(tmp_path):
    html = markdown_html("Hallo <script>alert(1)</script> **vet** <img src=x onerror=alert(2)>\n\n"
                         "[klik](javascript:alert(3)) [goed](https://www.openstreetmap.org)\n\n"
                         "<iframe src='https://evil'></iframe>")
    assert "<script" not in html and "<iframe" not in html  # raw HTML is shown as text, never as tags
    assert not re.search(r"<[^>]*onerror", html)
    assert not re.search(r"href=[\"']?javascript", html)
    assert "<strong>vet</strong>" in html
    assert 'href="https://www.openstreetmap.org"' in html


def test_local_images_are_embedded(tmp_path):
    from PIL import Image

    (tmp_path / "img").mkdir()
    Image.new("RGB", (4, 4), "red").save(tmp_path / "img" / "foto.png")
    p = write(tmp_path, "## A\n![Een foto](img/foto.png)\n")
    story = parse_story(p)
    html = markdown_html(story.hoofdstukken[0].tekst, story.folder)
    assert 'src="data:image/png;base64,' in html


def make_geotiff(path: Path, crs: str, bounds, data: np.ndarray) -> Path:
    import rasterio
    from rasterio.transform import from_bounds

    h, w = data.shape
    with rasterio.open(path, "w", driver="GTiff", width=w, height=h, count=1, dtype="float32", crs=crs,
                       transform=from_bounds(*bounds, w, h), nodata=-9999) as dst:
        dst.write(data.astype("float32"), 1)
    return path


def test_raster_in_another_crs_is_reprojected_and_cropped(tmp_path):
    # an elevation-like grid in UTM 32N around Vaduz: 20 x 20 km, 200 x 200 cells, nodata in one corner
    data = np.add.outer(np.arange(200), np.arange(200)).astype(float)
    data[:20, :20] = -9999
    tif = make_geotiff(tmp_path / "hoogte.tif", "EPSG:32632", (530000, 5215000, 550000, 5235000), data)
    full = load_raster(tif)
    w, s, e, n = full.bounds
    assert 9.3 < w < 9.4 < 9.6 < e < 9.7 and 47.0 < s < 47.1 < 47.2 < n < 47.3
    assert full.rgba[0, 0, 3] == 0  # nodata is transparent
    assert full.rgba[full.rgba.shape[0] // 2, full.rgba.shape[1] // 2, 3] == 255
    crop = load_raster(tif, (9.5, 47.1, 9.55, 47.15), max_px=256)
    assert crop.bounds == pytest.approx((9.5, 47.1, 9.55, 47.15))
    assert max(crop.rgba.shape[:2]) == 256 and crop.png.startswith(b"\x89PNG")
    with pytest.raises(GebiedError, match="buiten"):
        load_raster(tif, (5.0, 52.0, 5.1, 52.1))


def test_raster_errors(tmp_path):
    bad = tmp_path / "kapot.tif"
    bad.write_bytes(b"geen tiff")
    with pytest.raises(GebiedError, match="niet lezen"):
        load_raster(bad)
    import rasterio

    nocrs = tmp_path / "zonder.tif"
    with rasterio.open(nocrs, "w", driver="GTiff", width=2, height=2, count=1, dtype="uint8") as dst:
        dst.write(np.zeros((1, 2, 2), dtype="uint8"))
    with pytest.raises(GebiedError, match="CRS"):
        load_raster(nocrs)


def test_story_with_raster_exports_with_the_raster(default_area, tmp_path):
    (tmp_path / "img").mkdir()
    data = np.add.outer(np.arange(100), np.arange(100)).astype(float)
    make_geotiff(tmp_path / "img" / "h.tif", "EPSG:4326", (9.47, 47.05, 9.64, 47.27), data)
    p = write(tmp_path, "## Hoogte\n```kaart\nraster: img/h.tif\nraster_dekking: 0.5\n```\nHet reliëf.\n")
    story = parse_story(p, default_area)
    html = story_html(story, default_area)
    assert html.count("data:image/png;base64,") == 1 and "Het reliëf." in html


@pytest.fixture(scope="module")
def ctx(default_area):
    return make_context(default_area)


def test_generated_kern_chapters_with_planner_text(default_area, ctx, tmp_path):
    (tmp_path / "planken.md").write_text("Eigen tekst over Planken.", encoding="utf-8")
    chapters = kern_chapters(default_area, ctx, extra_dir=tmp_path)
    named = default_area.kernen[default_area.kernen["naam_bron"] == "osm"]
    assert len(chapters) == len(named)
    by_name = {c.kaart.kern: c for c in chapters}
    vaduz = by_name["Vaduz"].tekst
    assert "5.229 inwoners (volgens OpenStreetMap)" in vaduz
    assert "Landesbibliothek" in vaduz and "min fietsen" in vaduz
    assert "Eigen tekst over Planken." in by_name["Planken"].tekst
    assert "leeftijdsopbouw is voor deze kern niet bekend" in vaduz


def test_exported_html_has_every_chapter_and_is_self_contained(default_area, tmp_path):
    story = parse_story(stories_dir("liechtenstein") / "gebiedsbiografie.md", default_area)
    out = export_story(story, default_area, tmp_path / "verhaal.html")
    html = out.read_text(encoding="utf-8")
    for h in story.hoofdstukken:
        assert h.titel in html
    assert html.count("<section") == len(story.hoofdstukken) + 1  # chapters + sources
    assert "<script" not in html
    assert not re.search(r'src=["\'](?!data:)', html)  # every image embedded: opens without the app
    assert "OpenStreetMap contributors" in html
    with pytest.raises(GebiedError):
        export_story(story, default_area, tmp_path / "verhaal.pdf")


def test_workshop_notes_round_trip(tmp_path):
    notes = add_note(empty_notes(), 9.52, 47.14, "Hier ontbreekt een bankje", "voorzieningen", "Anna")
    notes = add_note(notes, 9.51, 47.20, "Fietspad onveilig", "bereikbaarheid")
    for name in ("o.geojson", "o.csv"):
        back = read_notes(export_notes(notes, tmp_path / name))
        assert list(back["tekst"]) == ["Hier ontbreekt een bankje", "Fietspad onveilig"]
        assert back["lon"].tolist() == pytest.approx([9.52, 9.51])
    with pytest.raises(GebiedError):
        add_note(notes, 9.5, 47.1, "   ")
    with pytest.raises(GebiedError):
        add_note(notes, 9.5, 47.1, "x", "onbekend-thema")
    assert len(notes) == 2
