"""The report stage: steering-group summaries in HTML, XLSX, Markdown and PowerPoint, in fi, sv or en.

``report_documents`` is the stage's one entry point; it returns the documents as bytes and writes nothing (the
runner writes them to ``reports/``). ``pipeline.report.safe`` holds the formula guard the runner also applies to
every CSV under ``reports/``.
"""
from __future__ import annotations

from typing import Any, Mapping

import pandas as pd

from pipeline.report.html import summary_html
from pipeline.report.content import report_content
from pipeline.report.md import summary_md
from pipeline.report.pptx import summary_pptx
from pipeline.report.xlsx import summary_xlsx

__all__ = ["report_documents"]


def report_documents(tables: Mapping[str, pd.DataFrame], figures: Mapping[str, bytes], meta: Mapping[str, Any],
                     lang: str) -> dict[str, bytes]:
    """Return ``{"summary.html", "summary.xlsx", "summary.md", "summary.pptx"}`` → document bytes.

    ``tables``: the analysis tables by name (any may be absent; an absent table leaves its part out) plus
    ``open_answers`` [text_id, question, text, themes]. ``figures``: chart file stem → PNG bytes. ``meta``:
    ``survey`` (name), ``respondents`` (n), ``run_date`` (ISO date), and the method settings ``confidence``,
    ``bootstrap_samples``, ``min_count``, ``min_base`` (optionally ``min_responses``). ``lang``: fi, sv or en.
    """
    content = report_content(tables, figures, meta, lang)
    return {
        "summary.html": summary_html(content),
        "summary.xlsx": summary_xlsx(tables, meta, lang),
        "summary.md": summary_md(content),
        "summary.pptx": summary_pptx(content),
    }
