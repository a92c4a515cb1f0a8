"""Build the site into a fresh folder and put it in place only when it is complete.

Not a Pelican plugin: the driver that tasks.py and the tests call around Pelican.
"""

from .build import BuildFailed, build_site
from .check import check_site, read_site

__all__ = ["BuildFailed", "build_site", "check_site", "read_site"]
