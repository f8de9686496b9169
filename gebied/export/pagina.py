"""Pages of the printed exports: a table over one or more landscape A4 pages, and a portrait page of lines."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from gebied.maps.printmap import MM


def table_page(pdf: PdfPages, title: str, table: pd.DataFrame, note: str, bron: str,
                rows_per_page: int = 28, onder: list[str] | None = None) -> None:
    """Landscape A4 pages with ``table``; ``onder``: lines printed under a short table (on its last page)."""
    for start in range(0, max(len(table), 1), rows_per_page):
        part = table.iloc[start:start + rows_per_page]
        fig = Figure(figsize=(297 * MM, 210 * MM))
        fig.text(0.04, 0.94, title, fontsize=14, weight="bold")
        fig.text(0.04, 0.905, note, fontsize=8, color="#444444")
        ax = fig.add_axes((0.04, 0.08, 0.86, 0.8))
        ax.axis("off")
        chars = np.array([max(len(str(c)), *(len(str(v)) for v in part[c])) for c in part.columns], dtype=float)
        tab = ax.table(cellText=part.values, colLabels=list(part.columns), loc="upper left", cellLoc="left",
                       colLoc="left", colWidths=list(chars / chars.sum()))
        tab.auto_set_font_size(False)
        tab.set_fontsize(6.5)
        tab.scale(1, 1.35)
        for (row, _), cell in tab.get_celld().items():
            cell.set_edgecolor("#cccccc")
            if row == 0:
                cell.set_facecolor("#eeeeee")
                cell.set_text_props(weight="bold")
            if row == len(part) and part.iloc[-1, 0] == "Totaal gebied":
                cell.set_text_props(weight="bold")
        y = 0.88 - 0.8 * (len(part) + 1) / rows_per_page - 0.04
        for line in onder or [] if start + rows_per_page >= len(table) else []:
            fig.text(0.04, y, "• " + line, fontsize=7.5, wrap=True, va="top")
            y -= 0.035 * (1 + len(line) // 190)
        fig.text(0.04, 0.03, f"Bron: {bron}; eigen gegevens gemeente; berekend met gebied", fontsize=6.5)
        pdf.savefig(fig)


def text_page(pdf: PdfPages, title: str, lines: list[str], footer: str) -> None:
    """A portrait A4 page of bullet lines (as many as fit)."""
    fig = Figure(figsize=(210 * MM, 297 * MM))
    fig.text(0.08, 0.94, title, fontsize=14, weight="bold")
    y = 0.90
    for line in lines:
        if y < 0.08:
            break
        fig.text(0.08, y, "• " + line, fontsize=8, wrap=True, va="top")
        y -= 0.03 * (1 + len(line) // 110)
    fig.text(0.08, 0.04, footer, fontsize=6.5)
    pdf.savefig(fig)
