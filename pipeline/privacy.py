"""Personal data out: keyed pseudonyms, scrubbed free text and the recognition of personal-data columns.

* ``scrub_text`` replaces e-mail addresses, phone numbers (Finnish and international forms), Finnish business
  IDs (Y-tunnus, only when the check digit validates), Finnish personal identity codes (henkilötunnus, only
  when the date and check character validate) and IP addresses with ``[email]``, ``[phone]``,
  ``[business_id]``, ``[personal_id]`` and ``[ip]``.
* ``pseudonym`` is an HMAC-SHA-256 of the value under a secret key: a plain hash of an e-mail or business ID
  could be recomputed by anyone who guesses the input, the keyed one cannot.
* ``personal_data_kind`` and ``is_business_id_column`` tell which export columns hold personal data.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import hmac
import ipaddress
import re

PLACEHOLDERS = {
    "email": "[email]", "phone": "[phone]", "business_id": "[business_id]",
    "personal_id": "[personal_id]", "ip": "[ip]",
}

_EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
# henkilötunnus: DDMMYY, century sign, individual number NNN, check character
_HETU = re.compile(r"(?<![\w-])(\d{2})(\d{2})(\d{2})([-+ABCDEFYXWVU])(\d{3})([0-9A-Za-z])(?![\w])")
_HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
_HETU_CENTURY = {"+": 1800, "-": 1900, "Y": 1900, "X": 1900, "W": 1900, "V": 1900, "U": 1900,
                 "A": 2000, "B": 2000, "C": 2000, "D": 2000, "E": 2000, "F": 2000}
# Y-tunnus 1234567-8 (older IDs written with six digits get a leading zero), and the VAT form FI12345678
_YTUNNUS = re.compile(r"(?<![\w-])(\d{6,7})\s?-\s?(\d)(?![\w-])")
_VAT = re.compile(r"(?<![\w])FI\s?(\d{7})(\d)(?![\w])", re.IGNORECASE)
_Y_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)
_IPV4 = re.compile(r"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.])")
_IPV6 = re.compile(r"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])")
# phones: +358 40 123 4567, 00358 40 1234567, 040-123 4567, (09) 1234 5678, +1 (555) 123-4567, 0401234567
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\d{1,3}[\s.-]?(?:\(0\)\s?)?\(?|\(0\d{1,3}\)\s?|0)\d(?:[\s.-]?\(?\d\)?){5,12}(?!\w)")
# what any pattern needs: an "@", six digits in a row, digits split by a separator, or a leading + or (
_QUICK = re.compile(r"@|\d{6}|\d[\s.()/:-]+\d|[+(]\s?\d|:[0-9A-Fa-f]*:")


def pseudonym(value: str, key: bytes) -> str:
    """Return the keyed pseudonym of ``value``: HMAC-SHA-256 under ``key``, hex, first 16 characters."""
    return hmac.new(key, str(value).encode("utf-8"), hashlib.sha256).hexdigest()[:16]


def is_valid_business_id(text: str) -> bool:
    """True when ``text`` is a Finnish business ID (Y-tunnus, ``1234567-8`` or ``FI12345678``) whose check
    digit validates."""
    digits = re.sub(r"[\s-]", "", text.strip().upper().removeprefix("FI"))
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
    digits = re.sub(r"[\s-]", "", str(text).strip().upper().removeprefix("FI"))
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


def scrub_text(text: str) -> str:
    """Return ``text`` with e-mail addresses, valid henkilötunnus codes, valid business IDs, IP addresses
    and phone numbers replaced by ``[email]``, ``[personal_id]``, ``[business_id]``, ``[ip]``, ``[phone]``.

    The order matters: identity and business codes are replaced before phones so that their digits are
    not taken for a phone number. Text that holds nothing any pattern could match is returned as it is.
    """
    if not isinstance(text, str) or not _QUICK.search(text):
        return text
    text = _EMAIL.sub(PLACEHOLDERS["email"], text)
    text = _HETU.sub(_replace_hetu, text)
    text = _YTUNNUS.sub(_replace_ytunnus, text)
    text = _VAT.sub(_replace_vat, text)
    text = _IPV4.sub(PLACEHOLDERS["ip"], text)
    if ":" in text:
        text = _IPV6.sub(_replace_ipv6, text)
    return _PHONE.sub(_replace_phone, text)


# --- personal-data columns -------------------------------------------------------------------------------
_COLUMN_PATTERNS: tuple[tuple[str, re.Pattern], ...] = tuple((kind, re.compile(pattern)) for kind, pattern in (
    ("email", r"^(respondent ?|recipient ?|vastaajan |your |contact )?(e-?mail|sähköposti|e-?post)( ?address| ?adress|osoite)?$"
              r"|^(sähköpostiosoite|sähköpostiosoitteesi|e-?postadress|email address|emailaddress|respondentemail|recipientemail"
              r"|adresse de messagerie|adresse e-?mail|e-?mail-adresse|correo electrónico|correo|endereço de e-?mail"
              r"|e-?posti aadress|e-?post)$"),
    ("name", r"^(your |respondent'?s? |full |first |last |contact |vastaajan |yrityksen |company |företagets )?name$"
             r"|^(first|last|given|family|sur) ?name$|^(nimi|nimesi|etunimi|sukunimi|koko nimi|vastaajan nimi|yhteyshenkilö"
             r"|yhteyshenkilön nimi|yrityksen nimi|namn|förnamn|efternamn|ditt namn|kontaktperson|contact person"
             r"|företagets namn|nachname|vorname|name des befragten"
             # de/fr/es/pt/et words for a person's name, whole header only
             r"|vollständiger name|nom|prénom|nom complet|nom de famille|nombre|nombre completo|apellido|apellidos"
             r"|nome|nome completo|primeiro nome|sobrenome|apelido|eesnimi|perekonnanimi|perenimi|täisnimi)$"),
    ("phone", r"^(your |contact )?(tele)?phone( number| no\.?)?$|^(mobile|mobile phone|cell phone|gsm|puh\.?|puhelin"
              r"|puhelinnumero|matkapuhelin|telefon|telefonnummer|mobil|mobilnummer|tel\.?|téléphone|numéro de téléphone"
              r"|teléfono|número de teléfono|telefone|número de telefone|telefoninumber|handynummer)$"),
    ("ip", r"^(ip|ip ?address|ipaddr|ip-adresse|ip-osoite|ip-adress|remote address)$"),
    ("location", r"^(location ?)?(latitude|longitude|accuracy)$|^(lat|lng|lon|long|geolocation|gps|coordinates|koordinaatit"
                 r"|sijainti|location|breitengrad des standorts|längengrad des standorts|genauigkeit des standorts)$"
                 r"|^(address|street address|postal address|osoite|katuosoite|postiosoite|adress|gatuadress)$"),
    ("token", r"^(token|access ?token|invitation ?token)$"),
    ("recipient", r"^recipient ?(first ?name|last ?name|e-?mail)?$|^(nachname|vorname|e-mail) des empfängers$"),
    ("external_reference", r"^external ?(data ?)?reference$|^externe datenreferenz$|^(refurl|referrer url|referer)$"),
    ("personal_id", r"^(henkilötunnus|hetu|personbeteckning|personnummer|ssn|social security number)$"),
))
_BUSINESS_ID = re.compile(r"^(y-?tunnus|yritys- ja yhteisötunnus|yrityksen y-tunnus|business ?id|business identity code"
                          r"|fo-?nummer|företags- och organisationsnummer|organisationsnummer|org\.? ?nr|vat ?(number|id)?"
                          r"|alv-?tunnus|company ?id)$")


def _normal_header(header: str) -> str:
    text = re.sub(r"\s+", " ", str(header).replace("\xa0", " ")).strip().lower()
    text = re.sub(r"^\W+|[\s:?*.]+$", "", text)
    text = re.sub(r"\s*\((optional|valinnainen|frivillig|vapaaehtoinen)\)$", "", text)
    return text.replace("_", " ")


def personal_data_kind(header: str) -> str | None:
    """Return the kind of personal data a column with this header holds (``email``, ``name``, ``phone``,
    ``ip``, ``location``, ``token``, ``recipient``, ``external_reference``, ``personal_id``), or None.

    Headers are compared whole (after trimming punctuation and case), so a question that merely mentions
    a name or a location is not taken for a personal-data column.
    """
    text = _normal_header(header)
    compact = text.replace(" ", "")
    for kind, pattern in _COLUMN_PATTERNS:
        if pattern.match(text) or pattern.match(compact):
            return kind
    return None


def is_business_id_column(header: str) -> bool:
    """True when the header names a business-ID column (Y-tunnus, FO-nummer, business ID, VAT number)."""
    return bool(_BUSINESS_ID.match(_normal_header(header)))


# --- personal-data columns by their values ---------------------------------------------------------------
_EMAIL_CELL = re.compile(r"^[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}$")
_DATE_LIKE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(?:[ T].*)?$")
_PHONE_CELL = re.compile(r"^(?:\+|00|0|\(0?\d{1,4}\))[\d\s().-]{6,20}$")
_COORDINATES = re.compile(r"^(-?\d{1,2}\.\d{3,})\s*[,; ]\s*(-?\d{1,3}\.\d{3,})(?:\s+-?\d+(?:\.\d+)?){0,2}$")
_PANEL_ID = re.compile(r"^[0-9a-f]{24}$")          # Prolific participant / session ids
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)
_DEVICE_ID = re.compile(r"^(?:imei|collect|enketo[\w.]*|android_id|uuid|mac|deviceid)[:_][\w:.-]{6,}$",
                        re.IGNORECASE)
_OPAQUE_ID = re.compile(r"^(?=[\w:.-]*\d)(?=[\w:.-]*[A-Za-z])[\w:.-]{16,64}$")
_URL_QUERY = re.compile(r"^https?://[^\s?#]+\?[^\s]*=", re.IGNORECASE)
_NAME_SHAPE = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:[-'’][^\W\d_]+)*\.?"
                         r"(?:\s+[^\W\d_][^\W\d_'’.-]*(?:[-'’][^\W\d_]+)*\.?){0,3}$")

_KIND_WORDS = {
    "email": "e-mail addresses", "phone": "phone numbers", "ip": "IP addresses", "location": "coordinates",
    "panel_id": "panel or device ids (24 hex digits)", "device": "device ids", "url": "URLs with a query string",
    "name": "person names", "identifier": "opaque ids (long letter-and-digit codes)",
}


def _is_ip(cell: str) -> bool:
    if ":" not in cell and "." not in cell:
        return False
    try:
        ipaddress.ip_address(cell)
    except ValueError:
        return False
    return True


def _is_phone(cell: str) -> bool:
    if not _PHONE_CELL.match(cell) or _DATE_LIKE.match(cell) or _is_ip(cell):
        return False
    return 7 <= sum(ch.isdigit() for ch in cell) <= 15


def _is_coordinates(cell: str) -> bool:
    match = _COORDINATES.match(cell)
    return bool(match) and abs(float(match.group(1))) <= 90 and abs(float(match.group(2))) <= 180


def _is_name(cell: str, first_names: frozenset[str]) -> bool:
    """A person's name: one to four words, each starting with a capital, the first a known given name."""
    if not _NAME_SHAPE.match(cell):
        return False
    words = cell.split()
    return all(w[0].isupper() for w in words) and words[0].rstrip(".").casefold() in first_names


def personal_data_by_values(values, share: float, first_names: frozenset[str] = frozenset(),
                            kinds: tuple[str, ...] | None = None) -> tuple[str, str] | None:
    """Return ``(kind, reason)`` when at least ``share`` of the non-blank ``values`` (strings) are personal
    data of one kind, else None. Kinds: ``email``, ``phone``, ``ip``, ``location`` (``lat lon`` pairs),
    ``panel_id`` (24 hex digits, as Prolific ids), ``device`` (``imei:…``, ``collect:…`` and UUIDs),
    ``url`` (with a query string), ``name`` (capitalised words led by a name in ``first_names``) and
    ``identifier`` (long codes mixing letters and digits, none repeated within a row of words). ``kinds``
    limits the kinds looked for. The reason says how many answers matched, never which."""
    cells = [str(v).strip() for v in values]
    cells = [c for c in cells if c]
    if not cells:
        return None
    tests = (
        ("email", lambda c: bool(_EMAIL_CELL.match(c))),
        ("ip", _is_ip),
        ("location", _is_coordinates),
        ("panel_id", lambda c: bool(_PANEL_ID.match(c))),
        ("device", lambda c: bool(_DEVICE_ID.match(c) or _UUID.match(c))),
        ("url", lambda c: bool(_URL_QUERY.match(c))),
        ("phone", _is_phone),
        ("name", lambda c: _is_name(c, first_names)),
        ("identifier", lambda c: bool(_OPAQUE_ID.match(c))),
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
    return None
