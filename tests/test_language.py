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
