"""Which files a build reads: Pelican's IGNORE_FILES rule, with its patterns compiled once, on the build's listing."""

import fnmatch
import functools
import os
import re

from site_output.listing import listing


@functools.lru_cache(maxsize=16)
def ignored_names(patterns):
    """Return one compiled pattern that matches a name when ``fnmatch.fnmatch`` matches it with one of ``patterns``.

    Pelican calls fnmatch once per pattern and file, three times per source per
    build (the page and article lists, the check for switched-off readers):
    some 90,000 calls at N = 500.
    """
    alternatives = "|".join(f"(?:{fnmatch.translate(os.path.normcase(pattern))})" for pattern in patterns)
    return re.compile(alternatives or r"(?!)")


def is_ignored(name, patterns):
    """True if the file or folder ``name`` matches one of ``patterns`` (IGNORE_FILES), as fnmatch decides."""
    return ignored_names(tuple(patterns)).match(os.path.normcase(name)) is not None


def list_quickly(generator):
    """Give a generator Pelican's own choice of files to read, with the ignore patterns compiled once.

    The same rule as ``Generator._include_path`` (a name matching IGNORE_FILES is
    left out, then the extension decides), on this generator only. Pelican's
    second listing of the same folders, for files whose reader is switched off
    (``_check_disabled_readers``, which only logs them), is left out: the tree
    check (content_safety) refuses any such file before Pelican starts. The
    generator's ``get_files`` walks the build's listing of its folder
    (site_output.listing) with the same rule (``listed_files``), which the
    Markdown cache's list of sources uses too.
    """
    ignored = ignored_names(tuple(generator.settings["IGNORE_FILES"]))
    # The readers are set when the generator is made; Pelican works the list out again for each file.
    readable = tuple(generator.readers.extensions)

    def include_path(path, extensions=None):
        return _included(path, ignored, readable if extensions is None else extensions)

    generator._include_path = include_path
    generator._check_disabled_readers = _refused_before_reading
    get_files = generator.get_files

    def get_files_listed(paths, exclude=None, extensions=None):
        if isinstance(paths, str):
            paths = [paths]
        folder = listing(generator.path)
        if any(folder.entries(os.path.normpath(os.path.join(folder.top, path))) is None for path in paths):
            return get_files(paths, exclude, extensions)  # a file, or a folder outside the listing
        extensions = readable if extensions is None else extensions
        key = ("files", tuple(paths), tuple(exclude or ()), extensions and tuple(extensions), ignored.pattern)
        return set(folder.derived(key, lambda: listed_files(folder, paths, exclude or (), ignored, extensions)))

    generator.get_files = get_files_listed


def _included(path, ignored, extensions):
    """Pelican's ``Generator._include_path``: a name matching IGNORE_FILES (``ignored``) is left out, then the extension decides."""
    basename = os.path.basename(path)
    if ignored.match(os.path.normcase(basename)) is not None:
        return False
    return extensions is False or os.path.splitext(basename)[1][1:] in extensions


def listed_files(folder, paths, exclude, ignored, extensions):
    """Pelican's ``Generator.get_files`` on a Listing: the names, relative to the listed folder, under its ``paths``.

    ``ignored`` is the compiled IGNORE_FILES (``ignored_names``), ``extensions``
    those to read (False: any). A path that is not a listed folder gives nothing.
    """
    excluded = {os.path.join(folder.top, name) for name in exclude}
    found = []
    for path in paths:
        for dirpath, subfolders, names in folder.walk(os.path.normpath(os.path.join(folder.top, path))):
            subfolders[:] = [
                name
                for name in subfolders
                if os.path.join(dirpath, name) not in excluded and ignored.match(os.path.normcase(name)) is None
            ]
            relative = os.path.relpath(dirpath, folder.top)
            found += [
                name
                for name in (os.path.join(relative, name) for name in names)
                if _included(name, ignored, extensions)
            ]
    return frozenset(found)


def _refused_before_reading(paths, exclude):
    """Pelican's check for files of switched-off readers: the tree check has refused them already."""
