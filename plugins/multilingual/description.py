"""What a page says of itself in <meta name="description"> and the cards others show of it.

The editor's ``Summary:`` first, as written; without one, the first paragraph of
the page's text, cut to a length search engines show; without a text (pages made
from data), what the page's template data offers; and last the description of
the page above it, so that a kind's page or an archive is described by its section.
"""

import re

from markupsafe import Markup

from .body import body_html

FIRST_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.DOTALL | re.IGNORECASE)
# Search engines show about this many characters; a longer paragraph is cut at a word.
LONGEST = 200


def plain(html):
    """Return the text of an HTML fragment, tags removed, entities decoded, white space folded."""
    return " ".join(Markup(html).striptags().split())


def shortened(text, longest=LONGEST):
    """Return ``text`` cut at the last word that fits in ``longest`` characters, with an ellipsis."""
    if len(text) <= longest:
        return text
    cut = text[: longest - 1].rsplit(" ", 1)[0].rstrip(" ,;:.—–-")
    return cut + "…"


def first_paragraph(html):
    """Return the plain text of the first non-empty paragraph of an HTML body, or None."""
    for match in FIRST_PARAGRAPH.finditer(html or ""):
        text = plain(match.group(1))
        if text:
            return text
    return None


def describe(site, version, offered=None):
    """Return the description of a version, or None if neither it nor a page above it has one.

    ``offered`` is what the page's template data proposes (e.g. the statement's
    first sentence) for a page with neither a summary nor a text of its own.
    """
    seen = set()
    while version is not None and version.key not in seen:
        seen.add(version.key)
        if version.summary:
            return version.summary.text
        paragraph = first_paragraph(body_html(version.source)) if version.source is not None else None
        if paragraph:
            return shortened(paragraph)
        if offered:
            return offered
        offered = None  # offered by this page's data, not its parent's
        parent = site.pages[version.key].parent
        version = site.pages[parent].versions[version.lang] if parent in site.pages else None
    return None
