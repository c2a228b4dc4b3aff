"""Small checks shared by the data compilers: each failure names the file, the entry and the
problem (raised as DataError), in the reader's language."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from typing import Any

from esncli.errors import DataError
from esncli.i18n import _

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class Checker:
    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, where: str, problem: str) -> DataError:
        return DataError(self.file, where, problem)

    def mapping(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, _("expected a mapping, got {kind}").format(kind=_kind(value)))
        return value

    def sequence(self, value: Any, where: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(where, _("expected a list, got {kind}").format(kind=_kind(value)))
        return value

    def keys(self, value: dict[str, Any], where: str, required: Iterable[str], optional: Iterable[str] = ()) -> None:
        required = list(required)
        allowed = set(required) | set(optional)
        for key in required:
            if key not in value:
                raise self.fail(where, _("missing key '{key}'").format(key=key))
        unknown = sorted(str(k) for k in value if k not in allowed)
        if unknown:
            problem = _("unknown key '{key}' (allowed: {allowed})").format(key=unknown[0], allowed=", ".join(sorted(allowed)))
            raise self.fail(where, problem)

    def text(self, value: Any, where: str, *, optional: bool = False) -> str | None:
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, _("expected non-empty text, got {kind}").format(kind=_kind(value)))
        return value

    def choice(self, value: Any, where: str, allowed: Iterable[str | None]) -> Any:
        allowed = list(allowed)
        if value not in allowed:
            shown = ", ".join("null" if a is None else str(a) for a in allowed)
            raise self.fail(where, _("expected one of {choices}, got {value!r}").format(choices=shown, value=value))
        return value

    def date(self, value: Any, where: str) -> str:
        if isinstance(value, _dt.date):
            return value.isoformat()
        if isinstance(value, str) and _ISO_DATE.fullmatch(value):
            try:
                return _dt.date.fromisoformat(value).isoformat()
            except ValueError as exc:  # 2023-13-01, 2023-02-30
                problem = _("expected a date YYYY-MM-DD, got {value!r}: {reason}").format(value=value, reason=exc)
                raise self.fail(where, problem) from None
        raise self.fail(where, _("expected a date YYYY-MM-DD, got {kind}").format(kind=_kind(value)))

    def bilingual(self, value: Any, where: str) -> dict[str, str]:
        """A text given in English and French: {en: ..., fr: ...}."""
        mapping = self.mapping(value, where)
        self.keys(mapping, where, ("en", "fr"))
        return {lang: str(self.text(mapping[lang], f"{where}.{lang}")) for lang in ("en", "fr")}


def _kind(value: Any) -> str:
    """What a value is, for "expected ..., got {kind}"."""
    if value is None:
        return _("nothing")
    if isinstance(value, bool):
        return _("a boolean ({value})").format(value=value)
    if isinstance(value, (int, float)):
        return _("a number ({value})").format(value=value)
    if isinstance(value, str):
        return _("text {value!r}").format(value=value) if value.strip() else _("empty text")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping")
    return type(value).__name__
