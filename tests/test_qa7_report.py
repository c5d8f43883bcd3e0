"""What QA round 7 found running one project from real text through the coordinator's whole loop (a LimeSurvey
needs survey with Swedish "code. text" headings, Microsoft Forms feedback, a hand-kept register), one test per
finding, on a few inline rows."""
from __future__ import annotations

import numpy as np

from test_feedback import IMPACT_QUESTIONS, register, survey, tables


def test_unique_companies_reached_leave_out_impact_respondents_who_attended_nothing():
    """16 companies identified in the impact survey, 2 of them "En osallistunut mihinkään": reach said 16
    companies reached, a lower bound that was not one; 14."""
    questions = IMPACT_QUESTIONS + [("a1", "multi", "attended", ["Canva", "En osallistunut mihinkään"])]
    answers = [(f"c{i}", "i1", "Kyllä", None, np.nan) for i in range(5)]
    answers += [(f"c{i}", "a1", "Canva", None, np.nan) for i in range(4)]
    answers += [("c4", "a1", "En osallistunut mihinkään", None, np.nan)]
    companies = {f"c{i}": f"company-{i}" for i in range(5)}
    w = register([("W1", "2022-02-10", "Canva", "brand", 10, None)])
    reach = tables(w, [], impact=survey("impact.csv", questions, answers, companies=companies))["reach"]
    unique = reach.loc[reach["indicator"] == "unique_companies", "value"]
    assert unique.tolist() == [4]


def test_a_municipality_block_repeating_its_sub_region_is_shown_once_when_a_base_is_hidden():
    """The public edition printed the sub-region rows again under "by municipality": the pooled municipality
    segment holds the same municipalities as its sub-region, but one of the two bases was hidden."""
    import pandas as pd

    from pipeline.segments import distinct_segments

    table = pd.DataFrame({"segment_type": ["municipality", "subregion", "municipality", "subregion"],
                          "segment": ["Kaustisen seutukunta", "Kaustisen seutukunta", "Kokkola",
                                      "Kokkolan seutukunta"],
                          "base": pd.array([pd.NA, 8, 12, 16], dtype="Int64"),
                          "members": ["Halsua;Kaustinen", "Halsua;Kaustinen", "Kokkola", "Kannus;Kokkola"]})
    kept = distinct_segments(table)
    assert list(zip(kept["segment_type"], kept["segment"])) == [
        ("subregion", "Kaustisen seutukunta"), ("municipality", "Kokkola"), ("subregion", "Kokkolan seutukunta")]
