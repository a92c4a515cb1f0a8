"""Publishing: head metadata, search, security headers, fingerprinted and precompressed assets."""

from .generator import PublishingFeature
from .publishing import register

# What the multilingual core runs for this plugin (plugins/multilingual/model.py).
FEATURE = PublishingFeature

__all__ = ["FEATURE", "register"]
