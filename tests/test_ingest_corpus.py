"""The corpus of real public exports (tests/data/exports/corpus, sources and licences in its SOURCES.md): per
file, the tool and the number of real respondents ``inspect_file`` gives (decided by reading the file, see
SOURCES.md), the row accounting, and that no personal-data value reaches the answers of ``read_survey``."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest import inspect_file, read_survey

DATA = Path(__file__).parent / "data" / "exports" / "corpus"
KEY = b"k"
# file: (tool, rows_in, respondents, excluded)
EXPECTED = {
    "qualtrics_QualtricsTools_better_sample_insights2016.csv": ("qualtrics", 10, 10, 0),
    "qualtrics_QualtricsTools_survey_logic_legacy.csv": ("qualtrics", 10, 10, 0),
    "qualtrics_QualtricsTools_coded_comments_insights2016.csv": ("qualtrics", 10, 10, 0),
    "qualtrics_qualtRics_sample_de.csv": ("qualtrics", 1, 1, 0),
    "qualtrics_qualtRics_sample_legacy_de.csv": ("qualtrics", 1, 1, 0),
    "googleforms_DS4002_fa22_hotdog.xlsx": ("googleforms", 194, 194, 0),
    "googleforms_DS4002_fa25_hotdog.xlsx": ("googleforms", 207, 207, 0),
    "googleforms_DS4002_sp24_hotdog_resaved.csv": ("googleforms", 91, 91, 0),
    "googleforms_DS4002_sp25_hotdog_sheet.csv": ("googleforms", 64, 64, 0),
    "msforms_DS4002_fa24_hotdog.csv": ("msforms", 187, 187, 0),
    "typeform_fcc_2016_new_coders_part1_first80.csv": ("typeform", 80, 80, 0),
    "kobotoolbox_kobocruncher_sample_dataset.xlsx": ("kobotoolbox", 5, 5, 0),
    "wenjuanxing_reportgen_by_text_first150.xlsx": ("wenjuanxing", 150, 150, 0),
    "wenjuanxing_reportgen_by_code_first150.xlsx": ("wenjuanxing", 150, 150, 0),
    # the old binary .xls itself, whole: 800 submissions
    "wenjuanxing_reportgen_by_text.xls": ("wenjuanxing", 800, 800, 0),
    # SurveyMonkey downloads published by FiveThirtyEight (first 150 respondents each)
    "surveymonkey_538_star_wars_first150.csv": ("surveymonkey", 150, 150, 0),
    "surveymonkey_538_region_midwest_first150.csv": ("surveymonkey", 150, 150, 0),
    "surveymonkey_538_flying_etiquette_first150.csv": ("surveymonkey", 150, 150, 0),
    # LimeSurvey full-text export: 120 records, 24 of them holding only N/A (nothing answered)
    "limesurvey_hargup_app_developer_2014_first120.csv": ("limesurvey", 120, 96, 0),
}
# values in the files that identify a place, a network or a response and must never reach an answer
PERSONAL = {"42.401901245117", "-71.119300842285", "130.92.34.66", "47.115097045898", "7.2315979003906",
            "R_2YPOQ602ER1jkf1", "5f57f20d14", "8219d7dfee", "d42ee53b00", "995106cd710ec2af0e371cbe5e1f68fb",
            # KoboToolbox submission uuids and ids
            "48cc75b7-3d86-4c3e-a99b-24b4032b7b9c", "e831612e-e6c5-40fc-8184-b81effb00bdb", "20759478",
            # SurveyMonkey respondent numbers (first and last kept row of each file)
            "3292879998", "3291312980", "3126807211", "3125223598", "3436139758", "3433289256",
            # LimeSurvey referrer URLs (one carries a mailing campaign's tracking code)
            "https://survey.hasgeek.com/survey/index?sid=842153&lang=en", "https://survey.hasgeek.com/842153"}
# spot-checked question types, decided by reading the file: (file, header of the question's first column, type)
TYPES = [
    ("googleforms_DS4002_fa22_hotdog.xlsx", "Is a hot dog a sandwich?", "single"),
    ("googleforms_DS4002_sp24_hotdog_resaved.csv", "What is the rationale behind your opinion?", "open"),
    ("googleforms_DS4002_sp24_hotdog_resaved.csv",
     "If you are an undergraduate, what is your current academic year?", "single"),
    # free text with commas ("Virginia, USA", "virginia", "VA") is not a multi-select
    ("googleforms_DS4002_sp25_hotdog_sheet.csv", "What state or country were you born in?", "open"),
    ("googleforms_DS4002_sp25_hotdog_sheet.csv", "Gender: How do you identify?", "single"),
    # three different self-descriptions among 64 respondents, under "please, share your identity below": open
    ("googleforms_DS4002_sp25_hotdog_sheet.csv",
     "You preferred to self-describe for gender; please, share your identity below", "open"),
    ("msforms_DS4002_fa24_hotdog.csv", "Is a hotdog a sandwich", "single"),
    ("msforms_DS4002_fa24_hotdog.csv", "What is your major?", "open"),
    # Typeform: a yes/no question answered 1/0 is a choice; options exported one column per option, named by
    # the option alone, are one multi-select; the "Other" column after them is its other-text
    ("typeform_fcc_2016_new_coders_part1_first80.csv", "Are you already working as a software developer?", "single"),
    ("typeform_fcc_2016_new_coders_part1_first80.csv", "coffee-and-codes", "multi"),
    ("typeform_fcc_2016_new_coders_part1_first80.csv", "EdX", "multi"),
    ("typeform_fcc_2016_new_coders_part1_first80.csv", "Code Newbie", "multi"),
    ("typeform_fcc_2016_new_coders_part1_first80.csv", "Which one of these roles are you most interested in?", "single"),
    ("typeform_fcc_2016_new_coders_part1_first80.csv", "About how many hours do you spend learning each week?",
     "number"),
    ("qualtrics_qualtRics_sample_de.csv", "Q1", "single"),
    ("qualtrics_qualtRics_sample_de.csv", "Q2", "open"),
    # KoboToolbox with "." as group separator: a select_one named "location" (places, not coordinates), a
    # select_multiple whose whole answer ("accomodation employment") is followed by one 0/1 column per option,
    # an integer question
    ("kobotoolbox_kobocruncher_sample_dataset.xlsx", "location", "single"),
    ("kobotoolbox_kobocruncher_sample_dataset.xlsx", "profile.country", "single"),
    ("kobotoolbox_kobocruncher_sample_dataset.xlsx", "profile.reason.accomodation", "multi"),
    ("kobotoolbox_kobocruncher_sample_dataset.xlsx", "profile.HHSize", "number"),
    # 问卷星 by text: options as labels, a multi-select's choices joined by "┋" in one cell
    ("wenjuanxing_reportgen_by_text_first150.xlsx", "1、手机部数", "single"),
    ("wenjuanxing_reportgen_by_text_first150.xlsx", "3、性别", "single"),
    ("wenjuanxing_reportgen_by_text_first150.xlsx", "6、兴趣爱好", "multi"),
    ("wenjuanxing_reportgen_by_text_first150.xlsx", "7、爱好投入占收入比重", "single"),
    ("wenjuanxing_reportgen_by_text_first150.xlsx", "8、关注资讯", "multi"),
    # 问卷星 by option code: single choices as codes 1…n, a multi-select as one 0/1 column per option
    ("wenjuanxing_reportgen_by_code_first150.xlsx", "2、手机价格", "single"),
    ("wenjuanxing_reportgen_by_code_first150.xlsx", "3、性别", "single"),
    ("wenjuanxing_reportgen_by_code_first150.xlsx", "第6题(运动)", "multi"),
    ("wenjuanxing_reportgen_by_code_first150.xlsx", "第8题(不关注)", "multi"),
    # 问卷星's classic .xls download, read as BIFF (header cells keep the tool's trailing space)
    ("wenjuanxing_reportgen_by_text.xls", "2、手机价格", "single"),
    ("wenjuanxing_reportgen_by_text.xls", "5、月收入", "single"),
    ("wenjuanxing_reportgen_by_text.xls", "6、兴趣爱好", "multi"),
    ("wenjuanxing_reportgen_by_text.xls", "8、关注资讯", "multi"),
    # SurveyMonkey two-row download: a question of one column is headed "<question> - Response"
    ("surveymonkey_538_star_wars_first150.csv",
     "Have you seen any of the 6 films in the Star Wars franchise? - Response", "single"),
    ("surveymonkey_538_star_wars_first150.csv", "Which of the following Star Wars films have you seen? Please "
     "select all that apply. - Star Wars: Episode I The Phantom Menace", "multi"),
    ("surveymonkey_538_star_wars_first150.csv", "Please state whether you view the following characters "
     "favorably, unfavorably, or are unfamiliar with him/her. - Han Solo", "likert"),
    ("surveymonkey_538_star_wars_first150.csv", "Which character shot first? - Response", "single"),
    # the "expanded" download: a single choice one column per option, each holding its label when chosen
    ("surveymonkey_538_region_midwest_first150.csv",
     "How much, if at all, do you personally identify as a Midwesterner? - A lot", "single"),
    ("surveymonkey_538_region_midwest_first150.csv", "Which of the following states do you consider part of "
     "the Midwest? Please select all that apply. - Illinois", "multi"),
    ("surveymonkey_538_region_midwest_first150.csv", "Gender - Male", "single"),
    ("surveymonkey_538_region_midwest_first150.csv", "Age - < 18", "single"),
    # one header row keyed by RespondentID; two long option labels chosen by many are a single choice
    ("surveymonkey_538_flying_etiquette_first150.csv", "How often do you travel by plane?", "single"),
    ("surveymonkey_538_flying_etiquette_first150.csv", "Under normal circumstances, does a person who reclines "
     "their seat during a flight have any obligation to the person sitting behind them?", "single"),
    ("surveymonkey_538_flying_etiquette_first150.csv", "How tall are you?", "single"),
    # LimeSurvey full text: Yes/No/N/A option columns of a multiple choice, an "at which" one included
    ("limesurvey_hargup_app_developer_2014_first120.csv", "Which area of expertise best describes your "
     "personal work currently? [Mobile app development]", "multi"),
    ("limesurvey_hargup_app_developer_2014_first120.csv", "Roughly, at which stages are your enterprise's own "
     "mobile app products? [Concept / Market Research]", "multi"),
    ("limesurvey_hargup_app_developer_2014_first120.csv",
     "How many working years of experience do you have in your area of work?", "single"),
    ("limesurvey_hargup_app_developer_2014_first120.csv", "Whenever you enter into a contract agreement with a "
     "client, how often does your agreement contain the following clauses? [Work-for-hire agreement]", "likert"),
]


def test_every_corpus_file_is_listed_and_small():
    files = {p.name for p in DATA.iterdir() if p.name != "SOURCES.md"}
    assert files == set(EXPECTED)
    assert all((DATA / name).stat().st_size < 200_000 for name in files)
    sources = (DATA / "SOURCES.md").read_text(encoding="utf-8")
    assert all(name in sources for name in files)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_inspect_gives_the_tool_and_the_real_respondents(name):
    info = inspect_file(DATA / name)
    assert (info["tool"], info["rows_in"], info["respondents"], info["excluded"]) == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_rows_are_accounted_for_and_no_personal_value_reaches_the_answers(name):
    survey = read_survey(DATA / name, key=KEY)
    report = survey.report
    assert report["rows_in"] == report["accepted"] + report["rejected"] + report["duplicates"] + report["excluded"]
    assert len(survey.respondents) == report["accepted"]
    # what a run counts is what inspect says: the real respondents (no real submission taken for a duplicate)
    assert report["accepted"] == EXPECTED[name][2]
    cells = set(survey.answers[["value", "text"]].astype(str).to_numpy().ravel())
    assert not cells & PERSONAL
    assert not any(isinstance(c, str) and c.startswith("R_") and len(c) == 17 for c in cells)   # response ids


@pytest.mark.parametrize("name,header,kind", TYPES)
def test_spot_checked_question_types(name, header, kind):
    questions = inspect_file(DATA / name)["questions"]
    found = [q for q in questions if q["columns"] and q["columns"][0] == header]
    assert found, f"no question starts at column {header!r}"
    assert found[0]["type"] == kind


def test_typeform_option_columns_are_one_question_with_its_other_text():
    questions = inspect_file(DATA / "typeform_fcc_2016_new_coders_part1_first80.csv")["questions"]
    events = next(q for q in questions if q["columns"][0] == "coffee-and-codes")
    assert events["options"][:3] == ["coffee-and-codes", "hackathons", "conferences"]
    assert len(events["columns"]) == 9                      # the never-ticked "None" stays an option
    after = questions[questions.index(events) + 1]
    assert after["type"] == "other_text" and after["columns"] == ["Other"]


def test_personal_columns_of_the_corpus_are_named():
    msforms = inspect_file(DATA / "msforms_DS4002_fa24_hotdog.csv")
    assert {c["column"] for c in msforms["personal_data_columns"]} >= {"Email", "Name"}
    typeform = inspect_file(DATA / "typeform_fcc_2016_new_coders_part1_first80.csv")
    assert "Network ID" in {c["column"] for c in typeform["personal_data_columns"]}


def test_generated_test_responses_are_kept_with_a_warning():
    # every row has Status 2 (Survey Test): the whole file is a test run, so its rows stay respondents
    survey = read_survey(DATA / "qualtrics_QualtricsTools_survey_logic_legacy.csv", key=KEY)
    assert any("every answered row is marked as a test" in w for w in survey.report["warnings"])


def test_kobotoolbox_option_columns_are_one_multi_select_with_every_option():
    questions = inspect_file(DATA / "kobotoolbox_kobocruncher_sample_dataset.xlsx")["questions"]
    reason = next(q for q in questions if q["columns"][0] == "profile.reason.accomodation")
    assert reason["options"] == ["accomodation", "employment", "education", "community", "safety", "movement",
                                 "reunification", "no_answer", "other"]
    # the whole-answer column repeats the option columns: no question of its own
    assert not [q for q in questions if q["columns"] == ["profile.reason"]]


def test_wenjuanxing_layouts_name_the_same_options_and_drop_the_ip_and_referrer_columns():
    by_text = inspect_file(DATA / "wenjuanxing_reportgen_by_text_first150.xlsx")
    by_code = inspect_file(DATA / "wenjuanxing_reportgen_by_code_first150.xlsx")
    text_hobbies = next(q for q in by_text["questions"] if q["columns"][0] == "6、兴趣爱好")
    code_hobbies = next(q for q in by_code["questions"] if q["columns"][0] == "第6题(运动)")
    assert code_hobbies["text"] == "第6题"                    # the by-code download keeps no question text
    assert set(text_hobbies["options"]) <= set(code_hobbies["options"])
    for info in (by_text, by_code):
        assert (info["respondent_id"], info["submitted_at"]) == ("序号", "提交答卷时间")
        assert {c["column"] for c in info["personal_data_columns"]} >= {"来自IP", "来源详情"}


def test_surveymonkey_option_columns_named_by_places_stay_options_of_the_corpus_multi():
    # "North Dakota" and "West Virginia" are states to tick, not people: all 20 options stay
    info = inspect_file(DATA / "surveymonkey_538_region_midwest_first150.csv")
    states = next(q for q in info["questions"] if q["type"] == "multi")
    assert len(states["columns"]) == 20 and {"North Dakota", "West Virginia"} <= set(states["options"])
    assert info["personal_data_columns"] == []


def test_limesurvey_referrer_is_dropped_and_na_only_records_are_rejected():
    survey = read_survey(DATA / "limesurvey_hargup_app_developer_2014_first120.csv", key=KEY)
    assert (survey.report["rows_in"], survey.report["accepted"], survey.report["rejected"]) == (120, 96, 24)
    info = inspect_file(DATA / "limesurvey_hargup_app_developer_2014_first120.csv")
    assert {c["column"] for c in info["personal_data_columns"]} == {"Referrer URL"}
