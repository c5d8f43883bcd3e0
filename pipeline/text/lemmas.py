"""simplemma's lemmas with its dictionaries kept as MARISA tries on disk, built once per machine.

simplemma ships each language's dictionary as one compressed stream that its default backend decodes into a
Python dict when first used: about 1.2 s for Swedish, 0.2 s for English and 4 s for Finnish, paid again by
every process that codes text. Its own ``TrieDictionaryFactory`` (the ``marisa-trie`` backend) builds each
dictionary once into a trie file that later processes open in about a millisecond. The lemmas are the same:
both backends read the same shipped data.

The tries live in the user cache folder (``platformdirs.user_cache_dir("pipeline")``), one folder per
simplemma version, so an upgrade builds new ones. A trie is written to a temporary file and moved into place,
so a process that opens it never sees half a file; when the folder cannot be written the trie is built in
memory for this process only (as slow as the default backend, never wrong). ``python -m pipeline.text.lemmas``
builds the tries ahead of time (``make install`` does).
"""
from __future__ import annotations

import logging
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from simplemma import Lemmatizer
from simplemma.__metadata__ import __version__ as SIMPLEMMA_VERSION
from simplemma.strategies import DefaultStrategy, DictionaryLookupStrategy
from simplemma.strategies.dictionaries.trie_dictionary_factory import TrieDictionaryFactory
from simplemma.utils import normalize_token

log = logging.getLogger(__name__)

LANGUAGES = ("fi", "sv", "en")


class _AtomicTrieFactory(TrieDictionaryFactory):
    """simplemma's trie factory, writing each trie file atomically (two test workers or two runs may build
    the same language at the same moment)."""

    def _write_trie_to_disk(self, lang, trie) -> None:
        self._cache_dir.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self._cache_dir, prefix=f".{lang}.", suffix=".tmp")
        os.close(handle)
        try:
            trie.save(temporary)
            os.replace(temporary, self._cache_dir / f"{lang}.dic")
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def cache_dir() -> Path:
    """The folder that holds the tries of this simplemma version."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("pipeline")) / f"simplemma-{SIMPLEMMA_VERSION}"


@lru_cache(maxsize=None)
def _factory() -> TrieDictionaryFactory:
    return _AtomicTrieFactory(disk_cache_dir=str(cache_dir()))


@lru_cache(maxsize=None)
def _lemmatizer() -> Lemmatizer:
    return Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=_factory()))


@lru_cache(maxsize=None)
def _lookup() -> DictionaryLookupStrategy:
    return DictionaryLookupStrategy(_factory())


def lemmatize(word: str, lang: str) -> str:
    """Returns simplemma's lemma of ``word`` in ``lang`` (what ``simplemma.lemmatize`` returns)."""
    return _lemmatizer().lemmatize(word, lang)


def is_known(word: str, lang: str) -> bool:
    """Returns whether simplemma's ``lang`` dictionary knows ``word`` (what ``simplemma.is_known`` returns)."""
    return _lookup().get_lemma(normalize_token(word), lang) is not None


def build(languages: tuple[str, ...] = LANGUAGES) -> Path:
    """Builds the tries of ``languages`` that are not on disk yet; returns their folder."""
    for lang in languages:
        _factory().get_dictionary(lang)
    return cache_dir()


if __name__ == "__main__":
    print(f"simplemma tries in {build()}")
