"""``summary.html``: one self-contained page (charts embedded as data URIs), readable on a phone and printable.

Rendered with Jinja2 with autoescaping on, so every string from the data — open answers, theme names, segment
labels — reaches the page as text: ``<script>`` becomes ``&lt;script&gt;`` and an ``onerror=`` inside an answer
is never an attribute. The template (``templates/summary.html.j2``) marks nothing as safe.
"""
from __future__ import annotations

import base64
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from pipeline.report.content import ReportContent

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["b64"] = lambda data: base64.b64encode(data).decode("ascii")
    return env


def summary_html(report: ReportContent) -> bytes:
    """Return the summary page as UTF-8 bytes, laid out from ``report`` by ``summary.html.j2``."""
    return _environment().get_template("summary.html.j2").render(report=report).encode("utf-8")
