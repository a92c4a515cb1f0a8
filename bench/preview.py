"""Time `invoke serve`: from saving a Markdown file to its new page being written, in one warm process.

    .venv/bin/python bench/preview.py --n 500 --edits 10

Runs the preview server of `invoke serve` (bench/build_ours.py --serve) on a
benchmark tree, waits for its first build, then saves one page's source again
and again with a new sentence, each time measuring how long it takes until the
page in the live output contains it: the watcher's notice, the rebuild in the
warm process, and the switch to the new generation; and the CPU time the server
used meanwhile (/proc), the steadier figure on a shared machine. `invoke bench`
runs it too.
"""

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO))

from bench import build_environment  # noqa: E402
from bench.corpus import generate_corpus  # noqa: E402

# Seconds between two saves: the browser's reload and the watcher settle in between.
PAUSE = 0.5
# Give up on one save after this many seconds.
TIMEOUT = 120


def free_port():
    """Return a TCP port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _page_of(output, title):
    """Return the English page whose heading is ``title``."""
    for path in sorted((output / "en").rglob("index.html")):
        if f">{title}</h1>" in path.read_text(encoding="utf-8"):
            return path.relative_to(output)
    raise SystemExit(f"no English page is titled {title!r}")


def _wait_until(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(0.002)


def cpu_seconds(pid):
    """Return the CPU time (user + system) a process has used so far (Linux: /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(corpus, python, edits, log):
    """Return [(wall seconds, CPU seconds of the server)] from each save of a page's source to its page written."""
    root = corpus.root
    output = root / "output-preview"
    port = free_port()
    command = [python, str(BENCH / "build_ours.py"), str(root), str(output), str(root / "cache"), "--serve", str(port)]
    with open(log, "ab") as out:
        server = subprocess.Popen(command, cwd=root, env=build_environment(), stdout=out, stderr=subprocess.STDOUT)
    try:

        def answers():
            if server.poll() is not None:
                raise SystemExit(f"the preview stopped ({server.returncode}); see {log}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
                    return True
            except OSError:
                return False

        _wait_until(answers, 600, "the preview's first build")
        key = corpus.page_keys[len(corpus.page_keys) // 3]
        source = corpus.page_file(key, "en")
        original = source.read_text(encoding="utf-8")
        title = original.split("\n", 1)[0].removeprefix("Title: ")
        page = _page_of(output, title)
        latencies = []
        for number in range(edits):
            sentence = f"Saved in the preview benchmark, edit {number}."
            cpu = cpu_seconds(server.pid)
            started = time.perf_counter()
            source.write_text(original + f"\n{sentence}\n", encoding="utf-8")
            _wait_until(lambda s=sentence: s in _read(output / page), TIMEOUT, "the edited page")
            latencies.append((time.perf_counter() - started, cpu_seconds(server.pid) - cpu))
            time.sleep(PAUSE)
        source.write_text(original, encoding="utf-8")
        return latencies
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _read(path):
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500, help="pages per language")
    parser.add_argument("--edits", type=int, default=10, help="saves to time")
    args = parser.parse_args(argv)
    corpus = generate_corpus(BENCH / ".corpus" / f"n{args.n}" / "ours", args.n)
    venv = REPO / ".venv" / "bin" / "python"
    log = BENCH / ".corpus" / f"n{args.n}" / "preview.log"
    measured = measure(corpus, str(venv) if venv.exists() else sys.executable, args.edits, log)
    load = os.getloadavg()
    print(
        f"save → page written, N = {args.n}: {summary(measured)}; load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}"
    )


def summary(measured):
    """Return the medians and spans of wall and CPU time of the saves, as one line."""
    walls, cpus = [wall for wall, _cpu in measured], [cpu for _wall, cpu in measured]
    return (
        f"{len(measured)} saves, wall median {statistics.median(walls):.3f} s ({min(walls):.3f}–{max(walls):.3f}), "
        f"server CPU median {statistics.median(cpus):.3f} s ({min(cpus):.3f}–{max(cpus):.3f})"
    )


if __name__ == "__main__":
    main()
