"""The data as the last build with the same inputs loaded it, instead of parsing and checking every file again.

Loading the data parses every YAML file and checks every record against its
schema, about 0.06 s per build at N = 500, although most builds change no data
file. What ``load_site_data`` returns (the data and its problems) depends on the
bytes of every file under the data folder (schemas included), on the names of
the files under content/ (a record may name one), on the options and the ids
handed to it, and on the code of this package and the YAML library: the result
is kept, pickled, under a digest of all of these, in a file and, for the next
build of the same process (the preview's), in memory. Every build gets new
objects made from the pickle, so nothing one build does to its data reaches the
next.
"""

import functools
import importlib.metadata
import os
import pickle

from site_output.fingerprints import canonical, code_digest, digest, library_versions, tree_digest
from site_output.listing import listing

from .kept_files import read_kept, write_kept
from .loader import load_site_data

# Changed when what is kept changes.
FORMAT = "site data 1"

# {file: (key, pickled data and problems)} of the last load in this process.
_kept = {}


@functools.cache
def _pyyaml_version():
    return importlib.metadata.version("PyYAML")


@functools.cache
def _code_digest():
    """Return a digest of this package's code (Python does not load it again while a process runs)."""
    return code_digest(os.path.dirname(os.path.abspath(__file__)))


def _content_files(content_path):
    """Return the paths of the files under content/ (a record's file must be one), sorted."""
    folder = listing(content_path)
    return folder.derived(("every file",), lambda: _every_file(folder))


def _every_file(folder):
    start = len(os.path.join(folder.top, ""))
    found = []
    for path, _subfolders, names in folder.walk():
        found += (os.path.join(path, name)[start:] for name in names)
    return tuple(found)


def _key(data_path, options, known_ids, drafts):
    return digest(
        FORMAT,
        os.path.abspath(data_path),
        tree_digest(data_path),
        *(_content_files(options.content_path) if options.content_path else []),
        canonical(options),
        canonical(known_ids or {}),
        canonical(drafts or {}),
        *library_versions(),
        # PyYAML's version from its metadata, not its module: a build that keeps its data imports no YAML.
        # With or without libyaml it reads the same (yaml_lines.py), so that is not part of the key.
        f"PyYAML {_pyyaml_version()}",
        _code_digest(),
    )


def load_site_data_kept(kept_file, data_path, options, known_ids=None, drafts=None):
    """Return ``load_site_data(data_path, options, known_ids, drafts)``, from ``kept_file`` when its inputs are the same.

    ``kept_file`` None loads the data every time.
    """
    if kept_file is None:
        return load_site_data(data_path, options, known_ids=known_ids, drafts=drafts)
    key = _key(data_path, options, known_ids, drafts)
    kept = _kept.get(kept_file)
    # None yet, damaged or of other inputs: the data is loaded.
    pickled = kept[1] if kept is not None and kept[0] == key else read_kept(kept_file, key, bytes)
    if pickled is not None:
        _kept[kept_file] = (key, pickled)
        return pickle.loads(pickled)
    result = load_site_data(data_path, options, known_ids=known_ids, drafts=drafts)
    pickled = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    _kept[kept_file] = (key, pickled)
    write_kept(kept_file, key, pickled)
    return result
