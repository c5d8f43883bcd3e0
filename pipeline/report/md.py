"""``summary.md``: the summary as Markdown for pasting into reports.

Tables are Markdown pipe tables; charts are linked from ``../figures/<stem>.png`` (the runner writes
``figures/`` beside ``reports/``). Every string from the data is made inert: HTML's ``& < >`` become entities,
Markdown's ``\\ ` * _ [ ] |`` are backslash-escaped, line breaks inside a cell become spaces, and text that
would start a spreadsheet formula gets a leading ``'`` (``safe_cell_text``) in case the table is pasted on.
"""
from __future__ import annotations

import re

from pipeline.report.content import ReportContent, Table
from pipeline.report.safe import safe_cell_text

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|])")
_WHITESPACE = re.compile(r"[^\S\u00a0]+")  # any whitespace but the no-break space of "65 %"


def md_text(text: str) -> str:
    """Return ``text`` as inert Markdown on one line: entities for ``& < >``, backslashes before markup."""
    flat = _WHITESPACE.sub(" ", text).strip()
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", flat)


def md_data(text: str) -> str:
    """Return a string from the data (an answer, a label) inert for Markdown and for spreadsheets."""
    return md_text(safe_cell_text(_WHITESPACE.sub(" ", text).strip()))


def md_table(table: Table, with_caption: bool = True) -> list[str]:
    """The table as Markdown lines (caption in bold above it); text cells pass through ``md_data``."""
    lines = [f"**{md_text(table.caption)}**", ""] if with_caption else []
    lines.append("| " + " | ".join(md_data(h) for h in table.headers) + " |")  # segment names come from answers
    lines.append("|" + "|".join("---:" if numeric else "---" for numeric in table.numeric) + "|")
    for row in table.rows:
        cells = [md_text(cell) if numeric else md_data(cell) for cell, numeric in zip(row, table.numeric)]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    return lines


def summary_md(report: ReportContent) -> bytes:
    """Return the summary as UTF-8 Markdown: title, findings, WP1/WP3 sections, method note, open answers."""
    lines = [f"# {md_text(report.title)}", ""]
    lines += [md_text(line) + "  " for line in report.meta_lines] + [""]
    if report.findings:
        lines += [f"## {md_text(report.labels['findings'])}", ""]
        lines += [f"- {md_text(finding)}" for finding in report.findings] + [""]
    if report.warnings:
        lines += [f"## {md_text(report.labels['warnings'])}", ""]
        lines += [f"- {md_text(warning)}" for warning in report.warnings] + [""]
    for section in report.sections:
        lines += [f"## {md_text(section.title)}", ""]
        for block in section.blocks:
            lines += [f"### {md_text(block.title)}", ""]
            if block.intro:
                lines += [md_text(block.intro), ""]
            for chart in block.charts:
                lines += [f"![{md_text(chart.title)}](../figures/{chart.stem}.png)", ""]
                if chart.finding:
                    lines += [f"*{md_text(chart.finding)}*", ""]
            for number, bullet in enumerate(block.bullets, start=1):
                lines.append(f"{number}. {md_text(bullet.text)}")
                lines += [f"    > {md_data(detail)}" for detail in bullet.details]
            if block.bullets:
                lines.append("")
            for table in block.tables:
                lines += md_table(table)
            if block.empty:
                lines += [md_text(block.empty), ""]
    lines += [f"## {md_text(report.method_title)}", ""]
    for paragraph in report.method:
        lines += [md_text(paragraph), ""]
    if report.open_answers is not None:
        lines += [f"## {md_text(report.open_answers.caption)}", ""]
        if report.open_answers.rows:
            lines += md_table(report.open_answers, with_caption=False)
        else:
            lines += [md_text(report.labels["no_answers"]), ""]
    return ("\n".join(lines).rstrip("\n") + "\n").encode("utf-8")
