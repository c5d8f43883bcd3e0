"""Every file the pipeline writes goes through here: atomic writes, the run lock, the run manifest.

Atomic means: each file is written to a temporary file in the same folder, flushed and fsynced, then renamed
over the target with ``os.replace``. A reader (or the next run) sees either the previous file whole or the
new file whole, never a half-written one, whatever moment the writer is killed at. On failure the temporary
file is removed and the previous file is left as it was.

Reproducible means: the same frame gives the same bytes. Parquet is written without the frame's index and
with explicit settings (pyarrow's own metadata — its version string and the pandas schema — is the same on
every write with the same library versions, which the manifest records). CSV uses UTF-8, ``\\n`` line ends,
no index and a fixed float format. JSON has sorted keys. Figures get fixed SVG ids and no creation date.
The time of a run is recorded only in ``manifest.json``.

``staged_outputs`` goes one step further than per-file atomicity: a run's outputs are written into a
staging folder and renamed into place only once every one of them has been written, so a run that fails or
is killed before then leaves the previous set of outputs untouched.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import io as io_module
import json
import math
import os
import platform
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from importlib import metadata
from pathlib import Path, PurePath
from typing import IO, Any, Iterator, Mapping, Sequence

import filelock
import numpy as np
import pandas as pd

import pipeline
from pipeline.errors import InputError

LOCK_FILE_NAME = ".pipeline-run.lock"
STAGING_PREFIX = ".pipeline-staging-"
MANIFEST_NAME = "manifest.json"
# Twelve significant digits: enough for every published figure, and short of the last bits of a double,
# which may differ between machines when a sum is taken in a different order.
CSV_FLOAT_FORMAT = "%.12g"
PARQUET_COMPRESSION = "snappy"
_HASH_CHUNK = 1 << 20
# Libraries whose version is recorded when the installed distribution's requirements cannot be read.
_KEY_LIBRARIES = ("pandas", "numpy", "pyarrow", "scipy", "statsmodels", "scikit-learn", "matplotlib",
                  "python-calamine", "openpyxl", "pyreadstat", "simplemma", "py3langid", "libvoikko",
                  "Jinja2", "python-pptx", "PyYAML")
_DISTRIBUTION = "needs-pipeline"


def _current_umask() -> int:
    # os.umask can only be read by setting it; done once at import, before any thread writes files.
    mask = os.umask(0)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_current_umask()


# Input files this process has read (``protect_input``): no write may replace one of them.
_INPUTS: set[Path] = set()


def protect_input(path: str | os.PathLike[str]) -> None:
    """Remember ``path`` as an input of the run: ``atomic_file`` and ``StagedOutputs.path`` refuse to write
    over it (``code --out`` equal to the input, ``ingest --out`` onto a folder whose ``rejected.csv`` is the
    input)."""
    with contextlib.suppress(OSError, RuntimeError):
        _INPUTS.add(Path(path).resolve())


def forget_inputs() -> None:
    """Forget every input ``protect_input`` remembered (for a long-lived process that starts a new run)."""
    _INPUTS.clear()


def refuse_input_target(target: str | os.PathLike[str]) -> None:
    """Raise ``InputError`` when writing ``target`` would replace an input file of the run."""
    try:
        resolved = Path(target).resolve()
    except (OSError, RuntimeError):
        return
    if resolved in _INPUTS and resolved.exists():
        raise InputError(f"{target}: this is an input file of the run and an output would overwrite it; choose "
                         f"another --out (a folder or file that holds no input)")


def check_out_dir(out_dir: str | os.PathLike[str]) -> Path:
    """Return ``out_dir`` resolved; ``InputError`` when it is a filesystem root or the home folder itself
    (a run writes processed/, figures/ and reports/ there and cleans its staging folders)."""
    folder = Path(out_dir).expanduser()
    try:
        resolved = folder.resolve()
    except (RuntimeError, OSError, ValueError) as exc:      # a symlink loop, a NUL byte
        raise InputError(f"{folder}: cannot use this output folder ({exc}); give a plain folder") from None
    if resolved == Path(resolved.anchor) or resolved == Path.home().resolve():
        raise InputError(f"{folder}: refusing to write outputs into the filesystem root or the home folder "
                         f"itself; give --out a folder of its own (such as ~/needs-run)")
    if resolved.exists() and not resolved.is_dir():
        raise InputError(f"{folder}: --out names a file, not a folder; give a folder (it is created when missing)")
    return resolved


@functools.lru_cache(maxsize=None)
def shipped_yaml(relative: str) -> Any:
    """The parsed YAML file ``relative`` of the package (``"roles.yaml"``, ``"taxonomies/needs.yaml"``), read once
    per process. Shipped files are trusted, so libyaml's C parser reads them when PyYAML has it (ten times
    faster than the pure-Python one; same result on every shipped file); users' YAML keeps ``yaml.safe_load``."""
    import yaml

    text = (Path(__file__).resolve().parent / relative).read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def users_yaml(raw: bytes, source: str) -> Any:
    """The parsed YAML document of a user's settings file (a taxonomy), read strictly: a key written twice in one
    mapping is an error, not the second silently replacing the first (QA round 37: a theme listed twice lost its 7
    companies). Raises ``InputError`` naming ``source``, the line and the fix."""
    import yaml

    class UniqueKeys(yaml.SafeLoader):
        def construct_mapping(self, node, deep=False):
            seen: dict[Any, int] = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                try:
                    first = seen.setdefault(key, key_node.start_mark.line + 1)
                except TypeError:       # an unhashable key: the loader's own error says so
                    break
                if first != key_node.start_mark.line + 1:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"{key!r} is written twice (lines {first} and {key_node.start_mark.line + 1}); "
                        f"keep one")
            return super().construct_mapping(node, deep)

    try:
        return yaml.load(raw.decode("utf-8-sig"), Loader=UniqueKeys)
    except UnicodeDecodeError:
        raise InputError(f"{source}: not a readable YAML file (not UTF-8 text); save it as UTF-8") from None
    except RecursionError:
        raise InputError(f"{source}: not a readable YAML file (nested too deeply); check the brackets") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        fix = ("indent with spaces, not tabs" if "\\t" in problem or "tab" in problem
               else "" if "written twice" in problem else "check the indentation and quotes")
        raise InputError(f"{source}: not a readable YAML file ({line}{problem}){'; ' + fix if fix else ''}") from None


def read_small_file(path: str | os.PathLike[str], what: str, limit: int = 1 << 20) -> bytes:
    """Return the bytes of a settings file (config, spec, key file) after checking that it is a regular file
    of at most ``limit`` bytes: a FIFO would block the run for ever and ``/dev/zero`` would read until memory
    runs out. Raises ``InputError`` naming the file and ``what`` it is."""
    import stat as stat_module

    target = Path(path)
    try:
        info = target.stat()
    except FileNotFoundError:
        raise InputError(f"{target}: {what} not found") from None
    except OSError as exc:
        raise InputError(f"{target}: cannot read the {what} ({exc.strerror or exc})") from None
    if not stat_module.S_ISREG(info.st_mode):
        raise InputError(f"{target}: the {what} is not a regular file (a folder, pipe or device); name a file")
    if info.st_size > limit:
        raise InputError(f"{target}: the {what} is {info.st_size} bytes, over the limit of {limit}; is it the "
                         f"right file?")
    try:
        fd = os.open(target, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputError(f"{target}: cannot read the {what} ({exc.strerror or exc})") from None
    with os.fdopen(fd, "rb") as fh:
        if not stat_module.S_ISREG(os.fstat(fh.fileno()).st_mode):     # replaced between the two looks
            raise InputError(f"{target}: the {what} is not a regular file; name a file")
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"{target}: the {what} is over the limit of {limit} bytes; is it the right file?")
    return data


def _fsync_dir(folder: Path) -> None:
    """Make a rename inside ``folder`` durable (POSIX); a no-op where folders cannot be opened (Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike[str]) -> Iterator[IO[bytes]]:
    """Yields a binary file handle whose contents replace ``path`` atomically when the block ends cleanly.

    The handle belongs to a temporary file in ``path``'s folder (created with its parents when missing). On a
    clean exit the file is flushed, fsynced, given the usual permissions (0666 minus the umask) and renamed
    over ``path``; if the block raises, the temporary file is removed, ``path`` is untouched and the
    exception propagates.
    """
    target = Path(path)
    refuse_input_target(target)
    if target.is_dir():
        raise InputError(f"{target}: this is a folder; give the output a file name (such as {target / 'out.csv'})")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise InputError(f"{target}: a part of this path is a file, not a folder; choose another output "
                         f"path") from None
    tmp = tempfile.NamedTemporaryFile(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp",
                                      delete=False)
    tmp_path = Path(tmp.name)
    try:
        with tmp:
            yield tmp
            tmp.flush()
            os.fsync(tmp.fileno())
        os.chmod(tmp_path, _FILE_MODE)
        os.replace(tmp_path, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp_path.unlink()
        raise
    _fsync_dir(target.parent)


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> Path:
    """Writes ``data`` to ``path`` atomically; returns the path."""
    with atomic_file(path) as fh:
        fh.write(data)
    return Path(path)


def write_text_atomic(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> Path:
    """Writes ``text`` encoded as ``encoding`` (no newline translation) to ``path`` atomically; returns the path."""
    return write_bytes_atomic(path, text.encode(encoding))


def write_parquet_atomic(path: str | os.PathLike[str], frame: pd.DataFrame) -> Path:
    """Writes ``frame`` as Parquet to ``path`` atomically; returns the path.

    The index is not stored (tables are tidy; a filtered frame's index would otherwise become a column and
    make equal tables differ). Compression and format version are fixed, so equal frames give equal bytes.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    # Converted before the temporary file is opened: a frame that cannot be stored fails without touching disk.
    table = pa.Table.from_pandas(frame, preserve_index=False)
    with atomic_file(path) as fh:
        pq.write_table(table, fh, compression=PARQUET_COMPRESSION, version="2.6",
                       use_dictionary=True, write_statistics=True)
    return Path(path)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _is_text_dtype(series: pd.Series) -> bool:
    return not (pd.api.types.is_numeric_dtype(series) or pd.api.types.is_datetime64_any_dtype(series)
                or pd.api.types.is_bool_dtype(series))


def csv_bytes(frame: pd.DataFrame, float_format: str = CSV_FLOAT_FORMAT) -> bytes:
    """Returns ``frame`` as CSV bytes: UTF-8, header row, no index, ``\\n`` line ends, floats as ``float_format``,
    missing values as empty fields.

    Every text field (the header row, and each string of a text column) is quoted, numbers are not: a file
    opened with another separator than ``,`` (Finnish and Swedish Excel use ``;``) then still keeps a quoted
    field whole instead of splitting it at a ``;`` inside (see ``pipeline.report.safe.safe_csv_text``)."""
    if frame.shape[1] == 0:
        return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")
    plain = [pos for pos in range(frame.shape[1]) if not _is_text_dtype(frame.iloc[:, pos])]
    formatted: dict[int, list[str]] = {}
    if plain and len(frame):
        # numbers, booleans and dates hold no separator or quote: pandas formats them (a leading constant
        # column keeps it from quoting an empty field that would otherwise be a whole line)
        part = frame.iloc[:, plain].copy()
        part.columns = range(len(plain))
        part.insert(0, "_", "x")
        body = part.to_csv(index=False, header=False, lineterminator="\n", float_format=float_format, na_rep="")
        rows = [line.split(",")[1:] for line in body.split("\n")[:len(frame)]]
        for k, pos in enumerate(plain):
            formatted[pos] = [row[k] for row in rows]
    columns: list[list[str]] = []
    for pos in range(frame.shape[1]):
        series = frame.iloc[:, pos]
        if pos in formatted or not len(series):
            cells = formatted.get(pos, [])
        else:
            cells = []
            for value in series.tolist():
                if value is None or (not isinstance(value, (str, list, tuple, np.ndarray)) and pd.isna(value)):
                    cells.append("")
                elif isinstance(value, str):
                    cells.append(_quoted(value))
                elif isinstance(value, float):
                    cells.append(float_format % value)
                elif isinstance(value, (bool, np.bool_, int, np.integer)):
                    cells.append(str(value))
                else:
                    cells.append(_quoted(str(value)))
        columns.append(cells)
    lines = [",".join(_quoted(str(c)) for c in frame.columns)]
    lines.extend(",".join(row) for row in zip(*columns))
    return ("\n".join(lines) + "\n").encode("utf-8")


def write_csv_atomic(path: str | os.PathLike[str], frame: pd.DataFrame,
                     float_format: str = CSV_FLOAT_FORMAT) -> Path:
    """Writes ``frame`` as CSV (see ``csv_bytes``) to ``path`` atomically; returns the path."""
    return write_bytes_atomic(path, csv_bytes(frame, float_format))


def jsonable(obj: Any) -> Any:
    """Returns ``obj`` made of JSON types only: numpy scalars become Python numbers, NaN/inf/NA/NaT become
    None, dates ISO strings, paths POSIX strings, tuples lists, sets sorted lists, mapping keys strings."""
    if obj is None or isinstance(obj, (bool, str)):
        return obj
    if isinstance(obj, (np.datetime64, np.timedelta64)):
        # .item() would give integer nanoseconds for ns precision; pandas keeps the meaning.
        obj = pd.Timestamp(obj) if isinstance(obj, np.datetime64) else pd.Timedelta(obj)
        if obj is pd.NaT:
            return None
        return obj.isoformat()
    if isinstance(obj, np.generic):
        obj = obj.item()
    if isinstance(obj, bool):
        return obj
    if isinstance(obj, int):
        return int(obj)
    if isinstance(obj, float):
        return float(obj) if math.isfinite(obj) else None
    if isinstance(obj, Decimal):
        return float(obj) if obj.is_finite() else None
    if obj is pd.NA or obj is pd.NaT:
        return None
    if isinstance(obj, (datetime, date)):
        return obj.isoformat()
    if isinstance(obj, PurePath):
        return obj.as_posix()
    if isinstance(obj, Mapping):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (set, frozenset)):
        return sorted((jsonable(v) for v in obj), key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(obj, (list, tuple, np.ndarray, pd.Series)):
        return [jsonable(v) for v in list(obj)]
    raise TypeError(f"cannot write a {type(obj).__name__} as JSON: {obj!r}")


def json_text(obj: Any) -> str:
    """Returns ``obj`` (made JSON-safe by ``jsonable``) as indented JSON with sorted keys, non-ASCII kept,
    and a final newline: the same object always gives the same text."""
    return json.dumps(jsonable(obj), sort_keys=True, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def write_json_atomic(path: str | os.PathLike[str], obj: Any) -> Path:
    """Writes ``obj`` as JSON (see ``json_text``) in UTF-8 to ``path`` atomically; returns the path."""
    return write_text_atomic(path, json_text(obj))


# rcParams every figure is saved under: SVG element ids from a fixed salt instead of a random one
# (matplotlib's default changes every file), and SVG text written as <text> elements in the figure's font
# rather than as glyph outlines (searchable, readable by screen readers, smaller). Neither touches PNG output.
FIGURE_RC: dict[str, Any] = {"svg.hashsalt": "needs-pipeline", "svg.fonttype": "none", "text.parse_math": False}


def figure_bytes(figure: Any, fmt: str, dpi: float | None = None, bbox_inches: Any = None) -> bytes:
    """Returns a matplotlib ``figure`` rendered as ``fmt`` (png, svg, pdf) bytes that are the same on every run.

    Left out: the creation date (svg, pdf) and the matplotlib version (png, svg, pdf); SVG element ids are
    derived from a fixed salt instead of a random one (matplotlib's default changes every file), and SVG text
    is written as text (``FIGURE_RC``). ``bbox_inches`` is as for ``savefig``: None, ``"tight"`` or a
    ``Bbox`` in inches.
    """
    import matplotlib

    fmt = fmt.lower()
    meta: dict[str, Any] = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None},
                            "pdf": {"CreationDate": None, "ModDate": None, "Creator": None,
                                    "Producer": None}}.get(fmt, {})
    buffer = io_module.BytesIO()
    with matplotlib.rc_context(FIGURE_RC):
        figure.savefig(buffer, format=fmt, dpi=dpi if dpi is not None else "figure", bbox_inches=bbox_inches,
                       metadata=meta or None)
    return buffer.getvalue()


@contextlib.contextmanager
def run_lock(out_dir: str | os.PathLike[str]) -> Iterator[Path]:
    """Context manager that holds the run lock of ``out_dir`` while a run writes there; yields the lock file.

    Entering it creates ``out_dir`` when missing and takes the lock (a lock file inside ``out_dir``) at once,
    or raises ``InputError`` when another run holds it; leaving it releases the lock. The lock is an
    operating-system file lock, released when its process ends however it ends, so the lock file left
    behind by a killed run never blocks the next one.
    """
    folder = Path(out_dir)
    check_out_dir(folder)
    folder.mkdir(parents=True, exist_ok=True)
    lock_path = folder / LOCK_FILE_NAME
    lock = filelock.FileLock(str(lock_path), timeout=0)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise InputError(f"{folder}: another run is writing here (lock file {lock_path}); "
                         "wait for it or remove the lock if no run is active") from None
    try:
        yield lock_path
    finally:
        lock.release()


def file_sha256(path: str | os.PathLike[str]) -> str:
    """Returns the SHA-256 of the file at ``path`` as 64 hex digits (read in chunks; any size).

    Raises ``InputError`` naming the file when it cannot be read.
    """
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(_HASH_CHUNK), b""):
                digest.update(chunk)
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file to hash it ({exc.strerror or exc})") from None
    return digest.hexdigest()


def library_versions() -> dict[str, str]:
    """Returns {distribution: version} for every runtime dependency of the installed package (falling back
    to a fixed list of key libraries when the package metadata is missing); absent libraries are left out."""
    try:
        requirements = metadata.requires(_DISTRIBUTION) or []
    except metadata.PackageNotFoundError:
        requirements = []
    names = [m.group(0) for r in requirements if "extra ==" not in r
             for m in [re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", r)] if m]
    versions: dict[str, str] = {}
    for name in sorted(set(names or _KEY_LIBRARIES), key=str.lower):
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions[name] = metadata.version(name)
    return versions


def _aware(moment: datetime) -> datetime:
    # A naive time is the machine's local time; an explicit offset keeps the manifest unambiguous.
    return moment if moment.tzinfo is not None else moment.astimezone()


def shown_path(path: str | os.PathLike[str], root: Path | None) -> Path:
    """``path`` as a published file names it: from ``root`` (``..`` where it lies outside it), never from the
    user's home folder; as given without a root."""
    path = Path(path)
    return path if root is None else Path(os.path.relpath(path.resolve(), root.resolve()))


def _file_entry(path: Path, root: Path | None, relative: bool = False) -> dict[str, Any]:
    shown = path
    if root is not None:
        with contextlib.suppress(ValueError):
            shown = path.resolve().relative_to(root.resolve())
        if relative and shown is path:
            # an input outside the project folder: its path from there, never the user's home folder
            shown = shown_path(path, root)
    # a file or folder name can hold a person's name or address: the manifest shows it scrubbed (the digest
    # still identifies the file)
    from pipeline.privacy import scrub_path

    return {"path": scrub_path(shown.as_posix()), "sha256": file_sha256(path), "bytes": path.stat().st_size}


def manifest(inputs: Sequence[Path], settings_dict: Mapping[str, Any], outputs: Sequence[Path],
             started: datetime, finished: datetime, *, root: Path | None = None,
             stage_seconds: Mapping[str, float] | None = None, inputs_root: Path | None = None) -> dict[str, Any]:
    """Returns the manifest of one run, ready for ``write_json_atomic``.

    Keys: ``pipeline_version``, ``python``, ``platform``, ``libraries`` ({name: version}), ``settings``
    (``settings_dict`` made JSON-safe), ``inputs`` and ``outputs`` (each a list of {path, sha256, bytes},
    sorted by path; output paths relative to ``root`` when given and inside it, input paths relative to
    ``inputs_root`` when given: a public run's manifest is published, and an absolute path names the user's home
    folder, e.g. ``C:/Users/anna.koskinen/OneDrive - …``, QA round 24), ``started`` and ``finished``
    (ISO 8601 with offset), ``seconds`` (finished − started) and ``stage_seconds`` ({stage: seconds}, in the
    order given; {} when not given). This is the only place a run's time is recorded.
    """
    from pipeline.privacy import scrub_value

    started, finished = _aware(started), _aware(finished)
    return {
        "pipeline_version": pipeline.__version__,
        "python": platform.python_version(),
        "platform": f"{sys.platform}-{platform.machine()}",
        "libraries": library_versions(),
        "settings": scrub_value(jsonable(settings_dict)),   # paths may hold a person's name
        "inputs": sorted((_file_entry(Path(p), inputs_root, relative=True) for p in inputs),
                         key=lambda e: e["path"]),
        "outputs": sorted((_file_entry(Path(p), root) for p in outputs), key=lambda e: e["path"]),
        "started": started.isoformat(),
        "finished": finished.isoformat(),
        "seconds": round((finished - started).total_seconds(), 3),
        "stage_seconds": {str(k): round(float(v), 3) for k, v in (stage_seconds or {}).items()},
    }


@dataclass
class StagedOutputs:
    """A run's outputs being written into a staging folder; see ``staged_outputs``.

    ``path(target)`` returns where to write the file that will end up at ``target`` (which must lie inside
    ``out_dir``); ``files()`` lists the staged files so far. ``root`` is the staging folder, laid out like
    ``out_dir``, so ``manifest(outputs=stage.files(), root=stage.root)`` gives the final relative paths.
    """

    out_dir: Path
    root: Path
    _targets: dict[Path, Path] = field(default_factory=dict)

    def path(self, target: str | os.PathLike[str]) -> Path:
        final = Path(target)
        if not final.is_absolute():
            final = self.out_dir / final
        try:
            relative = final.resolve().relative_to(self.out_dir.resolve())
        except ValueError:
            if final.is_relative_to(self.out_dir):
                # OUT/processed (or figures, reports) is a symbolic link out of OUT: writing through it could
                # replace files elsewhere, inputs among them
                raise InputError(f"{final}: this output would land outside {self.out_dir} (a symbolic link in the "
                                 f"output folder points elsewhere); remove the link or choose another --out") from None
            raise ValueError(f"{final}: staged outputs must lie inside {self.out_dir}") from None
        refuse_input_target(final)
        for parent in relative.parents:
            folder = self.out_dir / parent
            if parent != Path(".") and folder.exists() and not folder.is_dir():
                raise InputError(f"{folder}: a file where the run writes a folder; move it away or choose another "
                                 f"--out")
        staged = self.root / relative
        self._targets[staged] = final
        return staged

    def files(self) -> list[Path]:
        return sorted(p for p in self._targets if p.exists())

    def _commit(self) -> list[Path]:
        # The manifest goes last: when it is in place, every file it lists is in place too. The previous one is
        # removed first, so that a run killed during the moves leaves no manifest claiming a mixed set; so are the
        # reports about to be replaced, which are moved in after the tables and figures: a run killed during the
        # moves leaves no summary that contradicts the tables beside it (QA round 25: "44 of 77" beside a
        # satisfaction chart of 45).
        order = sorted((p for p in self._targets if p.exists()),
                       key=lambda p: (p.name == MANIFEST_NAME, self._targets[p].parent.name == "reports", p))
        for staged in order:
            check_replaceable(self._targets[staged])
        for staged in order:
            final = self._targets[staged]
            if (final.name == MANIFEST_NAME or final.parent.name == "reports") and final.exists():
                final.unlink()
                _fsync_dir(final.parent)
        done = []
        for staged in order:
            final = self._targets[staged]
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, final)
            _fsync_dir(final.parent)
            done.append(final)
        return done


def check_replaceable(final: Path) -> None:
    """Raise ``InputError`` naming ``final`` when a file there cannot be replaced: open in a program that locks
    it (Excel on Windows), read-only or immutable, or in a folder the run may not write. Checked for every
    output before any is moved: a summary.xlsx open in Excel had stopped a rerun after 43 of its files were
    replaced, leaving a Swedish summary.html beside a Finnish summary.xlsx and no manifest (QA round 15)."""
    try:
        if final.exists():
            with open(final, "r+b"):
                pass
        folder = next((p for p in (final.parent, *final.parent.parents) if p.exists()), None)
        if folder is not None and not os.access(folder, os.W_OK | os.X_OK):
            raise PermissionError(f"folder {folder} is not writable")
    except OSError as exc:
        raise InputError(f"{final}: cannot be replaced ({exc.strerror or exc}); close it in the program that has "
                         "it open (such as Excel) or make it writable, and run again; the previous outputs are "
                         "unchanged") from None


@contextlib.contextmanager
def staged_outputs(out_dir: str | os.PathLike[str]) -> Iterator[StagedOutputs]:
    """Yields a ``StagedOutputs`` whose files are moved into ``out_dir`` only when the block ends cleanly.

    Write every output with the ``write_*_atomic`` functions to ``stage.path(final_path)``. When the block
    ends without an exception, each staged file is renamed over its final path (each rename atomic; the
    renames take milliseconds, and ``manifest.json`` goes last). When it raises, or the process is killed
    before then, the previous outputs are untouched; the staging folder is removed on an exception and any
    left by a killed run are removed the next time. Use it inside ``run_lock(out_dir)``, which keeps two runs
    from removing each other's staging folders.
    """
    out = Path(out_dir)
    check_out_dir(out)
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob(f"{STAGING_PREFIX}*"):
        # a stale folder holding an input of this run (however it got there) is left alone: never delete an input
        if stale.is_dir() and not any(p.is_relative_to(stale.resolve()) for p in _INPUTS):
            shutil.rmtree(stale, ignore_errors=True)
    root = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
    stage = StagedOutputs(out_dir=out, root=root)
    try:
        yield stage
        stage._commit()
    finally:
        shutil.rmtree(root, ignore_errors=True)
