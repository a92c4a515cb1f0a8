"""Problems found in files an editor can touch, reported as ``path:line: message``."""

from dataclasses import dataclass

from .messages import Message, tr, tr_plural


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, with the line it is on and how to fix it."""

    path: str
    line: int
    message: str
    fix: str = ""
    severity: str = "error"
    dated: bool = False  # depends on today's date: shown in every build, never fatal

    def __post_init__(self):
        # Every word an editor reads goes through the editor catalog (see messages.py).
        if not isinstance(self.message, Message) or not (self.fix == "" or isinstance(self.fix, Message)):
            raise TypeError(f"{self.path}:{self.line}: a problem's message and fix are made with tr(…)")

    def render(self, lang=None):
        """Return ``path:line: message — fix`` in ``lang``; the ``path:line:`` prefix is the same in every language."""
        text = f"{self.path}:{self.line}: {self.message.in_language(lang)}"
        if self.fix:
            text += f" — {self.fix.in_language(lang)}"
        if self.severity != "error":
            text += f" [{SEVERITY_NAMES[self.severity].in_language(lang)}]"
        return text

    def __str__(self):
        return self.render()


SEVERITY_NAMES = {"warning": tr("warning")}


def is_fatal(problem, strict):
    """True if ``problem`` stops the build: an error, or any warning in a strict build, unless dated.

    The one place that decides. A dated finding (a review overdue, a training past
    its date) appears by the mere passage of time; it is shown in every build but
    never blocks a publication, an urgent fix included.
    """
    if problem.dated:
        return False
    return problem.severity == "error" or strict


def fatal_problems(problems, strict):
    """Return the problems that stop the build (see is_fatal)."""
    return [problem for problem in problems if is_fatal(problem, strict)]


class EditorError(Exception):
    """The sources have mistakes; nothing may be published until they are fixed."""

    def __init__(self, problems):
        self.problems = sorted(problems)
        super().__init__(self.problems)

    def __str__(self):
        return format_problems(self.problems)


def format_problems(problems, lang=None):
    """Return the problems one per line, grouped by file, with the summary line at the end."""
    problems = sorted(problems)
    return "\n".join([problem.render(lang) for problem in problems] + [summary_line(problems, lang)])


def summary_line(problems, lang=None):
    """Return "N errors, M warnings" for ``problems``, each count with its plural form in ``lang``."""
    errors = sum(1 for problem in problems if problem.severity == "error")
    warnings = len(problems) - errors
    return tr(
        "{errors}, {warnings}",
        errors=tr_plural("{count} error", "{count} errors", errors),
        warnings=tr_plural("{count} warning", "{count} warnings", warnings),
    ).in_language(lang)
