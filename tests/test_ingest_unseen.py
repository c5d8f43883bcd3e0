"""Ingest of real exports that ingest was not built on (tests/data/exports/unseen, attribution in its
SOURCES.md), and the layout quirks they showed, each also pinned on a few inline rows that follow the layout
notes in docs/export-layouts.md (section named in each test)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from pipeline.ingest import inspect_file, read_survey

DATA = Path(__file__).parent / "data" / "exports" / "unseen"
KEY = b"test-key"
NAMES = ["surveymonkey_538_steak.csv", "surveymonkey_538_thanksgiving_subset.csv", "msforms_uva_hotdog_fa24.csv",
         "qualtrics_QualtricsTools_no_basis_legacy.csv"]  # tool and respondents: tests/test_ingest_real.py


def answers_of(survey, question_id):
    return survey.answers[survey.answers["question_id"] == question_id].reset_index(drop=True)


@pytest.fixture(scope="module")
def surveys():
    return {name: read_survey(DATA / name, key=KEY) for name in NAMES}


def test_steak_respondent_who_answered_only_the_first_question_counts(surveys):
    survey = surveys["surveymonkey_538_steak.csv"]
    assert survey.questions["type"].tolist() == ["single"] * 14
    assert sorted(survey.questions["options"].iloc[0]) == ["Lottery A", "Lottery B"]
    first = survey.respondents["respondent_id"].iloc[0]      # row 3: "Lottery B" and nothing else
    assert answers_of(survey, "q01").query("respondent_id == @first")["value"].tolist() == ["Lottery B"]
    assert survey.answers.query("respondent_id == @first")["question_id"].tolist() == ["q01"]


def test_flattened_surveymonkey_groups_options_and_other_text(surveys):
    survey = surveys["surveymonkey_538_thanksgiving_subset.csv"]
    q = survey.questions.set_index("question_id")
    assert q.loc[["q02", "q03", "q11", "q12", "q19"], "type"].tolist() == \
        ["single", "other_text", "multi", "other_text", "multi"]
    assert len(q.loc["q11", "columns"]) == 14 and q.loc["q11", "options"][-1] == "Other (please specify)"
    second = survey.respondents["respondent_id"].iloc[1]
    mine = survey.answers.query("respondent_id == @second")
    assert mine.query("question_id == 'q12'")["text"].tolist() == ["Asian vinagrette salad"]
    assert mine.query("question_id == 'q09'")["text"].tolist() == ["Homemade cranberry gelatin ring"]


def test_small_surveymonkey_choices_of_age_and_income_bands_stay_single(surveys):
    # 12 respondents, 6 or 7 different bands each ("10 or younger", "$25,000 to $49,999"): repeated short
    # answers, a choice (they were typed open when more than half the answers differed)
    q = surveys["surveymonkey_538_thanksgiving_subset.csv"].questions
    kinds = {cols[0]: kind for cols, kind in zip(q["columns"], q["type"])}
    assert kinds['What\'s the age cutoff at your "kids\' table" at Thanksgiving?'] == "single"
    income = next(c for c in kinds if c.startswith("How much total combined money"))
    assert kinds[income] == "single"


def test_msforms_class_answering_in_one_minute_is_not_duplicates(surveys):
    survey = surveys["msforms_uva_hotdog_fa24.csv"]
    assert (survey.encoding, survey.report["accepted"], survey.report["duplicates"]) == ("cp1252", 187, 0)
    assert survey.questions["type"].tolist() == ["meta", "single", "single", "open"]
    assert "Computer Science’s" in answers_of(survey, "q04")["text"].tolist()


def test_qualtrics_legacy_negative_recodes_are_off_the_scale(surveys):
    survey = surveys["qualtrics_QualtricsTools_no_basis_legacy.csv"]
    first = survey.respondents["respondent_id"].iloc[0]
    grid = answers_of(survey, "Q3").query("respondent_id == @first").reset_index(drop=True)
    expected = pd.DataFrame({"item": pd.array(["Squash", "Cucumbers", "Zucchini", "Green beans"], dtype="string"),
                             "score": [np.nan, 3.0, 3.0, 1.0], "is_dont_know": [True, False, False, False]})
    assert_frame_equal(grid[["item", "score", "is_dont_know"]], expected)
    assert not survey.answers["value"].astype(str).str.contains(r"42\.40", regex=True).any()   # latitude


def test_googleforms_option_labels_with_commas_stay_one_option(tmp_path):
    # "Google Forms" (G1): a single choice whose labels contain ", " recurs whole and its pieces never occur
    # apart; the checkbox question next to it joins options that also occur alone. Ten rows, so that
    # single choice vs open text is decided by distinct answers, not by length.
    rows = [('"Biological, mathematical & physical sciences"', "No", '"I conduct research, I teach"'),
            ("Engineering & technology", '"No, but we expected to"', "I conduct research"),
            ('"Biological, mathematical & physical sciences"', '"No, but we expected to"', "I teach"),
            ("Engineering & technology", "Yes", '"I conduct research, I teach"'),
            ("Social studies", "No", "I teach")] * 2
    path = tmp_path / "commas.csv"
    path.write_text("Timestamp,Which discipline?,Costs in a proposal?,Roles\n" + "".join(
        f"8/{20 + n}/2014 15:33:45,{a},{b},{c}\n" for n, (a, b, c) in enumerate(rows)), encoding="utf-8")
    survey = read_survey(path, key=KEY)
    q = survey.questions.set_index("question_id")
    assert q["type"].tolist() == ["single", "single", "multi"]
    assert sorted(q.loc["q01", "options"]) == ["Biological, mathematical & physical sciences",
                                               "Engineering & technology", "Social studies"]
    assert answers_of(survey, "q02")["value"].tolist()[:4] == ["No", "No, but we expected to",
                                                              "No, but we expected to", "Yes"]
    assert answers_of(survey, "q03")["value"].tolist()[:6] == ["I conduct research", "I teach",
                                                              "I conduct research", "I teach", "I conduct research",
                                                              "I teach"]


def test_column_of_email_addresses_is_personal_whatever_its_header(tmp_path):
    # "Google Forms" (G1): the last question asks for an e-mail address for updates; its header is a sentence.
    path = tmp_path / "updates.csv"
    path.write_text("Timestamp,Kunta,\"If you would like updates, please provide your email address\"\n"
                    "8/20/2014 15:33:45,Kokkola,p.dodds@example.ac.uk\n8/20/2014 15:42:13,Kannus,\n"
                    "8/20/2014 15:46:23,Kannus,andy@example.com\n", encoding="utf-8")
    info = inspect_file(path)
    assert [p["kind"] for p in info["personal_data_columns"]] == ["email"]
    survey = read_survey(path, key=KEY)
    assert survey.questions["question_id"].tolist() == ["q01"]
    assert not survey.answers.astype(str).apply(lambda c: c.str.contains("@")).any().any()


def test_identical_answers_under_distinct_response_ids_are_not_duplicates(tmp_path):
    # "Microsoft Forms" (M3): every response has its own Id; identical answers in the same minute are two
    # people, while a repeated Id is still one submission kept once.
    path = tmp_path / "forms.csv"
    path.write_text("Id,Start time,Completion time,Email,Name,Is a hotdog a sandwich\n"
                    "1,9/2/2024 11:46,9/2/2024 11:46,anonymous,,No\n2,9/2/2024 11:46,9/2/2024 11:46,anonymous,,No\n"
                    "2,9/2/2024 11:46,9/2/2024 11:46,anonymous,,No\n", encoding="utf-8")
    report = read_survey(path, key=KEY).report
    assert (report["accepted"], report["duplicates"]) == (2, 1)


def test_flattened_surveymonkey_lone_option_column_is_a_multi_select(tmp_path):
    # "SurveyMonkey" flattened form (S3): `<question> - <option>` alone holds the option text when ticked.
    path = tmp_path / "flat.csv"
    path.write_text("RespondentID,Main dish?,Main dish? - Other (please specify),Will you watch any? - Macy's Parade\n"
                    "4337954960,Turkey,,Macy's Parade\n4337951949,Other (please specify),Turkey and Ham,\n"
                    "4337935621,Turkey,,Macy's Parade\n", encoding="utf-8")
    survey = read_survey(path, key=KEY)
    assert (survey.tool, survey.header_rows) == ("surveymonkey", 1)
    assert survey.questions["type"].tolist() == ["single", "other_text", "multi"]
    q = survey.questions.iloc[2]
    assert (q["text"], q["options"]) == ("Will you watch any?", ["Macy's Parade"])
    assert answers_of(survey, "q03")["item"].tolist() == ["Macy's Parade", "Macy's Parade"]
    assert answers_of(survey, "q02")["text"].tolist() == ["Turkey and Ham"]


MONKEY_FULL = ("Respondent ID,Collector ID,Start Date,End Date,IP Address,Email Address,First Name,Last Name,"
               "Custom Data 1,How did you contact us?,,\n,,,,,,,,,Phone,E-mail,Other (please specify)\n")


def test_surveymonkey_option_named_phone_is_an_option_and_custom_data_is_personal(tmp_path):
    # SurveyMonkey full export (docs/export-layouts.md, SurveyMonkey: "Full exports start with …"): a
    # multi-select's option columns hold their own label when ticked; an option called "Phone" or "E-mail" is no
    # phone number, while "Custom Data 1" carries what the survey link passed in (a customer or panel id)
    rows = "".join(f"{11400000 + n},240123,03/0{n}/2021 10:00:11 AM,03/0{n}/2021 10:04:40 AM,84.1.12.{n},,,,"
                   f"CRM-{n}77,{'Phone' if n % 2 else ''},{'' if n % 3 else 'E-mail'},\n" for n in range(1, 7))
    path = tmp_path / "monkey.csv"
    path.write_text(MONKEY_FULL + rows, encoding="utf-8")
    info = inspect_file(path)
    multi = [q for q in info["questions"] if q["type"] == "multi"]
    assert [q["options"] for q in multi] == [["Phone", "E-mail"]]
    assert {c["column"] for c in info["personal_data_columns"]} >= {"IP Address", "Custom Data 1"}
    assert not set(read_survey(path, key=KEY).answers["value"].astype(str)) & {f"CRM-{n}77" for n in range(1, 7)}
