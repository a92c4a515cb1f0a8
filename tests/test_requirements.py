"""The two requirement files: building needs only requirements.txt, the tests add requirements-test.txt.

The README's two commands are the ones CI runs, and nothing the build, the preview or
publishing runs imports a package that only the test file installs.
"""

import ast
import importlib.metadata
import re

import yaml

from conftest import REPO

PIN = re.compile(r"^([A-Za-z0-9._-]+)(?:\[[a-z,]+\])?==\S+$")


def pins(name):
    """Return the distributions pinned in a requirements file, normalised, and its other lines."""
    names, others = set(), []
    for line in (REPO / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        match = PIN.match(line)
        if match:
            names.add(re.sub(r"[-_.]+", "-", match.group(1)).lower())
        else:
            others.append(line)
    return names, others


def readme_commands():
    """Return the README's build and test commands."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.startswith("python3 -m venv .venv &&")]


def test_every_requirement_is_pinned_and_the_test_file_adds_to_the_build_file():
    build, build_other = pins("requirements.txt")
    test, test_other = pins("requirements-test.txt")
    assert build_other == []
    assert test_other == ["-r requirements.txt"]
    assert build & test == set()
    assert {"pelican", "invoke", "livereload", "pagefind", "rcssmin", "rjsmin"} <= build
    assert {"pytest", "ruff", "playwright", "beautifulsoup4", "lxml", "zizmor", "check-jsonschema"} <= test


def test_the_readme_commands_are_the_ones_ci_runs():
    build, test = readme_commands()
    assert build == "python3 -m venv .venv && .venv/bin/pip install -r requirements.txt && .venv/bin/invoke build"
    assert test == "python3 -m venv .venv && .venv/bin/pip install -r requirements-test.txt && .venv/bin/invoke test"
    assert (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()[-1] == test
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    runs = [step.get("run") for job in workflow["jobs"].values() for step in job["steps"]]
    assert test in runs
    assert build.replace("invoke build", "invoke publish-build") in runs


def imported_modules(path):
    """Return the top-level modules a Python file imports, wherever the import is."""
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            modules.add(node.module.split(".")[0])
    return modules


def test_building_and_publishing_import_no_test_only_package():
    test_only, _ = pins("requirements-test.txt")
    distributions = importlib.metadata.packages_distributions()
    test_modules = {
        module
        for module, names in distributions.items()
        if all(re.sub(r"[-_.]+", "-", name).lower() in test_only for name in names)
    }
    assert {"pytest", "bs4", "lxml", "playwright"} <= test_modules
    sources = [
        *sorted((REPO / "plugins").rglob("*.py")),
        REPO / "tasks.py",
        REPO / "pelicanconf.py",
        REPO / "publishconf.py",
    ]
    found = {path.relative_to(REPO).as_posix(): sorted(imported_modules(path) & test_modules) for path in sources}
    assert {path: modules for path, modules in found.items() if modules} == {}
