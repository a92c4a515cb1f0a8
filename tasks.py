"""Every task an editor or CI runs: ``invoke --list`` shows them, each with one line of help."""

import os
import shutil
import sys

from invoke import task

ROOT = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(ROOT, "plugins"))

OUTPUT = os.path.join(ROOT, "output")
DEV_SETTINGS = os.path.join(ROOT, "pelicanconf.py")
PUBLISH_SETTINGS = os.path.join(ROOT, "publishconf.py")


def _build(settings_file):
    from site_build import BuildFailed, build_site

    try:
        build_site(settings_file, OUTPUT)
    except BuildFailed as failure:
        print(failure, file=sys.stderr)
        print("The build failed; output/ was left as it was.", file=sys.stderr)
        sys.exit(1)
    print(f"Built the site into {os.path.relpath(OUTPUT, ROOT)}/")


@task
def build(c):
    """Build the development site into output/ (checks everything first)."""
    _build(DEV_SETTINGS)


@task(name="publish-build")
def publish_build(c):
    """Build the public site into output/ with publishconf.py (absolute URLs, no examples)."""
    _build(PUBLISH_SETTINGS)


@task
def serve(c, port=8000):
    """Build, serve output/ on http://localhost:PORT and rebuild and reload on every change."""
    from livereload import Server

    _build(DEV_SETTINGS)
    server = Server()
    for folder in ("content", "data", "themes", "translations", "plugins"):
        server.watch(os.path.join(ROOT, folder), lambda: _rebuild_for_preview())
    server.watch(DEV_SETTINGS, lambda: _rebuild_for_preview())
    server.serve(root=OUTPUT, port=port, host="localhost", open_url_delay=None)


def _rebuild_for_preview():
    from site_build import BuildFailed, build_site

    try:
        build_site(DEV_SETTINGS, OUTPUT)
    except BuildFailed as failure:
        print(failure, file=sys.stderr)
        print("The preview still shows the last good build.", file=sys.stderr)


@task
def test(c):
    """Run the whole test suite."""
    c.run(f"{sys.executable} -m pytest", pty=False)


@task
def clean(c):
    """Remove output/ and the caches."""
    for folder in ("output", "cache", ".pytest_cache"):
        shutil.rmtree(os.path.join(ROOT, folder), ignore_errors=True)
