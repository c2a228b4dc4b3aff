"""Values computed from text, remembered within a budget of bytes.

A counsellor's file of a million rows repeats a few thousand amounts, kinds and countries: parsing
each once is most of the batch's speed. A hostile file (every cell different, 100 KB countries)
must not fill the memory: a memo stops remembering once its texts reach its budget, and goes on
computing."""

from __future__ import annotations

from typing import Any

BUDGET = 4 << 20  # bytes of keys and texts per memo
ENTRY = 96  # what an entry costs beyond its key's text (dict slot, key object, value)


class Memo:
    """``values`` is the dict itself (read it directly on a hot path); ``put`` adds within budget."""

    __slots__ = ("room", "values")

    def __init__(self, budget: int = BUDGET) -> None:
        self.values: dict[Any, Any] = {}
        self.room = budget

    def put(self, key: Any, value: Any, size: int = 0) -> Any:
        """Remember ``value`` for ``key`` (``size``: the bytes of text it holds), if there is room;
        return ``value``."""
        cost = ENTRY + size + (len(key) if isinstance(key, str) else 0)
        if cost <= self.room:
            self.values[key] = value
            self.room -= cost
        return value
