"""The HTML a page may contain: one allow-list, enforced by nh3 and explained to the editor.

The same tables drive both halves: ``markup_problems`` names every element,
attribute and link outside the list (with the line and a fix), so that an
editor learns what would be lost; ``sanitize`` passes the published HTML
through nh3 (the Rust crate ammonia) so that nothing outside the list can
reach a visitor even if a check were missed.
"""

import functools
import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

import nh3

from site_data import tr

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# What editors need, and what Markdown with the extra and toc extensions writes
# (footnotes: div, ol, li, sup, hr; fenced code: pre, code; abbreviations: abbr).
ALLOWED_TAGS = HEADINGS | {
    "p",
    "br",
    "hr",
    "blockquote",
    "strong",
    "em",
    "code",
    "pre",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "abbr",
    "sup",
    "sub",
    "figure",
    "figcaption",
    "details",
    "summary",
    "img",
    "a",
    "div",
}
# lang on any element (a passage in another language); id where a link can point to it.
GENERIC_ATTRIBUTES = {"lang"}
ANCHOR_TARGETS = HEADINGS | {"li", "sup", "dt", "figure", "table", "details"}
ALLOWED_ATTRIBUTES = {
    "*": GENERIC_ATTRIBUTES,
    "a": {"href", "title", "hreflang"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    # The tables extension aligns a column (| :--- |) with style="text-align: …"; no other property passes.
    "th": {"colspan", "rowspan", "scope", "style"},
    "td": {"colspan", "rowspan", "style"},
    "ol": {"start", "reversed"},
    "details": {"open"},
    "code": {"class"},  # fenced code names its language: class="language-python"
    **{tag: {"id"} for tag in ANCHOR_TARGETS - {"details"}},
}
ALLOWED_ATTRIBUTES["details"] = {"open", "id"}
# Classes the Markdown extensions write (footnotes; toc's [TOC], permalink and anchorlink
# options); any other class is editor styling.
ALLOWED_CLASSES = {
    "div": {"footnote", "toc"},
    "a": {"footnote-ref", "footnote-backref", "headerlink", "toclink"},
    # An image that needs no text alternative: ![](photo.jpg){: .decorative} (see the editors' guide).
    "img": {"decorative"},
}
ALLOWED_STYLE_PROPERTIES = {"text-align"}
TEXT_ALIGN = re.compile(r"^\s*(text-align\s*:\s*(left|right|center)\s*;?\s*)+$", re.I)
URL_SCHEMES = {"http", "https", "mailto", "tel"}
URL_ATTRIBUTES = {"href", "src"}
# Pelican's own link syntax ({static}…, |filename|…) and the multilingual plugin's page marks.
SITE_LINK = re.compile(r"^(?:[{|](?:filename|static|attach|index|tag|category|author)[}|]|thrace-page:)", re.I)
# Browsers ignore these inside a URL: "java\nscript:" is javascript:.
URL_IGNORED = re.compile(r"[\x00-\x20\x7f]")
URL_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.I)

EMBED_FIX = tr("link to the video or page instead of embedding it")
ELEMENT_FIXES = {
    "script": tr("link to the video instead of embedding it; a page cannot run scripts"),
    "noscript": tr("remove it; a page cannot run scripts"),
    "iframe": EMBED_FIX,
    "embed": EMBED_FIX,
    "object": EMBED_FIX,
    "video": EMBED_FIX,
    "audio": EMBED_FIX,
    "frame": EMBED_FIX,
    "frameset": EMBED_FIX,
    "portal": EMBED_FIX,
    "style": tr("remove it; the site's stylesheet gives every page its look"),
    "link": tr("remove it; link to a page or file with Markdown: [text](address)"),
    "meta": tr("remove it; a page cannot redirect visitors or change its head — link to the other address instead"),
    "base": tr("remove it; links are written relative to the site"),
    "form": tr("remove the form; describe how to apply and link to a page or an e-mail address"),
    "input": tr("remove it; a page cannot hold a form"),
    "button": tr("remove it; a page cannot hold a form"),
    "select": tr("remove it; a page cannot hold a form"),
    "textarea": tr("remove it; a page cannot hold a form"),
    "svg": tr("export the drawing as PNG and insert it as an image: ![what it shows]({{static}}/images/drawing.png)"),
    "math": tr("write the formula as text, or export it as PNG with a description"),
    "img": tr("write the image in Markdown: ![what the image shows](address)"),
}
DEFAULT_ELEMENT_FIX = tr(
    "remove the tag and write the text in Markdown (the editors' guide lists the HTML a page may use)"
)


@dataclass(frozen=True)
class MarkupIssue:
    """One thing outside the allow-list, with a pattern to find its line in the source."""

    message: str
    fix: str
    # Regular expressions for the source line it comes from, most precise first.
    needles: tuple


def _allowed_attributes(tag):
    return (
        ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, set()) | ({"class"} if tag in ALLOWED_CLASSES else set())
    )


def url_scheme(value):
    """Return the scheme a browser would see in a URL ('' for a site path or fragment)."""
    match = URL_SCHEME.match(URL_IGNORED.sub("", unescape(value)))
    return match.group(1).lower() if match else ""


def _attribute_issue(tag, name, value):
    """Return the issue with one attribute of an allowed element, or None."""
    value = value or ""
    if name not in _allowed_attributes(tag):
        needle = (rf"\b{re.escape(name)}\s*=",)
        if name.startswith("on"):
            return MarkupIssue(
                tr("the attribute '{name}=' (a script) is not allowed on <{tag}>", name=name, tag=tag),
                tr("remove it; a page cannot run scripts"),
                needle,
            )
        if name == "style":
            return MarkupIssue(
                tr("the attribute 'style=' is not allowed on <{tag}>", tag=tag),
                tr(
                    "remove it; the site's stylesheet gives every page its look (use **bold** or headings for emphasis)"
                ),
                needle,
            )
        return MarkupIssue(
            tr("the attribute '{name}=' is not allowed on <{tag}>", name=name, tag=tag), tr("remove it"), needle
        )
    if name == "style" and not TEXT_ALIGN.match(value):
        return MarkupIssue(
            tr("the attribute 'style=' is not allowed on <{tag}>", tag=tag),
            tr("remove it; a table column is aligned with colons in its line of dashes, e.g. | :--- | ---: |"),
            (r"\bstyle\s*=",),
        )
    if name == "class" and tag in ALLOWED_CLASSES:
        extra = set(value.split()) - ALLOWED_CLASSES[tag]
        if extra:
            return MarkupIssue(
                tr("the class '{name}' is not allowed on <{tag}>", name=" ".join(sorted(extra)), tag=tag),
                tr("remove it; the site's stylesheet gives every page its look"),
                (r"\bclass\s*=|\{:?\s*\.",),
            )
    if name in URL_ATTRIBUTES and not SITE_LINK.match(value):
        scheme = url_scheme(value)
        if scheme and scheme not in URL_SCHEMES:
            shown = URL_IGNORED.sub("", value)[:60]
            return MarkupIssue(
                tr("the address '{address}' is not allowed (a '{scheme}:' address)", address=shown, scheme=scheme),
                tr("link to an https:// address, a mailto: or tel: address, or a page or file of the site"),
                (re.escape(scheme) + r"\s*:", re.escape(value[:40]), rf"\b{name}\s*=|\]\("),
            )
    return None


class _IssueFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.issues = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.issues.append(
                MarkupIssue(
                    tr("the <{tag}> element is not allowed in a page", tag=tag),
                    ELEMENT_FIXES.get(tag, DEFAULT_ELEMENT_FIX),
                    (rf"<\s*{re.escape(tag)}\b",),
                )
            )
            return
        for name, value in attrs:
            issue = _attribute_issue(tag, name, value)
            if issue:
                self.issues.append(issue)

    handle_startendtag = handle_starttag

    def handle_pi(self, data):
        self.issues.append(
            MarkupIssue(tr("a processing instruction (<?…>) is not allowed in a page"), DEFAULT_ELEMENT_FIX, (r"<\?",))
        )

    def handle_decl(self, decl):
        self.issues.append(
            MarkupIssue(
                tr("the declaration <!{declaration}> is not allowed in a page", declaration=decl[:20]),
                DEFAULT_ELEMENT_FIX,
                (r"<!\s*[a-z\[]",),
            )
        )

    unknown_decl = handle_decl


def markup_problems(html):
    """Return a MarkupIssue for everything in ``html`` outside the allow-list, in document order."""
    finder = _IssueFinder()
    finder.feed(html)
    finder.close()
    return finder.issues


@functools.cache
def _cleaner():
    """Return the sanitiser (immutable: made once per process, from the tables above)."""
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        allowed_classes={tag: set(names) for tag, names in ALLOWED_CLASSES.items()},
        url_schemes=set(URL_SCHEMES),
        filter_style_properties=set(ALLOWED_STYLE_PROPERTIES),
        clean_content_tags={"script", "style"},
        strip_comments=True,
        link_rel=None,  # links keep what the editor wrote; nothing of ours opens new windows
    )


def sanitize(html):
    """Return ``html`` with everything outside the allow-list removed (nh3)."""
    return _cleaner().clean(html)
