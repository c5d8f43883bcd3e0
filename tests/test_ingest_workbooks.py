"""Where the table sits in an export: which workbook sheet (hidden and very hidden sheets skipped, the
visible sheet with the most cells read, a spec's ``sheet`` first), title and note rows above the header
(xlsx and CSV, file row numbers kept), NUL bytes standing for empty cells, and what ``inspect`` says about it.
Each case is a few rows built in the test."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from pipeline.errors import InputError
from pipeline.ingest import ingest_params, inspect_file, read_survey
from pipeline.ingest.readers import read_raw

KEY = b"test-key"
PARAMS = ingest_params()
FORMS_HEADER = ["Id", "Start time", "Completion time", "Email", "Name", "Kunta", "Mitä tarvitsette?"]


def frame_of(rows):
    out = pd.DataFrame(rows, dtype=object)
    out.columns = range(out.shape[1])
    return out


def forms_rows():
    t = dt.datetime(2024, 3, 1, 9, 0, 0)
    return [FORMS_HEADER,
            [1, t, t + dt.timedelta(minutes=4), "anonymous", "", "Kokkola", "Rahoitusta"],
            [2, t + dt.timedelta(hours=1), t + dt.timedelta(hours=1, minutes=2), "anonymous", "", "Vaasa", "Vientiä"]]


FORMS_FRAME = frame_of([FORMS_HEADER,
                        ["1", "2024-03-01 09:00:00", "2024-03-01 09:04:00", "anonymous", "", "Kokkola", "Rahoitusta"],
                        ["2", "2024-03-01 10:00:00", "2024-03-01 10:02:00", "anonymous", "", "Vaasa", "Vientiä"]])


def synced_forms_workbook(path, *, hidden_state="veryHidden", summary=True):
    # A Forms workbook synced to Excel: a (very) hidden sheet first, then the responses, here also a summary.
    book = openpyxl.Workbook()
    first = book.active
    first.title = "Sheet0"
    for row in (["a", "b", "c", "d", "e", "f", "g", "h"], [1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 3, 4, 5, 6, 7, 8]):
        first.append(row)       # more cells than the responses: still never read
    first.sheet_state = hidden_state
    responses = book.create_sheet("Form1")
    for row in forms_rows():
        responses.append(row)
    if summary:
        book.create_sheet("Yhteenveto").append(["Vastauksia", 2])
    book.active = 1
    book.save(path)
    return path


def test_very_hidden_first_sheet_is_skipped_and_the_fullest_visible_sheet_read(tmp_path):
    raw = read_raw(synced_forms_workbook(tmp_path / "forms.xlsx"), PARAMS)
    assert_frame_equal(raw.frame, FORMS_FRAME)
    assert raw.source_rows.tolist() == [1, 2, 3]
    assert (raw.sheet, raw.sheets) == ("Form1", ["Sheet0", "Form1", "Yhteenveto"])
    assert raw.sheet_states == {"Sheet0": "veryHidden", "Form1": "visible", "Yhteenveto": "visible"}
    assert raw.sheet_reason == ("the visible sheet with the most filled cells (19; 'Yhteenveto' has 2); "
                                "very hidden sheet 'Sheet0' skipped")
    assert raw.warnings == ["forms.xlsx: 2 visible sheets hold cells; read 'Form1', the one with the most; "
                            "name another with 'sheet:' in a questionnaire spec"]


def test_hidden_sheet_is_skipped_too(tmp_path):
    raw = read_raw(synced_forms_workbook(tmp_path / "forms.xlsx", hidden_state="hidden", summary=False), PARAMS)
    assert_frame_equal(raw.frame, FORMS_FRAME)
    assert (raw.sheet, raw.sheet_reason, raw.warnings) == (
        "Form1", "the only visible sheet; hidden sheet 'Sheet0' skipped", [])


def test_the_spec_sheet_wins_even_when_hidden(tmp_path):
    raw = read_raw(synced_forms_workbook(tmp_path / "forms.xlsx"), PARAMS, sheet="Sheet0")
    assert_frame_equal(raw.frame, frame_of([["a", "b", "c", "d", "e", "f", "g", "h"],
                                            [str(n) for n in range(1, 9)], [str(n) for n in range(1, 9)]]))
    assert (raw.sheet, raw.sheet_reason) == ("Sheet0", "named in the questionnaire spec")


def test_a_workbook_whose_visible_sheets_are_empty_is_one_line_error(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Tyhjä"
    hidden = book.create_sheet("Sheet0")
    hidden.append(["x"])
    hidden.sheet_state = "veryHidden"
    book.create_sheet("Toinen")
    book.save(tmp_path / "empty.xlsx")
    # the only cells are on a very hidden sheet (the tool's own): never read unless a spec names it (issue 17)
    with pytest.raises(InputError, match="very hidden sheet 'Sheet0' is not read unless a questionnaire spec"):
        read_raw(tmp_path / "empty.xlsx", PARAMS)
    hidden.sheet_state = "hidden"                      # a plain hidden sheet: read, and said so
    book.save(tmp_path / "empty.xlsx")
    raw = read_raw(tmp_path / "empty.xlsx", PARAMS)
    assert (raw.sheet, raw.frame.to_numpy().tolist()) == ("Sheet0", [["x"]])
    assert raw.warnings == ["empty.xlsx: no visible sheet holds cells; read hidden sheet 'Sheet0'"]
    book.remove(hidden)
    book.save(tmp_path / "empty.xlsx")
    with pytest.raises(InputError) as info:
        read_raw(tmp_path / "empty.xlsx", PARAMS)
    assert str(info.value) == "empty.xlsx: the workbook is empty (no cells on sheet 'Toinen')"


def test_title_and_note_rows_above_an_xlsx_header_are_skipped_with_row_numbers_kept(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Asiakaskysely kevät 2024"])
    sheet.append(["Ladattu 2.5.2024", "Vastauksia 2"])
    sheet.append([])
    for row in forms_rows():
        sheet.append(row)
    sheet.append([])
    sheet.append([3, dt.datetime(2024, 3, 2, 8, 0), dt.datetime(2024, 3, 2, 8, 1), "anonymous", "", "Kannus", ""])
    book.save(tmp_path / "titled.xlsx")
    raw = read_raw(tmp_path / "titled.xlsx", PARAMS)
    expected = frame_of(FORMS_FRAME.to_numpy().tolist()
                        + [["3", "2024-03-02 08:00:00", "2024-03-02 08:01:00", "anonymous", "", "Kannus", ""]])
    assert_frame_equal(raw.frame, expected)
    assert raw.source_rows.tolist() == [4, 5, 6, 8]
    assert raw.title_rows == [1, 2]
    assert raw.warnings == ["titled.xlsx: 2 title/note row(s) above the header skipped (rows 1, 2)",
                            "titled.xlsx: 1 blank row(s) skipped"]
    survey = read_survey(tmp_path / "titled.xlsx", key=KEY)
    assert survey.tool == "msforms"
    assert survey.respondents["source_row"].tolist() == [5, 6, 8]


def test_title_row_above_a_semicolon_csv_header_is_skipped(tmp_path):
    path = tmp_path / "titled.csv"
    path.write_text("Asiakaskysely 2024\n\nTimestamp;Kunta;Palaute;Arvio\n"
                    "1.3.2024 9:00;Kokkola;Hyvä, kiitos;4\n1.3.2024 10:00;Vaasa;Ok;5\n", encoding="utf-8")
    raw = read_raw(path, PARAMS)
    assert raw.delimiter == ";"
    assert_frame_equal(raw.frame, frame_of([["Timestamp", "Kunta", "Palaute", "Arvio"],
                                            ["1.3.2024 9:00", "Kokkola", "Hyvä, kiitos", "4"],
                                            ["1.3.2024 10:00", "Vaasa", "Ok", "5"]]))
    assert (raw.source_rows.tolist(), raw.title_rows, raw.rejected) == ([3, 4, 5], [1], [])
    assert raw.warnings == ["titled.csv: 1 title/note row(s) above the header skipped (row 1)"]


def test_excel_sep_line_and_padded_note_row_are_skipped_in_csv(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_text("sep=,\nVastaukset,,,\nKunta,Palaute,Arvio,Aihe\nKokkola,Hyvä,4,Vienti\n", encoding="utf-8")
    raw = read_raw(path, PARAMS)
    assert_frame_equal(raw.frame, frame_of([["Kunta", "Palaute", "Arvio", "Aihe"],
                                            ["Kokkola", "Hyvä", "4", "Vienti"]]))
    assert (raw.source_rows.tolist(), raw.title_rows) == ([3, 4], [1, 2])


def test_a_header_row_spanning_a_grid_is_no_title(tmp_path):
    # a first header row naming a grid over several columns, its statements in the row below: no title
    path = tmp_path / "grid.csv"
    path.write_text("Kunta,Arvioi osaamisenne,,\n,Vienti,Digitalisaatio,Talous\nKokkola,hyvä,heikko,hyvä\n",
                    encoding="utf-8")
    raw = read_raw(path, PARAMS)
    assert (raw.title_rows, raw.source_rows.tolist()) == ([], [1, 2, 3])
    assert raw.frame.iloc[0].tolist() == ["Kunta", "Arvioi osaamisenne", "", ""]


def test_nul_bytes_filling_empty_cells_read_as_empty(tmp_path):
    path = tmp_path / "nul.csv"
    path.write_bytes(b"Kunta,Palaute,Arvio\r\nKokkola,\x00,4\r\nVaasa,\x00\x00,\x00\r\n\"Kannus\",\"\x00\",3\r\n")
    raw = read_raw(path, PARAMS)
    assert_frame_equal(raw.frame, frame_of([["Kunta", "Palaute", "Arvio"], ["Kokkola", "", "4"],
                                            ["Vaasa", "", ""], ["Kannus", "", "3"]]))
    assert raw.warnings == ["nul.csv: 5 NUL byte(s) filling 4 cell(s) on their own; read as empty"]


@pytest.mark.parametrize("content", [
    b"Kunta,Palaute\nKokkola,Hy\x00v\xc3\xa4\n",                          # a NUL inside an answer
    bytes(range(0, 256)) * 16,                                            # binary bytes
])
def test_nul_bytes_in_values_or_binary_data_are_still_refused(tmp_path, content):
    path = tmp_path / "binary.csv"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_raw(path, PARAMS)
    assert str(info.value).startswith("binary.csv, line ")
    assert str(info.value).endswith(": contains NUL bytes; this is binary data, not a text export")


def test_inspect_says_which_sheet_header_row_and_skipped_rows(tmp_path):
    book = openpyxl.load_workbook(synced_forms_workbook(tmp_path / "forms.xlsx"))
    book["Form1"].insert_rows(1)
    book["Form1"]["A1"] = "Asiakaskysely"
    book.save(tmp_path / "forms.xlsx")
    info = inspect_file(tmp_path / "forms.xlsx")
    assert (info["tool"], info["respondents"], info["sheet"]) == ("msforms", 2, "Form1")
    assert {k: info[k] for k in ("sheets", "hidden_sheets", "header_row_numbers", "skipped_rows",
                                 "skipped_row_numbers")} == {
        "sheets": ["Sheet0", "Form1", "Yhteenveto"], "hidden_sheets": [{"sheet": "Sheet0", "state": "veryHidden"}],
        "header_row_numbers": [2], "skipped_rows": 1, "skipped_row_numbers": [1]}
    assert info["sheet_reason"] == ("the visible sheet with the most filled cells (20; 'Yhteenveto' has 2); "
                                    "very hidden sheet 'Sheet0' skipped")
    assert info["reading"] == ("Read sheet 'Form1': the visible sheet with the most filled cells (20; 'Yhteenveto' "
                               "has 2); very hidden sheet 'Sheet0' skipped. Header in row 2. "
                               "1 title/note row(s) above the header skipped (row 1).")


def test_inspect_of_a_plain_csv_says_header_row_one_and_nothing_skipped(tmp_path):
    path = tmp_path / "plain.csv"
    path.write_text("Kunta,Palaute\nKokkola,Hyvä\nVaasa,Ok\n", encoding="utf-8")
    info = inspect_file(path)
    assert {k: info[k] for k in ("sheet", "sheet_reason", "sheets", "hidden_sheets", "header_row_numbers",
                                 "skipped_rows", "skipped_row_numbers", "reading")} == {
        "sheet": None, "sheet_reason": None, "sheets": [], "hidden_sheets": [], "header_row_numbers": [1],
        "skipped_rows": 0, "skipped_row_numbers": [], "reading": "Header in row 1. No title rows above the header."}
    assert (info["rows_in"], info["respondents"]) == (2, 2)
