"""Photos and document covers: resized, re-encoded (AVIF, WebP, original format) and stripped of metadata."""

from .images import register

__all__ = ["register"]
