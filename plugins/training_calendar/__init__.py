"""The training calendar: upcoming and past trainings per language, with iCalendar files."""

from .generator import TrainingCalendarFeature
from .training_calendar import register

# What the multilingual core runs for this plugin (plugins/multilingual/model.py).
FEATURE = TrainingCalendarFeature

__all__ = ["FEATURE", "register"]
