"""Shared fixtures: a fixed pseudonym key so no test touches the user's key file."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEST_KEY = b"test-key-not-secret"


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
