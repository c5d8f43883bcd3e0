"""Which records are respondents (issue 12): N/A-only records are empty in every format, the duplicate rule
keeps the latest submission and treats the same e-mail as a duplicate only when the answers are identical
or within the window, and a scale column nobody answered does not stop typing. Small inline files."""
from __future__ import annotations

import openpyxl
import pandas as pd
from pandas.testing import assert_frame_equal

from pipeline.ingest import inspect_file, read_survey
from pipeline.privacy import pseudonym

KEY = b"k"


def accounting(report):
    assert report["rows_in"] == report["accepted"] + report["rejected"] + report["duplicates"]
    return report["rows_in"], report["accepted"], report["rejected"], report["duplicates"]


def rejected(*rows):
    return pd.DataFrame({"source_row": pd.array([r for r, _ in rows], dtype="Int64"),
                         "reason": pd.array([why for _, why in rows], dtype="string")})


NA_ONLY = "no answer in any question column (only N/A, - or blank)"


def test_record_of_only_na_values_is_rejected_as_empty_in_csv(tmp_path):
    path = tmp_path / "responses.csv"
    path.write_text("Timestamp,Kunta,Palaute\n10/1/2021 9:00:00,Kokkola,Hyvä\n10/1/2021 9:10:00,N/A,-\n"
                    "10/1/2021 9:20:00,n/a,\n10/1/2021 9:30:00,,\n10/1/2021 9:40:00,N/A,Ok\n", encoding="utf-8")
    survey = read_survey(path, key=KEY)
    assert accounting(survey.report) == (5, 2, 3, 0)
    assert_frame_equal(survey.rejected, rejected((3, NA_ONLY), (4, NA_ONLY), (5, "no answer in any question column")))
    assert survey.respondents["source_row"].tolist() == [2, 6]
    # an N/A next to a real answer is kept as that respondent's answer
    assert survey.answers.query("question_id == 'q01'")["value"].tolist() == ["Kokkola", "N/A"]
    assert inspect_file(path)["respondents"] == 2


def test_limesurvey_records_of_only_na_are_rejected(tmp_path):
    # LimeSurvey R export: the metadata is filled for every record, the questions hold N/A when not shown
    path = tmp_path / "survey_998192_R_data_file.csv"
    path.write_text('"Response ID","Date submitted","Last page","Start language","Seed","Kunta","Palaute"\n'
                    '"1","2021-01-01 10:00:00","2","fi","123","Kokkola","Hyvä"\n'
                    '"2","2021-01-01 11:00:00","1","fi","124","N/A","N/A"\n'
                    '"3","2021-01-01 12:00:00","1","fi","125","N/A","N/A"\n'
                    '"4","2021-01-02 10:00:00","2","fi","126","Kannus","N/A"\n', encoding="utf-8")
    survey = read_survey(path, key=KEY)
    assert survey.tool == "limesurvey"
    assert accounting(survey.report) == (4, 2, 2, 0)
    assert_frame_equal(survey.rejected, rejected((3, NA_ONLY), (4, NA_ONLY)))
    assert survey.respondents["source_row"].tolist() == [2, 5]


def test_xlsx_records_of_only_dashes_are_rejected(tmp_path):
    book = openpyxl.Workbook()
    for row in [["Kunta", "Palaute"], ["Kokkola", "Hyvä"], ["-", "—"], ["Kannus", None]]:
        book.active.append(row)
    path = tmp_path / "responses.xlsx"
    book.save(path)
    survey = read_survey(path, key=KEY)
    assert accounting(survey.report) == (3, 2, 1, 0)
    assert_frame_equal(survey.rejected, rejected((3, NA_ONLY)))


def write(tmp_path, text, name="form.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_survey(path, key=KEY)


HEADER = "Timestamp,Email Address,Kunta,Palaute\n"


def test_same_email_with_new_answers_later_is_a_new_submission(tmp_path):
    # a form people fill in again and again: each submission with its own answers counts
    survey = write(tmp_path, HEADER + "10/1/2021 9:00:00,anna@example.com,Kokkola,Hyvä\n"
                                      "10/2/2021 9:00:00,anna@example.com,Kokkola,Ok\n"
                                      "10/3/2021 9:00:00,anna@example.com,Kannus,Hyvä\n")
    assert accounting(survey.report) == (3, 3, 0, 0)
    assert survey.respondents["respondent_id"].nunique() == 1
    assert survey.report["warnings"] == []


def test_same_email_with_identical_answers_keeps_the_latest(tmp_path):
    survey = write(tmp_path, HEADER + "10/1/2021 9:00:00,anna@example.com,Kokkola,Hyvä\n"
                                      "10/2/2021 9:00:00,bo@example.com,Kannus,Ok\n"
                                      "10/3/2021 14:00:00,Anna@Example.com,Kokkola,Hyvä\n")
    assert accounting(survey.report) == (3, 2, 0, 1)
    expected = pd.DataFrame({
        "respondent_id": pd.array([pseudonym("email:bo@example.com", KEY), pseudonym("email:anna@example.com", KEY)],
                                  dtype="string"),
        "source_row": pd.array([3, 4], dtype="Int64"),
        "submitted_at": pd.to_datetime(["2021-10-02 09:00:00", "2021-10-03 14:00:00"]).astype("datetime64[ns]")})
    assert_frame_equal(survey.respondents[["respondent_id", "source_row", "submitted_at"]], expected)
    assert survey.report["warnings"] == [
        "form.csv: 1 duplicate submission(s) dropped (rows 2): 1 by the same e-mail with identical answers or "
        "within 120 s of a later one (the latest kept)"]


def test_same_email_with_changed_answers_within_the_window_keeps_the_latest(tmp_path):
    # sent, then corrected a minute later: the correction is the answer
    survey = write(tmp_path, HEADER + "10/1/2021 9:00:00,anna@example.com,Kokkola,Hyvä\n"
                                      "10/1/2021 9:01:00,anna@example.com,Kokkola,Hyvä ja selkeä\n"
                                      "10/1/2021 9:10:00,anna@example.com,Kokkola,Toinen kerta\n")
    assert accounting(survey.report) == (3, 2, 0, 1)
    assert survey.respondents["source_row"].tolist() == [3, 4]
    texts = survey.answers.query("question_id == 'q02'")
    assert texts["text"].fillna(texts["value"]).tolist() == ["Hyvä ja selkeä", "Toinen kerta"]


def test_repeated_response_id_keeps_the_latest(tmp_path):
    survey = write(tmp_path, "ID,Kunta\n7,Kokkola\n8,Kannus\n7,Kruunupyy\n")
    assert accounting(survey.report) == (3, 2, 0, 1)
    assert survey.respondents["source_row"].tolist() == [3, 4]
    assert survey.answers["value"].tolist() == ["Kannus", "Kruunupyy"]
    assert survey.report["warnings"] == [
        "form.csv: 1 duplicate submission(s) dropped (rows 2): 1 repeating a response id (the latest kept)"]


def test_common_identical_ratings_a_minute_apart_are_two_people_and_rare_ones_one(tmp_path):
    # a real Swedish Google Forms feedback file: "5,5,4,5,5" twice in 100 s on a five-statement form that most
    # answered 4-5 was dropped as a double submission; answers that common are given alike by chance
    header = "Tidstämpel,Lärt nytt,Ny idé,Omprövat,Friktion,Nästa fredag\n"
    common = ["5,5,4,5,5", "5,4,4,5,5", "4,5,4,5,5", "5,5,5,5,5", "5,5,4,4,5", "4,4,4,5,5", "5,5,4,5,4",
              "5,4,5,5,5", "5,5,4,5,5", "3,5,4,5,5", "5,5,4,5,5"]
    rows = [f"2023-10-13 15.{40 + k:02d}.00,{answers}" for k, answers in enumerate(common)]
    rows.append("2023-10-13 15.50.40,5,5,4,5,5")       # 40 s after the row before, the same answers
    path = tmp_path / "svar.csv"
    path.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    survey = read_survey(path, key=KEY)
    assert (survey.report["accepted"], survey.report["duplicates"]) == (12, 0)
    assert any("kept as respondents" in w and "given alike by chance" in w for w in survey.report["warnings"])
    # the same two rows among answers that are all different: a double submission, the first kept
    varied = [f"2023-10-13 15.{40 + k:02d}.00,{k % 5 + 1},{(k + 2) % 5 + 1},{(k + 3) % 4 + 1},{k % 3 + 2},{k % 2 + 3}"
              for k in range(10)]
    path.write_text(header + "\n".join(varied + ["2023-10-13 15.50.00,1,2,3,4,5", "2023-10-13 15.50.40,1,2,3,4,5"])
                    + "\n", encoding="utf-8")
    survey = read_survey(path, key=KEY)
    assert (survey.report["accepted"], survey.report["duplicates"]) == (11, 1)
    assert survey.respondents["source_row"].tolist() == list(range(2, 13))


def test_grid_nobody_answered_is_typed_without_a_scale(tmp_path):
    # two statement columns sharing a stem and holding no value at all used to crash the numeric-scale typing
    survey = write(tmp_path, "Kunta,Arvioi [Hinta],Arvioi [Laatu],Palaute\nKokkola,,,Hyvä\nKannus,,,Ok\n")
    q = survey.questions
    assert q["type"].tolist() == ["single", "single", "single", "single"]
    assert q["columns"].tolist() == [["Kunta"], ["Arvioi [Hinta]"], ["Arvioi [Laatu]"], ["Palaute"]]
    assert q["options"].tolist()[1:3] == [[], []]
    assert accounting(survey.report) == (2, 2, 0, 0)


def test_limesurvey_array_nobody_answered_is_typed_without_a_scale(tmp_path):
    path = tmp_path / "survey_1_R_data_file.csv"
    path.write_text('"Response ID","Date submitted","Last page","Start language","Seed","Kunta","Q1[SQ001]",'
                    '"Q1[SQ002]"\n"1","2021-01-01 10:00:00","3","fi","123","Kokkola","",""\n'
                    '"2","2021-01-02 10:00:00","3","fi","124","Kannus","",""\n', encoding="utf-8")
    info = inspect_file(path)
    assert [(q["columns"], q["type"]) for q in info["questions"] if q["type"] != "meta"] == \
        [(["Kunta"], "single"), (["Q1[SQ001]"], "single"), (["Q1[SQ002]"], "single")]
    assert info["respondents"] == 2


def test_a_long_block_of_instructions_above_the_header_is_skipped(tmp_path):
    # twelve note rows (a title and eleven lines of instructions), then the header and eight answers
    lines = ["Yritysten kehittämistarpeet 2024", *(f"Ohje {n}: täytä kaikki kohdat huolellisesti" for n in range(1, 12)),
             "Tunnus,Aloitusaika,Mitä tarvitsette?,Toimiala",
             *(f"{n},2024-01-0{n} 10:00,Myyntiä ja markkinointia,Teollisuus" for n in range(1, 9))]
    path = tmp_path / "notes.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    info = inspect_file(path)
    assert info["respondents"] == 8 and info["header_row_numbers"] == [13] and info["skipped_rows"] == 12
