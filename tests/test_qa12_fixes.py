"""Fixes of what QA round 11 found running real exports nobody built for the pipeline (the rest are in
``test_qa11_fixes.py``)."""
from __future__ import annotations

import pandas as pd

from pipeline.analysis.feedback import LONGER_SCALE, with_longer_scales_apart
from pipeline.analysis.questions import data_used, missing_key_roles, reported_questions
from pipeline.i18n import Messages
from pipeline.report.content import Formatter, meta_lines
from pipeline.stages import report_meta

from test_feedback import rated, register, survey, tables


def test_a_feedback_only_project_states_its_feedback_responses_not_zero_respondents():
    # a project with feedback surveys and no needs survey read "Svarande: 0" at the top of its summary
    accounts = {"feedback:a.csv": {"file": "a.csv", "accepted": 6, "rejected": 1},
                "feedback:b.csv": {"file": "b.csv", "accepted": 4, "rejected": 0}}
    meta = report_meta({}, "2026-12-03", accounts)
    assert (meta["respondents"], meta["feedback_responses"]) == (None, 10)
    assert meta_lines(meta, Formatter(Messages("en"))) == ["Feedback responses: 10", "Compiled: 2026-12-03"]
    with_needs = report_meta({}, "2026-12-03", {"needs": {"accepted": 26}, **accounts})
    assert with_needs["respondents"] == 26 and "feedback_responses" not in with_needs


def test_a_rating_on_a_longer_scale_is_reported_on_its_own_scale_instead_of_nowhere():
    # "Overall, how would you rate today's training event?" on 1-10: left out of the 1-5 figures, it appeared
    # nowhere; without its role it is shown with the survey's other questions, and said so under its role
    values = [10, 1, 9, 9, 9, 8]
    s = survey("fb.csv", [("q1", "likert", "satisfaction", [str(v) for v in range(1, 11)]),
                          ("q2", "open", "improve_text", [])],
               [(f"r{i}", "q1", str(v), None, float(v)) for i, v in enumerate(values)])
    apart = with_longer_scales_apart(s)
    assert apart.questions["role"].tolist() == ["", "improve_text"]
    assert apart.report[LONGER_SCALE] == [{"role": "satisfaction", "question_id": "q1", "above": 5}]
    assert reported_questions("feedback", apart.questions)["question_id"].tolist() == ["q1"]
    used = data_used([("feedback", apart)])
    row = used[used["question_id"] == "q1"].iloc[0]
    assert (row["role"], row["use"]) == ("satisfaction", "longer_scale")
    assert missing_key_roles(used) == {}
    # the feedback figures still say why the rating is not among them
    problems = tables(register([("W1", "2022-02-10", "Canva", "brand", 20, None)]),
                      [("W1", apart)])["feedback_problems"]
    assert problems[["problem", "responses"]].values.tolist() == [["other_scale", 5]]
    # a 1-5 rating keeps its role
    kept = survey("fb.csv", [("q1", "likert", "satisfaction", ["1", "2", "3", "4", "5"])],
                  [(f"r{i}", "q1", str(v), None, float(v)) for i, v in enumerate([5, 4, 4, 3])])
    assert with_longer_scales_apart(kept) is kept


def _questions(*texts: str) -> pd.DataFrame:
    from pipeline.schemas import conform
    return conform(pd.DataFrame([{"question_id": f"q{i + 1:02d}", "text": t, "type": "open", "columns": [t],
                                  "options": [], "role": ""} for i, t in enumerate(texts)]), "questions")


def test_a_role_named_by_a_header_the_export_prefixed_with_marks_is_found_by_its_words():
    # a Finnish Forms workbook wrote an emoji as "???????" before the question; the coordinator typed the question
    # as it reads, without them, and the run was refused
    from pipeline.roles import assign_roles
    questions = _questions("Asuinalueesi Oulussa?", "???????Mitä toimenpiteitä toivoisit kaupungilta?")
    got = assign_roles(questions, "needs", {"needs_text": "Mitä toimenpiteitä toivoisit kaupungilta?"})
    assert got["role"].tolist() == ["", "needs_text"]


def test_a_role_named_by_a_question_not_in_the_file_is_refused_with_the_closest_questions_id():
    import pytest

    from pipeline.errors import ConfigError
    from pipeline.roles import assign_roles
    questions = _questions("Asuinalueesi Oulussa?", "???????Mitä toimenpiteitä toivoisit kaupungilta?")
    with pytest.raises(ConfigError) as refused:
        assign_roles(questions, "needs", {"needs_text": "Mitä toimenpiteitä haluaisit kaupungilta?"}, source="p.toml")
    message = str(refused.value)
    assert message.startswith("p.toml: role needs_text names question ") and "\n" not in message
    assert message.endswith('the closest is q02 (\'???????Mitä toimenpiteitä toivoisit kaupungilta?\'): name it by '
                            'its id, needs_text = "q02"')
    with pytest.raises(ConfigError, match="pipeline inspect FILE. lists the questions with their ids"):
        assign_roles(questions, "needs", {"needs_text": "Yrityksen liikevaihto"})


def test_a_segment_cell_one_or_two_short_of_its_base_is_hidden_in_the_public_edition(tmp_path, capsys):
    # "9 of the 10 companies of one size class want sales" tells that all the class's companies but one did; the
    # impact, language and funnel counts hid this case and the segment tables published it (QA round 10)
    import json

    from pipeline.cli import main
    from pipeline.disclosure import audit_tables, published, short_segment_figures

    from test_disclosure import PARAMS, ranking, segments
    frame = segments([("2–5", "sales", 9, 10), ("6–25", "sales", 4, 8), ("26–50", "sales", 3, 7)])
    totals = ranking({"sales": 16}, 25)
    params = dict(PARAMS, edition="public")
    steering = published({"theme_ranking": totals, "theme_by_segment": frame}, PARAMS)
    assert steering["theme_by_segment"]["companies"].tolist() == [9, 4, 3]
    assert short_segment_figures(steering, params)["row"].tolist() == [0]
    public = published({"theme_ranking": totals, "theme_by_segment": frame}, params)
    shown = public["theme_by_segment"]
    assert shown["companies"].isna().tolist()[0] and pd.isna(shown["share"].iloc[0])
    assert short_segment_figures(public, params).empty
    assert audit_tables(public, params)["is_protected"].all()
    # the audit of a public run says so of a published one
    processed = tmp_path / "processed"
    processed.mkdir()
    frame.to_csv(processed / "theme_by_segment.csv", index=False)
    totals.to_csv(processed / "theme_ranking.csv", index=False)
    (processed / "manifest.json").write_text(json.dumps({"settings": {"analysis": params}}), encoding="utf-8")
    assert main(["audit-disclosure", str(tmp_path)]) == 1
    assert "SHORT  theme_by_segment row 2 companies = 9 of base 10 published" in capsys.readouterr().out


def test_a_theme_no_company_asked_for_is_no_unmet_demand_whatever_its_tier():
    # every theme in tier 1 (15 companies): branding, chosen by none, was headlined as demanded without workshops
    w = register([("W1", "2022-02-10", "Myynti", "sales", 20, 3)])
    demand = pd.DataFrame({"theme": ["data", "sales", "brand"], "share": [0.4, 0.2, 0.0],
                           "ci_low": [0.2, 0.07, 0.0], "ci_high": [0.64, 0.45, 0.2], "rank": [1, 2, 3],
                           "respondents": 15, "tier": [1, 1, 1]})
    got = tables(w, [], demand=demand)["coverage"]
    # (one workshop is short of feedback_min_supply_workshops: sales stays unmet)
    assert dict(zip(got["theme"], got["is_unmet"])) == {"data": True, "sales": True, "brand": False}


def test_the_public_coding_note_does_not_point_at_a_workbook_the_public_run_does_not_write():
    from pipeline.report.content import report_content
    agreement = pd.DataFrame({"taxonomy": ["needs"], "theme": ["all"], "reviewed": [0], "analyst": [0],
                              "machine": [0], "precision": [float("nan")], "recall": [float("nan")],
                              "kappa": [float("nan")], "alpha": [float("nan")], "answers": [12],
                              "share_reviewed": [0.0], "uncertain": [3]})

    def intro(edition: str) -> str:
        content = report_content({"coding_agreement": agreement}, {}, {"edition": edition}, "en")
        return next(b.intro for s in content.sections for b in s.blocks if b.key == "coding")

    assert "An analyst can review the codes in reports/coding_review.xlsx" in intro("steering")
    public = intro("public")
    assert "reports/coding_review.xlsx" in public and "this public edition does not include it" in public


@__import__("pytest").mark.slow
def test_a_run_removes_the_outputs_of_the_previous_run_that_it_does_not_write(tmp_path):
    # `make all CONFIG=<a needs-only project>` ran into the demo's folder: the demo's funnel, satisfaction chart
    # and feedback tables stayed beside the project's own, as if they were its figures (QA round 12)
    import json
    import shutil

    from conftest import ROOT, run_cli
    shutil.copytree(ROOT / "raw" / "demo", tmp_path / "raw")
    out = tmp_path / "out"
    assert run_cli("run", "--config", str(tmp_path / "raw" / "project.toml"), "--out", str(out),
                   "--quiet").returncode == 0
    assert (out / "figures" / "funnel.png").is_file() and (out / "processed" / "feedback_summary.csv").is_file()
    (out / "processed" / "workshops.csv").write_text("changed by hand\n", encoding="utf-8")
    needs_only = tmp_path / "raw" / "needs_only.toml"
    needs_only.write_text('[needs]\nfile = "needs_survey.xlsx"\n', encoding="utf-8")
    result = run_cli("run", "--config", str(needs_only), "--out", str(out))
    assert result.returncode == 0, result.stderr
    fresh = tmp_path / "fresh"
    assert run_cli("run", "--config", str(needs_only), "--out", str(fresh), "--quiet").returncode == 0

    def files(folder):
        return {p.relative_to(folder).as_posix() for sub in ("processed", "figures", "reports")
                for p in (folder / sub).glob("*")}

    # the file changed by hand is no output of ours to delete: it stays, and the run says so
    assert files(out) == files(fresh) | {"processed/workshops.csv"}
    assert "workshops.csv: an output of the previous run that this run does not write, changed since" in result.stderr
    manifest = json.loads((out / "processed" / "manifest.json").read_text(encoding="utf-8"))
    assert {e["path"] for e in manifest["outputs"]} == files(fresh) - {"processed/manifest.json"}


def test_a_theme_nobody_chose_is_not_probably_in_the_top():
    # 3 of 15 companies named sales and none another theme: the four themes nobody named tied at rank 2 in every
    # resample and read "probability of being in the top three: 100 %"
    import numpy as np

    from pipeline.analysis.needs import rank_bootstrap
    matrix = np.zeros((15, 5), dtype=bool)
    matrix[:3, 0] = True
    got = rank_bootstrap(matrix, 500, 7, 3, 0.95)
    assert got["p_top"].iloc[1:].tolist() == [0.0] * 4
    assert 0.9 < got["p_top"].iloc[0] < 1.0   # sales too is in no top in a resample without its three companies


def test_tied_runners_up_are_not_called_the_two():
    # "Practicality (67 %), then SME relevance, Trainer (33 %) ... the comments do not tell the two apart"
    from pipeline.report.headlines import feedback_themes

    themes = pd.DataFrame({"scope": "overall", "prompt": "improve", "theme": ["pace", "trainer", "materials"],
                           "theme_name": ["Pace", "Trainer", "Materials"], "comments": [6, 5, 5], "base": 20,
                           "share": [0.30, 0.25, 0.25], "ci_low": 0.14, "ci_high": 0.52, "suppressed": False})
    line = feedback_themes({"feedback_themes": themes}, {"confidence": 0.95}, Formatter(Messages("en")), {})
    assert line.endswith("then Trainer, Materials (25%), each within that interval: the comments do not tell them "
                         "apart")
    one = themes.iloc[:2]
    line = feedback_themes({"feedback_themes": one}, {"confidence": 0.95}, Formatter(Messages("en")), {})
    assert line.endswith("then Trainer (25%), within that interval: the comments do not tell the two apart")


def test_a_needs_only_report_leaves_out_what_only_feedback_surveys_give():
    # a needs-only project's summary explained feedback top-2 and NPS, showed "0 of 15 companies linked" across
    # surveys it did not have, and its workbook held header-only sheets for questions the survey did not ask
    import io

    import openpyxl

    from pipeline.report.content import method_paragraphs, report_content
    from pipeline.report.xlsx import summary_xlsx
    fmt = Formatter(Messages("en"))
    meta = {"min_responses": 5, "run_date": "2026-12-03"}
    feedback_note = fmt.msgs("report.method.feedback", min_responses=5)
    assert feedback_note in method_paragraphs(meta, fmt)
    assert feedback_note not in method_paragraphs({**meta, "feedback_surveys": 0}, fmt)
    linking = pd.DataFrame({"measure": ["companies", "unidentified"], "source": ["needs", "needs"],
                            "companies": [0, 15], "base": [15, 15]})
    keys = [b.key for s in report_content({"linking": linking}, {}, meta, "en").sections for b in s.blocks]
    assert "linking" not in keys
    two = pd.concat([linking, linking.assign(source="feedback:a.csv")], ignore_index=True)
    keys = [b.key for s in report_content({"linking": two}, {}, meta, "en").sections for b in s.blocks]
    assert "linking" in keys
    from pipeline.schemas import empty
    book = openpyxl.load_workbook(io.BytesIO(summary_xlsx(
        {"linking": two, "export_readiness": empty("export_readiness"), "emerging_themes": empty("emerging_themes")},
        meta, "en")))
    titles = [fmt.msgs(f"report.sheet.{n}") for n in ("linking", "export_readiness", "emerging_themes")]
    assert [t in book.sheetnames for t in titles] == [True, False, True]   # emerging themes say why they are none


def test_emerging_themes_leave_out_grid_statements_and_contact_placeholders():
    # a rating grid's statement "customer services" and 32 answers of "[phone], [email]" were emerging themes
    from pipeline.coding.coder import ThemeCoder
    from pipeline.coding.emerging import emerging_themes
    from pipeline.coding.taxonomy import load_taxonomy
    from pipeline.config import defaults

    coder = ThemeCoder(load_taxonomy("needs"), defaults()["coding"], use_voikko=False)
    said = ["Rekrytointi", "Rekrytointi vaikeaa", "Rekrytointi", "[phone], [email]", "[email]", "[email] [phone]"]
    texts = pd.DataFrame({"text_id": [f"t{i}" for i in range(len(said))], "text": said,
                          "source": ["item", "open", "open", "open", "open", "other_text"]})
    result = emerging_themes(texts, coder.code(texts), dict(defaults()["coding"], emerging_min_answers=2),
                             normaliser=coder.normaliser)
    assert result["answers"].tolist() == [2]
    assert sorted(result["examples"].tolist()[0]) == ["Rekrytointi", "Rekrytointi vaikeaa"]


def test_two_people_alike_but_one_answer_among_many_submissions_a_minute_are_not_one_resubmission():
    # a 1,093-person panel finishing twenty a minute: five pairs answering their nine or ten questions alike but
    # one ("Pacific" / "New England" as their region) were dropped as corrected resubmissions; the chance of such
    # a pair is per pair, and each of the many pairs within the window was one more chance
    import numpy as np

    from pipeline.ingest.build import _corrected_resubmissions
    rng = np.random.default_rng(3)
    cells = rng.choice(["a", "b", "c", "d"], size=(200, 8)).astype(object)
    cells[:, 6:] = ""                                       # a skipped branch: blank for everyone
    cells[101] = cells[100]
    cells[101, 0] = "d" if cells[100, 0] != "d" else "a"    # the same answers but one
    times = np.datetime64("2014-07-09T17:00:00") + (np.arange(200) * 3).astype("timedelta64[s]")
    rows = np.arange(200)
    assert _corrected_resubmissions(cells, times, rows, 120.0, 0.001).tolist() == []
    # the same pair in a small form, where few pairs were compared, is one respondent correcting an answer
    few = np.r_[np.arange(0, 200, 25), [100, 101]]
    assert _corrected_resubmissions(cells, times, np.unique(few), 120.0, 0.001).tolist() == [100]


def test_a_companys_language_is_not_one_its_answers_coded_in_it_are_not_written_in():
    # a French survey: short answers given the survey's English ("Site en ligne") or a look-alike Swedish ("Le
    # coût est élevé"), and a URL read as Swedish at 0.02, made 11 of 12 companies English-speaking and one
    # Swedish-speaking; a company answering in English, and Finnish and Swedish ones, keep their languages
    from functools import partial

    from pipeline.analysis.language import company_languages
    from pipeline.text.normalise import TextNormaliser
    links = pd.DataFrame({"source": "needs", "record_id": ["r1", "r2", "r3", "r4", "r5"],
                          "company_id": ["c1", "c2", "c3", "c4", "c5"], "is_identified": True})
    said = [("r1", "en", "Une connexion internet pas vraiment stable"), ("r2", "sv", "Le coût est très élevé"),
            ("r3", "sv", "HTTPS://fast.com/fr en ligne"), ("r4", "en", "Most of the time the network is off"),
            ("r5", "fi", "Puistot, metsät ja polut kuntoon"), ("r5", "sv", "Vi behöver fler kunder i Vasa")]
    coded = pd.DataFrame({"source": "open", "respondent_id": [r for r, _, _ in said],
                          "lang": [lang for _, lang, _ in said], "text": [t for _, _, t in said]})
    written_in = partial(TextNormaliser({}, use_voikko=False).written_in, min_probability=0.2)
    got = company_languages(links, coded_texts=coded, min_words=3, written_in=written_in)
    assert list(zip(got["company_id"], got["language"])) == [("c4", "en"), ("c5", "fi"), ("c5", "sv")]


def _typed_questions(*rows: tuple[str, str]) -> pd.DataFrame:
    from pipeline.schemas import conform
    return conform(pd.DataFrame([{"question_id": f"q{i + 1:02d}", "text": t, "type": typ, "columns": [t],
                                  "options": [], "role": ""} for i, (t, typ) in enumerate(rows)]), "questions")


def test_a_role_named_by_the_words_of_a_longer_header_takes_the_question_of_a_fitting_type():
    # "What did you like best?" ends a Forms header of 100 characters; a multi-select and its typed "other" share
    # the text "15. What would be most helpful ...?" (QA round 13: the hint pointed at the "other" text column)
    from pipeline.roles import assign_roles
    questions = _typed_questions(
        ("Today's content and feedback to the lecturers (e.g. materials, exercises): – What did you like best?",
         "open"),
        ("15. What would be most helpful for your approach? (Please select no more than 5 choices)", "multi"),
        ("15. What would be most helpful for your approach? (Please select no more than 5 choices)", "other_text"))
    got = assign_roles(questions, "needs", {"interests": "15. What would be most helpful for your approach?"})
    assert got["role"].tolist() == ["", "interests", ""]
    got = assign_roles(questions, "feedback", {"good_text": "What did you like best?"})
    assert got["role"].tolist() == ["good_text", "", ""]


def test_a_closed_role_named_by_its_typed_other_text_is_refused_with_the_question_it_belongs_to():
    import pytest

    from pipeline.errors import ConfigError
    from pipeline.roles import assign_roles
    questions = _typed_questions(("Which topics interest you?", "multi"), ("Which topics interest you?", "other_text"))
    with pytest.raises(ConfigError, match='role interests names question q02, the typed "other" text of question q01; '
                                          'name that question, interests = "q01"'):
        assign_roles(questions, "needs", {"interests": "q02"}, source="p.toml")
    twice = _typed_questions(("Your comments on the day", "open"), ("Your comments on the day", "open"))
    with pytest.raises(ConfigError, match=r"which several questions of fb\.csv hold \(q01, q02\)"):
        assign_roles(twice, "feedback", {"comment_text": "comments on the day"}, source="p.toml", file="fb.csv")


def test_the_swedish_workbook_names_its_feedback_problems_and_register_columns_in_swedish():
    # the "Utelämnade" sheet read "no_register" and "other_scale", the register sheet "participants low"
    from pipeline.report.xlsx import coded_label
    from pipeline.report.content import header
    msgs = Messages("sv")
    assert coded_label(msgs, "problem", "other_scale", "feedback_problems") == \
        "Bedömning på annan skala än 1–5 (utelämnad)"
    assert [header(msgs, c, "workshops") for c in ("participants_low", "participants_low_rate_known")] == \
        ["Deltagare (minst)", "Deltagare (kända, minst)"]


def test_a_feedback_only_report_leaves_out_what_only_needs_and_impact_surveys_give():
    # a feedback-only project's summary showed "How demand was covered" with a chart of "needs survey, n = 0",
    # began its Kirkpatrick block "The impact survey speaks to ...", explained bootstrap ranks and tiers, and
    # ended "All open answers and their themes: No open answers" beside 47 coded comments (QA round 13)
    from pipeline.report.content import method_paragraphs, report_content
    meta = {"respondents": None, "feedback_surveys": 1, "impact_survey": False, "bootstrap_samples": 2000,
            "run_date": "2026-12-03"}
    coverage = pd.DataFrame({"theme": ["other"], "theme_name": ["Other"], "demand_share": [float("nan")],
                             "workshops": [1], "is_unmet": [False]})
    kirkpatrick = pd.DataFrame({"level": ["reaction"], "note_key": ["feedback.kp.comments"], "n": [23],
                                "is_measured": [True]})
    content = report_content({"coverage": coverage, "kirkpatrick": kirkpatrick,
                              "open_answers": pd.DataFrame(columns=["question", "text", "themes"])},
                             {"demand_supply": b"png"}, meta, "en")
    blocks = {b.key: b for s in content.sections for b in s.blocks}
    assert "coverage" not in blocks and "charts" not in blocks
    assert blocks["impact"].intro.startswith("No impact survey was given")
    assert content.open_answers is None
    fmt = Formatter(Messages("en"))
    bootstrap = fmt.msgs("report.method.bootstrap", samples=2000)
    assert bootstrap not in method_paragraphs(meta, fmt)
    assert bootstrap in method_paragraphs({**meta, "respondents": 26}, fmt)


def test_the_count_of_hidden_segment_cells_is_a_note_under_its_chart_not_a_key_finding():
    # a survey whose only key finding read "2/18 cells are suppressed (:c)" (QA round 13)
    from pipeline.report.content import report_content

    from test_disclosure import segments
    frame = segments([("2–5", "sales", 2, 6), ("6–25", "sales", 4, 7), ("26–50", "sales", 3, 7)])
    content = report_content({"theme_by_segment": frame}, {"segment_heatmap": b"png"}, {"min_count": 3}, "en")
    heatmap = next(c for s in content.sections for b in s.blocks for c in b.charts if c.stem == "segment_heatmap")
    assert heatmap.finding.startswith("0/3 cells are suppressed")   # (the frame as given: nothing marked)
    assert content.findings == []


def test_an_emerging_theme_of_foreign_answers_is_not_labelled_by_their_stop_words():
    # French answers read through their closest of fi/sv/en kept "il, très, sont" as content words
    from pipeline.coding.coder import ThemeCoder
    from pipeline.coding.emerging import emerging_themes
    from pipeline.coding.taxonomy import load_taxonomy
    from pipeline.config import defaults

    coder = ThemeCoder(load_taxonomy("needs"), defaults()["coding"], use_voikko=False)
    said = ["Les produits sont très chers ici", "Les prix sont très élevés pour nous", "Il y a des produits chers",
            "Ils sont très chers, les produits"]
    texts = pd.DataFrame({"text_id": [f"t{i}" for i in range(len(said))], "text": said, "source": "open"})
    codes = coder.code(texts).assign(lang="", theme="other")
    result = emerging_themes(texts, codes, dict(defaults()["coding"], emerging_min_answers=2),
                             normaliser=coder.normaliser)
    words = [w for label in result["label"] for w in label.split(", ")]
    assert words and not {"il", "très", "sont", "les", "des"} & set(words)


def test_the_kirkpatrick_table_says_a_rating_was_asked_on_a_longer_scale_not_that_it_was_not_measured():
    # an overall rating of 1-10 read "Overall satisfaction ... n 0, measured: no" beside its mean of 7.8 among
    # the other questions (QA round 13)
    from pipeline.analysis.feedback import with_longer_scales_apart
    values = [10, 1, 9, 9, 9, 8]
    s = survey("fb.csv", [("q1", "likert", "satisfaction", [str(v) for v in range(1, 11)])],
               [(f"r{i}", "q1", str(v), None, float(v)) for i, v in enumerate(values)])
    w = register([("W1", "2022-02-10", "Canva", "brand", 20, None)])
    table = tables(w, [("W1", with_longer_scales_apart(s))])["kirkpatrick"].set_index("figure")
    assert table.loc["top2_share", "note_key"] == "feedback.kp.satisfaction_longer_scale"
    assert table.loc["usefulness_top2_share", "note_key"] == "feedback.kp.usefulness"   # not asked at all
    assert Messages("en")(table.loc["top2_share", "note_key"]).startswith("Overall satisfaction: asked on a longer")


def test_the_workbook_leaves_out_what_the_summary_leaves_out_for_saying_nothing():
    # a needs-only workbook kept "Linking: 0 of 15" and a header-only competence sheet (QA round 13)
    import io

    import openpyxl

    from pipeline.report.xlsx import summary_xlsx
    from pipeline.schemas import empty
    linking = pd.DataFrame({"measure": ["companies", "unidentified"], "source": ["needs", "needs"],
                            "companies": [0, 15], "base": [15, 15]})
    book = openpyxl.load_workbook(io.BytesIO(summary_xlsx(
        {"linking": linking, "likert_distribution": empty("likert_distribution"),
         "feedback_problems": empty("feedback_problems")}, {"run_date": "2026-12-03"}, "en")))
    msgs = Messages("en")
    titles = [msgs(f"report.sheet.{n}") for n in ("linking", "likert_distribution", "feedback_problems")]
    assert [t in book.sheetnames for t in titles] == [False, False, True]   # none left out: said by its sheet


def test_an_overall_grade_is_the_satisfaction_question_and_its_longer_scale_names_the_workshop():
    # "Kokonaisarvosana työpajalle asteikolla 1-10" matched no satisfaction pattern: a workshop's six ratings
    # dropped out of every figure with no warning (QA round 14)
    from pipeline.analysis.feedback import with_longer_scales_apart
    from pipeline.roles import assign_roles
    for text in ("Kokonaisarvosana työpajalle asteikolla 1-10", "Helhetsbetyg för workshoppen (1-10)"):
        assert assign_roles(_typed_questions((text, "likert")), "feedback")["role"].tolist() == ["satisfaction"]
    values = [10, 1, 9, 9, 9, 8]
    s = survey("fb.csv", [("q1", "likert", "satisfaction", [str(v) for v in range(1, 11)])],
               [(f"r{i}", "q1", str(v), None, float(v)) for i, v in enumerate(values)])
    problems = tables(register([("TP3", "2026-03-20", "Datasta tuottoa", "data", 12, None)]),
                      [("TP3", with_longer_scales_apart(s))])["feedback_problems"]
    assert problems[problems["problem"] == "other_scale"]["workshop_id"].tolist() == ["TP3"]


def test_no_largest_gap_between_need_and_competence_is_named_when_no_need_exceeds_its_competence():
    # "Largest gap between need and competence: export (demand 23 %, competence 32 %)" (QA round 14)
    from pipeline.report.headlines import need_vs_competence
    need = pd.DataFrame({"theme": ["export", "sales"], "theme_name": ["Export", "Sales"],
                         "demand_share": [0.23, 0.20], "demand_ci_low": [0.11, 0.09], "demand_ci_high": [0.42, 0.39],
                         "respondents": [26, 26], "item": ["Vienti", "Myynti"], "competence_n": [19, 23],
                         "competence_share": [0.32, 0.48], "competence_ci_low": [0.15, 0.29],
                         "competence_ci_high": [0.54, 0.67]})
    fmt = Formatter(Messages("en"))
    assert need_vs_competence({"need_vs_competence": need}, {"confidence": 0.95}, fmt, {}) is None
    wanted = need.assign(demand_share=[0.42, 0.20])
    assert "Export" in need_vs_competence({"need_vs_competence": wanted}, {"confidence": 0.95}, fmt, {})


def test_a_workshop_without_a_feedback_survey_is_not_one_with_too_few_responses():
    # TP2 and TP5 had no feedback survey and read "Too few responses: yes" (QA round 14)
    w = register([("W1", "2022-02-10", "Canva", "brand", 10, None), ("W2", "2022-03-10", "Myynti", "sales", 12, None)])
    got = tables(w, [("W1", rated("a.csv", [5, 4, 3]))])["feedback_summary"].set_index("workshop_id")
    assert got.loc["W2", ["is_surveyed", "is_small_n"]].tolist() == [False, False]
    assert got.loc["W1", ["is_surveyed", "is_small_n"]].tolist() == [True, True]


def test_a_feedback_role_not_in_its_file_says_that_each_feedback_entry_names_its_own_roles():
    # [feedback.roles] after three [[feedback]] entries belongs to the last one (TOML): the coordinator read
    # "not in Exportverkstad - respons(1-7).xlsx" with no hint why (QA round 14)
    import pytest

    from pipeline.errors import ConfigError
    from pipeline.roles import assign_roles
    with pytest.raises(ConfigError, match=r"each \[\[feedback\]\] entry names the roles of its own file"):
        assign_roles(_typed_questions(("Hur nöjd är du?", "likert")), "feedback",
                     {"satisfaction": "Kokonaisarvosana työpajalle"}, source="p.toml", file="sv.xlsx")
