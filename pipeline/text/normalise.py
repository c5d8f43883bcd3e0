"""Offline text normalisation for Finnish, Swedish and English answers.

``TextNormaliser.analyse(text)`` returns a ``NormalisedText``: the language (fi/sv/en), the regex tokens, and
per token its lemma, its compound parts (Finnish, when Voikko knows the word; hyphenated words in every
language) and whether the lemma is a stop word. Nothing here downloads anything:

- language id: py3langid restricted to fi/sv/en; a short or uncertain text is decided by how many of its
  words each language's dictionary knows (Voikko's speller or simplemma's word lists), and when that is
  undecided too, by the caller's fallback language (the coder passes the survey's majority language);
- Finnish lemmas and compound parts: Voikko (``libvoikko`` + the Debian ``voikko-fi`` dictionary) when the
  system library loads, simplemma otherwise (its trailing-dot artefact stripped); ``use_voikko=False``
  forces the simplemma path, ``True`` requires Voikko;
- Swedish and English lemmas: simplemma; Swedish tokens also carry a Snowball stem (nltk's
  ``SnowballStemmer("swedish")``, part of the nltk package, no download), so that inflected forms simplemma
  does not know ("säljarbetet", "kundträffarna") still meet the stem of a seed;
- stop words: ``stopwordsiso`` lists, applied to lemmas, minus the project allow-list ``keep_words`` and
  plus ``extra_stop_words`` (both from the ``[coding]`` settings).

Work per distinct word is cached, so a survey pays for each word form once.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
import copy
from functools import lru_cache
from typing import Mapping

import stopwordsiso

from pipeline.errors import ConfigError
from pipeline.text import lemmas
from pipeline.text.voikko import open_voikko as _voikko
from pipeline.text.voikko import voikko_available  # noqa: F401  (part of this module's interface)

log = logging.getLogger(__name__)

LANGUAGES = ("fi", "sv", "en")

# Words: letters/digits, joined by inner hyphens or apostrophes ("pk-yritys", "e-handel", "company's").
# A colon case ending after an abbreviation ("CRM:n", "EU:hun") is matched and dropped.
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*(?::[^\W\d_]{1,5})?")
_COLON_ENDING = re.compile(r":[^\W\d_]{1,5}$")
# where one sentence ends and the next begins: after . ! ? and a space, or at a line break (``sentences``)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\s*\n\s*")
_WORDBASE = re.compile(r"\+([^+()]*)(?:\(([^()]*)\))?")


@lru_cache(maxsize=None)
def _abbreviations(lang: str) -> tuple[str, ...]:
    """The ``abbreviations`` of ``lang`` in ``sentence_words.yaml``, lower-cased (none for another language)."""
    from pipeline.io import shipped_yaml

    return tuple(w.lower() for w in shipped_yaml("text/sentence_words.yaml")["abbreviations"].get(lang, ()))


def sentences(text: str, lang: str = "") -> list[str]:
    """Return the sentences of ``text`` in order: it is cut after . ! ? and a space, and at a line break, but not
    after one of the ``abbreviations`` of ``lang`` ("förhandla med bl.a. banken" is one sentence)."""
    text = text or ""
    abbreviations = _abbreviations(lang)
    out: list[str] = []
    start = 0
    for cut in _SENTENCE_BREAK.finditer(text):
        before = text[start:cut.start()].lower()
        # an abbreviation is a word of its own: "bl.a." is one, "tabl.a." is not
        if "\n" not in cut.group(0) and any(
                before.endswith(a) and (len(before) == len(a) or not before[-len(a) - 1].isalnum())
                for a in abbreviations):
            continue
        out.append(text[start:cut.start()])
        start = cut.end()
    out.append(text[start:])
    return out


def tokenise(text: str) -> list[str]:
    """Return the word tokens of ``text`` in order, original case kept, abbreviation case endings dropped."""
    return [_COLON_ENDING.sub("", m.group(0)) for m in _WORD.finditer(text or "")]


@dataclass(frozen=True)
class Token:
    """One word: surface form, lowercase lemma, compound parts (empty unless a compound), stop flag, and
    whether a morphological analyser (Voikko) recognised it (False on the simplemma path and for unknown words).
    """

    surface: str
    lemma: str
    parts: tuple[str, ...]
    is_stop: bool
    is_analysed: bool = False
    # Swedish: the Snowball stem of the lower-case surface; Finnish (Voikko): the verb of a past active
    # participle ("menettäneet" -> "menettää": "ovat menettäneet asiakkaita" is a verb, not an adjective);
    # "" otherwise
    stem: str = ""
    # Finnish (Voikko), when the chosen base form is the written word: the base forms of its other readings
    # ("uusia" is the verb "to renew" and the partitive plural of "uusi", new); a phrase seed may match any
    # of them
    readings: tuple[str, ...] = ()
    sentence: int = 0       # which sentence of the text the word is in (0 = the first)


@dataclass(frozen=True)
class NormalisedText:
    """A text's language, how sure the language id was, and its tokens."""

    lang: str
    lang_confidence: float
    tokens: tuple[Token, ...]
    # written in none of fi/sv/en (French, German ...): read as ``lang``, the closest, but not counted as it
    foreign: bool = False

    @property
    def lemmas(self) -> list[str]:
        return [t.lemma for t in self.tokens]

    @property
    def content_lemmas(self) -> list[str]:
        """Lemmas that are not stop words, and the compound parts of those that are compounds."""
        out: list[str] = []
        for t in self.tokens:
            if t.is_stop:
                continue
            out.append(t.lemma)
            out.extend(p for p in t.parts if p != t.lemma)
        return out


@lru_cache(maxsize=1)
def _open_language_identifier():
    # py3langid over all its languages, to tell a text written in none of fi/sv/en; once per process, from
    # the uncompressed copy of the model (0.1 s instead of 0.65 s)
    from pipeline.text.langid_model import identifier as load_identifier

    return load_identifier(norm_probs=True)


@lru_cache(maxsize=100_000)
def _open_classification(text: str) -> tuple[str, float]:
    """py3langid's (language, probability) of ``text`` over all its languages; once per distinct text (a survey
    of 100,000 companies repeats its answers: 7 s of language identification without it)."""
    lang, probability = _open_language_identifier().classify(text)
    return str(lang), float(probability)


@lru_cache(maxsize=100_000)
def _written_in(text: str, lang: str, min_probability: float) -> bool:
    """``TextNormaliser.written_in``, once per distinct text, language and threshold."""
    if not tokenise(text):
        return False
    top, probability = _open_classification(text)
    return (top == lang or top in _NEIGHBOURS_OF.get(lang, frozenset())) and probability >= min_probability


@lru_cache(maxsize=1)
def _language_identifier():
    # the same model restricted to fi/sv/en (set_languages replaces the copy's arrays, the open one keeps its own)
    identifier = copy.copy(_open_language_identifier())
    identifier.set_languages(list(LANGUAGES))
    return identifier


# languages py3langid confuses with fi/sv/en on short texts: a Swedish answer read as Norwegian or Danish, a
# Finnish one as Estonian, is not foreign
_NEIGHBOURS_OF = {"sv": frozenset({"no", "nb", "nn", "da", "is", "fo"}), "fi": frozenset({"et"}), "en": frozenset()}
_NEIGHBOURS = frozenset().union(*_NEIGHBOURS_OF.values())


def shared_prefix(a: str, b: str) -> int:
    """The number of leading characters ``a`` and ``b`` share."""
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


@lru_cache(maxsize=1)
def _swedish_stemmer():
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("swedish")


@lru_cache(maxsize=100_000)
def stem(word: str, lang: str) -> str:
    """The Snowball stem of ``word`` (lower-cased) in Swedish; "" for other languages (Finnish has Voikko,
    English lemmas from simplemma are regular enough)."""
    if lang != "sv":
        return ""
    return _swedish_stemmer().stem(word.lower().replace("-", ""))


@lru_cache(maxsize=None)
def _stop_words(lang: str) -> frozenset[str]:
    return frozenset(w.lower() for w in stopwordsiso.stopwords(lang))


def _strip_dot(lemma: str) -> str:
    # simplemma's Finnish data holds some abbreviation-style entries ending in "." ("data.")
    return lemma.rstrip(".") or lemma


def _voikko_parts(wordbases: str) -> list[str]:
    """Split Voikko's WORDBASES into compound parts in base form.

    ``+vie(viedä)+nti(+ti)+markkina(markkina)`` -> ``[vienti, markkina]``: a morph whose base starts with
    ``+`` (a derivation) or that has no base joins the part before it; other morphs start a new part.
    A part of one morph takes that morph's base form ("polven(polvi)" -> "polvi"); a derived part is
    spelled from its morphs ("markkinoi" + "nti" -> "markkinointi").
    """
    groups: list[list[tuple[str, str | None]]] = []
    for morph, base in _WORDBASE.findall(wordbases):
        base = base if base else None
        is_derivation = base is None or base.startswith("+")
        if groups and is_derivation:
            groups[-1].append((morph, base))
        else:
            groups.append([(morph, base)])
    parts = []
    for group in groups:
        if len(group) == 1 and group[0][1]:
            parts.append(group[0][1].replace("=", ""))
        else:
            parts.append("".join(m for m, _ in group).replace("=", ""))
    return [p.lower() for p in parts if p]


class TextNormaliser:
    """Language id, tokens, lemmas, compound parts and stop words for fi/sv/en, with per-word caches.

    ``params`` is the ``[coding]`` settings mapping (keys ``langid_min_probability``, ``langid_min_tokens``,
    ``default_lang``, ``keep_words``, ``extra_stop_words``). ``use_voikko``: None = Voikko when it loads,
    False = always simplemma, True = Voikko or ``ConfigError``.
    """

    def __init__(self, params: Mapping | None = None, *, use_voikko: bool | None = None):
        params = dict(params or {})
        self.min_probability = float(params.get("langid_min_probability", 0.9))
        self.min_tokens = int(params.get("langid_min_tokens", 3))
        self.foreign_min_ratio = float(params.get("foreign_min_ratio", 20))
        self.default_lang = str(params.get("default_lang", "fi"))
        if self.default_lang not in LANGUAGES:
            raise ConfigError(f"[coding] default_lang = {self.default_lang!r}: use one of {', '.join(LANGUAGES)}")
        keep = {w.lower() for w in params.get("keep_words", [])}
        extra = {w.lower() for w in params.get("extra_stop_words", [])}
        self._stop = {lang: (_stop_words(lang) | extra) - keep for lang in LANGUAGES}
        voikko = None if use_voikko is False else _voikko()
        if use_voikko is True and voikko is None:
            raise ConfigError("use_voikko is set but the Voikko library (libvoikko1 + voikko-fi) does not load")
        self._voikko = voikko
        # (lang or "fi-participle" / "fi-readings" / "fi-suggest", word) -> what that look-up gave
        self._word_cache: dict[tuple[str, str], tuple] = {}
        self._known_cache: dict[tuple[str, str], bool] = {}

    @property
    def uses_voikko(self) -> bool:
        return self._voikko is not None

    def __getstate__(self) -> dict:
        # the Voikko handle is a C library object: stored as "Voikko was in use" and opened again on load
        state = dict(self.__dict__)
        state["_voikko"] = self._voikko is not None
        return state

    def __setstate__(self, state: dict) -> None:
        used = state.pop("_voikko")
        self.__dict__.update(state)
        self._voikko = _voikko() if used else None
        if used and self._voikko is None:
            raise ConfigError("this coder was built with Voikko, which no longer loads (libvoikko1 + voikko-fi)")

    # --- language -------------------------------------------------------------------------------------
    def is_known(self, word: str, lang: str) -> bool:
        key = (lang, word)
        known = self._known_cache.get(key)
        if known is None:
            if lang == "fi" and self._voikko is not None:
                known = bool(self._voikko.spell(word))
            else:
                known = lemmas.is_known(word.lower(), lang)
            self._known_cache[key] = known
        return known

    def identify_language(self, text: str, fallback: str | None = None) -> tuple[str, float]:
        """Return (language, confidence) of ``text`` among fi/sv/en.

        py3langid decides when the text has at least ``langid_min_tokens`` words and a probability of at
        least ``langid_min_probability``. Otherwise the language whose dictionary knows most of the words
        wins (py3langid's ranking breaks ties); with no word known anywhere, ``fallback`` (else
        ``default_lang``) is returned with confidence 0.
        """
        words = tokenise(text)
        if not words:
            return fallback or self.default_lang, 0.0
        lang, probability = _language_identifier().classify(text)
        if len(words) >= self.min_tokens and probability >= self.min_probability:
            return lang, float(probability)
        ranking = {code: p for code, p in _language_identifier().rank(text)}
        known = {code: sum(self.is_known(w, code) for w in words) for code in LANGUAGES}
        best = max(known.values())
        if best == 0:
            return fallback or self.default_lang, 0.0
        candidates = [code for code in LANGUAGES if known[code] == best]
        if len(candidates) > 1 and fallback in candidates and len(words) < self.min_tokens:
            # a one-word label such as "data" is known everywhere: the survey's language decides
            return fallback, best / len(words) / len(candidates)
        chosen = max(candidates, key=lambda code: (ranking.get(code, 0.0), -LANGUAGES.index(code)))
        return chosen, best / len(words) / len(candidates)

    def is_foreign(self, text: str) -> bool:
        """Whether ``text`` is written in a language other than fi, sv and en. py3langid over all its languages
        decides: another language (not a close neighbour such as Norwegian or Estonian) with at least
        ``langid_min_probability`` on at least ``langid_min_tokens`` words, or, in a text of two words or more,
        ``foreign_min_ratio`` times as likely as fi, sv, en and their neighbours ("Je ne sais pas": French 0.47,
        Swedish 0.006). Read as Swedish, such an answer made a French survey's companies Swedish-speaking; no
        text of the project's 2,000 labelled fi/sv/en answers is foreign by this rule."""
        words = tokenise(text)
        if len(words) < 2:
            return False
        ranking = dict(_open_language_identifier().rank(text))
        top = max(ranking, key=ranking.get)
        if top in LANGUAGES or top in _NEIGHBOURS:
            return False
        if len(words) >= self.min_tokens and ranking[top] >= self.min_probability:
            return True
        ours = max(ranking.get(code, 0.0) for code in (*LANGUAGES, *_NEIGHBOURS))
        return ranking[top] >= self.foreign_min_ratio * ours

    def written_in(self, text: str, lang: str, min_probability: float = 0.0) -> bool:
        """Whether py3langid over all its languages reads ``text`` as ``lang`` or a close neighbour of it
        (Swedish as Norwegian or Danish, Finnish as Estonian), with at least ``min_probability``. On the labelled
        real answers of three words or more its first language is the labelled one for 306 of 307 (at 0.24 or
        more); a short French answer given a survey's English ("Site en ligne") or a look-alike Swedish
        ("Le coût est élevé") is neither."""
        return _written_in(text, lang, min_probability)

    def foreign_stop_words(self, text: str) -> frozenset[str]:
        """The stop words (stopwords-iso) of the language py3langid over all its languages reads ``text`` as,
        when that is none of fi, sv, en and their neighbours; empty otherwise. A French answer read through its
        closest of fi/sv/en keeps "il", "très", "sont" as content words (they labelled an emerging theme, QA
        round 13)."""
        top, _ = _open_classification(text)
        if top in LANGUAGES or top in _NEIGHBOURS:
            return frozenset()
        return _stop_words(top)

    # --- words ----------------------------------------------------------------------------------------
    def _voikko_word(self, word: str) -> tuple[str, tuple[str, ...]] | None:
        analyses = self._voikko.analyze(word)
        if not analyses:
            return None
        lower = word.lower()


        # Voikko lists alternative readings. A derived "-inen" adjective loses to a plain reading
        # ("verkkosivuista" is verkkosivu, not verkkosivuinen); then the base form that keeps most of the
        # written word wins ("markkinointiviestintä", not the rare "markkinointiviestin"); then fewer parts.
        # An agent participle also loses to a verb reading: "myymään" is "to sell" (myydä), hardly "the
        # sold one" (myymä), and need statements are full of such MA-infinitives.
        # A second-person imperative loses to a case form: answers describe, they hardly command "become
        # unclear!" ("epäselviä" is the adjective epäselvä, not the verb epäselvitä).
        plain = any(not a.get("BASEFORM", "").endswith("inen") for a in analyses)
        verb = any(a.get("CLASS") == "teonsana" for a in analyses)
        inflected = any(a.get("SIJAMUOTO") for a in analyses)

        def rank(indexed):
            i, analysis = indexed
            parts = _voikko_parts(analysis.get("WORDBASES", ""))
            derived = plain and analysis.get("BASEFORM", "").endswith("inen")
            agent = verb and analysis.get("PARTICIPLE") == "agent"
            command = inflected and analysis.get("MOOD") == "imperative"
            return (derived, agent, command, -shared_prefix(analysis.get("BASEFORM", "").lower(), lower),
                    len(parts), i)

        _, best = min(enumerate(analyses), key=rank)
        lemma = best.get("BASEFORM", word).lower()
        parts = _voikko_parts(best.get("WORDBASES", ""))
        return lemma, tuple(parts) if len(parts) > 1 else ()

    def _simple_word(self, word: str, lang: str) -> str:
        return _strip_dot(lemmas.lemmatize(word.lower(), lang)).lower()

    def _single_word(self, word: str, lang: str) -> tuple[str, tuple[str, ...], bool]:
        if lang == "fi" and self._voikko is not None:
            analysed = self._voikko_word(word)
            if analysed is not None:
                return analysed[0], analysed[1], True
            # a word Voikko does not know is a name, a loan or a typo; simplemma's Finnish data would not
            # know it either and costs seconds to load, so the word stands as written
            return word.lower(), (), False
        return self._simple_word(word, lang), (), False

    def word(self, word: str, lang: str) -> tuple[str, tuple[str, ...], bool]:
        """Return (lemma, compound parts, analysed) of one token in ``lang``; parts are empty for a simple
        word; ``analysed`` says whether Voikko recognised it.

        A hyphenated word that the analyser does not know as a whole ("some-markkinointi", "e-handel") is
        a compound of its pieces: the last piece is lemmatised, the lemma is the pieces joined without
        hyphens.
        """
        key = (lang, word)
        cached = self._word_cache.get(key)
        if cached is not None:
            return cached
        pieces = [p for p in re.split(r"[-'’]", word) if p]
        if len(pieces) > 1:
            whole = self._voikko_word(word) if lang == "fi" and self._voikko is not None else None
            if whole is not None:
                lemma = whole[0].replace("-", "")
                parts = tuple(p.replace("-", "") for p in whole[1]) or tuple(p.lower() for p in pieces)
                analysed = True
            else:
                last_lemma, last_parts, analysed = self._single_word(pieces[-1], lang)
                heads = [p.lower() for p in pieces[:-1]]
                lemma = "".join(heads) + last_lemma
                parts = tuple(heads) + (last_parts or (last_lemma,))
        else:
            lemma, parts, analysed = self._single_word(word, lang)
        result = (lemma, parts, analysed)
        self._word_cache[key] = result
        return result

    def readings(self, word: str, lemma: str) -> tuple[str, ...]:
        """Return the base forms of a Finnish ``word``'s readings other than ``lemma`` (Voikko), sorted."""
        if self._voikko is None:
            return ()
        key = ("fi-readings", word)
        cached = self._word_cache.get(key)
        if cached is None:
            forms = {a.get("BASEFORM", "").lower() for a in self._voikko.analyze(word)}
            cached = tuple(sorted(f for f in forms if f and f != lemma))
            self._word_cache[key] = cached
        return cached

    def suggestions(self, word: str, lang: str) -> tuple[str, ...]:
        """Return Voikko's spelling suggestions for a Finnish ``word`` it does not know, best first; () for
        other languages, without Voikko, and for a word it knows."""
        if lang != "fi" or self._voikko is None:
            return ()
        key = ("fi-suggest", word)
        cached = self._word_cache.get(key)
        if cached is None:
            cached = () if self._voikko.spell(word) else tuple(self._voikko.suggest(word))
            self._word_cache[key] = cached
        return cached

    def participle_verb(self, word: str) -> str:
        """Return the verb of a Finnish past active or present passive participle ("menettäneet" -> "menettää",
        "laskenut" -> "laskea", "saatava" -> "saada") as Voikko reads it, or "" (not a participle, a derived
        verb, or no Voikko).

        Voikko lemmatises such a participle as an adjective ("menettänyt", "saatava"), but in "ovat menettäneet
        asiakkaita" / "myynti on laskenut" it is the perfect tense of the verb a seed names, and in
        "asiakkaita on saatava" the verb of a necessity.
        """
        if self._voikko is None:
            return ""
        key = ("fi-participle", word)
        cached = self._word_cache.get(key)
        if cached is None:
            verb = ""
            for analysis in self._voikko.analyze(word):
                if analysis.get("PARTICIPLE") not in ("past_active", "present_passive"):
                    continue
                first = _WORDBASE.search(analysis.get("WORDBASES", ""))
                # the first morph's base is the verb ("+menettä(menettää)+n+yt(+yt)"); a base that is itself
                # a derivation ("+yt") or missing says nothing
                if first and first.group(2) and not first.group(2).startswith("+"):
                    verb = first.group(2).replace("=", "").lower()
                    break
            cached = (verb, (), False)
            self._word_cache[key] = cached
        return cached[0]

    def is_stop(self, lemma: str, lang: str) -> bool:
        """Return whether ``lemma`` is a stop word in ``lang`` (stopwords-iso, allow-list and extras applied)."""
        return lemma in self._stop[lang]

    def analyse(self, text: str, lang: str | None = None, fallback: str | None = None) -> NormalisedText:
        """Return the language (given, or identified with ``fallback``), tokens, lemmas and parts of ``text``."""
        foreign = False
        if lang is None:
            lang, confidence = self.identify_language(text, fallback)
            foreign = self.is_foreign(text)
        else:
            confidence = 1.0
        tokens = []
        for sentence, part in enumerate(sentences(text, lang)):
            for surface in tokenise(part):
                lemma, parts, analysed = self.word(surface, lang)
                extra = self.participle_verb(surface) if lang == "fi" else stem(surface, lang)
                # only where the chosen base form is the written word itself: the tie-break above prefers that
                # reading ("uusia" the verb, "maata" to lie), though the word is as often an inflected form
                readings = (self.readings(surface, lemma) if lang == "fi" and analysed and lemma == surface.lower()
                            else ())
                tokens.append(Token(surface, lemma, parts, lemma in self._stop[lang] or len(lemma) < 2, analysed,
                                    extra, readings, sentence))
        return NormalisedText(lang, confidence, tuple(tokens), foreign)
