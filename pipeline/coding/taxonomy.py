"""Theme taxonomies as data: a YAML file per taxonomy, loaded and validated into a ``Taxonomy``.

File layout (see ``pipeline/taxonomies/needs.yaml``)::

    name: needs
    compound_heads: false            # optional: true = a compound is a kind of its head ("opetusvideo" is a
                                     # video): a modifier's theme the head does not share counts as weak
    main_score_share: {fi: 0.6}      # optional: per language, the share of the top score a theme needs to
                                     # compete for the main theme, instead of [coding] main_score_share, when
                                     # the taxonomy's shipped classifier is in use (it was calibrated with it)
    themes:
      sales:                         # slug: lowercase letters, digits, underscores
        names: {fi: ..., sv: ..., en: ...}
        description: one line
        seeds: {fi: [lemma, "multi word", ...], sv: [...], en: [...]}
        weak_seeds: {fi: [...]}      # optional: evidence that counts only in company (weight < 1)
        damping_cues: {fi: [...]}    # optional: words that make this theme's seeds count less
        thanks: {fi: [...]}          # optional (with damping_cues): words of thanks; in an answer without a
                                     # cue the thing thanked for is praised, so this theme competes fully
        not_seeds: {fi: [...]}       # optional: look-alikes that are not this theme ("ohjelmointikieli" is
                                     # not about the course language): matched like seeds, counted as nothing
        main_weight: 1.0             # optional: how strongly this theme competes to be the main theme
      other:                         # optional; seeds here are evidence *against* every theme
        ...

Seeds are lemmas (base forms). A seed of several words matches when all its words occur close together;
a compound seed ("verkkokauppa") also matches inside longer compounds through Finnish compound parts.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from pipeline.errors import InputError

log = logging.getLogger(__name__)

TAXONOMY_DIR = Path(__file__).resolve().parent.parent / "taxonomies"
LANGUAGES = ("fi", "sv", "en")
OTHER = "other"
_OTHER_NAMES = {"fi": "Muu", "sv": "Annat", "en": "Other"}
_SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
_THEME_KEYS = {"names", "description", "seeds", "weak_seeds", "damping_cues", "thanks", "not_seeds", "main_weight"}


@dataclass(frozen=True)
class Theme:
    """One theme: slug, names per language, description, seed terms per language and their modifiers."""

    slug: str
    names: Mapping[str, str]
    description: str
    seeds: Mapping[str, tuple[str, ...]]
    weak_seeds: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    damping_cues: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    thanks: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    main_weight: float = 1.0
    not_seeds: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Taxonomy:
    """A named set of themes (``title`` is the file's ``name``). ``themes`` keeps file order and includes
    ``other`` when the file defines it; ``name(slug, lang)`` gives a theme's display name."""

    title: str
    source: str
    themes: Mapping[str, Theme]
    compound_heads: bool = False
    # language -> main_score_share for answers in that language (other languages: the [coding] setting)
    main_score_share: Mapping[str, float] = field(default_factory=dict)
    # needs named besides the themes (``other_topics`` of the file), counted per company beside the emerging
    # themes; same layout as a theme
    other_topics: Mapping[str, Theme] = field(default_factory=dict)

    def topics_taxonomy(self) -> "Taxonomy | None":
        """The ``other_topics`` as a taxonomy of their own (to code answers into them), or None when there are
        none."""
        if not self.other_topics:
            return None
        return Taxonomy(title=f"{self.title}.other_topics", source=self.source, themes=dict(self.other_topics),
                        compound_heads=self.compound_heads)

    @property
    def slugs(self) -> list[str]:
        """The theme slugs in file order, without ``other``."""
        return [s for s in self.themes if s != OTHER]

    @property
    def praise(self) -> list[str]:
        """The slugs of general praise: themes with damping cues (their seeds count less in a wish about another
        aspect). Praise says nothing to improve, so a headline about what to improve passes over it."""
        return [s for s, theme in self.themes.items() if theme.damping_cues]

    def name(self, slug: str, lang: str) -> str:
        """Return the display name of ``slug`` in ``lang`` (``other`` has a built-in name when not defined)."""
        if slug in self.themes:
            return self.themes[slug].names[lang]
        if slug == OTHER:
            return _OTHER_NAMES[lang]
        raise KeyError(f"taxonomy {self.title} has no theme {slug!r}")


def _term_lists(value, where: str, source: str, required: bool) -> dict[str, tuple[str, ...]]:
    if value is None and not required:
        return {}
    if not isinstance(value, Mapping):
        raise InputError(f"{source}: {where} must map languages (fi, sv, en) to lists of terms")
    out: dict[str, tuple[str, ...]] = {}
    for lang, terms in value.items():
        if lang not in LANGUAGES:
            raise InputError(f"{source}: {where}.{lang}: unknown language; use fi, sv or en")
        if terms is None:
            terms = []
        if not isinstance(terms, list) or not all(isinstance(t, str) and t.strip() for t in terms):
            raise InputError(f"{source}: {where}.{lang} must be a list of non-empty strings")
        out[lang] = tuple(t.strip() for t in terms)
    return out


def _theme(slug: str, raw, source: str, section: str = "themes") -> Theme:
    where = f"{section}.{slug}"
    if not isinstance(raw, Mapping):
        raise InputError(f"{source}: {where} must be a mapping with names, description and seeds")
    unknown = sorted(set(raw) - _THEME_KEYS)
    if unknown:
        raise InputError(f"{source}: {where}.{unknown[0]}: unknown key; allowed: {', '.join(sorted(_THEME_KEYS))}")
    names = raw.get("names")
    if not isinstance(names, Mapping):
        raise InputError(f"{source}: {where}.names must map fi, sv and en to a display name")
    for lang in LANGUAGES:
        if not isinstance(names.get(lang), str) or not names[lang].strip():
            raise InputError(f"{source}: {where}.names.{lang} is missing or empty")
    description = raw.get("description")
    if not isinstance(description, str) or not description.strip():
        raise InputError(f"{source}: {where}.description is missing or empty")
    seeds = _term_lists(raw.get("seeds"), f"{where}.seeds", source, required=slug != OTHER)
    if slug != OTHER and not any(seeds.values()):
        raise InputError(f"{source}: {where}.seeds has no terms; give at least one lemma in fi, sv or en")
    weight = raw.get("main_weight", 1.0)
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight <= 0:
        raise InputError(f"{source}: {where}.main_weight must be a positive number")
    return Theme(
        slug=slug,
        names={lang: names[lang].strip() for lang in LANGUAGES},
        description=description.strip(),
        seeds=seeds,
        weak_seeds=_term_lists(raw.get("weak_seeds"), f"{where}.weak_seeds", source, required=False),
        damping_cues=_term_lists(raw.get("damping_cues"), f"{where}.damping_cues", source, required=False),
        thanks=_term_lists(raw.get("thanks"), f"{where}.thanks", source, required=False),
        main_weight=float(weight),
        not_seeds=_term_lists(raw.get("not_seeds"), f"{where}.not_seeds", source, required=False),
    )


def taxonomy_from_mapping(raw, source: str) -> Taxonomy:
    """Return the validated ``Taxonomy`` of a parsed YAML document; ``source`` names it in error messages."""
    if not isinstance(raw, Mapping):
        raise InputError(f"{source}: a taxonomy file must be a mapping with 'name' and 'themes'")
    themes_raw = raw.get("themes")
    if not isinstance(themes_raw, Mapping) or not themes_raw:
        raise InputError(f"{source}: themes is missing or empty")
    themes: dict[str, Theme] = {}
    for slug, theme_raw in themes_raw.items():
        if not isinstance(slug, str) or not _SLUG.match(slug):
            raise InputError(f"{source}: themes.{slug}: a slug is lowercase letters, digits and underscores")
        themes[slug] = _theme(slug, theme_raw, source)
    if not [s for s in themes if s != OTHER]:
        raise InputError(f"{source}: themes has only 'other'; define at least one theme")
    name = raw.get("name", Path(source).stem)
    if not isinstance(name, str) or not name.strip():
        raise InputError(f"{source}: name must be a non-empty string")
    heads = raw.get("compound_heads", False)
    if not isinstance(heads, bool):
        raise InputError(f"{source}: compound_heads must be true or false")
    shares = raw.get("main_score_share", {}) or {}
    if not isinstance(shares, Mapping) or not all(
            isinstance(k, str) and isinstance(v, (int, float)) and not isinstance(v, bool) and 0 < v <= 1
            for k, v in shares.items()):
        raise InputError(f"{source}: main_score_share must map a language code to a number in (0, 1]")
    topics_raw = raw.get("other_topics") or {}
    if not isinstance(topics_raw, Mapping):
        raise InputError(f"{source}: other_topics must map slugs to topics (names, description, seeds)")
    topics: dict[str, Theme] = {}
    for slug, topic_raw in topics_raw.items():
        if not isinstance(slug, str) or not _SLUG.match(slug) or slug == OTHER:
            raise InputError(f"{source}: other_topics.{slug}: a slug is lowercase letters, digits and underscores "
                             f"(and not 'other')")
        if slug in themes:
            # one slug, two meanings: the routing added the theme's companies to the topic's under the topic's
            # name (QA round 37)
            raise InputError(f"{source}: other_topics.{slug}: also the slug of a theme; rename one of them")
        topics[slug] = _theme(slug, topic_raw, source, "other_topics")
    _check_names({**themes, **topics}, source)
    return Taxonomy(title=name.strip(), source=source, themes=themes, compound_heads=heads,
                    main_score_share={k: float(v) for k, v in shares.items()}, other_topics=topics)


def _check_names(themes: Mapping[str, Theme], source: str) -> None:
    """Raises ``InputError`` when two themes (or topics) share a display name in a language: every table and chart
    showed two rows of one name (QA round 37)."""
    for lang in LANGUAGES:
        named: dict[str, str] = {}
        for slug, theme in themes.items():
            key = theme.names[lang].casefold()
            if key in named:
                raise InputError(f"{source}: {slug}.names.{lang}: {theme.names[lang]!r} is also the name of "
                                 f"{named[key]}; give each theme a name of its own")
            named[key] = slug


def _warn_of_seeds(taxonomy: "Taxonomy") -> None:
    """Logs, for a user's taxonomy, the seeds listed under two of its themes (an answer naming one counts for
    both, which may be meant) and the themes without seeds in a language (an answer in that language is coded to
    them only through another language's seed): QA round 37, both silent. The shipped files share seeds on
    purpose (a quality measured on real text), so they are not checked."""
    themes = {slug: theme for slug, theme in taxonomy.themes.items() if slug != OTHER}
    shared: dict[tuple[str, str], list[str]] = {}
    for lang in LANGUAGES:
        for slug, theme in themes.items():
            for seed in theme.seeds.get(lang, ()):
                slugs = shared.setdefault((lang, seed.casefold()), [])
                if slug not in slugs:       # a seed written twice under one theme is no overlap
                    slugs.append(slug)
    twice = [f"{seed!r} ({', '.join(slugs)})" for (_, seed), slugs in shared.items() if len(slugs) > 1]
    if twice:
        log.warning("%s: %d seed(s) are listed under two themes, so an answer naming one counts for both: %s",
                    taxonomy.source, len(twice), "; ".join(twice))
    for lang in LANGUAGES:
        bare = [slug for slug, theme in themes.items() if not theme.seeds.get(lang)]
        if bare and len(bare) < len(themes):
            log.warning("%s: %s has no %s seeds, so an answer in that language is coded to it only through a seed "
                        "of another language", taxonomy.source, ", ".join(bare), lang)


def taxonomy_path(name_or_path: str | Path) -> Path:
    """The YAML file of the taxonomy shipped under ``name_or_path`` ("needs", "feedback") or at that path.

    Raises ``InputError`` when there is none.
    """
    text = str(name_or_path)
    shipped = TAXONOMY_DIR / f"{text}.yaml"
    if _SLUG.match(text) and shipped.is_file():
        return shipped
    path = Path(text)
    if not path.is_file():
        shipped_names = sorted(p.stem for p in TAXONOMY_DIR.glob("*.yaml"))
        raise InputError(f"{text}: no such taxonomy file; give a YAML path or one of {', '.join(shipped_names)}")
    return path


def load_taxonomy(name_or_path: str | Path) -> Taxonomy:
    """Return the taxonomy shipped under ``name_or_path`` ("needs", "feedback") or read from a YAML path.

    Raises ``InputError`` naming the file (and the key) when it is missing, not YAML, or malformed.
    """
    from pipeline.io import read_small_file, shipped_yaml, users_yaml

    path = taxonomy_path(name_or_path)
    if path.parent == TAXONOMY_DIR:
        return taxonomy_from_mapping(shipped_yaml(f"taxonomies/{path.name}"), str(path))
    data = read_small_file(path, "taxonomy file")      # a regular file of at most 1 MB: no FIFO, no /dev/zero
    taxonomy = taxonomy_from_mapping(users_yaml(data, str(path)), str(path))
    _warn_of_seeds(taxonomy)
    return taxonomy
