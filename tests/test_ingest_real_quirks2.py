"""Quirks of real exports found on a third round of unseen files (issue 12): one test per quirk, each on a few
inline rows built the way files of that kind look (not copies of the files)."""
from __future__ import annotations

import openpyxl
import pandas as pd

from pipeline.ingest import inspect_file, read_survey
from pipeline.ingest.qtypes import parse_datetimes
from pipeline.privacy import personal_data_kind

from conftest import write_csv

KEY = b"k"


def _outputs(survey) -> str:
    """Every cell of the answers, respondents and questions tables as one text, to look for leaked values."""
    return "\n".join(frame.astype(str).to_csv() for frame in (survey.answers, survey.respondents, survey.questions))


def test_kobotoolbox_repeat_group_sheet_with_more_rows_is_not_read_as_the_responses(tmp_path):
    # KoboToolbox xlsx download of a form with a repeat group: the submissions on the first sheet, one row per
    # repeat (a catch, a household member) on a sheet of their own that links back by _parent_index and
    # _submission__uuid, and may hold more rows and cells than the submissions' sheet
    book = openpyxl.Workbook()
    main = book.active
    main.title = "Fisheries form"
    main.append(["start", "end", "deviceid", "1.2. Landing site", "1.3. Any fishing today?", "_id", "_uuid",
                 "_submission_time", "_validation_status", "_status", "_submitted_by", "__version__", "_index"])
    for i in range(1, 4):
        main.append([f"2023-04-2{i} 08:00:00", f"2023-04-2{i} 08:20:00", f"collect:abcDEF12345{i}",
                     ["Oistins", "Holetown", "Oistins"][i - 1], "Yes", 234229820 + i,
                     f"e76cf5c7-76a4-47d4-b64d-c0000000000{i}", f"2023-04-2{i} 09:00:00", "", "submitted_via_web",
                     "", "vX", i])
    child = book.create_sheet("grp_catch_landings")
    child.append(["2.3.1. Species caught", "2.3.2. Time of day", "2.3.6. Weight landed", "2.3.7. Price",
                  "_index", "_parent_table_name", "_parent_index", "_submission__id", "_submission__uuid",
                  "_submission__submission_time", "_submission__status"])
    for i in range(1, 13):
        parent = (i - 1) // 4 + 1
        child.append([["Angelfish, Blue", "Dolphin", "Flyingfish"][i % 3], "Day", 50 + i, 10 + i, i,
                      "Fisheries form", parent, 234229820 + parent, f"e76cf5c7-76a4-47d4-b64d-c0000000000{parent}",
                      f"2023-04-2{parent} 09:00:00", "submitted_via_web"])
    book.save(tmp_path / "kobo.xlsx")
    found = inspect_file(tmp_path / "kobo.xlsx")
    assert found["sheet"] == "Fisheries form"
    assert "not a repeat group's sheet" in found["sheet_reason"] and "'grp_catch_landings'" in found["sheet_reason"]
    assert found["tool"] == "kobotoolbox"
    assert found["respondents"] == 3
    # a workbook holding only the repeat group's sheet is still read (nothing better to read)
    book.remove(main)
    book.save(tmp_path / "child_only.xlsx")
    assert inspect_file(tmp_path / "child_only.xlsx")["respondents"] == 12


def test_javascript_date_strings_are_read(tmp_path):
    # Google Forms responses copied out by Apps Script: JavaScript's Date.toString() in the Timestamp column
    values = pd.Series(["Mon Sep 08 2025 13:58:23 GMT-0500 (Central Daylight Time)",
                        "Thu Nov 20 2025 00:00:00 GMT-0600 (Central Standard Time)", "Sat Sep 13 2025 00:10:57 GMT",
                        "Monday blues", ""], dtype=object)
    got, _ = parse_datetimes(values)
    assert got.tolist()[:3] == [pd.Timestamp("2025-09-08 13:58:23"), pd.Timestamp("2025-11-20 00:00:00"),
                                pd.Timestamp("2025-09-13 00:10:57")]
    assert got.iloc[3:].isna().all()
    path = write_csv(tmp_path / "Form Responses 1.csv",
                     '"Timestamp","Age Range","Which host have you known the longest?"\n'
                     '"Mon Sep 08 2025 13:58:23 GMT-0500 (Central Daylight Time)","30-34","Michael"\n'
                     '"Tue Sep 09 2025 06:46:18 GMT-0500 (Central Daylight Time)","25-29","Jacob"\n'
                     '"Wed Oct 15 2025 09:24:27 GMT-0500 (Central Daylight Time)","30-34","Equal"\n')
    survey = read_survey(path, key=KEY)
    assert survey.respondents["submitted_at"].tolist() == [
        pd.Timestamp("2025-09-08 13:58:23"), pd.Timestamp("2025-09-09 06:46:18"), pd.Timestamp("2025-10-15 09:24:27")]


def test_screen_name_and_uid_columns_are_personal_and_rows_holding_only_them_are_empty(tmp_path):
    # a form owner's sheet: answers, then a handle and a check-in code per guest, with spare handle/code pairs
    # prepared below the answers (rows with nothing else): those rows are no respondents, and no handle or code
    # reaches the outputs
    path = write_csv(tmp_path / "Form Responses 1.csv",
                     "Timestamp,Age Range,Music Preference,Screen Name,UID,Checked-In\n"
                     "9/8/2025 13:58:23,30-34,Pop,HollowJack_127,HJ_127,\n"
                     "9/8/2025 14:48:03,25-29,Rock,CryptMuse_903,CM_903,\n"
                     "9/9/2025 06:46:18,30-34,Pop,SableGhost_770,SG_770,\n"
                     ",,,GraveIris_291,GI_291,\n"
                     ",,,SpiritThorn_518,ST_518,\n")
    found = inspect_file(path)
    assert found["respondents"] == 3
    assert {(p["column"], p["kind"]) for p in found["personal_data_columns"]} >= {("Screen Name", "name"),
                                                                                    ("UID", "user_id")}
    text = _outputs(read_survey(path, key=KEY))
    assert not any(v in text for v in ("HollowJack_127", "HJ_127", "CM_903", "GraveIris_291"))


def test_numbered_question_asking_for_a_name_is_a_name_column():
    # KoboToolbox label headers carry the form's numbering; the question asks for the collector's name
    for header in ("1.4. What is your name?", "What is your name?", "Q3) Your name", "Name of data collector?",
                   "Screen Name", "2.1 Email"):
        assert personal_data_kind(header) in ("name", "email"), header
    for header in ("1. How old are you?", "Name one song you want to hear at the party.",
                   "Which host have you known the longest?", "3.5 How many names do you know?"):
        assert personal_data_kind(header) is None, header


def test_distinct_guid_in_embedded_data_after_the_questions_is_personal(tmp_path):
    # Qualtrics: embedded data fields set by the link (a token GUID per participant) come after the questions
    # and read as metadata; all different and long, they identify the respondent and must not reach the answers
    header = ("StartDate,EndDate,Status,Progress,Duration (in seconds),Finished,RecordedDate,ResponseId,"
              "DistributionChannel,UserLanguage,Q1,tokenGuid,amount\n"
              "Start Date,End Date,Response Type,Progress,Duration (in seconds),Finished,Recorded Date,Response ID,"
              "Distribution Channel,User Language,How satisfied are you?,tokenGuid,amount\n"
              '"{""ImportId"":""startDate""}","{""ImportId"":""endDate""}","{""ImportId"":""status""}",'
              '"{""ImportId"":""progress""}","{""ImportId"":""duration""}","{""ImportId"":""finished""}",'
              '"{""ImportId"":""recordedDate""}","{""ImportId"":""_recordId""}","{""ImportId"":""distributionChannel""}",'
              '"{""ImportId"":""userLanguage""}","{""ImportId"":""QID1""}","{""ImportId"":""tokenGuid""}",'
              '"{""ImportId"":""amount""}"\n')
    guids = ["38a5beacbead481d939712d87d46b2ea", "27d7dc6fa5614a389244b7331e5784d9",
             "d63d421c7112467cb3235123b1377151", "04d560c5cb484019a765146185986047"]
    rows = "".join(f"2021-07-23 09:0{i}:00,2021-07-23 09:4{i}:00,0,100,{600 + i},1,2021-07-23 09:4{i}:01,"
                   f"R_abcdefghijklm{i}N,gl,EN,{i % 3 + 1},{g},5\n" for i, g in enumerate(guids))
    path = write_csv(tmp_path / "qualtrics.csv", header + rows)
    found = inspect_file(path)
    assert ("tokenGuid", "identifier") in {(p["column"], p["kind"]) for p in found["personal_data_columns"]}
    assert found["respondents"] == 4
    text = _outputs(read_survey(path, key=KEY))
    assert not any(g in text for g in guids)
    # a metadata column that repeats (a version, a channel, an amount) stays metadata
    assert "amount" not in {p["column"] for p in found["personal_data_columns"]}



def test_names_of_the_name_column_are_taken_out_of_the_same_files_answers(tmp_path):
    # respondents sign their comments with the name the form asked for, also names no name list knows; a
    # placeholder most rows share ("anonymous") is no name, and a lower-case "white paper" stays for a "White"
    path = write_csv(tmp_path / "feedback.csv", (
        "Timestamp,Your name,How satisfied were you?,Comments\n"
        "2024-03-01 10:00:00,Xiuying Zhao,5,Great workshop. Regards Xiuying Zhao\n"
        "2024-03-01 10:05:00,Olumide Adeyemi,3,Too fast. Contact Olumide or ZHAO\n"
        "2024-03-01 10:07:00,anonymous,4,An anonymous white paper would help\n"
        "2024-03-01 10:09:00,anonymous,4,Hyvä! t. brännkärr\n"
        "2024-03-01 10:11:00,brännkärr,2,\"Liian lyhyt, Brännkärr\"\n"
        "2024-03-01 10:13:00,anonymous,4,Mr White was great\n"
        "2024-03-01 10:15:00,Walter White,4,ok\n"))
    survey = read_survey(path, key=KEY)
    texts = survey.answers["text"].dropna().tolist()
    assert texts == ["Great workshop. Regards [name]", "Too fast. Contact [name] or [name]",
                     "An anonymous white paper would help", "Hyvä! t. [name]", "Liian lyhyt, [name]",
                     "Mr [name] was great", "ok"]
    assert "Your name" in [p["column"] for p in survey.report["personal_data"]]


def test_a_coded_column_of_spanish_given_names_some_in_lower_case_is_a_name_column(tmp_path):
    # a LimeSurvey codes-only export of a household survey: the respondent's given name under the code P3S1,
    # typed as the interviewer heard it ("paula"); no header says name, and no fi/sv/en list knows the names
    path = write_csv(tmp_path / "results-survey.csv", (
        '"id","submitdate","lastpage","startlanguage","P3S0","P3S1","P3S2","P3S3"\n'
        '"1","2021-05-01 10:00:00","2","es","Sí","Liliana","Mujer","67"\n'
        '"2","2021-05-01 10:10:00","2","es","Sí","paula","Mujer","24"\n'
        '"3","2021-05-01 10:20:00","2","es","Sí","Graciela","Mujer","53"\n'
        '"4","2021-05-01 10:30:00","2","es","No","Joaquín","Varón","31"\n'
        '"5","2021-05-01 10:40:00","2","es","Sí","María José","Mujer","45"\n'))
    found = inspect_file(path)
    assert {"column": "P3S1", "kind": "name"} in found["personal_data_columns"]
    survey = read_survey(path, key=KEY)
    leaked = _outputs(survey)
    assert not any(name in leaked for name in ("Liliana", "paula", "Graciela", "Joaquín", "María José"))
    assert "Mujer" in leaked


def test_a_google_forms_linear_scale_without_a_scale_word_is_a_rating_and_a_count_stays_a_number(tmp_path):
    # a linear scale exports bare numbers and its header need not say "rate" or "scale"; a number question is
    # answered beyond 5/7/10 or asks for a count
    path = write_csv(tmp_path / "Form Responses 1.csv", (
        "Timestamp,\"If yes, how well do you know them?\",Which best describes your stance?,"
        "How many siblings do you have?,Age\n"
        "9/8/2025 13:58:23,1,2,0,23\n"
        "9/8/2025 14:01:10,3,5,2,31\n"
        "9/8/2025 14:05:42,5,1,5,45\n"
        "9/8/2025 14:09:03,4,3,1,38\n"))
    types = {q["text"]: q["type"] for q in inspect_file(path)["questions"]}
    assert types == {"If yes, how well do you know them?": "likert", "Which best describes your stance?": "likert",
                     "How many siblings do you have?": "number", "Age": "number"}


def test_a_date_of_birth_is_personal_data(tmp_path):
    path = write_csv(tmp_path / "Form Responses 1.csv", (
        "Timestamp,Birthday (MM/DD),Syntymäaika,Favourite colour\n"
        "9/8/2025 13:58:23,04/17,17.4.1990,Blue\n"
        "9/8/2025 14:01:10,11/02,2.11.1985,Red\n"))
    found = inspect_file(path)
    assert [(p["column"], p["kind"]) for p in found["personal_data_columns"]] == \
        [("Birthday (MM/DD)", "birth_date"), ("Syntymäaika", "birth_date")]
    leaked = _outputs(read_survey(path, key=KEY))
    assert "04/17" not in leaked and "1990" not in leaked and "Blue" in leaked
