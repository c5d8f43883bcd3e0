"""Quirks of real exports found on a fifth round of unseen files (issue 12, round b14): one test per quirk, each on
a few inline rows built the way files of that kind look (not copies of the files)."""
from __future__ import annotations

import openpyxl
import pandas as pd
import pyreadstat

from pipeline.ingest import inspect_file

from conftest import write_csv


def _kinds(found: dict) -> list[tuple[str, list[str]]]:
    return [(q["type"], q["columns"]) for q in found["questions"] if q["type"] != "meta"]


def test_limesurvey_code_and_text_headings_are_limesurvey_with_their_metadata(tmp_path):
    # LimeSurvey's "question code and question text" headings ("id. Response ID", "A2[SQ001]. Which … [Option]"),
    # here as the xlsx download: the metadata are known by their codes, the options by their worded items
    path = tmp_path / "results-survey.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id. Response ID", "submitdate. Date submitted", "lastpage. Last page",
                  "startlanguage. Start language", "A1. Do you work with user research?",
                  "A2[SQ001]. Which of these do you use? [Interviews]", "A2[SQ002]. Which of these do you use? [Surveys]",
                  "A2[other]. Which of these do you use? [Other]"])
    sheet.append([1, "2026-05-18 10:22:18", 9, "en", "Yes", "Yes", "No", ""])
    sheet.append([2, "2026-05-18 10:42:35", 9, "en", "No", "No", "Yes", "diary studies"])
    sheet.append([3, None, 0, "en", None, "N/A", "N/A", None])
    sheet.append([4, "2026-05-18 11:02:01", 9, "en", "Yes", "Yes", "Yes", ""])
    book.save(path)
    found = inspect_file(path)
    assert found["tool"] == "limesurvey"
    assert found["respondents"] == 3                      # record 3 saw nothing (last page 0, N/A only)
    assert _kinds(found) == [("single", ["A1. Do you work with user research?"]),
                             ("multi", ["A2[SQ001]. Which of these do you use? [Interviews]",
                                        "A2[SQ002]. Which of these do you use? [Surveys]"]),
                             ("other_text", ["A2[other]. Which of these do you use? [Other]"])]
    multi = next(q for q in found["questions"] if q["type"] == "multi")
    assert multi["options"] == ["Interviews", "Surveys"]


def test_limesurvey_code_headings_without_metadata_are_limesurvey(tmp_path):
    # a LimeSurvey export whose metadata columns were left out: only `ID` and code headings `CODE[SQ001]`
    path = write_csv(tmp_path / "results.csv",
                     "ID,TRAJET[SQ001],TRAJET[SQ002],TRAJET[SQ003],LOGEMENT[SQ001],LOGEMENT[SQ002],LOGEMENT[other]\n"
                     "3,Non,Non,Oui,Oui,Non,\n4,Non,Oui,Non,Oui,Non,\n5,Oui,Non,Non,Non,Non,colocation\n")
    assert inspect_file(path)["tool"] == "limesurvey"
    # Google Forms' "Question [Row]" (a space before the bracket) is not a LimeSurvey code heading
    grid = write_csv(tmp_path / "grid.csv", "Rate [Food],Rate [Room],Rate [Staff]\nGood,Bad,Good\nBad,Good,Good\n")
    assert inspect_file(grid)["tool"] == "generic"


def test_limesurvey_yes_no_options_in_the_survey_language_are_one_multi(tmp_path):
    # a French full-answer export: "Oui"/"Non" in every option column of a multiple choice asked "À quelle …",
    # and a German one whose "other" field is headed "[Sonstiges]"
    path = write_csv(tmp_path / "fr.csv",
                     "id,submitdate,lastpage,startlanguage,À quelle tranche d'âge appartenez-vous ? [18-25],"
                     "À quelle tranche d'âge appartenez-vous ? [26-35],À quelle tranche d'âge appartenez-vous ? [36+]\n"
                     "1,2024-01-02 10:00:00,3,fr,Oui,Non,Non\n2,2024-01-02 11:00:00,3,fr,Non,Oui,Non\n"
                     "3,2024-01-02 12:00:00,3,fr,Non,Non,Oui\n")
    assert [k for k, _ in _kinds(inspect_file(path))] == ["multi"]
    path = write_csv(tmp_path / "de.csv",
                     "Antwort ID,Datum Abgeschickt,Letzte Seite,Start-Sprache,Wofür verwenden Sie das Rad? [Einkauf],"
                     "Wofür verwenden Sie das Rad? [Ausflüge],Wofür verwenden Sie das Rad? [Sonstiges]\n"
                     "1,2020-03-12 10:01:00,8,de,Ja,Nein,\n2,2020-03-14 15:33:08,8,de,Ja,Ja,Pendeln\n"
                     "3,2020-03-16 12:14:05,8,de,Nein,Ja,\n")
    assert [k for k, _ in _kinds(inspect_file(path))] == ["multi", "other_text"]


def test_qualtrics_text_entry_answered_with_numbers_is_a_number(tmp_path):
    # "How old are you?" asked as a text entry (ImportId QID21_TEXT): every answer a whole number
    rows = ['StartDate,EndDate,Status,ResponseId,Q21,Q30',
            'Start Date,End Date,Response Type,Response ID,How old are you?,Postcode',
            '"{""ImportId"":""startDate""}","{""ImportId"":""endDate""}","{""ImportId"":""status""}",'
            '"{""ImportId"":""_recordId""}","{""ImportId"":""QID21_TEXT""}","{""ImportId"":""QID30_TEXT""}"',
            '2024-01-02 10:00:00,2024-01-02 10:05:00,0,R_1,19,01234',
            '2024-01-02 11:00:00,2024-01-02 11:05:00,0,R_2,22,20100',
            '2024-01-02 12:00:00,2024-01-02 12:05:00,0,R_3,19,00150']
    found = inspect_file(write_csv(tmp_path / "q.csv", "\n".join(rows) + "\n"))
    assert found["tool"] == "qualtrics"
    # zero-padded codes (a postcode) stay text
    assert _kinds(found) == [("number", ["Q21"]), ("open", ["Q30"])]


def test_numbered_scale_labels_of_a_battery_are_a_likert_scale(tmp_path):
    # ratings whose answers are "1 - never" … "5 - always" (a form's scale kept as text) in a battery of
    # statements: Likert, scored by the numbers; a numbered list of options asked once ("1. Primary", "2.
    # Secondary" …) and counts written "2 children" are no scale
    rows = ["Respondent,Understands me,Trusts me,Cares for me,Education,Children",
            "1,5 - always,4 - often,5 - always,1. Primary,2 children",
            "2,3 - sometimes,3 - sometimes,2 - rarely,2. Secondary,1 child",
            "3,1 - never,5 - always,4 - often,4. Doctorate,3 children",
            "4,4 - often,1 - never,3 - sometimes,3. University,2 children",
            "5,3 - sometimes,2 - rarely,1 - never,2. Secondary,1 child"]
    found = inspect_file(write_csv(tmp_path / "s.csv", "\n".join(rows) + "\n"))
    types = {q["columns"][0]: q for q in found["questions"]}
    assert types["Understands me"]["type"] == "likert"
    assert types["Understands me"]["options"] == ["1 - never", "3 - sometimes", "4 - often", "5 - always"]
    assert types["Trusts me"]["type"] == types["Cares for me"]["type"] == "likert"
    assert types["Education"]["type"] == types["Children"]["type"] == "single"


def test_spss_german_frequency_labels_are_a_likert_scale(tmp_path):
    # SPSS value labels 0 = "nie/fast nie" … 3 = "fast immer/immer" (the Severity of Dependence Scale)
    path = tmp_path / "sds.sav"
    frame = pd.DataFrame({"SDS1": [0.0, 1.0, 2.0, 3.0, 2.0], "Alter": [31.0, 27.0, 45.0, 38.0, 29.0]})
    labels = {0.0: "nie/fast nie", 1.0: "manchmal", 2.0: "oft", 3.0: "fast immer/immer"}
    pyreadstat.write_sav(frame, str(path), variable_value_labels={"SDS1": labels})
    found = inspect_file(path)
    assert _kinds(found) == [("likert", ["SDS1"]), ("number", ["Alter"])]
