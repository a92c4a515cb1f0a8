"""The only places where our Python hands HTML to the templates as trusted markup.

Templates render with autoescape on, so every value an editor wrote (titles,
summaries, data fields) is escaped where it is printed. What must reach a page
as HTML is produced here, by code of ours, and marked safe here and nowhere else:

- ``page_html``: the body of a page or news item, which Python-Markdown made
  from the editor's Markdown (the one function a sanitiser of that HTML belongs in);
- ``json_ld``: a schema.org block, serialised so that no text can end its <script>.

There is no data field written in Markdown: every data text is plain text. The
interface text of the catalogs is escaped too (localization.install_gettext).
"""

import json

from markupsafe import Markup

from content_safety import sanitize

from .content_files import resolve_page_links
from .settings import SettingsError

# In a JSON string these three may be written as \u escapes; then no text can
# spell "</script>" or "<!--" (which would change how the HTML parser reads the
# rest of the block) nor an entity, whatever the editor typed.
JSON_LD_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def require_autoescape(env):
    """Refuse to render with a template environment that prints editor text unescaped."""
    autoescape = env.autoescape
    if callable(autoescape):
        autoescape = autoescape("page.html")
    if autoescape is not True:
        raise SettingsError(
            'multilingual: templates must render with autoescape on; set "autoescape": True in '
            "JINJA_ENVIRONMENT (pelicanconf.py)"
        )


def page_html(converted_markdown, url_for_key):
    """Return the HTML of a page's body, made from the editor's Markdown, as template-safe markup.

    ``converted_markdown`` is Python-Markdown's output with Pelican's links
    resolved; the links between pages are pointed to the reader's language
    (``url_for_key(key)`` gives a page's address in it). The HTML was checked
    against the allow-list when the source was read; it is sanitised here as well,
    so that nothing outside the list is published even if a check were missed.
    """
    return Markup(sanitize(resolve_page_links(converted_markdown or "", url_for_key)))


def json_ld(data):
    """Return ``data`` as JSON for a <script type="application/ld+json">, as template-safe markup.

    ``<``, ``>`` and ``&`` are written as ``\\u003c``, ``\\u003e``, ``\\u0026``: they can only
    occur inside JSON strings, where the escape means the same character.
    """
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return Markup(text.translate(JSON_LD_ESCAPES))
