"""Settings resolution: config file, then environment, then defaults; errors name the file and key."""
from pathlib import Path

import pytest

from pipeline.config import defaults, load_settings
from pipeline.errors import ConfigError


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_smallest_config_resolves_paths_relative_to_the_file(tmp_path):
    (tmp_path / "data").mkdir()
    write(tmp_path / "data" / "needs.csv", "a\n1\n")
    cfg = write(tmp_path / "project.toml", '[needs]\nfile = "data/needs.csv"\n')
    settings = load_settings(cfg, env={})
    assert settings.needs.path == (tmp_path / "data" / "needs.csv").resolve()
    assert settings.feedback == () and settings.impact is None and settings.workshops is None
    assert settings.lang == "fi"
    assert settings.analysis["bootstrap_samples"] >= 2000


def test_config_file_wins_over_environment_which_wins_over_defaults(tmp_path):
    write(tmp_path / "n.csv", "a\n1\n")
    cfg = write(tmp_path / "p.toml", 'lang = "sv"\n[needs]\nfile = "n.csv"\n')
    assert load_settings(cfg, env={"PIPELINE_LANG": "en"}).lang == "sv"
    cfg2 = write(tmp_path / "q.toml", '[needs]\nfile = "n.csv"\n')
    assert load_settings(cfg2, env={"PIPELINE_LANG": "en"}).lang == "en"
    assert load_settings(cfg2, env={"PIPELINE_LANG": "en"}, lang="fi").lang == "fi"


def test_output_folder_from_flag_environment_or_repository(tmp_path):
    write(tmp_path / "n.csv", "a\n1\n")
    cfg = write(tmp_path / "p.toml", '[needs]\nfile = "n.csv"\n')
    assert load_settings(cfg, env={"PIPELINE_OUT": str(tmp_path / "e")}).out == (tmp_path / "e").resolve()
    settings = load_settings(cfg, out=tmp_path / "o", env={"PIPELINE_OUT": str(tmp_path / "e")})
    assert settings.processed == (tmp_path / "o" / "processed").resolve()


def test_analysis_overrides_are_merged_and_type_checked(tmp_path):
    write(tmp_path / "n.csv", "a\n1\n")
    cfg = write(tmp_path / "p.toml", '[needs]\nfile = "n.csv"\n[analysis]\nbootstrap_samples = 3000\n')
    settings = load_settings(cfg, env={})
    assert settings.analysis["bootstrap_samples"] == 3000
    assert settings.analysis["min_base"] == 5
    bad = write(tmp_path / "b.toml", '[needs]\nfile = "n.csv"\n[analysis]\nbootstrap_samples = "many"\n')
    with pytest.raises(ConfigError, match="bootstrap_samples"):
        load_settings(bad, env={})


@pytest.mark.parametrize("text, message", [
    ('[needs]\nfile = "missing.csv"\n', "missing.csv"),
    ('[needs]\nfiles = "n.csv"\n', r"\[needs\]"),
    ('[needz]\nfile = "n.csv"\n', "needz"),
    ('[needs\nfile = "n.csv"\n', "not valid TOML"),
    ('lang = "de"\n[needs]\nfile = "n.csv"\n', "de"),
    ('[analysis]\nno_such = 1\n[needs]\nfile = "n.csv"\n', "no_such"),
    ('[coding]\nmin_confidnce = 0.5\n[needs]\nfile = "n.csv"\n', "min_confidnce"),
])
def test_bad_config_names_the_problem(tmp_path, text, message):
    write(tmp_path / "n.csv", "a\n1\n")
    with pytest.raises(ConfigError, match=message):
        load_settings(write(tmp_path / "p.toml", text), env={})


def test_feedback_entries_keep_their_workshop_link(tmp_path):
    for name in ("n.csv", "f1.csv", "f2.csv", "w.csv"):
        write(tmp_path / name, "a\n1\n")
    cfg = write(tmp_path / "p.toml", '[needs]\nfile = "n.csv"\n[workshops]\nfile = "w.csv"\n'
                '[[feedback]]\nfile = "f1.csv"\nworkshop_id = "W01"\n[[feedback]]\nfile = "f2.csv"\n')
    settings = load_settings(cfg, env={})
    assert [(s.path.name, s.workshop_id) for s in settings.feedback] == [("f1.csv", "W01"), ("f2.csv", None)]
    assert [p.name for p in settings.input_files()] == ["f1.csv", "f2.csv", "n.csv", "w.csv"]


def test_pseudonym_key_from_environment_or_key_file(tmp_path):
    write(tmp_path / "n.csv", "a\n1\n")
    cfg = write(tmp_path / "p.toml", '[needs]\nfile = "n.csv"\n')
    assert load_settings(cfg, env={"PIPELINE_PSEUDONYM_KEY": "abc"}).pseudonym_key() == b"abc"
    write(tmp_path / "k.key", "from-file\n")
    cfg2 = write(tmp_path / "q.toml", '[needs]\nfile = "n.csv"\n[privacy]\nkey_file = "k.key"\n')
    assert load_settings(cfg2, env={"PIPELINE_PSEUDONYM_KEY": "abc"}).pseudonym_key() == b"from-file"


def test_every_numeric_setting_of_the_defaults_has_a_range():
    from pipeline.config import _RANGES

    missing = [f"[{section}] {key}" for section in ("analysis", "ingest", "coding")
               for key, value in defaults()[section].items()
               if isinstance(value, (int, float)) and not isinstance(value, bool) and key not in _RANGES[section]]
    assert missing == []
