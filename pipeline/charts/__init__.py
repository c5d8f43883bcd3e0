"""Charts: one function per chart (table + ``Messages`` in, ``matplotlib.figure.Figure`` out, never saved).

Which charts exist, the table each draws and the report block it belongs to are listed in
``pipeline.outputs.CHARTS``; ``CHARTS`` here maps each stable file stem to ``(chart function, table name)`` for
code that draws charts directly (notebooks, ``pipeline.charts.render``).
"""
from __future__ import annotations

from typing import Callable

from pipeline.outputs import CHARTS as _SPECS

CHARTS: dict[str, tuple[Callable, str]] = {c.stem: (c.draw_function(), c.table) for c in _SPECS}
