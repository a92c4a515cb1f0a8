"""The GitHub Actions workflows: zizmor finds nothing, the schema accepts them, and the rules hold.

zizmor runs with --offline and check-jsonschema with the schema it ships, so nothing
is fetched. Both come from requirements-test.txt, next to the Python that runs the tests.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO

WORKFLOWS = REPO / ".github" / "workflows"
BIN = Path(sys.executable).parent
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"@[0-9a-f]{40} # v\d+\.\d+\.\d+$")
WRITE_PERMISSIONS = {"pages": "write", "id-token": "write"}
UNPINNED_WORKFLOW = """name: Unsafe
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
"""


def workflow_files():
    return sorted(WORKFLOWS.glob("*.y*ml"))


def load(path):
    # PyYAML reads the key "on" as True (YAML 1.1); the tests look at the jobs only.
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def zizmor(*paths):
    return subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--no-progress", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_there_are_workflows():
    assert workflow_files(), f"no workflow in {WORKFLOWS.relative_to(REPO)}"


def test_zizmor_finds_nothing():
    result = zizmor(WORKFLOWS)
    assert result.returncode == 0, f"zizmor:\n{result.stdout}{result.stderr}"
    assert "No findings to report" in result.stdout + result.stderr


def test_zizmor_reports_an_unpinned_action(tmp_path):
    """The check above can fail: zizmor does flag what we avoid."""
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "unsafe.yml").write_text(UNPINNED_WORKFLOW, encoding="utf-8")
    result = zizmor(folder)
    assert result.returncode != 0
    assert "unpinned-uses" in result.stdout and "artipacked" in result.stdout, result.stdout


def test_workflows_match_the_github_workflow_schema():
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, workflow_files())],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"check-jsonschema:\n{result.stdout}{result.stderr}"


def test_the_schema_check_rejects_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("name: Broken\non: push\njobs:\n  test:\n    steps: 3\n", encoding="utf-8")
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(broken)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0


@pytest.mark.parametrize("path", workflow_files(), ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    uses = [line.strip() for line in lines if re.match(r"^\s*(- )?uses:", line)]
    assert uses
    for line in uses:
        action = line.split("uses:", 1)[1].split("#", 1)[0].strip()
        assert PINNED.match(action), f"{path.name}: {line}: pin the action to a full commit SHA"
        assert VERSION_COMMENT.search(line), f"{path.name}: {line}: say the version in a comment, '# vX.Y.Z'"


@pytest.mark.parametrize("path", workflow_files(), ids=lambda path: path.name)
def test_jobs_are_bounded_and_hold_only_what_they_need(path):
    workflow = load(path)
    assert workflow.get("permissions") in ({}, {"contents": "read"}), "the workflow's default token must be read-only"
    writers = []
    for name, job in workflow["jobs"].items():
        assert isinstance(job.get("timeout-minutes"), int), f"{path.name}: job {name} has no timeout-minutes"
        permissions = job.get("permissions", {})
        if any(permissions.get(scope) == level for scope, level in WRITE_PERMISSIONS.items()):
            writers.append(name)
            assert "github.ref == 'refs/heads/main'" in job.get("if", ""), f"{path.name}: {name} must run on main only"
            assert [step.get("uses", "").split("@")[0] for step in job["steps"]] == ["actions/deploy-pages"], (
                f"{path.name}: the job that may write to Pages must do nothing but deploy"
            )
        else:
            assert set(permissions.values()) <= {"read"}, f"{path.name}: job {name} may write: {permissions}"
        for step in job.get("steps", []):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step.get("with", {}).get("persist-credentials") is False, (
                    f"{path.name}: job {name}: checkout must not keep its token (persist-credentials: false)"
                )
    assert len(writers) <= 1, f"{path.name}: more than one job may write to Pages: {writers}"


def test_the_build_stops_with_where_to_switch_pages_on():
    """The README names this step: a repository without Pages learns where to switch it on."""
    steps = load(WORKFLOWS / "publish.yml")["jobs"]["build"]["steps"]
    names = [step.get("name") for step in steps]
    check = steps[names.index("Check that GitHub Pages is enabled")]
    assert "/settings/pages" in check["run"] and "exit 1" in check["run"]
    assert names.index("Check that GitHub Pages is enabled") < names.index("Build the public site")
