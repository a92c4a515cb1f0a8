"""Publishing cannot half-happen: one atomic switch per build, one build of a tree at a time.

The builds here run in processes of their own, so that they can be killed
(SIGKILL, SIGINT) or started together, as an editor's Ctrl-C or a second
terminal would.
"""

import contextlib
import gzip
import itertools
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import lxml.html
import pytest
from bs4 import BeautifulSoup

from conftest import REPO, TINY_NEWS, build, write_tiny_site
from site_build import BuildFailed
from site_build.lock import build_lock
from site_build.publish import MEMORY_FOLDERS, NUMBER_WIDTH, generations_folder, staging_prefix
from site_data.messages import LANGUAGE_VARIABLE

# When a build is killed, as a fraction of how long a whole build takes here (from its start, imports
# done): while it takes the lock and clears what an earlier killed build left, then while it renders.
KILL_AT = (0.0, 0.3, 0.6, 0.9)
# Publishing takes a few hundredths of a second, too short to be hit by a time: those builds are killed
# as soon as the test sees the new generation's folder (it is being filled), or the link switched to it
# (the build is clearing the staging folder and the generation before).
KILL_WHEN = ("filling", "switched")

# One Python process that builds the tree once, then forks a process of its own for each build the
# test asks for (a line on its standard input), and prints that process's id, then its exit status.
# Each build is then a real process that a signal kills, started as the preview's rebuilds start: with
# Python's imports done and the checks found clean remembered, its compiled templates kept in a folder
# as an editor's builds keep them in cache/ (tests/conftest.py's template_cache). A build in a new process,
# compiling every template, would spend two thirds of its time on those, where no kill tests anything
# of publishing.
BUILD_SERVER = """
import os, signal, sys
import conftest
from conftest import build
root, theme, templates = sys.argv[1:]
conftest.TEMPLATE_CACHE[:] = [templates]


def build_tree():
    build(root, os.path.join(root, "output"), settings_file="publishconf.py", SITE_STRICT=False, THEME=theme)


build_tree()
print("built", flush=True)
for _request in sys.stdin:
    child = os.fork()
    if child == 0:
        signal.signal(signal.SIGINT, signal.default_int_handler)  # as in an editor's terminal, whatever was ignored
        os.dup2(2, 1)  # what the build prints goes to the log, never into the answers
        build_tree()
        sys.exit(0)
    print(child, flush=True)
    print(os.waitstatus_to_exitcode(os.waitpid(child, 0)[1]), flush=True)
"""


def build_command(root, theme):
    """Return the command that builds the site copy in ``root`` (publication settings) into root/output."""
    script = (
        "from conftest import build\n"
        f"build({str(root)!r}, {str(root / 'output')!r}, settings_file='publishconf.py', SITE_STRICT=False, "
        f"THEME={str(theme)!r})\n"
    )
    return [sys.executable, "-c", script]


def start_build(root, theme):
    python_path = os.pathsep.join(str(REPO / folder) for folder in ("plugins", "tests"))
    return subprocess.Popen(
        build_command(root, theme),
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": python_path},
    )


@pytest.fixture
def tree(tiny_site):
    """The tiny site and a copy of the theme, whose stylesheet a test can change."""
    shutil.copytree(REPO / "themes" / "thrace", tiny_site / "theme")
    return tiny_site


def change_stylesheet(tree, rule):
    """Append a rule to the theme's stylesheet: a new fingerprinted name in the next generation."""
    stylesheet = tree / "theme" / "static" / "css" / "site.css"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + f"\n{rule}\n", encoding="utf-8")


def local_path(output, href, page):
    """Return the file a link of ``page`` leads to, or None for a link off the site."""
    parsed = urlparse(href)
    if parsed.scheme in ("mailto", "tel", "data") or (parsed.netloc and parsed.netloc != "www.rao-trakia.example"):
        return None
    if not parsed.path:
        return page
    target = Path(output) / parsed.path.lstrip("/") if parsed.path.startswith("/") else page.parent / parsed.path
    return target / "index.html" if parsed.path.endswith("/") else target


# The stylesheet links and the links of a page (rel is a list of words).
STYLESHEET_LINKS = "//link[contains(concat(' ', normalize-space(@rel), ' '), ' stylesheet ')]"
LINKS = "//a[@href]"


def assert_one_generation(output):
    """Check that the live site is one whole generation: stylesheet, links, .gz copies and search index agree.

    The pages are read with lxml: the test checks some twelve generations, and
    BeautifulSoup's trees took half of its time.
    """
    output = Path(output)
    assert output.is_symlink()
    stylesheets = set()
    for page in sorted(output.rglob("*.html")):
        if page.relative_to(output).parts[0] == "pagefind":
            continue
        html = lxml.html.document_fromstring(page.read_text(encoding="utf-8"))
        for link in html.xpath(STYLESHEET_LINKS):
            assert local_path(output, link.attrib["href"], page).is_file(), (page, link.attrib["href"])
            if "/assets/" in link.attrib["href"]:
                stylesheets.add(link.attrib["href"].rsplit("/", 1)[1])
        for anchor in html.xpath(LINKS):
            target = local_path(output, anchor.attrib["href"], page)
            assert target is None or target.is_file(), (page, anchor.attrib["href"])
    # Every page links the same stylesheet, the only one this generation has.
    assert sorted(stylesheets) == sorted(path.name for path in (output / "assets").glob("site.*.css"))
    assert len(stylesheets) == 1, stylesheets
    for copy in output.rglob("*.gz"):
        assert gzip.decompress(copy.read_bytes()) == copy.with_suffix("").read_bytes(), copy
    entry = json.loads((output / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    for lang, info in entry["languages"].items():
        assert (output / "pagefind" / f"pagefind.{info['hash']}.pf_meta").is_file(), lang


def kept_generations(output):
    """Return how many generations are kept; each has its record of fingerprints and its size, nothing else."""
    entries = sorted(path.name for path in Path(generations_folder(str(output))).iterdir())
    folders = [name for name in entries if name.isdigit()]
    assert entries == sorted(folders + [f"{name}{suffix}" for name in folders for suffix in (".fingerprints", ".size")])
    return len(folders)


def leftovers(tree):
    """Return what builds of ``tree`` left behind beside the output, in memory or in the temporary folder."""
    output = tree / "output"
    prefix = staging_prefix(str(output))
    found = [
        os.path.join(parent, name)
        for parent in (tree, tempfile.gettempdir(), *MEMORY_FOLDERS)
        if os.path.isdir(parent)
        for name in os.listdir(parent)
        if name.startswith(prefix)
    ]
    found += [str(path) for path in tree.glob(".output.link-*")]
    return found


class BuildServer:
    """The BUILD_SERVER process of ``tree``, once its first build is done; it and its builds print to ``log``.

    Their compiled templates are kept in a folder beside ``log``.
    """

    def __init__(self, tree, log):
        self.log = Path(log)
        templates = self.log.parent / "templates"
        templates.mkdir()
        python_path = os.pathsep.join(str(REPO / folder) for folder in ("plugins", "tests"))
        with open(log, "w", encoding="utf-8") as printed:
            self.process = subprocess.Popen(
                [sys.executable, "-c", BUILD_SERVER, str(tree), str(tree / "theme"), str(templates)],
                cwd=REPO,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=printed,
                text=True,
                env={**os.environ, "PYTHONPATH": python_path},
            )
        assert self._answer() == "built"

    def _answer(self):
        line = self.process.stdout.readline().strip()
        assert line, "the build server stopped:\n" + self.log.read_text(encoding="utf-8")[-3000:]
        return line

    def start(self):
        """Start a build; return its process id."""
        self.process.stdin.write("build\n")
        self.process.stdin.flush()
        return int(self._answer())

    def status(self):
        """Wait for the build started last to end; return its exit status (minus the signal that ended it)."""
        return int(self._answer())

    def stop(self):
        self.process.stdin.close()
        self.process.wait(timeout=60)


def running(process_id):
    try:
        os.kill(process_id, 0)
    except ProcessLookupError:
        return False
    return True


def wait_while_running(condition, process_id, timeout=60):
    """Wait until ``condition()`` holds, or the process has ended."""
    deadline = time.monotonic() + timeout
    while not condition() and running(process_id) and time.monotonic() < deadline:
        time.sleep(0.001)


def next_generation(output):
    """Return the folder the next build of ``output`` fills: the one after the live generation's.

    (A generation that a killed build left after it is removed before the next build publishes.)
    """
    live = Path(os.path.realpath(output))
    return live.parent / f"{int(live.name) + 1:0{NUMBER_WIDTH}d}"


def test_a_build_killed_at_any_point_leaves_one_whole_generation_live(tree, tmp_path):
    output = tree / "output"
    change_stylesheet(tree, ".th-kill-test-first{margin:0}")
    server = BuildServer(tree, tmp_path / "builds.log")  # the first build
    try:
        assert_one_generation(output)
        change_stylesheet(tree, ".th-kill-test-second{margin:0}")
        started = time.monotonic()
        server.start()  # one with a published site, timed
        assert server.status() == 0, server.log.read_text(encoding="utf-8")[-3000:]
        duration = time.monotonic() - started
        assert_one_generation(output)
        kills = [(moment, sent) for moment in KILL_WHEN for sent in (signal.SIGINT, signal.SIGKILL)]
        kills += zip(KILL_AT, itertools.cycle((signal.SIGINT, signal.SIGKILL)))
        for number, (moment, sent) in enumerate(kills):
            change_stylesheet(tree, f".th-kill-test-{number}{{margin:{number}px}}")
            new = next_generation(output)
            build_process = server.start()
            if moment == "filling":
                wait_while_running(new.is_dir, build_process)
            elif moment == "switched":
                wait_while_running(lambda new=new: os.path.realpath(output) == str(new), build_process)
            else:
                time.sleep(duration * moment)
            with contextlib.suppress(ProcessLookupError):  # it ended first: killed after its end, then
                os.kill(build_process, sent)
            server.status()
            try:
                assert_one_generation(output)
            except AssertionError as failure:
                raise AssertionError(f"a build killed ({sent.name}) at {moment}: {failure}") from failure
        server.start()
        assert server.status() == 0, server.log.read_text(encoding="utf-8")[-3000:]
    finally:
        server.stop()
    assert_one_generation(output)
    assert leftovers(tree) == []
    assert kept_generations(output) == 2


def test_two_builds_started_together_both_succeed_one_after_the_other(tree):
    theme = tree / "theme"
    first, second = start_build(tree, theme), start_build(tree, theme)  # no output/ yet
    results = [process.communicate() for process in (first, second)]
    assert (first.returncode, second.returncode) == (0, 0), results
    waited = [stderr for _stdout, stderr in results if "is running" in stderr and "waiting for it to finish" in stderr]
    assert len(waited) == 1
    assert_one_generation(tree / "output")
    assert leftovers(tree) == []
    assert kept_generations(tree / "output") == 2


def test_a_build_that_cannot_get_the_lock_in_time_says_why(tiny_site, tmp_path):
    output = tmp_path / "output"
    with (
        build_lock(str(output)),
        pytest.raises(BuildFailed, match=r"another build of output/ .* has been running for over"),
    ):
        from site_build import build_site

        build_site(REPO / "pelicanconf.py", output, overrides={"PATH": str(tiny_site / "content")}, lock_timeout=0.3)
    assert not output.exists()


def test_pages_upload_tars_the_live_generation_through_the_link(tiny_site, tmp_path):
    output = build(tiny_site, tmp_path / "output")
    archive = tmp_path / "artifact.tar"
    # The command of actions/upload-pages-artifact (v3), with our output/ as its path.
    subprocess.run(
        [
            "tar",
            "--dereference",
            "--hard-dereference",
            "--directory",
            str(output),
            "-cf",
            str(archive),
            "--exclude=.git",
            "--exclude=.github",
            ".",
        ],
        check=True,
    )
    (tmp_path / "unpacked").mkdir()
    subprocess.run(["tar", "-xf", str(archive), "--directory", str(tmp_path / "unpacked")], check=True)
    unpacked = {
        path.relative_to(tmp_path / "unpacked").as_posix()
        for path in (tmp_path / "unpacked").rglob("*")
        if path.is_file()
    }
    assert unpacked == {path.relative_to(output).as_posix() for path in output.rglob("*") if path.is_file()}
    assert (tmp_path / "unpacked" / "index.html").read_bytes() == (output / "index.html").read_bytes()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url):
    """Return the body of ``url``, or None while the server is not answering yet."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


# How often wait_for asks again: a rebuild of the tiny site takes a few tenths of a second,
# and each wait overran it by half the interval on average (0.15 s at 0.3 s, 24 waits).
POLL_SECONDS = 0.05


def wait_for(condition, timeout=90):
    """Return the first true value of ``condition()``, asked every POLL_SECONDS; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(POLL_SECONDS)
    raise AssertionError("timed out")


def copy_checkout(root):
    """Write the tiny site in ``root`` and copy the rest of what `invoke build` and `invoke serve` need; return it."""
    write_tiny_site(root)
    for name in ("themes", "translations", "plugins", "tasks.py", "pelicanconf.py"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copyfile(REPO / name, root / name)
    return root


def test_the_preview_serves_each_new_generation_through_the_link(tmp_path):
    checkout = copy_checkout(tmp_path / "checkout")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "invoke", "serve", "--port", str(port)],
        cwd=checkout,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://localhost:{port}/en/"
        assert "</html>" in wait_for(lambda: fetch(url))
        assert (checkout / "output").is_symlink()
        first = os.readlink(checkout / "output")
        page = checkout / "content" / "pages" / "home.en.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nA sentence the preview must show.\n", encoding="utf-8")
        wait_for(lambda: "A sentence the preview must show." in (fetch(url) or ""))
        assert os.readlink(checkout / "output") != first  # a new generation, served through the same link
        # Each rebuild reads again only the files the watcher reported: the same file saved again,
        # then another one, and a new one, are each shown.
        page.write_text(page.read_text(encoding="utf-8") + "\nA second sentence.\n", encoding="utf-8")
        wait_for(lambda: "A second sentence." in (fetch(url) or ""))
        news = checkout / "content" / "news" / f"{TINY_NEWS}.en.md"
        news.write_text(news.read_text(encoding="utf-8") + "\nA sentence added to the news.\n", encoding="utf-8")
        wait_for(lambda: "A sentence added to the news." in (fetch(f"{url}novini/the-sites-first-news-item/") or ""))
        added = checkout / "content" / "pages" / "about.bg.md"
        added.write_text("Title: За нас\nTemplate: activity\nSummary: За нас.\n\nНова страница.\n", encoding="utf-8")
        wait_for(lambda: "Нова страница." in (fetch(f"http://localhost:{port}/za-nas/") or ""))
        assert "A second sentence." in fetch(url)
    finally:
        server.terminate()
        server.wait(timeout=30)


# Filler pages: the tiny site alone builds in well under a second, and the Ctrl-C
# could then come after the build's end. With these it takes seconds of parsing.
FILLER_PAGES = 400
FILLER_TEXT = "Общините в региона обсъждат общи проекти, обучения и услуги за гражданите. " * 80


def _interruptible():
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_during_a_build_says_that_the_last_complete_build_is_live(tmp_path):
    checkout = copy_checkout(tmp_path / "checkout")
    for number in range(FILLER_PAGES):
        page = checkout / "content" / "pages" / f"filler-{number:03}.bg.md"
        page.write_text(f"Title: Страница {number}\nTemplate: activity\n\n{FILLER_TEXT}\n", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "invoke", "build"],
        cwd=checkout,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # As from an editor's terminal: Ctrl-C interrupts, whatever the test runner's process ignores
        # (an ignored SIGINT is inherited, and Python then never raises KeyboardInterrupt).
        preexec_fn=_interruptible,
    )
    lock = checkout / ".output.lock"
    # The build holds the lock (and writes its process id in it) from its start to its end.
    wait_for(lambda: lock.is_file() and f"process {process.pid}" in lock.read_text(encoding="utf-8"), timeout=60)
    assert process.poll() is None, "the build ended before it could be interrupted"
    process.send_signal(signal.SIGINT)
    _stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 1, stderr[-2000:]
    assert "Interrupted; output/ shows the last complete build." in stderr
    assert "Traceback" not in stderr
    assert leftovers(checkout) == []  # staging removed on the way out


def fetch_any(url):
    """Return (status, body) of ``url`` whatever the status, or None while the server is not answering yet."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except OSError:
        return None


def test_the_preview_shows_a_rebuild_s_problems_in_place_of_the_page_until_they_are_fixed(tmp_path):
    checkout = copy_checkout(tmp_path / "checkout")
    port = free_port()
    # As an editor runs it: no $THRACE_LANG, so the preview speaks Bulgarian.
    editor_env = {name: value for name, value in os.environ.items() if name != LANGUAGE_VARIABLE}
    server = subprocess.Popen(
        [sys.executable, "-m", "invoke", "serve", "--port", str(port)],
        cwd=checkout,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=editor_env,
    )
    try:
        url = f"http://localhost:{port}/en/"
        assert wait_for(lambda: (fetch_any(url) or (0, ""))[0] == 200)
        published = os.readlink(checkout / "output")
        page = checkout / "content" / "pages" / "home.en.md"
        good = page.read_text(encoding="utf-8")
        page.write_text(good.replace("Title:", "Slug: <script>x</script>\nTitle:", 1), encoding="utf-8")

        status, body = wait_for(
            lambda: (lambda answer: answer if answer and answer[0] == 500 else None)(fetch_any(url))
        )
        error_page = BeautifulSoup(body, "html.parser")
        assert error_page.html["lang"] == "bg"
        assert error_page.h1.get_text() == "Сайтът не можа да бъде построен"
        items = [item.get_text(" ", strip=True) for item in error_page.select("li")]
        assert any(
            item.startswith("content/pages/home.en.md:1")
            and "адресът (slug) „<script>x</script>“ не е допустим" in item
            and "малки латински букви" in item
            for item in items
        ), items
        assert "<script>x</script>" not in body and "&lt;script&gt;" in body  # the editor's text is escaped
        assert fetch_any(f"http://localhost:{port}/")[0] == 500  # every address, not only the page changed
        assert os.readlink(checkout / "output") == published  # the published site is untouched

        page.write_text(good, encoding="utf-8")
        status, body = wait_for(
            lambda: (lambda answer: answer if answer and answer[0] == 200 else None)(fetch_any(url))
        )
        assert "Сайтът не можа да бъде построен" not in body
        assert BeautifulSoup(body, "html.parser").select_one("main#main-content h1")
    finally:
        server.terminate()
        server.wait(timeout=30)
