"""Map files by content: the same rows give the same address, others another; the least recently used go first."""

from __future__ import annotations

import json
import os

import pandas as pd

from gebied.maps import inhoud
from gebied.maps.adres import path_of


def test_the_same_rows_give_the_same_file_and_other_rows_another(tmp_path):
    a = pd.DataFrame({"accommodatie_id": ["x", "y"], "kleur": [[1, 2, 3, 255], [4, 5, 6, 255]]})
    first = inhoud.content_file(tmp_path, "scenario", a)
    assert inhoud.content_file(tmp_path, "scenario", a.copy()) == first
    other = inhoud.content_file(tmp_path, "scenario", a.assign(kleur=[[4, 5, 6, 255], [1, 2, 3, 255]]))
    assert other != first
    assert json.loads((tmp_path / first.rsplit("/", 1)[1]).read_text(encoding="utf-8")) == a.to_dict("records")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(u.rsplit("/", 1)[1] for u in (first, other))


def test_a_folder_keeps_the_most_recently_used_files(tmp_path):
    files = []
    for i in range(5):
        p = tmp_path / f"scenario-{i:020d}.json"
        p.write_text("[]", encoding="utf-8")
        os.utime(p, (1000 + i, 1000 + i))
        files.append(p)
    (tmp_path / "vakken-sport.json").write_text("[]", encoding="utf-8")  # another kind: never removed here
    os.utime(files[0], (2000, 2000))  # used again
    gone = inhoud.prune(tmp_path, "scenario", keep=3)
    assert sorted(gone) == [files[1], files[2]]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [files[0].name, files[3].name, files[4].name, "vakken-sport.json"])


def test_a_file_used_again_is_removed_last_and_a_removed_one_is_known(tmp_path):
    rows = [pd.DataFrame({"accommodatie_id": [str(i)]}) for i in range(3)]
    urls = [inhoud.content_file(tmp_path, "scenario", r) for r in rows]
    for i, url in enumerate(urls):
        os.utime(tmp_path / url.rsplit("/", 1)[1], (1000 + i, 1000 + i))
    assert inhoud.used_again(tmp_path, urls[0])  # the oldest, used again: now the newest
    gone = inhoud.prune(tmp_path, "scenario", keep=2)
    assert [p.name for p in gone] == [urls[1].rsplit("/", 1)[1]]
    assert inhoud.used_again(tmp_path, urls[0]) and not inhoud.used_again(tmp_path, urls[1])


def test_the_address_is_one_the_app_serves(tmp_path):
    from gebied.maps.adres import STATIC

    folder = STATIC / "test-inhoud"
    try:
        url = inhoud.content_file(folder, "scenario", pd.DataFrame({"a": [1]}))
        assert path_of(url).read_text(encoding="utf-8") == '[{"a":1}]'
    finally:
        for p in folder.glob("*"):
            p.unlink()
        folder.rmdir()
