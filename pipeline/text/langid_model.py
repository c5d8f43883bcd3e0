"""py3langid's model kept uncompressed in the user cache, so that a process opens it in a tenth of the time.

py3langid ships its model as one LZMA-compressed ``.npz`` (4.6 MB) that every process decompresses to 68 MB
before it can identify a language: about 0.5 s of the 0.65 s that loading takes, paid again by every run and
every test worker. The same ``.npz``, stored once uncompressed in the user cache folder
(``platformdirs.user_cache_dir("pipeline")``, one file per py3langid version, so an upgrade writes a new one),
opens in about 0.1 s. The arrays are the shipped model's, byte for byte, and the identifier is built from them
as py3langid's own ``from_model_file`` builds it, so every language decision is the same.

The file is written to a temporary file and moved into place, so a process never reads half a file; when the
folder cannot be written, the shipped model is read as py3langid reads it (slower, never different); a copy
that cannot be read is written again.
``python -m pipeline.text.langid_model`` writes it ahead of time (``make install`` does).
"""
from __future__ import annotations

import logging
import lzma
import os
import shutil
import tempfile
import zipfile
from array import array
from importlib.metadata import version
from pathlib import Path

import numpy as np
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

log = logging.getLogger(__name__)

_KEYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")
# py3langid turns its transition tables into stdlib arrays (fast item access in its pure-Python DFA walk)
_TYPECODE = {2: "H", 4: "I", 8: "L"}


def cache_file() -> Path:
    """The uncompressed model of the installed py3langid version."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("pipeline")) / f"py3langid-{version('py3langid')}" / "model.npz"


def build() -> Path:
    """Writes the uncompressed model unless it is there; returns its path."""
    target = cache_file()
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".model.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out, lzma.open(MODEL_DIR / MODEL_FILE) as shipped:
            shutil.copyfileobj(shipped, out, length=1 << 20)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def _stdlib_array(values: np.ndarray) -> array:
    out = array(_TYPECODE[values.dtype.itemsize])
    out.frombytes(np.ascontiguousarray(values).tobytes())
    return out


def _arrays(path: Path) -> tuple:
    with np.load(path, allow_pickle=False) as data:
        if set(_KEYS) - set(data.files):
            raise ValueError(f"{path}: not a py3langid model")
        return tuple(data[k] for k in _KEYS)


def identifier(**kwargs) -> LanguageIdentifier:
    """Returns py3langid's identifier of the shipped model (``kwargs`` as ``LanguageIdentifier`` takes them),
    read from the uncompressed copy in the cache; a missing copy is written first, a broken one once again."""
    for _ in range(2):
        try:
            ptc, pc, classes, nextmove, row, output = _arrays(build())
            break
        except (OSError, ValueError, EOFError, lzma.LZMAError, zipfile.BadZipFile) as exc:
            log.debug("py3langid's model not read from the cache (%s)", exc)
            try:
                cache_file().unlink(missing_ok=True)   # a file cut short by a full disk: written again
            except OSError:
                pass
    else:
        return LanguageIdentifier.from_model_file(MODEL_FILE, **kwargs)
    return LanguageIdentifier(ptc, pc, classes.tolist(), _stdlib_array(nextmove), output.tolist(), **kwargs,
                              tk_row=_stdlib_array(row))


if __name__ == "__main__":
    print(f"py3langid's model uncompressed in {build()}")
