"""The batch's memos are bounded by the bytes they hold, not by how many entries (a file of a
million distinct 100 KB countries must not fill the memory)."""

from __future__ import annotations

import contextlib

from esncli.batch.core import RowCore
from esncli.batch.memo import ENTRY, Memo
from esncli.errors import EsnError


def test_a_memo_stops_remembering_at_its_budget_and_still_answers() -> None:
    memo = Memo(budget=10 * (ENTRY + 4))
    for number in range(100):
        assert memo.put(f"k{number:03d}", number) == number
    assert len(memo.values) == 10
    assert memo.values["k000"] == 0 and "k099" not in memo.values


def test_texts_count_by_their_length() -> None:
    memo = Memo(budget=ENTRY + 1000)
    memo.put("x" * 2000, 1)
    assert memo.values == {}
    memo.put("short", 2, size=100)
    assert memo.values == {"short": 2}


def test_long_distinct_countries_do_not_fill_the_memory() -> None:
    core = RowCore()
    budget = core._places.room
    for number in range(60):  # 6 MB of text, over the 4 MB budget
        with contextlib.suppress(EsnError):  # no place answers it: refused, and the refusal remembered
            core.zone(f"{number:03d}" + "x" * 100_000)
    kept = sum(len(key) for key in core._places.values)
    assert kept <= budget
    assert len(core._places.values) < 60
