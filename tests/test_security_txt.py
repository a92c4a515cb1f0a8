"""security.txt (RFC 9116) from data/security.yaml, built from the tiny site (tests/conftest.py).

"Today" is FIXED_TODAY (2026-11-27) in every build; the expiry dates below are
chosen around it.
"""

import pytest

from conftest import FIXED_TODAY, REPO, TEST_SITEURL, build
from site_build import BuildFailed, check_site

SECURITY_TXT = ".well-known/security.txt"
SITEURL = TEST_SITEURL


def write_security(root, text):
    (root / "data" / "security.yaml").write_text(text, encoding="utf-8")


def publish(root, tmp_path):
    """Build the copy with publishconf.py, strict as a publication is; return the output folder."""
    return build(root, tmp_path / "output", settings_file="publishconf.py", SITEURL=SITEURL)


def security_problems(root):
    """Return the problems `invoke check` lists for data/security.yaml."""
    problems = check_site(
        REPO / "pelicanconf.py",
        {
            "PATH": str(root / "content"),
            "SITE_DATA_PATH": str(root / "data"),
            "MULTILINGUAL_TRANSLATIONS_PATH": str(REPO / "translations"),
            "SITE_TODAY": FIXED_TODAY,
            "MARKDOWN_CACHE_ENABLED": False,
        },
    )
    return [problem for problem in problems if problem.path == "data/security.yaml"]


def test_without_a_contact_nothing_is_published(tiny_site, tmp_path):
    output = publish(tiny_site, tmp_path)
    assert (output / "index.html").is_file()
    assert not (output / SECURITY_TXT).exists(), "a security.txt was published without a contact"
    assert security_problems(tiny_site) == []


def test_the_file_is_written_from_the_data(tiny_site, tmp_path):
    write_security(
        tiny_site,
        "email: security@rao-trakia.example\nurl: https://www.rao-trakia.example/report/\n"
        "expires: 2027-06-30\npreferred_languages: [bg, en]\n",
    )
    output = publish(tiny_site, tmp_path)
    assert (output / SECURITY_TXT).read_text(encoding="utf-8") == (
        "Contact: mailto:security@rao-trakia.example\n"
        "Contact: https://www.rao-trakia.example/report/\n"
        "Expires: 2027-06-30T23:59:59Z\n"
        "Preferred-Languages: bg, en\n"
        f"Canonical: {SITEURL}/.well-known/security.txt\n"
    )
    assert security_problems(tiny_site) == []


def test_a_contact_without_expires_fails_the_build_with_its_line(tiny_site, tmp_path):
    write_security(tiny_site, "# a comment\nemail: security@rao-trakia.example\n")
    with pytest.raises(BuildFailed) as failure:
        publish(tiny_site, tmp_path)
    assert "data/security.yaml:2: a security contact needs the date until which it is valid" in str(failure.value)
    assert "add a line 'expires: YYYY-MM-DD'" in str(failure.value)
    assert not (tmp_path / "output" / SECURITY_TXT).exists()


def test_a_report_page_must_be_https(tiny_site):
    write_security(tiny_site, "url: http://www.rao-trakia.example/report/\nexpires: 2027-06-30\n")
    [problem] = security_problems(tiny_site)
    assert (problem.line, problem.severity, problem.dated) == (1, "error", False)
    assert "https://" in problem.message


@pytest.mark.parametrize(
    ("expires", "published", "message"),
    [
        ("2026-12-10", True, "security.txt expires on 2026-12-10, in 13 days"),
        ("2026-11-26", False, "'expires' (2026-11-26) has passed, so security.txt is no longer published"),
        ("2028-01-15", True, "'expires' (2028-01-15) is more than a year ahead"),
    ],
)
def test_expiry_is_warned_about_but_never_blocks_a_publication(tiny_site, tmp_path, expires, published, message):
    write_security(tiny_site, f"email: security@rao-trakia.example\nexpires: {expires}\n")
    output = publish(tiny_site, tmp_path)  # strict, and it passes: the finding depends on today's date
    assert (output / SECURITY_TXT).exists() is published
    [problem] = security_problems(tiny_site)
    assert (problem.line, problem.severity, problem.dated) == (2, "warning", True)
    assert problem.message.startswith(message)
    assert "set 'expires' to a date less than a year ahead" in problem.fix
