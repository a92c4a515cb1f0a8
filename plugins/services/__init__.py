"""The association's services: listed on their pages and on a printable request form."""

from .services import register

__all__ = ["register"]
