"""Fixes of findings left by QA rounds 24 and 25 and found by QA rounds 26 and 27, one test per finding on a few
inline rows."""
from __future__ import annotations

import pandas as pd

from pipeline import stages
from pipeline.coding.review import answer_id
from pipeline.coding.texts import coded_texts
from pipeline.schemas import conform

THEMES = conform(pd.DataFrame({
    "theme": ["sales", "other", "trainer", "pace"],
    "taxonomy": ["needs", "needs", "feedback", "feedback"],
    "theme_name": ["Myynti", "Muu", "Kouluttaja", "Tahti"],
    "is_other": [False, True, False, False],
}), "themes")


def test_the_feedback_other_row_of_coding_agreement_is_named_like_the_needs_other():
    """QA 25: the feedback taxonomy has no `other` of its own, so its agreement row had no theme_name."""
    question, answers = "Mitä parannettavaa?", ["Kouluttaja puhui liian nopeasti", "Kiitos"]
    texts = conform(pd.DataFrame({
        "text_id": ["r0:q1", "r1:q1"], "respondent_id": ["r0", "r1"], "question_id": "q1", "source": "open",
        "text": answers, "question": question, "answer_id": [answer_id(question, a) for a in answers]}), "texts")
    codes = conform(pd.DataFrame({"text_id": texts["text_id"], "lang": "fi", "theme": ["trainer", "other"],
                                  "themes": ["trainer", "other"], "confidence": [0.9, 1.0]}), "codes")
    reviewed = pd.DataFrame({"answer_id": texts["answer_id"], "themes": [["pace"], ["other"]]})
    got = stages.coding_agreement(THEMES, coded_feedback=coded_texts(texts, codes, reviewed, 0.75),
                                  feedback_proposed_codes=codes, coding_reviews=reviewed)
    names = dict(zip(got["theme"], got["theme_name"]))
    assert names["other"] == "Muu"
    assert names["trainer"] == "Kouluttaja" and names["pace"] == "Tahti"
