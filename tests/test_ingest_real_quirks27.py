"""Quirks found by QA round 22 (issue 12): one test per rule, each on a few inline rows built the way files of
that kind look (invented statements and answers, not copies of the files)."""
from __future__ import annotations

import math

from pipeline.ingest import inspect_file, read_survey

from conftest import csv_text, questions_by_text, write_csv

KEY = b"k27"
_MSFORMS = ["Tunnus", "Aloitusaika", "Valmistumisaika", "Sähköposti", "Nimi"]


def _msforms_csv(tmp_path, name: str, questions: list[str], answers: list[list[str]]):
    """A Microsoft Forms download (Finnish UI) re-saved as CSV: id, start and end time, e-mail and name first."""
    rows = [[str(i + 1), f"3/{1 + i % 28}/25 9:{i % 60:02d}:00", f"3/{1 + i % 28}/25 9:{i % 60:02d}:50",
             "anonymous", "", *row] for i, row in enumerate(answers)]
    return write_csv(tmp_path / name, csv_text(_MSFORMS + questions, rows))


def _scores(survey, column: str) -> dict[str, tuple[float, bool]]:
    """Each answer of one column → (its score, whether it is a don't-know answer)."""
    question = next(q for q in survey.questions.itertuples() if column in list(q.columns))
    # a grid's answers name their statement; a lone column's have no item
    item = column if len(question.columns) > 1 else ""
    rows = survey.answers[(survey.answers["question_id"] == question.question_id)
                          & (survey.answers["item"].fillna("") == item)]
    return {str(v): (float(s), bool(d)) for v, s, d in zip(rows["value"], rows["score"], rows["is_dont_know"])}


_STATEMENTS = ["Myynti ja asiakashankinta", "Brändi ja markkinointiviestintä", "Datan hyödyntäminen",
               "Vienti ja kansainvälinen kauppa"]
_LEVELS = ["1", "2", "3", "4", "5", "En osaa sanoa"]


def test_msforms_grid_of_digits_with_dont_know_is_one_likert_grid(tmp_path):
    """QA round 22, F3: Microsoft Forms heads a Likert grid's columns with the bare statements and writes the
    chosen level, "1" … "5" or "En osaa sanoa". The don't-know answer made every column a single choice, and the
    statements share no header prefix to join them by: the export statement took the export role. Neighbouring
    ratings on one scale under statement headers are one grid, the don't-know answer off the scale."""
    answers = [[_LEVELS[(i + k * 2) % 6] for k in range(4)] + [["Suomi", "Ruotsi"][i % 2]] for i in range(30)]
    path = _msforms_csv(tmp_path, "Tarpeet(1-30).csv", [*_STATEMENTS, "Millä kielellä?"], answers)
    found = inspect_file(path)
    assert found["tool"] == "msforms"
    grids = [q for q in found["questions"] if q["type"] == "likert"]
    assert len(grids) == 1, found["questions"]
    assert [c.strip() for c in grids[0]["columns"]] == _STATEMENTS
    assert grids[0]["options"] == ["1", "2", "3", "4", "5"]
    survey = read_survey(path, key=KEY)
    scores = _scores(survey, _STATEMENTS[0])
    assert scores["4"] == (4.0, False)
    assert math.isnan(scores["En osaa sanoa"][0]) and scores["En osaa sanoa"][1]


def test_dont_know_answers_do_not_break_a_rating_battery_under_bare_headers(tmp_path):
    """The neighbour-battery rule (self-ratings 1-10 headed "Python", "SQL", "Excel" in a hand-kept sheet) needed
    every answer to be a whole number: one "En osaa sanoa" / "Vet inte" / "N/A" (or a form's own wording, "Ei
    osaa sanoa", "Kan inte bedöma") made the column a single choice. Don't-know answers stay off the scale and the
    columns are ratings."""
    dont_know = ["En osaa sanoa", "Vet inte", "N/A", "Ei osaa sanoa", "Kan inte bedöma", "En osaa arvioida"]
    header = ["Python", "SQL", "Excel"]
    rows = [[str(1 + (i * 3 + k) % 10) if (i + k) % 3 else dont_know[(i + k) // 3 % 6] for k in range(3)]
            for i in range(18)]
    rows[0] = ["10", "10", "1"]
    found = questions_by_text(inspect_file(write_csv(tmp_path / "osaaminen.csv", csv_text(header, rows))))
    for skill in header:
        assert found[skill]["type"] == "likert", found[skill]
        assert found[skill]["options"] == [str(n) for n in range(1, 11)]
    assert {v for row in rows for v in row if not v.isdigit()} == set(dont_know)


def test_numbers_with_labelled_ends_are_a_rating_battery(tmp_path):
    """A scale whose ends the form labelled ("1 Heikko", "2", "3", "4", "5 Erinomainen") read as text: three
    neighbouring columns of it are ratings scored by the numbers, not single choices of five labels."""
    levels = ["1 Heikko", "2", "3", "4", "5 Erinomainen"]
    header = ["Myynti", "Markkinointi", "Vienti"]
    rows = [[levels[(i + k) % 5] for k in range(3)] for i in range(10)]
    path = write_csv(tmp_path / "itsearvio.csv", csv_text(header, rows))
    found = questions_by_text(inspect_file(path))
    assert all(found[h]["type"] == "likert" for h in header), found
    scores = _scores(read_survey(path, key=KEY), "Myynti")
    assert scores["1 Heikko"] == (1.0, False) and scores["5 Erinomainen"] == (5.0, False)


def test_msforms_rating_questions_in_a_row_stay_separate_questions(tmp_path):
    """The guard of the grid rule: Microsoft Forms rating questions asked one after another ("Kuinka tyytyväinen
    …?", "Kuinka hyödyllinen …?") are headed by their questions, not by statements: each stays a question of
    its own."""
    questions = ["Kuinka tyytyväinen olit työpajaan?", "Kuinka hyödyllinen sisältö oli?",
                 "Kuinka selkeä kouluttajan esitys oli?"]
    answers = [[str(1 + (i + k) % 5) for k in range(3)] for i in range(20)]
    found = inspect_file(_msforms_csv(tmp_path, "Palaute(1-20).csv", questions, answers))
    by_text = questions_by_text(found)
    assert all(by_text[q]["type"] == "likert" for q in questions), found["questions"]
