"""Ingest of the real survey-tool exports in tests/data/exports (attribution in its SOURCES.md)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline import schemas
from pipeline.ingest import inspect_file, read_survey

DATA = Path(__file__).parent / "data" / "exports"
KEY = b"test-key"
EXPECTED = {
    "qualtrics_qualtRics_sample.csv": ("qualtrics", 1, 3),
    "qualtrics_QualtricsTools_many_types_insights2016.csv": ("qualtrics", 5, 3),
    "limesurvey_pulsemanager_rc2_export_responses.csv": ("limesurvey", 1, 1),
    "googleforms_uva_hotdog_sp24.xlsx": ("googleforms", 91, 1),
    "surveymonkey_538_sleeping_alone.csv": ("surveymonkey", 1093, 2),
    "spss_music_opinion_italian_survey.sav": ("spss", 85, 1),
    # real exports found after detection was written (tests/data/exports/unseen/SOURCES.md), counted by hand
    "unseen/surveymonkey_538_steak.csv": ("surveymonkey", 550, 2),
    "unseen/surveymonkey_538_thanksgiving_subset.csv": ("surveymonkey", 12, 1),
    "unseen/msforms_uva_hotdog_fa24.csv": ("msforms", 187, 1),
    "unseen/qualtrics_QualtricsTools_no_basis_legacy.csv": ("qualtrics", 15, 2),
}


@pytest.fixture(scope="module")
def surveys():
    return {name: read_survey(DATA / name, key=KEY) for name in EXPECTED}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_inspect_tool_respondents_and_header_rows(name):
    info = inspect_file(DATA / name)
    assert (info["tool"], info["respondents"], info["header_rows"]) == EXPECTED[name]
    assert all({"id", "text", "type", "columns"} <= q.keys() for q in info["questions"])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_tables_conform_and_every_row_is_accounted_for(surveys, name):
    survey = surveys[name]
    for table in ("questions", "respondents", "answers", "rejected"):
        schemas.validate(getattr(survey, table), table)
    report = survey.report
    assert report["rows_in"] == report["accepted"] + report["rejected"] + report["duplicates"]
    assert len(survey.respondents) == report["accepted"]
    assert set(survey.answers["respondent_id"]) <= set(survey.respondents["respondent_id"])
    assert set(survey.answers["question_id"]) <= set(survey.questions["question_id"])
    assert survey.questions["question_id"].is_unique


def test_qualtrics_personal_metadata_never_reaches_answers(surveys):
    survey = surveys["qualtrics_qualtRics_sample.csv"]
    columns = {c for cols in survey.questions["columns"] for c in cols}
    assert not columns & {"IPAddress", "LocationLatitude", "LocationLongitude", "RecipientEmail", "ResponseId"}
    values = survey.answers[["value", "text"]].astype(str).to_numpy().ravel().tolist()
    assert "130.92.34.66" not in values and "R_2YPOQ602ER1jkf1" not in values
    assert survey.respondents["submitted_at"].iloc[0] == pd.Timestamp("2017-07-18 08:28:48")
    q2 = survey.questions.set_index("question_id").loc["Q2"]
    assert (q2["type"], q2["text"]) == ("open", "This is a free text question.")


def test_qualtrics_insights_matrix_is_one_grid_and_multi_columns_one_question(surveys):
    q = surveys["qualtrics_QualtricsTools_many_types_insights2016.csv"].questions.set_index("question_id")
    assert q.loc["Q3", "type"] == "likert" and q.loc["Q3", "columns"] == ["Q3_1", "Q3_2", "Q3_3"]
    assert q.loc["Q2", "type"] == "multi" and q.loc["Q2", "options"] == ["Oranges", "Blueberries", "Strawberries"]


def test_surveymonkey_forward_filled_questions_other_text_and_agree_grid(surveys):
    survey = surveys["surveymonkey_538_sleeping_alone.csv"]
    q = survey.questions.set_index("question_id")
    reasons = q[q["text"].str.startswith("What are the reasons")]
    assert reasons["type"].tolist() == ["multi", "other_text"]
    assert len(reasons["options"].iloc[0]) == 10
    grid = q[q["type"] == "likert"]
    assert len(grid) == 1 and len(grid["columns"].iloc[0]) == 3
    assert grid["options"].iloc[0] == ["Strongly disagree", "Somewhat disagree", "Neither agree nor disagree",
                                       "Somewhat agree", "Strongly agree"]


def test_spss_value_labels_grid_with_dont_know_apart(surveys):
    survey = surveys["spss_music_opinion_italian_survey.sav"]
    q = survey.questions.set_index("question_id")
    assert q.loc["Dom_5", "type"] == "likert"
    assert q.loc["Dom_5", "options"] == ["mi piace", "mi piace così e così", "non mi piace"]
    grid = survey.answers[survey.answers["question_id"] == "Dom_5"]
    assert set(grid.loc[grid["is_dont_know"], "value"]) == {"non lo conosco"}
    assert grid.loc[grid["is_dont_know"], "score"].isna().all()
    assert q.loc["Dom_13", "type"] == "multi"
    assert q.loc["Dom_3", "options"] == ["sì", "no"]


def test_limesurvey_bom_semicolon_quoted_crlf(surveys):
    survey = surveys["limesurvey_pulsemanager_rc2_export_responses.csv"]
    assert (survey.encoding, survey.delimiter) == ("utf-8-sig", ";")
    assert survey.questions.set_index("question_id").loc["q1", "columns"][0] == "q1[vis1]"


def test_googleforms_xlsx_timestamp_and_open_text(surveys):
    survey = surveys["googleforms_uva_hotdog_sp24.xlsx"]
    assert survey.respondents["submitted_at"].iloc[0] == pd.Timestamp("2024-01-18 14:18:57.066")
    types = survey.questions.set_index("text")["type"]
    assert types["What is the rationale behind your opinion?"] == "open"
