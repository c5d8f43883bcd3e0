"""Layouts seen in real public exports (issue 12, tests/data/exports/corpus/SOURCES.md): SurveyMonkey's
"expanded" download of a single choice as one column per option, its one-row download keyed by
``RespondentID``, option columns named by a place, long option labels, LimeSurvey's Yes/No/N/A multiple
choice asked "at which …", and SPSS rating scales whose value labels name only the ends. Each test builds a
few rows in the tool's layout; the real files are in the corpus."""
from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.ingest import inspect_file, read_survey

from conftest import write_csv

KEY = b"k"


def kinds(info):
    return [(q["type"], q["options"]) for q in info["questions"] if q["type"] != "meta"]


def _expanded(question: str, options: list[str], picks: list[int | None], first="RespondentID") -> str:
    """A SurveyMonkey two-row download of one question exported one column per option: row 1 names the
    question over its first column, row 2 the options; a chosen option's column holds its label."""
    head1 = ",".join([first, question] + [""] * (len(options) - 1))
    head2 = ",".join([""] + options)
    rows = []
    for n, pick in enumerate(picks):
        cells = [options[i] if i == pick else "" for i in range(len(options))]
        rows.append(",".join([str(3100000000 + n)] + cells))
    return "\n".join([head1, head2] + rows) + "\n"


def test_surveymonkey_single_choice_exported_one_column_per_option_is_one_single(tmp_path):
    # 24 respondents, each in exactly one column: a single choice (SurveyMonkey's expanded download)
    picks = [0, 1] * 11 + [None, 1]
    path = write_csv(tmp_path / "sm.csv", _expanded("Gender", ["Male", "Female"], picks))
    info = inspect_file(path)
    assert info["tool"] == "surveymonkey"
    assert kinds(info) == [("single", ["Male", "Female"])]
    survey = read_survey(path, key=KEY)
    got = survey.answers.loc[survey.answers["question_id"] == survey.questions["question_id"].iloc[-1], "value"]
    assert got.tolist() == ["Male", "Female"] * 11 + ["Female"]


def test_option_columns_stay_a_multi_when_the_question_asks_for_several_or_few_answered(tmp_path):
    # "select all that apply" with one tick per respondent is still a multi-select
    picks = [0, 1, 2] * 8
    path = write_csv(tmp_path / "sm.csv", _expanded("Which fruits do you eat? Select all that apply.",
                                                    ["Apple", "Banana", "Cherry"], picks))
    assert kinds(inspect_file(path)) == [("multi", ["Apple", "Banana", "Cherry"])]
    # five respondents who each ticked one option: too few to tell a single choice from a multi-select
    path = write_csv(tmp_path / "few.csv", _expanded("Fruit", ["Apple", "Banana"], [0, 1, 0, 1, 1]))
    assert kinds(inspect_file(path)) == [("multi", ["Apple", "Banana"])]


def test_option_columns_named_by_a_place_are_answers_not_person_names(tmp_path):
    # "North Dakota" and "West Virginia" read like a given name beside a family name; as option columns that
    # hold their own label they are the questionnaire's wording, kept as options of the multi-select
    states = ["Iowa", "North Dakota", "West Virginia", "Ohio"]
    head1 = "RespondentID,Which of the following states are in the Midwest? Please select all that apply.,,,"
    head2 = "," + ",".join(states)
    rows = [f"{3100000000 + n}," + ",".join(s if (n + i) % 2 else "" for i, s in enumerate(states))
            for n in range(6)]
    info = inspect_file(write_csv(tmp_path / "sm.csv", "\n".join([head1, head2] + rows) + "\n"))
    assert kinds(info) == [("multi", states)]
    assert info["personal_data_columns"] == []


def test_surveymonkey_one_row_download_keyed_by_respondent_numbers_is_surveymonkey(tmp_path):
    # RespondentID of SurveyMonkey's nine-to-twelve-digit numbers, one header row, one column per question
    path = write_csv(tmp_path / "sm.csv",
                     "RespondentID,Do you check a daily weather report?,Age\n"
                     "3887201482,Yes,30 - 44\n3887159451,Yes,18 - 29\n3887152228,No,45 - 59\n")
    info = inspect_file(path)
    assert (info["tool"], info["respondents"], info["respondent_id"]) == ("surveymonkey", 3, "RespondentID")
    # a respondent column of small numbers is no SurveyMonkey signature
    other = write_csv(tmp_path / "other.csv", "RespondentID,Do you check a daily weather report?\n1,Yes\n2,No\n")
    assert inspect_file(other)["tool"] == "generic"


def test_long_option_labels_chosen_by_many_are_a_single_choice(tmp_path):
    # two answers longer than a line, each given by many respondents: option labels, not free text
    yes = "Yes, they should not recline their chair if the person behind them asks them not to"
    no = "No, the person on the flight has no obligation to the person behind them"
    rows = "".join(f'{3400000000 + n},"{yes if n % 3 else no}"\n' for n in range(40))
    path = write_csv(tmp_path / "sm.csv", "RespondentID,Does a person who reclines have any obligation?\n" + rows)
    assert kinds(inspect_file(path)) == [("single", [yes, no])]
    # long answers typed once each stay open text
    rows = "".join(f'{3400000000 + n},"{yes} because of reason number {n}"\n' for n in range(40))
    path = write_csv(tmp_path / "open.csv", "RespondentID,Why?\n" + rows)
    assert kinds(inspect_file(path))[0][0] == "open"


def test_limesurvey_yes_no_options_asked_at_which_are_one_multi(tmp_path):
    # LimeSurvey's full-answer export writes Yes/No in every option of a multiple choice (N/A when the
    # question was not shown): "Roughly, at which stages …" asks for options, so one multi-select
    q = "Roughly, at which stages are your products?"
    head = f'Response ID,Date submitted,Last page,Start language,"{q} [Concept]","{q} [Development]",' \
           f'"{q} [Scaling up]"'
    rows = "1,2014-04-08 14:24:19,5,en,Yes,No,No\n2,2014-04-09 07:27:57,5,en,Yes,Yes,No\n3,,1,en,N/A,N/A,N/A\n" \
           "4,2014-04-09 08:00:00,5,en,No,Yes,Yes\n"
    path = write_csv(tmp_path / "lime.csv", head + "\n" + rows)
    info = inspect_file(path)
    assert (info["tool"], info["respondents"]) == ("limesurvey", 3)
    assert kinds(info) == [("multi", ["Concept", "Development", "Scaling up"])]


def test_spss_rating_scale_labelled_only_at_its_ends_is_a_likert_scale(tmp_path):
    # "1 = not at all" … "5 = to a great extent": the points between have no label of their own
    import pyreadstat
    data = pd.DataFrame({"impact1": [1.0, 3.0, 5.0, 2.0, np.nan], "smoke": [1.0, 2.0, 2.0, 1.0, 1.0]})
    labels = {"impact1": {1.0: "not at all", 5.0: "to a great extent"}, "smoke": {1.0: "yes", 2.0: "no"}}
    pyreadstat.write_sav(data, str(tmp_path / "s.sav"), variable_value_labels=labels,
                         column_labels=["interferes with work", "do you smoke"])
    info = inspect_file(tmp_path / "s.sav")
    assert kinds(info) == [("likert", ["not at all", "2", "3", "4", "to a great extent"]), ("single", ["yes", "no"])]
    survey = read_survey(tmp_path / "s.sav", key=KEY)
    got = survey.answers[survey.answers["question_id"] == "impact1"]
    assert got["score"].tolist() == [1.0, 3.0, 5.0, 2.0]
    assert got["value"].tolist() == ["not at all", "3", "to a great extent", "2"]
