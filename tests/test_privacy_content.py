"""Personal data found by the values of a column, not only by its header: e-mails, phones, person names, IP
addresses, coordinates, panel and device ids, URLs with a query string (pipeline.privacy.personal_data_by_values
and pipeline.ingest.layout.mark_email_values), each on a few inline rows."""
from __future__ import annotations

import csv

import pytest

from pipeline.ingest import inspect_file, read_survey
from pipeline.ingest.layout import Column, personal_columns
from pipeline.privacy import personal_data_by_values, personal_data_kind

KEY = b"k"


def write_csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def survey_file(tmp_path, header, cells):
    """A generic export: a timestamp, the column under test and one real question."""
    rows = [["Submitted at", header, "How useful was the day?"]]
    for i, cell in enumerate(cells):
        rows.append([f"2024-03-0{i % 9 + 1} 10:00:00", cell, ["Very", "Somewhat", "Not at all"][i % 3]])
    return write_csv(tmp_path / "export.csv", rows)


@pytest.mark.parametrize("cells, kind", [
    (["+358 40 123 4567", "040-765 4321", "+44 20 7946 0958", "0501234567"], "phone"),
    (["192.168.10.4", "10.0.0.7", "2001:db8::8a2e:370:7334", "172.16.5.9"], "ip"),
    (["60.16985 24.93838 12 5", "59.32932 18.06858 0 8", "61.49911 23.78712 0 4", "60.45180 22.26663 3 5"],
     "location"),
    (["5f8a1b2c3d4e5f6a7b8c9d0e", "6a7b8c9d0e1f2a3b4c5d6e7f", "60c1d2e3f4a5b6c7d8e9f0a1", "5e9f0a1b2c3d4e5f6a7b8c9d"],
     "panel_id"),
    (["imei:356938035643809", "imei:356938035643810", "imei:356938035643809", "imei:356938035643811"], "device"),
    (["https://example.org/s?pid=abc&src=fb", "https://example.org/s?pid=def", "https://example.org/s?pid=ghi",
      "https://example.org/s?pid=jkl"], "url"),
    (["Matti Virtanen", "Anna Svensson", "John Smith", "Liisa Korhonen"], "name"),
    (["ana@example.pt", "rui@example.pt", "eva@example.se", "not given"], None),   # 3 of 4 < 0.8
])
def test_kind_by_values(cells, kind):
    found = personal_data_by_values(cells, 0.8, frozenset({"matti", "anna", "john", "liisa"}))
    assert (found[0] if found else None) == kind


def test_reason_counts_answers_and_shows_no_value():
    kind, reason = personal_data_by_values(["040 123 4567", "040 765 4321", "Ei ole", "0451234567", "0461234567"],
                                           0.8)
    assert (kind, reason) == ("phone", "4 of 5 answers are phone numbers")


def test_dates_counts_and_ordinary_answers_are_not_personal_data():
    for cells in (["01.02.2023", "13.9.2022 11.05.00", "2022-09-13"], ["3", "12", "7"], ["Yes", "No", "Yes"],
                  ["Helsinki", "Turku", "Oulu"], ["Very good", "Good", "Poor"]):
        assert personal_data_by_values(cells, 0.8, frozenset({"anna"})) is None, cells


def test_phone_column_with_a_question_header_is_dropped(tmp_path):
    path = survey_file(tmp_path, "How can we reach you?", ["+358 40 123 4567", "040-765 4321", "0501234567"])
    info = inspect_file(path)
    assert info["personal_data_columns"] == [{"column": "How can we reach you?", "kind": "phone"}]
    assert [q["text"] for q in info["questions"]] == ["How useful was the day?"]


def test_name_column_with_an_unknown_header_is_dropped(tmp_path):
    path = survey_file(tmp_path, "Kuka täytti lomakkeen?", ["Matti Virtanen", "Anna Svensson", "John Smith"])
    info = inspect_file(path)
    assert info["personal_data_columns"] == [{"column": "Kuka täytti lomakkeen?", "kind": "name"}]


def test_prolific_ids_become_the_pseudonymised_respondent_id(tmp_path):
    ids = ["5f8a1b2c3d4e5f6a7b8c9d0e", "6a7b8c9d0e1f2a3b4c5d6e7f", "60c1d2e3f4a5b6c7d8e9f0a1"]
    path = survey_file(tmp_path, "PROLIFIC_PID", ids)
    info = inspect_file(path)
    assert info["respondent_id"] == "PROLIFIC_PID" and info["personal_data_columns"] == []
    survey = read_survey(path, key=KEY)
    dumped = survey.respondents.to_string() + survey.answers.to_string() + survey.questions.to_string()
    assert not any(i in dumped for i in ids)
    assert survey.respondents["respondent_id"].nunique() == 3


def test_repeated_device_ids_are_dropped_not_used_as_respondent_id(tmp_path):
    path = survey_file(tmp_path, "device", ["imei:356938035643809"] * 3)
    info = inspect_file(path)
    assert info["respondent_id"] is None
    assert info["personal_data_columns"] == [{"column": "device", "kind": "device"}]


def test_referrer_url_in_a_metadata_column_is_dropped(tmp_path):
    path = write_csv(tmp_path / "x.csv", [
        ["Timestamp", "Status", "Pick one"],
        ["2024-03-01 10:00:00", "https://panel.example/r?psid=77aa", "A"],
        ["2024-03-01 10:05:00", "https://panel.example/r?psid=88bb", "B"],
    ])
    info = inspect_file(path)
    assert info["personal_data_columns"] == [{"column": "Status", "kind": "url"}]


def test_personal_columns_lists_header_kind_and_reason():
    cols = [Column(pos=0, header="Phone?", role="personal", personal="phone", reason="3 of 3 answers are phone numbers"),
            Column(pos=1, header="PID", role="respondent_id", personal="panel_id", reason="r"),
            Column(pos=2, header="Q1")]
    assert personal_columns(cols) == [
        {"column": "Phone?", "kind": "phone", "reason": "3 of 3 answers are phone numbers", "used_as": "dropped"},
        {"column": "PID", "kind": "panel_id", "reason": "r", "used_as": "respondent_id"}]


@pytest.mark.parametrize("header, kind", [("Nome", "name"), ("Nom", "name"), ("Nombre completo", "name"),
                                          ("Eesnimi", "name"), ("Adresse de messagerie", "email"),
                                          ("Teléfono", "phone"), ("Hora de início", None)])
def test_name_email_and_phone_header_words_in_more_languages(header, kind):
    assert personal_data_kind(header) == kind


def test_the_ingest_report_lists_each_personal_data_column_with_its_reason_and_no_value(tmp_path):
    from pipeline.ingest import read_survey

    path = tmp_path / "form.csv"
    path.write_text("Timestamp,Yhteyshenkilö,Puhelin,Mikä oli hyvää?\n"
                    "2022-05-12 10:00:00,Kaisa Korhonen,040 123 4567,Hyvä esitys\n"
                    "2022-05-12 11:00:00,Juha Nieminen,050 765 4321,Selkeä aineisto\n"
                    "2022-05-12 12:00:00,Anna Virtanen,044 111 2222,Hyviä esimerkkejä\n", encoding="utf-8")
    report = read_survey(path, key=b"k").report
    listed = {entry["column"]: entry["used_as"] for entry in report["personal_data"]}
    assert listed == {"Yhteyshenkilö": "dropped", "Puhelin": "dropped"}
    text = str(report)
    assert "Korhonen" not in text and "040 123 4567" not in text


def test_an_address_header_named_with_its_kind_is_personal_data_whatever_follows():
    # "Physical Address of the ECCE Centre" reached both editions' reports word for word
    from pipeline.privacy import personal_data_kind

    assert [personal_data_kind(h) for h in ("Physical Address of the ECCE Centre", "Home address",
                                            "Käyntiosoite, jos eri", "Postadress till företaget")] == ["location"] * 4
    assert personal_data_kind("Did you address the issue?") is None
    assert personal_data_kind("What does your business address say about you?") is None
