"""Charts: one function per chart (table + ``Messages`` in, ``matplotlib.figure.Figure`` out, never saved).

``CHARTS`` maps a stable file stem to ``(chart function, name of the table it draws)``; the runner draws each
chart whose table it has and saves ``figures/<stem>.png`` and ``.svg``. Each chart module exports its own
``CHARTS`` dict; the registry is their union (a stem defined twice is an error). To add a module, list it in
``CHART_MODULES``.
"""
from __future__ import annotations

import importlib
from typing import Callable

CHART_MODULES = ("pipeline.charts.needs", "pipeline.charts.feedback")


def _registry() -> dict[str, tuple[Callable, str]]:
    charts: dict[str, tuple[Callable, str]] = {}
    for name in CHART_MODULES:
        module = importlib.import_module(name)
        twice = sorted(set(charts) & set(module.CHARTS))
        if twice:
            raise ValueError(f"{name}: chart stem(s) {', '.join(twice)} already registered")
        charts.update(module.CHARTS)
    return charts


CHARTS: dict[str, tuple[Callable, str]] = _registry()
