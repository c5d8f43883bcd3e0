"""Time the theme coder on 10,000 synthetic answers (about 70 % Finnish, 20 % Swedish, 10 % English).

Usage: .venv/bin/python bench/coding_speed.py [--n 10000] [--simplemma]

The answers are built from need phrases, connectives and company-specific filler words, so the vocabulary
keeps growing with n as in a real survey (distinct word forms are what the per-word caches pay for).
Prints the start-up time (taxonomy, seed index, language model), the coding time and the total.
Goal: coding 10,000 answers in under 10 s on two cores.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.coding.coder import ThemeCoder  # noqa: E402
from pipeline.coding.taxonomy import load_taxonomy  # noqa: E402

PHRASES = {
    "fi": ["apua asiakashankintaan", "verkkokaupan kehittämiseen", "vientimarkkinoille pääsy",
           "somemarkkinointi ja sisällöntuotanto", "datan hyödyntäminen päätöksenteossa", "brändin uudistus",
           "myyntitaitojen kehittäminen", "järjestelmien integrointi", "kansainvälistymisen tukea",
           "henkilöstön rekrytointi", "rahoituksen hakeminen", "kotisivujen uudistaminen",
           "uusien asiakkaiden löytäminen", "tekoälyn käyttö", "messut ulkomailla", "sukupolvenvaihdos",
           "verkkokauppakoulutukseen osallistuminen", "asiakkaiden tavoittaminen somessa", "toimitilat"],
    "sv": ["hjälp med export till Norge", "marknadsföring i sociala medier", "en webbutik",
           "nya kunder", "digitalisering av ekonomin", "vårt varumärke", "rekrytering av personal",
           "finansiering", "försäljning och förhandling", "internationalisering"],
    "en": ["finding new customers", "an online store", "exporting to Germany", "social media marketing",
           "data-driven management", "brand identity", "recruiting staff", "funding", "sales training"],
}
OPENERS = {"fi": ["Tarvitsemme", "Kaipaamme", "Meille tärkeää:", "Kiinnostaa", ""],
           "sv": ["Vi behöver", "Vi vill ha", "Intresserad av", ""],
           "en": ["We need", "Looking for", "Interested in", ""]}
JOINERS = {"fi": " ja ", "sv": " och ", "en": " and "}
FILLER = {"fi": ["tuotteillemme", "palveluillemme", "alueella", "tänä vuonna", "pikaisesti"],
          "sv": ["för våra produkter", "i regionen", "i år"],
          "en": ["for our products", "in the region", "this year"]}


def synthetic_answers(n: int, seed: int = 7) -> pd.DataFrame:
    """Return ``n`` synthetic need answers (text_id, text) with a growing vocabulary."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        lang = rng.choices(["fi", "sv", "en"], weights=[7, 2, 1])[0]
        parts = rng.sample(PHRASES[lang], k=rng.choice([1, 1, 2, 3]))
        text = " ".join(w for w in [rng.choice(OPENERS[lang]), JOINERS[lang].join(parts)] if w)
        if rng.random() < 0.5:
            text += " " + rng.choice(FILLER[lang])
        if rng.random() < 0.3:
            text += f" (toimipiste{rng.randrange(2000)})" if lang == "fi" else f" (unit{rng.randrange(2000)})"
        rows.append((f"r{i:05d}", text))
    return pd.DataFrame(rows, columns=["text_id", "text"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--simplemma", action="store_true", help="force the simplemma path (no Voikko)")
    args = parser.parse_args()
    texts = synthetic_answers(args.n)
    t0 = time.perf_counter()
    coder = ThemeCoder(load_taxonomy("needs"), use_voikko=False if args.simplemma else None)
    t1 = time.perf_counter()
    codes = coder.code(texts)
    t2 = time.perf_counter()
    path = "simplemma" if args.simplemma or not coder.normaliser.uses_voikko else "voikko"
    print(f"answers: {len(texts)} ({texts['text'].nunique()} distinct), path: {path}")
    print(f"start-up: {t1 - t0:.2f} s; coding: {t2 - t1:.2f} s; total: {t2 - t0:.2f} s")
    print("main themes:", codes["theme"].value_counts().to_dict())


if __name__ == "__main__":
    main()
