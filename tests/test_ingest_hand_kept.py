"""A hand-kept sheet of answers: totals and means added under the answers are no respondents."""
from __future__ import annotations

from pipeline.ingest import inspect_file, read_survey

KEY = b"k"
HEAD = "Yritys,Henkilöstö,Mitä tarvitsette eniten?,Kiinnostus vientiin (1-5)\n"
ROWS = ("Alfa Oy,12,Lisää asiakkaita,4\nBeeta Ky,3,Verkkokauppa,2\nGamma Ab,25,Vienti Ruotsiin,5\n"
        "Delta Oy,8,Markkinointi somessa,3\n")


def accounting(report) -> tuple[int, int, int, int, int]:
    return tuple(report[k] for k in ("rows_in", "accepted", "rejected", "duplicates", "excluded"))


def test_totals_and_means_under_the_answers_are_excluded_and_counted(tmp_path):
    path = tmp_path / "needs.csv"
    path.write_text(HEAD + ROWS + ",,,\nYhteensä,48,,14\nKeskiarvo:,\"12,0\",,3.5\n", encoding="utf-8")
    survey = read_survey(path, key=KEY)
    assert accounting(survey.report) == (7, 4, 1, 0, 2)      # the blank line is a rejected empty row
    assert survey.report["excluded_reasons"] == {"summary row: Yhteensä": 1, "summary row: Keskiarvo": 1}
    assert survey.respondents["source_row"].tolist() == [2, 3, 4, 5]
    # the sums are no answers: the staff figures are the four companies', the 1-5 interest a scale again
    staff = survey.questions.set_index("text").loc["Henkilöstö", "question_id"]
    assert sorted(survey.answers.loc[survey.answers["question_id"] == staff, "score"]) == [3, 8, 12, 25]
    assert survey.questions.set_index("text").loc["Kiinnostus vientiin (1-5)", "type"] == "likert"
    info = inspect_file(path)
    assert "2 summary or repeated header row(s) excluded (Yhteensä, Keskiarvo)" in info["reading"]


def test_a_row_that_starts_with_a_summary_word_but_holds_answers_is_a_respondent(tmp_path):
    # a company called "Total" and words among its answers: a respondent like any other
    path = tmp_path / "needs.csv"
    path.write_text(HEAD + ROWS + "Total,5,Vientiapua,4\n", encoding="utf-8")
    survey = read_survey(path, key=KEY)
    assert accounting(survey.report) == (5, 5, 0, 0, 0)


def test_a_header_repeated_under_the_answers_is_excluded(tmp_path):
    # two exports pasted one under the other: the second one's header is no respondent
    path = tmp_path / "needs.csv"
    path.write_text(HEAD + ROWS + HEAD + "Epsilon Oy,5,Rahoitus,1\n", encoding="utf-8")
    survey = read_survey(path, key=KEY)
    assert accounting(survey.report) == (6, 5, 0, 0, 1)
    assert survey.report["excluded_reasons"] == {"repeated header row": 1}
    assert survey.questions.set_index("text").loc["Kiinnostus vientiin (1-5)", "type"] == "likert"


def test_columns_ticked_with_x_side_by_side_are_one_check_all(tmp_path):
    path = tmp_path / "needs.csv"
    path.write_text("Yritys,Myynti,Markkinointi,Vienti,Lisätietoja\n"
                    "Alfa Oy,x,,X,Kiire\nBeeta Ky,,✓,,\nGamma Ab,,,x,Ei\nDelta Oy,x,x,,\n", encoding="utf-8")
    survey = read_survey(path, key=KEY)
    multi = survey.questions[survey.questions["type"] == "multi"]
    assert multi["options"].tolist() == [["Myynti", "Markkinointi", "Vienti"]]
    ticked = survey.answers[survey.answers["question_id"] == multi["question_id"].iloc[0]]
    assert sorted(ticked["value"]) == ["Markkinointi", "Markkinointi", "Myynti", "Myynti", "Vienti", "Vienti"]


def test_a_single_column_of_x_stays_a_question_of_its_own(tmp_path):
    path = tmp_path / "needs.csv"
    path.write_text("Yritys,Osallistuu,Mitä tarvitsette?\nAlfa Oy,x,Myyntiä\nBeeta Ky,,Vientiä\nGamma Ab,x,Somea\n",
                    encoding="utf-8")
    survey = read_survey(path, key=KEY)
    assert "multi" not in set(survey.questions["type"])


def test_figures_written_with_units_are_numbers(tmp_path):
    path = tmp_path / "needs.csv"
    path.write_text("Yritys;Henkilöstö;Liikevaihto (€);Osuus viennistä\n"
                    "Alfa Oy;12 hlö;1 200 000 €;20 %\nBeeta Ky;3;150 000;0 %\nGamma Ab;25 henkilöä;€5000000;45,5 %\n",
                    encoding="utf-8")
    survey = read_survey(path, key=KEY)
    types = survey.questions.set_index("text")["type"]
    assert types[["Henkilöstö", "Liikevaihto (€)", "Osuus viennistä"]].tolist() == ["number"] * 3
    scores = survey.answers.groupby("question_id")["score"].apply(sorted).tolist()
    assert scores == [[3.0, 12.0, 25.0], [150000.0, 1200000.0, 5000000.0], [0.0, 20.0, 45.5]]


def test_words_around_numbers_keep_a_column_text(tmp_path):
    # "noin 20" or "20-30" is not a figure with a unit: the column stays what it was
    path = tmp_path / "needs.csv"
    path.write_text("Yritys,Henkilöstö\nAlfa Oy,noin 20\nBeeta Ky,20-30\nGamma Ab,12 hlö\n", encoding="utf-8")
    survey = read_survey(path, key=KEY)
    assert survey.questions.set_index("text").loc["Henkilöstö", "type"] != "number"


def test_options_typed_in_other_letter_case_are_one_option(tmp_path):
    path = tmp_path / "needs.csv"
    path.write_text("Yritys,Onko teillä verkkokauppa?\nA,Kyllä\nB,kyllä\nC,KYLLÄ\nD,Ei\nE,ei\nF,Kyllä\nG,Ei\n",
                    encoding="utf-8")
    survey = read_survey(path, key=KEY)
    assert survey.questions["options"].tolist() == [["Kyllä", "Ei"]]
    assert survey.answers["value"].value_counts().to_dict() == {"Kyllä": 4, "Ei": 3}


def test_paper_form_ratings_between_two_levels_stay_off_the_scale_with_a_warning(tmp_path):
    # a feedback form ticked twice and typed in: "4-5" and "4,5" are neither level; "-" and "ei vastausta"
    # are no answers; the column is still the 1-5 scale it was
    path = tmp_path / "feedback.csv"
    path.write_text("Työpaja,Hyödyllisyys (1-5),Mitä kehittäisit?\nW01,5,Enemmän aikaa\nW01,4,-\nW01,5,\n"
                    "W01,4-5,Liian pitkä\nW01,-,Hyvä\nW01,ei vastausta,\nW01,\"4,5\",\nW01,3,\nW01,4,\nW01,5,\n",
                    encoding="utf-8")
    survey = read_survey(path, key=KEY)
    rating = survey.questions.set_index("text").loc["Hyödyllisyys (1-5)"]
    assert rating["type"] == "likert"
    answers = survey.answers[survey.answers["question_id"] == rating["question_id"]]
    assert sorted(answers["score"].dropna()) == [3.0, 4.0, 4.0, 5.0, 5.0, 5.0]
    assert answers.loc[answers["value"].isin(["4-5", "4,5"]), "score"].isna().all()
    assert answers.loc[answers["value"] == "ei vastausta", "is_dont_know"].all()
    assert "-" not in set(survey.answers["value"])          # a dash is no answer, in any column
    assert any("2 answer(s) between two levels of the scale ('4-5', '4,5') kept without a score" in w
               for w in survey.report["warnings"])


def test_a_quiz_score_column_in_the_forms_language_is_metadata(tmp_path):
    path = tmp_path / "quiz.csv"
    path.write_text("Časová značka,Výsledek,Jak se vám líbil kurz?\n"
                    "2024/03/01 10:00:00 AM GMT+1,7,Ano\n2024/03/01 11:00:00 AM GMT+1,9,Ne\n"
                    "2024/03/01 12:00:00 AM GMT+1,4,Ano\n", encoding="utf-8")
    survey = read_survey(path, key=KEY)
    types = survey.questions.set_index("text")["type"]
    assert (types["Výsledek"], types["Jak se vám líbil kurz?"]) == ("meta", "single")   # not a 1-10 rating
