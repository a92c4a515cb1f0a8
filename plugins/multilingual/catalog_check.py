"""Check the gettext catalogs against the interface text the templates really use."""

import os
from pathlib import Path

from babel.messages.extract import extract_from_file
from babel.messages.pofile import PoFileError, read_po

from site_data import Problem, tr
from site_data.encoding import NotUtf8, read_editor_text
from site_output.reads import file_digest

from .po_checks import placeholder_problems, syntax_problems

KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2)}


def _display(path, root):
    """Return the path as an editor finds it: from the project folder it belongs to."""
    path = os.path.abspath(path)
    if path.startswith(os.path.abspath(root) + os.sep):
        return os.path.relpath(path, root).replace(os.sep, "/")
    parts = Path(path).parts
    for anchor in ("themes", "translations", "plugins"):
        if anchor in parts:
            return "/".join(parts[len(parts) - parts[::-1].index(anchor) - 1 :])
    return path


# Each file's messages in this process, by its path and the digest of its bytes. A catalog with a
# problem is checked again at every build (only clean checks are remembered), and Babel's extraction
# over every template and plugin took about 0.9 s of each; after an edit of one template, only that
# template is extracted again.
_FILE_MESSAGES = {}
REMEMBERED_FILES = 10_000


def _messages_of(method, path):
    """Return [(line, msgid)] of the _() calls in one template or module, in the order of the file."""
    key = (method, str(path), file_digest(str(path)))
    found = _FILE_MESSAGES.get(key)
    if found is None:
        if len(_FILE_MESSAGES) >= REMEMBERED_FILES:
            _FILE_MESSAGES.clear()
        found = _FILE_MESSAGES[key] = [
            (line, message[0] if isinstance(message, tuple) else message)
            for line, message, _comments, _context in extract_from_file(method, str(path), keywords=KEYWORDS)
        ]
    return found


def used_messages(templates_dir, root, python_dirs=()):
    """Return {msgid: (display path, line)} for every _() in the templates and plugins."""
    sources = [("jinja2", path) for path in sorted(Path(templates_dir).rglob("*.html"))]
    for folder in python_dirs:
        sources += [("python", path) for path in sorted(Path(folder).rglob("*.py"))]
    used = {}
    for method, path in sources:
        display = _display(path, root)
        for line, msgid in _messages_of(method, path):
            used.setdefault(msgid, (display, line))
    return used


def check_catalogs(templates_dir, translations_path, languages, root, python_dirs=()):
    """Return problems: text with no translation, fuzzy or stale entries, broken catalogs."""
    used = used_messages(templates_dir, root, python_dirs)
    problems = []
    for lang, locale in languages.items():
        po_path = Path(translations_path) / lang / "LC_MESSAGES" / "messages.po"
        display = _display(po_path, root)
        if not po_path.is_file():
            problems.append(
                Problem(display, 1, tr("there is no catalog for '{lang}'", lang=lang), tr("run: invoke i18n-update"))
            )
            continue
        try:
            text = read_editor_text(po_path, display, lang)
            broken = syntax_problems(text, display)
        except NotUtf8 as error:
            broken = [error.problem]
        if broken:
            problems += broken
            continue
        try:
            with open(po_path, "rb") as handle:
                catalog = read_po(handle, locale=locale, abort_invalid=True)
        except (PoFileError, ValueError) as error:
            problems.append(
                Problem(
                    display, 1, tr("the catalog cannot be read: {reason}", reason=str(error)), tr("fix the .po syntax")
                )
            )
            continue
        problems += placeholder_problems(catalog, display, text)
        for msgid, (path, line) in sorted(used.items(), key=lambda item: item[1]):
            message = catalog.get(msgid)
            if message is None:
                problems.append(
                    Problem(
                        path,
                        line,
                        tr("the interface text “{msgid}” is not in the {lang} catalog", msgid=msgid, lang=lang),
                        tr("run invoke i18n-update, then translate it in {catalog}", catalog=display),
                        "warning",
                    )
                )
            elif not message.string or (isinstance(message.string, tuple) and not all(message.string)):
                problems.append(
                    Problem(
                        display,
                        message.lineno,
                        tr("“{msgid}” has no {lang} translation", msgid=msgid, lang=lang),
                        tr("write the translation in the msgstr line below it"),
                        "warning",
                    )
                )
            elif message.fuzzy:
                problems.append(
                    Problem(
                        display,
                        message.lineno,
                        tr("the {lang} translation of “{msgid}” is marked fuzzy", lang=lang, msgid=msgid),
                        tr("check the translation and remove the '#, fuzzy' line"),
                        "warning",
                    )
                )
        for message in catalog:
            # A plural entry's id is (singular, plural); templates are indexed by the singular.
            singular = message.id[0] if isinstance(message.id, tuple) else message.id
            if singular and singular not in used:
                problems.append(
                    Problem(
                        display,
                        message.lineno,
                        tr("“{msgid}” is no longer used by any template", msgid=singular),
                        tr("run invoke i18n-update to remove it"),
                        "warning",
                    )
                )
        for message in catalog.obsolete.values():
            problems.append(
                Problem(
                    display,
                    message.lineno,
                    tr("an obsolete entry “{msgid}” is left in the catalog", msgid=message.id),
                    tr("delete the lines starting with #~"),
                    "warning",
                )
            )
    return problems
