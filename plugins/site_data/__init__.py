"""Data files under ``data/``: one schema mechanism that validates and documents them all.

This package is a library for the site's plugins rather than a plugin with
signals of its own: the multilingual plugin loads the data once per build and
hands it to the feature plugins in the site model (multilingual/model.py).
"""

from .loader import DataOptions, SiteData, load_site_data
from .messages import editor_language, tr, tr_plural
from .problems import EditorError, Problem, fatal_problems, format_problems, is_fatal
from .values import Localized, LocalText, PartialDate, Record

__all__ = [
    "DataOptions",
    "EditorError",
    "LocalText",
    "Localized",
    "PartialDate",
    "Problem",
    "Record",
    "SiteData",
    "editor_language",
    "fatal_problems",
    "format_problems",
    "is_fatal",
    "load_site_data",
    "tr",
    "tr_plural",
]
