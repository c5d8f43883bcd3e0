"""The language copy a company answered as a language signal (QA round 38 F8): a needs survey whose Swedish copy is
pasted under the Finnish header gives each respondent a ``form_language`` (ingest); the language figures read it
after the business-language answer and before the language of the open answers."""
from __future__ import annotations

import pandas as pd

from pipeline.analysis.language import company_languages
from pipeline.schemas import conform, empty
from pipeline.survey import Survey


def _survey(rows: list[tuple[str, str]], language_answers: dict[str, str] | None = None) -> Survey:
    """A needs survey of respondents (id, form_language) and, for some, an answer to a business-language question."""
    questions = conform(pd.DataFrame([{"question_id": "q1", "text": "Yrityksenne asiointikieli", "type": "single",
                                       "columns": ["Yrityksenne asiointikieli"], "options": [],
                                       "role": "business_language"}]), "questions")
    said = language_answers or {}
    answers = conform(pd.DataFrame({"respondent_id": list(said), "question_id": "q1", "item": "",
                                    "value": list(said.values()), "text": pd.NA, "score": float("nan"),
                                    "is_dont_know": False}), "answers")
    respondents = conform(pd.DataFrame({"respondent_id": [r for r, _ in rows], "company_id": [r for r, _ in rows],
                                        "source_row": range(2, 2 + len(rows)), "submitted_at": pd.NaT,
                                        "form_language": pd.array([f for _, f in rows], dtype="string")}),
                          "respondents")
    return Survey("kysely.xlsx", "webropol", None, None, 1, questions, respondents, answers, empty("rejected"), {})


def _links(records: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({"source": "needs", "record_id": list(records), "company_id": list(records.values()),
                         "is_identified": True})


def test_the_copy_a_company_answered_is_its_language_after_the_language_question_and_before_its_answers():
    """c1 answered the Swedish copy and wrote nothing: Swedish (basis ``form``); c2 answered the Swedish copy but
    said "Suomi" in the language question: the answer decides; c3 answered the Finnish copy and wrote a Swedish
    answer: the copy decides; c4's two respondents answered one copy each: bilingual; c5's row tells no copy and
    its open answer does: the answer's language; c6 tells nothing: no language."""
    survey = _survey([("r1", "sv"), ("r2", "sv"), ("r3", "fi"), ("r4a", "fi"), ("r4b", "sv"), ("r5", ""),
                      ("r6", "")], {"r2": "Suomi"})
    links = _links({"r1": "c1", "r2": "c2", "r3": "c3", "r4a": "c4", "r4b": "c4", "r5": "c5", "r6": "c6"})
    coded = pd.DataFrame({"source": "open", "respondent_id": ["r3", "r5"], "lang": ["sv", "sv"],
                          "text": ["Vi behöver fler kunder i Vasa", "Vi behöver hjälp med exporten"]})
    got = company_languages(links, survey, coded_texts=coded)
    said = {c: sorted(zip(part["language"], part["basis"])) for c, part in got.groupby("company_id")}
    assert said == {"c1": [("sv", "form")], "c2": [("fi", "question")], "c3": [("fi", "form")],
                    "c4": [("fi", "form"), ("sv", "form")], "c5": [("sv", "answers")]}, said
    # a survey read before the column existed (or built elsewhere) has no form signal: the answers decide
    bare = Survey(survey.source, survey.tool, None, None, 1, survey.questions,
                  survey.respondents.drop(columns=["form_language"]), survey.answers, survey.rejected, {})
    got = company_languages(links, bare, coded_texts=coded)
    assert sorted(got.loc[got["company_id"] == "c3", "basis"]) == ["answers"]
    assert "c1" not in set(got["company_id"])
