"""Personal data out: keyed pseudonyms, scrubbed free text and the recognition of personal-data columns.

* ``scrub_text`` replaces e-mail addresses (also written ``pekka(at)example.fi``, ``pekka [at] example [dot] fi``),
  IBANs (check digits validated), phone numbers (Finnish and international forms), Finnish business IDs
  (Y-tunnus, only when the check digit validates), Finnish personal identity codes (henkilötunnus, only when the
  date and check character validate), IP addresses and person names (a known given name next to a known or
  surname-like family name: ``person_names.yaml``, from Faker's fi/sv/en lists, MIT) with ``[email]``,
  ``[iban]``, ``[phone]``, ``[business_id]``, ``[personal_id]``, ``[ip]`` and ``[name]``.
  Every pattern has bounded repetitions only, so the work per character is bounded whatever the text
  (``tests/test_hostile_privacy.py`` checks this on the compiled patterns).
* ``scrub_known_names`` takes the words of a file's person-name columns out of its answers; ``company_names`` and
  ``scrub_company_names`` its company names, whole (legal form or not), and of their single words only those no
  fi/sv/en dictionary knows ("Pellavasydän" goes, "Verkkokauppa" of "Kokkolan Verkkokauppa Oy" stays).
* ``pseudonym`` is an HMAC-SHA-256 of the value under a secret key: a plain hash of an e-mail or business ID
  could be recomputed by anyone who guesses the input, the keyed one cannot.
* ``personal_data_kind`` and ``is_business_id_column`` tell which export columns hold personal data.
"""
from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import hmac
import ipaddress
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pipeline.keys import unaccented

PLACEHOLDERS = {
    "email": "[email]", "phone": "[phone]", "business_id": "[business_id]",
    "personal_id": "[personal_id]", "ip": "[ip]", "iban": "[iban]", "name": "[name]", "address": "[address]",
    "id": "[id]", "url": "[url]",
}

_ANY_PLACEHOLDER = re.compile("|".join(re.escape(p) for p in PLACEHOLDERS.values()))


def removes_something(text: Any) -> bool:
    """Whether ``text`` holds a placeholder of removed personal data (``[email]``, ``[phone]`` …): such an
    answer is quoted only when no other answer says as much."""
    return isinstance(text, str) and bool(_ANY_PLACEHOLDER.search(text))


# Bounded repetitions everywhere (RFC 5321 limits: 64 characters before the @, labels of 63): an unbounded
# ``[\w.]+@`` tried at every position of a 200 KB answer is quadratic.
_AT = "[@\uff20\ufe6b]"          # "@", and the full-width and small forms that look the same on screen
_EMAIL = re.compile(r"[\w.%+-]{1,64}" + _AT + r"[\w-]{1,63}(?:\.[\w-]{1,63}){0,8}\.[A-Za-z]{2,24}")
# obfuscated: pekka(at)example.fi, pekka [at] example [dot] fi, pekka @ example.fi, pekka at example dot fi,
# pekka%40example.fi and pekka&#64;example.fi (URL- and HTML-encoded), pekka@example . fi (spaced dots)
_AT_BRACKET = r"\s{0,2}[(\[{<]\s{0,2}(?:at|ät|a|@|miukumauku)\s{0,2}[)\]}>]\s{0,2}"
_AT_ENCODED = r"%40|&#0{0,3}64;|&#x0{0,3}40;|&commat;"
_DOT_ANY = r"(?:\s{0,2}\.\s{0,2}|\s{0,2}[(\[{<]\s{0,2}(?:dot|piste|punkt|\.)\s{0,2}[)\]}>]\s{0,2}|\s{1,2}(?:dot|piste|punkt)\s{1,2})"
_DOT_WORD = r"(?:\s{0,2}[(\[{<]\s{0,2}(?:dot|piste|punkt)\s{0,2}[)\]}>]\s{0,2}|\s{1,2}(?:dot|piste|punkt|\.)\s{1,2})"
_OBFUSCATED_EMAIL = re.compile(
    r"[\w.%+-]{1,64}(?:" + _AT_BRACKET + r"|\s{0,2}" + _AT + r"\s{0,2}|" + _AT_ENCODED + r")"
    r"[\w-]{1,63}(?:" + _DOT_ANY + r"[\w-]{1,63}){0,6}" + _DOT_ANY + r"[A-Za-z]{2,24}(?!\w)"
    r"|[\w.%+-]{1,64}\s{1,2}(?:at|ät)\s{1,2}[\w-]{1,63}(?:" + _DOT_WORD + r"[\w-]{1,63}){0,6}" + _DOT_WORD
    + r"[A-Za-z]{2,24}(?!\w)", re.IGNORECASE)
# "pekka at example.fi", "p.virtanen at yritys.fi": a bare "at" before a domain is an address only when what
# stands before it looks like a mailbox (a dot, digit or underscore inside it, or a given name), so that
# "look at hs.fi" and "meet at example.com" stay as written
_BARE_AT_EMAIL = re.compile(r"(?<![\w.%+-])([\w%+-]{1,64}(?:\.[\w%+-]{1,64}){0,3})\s{1,2}(?:at|ät)\s{1,2}"
                            r"([\w-]{1,63}(?:\.[\w-]{1,63}){0,6}\.[A-Za-z]{2,24})(?![\w.])", re.IGNORECASE)


def _replace_bare_at(match: re.Match) -> str:
    local = match.group(1)
    first, _ = person_names()
    if re.search(r"[.\d_]", local) or local.casefold() in first:
        return PLACEHOLDERS["email"]
    return match.group(0)


# "name@gmail. Com": a space typed after the dot (QA round 12) is an address too, found by _OBFUSCATED_EMAIL
_OBFUSCATED_QUICK = re.compile(r"[(\[{<]\s{0,2}(?:at|ät|a|@|miukumauku)\s{0,2}[)\]}>]|\s@|@\s|\s(?:at|ät)\s"
                               r"|[\uff20\ufe6b]|@[\w-]{1,63}\s{1,2}\.|@[\w-]{1,63}\.\s{1,2}[A-Za-z]|"
                               + _AT_ENCODED,
                               re.IGNORECASE)
# IBAN: two letters, two check digits, 11 to 30 letters or digits, printed in groups of four or compact;
# replaced when the ISO 13616 check (mod 97) holds, or a Finnish one has the right length (a mistyped account
# number is still an account number)
_IBAN = re.compile(r"(?<![A-Za-z0-9])([A-Z]{2} ?\d{2}|[A-Za-z]{2}\d{2})((?:[ -]?[A-Za-z0-9]{4}){2,7}(?:[ -]?[A-Za-z0-9]{1,3})?)"
                   r"(?![A-Za-z0-9])")
# henkilötunnus: DDMMYY, century sign, individual number NNN, check character
_HETU = re.compile(r"(?<![\w-])(\d{2})(\d{2})(\d{2})([-+ABCDEFYXWVU])(\d{3})([0-9A-Za-z])(?![\w])")
_HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
_HETU_CENTURY = {"+": 1800, "-": 1900, "Y": 1900, "X": 1900, "W": 1900, "V": 1900, "U": 1900,
                 "A": 2000, "B": 2000, "C": 2000, "D": 2000, "E": 2000, "F": 2000}
# Y-tunnus 1234567-8 (older IDs written with six digits get a leading zero), and the VAT form FI12345678
# every dash a business ID is typed or pasted with: a hyphen, Word's en / em dash, a minus sign, a non-breaking or
# soft hyphen, a full-width one ("1234567–8" from an e-mail keyed another company than "1234567-8": QA round 31 F11)
ID_DASHES = "\\-\u00ad\u2010-\u2015\u2212\ufe63\uff0d"
_YTUNNUS = re.compile(rf"(?<![\w{ID_DASHES}])(\d{{6,7}})\s?[{ID_DASHES}]\s?(\d)(?![\w{ID_DASHES}])")
_VAT = re.compile(r"(?<![\w])FI\s?(\d{7})(\d)(?![\w])", re.IGNORECASE)
_Y_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)
_IPV4 = re.compile(r"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.])")
_IPV6 = re.compile(r"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])")
# phones: +358 40 123 4567, 00358 40 1234567, 040-123 4567, (09) 1234 5678, +1 (555) 123-4567, 0401234567;
# never the seconds of a clock time glued to its minutes ("08:00:00.000-00:00", KoboToolbox's time of day with
# its zone: issue 12 round 28, where "00.000-00" became a phone)
_PHONE = re.compile(
    r"(?<![\w+])(?<!\d:)(?:(?:\+|00)\d{1,3}[\s.-]?(?:\(0\)\s?)?\(?|\(0\d{1,3}\)\s?|0)\d(?:[\s.-]?\(?\d\)?){5,12}(?!\w)")
# a Finnish number that lost its "+" in a spreadsheet (358401234567), and 040/1234567 (no date has 5+ digits
# after its first slash)
_PHONE_MORE = re.compile(r"(?<![\w+])(?:358\d{8,10}|0\d{1,3}\s?/\s?(?:\d{5,8}|\d{3}[\s-]\d{3,4}|\d{2}[\s-]\d{2}[\s-]\d{2,3}))"
                         r"(?![\w/])")
# a North American / Caribbean number written the local way, without a leading 0 or +: "571-7879",
# "(246) 571-7879", "246-571-7879" (the exchange starts 2-9; the hyphen before the last four digits is required)
_PHONE_NANP = re.compile(r"(?<![\w.,/-])(?:\(\d{3}\)\s?|\d{3}[-.\s])?([2-9]\d{2})-(\d{4})(?![\w.,/-])")
# what any pattern needs: an "@", six digits in a row, digits split by a separator, or a leading + or (
_QUICK = re.compile(r"[@\uff20\ufe6b]|\d{6}|\d[\s.()/:-]{1,4}\d|[+(]\s?\d|:[0-9A-Fa-f]{0,4}:")


# what XML 1.0 cannot carry (C0 controls but tab, LF, CR; U+FFFE/U+FFFF; lone surrogates), plus DEL and the
# C1 controls: removed from every cell at ingest, so that no report writer refuses the whole report for one
NON_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """Return ``text`` without the characters of ``NON_XML``."""
    return NON_XML.sub("", text) if isinstance(text, str) else text


def pseudonym(value: str, key: bytes) -> str:
    """Return the keyed pseudonym of ``value``: HMAC-SHA-256 under ``key``, hex, first 16 characters."""
    return hmac.new(key, str(value).encode("utf-8"), hashlib.sha256).hexdigest()[:16]


def is_valid_business_id(text: str) -> bool:
    """True when ``text`` is a Finnish business ID (Y-tunnus, ``1234567-8`` or ``FI12345678``) whose check
    digit validates."""
    digits = re.sub(rf"[\s{ID_DASHES}]", "", text.strip().upper().removeprefix("FI"))
    if not digits.isdigit() or len(digits) not in (7, 8):
        return False
    digits = digits.zfill(8)
    return _business_check(digits[:7]) == int(digits[7])


def _business_check(body: str) -> int:
    remainder = sum(int(d) * w for d, w in zip(body, _Y_WEIGHTS)) % 11
    if remainder == 1:
        return -1          # no valid check digit exists for this body
    return 0 if remainder == 0 else 11 - remainder


def normalise_business_id(text: str) -> str:
    """Return a business ID in the canonical ``1234567-8`` form (so that ``FI12345678`` and ``1234567-8``
    pseudonymise alike); anything that is not a business ID comes back stripped and upper-cased."""
    digits = re.sub(rf"[\s{ID_DASHES}]", "", str(text).strip().upper().removeprefix("FI"))
    if digits.isdigit() and len(digits) in (7, 8):
        digits = digits.zfill(8)
        return f"{digits[:7]}-{digits[7]}"
    return str(text).strip().upper()


def is_valid_personal_id(text: str) -> bool:
    """True when ``text`` is a Finnish personal identity code (henkilötunnus) with a real date and a
    matching check character."""
    match = _HETU.fullmatch(text.strip())
    return bool(match) and _hetu_ok(match)


def _hetu_ok(match: re.Match) -> bool:
    dd, mm, yy, sign, nnn, check = match.groups()
    try:
        _dt.date(_HETU_CENTURY[sign.upper()] + int(yy), int(mm), int(dd))
    except (ValueError, KeyError):
        return False
    return _HETU_CHECK[int(dd + mm + yy + nnn) % 31] == check.upper()


def _replace_hetu(match: re.Match) -> str:
    return PLACEHOLDERS["personal_id"] if _hetu_ok(match) else match.group(0)


def _replace_ytunnus(match: re.Match) -> str:
    body = match.group(1).zfill(7)
    return PLACEHOLDERS["business_id"] if _business_check(body) == int(match.group(2)) else match.group(0)


def _replace_vat(match: re.Match) -> str:
    return PLACEHOLDERS["business_id"] if _business_check(match.group(1)) == int(match.group(2)) else match.group(0)


def _replace_ipv6(match: re.Match) -> str:
    try:
        ipaddress.IPv6Address(match.group(0))
    except ValueError:
        return match.group(0)
    return PLACEHOLDERS["ip"]


def _replace_phone(match: re.Match) -> str:
    if _YTUNNUS.fullmatch(match.group(0)):
        return match.group(0)       # shaped like a business ID whose check digit failed: not a phone either
    n_digits = sum(ch.isdigit() for ch in match.group(0))
    return PLACEHOLDERS["phone"] if 7 <= n_digits <= 15 else match.group(0)


def iban_ok(text: str) -> bool:
    """True when ``text`` (spaces and hyphens allowed) is an IBAN whose ISO 13616 check digits validate."""
    compact = re.sub(r"[ -]", "", text).upper()
    if not (15 <= len(compact) <= 34 and compact[:2].isalpha() and compact[2:4].isdigit() and compact.isalnum()):
        return False
    digits = "".join(str(int(ch, 36)) for ch in compact[4:] + compact[:4])
    return int(digits) % 97 == 1


def _replace_iban(match: re.Match) -> str:
    whole = match.group(0)
    compact = re.sub(r"[ -]", "", whole).upper()
    if iban_ok(whole) or (compact.startswith("FI") and len(compact) == 18 and compact[2:].isdigit()):
        return PLACEHOLDERS["iban"]
    # the groups may have run on into a following code: try the IBAN without its last group or two
    parts = re.split(r"([ -])", whole)
    for cut in (2, 4):
        if len(parts) > cut and iban_ok("".join(parts[:-cut])):
            return PLACEHOLDERS["iban"] + "".join(parts[-cut:])
    return whole


def scrub_text(text: str) -> str:
    """Return ``text`` with e-mail addresses (plain and obfuscated), IBANs, valid henkilötunnus codes, valid
    business IDs, IP addresses, phone numbers and person names replaced by ``[email]``, ``[iban]``,
    ``[personal_id]``, ``[business_id]``, ``[ip]``, ``[phone]`` and ``[name]``, and panel, device and UUID ids
    (the shapes a column of ids is found by) by ``[id]``.

    The order matters: identity, account and business codes are replaced before phones so that their digits
    are not taken for a phone number. Text that holds nothing any pattern could match is returned as it is.
    Every pattern's repetitions are bounded, so the time taken grows linearly with the length of ``text``.
    """
    if not isinstance(text, str):
        return text
    return _scrubbed(text)


def scrub_value(value):
    """Return ``value`` (a string, or lists, tuples and dicts of them; other values as they are) with personal
    data scrubbed from every string; a string holding a ``/`` is taken for a path (``scrub_path``)."""
    if isinstance(value, str):
        return scrub_path(value) if "/" in value else scrub_text(value)
    if isinstance(value, (list, tuple)):
        return [scrub_value(v) for v in value]
    if isinstance(value, dict):
        return {k: scrub_value(v) for k, v in value.items()}
    return value


def scrub_path(path: str) -> str:
    """Return a file name or ``/``-separated path with personal data scrubbed from each part, the file's
    extension kept: ``data/Kaisa Korhonen pekka@example.fi.csv`` becomes ``data/[name] [email].csv`` (a
    form export is often named after the person who downloaded it)."""
    parts = str(path).split("/")
    stem, dot, suffix = parts[-1].rpartition(".")
    if dot and stem and 1 <= len(suffix) <= 5 and suffix.isalnum():
        parts[-1] = scrub_text(clean_text(stem)) + "." + suffix
    else:
        parts[-1] = scrub_text(clean_text(parts[-1]))
    return "/".join([scrub_text(clean_text(part)) for part in parts[:-1]] + [parts[-1]])


@functools.lru_cache(maxsize=1)
def _profile_pattern() -> re.Pattern:
    """A link to a person's profile on a social network (``profile_links`` of ``ingest_vocabulary.yaml``), with or
    without its scheme and subdomain: "https://www.linkedin.com/in/pekka-virtanen-123", "facebook.com/pekka.v.77",
    "x.com/@pekkav"; a site's own pages ("facebook.com/groups/…", "linkedin.com/company/…") are not."""
    from pipeline.io import shipped_yaml

    vocab = shipped_yaml("ingest_vocabulary.yaml")["profile_links"]
    site = _alternatives(vocab.get("site_pages", []))
    handle = r"@?[\w%](?:[\w.%-]{0,98}[\w%])?"
    # the rest of the link (a trailing "/", "?locale=fi", a sub-page) but not the sentence's closing punctuation
    rest = r"(?:[/?#][^\s<>\"'()\[\],;]{0,300}[^\s<>\"'()\[\],;.!?:])?/?"
    forms = [rf"{_host(host)}/(?:{_alternatives(parts)})/{handle}" for host, parts in vocab.get("after_part", {}).items()]
    first = "|".join(_host(h) for h in vocab.get("first_part", []))
    if first:
        forms.append(rf"(?:{first})/(?!(?:{site})(?:[/?#\s]|$))(?=[\w%@]){handle}" if site
                     else rf"(?:{first})/{handle}")
    return re.compile(rf"(?<![\w.@/-])(?:https?://)?(?:[\w-]{{1,30}}\.)?(?:{'|'.join(forms)}){rest}",
                      re.IGNORECASE)


def _host(host: str) -> str:
    return re.escape(str(host).lower())


def _scrub_profiles(text: str) -> str:
    """``text`` with each link to a person's social-network profile (``_profile_pattern``) as ``[url]``."""
    return _profile_pattern().sub(PLACEHOLDERS["url"], text) if "/" in text else text


@functools.lru_cache(maxsize=1 << 16)
def _scrubbed(text: str) -> str:
    # answers repeat (the same short answer from many respondents): each distinct text is scrubbed once
    text = _scrub_profiles(text)
    if _OBFUSCATED_QUICK.search(text):
        text = _OBFUSCATED_EMAIL.sub(PLACEHOLDERS["email"], text)
        text = _BARE_AT_EMAIL.sub(_replace_bare_at, text)
    if _ID_QUICK.search(text):
        text = _ID_IN_TEXT.sub(PLACEHOLDERS["id"], text)
    if _QUICK.search(text):
        text = _scrub_codes(text)
    if _DIGIT.search(text):
        text = _scrub_addresses(text)
    return scrub_signatures(scrub_contact_names(scrub_names(text)))


@functools.lru_cache(maxsize=1)
def _signature_pattern() -> re.Pattern:
    """A sign-off ("terveisin", "hälsningar", "regards": ``person_names.yaml`` signature_labels) and the one or two
    capitalised words after it, the signer's name."""
    from pipeline.io import shipped_yaml

    labels = sorted((str(w) for w in shipped_yaml("person_names.yaml").get("signature_labels", [])), key=len,
                    reverse=True)
    word = r"[^\W\d_][^\W\d_'’-]{0,39}"
    return re.compile(r"(?i:(?<![^\W\d_])(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s{1,2}") for w in labels)
                      + rf"))[,:]?[ \t\n]{{1,3}}(?P<run>(?-i:[A-ZÅÄÖÉÜ]){word}(?:[ \t]{{1,2}}(?-i:[A-ZÅÄÖÉÜ]){word})?)"
                      r"(?=[ \t]{0,3}(?:[/,;|()\n.!?-]|$))")


def scrub_signatures(text: str) -> str:
    """Return ``text`` with the name signed after a sign-off replaced by ``[name]``: "terveisin Tuula / Kotileipomo"
    (QA round 24: a signature is a contact label without its colon)."""
    if not isinstance(text, str) or not text:
        return text
    pattern = _signature_pattern()
    return pattern.sub(lambda m: m.group(0)[:m.start("run") - m.start()] + PLACEHOLDERS["name"]
                       + m.group(0)[m.end("run") - m.start():], text)


_DIGIT = re.compile(r"\d")
_ADDRESS: list = []          # the English/Nordic pattern, the es/pt/fr/it one, the not_street_names


def _address_pattern() -> re.Pattern:
    """Street addresses (``addresses`` of ``ingest_vocabulary.yaml``): "13 Cherry Ave", "#8 WARICK LANE", "Lot 160
    Ealing Road" (a house number, one to three capitalised words, a street word) and "Hämeenkatu 12 A 3",
    "Storgatan 5" (a capitalised word ending in a street word, then the number); and the Spanish, Portuguese,
    French and Italian forms (``_latin_address_pattern``)."""
    if not _ADDRESS:
        from pipeline.io import shipped_yaml

        vocab = shipped_yaml("ingest_vocabulary.yaml")["addresses"]
        words = "|".join(sorted((re.escape(str(w)) for w in vocab["street_words"]), key=len, reverse=True))
        endings = "|".join(sorted((re.escape(str(w)) for w in vocab["street_endings"]), key=len, reverse=True))
        _ADDRESS.append(re.compile(
            r"(?<![\w#])(?:(?i:no|apt|lot)\.?\s{0,2})?(?:#\s{0,2})?\d{1,5}[A-Za-z]?,?\s{1,2}"
            r"(?:[A-ZÅÄÖÜ][\w'’-]{0,30}\.?\s{1,2}){1,3}(?i:" + words + r")(?![\w'’-])\.?"
            r"|(?<![\w-])[A-ZÅÄÖÜ][\w-]{0,40}(?i:" + endings + r")\s{1,2}\d{1,4}(?:\s?[A-Za-z](?![\w]))?"
            r"(?:\s{1,2}\d{1,3}(?![\w.,]\d))?(?![\w])"))
        _ADDRESS.append(_latin_address_pattern(vocab))
        _ADDRESS.append(frozenset(str(w).casefold() for w in vocab["not_street_names"]))
    return _ADDRESS[0]


def _alternatives(words) -> str:
    return "|".join(sorted((re.escape(str(w)) for w in words), key=len, reverse=True))


_UPPER = "A-ZÀ-ÖØ-Þ"         # a capital letter of the Latin alphabets (Ñ, É, Ç …)


def _latin_address_pattern(vocab) -> re.Pattern:
    """Spanish, Portuguese, French and Italian street addresses, three forms (words of ``addresses``):

    * ``street`` — a street-type word, the street's name (capitalised words, the lower-case particles between),
      the house number: "Avenida Quilín 7100", "Av. Padre Hurtado Sur 875", "Rua das Flores, 45", "Via Roma 10";
      what follows the number must end the address (punctuation, the end, a capitalised word or a flat word);
    * ``named`` — a name of one to three capitalised words, a house number of two to five digits (no year), a
      comma, then a flat, floor or office and its number ("Los Cerezos 33, departamento 606") or a place
      (capitalised words ending the clause: "Apoquindo 5950, Providencia"); the place stays as written, and the
      word before the number must be none of ``not_street_names`` (``_replace_latin``: "Nivel 10, Excelente");
    * ``first`` — the French order, the number first: "12 rue de la Paix", "3, avenue Foch".
    A flat after the address ("…, depto 5") is taken along."""
    cap = rf"(?:[dlDL]['’])?[{_UPPER}][\w'’-]{{0,30}}\.?"
    part = rf"(?:{_alternatives(vocab['street_name_particles'])})"
    name = rf"(?:{part}\s{{1,2}}){{0,2}}{cap}(?:\s{{1,2}}(?:{part}\s{{1,2}}){{0,2}}{cap}){{0,4}}"
    unit = rf"(?i:{_alternatives(vocab['unit_words'])})\.?\s{{0,2}}(?:(?i:n[º°o])\.?\s{{0,2}})?" \
           r"(?:\d{1,5}[A-Za-z]?|[A-Za-z])(?![\w.,]\d|\w)"
    types = "|".join(re.escape(str(t)) + (r"\.?" if str(t)[-1].isalnum() else "")
                     for t in sorted(vocab["street_types"], key=lambda t: len(str(t)), reverse=True))
    number = r"(?:(?:(?i:n[º°o]|nro|núm)\.?|#)\s{0,2})?\d{1,5}(?:\s?[A-Za-z](?!\w))?(?![\w.,]\d|\w)"
    ends = rf"(?=\s{{0,2}}(?:$|[,.;:)/*\n–-]|(?i:{_alternatives(vocab['unit_words'])})\b|[{_UPPER}]))"
    street = rf"(?<![\w/])(?i:{types})(?:(?<=[./])\s{{0,2}}|\s{{1,2}}){name},?\s{{1,2}}{number}{ends}" \
             rf"(?:,?\s{{1,2}}{unit})?"
    place = rf"(?:{part}\s{{1,2}})?[{_UPPER}][\w'’-]{{1,30}}(?:\s{{1,2}}[{_UPPER}][\w'’-]{{0,30}}){{0,2}}" \
            r"\s{0,2}(?:$|[,.;:)*\n])"
    short_name = rf"[{_UPPER}][\w'’-]{{0,30}}(?:\s{{1,2}}(?:{part}\s{{1,2}})?[{_UPPER}][\w'’-]{{0,30}}){{0,2}}"
    named = rf"(?<![\w.,#/-])(?P<named>{short_name})\s{{1,2}}(?!(?:19|20)\d\d(?!\d))\d{{2,5}}" \
            rf"(?:\s?[A-Za-z](?!\w))?(?:,\s{{1,2}}{unit}|(?=,\s{{1,2}}{place}))"
    first_types = _alternatives(vocab["street_types_number_first"])
    first = rf"(?<![\w.,/-])\d{{1,4}}(?:\s?(?i:bis|ter))?,?\s{{1,2}}(?i:{first_types})\.?\s{{1,2}}" \
            rf"(?:{part}\s{{1,2}}){{0,2}}{cap}(?:\s{{1,2}}(?:{part}\s{{1,2}}){{0,2}}{cap}){{0,3}}(?![\w'’-])"
    return re.compile(f"{street}|{first}|{named}")


_LATIN_STOP_WORDS: set[str] = set()


def _replace_latin(match: re.Match) -> str:
    named = match.group("named")
    if named:
        word = named.split()[-1].rstrip(".").casefold()
        if not _LATIN_STOP_WORDS:
            import stopwordsiso

            for lang in ("es", "pt", "fr", "it", "en"):
                _LATIN_STOP_WORDS.update(w.casefold() for w in stopwordsiso.stopwords(lang))
        if word in _ADDRESS[2] or word in _LATIN_STOP_WORDS or _common_word(word):
            # "Nivel 10, Excelente", "Windows 10, Linux", "Tengo 33, Soltero": a word that takes a number
            return match.group(0)
    return PLACEHOLDERS["address"]


def _scrub_addresses(text: str) -> str:
    text = _address_pattern().sub(PLACEHOLDERS["address"], text)
    return _ADDRESS[1].sub(_replace_latin, text)


# the id shapes a whole column is taken for personal data by (_PANEL_ID, _UUID, _DEVICE_ID below), inside free
# text: a respondent who pasted their Prolific id as an answer ("627a86f8b9a98a5c46bf74ec") named themselves to
# anyone holding the panel's list (QA round 13). A 24-hex token needs a digit, so no word of a-f letters is one.
_ID_IN_TEXT = re.compile(r"(?<![\w-])(?:(?=[a-f]{0,23}\d)[0-9a-f]{24}"
                         r"|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
                         r"|(?:imei|android_id|deviceid|uuid)[:_][\w:.-]{6,200})(?![\w-])", re.IGNORECASE)
_ID_QUICK = re.compile(r"[0-9a-fA-F]{8}|imei|android_id|deviceid|uuid", re.IGNORECASE)


def _scrub_codes(text: str) -> str:
    text = _EMAIL.sub(PLACEHOLDERS["email"], text)
    text = _IBAN.sub(_replace_iban, text)
    text = _HETU.sub(_replace_hetu, text)
    text = _YTUNNUS.sub(_replace_ytunnus, text)
    text = _VAT.sub(_replace_vat, text)
    text = _IPV4.sub(PLACEHOLDERS["ip"], text)
    if ":" in text:
        text = _IPV6.sub(_replace_ipv6, text)
    text = _PHONE.sub(_replace_phone, text)
    text = _PHONE_NANP.sub(_replace_nanp, text)
    return _PHONE_MORE.sub(PLACEHOLDERS["phone"], text)


def _replace_nanp(match: re.Match) -> str:
    # "250-1000", "500-2500": a range of round amounts, not a number to call; "501-1000", a size band that starts
    # one past a round number and ends on hundreds ("Cantidad de empleados", issue 12 round 26), neither
    low, high = match.group(1), match.group(2)
    if low.endswith("0") and high.endswith("0") \
            or low.endswith("1") and high.endswith("00") and match.group(0) == f"{low}-{high}":
        return match.group(0)
    return PLACEHOLDERS["phone"]


# --- person names in free text ---------------------------------------------------------------------------
_NAME_WORD = re.compile(r"[^\W\d_]{1,40}(?:[-'’][^\W\d_]{1,40}){0,2}")
# family names shaped like Finnish or Swedish surnames, for names not in the lists
_SURNAME_ENDINGS = ("nen", "sson", "berg", "ström", "lund", "qvist", "kvist", "gren", "holm", "dahl", "stedt",
                    "mäki", "niemi", "koski", "lahti", "järvi", "salo", "virta", "vaara", "ranta", "kallio",
                    "vuori", "aho", "lehto", "oja")
_NAMES: dict[str, frozenset[str]] = {}


def person_names() -> tuple[frozenset[str], frozenset[str]]:
    """The given names and family names (lower case) of ``pipeline/person_names.yaml`` (fi, sv, en; taken
    from Faker, MIT licence) together with the hand-written given names of ``ingest_vocabulary.yaml``."""
    if not _NAMES:
        from pipeline.io import shipped_yaml

        shipped = shipped_yaml("person_names.yaml")
        vocab = shipped_yaml("ingest_vocabulary.yaml")
        first = {str(n).casefold() for names in shipped["first_names"].values() for n in names}
        first |= {str(n).casefold() for names in vocab.get("first_names", {}).values() for n in names}
        last = {str(n).casefold() for names in shipped["last_names"].values() for n in names}
        _NAMES["first"], _NAMES["last"] = frozenset(first), frozenset(last)
    return _NAMES["first"], _NAMES["last"]


def _parts(word: str) -> list[str]:
    return [w for w in re.split(r"[-'’]", word.casefold()) if w]


_CASE_ENDING_MAX = 5        # Finnish case endings on a name: Kaisa-lle, Mattila-sta, Korhose-lle (-nen → -se-)


# Finnish case endings (and clitic -kin) a name takes, and the Swedish/English genitive -s: only these are cut,
# so that an English word is not read as a name plus an ending ("Friday" is no "Frida" + y)
_CASE_ENDINGS = frozenset({
    "n", "s", "a", "ä", "ta", "tä", "na", "nä", "ksi", "ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä",
    "lle", "an", "en", "in", "on", "un", "yn", "än", "ön", "han", "hen", "hin", "hon", "hun", "hyn", "hän", "hön",
    "seen", "kin", "nkin", "llekin", "lla", "ine", "ineen"})
# the stem of a -nen family name: Korhose-lle, Korhos-ta, Korhose-en (Korhonen)
_NEN_ENDINGS = _CASE_ENDINGS | {"e" + e for e in _CASE_ENDINGS}


def _known(word: str, names: frozenset[str]) -> bool:
    """``word`` is one of ``names``, or one of them with a Finnish case ending (``Kaisalle``, ``Korhoselle``
    for Korhonen, ``Niemisen``) or a genitive -s: the name is the word less an ending of at most five
    letters."""
    if word in names:
        return True
    # a name typed without its accents or with them where the list has none ("Velásquez" for Velasquez, issue 12
    # round 24; "Hamalainen" for Hämäläinen): the same name
    plain = unaccented(word)
    if plain != word and plain in names:
        return True
    for cut in range(1, min(_CASE_ENDING_MAX, len(word) - 3) + 1):
        stem, ending = word[:-cut], word[-cut:]
        if (ending in _CASE_ENDINGS and stem in names) or \
                (ending in _NEN_ENDINGS and stem.endswith("s") and stem[:-1] + "nen" in names):
            return True
    return False


def _is_first(word: str, first: frozenset[str]) -> bool:
    parts = _parts(word)
    return bool(parts) and all(_known(w, first) for w in parts)


def _is_last(word: str, last: frozenset[str], shaped: bool = True) -> bool:
    parts = _parts(word)
    if any(_known(w, last) for w in parts):
        return True
    return shaped and len(word) >= 5 and word.casefold().endswith(_SURNAME_ENDINGS)


def _capitalised(word: str) -> bool:
    return word[0].isupper() and (word[1:].islower() or word.isupper() or "-" in word)


def scrub_names(text: str) -> str:
    """Return ``text`` with person names replaced by ``[name]``: two or more neighbouring capitalised words
    where a known given name is followed by a known (or surname-shaped: -nen, -sson, -berg …) family name,
    or a known family name by a known given name ("Korhonen Kaisa", "Korhonen, Kaisa"); further given names
    before and family names after are taken along. Typed in lower case ("kaisa korhonen"), a known given name
    followed by a known family name of a Finnish or Swedish shape counts too, and so does an initial before a
    known family name ("K. Korhonen"). A given name alone is left (many are also words: Onni, Satu, Per, May)."""
    if not isinstance(text, str) or not any(ch.isalpha() for ch in text):
        return text
    first, last = person_names()
    words = list(_NAME_WORD.finditer(text))
    if len(words) < 2:
        return text
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(words) - 1:
        a, b = words[i], words[i + 1]
        wa, wb = a.group(0), b.group(0)
        gap = text[a.end():b.start()]
        span = _name_pair(text, words, i, gap, first, last)
        if span is None:
            span = _initialled_name(text, words, i, first)
        if span is None and len(wa) == 1 and wa.isupper() and _INITIAL_GAP.fullmatch(gap) \
                and _capitalised(wb) and _is_last(wb, last, shaped=False):
            span = (i, i + 1)                     # "K. Korhonen"
        if span is None and len(wb) == 1 and wb.isupper() and gap in (" ", "\xa0") and _capitalised(wa) \
                and wa.casefold() in first and _INITIAL_AFTER.match(text, b.end()):
            span = (i, i + 1)                     # "Stefan G. från", "Jari M:ään" (QA round 24)
        if span is None:
            span = _titled_name(text, words, i)   # "Herr Sucur": the title stays, the name goes
            if span is not None and span[0] + 1 < len(words):
                # a name longer than the title's one or two words ("el profesor Jorge Luis Velásquez")
                pair = _name_pair(text, words, span[0], text[words[span[0]].end():words[span[0] + 1].start()],
                                  first, last)
                if pair is not None and pair[1] > span[1]:
                    span = (span[0], pair[1])
        if span is None:
            i += 1
            continue
        spans.append((words[span[0]].start(), words[span[1]].end()))
        i = span[1] + 1
    return _names_replaced(text, spans)


# a name-like word beside contact details: letters only (hyphen or apostrophe inside), two letters or more
_CONTACT_WORD = r"[^\W\d_]{2,40}(?:[-'’][^\W\d_]{1,40}){0,2}"
_CONTACT_RUN = rf"{_CONTACT_WORD}(?:[ \t]{{1,2}}{_CONTACT_WORD}){{0,2}}"
_CONTACT_PLACEHOLDER = r"\[(?:email|phone)\]"
# what ends a name beside contact details: a separator, another placeholder or the end of the answer (a longer
# run of words is a sentence, not a name)
_CONTACT_END = r"(?=[ \t]{0,3}(?:[/,;|()\n.!?]|\[|$))"
_CONTACT_GAP = r"[ \t/,;:|()\-–—]{0,6}"
_AFTER_CONTACT = re.compile(
    rf"(?P<anchor>{_CONTACT_PLACEHOLDER})(?P<gap>{_CONTACT_GAP})(?P<run>{_CONTACT_RUN}){_CONTACT_END}")
# before a name: the answer's start or a separator; not a full stop, which ends abbreviations ("ST. JOHN, …" is a
# parish in an address, "Dr." a title scrub_names reads)
_BEFORE_CONTACT = re.compile(rf"(?:^|(?<=[/,;|()\n!?:]))(?P<lead>[ \t]{{0,3}})(?P<run>{_CONTACT_RUN})"
                             rf"(?P<gap>{_CONTACT_GAP})(?={_CONTACT_PLACEHOLDER})")


@functools.lru_cache(maxsize=1)
def _contact_vocabulary() -> tuple[re.Pattern, frozenset[str]]:
    """The pattern of a contact label and its colon followed by a name (``Nom: Jean Dupont``), and the words
    that are no name beside contact details (``person_names.yaml``: contact_labels, contact_not_names)."""
    from pipeline.io import shipped_yaml

    shipped = shipped_yaml("person_names.yaml")
    labels = sorted((str(w) for w in shipped.get("contact_labels", [])), key=len, reverse=True)
    not_names = frozenset(str(w).casefold() for words in shipped.get("contact_not_names", {}).values()
                          for w in words)
    label = re.compile(r"(?i:(?<![^\W\d_])(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s{1,2}") for w in labels)
                       + rf"))\s{{0,2}}:[ \t]{{0,3}}(?P<run>{_CONTACT_RUN}){_CONTACT_END}")
    return label, not_names


def _contact_name(run: str, not_names: frozenset[str], labelled: bool = False) -> bool:
    """True when ``run`` (one to three words beside contact details) reads as a person's name: no word is on the
    not-names list and each is capitalised, upper-case or lower-case; after a contact label ("Nom:", ``labelled``)
    that is enough. Beside a placeholder, where a request to get in touch ("Ota yhteyttä [email]"), a time
    ("[phone] after six") or a town ("Kokkola, [phone]") stands too, two or three capitalised words are a name
    ("Jean Dupont, [phone]"); one word alone, or words typed in lower case, only with a known given or family
    name among them ("[email] / michel mafimba")."""
    words = run.split()
    if any(w.casefold() in not_names for w in words):
        return False
    if not all(_capitalised(w) or w.islower() or w.isupper() for w in words):
        return False
    if labelled or (len(words) > 1 and not any(w.islower() for w in words)):
        return True
    first, last = person_names()
    return any(w.casefold() in first or w.casefold() in last for w in words)


def scrub_contact_names(text: str) -> str:
    """Return ``text`` with the name given beside contact details replaced by ``[name]``: in an answer holding an
    ``[email]`` or ``[phone]`` placeholder, a run of one to three name-like words right after or right before a
    placeholder (between it and a separator or the answer's end: "[email] / michel mafimba", "Jean Dupont,
    [phone]") or after a contact label and a colon ("Nom: Jean Dupont, tel: [phone]"). Answers without contact
    details are returned as they are (an answer naming a person without them is ``scrub_names``'s)."""
    if not isinstance(text, str) or "[" not in text or not re.search(_CONTACT_PLACEHOLDER, text):
        return text
    label, not_names = _contact_vocabulary()
    text = label.sub(functools.partial(_run_named, not_names=not_names, labelled=True), text)
    text = _AFTER_CONTACT.sub(functools.partial(_run_named, not_names=not_names, labelled=False), text)
    return _BEFORE_CONTACT.sub(functools.partial(_run_named, not_names=not_names, labelled=False), text)


def _run_named(match: re.Match, not_names: frozenset[str], labelled: bool) -> str:
    """The match with its ``run`` group replaced by ``[name]`` when the run reads as a name (``_contact_name``),
    else the match as it was."""
    whole = match.group(0)
    if not _contact_name(match.group("run"), not_names, labelled):
        return whole
    start, end = match.start("run") - match.start(), match.end("run") - match.start()
    return whole[:start] + PLACEHOLDERS["name"] + whole[end:]


_TITLE_GAP = re.compile(r"\.?[ \t]{1,3}")


def _titled_name(text: str, words: list, i: int) -> tuple[int, int] | None:
    """The span (word positions) of the name after a title (``titles`` of ``person_names.yaml``, as written:
    "Herr Sucur", "Frau Dr. Anna Meier", "Mr. Smith") at word ``i``: one or two capitalised words that are no
    common word, the second only when it directly follows the first; None when word ``i`` is no title or no such
    word follows. The title itself is no name and is not in the span."""
    if words[i].group(0) not in _titles():
        return None
    j = i + 1
    while j < len(words) and words[j].group(0) in _titles() \
            and _TITLE_GAP.fullmatch(text, words[j - 1].end(), words[j].start()):
        j += 1                                    # "Frau Dr. Meier": titles in a row
    if j >= len(words) or not _TITLE_GAP.fullmatch(text, words[j - 1].end(), words[j].start()):
        return None
    name = words[j].group(0)
    if len(name) < 2 or not _capitalised(name) or _common_word(name):
        return None
    end = j
    if j + 1 < len(words) and re.fullmatch(r"[ \t]{1,3}", text[words[j].end():words[j + 1].start()]) \
            and _capitalised(words[j + 1].group(0)) and len(words[j + 1].group(0)) >= 2 \
            and not _common_word(words[j + 1].group(0)):
        end = j + 1                               # "Frau Anna Meier"
    return j, end


@functools.lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    """The titles of ``person_names.yaml`` (``titles``), as written."""
    from pipeline.io import shipped_yaml

    return frozenset(str(t) for t in shipped_yaml("person_names.yaml").get("titles", []))


def name_words(cells: Iterable[str], no_name: Iterable[str] = ()) -> frozenset[str]:
    """Return the words of the names in ``cells`` (a column of person names: a respondent's name, an
    interviewer's), as written, that an answer of the same file may repeat ("Thanks! Xiuying Zhao"): words of
    two letters or more, without the stop words of fi/sv/en (von, de, Och) and the words of ``no_name``
    (what such a column holds when no name was given: "anonymous"; compared case-insensitively)."""
    skip = {w.casefold() for w in no_name}
    return frozenset(w.group(0) for c in cells if isinstance(c, str) for w in _NAME_WORD.finditer(c)
                     if len(w.group(0)) >= 2 and w.group(0).casefold() not in skip and not _common_word(w.group(0)))


def respondent_name_words(cells: Iterable[str], no_name: Iterable[str] = ()) -> frozenset[str]:
    """Return the words of ``cells`` as ``name_words`` does, for a column that names its respondent by a proper
    name or a handle the detector found by content ("ingame Username": "NanaKoala", "Primo_ist_Dichter"),
    without the stop words of any language read here (fi/sv/en and es/pt/fr/de/it/et): such a handle's words
    may be function words ("ist") that a name column's are not."""
    cells = [c for c in cells if isinstance(c, str)]
    words = {w for w in name_words(cells, no_name)
             if not (_any_stop_word(w) and (w.islower() or len(w) <= _HANDLE_STOP_MAX_LETTERS))}
    # a handle with digits or underscores ("Taru95", "Primo_ist_Dichter") is taken out whole as well
    # (``scrub_known_names`` matches such a word as written, any case)
    words |= {c.strip() for c in cells if _HANDLE.fullmatch(c.strip())}
    return frozenset(words)


_HANDLE = re.compile(r"(?=\S*[\d_])(?=\S*[^\W\d_])[\w.-]{3,40}")
_HANDLE_STOP_MAX_LETTERS = 3    # a capitalised stop word this short in a handle ("Ein810") is no name of its own


TITLED_FOLLOWER_MIN = 2     # answers in which one lower-case word follows the same titled given name
_FOLLOWER_MIN_LETTERS = 4
_OTHER_STOP_LANGUAGES = ("es", "pt", "fr", "de", "it", "et")


def titled_name_words(cells: Iterable[str]) -> frozenset[str]:
    """Return the words of the names that ``cells`` (a file's answers) give after a title (``titles`` of
    ``person_names.yaml``: "la profesora Diana", "el profesor Jorge Velasquez"; ``_titled_name``, with a longer
    name taken whole), as written, for ``scrub_known_names`` to take out of every answer of the file: the same
    person is often named later without the title ("y Jorge", "de Diana"; a coaches' log, issue 12 round 24).
    A lower-case word right after such a given name counts too when it follows it so in at least
    ``TITLED_FOLLOWER_MIN`` answers, has ``_FOLLOWER_MIN_LETTERS`` letters or more and is no function word of
    fi/sv/en or es/pt/fr/de/it/et: a family name typed in lower case ("Diana cotzajay", five times), where
    a verb after the name varies from answer to answer. Stop words are never returned."""
    titles = _titles()
    found: set[str] = set()
    followers: Counter = Counter()
    first, last = person_names()
    for cell in cells:
        if not isinstance(cell, str) or not any(t in cell for t in titles):
            continue
        words = list(_NAME_WORD.finditer(cell))
        seen: set = set()
        i = 0
        while i < len(words) - 1:
            span = _titled_name(cell, words, i)
            if span is None:
                i += 1
                continue
            pair = _name_pair(cell, words, span[0], cell[words[span[0]].end():words[span[0] + 1].start()],
                              first, last) if span[0] + 1 < len(words) else None
            if pair is not None and pair[1] > span[1]:
                span = (span[0], pair[1])
            found.update(w.group(0) for w in words[span[0]:span[1] + 1])
            after = span[1] + 1
            if after < len(words) and re.fullmatch(r"[ \t]{1,3}", cell[words[span[1]].end():words[after].start()]):
                word = words[after].group(0)
                key = (words[span[1]].group(0), word)
                if word.islower() and len(word) >= _FOLLOWER_MIN_LETTERS and not _any_stop_word(word) \
                        and key not in seen:
                    followers[key] += 1
                    seen.add(key)
            i = span[1] + 1
    found |= {word for (_, word), n in followers.items() if n >= TITLED_FOLLOWER_MIN}
    return frozenset(w for w in found if len(w) >= 2 and not _common_word(w))


_OTHER_STOP_WORDS: set[str] = set()


def _any_stop_word(word: str) -> bool:
    """``word`` is a stop word of fi/sv/en (``_common_word``) or of es, pt, fr, de, it or et (stopwords-iso)."""
    if _common_word(word):
        return True
    if not _OTHER_STOP_WORDS:
        import stopwordsiso

        for lang in _OTHER_STOP_LANGUAGES:
            _OTHER_STOP_WORDS.update(w.casefold() for w in stopwordsiso.stopwords(lang))
    return word.casefold() in _OTHER_STOP_WORDS


@functools.lru_cache(maxsize=4)
def _folded(words: frozenset[str]) -> frozenset[str]:
    # one file's names, folded once for all its answers (a frozenset keeps its hash: the look-up is cheap), also
    # without accents
    return frozenset(w.casefold() for w in words) | frozenset(unaccented(w.casefold()) for w in words)


def _names_replaced(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each of ``spans`` (start, end; in order, not overlapping) replaced by ``[name]``."""
    if not spans:
        return text
    out, pos = [], 0
    for start, end in spans:
        out.append(text[pos:start])
        out.append(PLACEHOLDERS["name"])
        pos = end
    out.append(text[pos:])
    return "".join(out)


def scrub_known_names(text: str, words: frozenset[str]) -> str:
    """Return ``text`` with every word of ``words`` (``name_words`` of the file's name columns) replaced by
    ``[name]``, neighbouring ones as one: capitalised or upper-case in the text whatever the column's case, lower
    case where the column wrote the name so too (a lower-case "white paper" stays for a "White" in the column).
    """
    if not isinstance(text, str) or not words:
        return text
    found = _known_name_words(text, words)
    if not found:
        return text
    out, pos = [], 0
    for m in found:
        if out and out[-1] == PLACEHOLDERS["name"] and not text[pos:m.start()].strip():
            pos = m.end()          # "Xiuying Zhao": one placeholder for the whole name
            continue
        out.append(text[pos:m.start()])
        out.append(PLACEHOLDERS["name"])
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def _known_name_words(text: str, words: frozenset[str]) -> list["_Span"]:
    """The words of ``text`` that ``scrub_known_names`` replaces."""
    folded = _folded(words)

    def known(word: str) -> bool:
        # with or without accents ("Velasquez" in one answer, "Velásquez" in another)
        return word in words or ((word.casefold() in folded or unaccented(word.casefold()) in folded)
                                 and (word[0].isupper() or word.isupper()))

    def known_or_genitive(word: str) -> bool:
        # a name with a genitive or possessive "s" ("Aquilas Videos", "Anna's", "Annas bil") is the name
        if known(word):
            return True
        stem = re.sub(r"(?:['’]s|s)$", "", word)
        return stem != word and len(stem) >= 3 and word[0].isupper() and known(stem)

    spans = []
    for m in _NAME_WORD.finditer(text):
        if known_or_genitive(m.group(0)):
            spans.append((m.start(), m.end()))
        elif "-" in m.group(0):
            # a name in a compound ("Antifa-RogerRoger", "Nokia-Mikko"): the name part alone
            at = m.start()
            for part in m.group(0).split("-"):
                if len(part) >= 3 and known_or_genitive(part):
                    spans.append((at, at + len(part)))
                at += len(part) + 1
    # words that are no plain word (a handle "Taru95", "de_Kaiser"): matched as written, any case, whole
    odd = sorted((w for w in words if not _NAME_WORD.fullmatch(w)), key=len, reverse=True)
    if odd:
        pattern = re.compile(r"(?<![\w])(?:" + "|".join(map(re.escape, odd)) + r")(?![\w])", re.IGNORECASE)
        spans += [(m.start(), m.end()) for m in pattern.finditer(text)]
    kept: list[re.Match] = []
    end = -1
    for start, stop in sorted(spans, key=lambda span: (span[0], -span[1])):
        if start >= end:          # the longer of two overlapping finds ("Taru95" over its "Taru")
            kept.append(_Span(text, start, stop))
            end = stop
    return kept


class _Span:
    """A found name in a text, read as a ``re.Match`` is read (``start()``, ``end()``, ``group(0)``)."""

    def __init__(self, text: str, start: int, end: int):
        self._text, self._start, self._end = text, start, end

    def group(self, _index: int = 0) -> str:
        return self._text[self._start:self._end]

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


def option_names_person(option: str, words: frozenset[str]) -> bool:
    """True when ``option`` (an option of a closed question: a single or multiple choice, a scale) names a person
    by the words of ``words`` (``name_words`` of the file's name columns): two of them side by side ("Katrina
    Chapman"), or one that is a listed given name ("KATRINA"). An option holding one other such word alone
    ("Green" as a colour, "Kananga" as a town, "Scientific Advisory Board") is the form's wording or a choice
    many may make, not a person's name: ``scrub_known_names`` is not applied to it."""
    if not isinstance(option, str) or not words:
        return False
    found = _known_name_words(option, words)
    if not found:
        return False
    first, _ = person_names()
    if any(_is_first(m.group(0), first) for m in found):
        return True
    return any(not option[a.end():b.start()].strip() for a, b in zip(found, found[1:]))


# --- company names in free text --------------------------------------------------------------------------
# a word of a company name: letters or digits ("Studio 54"), with its hyphenated or apostrophed parts
_COMPANY_WORD = re.compile(r"[^\W_]{1,40}(?:[-'’][^\W_]{1,40}){0,3}")
_COMPANY_PART = re.compile(r"[^\W_]{1,40}")
# between the words of a company name in an answer: spaces, or "&", "+", "/" (as "Rakennus & Remontti")
_COMPANY_GAP = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]{1,3}"
                          r"|[\s\u200b-\u200d\u2060\ufeff]{0,2}[&+/][\s\u200b-\u200d\u2060\ufeff]{0,2}")
# a Finnish or Swedish ending written after a legal form with a colon: "Oy:n", "Oy:lle", "AB:s"
_FORM_ENDING = re.compile(r":([^\W\d_]{1,5})(?![\w])")
# "ja", "och", "and" between the words of a name stand for "&" and are left out of it, as company_name_key does
_CONNECTORS = frozenset({"ja", "och", "and", "und"})
_DISTINCT_MIN = 3           # a shorter word alone ("KJ", "PK") is an abbreviation many texts use


@functools.lru_cache(maxsize=None)
def dictionary_word(word: str) -> bool:
    """Return whether ``word`` (one word, any case) is a word of Finnish, Swedish or English: a stop word
    (stopwords-iso) or a word simplemma's fi/sv/en dictionaries know, inflected forms included ("Kokkolan",
    "verkkokauppa", "Båt" …); a hyphenated word is one when all its parts are ("IT-palvelu")."""
    from pipeline.text import lemmas

    parts = _COMPANY_PART.findall(word)
    # simplemma's dictionaries and not Voikko: Voikko accepts any well-formed compound, so a coined brand such as
    # "Pellavasydän" (pellava + sydän) would pass for a word; and the outcome must not depend on whether a system
    # library happens to be installed
    return bool(parts) and all(
        _common_word(p) or p.isdigit() or any(lemmas.is_known(p.casefold(), lang) for lang in lemmas.LANGUAGES)
        for p in parts)


@dataclass(frozen=True)
class CompanyNames:
    """What identifies the companies of a file's company-name column in its answers (``company_names``):
    ``names``, each name as its folded words without the legal form (("lestin", "saha") for "Lestin Saha Oy");
    ``words``, the folded words of those names that no dictionary knows ("pellavasydän"); ``forms``, the folded
    legal-form words (oy, ab, tmi …)."""

    names: frozenset = frozenset()
    words: frozenset = frozenset()
    forms: frozenset = frozenset()

    def __bool__(self) -> bool:
        return bool(self.names)


def company_names(cells: Iterable[str], legal_forms: Iterable[str], no_name: Iterable[str] = (),
                  common: Iterable[str] = ()) -> CompanyNames:
    """Return the ``CompanyNames`` of ``cells`` (a column of company names). ``legal_forms``: the legal-form
    words (Oy, Ab, Ky, Tmi, Ltd …; ``pipeline.ingest.companies.LEGAL_FORMS``), left out of each name and
    taken along where an answer writes them; ``no_name``: what such a column holds when no name was given
    ("anonymous", "ei"); ``common``: further words that identify nobody (the options of the file's own closed
    questions, "Kokkola" as a municipality), compared case-insensitively.

    A name's single words count only when they are no word of fi/sv/en (``dictionary_word``): "Verkkokauppa"
    and "Rakennus" of "Kokkolan Verkkokauppa Oy" are the language, the answers keep them."""
    forms = frozenset(f.casefold() for f in legal_forms if " " not in f)
    skip = {w.casefold() for w in no_name}
    known = {w.casefold() for w in common}
    names, words = set(), set()
    for cell in cells:
        if not isinstance(cell, str) or cell.strip().casefold() in skip:
            continue
        core = tuple(w for w in (m.group(0).casefold() for m in _COMPANY_WORD.finditer(cell))
                     if w not in forms and w not in _CONNECTORS)
        if not core or not any(ch.isalpha() for w in core for ch in w):
            continue
        names.add(core)
        for word in core:
            for part in _COMPANY_PART.findall(word):
                if len(part) >= _DISTINCT_MIN and not part.isdigit() and part not in known and part not in skip \
                        and not dictionary_word(part):
                    words.add(part)
    return CompanyNames(frozenset(names), frozenset(words), forms)


@functools.lru_cache(maxsize=4)
def _names_by_first_word(companies: CompanyNames) -> dict[str, list[tuple[str, ...]]]:
    # one file's names indexed once for all its answers (frozensets keep their hash: the look-up is cheap)
    index: dict[str, list[tuple[str, ...]]] = {}
    for name in companies.names:
        index.setdefault(name[0], []).append(name)
    for names in index.values():
        # the longest first ("Kokkolan Rakennus Palvelu" before "Kokkolan Rakennus"), ties in a fixed order
        names.sort(key=lambda name: (-len(name), name))
    return index


def scrub_company_names(text: str, companies: CompanyNames) -> str:
    """Return ``text`` with the companies of ``companies`` (``company_names``) replaced by ``[name]``: a whole
    name, any case, its last word maybe with a Finnish case ending ("Lestin Sahalle"), with the legal form
    before or after it taken along ("Lestin Saha Oy:n", "Tmi Hanna Virtanen"; a name of one dictionary word,
    "Verkkokauppa Oy", only with its legal form), and each word of ``companies.words`` (no dictionary word,
    "Pellavasydän", also as part of a hyphenated word or with a case ending). Other words of a name stay."""
    if not isinstance(text, str) or not companies or not any(ch.isalpha() for ch in text):
        return text
    tokens = list(_COMPANY_WORD.finditer(text))
    folded = [t.group(0).casefold() for t in tokens]
    index = _names_by_first_word(companies)
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        span = None
        for name in index.get(folded[i], ()):
            span = _company_at(text, tokens, folded, i, name, companies)
            if span is not None:
                break
        if span is None and folded[i] in companies.forms:
            span = _company_after_form(text, tokens, folded, i, index, companies)
        if span is not None:
            spans.append((tokens[span[0]].start(), span[2]))
            i = span[1] + 1
            continue
        for part in _COMPANY_PART.finditer(tokens[i].group(0)):
            if _known(part.group(0).casefold(), companies.words):
                spans.append((tokens[i].start() + part.start(), tokens[i].start() + part.end()))
        i += 1
    return _names_replaced(text, spans)


def _company_at(text: str, tokens: list, folded: list[str], i: int, name: tuple[str, ...],
                companies: CompanyNames) -> tuple[int, int, int] | None:
    """(first token, last token, end offset) of ``name`` written from token ``i`` on, a legal form after it
    included, or None. A one-word name of a dictionary word counts only with a legal form."""
    j = _name_end(text, tokens, folded, i, name)
    if j is None:
        return None
    last, end = _forms_after(text, tokens, folded, j, companies.forms)
    if len(name) == 1 and last == j and name[0] not in companies.words:
        return None                  # "Verkkokauppa" alone is the word; "Verkkokauppa Oy" the company
    return i, last, end


def _company_after_form(text: str, tokens: list, folded: list[str], i: int, index: Mapping,
                        companies: CompanyNames) -> tuple[int, int, int] | None:
    """The span of a name written after its legal form ("Tmi Hanna Virtanen", "Oy Verkkokauppa Ab") from the
    legal form at token ``i``, or None."""
    k = i
    while k < len(tokens) - 1 and folded[k] in companies.forms and _form_word(tokens[k].group(0)) \
            and _COMPANY_GAP.fullmatch(text, tokens[k].end(), tokens[k + 1].start()):
        k += 1
    if k == i or folded[k] in companies.forms:
        return None
    for name in index.get(folded[k], ()):
        j = _name_end(text, tokens, folded, k, name)
        if j is not None:
            last, end = _forms_after(text, tokens, folded, j, companies.forms)
            return i, last, end
    return None


def _name_end(text: str, tokens: list, folded: list[str], i: int, name: tuple[str, ...]) -> int | None:
    """The index of the last token of ``name`` written from token ``i`` on (its words side by side, or with
    "&" or "ja"/"och"/"and" between them; the last word may carry a Finnish case ending), or None."""
    if folded[i] != name[0]:
        return None
    j = i
    for n, word in enumerate(name[1:], start=1):
        j += 1
        if j < len(tokens) and folded[j] in _CONNECTORS and folded[j] != word \
                and _COMPANY_GAP.fullmatch(text, tokens[j - 1].end(), tokens[j].start()):
            j += 1                   # "Rakennus ja Remontti" for "Rakennus & Remontti Oy"
        if j >= len(tokens) or not _COMPANY_GAP.fullmatch(text, tokens[j - 1].end(), tokens[j].start()):
            return None
        if folded[j] != word and not (n == len(name) - 1 and _known(folded[j], frozenset({word}))):
            return None
    return j


def _forms_after(text: str, tokens: list, folded: list[str], j: int, forms: frozenset) -> tuple[int, int]:
    """(last token, end offset) of the name ending at token ``j`` with the legal forms right after it and a
    colon ending on the last ("Oy:n")."""
    last = j
    while last + 1 < len(tokens) and folded[last + 1] in forms and _form_word(tokens[last + 1].group(0)) \
            and _COMPANY_GAP.fullmatch(text, tokens[last].end(), tokens[last + 1].start()):
        last += 1
    end = tokens[last].end()
    if last > j:
        ending = _FORM_ENDING.match(text, end)
        if ending:
            end = ending.end()
            while last + 1 < len(tokens) and tokens[last + 1].start() < end:
                last += 1
    return last, end


def _form_word(word: str) -> bool:
    """``word`` (a legal-form word as written) reads as a legal form: capitalised or upper case ("Oy", "AB"),
    or in lower case when it is no stop word ("oy", but not the English "as" or "co")."""
    return word[:1].isupper() or not _common_word(word)


_INITIAL_GAP = re.compile(r"\.[ \t\xa0]{0,2}")
# what follows a family-name initial after a given name: a case ending ("M:ään") or a full stop that ends the
# answer or goes on in lower case ("G. från"); before a capital it may be a middle initial or a sentence's end
# ("Anna A. The")
_INITIAL_AFTER = re.compile(r":[^\W\d_]|\.(?:[ \t\xa0]{1,2}[^\W\d_A-ZÅÄÖ]|[ \t\xa0]*$)")
_MAX_INITIALS = 3


def _past_initials(text: str, words: list, i: int, upper_only: bool) -> int:
    """The index of the first word after word ``i`` that is not one of up to ``_MAX_INITIALS`` initials (a
    one-letter word followed by a dot: "S." in "RYAN S. HAYNES"; capitals only when ``upper_only``)."""
    j = i + 1
    while j < len(words) - 1 and j - i <= _MAX_INITIALS and len(words[j].group(0)) == 1 \
            and (words[j].group(0).isupper() or not upper_only) \
            and _INITIAL_GAP.fullmatch(text, words[j].end(), words[j + 1].start()):
        j += 1
    return j


def _initialled_name(text: str, words: list, i: int, first: frozenset[str]) -> tuple[int, int] | None:
    """The word indexes of a name written with middle initials, "RYAN S. HAYNES", "Kim M.C. Harris-Lloyd": a
    listed given name, one to three initials and a capitalised word. The initials make it a name even when the
    family name is in no list (a register prints owners so, in capitals)."""
    wa = words[i].group(0)
    if not (_capitalised(wa) and _is_first(wa, first)) or _common_word(wa) \
            or not _NAME_GAP_ANY.fullmatch(text, words[i].end(), words[i + 1].start()):
        return None
    j = _past_initials(text, words, i, upper_only=True)
    last_word = words[j].group(0)
    if j == i + 1 or len(last_word) < 2 or not _capitalised(last_word) or _common_word(last_word):
        return None
    return i, j
# between the words of a name: spaces of any width (also thin, no-break and zero-width ones) or one line break
_NAME_GAP_ANY = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]{1,3}")
_COMMA_GAP = re.compile(r",[ \t\xa0]{1,2}")
# family names typed in lower case are taken only with these endings (a lower-case "anna mäki" may be words)
_LOWER_SURNAME_ENDINGS = ("nen", "sson", "qvist", "kvist", "ström", "berg", "lund", "gren", "holm", "dahl",
                          "stedt", "nius", "ander")


def _name_pair(text: str, words: list, i: int, gap: str, first: frozenset[str], last: frozenset[str]
               ) -> tuple[int, int] | None:
    """The word indexes (start, end) of the name that words ``i`` and ``i + 1`` begin, or None."""
    a, b = words[i], words[i + 1]
    wa, wb = a.group(0), b.group(0)
    if _COMMA_GAP.fullmatch(gap):
        # "Korhonen, Kaisa": a listed family name, a comma, a listed given name
        ok = _capitalised(wa) and _capitalised(wb) and _is_last(wa, last, shaped=False) and _is_first(wb, first)
        return (i, i + 1) if ok else None
    if not _NAME_GAP_ANY.fullmatch(gap):
        return None
    if not (_capitalised(wa) and _capitalised(wb)):
        lower = wa.casefold() == wa and wb.casefold() == wb
        ok = lower and len(wb) >= 5 and _is_first(wa, first) and _is_last(wb, last, shaped=False) \
            and any(_stem_ends(w) for w in _parts(wb))
        return (i, i + 1) if ok else None
    upper = wa.isupper() or wb.isupper()
    if not ((_is_first(wa, first) and _is_last(wb, last, shaped=not upper)) or
            (_is_last(wa, last, shaped=False) and _is_first(wb, first) and wa.casefold() not in _PLACE_PREFIXES) or
            (not upper and _is_plain_first(wa, first) and _is_other_surname(wb))):
        return None
    start_i, end_i = i, i + 1
    while start_i > 0 and _NAME_GAP_ANY.fullmatch(text, words[start_i - 1].end(), words[start_i].start()) \
            and _capitalised(words[start_i - 1].group(0)) and _is_first(words[start_i - 1].group(0), first):
        start_i -= 1
    # a first given name typed in lower case before the capitalised rest ("jorge Luis Velásquez", issue 12 round
    # 24): a listed given name as it stands that is no common word (not "may", "will")
    if start_i > 0 and _NAME_GAP_ANY.fullmatch(text, words[start_i - 1].end(), words[start_i].start()):
        before = words[start_i - 1].group(0)
        if before.islower() and len(before) >= 3 and _is_plain_first(before, first):
            start_i -= 1
    while end_i < len(words) - 1 and _NAME_GAP_ANY.fullmatch(text, words[end_i].end(), words[end_i + 1].start()) \
            and _capitalised(words[end_i + 1].group(0)) and _is_last(words[end_i + 1].group(0), last, shaped=False):
        end_i += 1
    return start_i, end_i


# words that open a place's name before a given name ("West Virginia", "North Dakota", "South Carolina", "San
# Marino"): also family names (West, North), but a family name before a given name is the Finnish order, and
# there these words are a place, not a person
_PLACE_PREFIXES = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                             "new", "san", "santa", "saint", "st", "fort", "port", "mount", "lake", "cape",
                             "upper", "lower", "central", "great"})

# capitalised words after a given name that are no family name: company forms and the like
_NOT_SURNAMES = frozenset({"oy", "oyj", "ab", "abp", "ky", "tmi", "ry", "ltd", "inc", "llc", "gmbh", "plc", "co",
                           "group", "finland", "sverige", "sweden", "pro", "plus", "oy:n", "ab:n"})
_STOP_WORDS: set[str] = set()


def _common_word(word: str) -> bool:
    """``word`` is a stop word of Finnish, Swedish or English (stopwords-iso), such as Your, The, Och, Ja."""
    if not _STOP_WORDS:
        import stopwordsiso

        for lang in ("fi", "sv", "en"):
            _STOP_WORDS.update(w.casefold() for w in stopwordsiso.stopwords(lang))
    return word.casefold() in _STOP_WORDS


def function_word(word: str) -> bool:
    """Return whether ``word`` is a function word (a stop word of Finnish, Swedish or English, stopwords-iso:
    "of", "och", "ja"): the words a sentence has and a proper name mostly lacks."""
    return _common_word(word)


def _is_plain_first(word: str, first: frozenset[str]) -> bool:
    """``word`` is a listed given name as it stands (no case ending), and no common word (May, Per)."""
    parts = _parts(word)
    return bool(parts) and all(p in first for p in parts) and not _common_word(word)


def _is_other_surname(word: str) -> bool:
    """``word`` can be a family name the lists lack (Niinistö, Stubb, Canth): capitalised, three letters or
    more, no company form and no common word."""
    return len(word) >= 3 and word[0].isupper() and word[1:].replace("-", "").islower() \
        and word.casefold() not in _NOT_SURNAMES and not _common_word(word)


def _stem_ends(word: str) -> bool:
    """``word`` (a family name, maybe inflected: ``korhoselle``) has a Finnish or Swedish family-name ending."""
    if word.endswith(_LOWER_SURNAME_ENDINGS):
        return True
    return any(word[:-cut].endswith(_LOWER_SURNAME_ENDINGS) or word[:-cut].endswith("se")
               for cut in range(1, min(_CASE_ENDING_MAX, len(word) - 3) + 1))


# --- personal-data columns -------------------------------------------------------------------------------
_COLUMN_PATTERNS: tuple[tuple[str, re.Pattern], ...] = tuple((kind, re.compile(pattern)) for kind, pattern in (
    ("email", r"^(respondent ?|recipient ?|vastaajan |your |contact )?(e-?mail|sähköposti|e-?post)( ?address| ?adresse?|osoite)?$"
              r"|^(sähköpostiosoite|sähköpostiosoitteesi|e-?postadress|email address|emailaddress|respondentemail|recipientemail"
              r"|adresse de messagerie|adresse e-?mail|e-?mail-adresse|correo electrónico|correo|endereço de e-?mail"
              r"|e-?posti aadress|e-?post)$"),
    ("name", r"^(your |respondent'?s? |full |first |last |contact |vastaajan |yrityksen |company |företagets )?name$"
             r"|^(first|last|given|family|sur) ?name$"
             # a form's contact block ("Primary Contact Last Name", issue 12 round 13: a Qualtrics provider survey)
             r"|^((primary|main|secondary|alternate|alternative|second) )?contact('s)? (person'?s? )?"
             r"(first |last |given |family |full |sur)?name$"
             r"|^(nimi|nimesi|etunimi|sukunimi|koko nimi|vastaajan nimi|yhteyshenkilö"
             r"|yhteyshenkilön nimi|yrityksen nimi|namn|förnamn|efternamn|ditt namn|kontaktperson|contact person"
             r"|företagets namn|nachname|vorname|name des befragten"
             # nb/nn/da: "navn", "fornavn", "etternavn" (a Norwegian hand-kept log headed "navn", issue 12 round 12)
             r"|navn|fornavn|etternavn|efternavn|fullt navn|fulde navn|ditt navn|dit navn|for- og etternavn"
             r"|fornavn og etternavn|for- og efternavn|fornavn og efternavn"
             # de/fr/es/pt/et words for a person's name, whole header only
             r"|vollständiger name|nom|prénom|nom complet|nom de famille|nombre|nombre completo|apellido|apellidos"
             r"|nome|nome completo|primeiro nome|sobrenome|apelido|eesnimi|perekonnanimi|perenimi|täisnimi)$"
             # first and last name together (fi/sv/en forms ask for both in one column)
             r"|^(your |vastaajan |yhteyshenkilön )?(etu- ?ja sukunimi|etunimi ja sukunimi|suku- ?ja etunimi"
             r"|sukunimi ja etunimi|för- ?och efternamn|förnamn och efternamn|first and last names?|full names?"
             r"|first name and (last name|surname)|name and surname|forename and surname)$"
             # the same in fr/es/pt/de, "&" or a comma for "and" ("Prénom & Nom": a KoboToolbox sheet of pitch
             # managers, issue 12 round 28; "Nom et prénom", "Nombre y apellidos", "Vor- und Nachname")
             r"|^(your |votre |vos |su |seu )?(prénoms? ?(et|&|,) ?noms?|noms? ?(et|&|,) ?prénoms?"
             r"|nombres? ?(y|&|,) ?apellidos?|apellidos? ?(y|&|,) ?nombres?|nome ?(e|&|,) ?sobrenome"
             r"|sobrenome ?(e|&|,) ?nome|vor- ?(und|&) ?nachname|vorname ?(und|&|,) ?nachname"
             r"|nachname ?(und|&|,) ?vorname|name ?(und|&|,) ?vorname)$"
             # who collected the answer in a field survey (KoboToolbox, ODK): a person's name too; an exit
             # interview's "Observer name" (issue 12 round 13) as well
             r"|^(interviewer|enumerator|surveyor|collector|data collector|field worker|observer|haastattelija"
             r"|kerääjä|tiedonkerääjä|havainnoija|intervjuare|datainsamlare|observatör)('?s)?( name| nimi| namn)?$"
             r"|^name of (the )?(interviewer|enumerator|surveyor|collector|data collector|field worker|observer"
             r"|respondent|participant)$"
             # the question itself asking for the name, and a handle or screen name (a person's too)
             r"|^(what is|what's|please (enter|write|give|type)) your (full |first |last )?name$"
             r"|^(mikä on nimesi|mikä on (etu|suku)nimesi|vad heter du|vad är ditt namn|wie heißen sie|wie heißt du"
             r"|comment vous appelez-vous|cuál es (tu|su) nombre|qual (é|e) o (seu|teu) nome)$"
             r"|^(your |respondent'?s? |participant'?s? )?(screen ?name|nick ?name|user ?name|display name)$"),
    ("contact", r"^(yhteystiedot|yhteystietosi|yhteystietonne|yhteystieto|omat yhteystiedot|kontaktuppgifter"
                r"|dina kontaktuppgifter|kontaktinformation|kontaktinfo|contact details|contact information"
                r"|contact info|your contact details|your contact information)\b"
                r"|^(nimi|nimesi|namn|name|your name) (ja|och|and|&) .{0,80}(yhteystiedot|sähköposti|puhelin"
                r"|kontaktuppgifter|e-?post|e-?mail|phone|telefon|contact)"
                # a question inviting the respondent to leave their name and e-mail or phone ("…, vous pouvez nous
                # laisser votre nom, prénom et mail"): whatever its answers, they are contact details
                r"|^(?=.*\b(your|votre|vos|ton|tu|su|sus|seu|sua|teu|dein|deinen|ihr|ihren|din|ditt|nimesi)\s+"
                r"(full |first |last )?(name|names|nom|prénom|nombre|nome|namen|namn|nimi)\b)"
                r"(?=.*\b(e-?mail|mail|courriel|correo|téléphone|telephone|phone|teléfono|telefone|telefon|puhelin"
                r"|sähköposti|e-?post)\b)"),
    ("phone", r"^(your |contact )?(tele)?phone( number| no\.?)?$|^(mobile|mobile phone|cell phone|gsm|puh\.?|puhelin"
              r"|puhelinnumero|matkapuhelin|telefon|telefonnummer|mobil|mobilnummer|tel\.?|téléphone|numéro de téléphone"
              r"|teléfono|número de teléfono|telefone|número de telefone|telefoninumber|handynummer)$"),
    ("ip", r"^(ip|ip ?address|ipaddr|ip-adresse|ip-osoite|ip-adress|remote address)$"),
    ("location", r"^(location ?)?(latitude|longitude|accuracy)$|^(lat|lng|lon|long|geolocation|gps|coordinates|koordinaatit"
                 r"|sijainti|location|breitengrad des standorts|längengrad des standorts|genauigkeit des standorts)$"
                 r"|^(address|street address|postal address|osoite|katuosoite|postiosoite|adress|gatuadress)$"
                 # an address named with its kind, whatever follows ("Physical Address of the ECCE Centre")
                 r"|^(physical|home|street|postal|residential|mailing|full|visiting) address\b"
                 r"|^(kotiosoite|käyntiosoite|katuosoite|postiosoite|hemadress|postadress|gatuadress|besöksadress)\b"),
    ("token", r"^(token|access ?token|invitation ?token)$"),
    ("recipient", r"^recipient ?(first ?name|last ?name|e-?mail)?$|^(nachname|vorname|e-mail) des empfängers$"),
    ("external_reference", r"^external ?(data ?)?reference$|^externe datenreferenz$|^(refurl|referrer url|referer)$"),
    # a student's roll / matriculation number names one person as surely as a personal identity code
    ("personal_id", r"^(henkilötunnus|hetu|personbeteckning|personnummer|ssn|social security number"
                    r"|roll ?(number|no\.?)|student ?(id|number|no\.?)|matriculation number|matrikelnummer"
                    r"|opiskelijanumero)$"),
))
_BUSINESS_ID = re.compile(r"^(y-?tunnus|yritys- ja yhteisötunnus|yrityksen y-tunnus|business ?id|business identity code"
                          r"|fo-?nummer|företags- och organisationsnummer|organisationsnummer|org\.? ?nr|vat ?(number|id)?"
                          r"|alv-?tunnus|company ?id)$")


MAX_HEADER_CHARS = 300      # a header is compared by its first 300 characters (no name pattern is longer)


_QUESTION_NUMBER = re.compile(r"^[a-z]{0,2}\d{1,3}(?:(?:[._]\d{1,3}){1,3}\s+|(?:[._]\d{1,3}){0,3}[.):、]\s*)")


def _normal_header(header: str) -> str:
    text = re.sub(r"\s+", " ", str(header)[:MAX_HEADER_CHARS].replace("\xa0", " ")).strip().lower()
    text = re.sub(r"^\W+|[\s:?*.]+$", "", text)
    # a question number the form put in front ("1.4. What is your name?", "Q3) Email", "2、姓名") says nothing
    # about what the column holds
    text = _QUESTION_NUMBER.sub("", text)
    text = re.sub(r"\s*\((optional|valinnainen|frivillig|vapaaehtoinen)\)$", "", text)
    return text.replace("_", " ")


def personal_data_kind(header: str) -> str | None:
    """Return the kind of personal data a column with this header holds (``email``, ``name``, ``contact``,
    ``phone``, ``ip``, ``location``, ``token``, ``recipient``, ``external_reference``, ``personal_id``), or
    None. ``contact`` is a column of contact details ("Yhteystiedot", "Nimi ja sähköposti").

    Headers are compared whole (after trimming punctuation and case), so a question that merely mentions
    a name or a location is not taken for a personal-data column.
    """
    text = _normal_header(header)
    compact = text.replace(" ", "")
    for kind, pattern in _COLUMN_PATTERNS:
        if pattern.match(text) or pattern.match(compact):
            return kind
    if _address_header().match(unaccented(text).replace("’", "'")):
        return "location"
    return None


@functools.lru_cache(maxsize=1)
def _address_header() -> re.Pattern:
    """A whole header asking for an address (``addresses.header_words`` of the vocabulary, accents dropped): the
    word alone or after a possessive ("Adresse", "Your address"), or followed by a link word and what it is the
    address of ("Adresse du PDV", "Address of the business", "Dirección del local")."""
    from pipeline.io import shipped_yaml

    vocab = shipped_yaml("ingest_vocabulary.yaml")["addresses"]

    def words(key: str) -> str:
        return "|".join(sorted((re.escape(unaccented(str(w).lower())) for w in vocab[key]), key=len, reverse=True))

    glue = r"(?:(?<=')|\s+)"
    return re.compile(rf"^(?:(?:{words('header_possessives')}){glue})?(?:{words('header_words')})"
                      rf"(?:\s+(?:{words('header_links')}){glue}[^\s].{{0,60}})?$")


@functools.lru_cache(maxsize=1)
def _own_id_question() -> re.Pattern:
    """The words of ``own_id_questions`` in the vocabulary as one pattern: possessive, optional qualifier, id word
    (whole words, any case), or one of the compounds."""
    from pipeline.io import shipped_yaml

    vocab = shipped_yaml("ingest_vocabulary.yaml")["own_id_questions"]

    def words(key: str) -> str:
        return "|".join(sorted((re.escape(str(w).lower()) for w in vocab[key]), key=len, reverse=True))

    return re.compile(rf"(?<![\w-])(?:(?:{words('possessives')})\s+(?:(?:{words('qualifiers')})\s+)?"
                      rf"(?:{words('id_words')})|{words('compounds')})(?![\w-])", re.IGNORECASE)


def asks_for_own_id(text: str) -> bool:
    """True when the question ``text`` asks the respondent for their own id ("Please enter your ID", "Your
    participant ID", "Osallistujatunnus"): see ``own_id_questions`` in ``ingest_vocabulary.yaml``. The header
    alone decides nothing; the caller checks that the answers are codes."""
    text = re.sub(r"\s+", " ", str(text)[:MAX_HEADER_CHARS].replace("\xa0", " "))
    return bool(_own_id_question().search(text))


def is_business_id_column(header: str) -> bool:
    """True when the header names a business-ID column (Y-tunnus, FO-nummer, business ID, VAT number)."""
    return bool(_BUSINESS_ID.match(_normal_header(header)))


# --- personal-data columns by their values ---------------------------------------------------------------
# cells longer than this are no single e-mail address, phone number, name or id: not matched at all, so no
# cell pattern ever runs over a long answer
MAX_VALUE_CHARS = 300
_EMAIL_CELL = re.compile(r"^[\w.%+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){0,8}\.[A-Za-z]{2,24}$")
_DATE_LIKE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(?:[ T].{0,40})?$")
_PHONE_CELL = re.compile(r"^(?:\+|00|0|\(0?\d{1,4}\))[\d\s().-]{6,20}$")
_COORDINATES = re.compile(r"^(-?\d{1,2}\.\d{3,20})\s{0,3}[,; ]\s{0,3}(-?\d{1,3}\.\d{3,20})"
                          r"(?:\s{1,3}-?\d{1,12}(?:\.\d{1,20})?){0,2}$")
_PANEL_ID = re.compile(r"^[0-9a-f]{24}$")          # Prolific participant / session ids
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)
_DEVICE_ID = re.compile(r"^(?:imei|collect|enketo[\w.]{0,40}|android_id|uuid|mac|deviceid)[:_][\w:.-]{6,200}$",
                        re.IGNORECASE)
# a browser's user-agent string ("Mozilla/5.0 (iPhone; CPU iPhone OS 11_3 like Mac OS X) AppleWebKit/…"): the
# product and version, then the platform in parentheses; with the version numbers beside it, it narrows a
# respondent down to a device (an Alchemer export's "Extended User Agent", issue 12 round 9)
_USER_AGENT = re.compile(r"^[A-Za-z][\w.-]{1,30}/\d[\w.]{0,20}\s{1,3}\([^()]{3,200}\)")
_OPAQUE_ID = re.compile(r"^(?=[\w:.-]{0,64}\d)(?=[\w:.-]{0,64}[A-Za-z])[\w:.-]{16,64}$")
# a crowd-worker, panel or student number: 6 to 13 digits, not a round amount (turnover "1250000")
_NUMERIC_ID = re.compile(r"^(?!\d*000$)\d{6,13}$")
_URL_QUERY = re.compile(r"^https?://[^\s?#]{1,300}\?[^\s]{0,300}=", re.IGNORECASE)
# links to files a respondent uploaded (a file-upload question): Microsoft Forms stores them in the form owner's
# OneDrive/SharePoint folder ("…sharepoint.com/personal/<account>/Documents/Apps/Microsoft Forms/…/x.jpeg", several
# joined by "; "), Jotform under "/uploads/<account>/<form>/<submission>/": the path names an account and
# a submission, and a photo or a scanned invoice is no answer to count (issue 12 round 25: a Spanish Forms visit
# log with two photo questions, 116 such links)
_LINK = re.compile(r"https?://[^\s;,]{1,600}", re.IGNORECASE)
_LINKS_CELL = re.compile(r"^https?://[^\s;,]{1,600}(?:\s*[;,]\s*https?://[^\s;,]{1,600})*\s*;?$", re.IGNORECASE)
_UPLOAD_PATH = re.compile(r"/(?:personal|uploads?|attachments?)/|\.(?:jpe?g|png|gif|heic|webp|bmp|tiff?|pdf|docx?|"
                          r"xlsx?|pptx?|odt|mp4|mov|m4a|mp3|wav|zip)$", re.IGNORECASE)
_LINKS_MAX_CHARS = 20 * 300
_NAME_SHAPE = re.compile(r"^[^\W\d_][^\W\d_'’.-]{0,40}(?:[-'’][^\W\d_]{1,40}){0,3}\.?"
                         r"(?:\s{1,3}[^\W\d_][^\W\d_'’.-]{0,40}(?:[-'’][^\W\d_]{1,40}){0,3}\.?){0,3}$")
NAME_SHAPE = _NAME_SHAPE           # one to four words without digits: the shape of a person's name
_PLACEHOLDER_OR_PUNCT = re.compile(r"\[(?:email|phone|iban|name|ip|business_id|personal_id|address|id)\]|[\W_]{1,50}")

_KIND_WORDS = {
    "email": "e-mail addresses", "phone": "phone numbers", "ip": "IP addresses", "location": "coordinates",
    "panel_id": "panel or device ids (24 hex digits)", "device": "device ids or browser user agents",
    "url": "URLs with a query string or links to uploaded files",
    "name": "person names", "identifier": "opaque ids (long letter-and-digit codes or 6-13 digit numbers)",
    "id_number": "id numbers of one length (8-13 digits; an interviewer's, household's or national id number)",
    "contact": "contact details (a name, e-mail address, phone number or IBAN with little else)",
}


def _is_ip(cell: str) -> bool:
    if ":" not in cell and "." not in cell:
        return False
    try:
        ipaddress.ip_address(cell)
    except ValueError:
        return False
    return True


def _upload_links(cell: str) -> bool:
    """True when the cell is one or more links (joined by ";" or ",") to uploaded files (``_UPLOAD_PATH``: a
    personal or uploads folder, or a file name with a document, image, audio or video extension)."""
    if not _LINKS_CELL.match(cell):
        return False
    return all(_UPLOAD_PATH.search(link.split("?")[0].split("#")[0]) for link in _LINK.findall(cell))


def _is_phone(cell: str) -> bool:
    if not _PHONE_CELL.match(cell) or _DATE_LIKE.match(cell) or _is_ip(cell):
        return False
    return 7 <= sum(ch.isdigit() for ch in cell) <= 15


def _is_coordinates(cell: str) -> bool:
    match = _COORDINATES.match(cell)
    return bool(match) and abs(float(match.group(1))) <= 90 and abs(float(match.group(2))) <= 180


def _is_name(cell: str, first_names: frozenset[str]) -> bool:
    """A person's name: one to four words, each starting with a capital (or all in lower case), the first a
    given name of ``first_names``; or two to four such words that ``scrub_names`` takes for a name (a given name of the
    shipped lists next to a family name, either order: "Kaisa Korhonen", "Korhonen Kaisa")."""
    if not _NAME_SHAPE.match(cell):
        return False
    words = cell.split()
    # typed all in lower case ("paula gómez"): taken when it starts with a given name of the list
    lower = cell == cell.lower()
    if not lower and not all(w[0].isupper() for w in words):
        return False
    if words[0].rstrip(".").casefold() in first_names:
        return True
    return not lower and len(words) >= 2 and scrub_names(cell) != cell


def names_a_person(cell: str, first_names: frozenset[str] = frozenset()) -> bool:
    """True when ``cell`` holds a person's name anywhere: one ``scrub_names`` finds, or a given name of the
    shipped lists or ``first_names`` (no common word) right before another capitalised or upper-case word that is
    no common word, with middle initials between or not ("PAUL STANDARD", "Chad A. Eastmond"). Looser than
    ``scrub_names`` (the family name need not be known, the text may be in capitals), so it is only a column's
    evidence, taken when most of its answers hold one. A whole cell written family name first, as a register
    lists people ("Pirhonen Nuutti"), holds one too (``_family_first``)."""
    if not isinstance(cell, str) or scrub_names(cell) != cell:
        return isinstance(cell, str)
    if _family_first(cell, first_names):
        return True
    first, _ = person_names()
    words = list(_NAME_WORD.finditer(cell[:MAX_VALUE_CHARS]))
    for i in range(len(words) - 1):
        word = words[i].group(0)
        folded = word.casefold()
        if not _capitalised(word) or (folded not in first and folded not in first_names) or _common_word(word) \
                or not _NAME_GAP_ANY.fullmatch(cell, words[i].end(), words[i + 1].start()):
            continue
        other = words[_past_initials(cell, words, i, upper_only=False)].group(0)
        if len(other) >= 2 and _capitalised(other) and not _common_word(other) \
                and other.casefold() not in _NOT_SURNAMES:
            return True
    return False


def _family_first(cell: str, first_names: frozenset[str] = frozenset()) -> bool:
    """True when the whole ``cell`` is a person's name written family name first, as a hand-kept register of
    participants lists them (issue 12 round 13: a relay's entry list, "Pirhonen Nuutti", "Hougaard Boesen
    Andreas", "Anjala Anna-Kaisa"): two or three capitalised words, none a common word, the last a given name of
    the shipped lists or ``first_names`` (every part of a hyphenated one). The family name need not be known."""
    words = cell.split()
    if not 2 <= len(words) <= 3 or not _NAME_SHAPE.match(cell) \
            or not all(_capitalised(w) and not _common_word(w) for w in words):
        return False
    first, _ = person_names()
    return all(part in first or part in first_names for part in words[-1].casefold().split("-") if part)


def _is_contact(cell: str) -> bool:
    """Contact details: the cell holds an e-mail address, phone number, IBAN or person name, and at most
    three other words ("Kaisa Korhonen, 040 123 4567", "kaisa(at)example.fi / Oy Esimerkki")."""
    scrubbed = scrub_text(cell)
    if scrubbed == cell:
        return False
    return len(_PLACEHOLDER_OR_PUNCT.sub(" ", scrubbed).split()) <= 3


def personal_data_by_values(values, share: float, first_names: frozenset[str] = frozenset(),
                            kinds: tuple[str, ...] | None = None) -> tuple[str, str] | None:
    """Return ``(kind, reason)`` when at least ``share`` of the non-blank ``values`` (strings) are personal
    data of one kind, else None. Kinds: ``email``, ``phone``, ``ip``, ``location`` (``lat lon`` pairs),
    ``panel_id`` (24 hex digits, as Prolific ids), ``device`` (``imei:…``, ``collect:…``, UUIDs and browser
    user-agent strings),
    ``url`` (with a query string, or links to uploaded files), ``name`` (capitalised words led by a name in
    ``first_names``) and
    ``identifier`` (long codes mixing letters and digits, or worker / panel numbers of 6-13 digits that are
    not round amounts; at least half of them different). ``kinds``
    limits the kinds looked for. The reason says how many answers matched, never which."""
    cells = [str(v).strip() for v in values]
    # a cell of several upload links runs past MAX_VALUE_CHARS and is read all the same
    cells = [c if len(c) <= MAX_VALUE_CHARS or (len(c) <= _LINKS_MAX_CHARS and _LINKS_CELL.match(c)) else "\x00long"
             for c in cells if c]
    if not cells:
        return None
    tests = (
        ("email", lambda c: bool(_EMAIL_CELL.match(c))),
        ("ip", _is_ip),
        ("location", _is_coordinates),
        ("panel_id", lambda c: bool(_PANEL_ID.match(c))),
        ("device", lambda c: bool(_DEVICE_ID.match(c) or _UUID.match(c) or _USER_AGENT.match(c))),
        ("url", lambda c: bool(_URL_QUERY.match(c)) or _upload_links(c) or _profile_pattern().fullmatch(c) is not None),
        ("phone", _is_phone),
        ("name", lambda c: _is_name(c, first_names)),
        ("contact", _is_contact),
        ("identifier", lambda c: bool(_OPAQUE_ID.match(c) or _NUMERIC_ID.match(c))),
    )
    counts: dict[str, int] = {}
    for c in cells:
        counts[c] = counts.get(c, 0) + 1
    n = len(cells)
    allowed_misses = (1 - share) * n + 1e-9
    for kind, test in tests:
        if kinds is not None and kind not in kinds:
            continue
        if kind == "name" and not first_names:
            continue
        if kind == "identifier" and len(counts) < max(2, n // 2):
            continue        # one code repeated on every row is a version or form id, not a person's
        matched = misses = 0
        for cell, count in counts.items():
            if test(cell):
                matched += count
            else:
                misses += count
                if misses > allowed_misses:
                    break
        if matched and misses <= allowed_misses:
            return kind, f"{matched} of {n} answers are {_KIND_WORDS[kind]}"
    if kinds is None or "identifier" in kinds:
        matched = _mixed_identifiers(counts, n, share)
        if matched:
            return "identifier", f"{matched} of {n} answers are {_KIND_WORDS['identifier']}, the others codes " \
                                 f"with digits"
        matched = _participant_codes(counts, n, share)
        if matched:
            return "identifier", f"{matched} of {n} answers are short codes of letters and digits, every one " \
                                 f"different (a participant's code)"
    if kinds is None or "id_number" in kinds:
        matched = _id_numbers(counts)
        if matched >= share * n:
            return "id_number", f"{matched} of {n} answers are {_KIND_WORDS['id_number']}"
    return None


# an id column filled in by hand mixes the long ids with shorter codes of the same kind (round 15: a national id
# card number "101978685" / "NW3310915J70J9UFNIC0" or, for those without one, a kit number "Kit 187"): when at
# least this share are long ids ...
MIXED_ID_MIN_SHARE = 0.5
# ... the rest are short codes with digits (one to three words, no sentence), at least this share mixing letters
# and digits (so a column of amounts, digits only, is never taken), and half the answers differ, the column is
# an identifier
MIXED_ID_MIN_LETTER_CODES = 0.1
_CODE_CELL = re.compile(r"^(?=[^\d]{0,40}\d)[\w./:-]{1,40}(?:\s{1,3}[\w./:-]{1,40}){0,2}$")
_LETTER_DIGIT_CODE = re.compile(r"^(?=[^\d]{0,64}\d)(?=[\W\d_]{0,64}[^\W\d_])[\w./: -]{3,64}$")


def _mixed_identifiers(counts: dict[str, int], n: int, share: float) -> int:
    """How many answers are opaque ids (``_OPAQUE_ID``, ``_NUMERIC_ID``) in a column of ids typed by hand, else
    0: at least ``MIXED_ID_MIN_SHARE`` of the ``n`` answers are such ids, at least ``share`` are codes with
    digits (``_CODE_CELL``: one to three words, the ids among them), at least ``MIXED_ID_MIN_LETTER_CODES`` mix
    letters and digits, and at least half the answers differ."""
    if len(counts) < max(2, n // 2):
        return 0
    ids = sum(k for cell, k in counts.items() if _OPAQUE_ID.match(cell) or _NUMERIC_ID.match(cell))
    coded = sum(k for cell, k in counts.items() if _CODE_CELL.match(cell))
    lettered = sum(k for cell, k in counts.items() if _LETTER_DIGIT_CODE.match(cell))
    if ids >= MIXED_ID_MIN_SHARE * n and coded >= share * n and lettered >= MIXED_ID_MIN_LETTER_CODES * n:
        return ids
    return 0


# a participant's self-made or assigned code ("AHK94": initials and a birth year; "P017", "bmw81"): three to twelve
# letters and digits, both present, no space. A column is taken for one when at least this many answers are
# there, every one different, and at least ``share`` of them are such codes: a choice's codes ("B2") repeat, an
# open answer has spaces, and a code on one row only names one person (issue 12 round 16: an SPSS file's
# "Probandencode" column, read as an open question and copied to the outputs)
PARTICIPANT_CODE_MIN_ANSWERS = 10
_PARTICIPANT_CODE = re.compile(r"^(?=[^\W_]{0,12}\d)(?=[^\W_]{0,12}[^\W\d_])[^\W_]{3,12}$")


# a panel's hashed respondent ids are random base64 codes of one length ("w8l66CCB", "he7GSPb+", "OOZGQPMs"; issue 12
# round 20: an Ipsos SPSS file's "ID_Hash" read as an open question and copied to the outputs): about a quarter of
# them hold no digit, so a column of all-different codes of one length is taken whole when at least this share hold
# a digit and at least ``share`` look random (a digit, a "+" or "/", or capitals inside the word)
RANDOM_CODE_MIN_DIGIT_SHARE = 0.5
_BASE64_CODE = re.compile(r"^[A-Za-z0-9+/=_-]{6,64}$")
_RANDOM_LOOK = re.compile(r"\d|[+/]|.[A-Z].*[a-z]|.[a-z].*[A-Z]")


def _participant_codes(counts: dict[str, int], n: int, share: float) -> int:
    """How many answers are participant codes (``_PARTICIPANT_CODE``) when the column is one (see
    ``PARTICIPANT_CODE_MIN_ANSWERS``: that many answers at least, all different, at least ``share`` of them
    codes, or random codes of one length, ``RANDOM_CODE_MIN_DIGIT_SHARE``); else 0."""
    if n < PARTICIPANT_CODE_MIN_ANSWERS or len(counts) < n:
        return 0
    matched = sum(k for cell, k in counts.items() if _PARTICIPANT_CODE.match(cell))
    if matched >= share * n:
        return matched
    # every code holds a letter: dates and numbers of one length ("1990-05-12") are no codes
    if len({len(cell) for cell in counts}) != 1 or \
            not all(_BASE64_CODE.match(cell) and any(ch.isalpha() for ch in cell) for cell in counts):
        return 0
    digits = sum(any(ch.isdigit() for ch in cell) for cell in counts)
    random_look = sum(bool(_RANDOM_LOOK.search(cell)) for cell in counts)
    return n if digits >= RANDOM_CODE_MIN_DIGIT_SHARE * n and random_look >= share * n else 0


_ID_NUMBER = re.compile(r"^(?!\d*000$)\d{8,13}$")
_ID_NUMBER_MIN_DISTINCT = 3
_UNIX_SECONDS = re.compile(r"^1\d{9}$")


def _id_numbers(counts: dict[str, int]) -> int:
    """How many answers are id numbers of the column's one length (8 to 13 digits, not a round amount, not a
    date written 20230115, not a Unix time), when at least three different ones are there; else 0. An
    interviewer's or a household's number repeats on every row they answered, so unlike ``identifier`` the
    numbers need not differ: a quantity (an income, a count) varies in length and ends in zeros, an id does not."""
    lengths: dict[int, int] = {}
    for cell, count in counts.items():
        if _ID_NUMBER.match(cell):
            lengths[len(cell)] = lengths.get(len(cell), 0) + count
    if not lengths:
        return 0
    length = max(lengths, key=lengths.get)
    ids = [c for c in counts if len(c) == length and _ID_NUMBER.match(c)]
    if len(ids) < _ID_NUMBER_MIN_DISTINCT or all(_is_compact_date(c) for c in ids) \
            or (length == 10 and all(_UNIX_SECONDS.match(c) for c in ids)):
        return 0
    return sum(counts[c] for c in ids)


def _is_compact_date(cell: str) -> bool:
    if len(cell) not in (8, 12, 14):
        return False
    try:
        _dt.datetime.strptime(cell[:8], "%Y%m%d")
    except ValueError:
        return False
    return 1900 <= int(cell[:4]) <= 2100


class ScrubFilter:
    """A ``logging`` filter that scrubs every record's message (``scrub_text``) before a handler writes it:
    a log line may quote a value or a header. Attach it to a handler: ``handler.addFilter(ScrubFilter())``."""

    def filter(self, record) -> bool:  # noqa: A003 - the logging.Filter protocol
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a malformed record is logging's own business
            return True
        record.msg, record.args = scrub_text(clean_text(message)), None
        return True
