"""Matplotlib figures rendered to inline SVG, so the report opens offline with no chart library."""

from __future__ import annotations

import io
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

plt.rcParams.update(
    {
        "svg.hashsalt": "europillar",  # stable ids: same inputs give the same SVG bytes
        "svg.fonttype": "none",
        "font.size": 10,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
)


def svg(fig: Figure, alt: str) -> str:
    """Return the figure as an inline ``<svg>`` element with an accessible title."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r"<svg ", '<svg role="img" ', text, count=1)
    title = f"<title>{_escape(alt)}</title>"
    return re.sub(r"(<svg[^>]*>)", r"\1" + title, text, count=1)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
