"""Minified, fingerprinted assets and deterministic precompressed copies of text files."""

import gzip
import hashlib
import os
from dataclasses import dataclass

import rcssmin
import rjsmin

MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}


@dataclass(frozen=True)
class Asset:
    """A minified file and the fingerprinted name it is published under."""

    name: str
    content: bytes


def minify(text, extension):
    """Return CSS or JavaScript without comments and needless white space."""
    return MINIFIERS[extension](text)


def fingerprinted(path, extension=None):
    """Return the file at ``path`` minified, named <stem>.<hash of the content><ext>."""
    stem, ext = os.path.splitext(os.path.basename(path))
    with open(path, encoding="utf-8") as handle:
        content = minify(handle.read(), extension or ext).encode("utf-8")
    digest = hashlib.sha256(content).hexdigest()[:12]
    return Asset(f"{stem}.{digest}{ext}", content)


def gzip_bytes(data):
    """Return ``data`` gzipped at the highest level with no name or time in the header (reproducible)."""
    return gzip.compress(data, compresslevel=9, mtime=0)


def precompress(writer, extensions):
    """Write <file>.gz beside every output file with one of ``extensions``, through ``writer``; return how many."""
    root = writer.output_path
    count = 0
    for folder, _dirs, files in os.walk(root):
        for name in sorted(files):
            if os.path.splitext(name)[1] not in extensions:
                continue
            path = os.path.join(folder, name)
            with open(path, "rb") as handle:
                data = handle.read()
            writer.write_bytes(os.path.relpath(path, root) + ".gz", gzip_bytes(data))
            count += 1
    return count
