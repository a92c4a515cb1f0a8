"""The problems of one rendered page: HTML outside the allow-list, links to files outside content/."""

import os
import re

from site_data import Problem, tr

from .html_policy import MarkupIssue, markup_problems

# Pelican's links to sources and files: {filename}…, {static}…, {attach}… (or |static|…).
FILE_LINK = re.compile(r"""(?:href|src)\s*=\s*(["'])[{|](?P<what>filename|static|attach)[}|](?P<path>[^"'#?]*)""", re.I)
OUTSIDE_FIX = tr("link to a file inside content/, e.g. ({{static}}/documents/report.pdf)")


def _line_of(lines, patterns):
    """Return the 1-based line of the first pattern that matches a line (1 if none does)."""
    for pattern in patterns:
        compiled = re.compile(pattern, re.I)
        for number, line in enumerate(lines, 1):
            if compiled.search(line):
                return number
    return 1


def _inside(path, folder):
    return os.path.commonpath([path, folder]) == folder


def file_link_problems(html, source_path, content_root):
    """Yield a MarkupIssue for each {attach}/{static}/{filename} link that leaves content/."""
    root = os.path.realpath(content_root)
    base = os.path.dirname(os.path.realpath(source_path))
    for match in FILE_LINK.finditer(html):
        target = match.group("path").replace("%20", " ")
        resolved = os.path.join(root, target.lstrip("/")) if target.startswith("/") else os.path.join(base, target)
        if not _inside(os.path.realpath(resolved), root):
            written = "{" + match.group("what") + "}" + target
            yield MarkupIssue(
                tr("the link '{link}' leads outside content/", link=written),
                OUTSIDE_FIX,
                (re.escape(match.group("what")) + r"[}|]" + re.escape(target),),
            )


def page_problems(html, source_path, display_path, content_root):
    """Return the problems of a page's HTML, each at the line of its source it comes from.

    One problem per line: an attack written on one line (a form and its
    fields, an element and its attributes) is one mistake to fix.
    """
    with open(source_path, encoding="utf-8", errors="replace") as handle:
        lines = handle.read().split("\n")
    issues = markup_problems(html) + list(file_link_problems(html, source_path, content_root))
    problems, lines_seen = [], set()
    for issue in issues:
        line = _line_of(lines, issue.needles)
        if line not in lines_seen:
            lines_seen.add(line)
            problems.append(Problem(display_path, line, issue.message, issue.fix))
    return problems
