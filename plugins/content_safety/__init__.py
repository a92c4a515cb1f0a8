"""Content that cannot attack visitors or leak the build: an HTML allow-list, file containment, bounded input.

A library for the build (site_build checks the tree before Pelican starts) and
for the multilingual plugin (each page's HTML is checked, then sanitised when
it is written); it connects no signals of its own.
"""

from .files import Limits, check_tree
from .html_policy import sanitize
from .memo import CleanChecks, clean_checks
from .pages import page_problems
from .settings import read_settings

__all__ = [
    "CleanChecks",
    "Limits",
    "check_tree",
    "clean_checks",
    "page_problems",
    "read_settings",
    "sanitize",
]
