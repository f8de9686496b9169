"""The two commands of gebied, for a fresh machine with only Python 3.11.

    python3 run.py app    # set up .venv and open the app on the default area
    python3 run.py test   # set up .venv (and headless Chromium) and run the whole test suite

Extra arguments after ``test`` go to pytest; after ``app`` to ``streamlit run``. Two more, for developers:

    python3 run.py vastleggen          # write constraints.txt: the versions the suite just passed with
    python3 run.py schermafbeeldingen  # take the handleiding's pictures (docs/img/) from the real app

Both commands install the versions in ``constraints.txt`` (the ranges in pyproject.toml stay for people who
install the library elsewhere), so a new release on the index cannot break a fresh clone.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PY = VENV / "bin" / "python"
CONSTRAINTS = ROOT / "constraints.txt"


def sh(*cmd: str | Path, **kw) -> None:
    print("+", " ".join(map(str, cmd)), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, **kw)


def setup(extras: str) -> None:
    """Create .venv and install gebied (editable) with ``extras`` when pyproject changed."""
    if sys.version_info < (3, 11):  # noqa: UP036 - run.py may be started by an older python3
        sys.exit(f"gebied needs Python 3.11 or newer (this is {sys.version.split()[0]}).")
    if not PY.exists():
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    stamp = VENV / f".installed-{extras or 'base'}"
    pinned = CONSTRAINTS.read_bytes() if CONSTRAINTS.exists() else b""
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + pinned).hexdigest()
    if not stamp.exists() or stamp.read_text() != want:
        sh(PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        spec = f".[{extras}]" if extras else "."
        pins = ["-c", str(CONSTRAINTS)] if pinned else []
        sh(PY, "-m", "pip", "install", "--quiet", *pins, "-e", spec, cwd=ROOT)
        stamp.write_text(want)


def ensure_browser() -> None:
    """Install Debian's chromium, poppler-utils (pdftoppm) and postgresql (store tests) when missing and we may."""
    import glob

    missing = [pkg for pkg, binary in (("chromium", "chromium"), ("poppler-utils", "pdftoppm"))
               if shutil.which(binary) is None]
    if not glob.glob("/usr/lib/postgresql/*/bin/initdb"):
        missing.append("postgresql")
    if not missing:
        return
    if shutil.which("apt-get") and os.geteuid() == 0:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        sh("apt-get", "update", "-qq", env=env)
        sh("apt-get", "install", "-y", "-qq", *missing, env=env)
    else:
        print(f"Note: {', '.join(missing)} not installed and apt-get unavailable; browser/PDF/PostgreSQL tests "
              "cannot run.")


def freeze() -> int:
    """Write constraints.txt from the test environment: every installed distribution but gebied itself."""
    out = subprocess.run([str(PY), "-m", "pip", "freeze", "--exclude-editable", "--all"], capture_output=True,
                         text=True, check=True).stdout
    lines = sorted((ln for ln in out.splitlines() if "==" in ln and not ln.lower().startswith(("gebied", "pip=="))),
                   key=str.lower)
    CONSTRAINTS.write_text("# The versions `python3 run.py test` last passed with; `python3 run.py vastleggen` "
                           "rewrites it.\n" + "\n".join(lines) + "\n")
    print(f"{len(lines)} versions written to {CONSTRAINTS.name}")
    return 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("app", "test", "vastleggen", "schermafbeeldingen"):
        print(__doc__)
        return 2
    cmd, rest = argv[0], argv[1:]
    if cmd == "vastleggen":
        setup("test")
        return freeze()
    if cmd == "schermafbeeldingen":
        setup("test")
        ensure_browser()
        env = {**os.environ, "GEBIED_SCHERMAFBEELDINGEN": "1"}
        return subprocess.call([str(PY), "-m", "pytest", "tests/app/test_handleiding_browser.py", *rest], cwd=ROOT,
                               env=env)
    if cmd == "app":
        setup("")
        # streamlit run app.py, with the default area loading as the server starts: a first build makes the map's
        # layers first and the rest in the background (``gebied build`` beforehand makes everything at once)
        os.chdir(ROOT)
        os.execv(PY, [str(PY), "-m", "gebied.app.serve", "--browser.gatherUsageStats", "false", *rest])
    setup("test")
    ensure_browser()
    import tempfile

    site = tempfile.mkdtemp(prefix="gebied-site-")
    checks = {"ruff (lint + import order)": [str(PY), "-m", "ruff", "check", "."],
              "mypy (library API)": [str(PY), "-m", "mypy"],
              "mkdocs build --strict (documentation site)": [str(PY), "-m", "mkdocs", "build", "--strict", "--quiet",
                                                              "--site-dir", site]}
    failed = []
    for name, cmd in checks.items():
        print(f"+ {name}", flush=True)
        quiet = {"DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"}  # banners about their future
        if subprocess.call(cmd, cwd=ROOT, env={**os.environ, **quiet}):
            failed.append(name)
    shutil.rmtree(site, ignore_errors=True)
    code = subprocess.call([str(PY), "-m", "pytest", *rest], cwd=ROOT)
    if failed:
        print(f"Failed checks: {', '.join(failed)}", flush=True)
    return code or (1 if failed else 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
