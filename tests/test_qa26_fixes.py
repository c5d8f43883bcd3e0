"""Fixes of findings left by QA rounds 24 and 25 and found by QA rounds 26 and 27, one test per finding on a few
inline rows."""
from __future__ import annotations

import pandas as pd

from pipeline import stages
from pipeline.coding.review import answer_id
from pipeline.coding.texts import coded_texts
from pipeline.schemas import conform

THEMES = conform(pd.DataFrame({
    "theme": ["sales", "other", "trainer", "pace"],
    "taxonomy": ["needs", "needs", "feedback", "feedback"],
    "theme_name": ["Myynti", "Muu", "Kouluttaja", "Tahti"],
    "is_other": [False, True, False, False],
}), "themes")


def test_the_feedback_other_row_of_coding_agreement_is_named_like_the_needs_other():
    """QA 25: the feedback taxonomy has no `other` of its own, so its agreement row had no theme_name."""
    question, answers = "Mitä parannettavaa?", ["Kouluttaja puhui liian nopeasti", "Kiitos"]
    texts = conform(pd.DataFrame({
        "text_id": ["r0:q1", "r1:q1"], "respondent_id": ["r0", "r1"], "question_id": "q1", "source": "open",
        "text": answers, "question": question, "answer_id": [answer_id(question, a) for a in answers]}), "texts")
    codes = conform(pd.DataFrame({"text_id": texts["text_id"], "lang": "fi", "theme": ["trainer", "other"],
                                  "themes": ["trainer", "other"], "confidence": [0.9, 1.0]}), "codes")
    reviewed = pd.DataFrame({"answer_id": texts["answer_id"], "themes": [["pace"], ["other"]]})
    got = stages.coding_agreement(THEMES, coded_feedback=coded_texts(texts, codes, reviewed, 0.75),
                                  feedback_proposed_codes=codes, coding_reviews=reviewed)
    names = dict(zip(got["theme"], got["theme_name"]))
    assert names["other"] == "Muu"
    assert names["trainer"] == "Kouluttaja" and names["pace"] == "Tahti"


def _themes_rows(rows):
    """``feedback_themes`` rows from (scope, workshop, prompt, theme, comments, base)."""
    frame = pd.DataFrame(rows, columns=["scope", "workshop_id", "prompt", "theme", "comments", "base"])
    frame = frame.assign(theme_name=frame["theme"], share=frame["comments"] / frame["base"], ci_low=0.0,
                         ci_high=1.0, is_small_n=frame["base"] < 5)
    return conform(frame, "feedback_themes")


def test_public_comment_themes_tell_no_hidden_comments_by_subtraction():
    """QA round 26 (demo, public edition): workshop W01 showed "good" (5 comments) and "all" (7) with its
    "improve" (2) hidden, so all − good gave the two improvement comments' themes; the overall rows, pooled over
    every workshop, minus the workshops shown gave a hidden workshop's comments."""
    from pipeline.disclosure import _wp3_small_figures, published_comment_themes

    params = {"min_responses": 5, "min_count": 3, "min_base": 5, "confidence": 0.95}
    themes = _themes_rows([
        ("overall", None, "good", "positive", 9, 11), ("overall", None, "improve", "pace", 2, 2),
        ("overall", None, "all", "positive", 9, 16), ("overall", None, "all", "pace", 3, 16),
        ("workshop", "W1", "good", "positive", 5, 5), ("workshop", "W1", "improve", "pace", 2, 2),
        ("workshop", "W1", "all", "positive", 5, 7), ("workshop", "W1", "all", "pace", 2, 7),
        ("workshop", "W2", "good", "positive", 4, 6), ("workshop", "W2", "all", "positive", 4, 6),
        ("workshop", "W3", "all", "pace", 1, 3), ("workshop", "W3", "all", "positive", 0, 3),
    ])
    assert len(_wp3_small_figures("feedback_themes", themes, params)) > 0      # what was published before
    got = published_comment_themes(themes, params)
    # the overall split pools only the workshops shown split (W2): pooled over W1 too, the overall improve minus
    # the shown workshops' gave W1's (QA round 28)
    expected = _themes_rows([
        ("overall", None, "good", "positive", 4, 6),
        ("overall", None, "all", "positive", 9, 13), ("overall", None, "all", "pace", 2, 13),
        ("workshop", "W1", "all", "positive", 5, 7), ("workshop", "W1", "all", "pace", 2, 7),
        ("workshop", "W2", "good", "positive", 4, 6), ("workshop", "W2", "all", "positive", 4, 6),
    ])
    expected = expected.assign(share=got["share"], ci_low=got["ci_low"], ci_high=got["ci_high"])
    pd.testing.assert_frame_equal(got, expected)
    assert got["share"].iloc[:3].round(3).tolist() == [0.667, 0.692, 0.154]
    assert _wp3_small_figures("feedback_themes", got, params) == []


def test_a_public_edition_whose_impact_survey_gained_a_few_companies_is_refused(tmp_path):
    """QA round 24 left the WP3 tables uncompared with the previous public edition: one late impact answer was
    the spring impact table minus the autumn one. 1..min_base-1 companies more or fewer than then is refused."""
    import pytest

    from pipeline.disclosure import previous_edition, refuse_small_impact_change
    from pipeline.errors import InputError

    processed = tmp_path / "syksy" / "processed"
    processed.mkdir(parents=True)
    pd.DataFrame({"theme": ["sales"], "companies": [17], "respondents": [27]}).to_csv(
        processed / "theme_ranking.csv", index=False)
    pd.DataFrame({"indicator": ["workshops", "impact_companies"], "value": [6, 9], "is_known": True,
                  "basis": "x", "note_key": "x"}).to_csv(processed / "reach.csv", index=False)
    before = previous_edition(tmp_path / "syksy")
    assert before["impact_companies"] == 9.0
    params = {"edition": "public", "min_base": 5, "previous_edition": before}
    with pytest.raises(InputError, match=r"has 9 companies answering the impact survey and this one 10: .* those 1 "
                                         r"companies' answers; publish the public edition again once at least 5"):
        refuse_small_impact_change(10, params)
    for fine in (9, 14, None):          # the same companies, a group of min_base more, no impact survey now
        refuse_small_impact_change(fine, params)
    refuse_small_impact_change(10, {**params, "edition": "steering"})
    (processed / "reach.csv").unlink()
    assert previous_edition(tmp_path / "syksy")["impact_companies"] is None


def test_the_companies_reached_count_the_attendance_lists_companies_too():
    """QA round 26: "unique companies reached" (the funder's indicator) counted only the companies of the feedback
    and impact answers, 25 where the attendance list and the surveys gave 32."""
    from pipeline.analysis.feedback import _reach

    workshops = pd.DataFrame({"workshop_id": ["W1"], "participants": [3], "is_rate_known": [True]})
    responses = pd.DataFrame({"source": ["palaute.csv"], "respondent_id": ["r1"], "company_id": ["c1"],
                              "workshop_id": ["W1"]})
    links = pd.DataFrame({"source": ["feedback:palaute.csv", "attendance", "attendance", "needs"],
                          "record_id": ["r1", "attendance:2", "attendance:3", "n1"],
                          "company_id": ["A", "A", "B", "C"], "is_identified": True})
    got = _reach(workshops, responses, None, links=links).set_index("indicator")
    assert got.loc["unique_companies", "value"] == 2          # A (answered and listed) once, B (listed only)
    assert got.loc["unique_companies", "note_key"] == "feedback.reach.unique_companies_listed"
    without_list = _reach(workshops, responses, None, links=links[links["source"] != "attendance"])
    assert without_list.set_index("indicator").loc["unique_companies", "note_key"] == "feedback.reach.unique_companies"


def test_a_company_name_matches_with_its_words_in_another_order():
    """QA round 26: the hand-kept attendance list wrote "Lindqvist Snickeri" for the survey's "Snickeri Lindqvist
    Ab", which then counted as another company."""
    from pipeline.ingest.companies import company_name_key

    assert company_name_key("Lindqvist Snickeri") == company_name_key("Snickeri Lindqvist Ab")
    assert company_name_key("Kokkolan Konepaja Oy") != company_name_key("Kokkolan Konepaja Putki Oy")


def _read(tmp_path, name, text, kind):
    from pipeline.ingest import read_survey
    from pipeline.roles import assign_roles, settled

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    survey = read_survey(path, key=b"test-key")
    return settled(survey.with_roles(assign_roles(survey.questions, kind)))


def test_a_company_answering_the_impact_survey_twice_counts_once_and_is_named_in_a_warning(tmp_path):
    """QA round 26: a company answering once with its business ID and once with its name alone (the needs survey
    gives both) counted twice in the impact base and once in the funnel; no data warning said so."""
    from pipeline.analysis.feedback import _impact_by_linked_company, _impact_tables
    from pipeline.analysis.linking import link_companies

    needs = _read(tmp_path, "needs.csv", "Y-tunnus,Yrityksen nimi,Kunta\n0112038-9,Rantasen Vene Oy,Kokkola\n"
                  "2345678-6,Mäen Puu Ky,Kannus\n", "needs")
    impact = _read(tmp_path, "impact.csv", "Y-tunnus,Yrityksen nimi,Ovatko työpajat edistäneet kehitystänne?\n"
                   "0112038-9,,Kyllä\n2345678-6,,Ei\n,Rantasen Vene,Ei\n", "impact")
    params = {"confidence": 0.95, "min_responses": 5, "feedback_yes_labels": ["kyllä"],
              "feedback_partly_labels": ["osittain"], "feedback_no_labels": ["ei"]}
    links = link_companies(needs, (), impact)["company_links"]
    linked, problems = _impact_by_linked_company(impact, links)
    assert [(p["problem"], p["responses"], p["detail"]) for p in problems] == [
        ("repeated_company", 2, "rows 2, 4 answered for the same company; its latest answer counts (delete a row if "
                                "it is a test or a mistake)")]
    summary = _impact_tables(linked, params)[0].set_index("answer")
    assert summary.loc["yes", ["companies", "base"]].tolist() == [0, 2]      # its later "Ei" counts, once
    assert summary.loc["no", "companies"] == 2
    assert len(impact.respondents) == 3 and impact.respondents["company_id"].nunique() == 3   # input unchanged


def test_the_impact_questions_about_the_workshops_leave_out_who_attended_none(tmp_path):
    """QA round 27: "the workshops added to our skills" rated by companies that attended none was in the base,
    though the impact shares leave them out; "which format suits you" keeps every answer."""
    from pipeline.analysis.questions import about_workshops, without_answers
    from pipeline.config import defaults

    impact = _read(tmp_path, "impact.csv", "Mihin työpajoihin osallistuitte?,Työpajat lisäsivät osaamista,"
                   "Mikä toteutustapa sopii teille?\nMyyntivalmennus,5,Lähi\nEn osallistunut mihinkään,2,Etä\n",
                   "impact")
    questions = impact.questions.set_index("text")["question_id"]
    asked = about_workshops(impact.questions, defaults()["analysis"]["feedback_workshop_words"], but_roles=("attended",))
    assert asked == {questions["Työpajat lisäsivät osaamista"]}
    absent = impact.respondents["respondent_id"].iloc[1]
    got = without_answers(impact, {absent}, asked)
    assert sorted(got.answers.loc[got.answers["respondent_id"] == absent, "question_id"]) == sorted(
        [questions["Mihin työpajoihin osallistuitte?"], questions["Mikä toteutustapa sopii teille?"]])
    assert len(got.answers) == len(impact.answers) - 1
    assert without_answers(impact, set(), asked) is impact


def test_a_projects_own_municipality_aliases_reach_the_language_copy_check(tmp_path):
    """Ingest round 27 left the language-copy check reading the shipped municipalities only: a project in another
    region ("Vaasa" / "Vasa" in its own municipality_aliases) was warned that its municipality column was answered
    in a pasted copy's labels, though the analysis reads both alike."""
    from pipeline.config import load_settings
    from pipeline.ingest.build import _read_alike

    (tmp_path / "n.csv").write_text("Kunta\nVaasa\n", encoding="utf-8")
    config = tmp_path / "project.toml"
    config.write_text('[needs]\nfile = "n.csv"\n[analysis]\nmunicipality_aliases = { "Vasa" = "Vaasa" }\n'
                      'subregions."Vaasan seutukunta" = ["Vaasa", "Mustasaari"]\n', encoding="utf-8")
    settings = load_settings(config, env={})
    assert settings.ingest["municipality_aliases"] == {"Vasa": "Vaasa"}
    assert _read_alike(["Vaasa", "Vasa"], settings.ingest)
    assert not _read_alike(["Vaasa", "Vasa"], {})
    assert not _read_alike(["Teollisuus", "Industri"], settings.ingest)


def test_a_cancelled_workshop_is_not_held():
    """QA round 26: a register row with 0 participants and "PERUTTU" in its note counted as a held workshop: the
    funnel's branding moved from 8/12 to 5/6, and "7 workshops, 1/7 in Swedish" where 6 were held. A workshop
    whose participants cell or note says it was cancelled, or with 0 participants, is left out with a warning
    and counted in the register's accounts."""
    from pipeline.ingest.register import register_with_accounts

    frame = pd.DataFrame({
        "workshop_id": ["1", "2", "3", "4"], "date": ["12.3.2024", "9.4.2024", "11.6.2024", "1.9.2024"],
        "title": ["Myynnin tehostaminen", "Some-markkinointi", "Exportverkstad", "Vienti"],
        "format": ["lähi", "lähi", "", "etä"], "participants": ["14", "0", "inställd", "9"],
        "participants_note": ["", "PERUTTU, liian vähän ilmoittautuneita", "", "perusryhmä ja 2 vierasta"]})
    register, accounts = register_with_accounts(frame, "rekisteri.xlsx")
    assert register["workshop_id"].tolist() == ["1", "4"]
    assert (accounts["rows_in"], accounts["workshops"], accounts["cancelled"]) == (4, 2, 2)
    assert [w.split(": ", 1)[0] for w in accounts["warnings"]] == ["rekisteri.xlsx, row 3", "rekisteri.xlsx, row 4"]
    assert "was not held (inställd)" in accounts["warnings"][1]


def test_a_need_for_a_service_in_swedish_is_a_request_without_a_cue_word():
    """QA round 26: the needs answer "Exportrådgivning på svenska." (export advice in Swedish) was not counted as
    a request for Swedish service: it had no word such as "more" or "wish". Feedback praise still asks nothing."""
    from pipeline.analysis.language import asks_for

    assert asks_for("Exportrådgivning på svenska.", need=True) == ["sv"]
    assert asks_for("Myyntikoulutusta ruotsiksi", need=True) == ["sv"]
    assert asks_for("Vi är ett svenskspråkigt företag.", need=True) == []
    assert asks_for("Exportrådgivning på svenska.") == [] and asks_for("Allt var på svenska!") == []


def test_common_finnish_feedback_wordings_take_their_roles(tmp_path):
    """QA round 26: "Kehitysehdotuksia" (improvement suggestions) and "Oliko työpajasta hyötyä yrityksellesi?"
    got no role (the patterns knew kehittää and hyödy-, not the other stems kehitys- and hyöty-), so 3 of 12
    improvement comments and 11 of 32 usefulness ratings were left out of the feedback figures."""
    survey = _read(tmp_path, "palaute.csv", "Oliko työpajasta hyötyä yrityksellesi?,Kehitysehdotuksia\n" + "".join(
        f"{s},Enemmän omaa tekemistä {i}\n" for i, s in enumerate([5, 4, 3, 4, 5, 2])), "feedback")
    roles = dict(zip(survey.questions["text"], survey.questions["role"]))
    assert roles["Oliko työpajasta hyötyä yrityksellesi?"] == "usefulness"
    assert roles["Kehitysehdotuksia"] == "improve_text"
    swedish = _read(tmp_path, "respons.csv", "Förslag till nästa gång\nMer tid\nFler exempel\n", "feedback")
    assert swedish.questions["role"].tolist() == ["improve_text"]


def test_companies_that_answered_no_theme_question_are_named_in_a_data_warning(tmp_path):
    """QA round 27: a company that answered neither the check-all nor the open need counts in every theme's base
    as not wanting it (sales 11/12 where all 11 that answered named it), said only in a docstring."""
    from pipeline.analysis.needs import without_theme_answer

    survey = _read(tmp_path, "needs.csv", "Kunta,Mitä kehittämistarpeita yrityksellänne on?\nKokkola,Myynnin kasvu\n"
                   "Kannus,\nKokkola,Vienti Ruotsiin\nKannus,\n", "needs")
    got = without_theme_answer(survey)
    assert got[["problem", "rows", "value"]].values.tolist() == [["no_theme_answer", "3, 5", "2"]]
    answered = _read(tmp_path, "needs2.csv", "Kunta,Mitä kehittämistarpeita yrityksellänne on?\nKokkola,Myynti\n",
                     "needs")
    assert without_theme_answer(answered).empty


def test_a_company_answering_twice_by_name_is_said_to_share_the_name_not_the_business_id(tmp_path):
    """QA round 26: rows 13 ("Oy Esimerkki Ab", Y-tunnus) and 38 ("ESIMERKKI", no Y-tunnus) were merged through
    the name, but the warning said "the same business ID", which row 38 does not have."""
    from pipeline.analysis.needs import repeated_companies

    survey = _read(tmp_path, "needs.csv", "Yrityksen nimi,Y-tunnus,Kunta\nOy Esimerkki Ab,,Kokkola\n"
                   "Rantasen Vene Oy,0112038-9,Kannus\nESIMERKKI,,Kokkola\nRantasen Vene,0112038-9,Kannus\n", "needs")
    got = repeated_companies(survey)
    assert sorted(got[["problem", "rows"]].values.tolist()) == [["repeated_company", "3, 5"],
                                                                ["repeated_company_name", "2, 4"]]


def test_a_workshop_of_few_commenters_shows_no_comment_themes_however_many_comments():
    """QA round 28: a workshop of 3 participants, each writing a "good" and an "improve" comment, showed its 6
    comments' themes ("trainer 1") while its ratings were withheld: the floor counts respondents, not comments."""
    from pipeline.disclosure import published_comment_themes

    params = {"min_responses": 5, "min_count": 3, "min_base": 5, "confidence": 0.95}
    themes = _themes_rows([("overall", None, "all", "trainer", 1, 6), ("workshop", "W2", "all", "trainer", 1, 6)])
    assert published_comment_themes(themes, params, {"W2": 3}).empty
    assert len(published_comment_themes(themes, params, {"W2": 5})) == 2


def test_the_public_edition_quotes_no_comment_of_a_workshop_whose_comment_themes_are_withheld():
    """QA round 27: the public quote file tied "Mer tid för frågor." to its workshop of 3 responses, whose comment
    themes (fewer than 5 comments) were withheld."""
    from test_feedback import PARAMS, comment_codes, comment_survey, register, tables

    w = register([("W1", "2022-02-10", "Canva", "brand", 10, None)])
    codes, texts = comment_codes()
    steering = tables(w, [("W1", comment_survey())], codes=codes, texts=texts)["feedback_quotes"]
    public = tables(w, [("W1", comment_survey())], codes=codes, texts=texts,
                    params={**PARAMS, "edition": "public"})
    assert len(steering) == 3 and set(steering["workshop_id"]) == {"W1"}
    assert public["feedback_quotes"].empty
    assert public["feedback_themes"].empty       # 3 comments: no workshop themes, so no pooled ones either


def test_a_public_edition_whose_workshop_gained_a_late_feedback_answer_is_refused(tmp_path):
    """A workshop shown with 8 responses in autumn and 9 in spring gave the late participant's ratings and
    comment themes by subtraction; a workshop hidden then (fewer than min_responses) or grown by a group is not."""
    import pytest

    from pipeline.disclosure import previous_edition, refuse_small_feedback_change
    from pipeline.errors import InputError

    processed = tmp_path / "syksy" / "processed"
    processed.mkdir(parents=True)
    pd.DataFrame({"theme": ["sales"], "companies": [17], "respondents": [27]}).to_csv(
        processed / "theme_ranking.csv", index=False)
    pd.DataFrame({"workshop_id": ["W1", "W2", "W3"], "responses": [8, 3, 10]}).to_csv(
        processed / "feedback_summary.csv", index=False)
    params = {"edition": "public", "min_responses": 5, "previous_edition": previous_edition(tmp_path / "syksy")}
    now = pd.DataFrame({"workshop_id": ["W1", "W2", "W3", "W4"], "responses": [9, 4, 15, 6]})
    with pytest.raises(InputError, match=r"workshop\(s\) W1 \(8 → 9\) have a few feedback responses more"):
        refuse_small_feedback_change(now, params)
    refuse_small_feedback_change(now.assign(responses=[8, 4, 15, 6]), params)
    refuse_small_feedback_change(now, {**params, "edition": "steering"})


def test_marketing_in_a_language_to_reach_its_speakers_is_no_request_for_service_in_it():
    """QA round 29: "Marknadsföring på finska, vi når inte de finskspråkiga kunderna" (the firm's own marketing to
    Finnish-speaking customers) was counted as a request to be served in Finnish."""
    from pipeline.analysis.language import asks_for

    assert asks_for("Marknadsföring på finska, vi når inte de finskspråkiga kunderna", need=True) == []
    assert asks_for("Exportrådgivning på svenska.", need=True) == ["sv"]


def test_the_companys_language_is_not_read_from_the_language_it_wants_its_workshops_in(tmp_path):
    """QA round 29: "På vilket språk vill ni helst delta i workshoppar?" took the business-language role before
    "Vilka språk använder företaget i sin verksamhet?": 27 of 30 companies 'used Swedish', 21 'only Swedish'."""
    survey = _read(tmp_path, "needs.csv", "Kommun,På vilket språk vill ni helst delta i workshoppar?,"
                   "Vilka språk använder företaget i sin verksamhet?\nJakobstad,Svenska,Svenska\n"
                   "Larsmo,Båda går bra,Finska\nNykarleby,Svenska,Svenska\n", "needs")
    roles = dict(zip(survey.questions["text"], survey.questions["role"]))
    assert roles["Vilka språk använder företaget i sin verksamhet?"] == "business_language"
    assert roles["På vilket språk vill ni helst delta i workshoppar?"] != "business_language"


def test_swedish_and_finnish_wordings_of_scales_and_roles_found_in_a_swedish_project(tmp_path):
    """QA round 29: "Måttlig" as a competence scale's midpoint and "Tar helt avstånd … Instämmer helt" split grids
    into single choices; "Mitä voisi parantaa?" and "Har ni kunnat tillämpa det ni lärde er?" took no role."""
    levels = ["Mycket svag", "Svag", "Måttlig", "God", "Mycket god"]
    grid = _read(tmp_path, "kompetens.csv", "Kunnande: försäljning,Kunnande: marknadsföring,Kunnande: export\n" +
                 "".join(f"{levels[i % 5]},{levels[(i + 2) % 5]},{levels[(i + 3) % 5]}\n" for i in range(10)),
                 "needs")
    assert grid.questions["type"].tolist() == ["likert"]
    agree = ["Tar helt avstånd", "Tar delvis avstånd", "Varken instämmer eller tar avstånd", "Instämmer delvis",
             "Instämmer helt"]
    grid = _read(tmp_path, "effekt.csv", "Påstående: nytta,Påstående: kontakter\n" +
                 "".join(f"{agree[i % 5]},{agree[(i + 1) % 5]}\n" for i in range(10)), "impact")
    assert grid.questions["type"].tolist() == ["likert"]
    feedback = _read(tmp_path, "palaute.csv", "Mitä voisi parantaa?\nEnemmän aikaa\nLiian teoreettinen\n", "feedback")
    assert feedback.questions["role"].tolist() == ["improve_text"]
    impact = _read(tmp_path, "effekt2.csv", "Har ni kunnat tillämpa det ni lärde er?\nJa\nDelvis\nNej\nJa\n", "impact")
    assert impact.questions["role"].tolist() == ["impact"]


def test_a_swedish_register_without_a_format_column_and_with_its_notes_in_anteckningar():
    """QA round 29: a register headed "Nr, Datum, Evenemang, Tema, Deltagare, Språk, Anteckningar" was refused for
    want of a format column, and its notes column (the plural "Anteckningar") was not read, so a workshop marked
    "inställd" there with no participants figure counted as held."""
    from pipeline.ingest.register import register_with_accounts

    frame = pd.DataFrame({"Nr": ["1", "2"], "Datum": ["4.3.2025", "8.4.2025"],
                          "Evenemang": ["Försäljning i praktiken", "Data i vardagen"], "Tema": ["försäljning", "data"],
                          "Deltagare": ["12", ""], "Språk": ["svenska", "svenska"],
                          "Anteckningar": ["3 deltog på distans", "inställd, för få anmälda"]})
    register, accounts = register_with_accounts(frame, "Evenemangsregister.xlsx")
    assert register["workshop_id"].tolist() == ["1"] and register["format"].tolist() == [""]
    assert register["participants_note"].tolist() == ["3 deltog på distans"]
    assert accounts["cancelled"] == 1 and any("no format column" in w for w in accounts["warnings"])


def test_previous_public_naming_a_steering_run_is_refused(tmp_path):
    """QA round 28: a steering edition's folder named as previous_public was compared with as if published."""
    import json

    import pytest

    from pipeline.disclosure import previous_edition
    from pipeline.errors import InputError

    processed = tmp_path / "syksy" / "processed"
    processed.mkdir(parents=True)
    pd.DataFrame({"theme": ["sales"], "companies": [17], "respondents": [27]}).to_csv(
        processed / "theme_ranking.csv", index=False)
    (processed / "manifest.json").write_text(json.dumps({"settings": {"analysis": {"edition": "steering"}}}),
                                             encoding="utf-8")
    with pytest.raises(InputError, match=r"the run there is the steering edition; \[analysis\] previous_public"):
        previous_edition(tmp_path / "syksy")
    (processed / "manifest.json").write_text(json.dumps({"settings": {"analysis": {"edition": "public"}}}),
                                             encoding="utf-8")
    assert previous_edition(tmp_path / "syksy")["respondents"] == 27.0


def test_a_public_edition_whose_impact_answers_changed_with_the_same_companies_is_refused(tmp_path):
    """QA round 28: a company answering the impact survey again ("partly", then "yes") kept the count of companies,
    passed the comparison, and the two editions' difference gave both answers."""
    import pytest

    from pipeline.disclosure import previous_edition, refuse_changed_impact_answers
    from pipeline.errors import InputError

    processed = tmp_path / "syksy" / "processed"
    processed.mkdir(parents=True)
    pd.DataFrame({"theme": ["sales"], "companies": [17], "respondents": [27]}).to_csv(
        processed / "theme_ranking.csv", index=False)
    pd.DataFrame({"indicator": ["impact_companies"], "value": [15], "is_known": True, "basis": "x",
                  "note_key": "x"}).to_csv(processed / "reach.csv", index=False)
    pd.DataFrame({"measure": "impact", "answer": ["yes", "partly", "no"], "companies": [6, 5, 4],
                  "base": 15}).to_csv(processed / "impact_summary.csv", index=False)
    params = {"edition": "public", "min_base": 5, "previous_edition": previous_edition(tmp_path / "syksy")}
    now = pd.DataFrame({"measure": "impact", "answer": ["yes", "partly", "no"], "companies": [7, 4, 4], "base": 15})
    with pytest.raises(InputError, match=r"as many companies as the previous public edition, but its counts differ "
                                         r"\(impact partly, impact yes\)"):
        refuse_changed_impact_answers(now, 15, params)
    refuse_changed_impact_answers(now.assign(companies=[6, 5, 4]), 15, params)     # the same answers
    refuse_changed_impact_answers(now, 20, params)          # another count: the other rule's business


def test_google_forms_timestamps_with_swedish_and_finnish_am_pm_markers_are_read():
    """QA round 29: Google Forms in Swedish writes "2025/03/04 2:15:07 em. EET" (fm./em.), in Finnish ap./ip.:
    unread, the submission times were empty and the "feedback long after the workshop" check stayed silent."""
    from pipeline.ingest.qtypes import parse_datetimes

    got, _ = parse_datetimes(pd.Series(["2025/03/04 2:15:07 em. EET", "2025/03/04 9:15:07 fm. EET",
                                        "2025/03/04 12:05:00 em.", "2025/03/04 12:05:00 fm."]))
    assert got.dt.strftime("%H:%M").tolist() == ["14:15", "09:15", "12:05", "00:05"]
    fi, _ = parse_datetimes(pd.Series(["4.3.2025 2.15.07 ip.", "4.3.2025 9.15.07 ap."]))
    assert fi.dt.strftime("%d.%m. %H:%M").tolist() == ["04.03. 14:15", "04.03. 09:15"]


def test_a_head_count_typed_as_text_is_the_size_question_and_no_need_to_code(tmp_path):
    """QA round 29: "Hur många anställda har företaget?" answered "ca 8 anställda", "25 personer",
    "ensamföretagare" was typed open: no size breakdown, and its answers were coded as needs (an emerging theme
    "anställa, circa, 35", 25 rows of the review workbook, the base of the language requests)."""
    from pipeline import stages
    from pipeline.analysis.needs import company_profiles
    from pipeline.config import defaults

    answers = ["ca 8 anställda", "25 personer", "ensamföretagare", "3", "ca 40", "5 st", "12 anställda",
               "2 + ägaren", "ca 60 anställda", "7"]
    survey = _read(tmp_path, "needs.csv", "Hur många anställda har företaget?,Vad behöver ni hjälp med?\n" +
                   "".join(f"{a},Försäljning {i}\n" for i, a in enumerate(answers)), "needs")
    assert dict(zip(survey.questions["text"], survey.questions["role"]))["Hur många anställda har företaget?"] \
        == "size"
    sizes = company_profiles(survey, defaults()["analysis"])["size"].value_counts().to_dict()
    assert sizes == {"1–4": 3, "5–9": 3, "10–49": 3, "50–249": 1}
    coded = stages.texts(survey)
    assert not coded["text"].str.contains("anställda|personer|ensamföretagare").any() and len(coded) == 10


def test_a_feedback_data_warning_names_its_workshops_as_workshops():
    """QA round 29: "…(linked to the right workshop?): 5" read as five responses; 5 was the workshop's number."""
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter
    from pipeline.report.headlines import feedback_problem_warnings

    problems = pd.DataFrame({"problem": ["response_dates", "response_dates"], "workshop_id": ["5", "6"]})
    one = feedback_problem_warnings(problems.iloc[:1], Formatter(Messages("sv")))
    assert one == ["Kontrollera data: Respons inlämnad före workshoppen eller långt efter den (kopplad till rätt "
                   "workshop?): workshop 5 (raderna finns i feedback_problems.csv)."]
    assert ": workshops 5, 6 (" in feedback_problem_warnings(problems, Formatter(Messages("en")))[0]


def test_the_public_kirkpatrick_comment_n_is_that_of_the_comment_themes_shown():
    """QA round 28: the Kirkpatrick row of open feedback gave 34 commenting respondents beside a comment-theme
    table that pooled 32 (a withheld workshop's 2 counted)."""
    from pipeline.analysis.feedback import _kirkpatrick

    overall = pd.DataFrame({"satisfaction_n": [20], "usefulness_n": [20], "practicality_n": [20], "nps_n": [20],
                            "comments": [34]})
    impact = pd.DataFrame(columns=["measure", "base"])
    def n_of(frame):
        return int(frame.loc[frame["note_key"] == "feedback.kp.comments", "n"].iloc[0])
    assert n_of(_kirkpatrick(overall, pd.DataFrame(), impact)) == 34
    assert n_of(_kirkpatrick(overall, pd.DataFrame(), impact, commenters=32)) == 32
    assert n_of(_kirkpatrick(overall, pd.DataFrame(), impact, commenters=0)) == 34    # asked, all withheld


def test_one_person_answering_for_two_companies_by_name_is_two_respondents(tmp_path):
    """QA round 30: a bookkeeper's e-mail on two rows without a business ID but with two company names made one
    respondent id of the two companies, and the run stopped (a duplicate index in the no-theme-answer check)."""
    from dataclasses import replace

    from pipeline.analysis.needs import without_theme_answer

    survey = _read(tmp_path, "needs.csv", "Yrityksen nimi,Y-tunnus,Sähköposti,Kunta,Mitä kehittämistarpeita yrityksellänne on?\n"
                   "Alpha Oy,,matti@example.fi,Kokkola,Myynnin kasvu\nBeta Ky,,matti@example.fi,Kannus,\n"
                   "Gamma Oy,,liisa@example.fi,Kokkola,Vienti\n", "needs")
    assert survey.respondents["respondent_id"].nunique() == 3
    assert survey.respondents["company_id"].nunique() == 3
    # however the ids came to repeat, the check reads the rows, not an index by id
    repeated = replace(survey, respondents=survey.respondents.assign(
        respondent_id=survey.respondents["respondent_id"].iloc[[0, 0, 2]].to_numpy()))
    assert without_theme_answer(repeated).empty        # the shared id answered a theme question
    assert without_theme_answer(survey)["rows"].tolist() == ["3"]


def test_an_attendance_row_of_a_cancelled_workshop_is_left_out_with_a_warning(tmp_path, caplog):
    """QA round 30: a sign-up list still naming the cancelled workshop T5 stopped the run with "workshop 'T5' is
    neither an id nor a title in the workshop register" though T5 was the register's own id."""
    from pipeline import stages

    (tmp_path / "osallistujat.csv").write_text("Työpaja;Yrityksen nimi\nT4;Alpha Oy\nT5;Beta Oy\n"
                                               "Verkkokaupan perusteet;Gamma Oy\n", encoding="utf-8")
    from pipeline.config import defaults

    accounts = {"cancelled_workshops": [{"workshop_id": "T5", "title": "Verkkokaupan perusteet", "row": 8}]}
    ingest = defaults()["ingest"]
    got = stages.attendance(ingest, b"k", tmp_path / "osallistujat.csv", register_accounts=accounts)["attendance"]
    assert got["source_row"].tolist() == [2]
    assert "row(s) 3, 4: the workshop was not held" in caplog.text
    assert len(stages.attendance(ingest, b"k", tmp_path / "osallistujat.csv")["attendance"]) == 3


def test_a_typed_head_count_question_in_finnish_gives_standard_size_classes(tmp_path):
    """QA round 30: "Montako henkilöä yrityksessänne työskentelee?" was not the size question, and once named, one
    typed range ("10-20 hlö") became the survey's only size class, every other answer a class of its own."""
    from pipeline.analysis.needs import company_profiles, size_classes
    from pipeline.config import defaults

    answers = ["10-20 hlö", "n. 5", "yksinyrittäjä", "12", "3 henkilöä", "alle 5", "60", "8"]
    survey = _read(tmp_path, "needs.csv", "Montako henkilöä yrityksessänne työskentelee?,Kunta\n" +
                   "".join(f"{a},Kokkola\n" for a in answers), "needs")
    assert survey.question("size") is not None
    sizes = company_profiles(survey, defaults()["analysis"])["size"].value_counts().to_dict()
    assert sizes == {"1–4": 3, "5–9": 2, "10–49": 2, "50–249": 1}
    # a single choice's own classes still hold the counts typed beside them
    options = pd.Series(["1–4", "5–19", "20 tai enemmän", "12"], dtype="string")
    assert size_classes(options).tolist() == ["1–4", "5–19", "20 tai enemmän", "5–19"]


def test_a_misspelt_provider_municipality_is_warned_about(caplog):
    """QA round 30: "Kokola" in the providers file made the provider serve nobody, with no word."""
    from pipeline.analysis.routing import _warn_unknown_places

    profiles = pd.DataFrame({"company_id": ["a", "b"], "municipality": ["Kokkola", "Kannus"]})
    _warn_unknown_places({"KOSEK": {"kokola"}, "Centria": {"kannus"}}, {"karleby": "Kokkola"}, profiles)
    assert "KOSEK: municipality 'kokola' is in neither the survey nor the sub-regions (did you mean 'kokkola'?)" \
        in caplog.text
    assert "Centria" not in caplog.text


def test_a_workshop_not_held_is_a_data_warning_in_the_report():
    """QA round 30: the cancelled workshop left out of every figure was said in the log and ingest_report.json
    alone; the steering group saw 6 workshops without a word why not 7."""
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter
    from pipeline.report.headlines import _input_problems
    from pipeline.stages import _workshops_not_held

    rows = _workshops_not_held({"file": "rekisteri.xlsx", "cancelled_workshops": [
        {"workshop_id": "T5", "title": "Verkkokaupan perusteet", "row": 8}]})
    assert rows[["problem", "workshop_id", "rows"]].values.tolist() == [["workshop_not_held", "T5", "8"]]
    said = _input_problems({"input_problems": rows.to_dict("records")}, Formatter(Messages("en")))
    assert said == ["Workshop register, row 8: workshop T5 (“Verkkokaupan perusteet”) was not held (0 participants, "
                    "or marked cancelled), so it is left out of the workshops, its themes' supply, the funnel and the "
                    "language figures."]
    assert _workshops_not_held(None).empty


def test_an_export_answer_that_is_none_of_yes_maybe_no_is_a_data_warning(tmp_path):
    """QA round 29: five firms answering "Vi exporterar redan" left the export base with a log line only; a
    don't-know answer is out of the base as such, with no word to add."""
    from pipeline.analysis.needs import unread_export_answers
    from pipeline.config import defaults

    survey = _read(tmp_path, "needs.csv", "Kommun,Är företaget intresserat av export?\nJakobstad,Ja\n"
                   "Larsmo,Vi exporterar redan\nJakobstad,Nej\nNykarleby,Vi exporterar redan\nLarsmo,Vet inte\n"
                   "Jakobstad,Kanske\n", "needs")
    got = unread_export_answers(survey, defaults()["analysis"])
    assert got[["problem", "value", "rows"]].values.tolist() == [["unread_export_answer", "Vi exporterar redan",
                                                                  "3, 5"]]
