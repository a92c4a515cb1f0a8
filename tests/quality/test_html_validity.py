"""Every built page is valid HTML, by the Nu Html Checker (vnu.jar) in one batch call.

Errors fail the test, each reported as ``file:line: message``; the checker's
warnings are listed (as pytest warnings) without failing it.
"""

import json
import re
import shutil
import subprocess
import warnings

import pytest

from conftest import REPO, build

BROKEN_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Broken</title></head>
<body>
<ul><div>A div is no list item.</div></ul>
</body>
</html>
"""
VALID_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Valid</title></head>
<body>
<ul><li>A list item.</li></ul>
</body>
</html>
"""


class HtmlCheckerWarning(UserWarning):
    """A warning of the Nu Html Checker: shown, not failing."""


def check_html(vnu, folder):
    """Check every .html file under ``folder`` in one run; return (errors, warnings) as 'file:line: message'."""
    result = subprocess.run(
        [*vnu(), "--format", "json", "--skip-non-html", str(folder)], capture_output=True, text=True, timeout=900
    )
    report = _json_report(result.stderr)
    if report is None:
        pytest.fail(f"the Nu Html Checker gave no report (exit {result.returncode}):\n{result.stderr[-2000:]}")
    messages = report["messages"]
    errors, notes = [], []
    for message in messages:
        where = message.get("url", "").removeprefix("file:")
        if where.startswith(str(folder)):
            where = where[len(str(folder)) :].lstrip("/")
        line = f"{where}:{message.get('lastLine', message.get('firstLine', 0))}: {message.get('message', '').strip()}"
        (notes if message.get("type") == "info" else errors).append(line)
    if result.returncode != 0 and not errors:
        errors.append(f"(the checker exited with {result.returncode} and reported no error)")
    return errors, notes


def _json_report(stderr):
    """Return the checker's JSON report from its stderr (the JVM may write notes before it)."""
    start = stderr.find("{")
    while start >= 0:
        try:
            report = json.JSONDecoder().raw_decode(stderr[start:])[0]
        except ValueError:
            report = None
        if isinstance(report, dict) and "messages" in report:
            return report
        start = stderr.find("{", start + 1)
    return None


def test_every_published_page_is_valid_html(published, vnu):
    pages = published.html_files()
    assert pages, f"{published.output} has no HTML page"
    errors, notes = check_html(vnu, published.output)
    # The checker reads the pages as files, so it takes the site's own stylesheet and
    # scripts (at SITEURL) for another origin than the page's and warns about the page's
    # CSP; served from SITEURL they are same-origin (test_csp.py checks the policy in Chromium).
    own_resources = re.compile(
        r"^[^ ]+:\d+: Resource violates Content Security Policy \(meta tag\): "
        rf"external \w+ “{re.escape(published.siteurl)}/"
    )
    for note in notes:
        if own_resources.match(note):
            continue
        warnings.warn(note, HtmlCheckerWarning, stacklevel=1)
    assert not errors, f"{len(errors)} HTML error(s) in {len(pages)} pages:\n" + "\n".join(errors)


def test_html_check_reports_an_invalid_element_with_its_file_and_line(tmp_path, vnu):
    (tmp_path / "broken.html").write_text(BROKEN_PAGE, encoding="utf-8")
    (tmp_path / "valid.html").write_text(VALID_PAGE, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("<ul><div>not HTML, not checked</div></ul>", encoding="utf-8")
    errors, _notes = check_html(vnu, tmp_path)
    assert errors, "the checker found nothing wrong with broken.html"
    assert all(error.startswith("broken.html:5: ") for error in errors), errors
    assert any("“div” not allowed as child of element “ul”" in error for error in errors), errors


def test_pages_showing_the_contacts_are_valid_html(tmp_path, vnu):
    # The real site has no contacts yet; a copy with every field filled in shows each piece of markup.
    for folder in ("content", "data"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    (tmp_path / "data" / "contacts.yaml").write_text(CONTACTS, encoding="utf-8")
    output = build(tmp_path, tmp_path / "output")
    checked = tmp_path / "checked"
    for relative in ("kontakti", "zayavka-za-usluga", "dokumenti", "deklaratsia-za-dostapnost"):
        target = checked / relative / "index.html"
        target.parent.mkdir(parents=True)
        shutil.copyfile(output / relative / "index.html", target)
    errors, _notes = check_html(vnu, checked)
    assert not errors, "\n".join(errors)


CONTACTS = """\
address:
  bg: ул. Примерна 1, 6000 Стара Загора
email: office@example.org
phone: +359 42 111 222
office_hours:
  bg: понеделник – петък
registration_number: "123456789"
profiles: [https://social.example.org/rao, https://video.example.org/rao]
"""
