"""Quirks of real exports found on round 9 of unseen files (issue 12): one test per rule, each on a few inline rows
built the way files of that layout look (synthetic values, not copies of the files)."""
from __future__ import annotations

from pipeline.ingest import inspect_file, read_survey

from conftest import questions_by_text, write_csv

KEY = b"round-nine-test-key"


def _alchemer_rows() -> str:
    header = ["Response ID", "Time Started", "Date Submitted", "Status", "Contact ID", "Legacy Comments", "Comments",
              "Language", "Referer", "Extended Referer", "SessionID", "User Agent", "Extended User Agent", "Tags",
              "Country", "How does the product make you feel?", "What could we improve?"]
    lines = [",".join(f'"{h}"' for h in header)]
    for i in range(6):
        agent = f"Mozilla/5.0 (iPhone; CPU iPhone OS 11_{i} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
        row = [str(3881000 + i), f"May 1, 2018 5:1{i}:19 AM", f"May 1, 2018 5:1{i}:57 AM", "Complete", "", "", "",
               "English", "", f"https://example.org/page?utm_source=mail&uid=a{i}b7", f"1525177039_5ae8{i}acf07.35",
               agent[:60], agent, "", "Finland", "Happy" if i % 2 else "Sad",
               ["Faster start-up, please", "", "The tabs vanish when I switch apps", "Dark mode for the menus",
                "", "Let me choose where bookmarks go"][i]]
        lines.append(",".join(f'"{c}"' for c in row))
    return "\n".join(lines) + "\n"


def test_alchemer_metadata_columns_are_no_questions(tmp_path):
    """Alchemer / SurveyGizmo raw-data export (mozilla-it/fx-sentiment-analysis old/export-InApp-053118.xlsx, read
    only): ``Response ID, Time Started, Date Submitted, Status, Contact ID …, Extended Referer, SessionID, User
    Agent, Extended User Agent`` first. The tool is recognised, its id and submission time are used, the session,
    referrer and user-agent columns are personal data and the rest of its metadata is no question."""
    path = write_csv(tmp_path / "export-20180501.csv", _alchemer_rows())
    found = inspect_file(path)
    assert found["tool"] == "alchemer"
    assert (found["respondent_id"], found["submitted_at"]) == ("Response ID", "Date Submitted")
    dropped = {c["column"] for c in found["personal_data_columns"]}
    assert {"SessionID", "Referer", "Extended Referer", "User Agent", "Extended User Agent"} <= dropped
    questions = {q["text"]: q["type"] for q in found["questions"] if q["type"] != "meta"}
    assert questions == {"How does the product make you feel?": "single", "What could we improve?": "open"}
    answers = read_survey(path, key=KEY).answers.to_string()
    assert "AppleWebKit" not in answers and "utm_source" not in answers


def test_numbered_option_columns_of_a_flattened_export_are_one_multi_select(tmp_path):
    """SurveyMonkey download flattened by its publisher (jupyter/surveys
    surveys/2020-12-jupyter-survey/data/all_responses.csv): each option column is headed by the question's number
    and the option alone (``3. Python.``, ``3. R.``, ``3. Julia.``) and holds that label when ticked. They are one
    multi-select, and an option that is also a given name (Julia, Ruby) is the option, not a person's name."""
    header = ["Respondent ID", "1. How often do you use it?", "3. Python.", "3. R.", "3. Julia.", "3. Ruby.",
              "4. Student.", "4. Teacher.", "4. Researcher."]
    rows = []
    for i in range(8):
        rows.append([str(12500000000 + i), ["Daily.", "Weekly.", "Monthly."][i % 3],
                     "Python." if i % 2 == 0 else "", "R." if i % 3 == 0 else "", "Julia." if i % 4 == 1 else "",
                     "Ruby." if i % 5 == 2 else "", "Student." if i % 2 else "", "Teacher." if i % 3 == 1 else "",
                     "Researcher." if i % 4 == 0 else ""])
    text = "\n".join(",".join(r) for r in [header] + rows) + "\n"
    found = inspect_file(write_csv(tmp_path / "all_responses.csv", text))
    multis = [q for q in found["questions"] if q["type"] == "multi"]
    assert [len(q["columns"]) for q in multis] == [4, 3]
    assert multis[0]["options"] == ["Python.", "R.", "Julia.", "Ruby."]
    assert not found["personal_data_columns"]
