"""Which files a build reads: Pelican's IGNORE_FILES rule, with its patterns compiled once."""

import fnmatch
import functools
import os
import re


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
    left out, then the extension decides), on this generator only.
    """
    patterns = tuple(generator.settings["IGNORE_FILES"])

    def include_path(path, extensions=None):
        if extensions is None:
            extensions = tuple(generator.readers.extensions)
        basename = os.path.basename(path)
        if is_ignored(basename, patterns):
            return False
        return extensions is False or os.path.splitext(basename)[1][1:] in extensions

    generator._include_path = include_path
