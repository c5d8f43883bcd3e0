"""Quirks of real exports found on round r12 of unseen files (issue 12): one test per quirk, each on a few inline
rows built the way files of that kind look (not copies of the files)."""
from __future__ import annotations

from pipeline.ingest import inspect_file, read_survey
from pipeline.privacy import scrub_text

from conftest import write_csv


def _types(found: dict) -> dict[str, str]:
    return {q["text"]: q["type"] for q in found["questions"]}


def test_scale_labels_typed_without_accents_are_likert(tmp_path):
    # French answers typed on a keyboard without dead keys ("Tres bon", "Tres mauvais") are the levels
    # "très bon" and "très mauvais" of the quality scale, not five unrelated choices
    labels = ["Tres bon", "Bon", "Moyen", "Mauvais", "Tres mauvais", "Bon", "Tres bon", "Moyen"]
    body = "".join(f"2024-05-0{i} 10:00:00,{lab},{'Oui' if i % 2 else 'Non'}\n" for i, lab in enumerate(labels, 1))
    found = inspect_file(write_csv(tmp_path / "avis.csv", "Horodateur,Qualité du service,Revenir ?\n" + body))
    types = _types(found)
    assert types["Qualité du service"] == "likert"
    assert types["Revenir ?"] == "single"
    quality = next(q for q in found["questions"] if q["text"] == "Qualité du service")
    assert [o.lower() for o in quality["options"]][0] == "tres mauvais"


def test_a_grid_mixing_labels_in_one_and_two_languages_is_likert(tmp_path):
    # a bilingual LimeSurvey grid: "Important" is the same word in French and English, the other levels are
    # written in both ("Extremement important /Extremely important"), and the don't-know answer is bilingual
    # too ("je ne sais pas/ I don't know"): a Likert grid whose don't-know stays off the scale
    levels = ["Important", "Extremement important /Extremely important", "Pas important / Not important",
              "je ne sais pas/ I don't know", "Important", "Pas important / Not important"]
    header = ("Response ID,Date submitted,Last page,Start language,"
              "Aspects [Le prix],Aspects [La vitesse],Aspects [La stabilité]\n")
    body = "".join(f"{i},2022-08-22 13:5{i}:00,1,fr,{levels[i % 6]},{levels[(i + 1) % 6]},{levels[(i + 2) % 6]}\n"
                   for i in range(1, 7))
    survey = read_survey(write_csv(tmp_path / "drc.csv", header + body), key=b"k")
    grid = survey.questions.set_index("text").loc["Aspects"]
    assert grid["type"] == "likert"
    answers = survey.answers
    dk = answers[answers["value"].str.startswith("je ne sais pas")]
    assert len(dk) == 3 and dk["is_dont_know"].all() and dk["score"].isna().all()
    assert answers.loc[answers["value"] == "Pas important / Not important", "score"].nunique() == 1
    assert (answers.loc[answers["value"].str.startswith("Extremement"), "score"]
            > answers.loc[answers["value"] == "Important", "score"].max()).all()


def test_spanish_agreement_abbreviations_are_likert(tmp_path):
    # Latin American field questionnaires print the agreement scale as "Muy DA / DA / Ni DA ni DSA / DSA /
    # Muy DSA" (DA = de acuerdo, DSA = en desacuerdo); LimeSurvey exports the printed labels
    scale = ["Muy DA", "DA", "Ni Da ni DSA", "DSA", "Muy DSA"]
    header = "id,submitdate,lastpage,startlanguage,P10[A1],P10[A2],P10[A3],P4\n"
    body = "".join(f"{i},2025-03-2{i} 10:00:00,8,es,{scale[i % 5]},{scale[(i + 2) % 5]},{scale[(i + 4) % 5]},"
                   f"{'Propia' if i % 2 else 'Alquilada'}\n" for i in range(1, 8))
    found = inspect_file(write_csv(tmp_path / "results-survey.csv", header + body))
    assert found["tool"] == "limesurvey" and found["respondents"] == 7
    by_id = {q["id"]: q for q in found["questions"]}
    assert by_id["P10"]["type"] == "likert" and len(by_id["P10"]["columns"]) == 3
    assert by_id["P10"]["options"][0] == "Muy DSA" and by_id["P10"]["options"][-1].lower() == "muy da"
    assert by_id["P4"]["type"] == "single"


def test_limesurvey_french_timings_and_referrer_are_not_questions(tmp_path):
    # LimeSurvey's French full headings: "URL référente" (the referrer, dropped as LimeSurvey's token column),
    # "Temps total :" and "Durée pour le groupe : …" / "Durée pour la question: …" (timings) are metadata
    header = ("ID de la réponse,Date de soumission,Dernière page,Langue de départ,URL référente,"
              "Ville,Temps total :,Durée pour le groupe : DÉMOGRAPHIE,Durée pour la question: Demo01\n")
    towns = ["Goma", "Kinshasa", "Bukavu", "Goma", "Kinshasa"]
    body = "".join(f"{i},2022-08-22 13:5{i}:00,1,fr,https://l.facebook.com/,{t},{300 + 17 * i}.25,{40 + i}.5,"
                   f"{9 + i}.1\n" for i, t in enumerate(towns, start=1))
    found = inspect_file(write_csv(tmp_path / "results-survey.csv", header + body))
    assert found["tool"] == "limesurvey" and found["respondents"] == 5
    types = _types(found)
    assert types["Ville"] == "single"
    for timing in ("Temps total :", "Durée pour le groupe : DÉMOGRAPHIE", "Durée pour la question: Demo01"):
        assert types.get(timing, "meta") == "meta", timing
    assert {"column": "URL référente", "kind": "token"} in found["personal_data_columns"]
    assert "URL référente" not in types


def test_local_north_american_phone_numbers_are_personal_data(tmp_path):
    # a KoboToolbox form pre-filled from a vessel register: "NAME (#463), ADDRESS, PARISH, 571-7879 / 235-6065"
    # (Barbados numbers written the local way, seven digits with a hyphen, no 0 or + in front)
    assert scrub_text("ST. JOHN, 571-7879 / 235-6065") == "ST. JOHN, [phone] / [phone]"
    assert scrub_text("Call (246) 571-7879 after six") == "Call [phone] after six"
    # a range of round amounts stays as written
    assert scrub_text("250-1000 employees, 2019-2020") == "250-1000 employees, 2019-2020"
    rows = ["WEST TERRACE, ST. JAMES, 261-5085", "COLLIN'S ROAD, ST. PETER, 419-9963 / 843-3604",
            "FOSTER HALL, ST. JOHN, 433-3219", "DURANTS VILLAGE, ST. JAMES, 258-5189"]
    body = "".join(f"2023-11-0{i} 10:00:00,\"{r}\",{'Yes' if i % 2 else 'No'}\n" for i, r in enumerate(rows, 1))
    survey = read_survey(write_csv(tmp_path / "vessels.csv", "Timestamp,Crew,Was there any fishing?\n" + body),
                         key=b"k")
    values = " ".join(survey.answers["value"].dropna().astype(str))
    for number in ("261-5085", "419-9963", "843-3604", "433-3219", "258-5189"):
        assert number not in values
