"""Turn what a user typed into one zonier place, or a list of candidates. Pure.

Order: exact match of a normalised name, alias or ISO code; the same name written without its
spaces ("Costarica"); then a typo of exactly one place's name: a Damerau-Levenshtein distance
(optimal string alignment) on the whole folded name (case, accents, spaces and punctuation
folded) of at most 1 for 4 to 7 letters and 2 for 8 or more, none below 4 letters, and only when
every name that close is the same place's ("Nambia": Gambia or Namibia? the user says). Never a
pick because one word matches ("Chypre du Nord" is not North Korea): the similarity ratio
(difflib) and whole-word containment only suggest candidates.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

FUZZY_MIN_LETTERS = 4
MAX_CANDIDATES = 5
# Candidates offered on a miss: within this of the best score, and at least the floor.
CANDIDATE_SPREAD = 0.15
CANDIDATE_FLOOR = 0.6

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
    how: str  # "exact", "within" (a city or region of the place), "fuzzy", "ambiguous", "not-found", "empty"
    matched_key: str | None = None
    candidates: tuple[int, ...] = field(default_factory=tuple)
    score: float | None = None


def resolve(query: str, zones: Mapping[str, Any]) -> Resolution:
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
            return Resolution(query, hit[0], "within" if key in zones["within"] else "exact", key)
        return Resolution(query, None, "ambiguous", key, tuple(hit))
    return _fuzzy(query, key, zones)


def _fuzzy(query: str, key: str, zones: Mapping[str, Any]) -> Resolution:
    index: dict[str, list[int]] = zones["index"]
    folded = key.replace(" ", "")
    by_folded = _folded(index)
    same = by_folded.get(folded)
    if same is not None:  # "Costarica": Costa Rica without its space
        places = sorted({p for k in same for p in index[k]})
        if len(places) == 1:
            return Resolution(query, places[0], "within" if same[0] in zones["within"] else "exact", same[0])
        return Resolution(query, None, "ambiguous", candidates=tuple(places[:MAX_CANDIDATES]))

    letters = sum(c.isalpha() for c in folded)
    if letters >= FUZZY_MIN_LETTERS:
        limit = 1 if letters <= 7 else 2
        near: dict[int, tuple[int, str]] = {}  # place -> (distance, the key that close)
        within = zones["within"]  # a city or region is never reached by a typo (issue 10)
        for other, keys in by_folded.items():
            if abs(len(other) - len(folded)) > limit or sum(c.isalpha() for c in other) < FUZZY_MIN_LETTERS:
                continue
            if within and all(k in within for k in keys):
                continue
            distance = osa_distance(folded, other, limit)
            if distance <= limit:
                for place in {p for k in keys for p in index[k]}:
                    if place not in near or distance < near[place][0]:
                        near[place] = (distance, keys[0])
        if len(near) == 1:
            ((place, (distance, matched)),) = near.items()
            return Resolution(query, place, "fuzzy", matched, score=round(1 - distance / max(len(folded), 1), 3))
        if near:
            ranked = sorted(near, key=lambda place: (near[place][0], place))
            return Resolution(query, None, "ambiguous", candidates=tuple(ranked[:MAX_CANDIDATES]))
    return _suggestions(query, key, index)


def _suggestions(query: str, key: str, index: Mapping[str, list[int]]) -> Resolution:
    """No place is a typo away: the names that hold the input as whole words ("korea" in "north
    korea") and the closest by similarity ratio, offered, never picked."""
    from difflib import SequenceMatcher

    padded = f" {key} "
    # Names holding the input as whole words, and names the input holds ("chypre" in "chypre du nord").
    candidates: list[int] = [p for k in index if len(k) > len(key) and padded in f" {k} " for p in index[k]]
    candidates += [p for k in index if len(k) >= FUZZY_MIN_LETTERS and len(k) < len(key) and f" {k} " in padded for p in index[k]]
    if sum(c.isalpha() for c in key) >= FUZZY_MIN_LETTERS:
        matcher = SequenceMatcher(autojunk=False)
        matcher.set_seq2(key)
        scored: dict[int, float] = {}
        for other, places in index.items():
            if len(other) < FUZZY_MIN_LETTERS or 2 * min(len(key), len(other)) < CANDIDATE_FLOOR * (len(key) + len(other)):
                continue  # the ratio's upper bound from the lengths alone
            matcher.set_seq1(other)
            if matcher.quick_ratio() < CANDIDATE_FLOOR:
                continue
            score = matcher.ratio()
            for place in places:
                scored[place] = max(score, scored.get(place, 0.0))
        if scored:
            floor = max(CANDIDATE_FLOOR, max(scored.values()) - CANDIDATE_SPREAD)
            candidates = [p for p, score in sorted(scored.items(), key=lambda item: (-item[1], item[0])) if score >= floor] + candidates
    unique = list(dict.fromkeys(candidates))
    if not unique:
        return Resolution(query, None, "not-found")
    return Resolution(query, None, "ambiguous", candidates=tuple(unique[:MAX_CANDIDATES]))


_folded_cache: dict[int, tuple[Mapping[str, list[int]], dict[str, list[str]]]] = {}


def _folded(index: Mapping[str, list[int]]) -> dict[str, list[str]]:
    """The index's keys without their spaces -> the keys (built once per index)."""
    found = _folded_cache.get(id(index))
    if found is None or found[0] is not index:
        folded: dict[str, list[str]] = {}
        for name in index:
            folded.setdefault(name.replace(" ", ""), []).append(name)
        found = _folded_cache[id(index)] = (index, folded)
    return found[1]


def osa_distance(a: str, b: str, limit: int) -> int:
    """The optimal-string-alignment (restricted Damerau-Levenshtein) distance between ``a`` and
    ``b``: insertions, deletions, substitutions and transpositions of adjacent letters; any
    distance over ``limit`` is reported as ``limit + 1`` (the rows stop early)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, other in enumerate(b, 1):
            cost = char != other
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char == b[j - 2] and a[i - 2] == other:
                best = min(best, previous2[j - 2] + 1)
            current[j] = best
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)
