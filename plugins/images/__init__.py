"""Photos and document covers: resized, re-encoded (AVIF, WebP, original format) and stripped of metadata."""

from .images import ImagesFeature, register

# What the multilingual core runs for this plugin (plugins/multilingual/model.py).
FEATURE = ImagesFeature

__all__ = ["FEATURE", "register"]
