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
                   parts={"traced": ("attended",), "impact_base": ("impact_yes",)},
                   no_zero=("attended_without_asking",), within={"attended": ("impact_base", "impact_yes")},
                   # QA round 8: an impact count 1-2 short of its base tells the companies that said no
                   complement={"impact_yes": "impact_base"})


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
        (2, "impact_yes"), (0, "attended_without_asking"),     # 0: whoever was seen at a sales workshop asked
        (1, "impact_base - impact_yes"), (2, "impact_base - impact_yes")}   # 1 of 2, 2 of 3 said yes
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


def test_a_published_median_is_part_of_the_arithmetic_the_hidden_counts_are_protected_against():
    """QA round 6: levels 1 and 4 hidden (4 answers together), level 2 = 5, 3 = 5, 5 = 0 of n 14, and the
    median "2" published: the 7th and 8th answers are at level 2 or below, so level 1 holds 3 and level 4 one.
    The median stays; the audit reads it, and more counts are hidden until no hidden one is narrowed."""
    from pipeline import schemas
    from pipeline.disclosure import audit_tables, published

    counts = [3, 5, 5, 1, 0]
    distribution = schemas.conform(pd.DataFrame({
        "question_id": "q05", "question": "Osaaminen", "item": ["Digitalisointi"] * 5,
        "label": [f"L{s}" for s in range(1, 6)], "score": list(range(1, 6)), "is_dont_know": False,
        "count": counts, "base": 14, "share": [c / 14 for c in counts]}), "likert_distribution")
    summary = schemas.conform(pd.DataFrame({
        "question_id": "q05", "question": "Osaaminen", "item": ["Digitalisointi"], "n": 14,
        "n_dont_know": 0, "top2": [1], "share": [1 / 14], "ci_low": 0.01, "ci_high": 0.3,
        "median_score": [2.0], "median_label": ["L2"]}), "likert_summary")
    primary = distribution.assign(count=distribution["count"].astype("Int64").mask(pd.Series([True, False, False,
                                                                                               True, False])))
    told = audit_tables({"likert_distribution": primary, "likert_summary": summary.assign(top2=pd.NA)}, PUBLIC)
    narrowed = told.loc[~told["is_protected"]]
    assert {"L1", "L4"} <= set(narrowed["cell"].str.extract(r"\[(L\d)\]")[0].dropna())
    assert narrowed.loc[narrowed["cell"].str.contains("L1"), ["low", "high"]].values.tolist() == [[3.0, 4.0]]
    shown = published({"likert_distribution": distribution, "likert_summary": summary}, PUBLIC)
    assert shown["likert_summary"]["median_label"].tolist() == ["L2"]
    assert shown["likert_distribution"]["count"].isna().sum() >= 2
    assert audit_tables(shown, PUBLIC)["is_protected"].all()


def test_a_language_count_one_short_of_its_base_is_hidden_in_the_public_edition():
    """QA round 6: companies using Swedish 13 of 14 told the one Finnish-only company."""
    frame = pd.DataFrame({"measure": ["companies", "companies"], "language": ["fi", "sv"], "value": [4, 13],
                          "base": [14, 14], "value_low": [4, 13], "base_low": [14, 14],
                          "share": [4 / 14, 13 / 14], "ci_low": [0.1, 0.7], "ci_high": [0.5, 0.99]})
    args = dict(counts=("value", "value_low"), bases={"base": ("share", "ci_low", "ci_high")},
                complement={"value": "base", "value_low": "base_low"})
    steering = disclosed(frame, STEERING, **args)
    assert steering["value"].tolist() == [4, 13]
    found = small_figures({"language": steering}, PUBLIC)
    # (the Finnish row too: since QA round 17 the public edition publishes the Swedish company row alone)
    assert set(zip(found["row"], found["column"])) == {(1, "base - value"), (1, "base_low - value_low"),
                                                      (0, "value (fi row)")}
    public = disclosed(frame, PUBLIC, **args)
    assert public["value"].isna().tolist() == [False, True] and public["share"].isna().tolist() == [False, True]
    assert public["suppressed"].tolist() == [False, True]
    rest = small_figures({"language": public}, PUBLIC)
    assert set(zip(rest["row"], rest["column"])) == {(0, "value (fi row)")}


def test_a_workshops_comment_themes_from_too_few_comments_are_not_published():
    """QA round 6: a workshop of two comments showed theme counts of 1 of 2 in the public edition."""
    themes = pd.DataFrame({"scope": ["overall", "workshop", "workshop"], "workshop_id": [None, "W2", "W3"],
                           "prompt": "good", "theme": "trainer", "comments": [9, 1, 6], "base": [21, 2, 8]})
    found = small_figures({"feedback_themes": themes}, PUBLIC)
    assert found[["row", "column", "value"]].values.tolist() == [[1, "base", 2.0]]


def _sectors(cells):
    from pipeline import schemas
    from pipeline.analysis.stats import wilson_interval

    frame = pd.DataFrame(cells, columns=["segment", "theme", "companies", "base"])
    low, high = wilson_interval(frame["companies"], frame["base"])
    frame = frame.assign(segment_type="sector", theme_name=frame["theme"], share=frame["companies"] / frame["base"],
                         suppressed=False, ci_low=low, ci_high=high, members=pd.NA)
    return schemas.conform(frame, "theme_by_segment")


def _ranking(counts, n):
    return pd.DataFrame({"theme": list(counts), "theme_name": list(counts),
                         "companies": pd.array(list(counts.values()), dtype="Int64"), "respondents": n})


def test_the_companies_outside_the_published_segments_are_not_pinned_at_all_or_none():
    """QA round 6, project B: sector bases 10, 9 and 7 of 30 published, construction's (4) hidden; sales 21 in
    all and 9, 4 and 4 in the published sectors: the 4 other companies, whoever gave no sector and construction,
    all want sales, though construction's own cell ranges 0..4."""
    from pipeline.disclosure import published

    frame = _sectors([("Palvelut", "sales", 9, 10), ("Kauppa", "sales", 4, 9), ("Teollisuus", "sales", 4, 7),
                      ("Rakentaminen", "sales", 4, 4)])
    totals = _ranking({"sales": 21}, 30)
    shown = frame.assign(companies=frame["companies"].astype("Int64").mask(frame.index == 3),
                         base=frame["base"].astype("Int64").mask(frame.index == 3))
    told = whole_segment_figures({"theme_ranking": totals, "theme_by_segment": shown}, PUBLIC)
    assert told["what"].str.startswith("theme_by_segment[sector, sales]").any()
    public = published({"theme_ranking": totals, "theme_by_segment": frame}, PUBLIC)
    assert public["theme_by_segment"]["companies"].isna().sum() >= 2
    assert whole_segment_figures({"theme_ranking": totals, **public}, PUBLIC).empty


def test_a_theme_nobody_chose_does_not_take_its_breakdown_away():
    """The survey total (0 of 34) tells every company's answer already: a hidden small sector beside it is no
    group to unpin, and the breakdown stays."""
    from pipeline.disclosure import published

    frame = _sectors([("Palvelut", "export", 0, 12), ("Kauppa", "export", 0, 10), ("Teollisuus", "export", 0, 6),
                      ("Rakentaminen", "export", 0, 2)])
    # 34 companies, 4 of them without a sector: the small sector's base is not pinned by the others'
    public = published({"theme_ranking": _ranking({"export": 0}, 34), "theme_by_segment": frame}, PUBLIC)
    assert len(public["theme_by_segment"]) == 4
    assert public["theme_by_segment"]["companies"].tolist()[:3] == [0, 0, 0]


def test_a_small_survey_level_export_answer_is_protected_by_hiding_another():
    """QA round 7: export yes 2 (hidden), maybe 4, no 18 of 24 published: 24 - 4 - 18 = 2. The survey-level
    answers add up to the base, so the public edition hides a second one."""
    from pipeline import schemas
    from pipeline.disclosure import audit_tables, published

    rows = [("all", "all", "yes", 2, 24), ("all", "all", "maybe", 4, 24), ("all", "all", "no", 18, 24),
            ("size", "1-9", "yes", 1, 14), ("size", "1-9", "maybe", 2, 14), ("size", "1-9", "no", 11, 14),
            ("size", "10+", "yes", 1, 10), ("size", "10+", "maybe", 2, 10), ("size", "10+", "no", 7, 10)]
    frame = pd.DataFrame(rows, columns=["segment_type", "segment", "answer", "companies", "base"])
    frame = schemas.conform(frame.assign(question="Vienti", share=frame["companies"] / frame["base"],
                                         ci_low=0.0, ci_high=1.0, suppressed=False), "export_readiness")
    shown = published({"export_readiness": frame}, PUBLIC)["export_readiness"]
    alls = shown[shown["segment_type"] == "all"]
    assert alls["companies"].isna().sum() >= 2
    assert audit_tables({"export_readiness": shown}, PUBLIC)["is_protected"].all()


def test_impact_counts_inside_a_hidden_attendance_are_hidden_too():
    """QA round 7: export traced and attended hidden (none of 4 attended), impact base 0 and yes 0 published:
    attendance known only from the impact survey, a base of 0 told that none attended."""
    frame = pd.DataFrame({"theme": ["export", "sales"], "asked": [6, 14], "traced": [4, 13], "attended": [0, 5],
                          "impact_base": [0, 5], "impact_yes": [0, 3], "attended_without_asking": [3, 3],
                          "share": [0.0, 5 / 13], "impact_share": [np.nan, 0.6]})
    steering = disclosed(frame, STEERING, **FUNNEL_ARGS)
    found = small_figures({"funnel": steering.assign(attended=steering["attended"].mask([True, False]))}, PUBLIC)
    assert {(0, "impact_base (within a hidden attended)"), (0, "impact_yes (within a hidden attended)")} <= \
        set(zip(found["row"], found["column"]))
    public = disclosed(frame, PUBLIC, **FUNNEL_ARGS)
    assert public.loc[0, ["attended", "impact_base", "impact_yes"]].isna().all()
    assert public.loc[1, "impact_base"] == 5
    assert small_figures({"funnel": public}, PUBLIC).empty


def test_a_theme_named_in_one_or_two_open_answers_is_hidden_in_the_public_edition():
    """QA round 7: "Data ja digitaaliset työkalut | 1 | 23" in the public open-answer themes."""
    from pipeline.disclosure import published_open_share

    share = pd.DataFrame({"theme": ["sales", "data"], "theme_name": ["Myynti", "Data"], "answers": [8, 1],
                          "n": [23, 23], "share": [8 / 23, 1 / 23], "ci_low": [0.19, 0.01], "ci_high": [0.55, 0.2]})
    assert small_figures({"open_theme_share": share}, PUBLIC)[["row", "column"]].values.tolist() == [[1, "answers"]]
    public = published_open_share(share, PUBLIC)
    assert public["answers"].isna().tolist() == [False, True] and public["share"].isna().tolist() == [False, True]
    assert list(public.columns) == list(share.columns)
    assert published_open_share(share, STEERING).equals(share)
    assert small_figures({"open_theme_share": public}, PUBLIC).empty


def test_a_small_count_of_uncertain_companies_is_hidden_in_the_public_edition():
    """QA round 7: "of which uncertain: 1" (sales) in the public theme ranking."""
    from pipeline.disclosure import published

    ranking = _ranking({"sales": 15, "data": 9}, 24).assign(companies_uncertain=pd.array([1, 4], dtype="Int64"))
    assert small_figures({"theme_ranking": ranking}, PUBLIC)[["row", "column"]].values.tolist() == [
        [0, "companies_uncertain"]]
    public = published({"theme_ranking": ranking}, PUBLIC)["theme_ranking"]
    assert public["companies_uncertain"].isna().tolist() == [True, False]
    assert public["companies"].tolist() == [15, 9]
    steering = published({"theme_ranking": ranking}, STEERING)["theme_ranking"]
    assert steering["companies_uncertain"].tolist() == [1, 4]
