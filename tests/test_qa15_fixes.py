"""Fixes of the twelfth round: what the QA rounds left for later and QA round 15 found."""
from __future__ import annotations

import pandas as pd
import pytest

from pipeline.analysis.language import language_table

PARAMS = {"confidence": 0.95, "min_count": 3, "min_base": 5, "edition": "steering", "min_responses": 5}


def _companies(langs: dict[str, list[str]]) -> pd.DataFrame:
    rows = [(c, lang) for c, used in langs.items() for lang in used]
    return pd.DataFrame(rows, columns=["company_id", "language"]).assign(basis="question")


# 12 companies: 6 Finnish only, 2 Swedish only, 4 bilingual
BILINGUAL = _companies({**{f"f{i}": ["fi"] for i in range(6)}, "s0": ["sv"], "s1": ["sv"],
                        **{f"b{i}": ["fi", "sv"] for i in range(4)}})


def _row(frame: pd.DataFrame, measure: str, lang: str) -> pd.Series:
    return frame[(frame["measure"] == measure) & (frame["language"] == lang)].iloc[0]


def test_the_language_table_tells_swedish_only_from_bilingual_companies():
    out = language_table(BILINGUAL, PARAMS)
    sv, fi = _row(out, "companies", "sv"), _row(out, "companies", "fi")
    assert (sv["value"], sv["value_only"], sv["base"]) == (6, 2, 12)
    assert (fi["value"], fi["value_only"], fi["base"]) == (10, 6, 12)
    # only company rows carry it
    assert out.loc[out["measure"] != "companies", "value_only"].isna().all()


def test_public_edition_hides_an_only_count_that_would_tell_the_bilingual_companies():
    # Swedish: 6 use it, 2 only it (a small count); Finnish: 10 use it, 8 only it, so 10 - 8 = 2 bilingual
    companies = _companies({**{f"f{i}": ["fi"] for i in range(8)}, **{f"s{i}": ["sv"] for i in range(4)},
                            "b0": ["fi", "sv"], "b1": ["fi", "sv"]})
    out = language_table(companies, {**PARAMS, "edition": "public"})
    sv, fi = _row(out, "companies", "sv"), _row(out, "companies", "fi")
    assert sv["value"] == 6 and pd.isna(sv["value_only"])
    # (Finnish is hidden whole: 10 + 6 of 14 would tell the 2 bilingual companies too)
    assert pd.isna(fi["value"]) and pd.isna(fi["value_only"])
    steering = language_table(companies, PARAMS)
    assert (_row(steering, "companies", "sv")["value_only"], _row(steering, "companies", "fi")["value_only"]) == (4, 8)


def test_public_edition_hides_the_only_count_inside_a_hidden_language_count():
    companies = _companies({**{f"f{i}": ["fi"] for i in range(10)}, "s0": ["sv"], "s1": ["sv"]})
    sv = _row(language_table(companies, {**PARAMS, "edition": "public"}), "companies", "sv")
    assert pd.isna(sv["value"]) and pd.isna(sv["value_only"])


def test_the_audit_reads_an_only_count_short_of_its_language_count_as_published():
    from pipeline.disclosure import _wp3_small_figures

    frame = pd.DataFrame({"measure": ["companies"], "language": ["fi"], "value": [10], "value_low": [10],
                          "value_only": [8], "base": [14], "base_low": [14]})
    found = _wp3_small_figures("language", frame, {**PARAMS, "edition": "public"})
    # (any only-one-language count published is flagged: 10 - 8 would tell 2 bilingual companies)
    assert ("value_only (not published)", 8.0) in [(row[2], row[3]) for row in found]


def _headline(frame: pd.DataFrame, lang: str = "en") -> str:
    from pipeline.charts.linking import language_headline
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter

    return language_headline({"language": frame}, {}, Formatter(Messages(lang)), {})


def test_the_headline_says_how_many_use_only_swedish_and_that_no_workshop_reached_them():
    register = pd.DataFrame({"workshop_id": [f"W{i}" for i in range(6)], "language": ["suomi"] * 6,
                             "participants": [10] * 6})
    sentence = _headline(language_table(BILINGUAL, PARAMS, register))
    assert "6/12 companies use Swedish (50%, 25–75%), 2 of them only Swedish" in sentence
    assert sentence.endswith("the share of workshops held in Swedish (0%) lies below the interval of the share of "
                             "companies using Swedish (25–75%); the companies using only Swedish had no workshop in "
                             "their language.")


def test_the_headline_counts_bilingual_workshops_as_held_in_swedish():
    register = pd.DataFrame({"workshop_id": ["W1", "W2", "W3", "W4"], "language": ["fi", "fi", "fi/sv", "sv"],
                             "participants": [10, 10, 10, 10]})
    sentence = _headline(language_table(BILINGUAL, PARAMS, register))
    assert ("the share of workshops held in Swedish or bilingually (50%) lies within the interval of the share of "
            "companies using Swedish (25–75%).") in sentence
    assert "had no workshop" not in sentence
    for lang, words in (("fi", "ruotsiksi tai kaksikielisinä pidettyjen työpajojen osuus (50 %)"),
                        ("sv", "andelen workshoppar som hölls på svenska eller tvåspråkigt (50 %)")):
        assert words in _headline(language_table(BILINGUAL, PARAMS, register), lang).replace("\xa0", " ")


def _outside_warning(edition: str) -> list[str]:
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter
    from pipeline.report.headlines import _outside_subregions

    # Kokkola and Kannus pooled as their sub-region (a name close to Kokkola's) among the municipalities
    segments = pd.DataFrame({"segment_type": ["subregion", "municipality", "municipality", "municipality"],
                             "segment": ["Kokkolan seutukunta", "Kokkolan seutukunta", "Kanus", "Vaasa"],
                             "theme": "sales", "companies": [5, 5, 1, 1], "base": [8, 8, 1, 1],
                             "members": ["Kannus;Kokkola", "Kannus;Kokkola", "Kanus", "Vaasa"]})
    ranking = pd.DataFrame({"theme": ["sales"], "companies": [7], "respondents": [11]})
    meta = {"edition": edition, "min_count": 3, "subregions": {"Kokkolan seutukunta": ["Kokkola", "Kannus"]},
            "municipality_aliases": {"Karleby": "Kokkola"}}
    return _outside_subregions({"theme_by_segment": segments, "theme_ranking": ranking}, meta,
                               Formatter(Messages("en")))


def test_the_steering_report_names_the_municipality_a_misspelt_name_may_mean():
    # QA round 14: "Kanus" (Kannus) was named in the log alone; Vaasa is a real neighbour and meant as written
    [warning] = _outside_warning("steering")
    assert warning.startswith("3 of 11 companies are in no sub-region")
    assert warning.endswith("look like a listed municipality misspelt or inflected: Kanus → Kannus; correct the "
                            "survey file or map them in [analysis] municipality_aliases.")
    [public] = _outside_warning("public")
    assert "Kanus" not in public and "Kannus" not in public


def test_public_edition_publishes_the_swedish_company_row_alone():
    # Finnish 20 and Swedish 7 of 25 tell 2 bilingual companies; Finnish 22, Swedish 4, English 3 of 26 tell 3,
    # and with them 1 Swedish-only company (QA round 16): beside the base, only the Swedish row is published
    for langs in ({**{f"f{i}": ["fi"] for i in range(18)}, **{f"s{i}": ["sv"] for i in range(5)},
                   "b0": ["fi", "sv"], "b1": ["fi", "sv"]},
                  {**{f"f{i}": ["fi"] for i in range(19)}, "s0": ["sv"], **{f"b{i}": ["fi", "sv"] for i in range(3)},
                   **{f"e{i}": ["en"] for i in range(3)}}):
        companies = _companies(langs)
        steering = language_table(companies, PARAMS)
        assert steering.loc[steering["measure"] == "companies", "value"].notna().all()
        public = language_table(companies, {**PARAMS, "edition": "public"})
        rows = public[public["measure"] == "companies"].set_index("language")
        assert rows.drop(index="sv")["value"].isna().all() and rows.drop(index="sv")["suppressed"].all()
        assert rows.loc["sv", "value"] == steering.set_index(["measure", "language"]).loc[("companies", "sv"), "value"]
        assert pd.notna(rows.loc["sv", "share"]) and rows["value_only"].isna().all()


def test_the_audit_reads_language_counts_that_add_up_to_a_few_more_than_their_base_as_published():
    from pipeline.disclosure import _wp3_small_figures

    frame = pd.DataFrame({"measure": ["companies", "companies"], "language": ["fi", "sv"], "value": [20, 7],
                          "value_low": [20, 7], "value_only": [pd.NA, pd.NA], "base": [25, 25],
                          "base_low": [25, 25]})
    found = _wp3_small_figures("language", frame, {**PARAMS, "edition": "public"})
    # (20 + 7 of 25 would tell 2 bilingual companies: a published Finnish row is flagged)
    assert [(row[2], row[3]) for row in found] == [("value (fi row)", 20.0)]


def test_an_output_open_in_another_program_stops_the_run_before_any_output_is_replaced(tmp_path, monkeypatch):
    # QA round 15: summary.xlsx open in Excel stopped a rerun after 43 files were replaced and the manifest removed
    import builtins

    import pytest

    from pipeline import io
    from pipeline.errors import InputError

    html = io.write_text_atomic(tmp_path / "reports" / "summary.html", "fi\n")
    xlsx = io.write_text_atomic(tmp_path / "reports" / "summary.xlsx", "fi\n")
    manifest = io.write_text_atomic(tmp_path / "processed" / io.MANIFEST_NAME, "{}\n")
    real_open = builtins.open

    def locking_open(file, mode="r", *args, **kwargs):
        if str(file) == str(xlsx) and "+" in mode:
            raise PermissionError(13, "Permission denied")
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", locking_open)
    with pytest.raises(InputError, match=r"summary\.xlsx: cannot be replaced .*close it"):
        with io.staged_outputs(tmp_path) as stage:
            for path in (html, xlsx, manifest):
                io.write_text_atomic(stage.path(path), "sv\n")
    assert [p.read_text() for p in (html, xlsx, manifest)] == ["fi\n", "fi\n", "{}\n"]


def _audit_error(folder) -> str:
    import pytest

    from pipeline.disclosure import read_run
    from pipeline.errors import InputError

    with pytest.raises(InputError) as caught:
        read_run(folder)
    return str(caught.value)


def test_audit_disclosure_given_the_processed_folder_names_the_folder_above(tmp_path):
    (tmp_path / "processed").mkdir()
    (tmp_path / "processed" / "manifest.json").write_text("{}")
    assert _audit_error(tmp_path / "processed").endswith(f"give the folder above it ({tmp_path})")


def test_audit_disclosure_of_an_older_versions_outputs_says_to_rerun(tmp_path):
    (tmp_path / "processed").mkdir()
    pd.DataFrame({"theme": ["sales"], "share": [0.5]}).to_csv(tmp_path / "processed" / "theme_ranking.csv",
                                                               index=False)
    assert "older version of the pipeline" in _audit_error(tmp_path)


def _config_error(tmp_path, toml: str) -> str:
    import pytest

    from pipeline.config import load_settings
    from pipeline.errors import ConfigError

    for name in ("needs.csv", "fb1.csv", "fb2.csv"):
        (tmp_path / name).write_text("a,b\n1,2\n")
    (tmp_path / "project.toml").write_text(toml)
    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path / "project.toml", out=str(tmp_path / "out"))
    return str(caught.value)


def test_one_feedback_file_named_in_two_entries_is_refused_naming_it(tmp_path):
    message = _config_error(tmp_path, '[needs]\nfile = "needs.csv"\n[[feedback]]\nfile = "fb1.csv"\n'
                                      'workshop_id = "W1"\n[[feedback]]\nfile = "fb1.csv"\nworkshop_id = "W2"\n')
    assert "[[feedback]] entries 1 and 2 both read fb1.csv" in message


def test_a_misspelt_file_key_in_a_feedback_entry_is_named(tmp_path):
    message = _config_error(tmp_path, '[needs]\nfile = "needs.csv"\n[[feedback]]\nflie = "fb1.csv"\n')
    assert "unknown key(s) flie" in message


def test_an_unexpected_error_says_it_is_probably_the_pipelines_fault(monkeypatch, capsys):
    # QA round 15: a bug read "error: project.toml: KeyError: '…'", as if the config were wrong
    from pipeline import cli

    def boom(_args):
        raise KeyError("linking.finding.language.only")

    monkeypatch.setattr(cli, "_cmd_graph", boom)
    assert cli.main(["graph"]) == 2
    err = capsys.readouterr().err
    assert "unexpected KeyError" in err and "probably a fault of the pipeline, not of your files" in err
    assert err.count("\n") == 1


def _timeline_finding(unknown: list[int], participations: list[int]) -> str:
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter
    from pipeline.report.headlines import participation_timeline

    timeline = pd.DataFrame({"month": pd.to_datetime(["2026-02-01", "2026-03-01"]), "workshops": [2, 2],
                             "workshops_participants_unknown": unknown, "participations": participations,
                             "cumulative_participations": pd.Series(participations).cumsum()})
    register = pd.DataFrame({"workshop_id": ["W1", "W2", "W3", "W4"], "participants_note": ""})
    return participation_timeline({"participation_timeline": timeline, "workshops": register}, {},
                                  Formatter(Messages("en")), {})


def test_a_register_without_participant_figures_is_not_zero_participations():
    # QA round 15: "16 workshops, 0 participations in all" beside 156 feedback responses
    assert _timeline_finding([2, 2], [0, 0]) == "4 workshops; the register gives no participant figures"
    assert _timeline_finding([0, 1], [30, 12]) == ("4 workshops, 42 participations in all (1 of the workshops "
                                                   "without a participant figure, not counted)")
    assert _timeline_finding([0, 0], [30, 12]) == "4 workshops, 42 participations in all"


def test_an_output_folder_inside_raw_is_refused(tmp_path):
    import pytest

    from pipeline.config import REPO_ROOT, load_settings
    from pipeline.errors import ConfigError

    with pytest.raises(ConfigError, match=r"--out lies in .*raw, the folder of inputs.*such as out/tulokset"):
        load_settings(REPO_ROOT / "raw" / "demo" / "project.toml", out=str(REPO_ROOT / "raw" / "demo" / "tulokset"))


def test_a_second_single_bracket_feedback_section_gets_the_double_bracket_hint(tmp_path):
    message = _config_error(tmp_path, '[needs]\nfile = "needs.csv"\n[feedback]\nfile = "fb1.csv"\n'
                                      '[feedback]\nfile = "fb2.csv"\n')
    assert "Cannot declare ('feedback',) twice" in message and "own [[feedback]] entry (double brackets)" in message


def test_a_feedback_workshop_id_in_another_case_is_the_registers_workshop():
    from pipeline.stages import _register_spelling

    register = pd.DataFrame({"workshop_id": ["W15", "W16", "ab", "AB"]})
    assert _register_spelling("w16", register) == "W16"
    assert _register_spelling("W16", register) == "W16"
    assert _register_spelling("Ab", register) == "Ab"       # two register ids read the same: left as given
    assert _register_spelling("w17", register) == "w17"     # not in the register: its own warning follows
    assert _register_spelling("w16", None) == "w16"


def test_an_answer_with_removed_contact_details_is_quoted_after_the_others():
    from pipeline.analysis.needs import quotes

    ranking = pd.DataFrame({"theme": ["sales"], "theme_name": ["Sales"], "tier": [1]})
    coded = pd.DataFrame({"source": "open", "question_id": "q1", "theme": "sales", "lang": "fi",
                          "text_id": ["t1", "t2"], "confidence": [0.95, 0.8],
                          "text": ["Myynnin apua, soittakaa [phone] tai [email]", "Tarvitsemme apua myyntiin"]})
    picked = quotes(ranking, coded, {"q1"}, {"quote_min_words": 3, "quotes_per_theme": 1})
    assert picked["text"].tolist() == ["Tarvitsemme apua myyntiin"]


def test_a_review_may_name_a_theme_by_the_head_of_its_name():
    from pipeline.coding.review import theme_choices

    themes = pd.DataFrame({"taxonomy": "needs", "theme": ["sales", "ecommerce", "data", "branding"],
                           "theme_name": ["Myynti ja asiakashankinta", "Verkkokauppa ja verkkomyynti",
                                          "Data ja digitaaliset työkalut", "Data ja brändi"]})
    accepted = theme_choices(themes)["needs"]
    assert accepted["myynti"] == "sales" and accepted["verkkokauppa"] == "ecommerce"
    assert "data" in accepted and accepted["data"] == "data"     # the slug itself, not the shared head
    assert accepted["myynti ja asiakashankinta"] == "sales"


def test_an_out_of_scale_rating_is_named_by_its_row():
    from pipeline.analysis.feedback import _where

    survey = type("S", (), {})()
    survey.respondents = pd.DataFrame({"respondent_id": ["a", "b", "c"], "source_row": pd.array([2, 3, 4], "Int64")})
    answers = pd.DataFrame({"respondent_id": ["b", "c"], "value": ["7", "kiitos Pekka"]})
    assert _where(survey, answers) == "'7' in row 3, a text in row 4"


def test_feedback_submitted_long_after_or_before_its_workshop_is_named():
    from pipeline.analysis.feedback import _off_dates

    workshops = pd.DataFrame({"workshop_id": ["W01", "W02"], "date": pd.to_datetime(["2022-02-08", "2022-03-01"])})
    survey = type("S", (), {})()
    survey.respondents = pd.DataFrame({"respondent_id": ["a", "b", "c", "d"], "submitted_at": pd.to_datetime(
        ["2023-04-10 10:00", "2023-04-11 09:00", "2022-02-07 20:00", "2022-02-09 12:00"])})
    responses = pd.DataFrame({"survey_no": 0, "source": "feedback_W16.csv", "respondent_id": ["a", "b", "c", "d"],
                              "workshop_id": "W01"})
    [problem] = _off_dates(workshops, responses, [("W01", survey)], 120)
    assert (problem["workshop_id"], problem["problem"], problem["responses"]) == ("W01", "response_dates", 2)
    assert "2 responses were submitted more than 120 days after workshop W01's date 2022-02-08" in problem["detail"]
    # the evening before (a day's grace) and the day after are the workshop's own feedback
    assert _off_dates(workshops, responses.iloc[2:], [("W01", survey)], 120) == []


def test_theme_shares_from_open_answers_alone_are_a_data_warning():
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter
    from pipeline.report.headlines import data_warnings

    used = pd.DataFrame({"survey": "needs", "role": ["needs_text", "interests"], "use": ["analysis", "not_found"],
                         "is_key": [False, True]})
    warnings = data_warnings({"data_used": used}, {}, Formatter(Messages("en")), {})
    assert any(w.startswith("The needs survey has no workshop-theme question") for w in warnings)
    found = used.assign(use=["analysis", "analysis"])
    assert not any("workshop-theme question" in w for w in data_warnings({"data_used": found}, {},
                                                                        Formatter(Messages("en")), {}))


def test_two_feedback_files_of_one_workshop_are_pooled_aloud(caplog):
    import logging

    from pipeline.analysis.feedback import _attributed_responses

    def survey(rid: str):
        s = type("S", (), {})()
        s.source = f"{rid}.csv"
        s.respondents = pd.DataFrame({"respondent_id": [rid], "company_id": [rid]})
        s.questions = pd.DataFrame({"question_id": [], "role": []})
        return s

    workshops = pd.DataFrame({"workshop_id": ["W15"], "title": ["Vienti"]})
    with caplog.at_level(logging.WARNING):
        frame, surveyed, problems = _attributed_responses(workshops, [("W15", survey("a")), ("W15", survey("b"))])
    assert frame["workshop_id"].tolist() == ["W15", "W15"] and problems == []
    assert "2 feedback files are about workshop W15; their responses are pooled" in caplog.text


def test_public_edition_publishes_no_only_language_counts():
    # QA round 16: Finnish 17 (14 only), Swedish 11 (8 only) of 26 told the one English-only company
    companies = _companies({**{f"f{i}": ["fi"] for i in range(14)}, **{f"s{i}": ["sv"] for i in range(8)},
                            **{f"b{i}": ["fi", "sv"] for i in range(3)}, "e0": ["en"]})
    public = language_table(companies, {**PARAMS, "edition": "public"})
    rows = public[public["measure"] == "companies"]
    assert rows["value_only"].isna().all() and _row(public, "companies", "sv")["value"] == 11
    assert _row(language_table(companies, PARAMS), "companies", "fi")["value_only"] == 14


def _routing(edition: str, swedish: int, askers: dict[str, int]) -> pd.DataFrame:
    from pipeline.analysis.routing import routing_tables

    companies = [f"c{i}" for i in range(26)]
    languages = pd.DataFrame({"company_id": companies, "language": ["sv"] * swedish + ["fi"] * (26 - swedish),
                              "basis": "question"})
    rows = [(c, theme) for theme, (first, last) in askers.items() for c in companies[first:last]]
    themes = pd.DataFrame(rows, columns=["company_id", "theme"])
    links = pd.DataFrame({"source": "needs", "source_company_id": companies, "company_id": companies})
    catalogue = pd.DataFrame({"name": ["A"], "themes": [["sales"]], "languages": [["fi"]]})
    out = routing_tables(catalogue, themes, links, languages, {}, {**PARAMS, "edition": edition})
    return out["service_routing"].set_index("theme")


def test_public_service_routing_hides_swedish_demand_that_tells_a_group_apart():
    # 23 of 26 use Swedish: sales asked by 16 (13 Swedish-using: the 3 others all want it), export by the
    # first 7 (all Swedish-using), data by 8 Finnish-using and 5 Swedish-using
    askers = {"sales": (10, 26), "export": (0, 7), "data": (0, 5)}
    steering = _routing("steering", 23, {**askers, "data": (0, 26)})
    assert steering.loc["sales", "swedish_demand_companies"] == 13
    public = _routing("public", 23, askers)
    assert pd.isna(public.loc["sales", "swedish_demand_companies"])      # 16 - 13 = 3 ... of 3 non-Swedish
    assert pd.isna(public.loc["export", "swedish_demand_companies"])     # all 7 askers use Swedish
    wide = _routing("public", 10, {"data": (5, 15)})                      # 5 of 10 askers use Swedish
    assert wide.loc["data", "swedish_demand_companies"] == 5


def test_a_bilingual_workshop_without_a_swedish_one_is_not_said_to_be_left_out_of_figures_not_shown():
    # QA round 16: "bilingual workshops (1) are not counted in these" with no Swedish workshop figure before it
    register = pd.DataFrame({"workshop_id": ["W1", "W2", "W3"], "language": ["fi", "fi", "fi/sv"],
                             "participants": [10, 10, 10]})
    sentence = _headline(language_table(BILINGUAL, PARAMS, register))
    assert "not counted in these" not in sentence
    assert ("no workshop was held in Swedish alone; counting the bilingual ones (1), 1/3 workshops and 10 "
            "participations were in Swedish") in sentence


def test_the_language_chart_names_its_rows_and_a_hidden_share_as_its_own():
    from pipeline.charts.linking import language_chart
    from pipeline.i18n import Messages

    public = language_table(BILINGUAL, {**PARAMS, "edition": "public"})
    figure = language_chart(public, Messages("en"))
    texts = [t.get_text() for t in figure.findobj(lambda a: hasattr(a, "get_text"))]
    assert any(t.startswith("companies using the language: Finnish") for t in texts)
    assert "not published" in texts and not any("known attendance" in t for t in texts)


def test_charts_write_dates_and_intervals_as_the_report_does():
    from pipeline.charts.feedback import _workshop_label
    from pipeline.charts.style import percent_range
    from pipeline.i18n import Messages

    assert _workshop_label("Vienti", pd.Timestamp("2022-02-08"), Messages("fi"), 12) == "Vienti (8.2.2022), n = 12"
    assert _workshop_label("Export", pd.Timestamp("2022-02-08"), Messages("en")) == "Export (2022-02-08)"
    assert percent_range(0.605, 0.94) == "61–94 %"


def test_public_questions_list_only_options_enough_companies_chose():
    # QA round 17: "Ruotsi ja englanti", typed by one company, listed beside 3 Swedish-using companies in all
    from pipeline.stages import questions
    from pipeline.survey import Survey

    respondents = pd.DataFrame({"respondent_id": [f"r{i}" for i in range(6)], "company_id": [f"c{i}" for i in range(6)]})
    answers = pd.DataFrame({"respondent_id": [f"r{i}" for i in range(6)] * 2,
                            "question_id": ["q1"] * 6 + ["q2"] * 6,
                            "value": ["suomi"] * 5 + ["Ruotsi ja englanti"] + ["heikko"] * 6})
    qs = pd.DataFrame({"question_id": ["q1", "q2"], "type": ["single", "likert"],
                       "options": [["suomi", "Ruotsi ja englanti"], ["heikko", "hyvä"]]})
    survey = Survey(source="needs.csv", tool="generic", encoding=None, delimiter=None, header_rows=1, questions=qs,
                    respondents=respondents, answers=answers, rejected=pd.DataFrame())
    public = questions(survey, {**PARAMS, "edition": "public"})
    assert public["options"].tolist() == [["suomi"], ["heikko", "hyvä"]]
    assert questions(survey, PARAMS)["options"].tolist() == [["suomi", "Ruotsi ja englanti"], ["heikko", "hyvä"]]


def test_the_audit_reads_a_public_language_table_that_publishes_more_than_the_swedish_row():
    # QA round 17: the audit passed an older public output publishing Finnish and only-one-language counts
    from pipeline.disclosure import _wp3_small_figures

    frame = pd.DataFrame({"measure": ["companies", "companies"], "language": ["fi", "sv"], "value": [17, 11],
                          "value_low": [17, 11], "value_only": [14, 8], "base": [26, 26], "base_low": [26, 26]})
    found = {(row[1], row[2]) for row in _wp3_small_figures("language", frame, {**PARAMS, "edition": "public"})}
    assert {(0, "value_only (not published)"), (1, "value_only (not published)"), (0, "value (fi row)")} <= found
    assert not any(row == 1 and column.startswith("value (") for row, column in found)


@pytest.mark.slow
def test_a_rerun_that_cannot_replace_an_output_leaves_every_output_and_the_manifest_as_they_were(tmp_path):
    # QA round 15: summary.xlsx open in Excel; here a folder stands where it was, which no file can replace
    import shutil

    from conftest import ROOT, run_cli

    shutil.copytree(ROOT / "raw" / "demo", tmp_path / "raw")
    config, out = str(tmp_path / "raw" / "project.toml"), tmp_path / "out"
    assert run_cli("run", "--config", config, "--out", str(out)).returncode == 0
    locked = out / "reports" / "summary.xlsx"
    locked.unlink()
    locked.mkdir()
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file() and ".pipeline-cache" not in p.parts}
    result = run_cli("run", "--config", config, "--out", str(out), "--lang", "sv")
    assert result.returncode == 2
    assert "summary.xlsx: cannot be replaced" in result.stderr.splitlines()[-1]
    assert "output file(s) written" not in result.stderr
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file() and ".pipeline-cache" not in p.parts}
    assert after == before


def test_the_language_chart_draws_a_bilingual_workshop():
    # QA round 17: the headline counted a bilingual workshop the chart left out
    from pipeline.charts.linking import language_chart
    from pipeline.i18n import Messages

    register = pd.DataFrame({"workshop_id": ["W1", "W2", "W3"], "language": ["fi", "fi", "fi/sv"],
                             "participants": [10, 10, 10]})
    figure = language_chart(language_table(BILINGUAL, PARAMS, register), Messages("en"))
    texts = [t.get_text() for t in figure.findobj(lambda a: hasattr(a, "get_text"))]
    assert any(t.endswith(": Finnish and Swedish (bilingual)") and t.startswith("workshops") for t in texts)


def test_the_public_reports_leave_out_the_only_one_language_column_and_say_why():
    # QA round 17: the public table kept an always-empty "of them, only this language" column, its intro explaining it
    from pipeline.report import edition_tables
    from pipeline.i18n import Messages

    table = language_table(BILINGUAL, {**PARAMS, "edition": "public"})
    assert "value_only" not in edition_tables({"language": table}, {"edition": "public"}, "en")["language"].columns
    assert "value_only" in edition_tables({"language": table}, {"edition": "steering"}, "en")["language"].columns
    assert "Swedish company count alone" in Messages("en")("report.intro.language_public")
