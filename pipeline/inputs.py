"""Print the files a project's run reads, one absolute path per line: ``python -m pipeline.inputs CONFIG``.

``make`` sums them into its inputs stamp, so that a rerun follows a file the config names in a subfolder or
elsewhere (``palaute/…``, ``../exports/…``, a spec, a review workbook), not only the files beside the config.
A config that cannot be read prints nothing and exits 0: the run that follows says what is wrong in one line.
"""
from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    """Print ``Settings.input_files()`` of the config ``argv[0]``; returns the exit code (always 0)."""
    from pipeline.config import load_settings
    from pipeline.errors import ConfigError, InputError

    try:
        settings = load_settings(argv[0] if argv else None, env={})
    except (ConfigError, InputError, OSError):
        return 0
    for path in settings.input_files():
        print(path.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
