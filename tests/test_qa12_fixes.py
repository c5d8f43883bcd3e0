"""Fixes of what QA round 11 found running real exports nobody built for the pipeline (the rest are in
``test_qa11_fixes.py``)."""
from __future__ import annotations

import pandas as pd

from pipeline.analysis.feedback import LONGER_SCALE, with_longer_scales_apart
from pipeline.analysis.questions import data_used, missing_key_roles, reported_questions
from pipeline.i18n import Messages
from pipeline.report.content import Formatter, meta_lines
from pipeline.stages import report_meta

from test_feedback import register, survey, tables


def test_a_feedback_only_project_states_its_feedback_responses_not_zero_respondents():
    # a project with feedback surveys and no needs survey read "Svarande: 0" at the top of its summary
    accounts = {"feedback:a.csv": {"file": "a.csv", "accepted": 6, "rejected": 1},
                "feedback:b.csv": {"file": "b.csv", "accepted": 4, "rejected": 0}}
    meta = report_meta({}, "2026-12-03", accounts)
    assert (meta["respondents"], meta["feedback_responses"]) == (None, 10)
    assert meta_lines(meta, Formatter(Messages("en"))) == ["Feedback responses: 10", "Compiled: 2026-12-03"]
    with_needs = report_meta({}, "2026-12-03", {"needs": {"accepted": 26}, **accounts})
    assert with_needs["respondents"] == 26 and "feedback_responses" not in with_needs


def test_a_rating_on_a_longer_scale_is_reported_on_its_own_scale_instead_of_nowhere():
    # "Overall, how would you rate today's training event?" on 1-10: left out of the 1-5 figures, it appeared
    # nowhere; without its role it is shown with the survey's other questions, and said so under its role
    values = [10, 1, 9, 9, 9, 8]
    s = survey("fb.csv", [("q1", "likert", "satisfaction", [str(v) for v in range(1, 11)]),
                          ("q2", "open", "improve_text", [])],
               [(f"r{i}", "q1", str(v), None, float(v)) for i, v in enumerate(values)])
    apart = with_longer_scales_apart(s)
    assert apart.questions["role"].tolist() == ["", "improve_text"]
    assert apart.report[LONGER_SCALE] == [{"role": "satisfaction", "question_id": "q1", "above": 5}]
    assert reported_questions("feedback", apart.questions)["question_id"].tolist() == ["q1"]
    used = data_used([("feedback", apart)])
    row = used[used["question_id"] == "q1"].iloc[0]
    assert (row["role"], row["use"]) == ("satisfaction", "longer_scale")
    assert missing_key_roles(used) == {}
    # the feedback figures still say why the rating is not among them
    problems = tables(register([("W1", "2022-02-10", "Canva", "brand", 20, None)]),
                      [("W1", apart)])["feedback_problems"]
    assert problems[["problem", "responses"]].values.tolist() == [["other_scale", 5]]
    # a 1-5 rating keeps its role
    kept = survey("fb.csv", [("q1", "likert", "satisfaction", ["1", "2", "3", "4", "5"])],
                  [(f"r{i}", "q1", str(v), None, float(v)) for i, v in enumerate([5, 4, 4, 3])])
    assert with_longer_scales_apart(kept) is kept


def _questions(*texts: str) -> pd.DataFrame:
    from pipeline.schemas import conform
    return conform(pd.DataFrame([{"question_id": f"q{i + 1:02d}", "text": t, "type": "open", "columns": [t],
                                  "options": [], "role": ""} for i, t in enumerate(texts)]), "questions")


def test_a_role_named_by_a_header_the_export_prefixed_with_marks_is_found_by_its_words():
    # a Finnish Forms workbook wrote an emoji as "???????" before the question; the coordinator typed the question
    # as it reads, without them, and the run was refused
    from pipeline.roles import assign_roles
    questions = _questions("Asuinalueesi Oulussa?", "???????Mitä toimenpiteitä toivoisit kaupungilta?")
    got = assign_roles(questions, "needs", {"needs_text": "Mitä toimenpiteitä toivoisit kaupungilta?"})
    assert got["role"].tolist() == ["", "needs_text"]


def test_a_role_named_by_a_question_not_in_the_file_is_refused_with_the_closest_questions_id():
    import pytest

    from pipeline.errors import ConfigError
    from pipeline.roles import assign_roles
    questions = _questions("Asuinalueesi Oulussa?", "???????Mitä toimenpiteitä toivoisit kaupungilta?")
    with pytest.raises(ConfigError) as refused:
        assign_roles(questions, "needs", {"needs_text": "Mitä toimenpiteitä haluaisit kaupungilta?"}, source="p.toml")
    message = str(refused.value)
    assert message.startswith("p.toml: role needs_text names question ") and "\n" not in message
    assert message.endswith('the closest is q02 (\'???????Mitä toimenpiteitä toivoisit kaupungilta?\'): name it by '
                            'its id, needs_text = "q02"')
    with pytest.raises(ConfigError, match="pipeline inspect FILE. lists the questions with their ids"):
        assign_roles(questions, "needs", {"needs_text": "Yrityksen liikevaihto"})
