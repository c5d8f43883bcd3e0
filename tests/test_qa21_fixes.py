"""Fixes of the fourteenth round (2026-12-03): each test one behaviour, on a few inline values or rows."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from pipeline.i18n import Messages
from pipeline.report.content import Formatter


def test_reviews_that_match_no_answer_any_more_are_a_data_warning_of_the_steering_report(caplog):
    """QA round 20: an analyst's reviewed answers whose text was edited since counted nowhere, and only the log and
    the review workbook's 'stale' sheet said so; now the steering report's data warnings name the workbook's
    sheet and rows, one warning per sheet."""
    from pipeline.report.headlines import data_warnings
    from pipeline.stages import input_problems

    texts = pd.DataFrame({"text_id": ["t1"], "answer_id": ["a1"], "text": ["Myyntiä"]})
    feedback_texts = pd.DataFrame({"text_id": ["f1"], "answer_id": ["b1"], "text": ["Hyvä"]})
    reviews = pd.DataFrame({"answer_id": ["a1", "a2", "a3", "b1", "a9"], "taxonomy": ["needs"] * 3 + ["feedback"] * 2,
                            "question": ["Q"] * 5, "text": ["Myyntiä", "Vientiä", "Dataa", "Hyvä", "Vanha"],
                            "themes": [["sales"], ["export"], ["data"], ["positive"], ["other"]],
                            "note": [""] * 5, "row": [2, 7, 4, 3, 2], "sheet": ["review"] * 4 + ["stale"]})
    with caplog.at_level("WARNING"):
        found = input_problems(texts=texts, feedback_texts=feedback_texts, coding_reviews=reviews,
                               review_file=Path("/project/coding_review.xlsx"))
    assert found[["source", "problem", "rows", "value"]].values.tolist() == [
        ["coding_review.xlsx", "stale_review", "4, 7", "review"], ["coding_review.xlsx", "stale_review", "2", "stale"]]
    assert not caplog.records  # the review workbook's own stage logs them; said once
    meta = {"input_problems": found.fillna("").astype(object).to_dict("records")}
    warned = data_warnings({}, meta, Formatter(Messages("en")), {})
    assert warned[0].startswith("coding_review.xlsx, sheet review, rows 4, 7: these reviewed answers match no answer")
    assert warned[1].startswith("coding_review.xlsx, sheet stale, row 2: this reviewed answer matches no answer")
    sv = data_warnings({}, meta, Formatter(Messages("sv")), {})
    assert sv[0].startswith("coding_review.xlsx, fliken review, raderna 4, 7: de här granskade svaren")
    # no review, or every reviewed answer still there: nothing to say
    assert input_problems(texts=texts, coding_reviews=reviews.iloc[:1], review_file=Path("r.xlsx")).empty
    assert input_problems(texts=texts).empty


def test_municipalities_shown_only_pooled_are_named_beside_the_segment_tables():
    """QA round 20: a Swedish project's report had no Karleby in "Per kommun" (merged with small Kannus into the
    sub-region) and only the log said why; the segment block now names each pool's municipalities and the rule.
    Segments of one municipality need no word."""
    from pipeline.report.content import pooled_municipalities

    frame = pd.DataFrame({
        "segment_type": ["municipality", "municipality", "municipality", "subregion", "sector"],
        "segment": ["Kokkolan seutukunta", "Kokkolan seutukunta", "Pietarsaari", "Kokkolan seutukunta", "Kauppa"],
        "theme": ["sales", "data", "sales", "sales", "sales"],
        "members": ["Kannus;Kokkola", "Kannus;Kokkola", "Pietarsaari", "Kannus;Kokkola", pd.NA],
        "share": [0.5, 0.4, 0.6, 0.5, 0.3], "suppressed": [False] * 5})
    assert pooled_municipalities(frame, Formatter(Messages("sv")), 5) == [
        "Per kommun: en kommun med färre än 5 svarande företag visas sammanslagen med de andra kommunerna i sin "
        "region (med hela regionen om också gruppen är mindre, så att ingen siffra kan räknas ut genom "
        "subtraktion): Karleby ekonomiska region = Kannus, Karleby."]
    assert pooled_municipalities(frame[frame["segment"] != "Kokkolan seutukunta"], Formatter(Messages("en")), 5) == []
    assert pooled_municipalities(frame.drop(columns="members"), Formatter(Messages("en")), 5) == []
    # QA round 21: no pooling sentence beside "By municipality: every figure is hidden, so its table is left out"
    hidden = frame.assign(suppressed=frame["segment_type"].eq("municipality"))
    assert pooled_municipalities(hidden, Formatter(Messages("en")), 5) == []


def test_an_interval_widened_by_unreviewed_uncertain_codes_is_explained_beside_the_ranking():
    """QA round 20: a theme's interval spanned both readings (without and with its uncertain companies) and the
    report never said so; the ranking block says it when a theme has such companies, and says nothing else."""
    from pipeline.report.content import uncertain_interval_note

    ranking = pd.DataFrame({"theme": ["sales", "data"], "companies": [17, 9], "companies_uncertain": [0, 2]})
    assert uncertain_interval_note(ranking, Formatter(Messages("en"))) == [
        "The column “of them uncertain” counts the companies counted for a theme only through answers the coder was "
        "unsure of and no one has reviewed; the interval of such a theme spans both readings, from the lower bound "
        "without them to the upper bound with them."]
    assert uncertain_interval_note(ranking.assign(companies_uncertain=[0, 0]), Formatter(Messages("fi"))) == []
    assert uncertain_interval_note(ranking.drop(columns="companies_uncertain"), Formatter(Messages("fi"))) == []


def test_a_separate_other_comments_question_beside_a_combined_one_is_a_general_comment_too():
    """QA round 20: beside "Vad var bra och vad kan förbättras?" (a general comment, as it asks both), the survey's
    "Övriga kommentarer" got no role, so its comments were neither coded nor reviewed. Both are comments now; a
    survey with no combined question is read as before (one comment question)."""
    from pipeline.roles import assign_roles

    both = pd.DataFrame({"question_id": ["q1", "q2", "q3"], "type": ["likert", "open", "open"], "options": [[]] * 3,
                         "text": ["Hur nöjd är du?", "Vad var bra och vad kan förbättras?", "Övriga kommentarer"]})
    assert assign_roles(both, "feedback")["role"].tolist() == ["satisfaction", "comment_text", "comment_text"]
    plain = pd.DataFrame({"question_id": ["q1", "q2", "q3"], "type": ["open"] * 3, "options": [[]] * 3,
                          "text": ["Övriga kommentarer", "Andra kommentarer", "Vad var bra?"]})
    assert assign_roles(plain, "feedback")["role"].tolist() == ["comment_text", "", "good_text"]


def test_no_strongest_competence_is_named_when_a_statements_share_is_hidden():
    """QA round 21: the public edition named sales (50 %) the strongest competence while export's share was hidden
    and its published top-2 count (15 of at most 29) put it above; with a hidden statement none is named. A
    statement nobody rated (n = 0) hides nothing."""
    from pipeline.report.headlines import likert_competence

    likert = pd.DataFrame({"question_id": ["q9"] * 3, "item": ["Försäljning", "Export", "Data"],
                           "n": [26, None, 0], "top2": [13, 15, 0], "share": [0.5, None, None],
                           "ci_low": [0.32, None, None], "ci_high": [0.68, None, None]})
    fmt = Formatter(Messages("en"))
    assert likert_competence({"likert_summary": likert}, {}, fmt, {}) is None
    rated = likert.assign(n=[26, 29, 0], share=[0.5, 15 / 29, None], ci_low=[0.32, 0.34, None],
                          ci_high=[0.68, 0.69, None])
    assert likert_competence({"likert_summary": rated}, {}, fmt, {}).startswith("Strongest competence: Export (52%")


def test_bilingual_municipality_answers_are_read_as_the_listed_municipality(caplog):
    """QA round 21: the region's options are written in both languages ("Jakobstad / Pietarsaari"); each put its
    companies outside every sub-region. A part that names a listed municipality (or its alias) gives the name; parts
    naming two municipalities, and a hyphen inside a name, do not."""
    from pipeline.analysis.stats import canonical_municipalities

    subregions = {"Jakobstadsregionen": ["Jakobstad", "Pedersöre", "Larsmo"], "Karlebyregionen": ["Karleby"]}
    aliases = {"Pietarsaari": "Jakobstad", "Luoto": "Larsmo", "Kokkola": "Karleby"}
    answers = pd.Series(["Jakobstad / Pietarsaari", "Pedersöre / Pedersören kunta", "Larsmo - Luoto",
                         "Kokkola (Karleby)", "Mänttä-Vilppula", "Jakobstad / Kokkola", None], dtype="object")
    with caplog.at_level("WARNING"):
        got = canonical_municipalities(answers, subregions, aliases)
    assert got.tolist()[:6] == ["Jakobstad", "Pedersöre", "Larsmo", "Karleby", "Mänttä-Vilppula",
                                "Jakobstad / Kokkola"]
    assert got.isna().tolist()[6]


def test_every_company_outside_the_sub_regions_is_a_data_warning_too():
    """QA round 21: "1 of 30 companies are in no sub-region" was warned of, but 30 of 30 (no sub-region segment at
    all) went without a word; a survey without sub-regions configured says nothing."""
    from pipeline.report.headlines import _outside_subregions

    segments = pd.DataFrame({"segment_type": ["municipality"] * 4, "segment": ["Vörå", "Vörå", "Korsholm", "Korsholm"],
                             "theme": ["sales", "data"] * 2, "base": [18, 18, 12, 12], "share": [0.5] * 4})
    ranking = pd.DataFrame({"theme": ["sales"], "respondents": [30]})
    meta = {"subregions": {"Jakobstadsregionen": ["Jakobstad", "Larsmo"]}}
    warned = _outside_subregions({"theme_by_segment": segments, "theme_ranking": ranking}, meta,
                                 Formatter(Messages("en")), )
    assert len(warned) == 1 and warned[0].startswith("30 of 30 companies are in no sub-region")
    # named in the steering edition, not left to the log the steering group does not read; none in the public one
    assert warned[0].endswith("Map them in [analysis] subregions or municipality_aliases. Municipalities in no "
                              "sub-region (companies): Vörå (18), Korsholm (12).")
    public = _outside_subregions({"theme_by_segment": segments, "theme_ranking": ranking},
                                 {**meta, "edition": "public"}, Formatter(Messages("en")))
    assert public[0].endswith("municipality_aliases.")
    assert _outside_subregions({"theme_by_segment": segments, "theme_ranking": ranking}, {},
                               Formatter(Messages("en"))) == []


def test_attendance_options_typed_unlike_the_register_titles_still_name_their_workshop():
    """QA round 21: "Data & Excel i vardagen" (register: "Data och Excel i vardagen") and "Vienti Pohjoismaihin
    -webinaari" (register: "Vienti Pohjoismaihin") named no workshop, and the funnel under-counted. The word for
    "and" and a format word at the end are set aside when nothing closer matches; two workshops that differ only by
    their format word are told apart by their exact titles, and the bare title names neither."""
    from pipeline.analysis.linking import WorkshopMatcher

    register = pd.DataFrame({"workshop_id": ["W1", "W2", "W3", "W4"],
                             "title": ["Data och Excel i vardagen", "Vienti Pohjoismaihin", "Brändi-työpaja",
                                       "Brändi-webinaari"],
                             "date": ["2025-09-13", "2025-10-01", "2025-10-05", "2025-11-01"]})
    matcher = WorkshopMatcher(register)
    assert [matcher.one(t) for t in ("Data & Excel i vardagen", "Vienti Pohjoismaihin -webinaari",
                                     "Vienti Pohjoismaihin workshop 1.10.", "Brändi-työpaja", "Brändi webinaari",
                                     "Brändi", "Data ja Excel")] == ["W1", "W2", "W2", "W3", "W4", None, None]


def test_an_attendance_answer_naming_no_register_workshop_is_a_data_warning():
    """QA round 21: answers naming no register workshop drop attendance from the funnel, and only the log said so;
    input_problems names the survey, the rows and the title the answer may mean."""
    from pipeline.analysis.linking import unmatched_attendance
    from pipeline.survey import Survey

    register = pd.DataFrame({"workshop_id": ["W1"], "title": ["Sälj mer – modern försäljning"],
                             "date": ["2025-09-13"]})
    respondents = pd.DataFrame({"respondent_id": ["r1", "r2", "r3"], "source_row": [2, 3, 4]})
    survey = Survey(source="Effektenkät.csv", tool="webropol", encoding="utf-8", delimiter=";", header_rows=1,
                    questions=pd.DataFrame(), respondents=respondents, answers=pd.DataFrame(),
                    rejected=pd.DataFrame())
    answered = pd.DataFrame({"survey": ["impact"] * 3, "survey_no": [0] * 3, "respondent_id": ["r1", "r2", "r3"],
                             "workshops": [["W1"], [], []], "unmatched": [[], ["Sälj mera modern försäljning"],
                                                                         ["Sälj mera modern försäljning"]],
                             "said_none": [False] * 3})
    found = unmatched_attendance(answered, register, impact=survey)
    assert found[["source", "problem", "rows", "value", "meant"]].values.tolist() == [
        ["Effektenkät.csv", "unmatched_attendance", "3, 4", "Sälj mera modern försäljning",
         "Sälj mer – modern försäljning"]]
    assert unmatched_attendance(answered.iloc[:1], register, impact=survey).empty


def test_a_sentence_asking_in_one_language_and_saying_what_it_was_in_asks_for_the_one():
    """QA round 21: "Mer på svenska tack, allt var på finska" counted as a request for Finnish service too; the
    clause that asks decides when a sentence names two languages."""
    from pipeline.analysis.language import asks_for

    assert asks_for("Mer på svenska tack, allt var på finska") == ["sv"]
    assert asks_for("Kaikki oli suomeksi, jatkossa myös ruotsiksi") == ["sv"]
    assert asks_for("Both in Finnish and in Swedish next time, please") == ["sv", "fi"]
    assert asks_for("Gärna, på svenska") == ["sv"]
    assert asks_for("Allt på svenska!") == []


def test_only_companies_that_said_so_in_the_language_question_count_as_using_one_language_only():
    """QA round 21: without a language question every company was "Swedish only" by the language of its one open
    answer; only the question's answers say a company uses no other language."""
    from pipeline.analysis.language import language_table

    params = {"confidence": 0.95, "min_count": 3, "min_base": 5, "edition": "steering"}
    by_answers = pd.DataFrame({"company_id": ["c1", "c2", "c3"], "language": ["sv", "sv", "fi"],
                               "basis": ["answers"] * 3})
    rows = language_table(by_answers, params)
    companies = rows[rows["measure"] == "companies"]
    assert companies["value"].tolist() == [1, 2] and companies["value_only"].isna().all()
    stated = pd.DataFrame({"company_id": ["c1", "c1", "c2", "c3"], "language": ["fi", "sv", "sv", "fi"],
                           "basis": ["question", "question", "question", "answers"]})
    rows = language_table(stated, params)
    companies = rows[rows["measure"] == "companies"].set_index("language")
    assert companies.loc["sv", "value_only"] == 1 and companies.loc["fi", "value_only"] == 0


def test_a_review_may_name_other_by_the_head_of_its_local_name():
    """QA round 21: "Annat" and "Muu" (the head of "Annat eller går inte att klassificera", "Muu tai ei
    luokiteltavissa") were refused in reviewed_themes while the heads of other themes' names were taken."""
    from pipeline.coding.review import theme_choices
    from pipeline.schemas import conform

    themes = conform(pd.DataFrame({
        "theme": ["sales", "other", "sales", "other"], "taxonomy": ["needs"] * 4,
        "theme_name": ["Myynti ja asiakashankinta", "Muu tai ei luokiteltavissa", "Försäljning och kundanskaffning",
                       "Annat eller går inte att klassificera"], "is_other": [False, True, False, True]}), "themes")
    accepted = theme_choices(themes)["needs"]
    assert [accepted.get(w) for w in ("annat", "muu", "myynti", "försäljning")] == ["other", "other", "sales",
                                                                                     "sales"]


def test_the_slides_carry_the_data_warnings_before_the_charts():
    """QA round 21: the slides shown to the steering group had no data warnings (a planned workshop counted as
    held was flagged in every other format); now they follow the title, a few per slide."""
    import io

    from pptx import Presentation

    from pipeline.report.content import ReportContent
    from pipeline.report.pptx import WARNINGS_PER_SLIDE, summary_pptx

    warnings = [f"Workshop W{i} is dated after the report's date, yet it is counted as held." for i in range(7)]
    report = ReportContent(lang="en", title="Summary", meta_lines=["26 companies"], findings=[], sections=[],
                           recommended=[], method_title="Method", method=["Wilson intervals."], open_answers=None,
                           labels={"warnings": "Data warnings", "chart_alt": "Chart", "recommended": "Recommended"},
                           warnings=warnings)
    deck = Presentation(io.BytesIO(summary_pptx(report)))
    slides = [[shape.text_frame.text for shape in slide.shapes if shape.has_text_frame] for slide in deck.slides]
    assert [s[0] for s in slides] == ["Summary", "Data warnings", "Data warnings", "Method"]
    assert slides[1][1].split("\n") == warnings[:WARNINGS_PER_SLIDE]
    assert slides[2][1].split("\n") == warnings[WARNINGS_PER_SLIDE:]
    quiet = ReportContent(**{**report.__dict__, "warnings": []})
    assert len(Presentation(io.BytesIO(summary_pptx(quiet))).slides) == 2


def test_one_company_or_one_workshop_reads_in_the_singular():
    """QA round 21: "1 av workshopparna saknar deltagarantal och är inte medräknade", "1 of 30 companies are in no
    sub-region: their municipality …"."""
    from pipeline.report.headlines import _outside_subregions

    segments = pd.DataFrame({"segment_type": ["subregion", "municipality"], "segment": ["R", "Vörå"],
                             "theme": ["sales", "sales"], "base": [29, 1], "share": [0.5, 1.0],
                             "members": ["A", "Vörå"]})
    ranking = pd.DataFrame({"theme": ["sales"], "respondents": [30]})
    warned = _outside_subregions({"theme_by_segment": segments, "theme_ranking": ranking},
                                 {"subregions": {"R": ["A"]}}, Formatter(Messages("en")))
    assert warned[0].startswith("1 of 30 companies is in no sub-region: its municipality is not listed")
    assert Messages("sv")("report.finding.participation_unknown_one", unknown=1).endswith("är inte medräknad)")


def test_a_programme_judged_too_long_is_organisation_in_every_language():
    """Seen in a review workbook: "Programmet var för långt." had communication as its main theme ("program", the
    subject, is a communication seed); in Swedish and English the programme is a weak cue, as "ohjelma" already is
    in Finnish, so the judgement (its length) decides."""
    from pipeline.coding.coder import ThemeCoder
    from pipeline.coding.taxonomy import load_taxonomy

    coder = ThemeCoder(load_taxonomy("feedback"))
    texts = pd.DataFrame({"text_id": ["1", "2", "3"], "text": ["Programmet var för långt.", "Ohjelma oli liian pitkä.",
                                                              "The programme was too long."]})
    assert coder.code(texts)["theme"].tolist() == ["organisation"] * 3


def test_a_register_theme_that_reads_as_no_theme_is_a_data_warning():
    """QA round 21: a register theme outside the taxonomy ("ledarskap") left its workshop without a theme, and only
    the log said so; a workshop whose cell was empty (its title coded) or read is not named."""
    from pipeline.analysis.feedback import unread_register_themes

    register = pd.DataFrame({"workshop_id": ["1", "7", "8"], "themes": ["försäljning", "ledarskap", None],
                             "source_row": pd.array([4, 10, 11], dtype="Int64")})
    coded = pd.DataFrame({"workshop_id": ["1", "7", "8"], "themes": ["sales", "", "branding"]})
    found = unread_register_themes(register, coded)
    assert found[["source", "problem", "rows", "value", "workshop_id"]].values.tolist() == [
        ["workshop register", "unread_register_theme", "10", "ledarskap", "7"]]


def test_unique_companies_reached_counts_each_linked_company_once_and_no_anonymous_answer():
    """QA round 22: 43 "unique companies reached" of 40 companies: every anonymous response of a feedback survey
    with an optional company-name column counted as a company, and a company named in the feedback and in the
    impact survey counted twice. Only responses that name a company count, once per linked company."""
    from pipeline.analysis.feedback import _reach

    workshops = pd.DataFrame({"workshop_id": ["T1"], "participants": pd.array([10], dtype="Int64"),
                              "participants_low": pd.array([10], dtype="Int64"), "is_rate_known": [True]})
    responses = pd.DataFrame({"survey_no": [0] * 4, "source": ["fb.csv"] * 4,
                              "respondent_id": ["f1", "f2", "f3", "f4"], "company_id": ["nA", "f2", "f3", "nB"],
                              "workshop_id": ["T1"] * 4})
    links = pd.DataFrame({"source": ["feedback:fb.csv"] * 4 + ["impact"] * 2,
                          "record_id": ["f1", "f2", "f3", "f4", "i1", "i2"],
                          "company_id": ["A", "f2", "f3", "B", "A", "C"],
                          "is_identified": [True, False, False, True, True, True]})
    from pipeline.survey import Survey

    impact = Survey(source="impact.csv", tool="generic", encoding="utf-8", delimiter=",", header_rows=1,
                    questions=pd.DataFrame(), respondents=pd.DataFrame({"respondent_id": ["i1", "i2"],
                                                                        "company_id": ["bidA", "bidC"]}),
                    answers=pd.DataFrame(), rejected=pd.DataFrame())
    reach = _reach(workshops, responses, impact, set(), links).set_index("indicator")["value"]
    assert reach["unique_companies"] == 3          # A (feedback and impact), B, C; f2 and f3 name no company
    assert _reach(workshops, responses, impact, {"i2"}, links).set_index("indicator")["value"]["unique_companies"] == 2


def test_the_public_edition_prints_no_answer_label_typed_by_one_or_two_companies():
    """QA round 22: the public report listed a free-text size question's answers as options ("120",
    "yksinyrittäjä") with hidden counts: the label tells the answer. Answers of a single or multiple choice given
    by 1 to min_count - 1 companies are left out of the public distribution when the question is free text read
    as options (as many different answers as half its companies); a scale's labels and a questionnaire's few
    options stay, and the steering edition keeps every row."""
    from pipeline.analysis.questions import _without_rare_typed_answers

    rows = pd.DataFrame({"survey": ["needs"] * 5, "question_id": ["q4", "q4", "q4", "q6", "q6"],
                         "question": ["Koko?"] * 3 + ["Osaaminen"] * 2, "type": ["single"] * 3 + ["likert"] * 2,
                         "item": ["", "", "", "Myynti", "Myynti"], "answer": ["1-4", "120", "yksinyrittäjä", "1", "5"],
                         "score": [None, None, None, 1.0, 5.0], "companies": [12, 1, 2, 1, 7],
                         "base": [15, 15, 15, 8, 8]})
    params = {"edition": "public", "min_count": 3, "public_typed_answer_share": 0.5}
    public = _without_rare_typed_answers(rows.assign(base=[6, 6, 6, 8, 8], companies=[3, 1, 2, 1, 7]), params)
    assert public["answer"].tolist() == ["1-4", "1", "5"]       # 3 different answers of 6 companies: typed
    closed = _without_rare_typed_answers(rows, params)          # 3 different of 15: the questionnaire's options
    assert closed["answer"].tolist() == rows["answer"].tolist()
    assert _without_rare_typed_answers(rows, {**params, "edition": "steering"}).equals(rows)


def test_a_theme_no_workshop_was_held_on_has_no_reached_share():
    """QA round 22: with its only workshop taken out of the register, e-commerce headlined as "0/5 attended
    (0–43 %)"; a theme without workshops has no share (the chart says "no workshop"), and the headline picks among
    the others."""
    from pipeline.charts.linking import funnel_headline

    frame = pd.DataFrame({"theme": ["sales", "ecommerce"], "theme_name": ["Sales", "E-commerce"], "workshops": [2, 0],
                          "asked": [10, 9], "traced": [8, 5], "attended": [6, 0], "share": [0.75, np.nan],
                          "ci_low": [0.41, np.nan], "ci_high": [0.93, np.nan]})
    said = funnel_headline({"funnel": frame}, {}, Formatter(Messages("en")), {})
    assert "E-commerce" not in said and "6 of 8" in said


def test_the_funnel_gives_no_share_to_a_theme_without_workshops(tmp_path):
    """QA round 22 (above), in the funnel table itself: the askers and traced companies of a theme no register
    workshop is on are counted, its share and interval are empty."""
    from pipeline.analysis.linking import funnel_table, link_companies
    from tests.test_linking import PARAMS, _survey

    needs = _survey(tmp_path, "needs.csv", "Y-tunnus,Kunta\n" + "".join(f"{n}00000{n}-0,Kokkola\n" for n in range(1, 8)), "needs")
    companies = needs.respondents["company_id"].tolist()
    asked = pd.DataFrame({"company_id": companies[:6] + companies[:5], "theme": ["sales"] * 6 + ["ecommerce"] * 5,
                          "is_from_options": True, "is_from_text": False, "is_certain": True})
    impact = _survey(tmp_path, "impact.csv", "Y-tunnus,Mihin työpajoihin osallistuitte?,Ovatko työpajat edistäneet?\n" + "".join(
        f"{n}00000{n}-0,Myyntivalmennus,Kyllä\n" for n in range(1, 6)), "impact")
    register = pd.DataFrame({"workshop_id": ["W1"], "title": ["Myyntivalmennus"], "themes": ["sales"]})
    out = funnel_table(link_companies(needs, (), impact)["company_links"], asked, register,
                       {"sales": "Myynti", "ecommerce": "Verkkokauppa"}, PARAMS, impact=impact).set_index("theme")
    assert out.loc["ecommerce", ["workshops", "asked", "traced", "attended"]].tolist() == [0, 5, 5, 0]
    assert out.loc["ecommerce", ["share", "ci_low", "ci_high"]].isna().all()
    assert out.loc["sales", "share"] == 1.0


def test_an_impact_answer_of_a_respondent_who_attended_nothing_is_not_in_the_funnel(tmp_path):
    """QA round 22: the funnel used the "Ei" of an impact respondent who said they attended no workshop (a
    colleague's feedback named the company), which the impact table leaves out; both now leave it out."""
    from pipeline.analysis.linking import _impact_answers, link_companies
    from tests.test_linking import PARAMS as params, _survey

    impact = _survey(tmp_path, "impact.csv", "Y-tunnus,Mihin työpajoihin osallistuitte?,Ovatko työpajat "
                     "edistäneet?\n1000001-0,Myyntivalmennus,Kyllä\n2000002-0,En osallistunut mihinkään,Ei\n", "impact")
    links = link_companies(None, (), impact)["company_links"]
    assert sorted(_impact_answers(impact, links, params).values()) == ["no", "yes"]
    absent = {impact.respondents["respondent_id"].iloc[1]}
    assert list(_impact_answers(impact, links, params, absent).values()) == ["yes"]


def test_a_company_name_column_marked_optional_in_any_form_is_the_company_name():
    """QA round 22: "Företagets namn (frivilligt)" (Swedish agrees the word with the noun) was read as a question
    and four company names were printed in both editions; "(valfritt)", "(ei pakollinen)" likewise."""
    from pipeline.ingest.companies import is_company_name_header

    assert all(is_company_name_header(h) for h in ("Företagets namn (frivilligt)", "Företagets namn (valfritt)",
                                                   "Yrityksen nimi (ei pakollinen)", "Company name [optional]",
                                                   "Yrityksen nimi (vapaaehtoinen)"))
    assert not is_company_name_header("Vad var bra? (frivilligt)")


def test_a_register_headed_tilaisuus_and_aihe_is_read_and_a_column_not_read_is_said(caplog):
    """QA round 22: a hand-kept register headed "Tilaisuus" (the event) was refused for want of a title, and its
    "Aihe" (topic) column was dropped without a word, the themes then guessed from the titles. Both are read now; a
    column still not read is named in the register's warnings, and a missing one's error lists its headers."""
    import pytest

    from pipeline.errors import InputError
    from pipeline.ingest.register import register_with_accounts

    frame = pd.DataFrame({"Nro": ["1"], "Pvm": ["13.9.2025"], "Tilaisuus": ["Yrittäjäaamu"], "Aihe": ["myynti"],
                          "Toteutustapa": ["lähi"], "Osallistujamäärä": ["20"], "Kahvitarjoilu": ["kyllä"]})
    with caplog.at_level("WARNING"):
        register, accounts = register_with_accounts(frame, "rekisteri.csv")
    assert register[["title", "themes"]].values.tolist() == [["Yrittäjäaamu", "myynti"]]
    assert accounts["warnings"][0].startswith("rekisteri.csv: column(s) 'Kahvitarjoilu' not read; if one holds "
                                              "locality or organiser or language")
    with pytest.raises(InputError, match=r"title: title, työpajan nimi, .*tilaisuus"):
        register_with_accounts(frame.drop(columns="Tilaisuus"), "rekisteri.csv")


def test_both_open_answers_of_one_persons_two_kept_submissions_are_coded(tmp_path):
    """QA round 22: two submissions by one e-mail days apart, both kept (one respondent, as ingest reads a person),
    and the second's open answer ("myös vienti kiinnostaa") was lost as a repeat of the first's text id. Both are
    texts now, the company still one."""
    from pipeline.coding.texts import survey_texts
    from pipeline.ingest import read_survey

    (tmp_path / "needs.csv").write_text(
        "Aikaleima,Sähköposti,Mitä tarvitsette?\n"
        "1.9.2025 10:00:00,maija@example.fi,Myynnin kehittäminen\n"
        "4.9.2025 12:00:00,maija@example.fi,Unohtui: myös vienti kiinnostaa\n"
        "2.9.2025 09:00:00,pekka@example.fi,Verkkokauppa\n", encoding="utf-8")
    survey = read_survey(tmp_path / "needs.csv", key=b"k")
    assert len(survey.respondents) == 3 and survey.respondents["company_id"].nunique() == 2
    texts = survey_texts(survey)
    assert sorted(texts["text"]) == ["Myynnin kehittäminen", "Unohtui: myös vienti kiinnostaa", "Verkkokauppa"]
    assert texts["text_id"].is_unique and texts["respondent_id"].nunique() == 2


def test_a_business_id_with_a_wrong_check_digit_links_by_the_company_name_and_is_a_data_warning(tmp_path):
    """QA round 22: "1262674-9" (right: -8) beside the exact company name kept the company from linking to its
    impact answer, and only the log said so. The name links it; input_problems names the row."""
    from pipeline.analysis.linking import link_companies
    from pipeline.ingest import read_survey
    from pipeline.stages import input_problems

    (tmp_path / "needs.csv").write_text("Y-tunnus,Yrityksen nimi,Kunta\n1262674-9,Kälviän Kalajaloste Oy,Kokkola\n"
                                        "0112038-9,Rantasen Vene Oy,Kannus\n", encoding="utf-8")
    (tmp_path / "impact.csv").write_text("Y-tunnus,Yrityksen nimi,Ovatko työpajat edistäneet?\n"
                                         "1262674-8,Kälviän Kalajaloste Oy,Kyllä\n", encoding="utf-8")
    needs, impact = (read_survey(tmp_path / n, key=b"k") for n in ("needs.csv", "impact.csv"))
    assert needs.report["invalid_business_ids"] == [2]
    links = link_companies(needs, (), impact)["company_links"]
    assert links.loc[links["source"] == "impact", "company_id"].iloc[0] == links.loc[links["source"] == "needs",
                                                                                     "company_id"].iloc[0]
    found = input_problems(needs_survey=needs)
    assert found[["source", "problem", "rows"]].values.tolist() == [["needs.csv", "invalid_business_id", "2"]]


def test_a_rating_grid_whose_statements_name_development_topics_is_the_competence_grid(caplog):
    """QA round 22: Microsoft Forms exports a rating grid as its bare statements, without its question, so no header
    said "osaaminen" and the competence sections were left out. A grid whose statements name three or more
    development topics takes the role, said in the log; a grid of other statements does not."""
    from pipeline.roles import assign_roles

    topics = ["Myynti ja asiakashankinta", "Brändi ja markkinointiviestintä", "Data ja digitaaliset työkalut",
              "Vienti ja kansainvälinen kauppa"]
    grid = pd.DataFrame({"question_id": ["q1", "q6"], "type": ["single", "likert"], "text": ["Kunta", topics[0]],
                         "options": [["Kokkola"], ["1", "2", "3", "4", "5"]], "columns": [["Kunta"], topics]})
    with caplog.at_level("WARNING"):
        roles = assign_roles(grid, "needs", file="needs.xlsx")["role"].tolist()
    assert roles == ["municipality", "competence"]
    assert "role competence given to q6" in caplog.text
    other = grid.assign(columns=[["Kunta"], ["Aamupala", "Tilat", "Pysäköinti", "Opasteet"]],
                        text=["Kunta", "Aamupala"])
    assert assign_roles(other, "needs")["role"].tolist() == ["municipality", ""]
    # statements that mention a topic in a sentence rate a practice or an attitude, not competence in the topic
    practices = ["Seuraamme myynnin lukuja", "Hyödynnämme sosiaalista mediaa markkinoinnissa",
                 "Verkkosivumme tukevat myyntiä", "Tunnemme asiakkaidemme ostokäyttäytymisen"]
    assert assign_roles(grid.assign(columns=[["Kunta"], practices], text=["Kunta", practices[0]]),
                        "needs")["role"].tolist() == ["municipality", ""]


def test_head_counts_typed_as_sizes_go_into_the_size_classes():
    """QA round 23: sizes typed by phone ("12", "n. 8", "30 hlö", "yksinyrittäjä") were size classes of one company
    each beside the survey's classes, and one-company answers were segment names in the public table. A count is
    put in the class that holds it (the survey's own classes, else 1–4 … 250+); class labels stay."""
    from pipeline.analysis.needs import size_classes

    mixed = pd.Series(["1–4", "5–9", "10–49", "50 tai enemmän", "12", "n. 8", "30 hlö", "yksinyrittäjä", "n. 60",
                       "2 + omistaja", None], dtype="string")
    assert size_classes(mixed).tolist()[:10] == ["1–4", "5–9", "10–49", "50 tai enemmän", "10–49", "5–9", "10–49",
                                                 "1–4", "50 tai enemmän", "1–4"]
    assert pd.isna(size_classes(mixed).iloc[10])
    assert size_classes(pd.Series(["12", "3", "120"], dtype="string")).tolist() == ["10–49", "1–4", "50–249"]
    classes = pd.Series(["1–4", "alle 5", "yli 250"], dtype="string")
    assert size_classes(classes).equals(classes)


def test_a_row_naming_a_company_without_its_business_id_is_the_company_another_row_gives_it_to(tmp_path):
    """QA round 23: a company in two pasted sources, its Y-tunnus blank (or mistyped) in one, counted twice though
    both rows carry its name; within the file the name now joins it to the business ID, when only one is given."""
    from pipeline.ingest import read_survey

    (tmp_path / "needs.csv").write_text(
        "Y-tunnus,Yrityksen nimi,Mitä tarvitsette?\n0112038-9,Rantasen Vene Oy,Myynti\n,RANTASEN VENE,Vienti\n"
        "1262674-9,Rantasen Vene Oy,Data\n,Mäen Puu Ky,Brändi\n", encoding="utf-8")
    survey = read_survey(tmp_path / "needs.csv", key=b"k")
    companies = survey.respondents["company_id"].tolist()
    assert companies[0] == companies[1] == companies[2] and companies[3] != companies[0]


def test_a_free_worker_takes_the_queued_stage_most_others_wait_for():
    """The run's critical path: after the WP3 tables came to read the linked companies they waited behind charts
    nothing reads; the graph counts each stage's downstream stages and a free worker takes the largest count."""
    from pipeline.graph import Graph, stage

    def tables(survey):
        return survey

    def chart(tables):
        return tables

    def summary(tables):
        return tables

    def report(summary):
        return summary

    def side_chart(survey):
        return survey

    graph = Graph([stage(tables), stage(chart), stage(summary), stage(report), stage(side_chart)])
    assert graph.downstream == {"tables": 3, "chart": 0, "summary": 1, "report": 0, "side_chart": 0}


def test_a_swedish_report_names_the_regions_municipalities_in_swedish():
    """QA round 23: the Swedish report named Kronoby, Kaustby and Vetil by their Finnish names; their official
    Swedish names are shown in sv, the Finnish ones in fi and en, and a name the catalogue lacks as written."""
    from pipeline.segments import place_name

    assert [place_name(n, Messages("sv")) for n in ("Kokkola", "Kruunupyy", "Veteli", "Kannus")] == [
        "Karleby", "Kronoby", "Vetil", "Kannus"]
    assert [place_name(n, Messages(lang)) for lang in ("fi", "en") for n in ("Kokkola",)] == ["Kokkola", "Kokkola"]


def test_a_running_number_some_pasted_rows_leave_blank_is_no_question(tmp_path):
    """QA round 23: Webropol's "Nr", blank on the rows pasted under the export, was reported as a rating scale
    (mean 11.2); whole numbers with blanks are a row counter, left out, and every row is still a respondent."""
    from pipeline.ingest import inspect_file

    rows = "".join(f"{n},Kokkola,Myynti kiinnostaa\n" for n in range(1, 6)) + ",Kannus,Vienti\n,Kokkola,Data\n"
    (tmp_path / "needs.csv").write_text("Nr,Kunta,Mitä tarvitsette?\n" + rows, encoding="utf-8")
    found = inspect_file(tmp_path / "needs.csv")
    assert found["respondents"] == 7
    assert {q["text"]: q["type"] for q in found["questions"]}["Nr"] == "meta"


def test_a_muuta_mita_column_after_ticked_topic_columns_is_their_other_text(tmp_path):
    """QA round 23: a phone sheet's "Muuta, mitä?" column beside its ticked topic columns was an open question of
    its own, so the check-all's "other" row read 0 of 18 while 7 companies wrote one."""
    from pipeline.ingest import inspect_file

    rows = ["x,,x,,Rekrytointi", ",x,,,", "x,x,,x,Rahoitus", ",,x,,", "X,,,✓,Sukupolvenvaihdos", "x,,,,"]
    (tmp_path / "puhelin.csv").write_text("Myynti,Markkinointi/brändi,Digi/data,Vienti,\"Muuta, mitä?\"\n"
                                          + "\n".join(rows) + "\n", encoding="utf-8")
    types = [q["type"] for q in inspect_file(tmp_path / "puhelin.csv")["questions"]]
    assert types == ["multi", "other_text"]
