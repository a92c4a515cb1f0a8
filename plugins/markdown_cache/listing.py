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
    check (content_safety) refuses any such file before Pelican starts.
    """
    ignored = ignored_names(tuple(generator.settings["IGNORE_FILES"]))
    # The readers are set when the generator is made; Pelican works the list out again for each file.
    readable = tuple(generator.readers.extensions)

    def include_path(path, extensions=None):
        if extensions is None:
            extensions = readable
        basename = os.path.basename(path)
        if ignored.match(os.path.normcase(basename)) is not None:
            return False
        return extensions is False or os.path.splitext(basename)[1][1:] in extensions

    generator._include_path = include_path
    generator._check_disabled_readers = _refused_before_reading
    get_files = generator.get_files

    def get_files_listed(paths, exclude=None, extensions=None):
        if isinstance(paths, str):
            paths = [paths]
        folder = listing(generator.path)
        roots = [os.path.normpath(os.path.join(folder.top, path)) for path in paths]
        if any(folder.entries(root) is None for root in roots):
            return get_files(paths, exclude, extensions)  # a file, or a folder outside the listing
        key = (
            "files",
            tuple(roots),
            tuple(exclude or ()),
            extensions if extensions in (None, False) else tuple(extensions),
            readable,
            ignored.pattern,
        )
        return set(
            folder.derived(key, lambda: _listed_files(folder, roots, exclude or (), ignored, include_path, extensions))
        )

    generator.get_files = get_files_listed


def _listed_files(folder, roots, exclude, ignored, include_path, extensions):
    """Pelican's ``Generator.get_files`` on the build's listing: the same names, relative to the listed folder."""
    excluded = {os.path.join(folder.top, name) for name in exclude}
    found = []
    for root in roots:
        for dirpath, subfolders, names in folder.walk(root):
            subfolders[:] = [
                name
                for name in subfolders
                if os.path.join(dirpath, name) not in excluded and ignored.match(os.path.normcase(name)) is None
            ]
            relative = os.path.relpath(dirpath, folder.top)
            found += [
                path for path in (os.path.join(relative, name) for name in names) if include_path(path, extensions)
            ]
    return frozenset(found)


def _refused_before_reading(paths, exclude):
    """Pelican's check for files of switched-off readers: the tree check has refused them already."""
