"""Findings that depend on today's date: shown in every build, never fatal.

An accessibility review falls due, an example training's date passes: nothing
in the sources changed, only the calendar. Such a finding must never stop a
publication (an urgent fix included), so it is announced where people look
instead: a framed block at the end of the build's output, and the summary of
the CI run when GITHUB_STEP_SUMMARY names its file.
"""

import os
import sys

from site_data import tr_plural

FRAME = "=" * 72


def dated_findings(problems):
    """Return the problems that depend on today's date, sorted."""
    return sorted(problem for problem in problems if problem.dated)


def announce_dated(problems, stream=None, environ=None, lang=None):
    """Print the dated findings (in ``lang``) in a frame and add them to $GITHUB_STEP_SUMMARY; return them."""
    found = dated_findings(problems)
    if not found:
        return found
    stream = stream or sys.stderr
    environ = os.environ if environ is None else environ
    heading = tr_plural(
        "{count} finding depends on today's date: it does not stop publishing, but fix it soon",
        "{count} findings depend on today's date: they do not stop publishing, but fix them soon",
        len(found),
    ).in_language(lang)
    print("\n".join(["", FRAME, heading, *(f"  {problem.render(lang)}" for problem in found), FRAME]), file=stream)
    summary = environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(f"### {heading}\n\n" + "".join(f"- `{problem.render(lang)}`\n" for problem in found) + "\n")
    return found
