"""Ingest of layouts no real export in tests/data/exports covers, built inline from the tools' documented
layouts (docs/export-layouts.md, sections named in each test)."""
from __future__ import annotations

import numpy as np
import openpyxl
import pandas as pd
from pandas.testing import assert_frame_equal

from pipeline.ingest import inspect_file, read_survey, read_table
from pipeline.privacy import pseudonym

KEY = b"test-key"
LIKERT_FI = ["täysin eri mieltä", "jokseenkin eri mieltä", "ei samaa eikä eri mieltä", "jokseenkin samaa mieltä",
             "täysin samaa mieltä"]


def answers_of(survey, question_id):
    out = survey.answers[survey.answers["question_id"] == question_id]
    return out.reset_index(drop=True)


def write_xlsx(path, rows, sheet="Sheet1"):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def msforms_rows():
    # "Microsoft Forms" section: Id, Start time, Completion time, Email, Name, then one column per question;
    # multi-select one cell ";"-joined with a trailing ";"; Likert one column per statement, label text.
    import datetime as dt
    t = dt.datetime(2022, 2, 1, 9, 0, 0)
    header = ["Id", "Start time", "Completion time", "Email", "Name", "Kunta",
              "Mistä aiheista olette kiinnostuneita?", "Digitaalinen markkinointi", "Verkkokauppa",
              "Mitä muuta tarvitsette?"]
    return [
        header,
        [1, t, t + dt.timedelta(minutes=3), "anonymous", None, "Kokkola", "Vienti;Verkkokauppa;",
         "täysin eri mieltä", "En osaa sanoa", "Soita 040 123 4567 tai maija@example.fi"],
        [2, t, t + dt.timedelta(minutes=9), "anonymous", None, "Kruunupyy", "Verkkokauppa;",
         "jokseenkin samaa mieltä", "täysin samaa mieltä", None],
        [3, t, t + dt.timedelta(minutes=20), "matti@example.fi", "Matti Meikäläinen", "Kokkola",
         "Vienti;Somemarkkinointi, sisällöt;", "ei samaa eikä eri mieltä", "jokseenkin eri mieltä", "Rahoitusta"],
    ]


def test_msforms_native_xlsx_types_and_personal_columns(tmp_path):
    path = write_xlsx(tmp_path / "kysely(1-3).xlsx", msforms_rows())
    survey = read_survey(path, key=KEY)
    assert survey.tool == "msforms" and survey.header_rows == 1 and survey.delimiter is None
    q = survey.questions[survey.questions["type"] != "meta"].set_index("question_id")
    assert list(q["type"]) == ["single", "multi", "likert", "open"]
    assert list(q.index) == ["q02", "q03", "q04", "q05"]
    # personal columns (Email, Name) are not questions and never reach answers
    assert not any(col in ("Email", "Name") for cols in q["columns"] for col in cols)
    assert not survey.answers.astype(str).apply(lambda c: c.str.contains("Meikäläinen|matti@")).any().any()
    # the Likert statements form one grid with the Finnish scale low → high and don't-know apart
    assert q.loc["q04", "options"] == LIKERT_FI
    grid = answers_of(survey, "q04")
    expected = pd.DataFrame({
        "item": ["Digitaalinen markkinointi", "Verkkokauppa", "Digitaalinen markkinointi", "Verkkokauppa",
                 "Digitaalinen markkinointi", "Verkkokauppa"],
        "value": ["täysin eri mieltä", "En osaa sanoa", "jokseenkin samaa mieltä", "täysin samaa mieltä",
                  "ei samaa eikä eri mieltä", "jokseenkin eri mieltä"],
        "score": [1.0, np.nan, 4.0, 5.0, 3.0, 2.0],
        "is_dont_know": [False, True, False, False, False, False],
    })
    assert_frame_equal(grid[["item", "value", "score", "is_dont_know"]].astype(object), expected.astype(object))


def test_msforms_with_finnish_headers_keeps_tunnus_as_the_respondent_id(tmp_path):
    # Microsoft localises the metadata headers: a Finnish tenant exports Tunnus, Aloitusaika,
    # Valmistumisaika, Sähköposti, Nimi ("Localisation" in the Microsoft Forms section)
    rows = msforms_rows()
    rows[0] = ["Tunnus", "Aloitusaika", "Valmistumisaika", "Sähköposti", "Nimi"] + rows[0][5:]
    rows.append(list(rows[1]))  # the same submission twice: kept once through its Tunnus
    info = inspect_file(write_xlsx(tmp_path / "kysely.xlsx", rows))
    # issue 12: inspect counts real respondents, a submission exported twice under one response id once
    assert (info["tool"], info["respondents"], info["resubmitted"], info["respondent_id"]) == \
        ("msforms", 3, 1, "Tunnus")
    assert "1 row(s) repeat an earlier row's response id" in info["reading"]
    assert "Tunnus" not in [q["text"] for q in info["questions"]]
    survey = read_survey(tmp_path / "kysely.xlsx", key=KEY)
    assert (survey.report["accepted"], survey.report["duplicates"]) == (3, 1)


def test_msforms_multi_select_split_on_semicolon_with_option_containing_comma(tmp_path):
    survey = read_survey(write_xlsx(tmp_path / "forms.xlsx", msforms_rows()), key=KEY)
    multi = answers_of(survey, "q03")
    assert list(multi["item"]) == ["Vienti", "Verkkokauppa", "Verkkokauppa", "Vienti", "Somemarkkinointi, sisällöt"]
    assert (multi["item"] == multi["value"]).all()


def test_msforms_open_text_is_scrubbed_and_email_identity_pseudonymised(tmp_path):
    survey = read_survey(write_xlsx(tmp_path / "forms.xlsx", msforms_rows()), key=KEY)
    text = answers_of(survey, "q05")["text"].tolist()
    assert text == ["Soita [phone] tai [email]", "Rahoitusta"]
    assert survey.respondents["respondent_id"].iloc[2] == pseudonym("email:matti@example.fi", KEY)
    assert survey.respondents["respondent_id"].str.fullmatch(r"[0-9a-f]{16}").all()
    assert list(survey.questions["role"]) == [""] * len(survey.questions)


def test_googleforms_csv_checkboxes_split_against_options_seen(tmp_path):
    # "Google Forms" section: Timestamp first, checkboxes one cell joined with ", ", split by known options.
    path = tmp_path / "responses.csv"
    path.write_text(
        "Timestamp,Kunta,Mistä aiheista olette kiinnostuneita?,Mitä muuta tarvitsette?\r\n"
        '10/1/2021 9:00:00,Kokkola,"Verkkokauppa, Vienti ja kansainvälistyminen",Apua somemarkkinointiin\r\n'
        '10/1/2021 9:30:00,Kruunupyy,"Vienti ja kansainvälistyminen",\r\n'
        '10/1/2021 10:00:00,Kokkola,"Verkkokauppa",Rahoitusta\r\n'
        '10/2/2021 10:00:00,Kannus,"Verkkokauppa, Vienti ja kansainvälistyminen, Robotiikka kokeiluun",\r\n',
        encoding="utf-8")
    survey = read_survey(path, key=KEY)
    assert survey.tool == "googleforms"
    q = survey.questions.set_index("question_id")
    assert q.loc["q02", "type"] == "multi"
    assert sorted(q.loc["q02", "options"]) == ["Verkkokauppa", "Vienti ja kansainvälistyminen"]
    multi = answers_of(survey, "q02")
    assert list(multi["value"]) == ["Verkkokauppa", "Vienti ja kansainvälistyminen", "Vienti ja kansainvälistyminen",
                                    "Verkkokauppa", "Verkkokauppa", "Vienti ja kansainvälistyminen"]
    # what matches no known option is kept as "other" text of the question
    other = answers_of(survey, "q02_other")
    assert other["text"].tolist() == ["Robotiikka kokeiluun"]
    assert survey.respondents["submitted_at"].iloc[0] == pd.Timestamp("2021-10-01 09:00:00")
    info = inspect_file(path)
    assert info["tool"] == "googleforms" and info["respondents"] == 4 and info["delimiter"] == ","


def test_googleforms_grid_question_row_becomes_one_likert_question(tmp_path):
    # "Google Forms" open question: grids as `Question [Row]`; here with English agree labels.
    path = tmp_path / "grid.csv"
    path.write_text(
        "Timestamp,How do you rate us? [Speed],How do you rate us? [Price],Comments\n"
        "1/5/2024 10:00:00,Agree,Strongly agree,ok\n"
        "1/5/2024 11:00:00,Don't know,Disagree,\n", encoding="utf-8")
    survey = read_survey(path, key=KEY)
    q = survey.questions.iloc[0]
    assert (q["type"], q["text"], q["columns"]) == ("likert", "How do you rate us?",
                                                     ["How do you rate us? [Speed]", "How do you rate us? [Price]"])
    grid = answers_of(survey, q["question_id"])
    expected = pd.DataFrame({"item": pd.array(["Speed", "Price", "Speed", "Price"], dtype="string"),
                             "score": [4.0, 5.0, np.nan, 2.0], "is_dont_know": [False, False, True, False]})
    assert_frame_equal(grid[["item", "score", "is_dont_know"]], expected)


def test_webropol_semicolon_csv_with_finnish_likert_and_colon_headers(tmp_path):
    # "Webropol" section: `;` with UTF-8, headers end in ":" or read `Question:Field label`, Vastausaika day-first,
    # matrix one column per statement holding labels, "En osaa sanoa" kept off the scale.
    path = tmp_path / "Perusraportti.csv"
    path.write_text(
        "Vastausaika;Kunta:;Osaaminen:Digitaalinen markkinointi;Osaaminen:Vienti;Y-tunnus\n"
        "1.2.2022 9:15;Kokkola;täysin samaa mieltä;En osaa sanoa;0112038-9\n"
        "2.2.2022 10:00;Kruunupyy;osittain eri mieltä;ei samaa eikä eri mieltä;\n", encoding="utf-8")
    survey = read_survey(path, key=KEY)
    assert (survey.tool, survey.delimiter) == ("webropol", ";")
    q = survey.questions
    assert q["type"].tolist() == ["single", "likert"]
    assert q["text"].tolist() == ["Kunta", "Osaaminen"]
    grid = answers_of(survey, "q02")
    assert grid[["item", "value"]].values.tolist() == [
        ["Digitaalinen markkinointi", "täysin samaa mieltä"], ["Vienti", "En osaa sanoa"],
        ["Digitaalinen markkinointi", "osittain eri mieltä"], ["Vienti", "ei samaa eikä eri mieltä"]]
    assert grid["score"].tolist()[0] == 5.0 and grid["score"].tolist()[2] == 2.0
    # the business-ID column becomes company_id, never an answer
    assert survey.respondents["company_id"].tolist() == [
        pseudonym("business_id:0112038-9", KEY), survey.respondents["respondent_id"].iloc[1]]
    assert survey.respondents["submitted_at"].tolist() == [pd.Timestamp("2022-02-01 09:15"),
                                                           pd.Timestamp("2022-02-02 10:00")]
    assert not survey.answers.astype(str).apply(lambda c: c.str.contains("0112038")).any().any()


def test_cp1252_semicolon_csv_with_decimal_comma(tmp_path):
    # "Across tools": Finnish Excel CSVs are cp1252 with `;` and decimal commas.
    path = tmp_path / "excel.csv"
    path.write_bytes("Yritys;Liikevaihto milj. €;Toimiala\nA;1,5;Kauppa\nB;12,25;Teollisuus\nC;0,75;Kauppa\n"
                     .encode("cp1252"))
    survey = read_survey(path, key=KEY)
    assert (survey.encoding, survey.delimiter) == ("cp1252", ";")
    assert any("cp1252" in w for w in survey.report["warnings"])
    q = survey.questions.set_index("text")
    assert q.loc["Liikevaihto milj. €", "type"] == "number"
    numbers = answers_of(survey, q.loc["Liikevaihto milj. €", "question_id"])
    assert numbers[["value", "score"]].values.tolist() == [["1,5", 1.5], ["12,25", 12.25], ["0,75", 0.75]]


def test_utf16_with_bom_tab_separated(tmp_path):
    # "Across tools": Excel "Unicode text" saves UTF-16 with a BOM and tabs.
    path = tmp_path / "unicode.txt"
    path.write_bytes("Kunta\tPalaute\nKokkola\tHyvä tilaisuus\nKannus\tLiian lyhyt\n".encode("utf-16"))
    info = inspect_file(path)
    assert (info["encoding"], info["delimiter"], info["respondents"]) == ("utf-16", "\t", 2)


def test_excel_mangled_size_band_is_repaired_and_reported(tmp_path):
    # "Across tools": Excel damage, `6-25` saved as `25-Jun`, `1-5` as `5-Jan`.
    path = tmp_path / "bands.csv"
    path.write_text("Henkilöstö,Kunta\n25-Jun,Kokkola\n5-Jan,Kannus\n26-100,Kokkola\n25-Jun,Kannus\n", encoding="utf-8")
    survey = read_survey(path, key=KEY)
    assert answers_of(survey, "q01")["value"].tolist() == ["6-25", "1-5", "26-100", "6-25"]
    assert survey.questions["options"].iloc[0] == ["1-5", "6-25", "26-100"]
    assert any("Excel" in w for w in survey.report["warnings"])


def test_duplicates_same_answers_within_window_kept_once(tmp_path):
    path = tmp_path / "dups.csv"
    path.write_text("Timestamp,Kunta,Toimiala,Koko,Vienti,Palaute\n"
                    "10/1/2021 9:00:00,Kokkola,Palvelut,1,Ei,Hyvä\n"
                    "10/1/2021 9:00:40,Kokkola,Palvelut,1,Ei,Hyvä\n"          # resubmitted 40 s later: duplicate
                    "10/1/2021 12:00:00,Kokkola,Palvelut,1,Ei,Hyvä\n"         # same answers hours later: new
                    "10/1/2021 12:30:00,,,,,\n", encoding="utf-8")             # no answers: rejected
    survey = read_survey(path, key=KEY)
    report = survey.report
    assert (report["rows_in"], report["accepted"], report["rejected"], report["duplicates"]) == (4, 2, 1, 1)
    assert survey.respondents["source_row"].tolist() == [2, 4]
    assert_frame_equal(survey.rejected, pd.DataFrame({"source_row": pd.array([5], dtype="Int64"),
                                                      "reason": pd.array(["no answer in any question column"],
                                                                         dtype="string")}))


def test_identical_short_answers_minutes_apart_are_different_people(tmp_path):
    # a class answering a two-question form: identical rows seconds apart are not a double submission (a real
    # Google Forms export of 194 students lost 62 of them to that rule)
    path = tmp_path / "class.csv"
    path.write_text("Timestamp,Is a hot dog a sandwich?,Are you an undergraduate?\n"
                    "10/1/2021 9:00:00,No,Yes\n10/1/2021 9:00:05,No,Yes\n10/1/2021 9:00:09,No,Yes\n",
                    encoding="utf-8")
    report = read_survey(path, key=KEY).report
    assert (report["accepted"], report["duplicates"]) == (3, 0)


def test_duplicate_respondent_id_kept_once(tmp_path):
    path = tmp_path / "ids.csv"
    path.write_text("ID,Kunta\n7,Kokkola\n7,Kannus\n8,Kannus\n", encoding="utf-8")
    survey = read_survey(path, key=KEY)
    assert (survey.report["accepted"], survey.report["duplicates"]) == (2, 1)


def test_one_person_answering_for_two_companies_is_not_a_duplicate(tmp_path):
    path = tmp_path / "consultant.csv"
    path.write_text("Email,Y-tunnus,Kunta\nanna@example.com,2197448-8,Kokkola\n"
                    "anna@example.com,0818674-3,Kannus\nanna@example.com,2197448-8,Kokkola\n", encoding="utf-8")
    survey = read_survey(path, key=KEY)
    assert (survey.report["accepted"], survey.report["duplicates"]) == (2, 1)
    assert survey.respondents["company_id"].nunique() == 2


def test_ragged_row_rejected_with_reason(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text("Kunta,Palaute\nKokkola,Hyvä\nKannus,Hyvä,extra\nKruunupyy,Ok\n", encoding="utf-8")
    survey = read_survey(path, key=KEY)
    assert survey.rejected["source_row"].tolist() == [3]
    assert "3 fields where the header has 2" in survey.rejected["reason"].iloc[0]
    report = survey.report
    assert report["rows_in"] == report["accepted"] + report["rejected"] + report["duplicates"] == 3


def test_multiline_cells_and_mixed_line_endings(tmp_path):
    path = tmp_path / "lines.csv"
    path.write_bytes(b'Kunta,Palaute\r\nKokkola,"rivi yksi\nrivi kaksi"\nKannus,Ok\rKruunupyy,Hyv\xc3\xa4\r\n')
    survey = read_survey(path, key=KEY)
    assert survey.respondents["source_row"].tolist() == [2, 3, 4]
    assert "rivi yksi\nrivi kaksi" in survey.answers["text"].dropna().tolist() + \
        survey.answers["value"].dropna().tolist()


def test_spec_overrides_names_types_and_scale(tmp_path):
    path = tmp_path / "generic.csv"
    path.write_text("Kunta,Taso A,Taso B,Aiheet\nKokkola,2,3,a|b\nKannus,1,,b\n", encoding="utf-8")
    spec = {"questions": [
        {"columns": ["Taso A", "Taso B"], "id": "osaaminen", "type": "likert", "text": "Osaaminen",
         "scale": ["heikko", "hyvä", "erinomainen"], "items": {"Taso A": "A", "Taso B": "B"}},
        {"column": "Aiheet", "id": "aiheet", "type": "multi", "separator": "|"},
        {"column": "Kunta", "id": "kunta"}]}
    survey = read_survey(path, key=KEY, spec=spec)
    q = survey.questions.set_index("question_id")
    assert list(q.index) == ["kunta", "osaaminen", "aiheet"]
    assert q.loc["osaaminen", "options"] == ["heikko", "hyvä", "erinomainen"]
    assert answers_of(survey, "osaaminen")[["item", "score"]].values.tolist() == [["A", 2.0], ["B", 3.0], ["A", 1.0]]
    assert answers_of(survey, "aiheet")["value"].tolist() == ["a", "b", "b"]


def test_params_change_duplicate_window(tmp_path):
    path = tmp_path / "dups.csv"
    path.write_text("Timestamp,Kunta\n10/1/2021 9:00:00,Kokkola\n10/1/2021 9:05:00,Kokkola\n", encoding="utf-8")
    assert read_survey(path, key=KEY).report["duplicates"] == 0
    # (one question: only when the rule is told that one answered column is enough)
    params = {"duplicate_window_seconds": 600, "duplicate_min_answered": 1}
    assert read_survey(path, key=KEY, params=params).report["duplicates"] == 1


def test_googleforms_single_row_checkbox_split_when_header_asks_for_several(tmp_path):
    # "Google Forms" section; the header asks which topics, so the pieces of the one answer are its options.
    path = tmp_path / "one.csv"
    path.write_text("Timestamp,Kunta,Mistä aiheista olette kiinnostuneita?,Mitä muuta tarvitsette?\n"
                    '10/1/2021 9:00:00,Kokkola,"Verkkokauppa, Vienti ja kansainvälistyminen",Apua somemarkkinointiin\n',
                    encoding="utf-8")
    survey = read_survey(path, key=KEY)
    assert survey.tool == "googleforms"
    assert answers_of(survey, "q02")["value"].tolist() == ["Verkkokauppa", "Vienti ja kansainvälistyminen"]


def test_qualtrics_legacy_v1_layout(tmp_path):
    # "Qualtrics" legacy format: BOM, row 1 V1…V10 plus codes, row 2 ResponseID, …, a trailing comma.
    path = tmp_path / "legacy.csv"
    path.write_bytes(b"\xef\xbb\xbfV1,V2,V3,V4,V5,V6,V7,V8,V9,V10,Q1,Q2_1,Q2_2,\n"
                     b"ResponseID,ResponseSet,Name,ExternalDataReference,EmailAddress,IPAddress,Status,StartDate,"
                     b"EndDate,Finished,Pick one,Pick many-A,Pick many-B,\n"
                     b"R_1,Default,,,a@b.fi,1.2.3.4,0,2016-01-01 10:00:00,2016-01-01 10:05:00,1,1,1,,\n"
                     b"R_2,Default,,,,1.2.3.5,0,2016-01-01 11:00:00,2016-01-01 11:05:00,1,2,,1,\n")
    info = inspect_file(path)
    assert (info["tool"], info["header_rows"], info["respondents"]) == ("qualtrics", 2, 2)
    assert {c["kind"] for c in info["personal_data_columns"]} == {"name", "external_reference", "email", "ip"}
    multi = next(q for q in info["questions"] if q["id"] == "Q2")
    assert (multi["type"], multi["options"]) == ("multi", ["A", "B"])


def test_surveymonkey_respondent_id_layout_with_multi_and_grid(tmp_path):
    # "SurveyMonkey" section: RespondentID, two header rows, forward-filled question, `Unfamiliar (N/A)`.
    path = tmp_path / "monkey.csv"
    path.write_text("RespondentID,Seen?,Which films?,,Rate the films,\n"
                    ",Response,Episode I,Episode II,Episode I,Episode II\n"
                    "3292879998,Yes,Episode I,,Very favorably,Somewhat favorably\n"
                    "3292879538,No,,,,\n"
                    "3292765271,Yes,Episode I,Episode II,Unfamiliar (N/A),Very favorably\n", encoding="utf-8")
    survey = read_survey(path, key=KEY)
    assert (survey.tool, survey.header_rows) == ("surveymonkey", 2)
    assert survey.questions["type"].tolist() == ["single", "multi", "likert"]
    grid = answers_of(survey, "q03")
    expected = pd.DataFrame({"item": pd.array(["Episode I", "Episode II", "Episode I", "Episode II"], dtype="string"),
                             "score": [5.0, 4.0, np.nan, 5.0], "is_dont_know": [False, False, True, False]})
    assert_frame_equal(grid[["item", "score", "is_dont_know"]], expected)


def test_limesurvey_r_export_full_text_headings(tmp_path):
    # "LimeSurvey" R export CSV: BOM, `,`, full-text headings, `Question [Subquestion]`, Yes / Not selected.
    path = tmp_path / "survey_998192_R_data_file.csv"
    path.write_bytes('\ufeff"Response ID","Date submitted","Last page","Start language","Seed","Kunta",'
                     '"Aiheet [Vienti]","Aiheet [Verkkokauppa]","Aiheet [Other]"\n'
                     '"1","2021-01-01 10:00:00","3","fi","123","Kokkola","Yes","Not selected","robotit"\n'
                     '"2","2021-01-02 10:00:00","3","fi","124","Kannus","Not selected","Yes",""\n'.encode("utf-8"))
    survey = read_survey(path, key=KEY)
    assert survey.tool == "limesurvey"
    q = survey.questions[survey.questions["type"] != "meta"]
    assert q["type"].tolist() == ["single", "multi", "other_text"]
    multi = answers_of(survey, q["question_id"].iloc[1])
    assert multi["value"].tolist() == ["Vienti", "Verkkokauppa"]


def test_read_table_plain_frame_with_unique_names(tmp_path):
    path = tmp_path / "texts.csv"
    path.write_text("id;teksti;teksti\n1;Hyvä;\n2;Ok;lisää\n", encoding="utf-8")
    expected = pd.DataFrame({"id": ["1", "2"], "teksti": ["Hyvä", "Ok"], "teksti.2": [None, "lisää"]}, dtype=object)
    assert_frame_equal(read_table(path), expected)


def test_identical_long_answers_seconds_apart_are_a_duplicate_even_with_new_ids(tmp_path):
    # Microsoft Forms gives a double submission a new Id: six identical answers in the same minute are one
    # (a three-question form answered alike by two people is not: test_ingest_unseen.py)
    header = "Id,Start time,Completion time,Email,Name," + ",".join(f"Kysymys {i}" for i in range(1, 7))
    answers = ",".join(["Kyllä", "Ei", "Kokkola", "Palvelut", "2–5", "Apua myyntiin"])
    path = tmp_path / "double.csv"
    path.write_text(f"{header}\n1,10/1/2021 9:00,10/1/2021 9:05,anonymous,,{answers}\n"
                    f"2,10/1/2021 9:00,10/1/2021 9:05,anonymous,,{answers}\n", encoding="utf-8")
    report = read_survey(path, key=KEY).report
    assert (report["accepted"], report["duplicates"]) == (1, 1)


def test_record_of_empty_fields_is_counted_and_rejected_but_an_empty_line_is_no_record(tmp_path):
    path = tmp_path / "empties.csv"
    path.write_text("Timestamp,Kunta,Palaute\n10/1/2021 9:00:00,Kokkola,Hyvä\n,,\n\n"
                    "10/2/2021 9:00:00,Kannus,Ok\n", encoding="utf-8")
    survey = read_survey(path, key=KEY)
    report = survey.report
    assert (report["rows_in"], report["accepted"], report["rejected"], report["duplicates"]) == (3, 2, 1, 0)
    assert survey.rejected["source_row"].tolist() == [3]
