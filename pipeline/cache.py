"""The stage cache: results of earlier runs, kept in the output folder, found again by their inputs.

Two kinds of file under ``<out>/.pipeline-cache/``: ``objects/<sha256>.pkl``, a stage result pickled and named by
the hash of its bytes, and ``keys/<key>.json``, which maps a stage key (the hash of the stage's name, the code
version and its inputs' fingerprints; see ``pipeline.graph``) to the hashes of the results it produced. Both
are written atomically (a temporary file renamed into place), a key only after its objects, so a run killed
at any moment leaves either a complete entry or none; the run lock keeps two runs from writing at once.
After a run, ``prune`` removes what that run did not use, so the cache holds one run's worth of results.

The cache holds what the stages hold: pseudonymised, scrubbed tables, never raw exports.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import shutil
import tempfile
from pathlib import Path
from typing import Any, Mapping

CACHE_DIR_NAME = ".pipeline-cache"
_PROTOCOL = 5


class _HashingWriter:
    """A file object that hashes what is written to it on the way to ``fh``."""

    def __init__(self, fh: Any) -> None:
        self.fh = fh
        self.sha = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.sha.update(data)
        return self.fh.write(data)


class _Discard:
    def write(self, data: Any) -> int:
        # pickle writes a large buffer as a PickleBuffer, which has no len(); every buffer has a byte size
        return memoryview(data).nbytes


def content_fingerprint(value: Any) -> str | None:
    """The SHA-256 of a DataFrame's content (columns, dtypes, index, cells, attrs), or None for other values.

    A pickle's bytes depend on which cells share one Python object (pickle writes a shared object once), so the
    same table built in another way — partly read back from the cache, say — can pickle differently. Hashing
    the content instead lets a stage whose inputs did not change in content be taken from the cache, whatever
    path built them."""
    import pandas as pd

    if not isinstance(value, pd.DataFrame):
        return None
    h = hashlib.sha256()
    h.update(repr(([str(c) for c in value.columns], [str(t) for t in value.dtypes], value.shape)).encode())
    h.update(repr(sorted((str(k), repr(v)) for k, v in value.attrs.items())).encode())
    for part in (value.index, *(value[c] for c in value.columns)):
        try:
            h.update(pd.util.hash_pandas_object(part, index=False).to_numpy().tobytes())
        except TypeError:  # cells that cannot be hashed (lists): their text
            h.update("\x1e".join(map(repr, list(part))).encode())
    return h.hexdigest()


class Cache:
    """Stage results by content hash, and stage keys → those hashes, in ``root``.

    ``read_only``: results of earlier runs are used, new ones are kept in memory only (a notebook rerunning
    one stage must not change the cache of the run it reads).
    """

    def __init__(self, root: Path, *, read_only: bool = False) -> None:
        self.root = Path(root)
        self.objects = self.root / "objects"
        self.keys = self.root / "keys"
        self.read_only = read_only
        self.used_keys: set[str] = set()
        self.used_objects: set[str] = set()
        self._memory: dict[str, Any] = {}
        self._memory_keys: dict[str, dict[str, str]] = {}

    def lookup(self, key: str) -> dict[str, str] | None:
        """The output fingerprints recorded for stage ``key`` (all of whose objects exist), or None."""
        if key in self._memory_keys:
            return dict(self._memory_keys[key])
        path = self.keys / f"{key}.json"
        try:
            found = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(found, dict) or not all(fp in self._memory or (self.objects / f"{fp}.pkl").exists()
                                                  for fp in found.values()):
            return None
        self.used_keys.add(key)
        self.used_objects.update(found.values())
        return found

    def record(self, key: str, fingerprints: Mapping[str, str]) -> None:
        """Remember that stage ``key`` produced the objects ``fingerprints`` (output name → hash)."""
        if self.read_only:
            self._memory_keys[key] = dict(fingerprints)
            return
        self.keys.mkdir(parents=True, exist_ok=True)
        self._atomic(self.keys / f"{key}.json", lambda fh: fh.write(json.dumps(dict(fingerprints)).encode()))
        self.used_keys.add(key)

    def store(self, value: Any) -> str:
        """Pickle ``value`` into the cache; returns its fingerprint: for a table the hash of its content
        (``content_fingerprint``), else the hash of its pickled bytes."""
        content = content_fingerprint(value)
        if self.read_only:
            writer = _HashingWriter(_Discard())
            pickle.dump(value, writer, protocol=_PROTOCOL)
            fingerprint = content or writer.sha.hexdigest()
            self._memory[fingerprint] = value
            return fingerprint
        if content is not None and (self.objects / f"{content}.pkl").exists():
            self.used_objects.add(content)
            return content
        self.objects.mkdir(parents=True, exist_ok=True)
        tmp = tempfile.NamedTemporaryFile(dir=self.objects, prefix=".", suffix=".tmp", delete=False)
        try:
            with tmp:
                writer = _HashingWriter(tmp)
                pickle.dump(value, writer, protocol=_PROTOCOL)
            fingerprint = content or writer.sha.hexdigest()
            os.replace(tmp.name, self.objects / f"{fingerprint}.pkl")
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp.name)
            raise
        self.used_objects.add(fingerprint)
        return fingerprint

    def load(self, fingerprint: str) -> Any:
        """The value stored under ``fingerprint``."""
        if fingerprint in self._memory:
            return self._memory[fingerprint]
        with (self.objects / f"{fingerprint}.pkl").open("rb") as fh:
            return pickle.load(fh)

    def prune(self) -> None:
        """Remove every key and object this run neither found nor made (and stray temporary files)."""
        if self.read_only:
            return
        for folder, used, suffix in ((self.keys, self.used_keys, ".json"), (self.objects, self.used_objects, ".pkl")):
            if not folder.exists():
                continue
            for path in folder.iterdir():
                if path.name.endswith(".tmp") or (path.suffix == suffix and path.stem not in used):
                    with contextlib.suppress(OSError):
                        path.unlink()

    def clear(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    @staticmethod
    def _atomic(path: Path, write: Any) -> None:
        tmp = tempfile.NamedTemporaryFile(dir=path.parent, prefix=".", suffix=".tmp", delete=False)
        try:
            with tmp:
                write(tmp)
            os.replace(tmp.name, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp.name)
            raise
