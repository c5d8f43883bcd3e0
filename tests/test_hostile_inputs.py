"""Hostile and careless input, round two (issue 17): one test per quirk, each on a few inline rows or a small
file generated in tmp_path. No wall-clock limits: linear time is asserted by construction (bounded patterns)."""
from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from pipeline import io as pio
from pipeline import privacy
from pipeline.config import load_settings
from pipeline.errors import ConfigError, InputError
from pipeline.ingest import read_survey
from pipeline.ingest.readers import read_raw
from pipeline.ingest.register import workshop_register
from pipeline.report.safe import safe_csv_frame, safe_csv_text, xml_text

KEY = b"k" * 32
PARAMS = {"max_file_mb": 200, "max_uncompressed_mb": 500, "max_compression_ratio": 200, "zip_ratio_min_mb": 1,
          "max_columns": 2000, "max_sheet_cells": 50_000_000, "max_field_mb": 10, "sniff_lines": 20}
REPO = Path(__file__).resolve().parents[1]


def _csv(tmp_path, text, name="export.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _all_text(survey) -> str:
    parts = [survey.answers.astype(str).to_csv(), survey.questions.astype(str).to_csv(), str(survey.report)]
    return "\n".join(parts)


# --- personal data ---------------------------------------------------------------------------------------
def test_a_first_and_last_name_column_is_personal_data(tmp_path):
    path = _csv(tmp_path, "Etu- ja sukunimi,Mitä tarvitsette?\nKaisa Korhonen,Myyntiä\nJuha Nieminen,Vientiä\n")
    survey = read_survey(path, key=KEY)
    assert "Korhonen" not in _all_text(survey) and "Nieminen" not in _all_text(survey)
    assert survey.report["personal_data"][0]["kind"] == "name"


def test_a_contact_details_column_is_personal_data(tmp_path):
    path = _csv(tmp_path, "Yhteystiedot,Mitä tarvitsette?\n\"Kaisa K, 040 123 4567\",Myyntiä\n"
                          "juha@example.fi,Vientiä\n")
    survey = read_survey(path, key=KEY)
    assert survey.report["personal_data"][0]["kind"] == "contact"
    assert "040 123" not in _all_text(survey) and "juha@" not in _all_text(survey)


def test_names_inside_open_answers_become_name_placeholders():
    assert privacy.scrub_text("Kaisa Korhonen auttoi meitä") == "[name] auttoi meitä"
    assert privacy.scrub_text("Soita Juha Niemiselle") == "Soita [name]"          # inflected family name
    assert privacy.scrub_text("Korhonen Kaisa, myynti") == "[name], myynti"       # family name first
    assert privacy.scrub_text("Anna palautetta") == "Anna palautetta"             # a given name alone is a word
    assert privacy.scrub_text("Onni Oy") == "Onni Oy"


def test_ibans_are_scrubbed_grouped_and_compact():
    assert privacy.scrub_text("tilille FI21 1234 5600 0007 85 kiitos") == "tilille [iban] kiitos"
    assert privacy.scrub_text("FI2112345600000785") == "[iban]"
    assert privacy.scrub_text("SE45 5000 0000 0583 9825 7466") == "[iban]"


def test_obfuscated_email_addresses_are_scrubbed():
    for text in ("pekka(at)example.fi", "pekka [at] example [dot] fi", "pekka at example dot fi",
                 "pekka @ example.fi"):
        assert privacy.scrub_text(f"kirjoita {text} kiitos") == "kirjoita [email] kiitos", text
    assert privacy.scrub_text("I work at company.com") == "I work at company.com"


def test_an_email_in_a_question_header_leaves_no_trace_in_questions(tmp_path):
    path = _csv(tmp_path, "Vastaa pekka@example.fi:lle,Toinen\nMyyntiä,a\nVientiä,b\nLisää,c\n")
    survey = read_survey(path, key=KEY)
    assert "pekka@" not in survey.questions.astype(str).to_csv()
    assert "[email]" in " ".join(map(str, survey.questions["columns"].iloc[0]))


def test_an_email_in_the_timestamp_column_is_not_quoted_in_warnings(tmp_path):
    path = _csv(tmp_path, "Timestamp,Mitä tarvitsette?\n2024-01-02 10:00,Myyntiä\npekka@example.fi,Vientiä\n")
    survey = read_survey(path, key=KEY)
    assert "pekka@" not in str(survey.report["warnings"])
    assert any("[email]" in w for w in survey.report["warnings"])


def test_an_email_in_the_register_note_is_scrubbed():
    frame = pd.DataFrame({"workshop_id": ["W1"], "date": ["2024-01-02"], "title": ["Myynti"],
                          "format": ["onsite"], "participants": ["12"],
                          "participants_note": ["ask pekka@example.fi or Kaisa Korhonen"]})
    register = workshop_register(frame)
    assert register["participants_note"].iloc[0] == "ask [email] or [name]"


def test_an_input_error_message_never_quotes_an_address():
    assert str(InputError("x.csv, row 3: 'pekka@example.fi' is not a date")) == "x.csv, row 3: '[email]' is not a date"


def test_the_log_filter_scrubs_every_line():
    import logging

    record = logging.LogRecord("pipeline.x", logging.WARNING, __file__, 1, "value %r", ("pekka@example.fi",), None)
    privacy.ScrubFilter().filter(record)
    assert record.getMessage() == "value '[email]'"


# --- bounded work per value ------------------------------------------------------------------------------
def _unbounded_repeats(pattern: re.Pattern) -> list[str]:
    """The repetitions of a compiled pattern without an upper bound (``*``, ``+``, ``{n,}``)."""
    try:
        from re import _parser as sre_parse          # Python 3.11+
    except ImportError:                                # pragma: no cover
        import sre_parse
    found: list[str] = []

    def walk(items):
        for op, arg in items:
            name = str(op)
            if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
                low, high, sub = arg
                if high == sre_parse.MAXREPEAT:
                    found.append(f"{name}{{{low},}}")
                walk(sub)
            elif name in ("SUBPATTERN",):
                walk(arg[-1])
            elif name in ("BRANCH",):
                for branch in arg[1]:
                    walk(branch)
            elif name in ("ASSERT", "ASSERT_NOT", "ATOMIC_GROUP"):
                walk(arg[-1] if isinstance(arg, tuple) else arg)
    walk(sre_parse.parse(pattern.pattern, pattern.flags))
    return found


@pytest.mark.parametrize("name", ["_EMAIL", "_OBFUSCATED_EMAIL", "_OBFUSCATED_QUICK", "_IBAN", "_HETU", "_YTUNNUS",
                                  "_VAT", "_IPV4", "_IPV6", "_PHONE", "_QUICK", "_NAME_WORD", "_EMAIL_CELL",
                                  "_DATE_LIKE", "_PHONE_CELL", "_COORDINATES", "_DEVICE_ID", "_OPAQUE_ID",
                                  "_URL_QUERY", "_NAME_SHAPE"])
def test_every_privacy_pattern_has_bounded_repetitions_only(name):
    # each match attempt then does bounded work, so a 200 KB answer costs linear time, not quadratic
    assert _unbounded_repeats(getattr(privacy, name)) == []


def test_long_cells_and_headers_are_cut_before_any_pattern_runs():
    long = "a" * 200_000 + "@"
    assert privacy.personal_data_by_values([long] * 3, 0.8) is None          # over MAX_VALUE_CHARS: no match
    assert privacy.personal_data_kind("Mitä" + " " * 100_000 + "sähköposti") is None    # cut: only "mitä" left
    assert privacy._normal_header("x" * 10_000) == "x" * privacy.MAX_HEADER_CHARS
    assert privacy.scrub_text(long) == long                                   # done, and nothing to replace


# --- formulas through ; -----------------------------------------------------------------------------------
def test_every_separated_piece_of_a_csv_field_is_guarded():
    assert safe_csv_text("Kauppa;=1+1;") == "Kauppa;'=1+1;"
    assert safe_csv_text("a,\t@SUM(A1)") == "a,\t'@SUM(A1)"
    frame = safe_csv_frame(pd.DataFrame({"segment": ["Kauppa;=1+1;"], "n": [3]}))
    data = pio.csv_bytes(frame).decode()
    assert data == '"segment","n"\n"Kauppa;\'=1+1;",3\n'
    for line in data.splitlines():          # opened with ; as the separator, no piece starts a formula
        assert not any(piece.strip('"').startswith(("=", "+", "-", "@")) for piece in line.split(";"))


def test_csv_text_fields_are_quoted_and_numbers_are_not():
    data = pio.csv_bytes(pd.DataFrame({"t": ["a", None], "x": [1.5, None], "n": [1, 2]})).decode()
    assert data == '"t","x","n"\n"a",1.5,1\n,,2\n'


# --- one value or one small file stops nothing ------------------------------------------------------------
def test_non_xml_characters_are_removed_at_ingest_and_before_reports(tmp_path):
    path = _csv(tmp_path, "Mitä tarvitsette?,Toinen\nMyyntiä\uffff lisää,a\nVientiä,b\nMuuta,c\n")
    survey = read_survey(path, key=KEY)
    assert "\uffff" not in _all_text(survey)
    assert any("U+FFFF" in w for w in survey.report["warnings"])
    assert xml_text("a\uffff\ufffe\x01b") == "ab"


def test_mathtext_is_off_in_every_chart_label():
    from pipeline.charts.style import annotate, new_figure

    fig = new_figure(4, 3)
    ax = fig.add_subplot()
    ax.barh(["$\\foo$", "Revenue ($) and costs ($)"], [1, 2])
    annotate(fig, "$\\foo$", "question $x$", "n = 2")
    svg = pio.figure_bytes(fig, "svg")                  # mathtext would raise on \foo
    assert b"Revenue ($) and costs ($)" in svg


def _xlsx_with_far_cell(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["q1", "q2", "q3"])
    sheet.append(["a", "b", "c"])
    sheet["XFD1048576"] = "x"
    book.save(path)
    return path


def test_an_xlsx_with_a_cell_at_xfd1048576_is_refused_before_reading(tmp_path):
    path = _xlsx_with_far_cell(tmp_path / "far.xlsx")
    with pytest.raises(InputError, match=r"far.xlsx: worksheet sheet1.xml reaches cell XFD1048576"):
        read_raw(path, PARAMS)


def test_a_doctype_past_the_first_4_kb_of_a_part_is_refused(tmp_path):
    src = _xlsx_with_far_cell(tmp_path / "src.xlsx")
    path = tmp_path / "late_entity.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = data + b" " * 8000 + b'<!DOCTYPE x [<!ENTITY a "b">]>'
            zout.writestr(item, data)
    with pytest.raises(InputError, match="declares XML entities"):
        read_raw(path, PARAMS)


def test_an_encrypted_xlsx_is_named_as_password_protected(tmp_path):
    path = tmp_path / "secret.xlsx"
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    path.write_bytes(ole + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 64
                     + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 512)
    with pytest.raises(InputError, match="password-protected"):
        read_raw(path, PARAMS)


def test_utf16le_without_bom_and_many_typographic_characters_is_read(tmp_path):
    text = "Kysymys,Vastaus\n" + "“Hyvä” – €,“ok” — ’x’\n" * 5
    path = tmp_path / "utf16.csv"
    path.write_bytes(text.encode("utf-16-le"))
    raw = read_raw(path, PARAMS)
    assert raw.encoding == "utf-16-le" and raw.frame.iloc[1, 0] == "“Hyvä” – €"


def test_a_crash_of_the_spss_reader_is_one_line_error(tmp_path, monkeypatch):
    import pyreadstat

    from pipeline.ingest import readers

    path = tmp_path / "crash.sav"
    pyreadstat.write_sav(pd.DataFrame({"q1": [1.0, 2.0]}), str(path))

    def segfault(*_args, **_kwargs):
        os.kill(os.getpid(), 11)           # what pyreadstat does on value labels naming variable 9999

    monkeypatch.setattr(pyreadstat, "read_sav", segfault)
    with pytest.raises(InputError, match=r"crash.sav: the SPSS reader crashed on this file \(signal SIGSEGV\)"):
        readers.read_raw(path, PARAMS)


def test_a_very_hidden_sheet_is_not_analysed_when_the_visible_one_is_empty(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Vastaukset"
    hidden = book.create_sheet("Sheet0")
    hidden.append(["a", "b", "c"])
    hidden.append(["1", "2", "3"])
    hidden.sheet_state = "veryHidden"
    book.save(tmp_path / "forms.xlsx")
    with pytest.raises(InputError, match="very hidden sheet 'Sheet0' is not read"):
        read_raw(tmp_path / "forms.xlsx", PARAMS)


# --- config and settings -----------------------------------------------------------------------------------
def _config(tmp_path, body: str) -> Path:
    (tmp_path / "needs.csv").write_text("Mitä tarvitsette?,Toinen\nMyyntiä,a\n", encoding="utf-8")
    path = tmp_path / "project.toml"
    path.write_text('[needs]\nfile = "needs.csv"\n' + body, encoding="utf-8")
    return path


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_config_at_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    with pytest.raises(ConfigError, match="not a regular file"):
        load_settings(fifo)


def test_config_at_dev_zero_is_refused_without_reading(tmp_path):
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    with pytest.raises(ConfigError, match="not a regular file"):
        load_settings("/dev/zero")


@pytest.mark.parametrize("body, words", [
    ("[analysis]\nmin_count = 0\n", "min_count = 0 is out of range"),
    ("[analysis]\nmin_base = -1\n", "min_base = -1 is out of range"),
    ("[analysis]\nconfidence = 1.5\n", "confidence = 1.5 is out of range"),
    ("[analysis]\nseed = -1\n", "seed = -1 is out of range"),
    ("[analysis]\nbootstrap_samples = 1000000000000\n", "bootstrap_samples = 1000000000000 is out of range"),
    ("[privacy]\nkeyfile = \"k.key\"\n", "[privacy]: unknown key(s) keyfile"),
    ("[workshops]\nfile = 5\n", "[workshops] file = 5: give a file path as a string"),
])
def test_unsafe_or_wrong_settings_are_refused_with_the_setting_named(tmp_path, body, words):
    with pytest.raises(ConfigError) as info:
        load_settings(_config(tmp_path, body), out=tmp_path / "out")
    assert words in str(info.value)


def test_small_cells_are_allowed_only_when_the_config_says_so(tmp_path):
    settings = load_settings(_config(tmp_path, "[privacy]\ni_understand_small_cells = true\n"
                                                "[analysis]\nmin_count = 1\n"), out=tmp_path / "out")
    assert settings.analysis["min_count"] == 1


def test_an_empty_key_file_is_named(tmp_path):
    key = tmp_path / "pseudonym.key"
    key.write_bytes(b"\n")
    key.chmod(0o600)
    settings = load_settings(_config(tmp_path, '[privacy]\nkey_file = "pseudonym.key"\n'), out=tmp_path / "out")
    with pytest.raises(ConfigError, match=r"pseudonym.key: the pseudonym key file is empty"):
        settings.pseudonym_key()


def test_a_world_readable_key_file_is_used_with_a_warning(tmp_path, caplog):
    key = tmp_path / "pseudonym.key"
    key.write_bytes(b"secret-key-material")
    key.chmod(0o644)
    settings = load_settings(_config(tmp_path, '[privacy]\nkey_file = "pseudonym.key"\n'), out=tmp_path / "out")
    with caplog.at_level("WARNING"):
        assert settings.pseudonym_key() == b"secret-key-material"
    assert "chmod 600" in caplog.text
    assert stat.S_IMODE(key.stat().st_mode) == 0o644


# --- never write over an input -----------------------------------------------------------------------------
def _cli(*args, cwd):
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PIPELINE_PSEUDONYM_KEY": "k" * 32, "PYTHONPATH": str(REPO)})


def test_code_out_equal_to_the_input_is_refused(tmp_path):
    path = _csv(tmp_path, "id,text\n1,Tarvitsemme apua myyntiin\n2,Vienti kiinnostaa\n", name="answers.csv")
    before = path.read_bytes()
    result = _cli("code", str(path), "--text-column", "text", "--out", str(path), cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "input file of the run" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == before


def test_ingest_out_onto_the_folder_of_an_input_named_rejected_csv_is_refused(tmp_path):
    path = _csv(tmp_path, "Mitä tarvitsette?,Toinen\nMyyntiä,a\nVientiä,b\n", name="rejected.csv")
    before = path.read_bytes()
    result = _cli("ingest", str(path), "--out", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "input file of the run" in result.stderr
    assert path.read_bytes() == before


def test_out_at_the_filesystem_root_or_home_is_refused(tmp_path):
    with pytest.raises(InputError, match="filesystem root or the home folder"):
        pio.check_out_dir("/")
    with pytest.raises(InputError, match="filesystem root or the home folder"):
        pio.check_out_dir(Path.home())
    with pytest.raises(ConfigError, match="filesystem root or the home folder"):
        load_settings(_config(tmp_path, ""), out="/")
