"""Saved scenarios keep their earlier versions, deleted ones come back for 30 days, drafts belong to their owner."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from gebied.core.errors import GebiedError
from gebied.scenario import store
from gebied.scenario.model import Scenario


def sc(naam: str, loc: str | None) -> Scenario:
    return Scenario(naam=naam, gebied="liechtenstein", kernen={"k1": loc})


def test_saving_over_a_scenario_keeps_the_earlier_version_which_can_be_restored(tmp_path):
    store.save(sc("Eén school", "a1"), tmp_path)
    store.save(sc("Eén school", "a2"), tmp_path)
    store.save(sc("Eén school", None), tmp_path)
    versions = store.versions(tmp_path, "Eén school")
    assert len(versions) == 2 and versions[0][1] >= versions[1][1]  # newest first
    store.restore_version(tmp_path, "Eén school", versions[1][0])  # the first save
    from gebied.scenario.model import load_scenario

    assert load_scenario(store.list_scenarios(tmp_path)["Eén school"]).kernen == {"k1": "a1"}
    assert len(store.versions(tmp_path, "Eén school")) == 3  # the one replaced by the restore is kept too
    with pytest.raises(GebiedError):
        store.restore_version(tmp_path, "Eén school", "../../etc/passwd")


def test_a_deleted_scenario_comes_back_within_30_days_and_is_gone_after(tmp_path):
    store.save(sc("Weg ermee", "a1"), tmp_path)
    store.delete(tmp_path, "Weg ermee")
    assert "Weg ermee" not in store.list_scenarios(tmp_path)
    [(ident, naam, when)] = store.deleted(tmp_path)
    assert naam == "Weg ermee"
    store.restore_deleted(tmp_path, ident)
    assert "Weg ermee" in store.list_scenarios(tmp_path) and store.deleted(tmp_path) == []
    store.delete(tmp_path, "Weg ermee")
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=31)
    assert store.deleted(tmp_path, now=later) == []  # older than 30 days: removed for good
    with pytest.raises(GebiedError):
        store.restore_deleted(tmp_path, ident)


def test_renaming_takes_the_versions_along(tmp_path):
    store.save(sc("Oud", "a1"), tmp_path)
    store.save(sc("Oud", "a2"), tmp_path)
    store.rename(tmp_path, "Oud", "Nieuw")
    assert len(store.versions(tmp_path, "Nieuw")) == 1 and store.versions(tmp_path, "Oud") == []


def test_a_draft_an_earlier_version_wrote_as_yaml_is_read_and_replaced_by_json(tmp_path, monkeypatch):
    from gebied.scenario.model import save_scenario

    monkeypatch.setenv("GEBIED_USER_DIR", str(tmp_path))
    draft = store.new_draft_id()
    old = tmp_path / "concepten" / "liechtenstein" / store.owner_key("petra") / f"{draft}.yaml"
    old.parent.mkdir(parents=True)
    save_scenario(sc("Van vroeger", "a1"), old)
    assert store.load_draft("liechtenstein", draft, owner="petra").naam == "Van vroeger"
    assert store.others_draft("liechtenstein", draft, owner="mallory").naam == "Van vroeger"
    path = store.save_draft("liechtenstein", draft, sc("Verder", "a2"), owner="petra")
    assert path.suffix == ".json" and not old.exists()
    assert json.loads(path.read_text(encoding="utf-8"))["naam"] == "Verder"
    assert store.load_draft("liechtenstein", draft, owner="petra").naam == "Verder"


def test_a_draft_is_found_by_its_owner_only_and_another_sees_a_copy_to_continue(tmp_path, monkeypatch):
    monkeypatch.setenv("GEBIED_USER_DIR", str(tmp_path))
    draft = store.new_draft_id()
    store.save_draft("liechtenstein", draft, sc("Concept van Petra", "a1"), owner="petra")
    assert store.load_draft("liechtenstein", draft, owner="petra").naam == "Concept van Petra"
    assert store.load_draft("liechtenstein", draft, owner="mallory") is None
    assert store.others_draft("liechtenstein", draft, owner="mallory").naam == "Concept van Petra"
    assert store.others_draft("liechtenstein", draft, owner="petra") is None
    store.save_draft("liechtenstein", store.new_draft_id(), sc("Leeg", None), owner="../../petra")
    assert all(p.resolve().is_relative_to(tmp_path.resolve()) for p in tmp_path.rglob("*.json"))
