"""Checks of a gettext catalog that Babel's reader does not make: line syntax and placeholders.

Babel reads a line such as ``msgstr "Всички новини`` (no closing quote) by
cutting its last letter, so a broken catalog would publish truncated text; each
line is checked before the catalog is read. Placeholders are checked with
Babel's own checker for ``%(name)s`` and with the standard library's parser of
format strings for ``{name}``, so that a misspelt placeholder is an error with
its line, never a KeyError while the site is rendered.
"""

import re
import string

from babel.messages.catalog import TranslationError
from babel.messages.checkers import PYTHON_FORMAT, python_format

from site_data import Problem, tr

QUOTED = r'"(?:[^"\\]|\\.)*"'
KEYWORD_LINE = re.compile(rf"^(msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])\s+{QUOTED}\s*$")
CONTINUATION_LINE = re.compile(rf"^\s*{QUOTED}\s*$")
QUOTED_START = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])?\s*"')
UNCLOSED_LINE = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])?\s*"(?:[^"\\]|\\.)*$')


def syntax_problems(text, display):
    """Return a problem for each line of a .po file that is not a comment, a keyword or quoted text."""
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if KEYWORD_LINE.match(stripped) or CONTINUATION_LINE.match(stripped):
            continue
        if UNCLOSED_LINE.match(stripped):
            problems.append(
                Problem(
                    display,
                    number,
                    tr('the text on this line opens with " but is not closed'),
                    tr('end the text with " on the same line; write a " inside the text as \\"'),
                )
            )
        elif QUOTED_START.match(stripped):
            problems.append(
                Problem(
                    display,
                    number,
                    tr('a " inside the text on this line is not written as \\"'),
                    tr('write a " inside the text as \\", and nothing after the closing "'),
                )
            )
        else:
            problems.append(
                Problem(
                    display,
                    number,
                    tr("this line is not a comment, a msgid or msgstr line, or quoted text"),
                    tr('write the text as msgstr "…", with a " at both ends; start a comment with #'),
                )
            )
    return problems


def _brace_fields(text):
    """Return the names of the {name} placeholders in ``text`` (None if it is no format string)."""
    try:
        return {name for _literal, name, _spec, _conversion in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return None


def placeholder_errors(catalog, message):
    """Return what is wrong with the placeholders of one translated message (empty if nothing)."""
    ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
    strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
    errors = []
    if any(PYTHON_FORMAT.search(text) for text in ids):
        message.flags.add("python-format")  # checked even where the flag line was deleted
        try:
            python_format(catalog, message)
        except TranslationError as error:
            errors.append(
                tr("the placeholders of the translation do not match the original: {reason}", reason=str(error))
            )
    originals = _brace_fields(ids[0]) or set()
    if originals:
        for text in strings:
            fields = _brace_fields(text) if text else originals
            if fields is None:
                errors.append(tr("a {{ or }} in the translation is not part of a {{name}} placeholder"))
            elif fields - originals:
                unknown = ", ".join(f"{{{name}}}" for name in sorted(fields - originals))
                errors.append(
                    tr(
                        "the translation has the placeholder {unknown}, which the original does not have",
                        unknown=unknown,
                    )
                )
            elif originals - fields:
                missing = ", ".join(f"{{{name}}}" for name in sorted(originals - fields))
                errors.append(tr("the translation lacks the placeholder {missing} of the original", missing=missing))
    return errors


def _msgstr_line(lines, msgid_line):
    """Return the line of the msgstr that follows the msgid on ``msgid_line``."""
    for number in range(msgid_line, len(lines) + 1):
        if lines[number - 1].startswith("msgstr"):
            return number
    return msgid_line


def placeholder_problems(catalog, display, text):
    """Return an error, on its msgstr line, for each translation whose placeholders do not match its msgid."""
    problems = []
    lines = text.splitlines()
    for message in catalog:
        if not message.id or not message.string:
            continue
        for error in placeholder_errors(catalog, message):
            problems.append(
                Problem(
                    display,
                    _msgstr_line(lines, message.lineno),
                    tr("“{msgid}”: {error}", msgid=_first(message.id), error=error),
                    tr("copy each placeholder (%(name)s or {{name}}) from the msgid unchanged into the msgstr"),
                )
            )
    return problems


def _first(msgid):
    return msgid[0] if isinstance(msgid, (list, tuple)) else msgid
