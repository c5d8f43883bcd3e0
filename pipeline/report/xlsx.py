"""``summary.xlsx``: one sheet per table, numbers as numbers, every text cell inert.

Sheet order: an "about" sheet (survey, sample, run date, method settings, the ``:c`` legend, the method note),
then the analysis tables in report order, any other table by name, and last the open answers with their coded
themes. Headers are localised, bold and frozen; columns get widths from their contents; shares carry a percent
format, counts an integer format, dates a date format. In a row whose ``suppressed`` flag is true the counts and
shares are written as ``:c``.

Safety: every string goes through ``safe_cell_text`` (a leading ``=``, ``+``, ``-``, ``@``, tab or CR gets a
``'``) and is stored with ``data_type = "s"``, because openpyxl turns any string starting with ``=`` into a
formula otherwise.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from pipeline.i18n import Messages
from pipeline.outputs import BLOCKS, BY_NAME, OUTPUTS, PSEUDONYM, TEXT, column_kind
from pipeline.report.content import (POINT_COLUMNS, Formatter, block_tables, header, is_missing, is_share_column,
                                    _several_per_company, masked_when_suppressed, method_paragraphs, says_nothing,
                                    suppressed_rows, theme_names, with_companies)
from pipeline.report.safe import safe_cell_text
from pipeline.segments import place_name, segment_label
from pipeline.workbook import run_time, workbook_bytes

MAX_SHEET_NAME = 31
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
PERCENT_FORMAT = "0.0%"
INTEGER_FORMAT = "0"
DECIMAL_FORMAT = "0.00"
DATE_FORMAT = "yyyy-mm-dd"
# a score in points (NPS): whole, the negative with the minus sign as the summaries print it (QA round 27)
POINTS_FORMAT = '0;"\u2212"0'
MIN_WIDTH, MAX_WIDTH, TEXT_WIDTH = 8, 60, 80
# Row heights for wrapped text (an .xlsx stores none by itself; LibreOffice then draws one line and the rest
# of the paragraph under the next row). A line holds about LINE_CHARS_PER_WIDTH characters per unit of column
# width (text is wider than the digit "0" the unit is measured in, and DejaVu Sans, LibreOffice's fallback for
# Calibri, is wider still) and takes LINE_HEIGHT points.
LINE_CHARS_PER_WIDTH = 0.8
LINE_HEIGHT = 15.0
ROW_PADDING = 3.0
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
# One row per company: analysis microdata, not a summary for the steering group; kept in processed/ only.
MICRODATA_TABLES = frozenset({"company_themes"})


def sheet_order(names: list[str]) -> list[str]:
    """Table names in sheet order: report blocks, the registry's other report tables, others alphabetically,
    ``open_answers`` last.

    Microdata tables (one row per company) are left out.
    """
    names = [n for n in names if n not in MICRODATA_TABLES]
    known = [t for b in BLOCKS for t in block_tables(b.key)] + [
        o.name for o in OUTPUTS if o.in_report and o.block is None and o.name != "open_answers"]
    first = [t for t in dict.fromkeys(known) if t in names]
    rest = sorted(n for n in names if n not in first and n != "open_answers")
    return first + rest + (["open_answers"] if "open_answers" in names else [])


def sheet_name(msgs: Messages, table: str, taken: set[str]) -> str:
    """The localised sheet name of ``table``: forbidden characters removed, at most 31 characters, unique."""
    key = f"report.sheet.{table}"
    base = _SHEET_FORBIDDEN.sub("", msgs(key) if key in msgs else table).strip("' ")[:MAX_SHEET_NAME] or "sheet"
    name, number = base, 2
    while name.casefold() in taken:
        suffix = f" {number}"
        name, number = base[:MAX_SHEET_NAME - len(suffix)] + suffix, number + 1
    taken.add(name.casefold())
    return name


def _plain(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else value


def write_cell(ws, row: int, column: int, value: Any, number_format: str | None = None):
    """Write one value: strings inert and typed as text, numbers and dates as themselves; returns the cell."""
    value = _plain(value)
    if isinstance(value, (list, tuple, np.ndarray)):
        value = "; ".join(str(v) for v in value)
    if is_missing(value):
        return ws.cell(row=row, column=column)
    if isinstance(value, pd.Timestamp):
        value = value.tz_localize(None).to_pydatetime() if value.tzinfo else value.to_pydatetime()
    if isinstance(value, datetime) and value.time() == datetime.min.time() and number_format == DATE_FORMAT:
        value = value.date()  # a day, not midnight: shown and filtered as a date
    if isinstance(value, (bool, int, float, datetime, date)):
        cell = ws.cell(row=row, column=column, value=value)
        if number_format and not isinstance(value, bool):
            cell.number_format = number_format
        return cell
    cell = ws.cell(row=row, column=column)
    cell.value = safe_cell_text(value)
    cell.data_type = "s"
    return cell


def _number_format(column: str, series: pd.Series, columns: list[str], table: str) -> str | None:
    if pd.api.types.is_bool_dtype(series):
        return None
    if pd.api.types.is_datetime64_any_dtype(series):
        return DATE_FORMAT
    if is_share_column(column, columns, table):
        return PERCENT_FORMAT
    if column in POINT_COLUMNS:
        return POINTS_FORMAT
    if pd.api.types.is_integer_dtype(series):
        return INTEGER_FORMAT
    if pd.api.types.is_float_dtype(series):
        return DECIMAL_FORMAT
    return None


def wrapped_lines(text: Any, width: float) -> int:
    """Returns how many lines ``text`` takes when wrapped in a column ``width`` characters wide (at least 1)."""
    per_line = max(1, int(width * LINE_CHARS_PER_WIDTH))
    lines = 0
    for paragraph in str(text if text is not None else "").splitlines() or [""]:
        length, count = 0, 1
        for word in paragraph.split():
            if length and length + 1 + len(word) > per_line:
                count, length = count + 1, 0
            length += (1 if length else 0) + len(word)
            while length > per_line:  # a word longer than a line breaks inside itself
                count, length = count + 1, length - per_line
        lines += count
    return max(lines, 1)


def fit_row_heights(ws) -> None:
    """Give every row holding a wrapped cell the height its longest wrapped text needs (column widths must
    be set first); rows without wrapped text keep the default height."""
    for row in ws.iter_rows():
        lines = 0
        for cell in row:
            if cell.value is None or not (cell.alignment is not None and cell.alignment.wrap_text):
                continue
            width = ws.column_dimensions[get_column_letter(cell.column)].width or MIN_WIDTH
            lines = max(lines, wrapped_lines(cell.value, width))
        if lines > 1:
            ws.row_dimensions[row[0].row].height = lines * LINE_HEIGHT + ROW_PADDING


def set_print_layout(ws, title_rows: str | None = None) -> None:
    """Print set-up: A4 landscape, every column on one page width (as many pages down as needed), the
    header row ``title_rows`` (e.g. ``"1:1"``) repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    if title_rows:
        ws.print_title_rows = title_rows


def _width(value: Any) -> int:
    if value is None:
        return 0
    text = str(value)
    return max(len(line) for line in text.splitlines()) if text else 0


def coded_label(msgs: Messages, column: str, value: Any, table: str = "",
                names: Mapping[str, str] | None = None) -> Any:
    """A coded text value (``answer = yes``, ``note_key = feedback.kp.nps`` …) as its catalogue label (the
    table's own, ``report.value.<table>.<column>.<value>``, before the shared one); a theme slug in a table
    without theme names as its name in ``names``; any other value unchanged."""
    if not isinstance(value, str):
        return value
    for key in ((f"report.value.{table}.{column}.{value}",) if table else ()) + (f"report.value.{column}.{value}",):
        if key in msgs:
            return msgs(key)
    if column == "note_key" and value in msgs:
        return msgs(value)
    if table == "feedback_problems" and column == "problem" and f"feedback.problem.{value}" in msgs:
        return msgs(f"feedback.problem.{value}")      # the data warnings' own words for it
    if column == "theme" and names:
        return names.get(value, value)
    return value


# one shared instance per alignment: openpyxl hashes every alignment assigned, and a new object per cell made
# the workbook of a large survey several seconds slower
TOP = Alignment(vertical="top")
TOP_WRAPPED = Alignment(vertical="top", wrap_text=True)
TOP_RIGHT = Alignment(horizontal="right", vertical="top")


def write_table(ws, frame: pd.DataFrame, msgs: Messages, table: str = "",
                names: Mapping[str, str] | None = None) -> None:
    """Write ``frame`` to ``ws`` with a frozen, filtered, localised header row and fitted column widths; a
    ``theme`` column with no ``theme_name`` beside it shows the names ``names`` gives its slugs."""
    mark = msgs("report.suppressed")
    columns = [str(c) for c in frame.columns]
    slug_names = names if "theme_name" not in columns else None
    hidden = suppressed_rows(frame).to_numpy()
    widths = []
    for index, column in enumerate(columns, start=1):
        # beside the theme's name, the slug column is headed as the identifier it is
        label = msgs("report.col.theme_id") if column == "theme" and "theme_name" in columns else \
            header(msgs, column, table)
        cell = write_cell(ws, 1, index, label)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = TOP_WRAPPED
        widths.append(_width(cell.value))
    formats = [_number_format(c, frame[original], columns, table) for c, original in zip(columns, frame.columns)]
    text = [column_kind(table, c, columns) == TEXT for c in columns]
    # as in the summaries (``content.display_table``): a table whose rules hide a figure by leaving it out marks that
    # figure alone, not every count of its flagged row (QA round 18: the workbook's funnel read ":c" where the
    # summaries and funnel.csv published 8 and 5)
    ruled = table in BY_NAME and BY_NAME[table].missing_is_hidden
    # a yes/no such a table leaves out is hidden too (QA round 26: a blank "language gap"), as in the summaries
    yes_no = {c for c, original in zip(columns, frame.columns) if pd.api.types.is_bool_dtype(frame[original])}
    for row_number, record in enumerate(frame.itertuples(index=False, name=None), start=2):
        is_hidden = bool(hidden[row_number - 2]) and not ruled
        for index, (column, value) in enumerate(zip(columns, record), start=1):
            if is_hidden and (masked_when_suppressed(column, columns, table) or is_missing(value)) or \
                    ruled and is_missing(value) and (masked_when_suppressed(column, columns, table)
                                                     or column in yes_no):
                cell = write_cell(ws, row_number, index, mark)
                cell.alignment = TOP_RIGHT
            else:
                cell = write_cell(ws, row_number, index, coded_label(msgs, column, value, table, slug_names),
                                  formats[index - 1])
                # top-aligned like the wrapped text beside it in a tall row
                cell.alignment = TOP_WRAPPED if text[index - 1] else TOP
            shown = f"{value:.1%}" if formats[index - 1] == PERCENT_FORMAT and isinstance(cell.value, float) \
                else cell.value
            widths[index - 1] = max(widths[index - 1], _width(shown))
    for index, width in enumerate(widths, start=1):
        limit = TEXT_WIDTH if text[index - 1] else MAX_WIDTH
        ws.column_dimensions[get_column_letter(index)].width = min(max(width + 2, MIN_WIDTH), limit)
    ws.freeze_panes = "A2"
    if columns:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(len(frame) + 1, 1)}"
    fit_row_heights(ws)
    set_print_layout(ws, "1:1")


def write_findings(ws, msgs: Messages, findings: Sequence[str], warnings: Sequence[str]) -> None:
    """The last sheet: the key findings, then the data warnings, the summaries lead with, one to a row under a
    header like every table's (QA round 18: a steering-group member who opened the workbook alone read none)."""
    cell = write_cell(ws, 1, 1, msgs("report.label.findings"))
    cell.font = Font(bold=True)
    cell.fill = HEADER_FILL
    row = 1
    for line in findings:
        row += 1
        write_cell(ws, row, 1, line).alignment = TOP_WRAPPED
    if warnings:
        row += 2
        write_cell(ws, row, 1, msgs("report.label.warnings")).font = Font(bold=True)
        for line in warnings:
            row += 1
            write_cell(ws, row, 1, line).alignment = TOP_WRAPPED
    ws.column_dimensions["A"].width = TEXT_WIDTH
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:A{row}"
    fit_row_heights(ws)
    set_print_layout(ws, "1:1")


def write_about(ws, meta: Mapping[str, Any], msgs: Messages) -> None:
    """The first sheet: what the workbook is, the run's sample and settings, the ``:c`` legend, the method."""
    fmt = Formatter(msgs)
    title = write_cell(ws, 1, 1, msgs("report.title"))
    title.font = Font(bold=True, size=14)
    for index, key in enumerate(("item", "value"), start=1):
        write_cell(ws, 3, index, msgs(f"report.about.{key}")).font = Font(bold=True)
    row = 4
    for key in ("survey", "respondents", "companies", "run_date", "confidence", "bootstrap_samples", "min_count",
                "min_base", "min_responses"):
        if meta.get(key) is None or meta.get(key) == "" or key == "companies" and not _several_per_company(meta):
            continue
        write_cell(ws, row, 1, msgs(f"report.about.{key}"))
        value = meta[key]
        if key == "run_date" and isinstance(value, str):
            value = pd.Timestamp(value).to_pydatetime()
        write_cell(ws, row, 2, value, PERCENT_FORMAT if key == "confidence" else
                   DATE_FORMAT if key == "run_date" else None)
        row += 1
    write_cell(ws, row, 1, msgs("report.about.suppressed", mark=msgs("report.suppressed")))
    row += 2
    write_cell(ws, row, 1, msgs("report.section.method")).font = Font(bold=True)
    for paragraph in method_paragraphs(meta, fmt):
        row += 1
        write_cell(ws, row, 1, paragraph).alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = TEXT_WIDTH
    ws.column_dimensions["B"].width = 24
    fit_row_heights(ws)
    set_print_layout(ws)


def summary_xlsx(tables: Mapping[str, pd.DataFrame], meta: Mapping[str, Any], lang: str,
                 findings: Sequence[str] = (), warnings: Sequence[str] = ()) -> bytes:
    """Return the workbook as .xlsx bytes: the about sheet, then one sheet per table in ``sheet_order``; none for a
    table that says nothing (``says_nothing``), nor for an empty one unless its report block says why it is empty
    or the registry keeps its sheet (``Output.empty_sheet``); last, the ``findings`` and ``warnings`` the
    summaries lead with."""
    meta = with_companies(tables, meta)
    msgs = Messages(lang, float(meta.get("confidence", 0.95)))
    names = theme_names(tables, msgs)
    book = Workbook()
    taken: set[str] = set()
    about = book.active
    about.title = sheet_name(msgs, "about", taken)
    write_about(about, meta, msgs)
    for name in sheet_order(list(tables)):
        frame = tables[name]
        output = BY_NAME.get(name)
        block = output.block if output is not None else None
        if frame.empty and not (output is not None and output.empty_sheet) and f"report.empty.{block}" not in msgs \
                or says_nothing(name, frame):
            # a survey without that question (no size class, no competence grid): no sheet of headers alone, as
            # the summaries leave the block out; a block that says why it is empty keeps its sheet, and so does a
            # table whose emptiness is news (the registry's empty_sheet)
            continue
        # no respondent or company pseudonym (nor an answer id made from one) leaves processed/
        if "locality" in frame.columns:
            # a workshop's place as the segment sheets name it (QA round 40)
            frame = frame.assign(locality=[place_name(v, msgs) if isinstance(v, str) else v for v in frame["locality"]])
        if {"segment_type", "segment"} <= set(frame.columns):
            # a pool of a sub-region's small municipalities is named as such, and a place or sector in the
            # report's language, as in the summaries (the export-readiness sheet too)
            frame = frame.assign(segment=[v if not isinstance(v, str) else segment_label(str(k), v, frame, msgs)
                                          for k, v in zip(frame["segment_type"], frame["segment"])])
            if "members" in frame.columns:
                # the pooled municipalities in the report's language too (QA round 29: "Kronoby" in the segment
                # column, "Kruunupyy" among the members)
                frame = frame.assign(members=[m if not isinstance(m, str) else
                                              ";".join(place_name(n, msgs) for n in m.split(";"))
                                              for m in frame["members"]])
        linked = [c for c in frame.columns if column_kind(name, str(c), [str(x) for x in frame.columns]) == PSEUDONYM]
        write_table(book.create_sheet(sheet_name(msgs, name, taken)), frame.drop(columns=linked), msgs, name, names)
    if findings or warnings:
        write_findings(book.create_sheet(sheet_name(msgs, "findings", taken)), msgs, findings, warnings)
    book.properties.creator = "needs-pipeline"
    # dated by the run, not the clock: the same run gives the same bytes
    return workbook_bytes(book, run_time(meta.get("run_date")))
