"""Markdown parsed once: one reused parser, a content cache keyed on bytes and settings, cold parses on every core."""

from .markdown_cache import register

__all__ = ["register"]
