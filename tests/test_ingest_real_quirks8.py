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


def test_names_with_middle_initials_are_scrubbed_in_capitals_too():
    # a vessel register prints owners in capitals with middle initials; the family name is in no list
    assert scrub_text("LEONARD L. CRICHLOW (#340), MERRICKS") == "[name] (#340), MERRICKS"
    assert scrub_text("owner Kim M.C. Harris-Lloyd of Oistins") == "owner [name] of Oistins"
    # an initial alone, or a given name before a common word, is no name
    assert scrub_text("Plan B. The rest") == "Plan B. The rest"
    assert scrub_text("Anna A. The") == "Anna A. The"


def test_street_addresses_in_answers_are_scrubbed():
    assert scrub_text("She lives at 13 Cherry Ave, Holetown") == "She lives at [address], Holetown"
    assert scrub_text("#8 WARICK LANE, GOLDEN ROCK") == "[address], GOLDEN ROCK"
    assert scrub_text("Asun osoitteessa Hämeenkatu 12 A 3, Tampere") == "Asun osoitteessa [address], Tampere"
    assert scrub_text("Bor på Storgatan 5.") == "Bor på [address]."
    # a number before words that end in no street word, or a street word without a house number, stays
    for kept in ("We had 3 Blue Mountains trips", "Chapter 5 Drive", "the main street was closed", "in 2020"):
        assert scrub_text(kept) == kept


def test_a_column_whose_answers_name_persons_is_personal_data(tmp_path):
    # a register pre-filled into a field form: owners with address and number, in capitals, repeated on every trip;
    # the header ("Agents") names no personal data, the answers do. The landing site and yes/no question stay.
    entries = ["NEIL C. BOURNE (#263), SAYERS COURT, CHRIST CHURCH", "ADRIAN R. HOLDER (#3401), DURANTS VILLAGE",
               "LINDA S. HINKSON (#1859), FOSTER HALL, ST. JOHN", "JONATHAN TAYLOR (#4335), SCARBOROUGH",
               "SHEILA GREENE (#4291), SILVER HILL", "ROBERT KEMAR (#1111), BAY STREET", "--"]
    sites = ["Consett Bay", "Oistins", "Bathsheba", "Holetown", "Payne's Bay", "Brooklyn", "Consett Bay"]
    body = "".join(f"2023-11-{i + 10} 10:00:00,{sites[i % 7]},{'Yes' if i % 2 else 'No'},\"{entries[i % 7]}\"\n"
                   for i in range(14))
    path = write_csv(tmp_path / "trips.csv", "Timestamp,Landing site,Was there any fishing?,Agents\n" + body)
    found = inspect_file(path)
    assert {"column": "Agents", "kind": "contact"} in found["personal_data_columns"]
    assert _types(found) == {"Landing site": "single", "Was there any fishing?": "single"}
    survey = read_survey(path, key=b"k")
    values = " ".join(survey.answers["value"].dropna().astype(str))
    assert "BOURNE" not in values and "Consett Bay" in values


def test_repeated_id_numbers_of_one_length_are_personal_data(tmp_path):
    # a face-to-face survey: each interviewer's 8-digit national id number on every row they collected, next to a
    # household income (round amounts of varying length), a year and a date written 20250317 — those stay
    ids = ["40520344", "38417516", "44564289", "31403646"]
    incomes = ["250000", "1200000", "75000", "18000000", "450000", "900000", "60000", "3500000"]
    header = "id,submitdate,lastpage,startlanguage,P0S1,P6S1,P2,P3\n"
    body = "".join(f"{i},2025-03-1{i % 9} 21:19:03,8,es,{ids[i % 4]},{incomes[i % 8]},{2015 + i % 7},"
                   f"202503{10 + i % 9}\n" for i in range(1, 25))
    found = inspect_file(write_csv(tmp_path / "results-survey.csv", header + body))
    assert found["personal_data_columns"] == [{"column": "P0S1", "kind": "id_number"}]
    types = {q["id"]: q["type"] for q in found["questions"]}
    assert types["P6S1"] == "number" and "P0S1" not in types
    assert types["P2"] != "meta" and types["P3"] != "meta"


def test_limesurvey_ranking_headings_without_metadata_are_limesurvey(tmp_path):
    # LimeSurvey's full headings of a ranking question ("… [Rank 1]", "[Rank 2]" …) tell the tool when the export
    # left out LimeSurvey's metadata columns; under Google Forms' Timestamp the same headings stay Google Forms
    tasks = ["Suchen", "Filtern", "Teilen"]
    header = ("Welche Bibliotheken nutzen Sie?,Ordnen Sie die Aufgaben. [Rank 1],Ordnen Sie die Aufgaben. [Rank 2],"
              "Ordnen Sie die Aufgaben. [Rank 3]\n")
    body = "".join(f"YouTube,{tasks[i % 3]},{tasks[(i + 1) % 3]},{tasks[(i + 2) % 3]}\n" for i in range(6))
    found = inspect_file(write_csv(tmp_path / "results-survey.csv", header + body))
    assert found["tool"] == "limesurvey" and found["respondents"] == 6
    forms = inspect_file(write_csv(tmp_path / "forms.csv", "Timestamp," + header.split(",", 1)[1] + "".join(
        f"2024-05-0{i + 1} 10:00:00,{tasks[i % 3]},{tasks[(i + 1) % 3]},{tasks[(i + 2) % 3]}\n" for i in range(6))))
    assert forms["tool"] == "googleforms"


def test_a_battery_of_coded_ratings_under_code_headers_is_likert(tmp_path):
    # a Qualtrics numeric export re-saved with its code row only: g1..g6 are a 1-5 battery (g6 nobody rated 5),
    # gender and jobstatus stay coded single choices
    header = "ResponseId,StartDate,EndDate,Finished,jobstatus,g1,g2,g3,g4,g5,g6,gender\n"
    body = "".join(f"R_{i:03d},2021-01-07 10:00:00,2021-01-07 10:09:00,1,{1 + i % 6},"
                   + ",".join(str(1 + (i + k) % 5) for k in range(5)) + f",{1 + i % 4},{1 + i % 3}\n"
                   for i in range(12))
    found = inspect_file(write_csv(tmp_path / "export.csv", header + body))
    assert found["tool"] == "qualtrics"
    by_id = {q["id"]: q for q in found["questions"]}
    for item in ("g1", "g2", "g3", "g4", "g5", "g6"):
        assert by_id[item]["type"] == "likert", item
    assert by_id["g6"]["options"] == ["1", "2", "3", "4", "5"]
    assert by_id["gender"]["type"] == "single" and by_id["jobstatus"]["type"] == "single"
