"""The command line as a user meets it: help, exit codes, one-line errors, the `code` and `demo` commands."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from conftest import ROOT, run_cli

COMMANDS = ("run", "inspect", "ingest", "code", "demo")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    result = run_cli(command, "--help")
    assert result.returncode == 0 and "usage:" in result.stdout


def one_line_error(result) -> str:
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def test_a_usage_error_is_one_line_naming_the_help():
    # argparse printed its whole usage above the error (found by a QA run: `run --lang de`)
    line = one_line_error(run_cli("run", "--lang", "de"))
    assert "invalid choice: 'de'" in line and "python -m pipeline run --help" in line


@pytest.fixture
def answers_csv(tmp_path):
    path = tmp_path / "answers.csv"
    pd.DataFrame({"id": ["a", "b", "c", "d"], "n": [1, 2, 3, 4],
                  "text": ["Tarvitsemme apua verkkokaupan kehittämiseen", "Vi vill börja exportera till Norge",
                           "More customers and better sales skills", "Rekrytointi on vaikeaa"]}
                 ).to_csv(path, index=False)
    return path


def test_code_writes_id_theme_themes_confidence_in_input_order(answers_csv, tmp_path):
    out = tmp_path / "coded.csv"
    result = run_cli("code", str(answers_csv), "--text-column", "text", "--id-column", "id", "--out", str(out))
    assert result.returncode == 0, result.stderr
    coded = pd.read_csv(out)
    assert coded.columns.tolist() == ["id", "theme", "themes", "confidence"]
    assert coded["id"].tolist() == ["a", "b", "c", "d"]
    assert coded["theme"].tolist() == ["ecommerce", "export", "sales", "other"]
    assert coded["confidence"].between(0, 1).all()


def test_code_explain_prints_lemmas_and_deciding_terms(answers_csv, tmp_path):
    result = run_cli("code", str(answers_csv), "--text-column", "text", "--out", str(tmp_path / "c.csv"),
                     "--explain")
    assert result.returncode == 0, result.stderr
    first = json.loads(result.stdout.splitlines()[0].split(": ", 1)[1])
    assert "verkkokauppa" in first["lemmas"] and first["deciding_terms"]


@pytest.mark.parametrize("args, names", [
    (("--text-column", "no_such_column"), "no_such_column"),
    (("--text-column", "n"), "'n'"),
    (("--text-column", "text", "--taxonomy", "missing.yaml"), "missing.yaml"),
])
def test_code_bad_column_or_taxonomy_is_one_line(answers_csv, tmp_path, args, names):
    line = one_line_error(run_cli("code", str(answers_csv), *args, "--out", str(tmp_path / "x.csv")))
    assert names in line


def test_code_on_an_empty_file_is_one_line(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    assert "empty.csv" in one_line_error(run_cli("code", str(empty), "--text-column", "t", "--out",
                                                 str(tmp_path / "x.csv")))


def test_inspect_json_of_a_real_export():
    result = run_cli("inspect", str(ROOT / "tests" / "data" / "exports" / "spss_music_opinion_italian_survey.sav"),
                     "--json")
    info = json.loads(result.stdout)
    assert (info["tool"], info["respondents"], info["header_rows"]) == ("spss", 85, 1)
    assert {"id", "text", "type", "columns"} <= set(info["questions"][0])


def test_ingest_accounts_for_every_row(tmp_path):
    result = run_cli("ingest", str(ROOT / "raw" / "demo" / "feedback_W01.csv"), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "ingest_report.json").read_text())
    assert report["rows_in"] == report["accepted"] + report["rejected"] + report["duplicates"] > 0
    for name in ("respondents.parquet", "answers.parquet", "questions.parquet", "rejected.csv"):
        assert (tmp_path / name).exists()


def test_demo_command_writes_the_committed_demo(tmp_path):
    result = run_cli("demo", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    for committed in (ROOT / "raw" / "demo").iterdir():
        assert (tmp_path / committed.name).read_bytes() == committed.read_bytes(), committed.name


def test_demo_with_other_size_and_seed(tmp_path):
    assert run_cli("demo", "--out", str(tmp_path), "--companies", "40", "--seed", "7").returncode == 0
    survey = pd.read_excel(tmp_path / "needs_survey.xlsx", engine="calamine")
    assert len(survey) == 40
    assert "error: --companies 0" in one_line_error(run_cli("demo", "--out", str(tmp_path), "--companies", "0"))


@pytest.mark.parametrize("config, names", [
    ('[needs]\nfile = "nowhere.csv"\n', "nowhere.csv"),
    ('[needs\n', "not valid TOML"),
    ('lang = "de"\n[needs]\nfile = "n.csv"\n', "'de'"),
])
def test_run_with_a_bad_config_is_one_line(tmp_path, config, names):
    (tmp_path / "n.csv").write_text("Kunta\nKokkola\n")
    path = tmp_path / "project.toml"
    path.write_text(config)
    assert names in one_line_error(run_cli("run", "--config", str(path), "--out", str(tmp_path / "o")))


def test_run_on_a_missing_config_names_it(tmp_path):
    assert "nope.toml" in one_line_error(run_cli("run", "--config", str(tmp_path / "nope.toml")))


PERSONAL = ["maija.meikalainen@yritys.fi", "040 123 4567", "+358 40 7654321", "0112038-9", "131052-308T",
            "Maija Meikäläinen", "192.168.10.1"]


def test_no_personal_data_reaches_ingest_outputs(tmp_path):
    survey = tmp_path / "needs.csv"
    pd.DataFrame({
        "Timestamp": ["10/1/2021 9:00:00", "10/2/2021 9:00:00", "10/3/2021 9:00:00"],
        "Email Address": ["maija.meikalainen@yritys.fi", "b@firma.fi", "c@firma.fi"],
        "Nimi": ["Maija Meikäläinen", "Pekka", "Liisa"],
        "Y-tunnus": ["0112038-9", "2197448-8", "0818674-3"],
        "Kunta": ["Kokkola", "Kannus", "Kokkola"],
        "Missä asioissa yrityksenne tarvitsisi tukea?": [
            "Soita 040 123 4567 tai +358 40 7654321, hetu 131052-308T", "Y-tunnus 0112038-9, apua vientiin",
            "palvelin 192.168.10.1 ja verkkokauppa"],
    }).to_csv(survey, index=False)
    result = run_cli("ingest", str(survey), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    files = list((tmp_path / "out").iterdir())
    assert {f.name for f in files} >= {"answers.parquet", "respondents.parquet", "questions.parquet"}
    for path in files:
        if path.suffix == ".parquet":
            body = pd.read_parquet(path).astype(str).to_csv()
        else:
            body = path.read_text(encoding="utf-8")
        leaked = [p for p in PERSONAL if p in body]
        assert not leaked, (path.name, leaked)
    answers = pd.read_parquet(tmp_path / "out" / "answers.parquet")
    assert "[phone]" in " ".join(answers["text"].dropna())


def test_inspect_without_json_says_what_the_file_is():
    result = run_cli("inspect", str(ROOT / "raw" / "demo" / "needs_survey.xlsx"))
    assert result.returncode == 0, result.stderr
    first, *questions = result.stdout.splitlines()
    assert first == "needs_survey.xlsx: msforms export, xlsx file, 1 header row(s), 26 respondents"
    assert any("multi" in line and "Mistä seuraavista aiheista" in line for line in questions)


@pytest.mark.parametrize("argv", [["--quiet", "inspect"], ["inspect", "--quiet"]])
def test_quiet_holds_before_or_after_the_command(argv):
    from pipeline.cli import parser

    path = str(ROOT / "raw" / "demo" / "needs_survey.xlsx")
    args = parser().parse_args([*argv, path])
    assert (args.quiet, args.verbose) == (True, False)


def test_a_command_exits_with_its_code_and_output_whole_and_lets_a_profiler_write_its_results(tmp_path):
    import subprocess
    import sys

    result = run_cli("graph")
    assert result.returncode == 0 and result.stdout.rstrip().endswith("reports")  # every line flushed
    assert run_cli("inspect", str(tmp_path / "missing.csv")).returncode == 2
    stats = tmp_path / "run.prof"
    profiled = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(stats), "-m", "pipeline", "graph"],
                              capture_output=True, text=True, cwd=ROOT)
    assert profiled.returncode == 0, profiled.stderr
    assert stats.stat().st_size > 0
