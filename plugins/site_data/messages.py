"""What the build and the tasks say to editors: English source text, shown in Bulgarian by default.

Every message and fix is made with ``tr("… {name} …", name=value)`` (or ``tr_plural``)
from one whole English sentence with named placeholders, and translated through a
gettext catalog of its own, ``translations/editor/<lang>/LC_MESSAGES/editor.po``
(separate from the site's interface catalogs; compiled in memory, like them, and
kept compiled beside this code's compiled modules for the next process).

A message is translated when it is printed, not when it is made: the language is
the choice of whoever prints it (``--lang en`` on a task), so no switch is set for
the whole process, and a problem stays one value, sorted and compared the same
way in every language. Without an explicit choice the language comes from the
environment variable THRACE_LANG (``bg`` or ``en``), and else is Bulgarian.
"""

import functools
import hashlib
import importlib.util
import io
import os
import sys
from pathlib import Path

import babel
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from .kept_files import read_kept, write_kept

EDITOR_LANGUAGES = ("bg", "en")
DEFAULT_EDITOR_LANGUAGE = "bg"
LANGUAGE_VARIABLE = "THRACE_LANG"
CATALOG_FOLDER = Path(__file__).resolve().parents[2] / "translations" / "editor"
DOMAIN = "editor"


def editor_language(lang=None):
    """Return the language to speak to editors in: ``lang`` if given, else $THRACE_LANG, else Bulgarian."""
    chosen = lang or os.environ.get(LANGUAGE_VARIABLE, "")
    return chosen if chosen in EDITOR_LANGUAGES else DEFAULT_EDITOR_LANGUAGE


def catalog_path(lang):
    """Return the .po file of the editor messages in ``lang``."""
    return CATALOG_FOLDER / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


# One compiled catalog per language for the life of the process: the file is part
# of the code (like the plugins), read once, never changed by a build.
@functools.cache
def translations(lang):
    """Return the compiled editor catalog of ``lang`` (no translations if it has no catalog)."""
    path = catalog_path(lang)
    if not path.is_file():
        return NullTranslations()
    return Translations(io.BytesIO(compiled_catalog(path, lang, kept_catalog_path(lang))), domain=DOMAIN)


def kept_catalog_path(lang):
    """Return where the compiled editor catalog of ``lang`` is kept: beside this code's compiled modules.

    Compiled like the code and kept as Python keeps it (in __pycache__, unless
    told not to write there): every command prints at least its summary line,
    and Babel's reading of the .po file took some 12 ms of each.
    """
    return os.path.join(os.path.dirname(importlib.util.cache_from_source(__file__)), f"editor-{lang}.catalog")


def compiled_catalog(po_path, lang, kept_path):
    """Return the .mo bytes of an editor catalog, from ``kept_path`` when kept for these very bytes."""
    data = Path(po_path).read_bytes()
    key = (hashlib.sha256(data).hexdigest(), lang, babel.__version__)
    compiled = read_kept(kept_path, key, bytes)
    if compiled is None:
        catalog = read_po(io.BytesIO(data), locale=lang, domain=DOMAIN)
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        compiled = buffer.getvalue()
        if not sys.dont_write_bytecode:
            write_kept(kept_path, key, compiled)
    return compiled


class Message(str):
    """One sentence for an editor; as a string it is the English source, ``in_language`` says it in another."""

    def __new__(cls, msgid, params, plural=None, count=None):
        message = super().__new__(cls, _fill(msgid if plural is None or count == 1 else plural, params, "en"))
        message.msgid, message.plural, message.count, message.params = msgid, plural, count, params
        return message

    def in_language(self, lang=None):
        """Return the message in ``lang`` (see editor_language)."""
        lang = editor_language(lang)
        catalog = translations(lang)
        if self.plural is None:
            text = catalog.gettext(self.msgid)
        else:
            text = catalog.ngettext(self.msgid, self.plural, self.count)
        try:
            return _fill(text, self.params, lang)
        except (KeyError, IndexError, ValueError):
            # A translation whose placeholders do not match (tests/test_editor_messages.py
            # forbids it) must not hide the problem: the English text says it all.
            return str(self)

    def __reduce__(self):
        return (Message, (self.msgid, self.params, self.plural, self.count))


def _fill(text, params, lang):
    """Put the values into the placeholders; a value that is a message is said in ``lang`` too."""
    return text.format(
        **{name: value.in_language(lang) if isinstance(value, Message) else value for name, value in params.items()}
    )


def tr(msgid, /, **params):
    """Return an editor message: ``msgid`` is one whole English sentence, with {named} placeholders."""
    return Message(msgid, params)


def tr_plural(singular, plural, count, /, **params):
    """Return an editor message whose words depend on ``count`` (given to it as {count})."""
    return Message(singular, dict(params, count=count), plural, count)


def say(msgid, lang=None, /, **params):
    """Return the text of ``tr(msgid, **params)`` in ``lang`` at once (for a task's own lines)."""
    return tr(msgid, **params).in_language(lang)
