"""Time never blocks a publication: findings that depend on today's date are shown, never fatal."""

import datetime
import os
import subprocess
import sys

import pytest

from conftest import REPO, build, read_html
from multilingual.romanize import slugify
from site_data import Problem, fatal_problems, is_fatal, tr

# Years ahead: every example training is past, the accessibility review long overdue.
FAR_AHEAD = datetime.date(2031, 6, 1)
DATED_FILES = ("data/accessibility.yaml:", "data/trainings/example-2027-02-current-issues.yaml:")


@pytest.mark.parametrize(
    ("problem", "strict", "fatal"),
    [
        (Problem("a.yaml", 1, tr("wrong")), False, True),
        (Problem("a.yaml", 1, tr("missing translation"), severity="warning"), False, False),
        (Problem("a.yaml", 1, tr("missing translation"), severity="warning"), True, True),
        (Problem("a.yaml", 1, tr("review overdue"), severity="warning", dated=True), True, False),
        (Problem("a.yaml", 1, tr("review overdue"), severity="warning", dated=True), False, False),
    ],
)
def test_only_undated_problems_are_fatal(problem, strict, fatal):
    assert is_fatal(problem, strict) is fatal
    assert fatal_problems([problem], strict) == ([problem] if fatal else [])


def test_a_strict_publication_years_ahead_succeeds_and_lists_the_dated_findings(tmp_path, capsys, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    # publishconf.py's own SITE_STRICT (True): what `invoke publish-build` runs.
    output = build(REPO, tmp_path / "output", settings_file="publishconf.py", SITE_TODAY=FAR_AHEAD)
    assert (output / "index.html").is_file() and (output / "pagefind").is_dir()
    shown = capsys.readouterr().err
    assert "depend on today's date: they do not stop publishing" in shown
    ci_summary = summary.read_text(encoding="utf-8")
    for path in DATED_FILES:
        assert path in shown and path in ci_summary
    assert "more than a year ago" in ci_summary and "its status is still 'open'" in ci_summary


def test_check_strict_lists_the_dated_findings_and_passes():
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "check", "--strict"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "SITE_TODAY": FAR_AHEAD.isoformat()},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "depend on today's date" in result.stdout
    for path in DATED_FILES:
        assert path in result.stdout


def test_a_training_past_its_date_is_shown_as_held(tmp_path):
    output = build(REPO, tmp_path / "output", SITE_TODAY=FAR_AHEAD)  # the development build shows the examples
    # A training's address is romanised from its title in each language.
    title = "Example: training on recent changes in the regulatory framework"
    page = next(path for path in (output / "en").rglob(f"{slugify(title, 'en')}/index.html"))
    tags = [tag["class"] for tag in read_html(page).select(".th-training-tag")]
    assert ["th-training-tag", "th-training-tag--held"] in tags
    assert not any("th-training-tag--open" in classes for classes in tags)
