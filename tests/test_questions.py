"""Every question reported (pipeline/analysis/questions.py): per-company distributions with n and intervals,
rating scales' means beside the top-2 share, open answers coded with the taxonomy that fits, disclosure."""
from __future__ import annotations

import pandas as pd

from pipeline.analysis.questions import question_tables, reported_questions
from pipeline.config import defaults
from pipeline.disclosure import audit_tables, small_figures
from pipeline.schemas import conform, empty
from pipeline.survey import Survey

PARAMS = defaults()["analysis"]
SCALE = ["Täysin eri mieltä", "Jokseenkin eri mieltä", "Ei samaa eikä eri mieltä", "Jokseenkin samaa mieltä",
         "Täysin samaa mieltä"]


def make_survey(source, questions, answers, companies=None) -> Survey:
    """questions: (qid, text, type, role, options); answers: (respondent, qid, item, value, text, score)."""
    q = conform(pd.DataFrame([{"question_id": a, "text": b, "type": c, "columns": [b], "options": d, "role": e}
                              for a, b, c, e, d in questions]), "questions")
    a = conform(pd.DataFrame([{"respondent_id": r, "question_id": qid, "item": item, "value": v, "text": t,
                               "score": s, "is_dont_know": False} for r, qid, item, v, t, s in answers]), "answers")
    ids = list(dict.fromkeys(a["respondent_id"]))
    r = conform(pd.DataFrame({"respondent_id": ids, "company_id": [(companies or {}).get(i, i) for i in ids],
                              "source_row": range(2, 2 + len(ids)), "submitted_at": pd.NaT}), "respondents")
    return Survey(source, "msforms", "utf-8", ",", 1, q, r, a, empty("rejected"), {})


class KeywordCoder:
    """A stand-in theme coder: a text containing a keyword gets its theme, else ``other``."""

    def __init__(self, words):
        self.words = words

    def code(self, texts):
        themes = [next((t for w, t in self.words.items() if w in str(x).lower()), "other") for x in texts["text"]]
        return pd.DataFrame({"text_id": texts["text_id"], "theme": themes, "themes": themes, "lang": "fi",
                             "confidence": 1.0})


CODERS = {"needs": KeywordCoder({"myynti": "sales", "vienti": "export"}), "feedback": KeywordCoder({"aika": "time"})}
NAMES = {"needs": {"sales": "Myynti", "export": "Vienti"}, "feedback": {"time": "Aikataulu"}}


def needs_survey() -> Survey:
    questions = [("q1", "Toteutusmuoto", "single", "", ["Lähi", "Etä", "Hybridi"]),
                 ("q2", "Osaamme markkinoida verkossa", "likert", "", SCALE),
                 ("q3", "Mitkä aiheet?", "multi", "interests", ["A", "B"])]
    answers = []
    formats = ["Lähi", "Lähi", "Etä", "Lähi", "Etä", "Lähi", "Etä"]
    scores = [5, 4, 4, 2, 3, 5, 1]
    for n, (fmt, score) in enumerate(zip(formats, scores)):
        rid = f"r{n}"
        answers.append((rid, "q1", "", fmt, None, None))
        answers.append((rid, "q2", "Osaamme markkinoida verkossa", SCALE[score - 1], None, float(score)))
        answers.append((rid, "q3", "A", "A", None, None))
    # r6 is a repeat submission of r0's company: the company counts once, with its earliest answer
    return make_survey("needs.csv", questions, answers, companies={"r6": "r0"})


def test_a_question_without_a_role_gets_its_distribution_per_company():
    tables = question_tables([("needs", needs_survey())], CODERS, NAMES, PARAMS)
    dist = tables["question_distribution"]
    formats = dist[dist["question_id"] == "q1"].set_index("answer")
    assert list(formats.index) == ["Lähi", "Etä", "Hybridi"]        # every option, in the survey's order
    assert formats["companies"].tolist() == [4, 2, 0]                # r6 (company r0) not counted twice
    assert set(formats["base"]) == {6}
    assert formats.loc["Lähi", "share"] == 4 / 6
    assert formats.loc["Lähi", "ci_low"] < 4 / 6 < formats.loc["Lähi", "ci_high"]
    assert "q3" not in set(dist["question_id"])                      # read by the needs analysis


def test_a_grid_of_bare_statements_is_shown_with_mean_and_top2():
    tables = question_tables([("needs", needs_survey())], CODERS, NAMES, PARAMS)
    scales = tables["question_scales"]
    row = scales[scales["question_id"] == "q2"].iloc[0]
    assert row["n"] == 6 and row["top2"] == 4                        # scores 5, 4, 4, 2, 3, 5 (r6 left out)
    assert abs(row["mean"] - 23 / 6) < 1e-9
    assert abs(row["share"] - 4 / 6) < 1e-9
    grid = tables["question_distribution"][lambda d: d["question_id"] == "q2"]
    assert grid["companies"].sum() == 6 and len(grid) == 5


def impact_survey() -> Survey:
    questions = [("q1", "Ovatko työpajat edistäneet kehittämistä?", "single", "impact", ["Kyllä", "Ei"]),
                 ("q2", "Mistä aiheista haluatte koulutusta jatkossa?", "open", "", []),
                 ("q3", "Mitä tekisitte toisin?", "open", "", []),
                 ("q4", "Toivottu toteutustapa", "single", "", ["Lähi", "Teams", "Hybridi"])]
    answers = []
    topics = ["myynti verkossa", "vienti Ruotsiin", "myynti ja markkinointi", "lisää myyntiä", "vienti", "jotain"]
    for n, topic in enumerate(topics):
        answers += [(f"i{n}", "q1", "", "Kyllä", None, None), (f"i{n}", "q2", "", None, topic, None),
                    (f"i{n}", "q3", "", None, "enemmän aikaa" if n % 2 else "ei mitään", None),
                    (f"i{n}", "q4", "", ["Lähi", "Teams", "Hybridi"][n % 3], None, None)]
    return make_survey("impact.csv", questions, answers)


def test_open_answers_without_a_role_are_coded_with_the_fitting_taxonomy_and_listed():
    tables = question_tables([("impact", impact_survey())], CODERS, NAMES, PARAMS)
    listed = tables["question_answers"]
    topics = listed[listed["question_id"] == "q2"]
    assert len(topics) == 6 and set(topics["taxonomy"]) == {"needs"}   # topics fit the needs taxonomy
    assert "Myynti" in set(topics["themes"])
    differently = listed[listed["question_id"] == "q3"]
    assert set(differently["taxonomy"]) == {"feedback"}
    dist = tables["question_distribution"]
    themes = dist[dist["question_id"] == "q2"].set_index("answer")
    assert themes.loc["Myynti", "companies"] == 3 and themes.loc["Myynti", "base"] == 6
    fmt = dist[dist["question_id"] == "q4"]
    assert fmt["companies"].tolist() == [2, 2, 2]                      # the preferred-format question appears


def test_needs_answers_the_needs_analysis_coded_keep_its_themes_whatever_fits_more():
    # the feedback taxonomy placed more of a needs survey's open answers ("Trainer 86 %") than the needs codes
    # the open-answer table showed for the very same answers
    questions = [("q1", "Mitä tarvitsette?", "open", "", [])]
    texts = ["enemmän aikaa", "aika loppuu", "aikaa myyntiin", "ei aikaa"]
    survey = make_survey("needs.csv", questions, [(f"r{n}", "q1", "", None, t, None) for n, t in enumerate(texts)])
    coded = pd.DataFrame({"text_id": [f"r{n}:q1" for n in range(4)], "theme": ["other", "other", "sales", "other"],
                          "themes": [["other"], ["other"], ["sales"], ["other"]]})
    tables = question_tables([("needs", survey)], CODERS, NAMES, PARAMS, coded_needs=coded)
    listed = tables["question_answers"]
    assert set(listed["taxonomy"]) == {"needs"} and listed["themes"].tolist() == ["other", "other", "Myynti", "other"]
    # not coded by the needs analysis: the taxonomy that fits wins as before
    assert set(question_tables([("needs", survey)], CODERS, NAMES, PARAMS)["question_answers"]["taxonomy"]) \
        == {"feedback"}


def test_the_public_edition_hides_small_counts_and_the_audit_passes():
    params = {**PARAMS, "edition": "public"}
    tables = question_tables([("needs", needs_survey()), ("impact", impact_survey())], CODERS, NAMES, params)
    published = {k: tables[k] for k in ("question_distribution", "question_scales")}
    assert small_figures(published, params).empty
    ranges = audit_tables(published, params)
    if len(ranges):
        assert ranges["is_protected"].all()
    dist = tables["question_distribution"]
    formats = dist[dist["question_id"] == "q1"]
    assert formats["companies"].isna().sum() >= 2                     # the 2 (Etä) and a partner hidden
    scales = tables["question_scales"]
    hidden = scales[scales["question_id"] == "q2"]
    assert hidden["mean"].isna().all()                                 # a mean would give a hidden count away


def test_reported_questions_skip_metadata_and_questions_an_analysis_reads():
    survey = needs_survey()
    questions = pd.concat([survey.questions, conform(pd.DataFrame([
        {"question_id": "q0", "text": "Start time", "type": "meta", "columns": ["Start time"], "options": [],
         "role": ""}]), "questions")], ignore_index=True)
    assert reported_questions("needs", questions)["question_id"].tolist() == ["q1", "q2"]


def test_inputs_are_not_modified():
    survey = needs_survey()
    before = survey.answers.copy(deep=True), survey.questions.copy(deep=True)
    question_tables([("needs", survey)], CODERS, NAMES, PARAMS)
    pd.testing.assert_frame_equal(survey.answers, before[0])
    pd.testing.assert_frame_equal(survey.questions, before[1])


def test_an_open_answer_no_feedback_theme_fits_is_named_in_the_report_language():
    # the feedback taxonomy has no `other` theme of its own: its answers read "other" in every report language
    from pipeline.coding import load_taxonomy
    from pipeline.stages import question_tables as stage, themes

    names = themes(load_taxonomy("needs"), load_taxonomy("feedback"), "fi")
    tables = stage(names, PARAMS, CODERS["needs"], CODERS["feedback"], impact_survey=impact_survey())
    answers = tables["question_answers"]
    differently = answers[answers["question_id"] == "q3"]
    assert set(differently["taxonomy"]) == {"feedback"}
    assert set(differently["themes"]) == {"time", "Muu tai ei luokiteltavissa"}
