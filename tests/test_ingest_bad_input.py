"""Bad input ends in one ``InputError`` line naming the file (and row or column): never a traceback, never a
hang. Each case is built inline; the hostile workbooks follow the zip / XML structure of an .xlsx."""
from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from pipeline.errors import InputError
from pipeline.ingest import inspect_file, read_survey

KEY = b"test-key"


def fails(path, match, **kwargs):
    with pytest.raises(InputError) as info:
        read_survey(path, key=KEY, **kwargs)
    message = str(info.value)
    assert "\n" not in message and path.name in message
    assert match in message, message
    return message


def valid_xlsx_bytes():
    book = openpyxl.Workbook()
    book.active.append(["Kunta", "Palaute"])
    book.active.append(["Kokkola", "Hyvä"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_empty_file(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    fails(path, "empty")


def test_header_only(tmp_path):
    path = tmp_path / "header.csv"
    path.write_text("Kunta,Palaute\n", encoding="utf-8")
    fails(path, "no responses")


def test_binary_junk_named_csv(tmp_path):
    path = tmp_path / "junk.csv"
    path.write_bytes(bytes(range(1, 32)) * 50 + b"\x9d\x81" * 10)
    fails(path, "binary")


def test_nul_bytes(tmp_path):
    path = tmp_path / "nul.csv"
    path.write_bytes(b"Kunta,Palaute\nKokkola,Hy\x00v\xc3\xa4\n")
    fails(path, "NUL")


def test_wrong_extension(tmp_path):
    path = tmp_path / "answers.pdf"
    path.write_text("Kunta\nKokkola\n", encoding="utf-8")
    fails(path, "unsupported file type .pdf")


def test_xlsx_named_csv(tmp_path):
    path = tmp_path / "renamed.csv"
    path.write_bytes(valid_xlsx_bytes())
    fails(path, "rename it to .xlsx")


def test_fake_xlsx(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("Kunta,Palaute\nKokkola,Hyvä\n", encoding="utf-8")
    fails(path, "not a valid .xlsx")


def test_truncated_xlsx(tmp_path):
    path = tmp_path / "truncated.xlsx"
    path.write_bytes(valid_xlsx_bytes()[:700])
    fails(path, ".xlsx")


def test_zip_bomb_refused_before_parsing(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (30 * 1024 * 1024))
    fails(path, "zip bomb")


def test_zip_too_large_uncompressed(tmp_path):
    path = tmp_path / "large.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"x" * (2 * 1024 * 1024))
    fails(path, "max_uncompressed_mb", params={"max_uncompressed_mb": 1})


def test_xml_entity_bomb_refused(tmp_path):
    source = io.BytesIO(valid_xlsx_bytes())
    path = tmp_path / "entities.xlsx"
    lol = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
           '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>')
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = lol.encode()
            dst.writestr(item, data)
    fails(path, "declares XML entities")


def test_unclosed_quote(tmp_path):
    path = tmp_path / "quote.csv"
    path.write_text('Kunta,Palaute\nKokkola,"never closed\nKannus,Ok\n', encoding="utf-8")
    message = fails(path, "never closed")
    assert "line 2" in message


def test_huge_field(tmp_path):
    path = tmp_path / "huge.csv"
    path.write_text("Kunta,Palaute\nKokkola," + "x" * (2 * 1024 * 1024) + "\n", encoding="utf-8")
    fails(path, "max_field_mb", params={"max_field_mb": 1})


def test_too_many_columns(tmp_path):
    path = tmp_path / "wide.csv"
    path.write_text(",".join(f"c{i}" for i in range(5000)) + "\n" + ",".join("1" * 5000) + "\n", encoding="utf-8")
    fails(path, "5000 columns")


def test_every_row_ragged_is_an_error_naming_the_row(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text("Kunta;Palaute,Muuta\nKokkola\nKannus\n", encoding="utf-8")
    fails(path, "row 2: 1 fields where the header has 2")


def test_impossible_date_is_reported_not_kept(tmp_path):
    path = tmp_path / "dates.csv"
    path.write_text("Timestamp,Kunta\n2/30/2021 9:00:00,Kokkola\n3/1/2021 9:00:00,Kannus\n", encoding="utf-8")
    survey = read_survey(path, key=KEY)
    assert survey.respondents["submitted_at"].isna().tolist() == [True, False]
    assert any("row 2" in w and "impossible" in w for w in survey.report["warnings"])


def test_blank_and_duplicate_headers_are_named_and_kept_apart(tmp_path):
    path = tmp_path / "headers.csv"
    path.write_text("Kunta,Kunta,\nKokkola,Kannus,x\nKannus,Kokkola,y\n", encoding="utf-8")
    info = inspect_file(path)
    assert [q["columns"] for q in info["questions"]] == [["Kunta"], ["Kunta"], ["column 3"]]
    assert len({q["id"] for q in info["questions"]}) == 3
    assert any("no header" in w for w in info["warnings"]) and any("repeated" in w for w in info["warnings"])


def test_bad_spec_is_one_line(tmp_path):
    path = tmp_path / "ok.csv"
    path.write_text("Kunta\nKokkola\n", encoding="utf-8")
    spec = tmp_path / "spec.yaml"
    spec.write_text("questions:\n  - columns: [Kunta]\n    type: ranking\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"spec.yaml: questions\[1\]: type 'ranking'"):
        read_survey(path, key=KEY, spec=spec)


def test_a_sparse_sheet_whose_used_range_a_reader_would_allocate_is_refused(tmp_path):
    # 15 cells and one stray cell at Z100000: 2.6 million cells to allocate, far below max_sheet_cells
    def workbook(path, stray):
        book = openpyxl.Workbook()
        for row in (["id", "q1", "q2"], *([n, "a", "b"] for n in range(1, 5))):
            book.active.append(row)
        if stray:
            book.active["Z100000"] = "x"
        book.save(path)
        return path

    with pytest.raises(InputError, match=r"sparse.xlsx: worksheet sheet1.xml holds 16 cells but reaches cell "
                                         r"Z100000 .* delete the cells far from the table"):
        inspect_file(workbook(tmp_path / "sparse.xlsx", stray=True))
    assert inspect_file(workbook(tmp_path / "dense.xlsx", stray=False))["respondents"] == 4
