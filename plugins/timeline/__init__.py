"""The association's cross-border cooperation as a timeline: its own page, embedded and teased."""

from .timeline import register

__all__ = ["register"]
