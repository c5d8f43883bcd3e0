"""Every path and setting, resolved once: the project's config file, then the environment, then the defaults.

``load_settings`` returns a frozen ``Settings``. Defaults live in ``pipeline/defaults.toml``; a project's TOML
config file (paths relative to the file) overrides them; where the config file is silent, the environment
variables named in ``defaults.toml`` apply. Command-line flags (``--out``, ``--lang``) override all three.
No other module reads the environment or guesses a path.
"""
from __future__ import annotations

import os
import secrets
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from pipeline.errors import ConfigError

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent
DEMO_DIR = REPO_ROOT / "raw" / "demo"
DEMO_CONFIG = DEMO_DIR / "project.toml"
DEFAULTS_FILE = PACKAGE_DIR / "defaults.toml"
LANGUAGES = ("fi", "sv", "en")
DEFAULT_KEY_FILE = Path.home() / ".config" / "needs-pipeline" / "pseudonym.key"
KNOWN_SECTIONS = {"lang", "needs", "workshops", "feedback", "impact", "taxonomy", "analysis", "ingest",
                  "coding", "privacy", "out", "run"}


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
        """Every input file the run reads, in a stable order (for the manifest and make)."""
        files = [s.path for s in (self.needs, self.impact) if s] + [s.path for s in self.feedback]
        if self.workshops:
            files.append(self.workshops)
        return sorted(set(files))

    def pseudonym_key(self) -> bytes:
        """The HMAC key for respondent pseudonyms: environment, key file, or a per-user key made once.

        The per-user key lives outside the repository (``~/.config/needs-pipeline/pseudonym.key``) so that
        pseudonyms stay stable across runs on one machine and cannot be recomputed from git.
        """
        if self.key_value:
            return self.key_value.encode("utf-8")
        path = self.key_file or DEFAULT_KEY_FILE
        if path.exists():
            return path.read_bytes().strip()
        if self.key_file is not None:
            raise ConfigError(f"{path}: pseudonym key file not found")
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_hex(32).encode("ascii")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(key)
        return key


def defaults() -> dict[str, Any]:
    """The shipped defaults (``pipeline/defaults.toml``) as a dict."""
    with DEFAULTS_FILE.open("rb") as fh:
        return tomllib.load(fh)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None


def _source(entry: Any, base: Path, section: str) -> SurveySource:
    if isinstance(entry, str):
        entry = {"file": entry}
    if not isinstance(entry, dict) or "file" not in entry:
        raise ConfigError(f"config section [{section}] needs file = \"PATH\"")
    unknown = set(entry) - {"file", "spec", "roles", "workshop_id", "exclude"}
    if unknown:
        raise ConfigError(f"config section [{section}]: unknown key(s) {', '.join(sorted(unknown))}")
    path = (base / entry["file"]).resolve()
    if not path.exists():
        raise ConfigError(f"{path}: file named in [{section}] not found")
    spec = (base / entry["spec"]).resolve() if entry.get("spec") else None
    if spec is not None and not spec.exists():
        raise ConfigError(f"{spec}: spec file named in [{section}] not found")
    roles = entry.get("roles") or {}
    if not isinstance(roles, dict):
        raise ConfigError(f"config section [{section}.roles] must be a table of role = \"column\"")
    wid = entry.get("workshop_id")
    exclude = entry.get("exclude", [])
    if not isinstance(exclude, list) or not all(isinstance(e, (str, int)) for e in exclude):
        raise ConfigError(f"config section [{section}] exclude must be a list of response ids, e.g. exclude = [\"1\"]")
    return SurveySource(path=path, spec=spec, roles=dict(roles), workshop_id=str(wid) if wid else None,
                        exclude=tuple(str(e) for e in exclude))


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
                isinstance(merged[key], float) and isinstance(value, int)):
            raise ConfigError(f"config [{section}] {key} = {value!r}: expected a {type(merged[key]).__name__}")
        merged[key] = value
    return merged


def load_settings(config: str | Path | None = None, *, out: str | Path | None = None,
                  lang: str | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Resolve the settings of one run.

    ``config`` is a TOML file; without one the bundled demo (``raw/demo/project.toml``) is used. ``out`` and
    ``lang`` come from the command line and win over everything. Raises ``ConfigError`` naming the file and key
    when something is wrong.
    """
    env = os.environ if env is None else env
    base_defaults = defaults()
    if config is None:
        if not DEMO_CONFIG.exists():
            raise ConfigError(f"{DEMO_CONFIG}: demo config missing; run `python -m pipeline demo` to recreate it")
        config = DEMO_CONFIG
    config_path = Path(config).resolve()
    data = _read_toml(config_path)
    unknown = set(data) - KNOWN_SECTIONS
    if unknown:
        raise ConfigError(f"{config_path}: unknown section(s) or key(s) {', '.join(sorted(unknown))}")
    base = config_path.parent

    resolved_lang = lang or data.get("lang") or env.get("PIPELINE_LANG") or base_defaults["lang"]
    if resolved_lang not in LANGUAGES:
        raise ConfigError(f"language {resolved_lang!r} not supported: use one of {', '.join(LANGUAGES)}")
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
        wfile = workshops.get("file") if isinstance(workshops, dict) else workshops
        if not wfile:
            raise ConfigError(f"{config_path}: [workshops] needs file = \"PATH\"")
        workshops_path = (base / wfile).resolve()
        if not workshops_path.exists():
            raise ConfigError(f"{workshops_path}: file named in [workshops] not found")
    taxonomy = _merged("taxonomy", base_defaults, data.get("taxonomy"))
    for key in ("needs", "feedback"):
        candidate = base / taxonomy[key]
        if taxonomy[key].endswith((".yaml", ".yml")) and candidate.exists():
            taxonomy[key] = str(candidate.resolve())
    privacy = data.get("privacy", {})
    key_file = None
    if privacy.get("key_file"):
        key_file = (base / privacy["key_file"]).resolve()
    elif env.get("PIPELINE_KEY_FILE"):
        key_file = Path(env["PIPELINE_KEY_FILE"])
    return Settings(
        out=resolved_out.resolve(),
        lang=resolved_lang,
        config_path=config_path,
        needs=_source(data["needs"], base, "needs") if "needs" in data else None,
        workshops=workshops_path,
        feedback=tuple(_source(e, base, "feedback") for e in feedback_entries),
        impact=_source(data["impact"], base, "impact") if "impact" in data else None,
        taxonomy_needs=taxonomy["needs"],
        taxonomy_feedback=taxonomy["feedback"],
        analysis=_merged("analysis", base_defaults, data.get("analysis")),
        ingest=_merged("ingest", base_defaults, data.get("ingest")),
        coding=_merged("coding", base_defaults, data.get("coding")),
        run=_merged("run", base_defaults, data.get("run")),
        key_file=key_file,
        key_value=env.get("PIPELINE_PSEUDONYM_KEY") if key_file is None else None,
    )
