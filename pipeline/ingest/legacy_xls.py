"""Guards for an old binary Excel workbook (``.xls``: BIFF records in an OLE2 compound file) before a parser
sees it.

python-calamine reads ``.xls`` natively, but it parses every sheet when the workbook is opened and allocates
each sheet's whole used range: a 1 KB file naming one cell at IV65536 costs it hundreds of megabytes. So the
compound file is opened first with olefile to find the ``Workbook`` (BIFF8) or ``Book`` (BIFF5) stream; its
records are scanned for the furthest cell each sheet names (cell records and the
``DIMENSIONS`` record) and for ``FILEPASS`` (a password-protected workbook). Every failure raises
``InputError`` with one line naming the file and what to do.
"""
from __future__ import annotations

import io
import logging
import struct
from pathlib import Path
from typing import Mapping

from pipeline.errors import InputError
from pipeline.ingest.sniff import SPARSE_FACTOR, SPARSE_FLOOR

log = logging.getLogger(__name__)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# BIFF record types that name one cell as (row u16, column u16) at their start
_CELL_RECORDS = {0x0006, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x00D6, 0x0406}
_MULTI_CELL_RECORDS = {0x00BD, 0x00BE}      # MULRK, MULBLANK: row, first column, ..., last column (u16 at end)
_DIMENSIONS = 0x0200
_BOF = 0x0809
_EOF = 0x000A
_FILEPASS = 0x002F
_GLOBALS = 0x0005               # BOF type of the workbook globals substream (no cells)
# calamine allocates a sheet's whole used range (one cell at IV65536 costs 1 GB, measured), and BIFF8's 256 x
# 65536 range is within max_sheet_cells: the density rule of .xlsx sheets applies (sniff.SPARSE_FLOOR/FACTOR)


class _Damaged(Exception):
    """The compound file or its BIFF stream is not what its headers say."""


def check_xls(path: Path, params: Mapping) -> None:
    """Return nothing when the ``.xls`` at ``path`` is safe to hand to calamine; raise ``InputError`` when it is
    damaged, not a workbook, password-protected, or names a cell beyond ``max_columns`` columns or a used range
    of more than ``max_sheet_cells`` cells (the same limits as an ``.xlsx``)."""
    name = path.name
    data = path.read_bytes()
    try:
        stream = _workbook_stream(data)
    except _Damaged as exc:
        if path.suffix.lower() != ".xls":
            # the parser's own words ("bytes length not a multiple of item size") tell the user nothing: the log
            # keeps them for --verbose (QA round 31 F14)
            log.debug("%s: OLE2 container not readable: %s", name, exc)
            raise InputError(f"{name}: an OLE2 compound file, not a readable .xlsx or .xls workbook; a damaged or "
                             f"password-protected workbook? Open it in Excel, remove any password and save it as "
                             f".xlsx") from None
        raise InputError(f"{name}: not a readable .xls workbook ({exc}); open it in Excel and save it as .xlsx, "
                         f"or export the responses again") from None
    if stream is None:
        raise InputError(f"{name}: an OLE2 compound file without an Excel workbook stream (a Word or other Office "
                         f"file, or a damaged .xls); export the responses as .xlsx or CSV")
    max_cols = int(params.get("max_columns", 2000))
    max_cells = int(params.get("max_sheet_cells", 50_000_000))
    for sheet, (far_col, far_row, cells) in enumerate(_far_cells(stream, name), start=1):
        span = far_col * far_row
        if far_col > max_cols or span > max_cells:
            raise InputError(f"{name}: sheet {sheet} reaches column {far_col}, row {far_row} ({far_col} columns x "
                             f"{far_row} rows), over the limit of {max_cols} columns ([ingest] max_columns) or "
                             f"{max_cells} cells ([ingest] max_sheet_cells); delete the stray cells far from the "
                             f"table and save again")
        if span > SPARSE_FLOOR and span > SPARSE_FACTOR * max(cells, 1):
            raise InputError(f"{name}: sheet {sheet} holds {cells} cells but reaches column {far_col}, row {far_row} "
                             f"(a stray cell far from the table would make the reader allocate {span} cells); "
                             f"delete the cells far from the table and save again")


def _workbook_stream(data: bytes) -> bytes | None:
    """The bytes of the ``Workbook`` / ``Book`` stream of an OLE2 compound file (read with olefile), or None
    when it has none. Raises ``_Damaged`` when olefile finds the compound file damaged."""
    import olefile

    if not data.startswith(OLE_MAGIC):
        raise _Damaged("not a compound file")
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            label = next((label for label in ("Workbook", "Book") if ole.exists(label)
                          and ole.get_type(label) == olefile.STGTY_STREAM), None)
            if label is None:
                return None
            if ole.get_size(label) > len(data):
                raise _Damaged("a stream is larger than the file")
            return ole.openstream(label).read()
    except _Damaged:
        raise
    except Exception as exc:  # noqa: BLE001 - olefile raises OSError, struct.error, IndexError … on damage
        raise _Damaged(str(exc) or type(exc).__name__) from None


def _far_cells(stream: bytes, name: str) -> list[tuple[int, int, int]]:
    """``(columns, rows, cells)`` of each worksheet substream of a BIFF stream, in stream order: the furthest
    column and row it names (cell records and ``DIMENSIONS``, 1-based) and how many cells its records hold.
    Raises ``InputError`` for a ``FILEPASS`` record (the workbook is encrypted)."""
    sheets: list[tuple[int, int, int]] = []
    far_col = far_row = cells = 0
    depth = 0
    globals_ = False
    pos = 0
    end = len(stream)
    while pos + 4 <= end:
        kind, length = struct.unpack_from("<HH", stream, pos)
        body = stream[pos + 4:pos + 4 + length]
        pos += 4 + length
        if kind == _FILEPASS:
            raise InputError(f"{name}: the workbook is password-protected (encrypted); open it in Excel, remove the "
                             f"password and save it again (as .xlsx)")
        if kind == _BOF:
            depth += 1
            if depth == 1:
                far_col = far_row = cells = 0
                globals_ = len(body) >= 4 and struct.unpack_from("<H", body, 2)[0] == _GLOBALS
        elif kind == _EOF:
            if depth == 1 and not globals_:
                sheets.append((far_col, far_row, cells))
            depth = max(depth - 1, 0)
        elif kind in _CELL_RECORDS and len(body) >= 4:
            row, col = struct.unpack_from("<HH", body, 0)
            far_row, far_col = max(far_row, row + 1), max(far_col, col + 1)
            cells += 1
        elif kind in _MULTI_CELL_RECORDS and len(body) >= 6:
            row, first = struct.unpack_from("<HH", body, 0)
            last = struct.unpack_from("<H", body, len(body) - 2)[0]
            far_row, far_col = max(far_row, row + 1), max(far_col, last + 1)
            cells += max(last - first + 1, 0)
        elif kind == _DIMENSIONS:
            if len(body) >= 14:                 # BIFF8: rows as u32, one past the last
                _first_row, rows, _first_col, cols = struct.unpack_from("<IIHH", body, 0)
            elif len(body) >= 8:                # BIFF5
                _first_row, rows, _first_col, cols = struct.unpack_from("<HHHH", body, 0)
            else:
                continue
            far_row, far_col = max(far_row, rows), max(far_col, cols)
    if depth and not globals_ and (far_col or far_row):
        sheets.append((far_col, far_row, cells))    # a stream cut short still names its cells
    return sheets
