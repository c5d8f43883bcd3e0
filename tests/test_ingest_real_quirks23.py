"""Quirks of real exports found on round 22 of unseen files (issue 12): one test per quirk, each on a few inline
rows built the way files of that kind look (not copies of the files)."""
from __future__ import annotations

from pipeline.ingest import inspect_file, read_survey

from conftest import csv_text, questions_by_text, write_csv

_LIME_DE = ["Antwort ID", "Datum Abgeschickt", "Letzte Seite", "Start-Sprache", "Zufallsgeneratorstartwert"]


def test_german_lime_timings_are_metadata(tmp_path):
    """LimeSurvey's German export heads its timings "Gesamtzeit", "Gruppenzeit: …" and "Fragenzeit: A1" (round 22,
    a German student survey): those are metadata, not questions, so a row that answered nothing but carries a total
    time of 0.0 is no respondent (48 of 124 rows there). The seed "Zufallsgeneratorstartwert" stays out of the
    questions and its numbers out of the answers."""
    header = _LIME_DE + ["Was stellst du dir unter Statistik vor?", "Alter (in Jahren):", "Gesamtzeit",
                         "Gruppenzeit: Allgemeines", "Fragenzeit: A1"]
    answered = [[str(i), "1980-01-01 00:00:00", "3", "de", str(1762890441 - 7919 * i), text, str(20 + i),
                 f"{100 + i}.25", f"{40 + i}.5", f"{9 + i}.75"]
                for i, text in enumerate(["Viel mit Zahlen", "Tabellen und Grafiken", "Daten analysieren",
                                          "Langweilige Arbeit", "Vorhersagen treffen"], start=1)]
    empty = [[str(i), "1980-01-01 00:00:00", "", "de", str(138974613 + 31 * i), "", "", "0.0", "", ""]
             for i in range(6, 9)]
    path = write_csv(tmp_path / "results-survey1.csv", csv_text(header, answered + empty))
    found = inspect_file(path)
    assert found["tool"] == "limesurvey"
    assert found["respondents"] == 5
    types = {q["text"]: q["type"] for q in found["questions"]}
    for name in ("Gesamtzeit", "Gruppenzeit: Allgemeines", "Fragenzeit: A1"):
        assert types.get(name) == "meta", name
    assert types["Alter (in Jahren):"] == "number" and types["Was stellst du dir unter Statistik vor?"] == "open"
    assert "Zufallsgeneratorstartwert" not in types
    shown = read_survey(path, key=b"k23").answers.astype(str).to_csv()
    assert str(1762890441 - 7919) not in shown and "138974613" not in shown


def test_german_informal_tick_all_yes_no_columns_are_one_multi_select(tmp_path):
    """A LimeSurvey multiple choice asked in the informal German "Kreuze alle Eigenschaften an, welche …
    zutreffen: Statistik ist... [cool]" and answered Ja/Nein in every option column (round 22): the question asks
    for a choice among options as "Kreuzen Sie … an" does, so the columns are one multi-select, not a grid of
    separate yes/no questions. The same columns under a statement that asks for no choice stay yes/no questions."""
    stem = "Kreuze alle Eigenschaften an, welche deiner Meinung nach auf Statistik zutreffen:\xa0  Statistik ist..."
    options = ["verständlich", "cool", "langweilig", "kompliziert"]
    ticks = [["Ja", "Nein", "Ja", "Nein"], ["Nein", "Nein", "Ja", "Ja"], ["Ja", "Ja", "Nein", "Nein"],
             ["Nein", "Nein", "Ja", "Ja"], ["Ja", "Nein", "Nein", "Ja"], ["Nein", "Ja", "Ja", "Nein"]]
    header = _LIME_DE + [f"{stem}  [{o}]" for o in options]
    rows = [[str(i), "2023-11-0%d 10:00:00" % i, "2", "de", str(90000 + i)] + t for i, t in enumerate(ticks, 1)]
    found = inspect_file(write_csv(tmp_path / "results-survey2.csv", csv_text(header, rows)))
    assert found["tool"] == "limesurvey" and found["respondents"] == 6
    multi = [q for q in found["questions"] if q["type"] == "multi"]
    assert len(multi) == 1 and len(multi[0]["columns"]) == 4
    assert multi[0]["text"].startswith("Kreuze alle Eigenschaften an")
    plain = _LIME_DE + [f"Trifft auf dich zu: [{o}]" for o in options]
    found = inspect_file(write_csv(tmp_path / "results-survey3.csv", csv_text(plain, rows)))
    assert not [q for q in found["questions"] if q["type"] == "multi"]


def test_german_relevance_grid_is_a_likert_scale(tmp_path):
    """A German grid answered on the six-point "Absolut irrelevant … Absolut relevant" scale ("Was glaubst du wie
    relevant ist Statistik für... [...deinen Alltag?]", round 22): one Likert question with the six levels in
    order, not three single choices."""
    stem = "Was glaubst du wie relevant ist Statistik für..."
    items = ["...deinen zukünftigen Beruf?", "...dein jetziges Studium?", "...deinen Alltag?"]
    levels = ["Absolut irrelevant", "Ziemlich irrelevant", "Eher irrelevant", "Eher relevant", "Ziemlich relevant",
              "Absolut relevant"]
    header = _LIME_DE + [f"{stem} [{item}]" for item in items]
    rows = [[str(i), "2023-11-0%d 10:00:00" % (i % 9 + 1), "2", "de", str(70000 + i),
             levels[i % 6], levels[(i * 5 + 2) % 6], levels[(i + 3) % 6]] for i in range(1, 9)]
    found = inspect_file(write_csv(tmp_path / "results-survey4.csv", csv_text(header, rows)))
    grid = questions_by_text(found).get(stem)
    assert grid is not None and grid["type"] == "likert" and len(grid["columns"]) == 3
    assert [o.lower() for o in grid["options"]] == [lv.lower() for lv in levels]


def test_german_impression_negativ_to_positiv_is_a_likert_scale(tmp_path):
    """A German question answered "negativ / eher negativ / neutral / eher positiv / positiv" (" [Wie sind deine
    Eindrücke/Assoziationen zum Thema Statistik?]", round 22, a LimeSurvey array with one row and no question text):
    an ordered five-point impression, read as a Likert question with the levels in order, not a single choice
    whose options sort by frequency."""
    question = " [Wie sind deine Eindrücke/Assoziationen zum Thema Statistik?]"
    answers = ["neutral", "eher positiv", "positiv", "eher negativ", "neutral", "eher positiv", "negativ", "neutral"]
    header = _LIME_DE + [question]
    rows = [[str(i), "2023-11-0%d 10:00:00" % i, "2", "de", str(50000 + i), a] for i, a in enumerate(answers, 1)]
    found = inspect_file(write_csv(tmp_path / "results-survey5.csv", csv_text(header, rows)))
    asked = [q for q in found["questions"] if "Eindrücke" in q["text"]]
    assert len(asked) == 1 and asked[0]["type"] == "likert"
    assert asked[0]["options"] == ["negativ", "eher negativ", "neutral", "eher positiv", "positiv"]
