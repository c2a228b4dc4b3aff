"""A leave's timeline as a member reads it at a glance (issue 13): full pay, then half pay with the
allowance, then its end, one line each, with a bar placed in time on a terminal wide enough::

    Full pay                    2022-04-01 to 2022-06-30  ██████
    Half pay + allowance (AJ)   2022-07-01 to 2023-03-31        ▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒
    End of the allowance        2023-03-31                                       ▏

On a pipe, a file or a narrow terminal, the same lines without the bars (``plain``); where the
terminal cannot show the block characters, ASCII ones. Pure text in the reader's language: the
explanation (rich) and the printable report draw these lines as they are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from esncli import i18n
from esncli.dates import Period
from esncli.i18n import _

# The bar's narrowest useful width: below it, plain lines say more than a bar would.
MIN_BAR = 16
UNICODE = {"full": "█", "half": "▒", "end": "▏", "open": "→"}
ASCII = {"full": "#", "half": "=", "end": "|", "open": ">"}


@dataclass(frozen=True)
class Line:
    """One line of the timeline: its words, its dates as text, and the days it covers (``end``
    None: half pay with no known end; ``kind`` "end": the allowance's last day, a mark)."""

    label: str
    dates: str
    start: dt.date
    end: dt.date | None
    kind: str  # "full", "half" or "end"


def lines_of(periods: Sequence[Period]) -> tuple[Line, ...]:
    """The timeline's lines from its periods (``dates.Period``): a line per period, then the end."""
    found = []
    for period in periods:
        start, end, pay = period.start, period.end, period.pay.value
        label = _("Full pay") if pay == "full" else _("Half pay + allowance (AJ)")
        if end is None:
            dates = _("from {start}, no known end").format(start=i18n.date(start))
        else:
            dates = _("{start} to {end}").format(start=i18n.date(start), end=i18n.date(end))
        found.append(Line(label, dates, start, end, pay))
    last = found[-1] if found else None
    if last is not None and last.end is not None:
        found.append(Line(_("End of the allowance"), i18n.date(last.end), last.end, last.end, "end"))
    return tuple(found)


def text_lines(lines: Sequence[Line], width: int, *, picture: bool, ascii: bool = False) -> list[str]:
    """The timeline as lines of at most ``width`` characters (after an indent the caller adds):
    label, dates, and a bar in time when ``picture`` and the width leave room for one."""
    if not lines:
        return []
    label_width = max(len(line.label) for line in lines)
    dates_width = max(len(line.dates) for line in lines)
    bar_width = width - label_width - dates_width - 4
    if not picture or bar_width < MIN_BAR:
        return [_("{label}: {dates}").format(label=line.label, dates=line.dates) for line in lines]
    marks = ASCII if ascii else UNICODE
    first = lines[0].start
    known = [line.end for line in lines if line.end is not None]
    last = max(known) if known else lines[-1].start
    open_ended = any(line.end is None for line in lines)
    # an open end takes a quarter more room than the known days, so that its arrow shows it goes on
    days = max((last - first).days + 1, 1)
    span = days + (days // 4 or 1 if open_ended else 0)

    def column(day: dt.date) -> int:
        return min(bar_width, (day - first).days * bar_width // span)

    result = []
    for line in lines:
        at = min(column(line.start), bar_width - 1)
        if line.kind == "end":
            bar = " " * at + marks["end"]
        elif line.end is None:
            bar = " " * at + marks[line.kind] * max(bar_width - at - 1, 1) + marks["open"]
        else:
            length = max(column(line.end + dt.timedelta(days=1)) - at, 1)  # up to where the next period starts
            bar = " " * at + marks[line.kind] * length
        result.append(f"{line.label.ljust(label_width)}  {line.dates.ljust(dates_width)}  {bar}".rstrip())
    return result
