"""The same sources build the same bytes, whatever the hash seed, file order, time zone, locale or order of PLUGINS."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from pelican.settings import read_settings

from conftest import REPO
from site_checks import snapshot

# Two machines as different as we can make them here; "today" is pinned by conftest.build in both.
ENVIRONMENTS = (
    {"PYTHONHASHSEED": "1", "TZ": "UTC", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"},
    {"PYTHONHASHSEED": "4242", "TZ": "Pacific/Kiritimati", "LANG": "C", "LC_ALL": "POSIX"},
)


def copy_in_order(source, target, newest_first):
    """Copy the files of ``source`` creating them in sorted or reverse order (the order a folder lists them)."""
    files = sorted(path for path in Path(source).rglob("*") if path.is_file())
    for path in reversed(files) if newest_first else files:
        destination = Path(target) / path.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)


def build_in_process(root, output, environment, plugins):
    """Build the real site with publishconf.py (search index, .gz copies) in a fresh Python process."""
    script = (
        "from conftest import build\n"
        # Not strict, like tests/test_publication.py: the catalogs are completed after template changes.
        f"build({str(root)!r}, {str(output)!r}, settings_file='publishconf.py', SITE_STRICT=False, PLUGINS={plugins!r})\n"
    )
    python_path = os.pathsep.join(str(REPO / folder) for folder in ("plugins", "tests"))
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, **environment, "PYTHONPATH": python_path},
    )
    assert result.returncode == 0, result.stderr


def test_two_builds_in_different_environments_are_byte_identical(tmp_path):
    plugins = read_settings(str(REPO / "pelicanconf.py"))["PLUGINS"]
    outputs = []
    for number, environment in enumerate(ENVIRONMENTS):
        root = tmp_path / f"tree-{number}"
        for folder in ("content", "data"):
            copy_in_order(REPO / folder, root / folder, newest_first=bool(number))
        # The feature plugins declare whose pages and data they need (multilingual/model.py):
        # the core runs them in that order wherever PLUGINS lists them, the core itself last.
        build_in_process(root, root / "output", environment, plugins[::-1] if number else plugins)
        outputs.append(snapshot(root / "output"))
    first, second = outputs
    assert sorted(first) == sorted(second)
    differing = [path for path in first if first[path] != second[path]]
    assert differing == []
    assert len(first) > 300  # the whole site, search index and .gz copies included
