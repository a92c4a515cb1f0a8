"""Files stay inside the repository: what content/ and data/ may hold, checked before anything is read.

Pelican follows symbolic links and copies every file under STATIC_PATHS, and
Python-Markdown and the YAML parser read whatever they are given. This walk
runs first: a link is an error (it could publish /proc/self/environ or
.git/config), only the types a public body publishes may be under content/,
editor backups and OS junk are skipped (IGNORE_FILES keeps Pelican from
reading them), and every source is measured before it is parsed.
"""

import os
import re
from dataclasses import dataclass

from site_data import Problem, tr
from site_data.paths import relative_display
from site_output.listing import FILE, FOLDER, LINK, LINK_TO_FOLDER, listing
from site_output.reads import file_digest

from .limits import describe_size, markdown_inline_work, markdown_nesting, yaml_nesting
from .memo import CleanChecks

SOURCE_TYPES = {"md"}
DATA_TYPES = {"yaml", "yml"}
# What a public body publishes: documents, tables and pictures (no markup, no code).
PUBLISHED_TYPES = {
    "pdf",
    "doc",
    "docx",
    "odt",
    "xls",
    "xlsx",
    "ods",
    "csv",
    "txt",
    "jpg",
    "jpeg",
    "png",
    "webp",
    "avif",
    "gif",
}
# Left behind by editors and operating systems: never published, never an error (the
# build's IGNORE_FILES, in pelicanconf.py, keeps Pelican from reading the same names).
JUNK_NAMES = re.compile(r"^(\.ds_store|thumbs\.db|desktop\.ini|\._.*|~\$.*|\.#.*|#.*#)$", re.I)
BACKUP_NAMES = re.compile(r"(~|\.swp|\.swo|\.swx|\.bak|\.orig|\.tmp)$", re.I)
# Dotfiles that usually hold passwords or keys: better an error than a silent skip.
SECRET_NAMES = re.compile(
    r"^\.(env(\..*)?|npmrc|pypirc|netrc|git-credentials|htpasswd|pgpass|dockercfg|ssh|aws|gnupg|git)$", re.I
)

NO_SCRIPTS = tr("remove it; the site publishes no scripts")
AS_PDF_OR_PAGE = tr("save the document as PDF, or write it as a page in Markdown")
PRESENTATION_AS_PDF = tr("save the presentation as PDF")
ONE_BY_ONE = tr("publish the files inside it one by one")
PICTURE_AS_JPEG = tr("save the picture as JPEG or PNG")
TYPE_FIXES = {
    "svg": tr("export the drawing as PNG"),
    "js": NO_SCRIPTS,
    "mjs": NO_SCRIPTS,
    "html": AS_PDF_OR_PAGE,
    "htm": AS_PDF_OR_PAGE,
    "xhtml": tr("save the document as PDF"),
    "xml": tr("save the document as PDF or CSV"),
    "ppt": PRESENTATION_AS_PDF,
    "pptx": PRESENTATION_AS_PDF,
    "odp": PRESENTATION_AS_PDF,
    "rtf": tr("save the document as DOCX or PDF"),
    "zip": ONE_BY_ONE,
    "rar": ONE_BY_ONE,
    "7z": ONE_BY_ONE,
    "tif": PICTURE_AS_JPEG,
    "tiff": PICTURE_AS_JPEG,
    "bmp": PICTURE_AS_JPEG,
    "heic": PICTURE_AS_JPEG,
}
OTHER_TYPE_FIX = tr(
    "the site publishes documents and pictures only: save it as one of {types}",
    types=", ".join(sorted(PUBLISHED_TYPES)),
)


@dataclass(frozen=True)
class Limits:
    """How large and how deeply nested a source may be."""

    max_bytes: int
    max_nesting: int


def _display(path, root):
    return relative_display(path, root)


def _extension(name):
    return name.rsplit(".", 1)[1].lower() if "." in name.strip(".") else ""


def _link_problem(path, root):
    target = os.readlink(path)
    if os.path.isdir(path):
        return Problem(
            _display(path, root),
            1,
            tr("this folder is a link to '{target}', and links are not published", target=target),
            tr("remove the link and put the folder itself here (a copy, not a link)"),
        )
    return Problem(
        _display(path, root),
        1,
        tr("this file is a link to '{target}', and links are not published", target=target),
        tr("remove the link and put the file itself here (a copy, not a link)"),
    )


def _source_problems(path, display, kind, limits, memo):
    """Return the problems of a Markdown or YAML source: too large, or nested too deeply."""
    size = os.stat(path).st_size
    if size > limits.max_bytes:
        return [
            Problem(
                display,
                1,
                tr(
                    "the file is {size}, over the limit of {limit} for a source",
                    size=describe_size(size),
                    limit=describe_size(limits.max_bytes),
                ),
                tr("split it into several pages or files; move long tables into a document (PDF, XLSX) and link to it"),
            )
        ]
    # Keyed on the digest the build's other steps share: the text is read only if it is checked.
    return memo.run(
        lambda: _text_problems(_read_text(path), display, kind, limits),
        "source",
        display,
        kind,
        limits.max_nesting,
        file_digest(path),
    )


def _read_text(path):
    with open(path, "rb") as handle:
        return handle.read().decode("utf-8", errors="replace")


def _text_problems(text, display, kind, limits):
    """Return the problems of a source's text: nested too deeply, or too many marks in a paragraph."""
    found = (markdown_nesting if kind == "md" else yaml_nesting)(text, limits.max_nesting)
    if found is None and kind == "md":
        line = markdown_inline_work(text)
        if line is not None:
            return [
                Problem(
                    display,
                    line,
                    tr(
                        "from this paragraph on, the text holds too many formatting marks (* _ [ ( ` < > & |, list items) to convert in time"
                    ),
                    tr(
                        "split long paragraphs and remove marks that format nothing; put long tables or lists into a document "
                        "(PDF, XLSX) and link to it"
                    ),
                )
            ]
    if found is None:
        return []
    line, what = found
    return [
        Problem(
            display,
            line,
            tr("{what} go deeper than {levels} levels here", what=what, levels=limits.max_nesting),
            tr("write it with at most {levels} levels", levels=limits.max_nesting),
        )
    ]


def _skipped(name):
    return bool(JUNK_NAMES.match(name) or BACKUP_NAMES.search(name))


def check_folder(top, project_root, limits, published, memo=None):
    """Return the problems of every file under ``top`` (``published``: content/, else data/).

    ``memo`` (a CleanChecks) skips the reading of sources found clean before with the same bytes.
    """
    memo = memo or CleanChecks(None)
    folder = listing(top)
    problems = []
    # What the names alone decide is worked out once per listing (the preview carries it between builds).
    for found in folder.derived(
        ("tree check", project_root, published), lambda: _walk(folder, project_root, published)
    ):
        if isinstance(found, Problem):
            problems.append(found)
        else:
            path, display = found
            problems += _source_problems(path, display, "md" if published else "yaml", limits, memo)
    return problems


def _walk(folder, project_root, published):
    """Return, in the order of the walk, the problems of the names, and (path, display) of each source to check."""
    found = []
    _check_entries(folder, folder.top, project_root, published, found)
    return found


def _check_entries(folder, path, project_root, published, found):
    entries = folder.entries(path)
    if entries is None:
        return
    kept = []
    for name, kind in entries:
        if kind == FOLDER:
            if SECRET_NAMES.match(name):
                found.append(
                    Problem(
                        _display(os.path.join(path, name), project_root),
                        1,
                        tr("the folder '{name}' looks like one that holds passwords or keys", name=name),
                        tr("remove it from content/ and data/; keep secrets out of the repository"),
                    )
                )
            elif not name.startswith(".") and not _skipped(name):
                kept.append(os.path.join(path, name))
    for name, kind in entries:
        entry = os.path.join(path, name)
        if kind in (LINK, LINK_TO_FOLDER):
            found.append(_link_problem(entry, project_root))
        elif kind == FOLDER:
            continue
        elif SECRET_NAMES.match(name):
            found.append(
                Problem(
                    _display(entry, project_root),
                    1,
                    tr(
                        "the file '{name}' looks like one that holds passwords or keys, and is never published",
                        name=name,
                    ),
                    tr("remove it from the repository and change any password it held"),
                )
            )
        elif name.startswith(".") or _skipped(name):
            continue
        elif kind != FILE:
            found.append(Problem(_display(entry, project_root), 1, tr("this is not a plain file"), tr("remove it")))
        else:
            found += _name_problems(entry, _display(entry, project_root), name, published)
    for subfolder in kept:
        _check_entries(folder, subfolder, project_root, published, found)


def _name_problems(path, display, name, published):
    """Return [(path, display)] for a source to check, else the problems of the file's type (maybe none)."""
    extension = _extension(name)
    if extension in SOURCE_TYPES and published or extension in DATA_TYPES and not published:
        return [(path, display)]
    if not published or extension in PUBLISHED_TYPES:
        return []
    message = (
        tr("a .{extension} file cannot be published", extension=extension)
        if extension
        else tr("a file without a type (.pdf, .docx …) cannot be published")
    )
    return [Problem(display, 1, message, TYPE_FIXES.get(extension, OTHER_TYPE_FIX))]


def check_tree(content_path, data_path, limits, memo=None):
    """Return the problems of content/ and data/: links, secrets, types, sizes and nesting."""
    project_root = os.path.dirname(os.path.abspath(content_path))
    return check_folder(os.path.abspath(content_path), project_root, limits, published=True, memo=memo) + check_folder(
        os.path.abspath(data_path), project_root, limits, published=False, memo=memo
    )
