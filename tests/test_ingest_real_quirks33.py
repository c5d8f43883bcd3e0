"""Quirks of issue 12 round 30: real exports of tools other than Google Forms never seen before (two Qualtrics CSVs,
one with zh answers and one of rank-order questions with page timers, two LimeSurvey exports, a SurveyMonkey CSV).
One test per rule, each on a few inline rows built the way those files look (invented questions and answers, not
copies of the files)."""
from __future__ import annotations

from pipeline.ingest import inspect_file, read_survey

from conftest import chosen, csv_text, write_csv

KEY = b"k33"
QUALTRICS_META = [("StartDate", "Start Date", '{"ImportId":"startDate","timeZone":"America/Denver"}'),
                  ("EndDate", "End Date", '{"ImportId":"endDate","timeZone":"America/Denver"}'),
                  ("Status", "Response Type", '{"ImportId":"status"}'),
                  ("Finished", "Finished", '{"ImportId":"finished"}'),
                  ("ResponseId", "Response ID", '{"ImportId":"_recordId"}')]


def _qualtrics_csv(path, questions: list[tuple[str, str, str]], rows: list[list[str]]):
    """A Qualtrics CSV with its three header rows (export tags, texts, ImportIds) before ``rows`` of answers to
    ``questions`` (tag, text, ImportId); the metadata columns are filled per row. Returns the path."""
    columns = QUALTRICS_META + questions
    body = [[f"2025-03-{10 + i} 09:00:00", f"2025-03-{10 + i} 09:07:00", "IP Address", "True",
             f"R_{i:02d}abcdefghijklmn"[:17]] + row for i, row in enumerate(rows)]
    head = [[c[0] for c in columns], [c[1] for c in columns]]
    return write_csv(path, csv_text(head[0], [head[1], [c[2] for c in columns], *body]))


def _by_text(found: dict) -> dict:
    return {q["text"]: q for q in found["questions"]}


def test_a_qualtrics_page_timer_is_metadata_not_a_question(tmp_path):
    """A Qualtrics "Timing" question writes four columns per page ("Timing01_First Click", "_Last Click",
    "_Page Submit", "_Click Count"; ImportId "QID7_FIRST_CLICK" …): 34 page timers of a real export were read as
    four-column number questions. They are metadata; the questions beside them keep their types."""
    timer = [(f"Timing01_{part}", f"Timing - {part}", f'{{"ImportId":"QID7_{part.upper().replace(" ", "_")}"}}')
             for part in ("First Click", "Last Click", "Page Submit", "Click Count")]
    questions = [("Age", "What is your age?", '{"ImportId":"QID2_TEXT"}'), *timer,
                 ("Area", "How do you describe your area of residence?", '{"ImportId":"QID3"}')]
    rows = [[str(25 + 7 * i), f"{1.2 + i:.3f}", f"{8.4 + i:.3f}", f"{9.1 + i:.3f}", str(2 + i % 3),
             ["Urban", "Suburban", "Rural"][i % 3]] for i in range(8)]
    found = inspect_file(_qualtrics_csv(tmp_path / "pretest.csv", questions, rows))
    assert found["tool"] == "qualtrics" and found["respondents"] == 8
    types = {q["text"]: q["type"] for q in found["questions"]}
    assert not [q for q in found["questions"] if q["type"] != "meta" and "Timing" in q["text"]], found["questions"]
    assert types["What is your age?"] == "number" and types["How do you describe your area of residence?"] == "single"
    # a two-row export (tags and texts, no ImportId row) names the timer by its tag alone
    two_rows = tmp_path / "two_rows"
    two_rows.mkdir()
    text = (tmp_path / "pretest.csv").read_text(encoding="utf-8").splitlines()
    found = inspect_file(write_csv(two_rows / "pretest.csv", "\n".join(text[:2] + text[3:]) + "\n"))
    assert not [q for q in found["questions"] if q["type"] != "meta" and "Timing" in q["text"]], found["questions"]


def test_qualtrics_choices_joined_by_a_bare_comma_are_one_multi_select(tmp_path):
    """Exported as choice text without splitting multi-value fields, a Qualtrics multiple-answer question holds
    the chosen options joined by "," with no space ("California,New York"); a real screener became a single choice
    of 17 combinations. Its options are the pieces, also one chosen only together with others ("Oregon"); an
    option's own ", " and a thousands comma join nothing, so a single choice with such labels stays single."""
    states = ["California,New York", "New York", "California,New York", "Florida", "California,Florida,Oregon",
              "Texas", "California,New York", "California"]
    incomes = ["8,001–15,000 yuan", "Yes, every week", "8,001–15,000 yuan", "No", "Yes, every week", "No",
               "25,001 yuan or more", "No"]
    questions = [("Screener", "Which states use ranked choice voting? Select California and New York.",
                  '{"ImportId":"QID35"}'),
                 ("Q6", "How often do you travel?", '{"ImportId":"QID6"}')]
    path = _qualtrics_csv(tmp_path / "screener.csv", questions, [[s, m] for s, m in zip(states, incomes)])
    by_text = _by_text(inspect_file(path))
    screener = by_text["Which states use ranked choice voting? Select California and New York."]
    assert screener["type"] == "multi", screener
    assert set(screener["options"]) == {"California", "New York", "Florida", "Oregon", "Texas"}, screener
    assert by_text["How often do you travel?"]["type"] == "single"
    survey = read_survey(path, key=KEY)
    assert chosen(survey, survey.questions.set_index("text").loc[screener["text"], "question_id"]) == \
        {"California": 5, "New York": 4, "Florida": 2, "Oregon": 1, "Texas": 1}


def test_a_satisfaction_grid_with_not_known_and_not_used_answers_is_one_likert_grid(tmp_path):
    """A LimeSurvey array "How satisfied are you with the tools below?" on "Completely Dissatisfied … Somewhat …
    Neutral … Completely Satisfied", with "I don't know this tool" and "I know but never used this tool" beside
    it, became nine single choices: the "Completely" ends are the satisfaction scale's ends, and not knowing or
    not having used the thing rated stays off the scale."""
    stem = "26 - Overall, how satisfied are you with the tools below?"
    tools = ["Alpha", "Beta", "Gamma"]
    answers = ["I don't know this tool", "I know but never used this tool", "Neutral", "Somewhat Satisfied",
               "Completely Satisfied", "Somewhat Dissatisfied", "Completely Dissatisfied"]
    header = ["Response ID", "Date submitted", "Last page", "Start language", "1 - How old are you?"] + \
        [f"{stem} [{t}]" for t in tools]
    rows = [[str(i + 1), f"2024-05-0{1 + i % 9} 10:00:00", "2", "en", ["25 - 34", "35 - 44"][i % 2]]
            + [answers[(i + k) % len(answers)] for k in range(len(tools))] for i in range(9)]
    found = inspect_file(write_csv(tmp_path / "results-survey.csv", csv_text(header, rows)))
    grids = [q for q in found["questions"] if q["text"].startswith("26 -")]
    assert len(grids) == 1 and grids[0]["type"] == "likert" and len(grids[0]["columns"]) == 3, grids
    assert grids[0]["options"] == ["Completely Dissatisfied", "Somewhat Dissatisfied", "Neutral",
                                   "Somewhat Satisfied", "Completely Satisfied"], grids[0]


def test_a_scale_label_the_author_mistyped_is_its_level(tmp_path):
    """A SurveyMonkey form's own agreement choices "Disgree" and "Aagree" kept two agreement questions single
    choices: a label one letter away from a spelling of the scale its other labels are on is that level, and
    scores as it; two words that are both spelled right ("Never", "Fever") are not one another's typo."""
    first = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
             "To what extent do you agree: I feel more equipped to lead.", "The feedback I received was helpful.",
             "Which did you have last winter?"]
    second = ["", "", "", "", "", "Response", "Response", "Response"]
    agree = ["Agree", "Disgree", "Strongly agree", "Agree", "Strongly disagree", "Agree"]
    feedback = ["Aagree", "Strongly agree", "Aagree", "Aagree", "Strongly agree", ""]
    winter = ["Never", "Fever", "Often", "Never", "Fever", "Often"]
    rows = [[str(19085864100 + i), "414754221", f"07/0{i + 1}/2023 04:21:36 PM", f"07/0{i + 1}/2023 04:29:08 PM", "",
             a, f, w] for i, (a, f, w) in enumerate(zip(agree, feedback, winter))]
    path = write_csv(tmp_path / "module feedback.csv", csv_text(first, [second, *rows]))
    by_text = _by_text(inspect_file(path))
    for text in first[5:7]:
        assert by_text[text]["type"] == "likert", by_text[text]
    assert by_text["Which did you have last winter?"]["type"] == "single"
    survey = read_survey(path, key=KEY)
    answers = survey.answers.merge(survey.questions[["question_id", "text"]], on="question_id")
    scores = answers.groupby("value")["score"].first().to_dict()
    assert (scores["Disgree"], scores["Aagree"], scores["Strongly agree"]) == (2, 4, 5), scores


def test_a_limesurvey_timing_of_a_question_without_answer_column_is_metadata(tmp_path):
    """LimeSurvey's timings export adds "<question code>Time" after "interviewtime" for every question, also a
    text display that writes no answer column ("f3Time" with no "f3"): it was read as a single choice with no
    options. In the timings block every "…Time" column is metadata."""
    header = ["id", "submitdate", "lastpage", "startlanguage", "f1", "f2", "interviewtime", "groupTime5",
              "f1Time", "f2Time", "f3Time"]
    rows = [[str(i + 1), f"2019-06-2{i} 09:05:58", "4", "en", ["Yes", "No"][i % 2], f"Because {i}",
             f"{300 + i}.5", f"{120 + i}.2", f"{12 + i}.1", f"{30 + i}.7", ""] for i in range(6)]
    found = inspect_file(write_csv(tmp_path / "results-survey54231.csv", csv_text(header, rows)))
    types = {q["text"]: q["type"] for q in found["questions"]}
    assert found["tool"] == "limesurvey"
    assert types["f3Time"] == "meta" and types["f1Time"] == "meta", types
    assert types["f1"] == "single"


def test_a_rank_order_grid_runs_from_one_to_its_number_of_items(tmp_path):
    """A Qualtrics rank order of three items (one column per item holding its position) was a likert grid on a
    1-4 scale, the top rounded up to the next usual scale end: rows that each give the items different positions
    1 … k are a rank order whose scale ends at k."""
    stem = "Please rank the options, 1 the most important."
    items = ["Price", "Range", "Comfort"]
    questions = [(f"Rank_{k + 1}", f"{stem} - {item}", f'{{"ImportId":"QID5_{k + 1}"}}') for k, item in enumerate(items)]
    orders = [[1, 2, 3], [2, 1, 3], [3, 1, 2], [1, 3, 2], [2, 3, 1], [1, 2, 3], [3, 2, 1], [2, 1, 3]]
    found = inspect_file(_qualtrics_csv(tmp_path / "ranks.csv", questions, [[str(n) for n in o] for o in orders]))
    grid = next(q for q in found["questions"] if q["text"].startswith("Please rank"))
    assert grid["type"] == "likert" and len(grid["columns"]) == 3, grid
    assert grid["options"] == ["1", "2", "3"], grid
    # a rating grid whose respondents rate two statements alike keeps the usual scale end
    rated = [[1, 2, 2], [2, 1, 3], [3, 3, 2], [1, 3, 2], [2, 3, 1], [1, 1, 3], [3, 2, 1], [2, 2, 3]]
    (tmp_path / "rated").mkdir()
    found = inspect_file(_qualtrics_csv(tmp_path / "rated" / "ranks.csv", questions,
                                        [[str(n) for n in o] for o in rated]))
    grid = next(q for q in found["questions"] if q["text"].startswith("Please rank"))
    assert grid["options"] == ["1", "2", "3", "4"], grid


def test_the_seven_point_frequency_scale_with_its_shares_is_a_likert_scale(tmp_path):
    """"Never / Rarely (in about 10 % …) / Occasionally (30 %) / Sometimes (50 %) / Frequently (70 %) / Usually
    (90 %) / Every time", beside "I don't know what is a package manager", was a single choice: the common scale
    takes "occasionally" and "sometimes" (and "frequently" and "usually") for one level, so the seven-point scale
    gives each its own; not knowing what the thing asked about is stays off the scale."""
    text = "25 - How often have you used C++ package managers?"
    levels = ["Never", "Rarely (in less than 10% of the chances)", "Occasionally (in about 30% of the chances)",
              "Sometimes (in about 50% of the chances)", "Frequently (in about 70% of the chances)",
              "Usually (in about 90% of the chances)", "Every time", "I don't know what is a package manager"]
    header = ["Response ID", "Date submitted", "Last page", "Start language", text]
    rows = [[str(i + 1), f"2017-05-{10 + i} 10:00:00", "2", "en", levels[i % len(levels)]] for i in range(16)]
    path = write_csv(tmp_path / "results-survey.csv", csv_text(header, rows))
    question = _by_text(inspect_file(path))[text]
    assert question["type"] == "likert", question
    assert question["options"] == ["Never", "Rarely", "Occasionally", "Sometimes", "Frequently", "Usually",
                                   "Every time"], question
    survey = read_survey(path, key=KEY)
    dk = survey.answers[survey.answers["value"].str.startswith("I don't know", na=False)]
    assert len(dk) == 2 and dk["is_dont_know"].all() and dk["score"].isna().all(), dk
