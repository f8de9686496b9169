"""The map's files: every one written by ``prepare``, none built twice, their content that of gebied."""

import dataclasses
import json

import numpy as np
import pytest

from gebied.bereik.dekking import hosts, nearest_minutes
from gebied.bereik.matrices import area_matrix, demand_points
from gebied.bereik.modes import modes
from gebied.maps import adres, statisch


def test_prepare_writes_every_file_once_and_the_app_reads_what_gebied_computes(small, tmp_path):
    folder = statisch.prepare(small, tmp_path / "klein")
    kinds = sorted(set(small.voorzieningen["voorziening"]))
    names = list(modes(small.config.snelheden))
    for f in ["ondergrond.png", "ondergrond.json", "accommodaties.json", "kernen.json", "kernnamen.json",
              "prikbord.json", *(f"vakken-{s}.json" for s in kinds),
              *(f"isochronen-{s}-{i}.json" for s in kinds for i in range(len(names)))]:
        assert (folder / f).stat().st_size > 0, f
    stamps = {p: p.stat().st_mtime_ns for p in folder.iterdir()}
    statisch.prepare(small, folder)  # a second call finds everything
    assert {p: p.stat().st_mtime_ns for p in folder.iterdir()} == stamps
    # the squares carry every inhabitant, and a square's time by each mode lies within its buildings' times
    squares = json.loads((folder / f"vakken-{kinds[0]}.json").read_text(encoding="utf-8"))
    pts = demand_points(small)
    assert abs(sum(s["n"] for s in squares) - pts["inwoners"].sum()) < 0.1 * len(squares)
    for i, modus in enumerate(names):
        mat = area_matrix(small, modus)
        minutes = nearest_minutes(mat, hosts(small.voorzieningen, mat.target_ids, kinds[0]))
        ok = np.isfinite(minutes)
        timed = [s[f"m{i}"] for s in squares if s[f"m{i}"] >= 0]
        assert min(timed) >= np.floor(minutes[ok].min() * 10) / 10
        assert max(timed) <= np.ceil(minutes[ok].max() * 10) / 10
    # the isochrones of each mode in a file of their own, largest first, so smaller ones lie on top
    for i, modus in enumerate(names):
        iso = json.loads((folder / f"isochronen-{kinds[0]}-{i}.json").read_text(encoding="utf-8"))
        bands = [int(r["tooltip"].split()[1]) for r in iso]
        assert bands == sorted(bands, reverse=True) and bands[-1] == 5
        assert all(modes(small.config.snelheden)[modus].label.lower() in r["tooltip"] for r in iso)


def test_files_ready_are_the_addresses_prepare_wrote_and_none_before(small, tmp_path):
    kind = sorted(set(small.voorzieningen["voorziening"]))[0]
    folder = tmp_path / "klein"
    folder.mkdir()
    assert statisch.bereik_files_ready(small, folder, kind) is None  # nothing computed
    assert list(folder.iterdir()) == []
    statisch.prepare(small, folder)
    ready = statisch.bereik_files_ready(small, folder, kind)
    assert ready == statisch.bereik_files(small, folder, kind, matrix=None, points=None)  # type: ignore[arg-type]
    (folder / f"isochronen-{kind}-1.json").unlink()
    assert statisch.bereik_files_ready(small, folder, kind) is None  # one mode's file is not ready
    (folder / f"vakken-{kind}.json").unlink()  # as a build stopped halfway leaves it
    statisch.prepare(small, folder)
    assert statisch.bereik_files_ready(small, folder, kind) == ready


def test_a_stopped_preparation_continues_from_the_modes_it_finished(small, tmp_path, monkeypatch):
    monkeypatch.setenv("GEBIED_CACHE", str(tmp_path / "cache"))
    labels = [m.label for m in modes(small.config.snelheden).values()]
    seen: list[tuple[str, int]] = []

    def stop_after_first_mode(stap: str, gedaan: int, totaal: int) -> None:
        seen.append((stap, gedaan))
        if stap == statisch.stap_modus(labels[1]) and gedaan == 0:
            raise KeyboardInterrupt  # Ctrl-C as the second mode starts

    folder = tmp_path / "klein"
    with pytest.raises(KeyboardInterrupt):
        statisch.prepare(small, folder, workers=1, voortgang=stop_after_first_mode)
    assert (statisch.stap_modus(labels[0]), 1) in seen
    kinds = sorted(set(small.voorzieningen["voorziening"]))
    assert not any((folder / f"vakken-{s}.json").exists() for s in kinds)  # the squares need every mode
    first = {p.name: p.read_bytes() for p in folder.glob("isochronen-*-0.json")}
    seen.clear()
    statisch.prepare(small, folder, workers=1, voortgang=lambda stap, gedaan, totaal: seen.append((stap, gedaan)))
    started = [stap for stap, gedaan in seen if gedaan == 0]
    assert statisch.stap_modus(labels[0]) not in started  # the finished mode is not computed again
    assert [statisch.stap_modus(label) for label in labels[1:]] == [s for s in started if "reistijden en" in s]
    assert {p.name: p.read_bytes() for p in folder.glob("isochronen-*-0.json")} == first
    straight = statisch.prepare(small, tmp_path / "recht", workers=1)
    for f in sorted(straight.glob("*.json")):
        assert json.loads(f.read_text(encoding="utf-8")) == json.loads((folder / f.name).read_text(encoding="utf-8"))
    assert not list((tmp_path / "cache").glob(".kaart-*/*.npz"))  # the kept minutes go once the files are whole


def test_addresses_and_folders(small):
    folder = statisch.folder_of(small)
    url = adres.url_of(folder / "kernen.json")
    assert url == f"/app/static/gebied/{folder.name}/kernen.json" and adres.path_of(url) == folder / "kernen.json"
    assert statisch.folder_of(small, b"upload") != folder
    # travel times kept to one's own gemeente are other files (the setting is not part of the build key)
    eigen = small.config.model_copy(update={"bereik": small.config.bereik.model_copy(
        update={"over_gemeentegrens": False})})
    assert statisch.folder_of(dataclasses.replace(small, config=eigen)) != folder


def test_remove_old_keeps_the_current_build_and_other_areas(small, tmp_path, monkeypatch):
    monkeypatch.setattr(statisch, "STATIC", tmp_path)
    current = statisch.folder_of(small)
    name = current.name.split("-")[0]
    keep = [current, tmp_path / f"{current.name}-e5dac23819", tmp_path / f"{current.name}-eigen-gemeente",
            tmp_path / f"{name}-noord-0123456789abcdef-v4", tmp_path / "ander-0123456789abcdef-v4"]
    gone = [tmp_path / f"{name}-0123456789abcdef", tmp_path / f"{name}-0123456789abcdef-v2-e5dac23819",
            tmp_path / f"{name}-{current.name.split('-')[1]}-v1"]
    for folder in keep + gone:
        folder.mkdir()
        (folder / "kernen.json").write_text("[]", encoding="utf-8")
    assert sorted(statisch.remove_old(small)) == sorted(gone)
    assert all(f.is_dir() for f in keep) and not any(f.exists() for f in gone)
