"""What QA round 6 found reading two projects built from real text (a Swedish 14-company project and a
Finnish 30-company one), one test per finding, on a few inline rows."""
from __future__ import annotations

import pandas as pd

from pipeline import outputs


def test_a_run_says_exact_participations_without_about():
    """Every register figure a plain number, 60 in all: the report said "about 60". The run hands the
    report the register its feedback tables used (``workshops``), not ``workshop_register``."""
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter
    from pipeline.report.headlines import participation_timeline

    assert "workshops" in outputs.report_tables() and "workshop_register" not in outputs.report_tables()
    timeline = pd.DataFrame({"month": ["2025-05", "2025-06"], "workshops": [2, 1], "participations": [16, 44]})
    register = pd.DataFrame({"workshop_id": ["1", "2", "3"], "participants": [9, 7, 44],
                             "participants_low": [9, 7, 44], "participants_note": ["", "", ""]})
    for lang, expected in (("en", "3 workshops, 60 participations in all"),):
        fmt = Formatter(Messages(lang))
        assert participation_timeline({"participation_timeline": timeline, "workshops": register}, {}, fmt,
                                      {}) == expected
    noted = register.assign(participants_note=["noin 9", "", ""])
    line = participation_timeline({"participation_timeline": timeline, "workshops": noted}, {},
                                  Formatter(Messages("en")), {})
    assert line.startswith("3 workshops, about 60")


def test_a_municipality_in_no_sub_region_is_said_with_the_name_it_may_mean(caplog):
    """Project B: "Vetelin" (Veteli in the genitive, or a slip) stood alone outside Kaustisen seutukunta,
    which then read 13 companies instead of 14, with no warning; QA round 7 added "Kannuksessa" (inessive) and
    "Karleby stad" (the Swedish name with "town"), which a close-spelling match alone missed."""
    import pandas as pd

    from pipeline.analysis.stats import canonical_municipalities

    regions = {"Kaustisen seutukunta": ["Kaustinen", "Veteli", "Toholampi"],
               "Kokkolan seutukunta": ["Kokkola", "Kannus"]}
    values = pd.Series(["Kaustinen", "Vetelin", "Kannuksessa", "Karleby stad", "Oulu", "Kokkola", None])
    with caplog.at_level("WARNING"):
        got = canonical_municipalities(values, regions, {"Karleby": "Kokkola"})
    assert got.tolist()[:5] == ["Kaustinen", "Vetelin", "Kannuksessa", "Karleby stad", "Oulu"]
    said = sorted(r.getMessage() for r in caplog.records if "no sub-region" in r.getMessage())
    assert len(said) == 3     # Oulu, like no listed member, is simply outside the sub-regions
    assert "'Kannuksessa' (n = 1)" in said[0] and "did you mean 'Kannus'" in said[0]
    assert "'Karleby stad' (n = 1)" in said[1] and "did you mean 'Kokkola'" in said[1]
    assert "'Vetelin' (n = 1)" in said[2] and "did you mean 'Veteli'" in said[2]
    assert all("[analysis] municipality_aliases" in m for m in said)


def test_a_municipality_segment_pooling_the_whole_sub_region_is_not_other_municipalities():
    """Project B (public): Kokkola 12 and Kannus 4 pooled as "Kokkolan seutukunta", the whole sub-region, read
    "Kokkolan seutukunta: other municipalities" because its base was hidden; the members say what it pools."""
    from pipeline.i18n import Messages
    from pipeline.segments import segment_label

    frame = pd.DataFrame({"segment_type": ["municipality", "subregion", "municipality", "subregion"],
                          "segment": ["Kokkolan seutukunta", "Kokkolan seutukunta", "Kaustisen seutukunta",
                                      "Kaustisen seutukunta"],
                          "base": [pd.NA, 16, 11, 19],
                          "members": ["Kannus;Kokkola", "Kannus;Kokkola", "Halsua;Perho", "Halsua;Kaustinen;Perho"]})
    msgs = Messages("en")
    assert segment_label("municipality", "Kokkolan seutukunta", frame, msgs) == "Kokkolan seutukunta"
    assert segment_label("municipality", "Kaustisen seutukunta", frame, msgs) == \
        "Kaustisen seutukunta: other municipalities"


def test_the_most_named_improvement_says_when_the_next_theme_lies_within_its_interval():
    """Project A: "Arrangemang (47 %; n = 15)" stood alone while practicality, 40 %, lay inside its interval (and
    the hand labels put practicality first): one or two comments coded otherwise swap such themes."""
    from test_qa3_report import improve as rows
    from pipeline.analysis.stats import wilson_interval
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter
    from pipeline.report.headlines import feedback_themes

    def improve(counts, base):
        frame = rows(counts, base)
        low, high = wilson_interval(frame["comments"], frame["base"], 0.95)
        return frame.assign(ci_low=low, ci_high=high)

    fmt = Formatter(Messages("en"))
    near = {"feedback_themes": improve([("organisation", 7), ("practicality", 6), ("trainer", 1)], 15)}
    line = feedback_themes(near, {"confidence": 0.95}, fmt, {})
    assert line.startswith("Most often named to improve: Organisation (47% of comments")
    assert "then Practicality (40%), within that interval" in line
    far = {"feedback_themes": improve([("organisation", 12), ("practicality", 2)], 15)}
    line = feedback_themes(far, {"confidence": 0.95}, fmt, {})
    assert line.startswith("Most often named to improve: Organisation (80% of comments") and "then" not in line
