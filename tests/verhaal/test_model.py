"""Stories: validation of good and bad files, rasters, generated chapters, HTML export, safety, notes."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.stories import write

from gebied.core.errors import GebiedError
from gebied.verhaal.model import check_path, parse_verhaal, verhalen_dir

REPO = Path(__file__).resolve().parents[2]


def test_shipped_story_is_valid_with_at_least_six_chapters_and_sources(default_area):
    story = parse_verhaal(verhalen_dir("liechtenstein") / "gebiedsbiografie.md", default_area)
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
        parse_verhaal(p, default_area)
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
        parse_verhaal(p)
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


