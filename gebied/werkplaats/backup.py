"""``gebied backup`` and ``gebied herstel``: a gemeente's own data in one archive, and back into an empty werkmap.

The archive (``.tar.gz``) holds ``manifest.json``, ``database.json`` (every row of every table of the store, so a
SQLite backup restores into PostgreSQL and back), and the files in the werkmap's layout: ``gebieden/`` (area
configurations, overrides, prognoses), ``verhalen/``, ``scenarios/`` (with their versions and deleted ones) and
``concepten/``. Derived data (the cache, map files) is not in it: it is built again.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import tarfile
import tempfile
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import DateTime, MetaData, insert, select, text

from gebied.core import yamlload
from gebied.core.config import areas_dir, user_root, verhalen_roots
from gebied.core.errors import GebiedError
from gebied.core.io import write_atomic
from gebied.werkplaats.store import Store

FORMAT = 1
_PATH_KEYS = ("extract", "overrides", "netwerk_graphml")


def folders() -> dict[str, Path]:
    """The archive's folders and where they are now."""
    root = user_root()
    return {"gebieden": areas_dir(), "verhalen": verhalen_roots()[0], "scenarios": root / "scenarios",
            "concepten": root / "concepten"}


def _portable_area(path: Path) -> bytes:
    """An area file with every path outside its own folder made absolute (it must still be found after a
    restore elsewhere); paths inside the folder travel along and stay relative."""
    raw = yamlload.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(raw, dict):
        return path.read_bytes()
    base = path.parent.resolve()

    def fix(value: str) -> str:
        target = (base / value).resolve()
        return value if target.is_relative_to(base) else str(target)

    for key in _PATH_KEYS:
        if isinstance(raw.get(key), str):
            raw[key] = fix(raw[key])
    if isinstance(raw.get("cbs"), dict) and isinstance(raw["cbs"].get("map"), str):
        raw["cbs"]["map"] = fix(raw["cbs"]["map"])
    return yaml.safe_dump(raw, allow_unicode=True, sort_keys=False).encode()


def _rows(store: Store) -> dict[str, Any]:
    meta = MetaData()
    meta.reflect(store.engine)
    out: dict[str, list[dict[str, Any]]] = {}
    with store.engine.connect() as conn:
        for table in meta.sorted_tables:
            if table.name == "alembic_version":
                continue
            out[table.name] = [{k: (v.isoformat() if isinstance(v, dt.datetime) else v) for k, v in r._mapping.items()}
                               for r in conn.execute(select(table).order_by(*table.primary_key.columns))]
    return {"revision": store.revision(), "tabellen": out}


def backup(uit: Path, store: Store | None = None) -> Path:
    """Write the archive to ``uit`` (atomically); returns its path."""
    store = store or Store()
    uit = Path(uit)
    manifest = {"formaat": FORMAT, "gemaakt": dt.datetime.now(dt.UTC).isoformat(), "database": store.engine.name}

    def add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
        info = tarfile.TarInfo(name)
        info.size, info.mtime = len(data), int(dt.datetime.now().timestamp())
        tar.addfile(info, io.BytesIO(data))

    def writer(p: Path) -> None:
        with tarfile.open(p, "w:gz") as tar:
            add(tar, "manifest.json", json.dumps(manifest, indent=1).encode())
            add(tar, "database.json", json.dumps(_rows(store), ensure_ascii=False).encode())
            for name, folder in folders().items():
                for f in sorted(folder.rglob("*")) if folder.is_dir() else []:
                    if f.is_file() and not f.name.startswith(".~"):
                        rel = f"{name}/{f.relative_to(folder).as_posix()}"
                        data = _portable_area(f) if name == "gebieden" and f.suffix == ".yaml" else f.read_bytes()
                        add(tar, rel, data)

    write_atomic(uit, writer)
    return uit


def _empty(store: Store) -> bool:
    meta = MetaData()
    meta.reflect(store.engine)
    with store.engine.connect() as conn:
        return all(conn.execute(select(t).limit(1)).first() is None for t in meta.sorted_tables
                   if t.name != "alembic_version")


def herstel(archief: Path, naar: Path, store: Store | None = None) -> dict[str, int]:
    """Restore ``archief`` into the empty werkmap ``naar`` and its empty database (default: SQLite in ``naar``);
    returns the number of rows per table. Refused, changing nothing, when either is not empty."""
    naar = Path(naar)
    if naar.exists() and any(naar.iterdir()):
        raise GebiedError(f"De werkmap {naar} is niet leeg; herstel alleen in een lege werkmap.",
                          f"The werkmap {naar} is not empty; restore into an empty one only.")
    with tempfile.TemporaryDirectory() as tmp:
        manifest, dump = _unpack(Path(archief), Path(tmp))
        if manifest.get("formaat") != FORMAT:
            raise GebiedError("Deze backup heeft een onbekend formaat.", "Unknown backup format.", archief)
        naar.mkdir(parents=True, exist_ok=True)
        store = store or Store(f"sqlite:///{naar / 'werkplaats.sqlite'}")
        if not _empty(store):
            raise GebiedError("De database is niet leeg; herstel alleen in een lege database.",
                              "The database is not empty; restore into an empty one only.")
        counts = _insert(store, dump["tabellen"])
        for name in folders():
            if (Path(tmp) / name).is_dir():
                shutil.move(Path(tmp) / name, naar / name)
    return counts


def _unpack(archief: Path, tmp: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """Unpack into ``tmp`` (no absolute paths, no '..', no links out of it); the manifest and the database."""
    try:
        with tarfile.open(archief, "r:gz") as tar:
            tar.extractall(tmp, filter="data")
        return (json.loads((tmp / "manifest.json").read_text(encoding="utf-8")),
                json.loads((tmp / "database.json").read_text(encoding="utf-8")))
    except (OSError, tarfile.TarError, ValueError, EOFError) as exc:
        raise GebiedError("Dit is geen (volledige) backup van gebied, of het bestand is beschadigd.",
                          "Not a (complete) gebied backup, or the file is damaged.", archief, [str(exc)]) from exc


def _insert(store: Store, tables: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    meta = MetaData()
    meta.reflect(store.engine)
    counts = {}
    with store.engine.begin() as conn:
        for table in meta.sorted_tables:
            rows = tables.get(table.name, [])
            times = [c.name for c in table.columns if isinstance(c.type, DateTime)]
            for r in rows:
                for c in times:
                    if r.get(c) is not None:
                        r[c] = dt.datetime.fromisoformat(r[c])
            if rows:
                conn.execute(insert(table), rows)
                if conn.dialect.name == "postgresql" and "id" in table.columns:
                    conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                      f"(SELECT max(id) FROM {table.name}))"))
            counts[table.name] = len(rows)
    return counts
