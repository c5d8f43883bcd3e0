"""The language segment (issue 16)."""
from __future__ import annotations

import pandas as pd
from pandas.testing import assert_frame_equal

from pipeline.analysis.language import language_table, languages_of

PARAMS = {"confidence": 0.95, "min_count": 3, "min_base": 5, "edition": "steering", "min_responses": 5}
NO_COMPANIES = pd.DataFrame({"company_id": pd.Series(dtype="string"), "language": pd.Series(dtype="string"),
                             "basis": pd.Series(dtype="string")})


def test_labels_name_languages_and_bilingual_counts_for_both():
    assert languages_of("Ruotsi") == ["sv"]
    assert languages_of("Svenska") == ["sv"]
    assert languages_of("Molemmat") == ["fi", "sv"]
    assert languages_of("suomi ja ruotsi") == ["fi", "sv"]
    assert languages_of("") == []


def test_bilingual_workshop_is_its_own_category_and_counted_in_the_inclusive_rows():
    register = pd.DataFrame({"workshop_id": ["W1", "W2", "W3", "W4"], "language": ["fi", "sv", "fi/sv", ""],
                             "participants": [20, 10, 40, 5]})
    out = language_table(NO_COMPANIES, PARAMS, register)
    got = out[["measure", "language", "value", "base"]]
    expected = pd.DataFrame({
        "measure": ["workshops", "workshops", "workshops", "workshops_incl_bilingual", "workshops_incl_bilingual",
                    "participations", "participations", "participations", "participations_incl_bilingual",
                    "participations_incl_bilingual"],
        "language": ["fi", "sv", "fi+sv", "fi", "sv", "fi", "sv", "fi+sv", "fi", "sv"],
        "value": [1, 1, 1, 2, 2, 20, 10, 40, 60, 50], "base": [3, 3, 3, 3, 3, 70, 70, 70, 70, 70]})
    assert_frame_equal(got.reset_index(drop=True), expected.astype({"measure": "string", "language": "string",
                                                                    "value": "Int64", "base": "Int64"}))


def test_requests_for_service_in_a_language_are_counted_by_meaning_with_their_evidence():
    from pipeline.analysis.language import language_requests, service_requests

    texts = ["Mer på svenska tack", "Hyvä", "ruotsiksi jatkossa", "Allt på svenska!", "Bra att det var på svenska",
             "Kiva että oli ruotsiksi.", "We would like Swedish sessions", "More about the Swedish market",
             "Gärna fler workshoppar på svenska"]
    coded = pd.DataFrame({"source": "open", "text": texts, "respondent_id": [f"r{i}" for i in range(len(texts))],
                          "lang": "fi"})
    out = language_table(NO_COMPANIES, PARAMS, requests=service_requests(coded_texts=coded))
    assert out[["measure", "language", "value", "base"]].values.tolist() == [["service_requests", "sv", 4, 9]]
    evidence = language_requests(PARAMS, service_requests(coded_texts=coded))
    assert evidence["text"].tolist() == ["Gärna fler workshoppar på svenska", "Mer på svenska tack",
                                         "We would like Swedish sessions", "ruotsiksi jatkossa"]
    assert set(evidence["language"]) == {"sv"} and set(evidence["survey"]) == {"needs"}
    # the public edition hides a count of 1-2 answers, and so leaves out the answers that would show it
    one = coded.iloc[[0, 1]]
    assert language_requests({**PARAMS, "edition": "public"}, service_requests(coded_texts=one)).empty


def test_answers_in_none_of_the_three_languages_are_not_in_the_base_of_service_requests():
    # the base counted every open answer, Russian and French ones too
    from pipeline.analysis.language import service_requests

    coded = pd.DataFrame({"source": "open", "text": ["Mer på svenska tack", "Hyvä", "Je ne sais pas"],
                          "respondent_id": ["r1", "r2", "r3"], "lang": ["sv", "fi", ""]})
    out = language_table(NO_COMPANIES, PARAMS, requests=service_requests(coded_texts=coded))
    assert out[["measure", "language", "value", "base"]].values.tolist() == [["service_requests", "sv", 1, 2]]


def test_participations_carry_the_registers_range_in_value_and_base():
    register = pd.DataFrame({"workshop_id": ["1", "3", "6"], "language": ["suomi", "suomi", "ruotsi"],
                             "participants": pd.array([20, 18, 14], dtype="Int64"),
                             "participants_low": pd.array([20, 7, 14], dtype="Int64")})
    out = language_table(NO_COMPANIES, PARAMS, register).set_index(["measure", "language"])
    sv, fi = out.loc[("participations", "sv")], out.loc[("participations", "fi")]
    assert (sv["value_low"], sv["value"], sv["base_low"], sv["base"]) == (14, 14, 41, 52)
    assert (fi["value_low"], fi["value"]) == (27, 38)
    assert sv["share"] == 14 / 52
    # the interval spans 14 of 52 (the others at their high end) to 14 of 41
    from pipeline.analysis.stats import wilson_interval
    assert sv["ci_low"] == wilson_interval(14, 52)[0] and sv["ci_high"] == wilson_interval(14, 41)[1]
    workshops = out.loc[("workshops", "sv")]
    assert (workshops["value_low"], workshops["base_low"]) == (1, 3)


def test_public_edition_hides_small_company_counts():
    companies = pd.DataFrame({"company_id": [f"c{i}" for i in range(10)] + ["c0"],
                              "language": ["fi"] * 10 + ["sv"], "basis": "answers"})
    out = language_table(companies, {**PARAMS, "edition": "public"})
    sv = out[(out["measure"] == "companies") & (out["language"] == "sv")].iloc[0]
    assert pd.isna(sv["value"]) and pd.isna(sv["share"]) and sv["suppressed"]


def test_satisfaction_by_language_counts_only_workshops_whose_ratings_are_shown():
    # the public edition hides the ratings of a workshop with too few responses: it leaves the base as well as
    # the count (it had kept 5 hidden respondents in the base, so 10 of 11 satisfied read 6 of 11)
    register = pd.DataFrame({"workshop_id": ["W1", "W2"], "language": ["en", "en"], "participants": [10, 8]})
    summary = pd.DataFrame({"workshop_id": ["W1", "W2"], "satisfaction_n": [6, 5],
                            "n_4": pd.array([2, None], dtype="Int64"), "n_5": pd.array([4, None], dtype="Int64")})
    out = language_table(NO_COMPANIES, PARAMS, register, summary).set_index(["measure", "language"])
    assert (out.loc[("satisfaction", "en"), "value"], out.loc[("satisfaction", "en"), "base"]) == (6, 6)
    shown = summary.assign(n_4=pd.array([2, 1], dtype="Int64"), n_5=pd.array([4, 3], dtype="Int64"))
    out = language_table(NO_COMPANIES, PARAMS, register, shown).set_index(["measure", "language"])
    assert (out.loc[("satisfaction", "en"), "value"], out.loc[("satisfaction", "en"), "base"]) == (10, 11)


LANGUAGE = pd.DataFrame({
    "measure": ["companies", "companies", "workshops", "workshops", "participations", "participations",
                "satisfaction", "satisfaction", "service_requests"],
    "language": ["fi", "sv", "fi", "sv", "fi", "sv", "fi", "sv", "sv"],
    "value": [19, 3, 13, 1, 289, 35, 114, 14, 8], "base": [22, 22, 16, 16, 354, 354, 129, 16, 198],
    "share": [19 / 22, 3 / 22, 13 / 16, 1 / 16, 289 / 354, 35 / 354, 114 / 129, 14 / 16, 8 / 198],
    "ci_low": [0.67, 0.05, 0.57, 0.01, 0.77, 0.07, 0.82, 0.64, 0.02],
    "ci_high": [0.95, 0.33, 0.93, 0.28, 0.85, 0.13, 0.93, 0.97, 0.08]})


def test_the_language_headline_answers_the_swedish_question_with_its_figures():
    from pipeline.charts.linking import language_headline
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter

    sentence = language_headline({"language": LANGUAGE}, {}, Formatter(Messages("en")), {})
    assert sentence == ("Swedish: 3/22 companies use Swedish (14%, 5–33%); 1/16 workshops were held in Swedish; "
                        "35/354 participations were in Swedish workshops (10%); satisfied in Swedish workshops "
                        "88% (64–97%), in Finnish ones 88% (82–93%); 8 open answers ask for service in Swedish; "
                        "the share of workshops held in Swedish (6%) lies within the interval of the share of "
                        "companies using Swedish (5–33%).")
    # shares too small to publish are not quoted; with nothing Swedish left, no sentence
    hidden = LANGUAGE.assign(share=LANGUAGE["share"].where(LANGUAGE["language"] != "sv"))
    assert language_headline({"language": hidden}, {}, Formatter(Messages("en")), {}) == \
        "Swedish: 8 open answers ask for service in Swedish."
    hidden = hidden.assign(value=hidden["value"].where(hidden["measure"] != "service_requests", 0))
    assert language_headline({"language": hidden}, {}, Formatter(Messages("en")), {}) is None


def test_the_language_headline_gives_participations_as_a_range_when_the_register_wrote_one():
    from pipeline.charts.linking import language_headline
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter

    ranged = LANGUAGE.assign(value_low=LANGUAGE["value"].mask(LANGUAGE["measure"].eq("participations")
                                                              & LANGUAGE["language"].eq("sv"), 30),
                             base_low=LANGUAGE["base"].mask(LANGUAGE["measure"].eq("participations"), 340))
    sentence = language_headline({"language": ranged}, {}, Formatter(Messages("en")), {})
    # 30 of (30 + 319) = 9 % to 35 of (35 + 310) = 10 %
    assert "30–35/340–354 participations were in Swedish workshops (9–10%)" in sentence


def test_the_language_chart_draws_every_measure_in_every_report_language():
    from pipeline.charts.linking import language_chart
    from pipeline.i18n import Messages

    for lang in ("fi", "sv", "en"):
        fig = language_chart(LANGUAGE, Messages(lang))
        labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
        assert len(labels) == 8 and "3/22" in [t.get_text() for t in fig.axes[0].texts]
