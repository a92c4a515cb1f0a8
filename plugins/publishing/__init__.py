"""Publishing: head metadata, search, security headers, fingerprinted and precompressed assets."""

from .publishing import register

__all__ = ["register"]
