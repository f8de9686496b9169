"""Colour contrast after WCAG 2.1 (relative luminance, contrast ratio), for the catalogue's colours and the
app's text: text needs 4.5 : 1 against its background, a symbol or its outline 3 : 1 (success criteria 1.4.3 and
1.4.11)."""

from __future__ import annotations

#: The least contrast for text (WCAG 2.1 AA, 1.4.3) and for graphical objects such as map symbols (1.4.11).
TEKST = 4.5
SYMBOOL = 3.0


def rgb(hex_colour: str) -> tuple[float, float, float]:
    """``#rrggbb`` or ``#rgb`` as three fractions 0–1."""
    h = hex_colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    return int(h[0:2], 16) / 255, int(h[2:4], 16) / 255, int(h[4:6], 16) / 255


def luminance(hex_colour: str) -> float:
    """Relative luminance (0 black … 1 white), WCAG 2.1's definition."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The contrast ratio of two colours, 1 (none) to 21 (black on white)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def over(colour: str, alpha: float, background: str = "#ffffff") -> str:
    """``colour`` at opacity ``alpha`` drawn over ``background``, as ``#rrggbb``."""
    fg, bg = rgb(colour), rgb(background)
    return "#" + "".join(f"{round((alpha * f + (1 - alpha) * b) * 255):02x}" for f, b in zip(fg, bg))
