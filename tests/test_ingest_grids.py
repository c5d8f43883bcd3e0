"""Grids and option columns (issue 12): statements sharing a stem form one Likert question whatever the
scale's language, with "don't know" answers kept off the scale and never breaking the grid; multi-selects
exported one column per option become one multi question with its options. Each test builds a few rows
in the layout the tool's section of docs/export-layouts.md (or issue 12) describes."""
from __future__ import annotations

import numpy as np
import pandas as pd
from pandas.testing import assert_frame_equal

from pipeline.ingest import inspect_file, read_survey

from conftest import write_csv

KEY = b"k"


def questions(survey):
    q = survey.questions[survey.questions["type"] != "meta"]
    return [(t, list(o)) for t, o in zip(q["type"], q["options"])]


def answers(survey, columns=("question_id", "item", "value", "score", "is_dont_know")):
    """The answers to the questions (metadata columns left out), whole frame in the given columns."""
    asked = survey.questions.loc[survey.questions["type"] != "meta", "question_id"]
    out = survey.answers.loc[survey.answers["question_id"].isin(asked), list(columns)].reset_index(drop=True)
    return out.astype({c: object for c in columns if c not in ("score", "is_dont_know")})


def frame(**cols):
    out = pd.DataFrame(cols)
    return out.astype({c: object for c in cols if c not in ("score", "is_dont_know")})


def test_bracket_grid_with_typographic_dont_know_and_na_is_one_grid(tmp_path):
    # Google Forms grid `Question [Row]`; "Don’t know" with a typographic apostrophe, and "N/A"
    path = write_csv(tmp_path / "g.csv",
                     "Timestamp,How much do you agree? [Prices are fair],How much do you agree? [Staff help]\n"
                     "1/2/2024 10:00:00,Agree,Don’t know\n"
                     "1/2/2024 10:05:00,Strongly agree,Disagree\n"
                     "1/2/2024 10:07:00,N/A,Agree\n")
    survey = read_survey(path, key=KEY)
    assert questions(survey) == [("likert", ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
                                             "Strongly agree"])]
    assert survey.questions["text"].iloc[-1] == "How much do you agree?"
    got = answers(survey)
    expected = frame(question_id=["q01"] * 6,
                     item=["Prices are fair", "Staff help"] * 3,
                     value=["Agree", "Don’t know", "Strongly agree", "Disagree", "N/A", "Agree"],
                     score=[4.0, np.nan, 5.0, 2.0, np.nan, 4.0], is_dont_know=[False, True, False, False, True, False])
    assert_frame_equal(got, expected)


def test_spanish_coded_grid_with_no_se_is_one_grid(tmp_path):
    # coded headers `P1_1 … P1_3` (Qualtrics/SoSci style) on a Spanish agreement scale with "No sé"
    path = write_csv(tmp_path / "es.csv", "id,P1_1,P1_2,P1_3\n"
                                          "1,Totalmente de acuerdo,En desacuerdo,No sé\n"
                                          "2,De acuerdo,Ni de acuerdo ni en desacuerdo,Totalmente en desacuerdo\n")
    survey = read_survey(path, key=KEY)
    assert questions(survey) == [("likert", ["Totalmente en desacuerdo", "En desacuerdo",
                                             "Ni de acuerdo ni en desacuerdo", "De acuerdo", "Totalmente de acuerdo"])]
    assert survey.questions["columns"].iloc[-1] == ["P1_1", "P1_2", "P1_3"]
    got = answers(survey, ("item", "score", "is_dont_know"))
    expected = frame(item=["1", "2", "3", "1", "2", "3"], score=[5.0, 2.0, np.nan, 4.0, 3.0, 1.0],
                     is_dont_know=[False, False, True, False, False, False])
    assert_frame_equal(got, expected)


def test_german_colon_stem_grid_with_weiss_nicht_is_one_grid(tmp_path):
    # `Question: Item` headers (Webropol-style) on a German satisfaction scale with "weiß nicht"
    path = write_csv(tmp_path / "de.csv", "Wie zufrieden sind Sie mit: Preis,Wie zufrieden sind Sie mit: Service\n"
                                          "sehr zufrieden,weiß nicht\n"
                                          "eher unzufrieden,zufrieden\n"
                                          "sehr unzufrieden,teils/teils\n")
    survey = read_survey(path, key=KEY)
    assert [t for t, _ in questions(survey)] == ["likert"]
    assert survey.questions["text"].iloc[0] == "Wie zufrieden sind Sie mit"
    got = answers(survey, ("item", "score", "is_dont_know"))
    expected = frame(item=["Preis", "Service", "Preis", "Service", "Preis", "Service"],
                     score=[5.0, np.nan, 2.0, 4.0, 1.0, 3.0], is_dont_know=[False, True, False, False, False, False])
    assert_frame_equal(got, expected)


def test_lone_statement_columns_merge_even_when_one_holds_only_nao_sei(tmp_path):
    # one column per statement headed by the whole question (Microsoft Forms-like); Portuguese frequency
    # scale; the middle statement was answered only "Não sei", which used to split the grid in three
    stem = "Com que frequência você usa"
    path = write_csv(tmp_path / "pt.csv", f"{stem} o ônibus,{stem} o metrô,{stem} a bicicleta\n"
                                          "sempre,Não sei,nunca\n"
                                          "às vezes,Não sei,raramente\n"
                                          "nunca,,frequentemente\n")
    survey = read_survey(path, key=KEY)
    assert [t for t, _ in questions(survey)] == ["likert"]
    q = survey.questions.iloc[0]
    assert q["options"][0] == "nunca" and q["options"][-1] == "sempre" and len(q["columns"]) == 3
    got = answers(survey, ("item", "score", "is_dont_know"))
    expected = frame(item=["o ônibus", "o metrô", "a bicicleta"] * 2 + ["o ônibus", "a bicicleta"],
                     score=[5.0, np.nan, 1.0, 3.0, np.nan, 2.0, 1.0, 4.0],
                     is_dont_know=[False, True, False, False, True, False, False, False])
    assert_frame_equal(got, expected)


def test_numeric_grid_with_a_dont_know_answer_in_words_stays_one_numeric_grid(tmp_path):
    # Qualtrics-style `Q8_1 …` recodes 1-5 with "Don't know" written out in some cells
    path = write_csv(tmp_path / "num.csv", "id,Q8_1,Q8_2\n1,5,Don't know\n2,3,4\n3,1,2\n")
    survey = read_survey(path, key=KEY)
    assert questions(survey) == [("likert", ["1", "2", "3", "4", "5"])]
    got = answers(survey, ("item", "score", "is_dont_know"))
    expected = frame(item=["1", "2", "1", "2", "1", "2"], score=[5.0, np.nan, 3.0, 4.0, 1.0, 2.0],
                     is_dont_know=[False, True, False, False, False, False])
    assert_frame_equal(got, expected)


def test_spss_zero_one_options_with_value_labels_are_one_multi(tmp_path):
    # SPSS `Q5_1 … Q5_3` coded 0/1 labelled "Not selected"/"Selected", variable labels `Question - Option`
    import pyreadstat
    data = pd.DataFrame({"Q5_1": [1.0, 0.0, 1.0], "Q5_2": [0.0, 0.0, 1.0], "Q5_3": [1.0, 1.0, 0.0]})
    labels = {c: {0.0: "Not selected", 1.0: "Selected"} for c in data}
    pyreadstat.write_sav(data, str(tmp_path / "m.sav"), variable_value_labels=labels,
                         column_labels=["Which fruits? - Apple", "Which fruits? - Banana", "Which fruits? - Cherry"])
    survey = read_survey(tmp_path / "m.sav", key=KEY)
    assert questions(survey) == [("multi", ["Apple", "Banana", "Cherry"])]
    q = survey.questions.iloc[0]
    assert (q["question_id"], q["text"]) == ("Q5", "Which fruits?")
    got = answers(survey, ("item", "value"))
    assert_frame_equal(got, frame(item=["Apple", "Cherry", "Cherry", "Apple", "Banana"],
                                  value=["Apple", "Cherry", "Cherry", "Apple", "Banana"]))


def test_spss_option_label_or_missing_is_one_multi(tmp_path):
    # SPSS multiple-response set: 1 labelled with the option's own name, missing when not chosen
    import pyreadstat
    data = pd.DataFrame({"M2_1": [1.0, np.nan, 1.0], "M2_2": [np.nan, 1.0, 1.0]})
    pyreadstat.write_sav(data, str(tmp_path / "m.sav"), column_labels=["Zeitung", "Radio"],
                         variable_value_labels={"M2_1": {1.0: "Zeitung"}, "M2_2": {1.0: "Radio"}})
    survey = read_survey(tmp_path / "m.sav", key=KEY)
    assert questions(survey) == [("multi", ["Zeitung", "Radio"])]
    assert_frame_equal(answers(survey, ("item",)), frame(item=["Zeitung", "Radio", "Zeitung", "Radio"]))


def test_typeform_repeated_question_header_one_column_per_option_is_one_multi(tmp_path):
    path = write_csv(tmp_path / "tf.csv",
                     "#,Which fruits do you like?,Which fruits do you like?,Which fruits do you like?,"
                     "Start Date (UTC),Submit Date (UTC),Network ID\n"
                     "a1,Apple,,Cherry,2024-01-02 10:00:00,2024-01-02 10:03:00,abc123\n"
                     "a2,,Banana,,2024-01-02 11:00:00,2024-01-02 11:03:00,abd123\n"
                     "a3,Apple,Banana,,2024-01-02 12:00:00,2024-01-02 12:03:00,abe123\n")
    survey = read_survey(path, key=KEY)
    assert survey.tool == "typeform"
    assert questions(survey) == [("multi", ["Apple", "Banana", "Cherry"])]
    assert survey.questions.loc[survey.questions["type"] == "multi", "text"].tolist() == ["Which fruits do you like?"]
    assert_frame_equal(answers(survey, ("item", "value")),
                       frame(item=["Apple", "Cherry", "Banana", "Apple", "Banana"],
                             value=["Apple", "Cherry", "Banana", "Apple", "Banana"]))


def test_kobotoolbox_question_option_columns_are_one_multi_and_group_items_one_grid(tmp_path):
    # KoboToolbox: select_multiple `fruits` (space-joined names) followed by `fruits/<option>` 1/0 columns;
    # a group `grid/<row>` of select_one rows on one scale
    path = write_csv(tmp_path / "kobo.csv",
                     "fruits,fruits/apple,fruits/banana,fruits/cherry,grid/q1,grid/q2,_id,_uuid,_submission_time,"
                     "_index\n"
                     "apple cherry,1,0,1,agree,disagree,1,u1,2024-01-02T10:05:01,1\n"
                     "banana,0,1,0,strongly agree,don't know,2,u2,2024-01-02T11:05:01,2\n"
                     "apple,1,0,0,neutral,agree,3,u3,2024-01-02T12:05:01,3\n")
    survey = read_survey(path, key=KEY)
    assert survey.tool == "kobotoolbox"
    q = survey.questions[survey.questions["type"] != "meta"]
    assert q["type"].tolist() == ["multi", "likert"]
    assert q["columns"].tolist() == [["fruits/apple", "fruits/banana", "fruits/cherry"], ["grid/q1", "grid/q2"]]
    assert q["options"].iloc[0] == ["apple", "banana", "cherry"] and q["text"].tolist() == ["fruits", "grid"]
    got = answers(survey, ("item", "score", "is_dont_know"))
    expected = frame(item=["apple", "cherry", "q1", "q2", "banana", "q1", "q2", "apple", "q1", "q2"],
                     score=[np.nan, np.nan, 4.0, 2.0, np.nan, 5.0, np.nan, np.nan, 3.0, 4.0],
                     is_dont_know=[False] * 6 + [True] + [False] * 3)
    assert_frame_equal(got, expected)


def test_sosci_label_or_blank_option_columns_are_one_multi(tmp_path):
    path = write_csv(tmp_path / "sosci.csv",
                     "CASE,SERIAL,REF,QUESTNNR,MODE,STARTED,AB01_01,AB01_02,AB01_03,LASTDATA,FINISHED\n"
                     "1,,,base,interview,2024-01-02 10:00:00,Zeitung,,Radio,2024-01-02 10:05:00,1\n"
                     "2,,,base,interview,2024-01-02 11:00:00,,Fernsehen,,2024-01-02 11:05:00,1\n"
                     "3,,,base,interview,2024-01-02 12:00:00,Zeitung,Fernsehen,,2024-01-02 12:05:00,1\n")
    survey = read_survey(path, key=KEY)
    assert survey.tool == "sosci"
    assert questions(survey) == [("multi", ["Zeitung", "Fernsehen", "Radio"])]
    assert_frame_equal(answers(survey, ("item",)), frame(item=["Zeitung", "Radio", "Fernsehen", "Zeitung",
                                                               "Fernsehen"]))


def test_limesurvey_y_or_blank_subquestions_are_one_multi(tmp_path):
    path = write_csv(tmp_path / "lime.csv",
                     "id,submitdate,lastpage,startlanguage,seed,Q1[SQ001],Q1[SQ002],Q1[SQ003]\n"
                     "1,2024-01-02 10:00:00,2,en,11,Y,,Y\n"
                     "2,2024-01-02 11:00:00,2,en,12,,,Y\n"
                     "3,2024-01-02 12:00:00,2,en,13,Y,Y,\n")
    survey = read_survey(path, key=KEY)
    assert survey.tool == "limesurvey"
    assert questions(survey) == [("multi", ["SQ001", "SQ002", "SQ003"])]
    assert survey.questions.loc[survey.questions["type"] == "multi", "question_id"].tolist() == ["Q1"]
    assert_frame_equal(answers(survey, ("item",)), frame(item=["SQ001", "SQ003", "SQ003", "SQ001", "SQ002"]))


def test_limesurvey_yes_no_na_subquestions_are_one_multi(tmp_path):
    # "Yes"/"No" with "N/A" for a respondent the question was not shown to; nobody ticked SQ003
    path = write_csv(tmp_path / "lime.csv",
                     "id,submitdate,lastpage,startlanguage,seed,Q2[SQ001],Q2[SQ002],Q2[SQ003]\n"
                     "1,2024-01-02 10:00:00,2,en,11,Yes,No,No\n"
                     "2,2024-01-02 11:00:00,2,en,12,N/A,N/A,N/A\n"
                     "3,2024-01-02 12:00:00,2,en,13,Yes,Yes,No\n"
                     "4,2024-01-02 13:00:00,2,en,14,No,Yes,No\n")
    survey = read_survey(path, key=KEY)
    assert questions(survey) == [("multi", ["SQ001", "SQ002", "SQ003"])]
    got = survey.answers[survey.answers["question_id"] == "Q2"].merge(
        survey.respondents[["respondent_id"]].reset_index(), on="respondent_id")
    assert len(survey.respondents) == 3           # the N/A-only record carries no answer
    assert list(zip(got["index"], got["item"])) == [(0, "SQ001"), (1, "SQ001"), (1, "SQ002"), (2, "SQ002")]


def test_limesurvey_yes_no_options_with_their_other_column_are_one_multi_even_when_all_answered(tmp_path):
    # LimeSurvey's full-answer export writes "Yes"/"No" in every option column of a multiple choice, so every
    # respondent "answers" every column, as in a yes/no grid; the "Q [other]" text column after them exists
    # only for a list or a multiple choice (an array has no other): one multi-select with its other-text
    head = "id,submitdate,lastpage,startlanguage,0005 [S05A1],0005 [S05A2],0005 [S05A3],0005 [other]," \
           "0011 [SQ001],0011 [SQ002]\n"
    rows = "".join(f"{n},2013-09-0{n} 11:00:00,7,en,{a},{b},{c},{o},{g},{h}\n" for n, (a, b, c, o, g, h) in
                   enumerate([("No", "Yes", "No", "", "Yes", "No"), ("Yes", "No", "Yes", "", "No", "Yes"),
                              ("No", "No", "Yes", "psychodrama", "Yes", "Yes"),
                              ("Yes", "Yes", "No", "", "No", "No")], start=1))
    survey = read_survey(write_csv(tmp_path / "lime.csv", head + rows), key=KEY)
    questions = survey.questions[survey.questions["type"] != "meta"].drop_duplicates("question_id")
    kinds = questions[["type", "text"]].values.tolist()
    assert kinds[:2] == [["multi", "0005"], ["other_text", "0005"]]
    # the array of yes/no statements (no other column) stays one yes/no question per statement
    assert [k for k, _ in kinds[2:]] == ["single", "single"]


def test_limesurvey_list_with_other_keeps_its_other_column_as_other_text(tmp_path):
    # a list (radio) question with "Other": the choice column "0012" holds "Other", "0012 [other]" the text
    path = write_csv(tmp_path / "lime.csv",
                     "id,submitdate,lastpage,startlanguage,0012,0012 [other]\n"
                     "1,2013-09-02 11:00:00,7,en,Yes,\n2,2013-09-02 12:00:00,7,en,Other,only in private practice\n"
                     "3,2013-09-02 13:00:00,7,en,No,\n4,2013-09-02 14:00:00,7,en,Yes,\n")
    info = inspect_file(path)
    kinds = [(q["type"], q["columns"]) for q in info["questions"] if q["type"] != "meta"]
    assert kinds == [("single", ["0012"]), ("other_text", ["0012 [other]"])]


def test_checked_or_blank_codings_are_one_multi(tmp_path):
    # X, x, ✓ and TRUE/FALSE ticks in coded option columns (Qualtrics-style `Q7_1 …`)
    path = write_csv(tmp_path / "x.csv", "id,Q7_1,Q7_2,Q7_3,Q7_4\n1,X,,✓,FALSE\n2,,x,,TRUE\n3,TRUE,,,FALSE\n")
    survey = read_survey(path, key=KEY)
    assert questions(survey) == [("multi", ["1", "2", "3", "4"])]
    assert_frame_equal(answers(survey, ("item",)), frame(item=["1", "3", "2", "4", "1"]))


def test_yes_no_statement_grid_answered_by_everyone_is_not_a_multi(tmp_path):
    # every statement answered Yes or No by every respondent, both values in each column, and a stem that
    # does not ask for a choice: a grid of yes/no questions, each kept as its own single choice
    path = write_csv(tmp_path / "yn.csv", "id,About you [I own a car],About you [I have children],"
                                          "About you [I work full time]\n"
                                          "1,Yes,No,Yes\n2,No,No,Yes\n3,Yes,Yes,No\n4,No,Yes,No\n")
    survey = read_survey(path, key=KEY)
    assert [t for t, _ in questions(survey)] == ["single"] * 3
    assert all(sorted(o) == ["No", "Yes"] for _, o in questions(survey))


def test_yes_no_columns_of_a_which_question_are_a_multi(tmp_path):
    # the same answers under a question that asks for a choice among options ("Which …") are a multi-select
    path = write_csv(tmp_path / "yn.csv", "id,Which do you use? [Bus],Which do you use? [Train],"
                                          "Which do you use? [Bike]\n"
                                          "1,Yes,No,Yes\n2,No,No,Yes\n3,Yes,Yes,No\n4,No,Yes,No\n")
    survey = read_survey(path, key=KEY)
    assert questions(survey) == [("multi", ["Bus", "Train", "Bike"])]
    assert len(survey.answers) == 6


def test_one_label_per_column_on_a_scale_is_not_a_label_or_blank_multi(tmp_path):
    # each statement happens to have one answer, all on the agreement scale: a grid, not options
    path = write_csv(tmp_path / "g.csv", "id,Q4_1,Q4_2\n1,Agree,\n2,,Disagree\n3,Agree,Disagree\n")
    survey = read_survey(path, key=KEY)
    assert [t for t, _ in questions(survey)] == ["likert"]


def test_inspect_lists_the_option_columns_as_one_question(tmp_path):
    path = write_csv(tmp_path / "kobo.csv", "fruits/apple,fruits/banana,_id,_uuid,_submission_time\n"
                                            "True,False,1,u1,2024-01-02T10:05:01\n"
                                            "False,True,2,u2,2024-01-02T11:05:01\n")
    info = inspect_file(path)
    found = [q for q in info["questions"] if q["type"] != "meta"]
    assert [(q["type"], q["columns"]) for q in found] == [("multi", ["fruits/apple", "fruits/banana"])]


def test_inspect_names_the_grids_and_option_columns_it_found(tmp_path):
    from pipeline.ingest import inspect_file

    path = tmp_path / "grid.csv"
    path.write_text("Osaaminen [Myynti],Osaaminen [Vienti],Aiheet [Myynti],Aiheet [Vienti]\n"
                    "hyvä,heikko,Y,\n"
                    "erinomainen,hyvä,,Y\n"
                    "heikko,tyydyttävä,Y,Y\n", encoding="utf-8")
    info = inspect_file(path)
    assert [(g["statements"]) for g in info["grids"]] == [2]
    assert [(m["columns"], m["options"]) for m in info["option_columns"]] == [(2, ["Myynti", "Vienti"])]
    assert "1 grid(s): " in info["reading"] and "(2 statements)" in info["reading"]
    assert "one column per option" in info["reading"]


def test_sosci_one_two_coded_option_columns_are_one_multi_with_two_as_chosen(tmp_path):
    # SoSci Survey's multiple choice: one variable per option, 1 = not chosen, 2 = chosen, its labels in row 2
    path = write_csv(tmp_path / "sosci.csv",
                     "CASE,SERIAL,REF,QUESTNNR,MODE,STARTED,AB01_01,AB01_02,AB01_03,LASTDATA,FINISHED\n"
                     "Interview-Nummer,Seriennummer,Referenz,Fragebogen,Interview-Modus,Beginn,"
                     "Mediennutzung: Zeitung,Mediennutzung: Fernsehen,Mediennutzung: Radio,Letzte Daten,"
                     "Abgeschlossen\n"
                     "1,,,base,interview,2024-01-02 10:00:00,2,1,2,2024-01-02 10:05:00,1\n"
                     "2,,,base,interview,2024-01-02 11:00:00,1,2,1,2024-01-02 11:05:00,1\n"
                     "3,,,base,interview,2024-01-02 12:00:00,2,2,1,2024-01-02 12:05:00,1\n")
    survey = read_survey(path, key=KEY)
    assert survey.tool == "sosci"
    assert questions(survey) == [("multi", ["Zeitung", "Fernsehen", "Radio"])]
    assert_frame_equal(answers(survey, ("item",)), frame(item=["Zeitung", "Radio", "Fernsehen", "Zeitung",
                                                               "Fernsehen"]))
