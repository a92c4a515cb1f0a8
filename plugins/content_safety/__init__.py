"""Content that cannot attack visitors: an HTML allow-list, checked and enforced.

A library for the multilingual plugin (each page's HTML is checked, then
sanitised when it is written); it connects no signals of its own.
"""

from .html_policy import sanitize
from .pages import page_problems

__all__ = ["page_problems", "sanitize"]
