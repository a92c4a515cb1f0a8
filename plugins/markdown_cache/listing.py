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


def _refused_before_reading(paths, exclude):
    """Pelican's check for files of switched-off readers: the tree check has refused them already."""
