"""Typed values that data files hold once validated."""

import datetime
from dataclasses import dataclass
from typing import NamedTuple


class LocalText(NamedTuple):
    """A text in one language, with the language it is really written in."""

    text: str
    lang: str


class Localized(dict):
    """One value per language code; Bulgarian (the source language) is always present."""

    source_lang = "bg"

    def in_lang(self, lang):
        """Return the text for ``lang``, or the source-language text if it has none."""
        if self.get(lang):
            return LocalText(self[lang], lang)
        return LocalText(self[self.source_lang], self.source_lang)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self):
        """Return 'day', 'month' or 'year'."""
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    @property
    def iso(self):
        """Return the ISO 8601 form at the date's own precision (for <time datetime>)."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    @property
    def sort_key(self):
        """Order a date before the more precise dates it contains."""
        return (self.year, self.month or 0, self.day or 0)

    def earliest(self):
        """Return the first day the date can mean."""
        return datetime.date(self.year, self.month or 1, self.day or 1)


class Record(dict):
    """A validated record that remembers the file and line it came from."""

    path = ""
    line = 0
    key_lines: dict = {}
