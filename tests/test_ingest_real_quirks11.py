"""Quirks of real exports found on round 10 of unseen files (issue 12): one test per rule, each on a few inline rows
built the way files of that layout look (synthetic values, not copies of the files)."""
from __future__ import annotations

import openpyxl

from pipeline.ingest import inspect_file, read_survey

from conftest import csv_text, questions_by_text, write_csv

KEY = b"round-ten-test-key"


def test_calendar_frequency_labels_with_full_stops_are_a_scale(tmp_path):
    """SurveyMonkey download flattened by its publisher (jupyter/surveys
    surveys/2020-12-jupyter-survey/data/all_responses.csv @ 8f07655): "How frequently do you perform this task?"
    answered ``Never.``, ``Every few months.``, ``Monthly.``, ``Weekly.``, ``Daily.`` -- a frequency scale by the
    calendar, each label ending in a full stop -- is a Likert question ordered never → daily, not a single choice."""
    levels = ["Never.", "Every few months.", "Monthly.", "Weekly.", "Daily."]
    header = ["Respondent ID", "7a1. Writing a package. - How frequently do you perform this task?",
              "7b1. Cleaning data. - How frequently do you perform this task?"]
    rows = [[str(12500000000 + i), levels[i % 5], levels[(i * 2) % 5]] for i in range(10)]
    found = inspect_file(write_csv(tmp_path / "frequency.csv", csv_text(header, rows)))
    for text in header[1:]:
        q = questions_by_text(found)[text]
        assert q["type"] == "likert", q
        assert len(q["options"]) >= 4 and set(q["options"]) <= set(levels), q


def test_na_with_its_reason_stays_off_a_numbered_scale(tmp_path):
    """The same Jupyter survey's problem grids (all_responses.csv @ 8f07655): levels written ``(0) Not a problem for
    me.`` … ``(4) Critical.`` beside ``N/A - skip, don't know.`` / ``N/A - skip.``; the N/A answers with their reason
    after them are "don't know" answers, so the battery is a Likert scale 0-4 whose options hold no N/A."""
    levels = ["(0) Not a problem for me.", "(1) Trivial.", "(2) Minor.", "(3) Major.", "(4) Critical."]
    header = ["Respondent ID", "10a. Data is too big.", "10b. Lost data on restart.", "10c. No variable list.",
              "13a. No chart UI."]
    rows = []
    for i in range(12):
        na = "N/A - skip, don't know." if i % 5 == 4 else None
        rows.append([str(12500000000 + i)] + [na or levels[(i + k) % 5] for k in range(3)]
                    + ["N/A - skip." if i % 6 == 5 else levels[i % 5]])
    found = inspect_file(write_csv(tmp_path / "problems.csv", csv_text(header, rows)))
    for text in header[1:]:
        q = questions_by_text(found)[text]
        assert q["type"] == "likert", q
        assert len(q["options"]) >= 4 and set(q["options"]) <= set(levels), q


def _osmi_rows(self_employed_header: str, note_header: str) -> str:
    header = ["#", self_employed_header, "How many employees does your company or organization have?",
              note_header, "How many years have you worked in tech?", "Start Date (UTC)", "Submit Date (UTC)",
              "Network ID"]
    rows = []
    for i in range(12):
        rows.append([f"{i:02d}" + "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5" , "1" if i % 4 == 0 else "0",
                     ["1-5", "6-25", "26-100", "More than 1000"][i % 4], "1" if i % 3 == 0 else "0",
                     "1" if i % 2 else "0", f"2017-05-0{1 + i % 9} 10:{10 + i}:00",
                     f"2017-05-0{1 + i % 9} 10:{20 + i}:00", f"{i:03d}bcdef12"])
    return csv_text(header, rows)


def test_typeform_yes_no_question_in_html_or_with_a_note_is_a_choice(tmp_path):
    """Typeform CSV of the OSMI Mental Health in Tech Survey 2017 (tongsantan/Mental-Health-Modelling, "OSMI Mental
    Health in Tech Survey 2017.csv" @ 288c567): yes/no questions answered ``1`` / ``0`` whose header keeps Typeform's
    HTML (``<strong>Are you self-employed?</strong>``) or has a note after the question mark ("Would you be willing
    to talk to us? (Note that …)") are yes/no single choices, not numbers; a count answered 0/1 ("How many years
    …?") stays a number."""
    yes_no = "<strong>Are you self-employed?</strong>"
    noted = ("Would you be willing to talk to one of us about your experiences? (Note that all interview "
             "responses would be used <em>anonymously</em> and only with your permission.)")
    found = inspect_file(write_csv(tmp_path / "osmi.csv", _osmi_rows(yes_no, noted)))
    assert found["tool"] == "typeform"
    questions = questions_by_text(found)
    for text in (yes_no, noted):
        assert questions[text]["type"] == "single", questions[text]
        assert questions[text]["options"] == ["Yes", "No"]
    assert questions["How many years have you worked in tech?"]["type"] == "number"


def _numbered_sheet(path):
    """A hand-kept sheet laid out like IrbisI/BSRS docs/Responses.full.xlsx: question row, a sub-label row ("-"
    where a question has none), a row of running column numbers, a blank row, a "code = label" legend block, then
    the answers."""
    wb = openpyxl.Workbook()
    ws = wb.active
    scale = ["1 = Strongly disagree", "2 = Disagree", "3 = Agree", "4 = Strongly agree"]
    ws.append([None, "Country", "Response time", "1. How do you see yourself?", "Use the numbers below to say how "
               "much you agree with each statement:", None, None, None, "4. Your gender:"])
    ws.append([None, None, "-", "-", "1. I have spent time learning about my roots", "2. I belong to a club",
               "3. I know what my background means", "4. I think about it a lot", "-"])
    ws.append([None] + list(range(1, 9)))
    ws.append([None] * 9)
    for k in range(4):
        ws.append([None] * 4 + [scale[k]] + [None] * 3 + [["1 = Man", "2 = Woman"][k] if k < 2 else None])
    ws.append([None] * 9)
    for i in range(14):
        ws.append([i + 1, ["Finland", "Estonia"][i % 2], None, ["as a Finn", "as a European", "both"][i % 3],
                   1 + i % 4, 1 + (i + 1) % 4, 1 + (i + 2) % 4, 1 + (i + 3) % 4, 1 + i % 2])
    wb.save(path)
    return path


def test_row_of_column_numbers_under_the_header_is_no_respondent(tmp_path):
    """Hand-kept (Webropol-like) workbook IrbisI/BSRS docs/Responses.full.xlsx @ c1c9a5a: the header (question row
    and sub-label row) sits above a row of running column numbers 1, 2, 3 … and a legend block. The numbers row
    and the sub-label row are header rows, not respondents (14 rows here, not 16), and the statements under one
    question form one Likert grid named by the legend, not one single choice per column."""
    found = inspect_file(_numbered_sheet(tmp_path / "responses.xlsx"))
    assert found["respondents"] == 14
    assert found["rows_in"] == found["respondents"] + found["excluded"]
    grid = [q for q in found["questions"] if q["text"].startswith("Use the numbers below")]
    assert len(grid) == 1 and grid[0]["type"] == "likert" and len(grid[0]["columns"]) == 4, grid
    assert grid[0]["options"] == ["Strongly disagree", "Disagree", "Agree", "Strongly agree"]
    assert not any(q["text"].endswith(" - -") or q["text"] == "-" for q in found["questions"])
    answers = read_survey(tmp_path / "responses.xlsx", key=KEY).answers
    assert answers["respondent_id"].nunique() == 14


def test_spanish_agree_grid_with_its_middle_in_either_order_is_one_scale(tmp_path):
    """Spanish Google Forms workbook (XaurDesu/CSBridge-DataAnalysis data/responses.xlsx @ d3dbc47, read only): a grid
    "¿Qué tan de acuerdo está con las siguientes afirmaciones? [...]" whose first item offers the middle as "Ni de
    acuerdo ni en desacuerdo" and the others as "Ni en desacuerdo ni de acuerdo". Both are the same level, so every
    item is on the agree scale and the grid is one Likert question, not one item Likert and the rest singles."""
    levels = ["Muy en desacuerdo", "En desacuerdo", "Ni en desacuerdo ni de acuerdo", "De acuerdo", "Muy de acuerdo"]
    stem = "Por favor identifique qué tan de acuerdo está con las siguientes afirmaciones"
    header = ["Marca temporal", f"{stem} [Puedo aprender]", f"{stem} [Es divertido]", f"{stem} [Es valioso]"]
    rows = []
    for i in range(10):
        first = "Ni de acuerdo ni en desacuerdo" if i % 5 == 2 else levels[i % 5]
        rows.append([f"2022/06/2{i % 9} 10:1{i}:00 a. m. GMT-5", first, levels[(i + 1) % 5], levels[(i + 3) % 5]])
    found = inspect_file(write_csv(tmp_path / "respuestas.csv", csv_text(header, rows)))
    grids = [q for q in found["questions"] if q["text"].startswith(stem)]
    assert len(grids) == 1 and grids[0]["type"] == "likert" and len(grids[0]["columns"]) == 3, grids
