"""Hostile and careless input, round two (issue 17): one test per quirk, each on a few inline rows or a small
file generated in tmp_path. No wall-clock limits: linear time is asserted by construction (bounded patterns)."""
from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import zipfile
from datetime import datetime
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
                                  "_URL_QUERY", "_NAME_SHAPE", "_PHONE_MORE", "_NAME_GAP_ANY", "_COMMA_GAP",
                                  "_INITIAL_GAP"])
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


# --- round three (issue 17): what the second sweep still let through --------------------------------------
@pytest.mark.parametrize("text", ["pekka＠example.fi", "pekka﹫example.fi", "pekka%40example.fi", "pekka&#64;example.fi",
                                  "pekka@example .fi", "pekka at example . fi", "pekka (at) example . fi"])
def test_encoded_full_width_and_spaced_addresses_are_scrubbed(text):
    assert privacy.scrub_text(f"kirjoita {text} kiitos") == "kirjoita [email] kiitos"


@pytest.mark.parametrize("text, expected", [
    ("soita 358401234567", "soita [phone]"),                   # a number that lost its + in a spreadsheet
    ("soita 040/1234567", "soita [phone]"),
    ("tili FI 21 1234 5600 0007 85", "tili [iban]"),
    ("päivä 01/03/2022 ja 05/2022", "päivä 01/03/2022 ja 05/2022"),    # dates stay
])
def test_phone_and_iban_forms_of_careless_typing_are_scrubbed(text, expected):
    assert privacy.scrub_text(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("kaisa korhonen tietää lisää", "[name] tietää lisää"),      # typed in lower case
    ("soita juha niemiselle", "soita [name]"),
    ("Korhonen, Kaisa", "[name]"),                              # family name, comma, given name
    ("kysy K. Korhonen", "kysy [name]"),                        # an initial
    ("Juha\nNieminen", "[name]"), ("Juha\u2009Nieminen", "[name]"), ("Juha\u200bNieminen", "[name]"),
    ("anna palautetta", "anna palautetta"), ("anna mäki", "anna mäki"), ("aina ajankohtainen", "aina ajankohtainen"),
    ("Myynti, Vienti", "Myynti, Vienti"), ("Tampere, Helsinki", "Tampere, Helsinki"),
])
def test_names_in_lower_case_with_a_comma_or_an_initial_are_scrubbed(text, expected):
    assert privacy.scrub_text(text) == expected


@pytest.mark.parametrize("style", ["single_quotes", "lower_case", "spaced"])
def test_a_far_cell_written_with_other_xml_spellings_is_refused_before_reading(tmp_path, style):
    # XML allows r='XFD1048576' and r = "…"; the reader takes lower-case references too: each spelling made
    # the reader allocate 512 GiB and abort the process
    src = _xlsx_with_far_cell(tmp_path / "src.xlsx")
    path = tmp_path / f"{style}.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:C2"/>', data)
                if style == "single_quotes":
                    data = re.sub(rb'\br="([A-Z0-9]+)"', rb"r='\1'", data)
                elif style == "lower_case":
                    data = data.replace(b'r="XFD1048576"', b'r="xfd1048576"')
                else:
                    data = data.replace(b'r="XFD1048576"', b'r = "XFD1048576"')
            zout.writestr(item, data)
    with pytest.raises(InputError, match=r"reaches cell XFD1048576"):
        read_raw(path, PARAMS)


def test_a_file_name_holding_a_name_and_an_address_is_scrubbed_where_it_is_shown(tmp_path):
    path = _csv(tmp_path, "Mitä tarvitsette?,Toinen\nMyyntiä,a\nVientiä,b\n", name="Kaisa Korhonen pekka@example.fi.csv")
    survey = read_survey(path, key=KEY)
    assert survey.source == "[name] [email].csv"
    assert "Korhonen" not in _all_text(survey) and "pekka@" not in str(survey.report)
    entry = pio.manifest([path], {"needs": str(path)}, [], datetime.now(), datetime.now())
    assert "Korhonen" not in json.dumps(entry) and "pekka@" not in json.dumps(entry)


def test_provider_names_and_services_are_scrubbed(tmp_path):
    from pipeline.analysis.routing import read_catalogue

    path = tmp_path / "providers.yaml"
    path.write_text('providers:\n  - name: "Juha Nieminen consulting"\n    themes: [sales]\n'
                    '    services: "Soita 040 123 4567 tai pekka@example.fi"\n', encoding="utf-8")
    catalogue = read_catalogue(path, ["sales", "export"])
    assert catalogue["name"].iloc[0] == "[name] consulting"
    assert catalogue["services"].iloc[0] == "Soita [phone] tai [email]"


def test_a_review_workbook_with_a_far_cell_is_refused_before_reading(tmp_path):
    from pipeline.coding.review import read_review

    path = _xlsx_with_far_cell(tmp_path / "coding_review.xlsx")
    themes = pd.DataFrame({"theme": ["sales"], "taxonomy": ["needs"], "theme_name": ["Myynti"], "is_other": [False]})
    with pytest.raises(InputError, match=r"coding_review.xlsx: not a readable .xlsx workbook \(worksheet sheet1.xml reaches cell XFD1048576"):
        read_review(path, themes)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_review_or_taxonomy_at_a_fifo_or_folder_is_refused_by_the_config(tmp_path):
    os.mkfifo(tmp_path / "review.xlsx")
    with pytest.raises(ConfigError, match=r"review.xlsx: named in \[coding\] review, but not a regular file"):
        load_settings(_config(tmp_path, '[coding]\nreview = "review.xlsx"\n'), out=tmp_path / "out")
    (tmp_path / "tax.yaml").mkdir()
    with pytest.raises(ConfigError, match=r"tax.yaml: named in \[taxonomy\] needs, but not a regular file"):
        load_settings(_config(tmp_path, '[taxonomy]\nneeds = "tax.yaml"\n'), out=tmp_path / "out")
    with pytest.raises(ConfigError, match=r"missing.yaml: file named in \[taxonomy\] feedback not found"):
        load_settings(_config(tmp_path, '[taxonomy]\nfeedback = "missing.yaml"\n'), out=tmp_path / "out")


@pytest.mark.parametrize("body, words", [
    ('[analysis]\nsubregions = { "X" = "Kokkola" }\n', 'subregions: X = \'Kokkola\': write a list of names'),
    ('[analysis]\nmunicipality_aliases = { "Karleby" = 1 }\n', "municipality_aliases: Karleby = 1: write a name"),
    ("[analysis]\nexport_yes = [1, 2]\n", "export_yes: 1 is not a word"),
    ("[coding]\nextra_stop_words = [\"apu\", 5]\n", "extra_stop_words: 5 is not a word"),
])
def test_list_and_table_settings_are_checked_item_by_item_and_name_the_config(tmp_path, body, words):
    config = _config(tmp_path, body)
    with pytest.raises(ConfigError) as info:
        load_settings(config, out=tmp_path / "out")
    assert words in str(info.value) and str(config) in str(info.value)


def test_a_language_from_the_environment_is_named_as_such(tmp_path):
    with pytest.raises(ConfigError, match=r"PIPELINE_LANG = 'de': language not supported"):
        load_settings(_config(tmp_path, ""), out=tmp_path / "out", env={"PIPELINE_LANG": "de"})


def test_code_writes_scrubbed_ids_and_no_live_formula(tmp_path):
    path = _csv(tmp_path, "email,text\npekka@example.fi,Tarvitsemme apua myyntiin\n\"=1+1;=2+2\",Vienti kiinnostaa\n",
                name="answers.csv")
    result = _cli("code", str(path), "--text-column", "text", "--id-column", "email", "--out",
                  str(tmp_path / "coded.csv"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = (tmp_path / "coded.csv").read_text(encoding="utf-8")
    assert "pekka@" not in data and "[email]" in data
    assert "'=1+1;'=2+2" in data


def test_inspect_prints_no_address_from_a_sheet_name_or_header(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "pekka@example.fi"
    sheet.append(["Kysy kaisa.korhonen@example.fi", "Toinen", "Kolmas"])
    for row in (["Myyntiä", "a", "x"], ["Vientiä", "b", "y"], ["Lisää", "c", "z"]):
        sheet.append(row)
    book.save(tmp_path / "forms.xlsx")
    for extra in ([], ["--json"]):
        result = _cli("inspect", str(tmp_path / "forms.xlsx"), *extra, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert "@example" not in result.stdout and "[email]" in result.stdout



def test_a_shared_string_table_declaring_billions_of_strings_is_refused(tmp_path):
    # the reader reserves room for uniqueCount strings before reading one: 4e9 of them abort the process
    src = _xlsx_with_far_cell(tmp_path / "src.xlsx")
    book = openpyxl.load_workbook(src)
    del book.active["XFD1048576"]
    book.save(src)
    path = tmp_path / "sst.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            zout.writestr(item, zin.read(item.filename))
        zout.writestr("xl/sharedStrings.xml", '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/'
                      'spreadsheetml/2006/main" count="1" uniqueCount="4000000000"><si><t>a</t></si></sst>')
    with pytest.raises(InputError, match=r"sst.xlsx: workbook part xl/sharedStrings.xml declares 4000000000 strings"):
        read_raw(path, PARAMS)


def test_register_ids_and_theme_words_are_scrubbed_and_a_date_may_carry_its_time():
    frame = pd.DataFrame({"workshop_id": ["pekka@example.fi"], "date": ["8.4.2022 klo 13.00"], "title": ["Myynti"],
                          "format": ["onsite"], "participants": ["12"], "themes": ["sales; Kaisa Korhonen"]})
    register = workshop_register(frame)
    assert register["workshop_id"].iloc[0] == "[email]"
    assert register["themes"].iloc[0] == "sales;[name]"
    assert register["date"].iloc[0] == pd.Timestamp("2022-04-08")


def test_a_feedback_link_to_a_workshop_id_with_an_address_is_scrubbed_alike(tmp_path):
    settings = load_settings(_config(tmp_path, '[[feedback]]\nfile = "needs.csv"\nworkshop_id = "pekka@example.fi"\n'),
                             out=tmp_path / "out")
    assert settings.feedback[0].workshop_id == "[email]"


def test_a_theme_ranking_without_any_answer_gives_no_headline():
    from pipeline.report.headlines import theme_ranking

    nan = float("nan")
    ranking = pd.DataFrame({"theme": ["sales"], "theme_name": ["Myynti"], "share": [nan], "ci_low": [nan],
                            "ci_high": [nan], "rank": [1]})
    assert theme_ranking({"theme_ranking": ranking}, {}, None, None) is None


@pytest.mark.parametrize("value, words", [("loop.csv", "cannot follow this path (Symlink loop"),
                                          ("needs.csv\\u0000x", "cannot follow this path (embedded null byte)")])
def test_a_config_path_that_cannot_be_resolved_is_named(tmp_path, value, words):
    os.symlink("loop.csv", tmp_path / "loop.csv")
    config = tmp_path / "project.toml"
    config.write_text(f'[needs]\nfile = "{value}"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings(config, out=tmp_path / "out")
    assert words in str(info.value) and str(config) in str(info.value)


def test_an_output_folder_inside_a_symlink_loop_is_refused_with_one_line(tmp_path):
    os.symlink("loop", tmp_path / "loop")
    with pytest.raises(InputError, match="cannot use this output folder"):
        pio.check_out_dir(tmp_path / "loop" / "out")


def test_an_unexpected_error_line_is_scrubbed(monkeypatch, capsys):
    from pipeline import cli

    def boom(_args):
        raise ValueError("bad value 'pekka@example.fi' in Kaisa Korhonen.csv")

    monkeypatch.setattr(cli, "_cmd_graph", boom)
    assert cli.main(["graph"]) == 2
    err = capsys.readouterr().err
    assert "pekka@" not in err and "Korhonen" not in err and err.count("\n") == 1


@pytest.mark.parametrize("body, words", [
    ("[coding]\nmain_score_share = 2.0\n", "[coding] main_score_share = 2.0 is out of range"),   # min() of nothing
    ("[coding]\nhalf_score = 0.0\n", "[coding] half_score = 0.0 is out of range"),
    ("[coding]\nreview_c = 0.0\n", "[coding] review_c = 0.0 is out of range"),
    ("[ingest]\nlikert_max_points = 0\n", "[ingest] likert_max_points = 0 is out of range"),
    ('[analysis]\nedition = "secret"\n', "[analysis] edition = 'secret': use one of steering, public"),
    ("[ingest]\nmax_columns = 2.5\n", "max_columns = 2.5: expected a whole number, like the default max_columns = 2000"),
])
def test_every_numeric_coding_and_ingest_setting_has_a_range(tmp_path, body, words):
    config = _config(tmp_path, body)
    with pytest.raises(ConfigError) as info:
        load_settings(config, out=tmp_path / "out")
    assert words in str(info.value) and str(config) in str(info.value)


def test_a_megabyte_limit_may_be_a_fraction(tmp_path):
    settings = load_settings(_config(tmp_path, "[ingest]\nmax_file_mb = 0.5\n"), out=tmp_path / "out")
    assert settings.ingest["max_file_mb"] == 0.5


def test_out_naming_a_file_or_a_folder_for_a_file_is_one_line(tmp_path):
    (tmp_path / "outfile").write_text("x")
    with pytest.raises(InputError, match="--out names a file, not a folder"):
        pio.check_out_dir(tmp_path / "outfile")
    with pytest.raises(InputError, match="this is a folder; give the output a file name"):
        pio.write_bytes_atomic(tmp_path, b"x")
    with pytest.raises(InputError, match="a part of this path is a file"):
        pio.write_bytes_atomic(tmp_path / "outfile" / "c.csv", b"x")


def test_an_output_folder_that_links_elsewhere_is_refused_and_nothing_is_written_there(tmp_path):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (tmp_path / "out").mkdir()
    os.symlink(inputs, tmp_path / "out" / "processed")
    with pytest.raises(InputError, match="a symbolic link in the output folder points elsewhere"):
        with pio.staged_outputs(tmp_path / "out") as stage:
            pio.write_bytes_atomic(stage.path(tmp_path / "out" / "processed" / "answers.csv"), b"x")
    assert list(inputs.iterdir()) == []
    (tmp_path / "out2").mkdir()
    (tmp_path / "out2" / "processed").write_text("a file")
    with pytest.raises(InputError, match="a file where the run writes a folder"):
        with pio.staged_outputs(tmp_path / "out2") as stage:
            stage.path(tmp_path / "out2" / "processed" / "answers.csv")


def test_a_path_that_is_not_utf8_text_is_refused_with_one_line(tmp_path):
    name = os.fsdecode(b"\xff\xfe.toml")
    result = subprocess.run([sys.executable, "-m", "pipeline", "run", "--config", str(tmp_path / name), "--out",
                             str(tmp_path / "out")], capture_output=True,
                            env={**os.environ, "PYTHONPATH": str(REPO), "PIPELINE_PSEUDONYM_KEY": "k" * 32})
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 2 and "is not valid UTF-8 text" in err and len(err.strip().splitlines()) == 1


def test_a_folder_that_cannot_be_written_is_one_line_naming_it(monkeypatch, capsys):
    # as root a read-only folder is still writable, so the refusal the file system gives is raised here
    from pipeline import cli

    def denied(_args):
        raise PermissionError(13, "Permission denied", "/srv/readonly/out/processed")

    monkeypatch.setattr(cli, "_cmd_graph", denied)
    assert cli.main(["graph"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: /srv/readonly/out/processed: Permission denied; check that the folder can be written")
    assert err.count("\n") == 1


def test_a_review_note_is_scrubbed_before_it_is_carried_into_the_next_workbook(tmp_path):
    from pipeline.coding.review import COLUMNS, answer_id, read_review

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "review"
    sheet.append(list(COLUMNS))
    question, text = "Mitä tarvitsette?", "Myyntiä"
    sheet.append([answer_id(question, text), question, text, "fi", "sales", 0.9, "", "sales",
                  "kysy Kaisa Korhonen, pekka@example.fi", "needs"])
    book.save(tmp_path / "coding_review.xlsx")
    themes = pd.DataFrame({"theme": ["sales"], "taxonomy": ["needs"], "theme_name": ["Myynti"], "is_other": [False]})
    reviewed = read_review(tmp_path / "coding_review.xlsx", themes)
    assert reviewed["note"].iloc[0] == "kysy [name], [email]"


@pytest.mark.parametrize("value", ['a;"=1+1', 'x\t"@SUM(A1)', ' \n"-2+3;', ' =1+1', '=1+1;"";"@x', 'a,  ""+1'])
def test_a_formula_behind_a_quote_or_a_leading_space_is_guarded_whatever_the_separator(value):
    import csv as csv_module
    import io

    data = pio.csv_bytes(safe_csv_frame(pd.DataFrame({"a": ["x"], "b": [value], "n": [1], "c": ["y"]}))).decode()
    for separator in (",", ";", "\t"):
        for row in csv_module.reader(io.StringIO(data, newline=""), delimiter=separator):
            for cell in row:
                assert not cell.lstrip(' \r\n"').startswith(("=", "+", "-", "@")), (separator, cell)


def test_a_hidden_top_theme_is_not_recommended_and_a_hidden_share_is_never_a_number():
    # public edition on a few companies: the top tier's share and count are hidden (NaN), which stopped the report
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter, recommended_themes

    fmt = Formatter(Messages("en"))
    nan = float("nan")
    ranking = pd.DataFrame({"theme": ["sales", "export"], "theme_name": ["Sales", "Export"], "tier": [1, 1],
                            "rank": [1, 2], "share": [nan, 0.6], "ci_low": [nan, 0.4], "ci_high": [nan, 0.8],
                            "companies": [nan, 6]})
    bullets = recommended_themes({"theme_ranking": ranking}, {"confidence": 0.95}, fmt, {})
    assert len(bullets) == 1 and "Export" in bullets[0].text
    assert fmt.percent(nan) == fmt.mark and fmt.percent_range(nan, 0.5) == fmt.mark


def test_a_taxonomy_or_provider_file_nested_thousands_deep_is_one_line(tmp_path):
    from pipeline.analysis.routing import read_catalogue
    from pipeline.coding.taxonomy import load_taxonomy

    deep = "[" * 20000 + "]" * 20000
    (tmp_path / "tax.yaml").write_text(f"name: {deep}\n", encoding="utf-8")
    (tmp_path / "providers.yaml").write_text(f"providers: {deep}\n", encoding="utf-8")
    with pytest.raises(InputError, match="tax.yaml: not a readable YAML file"):
        load_taxonomy(tmp_path / "tax.yaml")
    with pytest.raises(ConfigError, match="providers.yaml: not valid YAML"):
        read_catalogue(tmp_path / "providers.yaml", ["sales"])


@pytest.mark.parametrize("text, expected", [
    ("Kiitos Sanna Marin", "Kiitos [name]"), ("ring Karin Boye", "ring [name]"),      # family names not listed
    ("Thanks Oliver Twist", "Thanks [name]"),
    ("Mark Your Calendar", "Mark Your Calendar"), ("Kiitos Mikko Oy", "Kiitos Mikko Oy"),  # a word, a company form
    ("Team Finland", "Team Finland"), ("Google Analytics", "Google Analytics"),
])
def test_a_listed_given_name_before_any_capitalised_family_name_is_a_name(text, expected):
    assert privacy.scrub_text(text) == expected


def test_an_input_inside_the_cache_or_a_staging_folder_of_out_is_refused(tmp_path):
    for folder in (".pipeline-cache", ".pipeline-staging-x"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "needs.csv").write_text("Mitä tarvitsette?,Toinen\nMyyntiä,a\n", encoding="utf-8")
        config = tmp_path / "project.toml"
        config.write_text(f'[needs]\nfile = "{folder}/needs.csv"\n', encoding="utf-8")
        with pytest.raises(ConfigError, match="this input lies in a folder the run clears"):
            load_settings(config, out=tmp_path)


def test_ingest_never_removes_a_stale_staging_folder_that_holds_its_input(tmp_path):
    folder = tmp_path / ".pipeline-staging-old"
    folder.mkdir()
    path = _csv(folder, "Mitä tarvitsette?,Toinen\nMyyntiä,a\nVientiä,b\n")
    result = _cli("ingest", str(path), "--out", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert path.exists()
