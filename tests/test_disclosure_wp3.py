"""The public edition's rules for the WP3 and company tables live in ``pipeline.disclosure`` beside the WP1
system, and ``audit-disclosure`` checks them too: each rule's output passes the audit, and the same table as the
steering edition publishes it does not."""
from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.disclosure import (disclosed, published_impact, published_ratings, small_figures,
                                 whole_segment_figures)

PUBLIC = {"edition": "public", "min_count": 3, "min_base": 5, "min_responses": 5, "protection_interval": 3}
STEERING = {**PUBLIC, "edition": "steering"}

FUNNEL_ARGS = dict(counts=("asked", "traced", "attended", "impact_base", "impact_yes", "attended_without_asking"),
                   bases={"traced": ("share",), "impact_base": ("impact_share",)},
                   parts={"traced": ("attended",), "impact_base": ("impact_yes",)})


def _funnel() -> pd.DataFrame:
    # sales: 4 of 4 traced attended (the whole group); data: 2 attended (a small count); export: a base of 3
    return pd.DataFrame({"theme": ["sales", "data", "export"], "asked": [12, 10, 6], "traced": [8, 9, 3],
                         "attended": [8, 2, 3], "impact_base": [6, 2, 3], "impact_yes": [6, 1, 2],
                         "attended_without_asking": [0, 4, 5], "share": [1.0, 2 / 9, 1.0],
                         "impact_share": [1.0, 0.5, 2 / 3]})


def test_the_audit_finds_what_the_funnel_rule_hides_and_nothing_once_it_has():
    steering = disclosed(_funnel(), STEERING, **FUNNEL_ARGS)
    found = small_figures({"funnel": steering}, PUBLIC)
    assert set(zip(found["row"], found["column"])) == {
        (1, "attended"), (1, "impact_base"), (1, "impact_yes"), (2, "traced"), (2, "impact_base"),
        (2, "impact_yes")}
    whole = whole_segment_figures({"funnel": steering}, PUBLIC)
    assert sorted(whole["row"].tolist()) == [0, 0, 2]      # sales 8 of 8, 6 of 6; export 3 of 3
    public = disclosed(_funnel(), PUBLIC, **FUNNEL_ARGS)
    assert small_figures({"funnel": public}, PUBLIC).empty
    assert whole_segment_figures({"funnel": public}, PUBLIC).empty


def test_an_impact_answer_given_by_all_but_one_company_is_caught_by_subtraction():
    impact = pd.DataFrame({"measure": ["impact"] * 4, "answer": ["yes", "partly", "no", "yes_or_partly"],
                           "kirkpatrick_level": "behaviour", "companies": [5, 4, 0, 9], "base": [9] * 4,
                           "share": [5 / 9, 4 / 9, 0.0, 1.0], "ci_low": 0.1, "ci_high": 0.9, "is_small_n": False})
    found = small_figures({"impact_summary": impact}, PUBLIC)
    # no count is small, but "yes" leaves 4 and "no" 9: fine; yes_or_partly 9 of 9 leaves none; partly leaves 5
    assert found.empty
    one_no = impact.assign(companies=[5, 3, 1, 8], share=[5 / 9, 3 / 9, 1 / 9, 8 / 9])
    found = small_figures({"impact_summary": one_no}, PUBLIC)
    assert set(zip(found["row"], found["column"], found["value"])) == {(2, "companies", 1.0),
                                                                       (3, "base - companies", 1.0)}
    assert small_figures({"impact_summary": published_impact(one_no, PUBLIC)}, PUBLIC).empty


def test_ratings_from_too_few_answers_are_caught_and_withheld():
    from pipeline.schemas import SCHEMAS

    every = {c: [np.nan, np.nan] for c in SCHEMAS["feedback_overall"]}
    overall = pd.DataFrame({**every, "workshops": [2, 2], "responses": [3, 12], "satisfaction_n": [3, 12],
                            "n_1": [0, 1], "n_2": [0, 1], "n_3": [1, 2], "n_4": [1, 4], "n_5": [1, 4],
                            "usefulness_n": [0, 0], "practicality_n": [0, 0], "nps_n": [0, 12],
                            "n_promoters": [0, 6], "n_passives": [0, 4], "n_detractors": [0, 2],
                            "comments": [0, 0], "is_small_n": [True, False]})
    found = small_figures({"feedback_overall": overall}, PUBLIC)
    assert set(found.loc[found["row"] == 0, "column"]) == {"n_1", "n_2", "n_3", "n_4", "n_5", "n_promoters",
                                                           "n_passives", "n_detractors"}
    assert (found["row"] == 0).all()
    assert small_figures({"feedback_overall": published_ratings(overall, PUBLIC)}, PUBLIC).empty


def test_language_counts_are_ruled_on_company_rows_only():
    frame = pd.DataFrame({"measure": ["companies", "workshops"], "language": ["sv", "sv"], "value": [1, 1],
                          "base": [20, 16], "value_low": [1, 1], "base_low": [20, 16], "share": [0.05, 0.06],
                          "ci_low": 0.0, "ci_high": 0.2, "suppressed": False})
    found = small_figures({"language": frame}, PUBLIC)
    assert set(zip(found["row"], found["column"])) == {(0, "value"), (0, "value_low")}
