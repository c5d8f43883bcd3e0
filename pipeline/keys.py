"""One way to fold a piece of text for matching: names, labels, headers and answers compare by ``fold``."""
from __future__ import annotations

import unicodedata


def fold(text: object) -> str:
    """``text`` as compared with other text: Unicode NFC, case-folded (``Å``, ``ß`` and ``İ`` included), every
    run of whitespace (no-break spaces too) one space, no space at either end."""
    return " ".join(unicodedata.normalize("NFC", str(text)).casefold().split())


def unaccented(text: str) -> str:
    """``text`` without its accents and diacritics ("Propriètaire" → "Proprietaire", "dirección" → "direccion"):
    headers typed in the field misplace them, and they say nothing about what a column holds."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
