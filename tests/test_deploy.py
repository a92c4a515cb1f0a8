"""`invoke deploy`: a strictly parsed target, an argument list, never a shell."""

import os
import shlex
import shutil
import subprocess
import sys

import pytest

from conftest import REPO, write_tiny_site
from publishing.deploy import RSYNC_OPTIONS, DeployTarget, DeployTargetError, deploy_command, parse_target

# What a checkout needs to build and deploy (the tracked sources, not .venv or output/).
CHECKOUT = ("themes", "translations", "plugins", "tasks.py", "pelicanconf.py", "publishconf.py")


@pytest.mark.parametrize(
    ("text", "target"),
    [
        (
            "rsync:deploy@example.org:/srv/www/rao-trakia/",
            DeployTarget("rsync", "deploy@example.org:/srv/www/rao-trakia/"),
        ),
        ("rsync:example.org:/srv/www", DeployTarget("rsync", "example.org:/srv/www/")),
        ("ghp-import:gh-pages", DeployTarget("ghp-import", "gh-pages")),
    ],
)
def test_a_valid_target_is_parsed(text, target):
    assert parse_target(text) == target


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("rsync:/tmp/d/;touch${IFS}/tmp/x;echo", r"contains '\$' ';' '\{' '\}'"),
        ("rsync:deploy@example.org:/srv/my site/", "contains a space"),
        ("rsync:host:/srv/`id`/", "contains '`'"),
        ("rsync:host:/srv/$(id)/", r"contains '\$' '\(' '\)'"),
        ("rsync:-e sh:/srv/", "contains a space"),
        ("rsync:-esh:/srv/", "is not a target"),
        ("rsync:host:srv/relative/", "is not a target"),
        ("rsync:host:/srv/../etc/", r"contains '\.\.'"),
        ("ghp-import:--force", "is not a target"),
        ("ghp-import:gh-pages|sh", "contains '|'"),
        ("ftp:host:/srv/", "is not a target"),
        ("", "is empty"),
    ],
)
def test_an_unsafe_or_malformed_target_is_refused_with_the_reason(text, reason):
    with pytest.raises(DeployTargetError, match=reason) as refused:
        parse_target(text)
    assert "rsync:deploy@example.org:/srv/www/rao-trakia/" in str(refused.value)  # an example of what to write


def test_rsync_uploads_the_content_of_output_with_delayed_updates():
    command = deploy_command(parse_target("rsync:deploy@example.org:/srv/www/"), "/site/my checkout/output")
    assert command == ["rsync", *RSYNC_OPTIONS, "--", "/site/my checkout/output/", "deploy@example.org:/srv/www/"]
    assert "--delay-updates" in command and "--delete-after" in command and "--delete" not in command


def invoke(checkout, *arguments, target):
    return subprocess.run(
        [sys.executable, "-m", "invoke", *arguments],
        cwd=checkout,
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "PUBLISHING_DEPLOY_TARGET": target,
            # publish-build refuses to run without a real public address.
            "SITEURL": "https://www.rao-trakia.bg",
        },
    )


@pytest.fixture
def checkout(tmp_path):
    """A copy of the checkout, with the tiny site as its content and data, in a folder whose path has a space."""
    root = write_tiny_site(tmp_path / "site checkout")
    for name in CHECKOUT:
        copy = shutil.copytree if (REPO / name).is_dir() else shutil.copyfile
        copy(REPO / name, root / name) if copy is shutil.copyfile else copy(
            REPO / name, root / name, ignore=shutil.ignore_patterns("__pycache__")
        )
    return root


def test_the_injection_from_the_issue_runs_nothing(checkout, tmp_path):
    marker = tmp_path / "x"
    result = invoke(checkout, "deploy", target=f"rsync:{tmp_path}/d/;touch${{IFS}}{marker};echo")
    assert result.returncode != 0
    assert result.stderr.startswith("invoke deploy:") and "PUBLISHING_DEPLOY_TARGET" in result.stderr
    assert "contains '$' ';'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not marker.exists()
    assert not (checkout / "output").exists()  # refused before building


def test_dry_run_prints_the_exact_arguments_with_a_path_that_has_a_space(checkout):
    result = invoke(checkout, "deploy", "--dry-run", target="rsync:deploy@example.org:/srv/www/rao-trakia/")
    assert result.returncode == 0, result.stderr
    printed = shlex.split(result.stdout.strip().splitlines()[-1])
    assert printed == ["rsync", *RSYNC_OPTIONS, "--", f"{checkout}/output/", "deploy@example.org:/srv/www/rao-trakia/"]
    assert (checkout / "output" / "index.html").is_file()  # the build ran, through the output link
