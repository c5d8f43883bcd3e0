"""What was used (pipeline/analysis/questions.py ``data_used``), and a needs survey without a needs role run
through: the per-question report instead of a refusal, and the roles it could not find."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline.analysis.questions import data_used, missing_key_roles
from tests.test_questions import impact_survey, needs_survey

ROOT = Path(__file__).resolve().parents[1]


def test_every_question_with_its_role_or_why_not():
    used = data_used([("needs", needs_survey()), ("impact", impact_survey())], {"theme_ranking": "Themes"})
    asked = used[used["use"] != "not_found"].set_index(["survey", "question_id"])
    assert asked.loc[("needs", "q3"), "use"] == "analysis" and "Themes" in asked.loc[("needs", "q3"), "used_in"]
    assert asked.loc[("needs", "q1"), "use"] == "own_section"
    assert asked.loc[("impact", "q2"), "use"] == "own_section"
    assert asked.loc[("impact", "q1"), "role"] == "impact"
    missing = used[used["use"] == "not_found"]
    assert {"municipality", "needs_text"} <= set(missing.loc[missing["survey"] == "needs", "role"])
    assert missing_key_roles(used) == {}          # the needs survey has interests


def test_a_needs_survey_without_a_needs_role_says_so():
    survey = needs_survey()
    survey = survey.with_roles(survey.questions.assign(role=""))
    used = data_used([("needs", survey)])
    assert missing_key_roles(used) == {"needs": ["interests", "needs_text"]}


@pytest.mark.slow  # a whole run in a process of its own
def test_run_on_a_needs_survey_without_any_needs_role_reports_every_question(tmp_path):
    rows = []
    for n in range(12):
        rows.append({"ID": n + 1, "Kunta": ["Kokkola", "Kannus", "Kaustinen"][n % 3],
                     "Toivottu toteutustapa": ["Lähiopetus", "Teams", "Hybridi"][n % 3],
                     "Osaamme markkinoida verkossa": ["Täysin samaa mieltä", "Jokseenkin samaa mieltä",
                                                      "Jokseenkin eri mieltä", "Täysin eri mieltä"][n % 4],
                     "Mitä muuta haluatte sanoa?": ["Myynti ja asiakashankinta verkossa kiinnostaa kovasti",
                                                    "Vientiin liittyvät asiat ovat meille tärkeitä",
                                                    "Ei muuta tällä kertaa kiitos"][n % 3]})
    pd.DataFrame(rows).to_csv(tmp_path / "needs.csv", index=False)
    (tmp_path / "project.toml").write_text('[needs]\nfile = "needs.csv"\n', encoding="utf-8")
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "pipeline", "run", "--config", str(tmp_path / "project.toml"),
                           "--out", str(out), "--lang", "en", "--quiet"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    summary = (out / "reports" / "summary.md").read_text(encoding="utf-8")
    assert "## Data warnings" in summary and "interests / needs\\_text" in summary
    assert "Toivottu toteutustapa" in summary and "Data used" in summary
    used = pd.read_csv(out / "processed" / "data_used.csv")
    assert set(used.loc[used["use"] == "not_found", "role"]) >= {"interests", "needs_text"}


def test_a_role_the_config_gives_is_said_to_be_given_not_missing():
    # every feedback file's workshop_id in the config stands for the workshop question
    survey = impact_survey()
    plain = data_used([("feedback", survey)])
    given = data_used([("feedback", survey)], given=[("feedback", "workshop")])
    row = lambda frame: frame.loc[frame["role"] == "workshop", ["use", "is_key"]].values.tolist()  # noqa: E731
    assert row(plain)[0][0] == "not_found"
    assert row(given) == [["config", False]]
