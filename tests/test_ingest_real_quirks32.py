"""Quirks of issue 12 round 29 (QA round 31, a first-time user's colleagues' files, and QA round 32 F11): a note
typed under the answers, a Y-tunnus pasted with an en dash, responses or a list kept on several sheets, an
attendance list with a title row, rows hidden by an autofilter, size bands a Finnish Excel made dates, messages for
an HTML ".xls", an Excel lock file and a damaged OLE2 file, and a social-network profile link in an open answer.
One test per rule, each on a few inline rows built the way those files look (invented answers and companies)."""
from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import openpyxl
import pytest

from pipeline.errors import InputError
from pipeline.ingest import read_survey, read_table
from pipeline.privacy import is_valid_business_id, normalise_business_id, scrub_text

from conftest import csv_text, write_csv

KEY = b"k32"
HEADER = ["Nr", "Vastausaika", "Kotikunta", "Mitä tarvitsette eniten?", "Y-tunnus"]
ROWS = [[1, "5.9.2022 9.00", "Oulu", "Myynnin kehittämistä verkossa", "0112038-9"],
        [2, "5.9.2022 9.30", "Kempele", "Markkinointia ja brändiä", "1572860-0"],
        [3, "5.9.2022 10.10", "Raahe", "Vientiä Ruotsiin", ""],
        [4, "6.9.2022 8.45", "Oulu", "Datan käyttöä päätöksissä", ""],
        [5, "6.9.2022 12.00", "Kuusamo", "Verkkokauppaa", ""],
        [6, "7.9.2022 14.20", "Liminka", "Myyntiä ja markkinointia", ""]]


def _workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    """A workbook of ``sheets`` (name -> rows, header first), in order; returns the path."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_a_note_typed_under_the_answers_is_left_out_and_the_counter_stays_the_id(tmp_path):
    """A colleague's note one blank row under the last response, in the `Nr` column ("Huom! Rivit 5 ja 9
    tarkistettava, …") was read as a 31st respondent, and its text turned the row counter into a question: the row is
    excluded with its reason and logged, and `Nr` stays the response id."""
    rows = [HEADER, *ROWS, [], ["Huom! Rivit 3 ja 5 tarkistettava, vastaaja soitti perään."]]
    survey = read_survey(_workbook(tmp_path / "tarvekartoitus.xlsx", {"Vastaukset": rows}), key=KEY)
    report = survey.report
    assert (report["rows_in"], report["accepted"], report["excluded"]) == (7, 6, 1), report
    assert report["excluded_reasons"] == {"note row below the data": 1}, report
    (tmp_path / "ilman").mkdir()
    plain = read_survey(_workbook(tmp_path / "ilman" / "tarvekartoitus.xlsx", {"Vastaukset": [HEADER, *ROWS]}),
                        key=KEY)
    assert survey.questions[["text", "type"]].equals(plain.questions[["text", "type"]]), survey.questions
    assert sorted(survey.respondents["respondent_id"]) == sorted(plain.respondents["respondent_id"])
    assert [w for w in report["warnings"] if "row(s) 9 " in w and "note" in w], report["warnings"]


def test_a_business_id_with_any_dash_is_the_same_company_and_is_checked(tmp_path):
    """"1234567–8" pasted from Word or an e-mail (en dash), with a minus sign or a non-breaking hyphen keyed
    another company than "1234567-8", and no invalid-ID warning fired: every dash reads alike."""
    forms = ["0112038-9", "0112038\u20139", "0112038\u22129", "0112038\u20119", "FI01120389"]
    assert {normalise_business_id(f) for f in forms} == {"0112038-9"}
    assert all(is_valid_business_id(f) for f in forms)
    assert not is_valid_business_id("0112038\u20138")
    rows = [list(r) for r in ROWS]
    rows[1][4], rows[2][4] = "0112038\u20139", "1572860\u20131"     # the first company again; a wrong digit
    survey = read_survey(_workbook(tmp_path / "tarvekartoitus.xlsx", {"Vastaukset": [HEADER, *rows]}), key=KEY)
    companies = survey.respondents.set_index("source_row")["company_id"]
    assert companies[2] == companies[3], companies
    assert survey.report.get("invalid_business_ids") == [4], survey.report


def test_responses_split_over_two_sheets_of_one_header_are_refused_naming_the_other(tmp_path):
    """A second export pasted on a sheet of its own ("Vastaukset (2)", numbered from 1 again) was left unread with
    an INFO line: a third of the companies gone. Another visible sheet of the same header and rows of its own stops the run,
    naming it, its rows and the fix; a recoded copy of the same responses is still no reason to stop."""
    # the second export numbers its rows from 1 again; its response times are its own
    second = [[i + 1, *r[1:]] for i, r in enumerate(ROWS[4:])]
    split = _workbook(tmp_path / "split.xlsx", {"Vastaukset": [HEADER, *ROWS[:4]], "Vastaukset (2)": [HEADER, *second]})
    with pytest.raises(InputError, match=r"'Vastaukset \(2\)' \(2 rows\) have the same header as 'Vastaukset' "
                                         r"\(4 rows\).*paste their rows.*'sheet:'"):
        read_survey(split, key=KEY)
    recoded = [[*r[:2], r[2].upper(), *r[3:]] for r in ROWS[:5]]
    copy = _workbook(tmp_path / "copy.xlsx", {"Vastaukset": [HEADER, *ROWS], "Koodattu": [HEADER, *recoded]})
    survey = read_survey(copy, key=KEY)
    assert survey.report["accepted"] == 6
    assert survey.report["unread_sheets"] == [{"sheet": "Koodattu", "rows": 5}], survey.report


def test_an_attendance_workbook_kept_one_sheet_per_workshop_is_refused_without_a_spec_hint(tmp_path):
    """An attendance list with a sheet per workshop lost every sheet but the fullest, and the log's fix
    (`sheet:` in a questionnaire spec) does not exist for the list: the message names the sheets and says to
    put the rows on one sheet."""
    header = ["Työpaja", "Y-tunnus"]
    path = _workbook(tmp_path / "osallistujat.xlsx", {
        "T01": [header, ["T01", "0112038-9"], ["T01", "1572860-0"], ["T01", "Pohjoisen Puu Oy"]],
        "T02": [header, ["T02", "0112038-9"], ["T02", "Kemin Kala Oy"]]})
    with pytest.raises(InputError) as refused:
        read_table(path)
    message = str(refused.value)
    assert "'T02' (2 rows)" in message and "'T01' (3 rows)" in message and "paste their rows" in message, message
    assert "sheet:" not in message, message


def test_an_attendance_xlsx_with_a_title_row_above_its_two_columns_skips_the_title(tmp_path):
    """"Osallistujalista syksy 2022" merged over `Tilaisuus | Yritys` was taken for the header ("rename the
    headers"): a narrow plain table's title rows are skipped as a survey's and the register's are."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Osallistujalista syksy 2022"])
    sheet.merge_cells("A1:B1")
    for row in (["Tilaisuus", "Yritys"], ["T01", "Pohjoisen Puu Oy"], ["T01", "Kemin Kala Oy"], ["T02", "Raahen Rauta Oy"]):
        sheet.append(row)
    book.save(tmp_path / "osallistujat.xlsx")
    table = read_table(tmp_path / "osallistujat.xlsx")
    assert list(table.columns) == ["Tilaisuus", "Yritys"], list(table.columns)
    assert table.attrs["source_rows"] == [3, 4, 5]
    assert table["Yritys"].tolist() == ["Pohjoisen Puu Oy", "Kemin Kala Oy", "Raahen Rauta Oy"]


def test_rows_hidden_by_an_autofilter_are_in_the_report_for_the_data_warnings(tmp_path):
    """Rows a colleague's autofilter hides are read (a hidden row is no deleted one), but the log alone said so:
    the survey's report (ingest_report.json) and a plain table's attrs name them."""
    path = _workbook(tmp_path / "tarvekartoitus.xlsx", {"Vastaukset": [HEADER, *ROWS]})
    book = openpyxl.load_workbook(path)
    sheet = book["Vastaukset"]
    sheet.auto_filter.ref = "A1:E7"
    for row in (5, 6):
        sheet.row_dimensions[row].hidden = True
    book.save(path)
    survey = read_survey(path, key=KEY)
    assert survey.report["accepted"] == 6
    assert survey.report["hidden_rows"] == [5, 6], survey.report
    assert read_table(path).attrs["hidden_rows"] == [5, 6]


def test_size_bands_a_finnish_excel_made_dates_read_back_as_the_bands(tmp_path):
    """"1-4" and "5-9" typed in a Finnish Excel became 1 April and 5 September and were read back reversed
    ("4-1", "9-5"): a band's bounds ascend, whichever way the date was read."""
    header = ["Nr", "Henkilöstömäärä", "Kotikunta"]
    bands = [dt.datetime(2022, 4, 1), dt.datetime(2022, 9, 5), "10-49", "50-249", "10-49", dt.datetime(2022, 4, 1)]
    rows = [[i + 1, band, ["Oulu", "Raahe"][i % 2]] for i, band in enumerate(bands)]
    survey = read_survey(_workbook(tmp_path / "tarvekartoitus.xlsx", {"Vastaukset": [header, *rows]}), key=KEY)
    asked = survey.questions.set_index("text").loc["Henkilöstömäärä"]
    answers = survey.answers[survey.answers["question_id"] == asked["question_id"]]["value"]
    assert set(answers) == {"1-4", "5-9", "10-49", "50-249"}, sorted(set(answers))


def test_an_html_xls_a_lock_file_and_a_register_read_again_get_their_own_words(tmp_path, caplog):
    """An ".xls" that is an HTML table is fixed by saving it as .xlsx in Excel (downloading it again gives the
    same file); "~$name.xlsx" is Excel's lock file of an open workbook; a register read a second time (for its
    companies) does not log its reader's lines twice."""
    html = tmp_path / "tarvekartoitus.xls"
    html.write_text("<html><body><table><tr><td>Nr</td></tr></table></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="open it in Excel and save it as .xlsx"):
        read_table(html)
    lock = tmp_path / "~$tarvekartoitus.xlsx"
    lock.write_bytes(b"\x05Kaisa" + b"\x00" * 100)
    with pytest.raises(InputError, match=r"an Excel lock file .*name tarvekartoitus\.xlsx in the config"):
        read_table(lock)
    register = write_csv(tmp_path / "tyopajat.csv", csv_text(["workshop_id", "title"], [["T01", "Myynti"]]) + "\n"
                         + csv_text(["T02", "Vienti"], []))
    with caplog.at_level(logging.WARNING):
        read_table(register)
        read_table(register, quiet=True)
    said = [r.getMessage() for r in caplog.records if "blank line" in r.getMessage()]
    assert len(said) == 1, said


def test_a_social_network_profile_link_is_personal_data(tmp_path):
    """A LinkedIn, Facebook, Instagram or X profile link in an open answer or a review note reached the steering
    report: it names a person, so it is scrubbed as kind `url`; a site's own pages and other links are kept."""
    assert scrub_text("ks. https://www.linkedin.com/in/pekka-virtanen-123") == "ks. [url]"
    assert scrub_text("Löytyy: facebook.com/pekka.virtanen.77.") == "Löytyy: [url]."
    assert scrub_text("instagram.com/kaisa_k ja x.com/@kaisak") == "[url] ja [url]"
    kept = ["https://www.facebook.com/groups/oulun-yrittajat", "linkedin.com/company/pohjoisen-puu",
            "https://www.oulu.fi/yrityspalvelut"]
    assert [scrub_text(k) for k in kept] == kept
