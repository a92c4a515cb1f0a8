"""The training calendar: upcoming and past trainings per language, with iCalendar files."""

from .training_calendar import register

__all__ = ["register"]
