"""Locale data from Babel (CLDR) and interface text from the gettext catalogs.

Nothing here reads the machine's installed locales: month names, date patterns
and language names come from Babel's own CLDR data, through ``cldr`` (which
remembers what Babel wrote from one build to the next).
"""

import datetime
import functools
import io
import os
from pathlib import Path

import babel
from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations
from jinja2 import pass_context
from markupsafe import escape

from site_data import PartialDate
from site_data.kept_files import read_kept, write_kept
from site_output.fingerprints import code_digest, digest
from site_output.later import keep_after_build
from site_output.reads import file_digest

from .cldr import cldr

# The checks of a catalog's placeholders, applied when one is compiled; imported then, with Babel's
# checkers: a build whose catalogs are all kept compiles none.
PO_CHECKS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "po_checks.py")


def language_name(lang, locale):
    """Return the language's own name for itself, capitalised as in a menu ("Ελληνικά")."""
    return cldr(_language_name, lang, str(locale))


def _language_name(lang, locale):
    name = Locale.parse(locale).get_display_name(locale)
    name = Locale.parse(locale).languages.get(lang, name)
    return name[:1].upper() + name[1:]


def format_local_date(value, locale, precision="day"):
    """Return a date (or date-time, or PartialDate) written out in the locale's long form."""
    if isinstance(value, PartialDate):
        precision, value = value.precision, value.earliest()
    locale = str(locale)
    if isinstance(value, datetime.datetime) and precision == "time":
        day = cldr(format_date, value.date(), "long", locale=locale)
        return f"{day} {local_time(value, locale)}"
    if isinstance(value, datetime.datetime):
        value = value.date()
    if precision == "year":
        return cldr(format_skeleton, "y", value, locale=locale)
    if precision == "month":
        return cldr(format_skeleton, "yMMMM", value, locale=locale)
    return cldr(format_date, value, "long", locale=locale)


def local_time(value, locale):
    """Return the hour and minute of a date-time as the locale writes them ("14:30")."""
    return cldr(format_skeleton, "Hm", value, locale=str(locale))


# The compiled catalogs of this process, by the .po file's digest and locale: the preview's
# rebuilds compile only a catalog that changed. {(digest, locale): .mo bytes}
_COMPILED = {}


@functools.cache
def _compiling_rule():
    """Return a digest of what decides a compiled catalog besides the .po file: this code, po_checks', Babel."""
    return digest(babel.__version__, code_digest(os.path.abspath(__file__), PO_CHECKS))


def compile_catalog(po_path, locale, kept=None):
    """Compile one .po file in memory; fuzzy entries and broken translations are not used.

    A file that cannot be read at all gives no translations: the catalog check
    reports it as an error with its line, and the build stops there. ``kept``, a
    folder, keeps the compiled catalog for the next process (one file per locale,
    used only for the same .po bytes and compiling rule): Babel's reading of the
    four .po files took some 25 ms of every new process's build.
    """
    try:
        key = (file_digest(po_path), str(locale))
    except OSError:
        return NullTranslations()
    if key not in _COMPILED:
        kept_path = os.path.join(kept, f"{locale}.pickle") if kept else None
        kept_key = (*key, _compiling_rule())
        compiled = read_kept(kept_path, kept_key, bytes) if kept_path else None
        if compiled is None:
            compiled = _compiled(po_path, locale)
            if compiled is None:
                return NullTranslations()
            if kept_path:
                keep_after_build(lambda: write_kept(kept_path, kept_key, compiled))
        _COMPILED[key] = compiled
    return Translations(fp=io.BytesIO(_COMPILED[key]), domain="messages")


def _compiled(po_path, locale):
    """Return the .mo bytes of one .po file, or None if it cannot be read."""
    from .po_checks import placeholder_errors

    try:
        with open(po_path, "rb") as handle:
            catalog = read_po(handle, locale=locale)
    except (UnicodeDecodeError, PoFileError, ValueError):
        return None
    for message in catalog:
        if message.id and message.string and placeholder_errors(catalog, message):
            # The check reports it as an error; were it rendered, formatting would fail.
            message.string = ""
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def load_catalogs(translations_path, languages, kept=None):
    """Return {lang: Translations} for every language, compiled from translations/<lang>/ (``kept``: compile_catalog)."""
    catalogs = {}
    for lang, locale in languages.items():
        po_path = Path(translations_path) / lang / "LC_MESSAGES" / "messages.po"
        catalogs[lang] = compile_catalog(po_path, locale, kept) if po_path.is_file() else NullTranslations()
    return catalogs


def install_gettext(env, catalogs):
    """Make _() and ngettext() in templates speak the language of the page being rendered.

    One environment serves all languages: the functions read ``lang`` from the
    render context, so a page is rendered in its language without any global switch.
    With autoescape, Jinja takes what they return for markup; they return the
    translation escaped, so that a translator's text is printed as text, like an
    editor's (the values put into it are escaped by Jinja).
    """

    @pass_context
    def gettext(context, message):
        return escape(catalogs[context["lang"]].gettext(message))

    @pass_context
    def ngettext(context, singular, plural, number):
        return escape(catalogs[context["lang"]].ngettext(singular, plural, number))

    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(gettext, ngettext, newstyle=True)
