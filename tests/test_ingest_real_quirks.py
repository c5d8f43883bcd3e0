"""Quirks of real exports found on a second round of unseen files (issue 12): one test per quirk, each on a few
inline rows built the way files of that kind look (not copies of the files)."""
from __future__ import annotations

import numpy as np
import pandas as pd
from pandas.testing import assert_frame_equal

from pipeline.ingest import qtypes, read_survey
from pipeline.ingest.qtypes import parse_datetimes

from conftest import write_csv

KEY = b"k"


def typed(survey):
    q = survey.questions[survey.questions["type"] != "meta"]
    return {qid: (t, list(o)) for qid, t, o in zip(q["question_id"], q["type"], q["options"])}


def test_spss_check_all_stored_as_joined_digit_codes_is_one_multi(tmp_path):
    # ICPSR-style SPSS: "check all that apply" in one numeric variable, 124 = options 1, 2 and 4; single digits
    # labelled, joined codes labelled with the options they join or not at all. An age of 24 and a single
    # choice on paper where one person ticked two boxes (12) stay what they are.
    import pyreadstat
    options = {1.0: "Latino/Latina", 2.0: "Black, African American", 3.0: "White", 4.0: "Asian"}
    often = {1.0: "Every day", 2.0: "Weekly", 3.0: "Monthly", 4.0: "Never",
             12.0: "Every day and weekly"}
    data = pd.DataFrame({
        "Q3": [24.0, 35.0, 24.0, 46.0, 18.0, 13.0],      # digits rising like joined codes, but no one-digit age
        "Q4": [2.0, 124.0, 23.0, 3.0, np.nan, 1.0],
        "Q5": [1.0, 2.0, 2.0, 3.0, 12.0, 4.0],
    })
    pyreadstat.write_sav(
        data, str(tmp_path / "d.sav"),
        column_labels=["What is your age?", "How do you describe yourself? (Check all that apply)",
                       "How often do you visit?"],
        variable_value_labels={"Q3": {float(k): str(k) for k in range(1, 9)},
                               "Q4": {**options, 23.0: "Black, African American and White"}, "Q5": often})
    survey = read_survey(tmp_path / "d.sav", key=KEY)
    types = typed(survey)
    assert types["Q4"] == ("multi", list(options.values()))
    assert types["Q3"][0] != "multi"
    assert types["Q5"][0] == "single"
    got = survey.answers.loc[survey.answers["question_id"] == "Q4", ["value"]].reset_index(drop=True)
    expected = ["Black, African American", "Latino/Latina", "Black, African American", "Asian",
                "Black, African American", "White", "White", "Latino/Latina"]
    assert_frame_equal(got.astype(object), pd.DataFrame({"value": expected}, dtype=object))


def test_month_name_dates_are_read_on_the_fast_path_and_typed_as_dates(tmp_path, monkeypatch):
    # SPSS DATE11 written as text (17-OCT-2016), its mixed-case form, day.month.year and month first
    values = pd.Series(["17-OCT-2016", "17-Oct-2016", "17.10.2016", "Mar 14, 2017", "2 September 2016 10:05", ""],
                       dtype=object)

    def slow(_):
        raise AssertionError("month-name dates must not need the pandas fallback")

    monkeypatch.setattr(qtypes, "_other_forms", slow)
    parsed, _ = parse_datetimes(values)
    assert [str(v) for v in parsed] == ["2016-10-17 00:00:00", "2016-10-17 00:00:00", "2016-10-17 00:00:00",
                                        "2017-03-14 00:00:00", "2016-09-02 10:05:00", "NaT"]
    monkeypatch.undo()
    path = write_csv(tmp_path / "d.csv", "Visit date,Drink\n17-OCT-2016,Soda\n02-NOV-2016,Water\n"
                                         "30-Sep-2016,Soda\n,Water\n")
    survey = read_survey(path, key=KEY)
    assert typed(survey)["q01"] == ("date", [])
    dates = survey.answers.loc[survey.answers["question_id"] == "q01", "value"].tolist()
    assert dates == ["2016-10-17", "2016-11-02", "2016-09-30"]


def test_limesurvey_record_holding_only_a_computed_value_or_timings_is_empty(tmp_path):
    # an equation question writing the respondent's randomised stimuli as JSON, and the timings export
    # (interviewtime, <code>Time): a record with nothing else is an empty response, rejected and counted
    path = write_csv(tmp_path / "l.csv",
                     'id,submitdate,lastpage,startlanguage,intro,age,Q1,interviewtime,Q1Time\n'
                     '1,2020-01-01 10:00:00,2,en,"{""v1"":{""group"":""A""}}",22,Ja,30.5,12.1\n'
                     '2,,1,en,"{""v1"":{""group"":""B""}}",,,4.2,3.0\n'
                     '3,2020-01-02 11:00:00,2,en,"{""v1"":{""group"":""A""}}",31,Nee,28.0,9.9\n')
    survey = read_survey(path, key=KEY)
    assert survey.tool == "limesurvey"
    types = typed(survey)
    assert "intro" not in types and "Q1Time" not in types
    report = survey.report
    assert (report["rows_in"], report["accepted"], report["rejected"]) == (3, 2, 1)
    assert report["rows_in"] == report["accepted"] + report["rejected"] + report["duplicates"] + report["excluded"]


def test_statements_in_repeated_headers_and_coded_stems_on_one_scale_are_one_grid(tmp_path):
    # FiveThirtyEight's SurveyMonkey downloads: one rating question per statement, the statement inside the
    # header, on a 1-5 scale; and the recoded form q0007_0001 … with a frequency scale whose "never" is
    # qualified ("Never, but open to it") and a "No answer"; option columns holding "Not selected"
    text = ("RespondentID,Please rate how much you like the cuisine of Algeria:,"
            "Please rate how much you like the cuisine of Argentina.,Please rate how much you like the cuisine of "
            "Brazil.,How would you rate Tea?,How would you rate Coffee?,q0007_0001,q0007_0002,q0007_0003,"
            "q0004_0001,q0004_0002,q0004_0003\n")
    rows = [("1", "5", "4", "3", "1", "2", "Often", "Never, but open to it", "Rarely", "Friends", "Not selected",
             "Not selected"),
            ("2", "2", "", "4", "3", "3", "Sometimes", "Never, and not open to it", "No answer", "Not selected",
             "Pop culture", "Father"),
            ("3", "1", "5", "5", "5", "4", "Rarely", "Often", "Sometimes", "Friends", "Pop culture",
             "Not selected")]
    path = write_csv(tmp_path / "g.csv", text + "".join(",".join(f'"{v}"' for v in r) + "\n" for r in rows))
    survey = read_survey(path, key=KEY)
    q = survey.questions[survey.questions["type"] != "meta"].reset_index(drop=True)
    assert list(q["type"]) == ["likert", "likert", "likert", "multi"]
    assert q.loc[0, "text"] == "Please rate how much you like the cuisine of"
    assert len(q.loc[0, "columns"]) == 3 and len(q.loc[1, "columns"]) == 2 and len(q.loc[2, "columns"]) == 3
    assert list(q.loc[3, "options"]) == ["Friends", "Pop culture", "Father"]
    grid = survey.answers[survey.answers["question_id"] == q.loc[0, "question_id"]]
    assert sorted(set(grid["item"])) == ["Algeria", "Argentina", "Brazil"]
    rated = survey.answers[survey.answers["question_id"] == q.loc[1, "question_id"]]
    assert sorted(set(rated["item"])) == ["Coffee", "Tea"]
    coded = survey.answers[survey.answers["question_id"] == q.loc[2, "question_id"]].reset_index(drop=True)
    assert list(coded["score"].fillna(-1)) == [4.0, 1.0, 2.0, 3.0, 1.0, -1.0, 2.0, 4.0, 3.0]
    assert list(coded["is_dont_know"]) == [False] * 5 + [True] + [False] * 3
