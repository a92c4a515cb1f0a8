"""Bounded input: a source too large or nested too deeply is refused before any parser sees it.

Python-Markdown's inline patterns and a YAML parser's recursion both grow
faster than the input when brackets, lists or quotes nest (100 KB of nested
``[`` took Python-Markdown 100 s). One linear scan per file finds the deepest
nesting first, so that no single file can keep the build busy.
"""

import re

from site_data import tr

LIST_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s")
QUOTE_MARKERS = re.compile(r"^\s*((?:>\s*)+)")
MEGABYTE = 1024 * 1024


def describe_size(size):
    """Return a size for an editor: '1 MB', '512 KB'."""
    if size >= MEGABYTE and size % MEGABYTE == 0:
        return f"{size // MEGABYTE} MB"
    return f"{max(1, size // 1024)} KB"


def _bracket_depths(line, depth, opening, closing):
    """Return (depth after the line, deepest depth within it)."""
    deepest = depth
    for char in line:
        if char in opening:
            depth += 1
            deepest = max(deepest, depth)
        elif char in closing and depth:
            depth -= 1
    return depth, deepest


# Python-Markdown's inline patterns try each mark (*, _, [, (, `, <, &) against
# the rest of its paragraph: the work grows as marks x paragraph length. Measured
# on the shared 2-core machine: about 3e-8 s per unit, so this bound keeps a
# file under about 3 s; a long real page (1,000-character paragraphs with 20
# marks each, 1 MB in all) needs about 2e7.
MAX_INLINE_WORK = 100_000_000
# Each mark (and each table cell, quote level and list item) also costs a fixed overhead: 1 MB of short
# "[x](" paragraphs or of a one-column table took 20-40 s. A long real page has
# a few thousand marks.
MAX_MARKS = 50_000
INLINE_MARKS = re.compile(r"[*_\[\]()`<>&|]")


def markdown_inline_work(text):
    """Return the line of the paragraph at which the marks or their work pass the bounds, or None."""
    work = total = 0
    start, marks, length = 1, 0, 0
    for number, line in enumerate(text.split("\n") + [""], 1):
        if line.strip():
            if not length:
                start = number
            marks += len(INLINE_MARKS.findall(line)) + (1 if LIST_ITEM.match(line) else 0)
            length += len(line) + 1
            continue
        work += marks * length
        total += marks
        if work > MAX_INLINE_WORK or total > MAX_MARKS:
            return start
        marks = length = 0
    return None


def markdown_nesting(text, limit):
    """Return (line, what) of the first place ``text`` nests deeper than ``limit``, or None.

    Lists count one level per four spaces of indentation (Python-Markdown's
    rule), quotes one per '>', brackets one per '[' or '(' not yet closed.
    """
    brackets = 0
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            brackets = 0  # inline patterns work within a paragraph: an unclosed ':(' ends with it
        quotes = QUOTE_MARKERS.match(line)
        if quotes and quotes.group(1).count(">") > limit:
            return number, tr("quotes ('>') inside quotes")
        item = LIST_ITEM.match(line)
        if item and len(item.group(1).expandtabs(4)) // 4 + 1 > limit:
            return number, tr("lists inside lists")
        brackets, deepest = _bracket_depths(line, brackets, "[(", "])")
        if deepest > limit:
            return number, tr("brackets ('[' or '(') inside brackets")
    return None


def yaml_nesting(text, limit):
    """Return (line, what) of the first place ``text`` nests deeper than ``limit``, or None.

    Flow collections count one level per '[' or '{' not yet closed; blocks one
    level per two spaces of indentation and per '- ' that opens an item on the
    same line.
    """
    flow = 0
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.lstrip(" ")
        if stripped.startswith("#"):
            continue
        indent = len(line) - len(stripped)
        dashes = len(re.match(r"(?:-\s+)*", stripped).group(0).split("-")) - 1
        if indent // 2 + dashes > limit:
            return number, tr("indented blocks inside blocks")
        flow, deepest = _bracket_depths(line, flow, "[{", "]}")
        if deepest > limit:
            return number, tr("brackets ('[' or '{{') inside brackets")
    return None
