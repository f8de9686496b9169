"""Generates the CLI reference page (``referentie/cli.md``) from the typer app while MkDocs builds the site
(mkdocs-gen-files): the reference is never written by hand, so it cannot drift from the commands."""

import subprocess
import sys

import mkdocs_gen_files

out = subprocess.run([sys.executable, "-m", "typer", "gebied.cli.main", "utils", "docs", "--name", "gebied",
                      "--title", "Opdrachten (CLI)"], capture_output=True, text=True, check=True,
                     env={"TERM": "dumb", "NO_COLOR": "1", "COLUMNS": "100", "PATH": ""}).stdout
with mkdocs_gen_files.open("referentie/cli.md", "w") as f:
    f.write(out)

# the changelog lives beside the README; the site shows the same file
with open("CHANGELOG.md", encoding="utf-8") as src, mkdocs_gen_files.open("changelog.md", "w") as f:
    f.write(src.read())
