"""Small checks shared by the data compilers: each failure names the file, the entry and the
problem (raised as DataError)."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from typing import Any

from esncli.catalog import DataError

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class Checker:
    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, where: str, problem: str) -> DataError:
        return DataError(self.file, where, problem)

    def mapping(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, f"expected a mapping, got {_kind(value)}")
        return value

    def sequence(self, value: Any, where: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(where, f"expected a list, got {_kind(value)}")
        return value

    def keys(self, value: dict[str, Any], where: str, required: Iterable[str], optional: Iterable[str] = ()) -> None:
        required = list(required)
        allowed = set(required) | set(optional)
        for key in required:
            if key not in value:
                raise self.fail(where, f"missing key '{key}'")
        unknown = sorted(str(k) for k in value if k not in allowed)
        if unknown:
            raise self.fail(where, f"unknown key '{unknown[0]}' (allowed: {', '.join(sorted(allowed))})")

    def text(self, value: Any, where: str, *, optional: bool = False) -> str | None:
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, f"expected non-empty text, got {_kind(value)}")
        return value

    def choice(self, value: Any, where: str, allowed: Iterable[str | None]) -> Any:
        allowed = list(allowed)
        if value not in allowed:
            shown = ", ".join("null" if a is None else str(a) for a in allowed)
            raise self.fail(where, f"expected one of {shown}, got {value!r}")
        return value

    def date(self, value: Any, where: str) -> str:
        if isinstance(value, _dt.date):
            return value.isoformat()
        if isinstance(value, str) and _ISO_DATE.fullmatch(value):
            try:
                return _dt.date.fromisoformat(value).isoformat()
            except ValueError as exc:  # 2023-13-01, 2023-02-30
                raise self.fail(where, f"expected a date YYYY-MM-DD, got {value!r}: {exc}") from None
        raise self.fail(where, f"expected a date YYYY-MM-DD, got {_kind(value)}")

    def bilingual(self, value: Any, where: str) -> dict[str, str]:
        """A text given in English and French: {en: ..., fr: ...}."""
        mapping = self.mapping(value, where)
        self.keys(mapping, where, ("en", "fr"))
        return {lang: str(self.text(mapping[lang], f"{where}.{lang}")) for lang in ("en", "fr")}


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"a boolean ({value})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"text {value!r}" if value.strip() else "empty text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__
