"""One pass, four languages: pages, news, navigation and language links for the whole site."""

from .multilingual import register

__all__ = ["register"]
