"""The association's services: listed on their pages and on a printable request form."""

from .generator import ServicesFeature
from .services import register

# What the multilingual core runs for this plugin (plugins/multilingual/model.py).
FEATURE = ServicesFeature

__all__ = ["FEATURE", "register"]
