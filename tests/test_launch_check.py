"""invoke launch-check: every fact still missing before publication, in Bulgarian; publish-build refuses a placeholder SITEURL."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pelican.settings import read_settings

from conftest import REPO, build
from editor_commands import invoke_here_apart
from site_build.launch_check import format_launch_report, launch_problems, site_url_problem
from site_checks import replace
from site_data.messages import LANGUAGE_VARIABLE

PUBLIC_SITEURL = "https://www.rao-trakia.bg"
FILLED = {
    "data/contacts.yaml": (
        "address: {bg: ул. Примерна 1, en: 1 Primerna St, el: Οδός Primerna 1, tr: Primerna Cad. 1}\n"
        "email: office@example.org\nphone: +359 42 111 222\n"
    ),
    "data/security.yaml": "email: security@example.org\nexpires: 2027-06-30\n",
    "data/structure.yaml": "bodies:\n  - name: {bg: Общо събрание, en: General assembly, el: Γενική συνέλευση, tr: Genel kurul}\n",
}


def settings_for(root, siteurl=PUBLIC_SITEURL):
    """The publication settings of a site copy in ``root``, with ``siteurl`` as its public address."""
    return read_settings(
        str(REPO / "publishconf.py"),
        override={"PATH": str(root / "content"), "SITE_DATA_PATH": str(root / "data"), "SITEURL": siteurl},
    )


@pytest.fixture
def ready(site_copy):
    """A copy of the real site with every fact filled in."""
    for relative, text in FILLED.items():
        (site_copy / relative).write_text(text, encoding="utf-8")
    # A real training: an example one, no longer marked as an example.
    example = site_copy / "data/trainings/example-2027-02-current-issues.yaml"
    real = example.read_text(encoding="utf-8").replace("example: true\n", "")
    (site_copy / "data/trainings/2027-02-current-issues.yaml").write_text(real, encoding="utf-8")
    return site_copy


def missing(root, **kwargs):
    return launch_problems(settings_for(root, **kwargs), root)


def test_a_site_with_every_fact_filled_in_is_ready(ready):
    assert missing(ready) == []
    assert format_launch_report([], "bg") == "Всичко необходимо за публикуването е попълнено."
    assert format_launch_report([], "en") == "Everything publication needs is filled in."
    build(ready, ready / "output", settings_file="publishconf.py", SITEURL=PUBLIC_SITEURL)  # and it builds


def only(problems):
    """The one problem, as an editor reads it (in Bulgarian)."""
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0].render("bg")


def test_no_contacts(ready):
    (ready / "data/contacts.yaml").write_text("# address: …\n", encoding="utf-8")
    problems = missing(ready)
    # The statement's feedback contact falls back to the contacts: both are missing now.
    assert [p.path for p in problems] == ["data/contacts.yaml", "data/accessibility.yaml"]
    assert "няма нито един начин за връзка с асоциацията" in problems[0].render("bg")
    assert "декларацията за достъпност няма данни за обратна връзка" in problems[1].render("bg")


def test_contacts_without_an_email(ready):
    (ready / "data/contacts.yaml").write_text("phone: +359 42 111 222\n", encoding="utf-8")
    assert "data/contacts.yaml:1: няма електронна поща на асоциацията" in only(missing(ready))


def test_the_statements_own_feedback_contact_is_enough(ready):
    (ready / "data/contacts.yaml").write_text("# nothing yet\n", encoding="utf-8")
    replace(ready, "data/accessibility.yaml", "feedback:\n", "feedback:\n  email: access@example.org\n")
    assert only(missing(ready)).startswith("data/contacts.yaml:1: няма нито един начин за връзка")


@pytest.mark.parametrize("siteurl", ["", "https://www.rao-trakia.example", "http://localhost:8000", "rao-trakia.bg"])
def test_siteurl_that_cannot_be_the_public_address(ready, siteurl):
    text = only(missing(ready, siteurl=siteurl))
    assert text.startswith("publishconf.py:")
    assert "публичният адрес на сайта (SITEURL)" in text and "SITEURL=https://" in text


def test_no_enforcement_body(ready):
    path = ready / "data/accessibility.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("enforcement:\n")
    path.write_text(text[:start] + "enforcement:\n" + text[text.index("  # url:", start) :], encoding="utf-8")
    line = path.read_text(encoding="utf-8").splitlines().index("enforcement:") + 1
    assert only(missing(ready)).startswith(
        f"data/accessibility.yaml:{line}: декларацията за достъпност не посочва органа по прилагане"
    )


def test_no_structure(ready):
    (ready / "data/structure.yaml").write_text("bodies: []\n", encoding="utf-8")
    assert only(missing(ready)).startswith("data/structure.yaml:1: страницата „Как сме структурирани“ още няма данни")


def test_only_example_trainings(ready):
    (ready / "data/trainings/2027-02-current-issues.yaml").unlink()
    assert "в календара има само примерни обучения" in only(missing(ready))


def test_no_security_contact(ready):
    (ready / "data/security.yaml").write_text("# email: …\n", encoding="utf-8")
    assert only(missing(ready)).startswith("data/security.yaml:1: няма адрес за сигнали")


def test_a_data_file_that_does_not_read_is_reported_first(ready):
    (ready / "data/contacts.yaml").write_text("email: not-an-address\n", encoding="utf-8")
    assert only(missing(ready)).startswith("data/contacts.yaml:1:")


def run_task(*args, siteurl=None, in_a_process=False):
    """Run an invoke task in the repository as an editor would; return (exit status, stdout, stderr).

    In this process (editor_commands.invoke_here_apart) unless ``in_a_process``:
    one refusal runs as a real process, for its exit status as the shell sees it.
    """
    # As an editor runs it: without $THRACE_LANG, so in Bulgarian.
    env = {key: value for key, value in os.environ.items() if key not in ("SITEURL", LANGUAGE_VARIABLE)}
    if siteurl is not None:
        env["SITEURL"] = siteurl
    if not in_a_process:
        return invoke_here_apart(REPO, *args, env=env)
    done = subprocess.run(
        [sys.executable, "-m", "invoke", *args], cwd=REPO, env=env, capture_output=True, text=True, check=False
    )
    return done.returncode, done.stdout, done.stderr


def test_launch_check_of_the_real_site_lists_what_is_missing_and_fails():
    code, stdout, _stderr = run_task("launch-check")
    assert code == 1
    for path in ("publishconf.py", "data/contacts.yaml", "data/structure.yaml", "data/trainings", "data/security.yaml"):
        assert f"\n{path}:" in "\n" + stdout, path
    assert "Сайтът още не може да бъде публикуван." in stdout


@pytest.mark.parametrize("siteurl", [None, "https://www.rao-trakia.example"])
def test_publish_build_refuses_a_placeholder_siteurl_and_builds_nothing(siteurl):
    output = Path(REPO / "output")
    before = sorted(output.rglob("*")) if output.exists() else None
    code, _stdout, stderr = run_task("publish-build", siteurl=siteurl, in_a_process=siteurl is None)
    assert code == 1
    assert "Публичният сайт има нужда от истинския си адрес" in stderr
    assert "publishconf.py:" in stderr
    assert (sorted(output.rglob("*")) if output.exists() else None) == before


def test_site_url_problem_accepts_a_real_address():
    assert site_url_problem("https://www.rao-trakia.bg") is None
    assert site_url_problem("https://rao-trakia.github.io/site") is None
