"""What QA round 11 found running the whole pipeline on real exports nobody built for it (a Microsoft Forms
course evaluation, a Typeform community survey, a Qualifio poll, a SurveyMonkey questionnaire): one test per
finding, on a few inline rows."""
from __future__ import annotations

import numpy as np

from pipeline.ingest import inspect_file

from conftest import csv_text, questions_by_text, write_csv
from test_feedback import register, survey, tables


def test_a_yes_no_recommend_question_gives_no_net_promoter_score():
    """QA11: "Would you recommend this course to someone else?" Yes 5, No 1 read as positions 1 and 2 of a 0-10
    scale: six detractors, NPS -100, published."""
    answers = [(f"r{i}", "q2", v, None, np.nan) for i, v in enumerate(["Yes"] * 5 + ["No"])]
    s = survey("a.csv", [("q2", "single", "recommend", ["Yes", "No"])], answers)
    got = tables(register([("W1", "2022-02-10", "Canva", "brand", 10, None)]), [("W1", s)])
    summary = got["feedback_summary"].iloc[0]
    assert int(summary["nps_n"]) == 0 and np.isnan(float(summary["nps"]))
    problems = got["feedback_problems"]
    assert problems["problem"].tolist() == ["unknown_scale"]
    assert "'Yes', 'No'" in problems["detail"].iloc[0]


def test_a_balanced_english_usefulness_scale_is_read_highest_last(tmp_path):
    """QA11: "Very useful / Somewhat useful / Neutral / Somewhat useless / Very useless" (Typeform) was read in
    the order first seen, "Very useful" as 1: top-2 14 % where 60 % said useful."""
    answers = ["Very useful", "Somewhat useful", "Neutral", "Somewhat useless", "Very useless", "Somewhat useful"]
    header = ["Submitted At", "How useful has the Slack channel been?"]
    rows = [[f"2024-05-0{i + 1} 10:00:00", a] for i, a in enumerate(answers)]
    found = questions_by_text(inspect_file(write_csv(tmp_path / "typeform.csv", csv_text(header, rows))))
    question = found["How useful has the Slack channel been?"]
    assert question["type"] == "likert"
    assert question["options"] == ["Very useless", "Somewhat useless", "Neutral", "Somewhat useful", "Very useful"]


def test_hidden_cells_of_a_theme_nobody_chose_are_no_union_pinned_at_none():
    """QA11: a public run failed its own audit ("WHOLE theme_by_segment[…, data]: its hidden cells add up to none
    or all") for a theme no company chose, its 0 published in the theme totals: nothing was told that the
    total had not told already."""
    from test_disclosure import PARAMS, hide, ranking, segments

    from pipeline.disclosure import whole_segment_figures

    frame = segments([("1–9", "data", 0, 3), ("10–49", "data", 0, 2), ("50+", "data", 0, 20),
                      ("1–9", "sales", 2, 3), ("10–49", "sales", 1, 2), ("50+", "sales", 12, 20)])
    shown = hide(frame, [0, 1, 3, 4]).assign(base=frame["base"].astype("Int64").mask([True, True, False] * 2))
    tables = {"theme_ranking": ranking({"data": 0, "sales": 15}, 25), "theme_by_segment": shown}
    found = whole_segment_figures(tables, dict(PARAMS, edition="public"))
    assert not found["what"].str.contains(r"\[size, data\]|data\]").any()


def test_a_feedback_survey_the_config_names_a_workshop_for_has_no_workshop_question():
    """QA11: an item of a Typeform ranking, "Event invitations", became the workshop question of a survey whose
    config gives workshop_id = "FL": the question was missing from every table and 'Data used' was wrong."""
    import pandas as pd

    from pipeline.roles import assign_roles

    questions = pd.DataFrame({"question_id": ["q09", "q10", "q11"], "type": ["single", "single", "open"],
                              "text": ["Rank: Newsletters", "Event invitations", "What could be better?"]})
    assert assign_roles(questions, "feedback")["role"].tolist() == ["", "workshop", "improve_text"]
    settled = assign_roles(questions, "feedback", settled_by_config=("workshop",))["role"].tolist()
    assert settled == ["", "", "improve_text"]


def test_did_not_attend_that_session_is_kept_off_a_confidence_grid(tmp_path):
    """QA11: a Microsoft Forms course evaluation's "I did not attend that session" beside a confidence grid made
    its statement a single choice and split the grid in three."""
    scale = ["I have no confidence I can do this", "I have low confidence I can do this",
             "I have some confidence I can do this", "I have good confidence I can do this",
             "I absolutely can do this!"]
    items = ["Give your confidence levels\n.I can start RStudio", "Give your confidence levels\n.I can use multiple cores",
             "Give your confidence levels\n.I can load modules"]
    answers = [[scale[3], scale[2], scale[4]], [scale[4], "I did not attend that session", scale[3]],
               [scale[2], scale[3], scale[3]], [scale[3], scale[4], scale[2]], [scale[1], scale[3], scale[4]]]
    rows = [[str(i + 1), f"1/12/23 10:0{i}:00", f"1/12/23 10:1{i}:00", *a] for i, a in enumerate(answers)]
    found = inspect_file(write_csv(tmp_path / "eval.csv", csv_text(["Id", "Start time", "Completion time", *items], rows)))
    grids = [q for q in found["questions"] if q["type"] == "likert"]
    assert len(grids) == 1 and grids[0]["items"] == ["start RStudio", "use multiple cores", "load modules"]


def test_a_company_language_is_not_read_from_a_word_or_two():
    """QA11: the answers "ge", "Nä" and "ef" of a Finnish poll were read as Swedish, and the key finding said 3
    companies use Swedish."""
    import pandas as pd

    from pipeline.analysis.language import company_languages

    links = pd.DataFrame({"record_id": ["r1", "r2", "r3"], "company_id": ["c1", "c2", "c3"], "source": "needs",
                          "is_identified": True})
    coded = pd.DataFrame({"respondent_id": ["r1", "r2", "r3"], "source": "open", "lang": ["sv", "sv", "sv"],
                          "text": ["Nä", "ge", "Vi behöver hjälp med export till Norge"]})
    found = company_languages(links, coded_texts=coded, min_words=3)
    assert found[["company_id", "language"]].values.tolist() == [["c3", "sv"]]
    assert len(company_languages(links, coded_texts=coded)) == 3      # without the rule, as before


def test_a_most_wanted_theme_of_few_companies_among_mostly_other_is_a_warning_not_a_finding():
    """QA11: a residents' poll coded 75 % `other` headlined "Most wanted: Branding (2 %)"."""
    import pandas as pd

    from pipeline.i18n import Messages
    from pipeline.report.content import DataWarning, Formatter
    from pipeline.report.headlines import theme_ranking

    ranking = pd.DataFrame({"theme": ["branding", "data", "other"], "theme_name": ["Branding", "Data", "Other"],
                            "rank": [1, 2, None], "share": [0.02, 0.01, 0.75], "ci_low": [0.01, 0.0, 0.72],
                            "ci_high": [0.03, 0.02, 0.77]})
    meta = {"confidence": 0.95, "misfit_other_share": 0.5, "misfit_top_share": 0.2}
    line = theme_ranking({"theme_ranking": ranking}, meta, Formatter(Messages("en")), {})
    assert isinstance(line, DataWarning) and line.startswith("Not a finding: 75% of the companies named no")
    fitting = ranking.assign(share=[0.6, 0.4, 0.1])
    assert theme_ranking({"theme_ranking": fitting}, meta, Formatter(Messages("en")), {}).startswith("Most wanted")
