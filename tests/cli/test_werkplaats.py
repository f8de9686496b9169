"""``gebied werksessie open`` and ``export`` on the default SQLite store in a user folder."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd

from gebied.core.config import cache_root

REPO = Path(__file__).resolve().parents[2]


def run(*args, user):
    env = {**os.environ, "GEBIED_CACHE": str(cache_root()), "GEBIED_USER_DIR": str(user)}
    env.pop("GEBIED_DB_URL", None)
    return subprocess.run([sys.executable, "-m", "gebied.cli", *map(str, args)], capture_output=True, text=True,
                          env=env, cwd=REPO, timeout=300)


def test_open_contribute_and_export(default_area, tmp_path):
    res = run("werksessie", "open", "Dorpsavond", "--scenario", "A", user=tmp_path)
    assert res.returncode == 0, res.stderr
    code = re.search(r"code ([A-Z0-9]{6})", res.stdout).group(1)
    assert (tmp_path / "werkplaats.sqlite").exists()
    from gebied.werkplaats.store import Store

    Store(f"sqlite:///{tmp_path / 'werkplaats.sqlite'}").add_reactie(code, "p1", "A", "tegen", reden="te ver")
    out = tmp_path / "s.xlsx"
    assert run("werksessie", "export", code, "--uit", out, user=tmp_path).returncode == 0
    assert pd.read_excel(out, sheet_name="reacties").iloc[0]["reden"] == "te ver"
    bad = run("werksessie", "export", "QQQQQQ", "--uit", out, user=tmp_path)
    assert bad.returncode == 2 and "Geen werksessie" in bad.stderr and "Traceback" not in bad.stderr
