"""The texts a survey gives the theme coder: open answers, "other" texts, option labels and grid statements."""
from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.coding.review import answer_ids, reviewed_themes
from pipeline.schemas import conform, empty
from pipeline.survey import Survey

OPEN_TYPES = ("open", "other_text")


def survey_texts(survey: Survey, *, roles: tuple[str, ...] | None = None,
                 with_labels: bool = True, except_roles: tuple[str, ...] = ()) -> pd.DataFrame:
    """Return the ``texts`` table of ``survey``: one row per non-empty open answer and per label to code.

    Open and other-text answers become ``<respondent_id>:<question_id>`` rows (``source`` = their question
    type; a free-text role ingest read as a single choice is ``open`` once ``pipeline.roles.settled`` has
    seen it); when ``roles`` is given only questions with those roles count, and never those of
    ``except_roles`` (with their other-text fields). With ``with_labels``, each option of
    a multi-select question becomes an ``option:<question_id>:<n>`` row and each statement of a Likert grid an
    ``item:<question_id>:<n>`` row (``source`` = ``option`` / ``item``, no respondent), so that labels go
    through the same coder as answers. Rows are sorted by ``text_id``.
    """
    questions = survey.questions
    if roles is not None:
        questions = questions[questions["role"].isin(roles) | questions["type"].eq("other_text")]
    if except_roles:
        from pipeline.survey import other_text_parents

        apart = set(questions.loc[questions["role"].isin(except_roles), "question_id"].astype(str))
        parents = other_text_parents(questions)
        questions = questions[~questions["question_id"].astype(str).map(
            lambda q: q in apart or parents.get(q) in apart)]
    open_ids = questions.loc[questions["type"].isin(OPEN_TYPES), ["question_id", "type"]]
    answers = survey.answers.merge(open_ids, on="question_id")
    answers = answers[answers["text"].fillna("").str.strip() != ""]
    frames = [pd.DataFrame({
        "text_id": answers["respondent_id"] + ":" + answers["question_id"],
        "respondent_id": answers["respondent_id"],
        "question_id": answers["question_id"],
        "source": answers["type"],
        "text": answers["text"],
    })]
    if with_labels:
        rows = []
        for q in questions.itertuples(index=False):
            if q.type == "multi":
                rows += [(f"option:{q.question_id}:{n}", pd.NA, q.question_id, "option", str(label))
                         for n, label in enumerate(q.options)]
            elif q.type == "likert":
                items = survey.answers.loc[survey.answers["question_id"] == q.question_id, "item"]
                for n, item in enumerate(sorted(set(items.dropna()) - {""})):
                    rows.append((f"item:{q.question_id}:{n}", pd.NA, q.question_id, "item", str(item)))
        frames.append(pd.DataFrame(rows, columns=["text_id", "respondent_id", "question_id", "source", "text"])
                      .astype("string"))
    frames = [f for f in frames if not f.empty]
    if not frames:
        return empty("texts")
    texts = pd.concat(frames, ignore_index=True)
    # one person's two submissions that ingest kept (days apart, other answers) are one respondent: each answer is
    # a text of its own, the later ones numbered (QA round 22: the second's "myös vienti kiinnostaa" was lost)
    repeat = texts.groupby("text_id", sort=False).cumcount()
    texts["text_id"] = texts["text_id"].where(repeat == 0, texts["text_id"] + "#" + (repeat + 1).astype(str))
    texts = texts.sort_values("text_id", kind="stable").reset_index(drop=True)
    return conform(with_answer_ids(texts, survey.questions), "texts")


def with_answer_ids(texts: pd.DataFrame, questions: pd.DataFrame) -> pd.DataFrame:
    """Return ``texts`` with ``question`` (the text of its ``question_id`` in ``questions``) and ``answer_id``
    (``pipeline.coding.review.answer_id`` of question and text: what a coding review is matched by)."""
    question = texts["question_id"].map(questions.set_index("question_id")["text"]).fillna("").astype(str)
    return texts.assign(question=question.to_numpy(),
                        answer_id=answer_ids(question.tolist(), texts["text"].astype(str).tolist()))


def coded_texts(texts: pd.DataFrame, codes: pd.DataFrame, reviews: pd.DataFrame | None = None,
                threshold: float = 0.0) -> pd.DataFrame:
    """Return ``texts`` joined with their ``codes`` (schema ``coded_texts``; texts without a code are left out):
    ``lang``, ``theme`` (the main one), ``themes`` as a list of slugs (every theme that applies; the main theme
    alone when the code lists none), ``confidence``, ``reviewed`` (an analyst gave the answer its themes in
    ``reviews``) and ``uncertain_themes`` (the themes of an unreviewed open or other-text answer coded below
    ``threshold`` confidence: what a review could still change; option labels and grid statements are not
    counted uncertain, their theme being shown beside them and settled once for every company that chose them).
    The one place answers meet their themes."""
    # the coder's evidence (an extra column of codes) travels along for the review workbook
    carried = ["text_id", "lang", "theme", "themes", "confidence"] + (["evidence"] if "evidence" in codes else [])
    merged = texts.merge(codes[carried], on="text_id", how="inner", validate="many_to_one")
    merged["themes"] = _per_distinct_pair(merged["themes"], merged["theme"], _theme_list)
    done = set(reviewed_themes(reviews))
    merged["reviewed"] = merged["answer_id"].isin(done).to_numpy(dtype=bool)
    # only answers: an option label's theme is printed beside it in the report (option_ranking) and listed in the
    # review workbook, where one reading settles it for every company that chose the option
    is_answer = merged["source"].isin(("open", "other_text")).to_numpy(dtype=bool)
    unsure = ~merged["reviewed"] & (merged["confidence"].astype(float) < threshold) & is_answer
    merged["uncertain_themes"] = [[t for t in themes if t != "other"] if flag else []
                                  for themes, flag in zip(merged["themes"], unsure)]
    return conform(merged, "coded_texts")


def _theme_list(themes, theme) -> list[str]:
    parts = [t.strip() for t in str(themes).split(";")] if isinstance(themes, str) else []
    parts = [t for t in parts if t]
    return parts or ([str(theme)] if isinstance(theme, str) and theme else [])


def _per_distinct_pair(first: pd.Series, second: pd.Series, func) -> np.ndarray:
    """Object array with ``func(a, b)`` for each row's pair, computed once per distinct pair (a missing value
    is passed as None). Rows with the same pair share the result object: callers treat it as read-only."""
    codes_a, values_a = pd.factorize(first)
    codes_b, values_b = pd.factorize(second)
    values_a, values_b = [*values_a, None], [*values_b, None]  # code -1 (missing) → the trailing None
    codes_a = np.where(codes_a < 0, len(values_a) - 1, codes_a)
    codes_b = np.where(codes_b < 0, len(values_b) - 1, codes_b)
    distinct, inverse = np.unique(codes_a * len(values_b) + codes_b, return_inverse=True)
    results = np.empty(len(distinct), dtype=object)
    for i, code in enumerate(distinct):
        results[i] = func(values_a[code // len(values_b)], values_b[code % len(values_b)])
    return results[inverse.reshape(-1)]
