"""py3langid's model read from its uncompressed copy in the user cache: the same identifier, a safe fallback."""
from __future__ import annotations

import numpy as np
import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from pipeline.text import langid_model

TEXTS = ["Kurssi oli hyvä ja kouluttaja osasi asiansa", "Vi behöver hjälp med export till Norge",
         "We need more customers", "ok"]


@pytest.fixture(scope="module")
def shipped() -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(["fi", "sv", "en"])
    return identifier


def _same(a: LanguageIdentifier, b: LanguageIdentifier) -> None:
    assert np.array_equal(a.nb_ptc, b.nb_ptc) and np.array_equal(a.nb_pc, b.nb_pc)
    assert (a.nb_classes, a.tk_nextmove, a.tk_row, a.tk_output) == (b.nb_classes, b.tk_nextmove, b.tk_row,
                                                                    b.tk_output)
    assert [a.classify(t) for t in TEXTS] == [b.classify(t) for t in TEXTS]


def test_the_cached_model_is_the_shipped_one(tmp_path, monkeypatch, shipped):
    target = tmp_path / "py3langid-x" / "model.npz"
    monkeypatch.setattr(langid_model, "cache_file", lambda: target)
    cached = langid_model.identifier(norm_probs=True)
    cached.set_languages(["fi", "sv", "en"])
    assert target.exists() and not list(target.parent.glob(".model.*"))   # written whole, no temporary left
    _same(cached, shipped)
    again = langid_model.identifier(norm_probs=True)                       # now read from the file
    again.set_languages(["fi", "sv", "en"])
    _same(again, shipped)


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 not a whole zip"])
def test_a_broken_cache_file_is_written_again(tmp_path, monkeypatch, shipped, content):
    target = tmp_path / "model.npz"
    target.write_bytes(content)
    monkeypatch.setattr(langid_model, "cache_file", lambda: target)
    repaired = langid_model.identifier(norm_probs=True)
    repaired.set_languages(["fi", "sv", "en"])
    _same(repaired, shipped)
    assert target.stat().st_size > 60_000_000


def test_an_unwritable_cache_falls_back_to_the_shipped_model(tmp_path, monkeypatch, shipped):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setattr(langid_model, "cache_file", lambda: blocker / "py3langid-x" / "model.npz")
    fallback = langid_model.identifier(norm_probs=True)
    fallback.set_languages(["fi", "sv", "en"])
    _same(fallback, shipped)
