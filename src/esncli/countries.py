"""Turn what a user typed into one zonier place, or a list of candidates. Pure.

Order: exact match of a normalised name, alias or ISO code; then, for inputs longer than three
letters only, a plain similarity ratio (difflib, no substring scorer: those confuse Samoa with
American Samoa and Niger with Nigeria) that picks a place only when it is clearly ahead and no
other place's name contains the input as whole words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

# A match must reach this ratio and lead the best *other* place by this much.
FUZZY_THRESHOLD = 0.8
FUZZY_LEAD = 0.08
FUZZY_MIN_LETTERS = 4
MAX_CANDIDATES = 5

_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_'’‘`´.,;:/()\[\]&*\"«»]+")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints"}
_LEADING_ARTICLES = ("the ", "l ", "la ", "le ", "les ")


def normalise(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key: "Côte d’Ivoire" -> "cote d ivoire"."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    folded = stripped.casefold().replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
    words = _SEPARATORS.sub(" ", folded).split()
    key = " ".join(_ABBREVIATIONS.get(word, word) for word in words)
    for article in _LEADING_ARTICLES:
        if key.startswith(article) and len(key) > len(article):
            key = key[len(article) :]
            break
    return key


@dataclass(frozen=True)
class Resolution:
    """The outcome of resolving a query: one place, or none with candidates."""

    query: str
    place: int | None  # index into the compiled places
    how: str  # "exact", "fuzzy", "ambiguous", "not-found", "empty"
    matched_key: str | None = None
    candidates: tuple[int, ...] = field(default_factory=tuple)
    score: float | None = None


def resolve(query: str, zones: dict[str, Any]) -> Resolution:
    code = query.strip().casefold()
    if 2 <= len(code) <= 3 and code.isascii() and code.isalpha() and code in zones["iso"]:
        return Resolution(query, zones["iso"][code], "exact", code)  # before "st" -> "saint"
    key = normalise(query)
    if not key:
        return Resolution(query, None, "empty")
    index: dict[str, list[int]] = zones["index"]
    hit = index.get(key)
    if hit is not None:
        if len(hit) == 1:
            return Resolution(query, hit[0], "exact", key)
        return Resolution(query, None, "ambiguous", key, tuple(hit))
    return _fuzzy(query, key, zones)


def _fuzzy(query: str, key: str, zones: dict[str, Any]) -> Resolution:
    from difflib import SequenceMatcher

    index: dict[str, list[int]] = zones["index"]
    letters = sum(c.isalpha() for c in key)
    # Whole-word containment: "korea" in "north korea", "dominican" in "dominican republic".
    padded = f" {key} "
    containing = [key2 for key2 in index if len(key2) > len(key) and padded in f" {key2} "]

    best: dict[int, tuple[float, str]] = {}
    if letters >= FUZZY_MIN_LETTERS:
        matcher = SequenceMatcher(autojunk=False)
        matcher.set_seq2(key)
        for candidate_key, places in index.items():
            if len(candidate_key) < FUZZY_MIN_LETTERS:
                continue  # ISO codes are matched exactly or not at all
            matcher.set_seq1(candidate_key)
            if matcher.real_quick_ratio() < FUZZY_THRESHOLD - FUZZY_LEAD:
                continue
            if matcher.quick_ratio() < FUZZY_THRESHOLD - FUZZY_LEAD:
                continue
            score = matcher.ratio()
            for place in places:
                if place not in best or score > best[place][0]:
                    best[place] = (score, candidate_key)
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))
    contained_places = [p for k in containing for p in index[k]]

    if ranked:
        top_place, (top_score, top_key) = ranked[0]
        runner_up = ranked[1][1][0] if len(ranked) > 1 else 0.0
        others_containing = [p for p in contained_places if p != top_place]
        if top_score >= FUZZY_THRESHOLD and top_score - runner_up >= FUZZY_LEAD and not others_containing:
            return Resolution(query, top_place, "fuzzy", top_key, score=round(top_score, 3))

    candidates: list[int] = []
    for place in [p for p, _ in ranked] + contained_places:
        if place not in candidates:
            candidates.append(place)
    if not candidates:
        return Resolution(query, None, "not-found")
    return Resolution(query, None, "ambiguous", candidates=tuple(candidates[:MAX_CANDIDATES]))
