"""A throwaway PostgreSQL cluster (Debian's package) in a temporary folder on a free local port."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from helpers.browser import free_port


def bindir() -> Path | None:
    """The newest installed PostgreSQL's bin folder, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _as_postgres(cmd: list[str]) -> list[str]:
    """Run as the ``postgres`` user when we are root (the server refuses to run as root)."""
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


class Cluster:
    def __init__(self, folder: Path, port: int, bin_: Path) -> None:
        self.folder, self.port, self.bin = folder, port, bin_
        self.url = f"postgresql+psycopg://gebied@127.0.0.1:{port}/postgres"

    def ctl(self, *args: str) -> None:
        subprocess.run(_as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), *args]),
                       check=True, capture_output=True, timeout=60)

    def start(self) -> None:
        self.ctl("-o", f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off", "-w",
                 "-l", str(self.folder / "log"), "start")

    def restart(self) -> None:
        self.ctl("-m", "fast", "-w", "stop")
        self.start()


@contextmanager
def throwaway_cluster() -> Iterator[Cluster]:
    """initdb in a temporary folder, start on a free port, yield, stop and remove."""
    b = bindir()
    if b is None:
        raise RuntimeError("PostgreSQL is not installed (python3 run.py test installs Debian's postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="gebied-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    subprocess.run(_as_postgres([str(b / "initdb"), "-D", str(folder / "data"), "-A", "trust", "-U", "gebied",
                                 "--no-sync", "-E", "UTF8"]), check=True, capture_output=True, timeout=120)
    cluster = Cluster(folder, free_port(), b)
    cluster.start()
    try:
        yield cluster
    finally:
        try:
            cluster.ctl("-m", "immediate", "stop")
        finally:
            shutil.rmtree(folder, ignore_errors=True)
