"""Make text from answers inert in spreadsheets, slides and CSV files.

A spreadsheet runs a cell as a formula when its text begins with ``=``, ``+``, ``-`` or ``@`` (and a leading tab
or carriage return hides such a start from a naive check). Open answers are written by anyone, so every text
cell that reaches ``reports/`` goes through ``safe_cell_text``: a risky start is prefixed with ``'``, which
spreadsheets show as text. Numbers stay numbers: a numeric value is not a formula (``-0.2`` in a numeric column
is data, not an attack), and turning it into text would break sums in the workbook.

A CSV file may be opened with another separator than it was written with: Finnish and Swedish Excel split on
``;``, so ``Kauppa;=1+1;`` written as one field becomes three cells, the middle one a live formula. CSV text
therefore goes through ``safe_csv_text``: every piece after a ``,``, ``;``, tab or line break that would start
a formula gets the ``'`` too (and ``pipeline.io.csv_bytes`` quotes every text field). The workbook keeps
``safe_cell_text``: a cell there is one cell whatever it holds, so what it shows is unchanged.
"""
from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Characters XML 1.0 forbids (C0 controls except tab, LF, CR; U+FFFE, U+FFFF; lone surrogates): openpyxl and
# python-pptx refuse them ("All strings must be XML compatible"), and no answer needs them, so they are dropped
# rather than failing the whole report.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# a piece of a field that a spreadsheet splitting on , ; tab or a line break would take for a formula; the
# piece may open with quotes too (";\"=1+1": split on ";", the quote only wraps the formula that follows)
_PIECE_FORMULA = re.compile(r"(^|[,;\t\r\n])([ \"]{0,50})(?=[=+\-@])")


def xml_text(value: str) -> str:
    """Return ``value`` without the control characters XML cannot carry (tab, LF and CR are kept)."""
    return _XML_ILLEGAL.sub("", value)


def safe_cell_text(value: Any) -> str:
    """Return ``value`` as text a spreadsheet will not run: a formula start gets a leading ``'``.

    ``"=1+1"`` becomes ``"'=1+1"``, ``"\\t=1"`` becomes ``"'\\t=1"``; other text is returned unchanged; XML-illegal
    control characters are removed. Non-strings are converted with ``str`` first.
    """
    text = xml_text(value if isinstance(value, str) else str(value))
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def safe_csv_text(value: Any) -> str:
    """Return ``value`` as CSV text no spreadsheet will run, whatever separator it splits the file on: the
    start of the text and every piece after a ``,``, ``;``, tab or line break that begins with ``=``, ``+``,
    ``-`` or ``@`` (after any spaces and quotes) gets a leading ``'``. ``"Kauppa;=1+1;"`` becomes
    ``"Kauppa;'=1+1;"``, ``'a;"=1+1'`` becomes ``'a;"\'=1+1'``."""
    text = safe_cell_text(value)
    return _PIECE_FORMULA.sub(r"\1\2'", text) if any(c in text for c in ",;\t\r\n \"") else text


def _is_text_column(series: pd.Series) -> bool:
    return not (pd.api.types.is_numeric_dtype(series) or pd.api.types.is_datetime64_any_dtype(series)
                or pd.api.types.is_bool_dtype(series))


def safe_csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``frame`` whose text cells cannot run as formulas when the CSV is opened.

    Every string in a text (object/string) column goes through ``safe_csv_text`` (every ``,``/``;``/tab-
    separated piece guarded like a cell start); lists are ``"; "``-joined first; missing values stay missing;
    numeric, boolean and date columns are unchanged. Column names get the same treatment, since a header row
    is a row of cells too.
    """
    out = frame.copy()
    for column in out.columns:
        if not _is_text_column(out[column]):
            continue
        guarded = out[column].map(_safe_value)
        # keep a string column a string column (its missing values stay missing of the same kind)
        out[column] = guarded.astype(out[column].dtype) if out[column].dtype != object else guarded
    out.columns = [safe_csv_text(c) if isinstance(c, str) else c for c in out.columns]
    return out


def _safe_value(value: Any) -> Any:
    if isinstance(value, (list, tuple, np.ndarray)):
        return safe_csv_text("; ".join(str(v) for v in value))
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return value
    if isinstance(value, str):
        return safe_csv_text(value)
    return value
