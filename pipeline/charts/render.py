"""Chart rendering: each chart drawn once and written as PNG and SVG bytes, in a process pool when asked.

``chart_bytes`` draws one chart of ``pipeline.charts.CHARTS`` and returns its PNG and SVG. The PNG is rendered
exactly as ``figure_bytes(figure, "png", dpi=150, bbox_inches="tight")`` renders it (constrained layout, then
the tight bounding box), and its bytes do not depend on anything done here. The SVG then reuses that work:
the layout the PNG was drawn with is frozen (no second constrained layout) and the PNG's tight bounding box
is passed on as an explicit box (no second measuring pass), so the SVG is one plain draw and has the PNG's
layout exactly. SVG text is written as ``<text>`` (see ``pipeline.io.FIGURE_RC``).

``charts_bytes`` renders many charts, in worker processes forked from this one when ``workers > 1`` (forked
after matplotlib and the chart modules are imported here, so a worker starts in milliseconds). Each chart's
bytes are the same whichever process draws it, so serial and parallel runs give identical results, returned
in the order of the jobs. An exception in a chart reaches the caller as the same exception (with the
worker's traceback as its cause; one that cannot be pickled as a ``ChartError`` naming it); a worker that
dies raises ``BrokenProcessPool`` instead of hanging.
"""
from __future__ import annotations

import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Mapping

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


def chart_bytes(stem: str, table: pd.DataFrame, lang: str) -> dict[str, bytes]:
    """Draws chart ``stem`` of ``CHARTS`` from ``table`` in language ``lang``; returns {"png": ..., "svg": ...}.

    Raises ``KeyError`` for a stem not in ``CHARTS``; any exception of the chart function propagates, with a
    note naming the chart.
    """
    try:
        draw, _table_name = CHARTS[stem]
    except KeyError:
        raise KeyError(f"no chart named {stem!r}; known: {', '.join(sorted(CHARTS))}") from None
    try:
        return figure_formats(draw(table, Messages(lang)))
    except Exception as exc:
        exc.add_note(f"while drawing chart {stem!r}")
        raise


class ChartError(RuntimeError):
    """A chart drawn in a worker process failed with an exception that cannot be sent back as it is."""


def _chart_bytes_in_worker(stem: str, table: pd.DataFrame, lang: str) -> dict[str, bytes]:
    """``chart_bytes`` in a pool worker: an exception that would not survive the trip back to the caller
    (one that cannot be pickled and unpickled) is replaced by a ``ChartError`` naming it, as the pool would
    otherwise report only a broken pool. (The worker traceback the caller sees as the cause includes the
    original exception.)"""
    try:
        return chart_bytes(stem, table, lang)
    except Exception as exc:
        try:
            pickle.loads(pickle.dumps(exc))
        except Exception:
            raise ChartError(f"chart {stem!r}: {type(exc).__module__}.{type(exc).__qualname__}: {exc}") from exc
        raise


def _fork_context() -> Any:
    """The 'fork' multiprocessing context, or None where the platform has none (Windows)."""
    try:
        return multiprocessing.get_context("fork")
    except ValueError:
        return None


def charts_bytes(jobs: Mapping[str, pd.DataFrame], lang: str, workers: int) -> dict[str, dict[str, bytes]]:
    """Renders chart ``stem`` from ``table`` for every ``stem: table`` in ``jobs``; returns
    {stem: {"png": ..., "svg": ...}} in the order of ``jobs``.

    With ``workers > 1`` and more than one job the charts are drawn in up to ``workers`` processes forked
    from this one; where fork is not available, or with one worker or one job, they are drawn here one
    after another. The bytes are the same either way. The first failing chart (in job order) raises its
    exception here; the pool is shut down and charts not yet started are cancelled.
    """
    items = list(jobs.items())
    context = _fork_context()
    processes = min(int(workers), len(items))
    if processes <= 1 or context is None:
        return {stem: chart_bytes(stem, table, lang) for stem, table in items}
    with ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
        futures = [(stem, pool.submit(_chart_bytes_in_worker, stem, table, lang)) for stem, table in items]
        try:
            return {stem: future.result() for stem, future in futures}
        except BaseException:
            for _stem, future in futures:
                future.cancel()
            raise
