"""What a build writes: the one writer of output files, and the fingerprints that let a rebuild take pages over.

A library: site_build installs the writer for every build (Pelican's
``get_writer``), and the plugins write through the writer they are handed.
"""

from .fingerprints import fingerprints_path, read_fingerprints
from .writer import OutputWriter, complete_output

__all__ = ["OutputWriter", "complete_output", "fingerprints_path", "read_fingerprints"]
