"""Service routing: which of the region's providers serves which demanded theme, and where no one does.

The catalogue (``[services] file = "providers.yaml"``) lists providers::

    providers:
      - name: "Regional development company (example)"
        kind: development company
        themes: [sales, export]        # needs-taxonomy slugs
        languages: [fi, sv]            # fi | sv | en
        municipalities: [Kokkola, Kannus]
        services: "Business advice, export coaching"
        url: "https://example.org"

``read_catalogue`` validates it (one line naming the file, the provider and the key for anything wrong);
``routing_tables`` gives ``service_routing`` (per demanded theme: companies asking, of them Swedish-using ones,
providers and their languages, ``is_gap`` when no provider serves a demanded theme, ``is_language_gap`` when
Swedish-using companies ask for it and no provider serves it in Swedish) and, in the steering edition only,
``company_routing``: each asking company (a pseudonym) with the providers for each theme it asked about, those
serving its language first.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Mapping, Sequence

import pandas as pd
import yaml

from pipeline.analysis.language import LANGUAGES
from pipeline.analysis.linking import OTHER, needs_company_map
from pipeline.disclosure import disclosed
from pipeline.errors import ConfigError
from pipeline.schemas import conform, empty

log = logging.getLogger(__name__)

KEYS = ("name", "kind", "themes", "languages", "municipalities", "services", "url")
MAX_CATALOGUE_BYTES = 1 << 20


def _strings(value: Any, where: str, key: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) and str(v).strip() for v in value):
        raise ConfigError(f"{where}: {key} must be a list of words, e.g. {key}: [sales, export]")
    return [str(v).strip() for v in value]


def read_catalogue(path: Path, slugs: Sequence[str]) -> pd.DataFrame:
    """The provider catalogue validated against the needs taxonomy's ``slugs`` (schema ``service_catalogue``)."""
    from pipeline.io import read_small_file
    from pipeline.privacy import clean_text, scrub_text

    raw = read_small_file(path, "service catalogue", MAX_CATALOGUE_BYTES)
    try:
        data = yaml.safe_load(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path.name}: not UTF-8 text; save the catalogue as UTF-8") from None
    except RecursionError:
        raise ConfigError(f"{path.name}: not valid YAML (nested too deeply); check the brackets") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark is not None else ""
        raise ConfigError(f"{path.name}{line}: not valid YAML ({getattr(exc, 'problem', exc)}); check the "
                          f"indentation and quotes") from None
    providers = data.get("providers") if isinstance(data, dict) else data
    if not isinstance(providers, list) or not providers:
        raise ConfigError(f"{path.name}: no providers; write a list under providers:, each with name and themes")
    rows = []
    for number, entry in enumerate(providers, start=1):
        where = f"{path.name}, provider {number}"
        if not isinstance(entry, dict):
            raise ConfigError(f"{where}: write the provider as keys (name: …, themes: [...]), not {entry!r}")
        unknown = sorted(set(map(str, entry)) - set(KEYS))
        if unknown:
            raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(KEYS)}")
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(f"{where}: no name; write name: \"…\"")
        where = f"{path.name}, provider {number} ({name.strip()})"
        themes = _strings(entry.get("themes"), where, "themes")
        if not themes:
            raise ConfigError(f"{where}: no themes; write themes: [...] with slugs of the needs taxonomy "
                              f"({', '.join(slugs)})")
        bad = [t for t in themes if t not in slugs]
        if bad:
            raise ConfigError(f"{where}: unknown theme {bad[0]!r}; use the needs taxonomy's slugs: {', '.join(slugs)}")
        languages = _strings(entry.get("languages"), where, "languages")
        wrong = [lang for lang in languages if lang not in LANGUAGES]
        if wrong:
            raise ConfigError(f"{where}: unknown language {wrong[0]!r}; use {', '.join(LANGUAGES)}")
        for key in ("kind", "services", "url"):
            if entry.get(key) is not None and not isinstance(entry.get(key), str):
                raise ConfigError(f"{where}: {key} must be one line of text in quotes")
        url = (entry.get("url") or "").strip()
        if url and not url.startswith(("https://", "http://")):
            raise ConfigError(f"{where}: url {url!r} must start with https://")
        # a provider may be a person's trade name with their phone in the services line: scrubbed like answers
        rows.append({"name": scrub_text(clean_text(name.strip())),
                     "kind": scrub_text(clean_text((entry.get("kind") or "").strip())),
                     "themes": themes,
                     "languages": languages, "municipalities": _strings(entry.get("municipalities"), where,
                                                                        "municipalities"),
                     "services": scrub_text(clean_text(" ".join(str(entry.get("services") or "").split()))),
                     "url": scrub_text(clean_text(url))})
    return conform(pd.DataFrame(rows, columns=list(KEYS)), "service_catalogue")


def _public_swedish_demand(ruled: pd.DataFrame, counted: pd.DataFrame, swedish: int, others: set[int],
                           params: Mapping[str, Any]) -> pd.DataFrame:
    """``ruled`` with, in the public edition, a theme's Swedish-using askers also hidden where they are 1-2 short
    of its askers or of all ``swedish`` companies, or none or all of either, or where the askers not using
    Swedish are all, or 1-2 short of all, of the companies not using it (``others``: their counts as a reader
    can take them) (QA round 16: sales 16 − 13 told the 3 companies not using Swedish all want sales; 3 of 3
    Swedish users wanting export, and 0 wanting data, told every Swedish user's answer); the language-gap flag
    goes with a hidden count where it would tell whether it is 0."""
    from pipeline.disclosure import PUBLIC, edition_of

    if edition_of(params) != PUBLIC or ruled.empty:
        return ruled
    small = int(params["min_count"])
    asked, said = (pd.to_numeric(counted[c], errors="coerce") for c in ("demand_companies", "swedish_demand_companies"))
    hide = ((asked - said).between(1, small - 1) | (swedish - said).between(1, small - 1)
            | ((said == 0) & (asked > 0) & (swedish > 0)) | ((said == asked) & (asked > 0))
            | ((said == swedish) & (swedish > 0)) | pd.to_numeric(ruled["swedish_demand_companies"],
                                                                   errors="coerce").isna())
    for total in others:
        rest = asked - said
        hide |= ((rest == total) & (total > 0)) | (total - rest).between(1, small - 1)
    out = ruled.copy()
    out["swedish_demand_companies"] = said.astype("Float64").mask(hide.to_numpy())
    sv_offered = out["provider_languages"].fillna("").astype(str).str.split("; ").map(lambda ls: "sv" in ls)
    out["is_language_gap"] = out["is_language_gap"].astype("boolean").mask((hide & ~sv_offered).to_numpy())
    # the row is not marked: its askers stay published, as the theme ranking publishes them (a marked row reads
    # ":c" in every count); the Swedish count left out reads ":c" (the registry's missing_is_hidden)
    return out


def _areas(subregions: Mapping[str, Sequence[str]], region_names: Sequence[str]) -> dict[str, list[str]]:
    """``name_key`` of each sub-region's name (as the config writes it, and its fi / sv / en names of the
    message catalogue) and of each of ``region_names`` (``[analysis] region_names``: the region of all the
    sub-regions) → the municipalities it holds."""
    from pipeline.analysis.stats import name_key
    from pipeline.i18n import Messages
    from pipeline.segments import place_name

    areas: dict[str, list[str]] = {}
    catalogues = [Messages(lang) for lang in LANGUAGES]
    for region, members in subregions.items():
        names = {region} | {place_name(region, msgs) for msgs in catalogues}
        for spelled in names:
            areas[name_key(spelled)] = list(members)
    everything = [m for members in subregions.values() for m in members]
    for region in region_names:
        areas[name_key(region)] = everything
    return areas


def _place_key(name: str, canonical: Mapping[str, str]) -> str:
    """A municipality name as a comparison key, other-language names and aliases taken to the mapping's
    spelling (``canonical``, ``stats.listed_municipalities``: Karleby → Kokkola)."""
    from pipeline.analysis.stats import name_key

    return name_key(canonical.get(name_key(name), name))


def _warn_unknown_places(places: Mapping[str, set[str]], canonical: Mapping[str, str],
                         profiles: pd.DataFrame | None) -> None:
    """Log a warning per provider municipality that is neither one of the configured sub-regions' (or their
    aliases) nor one a company gave, with the nearest known name: "Kokola" made a provider serve nobody, with no
    word (QA round 30)."""
    import difflib

    known = {_place_key(name, canonical) for name in canonical} | set(canonical.values())
    if profiles is not None:
        known |= {_place_key(str(t), canonical) for t in profiles["municipality"].dropna()}
    known = {k for k in (str(k) for k in known) if k}
    for provider, keys in places.items():
        for key in sorted(keys - known):
            near = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.75)
            log.warning("providers file, %s: municipality %r is in neither the survey nor the sub-regions%s; the "
                        "provider serves no company there", provider, key,
                        f" (did you mean {near[0]!r}?)" if near else "")


def routing_tables(catalogue: pd.DataFrame, company_themes: pd.DataFrame, links: pd.DataFrame,
                   languages: pd.DataFrame, theme_names: Mapping[str, str], params: Mapping[str, Any],
                   profiles: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """``{"service_routing", "company_routing"}`` (see the module docstring). ``profiles`` (schema
    ``company_profiles``) gives each needs company's municipality. Inputs are not modified."""
    from pipeline.disclosure import STEERING, edition_of

    to_linked = needs_company_map(links)
    wanted = company_themes[company_themes["theme"].astype(str) != OTHER]
    # (the filtered frame's own ids: assigning the unfiltered column to an empty frame brought every company back
    # with theme NaN, and sorting it among the slugs was a TypeError; QA round 31)
    demand = wanted.assign(company_id=wanted["company_id"].astype(str).map(lambda c: to_linked.get(c, c)))
    demand = demand[["company_id", "theme"]].drop_duplicates()
    langs = languages.groupby("company_id")["language"].agg(lambda s: sorted(set(s)))
    swedish = {c for c, ls in langs.items() if "sv" in ls}
    serving: dict[str, list[tuple[str, list[str]]]] = {}
    from pipeline.analysis.stats import listed_municipalities, name_key

    canonical = listed_municipalities(params.get("subregions", {}), params.get("municipality_aliases", {}))
    places: dict[str, set[str]] = {}
    towns_of = catalogue["municipalities"] if "municipalities" in catalogue.columns else [[]] * len(catalogue)
    areas = _areas(params.get("subregions", {}), params.get("region_names", ()))
    for name, themes, provider_langs, towns in zip(catalogue["name"], catalogue["themes"], catalogue["languages"],
                                                   towns_of):
        # a sub-region or the region named for a municipality serves every municipality of it (QA round 35: a
        # provider of "Keski-Pohjanmaa" or "Kaustisen seutukunta" served no company, and was called idle)
        places[str(name)] = {_place_key(m, canonical) for t in towns for m in areas.get(name_key(t), [t])}
        for theme in themes:
            serving.setdefault(theme, []).append((str(name), list(provider_langs)))
    _warn_unknown_places(places, canonical, profiles)
    town_of: dict[str, str] = {}
    if profiles is not None:
        for company, town in zip(profiles["company_id"].astype(str), profiles["municipality"]):
            if not pd.isna(town):
                town_of[to_linked.get(company, company)] = str(town)
    listed = []
    for company, theme in sorted(zip(demand["company_id"], demand["theme"].astype(str))):
        own = langs.get(company, [])
        town = town_of.get(company)
        place = None if town is None else _place_key(town, canonical)
        # a provider fits when it lists the company's municipality (or lists none) and shares a language with it
        # (or either is not known): QA round 18 found Kaustinen companies sent to a provider of the coast and
        # Swedish-only ones to a Finnish-only provider
        providers = sorted(serving.get(theme, []), key=lambda p: (not (set(own) & set(p[1])), p[0]))
        here = {n: not places[n] or place is None or place in places[n] for n, _ in providers}
        fits = {n: here[n] and (not ls or not own or bool(set(own) & set(ls))) for n, ls in providers}
        listed.append({"company_id": company, "theme": theme,
                       "providers": "; ".join(n for n, _ in providers if fits[n]), "language": "+".join(own),
                       "municipality": town or "",
                       "other_providers": "; ".join(n for n, _ in providers if not fits[n]),
                       # a Swedish-using company with no provider serving the theme in Swedish where it is
                       "_sv_unserved": "sv" in own and not any(here[n] and "sv" in ls for n, ls in providers)})
    company_routing = pd.DataFrame(listed, columns=["company_id", "theme", "providers", "language", "municipality",
                                                    "other_providers", "_sv_unserved"])
    rows = []
    for theme in sorted(set(demand["theme"].astype(str)) | set(serving)):
        askers = set(demand.loc[demand["theme"] == theme, "company_id"])
        providers = serving.get(theme, [])
        offered = sorted({lang for _, ls in providers for lang in ls}, key=LANGUAGES.index)
        own = company_routing[company_routing["theme"] == theme]
        # QA round 30: every theme read "no gap" while 9 companies had no provider where they are and in their
        # language; the theme-level flags stay, these count the companies left without one
        used = {n for cell in own["providers"] for n in str(cell).split("; ") if n}
        rows.append({"theme": theme, "theme_name": theme_names.get(theme, theme), "demand_companies": len(askers),
                     "swedish_demand_companies": len(askers & swedish),
                     "providers": "; ".join(name for name, _ in providers),
                     "provider_languages": "; ".join(offered),
                     "is_gap": bool(askers) and not providers,
                     "is_language_gap": bool(askers & swedish) and "sv" not in offered,
                     "unserved_companies": int((own["providers"] == "").sum()),
                     "unserved_swedish_companies": int(own["_sv_unserved"].sum()),
                     "idle_providers": "; ".join(n for n, _ in providers if askers and n not in used)})
    frame = pd.DataFrame(rows, columns=["theme", "theme_name", "demand_companies", "swedish_demand_companies",
                                        "providers", "provider_languages", "is_gap", "is_language_gap",
                                        "unserved_companies", "unserved_swedish_companies", "idle_providers"])
    frame = frame.sort_values(["demand_companies", "theme"], ascending=[False, True], kind="stable")
    if edition_of(params) != STEERING:
        # who is left without a provider where they are is a finer cell than any the public edition publishes
        # (municipality x language x theme): the steering edition's only
        frame = frame.assign(unserved_companies=pd.NA, unserved_swedish_companies=pd.NA, idle_providers=pd.NA)
    ruled = disclosed(frame.reset_index(drop=True), params, counts=("demand_companies", "swedish_demand_companies"),
                      bases={})
    # the companies not using Swedish, as a reader counts them: of those whose language is known (the language
    # table's base), or of every company of the needs survey
    others = {languages["company_id"].nunique() - len(swedish), len(set(to_linked.values())) - len(swedish)}
    routing = conform(_public_swedish_demand(ruled, frame.reset_index(drop=True), len(swedish), others, params),
                      "service_routing")
    if edition_of(params) != STEERING:
        return {"service_routing": routing, "company_routing": empty("company_routing")}
    return {"service_routing": routing,
            "company_routing": conform(company_routing.drop(columns="_sv_unserved"), "company_routing")}
