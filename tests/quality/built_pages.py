"""The HTML pages of a built folder, parsed once, and small pages written for the negative tests."""

import re
from pathlib import Path
from urllib.parse import unquote

import lxml.html

from conftest import page_for_url

OTHER_SCHEME = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
# Every hreflang alternate of a page, feeds included: a feed announced with hreflang joins the
# page's cluster of translations for a validator, and cannot list the page back.
ALTERNATES = "//head/link[@hreflang and contains(concat(' ', normalize-space(@rel), ' '), ' alternate ')]"


class BuiltPages:
    """The HTML pages of a built folder, each parsed once, and the URL of each."""

    def __init__(self, output, siteurl):
        self.output = Path(output)
        self.siteurl = siteurl
        self.files = sorted(self.output.rglob("*.html"))
        self._trees = {}

    def url_of(self, path):
        """Return the URL of a built file (a folder's index.html as the folder)."""
        relative = Path(path).relative_to(self.output).as_posix()
        if relative == "index.html" or relative.endswith("/index.html"):
            relative = relative[: -len("index.html")]
        return f"{self.siteurl}/{relative}"

    def file_for(self, url):
        """Return the file an absolute URL of this site points to, or None if it is another site's."""
        if self.siteurl:
            if url != self.siteurl and not url.startswith(self.siteurl + "/"):
                return None
            url = url[len(self.siteurl) :] or "/"
        elif OTHER_SCHEME.match(url):
            return None
        return page_for_url(self.output, unquote(url))

    def tree(self, path):
        """Return the parsed page (lxml), parsed once."""
        if path not in self._trees:
            self._trees[path] = lxml.html.parse(str(path)).getroot()
        return self._trees[path]

    def ids(self, path):
        """Return every id of a page."""
        return set(self.tree(path).xpath("//@id"))

    def lang(self, path):
        """Return the language of a page (its <html lang>)."""
        return self.tree(path).get("lang")

    def alternates(self, path):
        """Return [(hreflang, href)] of a page's language alternates."""
        return [(link.get("hreflang"), link.get("href")) for link in self.tree(path).xpath(ALTERNATES)]


# Deliberately broken sites for the negative tests -------------------------------------------

SITEURL = "https://example.test"


def page(lang, head="", body=""):
    """Return a minimal HTML page."""
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>t</title>{head}</head>'
        f"<body>{body}</body></html>"
    )


def write(root, relative, text):
    """Write ``text`` to ``root/relative``, making its folders."""
    path = Path(root) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def alternates(*pairs):
    """Return hreflang links for (language, URL under SITEURL) pairs."""
    return "".join(f'<link rel="alternate" hreflang="{lang}" href="{SITEURL}/{url}">' for lang, url in pairs)


def canonical(url):
    """Return the canonical link to a URL under SITEURL."""
    return f'<link rel="canonical" href="{SITEURL}/{url}">'
