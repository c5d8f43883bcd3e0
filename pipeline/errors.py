"""The one exception type that bad input raises; the command line turns it into exit code 2 and one line."""
from __future__ import annotations


class InputError(Exception):
    """Bad input the user can fix: the message names the file, row or column and says what is wrong.

    The command line prints ``error: <message>`` on one line and exits with code 2. Raise it with the
    file (and row or column where known) in the message, e.g.
    ``InputError("needs.csv, row 14: 5 fields where the header has 7")``.

    A message may quote the value that is wrong, and values are written by respondents: the message is
    scrubbed of personal data (``privacy.scrub_text``: e-mail addresses, phone numbers, IBANs, names …) and
    of control characters, and cut to one line of at most ``MAX_MESSAGE_CHARS`` characters, so that no
    error line or log carries an address.
    """

    exit_code = 2
    MAX_MESSAGE_CHARS = 1000

    def __init__(self, message: object = "", *args: object) -> None:
        from pipeline.privacy import clean_text, scrub_text

        text = " ".join(clean_text(str(message)).split())
        if len(text) > self.MAX_MESSAGE_CHARS:
            text = text[:self.MAX_MESSAGE_CHARS - 1] + "…"
        super().__init__(scrub_text(text), *args)


class ConfigError(InputError):
    """A configuration file or setting is wrong (missing file, unknown key, bad value)."""
