"""The message catalogue: every label, heading and chart text in Finnish, Swedish and English.

Messages live in ``pipeline/report/messages/<lang>/*.yaml`` (one file per area: ``common``, ``needs``,
``feedback``, ``report``); each file is a flat mapping of dotted keys to text with ``str.format`` fields.
``Messages(lang)("chart.n", n=26)`` returns the text; an unknown key raises ``KeyError`` so a missing
translation fails loudly in the tests instead of showing a key to the steering group.
"""
from __future__ import annotations

from functools import lru_cache
from numbers import Integral
from pathlib import Path
from typing import Any, Mapping

from pipeline.io import shipped_yaml

MESSAGES_DIR = Path(__file__).resolve().parent / "report" / "messages"


@lru_cache(maxsize=None)
def catalogue(lang: str) -> Mapping[str, str]:
    """All messages of ``lang`` merged from its YAML files; a key defined twice raises ``ValueError``."""
    folder = MESSAGES_DIR / lang
    if not folder.is_dir():
        raise KeyError(f"no message catalogue for language {lang!r}")
    merged: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        data = shipped_yaml(f"report/messages/{lang}/{path.name}") or {}
        for key, text in data.items():
            if key in merged:
                raise ValueError(f"{path}: message key {key!r} defined twice")
            merged[str(key)] = str(text)
    return merged


# four-digit numbers stay ungrouped ("2000", also a year), as Kotus and Språkrådet allow; from five digits on
# the language's grouping ("10 000", "10,000") keeps large respondent counts readable
GROUP_FROM = 10_000


def grouped(value: Any, lang: str) -> Any:
    """``value`` as text with the language's digit grouping (CLDR, via Babel) when it is a whole number of at
    least five digits; any other value unchanged."""
    if isinstance(value, bool) or not isinstance(value, Integral) or abs(int(value)) < GROUP_FROM:
        return value
    from babel.numbers import format_decimal

    return format_decimal(int(value), locale=lang)


class Messages:
    """Callable lookup of one language's messages: ``msgs(key, **fields) -> str``."""

    def __init__(self, lang: str, ci_level: float = 0.95) -> None:
        self.lang = lang
        self._texts = catalogue(lang)
        # the confidence level of the run's intervals, for every message that names it (``{ci_level}``: "95" in
        # "95 %:n LV"): a run with ``[analysis] confidence = 0.9`` called its 90 % intervals "95 %" (QA round 25)
        from babel.numbers import format_decimal

        self.ci_level = format_decimal(round(100 * float(ci_level), 2), locale=lang)

    def __call__(self, key: str, **fields: Any) -> str:
        text = self._texts[key]
        if "{ci_level}" in text and "ci_level" not in fields:
            fields = {**fields, "ci_level": self.ci_level}
        if not fields:
            return text
        return text.format(**{name: grouped(value, self.lang) for name, value in fields.items()})

    def __contains__(self, key: str) -> bool:
        return key in self._texts

    def keys(self) -> set[str]:
        return set(self._texts)
