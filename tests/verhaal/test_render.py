"""Rendering stories: safe Markdown, embedded images, self-contained HTML."""

import re

import numpy as np
import pytest
from helpers.stories import make_geotiff, write

from gebied.core.errors import GebiedError
from gebied.verhaal.model import parse_verhaal, verhalen_dir
from gebied.verhaal.render import export_verhaal, markdown_html, verhaal_html


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
    story = parse_verhaal(p)
    html = markdown_html(story.hoofdstukken[0].tekst, story.folder)
    assert 'src="data:image/png;base64,' in html


def test_story_with_raster_exports_with_the_raster(default_area, tmp_path):
    (tmp_path / "img").mkdir()
    data = np.add.outer(np.arange(100), np.arange(100)).astype(float)
    make_geotiff(tmp_path / "img" / "h.tif", "EPSG:4326", (9.47, 47.05, 9.64, 47.27), data)
    p = write(tmp_path, "## Hoogte\n```kaart\nraster: img/h.tif\nraster_dekking: 0.5\n```\nHet reliëf.\n")
    story = parse_verhaal(p, default_area)
    html = verhaal_html(story, default_area)
    assert html.count("data:image/png;base64,") == 1 and "Het reliëf." in html


def test_exported_html_has_every_chapter_and_is_self_contained(default_area, tmp_path):
    story = parse_verhaal(verhalen_dir("liechtenstein") / "gebiedsbiografie.md", default_area)
    out = export_verhaal(story, default_area, tmp_path / "verhaal.html")
    html = out.read_text(encoding="utf-8")
    for h in story.hoofdstukken:
        assert h.titel in html
    assert html.count("<section") == len(story.hoofdstukken) + 1  # chapters + sources
    assert "<script" not in html
    assert not re.search(r'src=["\'](?!data:)', html)  # every image embedded: opens without the app
    assert "OpenStreetMap contributors" in html
    with pytest.raises(GebiedError):
        export_verhaal(story, default_area, tmp_path / "verhaal.pdf")
