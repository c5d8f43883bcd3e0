"""The message catalogue: every key in every language, the same format fields everywhere."""
from __future__ import annotations

import string
from pathlib import Path

import pytest
import yaml

from pipeline.config import LANGUAGES
from pipeline.i18n import MESSAGES_DIR, Messages, catalogue

AREA_FILES = sorted({path.name for lang in LANGUAGES for path in (MESSAGES_DIR / lang).glob("*.yaml")})


def fields(text: str) -> set[str]:
    """The names of the ``str.format`` fields in ``text`` (format specs such as ``:02d`` ignored)."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text) if name}


def area(lang: str, name: str) -> dict[str, str]:
    path = MESSAGES_DIR / lang / name
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {} if path.exists() else {}


@pytest.mark.parametrize("name", AREA_FILES)
def test_every_area_file_has_the_same_keys_in_every_language(name):
    keys = {lang: set(area(lang, name)) for lang in LANGUAGES}
    reference = set().union(*keys.values())
    missing = {lang: sorted(reference - have) for lang, have in keys.items() if reference - have}
    assert missing == {}


def test_every_key_is_present_in_every_language():
    merged = {lang: set(catalogue(lang)) for lang in LANGUAGES}
    everything = set().union(*merged.values())
    assert {lang: sorted(everything - keys) for lang, keys in merged.items() if everything - keys} == {}


def test_format_fields_agree_across_languages():
    reference = catalogue("fi")
    disagree = []
    for lang in LANGUAGES:
        texts = catalogue(lang)
        for key in reference.keys() & texts.keys():
            if fields(texts[key]) != fields(reference[key]):
                disagree.append((lang, key, sorted(fields(texts[key])), sorted(fields(reference[key]))))
    assert disagree == []


def test_every_message_formats_with_its_fields():
    for lang in LANGUAGES:
        msgs = Messages(lang)
        for key in sorted(msgs.keys()):
            sample = {name: 1 for name in fields(catalogue(lang)[key])}
            msgs(key, **sample)  # raises on a broken template such as an unclosed brace


def test_no_message_is_empty():
    assert [(lang, key) for lang in LANGUAGES for key, text in catalogue(lang).items() if not text.strip()] == []


def test_unknown_key_fails_loudly():
    with pytest.raises(KeyError):
        Messages("sv")("report.no_such_key")


def test_fields_helper_reads_names_not_specs():
    assert fields("{year}-{month:02d} {n}") == {"year", "month", "n"}
    assert fields("plain") == set()


def test_messages_folder_holds_only_known_languages():
    assert sorted(p.name for p in Path(MESSAGES_DIR).iterdir() if p.is_dir()) == sorted(LANGUAGES)
