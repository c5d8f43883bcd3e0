"""Question typing: which columns form a single choice, a multi-select, a Likert grid, a number, a date,
open text or an "other, please specify" text, and the scale or option list each one has.

Scales are matched by label (fi/sv/en agree, satisfaction, quality, amount, effect, importance, likelihood,
favourability); "don't know" and N/A labels are kept off the scale. Multi-selects in one cell are split
against the known option list, longest option first, so that options containing the separator survive.
Every decision is made on a column's distinct values (vectorised), never cell by cell.
"""
from __future__ import annotations

import json
import os
import re
import warnings as _warnings
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Callable, Mapping

import numpy as np
import pandas as pd

from pipeline.ingest.layout import OPEN, OTHER_TEXT, Column, _plain_text
from pipeline.keys import fold, unaccented

# --- answer vocabularies ---------------------------------------------------------------------------------
# Scales, "don't know" answers and the cells of option-per-column multi-selects are data, kept in the
# ``answers`` block of pipeline/ingest_vocabulary.yaml (fi, sv, en, de, fr, es, pt, it); add a language there.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00b4": "'", "`": "'", "\u02bc": "'"})


def norm_label(text: str) -> str:
    """A label for matching: lower case, single spaces, no trailing punctuation, NBSP as space, typographic
    apostrophes (’ ‘ ´) as ``'``."""
    return re.sub(r"\s+", " ", str(text).replace("\xa0", " ")).strip().rstrip(".").lower().translate(_APOSTROPHES)


def _answer_vocabulary() -> dict:
    from pipeline.ingest.layout import VOCABULARY
    return VOCABULARY["answers"]


_ANSWERS = _answer_vocabulary()
# Each scale: levels low → high, each level a list of spellings (the first is the canonical label).
SCALES: dict[str, list[list[str]]] = {name: [[str(s) for s in level] for level in levels]
                                      for name, levels in _ANSWERS["scales"].items()}
DONT_KNOW = re.compile("^(" + "|".join([re.escape(norm_label(x)) for x in _ANSWERS["dont_know"]]
                                       + list(_ANSWERS.get("dont_know_patterns", []))) + ")$")
_SELECTED = frozenset(norm_label(x) for x in _ANSWERS["selected"])
_UNSELECTED = frozenset(norm_label(x) for x in _ANSWERS["unselected"])
_YES_WORDS = frozenset(norm_label(x) for x in _ANSWERS["yes_words"])
_NO_WORDS = frozenset(norm_label(x) for x in _ANSWERS["no_words"])
_CHOICE_START = re.compile(r"^\W*(?:[A-Za-z]{0,3}\d+[a-z]?[.):]\s*)?(?:" + "|".join(
    re.escape(w) for w in _ANSWERS["choice_starts"]) + r")\b", re.IGNORECASE)
_CHOICE_PHRASE = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in _ANSWERS["choice_phrases"]) + r")\b",
                            re.IGNORECASE)
_DIGITS = re.compile(r"\d{1,3}")
_SCALE_CODE = re.compile(r"\d{1,3}(?:\.\d{1,3})?")
# a scale level written as its number and label: "1 - never", "2. rarely", "5 = always"; a battery of such
# ratings has at least _NUMBERED_MIN_COLUMNS columns with at least _NUMBERED_MIN_LEVELS levels
_NUMBERED_MIN_COLUMNS = 3
_NUMBERED_MIN_LEVELS = 4
_NUMBERED_LABEL = re.compile(r"^\s*(\d{1,2})\s*[-–=.:)]\s*(\D.*\S)\s*$")
# the level number in brackets before or after the label, or alone for an unlabelled middle point:
# "(1) No goals", "Strongly agree (7)", "(4)" (LimeSurvey and Qualtrics scales that show the numbers)
_BRACKETED_LABEL = re.compile(r"^\s*\((\d{1,2})\)\s*(\D.*?)?\s*$|^\s*(\D.*?)\s*\((\d{1,2})\)\s*$")
_LEADING_NUMBER = re.compile(r"^\s*(-?\d{1,2})\s*(?:[-=.:)]\s*|\s+)(\D.*)?$")
# a duration as Google Forms writes a "time – duration" answer (and Sheets a time of day): hours:minutes:seconds
_DURATION = re.compile(r"^(\d{1,3}):([0-5]\d):([0-5]\d)$")
_NUMBER = re.compile(r"^[-+]?(\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:[.,]\d+)?$")
_MONTHS = {m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                       "nov", "dec"], start=1)}
_EXCEL_DAY_MONTH = re.compile(r"^(\d{1,2})-(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)$", re.IGNORECASE)
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_BAND = re.compile(r"^\d+\s*[-–]\s*\d+$|^\d+\s*\+$|^(over|yli|över|under|alle|less than|more than)\b",
                   re.IGNORECASE)
_SCALE_HINT = re.compile(r"\b(1\s*[-–]\s*(4|5|7|10)|0\s*[-–]\s*10|asteikolla|scale|skala|arvosana|"
                         r"arvioi(?:kaa)?\b|rate\b|rating\b|betygsätt|betyg\b|bedöm|värdera|tähte|stars\b|tyytyväi|"
                         r"satisf|nöjd|suosittel|recommend|rekommend|kouluarvosana)|^(kuinka|miten|how|hur|in what degree)\b",
                         re.IGNORECASE)
# a rating asked for in de/fr/es/pt words, or "how often" (ingest_vocabulary.yaml answers.rating_question_words)
_RATING_WORDS = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in
                                                     sorted(_ANSWERS.get("rating_question_words", []), key=len,
                                                            reverse=True)) + r")(?!\w)", re.IGNORECASE)
_ZERO_BASED = re.compile(r"\b0\s*[-–]\s*10\b|suosittel|recommend|rekommend", re.IGNORECASE)
# "how many", "kuinka monta": a count, not a rating
# a question asking for a count or an amount (a leading question number such as "5." or "Q5" aside): its bare
# numbers are answers, not the levels of a rating; fi, sv, en, and the de/fr/es/pt/it/cs/pl words
_COUNT_HINT = re.compile(r"^(?:q?\d+[.):]?\s+)?[¿¡]?(kuinka (monta|paljon|suuri)|how (many|much|old)|hur (många|mycket|gammal)"
                         r"|wie (viele|viel|alt)|combien|cu[aá]nt[oa]s?|quant[oa]s?|quanti|quante|kolik|ile)\b",
                         re.IGNORECASE)
_MULTI_HINT = re.compile(r"select all|check all|all that apply|choose (one or )?(several|more)|mistä aiheista|"
                         r"mitkä (seuraavista|aiheet)|valitse (kaikki|yksi tai useampi|useampi)|voit valita useamman|"
                         r"kiinnostunei|vilka (teman|ämnen|av följande)|flera alternativ|intressera", re.IGNORECASE)


# a column of more than single_max_options different answers is a long dropdown (Typer._long_dropdown), not open
# text, when it has at most this many different answers, at most this share of its answers different, at most
# this share answered by one person only, and labels of at most this many words
DROPDOWN_MAX_OPTIONS = 300
DROPDOWN_MAX_DISTINCT_SHARE = 0.1
DROPDOWN_MAX_SINGLE_SHARE = 0.05
DROPDOWN_MAX_WORDS = 8
# answers joined by a bare comma make a multi-select (Typer._bare_comma_multi) from this many such answers on
BARE_COMMA_MIN_JOINED = 2
# a rank-order grid (Typer._rank_order): at least this many items, and this many rows ranking them
RANK_MIN_ITEMS = 3
RANK_MIN_ROWS = 5
# answers joined by "; " without Microsoft Forms' closing ";" make a multi-select (Typer._semicolon_multi) from this
# many such answers on
SEMICOLON_MIN_JOINED = 2
# answers whose options are joined by line breaks make a multi-select (Typer._line_break_multi) from this many
# such answers on
LINE_BREAK_MIN_JOINED = 2
# a KoboToolbox column is a space-joined multi-select (_space_joined_multi) from this many different answers of two
# options or more on (a scale's "Very satisfied", "Very dissatisfied" beside "Satisfied" makes two)
SPACE_MULTI_MIN_JOINED = 3
_DIGIT = re.compile(r"\d")
# a column of only the codes 1 and 2 is read as a two-way choice (Typer._binary_codes) from this many answers on;
# below it a count that happened to be 1 or 2 for everybody cannot be told from a code
BINARY_CODES_MIN = 20
# a single choice written one column per option shows itself only over enough respondents: below this many
# answering, a multi-select whose respondents each happened to tick one option looks the same
_EXCLUSIVE_MIN_ROWS = 20
# a one-variable multi-select of joined digit codes (``124``) whose question does not say "check all": the share of
# answers that must be joined codes (fewer are a single choice some ticked twice on paper)
_JOINED_MIN_SHARE = 0.1
# the last bracketed item of a header (``Q [Autres]``): the option an "other" column names
_BRACKET_ITEM = re.compile(r"\[([^\[\]]+)\]\s*$")
_ALL_OPTIONS = re.compile(r"^\W*all\b|\ball (?:the )?(?:options|of the above|answers)\b", re.IGNORECASE)


def _other_key(text: str) -> str:
    """A header as matched against ``answers.other_headers``: normalised, no trailing ``?`` or ``:``."""
    return norm_label(text).rstrip("?:").strip()


# a header that says outright that several options may be chosen: such a one-cell column is a multi-select even
# when nobody chose two (Google Forms checkboxes answered once each)
_MULTI_EXPLICIT = re.compile(r"select all|check all|all that apply|tick all|one or more|choose (several|more|all)|"
                             r"valitse (kaikki|yksi tai useampi|useampi|useita)|voit valita (useamman|useita|monta)|"
                             r"yksi tai useampi|välj (en eller flera|flera|alla)|en eller flera|"
                             r"flera (alternativ|svar)|"
                             r"kryssa (i )?alla", re.IGNORECASE)
_OTHER_HEADERS = frozenset(_other_key(x) for x in _ANSWERS.get("other_headers", ["other"]))


def _word_alternatives(words) -> str:
    return "|".join(re.escape(str(w)) for w in sorted(words, key=len, reverse=True))


# headers that ask for free text (answers.open_header_words, anywhere) or lean to it (open_header_starts, first
# word); answers that say "nothing" in an open field (answers.filler_answers)
_OPEN_WORDS = re.compile(r"(?<!\w)(?:" + _word_alternatives(_ANSWERS.get("open_header_words", [])) + r")(?!\w)",
                         re.IGNORECASE)
_OPEN_STARTS = re.compile(r"^\W*(?:[A-Za-z]{0,3}\d+[a-z]?[.):]\s*)?(?:"
                          + _word_alternatives(_ANSWERS.get("open_header_starts", [])) + r")(?!\w)", re.IGNORECASE)
_FILLER = frozenset(re.sub(r"\s+", " ", str(x)).strip().casefold() for x in _ANSWERS.get("filler_answers", []))
# an answer written as a sentence: ends in . ! ? or has a clause after a comma or semicolon
_SENTENCE = re.compile(r"\w[.!?]+[)\"”]?$|\w[,;] +\w+ +\w")
# a question that asks yes or no ("Are you …?", "Onko …?", "Har du …?"): answered 1/0 it is a choice, not a count.
# Only its first sentence counts: a note may follow the "?" ("Would you be willing to talk to us? (Note that …)")
_YES_NO_QUESTION = re.compile(r"^\W*(are|is|do|does|did|have|has|had|would|will|can|could|should|were|was|"
                              r"onko|oletko|onko|har|är|ist|sind|hast|haben|êtes|est-ce)\b[^?]*\?",
                              re.IGNORECASE | re.DOTALL)
_SPSS_STEM = re.compile(r"_[A-Za-z0-9]+$")
_SPACES = re.compile(r"\s+")
_DATE_START = re.compile(r"^\d{1,4}[-./]\d{1,2}[-./]\d{1,4}")


def yes_no_question(text: str) -> bool:
    """True when ``text`` asks a yes/no question ("Are you self-employed?", "Onko yrityksellänne …?"), once the
    HTML a tool keeps around it is dropped (Typeform's "<strong>Are you self-employed?</strong>") and whatever
    note follows its question mark left aside; a question asking for a count ("how many") is not one."""
    plain = _plain_text(str(text))
    first = plain.split("?", 1)[0]
    return bool(_YES_NO_QUESTION.match(plain)) and not _COUNT_WORDS.search(first)


def yes_no_statement(text: str) -> bool:
    """True when ``text`` is a statement a respondent ticks or not ("Toimin tällä hetkellä kansanedustajana.",
    "I am a member of the board."): one sentence of three or more words ending in a full stop, without digits
    or a count ("how many"). Answered 1/0 it is a yes/no choice, not a count."""
    plain = _plain_text(str(text)).strip()
    return bool(re.fullmatch(r"[^.?!\d]+[^.]\.", plain)) and len(plain.split()) >= 3 \
        and not _COUNT_WORDS.search(plain) and not _COUNT_HINT.search(plain)


# "how many" anywhere in a yes/no question's first sentence ("Do you know how many …?") asks for a number
_COUNT_WORDS = re.compile(r"\b(how many|how much|kuinka monta|kuinka paljon|montako|hur många|hur mycket)\b",
                          re.IGNORECASE)


def _scale_index(levels: list[list[str]]) -> dict[str, int]:
    index = {norm_label(s): i for i, level in enumerate(levels) for s in level}
    # answers typed without accents ("tres bon", "extremement important", "muy satisfecho" on a keyboard
    # without dead keys) are the same level; a spelling of another level keeps its own
    for key, level in list(index.items()):
        index.setdefault(unaccented(key), level)
    return index


_SCALE_INDEX: dict[str, dict[str, int]] = {name: _scale_index(levels) for name, levels in SCALES.items()}


def _translated_scales(groups: list[list[str]]) -> dict[str, tuple[str, ...]]:
    """Each group of ``answers.scale_translations`` (one scale in several languages, level for level) whose
    scales all exist and have the same number of levels → its name (the scales joined by "+") and its scales."""
    out = {}
    for group in groups:
        names = tuple(str(n) for n in group)
        if len(names) >= 2 and all(n in SCALES for n in names) and len({len(SCALES[n]) for n in names}) == 1:
            out["+".join(names)] = names
    return out


# a scale in two or more languages → the scales it joins; its index (every spelling of every language → level) is
# in _SCALE_INDEX after the one-language scales, so one of those that covers a column's labels always wins. A
# spelling two of the languages give different levels is left out (neither level is sure).
TRANSLATED: dict[str, tuple[str, ...]] = _translated_scales(_ANSWERS.get("scale_translations", []))
for _name, _parts in TRANSLATED.items():
    _joined: dict[str, int] = {}
    _unsure: set[str] = set()
    for _part in _parts:
        for _key, _level in _SCALE_INDEX[_part].items():
            if _joined.setdefault(_key, _level) != _level:
                _unsure.add(_key)
    _SCALE_INDEX[_name] = {k: v for k, v in _joined.items() if k not in _unsure}


def _dont_know_key(key: str) -> bool:
    if DONT_KNOW.match(key):
        return True
    # a label in two languages ("je ne sais pas/ I don't know"): either half may be the don't-know wording
    halves = [h.strip() for h in _BILINGUAL.split(key)] if _BILINGUAL.search(key) else []
    return len(halves) == 2 and any(DONT_KNOW.match(h) for h in halves)


def is_dont_know(label: str) -> bool:
    """True for "en osaa sanoa" / "vet inte" / "don't know" / N/A-type labels, in one language or in two
    ("je ne sais pas / I don't know"): they stay off the scale."""
    return _dont_know_key(norm_label(label))


# an answer between two levels of a numeric scale: a paper form ticked twice and typed in by hand ("4-5", "4,5")
_BETWEEN = re.compile(r"^\s*(\d{1,2})\s*(?:[-–/]\s*(\d{1,2})|[.,]5)\s*$")
BATTERY_MIN_ITEMS = 4       # items of one code stem that are full ratings with one top: a coded battery
_BATTERY_CODE = re.compile(r"^([A-Za-z]{1,12})_?(\d{1,2})$")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_NEGATIVE_CODE = re.compile(r"^-\d{1,2}$")
NEGATIVE_CODE_MAX_SHARE = 0.05  # of a battery item's answers, at most this share may be negative N/A codes
NEIGHBOUR_BATTERY_MIN = 3   # neighbouring 0-10 columns sharing a scale's top that make a battery under bare headers
LINEAR_BATTERY_MIN = 2      # full ratings with the same top that make a partly answered item of a battery a rating
BETWEEN_MAX_SHARE = 0.25    # at most this share of a column's answers may fall between levels for it to be a scale
# a single choice with an "other, please specify" option that keeps the typed text in the same column (Microsoft
# Forms, Google Forms): its options recur, each given at least OTHER_OPTION_MIN_COUNT times, and make up at least
# OTHER_OPTIONS_MIN_SHARE of the answers; the rest, each typed by fewer people, are the "other" texts
OTHER_OPTION_MIN_COUNT = 3
# in a ";"-joined multi-select of many answers, a piece written by at most this many respondents is typed "other"
# text, not an option (Typer._one_cell_multi, _without_typed_others)
TYPED_OTHER_MAX_COUNT = 2
OTHER_OPTIONS_MIN_SHARE = 0.85
# a ", "-joined checkbox column of many answers (Typer._common_piece_options): over at least
# COMMON_PIECES_MIN_ANSWERS answers, of which at least COMMON_PIECES_MIN_JOINED join pieces, the pieces chosen by
# at least COMMON_PIECE_MIN_SHARE of the respondents are the options when they make up at least
# COMMON_PIECES_MIN_COVER of all pieces; the rarer pieces are typed "other" texts
COMMON_PIECES_MIN_ANSWERS = 100
COMMON_PIECES_MIN_JOINED = 0.3
COMMON_PIECE_MIN_SHARE = 0.01
COMMON_PIECES_MIN_COVER = 0.9


def between_levels(value: str) -> bool:
    """True for an answer between two neighbouring levels of a numeric scale ("4-5", "4/5", "4,5", "4.5")."""
    match = _BETWEEN.match(value)
    return bool(match) and (match.group(2) is None or int(match.group(2)) == int(match.group(1)) + 1)


# a scale's end written as its number and label ("1 Heikko", "5 = Erinomainen", "10 - Excellent"): a label of
# words without digits after the number
_END_LABEL = re.compile(r"^\s*(\d{1,2})\s*(?:[-–=.:)]\s*|\s+)([^\W\d_][^\d]*?)\s*$")
_WHOLE = re.compile(r"\s*[0-9]+\s*")


def _scale_numbers(values: list[str]) -> dict[str, int] | None:
    """Each distinct answer → the whole number it is, when every answer is a bare whole number or the lowest or
    highest of them written with its end label ("1 Heikko", "2", "3", "4", "5 Erinomainen": a scale whose ends
    the form labelled); None otherwise. A label on a middle number ("2 children"), a number both bare and
    labelled, or no bare number at all (a list of numbered options) is no such scale."""
    bare: dict[str, int] = {}
    labelled: dict[str, int] = {}
    for value in values:
        if _WHOLE.fullmatch(value):
            bare[value] = int(value)
            continue
        match = _END_LABEL.match(value)
        if match is None:
            return None
        labelled[value] = int(match.group(1))
    if not bare:
        return None
    if labelled:
        numbers = set(bare.values()) | set(labelled.values())
        ends = {min(numbers), max(numbers)}
        if len(set(labelled.values())) != len(labelled) or any(
                n not in ends or n in bare.values() for n in labelled.values()):
            return None
    return {**bare, **labelled}


@dataclass
class Question:
    """One question as typed: what it is, where it comes from, and how its cells become answers."""

    question_id: str
    text: str
    type: str                       # single | multi | likert | open | other_text | number | date | meta
    columns: list[Column]
    items: list[str]                # one per column ("" when the column is the whole question)
    options: list[str] = field(default_factory=list)
    scale: dict[str, int] = field(default_factory=dict)       # likert: normalised label → score
    dont_know: set[str] = field(default_factory=set)          # normalised labels kept off the scale
    numeric_scale: bool = False     # likert coded as numbers: the number is the score
    separator: str | None = None    # multi-select in one cell: ";" or ", "
    repairs: dict[str, str] = field(default_factory=dict)     # cell value → repaired value (Excel damage)
    keep_raw: bool = False          # a personal-data column a spec keeps: stored unscrubbed
    selected: frozenset[str] | None = None  # multi option columns: the codes meaning "chosen" (None: the usual)
    # multi option columns: the position of the last, "other, what?" column, whose typed text both ticks the
    # "other" option and is that option's other text (None: no such column)
    other_pos: int | None = None


# a unit after the number or a currency sign before it ("12hlö", "1200000€", "20%", "€100"; spaces already out)
_UNIT = "|".join(sorted((re.escape(u) for u in _ANSWERS.get("number_units", ())), key=len, reverse=True))
_UNITS = re.compile(rf"^(?:[€$£])?(?P<n>[-+]?\d[\d.,]*)(?:{_UNIT})?\.?$", re.IGNORECASE) if _UNIT else None


_FIGURE_SHAPE = re.compile(r"^[€$£]?\s*[-+]?\d[\d\s\u00a0.,]*[^\d\s]{0,12}\.?$")


def parse_numbers(values: pd.Series) -> pd.Series:
    """Numbers from text, vectorised: decimal comma or point, spaces/NBSP as thousands separators, a unit
    after the number or a currency sign before it (``answers.number_units``: "12 hlö", "1 200 000 €", "20 %" is
    20); a duration ``H:MM:SS`` is its number of seconds."""
    cleaned = values.astype(str).str.replace(r"[\s\u00a0]", "", regex=True)
    if _UNITS is not None:
        cleaned = cleaned.str.replace(_UNITS, lambda m: m.group("n"), regex=True)
    cleaned = cleaned.str.replace(",", ".", regex=False)
    numbers = pd.to_numeric(cleaned, errors="coerce")
    unread = numbers.isna() & cleaned.str.contains(":", regex=False)
    if not unread.any():        # the common case: no duration to read, no second pass over the column
        return numbers
    clock = cleaned[unread].str.extract(_DURATION.pattern).astype(float)
    seconds = clock[0] * 3600 + clock[1] * 60 + clock[2]
    return numbers.where(~unread, seconds.reindex(numbers.index))


# Dates and times as exports write them. One pattern covers the numeric forms: a date of three numbers
# (``2017/03/14``, ``13.9.2022``, ``9/13/22``, ``2022-09-13``), then optionally a time with ``:`` or ``.``
# (``11.05.00``, the Finnish Google Sheets form), seconds and fractions, AM/PM (Swedish fm./em., Finnish ap./ip.),
# and an offset (``GMT+2``, ``UTC``, ``+02:00``, ``Z``) or a zone's abbreviation (``EET``, ``CEST``: ``answers.time_zones``).
_ZONE_ABBREVIATION = r"(?:" + _word_alternatives(_ANSWERS.get("time_zones", ["UTC", "GMT"])) + r")(?![A-Za-z])"
_CLOCK = (r"(?:(?:[ T]+|,\s*|\s+(?:klo|kl\.?|at)\s+)(?P<H>\d{1,2})[:.](?P<M>\d{2})"
          r"(?:[:.](?P<S>\d{2})(?:[.,](?P<frac>\d{1,9}))?)?(?:\s*(?P<ampm>[aApPfFeE])\.?\s?[mM]\.?|\s*(?P<ampm_fi>[aAiI])\.?\s?[pP]\.?)?)?"
          r"(?:\s*(?:Z|(?:GMT|UTC)(?:\s*[-+\u2212]\d{1,2}(?::?\d{2})?)?|[-+\u2212]\d{2}(?::?\d{2})?"
          r"|" + _ZONE_ABBREVIATION + r"))?$")
_DATETIME = re.compile(r"^(?P<a>\d{1,4})(?P<sep>[-./])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{1,4})\.?" + _CLOCK,
                       re.IGNORECASE)
# A date with an English month name, day first or month first (no day/month ambiguity): ``17-OCT-2016`` (SPSS's
# DATE11 format written as text), ``17-Oct-16``, ``14 Mar 2017``, ``2. September 2016 10:05``, ``Mar 14, 2017``;
# the time and offset as above. Read on the fast path like the numeric forms.
_NAMED_DATETIME = re.compile(
    r"^(?:(?P<d>\d{1,2})(?:st|nd|rd|th)?\.?[-./ ]\s*(?P<mon>[A-Za-z]{3,9})\.?"
    r"|(?P<mon2>[A-Za-z]{3,9})\.?[-./ ]\s*(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?)[-./ ,]\s*(?P<y>\d{4}|\d{2})" + _CLOCK,
    re.IGNORECASE)
# JavaScript's ``Date.toString()`` (what Google Apps Script and Sheets copies of a form's responses write):
# ``Mon Sep 08 2025 13:58:23 GMT-0500 (Central Daylight Time)``; the weekday and the zone's name in brackets
# say nothing the date and offset do not, so they are cut off before the month-name pattern reads the rest
_WEEKDAY_PREFIX = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,?\s+(?=[A-Za-z]{3})", re.IGNORECASE)
_ZONE_NAME_SUFFIX = re.compile(r"(?<=\d)\s*\([A-Za-z][A-Za-z .'-]{0,60}\)$")
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december")
_OFFSET = re.compile(r"\s*(?:Z|(?:GMT|UTC)(?:\s*[-+\u2212]\d{1,2}(?::?\d{2})?)?|(?<=\d)[-+\u2212]\d{2}:?\d{2})$"
                     r"|\s+" + _ZONE_ABBREVIATION + r"$", re.IGNORECASE)
_MONTH_NAME = re.compile(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?![a-z])")
_SERIAL = re.compile(r"^\d{5}(?:[.,]\d+)?$")
_SERIAL_RANGE = (20000, 80000)          # Excel day numbers 1954 … 2119


def parse_datetimes(values: pd.Series, dayfirst_first: bool = False,
                    order: str | None = None) -> tuple[pd.Series, str | None]:
    """Datetimes from text, vectorised over the distinct values. Returns ``(datetimes, order)``.

    Reads ``M/D/YY H:MM:SS``, ``D.M.YYYY H.MM.SS`` (Finnish Google Sheets), ``YYYY/MM/DD h:mm:ss PM GMT+2``,
    ISO 8601 (``T``, fractions, ``Z``), dashes, dots or slashes, with or without seconds, 12- or 24-hour
    clocks, dates with English month names (``17-OCT-2016``, ``14 Mar 2017``, ``Mar 14, 2017``, JavaScript's
    ``Mon Sep 08 2025 13:58:23 GMT-0500 (Central Daylight Time)``; read on the fast path), other month-name forms pandas knows, and Excel serial day numbers (``44834.5``).

    Day/month order is decided once for the whole column, never per value: ``order`` ("dmy" or "mdy")
    when given, else the reading under which every value with the year last parses; when both do (every
    day ≤ 12), day first for dots and dashes (and for every separator when ``dayfirst_first``, Webropol),
    month first for slashes; when neither does, the reading that parses more values. The order used is
    returned ("dmy", "mdy", or None when no value has the year last). A year first is always Y/M/D.

    Offsets (``GMT+2``, ``+02:00``, ``Z``) and zone abbreviations (``EET``, ``CEST``: ``answers.time_zones``)
    are dropped and the wall-clock time is kept as written: every
    result is a naive local time, never converted to UTC, so that times with and without an offset in one
    export read alike and show the hour the respondent saw. Unreadable or impossible values are NaT."""
    cells = values.to_numpy(dtype=object)
    if all(isinstance(v, str) and v.isascii() for v in cells):
        # the usual case (ingest's cells are stripped strings): the distinct values without a pandas round trip;
        # for ASCII text str.strip and pandas' strip agree
        first: dict[str, int] = {}
        codes = np.array([first.setdefault(v.strip(), len(first)) for v in cells], dtype="int64")
        distinct = list(first)
    else:
        text = values.astype(object).where(values.notna(), "").astype(str).str.strip()
        codes, distinct = pd.factorize(text)
        distinct = list(distinct)
    # The numeric forms are read in plain Python, one distinct value at a time: a column has few distinct
    # values, and a frame of regex groups cost far more in pandas overhead than the parsing itself.
    mdy: dict[int, int] = {}          # position in ``distinct`` → nanoseconds since the epoch, per reading
    dmy: dict[int, int] = {}
    year_last: list[int] = []         # positions whose year comes last (the ambiguous ones)
    slashed = 0                       # … of which written with "/"
    rest: list[int] = []              # positions the numeric pattern does not match
    for i, v in enumerate(distinct):
        if v == "":
            continue
        m = _DATETIME.match(v)
        if m is None:
            named = _NAMED_DATETIME.match(_ZONE_NAME_SUFFIX.sub("", _WEEKDAY_PREFIX.sub("", v))) \
                if v[:1].isalnum() else None
            stamp = _named_stamp(named) if named is not None else None
            if stamp is None:
                rest.append(i)
            else:                     # a month name: one reading, the same in either order
                mdy[i] = dmy[i] = stamp
            continue
        g = m.groupdict()
        a, b, c = int(g["a"]), int(g["b"]), int(g["c"])
        a_len, c_len = len(g["a"]), len(g["c"])
        if a_len == 4:
            year, readings = a, ((b, c), (b, c))
        elif c_len in (2, 4) and a_len <= 2:
            # a two-digit year as strptime's %y reads it: 69-99 → 19xx, 00-68 → 20xx
            year = c if c_len == 4 else c + (1900 if c >= 69 else 2000)
            readings = ((a, b), (b, a))
            year_last.append(i)
            slashed += g["sep"] == "/"
        else:
            continue                  # neither reading can hold it: NaT
        clock = _clock_of(g)
        for (month, day), out in zip(readings, (mdy, dmy)):
            stamp = _stamp(year, month, day, clock)
            if stamp is not None:
                out[i] = stamp
    if order is None and year_last:
        ok_mdy, ok_dmy = sum(i in mdy for i in year_last), sum(i in dmy for i in year_last)
        every = len(year_last)
        default = "dmy" if dayfirst_first or (every - slashed) / every > 0.5 else "mdy"
        if ok_mdy == every and ok_dmy == every:
            order = default
        elif ok_mdy == every or ok_dmy == every:
            order = "mdy" if ok_mdy == every else "dmy"
        else:
            order = default if ok_mdy == ok_dmy else ("mdy" if ok_mdy > ok_dmy else "dmy")
    chosen = order if year_last else None
    nanos = np.full(len(distinct), _NAT, dtype="int64")
    read = dmy if order == "dmy" else mdy
    if read:
        nanos[list(read)] = list(read.values())
    stamps = nanos.view("datetime64[ns]")
    if rest:
        stamps[rest] = _other_forms(pd.Series([distinct[i] for i in rest], index=rest, dtype=object)).to_numpy()
    return pd.Series(stamps[codes], index=values.index, dtype="datetime64[ns]"), chosen


_NAT = np.iinfo("int64").min          # NaT as int64
_EPOCH_DAY = date(1970, 1, 1).toordinal()


def _clock_of(g: dict) -> tuple[int, int, int, int] | None:
    """Hour, minute, second and nanoseconds of one matched value (0 where there is no time), or None for an
    impossible clock (a 12-hour time out of 1..12, an hour past 23, a minute or second past 59)."""
    hour = int(g["H"]) if g["H"] is not None else 0
    # AM/PM, and as Google Forms writes them in Swedish (fm./em.) and Finnish (ap./ip.) (QA round 29)
    ampm = (g["ampm"] or g.get("ampm_fi") or "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm in ("p", "e", "i") else 0)
    minute = int(g["M"]) if g["M"] is not None else 0
    second = int(g["S"]) if g["S"] is not None else 0
    frac = g["frac"] or ""
    nanos = int(frac.ljust(9, "0")[:9]) if frac else 0
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour, minute, second, nanos


def _month_number(name: str) -> int | None:
    """1-12 for an English month name or its abbreviation of three letters or more (``Oct``, ``Sept``), else None."""
    key = name.lower()
    return next((n for n, full in enumerate(_MONTH_NAMES, start=1) if full.startswith(key)), None)


def _named_stamp(m: re.Match) -> int | None:
    """Nanoseconds since the epoch of a value ``_NAMED_DATETIME`` matched, or None (no month by that name, an
    impossible date or clock)."""
    g = m.groupdict()
    month = _month_number(g["mon"] or g["mon2"])
    if month is None:
        return None
    y = g["y"]
    year = int(y) if len(y) == 4 else int(y) + (1900 if int(y) >= 69 else 2000)
    return _stamp(year, month, int(g["d"] or g["d2"]), _clock_of(g))


def _stamp(year: int, month: int, day: int, clock: tuple[int, int, int, int] | None) -> int | None:
    """Nanoseconds since the epoch of a wall-clock time, or None when the date or clock is impossible."""
    if clock is None or not (1 <= month <= 12 and 1 <= day <= 31 and 1900 <= year <= 2200):
        return None
    try:
        days = date(year, month, day).toordinal() - _EPOCH_DAY
    except ValueError:                # 30 February
        return None
    hour, minute, second, nanos = clock
    return (days * 86400 + hour * 3600 + minute * 60 + second) * 1_000_000_000 + nanos


def _other_forms(values: pd.Series) -> pd.Series:
    """Values the numeric pattern does not match: Excel serial day numbers, other ISO 8601 forms, and dates
    with a month name (no day/month ambiguity there). Offsets are dropped as in ``parse_datetimes``."""
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    serial = values.str.match(_SERIAL)
    if serial.any():
        days = pd.to_numeric(values[serial].str.replace(",", ".", regex=False))
        days = days[days.between(*_SERIAL_RANGE)]
        out[days.index] = pd.to_datetime(days, unit="D", origin="1899-12-30").astype("datetime64[ns]").dt.round("s")
    rest = values[~serial]
    if rest.empty:
        return out
    bare = rest.str.replace(_OFFSET, "", regex=True).str.strip()
    iso = pd.to_datetime(bare.where(bare.str.match(r"^\d{4}-?\d{2}")), format="ISO8601", errors="coerce")
    out[rest.index] = iso.astype("datetime64[ns]").to_numpy()
    named = bare[iso.isna() & bare.str.contains(_MONTH_NAME) & (bare.str.count(r"\d+") >= 2)]
    if not named.empty:
        with _warnings.catch_warnings():
            _warnings.simplefilter("ignore")
            try:
                parsed = pd.to_datetime(named, format="mixed", dayfirst=False, errors="coerce")
                if getattr(parsed.dt, "tz", None) is not None:
                    parsed = parsed.dt.tz_localize(None)
                out[named.index] = parsed.astype("datetime64[ns]").to_numpy()
            except (ValueError, TypeError, OverflowError, AttributeError):
                pass                # mixed or unknown zones: those values stay unread (NaT)
    return out


# a level label with a qualifier after a comma or in brackets: "never, but open to it", "often (weekly)"
_QUALIFIED = re.compile(r"^([^,(]*[^,(\s])\s*(?:,|\()\s*\w")
# the separator of a label given in two languages (LimeSurvey bilingual surveys: "Souvent /Often")
_BILINGUAL = re.compile(r"\s+/\s*|\s*/\s+")


_IMPROVEMENT = _ANSWERS.get("needs_improvement", {})
_NEEDS_IMPROVEMENT = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(norm_label(p)) for p in
                                                        _IMPROVEMENT.get("phrases", [])) + r")(?!\w)") \
    if _IMPROVEMENT.get("phrases") else None
# a quality scale (by its index) → the normalised spelling of its second level, the level a "needs improvement"
# answer stands for
_IMPROVABLE = {id(_SCALE_INDEX[name]): norm_label(SCALES[name][1][0])
               for name in _IMPROVEMENT.get("scales", []) if name in _SCALE_INDEX and len(SCALES[name]) > 2}


def scale_key(label: str, index: Mapping[str, int]) -> str | None:
    """The spelling in ``index`` (a scale's normalised spellings) that a normalised label stands for: the label
    itself, or for a qualified label ("never, but open to it", "never, and not open to it") the level it
    qualifies, or for a label in two languages ("souvent /often") its half on the scale, or on a quality scale
    for an answer saying that the thing needs improvement ("Accueil laisse à désirer";
    ``answers.needs_improvement``) the scale's second level; None when it is not on the scale."""
    if label in index:
        return label
    if _NEEDS_IMPROVEMENT is not None and id(index) in _IMPROVABLE and _NEEDS_IMPROVEMENT.search(label):
        return _IMPROVABLE[id(index)]
    match = _QUALIFIED.match(label)
    if match and match.group(1) in index:
        return match.group(1)
    # a label written in two languages ("souvent /often", "jamais / never"): the half that is a spelling
    halves = [h.strip() for h in _BILINGUAL.split(label)] if _BILINGUAL.search(label) else []
    if len(halves) == 2:
        return next((h for h in halves if h in index), None)
    return _typo_key(label, index)


# a scale label the form's author mistyped ("Disgree", "Aagree": issue 12 round 30, a SurveyMonkey form whose
# agreement choices were written so): one letter added, dropped or changed, or two neighbours swapped, against a
# spelling of at least TYPO_MIN_CHARS letters
TYPO_MIN_CHARS = 5
_ALL_SPELLINGS = frozenset(k for index in _SCALE_INDEX.values() for k in index)


def _one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by one inserted, dropped or replaced character, or by two neighbouring
    characters swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k in range(len(short)) if short[k] != long_[k]), len(short))
    return short[i:] == long_[i + 1:]


def _typos_apart(labels: set[str], index: Mapping[str, int]) -> bool:
    """False when a label of ``labels`` that is a typo of a spelling in ``index`` stands for a level another of the
    labels takes as spelled ("Fever" beside "Never": two words, not a typo of the other); True otherwise."""
    spelled = {index[lbl] for lbl in labels if lbl in index}
    return not any(index[k] in spelled for k in (_typo_key(lbl, index) for lbl in labels if lbl not in index)
                   if k is not None)


def _typo_key(label: str, index: Mapping[str, int]) -> str | None:
    """The spelling in ``index`` that a normalised ``label`` is a one-character typo of (``_one_edit``), when the
    label is no spelling of any scale nor a don't-know answer and all such spellings are one level; else None."""
    if len(label) < TYPO_MIN_CHARS or label in _ALL_SPELLINGS or _dont_know_key(label):
        return None
    found = sorted(s for s in index if len(s) >= TYPO_MIN_CHARS and abs(len(s) - len(label)) <= 1
                   and _one_edit(label, s))
    return found[0] if found and len({index[s] for s in found}) == 1 else None


def match_scale(labels: set[str]) -> str | None:
    """The name of the scale whose spellings cover every label (normalised, don't-know removed), or None.
    Of those, the first listed that gives every label a level of its own wins, else the first listed. A label may qualify a level ("never, but open to it" is "never") when at
    least two labels are levels as spelled; it scores as that level."""
    labels = {lbl for lbl in labels if not _dont_know_key(lbl)}
    if not labels:
        return None
    covering = [name for name, index in _SCALE_INDEX.items() if labels <= index.keys()]
    if covering and covering[0] in TRANSLATED:
        # no one-language scale covers the labels: a scale in two languages does when the labels are the words
        # of each level in both (a language copy's rows pasted under the master's header)
        covering = [name for name in covering
                    if sum(bool(labels & _SCALE_INDEX[part].keys()) for part in TRANSLATED[name]) >= 2]
    # two answers of one question are two levels: a scale that tells every label apart wins over one that
    # takes two of them for the same level ("Very good" and "Excellent": one is above the other)
    for name in covering:
        if len({_SCALE_INDEX[name][lbl] for lbl in labels}) == len(labels):
            return name
    if covering:
        return covering[0]
    for name, index in _SCALE_INDEX.items():
        if len(labels & index.keys()) >= 2 and _typos_apart(labels, index) \
                and all(scale_key(lbl, index) for lbl in labels):
            return name
    # one label as spelled and the others mistyped spellings ("Aagree" beside "Strongly agree"), each its own level
    if 2 <= len(labels) <= len(max(SCALES.values(), key=len)):
        for name, index in _SCALE_INDEX.items():
            if labels & index.keys():
                keys = [lbl if lbl in index else _typo_key(lbl, index) for lbl in labels]
                if all(keys) and len({index[k] for k in keys}) == len(labels):
                    return name
    # labels in two languages, or some in two and some in one ("Important" beside "Pas important / Not
    # important": the word is the same in both): each label or one of its halves is a level (two levels at least)
    if len(labels) >= 2 and any(_BILINGUAL.search(lbl) for lbl in labels):
        for name, index in _SCALE_INDEX.items():
            keys = [scale_key(lbl, index) for lbl in labels]
            if all(keys) and len({index[k] for k in keys}) >= 2:
                return name
    return None


@lru_cache(maxsize=1)
def _free_text_patterns() -> tuple:
    """The header patterns (and exclusions) of the free-text roles of every survey kind (``pipeline.roles``:
    ``TEXT_ROLES``, the needs, feedback comment and impact texts), as (patterns, exclude_patterns) pairs."""
    # imported here: the roles are read once, for the close calls only
    from pipeline.roles import TEXT_ROLES, role_patterns

    return tuple((tuple(spec["patterns"]), tuple(spec["exclude_patterns"]))
                 for roles in role_patterns().values() for role, spec in roles.items() if role in TEXT_ROLES)


def free_text_header(header: str) -> bool:
    """True when a free-text role of some survey kind (``pipeline.roles.TEXT_ROLES``: the open need, the
    feedback's good / improve / comment texts, the impact text) would read a column so headed: that role reads
    it as open text whatever ingest types it (``pipeline.roles.settled``), so typing it is no close call."""
    return any(any(p.search(header) for p in patterns) and not any(p.search(header) for p in excluded)
               for patterns, excluded in _free_text_patterns())


# a grid whose answers are a known scale's but for one label (QA round 38 F1: "Varken av samma eller annan åsikt",
# one "av" short of the vocabulary's midpoint): ``Typer._scale_but_one``
BUT_ONE_MIN_KNOWN = 3       # labels on the scale beside the unknown one: fewer tell no scale apart
BUT_ONE_ROW_MIN = 3         # cells of the unknown label whose rows answer another statement: fewer place it nowhere


def _near_scale(labels: set[str]) -> tuple[str, list[str]] | None:
    """(scale name, the labels not on it, sorted) for labels (normalised) of which more than half, and at least
    ``BUT_ONE_MIN_KNOWN``, are a known scale's spellings, don't-know answers left out: the scale that covers the
    most of them (the first listed on a tie); None when none does."""
    labels = {lbl for lbl in labels if not _dont_know_key(lbl)}
    best: tuple[int, str] | None = None
    for name, index in _SCALE_INDEX.items():
        on = sum(scale_key(lbl, index) is not None for lbl in labels)
        if on >= BUT_ONE_MIN_KNOWN and 2 * on > len(labels) and on < len(labels) and (best is None or on > best[0]):
            best = (on, name)
    if best is None:
        return None
    index = _SCALE_INDEX[best[1]]
    return best[1], sorted(lbl for lbl in labels if scale_key(lbl, index) is None)


_NEGATION = frozenset(norm_label(w) for w in _ANSWERS.get("negation_words", []))
_WORDS = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_SCALE_ENDS = (4, 5, 7, 10, 11)


def anchored_text_scale(labels: list[str], max_points: int) -> tuple[list[str], dict[str, int]] | None:
    """A scale written as its two labelled ends with bare numbers between ("Non, pas du tout", "2", "3", "4",
    "Oui, tout à fait": a Google Forms grid or a Qualtrics matrix whose middle columns have no label):
    ``(options low → high, normalised label → score)``, or None. The end that says "not" (``negation_words``)
    is the low end; the ends sit at 1 (0 when a 1 was chosen) and at the usual top (4, 5, 7, 10) above the
    highest number chosen. Don't-know answers stay off the scale."""
    values = [v.strip() for v in labels if v.strip() and not is_dont_know(v)]
    numbers = {int(v) for v in values if re.fullmatch(r"\d{1,2}", v)}
    texts = sorted({v for v in values if not re.fullmatch(r"\d{1,2}", v)}, key=values.index)
    if len(texts) != 2 or not numbers:
        return None
    low = min(numbers) - 1 if min(numbers) <= 1 else 1
    high = next((end for end in _SCALE_ENDS if end > max(numbers)), max(numbers) + 1)
    if not 3 <= high - low + 1 <= max_points:
        return None
    negated = [bool(_NEGATION & {norm_label(w) for w in _WORDS.findall(t)}) for t in texts]
    if negated.count(True) != 1:
        return None         # no way to tell which end is low
    low_label, high_label = (texts[0], texts[1]) if negated[0] else (texts[1], texts[0])
    options = [low_label] + [str(n) for n in range(low + 1, high)] + [high_label]
    scale = {norm_label(low_label): low, norm_label(high_label): high,
             **{str(n): n for n in range(low + 1, high)}}
    return options, scale


_NEITHER_NOR = [re.compile(p) for p in _ANSWERS.get("neither_nor", [])]
_INTENSITY = sorted(((norm_label(w), rank) for rank, level in enumerate(_ANSWERS.get("intensity_words", []), start=1)
                     for w in level), key=lambda wr: -len(wr[0]))
_NEGATIVE_PREFIXES = tuple(str(p).lower() for p in _ANSWERS.get("negative_prefixes", []))
_BARE_POLE = 1.5            # a pole without an intensity word ("Concerned") sits between the first two levels


def _pole_and_rank(label: str, poles: tuple[str, str]) -> tuple[int, float] | None:
    """``(pole index, intensity rank)`` of a normalised label "<intensity word> <pole>" or a bare pole; None
    when the label is neither."""
    for word, rank in _INTENSITY:
        if label.startswith(word + " ") and label[len(word) + 1:] in poles:
            return poles.index(label[len(word) + 1:]), float(rank)
    return (poles.index(label), _BARE_POLE) if label in poles else None


def _low_pole(poles: tuple[str, str]) -> int:
    """Which of the two poles is the scale's low end: the one that is the other with a negative prefix
    ("unconcerned" of "concerned"); else the second ("neither agree nor disagree" puts the high end first)."""
    high, low = poles
    if any(high == p + low for p in _NEGATIVE_PREFIXES):
        return 0
    return 1


_DEGREE = {norm_label(w): float(rank) for rank, level in enumerate(_ANSWERS.get("degree_words", []))
           for w in level}
_VERY = frozenset(norm_label(w) for level in _ANSWERS.get("intensity_words", [])[-2:] for w in level)
_GERMAN_ENDINGS = ("es", "er", "en", "em", "e")
DEGREE_MIN_NOUN = 4         # the noun a degree scale's answers share has at least this many characters


def _degree_word(word: str) -> float | None:
    """The level of one degree word (``answers.degree_words``), as written or without a German ending."""
    if word in _DEGREE:
        return _DEGREE[word]
    for ending in _GERMAN_ENDINGS:
        if word.endswith(ending) and word[:-len(ending)] in _DEGREE:
            return _DEGREE[word[:-len(ending)]]
    return None


def _degree_rank(prefix: str) -> float | None:
    """The level of the words before a degree scale's noun ("geringes", "sehr starkes", "sehr"), or None."""
    words = prefix.split()
    if len(words) == 1 and words[0] in _VERY:
        return float(len(_ANSWERS.get("degree_words", [])))        # "Sehr entscheidend": the top
    very = len(words) == 2 and words[0] in _VERY
    if len(words) != 1 and not very:
        return None
    rank = _degree_word(words[-1])
    if rank is None or not very:
        return rank
    middle = (len(_ANSWERS.get("degree_words", [])) - 1) / 2
    return rank + 0.5 if rank > middle else rank - 0.5


def degree_scale(labels: list[str], max_points: int) -> tuple[list[str], dict[str, int]] | None:
    """A one-sided scale of "<degree> <noun>" answers sharing the noun ("Kein Hemmnis" … "Sehr starkes Hemmnis",
    or glued, "GeringesHemmnis"): ``(options low → high, normalised label → score 1..n)``, or None. Every answer
    but don't-know ones must be a degree word (``answers.degree_words``), or a very-word and one, before the
    same noun of at least ``DEGREE_MIN_NOUN`` characters; at least three levels, each answer its own, and at most
    ``max_points``. The noun is the answers' longest shared ending that leaves a degree word before it in each
    ("zustimmung", not "ezustimmung" of "Keine…", "Hohe…")."""
    spelled: dict[str, str] = {}
    for v in labels:
        if v.strip() and not is_dont_know(v):
            spelled.setdefault(norm_label(v), v.strip())
    keys = list(spelled)
    if not 3 <= len(keys) <= max_points:
        return None
    found = _degree_levels(keys, spelled)
    if found is not None:
        return found
    # the lowest level worded with another scale's noun ("Nichtentscheidend" under "Geringer … Sehr hoher
    # Mehrwert": a LimeSurvey array whose author reused a label, issue 12 round 27): the scale of the others, with
    # that "none" answer below them, when they hold no "none" of their own
    nones = [k for k in keys if _none_level(k)]
    if len(nones) == 1 and len(keys) >= 4:
        rest = [k for k in keys if k != nones[0]]
        found = _degree_levels(rest, spelled)
        if found is not None and not _none_level(norm_label(found[0][0])):
            options = [spelled[nones[0]], *found[0]]
            return options, {norm_label(o): i for i, o in enumerate(options, start=1)}
    return None


def _none_level(key: str) -> bool:
    """True when a normalised answer is a lowest-level degree word ("kein", "nicht", "no": ``degree_words``'
    first level) before a noun of at least ``DEGREE_MIN_NOUN`` letters, written apart or glued
    ("Nicht entscheidend", "Nichtentscheidend")."""
    lowest = [w for w, rank in _DEGREE.items() if rank == 0]
    for word in sorted(lowest, key=len, reverse=True):
        for form in (word, *(word + e for e in _GERMAN_ENDINGS)):
            if key.startswith(form):
                noun = key[len(form):].strip()
                if len(noun) >= DEGREE_MIN_NOUN and noun.isalpha():
                    return True
    return False


def _degree_levels(keys: list[str], spelled: Mapping[str, str]) -> tuple[list[str], dict[str, int]] | None:
    """``degree_scale``'s reading of ``keys`` (normalised answers, ``spelled`` as written) that share one noun,
    or None."""
    if len(keys) < 3:
        return None
    shared = os.path.commonprefix([k[::-1] for k in keys])[::-1]
    for cut in range(len(shared), DEGREE_MIN_NOUN - 1, -1):
        noun = shared[len(shared) - cut:]
        if not noun.strip()[:1].isalpha():
            continue
        ranks = {k: _degree_rank(k[:len(k) - cut].strip()) for k in keys}
        if any(r is None for r in ranks.values()) or len(set(ranks.values())) != len(keys):
            continue
        ordered = sorted(keys, key=lambda k: ranks[k])
        return [spelled[k] for k in ordered], {k: i for i, k in enumerate(ordered, start=1)}
    return None


def bipolar_scale(labels: list[str]) -> tuple[list[str], dict[str, int]] | None:
    """A two-sided scale of "<intensity> <pole>" answers around a "Neither <pole> nor <other pole>" middle
    ("Extremely Concerned" … "Neither Concerned nor Unconcerned" … "Extremely Unconcerned"): ``(options low →
    high, normalised label → score 1..n)``, or None. Every answer but don't-know ones must be the middle or an
    intensity word (``answers.intensity_words``) before one of the middle's two poles, or a bare pole; both
    sides must be answered and at least four levels used. Lets a Likert scale be read whatever its pole word,
    where the ``scales`` lists know only some (agree, satisfied, likely, important)."""
    spelled: dict[str, str] = {}
    for v in labels:
        if v.strip() and not is_dont_know(v):
            spelled.setdefault(norm_label(v), v.strip())
    middles = [(k, m) for k in spelled for m in [next((p.match(k) for p in _NEITHER_NOR if p.match(k)), None)] if m]
    if len(middles) != 1:
        return None
    middle, found = middles[0]
    poles = (found.group(1).strip(), found.group(2).strip())
    if poles[0] == poles[1]:
        return None
    low = _low_pole(poles)
    placed = {}
    for key in spelled:
        if key == middle:
            continue
        at = _pole_and_rank(key, poles)
        if at is None:
            return None
        side, rank = at
        placed[key] = -rank if side == low else rank
    sides = {v > 0 for v in placed.values()}
    if sides != {True, False} or len(placed) + 1 < 4 or len(set(placed.values())) != len(placed):
        return None
    order = sorted(placed, key=placed.get)
    order = [k for k in order if placed[k] < 0] + [middle] + [k for k in order if placed[k] > 0]
    return [spelled[k] for k in order], {k: i for i, k in enumerate(order, start=1)}


def split_multi(cell: str, options: list[str], separator: str) -> tuple[list[str], str]:
    """Split a one-cell multi-select against the known options, longest first.

    Returns ``(chosen options, leftover text)``: what matches no option (typed "other" text) is joined
    back with the separator."""
    rest = cell.strip()
    if separator.strip() == ";":
        rest = rest.rstrip(";").strip()
    chosen: list[str] = []
    leftover: list[str] = []
    sep = separator.strip() or separator
    ordered = sorted(options, key=len, reverse=True)
    while rest:
        for option in ordered:
            tail = rest[len(option):]
            # a space or line-break separator (KoboToolbox, Jotform) is the space itself, not something after it
            if rest == option or rest.startswith(option) and (tail.lstrip(" \t\r").startswith(sep) if sep == "\n"
                                                               else tail.startswith(sep) if sep == " "
                                                               else tail.lstrip().startswith(sep)):
                chosen.append(option)
                rest = rest[len(option):].lstrip()
                rest = rest[len(sep):].lstrip() if rest.startswith(sep) else rest
                break
        else:
            piece, found, tail = rest.partition(sep)
            leftover.append(piece.strip())
            rest = tail.lstrip() if found else ""
    return chosen, (sep + " ").join(p for p in leftover if p) if sep == "," else sep.join(p for p in leftover if p)


def _spelling_variants(values: list[str], counts: Mapping[str, int]) -> dict[str, str]:
    """The answers that differ from another only in letter case or spacing ("kyllä", "KYLLÄ" beside "Kyllä"),
    each mapped to its group's most written spelling (a tie goes to the one capitalised as a sentence, then
    to the first written); {} when no two answers are such variants."""
    groups: dict[str, list[str]] = {}
    for value in values:
        groups.setdefault(fold(value), []).append(value)
    out = {}
    for spellings in groups.values():
        if len(spellings) < 2:
            continue
        best = max(spellings, key=lambda v: (counts.get(v, 0), v[:1].isupper() and v[1:] == v[1:].lower(),
                                              -spellings.index(v)))
        out.update({v: best for v in spellings if v != best})
    return out


class Typer:
    """Types the question candidates of one export (``infer``), given the data and the tool."""

    def __init__(self, data: pd.DataFrame, tool: str, params: Mapping,
                 value_labels: Mapping[int, Mapping[str, str]] | None = None,
                 date_columns: set[int] | None = None) -> None:
        self.data = data
        self.tool = tool
        self.params = params
        self.value_labels = value_labels or {}
        self.date_columns = date_columns or set()
        self.warnings: list[str] = []
        self._uniques: dict[int, list[str]] = {}
        self._full_linear_cache: dict[int, int | None] = {}
        self._cells: dict[int, np.ndarray] = {}
        self._close_calls: set[int] = set()     # columns already warned about (typed on little evidence)
        # columns whose type a questionnaire spec names, set by the caller: typing them is no guess to warn about
        self.spec_typed: set[int] = set()
        self._rows: int | None = None
        self._with_other = False                # the group being typed has LimeSurvey's [other] column
        self._numbered: dict = {}               # column → its numbered labels (``_numbered_levels``)
        # a question column's code (``g1``, ``Q3_2``) by position, set by the caller: the items of a battery
        # headed by codes only are told by their shared stem (``_coded_battery``)
        self.codes: dict[int, str] = {}
        self._stems: dict[str, list[int]] | None = None
        self._battery_top: dict[int, int] = {}    # an item of a coded battery → the battery's top
        self._neighbours: dict[int, int] | None = None    # an item of a battery under bare headers → its top
        self._dont_know_cache: dict[str, bool] = {}
        # per row, the one-language scale (``TRANSLATED``) its answers to a scale in two languages are words of
        # ("" when none tells): set by ``_text_scale``, read by the ingest to find a pasted copy's own labels
        self.row_scales: np.ndarray | None = None
        # grids whose answers match a known scale but for some labels: read with the missing level, or not read as
        # a scale (``_likert``); {question, columns, scale, unread, read_as ("" when not read as the scale)}
        self.near_scales: list[dict] = []
        # the close calls said (``_is_open``): {pos, column, typed (single | open), answers, distinct}
        self.close_calls: list[dict] = []

    # -- helpers on distinct values -------------------------------------------------------------------
    # Typing asks many small questions of a few columns: they are answered on each column's cells as a list
    # (taken from the frame once), as a pandas operation per question cost more than the answer.
    def cells(self, pos: int) -> np.ndarray:
        """The column's cells (strings, "" when blank) as an object array."""
        if pos not in self._cells:
            self._cells[pos] = self.data[pos].to_numpy(dtype=object)
        return self._cells[pos]

    def answers(self, pos: int) -> list[str]:
        """The column's non-blank cells, in row order."""
        return [v for v in self.cells(pos) if v != ""]

    def uniques(self, pos: int) -> list[str]:
        if pos not in self._uniques:
            self._uniques[pos] = list(dict.fromkeys(self.answers(pos)))
        return self._uniques[pos]

    def labelled(self, pos: int) -> list[str]:
        labels = self.value_labels.get(pos)
        return [labels.get(v, v) for v in self.uniques(pos)] if labels else self.uniques(pos)

    def count(self, pos: int) -> int:
        return int((self.cells(pos) != "").sum())

    # -- typing ---------------------------------------------------------------------------------------
    def infer(self, qid: str, text: str, columns: list[Column]) -> list[Question]:
        """Return the questions one group of columns forms (normally one; a group whose columns do not
        agree on a type becomes one question per column)."""
        typed_other = self._typed_other_option(qid, text, columns)
        if typed_other is not None:
            return [typed_other]
        columns, ticked_other = self._ticked_other_options(columns)
        main = [c for c in columns if c.role not in (OTHER_TEXT, OPEN)]
        texts = [c for c in columns if c.role in (OTHER_TEXT, OPEN)]
        out: list[Question] = []
        # LimeSurvey writes an ``Q [other]`` text column only after a list or a multiple choice (an array has
        # no "other" option): with it, yes/no option columns are a multiple choice, not a yes/no grid. So does
        # an "Other" option ticked yes/no like its siblings: a grid of statements has no "Other" statement
        self._with_other = ticked_other or (self.tool == "limesurvey" and any(
            c.role == OTHER_TEXT and c.group.endswith(":other") for c in texts))
        if main:
            out.extend(self._main(qid, text, main))
        for n, col in enumerate(texts):
            kind = "other_text" if (main or col.group.endswith(":other")) and col.role == OTHER_TEXT else "open"
            suffix = "_other" if kind == "other_text" else "_text"
            tid = qid if not main and len(texts) == 1 else f"{qid}{suffix}{n + 1 if len(texts) > 1 else ''}"
            if not main and len(texts) > 1 and all(c.item for c in texts):
                if n == 0:
                    out.append(Question(qid, text, "open", texts, [c.item for c in texts]))
                continue
            if kind == "open" and not main and self._typed_number(col.pos):
                # a text-entry field answered with numbers only (Qualtrics' ``QID21_TEXT`` "How old are you?")
                kind = "number"
            out.append(Question(tid, col.text or text, kind, [col], [col.item if kind in ("open", "number")
                                                                     else ""]))
        return out

    def _typed_other_option(self, qid: str, text: str, columns: list[Column]) -> Question | None:
        """The multi-select of an option-per-column group whose last column is its "other, please specify"
        field, or None when the group is not one.

        Webropol heads a check-all ``Aiheet:Myynti;Aiheet:Brändi;…;Aiheet:Muu, mikä?`` and writes 1 (or the
        option, or X) in each ticked option's column, but the typed text in the last one: read column by column,
        two different texts there broke the group into number questions and an open one (issue 12, QA round
        14: the sales demand counted 7 of 26 instead of 13). When the last column's option is an "other" header
        (``answers.other_headers``: "Muu, mikä?", "Annat, vad?", "Other, please specify", "Other:"), at least
        two option columns stand before it, it holds some text that is no tick, and the columns before it form a
        multi-select, the whole group is that multi-select with the last column as its "other" option
        (``Question.other_pos``): a typed text ticks "other" and is its other text. A last column of ticks
        only is an option like the others and is left to the usual reading."""
        if len(columns) < 3 or any(c.role for c in columns):
            return None
        other = columns[-1]
        split = _header_option(other.header)
        label = other.item or (split[1] if split is not None else "")
        if not label or _other_key(label) not in _OTHER_HEADERS:
            return None
        ticks = _SELECTED | _UNSELECTED | {norm_label(label)}
        if not any(norm_label(v) not in ticks for v in self.labelled(other.pos)):
            return None
        # an "other, what?" field belongs to a choice: yes/no option columns before it are no grid of statements
        self._with_other = True
        found = self._main(qid, text, columns[:-1])
        self._with_other = False
        if len(found) != 1 or found[0].type != "multi" or found[0].separator is not None \
                or len(found[0].columns) != len(columns) - 1:
            return None
        multi = found[0]
        return replace(multi, columns=[*multi.columns, other], items=[*multi.items, label],
                       options=[*multi.options, label], other_pos=other.pos)

    def _ticked_other_options(self, columns: list[Column]) -> tuple[list[Column], bool]:
        """Return the group's columns with each "other" column that holds only the yes/no (ticked/unticked)
        values of its sibling option columns made an option column (its header's bracketed item becomes the
        option), and whether any was.

        LimeSurvey's full-answer export of a multiple choice whose options include "Autres" / "Other" writes
        ``Genre /Gender [Autres]`` holding Oui/Non like ``[Masculin]``: an option, not the free text of LimeSurvey's
        own ``[other]`` field (issue 12, QA round 12: 67 "Non" read as open answers, "Gender: other 100 %").
        New Column objects are returned; the layout's are left as they are."""
        main = [c for c in columns if c.role not in (OTHER_TEXT, OPEN)]
        if not main or not any(c.role == OTHER_TEXT for c in columns):
            return columns, False
        ticks = _SELECTED | _UNSELECTED | _YES_WORDS | _NO_WORDS
        sibling_values = {norm_label(v) for c in main for v in self.labelled(c.pos)}
        if not sibling_values or not sibling_values <= ticks:
            return columns, False
        out, changed = [], False
        for col in columns:
            values = {norm_label(v) for v in self.labelled(col.pos)}
            if col.role == OTHER_TEXT and values and values <= sibling_values:
                bracket = _BRACKET_ITEM.search(col.header)
                col = replace(col, role="", group=main[0].group,
                              item=bracket.group(1).strip() if bracket else (col.item or "Other"))
                changed = True
            out.append(col)
        return out, changed

    def _typed_number(self, pos: int) -> bool:
        """True when every answer of a text field is a number and none is a zero-padded code (a postcode
        ``01234`` or an id is text that happens to be digits)."""
        return self._numeric(pos) and not any(len(v) > 1 and v[0] == "0" and v[1].isdigit()
                                              for v in (u.strip() for u in self.uniques(pos)))

    def _main(self, qid: str, text: str, cols: list[Column]) -> list[Question]:
        if len(cols) == 1:
            lone = self._lone_option(qid, text, cols[0])
            return [lone if lone is not None else self._single_column(qid, text, cols[0])]
        if all(c.soft for c in cols):
            return self._soft(qid, text, cols)
        items = [c.item or c.header for c in cols]
        multi = self._multi_columns(qid, text, cols, items)
        if multi is not None:
            return [multi]
        likert = self._likert(qid, text, cols, items)
        if likert is not None:
            return [likert]
        if all(self._numeric(c.pos) for c in cols):
            return [Question(qid, text, "number", cols, items)]
        if all(self._is_open(c.pos, c.text or c.header) for c in cols) and all(self.uniques(c.pos) for c in cols):
            return [Question(qid, text, "open", cols, items)]
        out = []
        for n, col in enumerate(cols, start=1):
            sub_text = f"{text} [{col.item}]" if col.item else (col.text or text)
            out.append(self._single_column(f"{qid}_{n}", sub_text, col))
        return out

    def _soft(self, qid: str, text: str, cols: list[Column]) -> list[Question]:
        """A tentative group (``layout``: repeated headers, ``group/option``, SPSS ``Q5_1``): one multi-select,
        or one grid when its statements are named and share a scale (a labelled scale for KoboToolbox
        groups); otherwise each column alone, typed
        under its own header as if it had never been grouped. KoboToolbox's whole-answer column (``parent``)
        is left out when its option columns form the multi-select (it repeats them)."""
        body = [c for c in cols if not c.parent]
        stem = cols[0].stem or text
        if self.tool == "spss" and cols[0].code:
            qid = qid or _SPSS_STEM.sub("", cols[0].code)
        items = [c.item or c.header for c in body]
        multi = self._multi_columns(qid, stem, body, items)
        if multi is not None:
            return [multi]
        named = all(c.item for c in body) and len(set(items)) == len(items)
        if named and len(body) == len(cols):
            likert = self._likert(qid, stem, body, items)
            # a KoboToolbox group is a section of the form, not a question: small numbers in its columns
            # (an age band and a household size) are no shared scale; only labels on one scale are
            if likert is not None and not (likert.numeric_scale and cols[0].group.startswith("g")):
                return [likert]
        return [self._single_column("", c.text or c.header, c) for c in cols]

    def _lone_option(self, qid: str, text: str, col: Column) -> Question | None:
        """A multi-select with one option: a column that names an option (``Question - Option``,
        ``Question [Option]``) and holds nothing but that option's label when ticked (SurveyMonkey's
        "Will you watch any of the following programs? - Macy's Parade")."""
        if not col.item:
            return None
        values = {norm_label(v) for v in self.labelled(col.pos)} - _UNSELECTED
        if values != {norm_label(col.item)}:
            return None
        stem = re.sub(r"\s*[-–:]?\s*" + re.escape(col.item) + r"\s*\]?$", "", text).rstrip(" [").strip()
        return Question(qid, stem or text, "multi", [col], [col.item], options=[col.item])

    def _multi_columns(self, qid: str, text: str, cols: list[Column], items: list[str]) -> Question | None:
        """An option-per-column multi-select: one question whose options are the columns' items, or None.

        Every column holds one "ticked" value and otherwise blanks, "not ticked" values or N/A:
        - selection codes: ``1``/``0``, ``1``/blank, ``X``/``✓``/``TRUE``/``Y``/``checked``/``selected`` (and
          their fi/sv/de/fr/es/pt words, ``ingest_vocabulary.yaml``: answers.selected / unselected),
          read through SPSS value labels when the file has them;
        - the column's own item (``Question - Option`` holding ``Option``);
        - label-or-blank (Typeform, SoSci, Qualtrics choice text): the column holds one label of its own and
          blanks; the label becomes the option (the item). The labels must differ between columns, must
          not all be levels of one scale (that is a grid with one answer per statement), and some
          respondent must have left an option blank.
        LimeSurvey: ``Y``/blank, ``Yes``/``No``/``N/A``, ``1``/``0``.

        A grid of yes/no statements is not a multi-select: when the raw cells are yes/no *words* (Yes/No,
        Kyllä/Ei, Ja/Nej, Sí/No …; not codes, not value labels), every column has both a yes and a no, at
        least ``multi_grid_answered_share`` (default 0.95) of the respondents who answered any column
        answered every column, and the question does not ask for a choice among options ("Which …",
        "Quali …", "select all": answers.choice_starts / choice_phrases), the columns stay separate yes/no
        questions. (A SPSS 1/2 "sì"/"no" set keeps being a multi-select: its cells are codes; so does a LimeSurvey
        group followed by its ``Q [other]`` text column, which only a list or a multiple choice has.)"""
        if self.tool == "sosci" and all({norm_label(v) for v in self.uniques(c.pos)} - {""} <= {"1", "2"}
                                        for c in cols):
            # SoSci Survey codes each option of a multiple choice 1 = not chosen, 2 = chosen
            chosen_any = any("2" in {norm_label(v) for v in self.uniques(c.pos)} for c in cols)
            if chosen_any and not self._yes_no_grid(text, cols):
                return Question(qid, text, "multi", cols, list(items), options=list(items),
                                selected=frozenset({"2"}))
        coded_only = True
        labels: list[str | None] = []
        for col, item in zip(cols, items):
            uniques = self.uniques(col.pos)
            if len(uniques) > len(_SELECTED | _UNSELECTED) + 1:
                return None
            values = {norm_label(v) for v in self.labelled(col.pos)}
            off = {v for v in values if v in _UNSELECTED or DONT_KNOW.match(v)}
            if self.tool == "limesurvey":
                # LimeSurvey writes "Yes"/"No" in the survey's language (Ja/Nein, Oui/Non …) in a full-answer
                # export: answers.yes_words / no_words
                allowed = {"y", "n", "1", "0", "not selected", "n/a", norm_label(item)} | _YES_WORDS | _NO_WORDS
                if not values <= allowed:
                    return None
            chosen = values - off
            own = chosen - _SELECTED - {norm_label(item)}
            if len(own) > 1 or (own and len(chosen) > 1):
                return None
            if not chosen:
                labels.append(None)
            elif not own:
                labels.append(item)
            else:
                coded_only = False
                spelled = next(v.strip() for v in self.labelled(col.pos) if norm_label(v) in chosen)
                labels.append(spelled)
        if all(lbl is None for lbl in labels):
            return None
        if not coded_only and not self._label_or_blank(cols, labels):
            return None
        if coded_only and not self._with_other and self._yes_no_grid(text, cols):
            return None
        items = [lbl if lbl is not None else item for lbl, item in zip(labels, items)]
        if self._one_of_many(text, cols, items):
            return Question(qid, text, "single", cols, [""] * len(cols), options=list(items))
        return Question(qid, text, "multi", cols, items, options=list(items))

    def _one_of_many(self, text: str, cols: list[Column], items: list[str]) -> bool:
        """A single choice exported one column per option (SurveyMonkey's "expanded" download writes
        "Gender - Male" / "Gender - Female", each holding its own label when chosen): every cell is its
        column's own label, at least ``_EXCLUSIVE_MIN_ROWS`` respondents answered, none of them more than one
        option, and the question does not ask for several ("select all that apply")."""
        if len(cols) < 2 or _MULTI_HINT.search(text):
            return False
        for col, item in zip(cols, items):
            if {norm_label(v) for v in self.uniques(col.pos)} - {""} - {norm_label(item)}:
                return False        # ticks (1/0, X, Yes/No) say chosen, not which: a multi-select's cells
        ticked = np.column_stack([self.cells(c.pos) != "" for c in cols]).sum(axis=1)
        answered = int((ticked > 0).sum())
        return answered >= _EXCLUSIVE_MIN_ROWS and int(ticked.max()) == 1

    def _label_or_blank(self, cols: list[Column], labels: list[str | None]) -> bool:
        own = [norm_label(lbl) for lbl in labels if lbl is not None]
        if len(set(own)) != len(own) or match_scale(set(own)) is not None:
            return False
        # "Not selected" (answers.unselected) is as blank as an empty cell: 538's recoded SurveyMonkey exports
        # write it for every option a respondent left unticked
        blank = np.column_stack([self._unticked(c.pos) for c in cols])
        answered = ~blank.all(axis=1)
        return bool((blank & answered[:, None]).any())

    def _unticked(self, pos: int) -> np.ndarray:
        """Per row: the cell is blank or says "not selected" (decided once per distinct value)."""
        off = {v for v in self.uniques(pos) if norm_label(v) in _UNSELECTED}
        cells = self.cells(pos)
        if not off:
            return cells == ""
        return np.isin(cells, [""] + sorted(off))

    def _yes_no_grid(self, text: str, cols: list[Column]) -> bool:
        if _CHOICE_START.search(text) or _CHOICE_PHRASE.search(text) or _MULTI_HINT.search(text):
            return False
        words = _YES_WORDS | _NO_WORDS
        for col in cols:
            if self.value_labels.get(col.pos):
                return False
            raw = {norm_label(v) for v in self.uniques(col.pos)} - {""}
            raw = {v for v in raw if not DONT_KNOW.match(v)}
            if not raw <= words or not raw & _YES_WORDS or not raw & _NO_WORDS:
                return False
        said = np.column_stack([[norm_label(v) in words for v in self.cells(c.pos)] for c in cols])
        answered = said.any(axis=1)
        if not answered.any():
            return False
        share = float(said[answered].all(axis=1).mean())
        return share >= float(self.params["multi_grid_answered_share"])

    def _likert(self, qid: str, text: str, cols: list[Column], items: list[str]) -> Question | None:
        labels_sets = [self.value_labels.get(c.pos) for c in cols]
        if all(labels_sets):
            # value labels of a known scale are ordered as the vocabulary orders that scale, low → high, whatever
            # the codes: an SPSS file may code 1 = "Strongly agree" … 5 = "Strongly disagree" (the SPSS Anxiety
            # Questionnaire, issue 12 round 24), where ordering by code scored agreement low. Items whose label
            # sets differ only by a don't-know label or by letter case ("Strongly Disagree") are one scale.
            merged = _merged_labels(labels_sets)
            named = match_scale({norm_label(v) for v in merged.values()}) if merged else None
            if named is not None:
                return self._labelled_scale(qid, text, cols, items, merged, scale_name=named)
            if all(ls == labels_sets[0] for ls in labels_sets):
                return self._labelled_scale(qid, text, cols, items, labels_sets[0])
        seen = set()
        for col in cols:
            labelled = self.labelled(col.pos)
            if len(labelled) > 2 * self.params["single_max_options"]:
                seen = set()
                break
            seen |= {norm_label(v) for v in labelled}
        scale = match_scale(seen) if seen else None
        if scale is not None:
            return self._text_scale(qid, text, cols, items, scale)
        but_one = self._scale_but_one(seen, cols) if seen and len(cols) >= 2 else None
        if but_one is not None:
            name, label, level, part = but_one
            said = SCALES[part][level][0]
            self.near_scales.append({"question": text[:120], "columns": len(cols), "scale": name,
                                     "unread": [self._spelled(label, cols)], "read_as": said})
            self.warnings.append(f"grid {text[:80]!r} ({len(cols)} columns): the answers are the scale {name} but "
                                 f"for {self._spelled(label, cols)!r}, read as its missing level {said!r}; if that "
                                 f"is wrong, give the grid its scale in a questionnaire spec (scale: [...])")
            return self._text_scale(qid, text, cols, items, name, extra={label: (level, part)})
        anchored = self._anchored_text(qid, text, cols, items)
        if anchored is not None:
            return anchored
        numbered = self._numbered_grid(qid, text, cols, items) if len(cols) >= 2 else None
        if numbered is not None:
            return numbered
        # an empty column passes _small_ints; a grid nobody answered is no numeric scale (singles follow)
        if all(self._small_ints(c.pos) for c in cols):
            return self._numeric_scale(qid, text, cols, items)
        near = _near_scale(seen) if seen and len(cols) >= 2 else None
        if near is not None:
            # most labels are a known scale's, the rest not: read as single choices, said (QA round 38 F1: a
            # grid of five statements became five single choices and its figures went without a word)
            name, unread = near
            spelled = [self._spelled(lbl, cols) for lbl in unread]
            self.near_scales.append({"question": text[:120], "columns": len(cols), "scale": name,
                                     "unread": spelled, "read_as": ""})
            self.warnings.append(f"grid {text[:80]!r} ({len(cols)} columns): the answers match the scale {name} "
                                 f"except {', '.join(repr(v) for v in spelled[:3])}, so it is not read as a scale "
                                 f"but as {len(cols)} single choices; give it its scale in a questionnaire spec "
                                 f"(type: likert, scale: [...]) or correct the label(s)")
        return None

    def _spelled(self, key: str, cols: list[Column]) -> str:
        """A normalised label as the grid's cells write it (the first cell that normalises to it)."""
        return next((v.strip() for c in cols for v in self.labelled(c.pos) if norm_label(v) == key), key)

    def _scale_but_one(self, labels: set[str], cols: list[Column]) -> tuple[str, str, int, str] | None:
        """(scale name, the one label not on it, the level it is read as (0-based), the one-language scale that
        level is spelled in) for a grid whose labels (normalised, don't-know removed) are a known scale's in all
        points but one label that sits where the scale's missing point is; None otherwise. The label sits there
        when its language's spellings leave only that level free (one level left), or when the rows choosing it
        answer the grid's other statements between the rows choosing the levels around that free level
        (``_level_by_rows``). A one-language scale is tried before a scale in two languages (``TRANSLATED``),
        whose label's language is the one its rows answer the grid in. At least ``BUT_ONE_MIN_KNOWN`` labels must
        be on the scale, each a level of its own."""
        labels = {lbl for lbl in labels if not _dont_know_key(lbl)}
        if len(labels) <= BUT_ONE_MIN_KNOWN:
            return None
        for name, index in _SCALE_INDEX.items():
            unknown, known = [], {}
            for lbl in labels:
                key = scale_key(lbl, index)
                if key is None:
                    unknown.append(lbl)
                    if len(unknown) > 1:
                        break       # two labels off this scale: no need to key the rest
                else:
                    known[lbl] = key
            if len(unknown) != 1 or len(known) < BUT_ONE_MIN_KNOWN:
                continue
            parts = TRANSLATED.get(name, (name,))
            if len({index[k] for k in known.values()}) != len(known) and len(parts) == 1:
                continue
            label = unknown[0]
            part = parts[0] if len(parts) == 1 else self._language_of(label, cols, parts)
            if part is None:
                continue
            taken = {index[k] for k in known.values() if k in _SCALE_INDEX[part]}
            free = [level for level in range(len(SCALES[part])) if level not in taken]
            if len(free) == 1:
                return name, label, free[0], part
            level = self._level_by_rows(label, cols, index, free) if free else None
            if level is not None:
                return name, label, level, part
        return None

    def _language_of(self, label: str, cols: list[Column], parts: tuple[str, ...]) -> str | None:
        """The one-language scale of ``parts`` that the rows choosing ``label`` answer the grid's other statements
        in (the most of those answers that are one language's words), or None when none tells."""
        stacked = np.column_stack([self.cells(c.pos) for c in cols])
        said: Counter = Counter()
        for row in stacked:
            if not any(norm_label(v) == label for v in row if v):
                continue
            for value in row:
                owners = [p for p in parts if value and norm_label(value) in _SCALE_INDEX[p]]
                if len(owners) == 1:
                    said[owners[0]] += 1
        top = said.most_common(2)
        return top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else None

    def _level_by_rows(self, label: str, cols: list[Column], index: Mapping[str, int],
                       free: list[int]) -> int | None:
        """The free level (0-based) ``label`` stands for by the rows choosing it: each cell's row answers the
        grid's other statements at some mean level; the rows of each known level do so in the levels' order (else
        no answer), and the label's rows fall between two known levels' rows where exactly one free level lies
        between those levels. None when fewer than ``BUT_ONE_ROW_MIN`` of its cells' rows answer another
        statement, or the known levels' rows are out of order."""
        stacked = np.column_stack([self.cells(c.pos) for c in cols])
        level_of: dict[str, int | None] = {}
        for value in set(stacked.ravel()) - {""}:
            key = norm_label(value)
            found = scale_key(key, index)
            level_of[value] = -1 if key == label else (index[found] if found is not None else None)
        seen: dict[int, list[float]] = {}
        for row in stacked:
            levels = [level_of.get(v) if v else None for v in row]
            for i, level in enumerate(levels):
                others = [x for j, x in enumerate(levels) if j != i and x is not None and x >= 0]
                if level is not None and others:
                    seen.setdefault(level, []).append(sum(others) / len(others))
        if len(seen.get(-1, ())) < BUT_ONE_ROW_MIN:
            return None
        means = {level: sum(v) / len(v) for level, v in seen.items()}
        known = sorted(level for level in means if level >= 0)
        if len(known) < 2 or any(means[a] >= means[b] for a, b in zip(known, known[1:])):
            return None
        below = [level for level in known if means[level] < means[-1]]
        above = [level for level in known if means[level] > means[-1]]
        low, high = (max(below) if below else -1), (min(above) if above else len(free) + len(known) + 1)
        between = [level for level in free if low < level < high]
        return between[0] if len(between) == 1 else None

    def _numbered_grid(self, qid, text, cols, items) -> Question | None:
        """A grid whose every answer is a numbered label, the author's codes written into a LimeSurvey array's
        labels ("(1) Everyday" … "(5) Never", "At no time (0)" … "All of the time (5)"; issue 12 round 28: a PHQ-9
        array came out as six pieces, as its items left different levels unchosen): one Likert question, or None.
        When the labels without their numbers are a known scale, its order wins over the numbers (an author who
        wrote "Agree (5)" and "Somewhat agree (8)" in one array); otherwise every number must name one label
        throughout, the levels run from 0, 1 or 2 through at least ``_NUMBERED_MIN_LEVELS`` and at most
        ``likert_max_points`` numbers. Don't-know answers ("Not Applicable (8)") stay off the scale; columns
        nobody answered are left out of the test."""
        per = [self._numbered_levels(c.pos) for c in cols if any(not is_dont_know(v) for v in self.uniques(c.pos))]
        if len(per) < 2 or any(p is None for p in per):
            return None
        values = {v.strip() for c in cols for v in self.uniques(c.pos)} - {""}
        dk = {norm_label(v) for v in values if is_dont_know(v)}
        found = {v: self._level_label(v) for v in values if norm_label(v) not in dk}
        found = {v: f for v, f in found.items() if not (f and f[1] and is_dont_know(f[1]))}
        dk |= {norm_label(v) for v in values if v not in found} - {""}
        texts = {norm_label(f[1]) for f in found.values()}
        named = match_scale(texts) if "" not in texts else None
        index = _SCALE_INDEX[named] if named is not None else {}
        known = {v: index[scale_key(norm_label(f[1]), index)] + 1 for v, f in found.items()} if named else {}
        by_number: dict[int, str] = {}
        by_text: dict[str, int] = {}
        consistent = True
        for f in found.values():
            label = norm_label(f[1])
            if label and (by_number.setdefault(f[0], label) != label or by_text.setdefault(label, f[0]) != f[0]):
                consistent = False
        used = {f[0] for f in found.values()}
        numbers = {v: f[0] for v, f in found.items()}
        order = _agreement(numbers, known) if known else 1
        if consistent and order and used and min(used) <= 2 and \
                _NUMBERED_MIN_LEVELS <= max(used) - min(used) + 1 <= self.params["likert_max_points"]:
            # the numbers keep every point of the author's scale (seven, where the vocabulary knows five);
            # numbered high → low ("Strongly Agree (1)" … "Strongly Disagree (7)"), agreement still scores high
            low, high = min(used), max(used)
            level = numbers if order > 0 else {v: low + high - n for v, n in numbers.items()}
        elif known:
            # numbers that contradict each other ("Agree (5)", "Somewhat agree (8)"): the scale's own order
            level = known
        else:
            return None
        spelled: dict[int, str] = {}
        for v in sorted(found, key=lambda v: (level[v], v)):
            spelled.setdefault(level[v], v)
        return Question(qid, text, "likert", cols, items, options=[spelled[n] for n in sorted(spelled)],
                        scale={norm_label(v): n for v, n in level.items()}, dont_know=dk)

    def _anchored_text(self, qid, text, cols, items) -> Question | None:
        """A Likert scale of labelled ends and bare numbers between (``anchored_text_scale``), or of intensity
        words around a "Neither … nor …" middle (``bipolar_scale``), or None."""
        labels = [v for c in cols for v in self.labelled(c.pos)]
        found = anchored_text_scale(labels, self.params["likert_max_points"]) if labels else None
        if found is None and labels:
            found = bipolar_scale(labels)
            if found is not None and len(found[0]) > self.params["likert_max_points"]:
                found = None
        if found is None and labels:
            found = degree_scale(labels, self.params["likert_max_points"])
        if found is None:
            return None
        options, scale = found
        dk = {norm_label(v) for v in labels if is_dont_know(v)}
        return Question(qid, text, "likert", cols, items, options=options, scale=scale, dont_know=dk)

    def _labelled_scale(self, qid, text, cols, items, labels: Mapping[str, str],
                        scale_name: str | None = None) -> Question | None:
        codes = sorted(labels, key=lambda k: float(k) if _NUMBER.match(k) else float("inf"))
        on_scale = [c for c in codes if not is_dont_know(labels[c])]
        if scale_name is not None:
            # the labels of a known scale in its order, low → high (the codes may run high → low)
            index = _SCALE_INDEX[scale_name]
            on_scale.sort(key=lambda c: index.get(scale_key(norm_label(labels[c]), index) or "", -1))
        if len(on_scale) < 2:
            return None
        scale = {norm_label(labels[c]): i for i, c in enumerate(on_scale, start=1)}
        dk = {norm_label(labels[c]) for c in codes if is_dont_know(labels[c])}
        return Question(qid, text, "likert", cols, items, options=[labels[c] for c in on_scale], scale=scale,
                        dont_know=dk)

    def _master_scale(self, cols: list[Column], scale_name: str, extra: Mapping[str, tuple[int, str]] | None = None
                      ) -> str:
        """The one-language scale whose spellings a scale in several languages (``TRANSLATED``) shows its options
        in: the language of the first row whose answer is a word of one language only (the master's rows come
        first, a pasted copy's below them, so this is the header's language); ``scale_name`` itself otherwise.
        Also notes each row's language in ``row_scales`` (a row already known keeps its language). ``extra``: a
        label read as a level of one language's scale (``_scale_but_one``) → (level, that scale)."""
        parts = TRANSLATED.get(scale_name)
        if not parts:
            return scale_name
        stacked = np.column_stack([self.cells(c.pos) for c in cols])
        owner_of: dict[str, str] = {}
        for value in set(stacked.ravel()) - {""}:
            owners = [p for p in parts if norm_label(value) in _SCALE_INDEX[p]]
            if not owners and norm_label(value) in (extra or {}):
                owners = [extra[norm_label(value)][1]]
            if len(owners) == 1:
                owner_of[value] = owners[0]
        rows = np.array([next((owner_of[v] for v in row if v in owner_of), "") for row in stacked], dtype=object)
        if self.row_scales is None:
            self.row_scales = rows
        else:
            self.row_scales = np.where(self.row_scales == "", rows, self.row_scales)
        said = rows[rows != ""]
        return str(said[0]) if len(said) else parts[0]

    def _text_scale(self, qid, text, cols, items, scale_name: str,
                    extra: Mapping[str, tuple[int, str]] | None = None) -> Question:
        """The grid or column as a Likert question on the known scale ``scale_name``; ``extra``: a label read as
        a level (0-based) of one language's scale (``_scale_but_one``) → (level, that scale)."""
        extra = dict(extra or {})
        # a new index only with an extra label: ``scale_key`` knows a quality scale by its index's identity
        index = {**_SCALE_INDEX[scale_name], **{k: level for k, (level, _) in extra.items()}} if extra \
            else _SCALE_INDEX[scale_name]
        master = self._master_scale(cols, scale_name, extra)
        levels = SCALES[master]
        spelled = {}
        dk = set()
        qualified = {}
        for col in cols:
            for value in self.labelled(col.pos):
                key = norm_label(value)
                if _dont_know_key(key):
                    dk.add(key)
                    continue
                level = scale_key(key, index)
                if level != key:
                    qualified[key] = index[level]       # "never, but open to it": scored as "never"
                elif index[key] not in spelled and (key in _SCALE_INDEX[master]
                                                    or key in extra and extra[key][1] == master):
                    # a scale in two languages shows its options in the master's words only
                    spelled[index[key]] = value.strip()
        capitalised = spelled and sum(v[:1].isupper() for v in spelled.values()) > len(spelled) / 2
        options = [spelled.get(i, levels[i][0].capitalize() if capitalised else levels[i][0])
                   for i in range(len(levels))]
        return Question(qid, text, "likert", cols, items, options=options,
                        scale={**{k: v + 1 for k, v in index.items()}, **{k: v + 1 for k, v in qualified.items()}},
                        dont_know=dk)

    def _numeric_scale(self, qid, text, cols, items) -> Question | None:
        """A Likert scale coded as numbers, or None when no column holds a number on it (nothing to
        place the scale's ends by: the caller types the columns another way)."""
        values = set()
        for col in cols:
            for v in self.uniques(col.pos):
                number = self._leading_int(v)
                if number is not None and number >= 0:
                    values.add(number)
        if not values:
            return None
        # an item of a coded battery nobody rated 5 is on the battery's 1-5 scale all the same
        low, high = min(values), max([*values, *(self._battery_top.get(c.pos, 0) for c in cols)])
        # the scale's ends, not only the codes seen: 1-5 answered 3..5 is still a 1-5 scale
        low = 0 if low == 0 or _ZERO_BASED.search(text) else 1
        ranks = self._rank_order(cols)
        # a rank order's positions run 1 … its number of items (3 items ranked are no 1-4 scale)
        high = ranks if ranks else next((end for end in (4, 5, 7, 10) if high <= end), high)
        if high - low + 1 <= self.params["likert_max_points"]:
            options = [str(v) for v in range(low, high + 1)]
        else:
            options = [str(v) for v in sorted(values)]
        # "En osaa sanoa" beside the numbers: an answer, kept off the scale
        dont_know = {norm_label(v) for col in cols for v in self.uniques(col.pos) if self._dont_know_value(v)}
        return Question(qid, text, "likert", cols, items, options=options, numeric_scale=True, dont_know=dont_know)

    def _rank_order(self, cols: list[Column]) -> int | None:
        """The number of items of a rank-order grid (Qualtrics' "Rank Order": one column per item holding its
        position), or None. Every answering row gives its items different whole numbers from 1 to the number of
        items, at least ``RANK_MIN_ROWS`` rows answer and most of them rank every item; a rating grid's
        respondents give two statements the same rating sooner or later."""
        if len(cols) < RANK_MIN_ITEMS:
            return None
        k = len(cols)
        answered = full = 0
        for row in np.column_stack([self.cells(c.pos) for c in cols]):
            given = [v.strip() for v in row if v.strip()]
            if not given:
                continue
            if not all(v.isdigit() for v in given):
                return None
            numbers = [int(v) for v in given]
            if len(set(numbers)) != len(numbers) or min(numbers) < 1 or max(numbers) > k:
                return None
            answered += 1
            full += len(numbers) == k
        return k if answered >= RANK_MIN_ROWS and 2 * full >= answered else None

    @staticmethod
    def _leading_int(value: str) -> int | None:
        value = value.strip()
        if re.fullmatch(r"-?\d+", value):
            return int(value)
        match = _LEADING_NUMBER.match(value)
        return int(match.group(1)) if match else None

    def _small_ints(self, pos: int) -> bool:
        """Integer codes within a short scale (or ``1 = label`` endpoints); negative codes are N/A, and
        "don't know" answers in words stay off the scale (they do not make the column text)."""
        values = [v for v in self.uniques(pos) if not is_dont_know(v)]
        if not values:
            return True
        between = {v for v in values if between_levels(v)}
        if between and len(between) < len(values) and \
                sum(a in between for a in self.answers(pos)) <= BETWEEN_MAX_SHARE * self.count(pos):
            # a few answers between two levels do not make a scale text; they stay off it (build warns)
            values = [v for v in values if v not in between]
        ints = [self._leading_int(v) for v in values]
        if any(i is None for i in ints):
            return False
        positive = [i for i in ints if i >= 0]
        return bool(positive) and len(set(positive)) <= self.params["likert_max_points"] and \
            max(positive) <= self.params["likert_max_code"]

    def _linear_scale(self, pos: int) -> bool:
        """True when the column is a Google Forms linear scale or a Microsoft Forms rating: these tools write a
        choice as its label, so a column of bare whole numbers from 0 or 1 up to 5, 7 or 10 (at least three of
        them seen) is a rating whatever its header says ("If yes, how well do you know them?"). A number question
        is answered beyond such ends or with a count in its header."""
        if self.tool not in ("googleforms", "msforms"):
            return False
        numbers = self._bare_numbers(pos)
        if numbers is None:
            return False
        if len(numbers) >= 3 and min(numbers) in (0, 1) and max(numbers) in (5, 7, 10):
            return True
        # an item of a battery that nobody rated low ("4" … "7" on a 1-7 agreement scale): a rating when at
        # least LINEAR_BATTERY_MIN other columns of the file are full ratings with the same top
        top = max(numbers)
        if len(numbers) < 2 or min(numbers) < 1:
            return False
        if top in (5, 7, 10):
            full = sum(1 for other in self.data.columns if other != pos and self._full_linear(other) == top)
            return full >= LINEAR_BATTERY_MIN
        # or one that nobody rated high ("1" … "3" on a Wahl-O-Mat's 1-5 scale, every other statement answered
        # 1-5; issue 12 round 27): its answers lie within the top that at least LINEAR_BATTERY_MIN other columns
        # reach as full ratings, and that top becomes its scale's end (``_numeric_scale``)
        tops = Counter(t for other in self.data.columns if other != pos and (t := self._full_linear(other)))
        end = min((t for t, n in tops.items() if n >= LINEAR_BATTERY_MIN and t > top), default=None)
        if end is None:
            return False
        self._battery_top[pos] = max(self._battery_top.get(pos, 0), end)
        return True

    def _coded_battery(self, col: Column) -> bool:
        """True when the column is an item of a rating battery headed by codes only (``g1`` … ``g12``, a
        Qualtrics numeric export re-saved with its code row alone): its code is a stem and a number, at least
        ``BATTERY_MIN_ITEMS`` other columns with that stem are full ratings (``_full_linear``) with one top, and
        its own answers are whole numbers within that top. A coded choice (``gender``, ``jobstatus``) has no
        such siblings; the items of a battery do not differ in the codes they are answered with."""
        match = _BATTERY_CODE.match(self.codes.get(col.pos, ""))
        numbers = self._bare_numbers(col.pos) if match else None
        if numbers is None:
            return False
        if self._stems is None:
            self._stems = {}
            for pos, code in self.codes.items():
                if m := _BATTERY_CODE.match(code):
                    self._stems.setdefault(m.group(1).casefold(), []).append(pos)
        tops = Counter(top for pos in self._stems.get(match.group(1).casefold(), ())
                       if pos != col.pos and (top := self._full_linear(pos)) is not None)
        if not tops:
            return False
        top, items = tops.most_common(1)[0]
        if items < BATTERY_MIN_ITEMS or max(numbers) > top:
            return False
        self._battery_top[col.pos] = top
        return True

    def _neighbour_battery(self, pos: int) -> bool:
        """True when the column is an item of a rating battery under bare headers (self-ratings 1-10 headed
        "Python", "SQL", "Excel" in a hand-kept sheet): it stands in a run of at least ``NEIGHBOUR_BATTERY_MIN``
        neighbouring columns answered only with whole numbers from 0 to 10, at least three different ones in
        each, none a running number (1, 2, 3 … down the rows) or headed by a year, whose highest answer is a
        scale's top (5, 7 or 10) reached in at least two of them. A count has no such top shared by its neighbours: employees,
        years or visits run past 10 or end at different numbers. Sets the item's top like a coded battery's."""
        if self._neighbours is None:
            self._neighbours = {}
            run: list[tuple[int, int]] = []
            for other in [*self.data.columns, None]:
                top = self._rating_like(other) if other is not None else None
                if top is not None:
                    run.append((other, top))
                    continue
                best = max((t for _, t in run), default=0)
                if len(run) >= NEIGHBOUR_BATTERY_MIN and best in (5, 7, 10) and \
                        sum(t == best for _, t in run) >= 2:
                    self._neighbours.update({p: best for p, _ in run})
                run = []
        top = self._neighbours.get(pos)
        if top is None:
            return False
        self._battery_top[pos] = max(self._battery_top.get(pos, 0), top)
        return True

    def _rating_like(self, pos: int) -> int | None:
        """The highest answer of a column that could be an item of a 0-10 rating battery (whole numbers 0 to 10,
        three or more different, not a running number down the rows), or None. Don't-know answers ("En osaa
        sanoa", "Vet inte", "N/A") stay off the scale, and the lowest and highest number may carry their end label
        ("1 Heikko", "5 Erinomainen"; ``_scale_numbers``)."""
        answers = [v for v in self.answers(pos) if not self._dont_know_value(v)]
        # a negative code is a rating's "not applicable" (-1, -9), as _small_ints takes it: a few of them do not
        # break the battery (issue 12 round 12: a Norwegian survey's 1-5 difficulty items, one with two "-1")
        na = [v for v in answers if _NEGATIVE_CODE.match(v.strip())]
        if na and len(na) <= NEGATIVE_CODE_MAX_SHARE * len(answers):
            answers = [v for v in answers if not _NEGATIVE_CODE.match(v.strip())]
        number_of = _scale_numbers(list(dict.fromkeys(answers)))
        if number_of is None or _YEAR.search(self.codes.get(pos, "")):
            # a year in the header ("Henkilöstö 2023") marks a yearly figure: a micro company's headcounts of
            # 1-10 side by side are counts, not a battery
            return None
        numbers = set(number_of.values())
        if len(numbers) < 3 or max(numbers) > 10:
            return None
        cells = [number_of[v] for v in answers]
        if len(cells) == len(numbers) and cells == sorted(cells):
            return None             # 1, 2, 3 … down the rows: a row number, not a rating
        return max(numbers)

    def _dont_know_value(self, value: str) -> bool:
        """True when a cell is a don't-know answer (``is_dont_know``), decided once per distinct value."""
        if value not in self._dont_know_cache:
            self._dont_know_cache[value] = is_dont_know(value)
        return self._dont_know_cache[value]

    def _bare_numbers(self, pos: int) -> set[int] | None:
        """The column's answers as whole numbers, or None when one is not a bare whole number. Don't-know answers
        ("En osaa sanoa", "Don't know", "N/A") are no answer on the scale and are left out: a Microsoft Forms
        rating or Google Forms linear scale with a don't-know choice is a rating all the same (issue 12, QA round
        22)."""
        values = [v for v in self.uniques(pos) if not self._dont_know_value(v)]
        if not values or not all(v.strip().isdigit() for v in values):
            return None
        return {int(v) for v in values}

    def _full_linear(self, pos: int) -> int | None:
        """The top of the rating a column is by the strict rule (three or more numbers seen, from 0 or 1 up to
        5, 7 or 10), or None; decided once per column."""
        if pos not in self._full_linear_cache:
            numbers = self._bare_numbers(pos)
            ok = numbers is not None and len(numbers) >= 3 and min(numbers) in (0, 1) and max(numbers) in (5, 7, 10)
            self._full_linear_cache[pos] = max(numbers) if ok else None
        return self._full_linear_cache[pos]

    def _numeric(self, pos: int) -> bool:
        values = self.uniques(pos)
        return bool(values) and all(_NUMBER.match(v) for v in values)

    def _numbers_with_units(self, pos: int) -> bool:
        """True when every answer of the column is a number, some of them with a unit or currency sign
        (``answers.number_units``: "12 hlö", "1 200 000 €", "20 %")."""
        values = self.uniques(pos)
        # shaped like a figure and a short unit: stops at the first answer in words
        if not values or not all(_FIGURE_SHAPE.match(v) for v in values):
            return False
        return bool(parse_numbers(pd.Series(values, dtype=object)).notna().all())

    def _is_open(self, pos: int, header: str) -> bool:
        """True when a text column is open text rather than a single choice. Many distinct answers or a very
        long one are open text at any n; from ``min_rows_for_distinct_test`` answers up, more distinct answers
        than ``single_max_distinct_share`` of them is too. Below that, distinct free texts look like options,
        so the evidence is weighed (``_free_text_score``)."""
        values = self.uniques(pos)
        if not values:
            return False
        n = self.count(pos)
        if len(values) > self.params["single_max_options"]:
            return not self._long_dropdown(pos, n, values)
        if self._options_with_typed_other(pos, n):
            return False
        if max(len(v) for v in values) > self.params["single_max_length"] and not self._repeated_long(pos, n):
            return True
        if n >= self.params["min_rows_for_distinct_test"]:
            return len(values) > self.params["single_max_distinct_share"] * n
        score = self._free_text_score(pos, header)
        if abs(score) <= 1 and n >= 2 and pos not in self._close_calls and pos not in self.spec_typed \
                and _other_key(header) not in _OTHER_HEADERS:
            # a close call on few answers: said, so that a wrong type is never silent; and listed for the report
            # (``close_calls``: the steering data warnings, QA round 37 F9). A column a free-text role would read
            # as open text whatever it is typed is listed as such and not logged (QA round 38 F12: "Mitä pitäisi
            # kehittää?" was "typed a single choice" and read as comments): once roles are known, the close calls
            # whose question took no such role are the ones to say
            self._close_calls.add(pos)
            kind = "open text" if score > 0 else "a single choice"
            text_role = free_text_header(header)
            self.close_calls.append({"pos": pos, "column": header[:120], "typed": "open" if score > 0 else "single",
                                     "answers": int(n), "distinct": len(values), "free_text_header": text_role})
            if text_role:
                return score > 0
            self.warnings.append(f"column {header[:80]!r}: typed {kind} on little evidence ({n} answers, "
                                 f"{len(values)} different); if that is wrong, name its type in a questionnaire "
                                 f"spec (questions: - columns: [...] type: open | single)")
        return score > 0

    def _long_dropdown(self, pos: int, n: int, values: list[str]) -> bool:
        """True when a column of more than ``single_max_options`` different answers is a dropdown all the same
        (a country or party list, issue 12 rounds 11-12: 126 countries over 7718 answers, 42 parties over 1998):
        from ``min_rows_for_distinct_test`` answers up, at most ``DROPDOWN_MAX_OPTIONS`` different answers and
        ``DROPDOWN_MAX_DISTINCT_SHARE`` of the answers, answers given only once at most
        ``DROPDOWN_MAX_SINGLE_SHARE`` of them, and every answer a label: short (``single_max_length``), at most
        ``DROPDOWN_MAX_WORDS`` words, none ending like a sentence. Free text repeats seldom; typed one-offs
        (typos, case variants, sentences) keep a column open text."""
        if n < self.params["min_rows_for_distinct_test"] or len(values) > DROPDOWN_MAX_OPTIONS \
                or len(values) > DROPDOWN_MAX_DISTINCT_SHARE * n:
            return False
        if any(len(v) > self.params["single_max_length"] or len(v.split()) > DROPDOWN_MAX_WORDS
               or v.rstrip().endswith((".", "!", "?")) for v in values):
            return False
        counts = Counter(v.strip() for v in self.answers(pos))
        if sum(1 for c in counts.values() if c == 1) > DROPDOWN_MAX_SINGLE_SHARE * n:
            return False
        return not _case_variants(list(counts))

    def _options_with_typed_other(self, pos: int, n: int) -> bool:
        """True when a column with many answers (``min_rows_for_distinct_test`` up) is a single choice whose
        "other" option wrote the typed text into the same column: at least two answers that are real options
        (no filler, yes/no or don't-know word) recur ``OTHER_OPTION_MIN_COUNT`` times or more, and the recurring
        answers make up ``OTHER_OPTIONS_MIN_SHARE`` of all answers. Free text is seldom typed the same way
        three times, so long typed answers among them do not make the column open text."""
        if n < self.params["min_rows_for_distinct_test"]:
            return False
        counts = Counter(v.strip() for v in self.answers(pos))
        recurring = {v: c for v, c in counts.items() if c >= OTHER_OPTION_MIN_COUNT}
        options = [v for v in recurring
                   if _SPACES.sub(" ", v).casefold() not in _FILLER and norm_label(v) not in _YES_WORDS
                   and norm_label(v) not in _NO_WORDS and not DONT_KNOW.match(norm_label(v))]
        return len(options) >= 2 and sum(recurring.values()) >= OTHER_OPTIONS_MIN_SHARE * n

    def _repeated_long(self, pos: int, n: int) -> bool:
        """True when every long answer of a column with many answers recurs word for word (each at least three
        times and one in twenty): the long option labels of a single choice ("Yes, they should not recline their
        chair if the person behind them asks them not to"), not free text, which is seldom typed twice."""
        if n < self.params["min_rows_for_distinct_test"]:
            return False
        limit = self.params["single_max_length"]
        counts = Counter(v.strip() for v in self.answers(pos))
        long = [c for v, c in counts.items() if len(v) > limit]
        return bool(long) and min(long) >= max(3, n / 20)

    def _answering_rows(self) -> int:
        """Returns the number of rows with any non-blank cell (the respondents a column's answers are out of)."""
        if self._rows is None:
            self._rows = int((self.data.to_numpy(dtype=object) != "").any(axis=1).sum()) \
                if len(self.data.columns) else 0
        return self._rows

    def _free_text_score(self, pos: int, header: str) -> int:
        """Evidence for open text minus evidence for a single choice, for a column with few answers; returns
        a positive number for open text.

        For open text: no answer given twice (strong from six answers up); the same words typed in different
        case (strong), or fillers ("-", "ei mitään"); a header asking for free text
        (``answers.open_header_words``; less, a question word of ``open_header_starts``); answers of several
        words (median four, or one of six, or of four when none repeats); an answer written as a sentence;
        an answer longer than half of ``single_max_length``; fewer than 60 % of the respondents answering
        (choices are mostly answered).
        For a single choice: answers repeated (half of them or more: strong; three quarters of six or more:
        stronger; a quarter: weak); a bare field name as header, no question and no request (``Kotikunta``);
        every answer of one or two words (more so under a bare field name); yes/no and don't-know words
        only."""
        cells = [v.strip() for v in self.answers(pos)]
        folded = [_SPACES.sub(" ", v).casefold() for v in cells]
        filler = [f in _FILLER for f in folded]
        typed = [f for f, fill in zip(folded, filler) if not fill]
        distinct = list(dict.fromkeys(v for v, fill in zip(cells, filler) if not fill))
        words = sorted(len(v.split()) for v in distinct)
        open_score = single_score = 0
        repeated = False
        if len(typed):
            counts = Counter(typed).values()
            repeated = any(c >= 2 for c in counts)
            share = float(sum(c for c in counts if c >= 2)) / len(typed)
            if not repeated and len(typed) >= 3:
                open_score += 2 if len(typed) >= 6 else 1
            elif share >= 0.5:
                single_score += 3 if share >= 0.75 and len(typed) >= 6 else 2
            elif share >= 0.25:
                single_score += 1
        # the same words typed in different case, also inside ", "-joined answers ("Exemplen, diskussionerna"
        # beside "Diskussionerna"): a tool writes its option labels the same way every time
        pieces = [p.strip() for v in distinct if ", " in v for p in v.split(", ")]
        if _case_variants(cells + pieces):
            open_score += 2
        elif any(filler):
            open_score += 1
        if _OPEN_WORDS.search(header):
            open_score += 2
        elif _OPEN_STARTS.match(header):
            open_score += 1
        bare = not _OPEN_WORDS.search(header) and not _OPEN_STARTS.match(header) and not header.rstrip().endswith("?")
        if bare:
            single_score += 1
        if words:
            if words[len(words) // 2] >= 4 or words[-1] >= 6 or (not repeated and words[-1] >= 4):
                open_score += 1
            elif words[-1] <= 2:
                # short answers under a bare field name (Kotikunta, Bransch) are a choice, not comments
                single_score += 2 if bare else 1
        # an "other, what?" option ends in "?" without being a sentence
        if any(_SENTENCE.search(v) and _other_key(v) not in _OTHER_HEADERS for v in distinct):
            open_score += 1
        if any(len(v) > self.params["single_max_length"] // 2 for v in distinct):
            open_score += 1
        rows = self._answering_rows()
        if rows and len(cells) < 0.6 * rows:
            open_score += 1
        keys = {norm_label(v) for v in distinct}
        if keys and all(k in _YES_WORDS or k in _NO_WORDS or DONT_KNOW.match(k) for k in keys):
            single_score += 2
        return open_score - single_score

    def _single_column(self, qid: str, text: str, col: Column) -> Question:
        pos = col.pos
        labels = self.value_labels.get(pos)
        values = self.labelled(pos)
        if not values:
            return Question(qid, text, "single", [col], [""])
        if not labels and _computed(values):
            # a value the survey computed, not an answer (a LimeSurvey equation question writing its randomised
            # stimuli as JSON): metadata, so a record holding only it is an empty response
            return Question(qid, text, "meta", [col], [""])
        if labels:
            joined = self._digit_multi(qid, text, col, labels)
            if joined is not None:
                return joined
            # value labels of a known scale: read in the vocabulary's order, low → high, whatever the codes (an
            # SPSS file may code 1 = "Strongly agree" … 5 = "Strongly disagree": issue 12 round 24)
            named = match_scale({norm_label(v) for v in labels.values()})
            like = self._labelled_scale(qid, text, [col], [""], labels, scale_name=named) if named else None
            if like is not None:
                return like
            anchored = self._anchored_scale(qid, text, col, labels)
            if anchored is not None:
                return anchored
            codes = sorted(labels, key=lambda k: float(k) if _NUMBER.match(k) else float("inf"))
            return Question(qid, text, "single", [col], [""], options=[labels[c] for c in codes])
        # scales have a handful of labels: a column with many distinct answers cannot be one
        few = len(values) <= 2 * self.params["single_max_options"]
        scale = match_scale({norm_label(v) for v in values}) if few else None
        if scale is not None:
            return self._text_scale(qid, text, [col], [""], scale)
        anchored = self._anchored_text(qid, text, [col], [""]) if few else None
        if anchored is not None:
            return anchored
        numbered = self._numbered_labels(qid, text, col) if few else None
        if numbered is not None:
            return numbered
        if (_SCALE_HINT.search(text) or _RATING_WORDS.search(text) or self._linear_scale(pos)
                or self._coded_battery(col) or self._neighbour_battery(pos)) \
                and not _COUNT_HINT.search(text) and self._small_ints(pos):
            numeric = self._numeric_scale(qid, text, [col], [""])
            if numeric is not None:
                return numeric
        multi = self._one_cell_multi(qid, text, col, values)
        if multi is not None:
            return multi
        repaired = {**self._excel_bands(col, values), **self._band_synonyms(col, values)}
        if repaired:
            options = sorted({repaired.get(v, v) for v in values}, key=_band_key)
            return Question(qid, text, "single", [col], [""], options=options, repairs=repaired)
        if self._numeric(pos) and {v.strip() for v in values} <= {"0", "1"} and \
                (yes_no_question(text) or yes_no_statement(text)) and not _COUNT_HINT.search(text):
            # a yes/no question answered 1/0 (Typeform's yes/no and legal questions): a single choice
            if self.tool == "typeform":
                repaired = {v: ("Yes" if v.strip() == "1" else "No") for v in values}
                return Question(qid, text, "single", [col], [""], options=["Yes", "No"], repairs=repaired)
            return Question(qid, text, "single", [col], [""], options=sorted(values, reverse=True))
        if all(_DURATION.match(v.strip()) for v in values):
            # "1:00:00", "0:35:00": how long something took, a number (of seconds, parse_numbers), not text
            return Question(qid, text, "number", [col], [""])
        if self._numeric(pos):
            if self._small_ints(pos) and (self.tool == "qualtrics" and col.code or self._coded_choice(col)):
                return Question(qid, text, "single", [col], [""], options=sorted(values, key=_band_key))
            if self._binary_codes(pos, text):
                return Question(qid, text, "single", [col], [""], options=sorted(values, key=_band_key))
            return Question(qid, text, "number", [col], [""])
        if pos in self.date_columns or self._dates(pos):
            return Question(qid, text, "date", [col], [""])
        if self._numbers_with_units(pos):
            # a hand-kept sheet's figures with their units ("12 hlö", "1 200 000 €", "20 %"): numbers
            return Question(qid, text, "number", [col], [""])
        if len(values) == 1 and option_of_header(col, values[0]):
            # an option column of a multi-select (label-or-blank) that few ticked: its one answer is its own
            # header or the header's option part, however many words it has (merge_option_columns joins it)
            return Question(qid, text, "single", [col], [""], options=[values[0]])
        if self._is_open(pos, text or col.header):
            return Question(qid, text, "open", [col], [""])
        counts = Counter(self.answers(pos))
        variants = _spelling_variants(values, counts)
        if variants:
            # typed by hand: "Kyllä", "kyllä" and "KYLLÄ" are one option, shown as most people wrote it
            merged = Counter()
            for value, n in counts.items():
                merged[variants.get(value, value)] += n
            options = sorted(merged, key=lambda v: (-merged[v], v))
            return Question(qid, text, "single", [col], [""], options=options, repairs=variants)
        options = sorted(values, key=lambda v: (-int(counts.get(v, 0)), v))
        return Question(qid, text, "single", [col], [""], options=options)

    def _numbered_labels(self, qid: str, text: str, col: Column) -> Question | None:
        """A rating whose every answer is its level's number and label ("1 - nekad vai ļoti reti" … "5 - gandrīz
        vienmēr": a form's scale re-read as text, e.g. a Google Forms export turned into SPSS strings; or with the
        number in brackets, "Strongly agree (7)", "(1) No goals" … "(4)" … "(7) Very clear goals"): a Likert
        question scored by the numbers, or None. The levels must run from 0 or 1 without a gap (a missing
        middle level may be unanswered) through at least ``_NUMBERED_MIN_LEVELS`` and at most
        ``likert_max_points`` numbers, and the same numbered labels must answer at least
        ``_NUMBERED_MIN_COLUMNS`` columns of the file (a battery of ratings): a list of numbered options ("1.
        Primario incompleto", "2: Hijo/a") is asked once. Don't-know answers stay off the scale; a bare space
        after the number ("2 children") is a count, not a level."""
        levels = self._numbered_levels(col.pos)
        if not levels or len(levels) < _NUMBERED_MIN_LEVELS - 1:
            return None
        battery = 0
        # the scale's levels as the whole battery used them: an item nobody rated at its lowest end
        # ("Strongly Agree (1)" unchosen) still runs from 1
        used = set(levels)
        for pos in self.data.columns:
            other = self._numbered_levels(pos)
            shared = set(other or {}) & set(levels)
            # a battery whose items each name their own ends ("(1) No goals" … "(7) Very clear goals") shares
            # its unlabelled middle points; a list of numbered options shares no labels with another list
            agree = {n for n in shared if other[n] == levels[n]}
            if len(agree) >= _NUMBERED_MIN_LEVELS - 1 and (agree == shared or all(levels[n] == "" for n in agree)):
                battery += 1
                used |= set(other)
        span = max(used) - min(used) + 1
        if battery < _NUMBERED_MIN_COLUMNS or min(used) > 1 or not _NUMBERED_MIN_LEVELS <= span <= \
                self.params["likert_max_points"]:
            return None
        spelled = {}
        dk = set()
        for value in self.uniques(col.pos):
            found = self._level_label(value)
            if is_dont_know(value) or found and found[1] and is_dont_know(found[1]):
                dk.add(norm_label(value))
            elif found:
                spelled.setdefault(found[0], value.strip())
        options = [spelled[n] for n in sorted(spelled)]
        return Question(qid, text, "likert", [col], [""], options=options,
                        scale={norm_label(v): n for n, v in spelled.items()}, dont_know=dk)

    @staticmethod
    def _level_label(value: str) -> tuple[int, str] | None:
        """``(level number, label as written)`` of a numbered answer ("1 - never", "(1) No goals", "Agree
        (6)", "(4)": label ""), or None."""
        match = _NUMBERED_LABEL.match(value)
        if match:
            return int(match.group(1)), match.group(2)
        match = _BRACKETED_LABEL.match(value)
        if not match:
            return None
        if match.group(1):
            return int(match.group(1)), match.group(2) or ""
        return int(match.group(4)), match.group(3)

    def _numbered_levels(self, pos) -> dict[int, str] | None:
        """The column's answers as ``number → normalised label`` when every answer (don't-know aside) is a
        numbered label with one label per number, else None (decided once per column)."""
        if pos not in self._numbered:
            levels: dict[int, str] | None = {}
            for value in self.uniques(pos):
                found = self._level_label(value)
                # "Not Applicable (8)": a don't-know answer keeps its code but stays off the scale
                if is_dont_know(value) or found and found[1] and is_dont_know(found[1]):
                    continue
                label = norm_label(found[1]) if found else None
                if label is None or levels.get(found[0], label) != label:
                    levels = None
                    break
                levels[found[0]] = label
            self._numbered[pos] = levels or None
        return self._numbered[pos]

    def _digit_multi(self, qid: str, text: str, col: Column, labels: Mapping[str, str]) -> Question | None:
        """A "check all that apply" question stored in one numeric variable as the chosen options' codes written
        one after another (``124`` = options 1, 2 and 4; SPSS files converted from paper or web forms, such as
        ICPSR's), or None. The options are the single-digit codes' value labels (at least three, not "don't
        know"). Every code in the data must be a labelled single digit, a "don't know"/N/A code, or a joined
        code of two or more labelled digits 1-9 in rising order, which is either unlabelled or labelled with a
        text naming its digits' options ("White and Pacific Islander"; at least one of them, as labels shorten
        them) or all options ("All options selected"); at least one joined code must occur, and some option
        must be chosen alone. Unless the question says "check all that apply" or the like, two different joined
        codes must make up at least ``_JOINED_MIN_SHARE`` of the answers: a single choice on paper where a few
        people ticked two boxes is coded the same way, and stays a single choice. A number (an age of 24) has no
        labels for its digits, codes such as 30 or 21 that no joined code can be, and no one-digit values."""
        options = {k: v for k, v in labels.items() if len(k) == 1 and k.isdigit() and not is_dont_know(v)}
        if len(options) < 3:
            return None
        keys = {k: norm_label(v) for k, v in options.items()}
        joined: dict[str, list[str]] = {}
        alone = False                   # an option chosen alone: a multi-select has one, ages do not
        for code in self.uniques(col.pos):
            if code in options:
                alone = True
                continue
            label = labels.get(code)
            if label is not None and (is_dont_know(label) or norm_label(label) in ("", "n/a", "-")):
                continue
            digits = list(code)
            if not (2 <= len(code) <= 9 and code.isdigit() and "0" not in digits and digits == sorted(set(digits))
                    and all(d in options for d in digits)):
                return None
            if label is not None and not _ALL_OPTIONS.search(label) \
                    and not any(keys[d] in norm_label(label) for d in digits):
                return None             # a code of its own, not the options it is made of
            joined[code] = digits
        if not joined or not alone:
            return None
        if not _MULTI_HINT.search(text) and not _MULTI_EXPLICIT.search(text):
            # a single choice on paper where a few ticked two boxes is coded the same way ("How often …": 12 of
            # 3,400 answers joined): without the question saying so, joined codes must be common
            share = int(np.isin(self.cells(col.pos), list(joined)).sum()) / max(1, self.count(col.pos))
            if len(joined) < 2 or share < _JOINED_MIN_SHARE:
                return None
        order = sorted(options, key=int)
        # cells reach the answers read through the value labels: each joined code's label (or the bare code)
        # is repaired to its options joined by the separator, and split against the options as usual
        repairs = {labels.get(code, code): ";".join(options[d] for d in digits) for code, digits in joined.items()}
        return Question(qid, text, "multi", [col], [""], options=[options[k] for k in order], separator=";",
                        repairs=repairs)

    def _anchored_scale(self, qid: str, text: str, col: Column, labels: Mapping[str, str]) -> Question | None:
        """A rating scale whose value labels name only some points: the lowest and highest code are labelled
        ("1 = very poor", "10 = very good"; maybe a middle "3 = somewhat"), the data hold codes between them that
        have no label of their own (a stray half point such as 7.5 aside), and the scale has 3 to
        ``likert_max_points`` points. SPSS files (and SoSci or
        Qualtrics downloads as .sav) label a slider or a 1-5 rating this way; it is a Likert scale of numbers,
        its unlabelled points are the codes themselves. A choice labels every code it uses."""
        named = {int(k): v for k, v in labels.items() if _DIGITS.fullmatch(k) and not is_dont_know(v)}
        dont_know = {k for k, v in labels.items() if is_dont_know(v)}
        if len(named) < 2:
            return None
        low, high = min(named), max(named)
        if not 3 <= high - low + 1 <= self.params["likert_max_points"]:
            return None
        used = [v for v in self.uniques(col.pos) if v not in dont_know]
        if not used or not all(_SCALE_CODE.fullmatch(v) and low <= float(v) <= high for v in used):
            return None
        whole = [int(v) for v in used if _DIGITS.fullmatch(v)]
        if len(whole) < 0.9 * len(used) or not any(v not in named for v in whole):
            return None                 # every code used has a label: a choice (or a fully labelled scale)
        points = list(range(low, high + 1))
        options = [named.get(p, str(p)) for p in points]
        scale = {norm_label(o): i for i, o in enumerate(options, start=1)}
        scale.update({str(p): i for i, p in enumerate(points, start=1)})
        return Question(qid, text, "likert", [col], [""], options=options, scale=scale,
                        dont_know={norm_label(labels[k]) for k in dont_know})

    def _binary_codes(self, pos: int, text: str) -> bool:
        """True when the column is a two-way choice written as its codes: every answer 1 or 2, both there, over
        at least ``BINARY_CODES_MIN`` answers, and the question asks no count ("how many"). A coded data file
        writes gender, yes/no and two-group splits so (issue 12 round 12: a Finnish survey's ``T_gender`` and
        ``T_Q001_2cat``); many people all counting exactly one or two of something is rare, and a count asked
        says so."""
        values = {v.strip() for v in self.uniques(pos)}
        return values == {"1", "2"} and self.count(pos) >= BINARY_CODES_MIN and not _COUNT_HINT.search(text)

    def _coded_choice(self, col: Column) -> bool:
        """Exports that write a choice as its option's code: SoSci Survey's selection question is the bare
        question id (``IN03``; an input field or scale item carries a suffix, ``IN02_01``), and 问卷星's
        download by option code (按序号) writes every single choice as its code. Small integer codes
        there are a single choice, not a number."""
        if self.tool == "sosci":
            return bool(_SOSCI_SELECTION.match(col.header))
        return self.tool == "wenjuanxing"

    def _dates(self, pos: int) -> bool:
        values = self.uniques(pos)
        if not values or not all(_DATE_START.match(v) or _NAMED_DATETIME.match(v) for v in values):
            return False
        parsed, _ = parse_datetimes(pd.Series(values, dtype=object))
        return bool(parsed.notna().mean() >= 0.8)

    def _one_cell_multi(self, qid: str, text: str, col: Column, values: list[str]) -> Question | None:
        """MS Forms ``A;B;``, Google Forms ``A, B`` and 问卷星 ``A┋B`` multi-selects in one cell."""
        with_bar = [_WJX_SEPARATOR in v for v in values]
        if any(with_bar) and (self.tool == "wenjuanxing" or _share(with_bar) >= 0.2):
            # 问卷星 joins the chosen options with "┋" (U+250B), a character no answer text uses
            # an "other" option carries the typed text in 〖〗 ("其他〖…〗"): the option is the part before it
            atoms = [re.sub(r"〖.*〗$", "", a).strip() for v in values for a in v.split(_WJX_SEPARATOR) if a.strip()]
            return Question(qid, text, "multi", [col], [""], options=_ordered_options(atoms),
                            separator=_WJX_SEPARATOR)
        line_break = self._line_break_multi(qid, text, col, values)
        if line_break is not None:
            return line_break
        if _cascade(text, values):
            return None
        with_semicolon = [";" in v for v in values]
        if any(with_semicolon) and (_share([v.rstrip().endswith(";") for v in values]) >= 0.5
                                    or (self.tool == "msforms" and _share(with_semicolon) >= 0.3)):
            atoms = [a.strip() for v in values for a in v.split(";") if a.strip()]
            # how many respondents chose each piece (values holds each distinct cell once)
            chosen = Counter(a.strip() for v in self.answers(col.pos) for a in set(v.split(";")) if a.strip())
            options = _without_typed_others(_ordered_options(atoms), chosen, len(self.answers(col.pos)),
                                            self.params["min_rows_for_distinct_test"])
            return Question(qid, text, "multi", [col], [""], options=options, separator=";")
        if any(with_semicolon):
            semicolon = self._semicolon_multi(qid, text, col, values)
            if semicolon is not None:
                return semicolon
        if self.tool == "qualtrics":
            return _joined_codes_multi(qid, text, col, values) or self._qualtrics_text_multi(qid, text, col, values)
        if self.tool == "kobotoolbox":
            return _space_joined_multi(qid, text, col, values, self.params["single_max_options"])
        if self.tool not in ("googleforms", "generic", "webropol", "msforms"):
            return None
        with_comma = [", " in v for v in values]
        if not any(with_comma):
            bare = self._bare_comma_multi(qid, text, col, values)
            if bare is not None:
                return bare
            # every respondent chose one option of a checkbox question that says so: the options are the answers
            # (a Microsoft Forms multi-select always ends its cells in ";", handled above)
            if self.tool != "msforms" and _MULTI_EXPLICIT.search(text) and not self._numeric(col.pos) \
                    and len(values) <= self.params["single_max_options"]:
                atoms = [v.strip() for v in self.cells(col.pos) if v.strip()]
                return Question(qid, text, "multi", [col], [""], options=_ordered_options(atoms), separator=", ")
            return None
        cell_counts = Counter(self.answers(col.pos))
        labelled = _comma_option_multi(values, cell_counts)
        if labelled is not None:
            return Question(qid, text, "multi", [col], [""], options=labelled, separator=", ")
        common = _common_piece_options(self.answers(col.pos), self.params["single_max_options"])
        if common is not None:
            return Question(qid, text, "multi", [col], [""], options=common, separator=", ")
        whole = {v.strip() for v in values if ", " not in v}
        atomic, combined = _comma_labels(values, whole, cell_counts)
        hinted = bool(_MULTI_HINT.search(text)) and _share(with_comma) >= 0.3
        # a multi-select shows at least one answer that joins two options chosen elsewhere too; without
        # one, the commas belong to the option labels of a single choice ("No, but we expected to …")
        if not combined and not hinted:
            return None
        split = [v for v in values if v not in atomic]
        pieces = [p.strip() for v in split for p in v.split(", ") if p.strip()] + sorted(atomic)
        # a tool writes its option labels the same way every time; pieces that differ only in case or
        # spacing ("Virginia, USA", "virginia", "Virginia ") were typed by people: open text with commas
        if not hinted and _case_variants([v for v in values] + pieces):
            return None
        # option labels are not sentences; answers that end in "." or "!" are open text with commas
        if sum(p.endswith((".", "!", "?")) for p in pieces) > self.params["multi_max_sentence_share"] * len(pieces):
            return None
        # how many answers each piece occurs in (values are the distinct answers; weight by their count)
        weights = [int(cell_counts.get(v, 1)) for v in split for p in v.split(", ") if p.strip()] \
            + [int(cell_counts.get(v, 1)) for v in sorted(atomic)]
        counts: dict[str, int] = {}
        for piece, weight in zip(pieces, weights):
            counts[piece] = counts.get(piece, 0) + weight
        whole |= atomic
        # a piece is an option when it recurs across answers or stands alone as a whole answer; a header
        # that asks for several choices ("Mistä aiheista …", "select all") vouches for every piece
        recurring = {p for p, n in counts.items() if n >= 2} | whole
        if hinted and len(recurring) < 2:
            recurring = set(counts)
        occurrences = sum(n for p, n in counts.items() if p in recurring)
        if occurrences < self.params["multi_recurring_share"] * sum(counts.values()) or len(recurring) < 2 \
                or len(recurring) > self.params["single_max_options"]:
            return None
        options = sorted(recurring, key=lambda o: (-int(counts.get(o, cell_counts.get(o, 0))), o))
        return Question(qid, text, "multi", [col], [""], options=options, separator=", ")

    def _line_break_multi(self, qid: str, text: str, col: Column, values: list[str]) -> Question | None:
        """A multi-select whose chosen options are joined by line breaks, or None.

        Jotform writes a check-box answer as the ticked options one per line ("GoFood\nGrabFood"; issue 12 round
        25: an Indonesian sales report's delivery platforms, read as 12 single-choice "options" of every
        combination). Taken when at least ``LINE_BREAK_MIN_JOINED`` answers are so joined, at least
        ``multi_recurring_share`` of their lines are answers given alone elsewhere or lines of two joined answers,
        at least one joined answer is made of answers given alone, the lines are labels (at most
        ``multi_max_sentence_share`` end like a sentence), and there are 2 to ``single_max_options`` of them. Free
        text written in paragraphs, or a product list whose every answer ends in a "Total:" line, seldom repeats
        its lines and is never given one line alone."""
        joined = [v for v in values if "\n" in v.strip()]
        if len(joined) < LINE_BREAK_MIN_JOINED:
            return None
        pieces = [[p.strip() for p in v.strip().splitlines() if p.strip()] for v in joined]
        whole = {v.strip() for v in values if "\n" not in v.strip()}
        seen = Counter(p for ps in pieces for p in set(ps))
        recurring = sum(p in whole or seen[p] >= 2 for ps in pieces for p in ps)
        if recurring < self.params["multi_recurring_share"] * sum(len(ps) for ps in pieces) \
                or not any(all(p in whole for p in ps) for ps in pieces):
            return None
        atoms = [p.strip() for v in self.answers(col.pos) for p in v.strip().splitlines() if p.strip()]
        options = _ordered_options(atoms)
        sentences = sum(o.endswith((".", "!", "?")) for o in options)
        if not 2 <= len(options) <= self.params["single_max_options"] \
                or sentences > self.params["multi_max_sentence_share"] * len(options):
            return None
        return Question(qid, text, "multi", [col], [""], options=options, separator="\n")

    def _semicolon_multi(self, qid: str, text: str, col: Column, values: list[str]) -> Question | None:
        """A multi-select whose chosen options are joined by ";" with no closing ";" ("Subsidized; Rent-controlled",
        as a SurveyMonkey table or a hand-made export writes them; issue 12 round 13), or None. Taken when at
        least ``SEMICOLON_MIN_JOINED`` answers are so joined, the pieces are labels (at most
        ``multi_max_sentence_share`` of them ending like a sentence, none a case variant of another), and at
        least ``multi_recurring_share`` of the pieces written recur across answers or stand alone as a whole
        answer, between 2 and ``single_max_options`` of them. Open text with semicolons seldom repeats a piece."""
        if self.tool == "wenjuanxing" or not any(";" in v for v in values):
            return None
        cell_counts = Counter(self.answers(col.pos))
        joined = [v for v in values if ";" in v]
        whole = {v.strip() for v in values if ";" not in v}
        # one joined answer given by several respondents counts when each of its pieces is an answer given alone
        # too: two options chosen elsewhere, ticked together ("Individuellement;En groupe" beside "En groupe" and
        # "Individuellement", a Google Forms checkbox download, issue 12 round 15); a label with a semicolon in it
        # is never given in pieces
        chosen_elsewhere = all(p.strip() in whole for v in joined for p in v.split(";") if p.strip())
        if len(joined) < SEMICOLON_MIN_JOINED and not (
                chosen_elsewhere and sum(int(cell_counts.get(v, 1)) for v in joined) >= SEMICOLON_MIN_JOINED):
            return None
        counts: Counter = Counter()
        for value in values:
            for piece in value.split(";"):
                if piece.strip():
                    counts[piece.strip()] += int(cell_counts.get(value, 1))
        pieces = list(counts)
        if sum(p.endswith((".", "!", "?")) for p in pieces) > self.params["multi_max_sentence_share"] * len(pieces) \
                or _case_variants(pieces):
            return None
        recurring = {p for p, n in counts.items() if n >= 2} | (whole & set(counts))
        occurrences = sum(n for p, n in counts.items() if p in recurring)
        if occurrences < self.params["multi_recurring_share"] * sum(counts.values()) \
                or not 2 <= len(recurring) <= self.params["single_max_options"]:
            return None
        options = sorted(recurring, key=lambda o: (-counts[o], o))
        return Question(qid, text, "multi", [col], [""], options=options, separator=";")

    def _qualtrics_text_multi(self, qid: str, text: str, col: Column, values: list[str]) -> Question | None:
        """A Qualtrics multiple-answer question exported as choice text with "split multi-value fields into
        columns" turned off: one cell holds the chosen options joined by a comma and no space
        ("California,New York"), or None. Taken when at least ``BARE_COMMA_MIN_JOINED`` answers are so joined,
        one of them only of answers given alone elsewhere, and most of their pieces are such answers: an option
        chosen only together with others ("Pennsylvania") is an option all the same, which the stricter
        ``_bare_comma_multi`` of other tools refuses. An option's own comma is followed by a space ("Yes, often")
        or sits between digits ("8,001–15,000 元") and joins nothing (issue 12 round 30: a screener "select
        California and New York" read as a single choice of 17 combinations)."""
        joined = [v for v in values if _QUALTRICS_JOIN.search(v)]
        if len(joined) < BARE_COMMA_MIN_JOINED:
            return None
        whole = {v.strip() for v in values if not _QUALTRICS_JOIN.search(v)}
        pieces = [[p.strip() for p in _QUALTRICS_JOIN.split(v)] for v in joined]
        flat = [p for ps in pieces for p in ps]
        if not all(flat) or not any(all(p in whole for p in ps) for ps in pieces) \
                or sum(p in whole for p in flat) < QUALTRICS_JOIN_MIN_KNOWN * len(flat):
            return None
        atoms = [p.strip() for v in self.answers(col.pos) for p in _QUALTRICS_JOIN.split(v) if p.strip()]
        options = _ordered_options(atoms)
        if len(options) > self.params["single_max_options"]:
            return None
        return Question(qid, text, "multi", [col], [""], options=options, separator=",")

    def _bare_comma_multi(self, qid: str, text: str, col: Column, values: list[str]) -> Question | None:
        """A multi-select whose chosen options are joined by a bare comma ("hørsel,motorikk", as a survey's
        own export or a recoding script writes them), or None. Taken only when at least
        ``BARE_COMMA_MIN_JOINED`` answers are so joined, none with a digit (a decimal comma), every piece of them
        an answer given alone elsewhere or a piece of two joined answers, and at least one joined answer made
        of answers given alone: then the commas join options, they are not part of a label."""
        joined = [v for v in values if "," in v]
        if len(joined) < BARE_COMMA_MIN_JOINED or any(_DIGIT.search(v) for v in joined):
            return None
        pieces = [[p.strip() for p in v.split(",")] for v in joined]
        if any(not p for ps in pieces for p in ps):
            return None
        whole = {v.strip() for v in values if "," not in v}
        seen = Counter(p for ps in pieces for p in set(ps))
        if not all(p in whole or seen[p] >= 2 for ps in pieces for p in ps) \
                or not any(all(p in whole for p in ps) for ps in pieces):
            return None
        atoms = [a.strip() for v in self.answers(col.pos) for a in v.split(",") if a.strip()]
        options = _ordered_options(atoms)
        if len(options) > self.params["single_max_options"]:
            return None
        return Question(qid, text, "multi", [col], [""], options=options, separator=",")

    def _band_synonyms(self, col: Column, values: list[str]) -> dict[str, str]:
        """``band_synonyms`` of the column's answers, said in the log (QA round 38 F4: "över 50" of a pasted
        Swedish copy was a size class of its own beside "yli 50")."""
        merged = band_synonyms(values)
        if merged:
            said = ", ".join(f"{k!r} → {v!r}" for k, v in list(merged.items())[:3])
            self.warnings.append(f"column {col.header[:80]!r}: the same band written in two languages is read as "
                                 f"one ({said})")
        return merged

    def _excel_bands(self, col: Column, values: list[str]) -> dict[str, str]:
        """Excel turns a size band ``6-25`` into the date 25 June (``25-Jun`` in CSV, a date cell in
        xlsx). When such values sit among band-like answers, map them back and say so."""
        repaired = {}
        others = 0
        for v in values:
            m = _EXCEL_DAY_MONTH.match(v.strip())
            iso = _ISO_DATE.match(v.strip()) if col.pos in self.date_columns else None
            # a band's bounds ascend: a US Excel makes 25 June of "6-25", a Finnish or Swedish one 1 April of
            # "1-4" (day first), so the date's day and month are the band's bounds in either order (QA round 31 F16)
            if m:
                repaired[v] = _band_of(_MONTHS[m.group(2).lower()], int(m.group(1)))
            elif iso:
                repaired[v] = _band_of(int(iso.group(2)), int(iso.group(3)))
            elif _BAND.match(v.strip()):
                others += 1
        if not repaired or others == 0:
            return {}
        examples = ", ".join(f"{k} → {v}" for k, v in list(repaired.items())[:3])
        self.warnings.append(f"column {col.header!r}: {len(repaired)} value(s) were turned into dates by Excel "
                             f"and were read back as bands ({examples})")
        return repaired


# an open-ended band's words per direction (``answers.band_words``: "yli", "över", "over" …), longest first
_BAND_WORD_PATTERNS = {direction: re.compile(r"^(?:" + "|".join(re.escape(norm_label(w)) for w in sorted(
    (str(x) for x in words), key=len, reverse=True)) + r")\s*(\d[\d ]*\d|\d)(?:\s+[^\W\d_]+){0,2}\s*\.?$")
    for direction, words in _ANSWERS.get("band_words", {}).items() if words}


def open_band(label: str) -> tuple[str, str] | None:
    """(direction "more" / "less", its number) of an open-ended band ("yli 50", "över 50 anställda", "alle 5"),
    or None for any other label."""
    key = norm_label(label)
    for direction, pattern in _BAND_WORD_PATTERNS.items():
        found = pattern.match(key)
        if found:
            return direction, found.group(1)
    return None


def band_synonyms(values: list[str]) -> dict[str, str]:
    """The open-ended bands of a single choice's answers (in row order) that another answer writes with another
    language's word for the same direction and the same number ("över 50" beside "yli 50", "under 5" beside
    "alle 5"; ``answers.band_words``), each mapped to the spelling of the group written first (the master's rows
    come first, a pasted copy's below them); {} when there are none, or when fewer than two other answers are
    bands ("1-4", "5-9": the question is no size band question)."""
    groups: dict[tuple[str, str], dict[str, list[str]]] = {}
    banded = 0
    for value in values:
        key = norm_label(value)
        for direction, pattern in _BAND_WORD_PATTERNS.items():
            match = pattern.match(key)
            if match:
                word = key[:match.start(1)].strip()
                groups.setdefault((direction, match.group(1).replace(" ", "")), {}).setdefault(word, []).append(value)
                break
        else:
            banded += bool(_BAND.match(value.strip()))
    out = {}
    for words in groups.values():
        if len(words) < 2:
            continue
        first = next(iter(words.values()))[0]
        out.update({v: first for spellings in words.values() for v in spellings if v != first})
    return out if out and banded >= 2 else {}


def _band_of(a: int, b: int) -> str:
    """The size band ``low-high`` whose bounds are the two numbers an Excel date was made of."""
    return f"{min(a, b)}-{max(a, b)}"


_WJX_SEPARATOR = "┋"
# SoSci Survey question ids: a two-character section code and a two-digit number (AB01); variables of items,
# input fields and options add a suffix (AB01_01, AB01x01, AB01_CP)
_SOSCI_SELECTION = re.compile(r"^[A-Za-z0-9]{2}\d{2}$")


_JOINED_CODES = re.compile(r"^\d+(,\d+)+$")
# the comma Qualtrics joins the chosen options of a choice-text cell with: no space after it, and not between two
# digits (a thousands separator inside one option)
_QUALTRICS_JOIN = re.compile(r"(?<!\d),(?=\S)|(?<=\d),(?=[^\s\d])")
# of the pieces of Qualtrics' comma-joined answers, at least this share are answers somebody gave alone
QUALTRICS_JOIN_MIN_KNOWN = 0.5


def _joined_codes_multi(qid: str, text: str, col: Column, values: list[str]) -> Question | None:
    """A Qualtrics multi-select exported with numeric values and "split multi-value fields into columns"
    turned off: one cell holds the chosen codes joined by "," ("1,3"). Returns the multi question, or None
    unless every answer is a code or such a list and some joined code's parts are chosen alone elsewhere
    (a thousands-separated number never is)."""
    if not values or not all(v.isdigit() or _JOINED_CODES.match(v) for v in values):
        return None
    joined = [v.split(",") for v in values if "," in v]
    alone = {v for v in values if v.isdigit()}
    if not joined or not any(part in alone for parts in joined for part in parts):
        return None
    codes = sorted({p for v in values for p in v.split(",")}, key=int)
    return Question(qid, text, "multi", [col], [""], options=codes, separator=",")


def _merged_labels(labels_sets: list[Mapping[str, str]]) -> dict[str, str] | None:
    """One code → label mapping for the value-label sets of a battery's items, or None when two sets give one code
    labels that differ in more than letter case and spacing (then the items are not on one scale as coded). The
    first spelling of a code wins; a label only some items have (a don't-know code, "9 = Not answered") is kept."""
    merged: dict[str, str] = {}
    for labels in labels_sets:
        for code, label in labels.items():
            if code in merged and norm_label(merged[code]) != norm_label(label):
                return None
            merged.setdefault(code, label)
    return merged


def _comma_option_multi(values: list[str], cell_counts: Mapping[str, int]) -> list[str] | None:
    """The options, most chosen first, of a Google Forms checkbox question whose option labels contain ", "
    themselves ("Oui, j'aimerais mieux comprendre …", "Non, je connais suffisamment."), or None. Every
    option somebody chose alone is a whole answer; the column is a multi-select when some other answer is
    two or more of those whole answers joined by ", " (at least one of them holding a comma, which splitting
    at every ", " would cut), and every answer is whole or such a join, with at most a typed "other" text
    left over. Answers that are sentences with commas never join whole answers, so they stay open.
    An answer that is a combination of options known elsewhere (``_combinations``) is never an option itself,
    and a piece nobody chose alone that stands beside options in two different answers is an option."""
    whole = {v.strip() for v in values if v.strip()}
    # an answer that reads as a combination of options known elsewhere is a respondent's several choices, never
    # an option label of its own (two options often chosen together would otherwise pass for one label)
    combinations, known = _combinations(whole, cell_counts)
    answers = whole
    whole = (whole - combinations) | known
    # an answer given once that is a known option and a typed piece ("R, SPSS" beside "R": one respondent's choice
    # and "other" text) is no option label: taken for one, it split a longer answer that starts with it ("R, SPSS,
    # Excel ou similares, …") into "R, SPSS" and the rest (a Portuguese Google Forms download, issue 12 round 24)
    whole -= {v for v in whole - known if ", " in v and int(cell_counts.get(v, 0)) < 2
              and v.partition(", ")[0].strip() in known}
    while True:
        splits = {v: split_multi(v, sorted(whole - {v}), ", ") for v in whole}
        # a piece left over beside options in two different answers is an option nobody chose alone (a typed
        # "other" text is one person's): with it, those answers split into options with nothing left over
        beside: dict[str, set[str]] = {}
        for value, (chosen, rest) in splits.items():
            for piece in rest.split(", ") if chosen and rest else ():
                beside.setdefault(piece.strip(), set()).add(value)
        found = {p for p, holders in beside.items() if p and len(holders) >= 2} - whole
        if not found:
            break
        whole |= found
    # options read off the pieces of answers, not given alone as a whole answer
    pieces_only = whole - answers
    options: set[str] = set()
    loose: set[str] = set()
    joins = 0
    for value in whole:
        chosen, rest = splits[value]
        if len(chosen) >= 2:
            joins += any(", " in c for c in chosen)
            options.update(chosen)
        elif len(chosen) == 1 and rest:
            options.update(chosen)      # one option and a typed "other" answer
        elif cell_counts.get(value, 0) < 2 and ", " in value:
            loose.add(value)
    # the combinations set aside above join options too (options whose labels hold commas among them)
    for value in combinations:
        chosen, rest = split_multi(value, sorted(whole), ", ")
        if len(chosen) >= 2 and not rest:
            joins += any(", " in c for c in chosen)
            options.update(chosen)
    # a comma answer given once that joins nothing and that no other answer joins: typed text
    if not joins or loose - options:
        return None
    # an option is a whole answer given alone (or one that other answers join); "other" texts given once
    # alone stay out, as Google Forms writes them in the same cell
    options |= {v for v in whole if int(cell_counts.get(v, 0)) >= 2 and v not in options
                and not splits[v][0]} | pieces_only
    return sorted(options, key=lambda o: (-int(cell_counts.get(o, 0)), o))


def _common_piece_options(answers: list[str], max_options: int) -> list[str] | None:
    """The options, most chosen first, of a ", "-joined checkbox column answered by many, or None.

    A Google Forms checkbox question with an "other" field, answered by thousands, holds hundreds of typed
    pieces beside the form's options ("Linux, Docker, Sap" beside "SAP"): pieces that recur, or differ only in
    case, passed for open text (issue 12 round 26, a published Forms results sheet of 5,982 answers). The
    options are the pieces chosen by at least ``COMMON_PIECE_MIN_SHARE`` of the answering respondents, taken when
    at least ``COMMON_PIECES_MIN_JOINED`` of the answers join pieces, those pieces make up at least
    ``COMMON_PIECES_MIN_COVER`` of all pieces, no two of them differ only in case or spacing and they are at most
    ``max_options``. Lists typed by people (companies, events) spread over many spellings and fail the cover."""
    answers = [a.strip() for a in answers if a.strip()]
    if len(answers) < COMMON_PIECES_MIN_ANSWERS or _share([", " in a for a in answers]) < COMMON_PIECES_MIN_JOINED:
        return None
    # how many respondents chose each piece (a piece written twice in one answer counts once)
    chosen = Counter(p for a in answers for p in {p.strip() for p in a.split(", ") if p.strip()})
    floor = max(OTHER_OPTION_MIN_COUNT, COMMON_PIECE_MIN_SHARE * len(answers))
    common = [p for p, n in chosen.items() if n >= floor]
    if len(common) < 2 or len(common) > max_options or _case_variants(common):
        return None
    if sum(chosen[p] for p in common) < COMMON_PIECES_MIN_COVER * sum(chosen.values()):
        return None
    # option labels are not sentences
    if any(p.endswith((".", "!", "?")) for p in common):
        return None
    return sorted(common, key=lambda o: (-chosen[o], o))


def _combinations(whole: set[str], counts: Mapping[str, int] | None = None) -> tuple[set[str], set[str]]:
    """Return ``(combinations, known)`` for the distinct answers of a column whose cells may join options with
    ``", "``.

    ``known``: the options a comma-free answer shows (somebody chose it alone); an answer holding ", " that at
    least two respondents gave alone and whose pieces never stand anywhere but together, in its order (an option
    label with commas: "Educação, Desporto e Juventude", "Território, Urbanismo, Habitação": a Portuguese Google
    Forms download, issue 12 round 26; needs ``counts``); and, repeatedly until nothing changes, what is left of an
    answer beside known options when it is left so in at least two different answers (an option never chosen
    alone: "Vienti" in "Myynti, Vienti" and "Digitalisaatio, Vienti", or "Empresas, Investimento, Comércio e
    Turismo" beside "Cultura e Património").
    ``combinations``: the answers holding ", " that known options make up, two or more, with nothing left over.
    An option label that really holds a comma but was chosen alone once ("Non, je connais suffisamment.") is
    none: its pieces are never chosen alone nor beside known options in two answers, so it keeps its reading as
    one label."""
    pieces_of = {v: [p.strip() for p in v.split(", ")] for v in whole if ", " in v}
    known = {v for v in whole if ", " not in v}
    if counts is not None:
        known |= {v for v, pieces in pieces_of.items() if int(counts.get(v, 0)) >= 2
                  and all(_run_of(pieces, other) for other in pieces_of.values() if set(pieces) & set(other))}

    def split(value: str) -> tuple[list[str], str]:
        return split_multi(value, sorted(known), ", ")

    while True:
        # the answers in which the same text is what is left beside known options
        beside_known: dict[str, set[str]] = {}
        for value, pieces in pieces_of.items():
            if value in known or not all(pieces):
                continue
            chosen, rest = split(value)
            if chosen and rest:
                beside_known.setdefault(rest, set()).add(value)
        found = {p for p, answers in beside_known.items() if len(answers) >= 2}
        # shortest first: a rest that known options and a shorter rest make up is their combination, no option
        added = False
        for rest in sorted(found, key=len):
            chosen, left = split_multi(rest, sorted(known), ", ")
            if len(chosen) >= 2 and not left:
                continue
            known.add(rest)
            added = True
        if not added:
            break
    combinations = set()
    for value in pieces_of:
        if value in known:
            continue
        chosen, rest = split(value)
        if len(chosen) >= 2 and not rest:
            combinations.add(value)
    return combinations, known


def _run_of(pieces: list[str], other: list[str]) -> bool:
    """True when ``pieces`` stand in ``other`` one after another, in order (a label's pieces kept together)."""
    n = len(pieces)
    return any(other[i:i + n] == pieces for i in range(len(other) - n + 1))


def _comma_labels(values: list[str], whole: set[str], cell_counts: Mapping[str, int]) -> tuple[set[str], bool]:
    """Return ``(atomic, combined)`` for the distinct answers of a column whose cells may join options
    with ``", "``.

    ``atomic``: answers given more than once whose ", "-pieces are not all seen elsewhere (as a whole
    answer or inside another answer): one option label that contains a comma ("Biological, mathematical &
    physical sciences"). ``combined``: some other answer joins at least two pieces that are each seen
    elsewhere, which is how a multi-select cell looks."""
    joined = [v for v in values if ", " in v]
    pieces_of = {v: [p.strip() for p in v.split(", ") if p.strip()] for v in joined}
    holders: dict[str, set[str]] = {}
    for v, pieces in pieces_of.items():
        for p in pieces:
            holders.setdefault(p, set()).add(v)

    def seen_elsewhere(piece: str, value: str) -> bool:
        return piece in whole or bool(holders.get(piece, set()) - {value})

    atomic = {v for v in joined if int(cell_counts.get(v, 0)) >= 2
              and not all(seen_elsewhere(p, v) for p in pieces_of[v])}
    combined = any(sum(seen_elsewhere(p, v) for p in pieces_of[v]) >= 2 for v in joined if v not in atomic)
    return atomic, combined


def _computed(values: list[str]) -> bool:
    """True when every distinct value is a JSON object with content (``{"v5": {"group": "A", …}}``): data a
    survey's logic computed and stored (an equation or hidden question), which no respondent types. (A JSON
    array is not enough: some tools write a multi-select's chosen options as one.)"""
    for v in values:
        v = v.strip()
        if len(v) < 4 or v[0] != "{" or v[-1] != "}":
            return False
    for v in values:
        try:
            parsed = json.loads(v)
        except ValueError:
            return False
        if not parsed or not isinstance(parsed, dict):
            return False
    return True


def _space_joined_multi(qid: str, text: str, col: Column, values: list[str], max_options: int) -> Question | None:
    """A KoboToolbox ``select_multiple`` exported with labels, or None.

    Kobo joins the chosen labels with a single space, in the form's order ("Montag Donnerstag", "Chor Tanz
    Band Theater"), so read as a single choice every combination was an option of its own (round 20: a
    days-of-the-week question read as 12 options). The words are made options: words that always stand next to
    each other in the same order are one option ("Dirigieren / Chorleitung"). It is a multi-select when there
    are 2 to ``max_options`` options, every answer lists them in one order (free text has no such order), at
    least ``SPACE_MULTI_MIN_JOINED`` different answers hold two options or more, one of those holds an option
    that is also an answer on its own (a select_one label with spaces, "Ja, aber nur phasenweise", never is),
    and every option never given alone is in two different answers at least ("Not" of "Not Satisfied" is not).
    Returns the multi-select Question or None."""
    cells = [v.split() for v in values if v.strip()]
    words = {w for c in cells for w in c}
    if len(words) > 4 * max_options or any(len(set(c)) != len(c) for c in cells):
        return None
    # merge a word into the one before it when it always follows that word and that word is always followed by it
    after: dict[str, set] = {w: set() for w in words}
    before: dict[str, set] = {w: set() for w in words}
    for c in cells:
        for i, w in enumerate(c):
            after[w].add(c[i + 1] if i + 1 < len(c) else None)
            before[w].add(c[i - 1] if i else None)
    options_of = []
    for c in cells:
        atoms, current = [], [c[0]]
        for prev, w in zip(c, c[1:]):
            if after[prev] == {w} and before[w] == {prev}:
                current.append(w)
            else:
                atoms.append(" ".join(current))
                current = [w]
        atoms.append(" ".join(current))
        options_of.append(atoms)
    options = {a for atoms in options_of for a in atoms}
    # a count with a remark ("Ca. 10", "1 (ist Ende des Jahres 18)") is no list of labels
    if not 2 <= len(options) <= max_options or any(re.fullmatch(r"[\d.,]+", a) for a in options):
        return None
    # one order for all answers: no two options seen in both orders
    seen = {(a, b) for atoms in options_of for i, a in enumerate(atoms) for b in atoms[i + 1:]}
    if any((b, a) in seen for a, b in seen):
        return None
    joined = [atoms for atoms in options_of if len(atoms) > 1]
    alone = {atoms[0] for atoms in options_of if len(atoms) == 1}
    if len(joined) < SPACE_MULTI_MIN_JOINED or not any(set(atoms) & alone for atoms in joined):
        return None
    # an option never chosen alone is chosen with different others: a word that only ever leads one label
    # ("Not" of "Not Satisfied" beside "Satisfied") is part of that label
    in_answers = Counter(a for atoms in options_of for a in set(atoms))
    if any(in_answers[a] < 2 for a in options - alone):
        return None
    return Question(qid, text, "multi", [col], [""],
                    options=_ordered_options([a for atoms in options_of for a in atoms]), separator=" ")


def _without_typed_others(options: list[str], counts: Counter, n: int, min_rows: int) -> list[str]:
    """The options of a ";"-joined multi-select less the typed "other" texts among them.

    Microsoft Forms writes the text typed into a multi-select's "other" field among the chosen options
    ("Myynti;Vienti;Jotain omaa;"): read as options, each typed text became an option of its own. Over at least
    ``min_rows`` answers, a piece chosen by at most ``TYPED_OTHER_MAX_COUNT`` respondents beside at least two
    options chosen by ``OTHER_OPTION_MIN_COUNT`` or more is typed text: it is left out of the options, so that
    splitting the cell leaves it over as the question's "other" text."""
    common = [o for o in options if counts[o] >= OTHER_OPTION_MIN_COUNT]
    if n < min_rows or len(common) < 2:
        return options
    return [o for o in options if counts[o] > TYPED_OTHER_MAX_COUNT]


def _cascade(text: str, values: list[str]) -> bool:
    """True when a header names two or more fields joined by ";" ("Project; Jenis Channel; Sub Channel") and every
    answer has exactly that many ";"-joined parts ("Merchant Development ; Snack ; Snack"): one answer per level of
    a cascading choice (Jotform's dependent drop-downs; issue 12 round 25), whose parts are no options ticked
    together: the whole answer is the choice."""
    fields = [f for f in text.split(";") if f.strip()]
    # Microsoft Forms closes every multi-select cell with ";" ("A;B;"): never a cascade
    return len(fields) >= 2 and bool(values) and all(
        v.count(";") == len(fields) - 1 and not v.rstrip().endswith(";") for v in values)


def _ordered_options(atoms: list[str]) -> list[str]:
    counts = Counter(atoms)
    return sorted(counts, key=lambda o: (-counts[o], o))


def _share(flags: list[bool]) -> float:
    """The share of true flags (the mean of a boolean list; NaN for none, as a pandas mean)."""
    return sum(flags) / len(flags) if flags else float("nan")


def _band_key(value: str) -> tuple:
    match = re.match(r"^\s*(\d+)", value)
    return (0, int(match.group(1)), value) if match else (1, 0, value)


def merge_grids(questions: list[Question], tool: str, params: Mapping,
                uniques: Callable[[int], list[str]] | None = None,
                blanks: Callable[[int], bool] | None = None) -> list[Question]:
    """Consecutive lone Likert columns on the same scale become one grid question with one item per
    statement: always for Microsoft Forms (its matrix loses the parent question), otherwise when the
    headers share a prefix of at least ``grid_prefix_min`` characters. A lone column answered only with
    "don't know" (typed a single choice, as it shows no scale level) joins the grid around it: it does not
    break a grid, and its answers stay off the scale. Lone numeric ratings (1-5 under "Please rate … X") join
    the same way when their headers share such a prefix and their scales agree (one may end lower: nobody
    gave that statement a 5). A shared ending ("How would you rate X?") is left off the statements."""
    questions = merge_option_columns(questions, uniques, blanks)
    out: list[Question] = []
    i = 0
    while i < len(questions):
        q = questions[i]
        run = [q]
        scale_of = q if _lone_likert(q) else None
        if _lone_numeric(q):
            # a rating asked of one statement after another ("Please rate how much you like the cuisine of X",
            # 1-5, forty times): the same numeric scale under headers sharing the question is one grid
            run, options = _numeric_run(questions, i, lambda r: len(_word_prefix([x.text for x in r]))
                                        >= params["grid_prefix_min"])
            if tool == "msforms" and _statement_header(q):
                # Microsoft Forms heads a Likert's columns with the bare statements ("Myynti ja asiakashankinta",
                # "Brändi ja markkinointiviestintä"; the parent question is lost), so they share no prefix: a run
                # of at least NEIGHBOUR_BATTERY_MIN neighbouring ratings on one scale under such headers is one
                # grid (issue 12, QA round 22: five lone 1-5 ratings and no competence grid)
                bare, bare_options = _numeric_run(questions, i, lambda r: _statement_header(r[-1]))
                if len(bare) >= NEIGHBOUR_BATTERY_MIN and len(bare) > len(run):
                    run, options = bare, bare_options
            if len(run) > 1:
                text, items = _grid_text([x.text for x in run], params)
                out.append(Question(q.question_id, text, "likert", [x.columns[0] for x in run], items,
                                    options=options, numeric_scale=True,
                                    dont_know=set().union(*(x.dont_know for x in run))))
                i += len(run)
                continue
        if scale_of is not None or _dont_know_only(q):
            j = i + 1
            while j < len(questions):
                nxt = questions[j]
                if _lone_likert(nxt):
                    if scale_of is not None and nxt.scale != scale_of.scale:
                        break
                elif not _dont_know_only(nxt):
                    break
                if nxt.text in {x.text for x in run}:
                    break
                if tool != "msforms" and len(_word_prefix([x.text for x in run + [nxt]])) < params["grid_prefix_min"]:
                    break
                run.append(nxt)
                scale_of = scale_of or (nxt if _lone_likert(nxt) else None)
                j += 1
        if len(run) == 1 or scale_of is None:
            out.append(q)
            i += 1
            continue
        text, items = _grid_text([x.text for x in run], params)
        dont_know = set().union(*(x.dont_know for x in run),
                                *({norm_label(o) for o in x.options} for x in run if _dont_know_only(x)))
        merged = Question(run[0].question_id, text, "likert", [x.columns[0] for x in run], items,
                          options=scale_of.options, scale=scale_of.scale, dont_know=dont_know)
        out.append(merged)
        i += len(run)
    return out


def _numeric_run(questions: list[Question], i: int, joins: Callable[[list[Question]], bool]) \
        -> tuple[list[Question], list[str]]:
    """The lone numeric ratings from ``i`` on that make one grid, and the grid's scale points: each next one is
    a lone numeric rating on the same scale (a scale's top end is read off the answers: a statement nobody gave
    a 5 shows 1-4, so one scale may extend the other), its header not one already in the run, and ``joins`` is
    true of the run with it."""
    run = [questions[i]]
    options = list(questions[i].options)
    j = i + 1
    # a header repeated word for word names no statement: the columns were kept apart by position
    # (build._fix_headers says so) and stay apart, not one grid with blank statements
    while j < len(questions) and _lone_numeric(questions[j]) and _extends(questions[j].options, options) \
            and questions[j].text not in {x.text for x in run} and joins(run + [questions[j]]):
        run.append(questions[j])
        options = max(options, list(questions[j].options), key=len)
        j += 1
    return run, options


def _statement_header(q: Question) -> bool:
    """True when a lone rating's header reads as a grid's statement ("Myynti ja asiakashankinta"), not as a
    question of its own: no question mark and no rating or question words ("Kuinka tyytyväinen …", "Rate …";
    ``_SCALE_HINT``)."""
    return bool(q.text.strip()) and "?" not in q.text and not _SCALE_HINT.search(q.text)


def _lone_likert(q: Question) -> bool:
    return q.type == "likert" and len(q.columns) == 1 and not q.numeric_scale


def _lone_numeric(q: Question) -> bool:
    return q.type == "likert" and len(q.columns) == 1 and q.numeric_scale


def _extends(a: list[str], b: list[str]) -> bool:
    """True when one list of scale points begins the other (1-4 and 1-5; not 0-10 and 1-5), or when both end at
    the same top and differ only by a first "0" (a 0-4 battery's item nobody answered 0 shows 1-4: a PSS-10
    battery, issue 12 round 27)."""
    n = min(len(a), len(b))
    if n >= 2 and list(a[:n]) == list(b[:n]):
        return True
    a, b = list(a), list(b)
    return len(a) >= 2 and len(b) >= 2 and a[-1] == b[-1] and \
        (a[:1] == ["0"] and a[1:] == b or b[:1] == ["0"] and b[1:] == a)


def _grid_text(texts: list[str], params: Mapping) -> tuple[str, list[str]]:
    """The question text and the statements of a grid made of lone columns: the headers' shared beginning and
    what follows it in each; a shared ending ("How would you rate X?" … "How would you rate Y?") is left off
    the statements too. Headers sharing too short a beginning are joined with " / " and kept whole."""
    prefix = _word_prefix(texts)
    if len(prefix) < params["grid_prefix_min"]:
        return " / ".join(texts), list(texts)
    tails = [t[len(prefix):] for t in texts]
    suffix = _word_suffix(tails)
    if suffix and all(t[:len(t) - len(suffix)].strip(" :-–\"“”?.") for t in tails):
        tails = [t[:len(t) - len(suffix)] for t in tails]
    return prefix.rstrip(" :-–?").strip(), [t.strip(" :-–\"“”").rstrip(".?").rstrip() or t.strip() for t in tails]


def _word_suffix(texts: list[str]) -> str:
    """The longest common ending of the texts that begins at a word boundary or is punctuation only ("" when
    none)."""
    n = 0
    shortest = min(len(t) for t in texts)
    while n < shortest and len({t[len(t) - n - 1] for t in texts}) == 1:
        n += 1
    suffix = texts[0][len(texts[0]) - n:] if n else ""
    if suffix and not suffix[0].isspace() and any(c.isalnum() for c in suffix):
        cut = suffix.find(" ")
        suffix = suffix[cut:] if cut >= 0 else ""
    return suffix


def _dont_know_only(q: Question) -> bool:
    return q.type == "single" and len(q.columns) == 1 and bool(q.options) and all(is_dont_know(o) for o in q.options)


def _word_prefix(texts: list[str]) -> str:
    """The longest common prefix of the texts, cut back to a word boundary."""
    first, last = min(texts), max(texts)
    n = 0
    while n < min(len(first), len(last)) and first[n] == last[n]:
        n += 1
    prefix = first[:n]
    if n < len(first) and prefix and not prefix[-1].isspace() and prefix[-1] not in ":-–?":
        cut = max(prefix.rfind(" "), prefix.rfind(":"))
        prefix = prefix[:cut + 1] if cut >= 0 else ""
    return prefix


def _case_variants(texts: list[str]) -> bool:
    """True when two of the texts differ only in case or spacing ("Virginia" / "virginia" / "Virginia ")."""
    seen: dict[str, str] = {}
    for t in texts:
        key = re.sub(r"\s+", " ", t).strip().casefold()
        if not key:
            continue
        if key in seen and seen[key] != t:
            return True
        seen.setdefault(key, t)
    return False


# the option part of a one-column header: ``Question [Option]``, ``Question - Option``, ``Question: Option``
_HEADER_OPTION = re.compile(r"^(?P<stem>.*\S)\s*(?:\[(?P<bracket>[^\[\]]+)\]|\s[-–]\s+(?P<dash>.+)|:\s*(?P<colon>.+))"
                            r"\s*$")


def _header_option(header: str) -> tuple[str, str] | None:
    """``(question, option)`` of a header that names an option after the question, or None."""
    match = _HEADER_OPTION.match(header.strip())
    if match is None:
        return None
    option = match.group("bracket") or match.group("dash") or match.group("colon")
    return match.group("stem").strip(" :-–"), option.strip()


def option_of_header(col: Column, value: str) -> bool:
    """True when ``value`` is the column's own label: its item, its header, or the option part of its header
    (``Q [option]``, ``Q - option``, ``Q: option``), as an option-per-column multi-select writes a tick."""
    key = norm_label(value)
    if not key:
        return False
    names = [col.item, col.header]
    split = _header_option(col.header)
    if split is not None:
        names.append(split[1])
    return any(name and norm_label(name) == key for name in names)


def _own_label(q: Question) -> bool:
    """One column that holds nothing but its own label as the ticked value (label-or-blank)."""
    if len(q.columns) != 1 or q.type not in ("single", "multi") or len(q.options) != 1:
        return False
    return option_of_header(q.columns[0], q.options[0])


# the marks a hand-made check-all puts in the column of each option it ticks (words such as "yes" are left out:
# two "yes"-only questions side by side are two consents, not one check-all)
_TICK_MARKS = frozenset({"x", "✓", "✔", "☑", "☒"}) & _SELECTED


def _ticked_column(q: Question) -> bool:
    """One column holding nothing but tick marks ("x", "X", "✓"): an option of a hand-made check-all whose
    header names the option."""
    return len(q.columns) == 1 and q.type in ("single", "multi") and bool(q.options) and \
        all(norm_label(option) in _TICK_MARKS for option in q.options)


def _label_or_tick_column(q: Question) -> bool:
    return _own_label(q) or _ticked_column(q)


_OWN_CODE = re.compile(r"^\d{1,3}$")
# the separators between a code stem and an option in code headers (``role.dev``, ``role_dev``, ``role/dev``)
_CODE_STEM = re.compile(r"^(?P<stem>[^\s._/:-]+)[._/:-](?P<option>\S+)$")


def _own_code(q: Question, uniques: Callable[[int], list[str]] | None, blanks: Callable[[int], bool] | None) -> str:
    """The code a lone column holds when it is an option column that writes its own code when chosen
    (``role.dev`` holding ``2``, ``role.mgr`` holding ``3``, blank otherwise): its one distinct value, a whole
    number of up to three digits, with some rows blank; "" otherwise (a column every row fills with one number
    is a constant, not an option)."""
    if uniques is None or blanks is None or len(q.columns) != 1 or q.type not in ("number", "likert", "single"):
        return ""
    pos = q.columns[0].pos
    values = [v.strip() for v in uniques(pos)]
    return values[0] if len(values) == 1 and _OWN_CODE.match(values[0]) and blanks(pos) else ""


def _code_columns(questions: list[Question], i: int, uniques, blanks) -> int:
    """How many questions from ``i`` on form one multi-select of columns that hold their own code (0 when they
    do not): a run of such columns, with empty columns (an option nobody chose) between them, of two or more
    columns whose codes all differ (each option of one question numbered: 1, 2, 3 …; two neighbouring
    1-or-blank columns may be two separate consents)."""
    codes: list[str] = []
    j = last = i
    while j < len(questions):
        code = _own_code(questions[j], uniques, blanks)
        if code:
            if code in codes:
                break
            codes.append(code)
            last = j + 1
        elif not (_empty_column(questions[j]) and codes):
            break
        j += 1
    return last - i if len(codes) >= 2 else 0


def merge_option_columns(questions: list[Question], uniques: Callable[[int], list[str]] | None = None,
                         blanks: Callable[[int], bool] | None = None) -> list[Question]:
    """Option-per-column multi-selects whose columns are named by the option alone (Typeform, some SoSci and
    hand-made sheets: ``coffee-and-codes``, ``hackathons`` … each holding its own label or a blank, or a tick
    mark "x" or "✓" or a blank): two or more such columns in a row become one multi-select with those options. A column right after them named
    "Other" (``answers.other_headers``) holds the "other, please specify" text of that question.

    With ``uniques`` (a column position → its distinct non-blank cells) and ``blanks`` (position → the column
    has blank rows), columns that hold their own numeric code when chosen (``role.dev`` = ``2``, ``role.mgr`` =
    ``3``, blank otherwise; different codes) are such option columns too: the codes mean "chosen", and the
    options are the headers after their shared code stem (``dev``, ``mgr``; the question is ``role``)."""
    out: list[Question] = []
    i = 0
    while i < len(questions):
        coded = _code_columns(questions, i, uniques, blanks)
        if coded:
            run = questions[i:i + coded]
            codes = [c for q in run if (c := _own_code(q, uniques, blanks))]
            # ``role.dev``, ``role.mgr``: the options are the parts after the shared stem, the question the stem
            parts = [_CODE_STEM.match(q.columns[0].header.strip()) for q in run]
            shared = all(parts) and len({m.group("stem") for m in parts}) == 1
            options = [m.group("option") if shared else (q.columns[0].item or q.columns[0].header)
                       for m, q in zip(parts, run)]
            text = parts[0].group("stem") if shared else " / ".join(options)
            out.append(Question(run[0].question_id, text, "multi", [q.columns[0] for q in run], list(options),
                                options=list(options), selected=frozenset(norm_label(c) for c in codes)))
            i += coded
            continue
        j = i
        while j < len(questions) and _label_or_tick_column(questions[j]):
            j += 1
            # option columns nobody ticked are empty: they stay in the run when an option column or the
            # "Other" column follows them
            k = j
            while k < len(questions) and _empty_column(questions[k]):
                k += 1
            if k > j and j - i >= 1 and k < len(questions) and (
                    _label_or_tick_column(questions[k]) or _other_column(questions[k])):
                j = k
        if j - i < 2 or sum(_label_or_tick_column(q) for q in questions[i:j]) < 2:
            q = questions[i]
            out.append(q)
            i += 1
            # a column headed "Other" right after a single choice holds its "other, please specify" text
            if q.type == "single" and len(q.columns) == 1 and i < len(questions) and _other_column(questions[i]) \
                    and questions[i].type in ("single", "open", "other_text") and not _other_column(q):
                out.append(Question("", f"{q.text} (other)", "other_text", questions[i].columns, [""]))
                i += 1
            continue
        run = questions[i:j]
        options = [q.options[0] if q.options and not _ticked_column(q) else (q.columns[0].item or q.columns[0].header)
                   for q in run]
        text = " / ".join(options)
        if len(text) > 100:
            text = text[:99].rsplit(" / ", 1)[0] + " / …"
        # headed ``Q - option`` (or ``Q [option]``, ``Q: option``) each: the question is the shared ``Q``
        stems = {split[0] if (split := _header_option(q.columns[0].header)) else "" for q in run}
        if len(stems) == 1 and "" not in stems:
            text = stems.pop()
        out.append(Question(run[0].question_id, text, "multi", [q.columns[0] for q in run], list(options),
                            options=list(options)))
        if j < len(questions) and _other_column(questions[j]):
            other = questions[j]
            out.append(Question("", f"{text} (other)", "other_text", other.columns, [""]))
            j += 1
        i = j
    return out


def _empty_column(q: Question) -> bool:
    return len(q.columns) == 1 and q.type == "single" and not q.options and bool(q.columns[0].header)


def _other_column(q: Question) -> bool:
    return len(q.columns) == 1 and q.type != "multi" and _other_key(q.columns[0].header) in _OTHER_HEADERS


def _agreement(numbers: Mapping[str, int], ranks: Mapping[str, int]) -> int:
    """How the labels' numbers run against their ranks on a known scale, over every pair of labels whose rank
    and number both differ: 1 when always the same way (or no pair tells), -1 when always against it (the
    author numbered the scale high → low), 0 when both occur (numbers that contradict the scale's words:
    "Agree (5)" below "Somewhat agree (8)")."""
    signs = {(numbers[a] - numbers[b]) * (ranks[a] - ranks[b]) > 0 for a in numbers for b in numbers
             if a < b and numbers[a] != numbers[b] and ranks[a] != ranks[b]}
    return 0 if len(signs) == 2 else -1 if signs == {False} else 1
