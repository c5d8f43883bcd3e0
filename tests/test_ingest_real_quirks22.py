"""Quirks of real exports found on round 21 of unseen files (issue 12): one test per quirk, each on a few inline
rows built the way files of that kind look (not copies of the files)."""
from __future__ import annotations

from pipeline.ingest import inspect_file, read_survey

from conftest import csv_text, questions_by_text, write_csv

_APP_IDS = ["94513", "92828", "11172", "16944", "48429", "96931", "91912", "62383", "26654", "83863", "42315",
            "70114"]
_SCREEN = ["94513", "11172", "94513", "48429", "11172", "94513", "48429", "11172", "94513", "48429", "11172",
           "94513"]


def test_typed_own_id_of_five_digits_is_personal_data(tmp_path):
    """A question asking the respondent to type their own id ("Please enter your ID. You find the 5-digit number at
    the top right corner of VoteApp.", round 21, a Qualtrics study) holds one code per person: 5-digit numbers are too
    short for an id by their values alone, so the question's wording decides, and the answers are left out as
    personal data instead of reaching the outputs as open answers. The same codes under a question that does not ask
    for the respondent's id stay answers, as does a question about "your ideas"."""
    header = ["Response ID", "Please enter your ID. You find the 5-digit number at the top right corner of the app.",
              "Which number did the app show you?", "Your ideas for the app", "How satisfied are you?"]
    rows = [[f"R_{i:04d}", code, shown, "More colours" if i % 2 else "Faster start", str(i % 5 + 1)]
            for i, (code, shown) in enumerate(zip(_APP_IDS, _SCREEN))]
    path = write_csv(tmp_path / "ids.csv", csv_text(header, rows))
    found = inspect_file(path)
    personal = {p["column"]: p["kind"] for p in found["personal_data_columns"]}
    assert personal.get(header[1]) == "identifier"
    assert header[2] not in personal and header[3] not in personal
    questions = questions_by_text(found)
    assert header[1] not in questions and header[2] in questions and header[3] in questions
    survey = read_survey(path, key=b"k22")
    shown = survey.answers.astype(str).to_csv()
    assert "70114" not in shown and "42315" not in shown      # ids typed once, never shown on the screen
    assert "94513" in shown                                     # the screen's numbers are still answers


def _monkey(tmp_path) -> str:
    top = ["RespondentID", "CollectorID", "StartDate", "EndDate", "Are your programs evidence-based?", "",
           "Which languages do you serve in? (Check all that apply)", "", "What is your core competency?"]
    sub = ["", "", "", "", "No", "Yes<br />Please elaborate on the models / practices.", "English", "Spanish",
           "Open-Ended Response"]
    texts = ["We use CDC approved interventions", "", "Motivational interviewing and stages of change", "",
             "Housing First model", ""]
    rows = [[str(5343553482 - 977 * i), "96864758", f"04/2{i}/2017 16:36:07", f"04/2{i}/2017 16:56:16",
             "" if text else "No", text, "English", "Spanish" if i % 2 else "", f"case management {i}"]
            for i, text in enumerate(texts)]
    return write_csv(tmp_path / "monkey.csv", csv_text(top, [sub] + rows))


def test_monkey_comment_field_on_an_option_is_the_other_text(tmp_path):
    """SurveyMonkey puts a comment field on an option ("Yes<br />Please elaborate on the models / practices.", round
    21, a legacy two-row SurveyMonkey export): that column holds what was typed there, never its label, so it is the
    question's "other" text (as "Other (please specify)" is), not a second option read as an open question. A plain
    option column ("Spanish") stays an option of its multi-select."""
    path = _monkey(tmp_path)
    found = inspect_file(path)
    assert found["tool"] == "surveymonkey" and found["respondents"] == 6
    types = {}
    for q in found["questions"]:
        types.setdefault(q["text"], set()).add(q["type"])
    assert types["Are your programs evidence-based?"] == {"single", "other_text"}
    assert types["Which languages do you serve in? (Check all that apply)"] == {"multi"}
    assert not any("Please elaborate" in q["text"] for q in found["questions"])
