"""QA round 15 ("nothing silently wrong"): what coordinators do to an export before the pipeline reads it.

Each test reproduces one case of /tmp/qa15 on a few inline rows: a totals row under a survey, a two-row header
merged in Excel, a register with merged cells, slash dates that cannot tell day from month, a header-only
register, a ragged CSV row, a repeated header, a bigger summary sheet, hidden rows and formula errors."""
from __future__ import annotations

import logging

import pandas as pd
import pytest
from openpyxl import Workbook

from pipeline.errors import InputError
from pipeline.ingest import inspect_file, read_survey, read_table
from pipeline.ingest.register import workshop_register

KEY = b"k"
FORMS = ["Id", "Start time", "Completion time", "Email", "Name", "Kunta", "Mitä tarvitsette?"]
ANSWERS = [[1, "2021-10-04 20:04:30", "2021-10-04 20:20:23", "anonymous", "", "Kokkola", "Lisää asiakkaita"],
           [2, "2021-10-05 10:51:32", "2021-10-05 11:02:53", "anonymous", "", "Kannus", "Verkkokauppa"],
           [3, "2021-10-06 09:00:00", "2021-10-06 09:12:00", "anonymous", "", "Kokkola", "Vienti Ruotsiin"]]


def _workbook(path, rows, sheet="Sheet1", merged=(), hidden=(), extra=None):
    """Write ``rows`` to ``sheet`` of an .xlsx at ``path`` (``merged`` ranges merged, ``hidden`` rows hidden,
    ``extra`` a dict of further sheet name -> rows); return the path."""
    book = Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    for ref in merged:
        ws.merge_cells(ref)
    for number in hidden:
        ws.row_dimensions[number].hidden = True
    for name, more in (extra or {}).items():
        other = book.create_sheet(name)
        for row in more:
            other.append(row)
    book.save(path)
    return path


def test_a_totals_row_under_a_survey_is_excluded_with_its_reason(tmp_path):
    # d02: "Yhteensä" alone under the municipality column, and "Yhteensä" with "26 vastausta"
    rows = [FORMS] + ANSWERS + [[None] * 5 + ["Yhteensä", None], ["Yhteensä", None, None, None, None, None,
                                                                   "3 vastausta"]]
    survey = read_survey(_workbook(tmp_path / "needs.xlsx", rows), key=KEY)
    report = survey.report
    assert (report["rows_in"], report["accepted"], report["excluded"]) == (5, 3, 2)
    assert report["excluded_reasons"] == {"summary row: Yhteensä": 2}
    assert "Yhteensä" not in set(survey.answers["value"])


def test_a_two_row_header_merged_in_excel_keeps_its_grid_and_no_header_row_is_a_respondent(tmp_path):
    # c15: the metadata headers merged down over rows 1-2, the grid question merged across its statements
    head = ["Id", "Start time", "Completion time", "Kunta", "Arvioikaa osaamista", None, None]
    sub = [None, None, None, None, "Myynti", "Vienti", "Verkkokauppa"]
    scale = ["Täysin samaa mieltä", "Jokseenkin samaa mieltä", "Jokseenkin eri mieltä"]
    rows = [head, sub] + [[i, f"2021-10-0{i} 10:00:00", f"2021-10-0{i} 10:10:00", "Kokkola",
                           scale[i % 3], scale[(i + 1) % 3], scale[(i + 2) % 3]] for i in range(1, 6)]
    merged = ["A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:G1"]
    path = _workbook(tmp_path / "needs.xlsx", rows, merged=merged)
    survey = read_survey(path, key=KEY)
    assert survey.report["accepted"] == 5
    grid = survey.questions[survey.questions["type"] == "likert"]
    assert len(grid) == 1 and len(grid["columns"].iloc[0]) == 3
    items = survey.answers.loc[survey.answers["question_id"] == grid["question_id"].iloc[0], "item"]
    assert set(items) == {"Myynti", "Vienti", "Verkkokauppa"}


REGISTER = ["workshop_id", "date", "title", "themes", "format", "organiser", "participants"]


def test_a_register_merged_down_gives_each_row_its_text_but_not_a_merged_figure(tmp_path, caplog):
    # m07: the theme typed once and merged over three workshops; the participants merged over two
    rows = [REGISTER, ["W01", "2022-02-08", "Brändi", "branding", "onsite", "amk", 13],
            ["W02", "2022-02-17", "Canva", None, "online", "amk", 58],
            ["W03", "2022-05-12", "Canva 2", None, "online", "amk", None]]
    path = _workbook(tmp_path / "workshops.xlsx", rows, merged=["D2:D4", "G3:G4"])
    with caplog.at_level(logging.WARNING):
        table = read_table(path)
    assert table["themes"].tolist() == ["branding"] * 3
    # a figure merged down may be the rows' total: not copied, and said
    assert table["participants"].tolist()[2] is None
    said = " ".join(r.getMessage() for r in caplog.records)
    assert "merged cells D2:D4 read as their top cell's value" in said and "G3:G4" in said


def _register(dates):
    return pd.DataFrame({"workshop_id": [f"W{i}" for i in range(1, len(dates) + 1)], "date": dates,
                         "title": "Työpaja", "format": "onsite", "participants": "10"})


def test_slash_dates_that_cannot_tell_day_from_month_are_warned_naming_the_column(caplog):
    # q03: M/D/YYYY from English Excel with every day <= 12 reads as D/M without a word
    with caplog.at_level(logging.WARNING):
        got = workshop_register(_register(["2/8/2022", "5/12/2022"]), "workshops.csv")
    assert got["date"].dt.strftime("%Y-%m-%d").tolist() == ["2022-08-02", "2022-12-05"]
    said = [r.getMessage() for r in caplog.records if "column date" in r.getMessage()]
    assert len(said) == 1 and "workshops.csv, column date" in said[0] and "YYYY-MM-DD" in said[0]
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        workshop_register(_register(["13/8/2022", "5/12/2022"]), "workshops.csv")     # 13 proves day-first
    assert not [r for r in caplog.records if "column date" in r.getMessage()]


def test_a_register_with_a_header_and_no_workshops_is_refused():
    # c10d: accepted before, and every theme then read as having no supply
    with pytest.raises(InputError, match=r"^workshops.csv: the register has a header but no workshops; add one row"):
        workshop_register(_register([]).iloc[:0], "workshops.csv")


def test_a_ragged_row_rejected_from_a_csv_is_said_in_the_warnings(tmp_path):
    # b4/b5: the row was counted in rejected.csv and nowhere said
    path = tmp_path / "feedback.csv"
    path.write_text("Timestamp,Arvosana,Mikä oli hyvää?\n2022-03-23 15:32:05,4,Esimerkit\n"
                    "2022-03-23 15:33:05,5,Hyvä,ylimääräinen,kenttä\n2022-03-23 15:34:05,3,Tauot\n",
                    encoding="utf-8")
    survey = read_survey(path, key=KEY)
    assert (survey.report["rows_in"], survey.report["rejected"]) == (3, 1)
    said = [w for w in survey.report["warnings"] if "wrong number of fields" in w]
    assert len(said) == 1 and "line 3" in said[0] and "rejected.csv" in said[0]


def test_a_repeated_rating_header_stays_two_questions_as_its_warning_says(tmp_path):
    # c27: "kept apart by position", yet one grid with two blank statements was made of them
    path = tmp_path / "feedback.csv"
    path.write_text("Timestamp,Kuinka tyytyväinen olit?,Kuinka tyytyväinen olit?,Mikä oli hyvää?\n"
                    + "".join(f"2022-03-23 15:3{i}:05,{3 + i % 3},{5 - i % 3},Esimerkit {i}\n" for i in range(8)),
                    encoding="utf-8")
    survey = read_survey(path, key=KEY)
    rated = survey.questions[survey.questions["text"] == "Kuinka tyytyväinen olit?"]
    assert len(rated) == 2
    assert any("kept apart by position" in w for w in survey.report["warnings"])


def test_a_bigger_summary_sheet_beside_a_forms_export_is_not_read_as_the_survey(tmp_path):
    # d01: "Yhteenveto" has more filled cells than the responses sheet
    summary = [["Kunta", "Vastauksia", "Osuus", "a", "b", "c", "d", "e"]] + \
        [[f"Kunta {i}", i, i / 100, i, i, "x", "y", "z"] for i in range(20)]
    path = _workbook(tmp_path / "needs.xlsx", [FORMS] + ANSWERS, extra={"Yhteenveto": summary})
    info = inspect_file(path)
    assert info["respondents"] == 3
    assert "Read sheet 'Sheet1'" in info["reading"] and "start and completion times" in info["reading"]


def test_rows_hidden_in_excel_are_read_and_said(tmp_path):
    # m08: hiding a row is how a coordinator "removes" a test answer
    path = _workbook(tmp_path / "needs.xlsx", [FORMS] + ANSWERS, hidden=[3])
    survey = read_survey(path, key=KEY)
    assert survey.report["accepted"] == 3
    said = [w for w in survey.report["warnings"] if "hidden in Excel" in w]
    assert len(said) == 1 and "row(s) 3 hidden" in said[0]


def test_formula_errors_read_as_blank_are_counted_and_named(tmp_path):
    # t03: #N/A and #REF! left by a broken VLOOKUP
    rows = [FORMS] + [list(r) for r in ANSWERS]
    rows[2][5] = "#N/A"
    rows[3][6] = "#REF!"
    survey = read_survey(_workbook(tmp_path / "needs.xlsx", rows), key=KEY)
    said = [w for w in survey.report["warnings"] if "formula error" in w]
    assert len(said) == 1 and "2 cell(s)" in said[0] and "F3 (#N/A)" in said[0] and "G4 (#REF!)" in said[0]


def test_an_invalid_business_id_is_warned_by_row_without_its_value(tmp_path):
    # i02: a wrong check digit, and seven digits starting with 0 (no check digit; zero-filled it passes by chance)
    path = tmp_path / "impact.csv"
    path.write_text("Timestamp,Y-tunnus,Mitä muutitte?\n2023-04-27 15:06:26,1985084-8,Somemarkkinointi\n"
                    "2023-04-27 20:19:02,0758436,Verkkokauppa\n2023-04-28 10:00:00,1985084-9,Vienti\n",
                    encoding="utf-8")
    survey = read_survey(path, key=KEY)
    said = [w for w in survey.report["warnings"] if "not a valid business ID" in w]
    assert len(said) == 1 and "row(s) 2, 3," in said[0]
    assert "1985084" not in said[0] and "0758436" not in said[0]
    assert survey.report["accepted"] == 3


def test_trailing_excel_table_columns_are_notes_not_questions(tmp_path):
    # n05: "Sarake1…Sarake3" added by an Excel table, holding a coordinator's "ok" and "1"
    rows = [FORMS + ["Sarake1", "Sarake2", "Sarake3"]] + [r + [None, "ok" if r[0] == 1 else None, None]
                                                         for r in ANSWERS]
    survey = read_survey(_workbook(tmp_path / "needs.xlsx", rows), key=KEY)
    assert not survey.questions["text"].str.startswith("Sarake").any()
    assert any("'Sarake1', 'Sarake2', 'Sarake3'" in w and "left out" in w for w in survey.report["warnings"])
    assert survey.report["accepted"] == 3


def test_a_row_that_says_it_is_a_test_but_answers_is_kept_with_a_hint(tmp_path):
    # m09: "TESTI" typed as the name, the answers left as they were
    rows = [FORMS] + [list(r) for r in ANSWERS]
    rows[1][4] = "TESTI"
    survey = read_survey(_workbook(tmp_path / "needs.xlsx", rows), key=KEY)
    assert survey.report["accepted"] == 3
    said = [w for w in survey.report["warnings"] if "say they are a test" in w]
    assert len(said) == 1 and "row(s) 2 " in said[0] and "'Name'" in said[0] and "exclude" in said[0]


@pytest.mark.parametrize("content, fix", [(b"", "save it again from Excel"),
                                          (b"PK\x03\x04broken", "download the export again")])
def test_an_empty_or_truncated_file_is_told_how_to_fix_it(tmp_path, content, fix):
    # c09 (an empty register told to export "the survey responses"), c16 (no fix given)
    path = tmp_path / ("workshops.csv" if not content else "needs.xlsx")
    path.write_bytes(content)
    with pytest.raises(InputError, match=fix):
        read_table(path)
