"""One werkmap holds a gemeente's own data; an empty one starts with the embedded default area."""

from __future__ import annotations

from gebied.core import config


def test_an_empty_werkmap_starts_with_the_embedded_default_area_and_holds_everything_else(tmp_path, monkeypatch):
    monkeypatch.setenv("GEBIED_WERKMAP", str(tmp_path))
    for var in ("GEBIED_USER_DIR", "GEBIED_CACHE", "GEBIED_AREA"):
        monkeypatch.delenv(var, raising=False)
    assert config.default_area_id() == "liechtenstein"
    assert config.load_config().extract.exists()
    assert config.user_root() == tmp_path.resolve()
    assert config.cache_root() == tmp_path.resolve() / "cache"
    assert config.areas_dir() == tmp_path.resolve() / "gebieden"
    (tmp_path / "gebieden").mkdir()
    (tmp_path / "gebieden" / "eigen.yaml").write_text("naam: Eigen\nextract: /nergens.osm.pbf\n")
    (tmp_path / "gebieden" / "areas.yaml").write_text("default: eigen\n")
    assert config.known_area_ids() == ["eigen", "liechtenstein"]
    assert config.default_area_id() == "eigen"
    assert config.resolve_area_path("eigen") == tmp_path.resolve() / "gebieden" / "eigen.yaml"


def test_without_a_werkmap_the_repository_layout_stays(monkeypatch):
    for var in ("GEBIED_WERKMAP", "GEBIED_USER_DIR", "GEBIED_CACHE"):
        monkeypatch.delenv(var, raising=False)
    assert config.areas_dir() == config.DATA_DIR
    assert config.user_root() == config.REPO_DIR / "user"
    assert config.cache_root() == config.REPO_DIR / "cache"
