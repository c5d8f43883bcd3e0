"""Common chart style: the Agg backend, a colour-blind-safe palette (Okabe–Ito) and the n / question footer.

Charts are built on ``matplotlib.figure.Figure`` directly (not pyplot), so no global figure state is kept
between charts and nothing needs closing; the runner saves each figure as PNG and SVG.
"""
from __future__ import annotations

import textwrap

import matplotlib

matplotlib.use("Agg")
# Labels come from answers and question texts: "$\\foo$" must not be parsed as mathtext (an unknown command
# stops the chart) and "Revenue ($) and costs ($)" must be drawn as written, so no text of any chart is maths.
matplotlib.rcParams["text.parse_math"] = False
matplotlib.rcParams["text.usetex"] = False

from matplotlib.colors import LinearSegmentedColormap  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

# Okabe & Ito (2008): distinguishable with every common colour-vision deficiency
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
GREY = "#999999"
LIGHT_GREY = "#DDDDDD"
# low → high: vermillion, orange, neutral grey, sky blue, blue
DIVERGING = LinearSegmentedColormap.from_list("okabe_ito_diverging",
                                              ["#D55E00", "#E69F00", LIGHT_GREY, "#56B4E9", "#0072B2"])
SEQUENTIAL = "cividis"   # perceptually uniform and colour-blind safe
FOOTER_WIDTH = 110       # characters per footer line


def new_figure(width: float, height: float) -> Figure:
    """A blank figure of ``width`` × ``height`` inches with the pipeline's font sizes."""
    fig = Figure(figsize=(width, height), dpi=100)
    fig.set_layout_engine("constrained")
    return fig


def scale_colours(k: int) -> list:
    """``k`` colours from the diverging map, low answers warm, high answers blue, the middle grey."""
    if k <= 1:
        return [DIVERGING(0.5)]
    return [DIVERGING(i / (k - 1)) for i in range(k)]


def annotate(fig: Figure, title: str, question: str, n_text: str, note: str = "") -> Figure:
    """Put the title on top and the question, n and an optional note in a footer; returns ``fig``."""
    fig.suptitle(title, fontsize=13, fontweight="bold")
    lines = textwrap.wrap(question, FOOTER_WIDTH) + [n_text] + (textwrap.wrap(note, FOOTER_WIDTH) if note else [])
    if not fig.axes:
        fig.add_subplot()
    # a figure-level x label is the one footer the constrained layout keeps room for, exactly
    fig.supxlabel("\n".join(lines), x=0.01, ha="left", fontsize=8, color="#333333")
    return fig


def empty_chart(title: str, message: str) -> Figure:
    """A small figure saying there is nothing to show (keeps file names stable when a table is empty)."""
    fig = new_figure(6, 2)
    ax = fig.add_subplot()
    ax.axis("off")
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=12, transform=ax.transAxes)
    fig.suptitle(title, fontsize=13, fontweight="bold")
    return fig


def percent(value: float) -> str:
    """0.4231 → "42 %" (Finnish, Swedish and SI style: space before the sign); the exact half rounds up, as the
    summaries' tables round it (5/8 is 63 % in both, not 62 % in the chart; 23/40 is 58 %), and a share that
    rounds to 100 % or 0 % without being it reads "> 99 %" or "< 1 %", as in the tables."""
    from pipeline.report.content import EXACT, whole_percent

    whole = whole_percent(value)
    if whole == 100 and float(value) < 1 - EXACT:
        return "> 99 %"
    if whole == 0 and float(value) > EXACT:
        return "< 1 %"
    return f"{whole} %"


def bar_figure(points: float) -> str:
    """A bar segment's figure, 0..100 without its sign ("42"), rounded as ``percent`` rounds the share (12.5 is
    13, where Python's round-half-even format gave 12)."""
    from pipeline.report.content import whole_percent

    return str(whole_percent(float(points) / 100))


def percent_range(low: float, high: float) -> str:
    """0.61, 0.94 → "61–94 %": an interval with its sign once, as the summaries write it (its ends rounded
    like the tables' intervals: half up, no "> 99")."""
    from pipeline.report.content import whole_percent

    return f"{whole_percent(low)}–{whole_percent(high)} %"
