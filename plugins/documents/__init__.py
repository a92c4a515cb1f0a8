"""The association's documents: a page listing them, one page per kind, and links from other pages."""

from .documents import register

__all__ = ["register"]
