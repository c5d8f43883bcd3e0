"""Shared fixtures: a fixed pseudonym key so no test touches the user's key file."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEST_KEY = b"test-key-not-secret"


VOIKKO_FIXTURES = {"voikko", "voikko_coder"}


def pytest_collection_modifyitems(config, items):
    """Tests of the Voikko path need the system library (Debian libvoikko1 + voikko-fi), which `make install`
    and CI install where they can. Where it cannot be had (a Windows laptop, a machine without root), those
    tests are reported as not run, with the reason; the simplemma path is tested everywhere."""
    from pipeline.text.normalise import voikko_available

    if voikko_available():
        return
    reason = pytest.mark.skip(reason="Voikko is not installed here (make voikko); simplemma path tested")
    for item in items:
        callspec = getattr(item, "callspec", None)
        on_voikko_param = callspec is not None and "voikko" in callspec.id.split("-")
        if item.get_closest_marker("voikko") or on_voikko_param or \
                VOIKKO_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(reason)


@pytest.fixture(autouse=True)
def _pseudonym_key(monkeypatch):
    monkeypatch.setenv("PIPELINE_PSEUDONYM_KEY", TEST_KEY.decode())
    monkeypatch.delenv("PIPELINE_KEY_FILE", raising=False)
    monkeypatch.delenv("PIPELINE_OUT", raising=False)
    monkeypatch.delenv("PIPELINE_LANG", raising=False)


@pytest.fixture
def cli_env():
    """Environment for ``python -m pipeline`` subprocesses: the test key, no inherited output settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIPELINE_")}
    env["PIPELINE_PSEUDONYM_KEY"] = TEST_KEY.decode()
    return env


@pytest.fixture
def python():
    return sys.executable


def write_csv(path: Path, text: str) -> Path:
    """Writes ``text`` (an export written out by hand in a test) to ``path`` as UTF-8; returns the path."""
    path.write_text(text, encoding="utf-8")
    return path


def run_cli(*args: str, env: dict | None = None, timeout: int = 600):
    """``python -m pipeline ARGS`` in a subprocess, as a user runs it; returns the CompletedProcess."""
    import subprocess

    if env is None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PIPELINE_")}
        env["PIPELINE_PSEUDONYM_KEY"] = TEST_KEY.decode()
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True,
                          timeout=timeout, env=env, cwd=ROOT)


@pytest.fixture(scope="session")
def demo_out(tmp_path_factory) -> Path:
    """One run of the whole pipeline on the bundled demo, shared by the end-to-end and notebook tests."""
    out = tmp_path_factory.mktemp("demo-run")
    result = run_cli("run", "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    return out


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    """Returns a CSV export written out by a test: every cell quoted, as survey tools write them."""
    def cell(value: str) -> str:
        return '"' + str(value).replace('"', '""') + '"'
    return "\n".join(",".join(cell(c) for c in line) for line in [header] + rows) + "\n"


def webropol_csv(path: Path, header: list[str], rows: list[list[str]],
                 lead: tuple[str, str] = ("Vastaaja", "Vastausaika"), when=lambda i: f"{3 + i}.2.2026 9:00") -> Path:
    """Writes a Webropol CSV download to ``path``: ``;``-separated, UTF-8 with a BOM, the running number and the
    response time (``lead`` headers, ``when(i)`` for row ``i``) before ``header``; returns the path."""
    lines = [";".join([*lead, *header])]
    lines += [";".join([str(i + 1), when(i), *row]) for i, row in enumerate(rows)]
    path.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def chosen(survey, qid: str) -> dict[str, int]:
    """How many respondents chose each option of multi-select ``qid``."""
    rows = survey.answers[survey.answers["question_id"] == qid]
    return rows.groupby("value")["respondent_id"].nunique().to_dict()


def questions_by_text(found: dict) -> dict:
    """Returns ``inspect_file``'s questions keyed by their text."""
    return {q["text"]: q for q in found["questions"]}


def refused_in_one_line(result, *absent: str) -> str:
    """Returns the one-line message of a command refused with exit code 2 (``run_cli``'s result), after checking
    that it holds no traceback and none of ``absent`` (the names in the refused file)."""
    message = result.stderr.strip()
    assert result.returncode == 2, result.stderr
    assert len(message.splitlines()) == 1 and "Traceback" not in message, message
    assert not [a for a in absent if a in message], message
    return message


class StubResults(dict):
    """A run's results by name, without their fingerprints (for ``runner.output_files``)."""
    fingerprints: dict = {}


@pytest.fixture
def one_question_settings(tmp_path):
    """Settings of a project of one needs file with one question, writing to ``tmp_path/out``."""
    from pipeline.config import load_settings

    config = tmp_path / "project.toml"
    config.write_text('[needs]\nfile = "needs.csv"\n', encoding="utf-8")
    (tmp_path / "needs.csv").write_text("Yritys,Tarpeet\nA,myynti\n", encoding="utf-8")
    return load_settings(config, out=tmp_path / "out", env={})
