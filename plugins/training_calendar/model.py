"""Trainings as the calendar sees them: dates, the upcoming/past split and the groupings.

Pure functions over the validated records of data/trainings/, so that they can be
tested without building a site.
"""

import datetime
from dataclasses import dataclass

from site_data import Problem, Record, tr


@dataclass(frozen=True)
class Training:
    """One training of data/trainings/, with what the calendar asks of it."""

    id: str
    record: Record

    @property
    def kind(self):
        """Return the id of the training's kind."""
        return self.record["kind"]

    @property
    def start(self):
        """Return the start: a date, or a date-time in Sofia time."""
        return self.record["start"]

    @property
    def end(self):
        """Return the end, written the same way as the start (inclusive)."""
        return self.record["end"]

    @property
    def status(self):
        """Return planned, open, full, cancelled or held."""
        return self.record["status"]

    @property
    def example(self):
        """True for an illustrative training that the published site leaves out."""
        return self.record.get("example", False)

    @property
    def all_day(self):
        """True if the training is given in whole days (no hours)."""
        return not isinstance(self.start, datetime.datetime)

    @property
    def first_day(self):
        """Return the day the training starts."""
        return day_of(self.start)

    @property
    def last_day(self):
        """Return the day the training ends."""
        return day_of(self.end)

    @property
    def cancelled(self):
        """True if the training will not take place."""
        return self.status == "cancelled"

    def status_on(self, today):
        """Return the status as of ``today``: a training that ended while planned, open or full was held.

        Derived rather than an error, so that the calendar never stops a publication:
        the data file only needs 'held' written for the record (a dated finding says so).
        """
        if self.status in ("planned", "open", "full") and not self.is_upcoming(today):
            return "held"
        return self.status

    def is_upcoming(self, today):
        """True if the training has not ended before ``today`` (a training under way is upcoming)."""
        return self.last_day >= today

    def sort_key(self):
        """Order trainings by when they start, then by id."""
        time = self.start.time() if isinstance(self.start, datetime.datetime) else datetime.time()
        return (self.first_day, time, self.id)


def day_of(value):
    """Return the date of a date or a date-time."""
    return value.date() if isinstance(value, datetime.datetime) else value


def trainings_from_records(records, show_examples=True):
    """Return the trainings to show, in the order they start."""
    trainings = [Training(record["id"], record) for record in records]
    return sorted((t for t in trainings if show_examples or not t.example), key=Training.sort_key)


def split_by_date(trainings, today):
    """Return (upcoming, past): upcoming soonest first, past most recent first."""
    ordered = sorted(trainings, key=Training.sort_key)
    upcoming = [t for t in ordered if t.is_upcoming(today)]
    past = [t for t in reversed(ordered) if not t.is_upcoming(today)]
    return upcoming, past


def group_by_month(trainings):
    """Return [(first day of month, trainings)] in the order the trainings come, by start month."""
    groups = []
    for training in trainings:
        month = training.first_day.replace(day=1)
        if groups and groups[-1][0] == month:
            groups[-1][1].append(training)
        else:
            groups.append((month, [training]))
    return groups


def group_by_year(trainings):
    """Return [(year, trainings)] in the order the trainings come, by start year."""
    groups = []
    for training in trainings:
        year = training.first_day.year
        if groups and groups[-1][0] == year:
            groups[-1][1].append(training)
        else:
            groups.append((year, [training]))
    return groups


def check_trainings(trainings, kind_ids, today):
    """Return the problems the schema cannot see: dates written two ways, stale statuses."""
    problems = []
    for training in trainings:
        record = training.record
        lines = record.key_lines
        if isinstance(training.start, datetime.datetime) != isinstance(training.end, datetime.datetime):
            problems.append(
                Problem(
                    record.path,
                    lines.get("end", 1),
                    tr(
                        "'start' ({start}) and 'end' ({end}) are not written the same way",
                        start=_written(training.start),
                        end=_written(training.end),
                    ),
                    tr("write both as days (YYYY-MM-DD) for whole days, or both with hours (YYYY-MM-DD HH:MM)"),
                )
            )
        if not record.get("languages"):
            problems.append(
                Problem(
                    record.path,
                    lines.get("languages", 1),
                    tr("'languages' names no language"),
                    tr("write the languages the training is given in, e.g. languages: [bg]"),
                )
            )
        if training.status == "held" and training.first_day > today:
            problems.append(
                Problem(
                    record.path,
                    lines.get("status", 1),
                    tr(
                        "the status is 'held' but the training starts on {date}, after today",
                        date=training.first_day.isoformat(),
                    ),
                    tr("write planned, open or full until the training has taken place"),
                    "warning",
                )
            )
        elif training.status in ("planned", "open", "full") and not training.is_upcoming(today):
            problems.append(
                Problem(
                    record.path,
                    lines.get("status", 1),
                    tr(
                        "the training ended on {date} but its status is still '{status}'; the site shows it as held",
                        date=training.last_day.isoformat(),
                        status=training.status,
                    ),
                    tr("write held (or cancelled)"),
                    "warning",
                    dated=True,
                )
            )
    return problems


def _written(value):
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()
