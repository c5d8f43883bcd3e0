"""Quirks of real exports found on a sixth round of unseen files (issue 12, round b15): one test per quirk, each on
a few inline rows built the way files of that kind look (not copies of the files)."""
from __future__ import annotations

from pipeline.ingest import inspect_file

from conftest import write_csv


def _question(found: dict, column: str) -> dict:
    return next(q for q in found["questions"] if column in q["columns"])


def test_scale_labels_with_the_level_number_in_brackets_are_likert(tmp_path):
    # a LimeSurvey battery that shows each level's number: "Strongly agree (7)", and items that name only their
    # own ends, "(1) No goals" … "(4)" … "(7) Very clear goals"; "Not Applicable (8)" stays off the scale, and an
    # item nobody rated "(1)" is still scored by the battery's numbers
    lv = {1: "Strongly disagree (1)", 2: "Disagree (2)", 3: "Somewhat disagree (3)", 4: "Neutral (4)",
          5: "Somewhat agree (5)", 6: "Agree (6)", 7: "Strongly agree (7)", 8: "Not Applicable (8)"}
    agree = [(7, 6, 4), (3, 8, 6), (1, 5, 2), (4, 7, 7), (6, 4, 5), (2, 6, 3)]
    goals = [("(1) No goals", "(7) Meaningful", "(2)"), ("(4)", "(1) Meaningless", "(7) Progress"),
             ("(7) Very clear goals", "(3)", "(1) No progress"), ("(5)", "(4)", "(5)"), ("(2)", "(2)", "(4)"),
             ("(3)", "(5)", "(3)")]
    header = "id,submitdate,lastpage,startlanguage,Q1[SQ001],Q1[SQ002],Q1[SQ003],G1,G2,G3\n"
    body = "".join(f"{i},2026-01-0{i} 10:00:00,3,en," + ",".join([lv[n] for n in a] + list(g)) + "\n"
                   for i, (a, g) in enumerate(zip(agree, goals), start=1))
    found = inspect_file(write_csv(tmp_path / "results-survey.csv", header + body))
    first = _question(found, "Q1[SQ001]")
    assert first["type"] == "likert"
    assert first["options"][0] == "Strongly disagree (1)" and first["options"][-1] == "Strongly agree (7)"
    second = _question(found, "Q1[SQ002]")          # nobody chose 1-3 here: scored by the battery's numbers
    assert second["type"] == "likert" and "Not Applicable (8)" not in second["options"]
    goal = _question(found, "G1")
    assert goal["type"] == "likert"
    assert goal["options"] == ["(1) No goals", "(2)", "(3)", "(4)", "(5)", "(7) Very clear goals"]
    # a single list of numbered options asked once is no battery: "(1) Yes" … stays a single choice
    once = write_csv(tmp_path / "once.csv", "Pick one\n(1) Bus\n(2) Car\n(3) Bike\n(4) Walk\n(2) Car\n")
    assert inspect_file(once)["questions"][0]["type"] == "single"


def test_importance_hungarian_and_bilingual_scales_are_likert(tmp_path):
    # LimeSurvey's importance grid whose middle labels drop "important"; a Hungarian 6-point agree scale; a
    # bilingual French/English frequency grid ("Souvent /Often")
    path = write_csv(tmp_path / "answers.csv",
                     "Importance,Egyetértés,Fréquence\n"
                     "extremely important,Egyáltalán nem értek egyet,Souvent /Often\n"
                     "very,Inkább egyetértek,Jamais /Never\n"
                     "moderately,Teljes mértékben egyetértek,Quelquefois /Sometimes\n"
                     "not at all important,Nem értek egyet,Souvent /Often\n"
                     "I do not know,Egyetértek,Jamais /Never\n")
    found = inspect_file(path)
    assert [q["type"] for q in found["questions"]] == ["likert", "likert", "likert"]
    importance = found["questions"][0]
    assert importance["options"][0].lower() == "not at all important"
    assert importance["options"][-1].lower() == "extremely important"
    # a list of categories with slashes is no bilingual scale
    plain = write_csv(tmp_path / "plain.csv", "Sector\nHospitality / Retail\nFinance / Business\nHospitality / Retail\n"
                      "Trades / Manufacturing\n")
    assert inspect_file(plain)["questions"][0]["type"] == "single"


def test_google_forms_checkbox_options_with_commas_are_one_multi(tmp_path):
    # the options themselves hold ", " ("Non, je connais suffisamment."); a respondent who ticked two options gets
    # them joined by ", " as well, and a typed "other" answer follows the options
    path = write_csv(tmp_path / "reponses.csv",
                     'Horodateur,Aimeriez-vous être formé ?\n'
                     '2026/01/10 10:00:00,"Non, je connais suffisamment."\n'
                     '2026/01/10 10:01:00,"Oui, mieux comprendre la démarche., Oui, savoir agir davantage."\n'
                     '2026/01/10 10:02:00,"Oui, mieux comprendre la démarche."\n'
                     '2026/01/10 10:03:00,"Oui, savoir agir davantage."\n'
                     '2026/01/10 10:04:00,"Non, je connais suffisamment."\n'
                     '2026/01/10 10:05:00,"Oui, savoir agir davantage., Former les enseignants"\n'
                     '2026/01/10 10:06:00,"Oui, mieux comprendre la démarche., Oui, savoir agir davantage."\n')
    question = _question(inspect_file(path), "Aimeriez-vous être formé ?")
    assert question["type"] == "multi"
    assert sorted(question["options"]) == ["Non, je connais suffisamment.", "Oui, mieux comprendre la démarche.",
                                           "Oui, savoir agir davantage."]
    # open answers with commas that join no whole answer stay open
    prose = write_csv(tmp_path / "prose.csv",
                      "Horodateur,Remarques\n"
                      '2026/01/10 10:00:00,"Bien, mais trop long."\n'
                      '2026/01/10 10:01:00,"Clair, utile, rapide."\n'
                      '2026/01/10 10:02:00,"Trop long, pas assez clair."\n')
    assert _question(inspect_file(prose), "Remarques")["type"] != "multi"


def test_google_forms_durations_are_numbers_of_seconds(tmp_path):
    # a Google Forms "time (duration)" question writes hours:minutes:seconds; the answers are read as seconds
    from pipeline.ingest.qtypes import parse_numbers
    import pandas as pd

    path = write_csv(tmp_path / "respuestas.csv",
                     "Marca temporal,¿Cuánto tiempo has pasado en TikTok?\n"
                     "2026/01/10 10:00:00,1:00:00\n2026/01/10 10:01:00,0:35:00\n2026/01/10 10:02:00,12:05:30\n")
    assert _question(inspect_file(path), "¿Cuánto tiempo has pasado en TikTok?")["type"] == "number"
    assert parse_numbers(pd.Series(["1:00:00", "0:35:00", "12:05:30"], dtype=object)).tolist() == [3600, 2100,
                                                                                                 43530]
