"""Whether this machine has the Finnish morphology library Voikko, and its analyser (no other import needed)."""
from __future__ import annotations

import logging

log = logging.getLogger(__name__)


def open_voikko():
    """The Finnish Voikko analyser, or None when the system library or dictionary does not load."""
    try:
        import libvoikko

        return libvoikko.Voikko("fi")
    except Exception as exc:  # OSError (no libvoikko), libvoikko.VoikkoException (no dictionary)
        log.info("Voikko not available (%s); Finnish lemmas come from simplemma", exc)
        return None


def voikko_available() -> bool:
    """Return whether the Voikko library and its Finnish dictionary load on this machine."""
    return open_voikko() is not None
