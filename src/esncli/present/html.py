"""The printable report (issue 12): one self-contained HTML page that a counsellor prints, or
saves as PDF, from a browser and hands to the member.

The page is plain data (``Page``: sections of blocks of rows, sentences, lists, steps) drawn by
plain functions: every text goes through ``html.escape`` here and nowhere else, so a hostile
name or note is shown, never run. No network resource: the CSS is inline, the fonts are the
system's, there is no image, script or link to fetch. The print CSS keeps each table, step and
block whole on a page and fits the guide's worked examples (Matthieu, Pierre, Chantal) on one A4
page; the screen CSS stacks the columns on a phone.

What the page says comes from the callers, already in the reader's language: the explanation's
texts (``present.explain.explained``: the same steps, labels and formatting as the terminal) and
the contacts' and zonier's texts (``cli.report``). The standard library only: ``string.Template``
for the page, ``html.escape`` for the texts; no template engine is worth a dependency for one
page.
"""

from __future__ import annotations

import html
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from esncli.present.explain import Explained, ShownStep


@dataclass(frozen=True)
class Block:
    """A part of a section, drawn in this order: a title, sentences in bold, label / value rows,
    sentences, a list, the steps of a computation, and small print."""

    title: str = ""
    strong: tuple[str, ...] = ()
    rows: tuple[tuple[str, str], ...] = ()
    paragraphs: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    steps: tuple[ShownStep, ...] = ()
    small: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    """A heading and its blocks; ``css``: the section's class (result, warnings, contact...)."""

    heading: str
    blocks: tuple[Block, ...]
    css: str = ""


@dataclass(frozen=True)
class Columns:
    """Sections side by side on paper and on a wide screen, one under the other on a phone."""

    sections: tuple[Section, ...]


Rows = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Page:
    """The whole page: its language, title, the line under it (what the page is and is not),
    the who-and-when rows (in columns), the sections, and the closing words."""

    lang: str
    title: str
    tagline: str
    about: tuple[Rows, ...]
    sections: tuple[Section | Columns, ...]
    closing: tuple[str, ...] = ()


def estimate_sections(said: Explained) -> list[Section | Columns]:
    """The explanation as sections: inputs and result side by side, the steps, the conditions
    and the warnings."""
    inputs = Section(said.inputs_heading, (Block(rows=tuple((r.label, r.with_unit) for r in said.inputs)),), "inputs")
    result = Section(said.result_heading, (Block(strong=said.summaries, rows=tuple((r.label, r.value) for r in said.outputs)),), "result")
    sections: list[Section | Columns] = [Columns((inputs, result))]
    if said.timeline:  # a leave's periods: full pay, half pay with the allowance, the end
        sections.append(
            Section(said.timeline_heading, (Block(rows=tuple((line.label, line.dates) for line in said.timeline)),), "timeline")
        )
    if said.steps:
        sections.append(Section(said.steps_heading, (Block(steps=said.steps),), "steps"))
    if said.reasons:
        sections.append(Section(said.reasons_heading, (Block(items=said.reasons),), "reasons"))
    if said.warnings:
        sections.append(Section(said.warnings_heading, (Block(items=said.warnings),), "warnings"))
    if said.parameters_note:  # --on: the guide's figures applied as they are on another day
        sections.append(Section(said.parameters_heading, (Block(small=(said.parameters_note,)),), "parameters"))
    return sections


def escape(text: str) -> str:
    """``text`` as HTML text or attribute value: & < > " ' escaped; a line break kept as <br>."""
    return html.escape(text, quote=True).replace("\n", "<br>")


def render(page: Page) -> str:
    """The page as one HTML document."""
    return _DOCUMENT.substitute(
        lang=escape(page.lang),
        title=escape(page.title),
        css=CSS,
        tagline=escape(page.tagline),
        about='<div class="grid about">' + "".join(_rows(rows) for rows in page.about) + "</div>",
        sections="\n".join(_section(part) if isinstance(part, Section) else _columns(part) for part in page.sections),
        closing="".join(f"<p>{escape(text)}</p>" for text in page.closing),
    )


def _columns(columns: Columns) -> str:
    return '<div class="grid">' + "".join(_section(section) for section in columns.sections) + "</div>"


def _section(section: Section) -> str:
    css = f' class="{escape(section.css)}"' if section.css else ""
    blocks = "".join(_block(block) for block in section.blocks)
    return f"<section{css}><h2>{escape(section.heading)}</h2>{blocks}</section>"


def _block(block: Block) -> str:
    parts = []
    if block.title:
        parts.append(f"<h3>{escape(block.title)}</h3>")
    parts += [f'<p class="strong">{escape(text)}</p>' for text in block.strong]
    if block.rows:
        parts.append(_rows(block.rows))
    parts += [f"<p>{escape(text)}</p>" for text in block.paragraphs]
    if block.items:
        parts.append(_list(block.items))
    if block.steps:
        parts.append(_steps(block.steps))
    parts += [f'<p class="small">{escape(text)}</p>' for text in block.small]
    return f'<div class="block">{"".join(parts)}</div>'


def _rows(rows: Iterable[tuple[str, str]]) -> str:
    cells = "".join(f"<tr><th scope=row>{escape(label)}</th><td>{escape(value)}</td></tr>" for label, value in rows)
    return f"<table>{cells}</table>"


def _list(items: Sequence[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def _steps(steps: Sequence[ShownStep]) -> str:
    """The steps as the guide's worked examples write them: what is computed, then the figures."""
    lines = []
    for step in steps:
        source = f'<span class="source">{escape(step.source)}</span>' if step.source else ""
        lines.append(
            f'<li><span class="n">{step.number}.</span><span class="what">{escape(step.label)}{source}</span>'
            f'<span class="formula">{escape(step.formula)}</span></li>'
        )
    return '<ol class="steps">' + "".join(lines) + "</ol>"


# System fonts only (no download); sizes in pt for paper, rem on screen. Two columns (inputs and
# result, the about rows) on paper and wide screens, one on a phone.
CSS = """
:root { color-scheme: light; --ink: #1a1a1a; --soft: #555; --line: #c8c8c8; --accent: #0b4f8a; --warn: #7a4b00; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 1rem/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
main { max-width: 52rem; margin: 0 auto; padding: 1.25rem 1rem 2rem; }
header { border-bottom: 2px solid var(--accent); padding-bottom: .4rem; margin-bottom: .6rem; }
h1 { font-size: 1.45rem; line-height: 1.2; margin: 0 0 .2rem; color: var(--accent); }
.tagline { margin: 0; font-weight: 600; }
h2 { font-size: 1.05rem; margin: .9rem 0 .3rem; color: var(--accent); break-after: avoid; page-break-after: avoid; }
h3 { font-size: 1rem; margin: .4rem 0 .15rem; break-after: avoid; page-break-after: avoid; }
p { margin: .15rem 0; }
table { border-collapse: collapse; width: 100%; break-inside: avoid; page-break-inside: avoid; }
th, td { text-align: left; vertical-align: top; padding: .12rem .5rem .12rem 0; border-bottom: 1px solid var(--line); }
th { font-weight: normal; color: var(--soft); width: 48%; }
td { font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.about th { width: 1%; white-space: nowrap; }
.inputs th { width: 58%; }
.about td:empty { height: 1.7em; }
.result td, .strong { font-weight: 700; }
.result td { font-size: 1.05em; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1.5rem; }
.grid > section, .grid > table { min-width: 0; align-self: start; }
.grid.about { grid-template-columns: 3fr 2fr; }
ul { margin: .1rem 0; padding-left: 1.1rem; }
li { margin: .1rem 0; break-inside: avoid; page-break-inside: avoid; }
.warnings h2, .warnings li { color: var(--warn); }
ol.steps { list-style: none; margin: 0; padding: 0; }
ol.steps li { display: grid; grid-template-columns: 1.6rem 1fr auto; gap: 0 .75rem; padding: .2rem 0;
  border-bottom: 1px solid var(--line); }
.steps .n { color: var(--soft); }
.steps .source { display: block; font-size: .8em; color: var(--soft); }
.steps .formula { font-variant-numeric: tabular-nums; white-space: nowrap; text-align: right; font-weight: 600; }
.small { font-size: .85em; color: var(--soft); }
.block { break-inside: avoid; page-break-inside: avoid; }
.contact .block { margin-bottom: .3rem; }
.contact th, .place th { width: 30%; }
.result table { border-top: 2px solid var(--accent); }
footer { break-inside: avoid; page-break-inside: avoid; margin-top: 1rem; padding-top: .4rem; border-top: 2px solid var(--accent); font-size: .9em; }
footer p:first-child { font-weight: 700; }
@media (max-width: 40rem) {
  main { padding: .75rem .75rem 1.5rem; }
  .grid { display: block; }
  th { width: auto; }
  th, td { display: block; padding: .05rem 0; border: 0; }
  td { padding-bottom: .3rem; border-bottom: 1px solid var(--line); }
  ol.steps li { grid-template-columns: 1.6rem 1fr; }
  .steps .formula { grid-column: 2; text-align: left; white-space: normal; }
}
@page { size: A4; margin: 10mm 12mm; }
@media print {
  body { font-size: 9pt; line-height: 1.25; }
  main { max-width: none; padding: 0; }
  h1 { font-size: 14pt; }
  h2 { font-size: 10.5pt; margin: .55rem 0 .15rem; }
  h3 { font-size: 9.5pt; }
  .grid { display: grid; }
  a { color: inherit; text-decoration: none; }
}
"""

_DOCUMENT = string.Template("""<!DOCTYPE html>
<html lang="$lang">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>$title</title>
<style>$css</style>
</head>
<body>
<main>
<header>
<h1>$title</h1>
<p class="tagline">$tagline</p>
</header>
$about
$sections
<footer>$closing</footer>
</main>
</body>
</html>
""")
