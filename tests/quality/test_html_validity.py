"""Every built page is valid HTML, by the Nu Html Checker (vnu.jar) in one batch call for the whole module.

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


def check_html(vnu, *folders):
    """Check every .html file under the ``folders`` in one run; return {folder: (errors, warnings)} as 'file:line: message'.

    One run, because each start of the checker costs about 4 s of CPU (Java and the checker's schemas).
    """
    result = subprocess.run(
        [*vnu(), "--format", "json", "--skip-non-html", *map(str, folders)], capture_output=True, text=True, timeout=900
    )
    report = _json_report(result.stderr)
    if report is None:
        pytest.fail(f"the Nu Html Checker gave no report (exit {result.returncode}):\n{result.stderr[-2000:]}")
    found = {folder: ([], []) for folder in folders}
    for message in report["messages"]:
        where = message.get("url", "").removeprefix("file:")
        # The deepest folder first: the sample folders may lie inside another.
        folder = max((f for f in folders if where.startswith(str(f) + "/")), key=lambda f: len(str(f)), default=None)
        if folder is None:
            folder = folders[0]
        else:
            where = where[len(str(folder)) :].lstrip("/")
        line = f"{where}:{message.get('lastLine', message.get('firstLine', 0))}: {message.get('message', '').strip()}"
        errors, notes = found[folder]
        (notes if message.get("type") == "info" else errors).append(line)
    if result.returncode != 0 and not any(errors for errors, _notes in found.values()):
        found[folders[0]][0].append(f"(the checker exited with {result.returncode} and reported no error)")
    return found


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


@pytest.fixture(scope="module")
def checked(published, vnu, tmp_path_factory):
    """The checker's findings on the published site, the pages showing the contacts and the two sample pages, in one run."""
    samples = tmp_path_factory.mktemp("html-samples")
    (samples / "broken.html").write_text(BROKEN_PAGE, encoding="utf-8")
    (samples / "valid.html").write_text(VALID_PAGE, encoding="utf-8")
    (samples / "notes.txt").write_text("<ul><div>not HTML, not checked</div></ul>", encoding="utf-8")
    contacts = pages_showing_the_contacts(tmp_path_factory.mktemp("html-contacts"))
    found = check_html(vnu, published.output, contacts, samples)
    return {"published": found[published.output], "contacts": found[contacts], "samples": found[samples]}


def pages_showing_the_contacts(root):
    """Return a folder of the pages that show the contacts, from a copy of the site with every contact field filled in.

    The real site has no contacts yet; the copy shows each piece of their markup.
    """
    for folder in ("content", "data"):
        shutil.copytree(REPO / folder, root / folder)
    (root / "data" / "contacts.yaml").write_text(CONTACTS, encoding="utf-8")
    output = build(root, root / "output")
    checked = root / "checked"
    for relative in ("kontakti", "zayavka-za-usluga", "dokumenti", "deklaratsia-za-dostapnost"):
        target = checked / relative / "index.html"
        target.parent.mkdir(parents=True)
        shutil.copyfile(output / relative / "index.html", target)
    return checked


def test_every_published_page_is_valid_html(published, checked):
    pages = published.html_files()
    assert pages, f"{published.output} has no HTML page"
    errors, notes = checked["published"]
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


def test_html_check_reports_an_invalid_element_with_its_file_and_line(checked):
    errors, _notes = checked["samples"]
    assert errors, "the checker found nothing wrong with broken.html"
    assert all(error.startswith("broken.html:5: ") for error in errors), errors
    assert any("“div” not allowed as child of element “ul”" in error for error in errors), errors


def test_pages_showing_the_contacts_are_valid_html(checked):
    errors, _notes = checked["contacts"]
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
