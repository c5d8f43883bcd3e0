"""WP1 needs tables (pipeline.analysis.needs) on a few inline rows."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pipeline import schemas
from pipeline.analysis.needs import (company_of_respondents, _company_profile, min_ranks, needs_tables, needs_tables_coded,
                                     rank_bootstrap, theme_by_segment, tiers)
from pipeline.analysis.stats import wilson_interval
from pipeline.config import defaults
from pipeline.coding.texts import coded_texts, with_answer_ids
from pipeline.errors import InputError
from pipeline.survey import Survey

PARAMS = dict(defaults()["analysis"], bootstrap_samples=2000)
SCALE = ["Heikko", "Välttävä", "Kohtalainen", "Hyvä", "Erinomainen"]
QUESTIONS = [
    ("q1", "Kunta", "single", ["Kokkola", "Kannus", "Perho"], "municipality"),
    ("q2", "Toimiala", "single", ["Teollisuus", "Palvelut"], "sector"),
    ("q2o", "Muu toimiala", "other_text", [], ""),
    ("q3", "Henkilöstön määrä", "single", ["1-9", "10-49"], "size"),
    ("q4", "Mistä aiheista olette kiinnostuneita?", "multi", ["Myynti", "Vienti", "Muu"], "interests"),
    ("q4o", "Muu, mikä?", "other_text", [], ""),
    ("q5", "Mihin tarvitsette tukea?", "open", [], "needs_text"),
    ("q6", "Osaamisemme", "likert", SCALE, "competence"),
    ("q7", "Haluatteko kehittää vientiä?", "single", ["Kyllä", "Ehkä", "Ei"], "export"),
]
NAMES = {"sales": "Myynti", "export": "Vienti", "digital": "Digitalisaatio", "other": "Muu"}
OPTION_CODES = [("Myynti", "sales", "sales"), ("Vienti", "export", "export"), ("Muu", "other", "other")]


def make_inputs(answers, respondents=None, questions=QUESTIONS, open_codes=None, item_codes=()):
    """(survey, codes, texts) from compact rows.

    ``answers``: (respondent_id, question_id, item, value, text, score, is_dont_know); ``respondents``:
    (respondent_id, company_id) pairs (default: every answering respondent is its own company);
    ``open_codes``: text_id -> (theme, themes, confidence) for open / other_text answers;
    ``item_codes``: (question_id, statement, theme) for competence statements.
    """
    qframe = schemas.conform(pd.DataFrame([dict(question_id=q, text=t, type=ty, columns=[q], options=o, role=r)
                                           for q, t, ty, o, r in questions]), "questions")
    aframe = schemas.conform(pd.DataFrame(list(answers), columns=list(schemas.ANSWERS)), "answers")
    if respondents is None:
        respondents = [(r, r) for r in dict.fromkeys(aframe["respondent_id"])]
    rframe = schemas.conform(pd.DataFrame({
        "respondent_id": [r for r, _ in respondents], "company_id": [c for _, c in respondents],
        "source_row": range(2, len(respondents) + 2), "submitted_at": pd.Timestamp("2024-03-01")}), "respondents")
    texts, codes = [], []
    for n, (label, theme, themes) in enumerate(OPTION_CODES):
        texts.append((f"option:q4:{n}", pd.NA, "q4", "option", label))
        codes.append((f"option:q4:{n}", "fi", theme, themes, 1.0))
    for n, (qid, statement, theme) in enumerate(item_codes):
        texts.append((f"item:{qid}:{n}", pd.NA, qid, "item", statement))
        codes.append((f"item:{qid}:{n}", "fi", theme, theme, 0.9))
    source = {q: ty for q, _, ty, _, _ in questions}
    for rid, qid, _, _, text, _, _ in answers:
        if text is not None:
            tid = f"{rid}:{qid}"
            texts.append((tid, rid, qid, source[qid], text))
            theme, themes, confidence = (open_codes or {}).get(tid, ("other", "other", 0.0))
            codes.append((tid, "fi", theme, themes, confidence))
    tframe = schemas.conform(with_answer_ids(pd.DataFrame(texts, columns=list(schemas.TEXTS)[:5]), qframe), "texts")
    cframe = schemas.conform(pd.DataFrame(codes, columns=list(schemas.CODES)), "codes")
    survey = Survey("needs.csv", "generic", "utf-8", ",", 1, qframe, rframe, aframe, schemas.empty("rejected"))
    return survey, cframe, tframe


def pick(rid, *options):
    return [(rid, "q4", o, o, None, np.nan, False) for o in options]


def single(rid, qid, value):
    return [(rid, qid, "", value, None, np.nan, False)]


def text(rid, qid, value):
    return [(rid, qid, "", None, value, np.nan, False)]


def tables(*args, **kwargs):
    return needs_tables(*make_inputs(*args, **kwargs), NAMES, PARAMS)


# --- company x theme -----------------------------------------------------------------------------------------

def test_company_counts_once_from_options_and_texts():
    answers = (pick("r1", "Myynti") + text("r1", "q5", "myynnin kehitys") + pick("r2", "Vienti")
               + text("r3", "q5", "verkkokauppa ja myynti") + pick("r4", "Myynti"))
    codes = {"r1:q5": ("sales", "sales", 0.9), "r3:q5": ("digital", "digital;sales", 0.8)}
    # r4 answers for the same company as r1: still one company
    out = tables(answers, respondents=[("r1", "A"), ("r2", "B"), ("r3", "C"), ("r4", "A")], open_codes=codes)
    expected = schemas.conform(pd.DataFrame({
        "company_id": ["A", "B", "C", "C"], "theme": ["sales", "export", "digital", "sales"],
        "is_from_options": [True, True, False, False], "is_from_text": [True, False, True, True],
        "is_certain": True}),
        "company_themes")
    pd.testing.assert_frame_equal(out["company_themes"], expected)


def test_option_coded_other_places_nowhere_but_its_text_does():
    answers = pick("r1", "Muu") + text("r1", "q4o", "vastuullisuusraportointi") + pick("r2", "Myynti")
    out = tables(answers, open_codes={"r1:q4o": ("digital", "digital", 0.7)})
    expected = schemas.conform(pd.DataFrame({
        "company_id": ["r1", "r2"], "theme": ["digital", "sales"],
        "is_from_options": [False, True], "is_from_text": [True, False], "is_certain": True}), "company_themes")
    pd.testing.assert_frame_equal(out["company_themes"], expected)


def test_picked_option_matches_its_label_whatever_case_and_spacing():
    answers = pick("r1", "  MYYNTI ") + pick("r2", "Vienti")
    out = tables(answers)["company_themes"]
    assert out[["company_id", "theme"]].values.tolist() == [["r1", "sales"], ["r2", "export"]]


def test_company_profile_takes_the_earliest_respondents_answer():
    # r2's answer comes first in the answers, but r1 has the earlier source row; r3's sector is stripped
    answers = (single("r2", "q2", "Palvelut") + single("r1", "q2", "Teollisuus") + single("r3", "q2", " Palvelut ")
               + single("r2", "q1", "kokkola") + single("r3", "q1", ""))
    survey, _, _ = make_inputs(answers, respondents=[("r1", "A"), ("r2", "A"), ("r3", "B")])
    profile = _company_profile(survey, company_of_respondents(survey.respondents), PARAMS)
    expected = pd.DataFrame({"municipality": ["Kokkola", pd.NA], "sector": ["Teollisuus", "Palvelut"],
                             "size": [pd.NA, pd.NA], "subregion": ["Kokkolan seutukunta", pd.NA]},
                            index=pd.Index(["A", "B"], name="company_id", dtype="string"), dtype="string")
    pd.testing.assert_frame_equal(profile, expected)


def test_other_text_of_a_non_needs_question_does_not_count():
    answers = pick("r1", "Myynti") + text("r1", "q2o", "myynti ja markkinointi")
    out = tables(answers, open_codes={"r1:q2o": ("sales", "sales", 0.9)})
    assert out["company_themes"]["is_from_text"].tolist() == [False]


# --- ranking -------------------------------------------------------------------------------------------------

def test_theme_ranking_counts_share_and_wilson_over_all_companies():
    answers = (pick("r1", "Myynti", "Vienti") + pick("r2", "Myynti") + pick("r3", "Myynti")
               + single("r4", "q2", "Palvelut") + text("r2", "q5", "ei tarvetta juuri nyt"))
    ranking = tables(answers)["theme_ranking"]
    n = 4  # r4 answered no theme question but is a responding company
    counts = [3, 1, 0, 1]
    low, high = wilson_interval(counts, [n] * 4)
    expected = pd.DataFrame({
        "theme": ["sales", "export", "digital", "other"],
        "theme_name": ["Myynti", "Vienti", "Digitalisaatio", "Muu"],
        "companies": counts, "companies_uncertain": 0, "respondents": n, "share": np.array(counts) / n,
        "ci_low": low, "ci_high": high})
    expected = expected.astype({c: schemas.THEME_RANKING[c] for c in expected.columns})
    pd.testing.assert_frame_equal(ranking.iloc[:, :8], expected)
    assert ranking["rank"].tolist()[:3] == [1, 2, 3]
    # other keeps its figures but is not ranked, and comes last
    assert ranking.iloc[3][["rank", "rank_low", "rank_high", "tier"]].isna().all()
    assert np.isnan(ranking.iloc[3]["p_top"])


def test_a_company_placed_only_by_an_uncertain_code_widens_the_interval_both_ways():
    # r1 and r2 chose sales; r3 is placed in sales only by an unreviewed open answer coded at 0.6 (below the
    # review threshold 0.75), r1's own low-confidence answer does not matter: its option placed it for sure
    answers = (pick("r1", "Myynti") + pick("r2", "Myynti") + text("r3", "q5", "asiakkaita lisää")
               + text("r1", "q5", "myyntiä"))
    survey, codes, texts = make_inputs(answers, open_codes={"r3:q5": ("sales", "sales", 0.6),
                                                            "r1:q5": ("sales", "sales", 0.6)})
    coded = coded_texts(texts, codes, None, 0.75)
    out = needs_tables_coded(survey, coded, NAMES, PARAMS)
    assert out["company_themes"].query("theme == 'sales'")["is_certain"].tolist() == [True, True, False]
    sales = out["theme_ranking"].set_index("theme").loc["sales"]
    assert (sales["companies"], sales["companies_uncertain"], sales["respondents"]) == (3, 1, 3)
    assert sales["ci_low"] == pytest.approx(wilson_interval([2], [3])[0][0])
    assert sales["ci_high"] == pytest.approx(wilson_interval([3], [3])[1][0])


def test_bootstrap_ties_share_min_rank_and_top_k():
    # columns 0 and 1 hold the same companies: every resample ties them
    matrix = np.array([[1, 1, 0], [1, 1, 1], [0, 0, 0], [1, 1, 0], [0, 0, 1]], dtype=bool)
    out = rank_bootstrap(matrix, samples=2000, seed=7, top_k=2, confidence=0.95)
    assert out["rank"].tolist() == [1, 1, 3]
    assert out.loc[0].tolist() == out.loc[1].tolist()
    # the pair is never split: when column 2 beats them they share rank 2, so both are in the top 2 whenever a
    # company of the resample chose them (a resample of rows 2 and 4 alone, about 1 %, chose neither: no top)
    assert 0.98 < out.loc[0, "p_top"] < 1.0
    assert out.loc[0, "rank_high"] == 2
    assert 0.0 < out.loc[2, "p_top"] < 1.0


def test_bootstrap_is_reproducible_and_order_free():
    answers = (pick("r1", "Myynti", "Vienti") + pick("r2", "Myynti") + pick("r3", "Vienti") + pick("r4", "Myynti")
               + pick("r5", "Vienti") + pick("r6", "Myynti"))
    first = tables(answers)["theme_ranking"]
    shuffled = tables(list(reversed(answers)))["theme_ranking"]
    pd.testing.assert_frame_equal(first, shuffled)


def test_bootstrap_depends_only_on_the_membership_patterns():
    # resampling goes through the distinct rows (patterns) and their counts: row order cannot matter
    matrix = np.array([[1, 0, 1], [0, 1, 0], [1, 1, 0], [1, 0, 1], [0, 0, 0], [1, 1, 0]], dtype=bool)
    first = rank_bootstrap(matrix, samples=500, seed=3, top_k=1, confidence=0.95)
    shuffled = rank_bootstrap(matrix[[5, 2, 0, 4, 1, 3]], samples=500, seed=3, top_k=1, confidence=0.95)
    pd.testing.assert_frame_equal(first, shuffled)


def test_bootstrap_of_patterns_matches_resampling_companies():
    # 120 companies with unequal pattern counts; a reference bootstrap draws the rows themselves
    matrix = np.zeros((120, 3), dtype=bool)
    matrix[:50, 0] = True
    matrix[30:76, 1] = True
    matrix[70:100, 2] = True
    out = rank_bootstrap(matrix, samples=4000, seed=11, top_k=1, confidence=0.95)
    rows = np.random.default_rng(5).integers(0, 120, size=(4000, 120))
    ranks = min_ranks(matrix[rows].sum(axis=1))
    np.testing.assert_allclose(out["p_top"], (ranks <= 1).mean(axis=0), atol=0.03)
    assert out["rank_low"].tolist() == np.percentile(ranks, 2.5, axis=0, method="lower").tolist() == [1, 1, 2]
    assert out["rank_high"].tolist() == np.percentile(ranks, 97.5, axis=0, method="higher").tolist() == [2, 2, 3]


def test_bootstrap_of_one_pattern_has_no_spread():
    matrix = np.array([[1, 0, 1]] * 8, dtype=bool)
    out = rank_bootstrap(matrix, samples=200, seed=1, top_k=1, confidence=0.95)
    assert out["rank"].tolist() == out["rank_low"].tolist() == out["rank_high"].tolist() == [1, 3, 1]
    assert out["p_top"].tolist() == [1.0, 0.0, 1.0]


def test_tiers_break_only_where_the_paired_test_holds():
    # 30 companies: a wanted by all, b by 15 of them; c by the same 15 plus one; d by nobody
    matrix = np.zeros((30, 4), dtype=bool)
    matrix[:, 0] = True
    matrix[:15, 1] = True
    matrix[:16, 2] = True
    # in rank order a (30), c (16), b (15), d (0): c and b cannot be told apart, the others can
    assert tiers(matrix[:, [0, 2, 1, 3]], 0.95) == [1, 2, 2, 3]


def test_overlapping_intervals_do_not_join_a_tier_when_the_paired_difference_holds():
    # 26 companies; a's 14 include all of b's 6: marginal Wilson intervals overlap, yet every company of b is
    # also in a and 8 more are in a only (exact McNemar p = 0.008)
    matrix = np.zeros((26, 2), dtype=bool)
    matrix[:14, 0] = True
    matrix[:6, 1] = True
    low_a, _ = wilson_interval(14, 26)
    _, high_b = wilson_interval(6, 26)
    assert low_a < high_b
    assert tiers(matrix, 0.95) == [1, 2]


def test_tiers_of_equal_themes_stay_together():
    matrix = np.array([[1, 0], [0, 1], [1, 0], [0, 1], [1, 1], [0, 0]], dtype=bool)
    assert tiers(matrix, 0.95) == [1, 1]
    assert tiers(np.zeros((0, 0), dtype=bool), 0.95) == []


def test_clear_leader_has_its_own_tier():
    answers = [row for r in range(1, 21) for row in pick(f"r{r:02d}", "Myynti")] + pick("r01", "Vienti")
    ranking = tables(answers)["theme_ranking"]
    assert ranking[["theme", "tier"]].iloc[:3].values.tolist() == [["sales", 1], ["export", 2], ["digital", 2]]


# --- segments ------------------------------------------------------------------------------------------------

def test_theme_by_segment_primary_and_secondary_suppression():
    companies = [f"c{i:02d}" for i in range(1, 13)]
    profile = pd.DataFrame({"municipality": ["Kokkola"] * 7 + ["Kannus"] * 5,
                            "sector": pd.NA, "size": pd.NA}, index=pd.Index(companies, name="company_id"))
    profile = profile.astype("string").assign(subregion="Kokkolan seutukunta")
    membership = pd.DataFrame({"company_id": companies[:5] + ["c08"] + companies[:3] + companies[7:11],
                               "theme": ["sales"] * 6 + ["export"] * 7})
    out = theme_by_segment(membership, profile, {"sales": "Myynti", "export": "Vienti"}, PARAMS["subregions"],
                           PARAMS)
    counts = [1, 4, 5, 3, 6, 7]
    bases = [5, 5, 7, 7, 12, 12]
    low, high = wilson_interval(counts, bases)
    # Kannus sales (1) is hidden; Kokkola sales goes too, else 6 - 5 gives it away
    hidden = np.array([True, False, True, False, False, False])
    expected = schemas.conform(pd.DataFrame({
        "segment_type": ["municipality"] * 4 + ["subregion"] * 2,
        "segment": ["Kannus", "Kannus", "Kokkola", "Kokkola", "Kokkolan seutukunta", "Kokkolan seutukunta"],
        "theme": ["sales", "export"] * 3, "theme_name": ["Myynti", "Vienti"] * 3,
        "companies": pd.Series(counts, dtype="Int64").mask(hidden), "base": bases,
        "share": pd.Series(np.array(counts) / bases, dtype="Float64").mask(hidden),
        "suppressed": hidden,
        "ci_low": pd.Series(low, dtype="Float64").mask(hidden),
        "ci_high": pd.Series(high, dtype="Float64").mask(hidden),
        "members": ["Kannus", "Kannus", "Kokkola", "Kokkola", "Kannus;Kokkola", "Kannus;Kokkola"]}),
        "theme_by_segment")
    pd.testing.assert_frame_equal(out, expected)


def test_segment_with_small_base_is_hidden_even_at_zero():
    answers = []
    for r in range(1, 9):
        answers += single(f"r{r}", "q2", "Teollisuus" if r <= 5 else "Palvelut")
        answers += pick(f"r{r}", "Myynti") if r <= 4 else []
    seg = tables(answers)["theme_by_segment"]
    palvelut = seg[(seg["segment"] == "Palvelut")]
    assert palvelut["suppressed"].all() and palvelut["companies"].isna().all() and palvelut["share"].isna().all()
    assert (palvelut["base"] == 3).all()
    # the sales total (4) minus Teollisuus would give Palvelut away, so Teollisuus sales goes too; the themes
    # nobody chose stay published for Teollisuus: their total 0 already says every cell is 0
    assert seg[["segment", "theme", "suppressed"]].values.tolist() == [
        ["Teollisuus", "sales", True], ["Teollisuus", "digital", False], ["Teollisuus", "export", False],
        ["Teollisuus", "other", False], ["Palvelut", "sales", True], ["Palvelut", "digital", True],
        ["Palvelut", "export", True], ["Palvelut", "other", True]]
    assert set(seg["segment_type"]) == {"sector"}


def test_small_municipalities_merge_before_suppression():
    answers = []
    towns = ["Kokkola"] * 6 + ["Perho", "Veteli", "Halsua", "Toholampi", "Kaustinen"]
    for r, town in enumerate(towns, start=1):
        answers += single(f"r{r:02d}", "q1", town) + pick(f"r{r:02d}", "Myynti")
    seg = tables(answers)["theme_by_segment"]
    municipal = seg[(seg["segment_type"] == "municipality") & (seg["theme"] == "sales")]
    # the pool lists the sub-region's configured municipalities, Lestijärvi too though none of its firms answered
    # (a list of the answering ones published that Lestijärvi's only firm took part; QA round 24)
    assert municipal[["segment", "companies", "base", "members"]].values.tolist() == [
        ["Kaustisen seutukunta", 5, 5, "Halsua;Kaustinen;Lestijärvi;Perho;Toholampi;Veteli"],
        ["Kokkola", 6, 6, "Kokkola"]]


# --- open answers, options, Likert ---------------------------------------------------------------------------

def test_open_theme_share_counts_answers():
    answers = (text("r1", "q5", "myynti") + text("r2", "q5", "vienti ja myynti") + text("r3", "q5", "en tiedä")
               + pick("r4", "Myynti"))
    codes = {"r1:q5": ("sales", "sales", 0.9), "r2:q5": ("export", "export;sales", 0.8)}
    out = tables(answers, open_codes=codes)["open_theme_share"]
    low, high = wilson_interval([2, 1, 1, 0], [3] * 4)
    expected = schemas.conform(pd.DataFrame({
        "theme": ["sales", "export", "other", "digital"], "theme_name": ["Myynti", "Vienti", "Muu", "Digitalisaatio"],
        "answers": [2, 1, 1, 0], "n": 3, "share": np.array([2, 1, 1, 0]) / 3, "ci_low": low, "ci_high": high}),
        "open_theme_share")
    pd.testing.assert_frame_equal(out, expected)


def test_option_counts_base_is_respondents_who_picked_any():
    answers = pick("r1", "Myynti", "Vienti") + pick("r2", "Myynti") + pick("r3", "myynti ") + single("r4", "q2", "X")
    out = tables(answers)["option_counts"]
    counts = [3, 1, 0]
    low, high = wilson_interval(counts, [3] * 3)
    expected = schemas.conform(pd.DataFrame({
        "question_id": "q4", "option": ["Myynti", "Vienti", "Muu"], "respondents": counts, "base": 3,
        "share": np.array(counts) / 3, "ci_low": low, "ci_high": high, "themes": ["sales", "export", "other"]}),
        "option_counts")
    pd.testing.assert_frame_equal(out, expected)


def test_option_counts_lists_unlisted_options_after_the_listed():
    answers = pick("r1", "Myynti", "Koulutus") + pick("r2", "koulutus")
    out = tables(answers)["option_counts"]
    # "Koulutus" and "koulutus" are two spellings of one unlisted option: each row counts both respondents
    assert out[["option", "respondents", "base", "themes"]].values.tolist() == [
        ["Myynti", 1, 2, "sales"], ["Vienti", 0, 2, "export"], ["Muu", 0, 2, "other"], ["Koulutus", 2, 2, ""],
        ["koulutus", 2, 2, ""]]


def likert(rid, item, score):
    if score is None:
        return [(rid, "q6", item, "En osaa sanoa", None, np.nan, True)]
    return [(rid, "q6", item, SCALE[score - 1], None, float(score), False)]


LIKERT_ANSWERS = (likert("r1", "A", 5) + likert("r2", "A", 4) + likert("r3", "A", 2) + likert("r4", "A", None)
                  + likert("r1", "B", 3) + likert("r2", "B", 3) + likert("r3", "B", 1) + likert("r4", "B", 2)
                  + pick("r1", "Myynti") + pick("r2", "Myynti") + pick("r3", "Vienti"))


def test_likert_summary_top2_median_and_dont_know_beside():
    out = tables(LIKERT_ANSWERS)["likert_summary"]
    low, high = wilson_interval([2, 0], [3, 4])
    expected = schemas.conform(pd.DataFrame({
        "question_id": "q6", "question": "Osaamisemme", "item": ["A", "B"], "n": [3, 4], "n_dont_know": [1, 0],
        "top2": [2, 0], "share": [2 / 3, 0.0], "ci_low": low, "ci_high": high, "median_score": [4.0, 2.5],
        "median_label": ["Hyvä", "Välttävä / Kohtalainen"]}), "likert_summary")
    pd.testing.assert_frame_equal(out, expected)


def test_likert_counts_a_company_that_answered_twice_once_with_its_earliest_answer():
    # r1 and r2 are one company (A); its earliest respondent r1 rates A at 5, r2 rated it 4
    out = tables(LIKERT_ANSWERS, respondents=[("r1", "X"), ("r2", "X"), ("r3", "Y"), ("r4", "Z")])["likert_summary"]
    assert out[["item", "n", "n_dont_know", "top2"]].values.tolist() == [["A", 2, 1, 1], ["B", 3, 0, 0]]


def test_likert_distribution_has_every_label_and_dont_know_row():
    out = tables(LIKERT_ANSWERS)["likert_distribution"]
    a_counts = [0, 1, 0, 1, 1]
    b_counts = [1, 1, 2, 0, 0]
    expected = schemas.conform(pd.DataFrame({
        "question_id": "q6", "question": "Osaamisemme", "item": ["A"] * 6 + ["B"] * 5,
        "label": SCALE + ["En osaa sanoa"] + SCALE,
        "score": [1.0, 2.0, 3.0, 4.0, 5.0, np.nan, 1.0, 2.0, 3.0, 4.0, 5.0],
        "is_dont_know": [False] * 5 + [True] + [False] * 5,
        "count": a_counts + [1] + b_counts, "base": [3] * 5 + [4] + [4] * 5,
        "share": [c / 3 for c in a_counts] + [0.25] + [c / 4 for c in b_counts]}), "likert_distribution")
    pd.testing.assert_frame_equal(out, expected)


def test_need_vs_competence_pairs_theme_with_coded_statement():
    out = tables(LIKERT_ANSWERS, item_codes=[("q6", "A", "sales"), ("q6", "B", "other")])["need_vs_competence"]
    d_low, d_high = wilson_interval(2, 4)
    c_low, c_high = wilson_interval(2, 3)
    expected = schemas.conform(pd.DataFrame({
        "theme": ["sales"], "theme_name": ["Myynti"], "companies": [2], "respondents": [4], "demand_share": [0.5],
        "demand_ci_low": [d_low], "demand_ci_high": [d_high], "question_id": ["q6"], "item": ["A"],
        "competence_n": [3], "competence_top2": [2], "competence_share": [2 / 3],
        "competence_ci_low": [c_low], "competence_ci_high": [c_high]}), "need_vs_competence")
    pd.testing.assert_frame_equal(out, expected)


# --- export readiness ----------------------------------------------------------------------------------------

def test_export_readiness_by_sector_with_suppression():
    plan = {"Teollisuus": ["Kyllä"] * 5 + ["Ehkä"] * 5 + ["Ei"] * 2, "Palvelut": ["Kyllä"] * 3 + ["Ehkä"] * 3 + ["Ei"] * 2}
    answers, respondents, n = [], [], 0
    for sector, replies in plan.items():
        for reply in replies:
            n += 1
            answers += single(f"r{n:02d}", "q2", sector) + single(f"r{n:02d}", "q7", reply)
            respondents.append((f"r{n:02d}", f"c{n:02d}"))
    # a second respondent of company c01 says no: the company keeps its yes
    answers += single("r99", "q2", "Teollisuus") + single("r99", "q7", "Ei")
    answers += single("r98", "q7", "En osaa sanoa")  # neither yes, maybe nor no: out of the base
    respondents += [("r99", "c01"), ("r98", "c98")]
    out = tables(answers + pick("r01", "Myynti"), respondents=respondents)["export_readiness"]
    counts = [8, 8, 4, 5, 5, 2, 3, 3, 2]
    bases = [20] * 3 + [12] * 3 + [8] * 3
    low, high = wilson_interval(counts, bases)
    # "no" (2) is hidden in both sectors; yes goes too in each (ties: the first answer), maybe stays
    hidden = np.array([False] * 3 + [True, False, True] * 2)
    expected = schemas.conform(pd.DataFrame({
        "segment_type": ["all"] * 3 + ["sector"] * 6, "segment": ["all"] * 3 + ["Teollisuus"] * 3 + ["Palvelut"] * 3,
        "answer": ["yes", "maybe", "no"] * 3,
        "companies": pd.Series(counts, dtype="Int64").mask(hidden), "base": bases,
        "share": pd.Series(np.array(counts) / bases, dtype="Float64").mask(hidden),
        "ci_low": pd.Series(low, dtype="Float64").mask(hidden),
        "ci_high": pd.Series(high, dtype="Float64").mask(hidden),
        "suppressed": hidden, "question": "Haluatteko kehittää vientiä?"}), "export_readiness")
    pd.testing.assert_frame_equal(out, expected)


# --- quotes, errors, purity ----------------------------------------------------------------------------------

def test_quotes_tier_one_by_confidence_min_words():
    answers = (text("r1", "q5", "apua myynnin kehittämiseen kansainvälisesti")
               + text("r2", "q5", "myynti")  # too short to quote
               + text("r3", "q5", "tarvitsemme uusia asiakkaita ja myyntiä")
               + text("r4", "q5", "myyntiosaamisen vahvistaminen koko tiimille")
               + text("r5", "q5", "myynnin prosessit ja CRM käyttöön"))
    codes = {"r1:q5": ("sales", "sales", 0.6), "r2:q5": ("sales", "sales", 0.99),
             "r3:q5": ("sales", "sales", 0.9), "r4:q5": ("sales", "sales", 0.9), "r5:q5": ("sales", "sales", 0.5)}
    out = tables(answers, open_codes=codes)["quotes"]
    expected = schemas.conform(pd.DataFrame({
        "theme": "sales", "theme_name": "Myynti", "quote_no": [1, 2, 3], "text_id": ["r3:q5", "r4:q5", "r1:q5"],
        "text": ["tarvitsemme uusia asiakkaita ja myyntiä", "myyntiosaamisen vahvistaminen koko tiimille",
                 "apua myynnin kehittämiseen kansainvälisesti"], "lang": "fi", "confidence": [0.9, 0.9, 0.6]}),
        "quotes")
    pd.testing.assert_frame_equal(out, expected)


def test_an_answer_written_word_for_word_by_two_companies_is_quoted_once():
    answers = (text("r1", "q5", "Yrityksen brändi kaipaisi päivitystä.")
               + text("r2", "q5", "yrityksen brändi  kaipaisi päivitystä.")
               + text("r3", "q5", "Brändin kirkastaminen ja yhtenäinen ilme"))
    codes = {f"r{i}:q5": ("branding", "branding", 0.9) for i in (1, 2, 3)}
    out = tables(answers, open_codes=codes)["quotes"]
    assert out["text_id"].tolist() == ["r1:q5", "r3:q5"]


def test_survey_without_theme_questions_is_an_input_error():
    questions = [q for q in QUESTIONS if q[4] not in ("interests", "needs_text")]
    with pytest.raises(InputError, match="needs.csv: no question has the role interests or needs_text"):
        tables(single("r1", "q2", "Palvelut"), questions=questions)


def test_inputs_are_not_modified():
    survey, codes, texts = make_inputs(LIKERT_ANSWERS + text("r1", "q5", "myynnin tuki"))
    before = [survey.answers.copy(), survey.respondents.copy(), codes.copy(), texts.copy()]
    needs_tables(survey, codes, texts, NAMES, PARAMS)
    for old, new in zip(before, [survey.answers, survey.respondents, codes, texts]):
        pd.testing.assert_frame_equal(old, new)


def test_size_classes_follow_their_numbers():
    questions = [q if q[0] != "q3" else ("q3", "Henkilöstö", "single", ["6–25", "yli 50", "1", "2–5"], "size")
                 for q in QUESTIONS]
    answers = [row for r, size in enumerate(["yli 50", "1", "2–5", "6–25"]) for row in
               single(f"r{r}", "q3", size) + pick(f"r{r}", "Myynti")]
    seg = tables(answers, questions=questions)["theme_by_segment"]
    assert list(dict.fromkeys(seg["segment"])) == ["1", "2–5", "6–25", "yli 50"]


def test_option_ranking_counts_companies_once_and_lists_every_option():
    # r1 and r2 are one company (same business id pseudonym): their choices count once, as a union
    survey, codes, texts = make_inputs(pick("r1", "Myynti") + pick("r2", "Myynti", "Vienti") + pick("r3", "Vienti"))
    respondents = survey.respondents.assign(company_id=survey.respondents["respondent_id"].replace({"r2": "r1"}))
    survey = Survey(survey.source, survey.tool, survey.encoding, survey.delimiter, survey.header_rows,
                    survey.questions, respondents, survey.answers, survey.rejected)
    got = needs_tables(survey, codes, texts, NAMES, PARAMS)["option_ranking"]
    counts = dict(zip(got["option"], got["companies"]))
    assert counts["Myynti"] == 1 and counts["Vienti"] == 2
    assert set(got["base"]) == {2}
    assert set(got["option"]) >= set(survey.questions.set_index("question_id").loc["q4", "options"])
    assert got["companies"].tolist() == sorted(got["companies"], reverse=True)
