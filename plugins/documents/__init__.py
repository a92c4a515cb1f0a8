"""The association's documents: a page listing them, one page per kind, and links from other pages."""

from .documents import register
from .generator import DocumentsFeature

# What the multilingual core runs for this plugin (plugins/multilingual/model.py).
FEATURE = DocumentsFeature

__all__ = ["FEATURE", "register"]
