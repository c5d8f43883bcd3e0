"""Quirks of issue 12 round 28: real exports of tools other than Google Forms never seen before (two French
KoboToolbox sheets, an English LimeSurvey "code. text" export, a Typeform CSV re-saved with a question row above
its header). One test per rule, each on a few inline rows built the way those files look (invented questions,
answers and names, not copies of the files)."""
from __future__ import annotations

from pathlib import Path

import openpyxl

from pipeline.ingest import inspect_file, read_survey
from pipeline.privacy import scrub_text

from conftest import csv_text, write_csv

KEY = b"k31"
KOBO_TAIL = ["_id", "_uuid", "_submission_time", "_validation_status", "_index"]


def _kobo_xlsx(path: Path, header: list[str], rows: list[list]) -> Path:
    """A KoboToolbox "labels" xlsx download: one sheet, the questions' labels, the metadata columns at the end."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Questionnaire pour les gest..."
    sheet.append(header + KOBO_TAIL)
    for i, row in enumerate(rows):
        sheet.append(row + [str(1000 + i), f"0b1c2d3e-0000-4000-8000-{i:012d}", f"2025-09-{10 + i} 10:0{i % 10}:00",
                            "", str(i + 1)])
    book.save(path)
    return path


def _by_text(found: dict) -> dict:
    return {q["text"]: q for q in found["questions"]}


def test_a_kobo_option_label_with_a_slash_stays_an_option_of_its_question(tmp_path):
    """KoboToolbox heads a select_multiple's option columns "Question/Option"; an option label that holds a slash
    ("Application web/mobile") was split at its last slash, so the option became a question of its own and the
    option after it ("…/Autre") stood alone as a number. Behind the question's whole-answer column the options are
    what follows "Question/"; the option "Téléphone" is a way of booking, not a phone-number column."""
    q = "Comment gérez-vous les réservations ?"
    options = ["Sur place", "Téléphone", "Application web/mobile", "Autre"]
    header = ["Votre rôle ?", q] + [f"{q}/{o}" for o in options]
    picks = [[1, 1, 0, 0], [1, 0, 1, 0], [0, 1, 1, 0], [1, 1, 0, 1], [0, 1, 0, 0], [1, 0, 0, 0]]
    rows = [[["Gérant", "Propriétaire"][i % 2], " ".join(o for o, p in zip(options, pick) if p)] + pick
            for i, pick in enumerate(picks)]
    found = inspect_file(_kobo_xlsx(tmp_path / "terrains.xlsx", header, rows))
    question = _by_text(found)[q]
    assert question["type"] == "multi" and question["options"] == options, question
    assert not [p for p in found["personal_data_columns"] if "Téléphone" in p["column"]], found["personal_data_columns"]


def test_first_and_last_name_together_in_french_is_a_name_column(tmp_path):
    """"Prénom & Nom" over four pitch managers' names (too few answers for the shape test) was read as a single
    choice and its names reached the answers: a header asking for first and last name together, with "&", "et" or
    a comma, in fr/es/pt/de, is a name column whatever the answers."""
    names = ["Awa Diallo", "Moussa", "Fatou Ndiaye", "Ibrahima Sarr"]
    header = ["Prénom & Nom", "Votre rôle ?", "Nombre de terrains"]
    rows = [[n, "Gérant", str(1 + i)] for i, n in enumerate(names)]
    path = _kobo_xlsx(tmp_path / "terrains.xlsx", header, rows)
    found = inspect_file(path)
    assert {"column": "Prénom & Nom", "kind": "name"} in found["personal_data_columns"], found
    survey = read_survey(path, key=KEY)
    text = " ".join(survey.answers["value"].dropna().astype(str)) + " ".join(survey.questions.astype(str).sum())
    assert not [n for n in names if n.split()[0] in text], text[:300]


def test_a_clock_time_with_its_zone_is_no_phone_and_reads_as_hours_and_minutes(tmp_path):
    """KoboToolbox writes a time question as "08:00:00.000Z" or "08:00:00.000-00:00": the scrubber took
    "00.000-00" for a phone number ("08:00:[phone]:00") and one opening hour came out as two options. The time of
    day reads "08:00"; a phone number after "Tel:" is still scrubbed."""
    assert scrub_text("08:00:00.000-00:00") == "08:00:00.000-00:00"
    assert scrub_text("Tel:040 123 4567") == "Tel:[phone]"
    header = ["Heure d'ouverture ?", "Votre rôle ?"]
    times = ["08:00:00.000-00:00", "07:00:00.000Z", "08:00:00.000Z", "09:30:00.000+03:00", "08:00:00.000Z"]
    rows = [[t, ["Gérant", "Propriétaire"][i % 2]] for i, t in enumerate(times)]
    found = inspect_file(_kobo_xlsx(tmp_path / "heures.xlsx", header, rows))
    assert sorted(_by_text(found)["Heure d'ouverture ?"]["options"]) == ["07:00", "08:00", "09:30"], found


def test_the_french_extent_scale_of_accountability_surveys_is_likert(tmp_path):
    """"Oui, complètement / Plutôt oui / Pas vraiment / Pas du tout" with "Ne sait pas" and "Pas de réponse"
    beside it (a humanitarian accountability evaluation in KoboToolbox) was typed a single choice: it is a
    four-point Likert scale, the two non-answers kept off it."""
    header = ["Vous sentez-vous en sécurité ?", "Camp"]
    answers = ["Oui, complètement", "Plutôt oui", "Pas vraiment", "Pas du tout", "Ne sait pas", "Oui, complètement",
               "Pas de réponse", "Plutôt oui"]
    rows = [[a, ["Nord", "Sud"][i % 2]] for i, a in enumerate(answers)]
    found = inspect_file(_kobo_xlsx(tmp_path / "protection.xlsx", header, rows))
    question = _by_text(found)["Vous sentez-vous en sécurité ?"]
    assert question["type"] == "likert", question
    assert question["options"] == ["Pas du tout", "Pas vraiment", "Plutôt oui", "Oui, complètement"], question


def test_an_array_whose_labels_carry_the_authors_numbers_is_one_grid(tmp_path):
    """A LimeSurvey array whose answer labels carry the author's codes ("(1) Every day" … "(5) Never", "At no
    time (0)") came out as several grids and singles, as each item left other levels unchosen. The items of one
    array on one numbered scale are one Likert grid; an array numbered high → low on a known scale ("Strongly
    agree (1)" … "Strongly disagree (5)") still scores agreement high."""
    header = ["id. Response ID", "submitdate. Date submitted", "lastpage. Last page", "startlanguage. Start language"]
    items = ["little interest", "feeling down", "trouble sleeping", "feeling tired"]
    header += [f"PH[SQ00{k + 1}]. How often were you bothered by: [{t}]" for k, t in enumerate(items)]
    header += [f"AG[SQ00{k + 1}]. Do you agree? [{t}]" for k, t in enumerate(["I am calm", "I am busy"])]
    freq = ["(1) Every day", "(2) Most days", "(3) Half of the days", "(4) Some days", "(5) Never"]
    agree = ["Strongly agree (1)", "Agree (2)", "Neutral (3)", "Disagree (4)", "Strongly disagree (5)"]
    rows = []
    for i in range(10):
        # item k never gets level k+1: every item leaves a different level unchosen
        cells = [freq[(i + k) % 5] if (i + k) % 5 != k + 1 else freq[0] for k in range(4)]
        rows.append([str(i + 1), f"2024-01-0{1 + i % 9} 10:00:00", "3", "en"] + cells
                    + [agree[i % 5], agree[(i + 2) % 5]])
    found = inspect_file(write_csv(tmp_path / "results-survey1.csv", csv_text(header, rows)))
    by_id = {q["id"]: q for q in found["questions"]}
    assert by_id["PH"]["type"] == "likert" and len(by_id["PH"]["columns"]) == 4, found["questions"]
    assert by_id["PH"]["options"] == freq, by_id["PH"]
    assert by_id["AG"]["type"] == "likert" and by_id["AG"]["options"][-1] == "Strongly agree (1)", by_id["AG"]


def test_a_question_row_above_a_typeform_header_groups_the_option_columns(tmp_path):
    """A Typeform export re-saved with each multi-select's question typed above its option columns (the first
    cell blank): the row was skipped as a note, and two neighbouring multi-selects ran together into one. The row
    names and bounds each group; a header asking its own question ("…?") ends it, and the last "Other" column is
    the group's typed other answer."""
    top = ["", "Which interface(s) do you use?", "", "", "Where do you install from?", "", "", "", ""]
    header = ["#", "Python", "MATLAB", "C++", "Conda", "From source", "Windows installer", "Other",
              "How often do you use it?"]
    ticks = [(1, 0, 1, 1, 0, 0), (1, 1, 0, 0, 1, 0), (1, 0, 0, 1, 1, 1), (0, 1, 0, 0, 0, 1), (1, 0, 1, 1, 0, 0),
             (1, 1, 1, 0, 1, 0)]
    rows = []
    for i, t in enumerate(ticks):
        cells = [h if on else "" for h, on in zip(header[1:7], t)]
        rows.append([f"tok{i:02d}ab{i}cd"] + cells + [["pip", ""][i % 2], ["Often", "Rarely", "Sometimes"][i % 3]])
    text = csv_text(top, []) + csv_text(header, rows)
    found = inspect_file(write_csv(tmp_path / "responses.csv", text))
    by_text = {q["text"]: q for q in found["questions"] if q["type"] != "other_text"}
    assert by_text["Which interface(s) do you use?"]["options"] == ["Python", "MATLAB", "C++"], found["questions"]
    assert by_text["Where do you install from?"]["options"] == ["Conda", "From source", "Windows installer"]
    other = [q for q in found["questions"] if q["type"] == "other_text"]
    assert [(q["text"], q["columns"]) for q in other] == [("Where do you install from?", ["Other"])], other
    assert by_text["How often do you use it?"]["type"] == "likert"
