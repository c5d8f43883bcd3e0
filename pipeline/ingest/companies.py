"""Company names as a linking key: which columns hold a company's name, and the name folded for matching.

A company name is never kept: ingest pseudonymises the folded name (``company_name_key``) with the run's key,
exactly as it does a business ID, so the same company written "Rantasen Vene Oy", "RANTASEN VENE OY." or
"Rantasen vene Ab" gives the same pseudonym in every survey and in the attendance list.
"""
from __future__ import annotations

import functools
import re

from pipeline.keys import fold, unaccented

# whole headers (folded, trailing ?:* and "(optional)" removed) that name the respondent's company
_COMPANY_HEADER = re.compile(
    r"^(yrityksen|yrityksenne|yrityksesi|organisaation|organisaationne|company|business|företagets|ert företags"
    r"|företagsnamn|organisationens|organisation|organization)"
    r"( ?(/|tai|eller|or) ?(organisaation|yhteisön|organisationens|organisation|organization))? ?"
    r"(nimi|name|namn|virallinen nimi)$"
    r"|^(yritys|yrityksen nimi|yrityksenne nimi|toiminimi|yritys ?/ ?organisaatio|yritys tai organisaatio"
    r"|företag|företagsnamn|firmanamn|företag ?/ ?organisation|company|company name"
    r"|business name|organisation name|organization name|company/organisation"
    r"|company / organisation|company/organization)$")

# legal-form words, dropped wherever they stand ("Oy Rantanen Ab" is "Rantanen")
LEGAL_FORMS = frozenset({
    "oy", "oyj", "ab", "abp", "ltd", "limited", "tmi", "ky", "ay", "ab oy", "osakeyhtiö", "osakeyhtio",
    "aktiebolag", "julkinen osakeyhtiö", "kommandiittiyhtiö", "kommandiittiyhtio", "avoin yhtiö", "toiminimi",
    "kb", "hb", "kommanditbolag", "handelsbolag", "osk", "osuuskunta", "andelslag", "ry", "rf", "plc", "inc",
    "llc", "gmbh", "as", "asa", "aps", "co", "corp", "ek", "firma", "tmi.", "oy:n", "ab:s",
})
# Finnish / Swedish / English words that name the same thing in bilingual company names
_VARIANTS = {"och": "&", "ja": "&", "and": "&", "und": "&"}
_PUNCT = re.compile(r"[^\w&]+")


def is_company_name_header(header: str) -> bool:
    """True when ``header`` names the respondent's company (Yrityksen nimi, Företagets namn, Company name, Nom de
    l'établissement, Please enter the name of your institution …)."""
    text = _optional_mark().sub("", fold(header))
    text = re.sub(r"^\W+|[\s:?*.]+$", "", text).replace("_", " ")
    # a question code before the text, as LimeSurvey's "code. text" headings and numbered forms write it
    text = re.sub(r"^(?:[a-z]{0,3}\d+[a-z]?\d*)[.:)]\s+", "", text)
    return bool(_COMPANY_HEADER.match(text) or _asked_company_name().match(unaccented(text).replace("’", "'")))


@functools.lru_cache(maxsize=1)
def _optional_mark() -> re.Pattern:
    """A bracket at the end of a header holding only a word of the vocabulary's ``company_headers``
    ``optional_marks`` ("(frivilligt)", "(ei pakollinen)", "(optional)")."""
    from pipeline.io import shipped_yaml

    marks = shipped_yaml("ingest_vocabulary.yaml")["company_headers"]["optional_marks"]
    words = "|".join(sorted((re.escape(fold(w)) for w in marks), key=len, reverse=True))
    return re.compile(rf"\s*[(\[]\s*(?:{words})\s*[)\]]\s*$")


@functools.lru_cache(maxsize=1)
def _asked_company_name() -> re.Pattern:
    """The whole header asking for the name of a business, institution or organisation, in the words of the
    vocabulary's ``company_headers`` (accents dropped): an optional lead-in ("please enter", "quel est"), then
    a name word, an optional link and determiner and an organisation word ("nom de l'etablissement", "name of
    your institution", "name des unternehmens"), or a determiner, an organisation word in the genitive and a
    name word ("yrityksen nimi", "your company's name"), or one of the compound words."""
    from pipeline.io import shipped_yaml

    vocab = shipped_yaml("ingest_vocabulary.yaml")["company_headers"]

    def words(key: str) -> str:
        return "|".join(sorted((re.escape(unaccented(fold(w)).replace("’", "'")) for w in vocab[key]),
                               key=len, reverse=True))

    # a link or determiner ending in an apostrophe ("l'", "d'") is written against the next word
    glue = r"(?:(?<=')|\s+)"
    det = rf"(?:(?:{words('determiners')}){glue})?"
    asked = (rf"(?:{words('name_words')})\s+(?:(?:{words('links')}){glue})?{det}(?:{words('organisation_words')})"
             rf"|{det}(?:{words('genitive_words')})\s+(?:{words('name_words')})"
             rf"|(?:{words('compounds')})")
    return re.compile(rf"^(?:(?:{words('lead_ins')})\s+)?{det}(?:{asked})$")


def _ascii_fold(text: str) -> str:
    """Diacritics dropped (å, ä → a; ö → o; é → e) and w read as v, as Finnish and Swedish spellings vary."""
    return unaccented(text).replace("w", "v")


def company_name_key(name: object) -> str:
    """The name as compared across surveys: case, punctuation, legal-form words (Oy, Ab, Ltd, Tmi, Ky, Ay, Oyj,
    Abp …), "ja"/"och"/"&", diacritics and w/v folded, the words in alphabetical order; spaces removed. "" when
    nothing is left."""
    return _key_of(_name_words(name))


def _name_words(name: object) -> list[str]:
    """The words of a company name as compared: folded, punctuation and legal-form words dropped, "ja"/"och"
    as "&"; [] when nothing is left."""
    if name is None:
        return []
    text = fold(name)
    if not text or text in ("-", "nan", "none"):
        return []
    words = [w for w in _PUNCT.sub(" ", text.replace("’", "").replace("'", "")).split() if w]
    return [_VARIANTS.get(w, w) for w in words if w not in LEGAL_FORMS]


def _key_of(words: list[str]) -> str:
    # a hand-kept list writes "Lindqvist Snickeri" for the survey's "Snickeri Lindqvist Ab" (QA round 26)
    return _ascii_fold("".join(sorted(words))).strip("&")


def near_name_keys(name: object) -> list[str]:
    """The keys (as ``company_name_key``) of the names one inflection ending away from ``name``: one of its
    words with an ending of the vocabulary's ``company_name_endings`` added or taken off ("Optiikka Kokkola" →
    "Optiikka Kokkolan", "Perhon Saha" → "Perhon Sahat"); sorted, without the name's own key, [] for no name.
    They are pseudonymised like the name and only compared, never linked: a near miss is told to the
    coordinator, who corrects the spelling (QA round 26: three misspelt attendance-list names fell out of the
    funnel without a word)."""
    from pipeline.ingest.layout import VOCABULARY

    words = _name_words(name)
    own = _key_of(words)
    endings = sorted(VOCABULARY.get("company_name_endings", ()))
    near = set()
    for i, word in enumerate(words):
        if word == "&":
            continue
        forms = [word + e for e in endings]
        # a short word without its ending is no word ("on" of "Oy On"): only words of four letters or more
        forms += [word[: -len(e)] for e in endings if word.endswith(e) and len(word) - len(e) >= 3]
        near |= {_key_of(words[:i] + [form] + words[i + 1:]) for form in forms}
    return sorted(k for k in near if k and k != own)


def business_id_key(value: object) -> str:
    """A business ID in the canonical ``1234567-8`` form, or "" when the cell holds no business ID (blank,
    "-", "ei ole", "en tiedä"): such cells must not merge every company that wrote them."""
    from pipeline.privacy import normalise_business_id

    text = str(value or "").strip()
    if sum(c.isdigit() for c in text) < 6:
        return ""
    return normalise_business_id(text)
