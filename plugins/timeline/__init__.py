"""The association's cross-border cooperation as a timeline: its own page, embedded and teased."""

from .generator import TimelineFeature
from .timeline import register

# What the multilingual core runs for this plugin (plugins/multilingual/model.py).
FEATURE = TimelineFeature

__all__ = ["FEATURE", "register"]
