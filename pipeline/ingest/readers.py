"""Bytes to a grid of strings: one reader per file format (CSV text, .xlsx workbook, SPSS .sav).

Every reader returns a ``RawTable``: all rows of the file (header rows included) as a DataFrame of
strings (``""`` for a blank cell) with integer column positions, the 1-based row number each row has in
the file as a spreadsheet shows it, and what the reader learnt (encoding, delimiter, sheet, value labels).
Rows a reader cannot use (ragged CSV rows) are listed in ``rejected`` with a reason, never dropped silently.
Title and note rows above the header (``sniff.title_rows``) are left out of the frame and their row numbers
kept in ``title_rows``; a workbook's sheet is chosen among its visible sheets and the reason kept. A sheet
holding its respondents in columns is turned so that each respondent is a row (``respondents_in_columns``).
"""
from __future__ import annotations

import csv
import datetime as _dt
import io
import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Mapping

import numpy as np
import pandas as pd

from pipeline.errors import InputError
from pipeline.ingest import sniff

_MB = 1024 * 1024


@dataclass
class RawTable:
    """A file's cells as strings, before header rows and tools are known."""

    frame: pd.DataFrame                 # every row, header rows first; columns 0..n-1; str cells, "" blank
    source_rows: np.ndarray             # 1-based file row (spreadsheet numbering) of each frame row
    file_format: str                    # csv | xlsx | xls | sav
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rejected: list[tuple[int, str]] = field(default_factory=list)   # (source_row, reason)
    value_labels: dict[int, dict[str, str]] = field(default_factory=dict)   # sav: column -> code -> label
    variable_labels: list[str] = field(default_factory=list)                # sav: one per column
    date_columns: set[int] = field(default_factory=set)     # columns whose cells were native dates
    sheet_reason: str = ""              # xlsx: why ``sheet`` was read
    sheet_states: dict[str, str] = field(default_factory=dict)      # xlsx: sheet -> visible | hidden | veryHidden
    title_rows: list[int] = field(default_factory=list)     # file rows of title / note rows skipped above the header
    # the skipped row just above the header when it names questions over groups of columns (sniff.question_row)
    question_row: list[str] = field(default_factory=list)
    transposed: bool = False            # respondents were in columns: the frame is the sheet turned (``_turned``)
    # xlsx: columns (frame positions) below whose header every filled cell is a formula error (read as blank)
    error_columns: set[int] = field(default_factory=set)
    # xlsx: file rows below the header hidden in Excel (an autofilter, a hidden row) and read like the others
    hidden_rows: list[int] = field(default_factory=list)
    # xlsx: (sheet, data rows) of each other visible sheet holding a table that was not read
    unread_sheets: list[tuple[str, int]] = field(default_factory=list)


def read_raw(path: Path, params: Mapping, sheet: str | None = None, plain: bool = False) -> RawTable:
    """Return the ``RawTable`` of an export file (format by extension, checked against the bytes). The file is
    remembered as an input of this run (``pipeline.io.protect_input``): no output may be written over it.
    ``plain``: a plain table (the attendance list, the workshop register), which no questionnaire spec can point
    at a sheet: the messages about a workbook's sheets say the fix that applies to it."""
    from pipeline import io as pio

    kind = sniff.file_format(path)
    pio.protect_input(path)
    if kind in ("xlsx", "xls"):
        table = read_xlsx(path, params, sheet, legacy=kind == "xls", plain=plain)
    elif kind == "sav":
        table = read_sav(path, params)
    else:
        table = read_csv(path, params, plain=plain)
    if table.frame.shape[1] > params["max_columns"] and kind != "sav":
        table = _unanswered_left_out(table, path.name, params["max_columns"]) or table
    if table.frame.shape[1] > params["max_columns"]:
        # a wrong delimiter splits a text file into too many columns; a workbook's columns are its own
        hint = "is the delimiter right?" if kind == "csv" else "delete the columns that are not the survey's"
        raise InputError(f"{path.name}: {table.frame.shape[1]} columns, more than the limit of {params['max_columns']} "
                         f"([ingest] max_columns); {hint}")
    if kind != "sav" and respondents_in_columns(table.frame):
        table = _turned(table, path.name)
    return table


# what a cell is, for telling which way a sheet runs: a number, a date, a long text (four words or more), a word
_NUMBER_CELL = re.compile(r"^[-+]?\d+(?:[.,]\d+)?$")
_DATE_CELL = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")
_RUNNING = re.compile(r"^(?P<before>\D*)(?P<n>\d{1,4})(?P<after>\D*)$")
TURNED_ID_HEADER = "Respondent ID"   # a ``common.id`` header of the vocabulary: the turned sheet's label column
TRANSPOSED_MAX_QUESTIONS = 500     # more rows than this are respondents, not a questionnaire's questions
TRANSPOSED_MIN_QUESTIONS = 3        # question rows down column A before a sheet can be read as turned
TRANSPOSED_PURITY_GAP = 0.1         # rows this much more alike in kind than columns: each row is one question
TRANSPOSED_QUESTION_SHARE = 0.3     # share of column A's texts ending in "?" or ":" (when respondents are unnumbered)


def _kind(cell: str) -> str:
    if _NUMBER_CELL.match(cell):
        return "number"
    if _DATE_CELL.match(cell):
        return "date"
    return "long" if len(cell.split()) >= 4 else "word"


def _purity(lines: list[list[str]]) -> float:
    """How alike in kind the cells of each line are (the most common kind's share, averaged over the lines
    with two or more filled cells); 1.0 when no line has two."""
    shares = []
    for line in lines:
        kinds = Counter(_kind(c) for c in line if c)
        if sum(kinds.values()) >= 2:
            shares.append(max(kinds.values()) / sum(kinds.values()))
    return sum(shares) / len(shares) if shares else 1.0


def _running_labels(cells: list[str]) -> bool:
    """True when the cells are respondent labels numbered in order: ``1, 2, 3``, ``Vastaaja 1, Vastaaja 2``,
    ``R1, R2`` (one number each, consecutive, the same words around it)."""
    found = [_RUNNING.match(c.strip()) for c in cells]
    if not found or not all(found):
        return False
    numbers = [int(m.group("n")) for m in found]
    same = len({(m.group("before").strip(), m.group("after").strip()) for m in found}) == 1
    return same and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def respondents_in_columns(frame: pd.DataFrame) -> bool:
    """True when a sheet holds its respondents in columns (transposed): column A lists question texts below a
    corner cell, each further column is one respondent, and the header row names respondents, not questions.
    Told by: ``TRANSPOSED_MIN_QUESTIONS`` to ``TRANSPOSED_MAX_QUESTIONS`` rows and two respondent columns;
    column A filled, distinct and worded (no numbers or dates); header cells short (four words at most) with no
    "?"; each row more alike in kind (numbers, dates, words, long texts) than each column by
    ``TRANSPOSED_PURITY_GAP`` (one question's answers are of one kind, one respondent's answers to different
    questions are not); and either the header numbers its respondents in order ("Vastaaja 1", "Vastaaja 2" …)
    or at least ``TRANSPOSED_QUESTION_SHARE`` of column A ends in "?" or ":". A usual export fails the header
    test (its header holds the questions)."""
    if not TRANSPOSED_MIN_QUESTIONS + 1 <= frame.shape[0] <= TRANSPOSED_MAX_QUESTIONS + 1 or frame.shape[1] < 3:
        return False
    # column A first: a usual export fails here at once (times, ids or repeated answers down column A)
    questions = [str(v).strip() for v in frame[0].iloc[1:]]
    if not all(questions) or len(set(questions)) < len(questions) or \
            any(_kind(q) in ("number", "date") or not re.search(r"[^\W\d_]", q) for q in questions):
        return False
    cells = frame.to_numpy(dtype=object)
    used = [j for j in range(1, cells.shape[1]) if any(str(v).strip() for v in cells[:, j])]
    if len(used) < 2:
        return False
    labels = [str(cells[0, j]).strip() for j in used]
    if any("?" in c or len(c.split()) > 4 for c in labels):
        return False
    rows = [[str(v).strip() for v in cells[i, used]] for i in range(1, cells.shape[0])]
    columns = [[str(v).strip() for v in cells[1:, j]] for j in used]
    if _purity(rows) < _purity(columns) + TRANSPOSED_PURITY_GAP:
        return False
    asked = sum(q.endswith(("?", ":", "？")) for q in questions) / len(questions)
    return _running_labels(labels) or asked >= TRANSPOSED_QUESTION_SHARE


def _unanswered_left_out(table: RawTable, name: str, limit: int) -> RawTable | None:
    """``table`` without its columns that hold no answer below the header rows, when only those take it over
    ``limit`` columns (``[ingest] max_columns``); None when its answered columns alone are more. A survey with a
    loop exports a block of columns for every pass (a Qualtrics loop of up to 100 facilities: 2170 columns, of
    which 38 respondents answered a few hundred; issue 12 round 13): a question nobody answered holds nothing to
    read. A warning says how many columns were left out."""
    from pipeline.ingest.detect import detect_layout

    _, header_rows = detect_layout(table)
    below = table.frame.iloc[header_rows:].to_numpy(dtype=object)
    answered = [j for j in range(below.shape[1]) if any(str(v).strip() for v in below[:, j])]
    if len(answered) > limit or not answered:
        return None
    frame = table.frame.iloc[:, answered].copy()
    frame.columns = range(frame.shape[1])
    new_pos = {old: new for new, old in enumerate(answered)}
    warnings = [*table.warnings,
                f"{name}: {table.frame.shape[1] - len(answered)} of {table.frame.shape[1]} columns hold no answer "
                f"below the header (questions nobody answered) and were left out, as the file is wider than "
                f"[ingest] max_columns = {limit}"]
    return replace(table, frame=frame, warnings=warnings,
                   date_columns={new_pos[j] for j in table.date_columns if j in new_pos},
                   value_labels={new_pos[j]: v for j, v in table.value_labels.items() if j in new_pos})


def _turned(table: RawTable, name: str) -> RawTable:
    """``table`` with rows and columns swapped (column A, the questions, becomes the header; each respondent
    column a data row; empty columns left out). A data row's number is then the sheet column it came from,
    and a warning says so."""
    cells = table.frame.to_numpy(dtype=object)
    used = [j for j in range(1, cells.shape[1]) if any(str(v).strip() for v in cells[:, j])]
    turned = pd.DataFrame(cells[:, [0, *used]].T.tolist(), dtype=object)
    turned.columns = range(turned.shape[1])
    # the header row's respondent labels ("Vastaaja 1", or a name) become the response id column: kept only as
    # a pseudonym, never shown as an answer
    turned.iloc[0, 0] = TURNED_ID_HEADER
    warnings = [*table.warnings,
                f"{name}: respondents are in columns (question texts down column A, one respondent per column): "
                f"read transposed, {len(used)} respondent column(s), their labels in row 1 read as response ids; "
                f"a row number below is the sheet's column number"]
    return replace(table, frame=turned, source_rows=np.asarray([1, *(j + 1 for j in used)], dtype=np.int64),
                   warnings=warnings, date_columns=set(), transposed=True)


def read_csv(path: Path, params: Mapping, plain: bool = False) -> RawTable:
    """Read a CSV/TSV export: decode (BOM, UTF-8, UTF-16, cp1252), sniff the delimiter, parse with a real
    CSV parser (cells may hold line breaks). Rows with more non-empty fields than the header, or fewer
    fields, are rejected with a reason; trailing empty fields are trimmed; blank lines are skipped with a
    warning. Raises ``InputError`` on unclosed quotes, oversized fields, empty or header-only files. ``plain``:
    a plain table, whose title rows above a narrow header are skipped too (``sniff.title_rows``' ``narrow``)."""
    name = path.name
    max_bytes = params["max_file_mb"] * _MB
    if path.stat().st_size > max_bytes:
        raise InputError(f"{name}: file is larger than [ingest] max_file_mb = {params['max_file_mb']} MB")
    raw = path.read_bytes()
    text, encoding, warnings = sniff.decode_bytes(raw, name)
    if not text.strip():
        raise InputError(f"{name}: the file holds no data (only whitespace)")
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html", "<head", "<body")) or ("<html" in head and head.startswith("<")):
        if path.suffix.lower() == ".xls":
            # a web tool's "Excel" download is an HTML table named .xls: downloading it again gives the same file,
            # Excel opens it and saves it as a real workbook (QA round 31 F14)
            raise InputError(f"{name}: this is a web page (HTML table) named .xls, not an Excel workbook; open it "
                             f"in Excel and save it as .xlsx (File > Save As > Excel Workbook)")
        raise InputError(f"{name}: this is a web page (HTML), not a survey export; download the export again")
    if head.startswith(("<?xml", "{", "[{")):
        raise InputError(f"{name}: this is XML/JSON, not a CSV export; export the responses as CSV or XLSX")
    delimiter = sniff.sniff_delimiter(text, params)
    limit = int(params["max_field_mb"] * _MB)
    old_limit = csv.field_size_limit()
    csv.field_size_limit(limit)
    try:
        rows, row_numbers, blank = _parse_csv(text, delimiter, name)
        unwrapped = _unwrapped_lines(rows, params)
        if unwrapped is not None:
            delimiter, inner = unwrapped
            rows, row_numbers, blank = _parse_csv(inner, delimiter, name)
            warnings.append(f"{name}: every line was one quoted cell holding a whole '{delimiter}'-separated "
                            f"row (the export was saved again as a one-column CSV); read the rows inside")
    finally:
        csv.field_size_limit(old_limit)
    if not rows:
        raise InputError(f"{name}: the file holds no rows")
    titles = sniff.title_rows(rows, tool_first_header, narrow=plain)
    title_numbers = row_numbers[:titles]
    questions = sniff.question_row(rows[titles - 1], rows[titles]) if 0 < titles < len(rows) else []
    if titles:
        blank -= row_numbers[titles] - titles - 1       # blank lines above the header are no data gaps
        rows, row_numbers = rows[titles:], row_numbers[titles:]
        warnings.append(_title_warning(name, title_numbers))
    if blank:
        warnings.append(f"{name}: {blank} blank line(s) skipped")
    width = len(rows[0])
    while width > 1 and rows[0][width - 1] == "" and all(len(r) < width or r[width - 1] == "" for r in rows[:50]):
        width -= 1          # a trailing delimiter on every line adds an empty, unnamed column
    kept: list[list[str]] = []
    kept_numbers: list[int] = []
    rejected: list[tuple[int, str]] = []
    for row, number in zip(rows, row_numbers):
        if len(row) > width:
            if any(cell.strip() for cell in row[width:]):
                rejected.append((number, f"{len(row)} fields where the header has {width} (ragged row)"))
                continue
            row = row[:width]
        elif len(row) < width:
            rejected.append((number, f"{len(row)} fields where the header has {width} (ragged row)"))
            continue
        kept.append(row)
        kept_numbers.append(number)
    if not kept:
        raise InputError(f"{name}: the header row is ragged; no usable header")
    if rejected:
        # a rejected row is counted in the ingest report, but one in 10,000 goes unseen unless it is said
        shown = "; ".join(f"line {number}: {reason}" for number, reason in rejected[:MARKED_CELLS_SHOWN])
        more = f" and {len(rejected) - MARKED_CELLS_SHOWN} more" if len(rejected) > MARKED_CELLS_SHOWN else ""
        warnings.append(f"{name}: {len(rejected)} row(s) rejected for a wrong number of fields ({shown}{more}); "
                        f"they are listed in processed/rejected.csv: a separator or line break inside an unquoted "
                        f"answer splits a row, so fix the row or export the file again")
    frame = pd.DataFrame(kept, dtype=object) if kept else pd.DataFrame()
    frame.columns = range(frame.shape[1])
    return RawTable(frame=frame, source_rows=np.asarray(kept_numbers, dtype=np.int64), file_format="csv",
                    encoding=encoding, delimiter=delimiter, warnings=warnings, rejected=rejected,
                    title_rows=title_numbers, question_row=questions[:width])


def _unwrapped_lines(rows: list[list[str]], params: Mapping) -> tuple[str, str] | None:
    """Return ``(delimiter, text)`` when every parsed row is one cell that holds a whole delimited row, else
    None: a ``;`` export opened as one column and saved again quotes each line whole (``"start;""end"";…"``),
    so the parser sees a single column whose cells are the real rows. ``text`` is those cells, one per line,
    to parse again with ``delimiter``. Taken only when the header cell itself splits into two or more fields
    and most rows split into as many: a real one-column file (one open question) has no delimiter in its
    header."""
    if len(rows) < 2 or any(len(row) != 1 for row in rows):
        return None
    text = "\n".join(row[0] for row in rows)
    delimiter = sniff.sniff_delimiter(text, params)
    sample = [row[0] for row in rows[:int(params["sniff_lines"])]]
    counts = [sniff._count_outside_quotes(line, delimiter) for line in sample]
    if counts[0] < 1 or 2 * sum(1 for c in counts[1:] if c == counts[0]) < len(counts) - 1:
        return None
    return delimiter, text


def _title_warning(name: str, numbers: list[int]) -> str:
    rows = f"row {numbers[0]}" if len(numbers) == 1 else f"rows {', '.join(str(n) for n in numbers)}"
    return f"{name}: {len(numbers)} title/note row(s) above the header skipped ({rows})"


def _parse_csv(text: str, delimiter: str, name: str) -> tuple[list[list[str]], list[int], int]:
    reader = csv.reader(io.StringIO(text, newline=""), dialect=sniff.dialect_quotechar(delimiter))
    rows: list[list[str]] = []
    numbers: list[int] = []
    blank = pending = 0
    record = 0
    while True:
        start_line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            message = str(exc)
            if "end of data" in message or "unexpected end" in message:
                raise InputError(f"{name}, line {start_line}: a quoted field is never closed (unbalanced \"); "
                                 f"fix the quoting and export again") from None
            if "field larger than field limit" in message:
                raise InputError(f"{name}, line {start_line}: a field is larger than [ingest] max_field_mb") from None
            raise InputError(f"{name}, line {reader.line_num}: malformed CSV ({message})") from None
        # an empty line is no record; a record of empty fields (",,,,") is a submission with no answers,
        # counted and rejected downstream rather than skipped
        if not row or (len(row) == 1 and not row[0].strip()):
            if record > 0:          # blank lines between records still occupy a spreadsheet row
                pending += 1
            continue
        blank += pending
        pending = 0
        record += 1
        rows.append(row)
        numbers.append(record + blank)
    return rows, numbers, blank


def read_xlsx(path: Path, params: Mapping, sheet: str | None = None, legacy: bool = False,
              plain: bool = False) -> RawTable:
    """Read a workbook with pandas' calamine engine after the zip-bomb and entity checks (``legacy``: an old
    binary ``.xls``, after the compound-file and used-range checks of ``legacy_xls.check_xls``).

    The sheet is ``sheet`` when given (the questionnaire spec's ``sheet``, hidden or not), else the visible
    sheet with the most filled cells (hidden and very hidden sheets are skipped: Microsoft Forms workbooks
    synced to Excel put a very hidden sheet first); ``sheet_reason`` says which rule chose it. Title and note
    rows above the header are left out (``sniff.title_rows``). Native dates are kept as ISO text
    (``2024-01-18 14:18:57.066``) and their columns remembered, so that Excel-damaged values (a size band
    ``6-25`` saved as a date) can be recognised later."""
    name = path.name
    if path.stat().st_size > params["max_file_mb"] * _MB:
        raise InputError(f"{name}: file is larger than [ingest] max_file_mb = {params['max_file_mb']} MB")
    states = dict(_xls_sheets(path, params) if legacy else sniff.workbook_sheets(path, params))
    sheets = list(states)
    if sheet is not None and sheet not in sheets:
        raise InputError(f"{name}: no sheet named {sheet!r}; the sheets are {', '.join(sheets)}")
    frame, chosen, reason, warnings, unread = _choose_sheet(path, states, sheet, plain)
    source_rows = np.asarray(frame.index, dtype=np.int64) + 1
    sheet_columns = [int(c) + 1 for c in frame.columns]        # the sheet's own column numbers (blank ones dropped)
    frame = frame.reset_index(drop=True)
    frame.columns = range(frame.shape[1])
    # wider than max_columns: judged by read_raw once the columns nobody answered are left out
    # No per-cell size check here: the uncompressed-size guard already bounds every cell of a workbook.
    date_columns: set[int] = set()
    columns = {}
    for pos in frame.columns:
        strings, had_dates = _stringify(frame[pos])
        if had_dates:
            date_columns.add(pos)
        columns[pos] = strings
    out = pd.DataFrame(columns, dtype=object)
    filled = (out.to_numpy(dtype=object) != "").any(axis=1)
    rows = np.flatnonzero(filled)
    titles = sniff.title_rows(out.iloc[rows[:sniff.MAX_TITLE_ROWS + 1]].to_numpy(dtype=object).tolist(),
                              tool_first_header, narrow=plain)
    title_numbers = [int(n) for n in source_rows[rows[:titles]]]
    questions = sniff.question_row(out.iloc[rows[titles - 1]].tolist(), out.iloc[rows[titles]].tolist()) \
        if 0 < titles < len(rows) else []
    if titles:
        warnings.append(_title_warning(name, title_numbers))
    header_at = rows[titles] if len(rows) > titles else len(out)
    gaps = int((~filled[header_at + 1:]).sum())
    if gaps:
        warnings.append(f"{name}: {gaps} blank row(s) skipped")
    error_columns: set[int] = set()
    hidden_rows: list[int] = []
    if not legacy and header_at < len(out):
        marks = sniff.sheet_marks(path, str(chosen))
        hidden_rows = _hidden_data_rows(marks, source_rows, int(source_rows[header_at]), out.to_numpy(dtype=object))
        out, marked = _sheet_marks_applied(out, marks, source_rows, sheet_columns, int(source_rows[header_at]), name)
        warnings.extend(marked)
        error_columns = _error_columns(out.iloc[rows[titles + 1:]], marks, source_rows[rows[titles + 1:]],
                                       sheet_columns)
    keep = rows[titles:]
    out = out.iloc[keep].reset_index(drop=True)
    return RawTable(frame=out, source_rows=source_rows[keep], file_format="xls" if legacy else "xlsx",
                    sheet=str(chosen),
                    sheets=sheets, warnings=warnings, date_columns=date_columns, sheet_reason=reason,
                    sheet_states=states, title_rows=title_numbers, error_columns=error_columns,
                    question_row=questions, hidden_rows=hidden_rows, unread_sheets=unread)


def _error_columns(body: pd.DataFrame, marks: Mapping[str, list], body_rows: np.ndarray,
                   sheet_columns: list[int]) -> set[int]:
    """The frame positions of the columns whose cells below the header are all blank but for formula errors
    (``#REF!``, ``#N/A``), at least one: a column a coordinator added to the export's Excel table with a formula
    (``Valor_Ambiente_Trabajo = XLOOKUP(…)`` beside each rating, broken when the lookup sheet went: issue 12
    round 26) holds no respondent's answer."""
    rows = {int(r) for r in body_rows}
    erred: dict[int, int] = {}
    for r, c, _text in marks.get("errors", []):
        if r in rows:
            erred[c] = erred.get(c, 0) + 1
    out = set()
    for pos, col in enumerate(sheet_columns):
        if erred.get(col) and pos in body.columns and not (body[pos] != "").any():
            out.add(pos)
    return out


_STATE_WORDS = {"hidden": "hidden", "veryHidden": "very hidden"}
MARKED_CELLS_SHOWN = 5      # cells, ranges or rows a warning names before "…"


def _cell_name(row: int, col: int) -> str:
    """A1-style name of a cell (1-based row and column)."""
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"


def _listed(names: list[str]) -> str:
    shown = ", ".join(names[:MARKED_CELLS_SHOWN])
    return shown + (f" and {len(names) - MARKED_CELLS_SHOWN} more" if len(names) > MARKED_CELLS_SHOWN else "")


def _sheet_marks_applied(out: pd.DataFrame, marks: Mapping[str, list], source_rows: np.ndarray,
                         sheet_columns: list[int], header_row: int, name: str) -> tuple[pd.DataFrame, list[str]]:
    """Return ``out`` (cells as strings, one row per sheet row of ``source_rows``, one column per sheet column of
    ``sheet_columns``) with each range merged down one column below the header (``header_row``) filled with its
    top cell's value, and the warnings that say so, that name the other merged ranges below the header (read in
    their first cell only), the rows hidden in Excel (read like the others) and the cells holding a formula
    error (read as blank). A range merged in the header is left to the header's own reading (a question merged
    across its statements, names merged down over two header rows)."""
    row_at = {int(r): i for i, r in enumerate(source_rows)}
    col_at = {c: j for j, c in enumerate(sheet_columns)}
    warnings: list[str] = []
    filled_ranges: list[str] = []
    other_ranges: list[str] = []
    values = out.to_numpy(dtype=object).copy()
    for r1, c1, r2, c2 in sorted(marks.get("merged", [])):
        if r1 <= header_row or r1 not in row_at:
            continue
        ref = f"{_cell_name(r1, c1)}:{_cell_name(r2, c2)}"
        top = values[row_at[r1], col_at[c1]] if c1 in col_at else ""
        if c1 == c2 and c1 in col_at and not _NUMBER_CELL.match(str(top).strip()):
            # a register's theme or organiser typed once and merged down over the workshops it holds for; a
            # figure merged down is not copied: it may be the rows' total as well as each row's own
            for r in range(r1 + 1, r2 + 1):
                if r in row_at and values[row_at[r], col_at[c1]] == "":
                    values[row_at[r], col_at[c1]] = top
            filled_ranges.append(ref)
        else:
            other_ranges.append(ref)
    if filled_ranges:
        warnings.append(f"{name}: merged cells {_listed(filled_ranges)} read as their top cell's value in every row "
                        f"they span")
    if other_ranges:
        warnings.append(f"{name}: merged cells {_listed(other_ranges)} (a figure, or across columns) read in their "
                        f"first cell only; unmerge them in Excel and give each row or column its own value")
    hidden = _hidden_data_rows(marks, source_rows, header_row, values)
    if hidden:
        warnings.append(f"{name}: row(s) {_listed([str(r) for r in hidden])} hidden in Excel are read like the "
                        f"others (a hidden row is not a deleted one); delete them from the file if they are test "
                        f"answers (the config's exclude takes their response ids, not these row numbers)")
    errors = [(r, c, text) for r, c, text in marks.get("errors", []) if r > header_row]
    if errors:
        warnings.append(f"{name}: {len(errors)} cell(s) hold a formula error and are read as blank: "
                        f"{_listed([f'{_cell_name(r, c)} ({text})' for r, c, text in errors])}; fix the formulas "
                        f"or paste the values in Excel")
    if not filled_ranges:
        return out, warnings
    return pd.DataFrame(values, index=out.index, columns=out.columns), warnings


def _hidden_data_rows(marks: Mapping[str, list], source_rows: np.ndarray, header_row: int,
                      values: np.ndarray) -> list[int]:
    """The file rows below the header (``header_row``) that Excel hides (``marks["hidden_rows"]``: an autofilter,
    a row hidden by hand) and that hold a cell (``values``: one row per file row of ``source_rows``)."""
    row_at = {int(r): i for i, r in enumerate(source_rows)}
    return [int(r) for r in marks.get("hidden_rows", []) if r > header_row and r in row_at
            and any(v != "" for v in values[row_at[r]])]


def _unread_sheets(frames: Mapping[str, pd.DataFrame], states: Mapping[str, str], chosen: str
                   ) -> list[tuple[str, int]]:
    """(sheet, data rows) of each visible sheet of ``frames`` other than ``chosen`` that holds a table (a header of
    two cells or more and rows below it) and is not a KoboToolbox repeat group's: what the run does not read, for
    the steering group's data warnings (QA round 31 F3: an INFO line alone)."""
    out = []
    for other, frame in frames.items():
        if other == chosen or states.get(other) != "visible" or _is_child_sheet(frame):
            continue
        header, rows = _header_and_body(frame)
        if len(header) >= 2 and rows:
            out.append((other, len(rows)))
    return out


def _xls_sheets(path: Path, params: Mapping) -> list[tuple[str, str]]:
    """Return ``(name, state)`` of every worksheet of an old binary ``.xls``, in workbook order (``state`` as
    ``sniff.workbook_sheets`` gives it), after ``legacy_xls.check_xls`` found it safe to open; chart sheets
    are left out. Raises ``InputError`` when calamine cannot read the workbook."""
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    from pipeline.ingest import legacy_xls

    legacy_xls.check_xls(path, params)
    try:
        book = CalamineWorkbook.from_path(str(path))
        metadata = list(book.sheets_metadata)
        getattr(book, "close", lambda: None)()      # close() came with python-calamine 0.3
    except Exception as exc:  # noqa: BLE001 - calamine raises its own error types for a damaged workbook
        first = str(exc).splitlines()[0] if str(exc) else "damaged workbook"
        raise InputError(f"{path.name}: not a readable .xls workbook ({first[:200]}); open it in Excel and save "
                         f"it as .xlsx") from None
    def state(visible: SheetVisibleEnum) -> str:
        if visible == SheetVisibleEnum.VeryHidden:
            return "veryHidden"
        return "hidden" if visible == SheetVisibleEnum.Hidden else "visible"

    sheets = [(m.name, state(m.visible)) for m in metadata if m.typ == SheetTypeEnum.WorkSheet]
    if not sheets:
        raise InputError(f"{path.name}: the workbook has no worksheets")
    return sheets


def _read_sheet(path: Path, sheet: str) -> pd.DataFrame:
    try:
        frame = pd.read_excel(path, sheet_name=sheet, header=None, engine="calamine", dtype=object)
    except Exception as exc:  # noqa: BLE001 - calamine raises its own error types for damaged parts
        raise InputError(f"{path.name}: cannot read sheet {sheet!r} ({exc.__class__.__name__}: "
                         f"{str(exc).splitlines()[0] if str(exc) else 'damaged workbook'})") from None
    return frame.dropna(how="all", axis=1)


def _filled_cells(frame: pd.DataFrame) -> int:
    values = frame.to_numpy(dtype=object)       # one array, not a comparison per column
    return int((~pd.isna(values) & (values != "")).sum())


def _choose_sheet(path: Path, states: dict[str, str], sheet: str | None, plain: bool = False
                  ) -> tuple[pd.DataFrame, str, str, list[str], list[tuple[str, int]]]:
    """The frame of the sheet that holds the responses, its name, why it was chosen, warnings, and the other
    visible sheets holding a table that is not read (``_unread_sheets``; none when ``sheet`` is given).

    ``sheet`` (from the questionnaire spec) wins; else the visible sheet with the most filled cells (the
    first of equals); the hidden ones only when no visible sheet holds a cell. Raises ``InputError`` when
    another visible sheet continues the chosen one (``_continuing_sheets``): its rows would be dropped without
    a word. ``plain``: a plain table, whose messages cannot point at a spec's ``sheet:``."""
    name = path.name
    if sheet is not None:
        frame = _read_sheet(path, sheet)
        if frame.dropna(how="all").empty:
            raise InputError(f"{name}: the workbook is empty (no cells on sheet {sheet!r})")
        return frame, sheet, "named in the questionnaire spec", [], []
    visible = [s for s, state in states.items() if state == "visible"]
    hidden = [s for s, state in states.items() if state != "visible"]
    skipped = "; ".join(f"{_STATE_WORDS[states[s]]} sheet {s!r} skipped" for s in hidden)
    frames: dict[str, pd.DataFrame] = {}
    counts: dict[str, int] = {}
    # a very hidden sheet is the tool's own (Microsoft Forms keeps its form data there), never the responses
    # unless a questionnaire spec names it
    very_hidden = [s for s in hidden if states[s] == "veryHidden"]
    hidden = [s for s in hidden if states[s] != "veryHidden"]
    for group in (visible, hidden):
        for candidate in group:
            frames[candidate] = _read_sheet(path, candidate)
            counts[candidate] = _filled_cells(frames[candidate])
        if any(counts.values()):
            break
    if not any(counts.values()):
        if very_hidden:
            raise InputError(f"{name}: no visible sheet holds cells; the very hidden sheet {very_hidden[0]!r} is "
                             f"not read unless a questionnaire spec names it (sheet: {very_hidden[0]})")
        last = list(frames)[-1]
        raise InputError(f"{name}: the workbook is empty (no cells on sheet {last!r})")
    # a KoboToolbox repeat group's sheet can hold more rows than the submissions' sheet it belongs to: it is
    # never the responses while a sheet of submissions is there
    children = {s for s in counts if counts[s] and _is_child_sheet(frames[s])}
    ranked = {s: c for s, c in counts.items() if s not in children} if set(counts) - children else counts
    if not any(ranked.values()):
        ranked = counts
    chosen = max(ranked, key=lambda s: (ranked[s], -list(states).index(s)))
    with_cells = [s for s in counts if counts[s]]
    # a researcher's workbook can keep the tool's responses sheet beside sheets made from it (recoded copies, a
    # long coding table with more cells): the one sheet whose header starts with the column a survey tool puts
    # first ("Časová značka", "序号", "Start time") is the export
    exports = [s for s in ranked if ranked[s] and _starts_like_export(frames[s])]
    tool_sheet = len(exports) == 1 and exports[0] != chosen and states[exports[0]] == "visible"
    if tool_sheet:
        chosen = exports[0]
    continuing = _continuing_sheets(frames, chosen, [s for s in with_cells if states[s] == "visible"]) \
        if states[chosen] == "visible" else []
    if continuing:
        raise InputError(_continuing_message(name, chosen, frames[chosen], continuing, plain))
    warnings: list[str] = []
    if tool_sheet:
        others = ", ".join(f"{s!r} has {counts[s]} filled cells" for s in with_cells if s != chosen)
        reason = (f"the only visible sheet whose header is a survey tool's export (its first column or its start "
                  f"and completion times), though not the one with the most filled cells ({others})")
        warnings.append(f"{name}: {len(with_cells)} visible sheets hold cells; read {chosen!r}, whose header is a "
                        f"survey tool's export; name another with 'sheet:' in a questionnaire spec")
    elif states[chosen] != "visible":
        state = _STATE_WORDS[states[chosen]]
        reason = f"every visible sheet is empty; the {state} sheet with the most filled cells"
        warnings.append(f"{name}: no visible sheet holds cells; read {state} sheet {chosen!r}")
    elif len(with_cells) == 1:
        reason = "the only visible sheet" if len(visible) == 1 else "the only visible sheet with cells"
    elif children and chosen not in children:
        skipped_children = ", ".join(repr(s) for s in with_cells if s in children)
        others = ", ".join(f"{s!r} has {counts[s]}" for s in with_cells if s != chosen and s not in children)
        reason = (f"the visible sheet with the most filled cells ({counts[chosen]}{'; ' + others if others else ''})"
                  f" that is not a repeat group's sheet (skipped: {skipped_children})")
    else:
        others = ", ".join(f"{s!r} has {counts[s]}" for s in with_cells if s != chosen)
        reason = f"the visible sheet with the most filled cells ({counts[chosen]}; {others})"
        warnings.append(f"{name}: {len(with_cells)} visible sheets hold cells; read {chosen!r}, the one with the "
                        + ("most; the others are not read: move the rows to that sheet if they belong to the table"
                           if plain else "most; name another with 'sheet:' in a questionnaire spec"))
    if children and chosen not in children and len(with_cells) - len(children) > 1:
        warnings.append(f"{name}: {len(with_cells) - len(children)} visible sheets of responses hold cells; read "
                        f"{chosen!r}, the one with the most; name another with 'sheet:' in a questionnaire spec")
    if skipped and states[chosen] == "visible":
        reason = f"{reason}; {skipped}"
    return frames[chosen], chosen, reason, warnings, _unread_sheets(frames, states, chosen)


SAME_HEADER_SHARE = 0.8     # another sheet sharing this much of the header texts continues the table
SHEETS_NAMED = 5            # sheets a message names before "…"


def _header_and_body(frame: pd.DataFrame) -> tuple[set[str], list[tuple[str, str]]]:
    """A sheet's header texts (folded, the first filled row below any title rows, ``sniff.title_rows``) and the
    first two cells of each data row below it (blank rows left out). Only the leading rows are read whole: a
    sheet of 100,000 responses is compared by its first two columns."""
    from pipeline.keys import fold

    values = frame.to_numpy(dtype=object)
    rows = np.flatnonzero((~pd.isna(values)).any(axis=1)) if values.size else np.zeros(0, dtype=int)

    def text(cell: Any) -> str:
        return "" if cell is None or (isinstance(cell, float) and math.isnan(cell)) else str(cell).strip()

    lead = [[text(c) for c in values[i]] for i in rows[:sniff.MAX_TITLE_ROWS + 1]]
    lead_kept = [k for k, row in enumerate(lead) if any(row)]
    if not lead_kept:
        return set(), []
    titles = sniff.title_rows([lead[k] for k in lead_kept], tool_first_header)
    if titles >= len(lead_kept):
        return set(), []
    at = lead_kept[titles]
    header = {fold(c) for c in lead[at] if c}
    second = 1 if values.shape[1] > 1 else 0
    return header, [(text(values[i][0]), text(values[i][second])) for i in rows[at + 1:]]


def _continuing_sheets(frames: Mapping[str, pd.DataFrame], chosen: str, visible: list[str]
                       ) -> list[tuple[str, int]]:
    """The other visible sheets that continue ``chosen``'s table, with their data rows: a header of at least two
    cells sharing ``SAME_HEADER_SHARE`` of its texts with ``chosen``'s, and data rows of which at least half start
    with two cells (a response number and time, a workshop and a company) that no data row of ``chosen`` starts
    with. Responses exported twice or pasted in two batches (a second export's numbers start at 1 again, its times
    do not), an attendance list kept one sheet per workshop, a register one sheet per term (QA round 31 F3, F15);
    a recoded or filtered copy of the same rows is no continuation."""
    if not [s for s in visible if s != chosen]:
        return []
    header, body = _header_and_body(frames[chosen])
    if len(header) < 2:
        return []
    own = set(body)
    out = []
    for other in visible:
        if other == chosen:
            continue
        cells, rows = _header_and_body(frames[other])
        if len(cells) < 2 or len(cells & header) < SAME_HEADER_SHARE * max(len(cells), len(header)) or not rows:
            continue
        new = sum(1 for first in rows if first not in own)
        if new and 2 * new >= len(rows):
            out.append((other, len(rows)))
    return out


def _continuing_message(name: str, chosen: str, frame: pd.DataFrame, continuing: list[tuple[str, int]],
                        plain: bool) -> str:
    """The one line refusing a table split over sheets: which sheets continue ``chosen`` and their rows, and the
    fix (for a survey export also a spec's ``sheet:`` to read one sheet on purpose)."""
    shown = ", ".join(f"{s!r} ({n} rows)" for s, n in continuing[:SHEETS_NAMED])
    more = f" and {len(continuing) - SHEETS_NAMED} more" if len(continuing) > SHEETS_NAMED else ""
    rows = len(_header_and_body(frame)[1])
    fix = (f"paste their rows under the header of {chosen!r} and delete those sheets" if plain else
           f"paste their rows under the header of {chosen!r} and delete those sheets, or name one sheet with "
           f"'sheet:' in a questionnaire spec to read it alone on purpose")
    return (f"{name}: sheet(s) {shown}{more} have the same header as {chosen!r} ({rows} rows) and rows of their "
            f"own: one table is split over {len(continuing) + 1} sheets and only one sheet is read; {fix}")


def _starts_like_export(frame: pd.DataFrame) -> bool:
    """True when one of the first rows of ``frame`` (a title may stand above the header) begins with the name a
    survey tool gives its first column (``tool_first_header``) or holds a tool's own pair of metadata columns
    (Microsoft Forms' start and completion times, whose first column is a bare "Id" that a summary table
    made beside it can start with too)."""
    from pipeline.ingest.layout import VOCABULARY
    from pipeline.keys import fold

    start, completion = set(VOCABULARY["msforms"]["start"]), set(VOCABULARY["msforms"]["completion"])
    for _, row in frame.head(sniff.MAX_TITLE_ROWS + 1).iterrows():
        first = row.iloc[0] if len(row) else None
        if first is not None and not pd.isna(first) and tool_first_header(str(first)):
            return True
        cells = {fold(str(v)) for v in row if not pd.isna(v)}
        if cells & start and cells & completion:
            return True
    return False


def _is_child_sheet(frame: pd.DataFrame) -> bool:
    """True when the first filled row of ``frame`` names the columns that link a KoboToolbox repeat group's
    rows to their submission (``_parent_index``, ``_submission__uuid``, …): a child table, not the responses."""
    from pipeline.ingest.layout import VOCABULARY      # layout reads the vocabulary once; no import cycle
    from pipeline.keys import fold

    markers = VOCABULARY["kobotoolbox"]["child_sheet_markers"]
    for _, row in frame.head(20).iterrows():
        cells = {fold(str(v)) for v in row if not pd.isna(v) and str(v).strip()}
        if cells:
            return len(cells & markers) >= 2
    return False


def _stringify(column: pd.Series) -> tuple[pd.Series, bool]:
    """Cells as strings: blank → "", integral floats without ``.0``, datetimes as ISO text.

    Columns of one cell type are converted in one vectorised step; mixed columns cell by cell."""
    present = column.notna()
    values = column.to_numpy(dtype=object)
    filled = present.to_numpy()
    kinds = set(map(type, values[filled]))
    if kinds <= {str}:
        # text (the usual xlsx column): blanks as "", on the array (a Series operation per column cost more)
        out = values.copy()
        out[~filled] = ""
        return pd.Series(out, index=column.index, dtype=object), False
    if kinds <= {int, float} and kinds:
        numbers = pd.to_numeric(column, errors="coerce").to_numpy(dtype=float)
        integral = np.isfinite(numbers) & (np.mod(numbers, 1) == 0) & (np.abs(numbers) < 1e15)
        out = np.full(len(numbers), "", dtype=object)
        out[integral] = numbers[integral].astype(np.int64).astype(str)
        other = np.isfinite(numbers) & ~integral
        out[other] = [repr(float(v)) for v in numbers[other]]
        return pd.Series(out, index=column.index, dtype=object), False
    if kinds <= {_dt.datetime, pd.Timestamp} and kinds:
        stamps = pd.to_datetime(column, errors="coerce")
        midnight = (stamps == stamps.dt.normalize()).to_numpy()
        with_fraction = (stamps.dt.microsecond != 0).to_numpy()
        out = np.where(midnight, stamps.dt.strftime("%Y-%m-%d"),
                       np.where(with_fraction, stamps.dt.strftime("%Y-%m-%d %H:%M:%S.%f"),
                                stamps.dt.strftime("%Y-%m-%d %H:%M:%S")))
        out = np.where(present.to_numpy(), out, "").astype(object)
        return pd.Series(out, index=column.index, dtype=object), True
    out = np.empty(len(values), dtype=object)
    had_dates = False
    for i, v in enumerate(values):
        if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NaT:
            out[i] = ""
        elif isinstance(v, str):
            out[i] = v
        elif isinstance(v, bool):
            out[i] = "TRUE" if v else "FALSE"
        elif isinstance(v, float):
            out[i] = str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
        elif isinstance(v, (_dt.datetime, pd.Timestamp)):
            had_dates = True
            out[i] = v.strftime("%Y-%m-%d") if (v.hour, v.minute, v.second, v.microsecond) == (0, 0, 0, 0) \
                else v.isoformat(sep=" ")
        elif isinstance(v, _dt.date):
            had_dates = True
            out[i] = v.isoformat()
        elif isinstance(v, _dt.time):
            out[i] = v.isoformat()
        else:
            out[i] = str(v)
    return pd.Series(out, index=column.index, dtype=object), had_dates


def read_sav(path: Path, params: Mapping) -> RawTable:
    """Read an SPSS .sav with pyreadstat: codes as strings, value labels and variable labels kept.

    Row 0 of the frame holds the variable names (the one header row)."""
    name = path.name
    if path.stat().st_size > params["max_file_mb"] * _MB:
        raise InputError(f"{name}: file is larger than [ingest] max_file_mb = {params['max_file_mb']} MB")
    data, meta = _read_sav_isolated(path)
    if data.shape[1] > params["max_columns"]:
        raise InputError(f"{name}: {data.shape[1]} variables, more than the limit of {params['max_columns']}")
    columns: dict[int, pd.Series] = {}
    date_columns: set[int] = set()
    for pos, column in enumerate(data.columns):
        series = data[column]
        if pd.api.types.is_numeric_dtype(series):
            numbers = series.to_numpy(dtype=float)
            text = np.where(np.isnan(numbers), "", None)
            finite = ~np.isnan(numbers)
            integral = finite & (np.mod(numbers, 1) == 0)
            text = text.astype(object)
            text[integral] = [str(int(v)) for v in numbers[integral]]
            other = finite & ~integral
            text[other] = [repr(float(v)) for v in numbers[other]]
            columns[pos] = pd.Series(text, dtype=object)
        else:
            strings, had_dates = _stringify(series)
            if had_dates:
                date_columns.add(pos)
            columns[pos] = strings.reset_index(drop=True)
    body = pd.DataFrame(columns, dtype=object)
    header = pd.DataFrame([list(data.columns)], dtype=object)
    frame = pd.concat([header, body], ignore_index=True)
    frame.columns = range(frame.shape[1])
    value_labels: dict[int, dict[str, str]] = {}
    for pos, column in enumerate(data.columns):
        labels = meta.variable_value_labels.get(column)
        if labels:
            value_labels[pos] = {_code(k): str(v) for k, v in labels.items()}
    variable_labels = [str(lbl) if lbl else "" for lbl in (meta.column_labels or [""] * data.shape[1])]
    # a case with no values is a respondent who answered nothing: kept, so that it is counted and rejected
    return RawTable(frame=frame.reset_index(drop=True), source_rows=np.arange(1, len(frame) + 1),
                    file_format="sav", encoding=meta.file_encoding, sheet=None, warnings=[],
                    value_labels=value_labels, variable_labels=variable_labels, date_columns=date_columns)


class _SavMeta:
    """What ``read_sav`` uses of pyreadstat's metadata (plain values, so it crosses a process boundary)."""

    def __init__(self, meta: Any) -> None:
        self.variable_value_labels = dict(meta.variable_value_labels or {})
        self.column_labels = list(meta.column_labels or [])
        self.file_encoding = meta.file_encoding


def _sav_child(path: str, conn: Any) -> None:
    """In the child process: read the file and send ``("ok", data, meta)`` or ``("error", message)``."""
    import faulthandler

    import pyreadstat

    faulthandler.disable()          # a crash here is expected and reported by the parent, not dumped

    try:
        data, meta = pyreadstat.read_sav(path, apply_value_formats=False, user_missing=False)
        conn.send(("ok", data, _SavMeta(meta)))
    except Exception as exc:  # noqa: BLE001 - pyreadstat raises ReadstatError and others for damaged files
        text = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
        conn.send(("error", text[:300]))
    finally:
        conn.close()


def _read_sav_isolated(path: Path) -> tuple[pd.DataFrame, _SavMeta]:
    """pyreadstat's C reader in a child process: a damaged file that crashes it (a value-label record naming
    variable 9999 makes it read out of bounds and die with SIGSEGV) ends the child, not the run, and becomes
    one line naming the file. Forked where the platform can, so nothing is imported again."""
    import multiprocessing
    import signal

    try:
        context = multiprocessing.get_context("fork")
    except ValueError:
        context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_sav_child, args=(str(path), child), daemon=True)
    process.start()
    child.close()
    try:
        result = parent.recv()
    except (EOFError, OSError):
        result = None
    finally:
        parent.close()
        process.join()
    if result is None:
        code = process.exitcode
        how = f"signal {signal.Signals(-code).name}" if code is not None and code < 0 else f"exit code {code}"
        raise InputError(f"{path.name}: the SPSS reader crashed on this file ({how}); the .sav is damaged (such as "
                         f"value labels for a variable it does not have): save it again in SPSS, or export CSV")
    if result[0] == "error":
        raise InputError(f"{path.name}: cannot read the SPSS file ({result[1]})")
    return result[1], result[2]


def _code(key: Any) -> str:
    if isinstance(key, float) and key.is_integer():
        return str(int(key))
    return str(key)


_FIRST_HEADERS: frozenset[str] | None = None


def tool_first_header(cell: str) -> bool:
    """True when ``cell`` (folded like a header) is the name a survey tool gives the first column of its export:
    Google Forms' timestamp, Microsoft Forms' id and start time, 问卷星's and 腾讯问卷's number, Typeform's ``#``,
    SoSci's ``CASE``, Qualtrics' ``StartDate``, SurveyMonkey's ``RespondentID`` (``ingest_vocabulary.yaml``). A
    bare ``id`` is left out: a researcher's own table starts with one as often as a tool's."""
    global _FIRST_HEADERS
    from pipeline.ingest.layout import VOCABULARY
    from pipeline.keys import fold

    if _FIRST_HEADERS is None:
        names = set(VOCABULARY["googleforms"]["timestamp"]) | set(VOCABULARY["msforms"]["id"]) | \
            set(VOCABULARY["msforms"]["start"]) | set(VOCABULARY["typeform"]["id"]) | \
            set(VOCABULARY["wenjuanxing"]["id"]) | set(VOCABULARY["tencentwj"]["id"]) | \
            {fold("CASE"), fold("StartDate"), fold("RespondentID"), fold("Respondent ID")}
        _FIRST_HEADERS = frozenset(names - {fold("id"), fold("id.")})
    return fold(str(cell)) in _FIRST_HEADERS
