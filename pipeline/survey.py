"""The ingested survey: the tables one export becomes, and what the reader found out about the file."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd


# ``Survey.report`` key: the question ids a questionnaire spec types or keeps (ingest says so; no content rule
# downstream retypes them)
SPEC_SETTLED = "spec_settled"


@dataclass(frozen=True)
class Survey:
    """One survey export, read and typed.

    ``questions``, ``respondents``, ``answers`` and ``rejected`` follow the schemas of the same names in
    ``pipeline.schemas``. ``report`` holds the row accounting (``rows_in``, ``accepted``, ``rejected``,
    ``duplicates``, with ``rows_in == accepted + rejected + duplicates``) and a list of ``warnings``.
    """

    source: str                  # the file's name (no directories: it goes into reports)
    tool: str                    # webropol | msforms | googleforms | limesurvey | qualtrics | surveymonkey | spss |
    #                              kobotoolbox | typeform | sosci | generic
    encoding: str | None         # None for binary formats (xlsx, sav)
    delimiter: str | None        # None for binary formats
    header_rows: int
    questions: pd.DataFrame
    respondents: pd.DataFrame
    answers: pd.DataFrame
    rejected: pd.DataFrame
    report: dict[str, Any] = field(default_factory=dict)

    def with_roles(self, questions: pd.DataFrame) -> "Survey":
        """A copy whose questions table is ``questions`` (e.g. with roles assigned)."""
        return replace(self, questions=questions)

    def question(self, role: str) -> pd.Series | None:
        """The first question with analysis role ``role``, or None."""
        hits = self.questions[self.questions["role"] == role]
        return None if hits.empty else hits.iloc[0]

    def questions_with_role(self, role: str) -> pd.DataFrame:
        return self.questions[self.questions["role"] == role]

    def answers_to(self, role: str) -> pd.DataFrame:
        """Answers to every question with analysis role ``role`` (empty frame when there is none)."""
        ids = self.questions.loc[self.questions["role"] == role, "question_id"]
        return self.answers[self.answers["question_id"].isin(ids)]


def other_text_parents(questions: pd.DataFrame) -> dict[str, str]:
    """other_text question id → the question it belongs to (the nearest preceding one that is not other_text)."""
    parent, out = "", {}
    for qid, qtype in zip(questions["question_id"].astype(str), questions["type"].astype(str)):
        if qtype == "other_text":
            out[qid] = parent
        else:
            parent = qid
    return out
