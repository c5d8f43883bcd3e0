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


def test_requests_for_service_in_a_language_are_counted():
    coded = pd.DataFrame({"source": ["open", "open", "open"], "text": ["Mer på svenska tack", "Hyvä", "ruotsiksi"],
                          "respondent_id": ["a", "b", "c"], "lang": ["sv", "fi", "fi"]})
    out = language_table(NO_COMPANIES, PARAMS, coded_texts=coded)
    assert out[["measure", "language", "value", "base"]].values.tolist() == [["service_requests", "sv", 2, 3]]


def test_public_edition_hides_small_company_counts():
    companies = pd.DataFrame({"company_id": [f"c{i}" for i in range(10)] + ["c0"],
                              "language": ["fi"] * 10 + ["sv"], "basis": "answers"})
    out = language_table(companies, {**PARAMS, "edition": "public"})
    sv = out[(out["measure"] == "companies") & (out["language"] == "sv")].iloc[0]
    assert pd.isna(sv["value"]) and pd.isna(sv["share"]) and sv["suppressed"]


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
                        "88% (64–97%), in Finnish ones 88% (82–93%); 8 open answers ask for service in Swedish.")
    # shares too small to publish are not quoted; with nothing Swedish left, no sentence
    hidden = LANGUAGE.assign(share=LANGUAGE["share"].where(LANGUAGE["language"] != "sv"))
    assert language_headline({"language": hidden}, {}, Formatter(Messages("en")), {}) == \
        "Swedish: 8 open answers ask for service in Swedish."
    hidden = hidden.assign(value=hidden["value"].where(hidden["measure"] != "service_requests", 0))
    assert language_headline({"language": hidden}, {}, Formatter(Messages("en")), {}) is None


def test_the_language_chart_draws_every_measure_in_every_report_language():
    from pipeline.charts.linking import language_chart
    from pipeline.i18n import Messages

    for lang in ("fi", "sv", "en"):
        fig = language_chart(LANGUAGE, Messages(lang))
        labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
        assert len(labels) == 8 and "3/22" in [t.get_text() for t in fig.axes[0].texts]
