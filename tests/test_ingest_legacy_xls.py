"""Old binary Excel (.xls): read through calamine with the protections of the .xlsx path (a used range bounded
before the reader allocates it, hidden sheets skipped), and one line naming the file for a fake, damaged or
password-protected one. The workbooks are the real 问卷星 .xls of the corpus (SOURCES.md) with one record
changed in place, as a damaged or hostile file would have it."""
from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.ingest import ingest_params, inspect_file
from pipeline.ingest.readers import read_raw

XLS = Path(__file__).parent / "data" / "exports" / "corpus" / "wenjuanxing_reportgen_by_text.xls"
BAD = Path(__file__).parent / "data" / "bad"
PARAMS = ingest_params(None)


def _patched(tmp_path: Path, old: bytes, new: bytes, name: str = "patched.xls") -> Path:
    data = XLS.read_bytes()
    assert data.count(old) == 1, "the record to change must occur once"
    path = tmp_path / name
    path.write_bytes(data.replace(old, new))
    return path


def test_a_real_xls_is_read_like_its_xlsx_conversion():
    info = inspect_file(XLS)
    assert (info["tool"], info["rows_in"], info["respondents"]) == ("wenjuanxing", 800, 800)
    assert info["format"] == "xls"
    assert {c["column"] for c in info["personal_data_columns"]} >= {"来自IP"}


def test_a_stray_cell_far_from_the_table_is_refused_before_the_reader_allocates_it(tmp_path):
    # the last row's last cell (LABELSST at row 800, column 13) moved to IV65536: calamine would take 1 GB
    cell = b"\xfd\x00\x0a\x00" + struct.pack("<HH", 800, 13)
    path = _patched(tmp_path, cell, b"\xfd\x00\x0a\x00" + struct.pack("<HH", 65535, 255))
    with pytest.raises(InputError, match=r"patched.xls: sheet 1 holds 7214 cells but reaches column 256, row 65536"):
        read_raw(path, PARAMS)


def test_a_used_range_wider_than_max_columns_is_refused(tmp_path):
    dims = b"\x00\x02\x0e\x00" + struct.pack("<IIHH", 0, 801, 0, 14)
    path = _patched(tmp_path, dims, b"\x00\x02\x0e\x00" + struct.pack("<IIHH", 0, 801, 0, 5000))
    with pytest.raises(InputError, match=r"reaches column 5000.*\[ingest\] max_columns"):
        read_raw(path, PARAMS)


def test_a_password_protected_xls_is_named_as_such(tmp_path):
    # the record after the workbook's BOF turned into FILEPASS, as Excel writes an encrypted .xls
    data = XLS.read_bytes()
    bof = data.index(b"\x09\x08\x10\x00\x00\x06\x05\x00")
    path = tmp_path / "secret.xls"
    path.write_bytes(data[:bof + 20] + b"\x2f\x00" + data[bof + 22:])
    with pytest.raises(InputError, match=r"secret.xls: the workbook is password-protected"):
        read_raw(path, PARAMS)


def test_a_hidden_sheet_is_read_only_when_no_visible_sheet_holds_cells(tmp_path):
    data = XLS.read_bytes()
    at = data.index(b"\x85\x00")            # BOUNDSHEET: offset u32, then the visibility byte
    while data[at + 8] != 0 or data[at + 9] != 0:
        at = data.index(b"\x85\x00", at + 1)
    path = tmp_path / "hidden.xls"
    path.write_bytes(data[:at + 8] + b"\x01" + data[at + 9:])
    raw = read_raw(path, PARAMS)
    assert raw.sheet_states == {"Sheet1": "hidden"}
    assert "every visible sheet is empty" in raw.sheet_reason


@pytest.mark.parametrize("path,message", [
    (BAD / "fake_legacy.xls", r"fake_legacy.xls: not a readable .xls workbook"),
    (BAD / "ole_container.xlsx", r"ole_container.xlsx: an OLE2 compound file, not a readable .xlsx or .xls"),
])
def test_fake_legacy_workbooks_get_one_line(path, message):
    with pytest.raises(InputError, match=message):
        read_raw(path, PARAMS)


def test_a_truncated_xls_is_one_line_on_the_command_line(tmp_path):
    path = tmp_path / "cut.xls"
    path.write_bytes(XLS.read_bytes()[:6000])
    result = subprocess.run([sys.executable, "-m", "pipeline", "inspect", str(path)], capture_output=True, text=True,
                            cwd=tmp_path, timeout=120)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: cut.xls: "), result.stderr
    assert "Traceback" not in result.stderr


def test_an_encrypted_xlsx_is_still_named_as_password_protected(tmp_path):
    path = tmp_path / "secret.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le")
                     + b"\x00" * 64 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 512)
    with pytest.raises(InputError, match="secret.xlsx: the workbook is password-protected"):
        read_raw(path, PARAMS)


def test_a_tab_separated_text_named_xls_is_read_as_text(tmp_path):
    # web tools save text as ".xls"
    path = tmp_path / "export.xls"
    path.write_text("id\tKunta\tTyytyväisyys\n" + "".join(f"{n}\tKokkola\t{n % 5 + 1}\n" for n in range(1, 9)),
                    encoding="utf-8")
    assert read_raw(path, PARAMS).file_format == "csv"
