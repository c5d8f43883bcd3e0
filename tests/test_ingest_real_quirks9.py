"""Quirks of real exports found on round s12 of unseen files (issue 12): one test per quirk, each on a few inline
rows built the way files of that kind look (not copies of the files)."""
from __future__ import annotations

import pandas as pd
import pytest

from pipeline.ingest import inspect_file
from pipeline.errors import InputError
from pipeline.privacy import personal_data_kind

from conftest import write_csv


def _by_id(found: dict) -> dict:
    return {q["id"]: q for q in found["questions"]}


def _qualtrics(rows: list[list[str]]) -> str:
    codes = ["StartDate", "Status", "ResponseId", "Q3", "1_Q4#1_1", "1_Q4#1_2", "2_Q4#1_1", "2_Q4#1_2", "1_Q21"]
    texts = ["Start Date", "Response Type", "Response ID", "Which sessions?", "Rate - before - Trust",
             "Rate - before - Equity", "Rate - before - Trust", "Rate - before - Equity", "Improve this session?"]
    imports = ['{""ImportId"":""startDate""}', '{""ImportId"":""status""}', '{""ImportId"":""_recordId""}',
               '{""ImportId"":""QID68""}', '{""ImportId"":""1_QID67#1_1""}', '{""ImportId"":""1_QID67#1_2""}',
               '{""ImportId"":""2_QID67#1_1""}', '{""ImportId"":""2_QID67#1_2""}', '{""ImportId"":""1_QID74_TEXT""}']
    lines = [",".join(codes), ",".join(texts), ",".join(f'"{i}"' for i in imports)]
    lines += [",".join(f'"{c}"' for c in row) for row in rows]
    return "\n".join(lines) + "\n"


def test_qualtrics_loop_and_merge_copies_are_questions(tmp_path):
    # a loop-and-merge block numbers each copy of its questions ("1_QID67#1_1", "2_QID67#1_1"): they are the
    # survey's questions, one per loop, not metadata
    rows = [[f"2022-08-29 11:2{i}:00", "0", f"R_{i}", "1", str(1 + i % 5), str(2 + i % 4), str(5 - i % 5),
             str(4 - i % 4), "Shorter breakouts" if i % 2 else ""] for i in range(6)]
    found = inspect_file(write_csv(tmp_path / "eval.csv", _qualtrics(rows)))
    questions = _by_id(found)
    for loop in ("1_Q4#1", "2_Q4#1"):
        assert questions[loop]["type"] == "likert" and len(questions[loop]["columns"]) == 2
    assert questions["1_Q21"]["type"] == "open"


def test_qualtrics_unsplit_multi_value_field_is_multi(tmp_path):
    # with "split multi-value fields into columns" off, Qualtrics writes a multi-select's chosen codes in one
    # cell ("1,3"); the parts also occur alone
    answers = ["1", "3", "1,3", "2", "1,2,4", "3", "4", "1"]
    rows = [[f"2022-08-29 11:2{i}:00", "0", f"R_{i}", a, "3", "4", "", "", ""] for i, a in enumerate(answers)]
    q3 = _by_id(inspect_file(write_csv(tmp_path / "eval.csv", _qualtrics(rows))))["Q3"]
    assert q3["type"] == "multi"
    assert q3["options"] == ["1", "2", "3", "4"]


def test_count_row_over_text_answers_is_not_a_respondent(tmp_path):
    # a hand-kept feedback sheet counts its comments in a row under the header (=COUNTA(C3:C100) → 4, 2):
    # figures in columns of words are a summary, not a respondent
    path = tmp_path / "feedback.xlsx"
    pd.DataFrame([["", "", 4, 2],
                  ["Student", "Trust", "More time for breakouts", "Very relevant"],
                  ["Faculty", "Trust", "Share the slides", ""],
                  ["Student", "Equity", "Clearer instructions", "Useful for my work"],
                  ["Other", "Equity", "Great session", ""]],
                 columns=["role", "session", "improvements", "relevance"]).to_excel(path, index=False)
    found = inspect_file(path)
    assert found["respondents"] == 4 and found["excluded"] == 1
    assert found["rows_in"] == 5


def test_tally_block_under_the_answers_is_left_out(tmp_path):
    # a Google Forms sheet where someone counted the answers under them: a row of the question texts (a
    # column off their own) and "Yes 3 / No 1" rows are neither respondents nor options
    q1, q2 = "Should there be a single education board?", "Should students be able to switch majors?"
    rows = [["2023-01-24 19:38:02", "Student", "Yes", "No"], ["2023-01-24 20:49:27", "Student", "Yes", "Yes"],
            ["2023-01-25 09:12:00", "Working", "No", "Yes"], ["2023-01-25 10:01:44", "Student", "Yes", "Yes"],
            ["", q1, q2, "Current status"], ["", "Yes", "3", "3"], ["", "No", "1", "1"]]
    path = tmp_path / "responses.xlsx"
    pd.DataFrame(rows, columns=["Timestamp", "Current status", q1, q2]).to_excel(
        path, index=False, sheet_name="Form Responses 1")
    found = inspect_file(path)
    assert found["respondents"] == 4 and found["excluded"] == 3
    types = {q["text"]: q for q in found["questions"]}
    assert types[q1]["type"] == "single" and sorted(types[q1]["options"]) == ["No", "Yes"]
    assert sorted(types["Current status"]["options"]) == ["Student", "Working"]


def test_webropol_code_legend_under_the_answers_labels_the_codes(tmp_path):
    # Webropol's export of codes (Russian interface: "Время ответа") prints a legend "1 = Мужчина" under the
    # answers: its rows are no respondents, and its labels name the codes
    header1 = ["Время ответа", "4. Ваш пол:", "5. Ваш возраст"]
    header2 = ["-", "-", "-"]
    rows = [["30.03.2015 12:13:37", "2", "39"], ["30.03.2015 12:28:13", "1", "29"],
            ["30.03.2015 12:39:30", "2", "41"], ["31.03.2015 08:18:31", "2", "33"],
            ["", "", ""], ["", "1 = Мужчина", ""], ["", "2 = Женщина", ""]]
    path = tmp_path / "webropol.xlsx"
    pd.DataFrame([header2] + rows, columns=header1).to_excel(path, index=False)
    found = inspect_file(path)
    assert found["tool"] == "webropol"
    assert found["respondents"] == 4 and found["excluded_reasons"] == {"value-label legend row": 2}
    gender = next(q for q in found["questions"] if q["text"].startswith("4. Ваш пол"))
    assert gender["type"] == "single" and sorted(gender["options"]) == ["Женщина", "Мужчина"]


def test_a_file_without_its_header_row_is_refused(tmp_path):
    # a Microsoft Forms CSV saved without its header row: the first respondent's times, e-mail and name would
    # become column headers; stop and say so
    body = "".join(f"{i},4/15/2026 22:{30 + i},4/15/2026 22:{40 + i},s{i}@school.example,Pupil {i},G9,{i + 3}\n"
                   for i in range(1, 6))
    with pytest.raises(InputError, match=r"row 1: the header row holds answers"):
        inspect_file(write_csv(tmp_path / "lunch.csv", body))


def test_roll_and_student_numbers_are_personal_ids():
    # a registration sheet's "Roll Number" (a student's number at their institute) names one person
    assert personal_data_kind("Roll Number") == "personal_id"
    assert personal_data_kind("Student ID") == "personal_id"
    assert personal_data_kind("Enrollment") is None


def test_qualtrics_question_text_loses_its_html():
    # a rich-text question kept its tags: the data-used table printed "<strong>Trust</strong>" as text
    from pipeline.ingest.layout import _plain_text

    assert _plain_text("<strong>Concept of Trust</strong> (presented by [name])<br>Please rate") == \
        "Concept of Trust (presented by [name]) Please rate"
    assert _plain_text("Fish &amp; chips <span style=\"color:red\">today</span>") == "Fish & chips today"
    assert _plain_text("Is 3 < 5 and 7 > 4?") == "Is 3 < 5 and 7 > 4?"       # no tag: as written
