"""The one exception type that bad input raises; the command line turns it into exit code 2 and one line."""
from __future__ import annotations


class InputError(Exception):
    """Bad input the user can fix: the message names the file, row or column and says what is wrong.

    The command line prints ``error: <message>`` on one line and exits with code 2. Raise it with the
    file (and row or column where known) in the message, e.g.
    ``InputError("needs.csv, row 14: 5 fields where the header has 7")``.
    """

    exit_code = 2


class ConfigError(InputError):
    """A configuration file or setting is wrong (missing file, unknown key, bad value)."""
