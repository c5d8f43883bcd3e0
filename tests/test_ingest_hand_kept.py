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
    assert "2 summary row(s) of totals or means excluded (Yhteensä, Keskiarvo)" in info["reading"]


def test_a_row_that_starts_with_a_summary_word_but_holds_answers_is_a_respondent(tmp_path):
    # a company called "Total" and words among its answers: a respondent like any other
    path = tmp_path / "needs.csv"
    path.write_text(HEAD + ROWS + "Total,5,Vientiapua,4\n", encoding="utf-8")
    survey = read_survey(path, key=KEY)
    assert accounting(survey.report) == (5, 5, 0, 0, 0)
