"""Turn what a user typed into one zonier place, or a list of candidates. Pure.

Order: exact match of a normalised name, alias or ISO code; then, for inputs longer than three
letters only, a plain similarity ratio (difflib, no substring scorer: those confuse Samoa with
American Samoa and Niger with Nigeria) that picks a place only when it is clearly ahead, no
other place's name contains the input as whole words, and no other place's name is one typo away
from it ("Nambia": Gambia or Namibia? the user says).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# A match must reach this ratio and lead the best *other* place by this much.
FUZZY_THRESHOLD = 0.8
FUZZY_LEAD = 0.08
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
    how: str  # "exact", "fuzzy", "ambiguous", "not-found", "empty"
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
            return Resolution(query, hit[0], "exact", key)
        return Resolution(query, None, "ambiguous", key, tuple(hit))
    return _fuzzy(query, key, zones)


def _fuzzy(query: str, key: str, zones: Mapping[str, Any]) -> Resolution:
    from difflib import SequenceMatcher

    index: dict[str, list[int]] = zones["index"]
    letters = sum(c.isalpha() for c in key)
    # Whole-word containment: "korea" in "north korea", "dominican" in "dominican republic".
    padded = f" {key} "
    containing = [key2 for key2 in index if len(key2) > len(key) and padded in f" {key2} "]

    best: dict[int, tuple[float, str]] = {}
    one_edit: set[int] = set()  # places with a name one typo away from the input
    if letters >= FUZZY_MIN_LETTERS:
        cutoff = FUZZY_THRESHOLD - FUZZY_LEAD
        length = len(key)
        matcher = SequenceMatcher(autojunk=False)
        matcher.set_seq2(key)
        for candidate_key, places in index.items():
            other = len(candidate_key)
            if other < FUZZY_MIN_LETTERS:
                continue  # ISO codes are matched exactly or not at all
            if 2 * min(length, other) < cutoff * (length + other):
                continue  # the ratio's upper bound from the lengths alone (real_quick_ratio)
            matcher.set_seq1(candidate_key)
            if matcher.quick_ratio() < cutoff:
                continue
            score = matcher.ratio()
            near = _one_edit_apart(key, candidate_key)
            for place in places:
                if place not in best or score > best[place][0]:
                    best[place] = (score, candidate_key)
                if near:
                    one_edit.add(place)
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))
    contained_places = [p for k in containing for p in index[k]]

    if ranked:
        top_place, (top_score, top_key) = ranked[0]
        runner_up = ranked[1][1][0] if len(ranked) > 1 else 0.0
        others_containing = [p for p in contained_places if p != top_place]
        # A typo one edit from two places ("nambia": Gambia or Namibia?) is the user's call.
        others_one_edit = one_edit - {top_place}
        if top_score >= FUZZY_THRESHOLD and top_score - runner_up >= FUZZY_LEAD and not others_containing and not others_one_edit:
            return Resolution(query, top_place, "fuzzy", top_key, score=round(top_score, 3))

    # "Did you mean": only the close ones, not every name the quick bounds let through.
    floor = max(CANDIDATE_FLOOR, ranked[0][1][0] - CANDIDATE_SPREAD) if ranked else 1.0
    candidates: list[int] = []
    for place in [p for p, (score, _) in ranked if score >= floor] + contained_places:
        if place not in candidates:
            candidates.append(place)
    if not candidates:
        return Resolution(query, None, "not-found")
    return Resolution(query, None, "ambiguous", candidates=tuple(candidates[:MAX_CANDIDATES]))


def _one_edit_apart(a: str, b: str) -> bool:
    """True when b is a one-letter deletion, insertion, substitution or transposition of a."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    start = 0
    while start < len(a) and a[start] == b[start]:
        start += 1
    if len(a) < len(b):
        return a[start:] == b[start + 1 :]
    if a[start + 1 :] == b[start + 1 :]:
        return True
    return start + 1 < len(a) and a[start] == b[start + 1] and a[start + 1] == b[start] and a[start + 2 :] == b[start + 2 :]
