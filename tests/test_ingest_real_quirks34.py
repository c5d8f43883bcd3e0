"""Quirks of QA rounds 37 and 38 (a 220-company fi+sv project): a Swedish agreement grid whose midpoint the form
wrote its own way, a scale known but for one label, a pasted language copy's rows, a size band written in the
copy's language, close calls of the typing. One test per rule, each on a few inline rows built the way those files
look (invented answers, not copies of the files)."""
from __future__ import annotations

import logging

from pipeline.ingest import inspect_file, read_survey

from conftest import csv_text, webropol_csv, write_csv

KEY = b"k34"
STEM = "Arvioikaa yrityksenne osaamista"
ITEMS = ["Myynti", "Vienti", "Verkkokauppa"]
FI = ["Täysin eri mieltä", "Jokseenkin eri mieltä", "Ei samaa eikä eri mieltä", "Jokseenkin samaa mieltä",
      "Täysin samaa mieltä"]
SV = ["Helt av annan åsikt", "Delvis av annan åsikt", "Varken av samma eller annan åsikt", "Delvis av samma åsikt",
      "Helt av samma åsikt"]
EN = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]


def _grid_rows(scale: list[str], levels: list[list[int]]) -> list[list[str]]:
    """Rows of a grid answered on ``scale`` at the given 1-based levels (0: blank)."""
    return [[scale[n - 1] if n else "" for n in row] for row in levels]


def _grid(survey, stem: str = STEM):
    """The survey's likert question with text ``stem`` and its answers' scores by value."""
    q = survey.questions[survey.questions["text"] == stem]
    assert len(q) == 1 and q["type"].iloc[0] == "likert", survey.questions[["question_id", "text", "type"]]
    answers = survey.answers[survey.answers["question_id"] == q["question_id"].iloc[0]]
    return q.iloc[0], dict(zip(answers["value"], answers["score"]))


def test_a_swedish_copys_agreement_grid_with_its_own_midpoint_is_one_grid_and_each_row_keeps_its_copys_language(
        tmp_path):
    """The Swedish copy of a Webropol form pasted under the Finnish header writes its agreement midpoint
    "Varken av samma eller annan åsikt" (one "av" short of the vocabulary's wording): the competence grid became
    three single choices and its figures went without a word (QA round 38 F1). It is one grid, the midpoint scored
    3; each respondent's ``form_language`` is the copy it answered (F8): by its scale answers, else (a row that
    answered only the background) by a single choice whose copies' rows chose labels of their own ("Industri"
    beside "Teollisuus"), "" for a row whose answers tell none ("10-49" is both copies' label)."""
    header = [f"{STEM}: {item}" for item in ITEMS] + ["Henkilöstön määrä", "Toimiala"]
    fi = _grid_rows(FI, [[4, 5, 3], [2, 4, 4], [3, 3, 5], [5, 4, 1], [4, 2, 4]])
    sv = _grid_rows(SV, [[3, 4, 5], [4, 3, 2], [1, 5, 3], [4, 4, 3]])
    sectors = ["Teollisuus", "Kauppa", "Teollisuus", "Palvelut", "Kauppa", "Industri", "Handel", "Tjänster",
               "Industri"]
    rows = [r + ["1-4" if i < 5 else "5-9", sector] for i, (r, sector) in enumerate(zip(fi + sv, sectors))]
    rows += [["", "", "", "10-49", ""], ["", "", "", "10-49", "Industri"]]
    survey = read_survey(webropol_csv(tmp_path / "kysely.csv", header, rows), key=KEY)
    q, scores = _grid(survey)
    assert scores["Varken av samma eller annan åsikt"] == 3.0 and scores["Ei samaa eikä eri mieltä"] == 3.0
    assert scores["Delvis av samma åsikt"] == 4.0
    assert survey.respondents["form_language"].tolist() == ["fi"] * 5 + ["sv"] * 4 + ["", "sv"]
    assert survey.report["form_languages"] == {"fi": 5, "sv": 5}
    # a file in one language tells no copy apart: the column is there, empty
    one = read_survey(webropol_csv(tmp_path / "fi.csv", header, [r + ["1-4", "Kauppa"] for r in fi]), key=KEY)
    assert one.respondents["form_language"].tolist() == [""] * 5 and "form_languages" not in one.report


def test_a_grid_known_but_for_one_label_reads_it_as_the_one_level_left(tmp_path, caplog):
    """A grid's answers are the agreement scale in all points but one label the vocabulary does not know ("In the
    middle"), and the scale's other four levels are all written: the label is the fifth level, the one left (the
    middle), said in the log. Without the rule the grid was three single choices."""
    header = [f"{STEM}: {item}" for item in ITEMS]
    scale = [EN[0], EN[1], "In the middle", EN[3], EN[4]]
    rows = _grid_rows(scale, [[1, 2, 3], [4, 5, 3], [3, 4, 2], [5, 5, 4], [2, 3, 1], [4, 4, 5]])
    with caplog.at_level(logging.WARNING, logger="pipeline.ingest"):
        survey = read_survey(write_csv(tmp_path / "grid.csv", csv_text(header, rows)), key=KEY)
    q, scores = _grid(survey)
    assert scores["In the middle"] == 3.0 and scores["Agree"] == 4.0 and scores["Strongly disagree"] == 1.0
    assert any("'In the middle'" in r.getMessage() and "missing level" in r.getMessage() for r in caplog.records)
    assert survey.report["near_scales"][0]["read_as"] == "neither agree nor disagree"


def test_a_grid_known_but_for_one_label_places_it_by_the_rows_that_chose_it(tmp_path):
    """Two levels of the scale are free ("Neither …" and "Strongly agree" were never written) and one label is
    unknown ("So-so"): the rows choosing it answer the grid's other statements between the rows choosing
    "Disagree" and those choosing "Agree", so it is the free level between those two, the middle. Rows answering
    the other way round (its rows below "Disagree") place it nowhere: the grid stays single choices, said."""
    header = [f"Rate our service: {item}" for item in ("Speed", "Price", "Staff", "Quality")]
    scale = [EN[0], EN[1], "So-so", EN[3], EN[4]]
    levels = [[1, 1, 2, 1], [1, 2, 1, 1], [2, 2, 1, 2], [2, 2, 2, 3], [3, 2, 3, 3], [3, 3, 4, 3], [3, 4, 4, 4],
              [4, 4, 4, 4], [4, 4, 3, 4], [2, 1, 2, 2]]
    survey = read_survey(write_csv(tmp_path / "service.csv", csv_text(header, _grid_rows(scale, levels))), key=KEY)
    _, scores = _grid(survey, "Rate our service")
    assert scores["So-so"] == 3.0 and scores["Agree"] == 4.0 and scores["Disagree"] == 2.0
    # the unknown label chosen by the rows that otherwise answer lowest: not between Disagree and Agree
    flipped = [[{1: 3, 3: 1}.get(n, n) for n in row] for row in levels]
    found = inspect_file(write_csv(tmp_path / "flipped.csv", csv_text(header, _grid_rows(scale, flipped))))
    assert [q["type"] for q in found["questions"]] == ["single"] * 4, found["questions"]
    assert any("except 'So-so'" in w for w in found["warnings"]), found["warnings"]


def test_a_grid_most_of_whose_labels_are_a_scale_is_said_and_listed_for_the_data_warnings(tmp_path):
    """Two of five labels are on no scale ("Osittain", "Vähän"): the grid is read as single choices, as before, but
    the log says which scale its answers match and which labels kept it from it, and ``report["near_scales"]``
    lists it (``read_as`` empty) for the steering report's data warnings (QA round 38 F1: the competence figures went
    without a word)."""
    header = [f"{STEM}: {item}" for item in ITEMS]
    scale = [FI[0], "Osittain", FI[2], "Vähän", FI[4]]
    rows = _grid_rows(scale, [[1, 2, 3], [4, 5, 3], [3, 4, 2], [5, 5, 4], [2, 3, 1], [4, 4, 5]])
    survey = read_survey(write_csv(tmp_path / "osaaminen.csv", csv_text(header, rows)), key=KEY)
    assert (survey.questions["type"] == "single").sum() == 3, survey.questions[["text", "type"]]
    near = survey.report["near_scales"]
    assert len(near) == 1 and near[0]["read_as"] == "" and sorted(near[0]["unread"]) == ["Osittain", "Vähän"]
    assert near[0]["question"] == STEM and near[0]["columns"] == 3 and "fi_agree" in near[0]["scale"]
    assert any("Osittain" in w and "not read as a scale" in w for w in survey.report["warnings"])


def test_close_calls_are_listed_in_the_report_and_a_comment_column_a_role_reads_as_text_is_not_logged(
        tmp_path, caplog):
    """A column typed on little evidence was said in the log alone (QA round 37 F9): it is listed in
    ``report["close_calls"]`` with its question, type and counts. A feedback comment column ("Mitä pitäisi
    kehittää?") that the improve-text role reads as open text whatever it is typed is listed as such
    (``free_text_header``) and not logged (QA round 38 F12: the log asked for a spec the column did not need)."""
    header = ["Kuinka tyytyväinen olit tilaisuuteen?", "Mitä pitäisi kehittää?",
              "Mistä aiheista toivoisitte työpajoja jatkossa?"]
    improve = ["Enemmän aikaa harjoituksille.", "", "Materiaalit etukäteen.", "Enemmän aikaa harjoituksille.",
               "", "Materiaalit etukäteen.", "Parempi kahvi.", "", "", ""]
    topics = ["Lisää somemarkkinointia", "Hiilijalanjäljen laskenta", "Lisää somemarkkinointia",
              "Mer om sociala medier", "Esteettömyyskartoitus", "Hiilijalanjäljen laskenta", "Verkkokaupan perusteet",
              "Tekoäly asiakaspalvelussa", "Rahoitushaut", "Hinnoittelu"]
    rows = [[str(3 + i % 3), a, b] for i, (a, b) in enumerate(zip(improve, topics))]
    with caplog.at_level(logging.WARNING, logger="pipeline.ingest"):
        survey = read_survey(write_csv(tmp_path / "palaute.csv", csv_text(header, rows)), key=KEY)
    calls = {c["column"]: c for c in survey.report["close_calls"]}
    assert set(calls) == {"Mitä pitäisi kehittää?", "Mistä aiheista toivoisitte työpajoja jatkossa?"}, calls
    topic = calls["Mistä aiheista toivoisitte työpajoja jatkossa?"]
    typed = dict(zip(survey.questions["question_id"], survey.questions["type"]))
    assert topic["typed"] == typed[topic["question_id"]] and topic["answers"] == 10 and topic["distinct"] == 8
    assert not topic["free_text_header"] and calls["Mitä pitäisi kehittää?"]["free_text_header"]
    logged = [r.getMessage() for r in caplog.records if "little evidence" in r.getMessage()]
    assert len(logged) == 1 and "Mistä aiheista" in logged[0], logged


def test_a_size_band_the_copy_writes_in_its_own_language_is_the_same_band(tmp_path):
    """The Swedish copy's "över 50" was a size class of its own beside the Finnish "yli 50" (QA round 38 F4): the
    same band written with another language's word for "over" is read as the one written first; bands of other
    bounds stay apart, and so does a question whose answers are no bands."""
    header = ["Henkilöstön määrä", "Mikä kuvaa yritystä parhaiten?"]
    sizes = ["1-4", "yli 50", "5-9", "10-49", "yli 50", "över 50", "5-9", "över 50", "1-4", "över 100"]
    words = ["Yli 50 vuotta", "över 50 år", "Yli 50 vuotta", "över 50 år", "Perheyritys", "Familjeföretag",
             "Perheyritys", "Startup", "Startup", "Familjeföretag"]
    survey = read_survey(webropol_csv(tmp_path / "koko.csv", header, [list(r) for r in zip(sizes, words)]),
                         key=KEY)
    by_text = survey.questions.set_index("text")
    size = survey.answers[survey.answers["question_id"] == by_text.loc["Henkilöstön määrä", "question_id"]]
    assert size["value"].value_counts().to_dict() == {"yli 50": 4, "1-4": 2, "5-9": 2, "10-49": 1, "över 100": 1}
    assert "över 50" not in by_text.loc["Henkilöstön määrä", "options"]
    other = survey.answers[survey.answers["question_id"] == by_text.loc["Mikä kuvaa yritystä parhaiten?",
                                                                        "question_id"]]
    assert other["value"].value_counts()["över 50 år"] == 2
