"""Chart rendering: each chart drawn once and written as PNG and SVG bytes, in a process pool when asked.

``chart_bytes`` draws one chart of ``pipeline.charts.CHARTS`` and returns its PNG and SVG. The PNG is rendered
exactly as ``figure_bytes(figure, "png", dpi=150, bbox_inches="tight")`` renders it (constrained layout, then
the tight bounding box), and its bytes do not depend on anything done here. The SVG then reuses that work:
the layout the PNG was drawn with is frozen (no second constrained layout) and the PNG's tight bounding box
is passed on as an explicit box (no second measuring pass), so the SVG is one plain draw and has the PNG's
layout exactly. SVG text is written as ``<text>`` (see ``pipeline.io.FIGURE_RC``).

A run draws each chart in a worker process forked from it (``pipeline.graph``: the chart stages are
``parallel``); a chart's bytes are the same whichever process draws it.
"""
from __future__ import annotations

from typing import Any

import matplotlib
import pandas as pd

from pipeline import io as pio
from pipeline.charts import CHARTS
from pipeline.i18n import Messages

DPI = 150


def figure_formats(figure: Any, dpi: float = DPI) -> dict[str, bytes]:
    """Returns ``figure`` as ``{"png": ..., "svg": ...}`` bytes with a tight bounding box at ``dpi``.

    The PNG is byte for byte what ``figure_bytes(figure, "png", dpi, bbox_inches="tight")`` gives. Afterwards
    the figure has no layout engine (its axes stay where the PNG's layout put them), so it is not to be drawn
    again expecting a fresh layout.
    """
    boxes: list[Any] = []
    measure = figure.get_tightbbox

    def recording_tightbbox(*args: Any, **kwargs: Any) -> Any:
        box = measure(*args, **kwargs)
        boxes.append(box)
        return box

    # savefig(bbox_inches="tight") measures the figure through this method after the layout has run; the box
    # is recorded on the way (same call, same result), not measured again.
    figure.get_tightbbox = recording_tightbbox
    try:
        png = pio.figure_bytes(figure, "png", dpi=dpi, bbox_inches="tight")
    finally:
        del figure.get_tightbbox
    # savefig pads the tight box by savefig.pad_inches (pad_inches left at None); so does this. (Should a
    # matplotlib version measure other than once, the SVG measures its own box, as figure_bytes does.)
    bbox = boxes[0].padded(matplotlib.rcParams["savefig.pad_inches"]) if len(boxes) == 1 else "tight"
    # The layout the PNG was drawn with stays: no layout engine at all. ("none" would leave a placeholder
    # engine, for which savefig still makes a measuring pass; None means none when the rc says no autolayout.)
    with matplotlib.rc_context({"figure.autolayout": False, "figure.constrained_layout.use": False}):
        figure.set_layout_engine(None)
    svg = pio.figure_bytes(figure, "svg", dpi=dpi, bbox_inches=bbox)
    return {"png": png, "svg": svg}


def warm() -> None:
    """Draws one small labelled chart as PNG and SVG and throws it away; returns nothing.

    The run calls it once before it forks the chart workers: the fonts, the PNG and SVG writers and
    matplotlib's text caches are then loaded once and shared by every worker, instead of each worker loading
    them for its one chart. In the demo that saves little, about 0.2 s of the charts' 4.7 s of work (4 runs each,
    measured from the stage times of `run --verbose`). It changes no chart's bytes.
    """
    from pipeline.charts.style import annotate, new_figure

    figure = new_figure(4, 2)
    axes = figure.add_subplot()
    axes.barh(["Åäö", "n"], [1, 2])
    axes.set_title("Åäö")
    figure_formats(annotate(figure, "Åäö", "Åäö?", "n = 2"))


def chart_bytes(stem: str, table: pd.DataFrame, lang: str, ci_level: float = 0.95) -> dict[str, bytes]:
    """Draws chart ``stem`` of ``CHARTS`` from ``table`` in language ``lang``, its intervals named as of
    ``ci_level``; returns {"png": ..., "svg": ...}.

    Raises ``KeyError`` for a stem not in ``CHARTS``; any exception of the chart function propagates, with a
    note naming the chart.
    """
    try:
        draw, _table_name = CHARTS[stem]
    except KeyError:
        raise KeyError(f"no chart named {stem!r}; known: {', '.join(sorted(CHARTS))}") from None
    try:
        return figure_formats(draw(table, Messages(lang, ci_level)))
    except Exception as exc:
        exc.add_note(f"while drawing chart {stem!r}")
        raise
