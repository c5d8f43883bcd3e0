"""What kind of file this is, before anything parses it: format by magic bytes, text encoding, delimiter,
the sheets of a workbook and their visibility, which leading rows are a title above the header, and the
guards that stop a hostile workbook (zip bomb, XML entity bomb) before a parser sees it.

Every failure raises ``InputError`` with one line naming the file.
"""
from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
import zlib
from pathlib import Path
from typing import Any, Callable, Mapping

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from pipeline.errors import InputError

TEXT_EXTENSIONS = {".csv", ".tsv", ".txt", ".tab"}
XLSX_EXTENSIONS = {".xlsx", ".xlsm"}
SAV_EXTENSIONS = {".sav", ".zsav"}
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SAV_MAGIC = (b"$FL2", b"$FL3")
_MB = 1024 * 1024
# Title and note rows above the header (see ``title_rows``); candidates for [ingest] tunables.
MAX_TITLE_ROWS = 20         # at most this many leading rows can be a title or notes (instructions run long)
TITLE_MAX_CELLS = 2         # a title / note row fills at most this many cells
HEADER_MIN_CELLS = 3        # the header row below them fills at least this many (and > 2 x a title row's)


def file_format(path: Path) -> str:
    """Return ``csv``, ``xlsx``, ``xls`` (old binary Excel) or ``sav`` for the file, checking that the bytes
    agree with the extension.

    Raises ``InputError`` for an empty file, an unsupported extension, or contents of another format.
    """
    name = path.name
    if not path.is_file():
        raise InputError(f"{name}: file not found or not a regular file")
    size = path.stat().st_size
    if size == 0:
        raise InputError(f"{name}: the file is empty (0 bytes); export it again from the survey tool, or, for a "
                         f"hand-kept sheet, save it again from Excel")
    with path.open("rb") as fh:
        head = fh.read(8)
    ext = path.suffix.lower()
    if head.startswith(_OLE_MAGIC) and _is_encrypted_ooxml(path):
        raise InputError(f"{name}: the workbook is password-protected (encrypted); open it in Excel, remove the "
                         f"password (File > Info > Protect Workbook > Encrypt with Password) and save it again")
    if head.startswith(_OLE_MAGIC):
        if ext in XLSX_EXTENSIONS | {".xls"}:
            return "xls"            # BIFF in an OLE2 compound file (also an .xls renamed .xlsx)
        raise InputError(f"{name}: this is an old binary Excel workbook named {ext or '(no extension)'}; "
                         f"rename it to .xls")
    if ext == ".xls":
        # web tools save HTML tables or tab-separated text as ".xls": the zip and text readers say what it is
        return "xlsx" if head.startswith(_ZIP_MAGIC) else "csv"
    if ext in XLSX_EXTENSIONS | {".xls", ".csv"} and name.startswith("~$") and not head.startswith(_ZIP_MAGIC):
        # Excel writes "~$name.xlsx" beside a workbook it has open: a few bytes naming the user, no data
        raise InputError(f"{name}: an Excel lock file (the workbook is open in Excel), not the data; name "
                         f"{name[2:]} in the config instead")
    if ext in XLSX_EXTENSIONS:
        if not head.startswith(_ZIP_MAGIC):
            raise InputError(f"{name}: not a valid .xlsx workbook (no zip signature); is it a CSV renamed to .xlsx?")
        return "xlsx"
    if ext in SAV_EXTENSIONS:
        if not head.startswith(_SAV_MAGIC):
            raise InputError(f"{name}: not an SPSS .sav file (no $FL2 signature)")
        return "sav"
    if ext in TEXT_EXTENSIONS:
        if head.startswith(_ZIP_MAGIC):
            raise InputError(f"{name}: this is a zip/xlsx file named {ext}; rename it to .xlsx")
        if head.startswith(_SAV_MAGIC):
            raise InputError(f"{name}: this is an SPSS file named {ext}; rename it to .sav")
        return "csv"
    raise InputError(f"{name}: unsupported file type {ext or '(no extension)'}; export the survey as CSV, XLSX or SAV")


_ENCRYPTED_MARKS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))


def _is_encrypted_ooxml(path: Path, limit: int = 64 * _MB) -> bool:
    """An OLE compound file holding an ``EncryptedPackage`` stream: an .xlsx saved with a password (Office
    wraps the encrypted zip in an OLE container, so its bytes start like an old .xls)."""
    tail = b""
    read = 0
    with path.open("rb") as fh:
        while read < limit:
            chunk = fh.read(_MB)
            if not chunk:
                return False
            block = tail + chunk
            if any(mark in block for mark in _ENCRYPTED_MARKS):
                return True
            tail = block[-40:]
            read += len(chunk)
    return False


def check_workbook(path: Path, params: Mapping) -> list[str]:
    """Return the sheet names of an .xlsx workbook after checking it is safe to parse (``workbook_sheets``)."""
    return [sheet for sheet, _state in workbook_sheets(path, params)]


def workbook_sheets(path: Path, params: Mapping) -> list[tuple[str, str]]:
    """Return ``(name, state)`` of every sheet of an .xlsx workbook, in workbook order, after checking it is
    safe to parse; ``state`` is ``visible``, ``hidden`` or ``veryHidden`` (the ``state`` attribute of the
    sheet in ``xl/workbook.xml``; Microsoft Forms workbooks synced to Excel put a very hidden sheet first).

    Checks, before any parser runs: the file is a readable zip; the total uncompressed size is at most
    ``max_uncompressed_mb``; no member inflates more than ``max_compression_ratio`` times (members under
    ``zip_ratio_min_mb`` are exempt, as small XML compresses well); no XML member declares a DOCTYPE or
    ENTITY (entity-expansion bombs: every part read whole, not only its start); no worksheet names a cell
    beyond ``max_columns`` columns or a used range of more than ``max_sheet_cells`` cells (a 6 KB workbook
    with one cell at XFD1048576 makes a reader allocate the whole range); the workbook part parses with
    defusedxml.
    """
    name = path.name
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(f"{name}: not a valid .xlsx workbook (damaged or truncated zip: {exc}); download the export "
                         f"again, or open it in Excel and save it as .xlsx") from None
    with archive:
        try:
            members = archive.infolist()
        except Exception as exc:  # noqa: BLE001 - a damaged central directory can fail in several ways
            raise InputError(f"{name}: not a valid .xlsx workbook ({exc})") from None
        total = sum(m.file_size for m in members)
        if total > params["max_uncompressed_mb"] * _MB:
            raise InputError(f"{name}: workbook would unpack to {total / _MB:.0f} MB, over the limit of "
                             f"{params['max_uncompressed_mb']} MB (zip bomb?); raise [ingest] max_uncompressed_mb "
                             f"if the file is genuine")
        for member in members:
            ratio = member.file_size / max(member.compress_size, 1)
            if member.file_size > params["zip_ratio_min_mb"] * _MB and ratio > params["max_compression_ratio"]:
                raise InputError(f"{name}: workbook member {member.filename} inflates {ratio:.0f}-fold (zip bomb?); "
                                 f"limit is [ingest] max_compression_ratio = {params['max_compression_ratio']}")
        names = {m.filename for m in members}
        if "xl/workbook.xml" not in names:
            raise InputError(f"{name}: not an Excel workbook (the zip has no xl/workbook.xml)")
        try:
            for member in members:
                if member.filename.endswith((".xml", ".rels")):
                    _check_part(archive, member, name, params)
            root = SafeET.fromstring(archive.read("xl/workbook.xml"))
            kinds = _relationship_kinds(archive, names)
        except InputError:
            raise
        except (DefusedXmlException, SafeET.ParseError) as exc:
            raise InputError(f"{name}: workbook XML is unsafe or malformed ({exc.__class__.__name__})") from None
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, RuntimeError) as exc:
            raise InputError(f"{name}: workbook is damaged or truncated ({exc})") from None
    # a chart sheet (a Google Sheets or Excel chart given a tab of its own) is listed among the sheets but holds
    # no cells, and a reader asked for it by name fails: only worksheets are candidates
    sheets = [(el.get("name", ""), el.get("state") or "visible") for el in root.iter()
              if (el.tag.endswith("}sheet") or el.tag == "sheet")
              and kinds.get(_relationship_id(el), "worksheet") in _CELL_SHEET_KINDS]
    if not sheets:
        raise InputError(f"{name}: the workbook has no sheets")
    return [(sheet, state if state in ("hidden", "veryHidden") else "visible") for sheet, state in sheets]


# relationship types (the last part of the type URI in xl/_rels/workbook.xml.rels) of sheets that hold cells
_CELL_SHEET_KINDS = frozenset({"worksheet"})
_RELS = "xl/_rels/workbook.xml.rels"


def _relationship_kinds(archive: zipfile.ZipFile, names: set[str]) -> dict[str, str]:
    """Return the workbook's relationship ids mapped to the last part of their type (``worksheet``,
    ``chartsheet``, ``styles`` …); empty when the workbook has no relationships part."""
    if _RELS not in names:
        return {}
    rels = SafeET.fromstring(archive.read(_RELS))
    return {el.get("Id", ""): el.get("Type", "").rsplit("/", 1)[-1] for el in rels.iter()
            if el.tag.endswith("Relationship")}


def _relationship_id(sheet: Any) -> str:
    """Return the ``r:id`` attribute of a ``<sheet>`` element of xl/workbook.xml, whatever its namespace."""
    for key, value in sheet.attrib.items():
        if key == "id" or key.endswith("}id"):
            return value
    return ""


_ENTITY_MARK = re.compile(rb"<!\s{0,8}(?:DOCTYPE|ENTITY)", re.IGNORECASE)
# XML allows either quote around an attribute and spaces around its "=", and readers take a reference in
# lower case too: a check that only knew r="XFD1048576" let r = 'xfd1048576' through to the reader
_CELL_REF = re.compile(rb"<(?:\w{1,10}:)?c\s[^>]{0,400}?\br\s{0,8}=\s{0,8}[\"']([A-Za-z]{1,3})([0-9]{1,8})[\"']")
_ROW_REF = re.compile(rb"<(?:\w{1,10}:)?row\s[^>]{0,400}?\br\s{0,8}=\s{0,8}[\"']([0-9]{1,8})[\"']")
_DIMENSION = re.compile(rb"<(?:\w{1,10}:)?dimension\s[^>]{0,400}?\bref\s{0,8}=\s{0,8}[\"'][A-Za-z]{0,3}[0-9]{0,8}:?"
                        rb"([A-Za-z]{1,3})([0-9]{1,8})[\"']")
# the shared-string table's declared size: the reader reserves room for that many strings before reading one
_UNIQUE_COUNT = re.compile(rb"<(?:\w{1,10}:)?sst\s[^>]{0,400}?\buniqueCount\s{0,8}=\s{0,8}[\"']\s{0,8}([0-9]{1,20})")
_MIN_SHARED_STRING_BYTES = 4    # "<si/>": no string takes fewer bytes than this in the part
_OVERLAP = 1024
# readers allocate a sheet's whole used range (calamine about 64 bytes a cell): a range of more than SPARSE_FLOOR
# cells must also be at most SPARSE_FACTOR times the cells the sheet holds (a survey sheet with blanks is far
# denser); the same rule guards an old .xls (pipeline.ingest.legacy_xls)
SPARSE_FLOOR = 1_000_000
EXCEL_MAX_COLUMNS = 16_384      # column XFD: no workbook Excel writes reaches further
SPARSE_FACTOR = 20


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters.decode("ascii").upper():
        number = number * 26 + ord(ch) - 64
    return number


def _check_part(archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str, params: Mapping) -> None:
    """Read one XML part of a workbook whole, in chunks: refuse a DTD or entity declaration anywhere in it,
    and for a worksheet a used range (its ``dimension`` or the furthest cell or row it names) wider than Excel's
    ``EXCEL_MAX_COLUMNS`` or larger than ``max_sheet_cells``, before any reader allocates it (a sheet wider than
    ``max_columns`` is judged after reading, without the columns nobody answered: ``readers.read_raw``)."""
    worksheet = member.filename.startswith("xl/worksheets/")
    max_cols = int(params.get("max_columns", 2000))
    max_cells = int(params.get("max_sheet_cells", 50_000_000))
    far_col = far_row = cells = 0
    tail = b""
    with archive.open(member) as fh:
        while True:
            chunk = fh.read(_MB)
            if not chunk:
                break
            block = tail + chunk
            if _ENTITY_MARK.search(block):
                raise InputError(f"{name}: workbook part {member.filename} declares XML entities (DOCTYPE); "
                                 f"refusing to parse it")
            if not tail and member.filename.endswith("sharedStrings.xml"):
                declared = _UNIQUE_COUNT.search(block)
                if declared and int(declared.group(1)) > member.file_size // _MIN_SHARED_STRING_BYTES:
                    raise InputError(f"{name}: workbook part {member.filename} declares {int(declared.group(1))} "
                                     f"strings in {member.file_size} bytes (a damaged or crafted file); open it in "
                                     f"Excel and save it again")
            if worksheet:
                for pattern in (_CELL_REF, _DIMENSION):
                    for match in pattern.finditer(block):
                        far_col = max(far_col, _column_number(match.group(1)))
                        far_row = max(far_row, int(match.group(2)))
                        cells += pattern is _CELL_REF and match.start() >= len(tail)
                for match in _ROW_REF.finditer(block):
                    far_row = max(far_row, int(match.group(1)))
            tail = block[-_OVERLAP:]
    # a sheet wider than max_columns is read when its cells are few enough: the reader leaves out the columns
    # nobody answered (a survey loop's blocks; readers.read_raw) and refuses it only if the rest is still too
    # wide. Wider than Excel itself allows, or more cells than max_sheet_cells, is refused here.
    if worksheet and (far_col > max(max_cols, EXCEL_MAX_COLUMNS) or far_col * far_row > max_cells):
        cell = f"{_column_letters(far_col)}{far_row}"
        raise InputError(f"{name}: worksheet {member.filename.rsplit('/', 1)[-1]} reaches cell {cell} "
                         f"({far_col} columns x {far_row} rows), over the limit of {max_cells} cells "
                         f"([ingest] max_sheet_cells) or Excel's {EXCEL_MAX_COLUMNS} columns; delete the "
                         f"stray cells far from the table (or clear the sheet's used range) and save again")
    span = far_col * far_row
    if worksheet and span > SPARSE_FLOOR and span > SPARSE_FACTOR * max(cells, 1):
        raise InputError(f"{name}: worksheet {member.filename.rsplit('/', 1)[-1]} holds {cells} cells but reaches "
                         f"cell {_column_letters(far_col)}{far_row} (a stray cell far from the table would make the "
                         f"reader allocate {span} cells); delete the cells far from the table and save again")


def _column_letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters or "A"


def decode_bytes(raw: bytes, name: str) -> tuple[str, str, list[str]]:
    """Return ``(text, encoding, warnings)`` for the bytes of a text export.

    Order: a UTF-16/32 or UTF-8 BOM decides; then strict UTF-8; then UTF-16 without BOM when every other
    byte is NUL; then UTF-8 with replacement when only a handful of bytes are invalid (SurveyMonkey's stray
    header bytes); else cp1252 with a warning. NUL bytes that fill a cell on their own (between delimiters,
    quotes or line ends: what some exporters write into empty cells) are dropped with a warning, so those
    cells read as empty. Raises ``InputError`` for binary data (a NUL inside a value, or control characters)
    in what should be text.
    """
    warnings: list[str] = []
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) and len(raw) % 4 == 0 and raw[:4] in (
            codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE):
        text, encoding = _strict(raw, "utf-32", name), "utf-32"
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = _strict(raw, "utf-16", name), "utf-16"
    elif raw.startswith(codecs.BOM_UTF8):
        text, encoding = _strict(raw, "utf-8-sig", name), "utf-8-sig"
    else:
        sample = raw[:4000]
        if len(sample) >= 4 and sample[1::2].count(0) > 0.9 * len(sample[1::2]) and 0 not in sample[0::2][:50]:
            text, encoding = _strict(raw, "utf-16-le", name), "utf-16-le"
        elif len(sample) >= 4 and sample[0::2].count(0) > 0.9 * len(sample[0::2]) and 0 not in sample[1::2][:50]:
            text, encoding = _strict(raw, "utf-16-be", name), "utf-16-be"
        elif (found := _utf16_without_bom(raw)) is not None:
            text, encoding = found
        else:
            try:
                text, encoding = raw.decode("utf-8"), "utf-8"
            except UnicodeDecodeError:
                text, encoding = _fallback(raw, name, warnings)
    if "\x00" in text:
        text = _drop_cell_nuls(text, name, warnings)
    controls = len(re.findall(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]", text[:100_000]))
    if controls > max(3, len(text[:100_000]) // 200):
        raise InputError(f"{name}: contains binary data (control characters), not a text export")
    return text, encoding, warnings


def _utf16_without_bom(raw: bytes) -> tuple[str, str] | None:
    """UTF-16 text without a byte-order mark whose sample has too many characters beyond Latin-1 (typographic
    quotes, dashes, €) for the quick test above: NUL bytes on one side of most byte pairs, and the whole file
    decodes strictly, as text without control characters. None when it is not such a file."""
    if len(raw) % 2 or len(raw) < 4:
        return None
    sample = raw[:4000]
    for encoding, zeros, other in (("utf-16-le", sample[1::2], sample[0::2]), ("utf-16-be", sample[0::2], sample[1::2])):
        if zeros.count(0) < 0.3 * len(zeros) or other.count(0) > 0.05 * len(other):
            continue
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text[:100_000]) and ("\n" in text or len(text) < 4000):
            return text, encoding
    return None


# what may stand next to a run of NUL bytes that is a whole (empty) cell: a delimiter, a quote, a line end
_CELL_EDGES = frozenset(',;\t|"\r\n')


def _drop_cell_nuls(text: str, name: str, warnings: list[str]) -> str:
    """``text`` without its NUL characters when every run of them is a whole cell; else ``InputError``.

    A text export with NULs standing for empty cells reads; NULs inside a value (or in random bytes) are the
    mark of binary data and the file is refused."""
    runs = 0
    for match in re.finditer("\x00+", text):
        start, end = match.span()
        before = text[start - 1] if start > 0 else "\n"
        after = text[end] if end < len(text) else "\n"
        if before not in _CELL_EDGES or after not in _CELL_EDGES:
            line = text[:start].count("\n") + 1
            raise InputError(f"{name}, line {line}: contains NUL bytes; this is binary data, not a text export")
        runs += 1
    count = text.count("\x00")
    warnings.append(f"{name}: {count} NUL byte(s) filling {runs} cell(s) on their own; read as empty")
    return text.replace("\x00", "")


def _strict(raw: bytes, encoding: str, name: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: byte {exc.start} is not valid {encoding}; re-export the file as UTF-8") from None


def _fallback(raw: bytes, name: str, warnings: list[str]) -> tuple[str, str]:
    replaced = raw.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    multibyte = len(re.findall(rb"[\xc2-\xf4][\x80-\xbf]", raw[:200_000]))
    # Valid UTF-8 multi-byte sequences with a few stray bytes: a UTF-8 file with damage, not cp1252.
    if multibyte >= 1 and bad <= max(3, multibyte // 10):
        warnings.append(f"{name}: {bad} byte(s) are not valid UTF-8 and were replaced by \ufffd")
        return replaced, "utf-8"
    chinese = _chinese_windows_text(raw)
    if chinese is not None:
        warnings.append(f"{name}: not UTF-8; read as GB18030 (Chinese Windows, GBK). Check the characters")
        return chinese, "gb18030"
    text = raw.decode("cp1252", errors="replace")
    warnings.append(f"{name}: not UTF-8; read as Windows-1252 (cp1252). Check accented letters")
    return text, "cp1252"


def _chinese_windows_text(raw: bytes) -> str | None:
    """The text of a GBK / GB18030 export (a Chinese tool's CSV re-saved by Excel on Chinese Windows), or None.

    It must decode strictly as GB18030 and at least 9 in 10 of its non-ASCII characters (and 4 or more) must
    be CJK ideographs or CJK punctuation. Western cp1252 text fails the strict decoding (an accented letter
    before a space, comma or line end is no GB18030 sequence)."""
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        return None
    sample = text[:200_000]
    wide = [ch for ch in sample if ord(ch) > 127]
    cjk = sum(1 for ch in wide if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef")
    return text if cjk >= 4 and cjk >= 0.9 * len(wide) else None


def sniff_delimiter(text: str, params: Mapping) -> str:
    """Return the field delimiter (``,``, ``;``, tab or ``|``) of a CSV text.

    Counts each candidate outside quotes on the first lines: the delimiter is the one that occurs on the
    header line and most consistently on the following lines. A file with one column is taken as ``,``.
    """
    sample_lines = _logical_lines(text, params["sniff_lines"])
    if not sample_lines:
        return ","
    best, (consistent, _) = _best_delimiter(sample_lines)
    if 2 * consistent >= len(sample_lines) - 1:
        return best
    # The first line agrees with few of the others: it may be a title or note above the header. Then the
    # first later line that most of the lines below it agree with (and that has two delimiters or more) is
    # the header line the delimiter is judged on.
    for skip in range(1, min(MAX_TITLE_ROWS, len(sample_lines) - 2) + 1):
        rest = sample_lines[skip:]
        delim, (agree, width) = _best_delimiter(rest)
        if width >= 2 and agree > consistent and 2 * agree >= len(rest) - 1:
            return delim
    return best


def _best_delimiter(lines: list[str]) -> tuple[str, tuple[int, int]]:
    """The delimiter whose count on the first line most later lines repeat (ties: the larger count), with
    ``(lines agreeing, count on the first line)``; ``(",", (-1, -1))`` when no candidate is on the first line."""
    best, best_score = ",", (-1, -1)
    for delim in (",", ";", "\t", "|"):
        counts = [_count_outside_quotes(line, delim) for line in lines]
        if counts[0] == 0:
            continue
        consistent = sum(1 for c in counts[1:] if c == counts[0])
        score = (consistent, counts[0])
        if score > best_score:
            best, best_score = delim, score
    return best, best_score


_BARE_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")


def title_rows(rows: list[list[Any]], tool_first_header: Callable[[str], bool] | None = None,
               narrow: bool = False) -> int:
    """How many leading rows of ``rows`` are a title or notes above the header (0 when none).

    A title / note row fills at most ``TITLE_MAX_CELLS`` cells, starting in the first column (or in the second,
    when a blank row sets it apart from the header); the header
    row below such rows (at most ``MAX_TITLE_ROWS`` of them) fills at least ``HEADER_MIN_CELLS`` cells and
    more than twice as many as any of them, including every column they fill. A header row spanning a
    question over several columns (its second row filling the blanks) is no title: it fills more cells, or
    the row below leaves its first column blank.

    A note row as wide as the header (short labels someone typed above a tool's export, "q, 1, q2, q3") is
    told by what is below it: when ``tool_first_header`` says that a later row's first cell is the name a
    survey tool gives its first column ("Horodateur", "Start time", "序号") and no row above it starts with one,
    the rows above are notes, provided that row fills at least ``HEADER_MIN_CELLS`` cells, no fewer than any
    row above it, and holds no bare number.

    ``narrow`` (a plain table: the attendance list, the register): a table of two columns cannot have a header
    of ``HEADER_MIN_CELLS`` cells, so its title rows are told by ``narrow_title_rows`` when the rule above finds
    none."""
    found = _title_rows(rows, tool_first_header)
    return found or (narrow_title_rows(rows) if narrow else 0)


def narrow_title_rows(rows: list[list[Any]]) -> int:
    """How many leading rows of ``rows`` are titles above the header of a narrow table (0 when none): each fills
    only its first cell ("Osallistujalista syksy 2022", merged across the table), and the row below them, the
    header, fills at least two cells, holds no bare number and covers every column the rows below it fill (a
    table of two columns, where ``title_rows``' header of ``HEADER_MIN_CELLS`` cells cannot be; QA round 31
    F10)."""
    filled = [{i for i, cell in enumerate(row) if cell is not None and str(cell).strip()}
              for row in rows[:MAX_TITLE_ROWS + 1]]
    titles = 0
    while titles < len(filled) and filled[titles] == {0}:
        titles += 1
    if titles == 0 or titles >= len(filled):
        return 0
    header = filled[titles]
    below = set().union(*filled[titles + 1:]) if len(filled) > titles + 1 else set()
    if len(header) < 2 or not below or not below <= header:
        return 0
    if any(_BARE_NUMBER.match(str(cell).strip()) for cell in rows[titles] if cell is not None):
        return 0
    return titles


def _title_rows(rows: list[list[Any]], tool_first_header: Callable[[str], bool] | None = None) -> int:
    """``title_rows`` without its ``narrow`` rule."""
    filled: list[set[int]] = []
    for row in rows[:MAX_TITLE_ROWS + 1]:
        filled.append({i for i, cell in enumerate(row) if cell is not None and str(cell).strip()})
    if tool_first_header is not None:
        first_cells = [str(row[0]) if row and row[0] is not None else "" for row in rows[:MAX_TITLE_ROWS + 1]]
        if first_cells and not tool_first_header(first_cells[0]):
            for k in range(1, len(first_cells)):
                if tool_first_header(first_cells[k]):
                    # a header names its columns: a row holding a bare number is data under a header above
                    numbers = any(_BARE_NUMBER.match(str(cell).strip()) for cell in rows[k] if cell is not None)
                    if len(filled[k]) >= HEADER_MIN_CELLS and len(filled[k]) >= max(len(f) for f in filled[:k]) \
                            and not numbers:
                        return k
                    break
    titles = 0
    while titles < len(filled) and len(filled[titles]) <= TITLE_MAX_CELLS:
        titles += 1
    if titles == 0 or titles >= len(filled):
        return 0
    header = filled[titles]
    widest = max(len(cells) for cells in filled[:titles])
    if len(header) < max(HEADER_MIN_CELLS, 2 * widest + 1):
        return 0
    if any(cells and not cells <= header for cells in filled[:titles]):
        return 0
    # a row above the header that starts past the first column may be a two-row header's spanning question
    # (its statements below), so it must sit right above the header to be that; a note set apart from the
    # header by a blank row may start in the second column (a Google Sheet's licence line beside a badge in
    # A8, above "Me identifico, Tengo, …" of a published Forms results sheet; issue 12 round 26)
    last = max(k for k in range(titles) if filled[k]) if any(filled[:titles]) else -1
    for k, cells in enumerate(filled[:titles]):
        if cells and min(cells) != 0 and (k == last and last == titles - 1 or min(cells) > 1):
            return 0
    return titles


def question_row(above: list[Any], header: list[Any]) -> list[str]:
    """The cells of ``above``, the row just above the header, when it names questions over groups of the
    header's columns rather than titling the sheet, else []: it leaves its first cell blank, fills at least two
    cells, each over a filled header cell, and at least two of them span a blank cell to their right (a
    question over its options). Someone who re-saved a tool's export with each multi-select's question typed
    over its option columns (issue 12 round 28: a Typeform export, "What operating system(s) do you use?"
    above "macOS, BSD, Windows 7 …") wrote such a row; skipped as a title, it is still what groups the options."""
    cells = [str(c).strip() if c is not None else "" for c in above]
    head = [str(c).strip() if c is not None else "" for c in header]
    filled = [i for i, c in enumerate(cells) if c]
    if len(filled) < 2 or not cells or cells[0] or any(i >= len(head) or not head[i] for i in filled):
        return []
    spans = sum(1 for i in filled if i + 1 < len(cells) and not cells[i + 1] and i + 1 < len(head) and head[i + 1])
    return cells[:len(head)] + [""] * (len(head) - len(cells)) if spans >= 2 else []


_SNIFF_CHARS = 200_000      # text read to choose the delimiter …
_SNIFF_MIN_RECORDS = 3      # … unless fewer records than this are whole in it


def _logical_lines(text: str, limit: int) -> list[str]:
    """Up to ``limit`` records of ``text``, joining line breaks that sit inside quotes.

    Reads ``_SNIFF_CHARS`` characters, or on until ``_SNIFF_MIN_RECORDS`` records are whole: a header of
    very long headings (a LimeSurvey VV export heads each column with the full question, 870 kB on one
    line; issue 12 round 24) would otherwise be the only record seen, and the commas of its prose would
    outvote its tabs."""
    lines: list[str] = []
    current: list[str] = []
    quotes = 0
    read = 0
    for line in io.StringIO(text, newline=None):
        read += len(line)
        current.append(line)
        quotes += line.count('"')
        if quotes % 2 == 0:
            record = "".join(current).strip("\r\n")
            if record.strip():
                lines.append(record)
            current, quotes = [], 0
            if len(lines) >= limit:
                break
        if read >= _SNIFF_CHARS and (len(lines) >= _SNIFF_MIN_RECORDS or read >= 20 * _SNIFF_CHARS):
            break
    return lines


def _count_outside_quotes(line: str, delim: str) -> int:
    return len(re.sub(r'"[^"]*"', '""', line).split(delim)) - 1


def dialect_quotechar(delimiter: str) -> type[csv.Dialect]:
    """A csv dialect for the delimiter: double-quote quoting, strict about what follows a closing quote."""

    class Export(csv.Dialect):
        """The export's CSV dialect."""

    Export.delimiter = delimiter
    Export.quotechar = '"'
    Export.doublequote = True
    Export.skipinitialspace = False
    Export.lineterminator = "\r\n"
    Export.quoting = csv.QUOTE_MINIMAL
    Export.strict = True
    return Export


# --- what a worksheet's XML says that its cell values do not -------------------------------------------------
# Merged ranges (``<mergeCell ref="D2:D4"/>``: the cells under the top one are empty in the file), rows hidden in
# Excel (``<row r="5" hidden="1">``: how a coordinator "removes" a test row) and cells holding a formula's error
# (``<c r="G3" t="e"><v>#N/A</v>``: readers give them as blank). The part is parsed (defusedxml, streaming) only
# when its bytes hold one of these marks: an export holds none, and parsing a large sheet again would double its
# reading time. Read after ``workbook_sheets`` checked the workbook safe to open.
_MARKS = (b"mergeCell", b"hidden=", b't="e"', b"t='e'")
_A1_REF = re.compile(r"^([A-Za-z]{1,3})([0-9]{1,8})$")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _cell(ref: str) -> tuple[int, int] | None:
    """(row, column), 1-based, of an A1 reference; None when it is none."""
    found = _A1_REF.match(ref.strip())
    return (int(found.group(2)), _column_number(found.group(1).encode())) if found else None


def sheet_marks(path: Path, sheet: str) -> dict[str, list]:
    """Return what the XML of ``sheet`` of the .xlsx ``path`` marks beyond its values: ``merged`` as
    ``(first_row, first_col, last_row, last_col)`` (1-based, inclusive), ``hidden_rows`` (1-based row numbers)
    and ``errors`` as ``(row, col, text)`` of cells holding a formula error ("#N/A", "#REF!"); all empty when
    the part cannot be found (a reader that found the sheet has then read it without these marks)."""
    marks: dict[str, list] = {"merged": [], "hidden_rows": [], "errors": []}
    try:
        with zipfile.ZipFile(path) as archive:
            part = _sheet_part(archive, sheet)
            if part is None:
                return marks
            xml = archive.read(part)
        if not any(mark in xml for mark in _MARKS):
            return marks
        for _, element in SafeET.iterparse(io.BytesIO(xml), events=("end",)):
            tag = _local(element.tag)
            if tag == "mergeCell":
                ends = [_cell(ref) for ref in element.get("ref", "").split(":")]
                if len(ends) == 2 and all(ends):
                    (r1, c1), (r2, c2) = ends
                    marks["merged"].append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
            elif tag == "c" and element.get("t") == "e":
                at = _cell(element.get("r", ""))
                value = next((child.text or "" for child in element if _local(child.tag) == "v"), "")
                if at:
                    marks["errors"].append((*at, value[:40]))
            elif tag == "row":
                if element.get("hidden") in ("1", "true") and element.get("r", "").isdigit():
                    marks["hidden_rows"].append(int(element.get("r")))
                element.clear()      # a row's cells are done with: memory stays flat on a large sheet
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, SafeET.ParseError, DefusedXmlException):
        return {"merged": [], "hidden_rows": [], "errors": []}
    return marks


def _sheet_part(archive: zipfile.ZipFile, sheet: str) -> str | None:
    """The zip member name of the worksheet named ``sheet`` (through xl/workbook.xml and its relationships)."""
    root = SafeET.fromstring(archive.read("xl/workbook.xml"))
    rid = next((_relationship_id(el) for el in root.iter()
                if (el.tag.endswith("}sheet") or el.tag == "sheet") and el.get("name", "") == sheet), None)
    if rid is None or _RELS not in archive.namelist():
        return None
    rels = SafeET.fromstring(archive.read(_RELS))
    target = next((el.get("Target", "") for el in rels.iter()
                   if el.tag.endswith("Relationship") and el.get("Id", "") == rid), "")
    if not target:
        return None
    target = target.lstrip("/")
    return target if target.startswith("xl/") else f"xl/{target}"
