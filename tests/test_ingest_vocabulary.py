"""Header vocabularies kept as data (pipeline/ingest_vocabulary.yaml): localised Microsoft Forms, Google Forms
and LimeSurvey metadata names, and the KoboToolbox, Typeform and SoSci Survey exports, each on a few inline
rows."""
from __future__ import annotations

import csv

from pipeline.ingest import inspect_file, read_survey
from pipeline.ingest.layout import VOCABULARY

KEY = b"k"


def write_csv(path, rows, delimiter=","):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def test_vocabulary_file_holds_each_tool_and_the_names_from_the_issue():
    assert {"msforms", "googleforms", "limesurvey", "kobotoolbox", "typeform", "sosci", "common"} <= set(VOCABULARY)
    assert {"hora de início", "alkamisaika", "aloitusaika"} <= VOCABULARY["msforms"]["start"]
    assert {"hora de conclusão", "valmistumisaika"} <= VOCABULARY["msforms"]["completion"]


def test_portuguese_msforms_is_msforms_and_its_name_and_email_are_dropped(tmp_path):
    path = write_csv(tmp_path / "pt.csv", [
        ["ID", "Hora de início", "Hora de conclusão", "Email", "Nome", "Gostou do curso?"],
        ["1", "2024-03-01 10:00:00", "2024-03-01 10:05:00", "ana@example.pt", "Ana Costa", "Sim"],
        ["2", "2024-03-01 11:00:00", "2024-03-01 11:04:00", "rui@example.pt", "Rui Lopes", "Não"],
    ])
    info = inspect_file(path)
    assert info["tool"] == "msforms"
    assert (info["respondent_id"], info["submitted_at"]) == ("ID", "Hora de conclusão")
    assert {c["column"]: c["kind"] for c in info["personal_data_columns"]} == {"Email": "email", "Nome": "name"}
    assert [(q["text"], q["type"]) for q in info["questions"]] == [("Hora de início", "meta"),
                                                                  ("Gostou do curso?", "single")]
    survey = read_survey(path, key=KEY)
    assert survey.respondents["submitted_at"].dt.strftime("%H:%M").tolist() == ["10:05", "11:04"]
    assert "Ana Costa" not in survey.answers.to_string() and "ana@example.pt" not in survey.answers.to_string()


def test_finnish_msforms_with_alkamisaika_is_msforms(tmp_path):
    path = write_csv(tmp_path / "fi.csv", [
        ["Tunnus", "Alkamisaika", "Valmistumisaika", "Sähköposti", "Nimi", "Mitä opit?"],
        ["1", "2024-03-01 10:00:00", "2024-03-01 10:05:00", "anonymous", "", "Paljon uutta"],
        ["2", "2024-03-01 11:00:00", "2024-03-01 11:04:00", "anonymous", "", "Vähän"],
    ])
    info = inspect_file(path)
    assert info["tool"] == "msforms"
    assert (info["respondent_id"], info["submitted_at"]) == ("Tunnus", "Valmistumisaika")
    assert sorted(c["column"] for c in info["personal_data_columns"]) == ["Nimi", "Sähköposti"]
    assert [q["text"] for q in info["questions"] if q["type"] != "meta"] == ["Mitä opit?"]


def test_google_forms_portuguese_timestamp_is_the_submission_time(tmp_path):
    path = write_csv(tmp_path / "g.csv", [
        ["Carimbo de data/hora", "Qual a sua cor favorita?"],
        ["2024-03-01 10:00:00", "Azul"], ["2024-03-01 10:30:00", "Verde"],
    ])
    info = inspect_file(path)
    assert (info["tool"], info["submitted_at"]) == ("googleforms", "Carimbo de data/hora")


def test_limesurvey_swedish_full_headings_take_their_roles_from_the_vocabulary(tmp_path):
    path = write_csv(tmp_path / "lime.csv", [
        ["Svars-ID", "Datum inskickat", "Senaste sida", "Startspråk", "Var bor du?"],
        ["1", "2024-03-01 10:05:00", "2", "sv", "Stockholm"], ["2", "2024-03-01 10:09:00", "2", "sv", "Göteborg"],
    ], delimiter=";")
    info = inspect_file(path)
    assert info["tool"] == "limesurvey"
    assert (info["respondent_id"], info["submitted_at"]) == ("Svars-ID", "Datum inskickat")
    assert [q["type"] for q in info["questions"]] == ["meta", "meta", "single"]


def test_msforms_spanish_and_swedish_metadata_names_are_forms_metadata(tmp_path):
    # Microsoft Forms in a Spanish UI heads the id "Id." and writes the e-mail and name as "Correo electrónico",
    # "Nombre"; the last-modified time is metadata in every UI language, not a date question
    for name, head in (("es", ["Id.", "Hora de inicio", "Hora de finalización", "Correo electrónico", "Nombre",
                                "Hora de la última modificación", "¿Volvería a participar?"]),
                       ("sv", ["ID", "Starttid", "Slutförandetid", "E-post", "Namn", "Senast ändrad",
                               "Skulle du delta igen?"])):
        path = write_csv(tmp_path / f"{name}.csv", [head] + [
            [str(n), f"3/{n}/2024 9:00", f"3/{n}/2024 9:04", "anonymous", "", f"3/{n}/2024 9:04", "Sí" if n % 2 else "No"]
            for n in range(1, 5)])
        info = inspect_file(path)
        assert (info["tool"], info["respondent_id"], info["submitted_at"]) == ("msforms", head[0], head[2])
        assert [q["type"] for q in info["questions"]][-2:] == ["meta", "single"]
        assert {c["column"] for c in info["personal_data_columns"]} >= {head[3], head[4]}


def test_limesurvey_1_9_full_headings_completed_and_last_page_seen(tmp_path):
    # LimeSurvey 1.9x/2.0 heads its metadata "Completed" (the submission time, empty when unfinished) and "Last
    # page seen" (real 2013 exports of r0bis/efptPWG, see tests/data/exports/corpus/SOURCES.md)
    path = write_csv(tmp_path / "lime.csv", [
        ["id", "Completed", "Last page seen", "Start language", "Referrer URL", "0000", "0001"],
        ["10", "2013-09-02 11:36:57", "7", "en", "", "Finland", "Male"],
        ["11", "", "3", "en", "http://example.org/news?id=4", "Finland", "Female"],
        ["12", "2013-09-03 08:01:12", "7", "en", "", "Finland", "Female"],
    ])
    info = inspect_file(path)
    assert (info["tool"], info["respondents"]) == ("limesurvey", 3)
    assert (info["respondent_id"], info["submitted_at"]) == ("id", "Completed")
    assert {q["columns"][0]: q["type"] for q in info["questions"]}["Last page seen"] == "meta"
    assert "Referrer URL" in {c["column"] for c in info["personal_data_columns"]}


def test_kobotoolbox_export_is_recognised_and_its_device_id_dropped(tmp_path):
    path = write_csv(tmp_path / "kobo.csv", [
        ["start", "end", "deviceid", "village", "household_size", "_id", "_uuid", "_submission_time", "_index"],
        ["2023-05-02T09:00:00.000+03:00", "2023-05-02T09:20:00.000+03:00", "collect:Xy12AbCd34EfGh56",
         "Kibera", "4", "101", "0b6f1c1e-5a6b-4c1f-9d3e-2f7a8b9c0d1e", "2023-05-02T06:21:00", "1"],
        ["2023-05-02T10:00:00.000+03:00", "2023-05-02T10:15:00.000+03:00", "collect:Xy12AbCd34EfGh56",
         "Mathare", "6", "102", "7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f", "2023-05-02T07:16:00", "2"],
    ])
    info = inspect_file(path)
    assert (info["tool"], info["header_rows"], info["respondents"]) == ("kobotoolbox", 1, 2)
    assert (info["respondent_id"], info["submitted_at"]) == ("_uuid", "_submission_time")
    # the server's submission number names the submission as _uuid does: left out like a response id
    assert info["personal_data_columns"] == [{"column": "deviceid", "kind": "device"},
                                             {"column": "_id", "kind": "submission_id"}]
    assert [q["text"] for q in info["questions"] if q["type"] != "meta"] == ["village", "household_size"]
    survey = read_survey(path, key=KEY)
    assert survey.tool == "kobotoolbox" and "collect:" not in survey.answers.to_string()


def test_typeform_export_is_recognised_and_network_id_dropped(tmp_path):
    path = write_csv(tmp_path / "typeform.csv", [
        ["#", "How did you hear about us?", "Response Type", "Start Date (UTC)", "Submit Date (UTC)", "Network ID"],
        ["a1b2c3d4e5f6a7b8c9d0", "Friend", "completed", "2024-01-05 10:00:00", "2024-01-05 10:03:00", "1f2e3d4c5b"],
        ["b1b2c3d4e5f6a7b8c9d0", "Search", "completed", "2024-01-05 11:00:00", "2024-01-05 11:02:00", "9a8b7c6d5e"],
    ])
    info = inspect_file(path)
    assert (info["tool"], info["respondent_id"], info["submitted_at"]) == ("typeform", "#", "Submit Date (UTC)")
    assert info["personal_data_columns"] == [{"column": "Network ID", "kind": "network_id"}]
    assert [(q["text"], q["type"]) for q in info["questions"]] == [
        ("How did you hear about us?", "single"), ("Response Type", "meta"), ("Start Date (UTC)", "meta")]


def test_sosci_export_with_label_row_is_recognised(tmp_path):
    path = write_csv(tmp_path / "sosci.csv", [
        ["CASE", "SERIAL", "REF", "QUESTNNR", "MODE", "STARTED", "AB01", "TIME001", "TIME_SUM", "LASTDATA",
         "FINISHED"],
        ["Interview-Nummer (fortlaufend)", "Seriennummer (sofern verwendet)", "Referenz (sofern im Link angegeben)",
         "Fragebogen, der im Interview verwendet wurde", "Interview-Modus", "Zeitpunkt zu dem das Interview begonnen hat",
         "Wie zufrieden sind Sie?", "Verweildauer Seite 1", "Verweildauer gesamt",
         "Zeitpunkt der letzten Datenspeicherung", "Wurde die Befragung abgeschlossen?"],
        ["31", "", "5f8a1b2c3d4e5f6a7b8c9d0e", "base", "interview", "2024-02-01 09:00:00", "sehr zufrieden", "40",
         "95", "2024-02-01 09:01:35", "1"],
        ["32", "", "6a7b8c9d0e1f2a3b4c5d6e7f", "base", "interview", "2024-02-01 09:10:00", "zufrieden", "33",
         "70", "2024-02-01 09:11:10", "1"],
    ])
    info = inspect_file(path)
    assert (info["tool"], info["header_rows"], info["respondents"]) == ("sosci", 2, 2)
    assert (info["respondent_id"], info["submitted_at"]) == ("CASE", "LASTDATA")
    assert {c["column"]: c["kind"] for c in info["personal_data_columns"]} == {"SERIAL": "token",
                                                                              "REF": "external_reference"}
    assert [(q["text"], q["type"]) for q in info["questions"] if q["type"] != "meta"] == [
        ("Wie zufrieden sind Sie?", "likert")]
    survey = read_survey(path, key=KEY)
    assert "5f8a1b2c3d4e5f6a7b8c9d0e" not in survey.answers.to_string()


def test_detect_lists_the_new_tools():
    from pipeline.ingest.detect import TOOLS

    assert {"kobotoolbox", "typeform", "sosci"} <= set(TOOLS)
