"""Data files under ``data/``: one schema mechanism that validates and documents them all.

This package is a library for the site's plugins rather than a plugin with
signals of its own: the multilingual plugin loads the data once per build and
shares it with the others through the generators' context.
"""

from .loader import DataOptions, SiteData, load_site_data
from .messages import editor_language, tr, tr_plural
from .problems import EditorError, Problem, fatal_problems, format_problems, is_fatal, report_problems
from .values import Localized, LocalText, PartialDate, Record

__all__ = [
    "DataOptions", "EditorError", "LocalText", "Localized", "PartialDate", "Problem", "Record",
    "SiteData", "editor_language", "fatal_problems", "format_problems", "is_fatal", "load_site_data", "report_problems",
    "tr", "tr_plural",
]
