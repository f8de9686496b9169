"""Reading exported PDFs as a person would: their text (pdftotext) and their pages as PNG (pdftoppm)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

#: A fixed date for exports, so that output can be compared byte for byte.
DATE = dt.date(2026, 11, 22)
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def pdf_text(path: Path, page: int | None = None) -> str:
    """The text of a PDF (or of one page), laid out as on paper."""
    args = ["pdftotext", "-layout"] + (["-f", str(page), "-l", str(page)] if page else []) + [str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def pdf_pages(path: Path, tmp_path: Path, dpi: int = 40) -> list[Path]:
    """Every page of a PDF rendered to PNG."""
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(path), str(tmp_path / "p")], check=True)
    return sorted(tmp_path.glob("p-*.png"))
