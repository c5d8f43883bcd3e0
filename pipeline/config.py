"""Every path and setting, resolved once: the project's config file, then the environment, then the defaults.

``load_settings`` returns a frozen ``Settings``. Defaults live in ``pipeline/defaults.toml``; a project's TOML
config file (paths relative to the file) overrides them; where the config file is silent, the environment
variables named in ``defaults.toml`` apply. Command-line flags (``--out``, ``--lang``) override all three.
No other module reads the environment or guesses a path.
"""
from __future__ import annotations

import copy
import functools
import logging
import os
import secrets
import stat
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from pipeline.errors import ConfigError

log = logging.getLogger("pipeline")

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent
DEMO_DIR = REPO_ROOT / "raw" / "demo"
DEMO_CONFIG = DEMO_DIR / "project.toml"
DEFAULTS_FILE = PACKAGE_DIR / "defaults.toml"
# the [analysis] keys ingest reads too (``pipeline.ingest.build._read_alike``), given it under [ingest]
ANALYSIS_LABEL_KEYS = ("export_yes", "export_maybe", "export_no", "subregions", "municipality_aliases")
LANGUAGES = ("fi", "sv", "en")
EDITIONS = ("steering", "public")
DEFAULT_KEY_FILE = Path.home() / ".config" / "needs-pipeline" / "pseudonym.key"
KNOWN_SECTIONS = {"lang", "needs", "workshops", "feedback", "impact", "taxonomy", "analysis", "ingest",
                  "coding", "privacy", "out", "run", "attendance", "services"}
PRIVACY_KEYS = {"key_file", "i_understand_small_cells"}
WORKSHOPS_KEYS = {"file"}
MAX_CONFIG_BYTES = 1 << 20          # a config or spec file larger than this is not a config
MAX_KEY_BYTES = 4096
MIN_CELL = 3                        # min_count and min_base below this publish cells of one or two companies


@dataclass(frozen=True)
class SurveySource:
    """One survey export named by the config: its file, optional spec, role overrides and workshop link."""

    path: Path
    spec: Path | None = None
    roles: Mapping[str, str] = field(default_factory=dict)
    workshop_id: str | None = None
    exclude: tuple[str, ...] = ()   # the export's own response ids of test rows to leave out


@dataclass(frozen=True)
class Settings:
    """Resolved settings of one run. ``analysis``, ``ingest`` and ``coding`` are the merged TOML sections."""

    out: Path
    lang: str
    config_path: Path | None
    needs: SurveySource | None
    workshops: Path | None
    feedback: tuple[SurveySource, ...]
    impact: SurveySource | None
    taxonomy_needs: str
    taxonomy_feedback: str
    analysis: Mapping[str, Any]
    ingest: Mapping[str, Any]
    coding: Mapping[str, Any]
    run: Mapping[str, Any] = field(default_factory=dict)
    review: Path | None = None      # the analyst's coding review workbook ([coding] review), when it exists
    attendance: Path | None = None  # the attendance list ([attendance] file): workshop and company per row
    services: Path | None = None    # the service-provider catalogue ([services] file, YAML)
    previous_public: Path | None = None  # the previous public edition's output folder ([analysis] previous_public)
    key_file: Path | None = None
    key_value: str | None = field(default=None, repr=False)

    @property
    def processed(self) -> Path:
        return self.out / "processed"

    @property
    def figures(self) -> Path:
        return self.out / "figures"

    @property
    def reports(self) -> Path:
        return self.out / "reports"

    def input_files(self) -> list[Path]:
        """Every input file the run reads, in a stable order (for the manifest and make): the surveys and their
        questionnaire specs, the register, review, attendance and services files, and a project's own
        taxonomies."""
        sources = [s for s in (self.needs, self.impact) if s] + list(self.feedback)
        files = [s.path for s in sources] + [Path(s.spec) for s in sources if isinstance(s.spec, (str, Path))]
        files += [p for p in (self.workshops, self.review, self.attendance, self.services) if p]
        files += [Path(t) for t in (self.taxonomy_needs, self.taxonomy_feedback) if Path(t).is_absolute()]
        return sorted(set(files))

    def pseudonym_key(self) -> bytes:
        """The HMAC key for respondent pseudonyms: environment, key file, or a per-user key made once.

        The per-user key lives outside the repository (``~/.config/needs-pipeline/pseudonym.key``) so that
        pseudonyms stay stable across runs on one machine and cannot be recomputed from git.
        """
        if self.key_value:
            return self.key_value.encode("utf-8")
        path = self.key_file or DEFAULT_KEY_FILE
        if path.exists() or path.is_symlink():
            return read_key_file(path)
        if self.key_file is not None:
            raise ConfigError(f"{path}: pseudonym key file not found; check [privacy] key_file or "
                              f"PIPELINE_KEY_FILE")
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_hex(32).encode("ascii")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(key)
        return key


def read_key_file(path: Path) -> bytes:
    """The pseudonym key in ``path``: a regular file of at most 4 KB holding a non-empty key. A key file that
    others than its owner may read is used with a warning (pseudonyms are only as secret as the key)."""
    from pipeline.io import read_small_file

    data = read_small_file(path, "pseudonym key file", MAX_KEY_BYTES).strip()
    if not data:
        raise ConfigError(f"{path}: the pseudonym key file is empty; write a long random key into it (e.g. "
                          f"python -c \"import secrets; print(secrets.token_hex(32))\" > {path})")
    mode = path.stat().st_mode
    if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
        log.warning("%s: the pseudonym key file can be read by other users (mode %s); make it private: chmod 600 %s",
                    path, oct(stat.S_IMODE(mode)), path)
    return data


def defaults() -> dict[str, Any]:
    """The shipped defaults (``pipeline/defaults.toml``) as a dict (a fresh copy: callers may change it)."""
    return copy.deepcopy(_shipped_defaults())


@functools.lru_cache(maxsize=1)
def _shipped_defaults() -> dict[str, Any]:
    # read once per process: ingest, the coder and the settings each ask for it, per file and per stage
    with DEFAULTS_FILE.open("rb") as fh:
        return tomllib.load(fh)


def _read_toml(path: Path) -> dict[str, Any]:
    from pipeline.errors import InputError
    from pipeline.io import read_small_file

    try:
        raw = read_small_file(path, "config file", MAX_CONFIG_BYTES)
    except InputError as exc:
        raise ConfigError(str(exc)) from None
    try:
        return tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte {exc.start}); save the config as UTF-8") from None
    except (tomllib.TOMLDecodeError, RecursionError) as exc:
        hint = ""
        if "Cannot overwrite a value" in str(exc) or "Cannot declare" in str(exc):
            # a second [feedback] table, where each feedback survey needs its own [[feedback]] entry
            hint = ("; a section given twice? each feedback survey is its own [[feedback]] entry (double brackets), "
                    "other sections appear once")
        raise ConfigError(f"{path}: not valid TOML ({exc}){hint}") from None


def _path_value(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"config {where} = {value!r}: give a file path as a string, e.g. {where.split()[-1]} = "
                          f"\"data.csv\"")
    return value


def _resolved(base: Path, value: str | Path) -> Path:
    """Return ``base / value`` resolved; ``ConfigError`` for a path that cannot be: a symlink loop, a NUL byte."""
    try:
        resolved = (base / value).resolve()
        str(resolved).encode("utf-8")
        return resolved
    except UnicodeEncodeError:
        shown = str(base / value).encode("utf-8", "replace").decode("utf-8")
        raise ConfigError(f"{shown}: the name of this path is not valid UTF-8 text; rename it with plain "
                          f"letters") from None
    except (RuntimeError, OSError, ValueError) as exc:
        shown = str(value).replace("\x00", "\\0")
        raise ConfigError(f"{shown}: cannot follow this path ({exc}); name the file itself") from None


def _regular(path: Path, where: str) -> Path:
    if not path.exists():
        raise ConfigError(f"{path}: file named in {where} not found")
    if not stat.S_ISREG(path.stat().st_mode):
        raise ConfigError(f"{path}: named in {where}, but not a regular file (a folder, pipe or device)")
    return path


def _taxonomy_setting(value: Any, base: Path, key: str) -> str:
    """Return a ``[taxonomy]`` setting: a shipped taxonomy's name as given, or a YAML path resolved against the
    config's folder, checked to be a regular file of at most ``MAX_CONFIG_BYTES`` (a name with a folder or a
    .yaml ending is a path; one missing is an error naming the setting, not a file looked up elsewhere)."""
    value = _path_value(value, f"[taxonomy] {key}")
    if not (value.endswith((".yaml", ".yml")) or "/" in value or os.sep in value):
        return value
    path = _regular(_resolved(base, value), f"[taxonomy] {key}")
    if path.stat().st_size > MAX_CONFIG_BYTES:
        raise ConfigError(f"{path}: the taxonomy named in [taxonomy] {key} is {path.stat().st_size} bytes, over "
                          f"the limit of {MAX_CONFIG_BYTES}; is it the right file?")
    return str(path)


def _previous_public(value: Any, base: Path) -> Path | None:
    """``[analysis] previous_public`` as the folder of the previous public run (relative to the config), or None;
    a folder without that run's ``processed/theme_ranking.csv`` is an error naming it."""
    if isinstance(value, str) and not value.strip():
        return None
    value = _path_value(value, "[analysis] previous_public")
    folder = _resolved(base, value)
    if folder.name == "processed":
        folder = folder.parent
    if not (folder / "processed" / "theme_ranking.csv").is_file():
        raise ConfigError(f"[analysis] previous_public = {value!r}: {folder} holds no processed/theme_ranking.csv; "
                          f"name the output folder (--out) of the previous public run")
    return folder


def _source(entry: Any, base: Path, section: str) -> SurveySource:
    if isinstance(entry, str):
        entry = {"file": entry}
    # unknown keys first: a misspelt "flie" is named, not reported as a missing file
    unknown = set(entry) - {"file", "spec", "roles", "workshop_id", "exclude"} if isinstance(entry, dict) else set()
    if not isinstance(entry, dict) or ("file" not in entry and not unknown):
        raise ConfigError(f"config section [{section}] needs file = \"PATH\"")
    if unknown:
        from pipeline.ingest.spec import TOP_KEYS

        # a key of the questionnaire spec written into the config ("sheet", "header_rows"): say where it goes
        in_spec = sorted(unknown & TOP_KEYS)
        hint = (f"; {', '.join(in_spec)} belong(s) in a questionnaire spec: spec = \"FILE.yaml\" holding "
                f"{in_spec[0]}: ... (README, 'A questionnaire spec')") if in_spec else ""
        raise ConfigError(f"config section [{section}]: unknown key(s) {', '.join(sorted(unknown))}; allowed: "
                          f"file, spec, roles, workshop_id, exclude{hint}")
    path = _regular(_resolved(base, _path_value(entry["file"], f"[{section}] file")), f"[{section}]")
    spec = _resolved(base, _path_value(entry["spec"], f"[{section}] spec")) if entry.get("spec") else None
    if spec is not None:
        _regular(spec, f"[{section}] spec")
    roles = entry.get("roles") or {}
    if not isinstance(roles, dict):
        raise ConfigError(f"config section [{section}.roles] must be a table of role = \"column\"")
    wid = entry.get("workshop_id")
    if (wid is not None and not isinstance(wid, (str, int))) or isinstance(wid, bool):
        raise ConfigError(f"config [{section}] workshop_id = {wid!r}: give the register's id as a string")
    exclude = entry.get("exclude", [])
    if not isinstance(exclude, list) or not all(isinstance(e, (str, int)) for e in exclude):
        raise ConfigError(f"config section [{section}] exclude must be a list of response ids, e.g. exclude = [\"1\"]")
    from pipeline.privacy import scrub_text

    # the register's ids are scrubbed of personal data where they are read: the config's link must match them
    return SurveySource(path=path, spec=spec, roles=dict(roles), workshop_id=scrub_text(str(wid)) if wid else None,
                        exclude=tuple(str(e) for e in exclude))


def _refuse_files_read_twice(config_path: Path, feedback: Sequence[SurveySource]) -> None:
    """Raise ``ConfigError`` when two ``[[feedback]]`` entries name one file (a copied block whose file was not
    changed: its responses would count twice, and the run had failed on a pandas merge error, QA round 15)."""
    seen: dict[Path, int] = {}
    for number, source in enumerate(feedback, start=1):
        key = source.path.resolve()
        if key in seen:
            raise ConfigError(f"{config_path}: [[feedback]] entries {seen[key]} and {number} both read "
                              f"{source.path.name}; each feedback file is read once: give the second entry its own "
                              "file or remove it")
        seen[key] = number


def _file_section(data: Mapping[str, Any], section: str, base: Path, config_path: Path) -> Path | None:
    """The regular file an optional one-file section names (``[attendance] file = "…"``), relative to the
    config; None when the section is absent."""
    entry = data.get(section)
    if entry is None:
        return None
    if isinstance(entry, dict) and set(entry) - {"file"}:
        raise ConfigError(f"{config_path}: [{section}]: unknown key(s) {', '.join(sorted(set(entry) - {'file'}))}; "
                          f"allowed: file")
    name = entry.get("file") if isinstance(entry, dict) else entry
    if not name:
        raise ConfigError(f"{config_path}: [{section}] needs file = \"PATH\"")
    return _regular(_resolved(base, _path_value(name, f"[{section}] file")), f"[{section}]")


def _merged(section: str, base: Mapping[str, Any], override: Any) -> dict[str, Any]:
    merged = dict(base.get(section, {}))
    if override is None:
        return merged
    if not isinstance(override, dict):
        raise ConfigError(f"config section [{section}] must be a table")
    unknown = set(override) - set(merged)
    if unknown:
        raise ConfigError(f"config section [{section}]: unknown key(s) {', '.join(sorted(unknown))}")
    for key, value in override.items():
        if key in merged and type(merged[key]) is not type(value) and not (
                isinstance(merged[key], float) and isinstance(value, int) and not isinstance(value, bool)) and not (
                key.endswith("_mb") and isinstance(value, float)):       # 0.5 MB is a size too
            raise ConfigError(f"config [{section}] {key} = {value!r}: expected {_TYPE_WORDS.get(type(merged[key]), 'a ' + type(merged[key]).__name__)}, "
                              f"like the default {key} = {_toml_value(merged[key])}")
        wrong = _shape_error(merged[key], value)
        if wrong:
            raise ConfigError(f"config [{section}] {key}: {wrong}")
        merged[key] = value
    return merged


_TYPE_WORDS = {int: "a whole number", float: "a number", str: "text in quotes", bool: "true or false",
               list: "a list [ … ]", dict: "a table { … }"}


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return repr(value) if not isinstance(value, dict) else "{ … }"


def _shape_error(default: Any, value: Any) -> str | None:
    """What is wrong with the items of a list or table setting, judged by the default's items (a list of
    words takes words, ``subregions`` a list of municipality names per sub-region), or None."""
    if isinstance(default, list) and default and all(isinstance(d, str) for d in default):
        bad = [v for v in value if not isinstance(v, str) or not v.strip()]
        if bad:
            return f"{bad[0]!r} is not a word; write a list of words in quotes, e.g. {default[:2]!r}"
    if isinstance(default, dict) and default:
        sample = next(iter(default.values()))
        for name, item in value.items():
            if isinstance(sample, list) and not (isinstance(item, list) and all(isinstance(v, str) for v in item)):
                return f"{name} = {item!r}: write a list of names in quotes, e.g. {name} = [\"Kokkola\"]"
            if isinstance(sample, str) and not isinstance(item, str):
                return f"{name} = {item!r}: write a name in quotes"
    return None


def load_settings(config: str | Path | None = None, *, out: str | Path | None = None,
                  lang: str | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Resolve the settings of one run.

    ``config`` is a TOML file; without one the bundled demo (``raw/demo/project.toml``) is used. ``out`` and
    ``lang`` come from the command line and win over everything. Raises ``ConfigError`` naming the file and key
    when something is wrong.
    """
    try:
        return _load_settings(config, out=out, lang=lang, env=env)
    except ConfigError as exc:
        # every message names the config file it is about, even one raised where only a section was known
        named = Path(config).name if config is not None else DEMO_CONFIG.name
        if named in str(exc):
            raise
        raise ConfigError(f"{config if config is not None else DEMO_CONFIG}: {exc}") from None


def _load_settings(config: str | Path | None = None, *, out: str | Path | None = None,
                   lang: str | None = None, env: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if env is None else env
    base_defaults = defaults()
    if config is None and env.get("PIPELINE_CONFIG"):
        # a notebook or a shell names the project once, as it names the output folder (PIPELINE_OUT)
        config = env["PIPELINE_CONFIG"]
    if config is None:
        if not DEMO_CONFIG.exists():
            raise ConfigError(f"{DEMO_CONFIG}: demo config missing; run `python -m pipeline demo` to recreate it")
        config = DEMO_CONFIG
    config_path = _resolved(Path.cwd(), config)
    data = _read_toml(config_path)
    unknown = set(data) - KNOWN_SECTIONS
    if unknown:
        raise ConfigError(f"{config_path}: unknown section(s) or key(s) {', '.join(sorted(unknown))}; known: "
                          f"{', '.join(sorted(KNOWN_SECTIONS))}")
    base = config_path.parent
    for key in ("lang", "out"):
        if key in data and not isinstance(data[key], str):
            raise ConfigError(f"{config_path}: {key} = {data[key]!r}: expected a string")

    resolved_lang = lang or data.get("lang") or env.get("PIPELINE_LANG") or base_defaults["lang"]
    if resolved_lang not in LANGUAGES:
        where = "--lang" if lang else "lang" if data.get("lang") else "PIPELINE_LANG" \
            if env.get("PIPELINE_LANG") else "lang"
        raise ConfigError(f"{where} = {resolved_lang!r}: language not supported; use one of {', '.join(LANGUAGES)}")
    if out is not None:
        resolved_out = Path(out)
    elif data.get("out"):
        resolved_out = base / data["out"]
    elif env.get("PIPELINE_OUT"):
        resolved_out = Path(env["PIPELINE_OUT"])
    else:
        resolved_out = REPO_ROOT
    feedback_entries = data.get("feedback", [])
    if isinstance(feedback_entries, dict):
        feedback_entries = [feedback_entries]
    workshops = data.get("workshops")
    workshops_path = None
    if workshops is not None:
        if isinstance(workshops, dict) and set(workshops) - WORKSHOPS_KEYS:
            raise ConfigError(f"{config_path}: [workshops]: unknown key(s) "
                              f"{', '.join(sorted(set(workshops) - WORKSHOPS_KEYS))}; allowed: file")
        wfile = workshops.get("file") if isinstance(workshops, dict) else workshops
        if not wfile:
            raise ConfigError(f"{config_path}: [workshops] needs file = \"PATH\"")
        workshops_path = _regular(_resolved(base, _path_value(wfile, "[workshops] file")), "[workshops]")
    attendance_path = _file_section(data, "attendance", base, config_path)
    services_path = _file_section(data, "services", base, config_path)
    taxonomy = _merged("taxonomy", base_defaults, data.get("taxonomy"))
    for key in ("needs", "feedback"):
        taxonomy[key] = _taxonomy_setting(taxonomy[key], base, key)
    coding = _merged("coding", base_defaults, data.get("coding"))
    review_name = coding.pop("review")
    review_path = _resolved(base, _path_value(review_name, "[coding] review")) if review_name else None
    if review_path is not None and not review_path.exists():
        # the first run writes the workbook to review; until a reviewed copy is saved there is nothing to read
        log.warning("%s: no coding review yet at %s (copy reports/coding_review.xlsx there once reviewed)",
                    config_path, review_path)
        review_path = None
    if review_path is not None:
        _regular(review_path, "[coding] review")       # a FIFO would block the run, /dev/zero fill the memory
    privacy = data.get("privacy", {})
    if not isinstance(privacy, dict):
        raise ConfigError(f"{config_path}: [privacy] must be a table")
    unknown = set(privacy) - PRIVACY_KEYS
    if unknown:
        raise ConfigError(f"{config_path}: [privacy]: unknown key(s) {', '.join(sorted(unknown))}; allowed: "
                          f"{', '.join(sorted(PRIVACY_KEYS))} (a misspelt key_file would silently use another key)")
    key_file = None
    if "key_file" in privacy:
        key_file = _resolved(base, _path_value(privacy["key_file"], "[privacy] key_file"))
    elif env.get("PIPELINE_KEY_FILE"):
        key_file = Path(env["PIPELINE_KEY_FILE"])
    analysis_override = data.get("analysis")
    small_cells = privacy.get("i_understand_small_cells", False)
    if isinstance(analysis_override, dict) and "i_understand_small_cells" in analysis_override:
        analysis_override = dict(analysis_override)
        small_cells = analysis_override.pop("i_understand_small_cells")
    if not isinstance(small_cells, bool):
        raise ConfigError(f"{config_path}: i_understand_small_cells = {small_cells!r}: expected true or false")
    analysis = _merged("analysis", base_defaults, analysis_override)
    previous_public = _previous_public(analysis.pop("previous_public"), base)
    ingest = _merged("ingest", base_defaults, data.get("ingest"))
    run_settings = _merged("run", base_defaults, data.get("run"))
    validate_ranges(config_path, analysis, ingest, coding, run_settings, small_cells)
    # ingest's check of a pasted language copy reads the project's own municipalities and export words (it warns
    # only where the analysis would not read both labels alike); only these keys, so that another [analysis]
    # change does not read the surveys again
    ingest = {**ingest, **{k: analysis[k] for k in ANALYSIS_LABEL_KEYS if k in analysis}}
    resolved_out = _check_out(resolved_out)
    # each survey entry resolved and checked once, then used for the inputs, the checks and the settings
    needs_source = _source(data["needs"], base, "needs") if "needs" in data else None
    feedback_sources = tuple(_source(e, base, "feedback") for e in feedback_entries)
    impact_source = _source(data["impact"], base, "impact") if "impact" in data else None
    sources = [s for s in (needs_source, *feedback_sources, impact_source) if s is not None]
    _refuse_files_read_twice(config_path, feedback_sources)
    inputs = [s.path for s in sources] + [s.spec for s in sources if s.spec] + \
        [p for p in (workshops_path, review_path, attendance_path, services_path) if p] + [config_path]
    _refuse_outputs_over_inputs(resolved_out, inputs)
    from pipeline.io import protect_input

    for path in inputs + ([key_file] if key_file is not None else []):
        protect_input(path)
    return Settings(
        out=resolved_out,
        lang=resolved_lang,
        config_path=config_path,
        needs=needs_source,
        workshops=workshops_path,
        feedback=feedback_sources,
        impact=impact_source,
        taxonomy_needs=taxonomy["needs"],
        taxonomy_feedback=taxonomy["feedback"],
        analysis=analysis,
        ingest=ingest,
        coding=coding,
        review=review_path,
        attendance=attendance_path,
        services=services_path,
        previous_public=previous_public,
        run=run_settings,
        key_file=key_file,
        key_value=env.get("PIPELINE_PSEUDONYM_KEY") if key_file is None else None,
    )


# (low, high, what to write): every numeric setting whose value outside the range would break a run or turn a
# safeguard off
_RANGES: dict[str, dict[str, tuple[float, float, str]]] = {
    "analysis": {
        "confidence": (0.5, 0.999, "a level between 0.5 and 0.999, such as 0.95"),
        "bootstrap_samples": (100, 100_000, "a number of resamples from 100 to 100000, such as 2000"),
        "seed": (0, 2**32 - 1, "a whole number from 0 to 4294967295"),
        "top_k": (1, 100, "a number of themes from 1 to 100"),
        "min_count": (MIN_CELL, 1_000_000, f"at least {MIN_CELL}"),
        "min_base": (MIN_CELL, 1_000_000, f"at least {MIN_CELL}"),
        "protection_interval": (0, 1_000_000, "0 or more"),
        "min_responses": (1, 1_000_000, "at least 1"),
        # 0 would take every question for free text, more than 1 none: both still publish nothing small
        "public_typed_answer_share": (0, 1, "a share from 0 to 1, such as 0.5"),
        "quotes_per_theme": (0, 100, "from 0 to 100"),
        "quote_min_words": (0, 1000, "from 0 to 1000"),
        "top_box": (1, 10, "from 1 to 10"),
        "feedback_unmet_max_tier": (1, 10, "from 1 to 10"),
        "feedback_min_supply_workshops": (0, 1000, "from 0 to 1000"),
        "feedback_max_days_after": (1, 10000, "from 1 to 10000"),
        "language_min_words": (1, 100, "from 1 to 100"),
        "language_min_probability": (0, 1, "a probability from 0 to 1"),
        "misfit_other_share": (0, 1, "a share from 0 to 1"),
        "misfit_top_share": (0, 1, "a share from 0 to 1"),
    },
    "ingest": {
        "max_uncompressed_mb": (1, 100_000, "a number of megabytes from 1 to 100000"),
        "max_compression_ratio": (2, 100_000, "from 2 to 100000"),
        "duplicate_window_seconds": (0, 10**9, "0 or more seconds"),
        "duplicate_min_answered": (1, 100_000, "at least 1"),
        "duplicate_max_chance": (0, 1, "a share from 0 to 1"),
        "max_field_mb": (0.001, 1000, "a number of megabytes from 0.001 to 1000"),
        "zip_ratio_min_mb": (0, 100_000, "0 or more megabytes"),
        "max_file_mb": (0.001, 100_000, "a number of megabytes from 0.001 to 100000"),
        "max_columns": (1, 100_000, "from 1 to 100000"),
        "max_sheet_cells": (1, 10**9, "from 1 to 1000000000"),
        "sniff_lines": (2, 100_000, "from 2 to 100000"),
        "likert_max_points": (2, 100, "from 2 to 100"),
        "likert_max_code": (1, 1000, "from 1 to 1000"),
        "single_max_options": (1, 100_000, "at least 1"),
        "single_max_length": (1, 100_000, "at least 1"),
        "min_rows_for_distinct_test": (1, 100_000, "at least 1"),
        "grid_prefix_min": (1, 1000, "from 1 to 1000"),
        "email_value_share": (0.05, 1, "a share from 0.05 to 1"),
        "single_max_distinct_share": (0, 1, "a share from 0 to 1"),
        "multi_recurring_share": (0, 1, "a share from 0 to 1"),
        "multi_max_sentence_share": (0, 1, "a share from 0 to 1"),
        "multi_grid_answered_share": (0, 1, "a share from 0 to 1"),
        "attendance_title_share": (0, 1, "a share from 0 to 1"),
        "contact_notes_share": (0, 1.01, "a share from 0 to 1 (above 1: off)"),
    },
    "coding": {
        "langid_min_tokens": (1, 100, "from 1 to 100"),
        "foreign_min_ratio": (1, 1_000_000, "from 1 to 1000000"),
        "weak_weight": (0, 10, "from 0 to 10"),
        "half_score": (0.01, 100, "from 0.01 to 100"),
        "phrase_window": (1, 50, "from 1 to 50"),
        "min_affix_length": (1, 50, "from 1 to 50"),
        "typo_min_length": (0, 50, "from 0 (off) to 50"),
        "damping_factor": (0, 1, "a factor from 0 to 1"),
        "expansion_min_confidence": (0, 1, "a confidence from 0 to 1"),
        "expansion_min_answers": (1, 100_000, "at least 1"),
        "expansion_min_similarity": (0, 1, "a similarity from 0 to 1"),
        "expansion_weight": (0, 100, "from 0 to 100"),
        "main_score_share": (0, 1, "a share from 0 to 1"),
        "review_min_answers": (1, 100_000, "at least 1"),
        "review_weight": (0, 100, "from 0 to 100"),
        "review_sample_weight": (0.01, 100, "from 0.01 to 100"),
        "review_c": (0.0001, 1_000_000, "a positive number such as 10"),
        "review_neighbour_weight": (0, 100, "from 0 to 100"),
        "review_min_similarity": (0, 1, "a similarity from 0 to 1"),
        "review_refute_min_answers": (1, 100_000, "at least 1"),
        "review_classifier_max_confidence": (0, 1, "a confidence from 0 to 1"),
        "prior_weight": (0, 100, "from 0 to 100"),
        "prior_max_confidence": (0, 1, "a confidence from 0 to 1"),
        "emerging_min_answers": (1, 100_000, "at least 1"),
        "emerging_min_cluster_size": (1, 100_000, "at least 1"),
        "emerging_max_small_share": (0, 1, "a share from 0 to 1"),
        "emerging_label_terms": (1, 50, "from 1 to 50"),
        "emerging_examples": (0, 100, "from 0 to 100"),
        "langid_min_probability": (0, 1, "a probability from 0 to 1"),
        "min_confidence": (0, 1, "a confidence from 0 to 1"),
        "no_evidence_confidence": (0, 1, "a confidence from 0 to 1"),
        "review_threshold": (0, 1, "a confidence from 0 to 1"),
        "emerging_max_clusters": (1, 1000, "from 1 to 1000"),
        "emerging_runs": (1, 1000, "from 1 to 1000"),
        "emerging_sample_share": (0.05, 1, "a share from 0.05 to 1"),
        "emerging_seed": (0, 2**32 - 1, "a whole number from 0 to 4294967295"),
    },
    "run": {
        "workers": (1, 64, "a number of processes from 1 to 64"),
    },
}


def validate_ranges(source: Path | str, analysis: Mapping[str, Any], ingest: Mapping[str, Any],
                    coding: Mapping[str, Any], run: Mapping[str, Any], small_cells: bool = False) -> None:
    """Raise ``ConfigError`` naming the setting, its value and the range to write when a numeric setting is out
    of range (``_RANGES``). ``min_count`` and ``min_base`` below 3 would publish cells of one or two companies:
    allowed (down to 1) only when the config says ``i_understand_small_cells = true``, with a warning then."""
    sections = {"analysis": analysis, "ingest": ingest, "coding": coding, "run": run}
    for section, ranges in _RANGES.items():
        values = sections[section]
        for key, (low, high, fix) in ranges.items():
            value = values.get(key)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                continue            # absent, or a wrong type (refused by _merged)
            if key in ("min_count", "min_base") and small_cells:
                low = 1
            if value != value or value < low or value > high:
                hint = " (or set [privacy] i_understand_small_cells = true to publish smaller cells)" \
                    if key in ("min_count", "min_base") and not small_cells and value >= 1 else ""
                raise ConfigError(f"{source}: [{section}] {key} = {value!r} is out of range; write {fix}{hint}")
    if "edition" in analysis and analysis["edition"] not in EDITIONS:
        raise ConfigError(f"{source}: [analysis] edition = {analysis['edition']!r}: use one of {', '.join(EDITIONS)}")
    if small_cells and min(analysis.get("min_count", MIN_CELL), analysis.get("min_base", MIN_CELL)) < MIN_CELL:
        log.warning("%s: i_understand_small_cells = true: cells of fewer than %d companies may be published "
                    "(min_count = %s, min_base = %s)", source, MIN_CELL, analysis.get("min_count"),
                    analysis.get("min_base"))


def _check_out(out: Path) -> Path:
    from pipeline.errors import InputError
    from pipeline.io import check_out_dir

    try:
        return check_out_dir(out)
    except InputError as exc:
        raise ConfigError(str(exc)) from None


OUTPUT_FOLDERS = ("processed", "figures", "reports")


def _refuse_outputs_over_inputs(out: Path, inputs: list[Path]) -> None:
    """A run writes into OUT/processed, OUT/figures and OUT/reports: refuse an ``out`` that is an input file or
    whose output folders hold an input file of the run."""
    from pipeline.cache import CACHE_DIR_NAME
    from pipeline.io import STAGING_PREFIX

    raw = (REPO_ROOT / "raw").resolve()
    if out.is_relative_to(raw):
        # raw/ is read-only, and its demo is in git: pseudonymised tables written there could be committed
        raise ConfigError(f"{out}: --out lies in {raw}, the folder of inputs, which the pipeline never writes; "
                          f"give a folder outside it, such as out/{out.name}")
    for path in inputs:
        resolved = path.resolve()
        if resolved == out:
            raise ConfigError(f"{out}: --out is an input file of the run; give a folder that holds no input")
        if resolved.is_relative_to(out) and any(
                part == CACHE_DIR_NAME or part.startswith(STAGING_PREFIX)
                for part in resolved.relative_to(out).parts[:-1]):
            # the run empties its cache (cache = false) and removes staging folders a killed run left
            raise ConfigError(f"{resolved}: this input lies in a folder the run clears ({CACHE_DIR_NAME} or "
                              f"{STAGING_PREFIX}…); move the input or choose another --out")
        for folder in OUTPUT_FOLDERS:
            if resolved.is_relative_to(out / folder):
                raise ConfigError(f"{resolved}: this input lies in {out / folder}, where the run writes its "
                                  f"outputs; move the input or choose another --out")
