"""Benchmark our build against stock Pelican + i18n_subsites and Hugo on the same synthetic site.

    .venv/bin/invoke bench -n 500 --runs 3        (or: .venv/bin/python bench/run.py --n 500 --runs 3)

Generates a deterministic corpus of N pages per language (bench/corpus.py), the
equivalent trees for the other tools (bench/compare.py), then times every build
as a whole process (wall clock; CPU and peak memory from os.wait4), alternating
the tools within each run after one warm-up round, and prints medians and
min–max. The comparison tools are installed on first use: stock Pelican into
bench/.venv-compare (bench/requirements-compare.txt), Hugo with apt-get.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO))

from bench import build_environment  # noqa: E402
from bench.compare import hugo_tree, stock_pelican_tree  # noqa: E402
from bench.corpus import generate_corpus  # noqa: E402
from bench.preview import measure as measure_preview  # noqa: E402
from bench.preview import summary as preview_summary  # noqa: E402

WORK = BENCH / ".corpus"
COMPARE_VENV = BENCH / ".venv-compare"
HUGO_VERSION = "0.111"
RESULTS = BENCH / "RESULTS.md"


# Tools -------------------------------------------------------------------------------------


def project_python():
    """Return the project's interpreter (its venv), which our builds run with."""
    venv = REPO / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def ensure_stock_pelican():
    """Return the pelican command of bench/.venv-compare, creating it on first use."""
    pelican = COMPARE_VENV / "bin" / "pelican"
    if not pelican.exists():
        print("Installing stock Pelican + i18n_subsites into bench/.venv-compare …", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(COMPARE_VENV)], check=True)
        subprocess.run(
            [str(COMPARE_VENV / "bin" / "pip"), "install", "--quiet", "-r", str(BENCH / "requirements-compare.txt")],
            check=True,
        )
    return str(pelican)


def ensure_hugo():
    """Return the hugo command, installing Debian's package if it is missing."""
    hugo = shutil.which("hugo")
    if hugo is None:
        print("Installing Hugo (apt-get install -y hugo) …", flush=True)
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        subprocess.run(sudo + ["apt-get", "install", "-y", "hugo"], check=True, stdout=subprocess.DEVNULL)
        hugo = shutil.which("hugo")
    version = subprocess.run([hugo, "version"], capture_output=True, text=True, check=True).stdout.strip()
    if f"v{HUGO_VERSION}" not in version:
        print(f"Note: expected Hugo {HUGO_VERSION}, found: {version}", file=sys.stderr)
    return hugo


def machine():
    """Return the facts of the machine a table was measured on."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory_kib = int(
            next(
                line.split()[1]
                for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")
            )
        )
        memory = f"{memory_kib / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        memory = "unknown"
    python = subprocess.run(
        [project_python(), "-c", "import platform; print(platform.python_version())"], capture_output=True, text=True
    ).stdout.strip()
    hugo = shutil.which("hugo")
    hugo_version = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.split()[1] if hugo else "-"
    load = os.getloadavg()
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory": memory,
        "python": python,
        "os": platform.platform(),
        "hugo": hugo_version,
        "load": f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}",
    }


# Measuring ---------------------------------------------------------------------------------


@dataclass
class Measure:
    """One timed process."""

    wall: float
    cpu: float
    peak_mib: float


def run_timed(command, cwd, log):
    """Run a command as a whole process; return its wall time, CPU time and peak memory."""
    with open(log, "ab") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=build_environment(), stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(
            f"{' '.join(map(str, command))} failed ({process.returncode}); see {log}:\n"
            + Path(log).read_text(encoding="utf-8", errors="replace")[-3000:]
        )
    # ru_maxrss is in KiB on Linux: the largest of the process and its children.
    return Measure(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def html_pages(folder):
    """Return how many HTML pages a build wrote."""
    return sum(1 for _ in Path(folder).rglob("*.html"))


@dataclass
class Scenario:
    """A build to time: how to prepare it, the command, where its pages end up."""

    name: str
    tool: str
    command: list
    cwd: Path
    output: Path
    prepare: object = None
    measures: list = field(default_factory=list)
    pages: int = 0

    def run(self, log, round_number):
        if self.prepare:
            self.prepare(round_number)
        measure = run_timed(self.command, self.cwd, log)
        self.pages = html_pages(self.output)
        return measure


def _remove(*folders):
    def prepare(_round):
        for folder in folders:
            if os.path.islink(folder):
                # Our output/ is a link to its generation (plugins/site_build/publish.py): remove them all,
                # or the "cold" build would hard-link from the previous one.
                os.unlink(folder)
                shutil.rmtree(Path(folder).parent / f".{Path(folder).name}.generations", ignore_errors=True)
            shutil.rmtree(folder, ignore_errors=True)

    return prepare


def _edit_markdown(path):
    """Change one sentence of a page, differently at each round."""
    original = path.read_text(encoding="utf-8")

    def prepare(round_number):
        path.write_text(original + f"\nEdited in benchmark round {round_number}.\n", encoding="utf-8")

    return prepare


def _edit_data(path):
    """Change one text of a data file, differently at each round (a comment if it has none)."""
    import yaml

    original = path.read_text(encoding="utf-8")
    raw = yaml.load(original, Loader=yaml.BaseLoader)
    record = raw[-1] if isinstance(raw, list) and raw else raw
    text_field = next((k for k, v in (record or {}).items() if isinstance(v, dict) and "bg" in v), None)

    def prepare(round_number):
        if text_field is None:
            path.write_text(original + f"\n# benchmark round {round_number}\n", encoding="utf-8")
            return
        edited = json.loads(json.dumps(raw))
        target = edited[-1] if isinstance(edited, list) else edited
        target[text_field]["bg"] += f" (round {round_number})"
        path.write_text(yaml.safe_dump(edited, allow_unicode=True, sort_keys=False, width=10000), encoding="utf-8")

    return prepare


def scenarios(n, trees, pelican, hugo, with_pelican_cache, with_stock=True):
    """Return the builds to time, in the order they alternate within a round."""
    python = project_python()
    build = str(BENCH / "build_ours.py")
    ours, one, real = trees["ours"], trees["one-language"], trees["real"]
    corpus = trees["corpus"]

    def our_build(root, *flags, cache="cache", output="output"):
        return [python, build, str(root), str(root / output), str(root / cache), *flags]

    changed_page = corpus.page_file(corpus.page_keys[len(corpus.page_keys) // 2], "en")
    data_file = corpus.data_files[0] if corpus.data_files else ours / "data" / "navigation.yaml"
    real_page = next(iter(sorted((real / "content" / "pages").glob("*.en.md"))))
    items = [
        Scenario(
            "ours: cold full build (no cache)",
            "ours",
            our_build(ours),
            ours,
            ours / "output",
            _remove(ours / "cache", ours / "output"),
        ),
        Scenario(
            "ours: cold full build, parsing in one process",
            "ours",
            our_build(ours, "--workers", "1"),
            ours,
            ours / "output",
            _remove(ours / "cache", ours / "output"),
        ),
        *(
            [
                Scenario(
                    "stock Pelican 4.12 + i18n_subsites",
                    "stock",
                    [pelican, "content", "-s", "pelicanconf.py", "-o", "output", "-q"],
                    trees["stock"],
                    trees["stock"] / "output",
                    _remove(trees["stock"] / "output"),
                )
            ]
            if with_stock
            else []
        ),
        Scenario(
            f"Hugo {HUGO_VERSION} full build",
            "hugo",
            [hugo, "--quiet", "-d", "public"],
            trees["hugo"],
            trees["hugo"] / "public",
            _remove(trees["hugo"] / "public"),
        ),
        Scenario("ours: warm rebuild, nothing changed", "ours", our_build(ours), ours, ours / "output"),
        Scenario(
            "ours: rebuild after one Markdown file changed",
            "ours",
            our_build(ours),
            ours,
            ours / "output",
            _edit_markdown(changed_page),
        ),
        Scenario(
            "ours: rebuild after one data file changed",
            "ours",
            our_build(ours),
            ours,
            ours / "output",
            _edit_data(data_file),
        ),
        Scenario(
            "ours, one language, same number of sources: cold",
            "ours",
            our_build(one, "--one-language"),
            one,
            one / "output",
            _remove(one / "cache", one / "output"),
        ),
        Scenario(
            "real site: cold full build",
            "ours",
            our_build(real),
            real,
            real / "output",
            _remove(real / "cache", real / "output"),
        ),
        Scenario(
            "real site: rebuild after one page changed",
            "ours",
            our_build(real),
            real,
            real / "output",
            _edit_markdown(real_page),
        ),
    ]
    if with_pelican_cache:
        variant = [
            ("ours with Pelican's reader cache: cold", _remove(ours / "pcache", ours / "output-pcache")),
            ("ours with Pelican's reader cache: warm, nothing changed", None),
            ("ours with Pelican's reader cache: one Markdown file changed", _edit_markdown(changed_page)),
        ]
        items += [
            Scenario(
                name,
                "ours",
                our_build(ours, "--pelican-cache", cache="pcache", output="output-pcache"),
                ours,
                ours / "output-pcache",
                prepare,
            )
            for name, prepare in variant
        ]
    return items


# Reporting ---------------------------------------------------------------------------------


def _span(values, digits=2):
    return f"{statistics.median(values):.{digits}f} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def summarise(items):
    """Return one row of numbers per scenario (medians, spans, ratios to stock and Hugo)."""
    rows = []
    stock = next((s for s in items if s.tool == "stock"), None)
    hugo = next(s for s in items if s.tool == "hugo")
    stock_wall = statistics.median(m.wall for m in stock.measures) if stock else None
    hugo_wall = statistics.median(m.wall for m in hugo.measures)
    for item in items:
        walls = [m.wall for m in item.measures]
        wall = statistics.median(walls)
        rows.append(
            {
                "name": item.name,
                "tool": item.tool,
                "wall": walls,
                "cpu": [m.cpu for m in item.measures],
                "peak_mib": [m.peak_mib for m in item.measures],
                "pages": item.pages,
                "ms_per_page": 1000 * wall / item.pages if item.pages else None,
                "vs_stock": wall / stock_wall if item.tool == "ours" and stock_wall else None,
                "vs_hugo": wall / hugo_wall if item.tool == "ours" else None,
            }
        )
    return rows


def table(rows):
    """Return the results as a Markdown table."""
    lines = [
        "| build | wall s, median (min–max) | CPU s, median (min–max) | peak MiB (max) | HTML pages | ms/page | ours/stock | ours/Hugo |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        ratio = lambda value: f"{value:.2f}×" if value is not None else "—"  # noqa: E731
        lines.append(
            f"| {row['name']} | {_span(row['wall'])} | {_span(row['cpu'])} | {max(row['peak_mib']):.0f} | {row['pages']} | "
            f"{row['ms_per_page']:.2f} | {ratio(row['vs_stock'])} | {ratio(row['vs_hugo'])} |"
        )
    return "\n".join(lines)


def targets(n, rows, preview=None):
    """Return the targets this N checks, each with the measured value and whether it is met."""
    by_name = {row["name"]: row for row in rows}

    def median(name, key="wall"):
        return statistics.median(by_name[name][key])

    hugo_wall = statistics.median(next(row for row in rows if row["tool"] == "hugo")["wall"])
    cold, edit = "ours: cold full build (no cache)", "ours: rebuild after one Markdown file changed"
    checks = []
    if n == 500:
        # Issue 14's targets, against Hugo's full build measured in the same run.
        checks += [
            (
                f"cold full build ≤ 2.5× Hugo's ({median(cold):.2f} s vs {2.5 * hugo_wall:.2f} s)",
                median(cold) <= 2.5 * hugo_wall,
            ),
            (
                f"rebuild after one Markdown change ≤ 0.5× Hugo's full build ({median(edit):.2f} s vs {0.5 * hugo_wall:.2f} s)",
                median(edit) <= 0.5 * hugo_wall,
            ),
        ]
        if preview:
            wall = statistics.median(wall for wall, _cpu in preview)
            checks.append((f"`invoke serve`: save → page written ≤ 0.5 s (median {wall:.2f} s)", wall <= 0.5))
    ratio = median(cold) / median("ours, one language, same number of sources: cold")
    cpu_ratio = median(cold, "cpu") / median("ours, one language, same number of sources: cold", "cpu")
    checks.append(
        (
            f"four languages ≤ 1.3× one language with as many sources ({ratio:.2f}× wall, {cpu_ratio:.2f}× CPU)",
            ratio <= 1.3,
        )
    )
    if n == 2000:
        peak = max(max(row["peak_mib"]) for row in rows if row["tool"] == "ours")
        checks.append((f"peak memory of our builds < 200 MiB ({peak:.0f} MiB)", peak < 200))
        earlier = WORK / "results-n500.json"
        if earlier.exists():
            old = {row["name"]: row for row in json.loads(earlier.read_text(encoding="utf-8"))["rows"]}
            for name in (cold, edit):
                now_ms, then_ms = by_name[name]["ms_per_page"], old[name]["ms_per_page"]
                now_cpu = 1000 * statistics.median(by_name[name]["cpu"]) / by_name[name]["pages"]
                then_cpu = 1000 * statistics.median(old[name]["cpu"]) / old[name]["pages"]
                checks.append(
                    (
                        f"{name}: ms per page at N=2000 no worse than at N=500 ({now_ms:.2f} vs {then_ms:.2f} wall; "
                        f"{now_cpu:.2f} vs {then_cpu:.2f} CPU)",
                        now_ms <= then_ms,
                    )
                )
    real_cold, real_edit = median("real site: cold full build"), median("real site: rebuild after one page changed")
    checks.append((f"real site cold build < 3 s ({real_cold:.2f} s)", real_cold < 3))
    checks.append((f"real site rebuild after an edit < 1 s ({real_edit:.2f} s)", real_edit < 1))
    return [f"- [{'x' if ok else ' '}] {text}" for text, ok in checks]


def report(n, runs, rows, facts, command, preview=None):
    """Return the Markdown section of RESULTS.md for one N."""
    preview_line = (
        [
            f"`invoke serve` (bench/preview.py), from saving a Markdown file to its page written: "
            f"{preview_summary(preview)}.",
            "",
        ]
        if preview
        else []
    )
    return "\n".join(
        [
            f"### N = {n} pages per language ({runs} runs after a warm-up, tools alternating)",
            "",
            f"Command: `{command}`  ",
            f"Machine: {facts['nproc']} cores ({facts['cpu']}), {facts['memory']} memory, Python {facts['python']}, "
            f"Hugo {facts['hugo']}, {facts['os']}; load average at the end {facts['load']}.",
            "",
            table(rows),
            "",
            *preview_line,
            *targets(n, rows, preview),
        ]
    )


def record(n, section):
    """Replace (or add) the section of this N between its markers in bench/RESULTS.md."""
    begin, end = f"<!-- results n={n} begin -->", f"<!-- results n={n} end -->"
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    block = f"{begin}\n{section}\n{end}"
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        text = head + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    RESULTS.write_text(text, encoding="utf-8")


# The whole benchmark -----------------------------------------------------------------------


def prepare_trees(n, with_stock=True):
    """Generate the corpora of this N (ours, one language, the real site) and the other tools' trees."""
    base = WORK / f"n{n}"
    corpus = generate_corpus(base / "ours", n)
    generate_corpus(base / "one-language", n, one_language=True)
    generate_corpus(base / "real", 0)
    return {
        "corpus": corpus,
        "ours": base / "ours",
        "one-language": base / "one-language",
        "real": base / "real",
        "stock": stock_pelican_tree(base / "ours", base / "stock") if with_stock else None,
        "hugo": hugo_tree(base / "ours", base / "hugo"),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500, help="pages per language")
    parser.add_argument("--runs", type=int, default=3, help="timed runs after the warm-up")
    parser.add_argument("--no-record", action="store_true", help="do not write the table into bench/RESULTS.md")
    parser.add_argument(
        "--with-pelican-cache",
        action="store_true",
        help="also time our build with Pelican's own reader cache instead of ours",
    )
    parser.add_argument(
        "--without-stock", action="store_true", help="leave out stock Pelican (minutes per build at N = 2000)"
    )
    parser.add_argument(
        "--preview-saves", type=int, default=10, help="saves timed in the preview of `invoke serve` (0: none)"
    )
    args = parser.parse_args(argv)
    with_stock = not args.without_stock
    pelican, hugo = ensure_stock_pelican() if with_stock else None, ensure_hugo()
    print(f"Generating the corpus: {args.n} pages per language …", flush=True)
    trees = prepare_trees(args.n, with_stock)
    items = scenarios(args.n, trees, pelican, hugo, args.with_pelican_cache, with_stock)
    log = WORK / f"n{args.n}" / "builds.log"
    log.write_text("", encoding="utf-8")
    for round_number in range(args.runs + 1):
        label = "warm-up" if round_number == 0 else f"run {round_number}/{args.runs}"
        for item in items:
            measure = item.run(log, round_number)
            if round_number:
                item.measures.append(measure)
            print(
                f"  {label}: {item.name}: {measure.wall:.2f} s wall, {measure.cpu:.2f} s CPU, "
                f"{measure.peak_mib:.0f} MiB",
                flush=True,
            )
    preview = None
    if args.preview_saves:
        preview = measure_preview(trees["corpus"], project_python(), args.preview_saves, log)
        print(f"  invoke serve: save → page written: {preview_summary(preview)}", flush=True)
    rows = summarise(items)
    facts = machine()
    options = " --with-pelican-cache" * args.with_pelican_cache + " --without-stock" * args.without_stock
    if args.preview_saves != parser.get_default("preview_saves"):
        options += f" --preview-saves {args.preview_saves}"
    command = (
        f".venv/bin/python bench/run.py --n {args.n} --runs {args.runs}{options}"
        if options
        else f".venv/bin/invoke bench -n {args.n} --runs {args.runs}"
    )
    section = report(args.n, args.runs, rows, facts, command, preview)
    (WORK / f"results-n{args.n}.json").write_text(
        json.dumps({"facts": facts, "rows": rows}, indent=1), encoding="utf-8"
    )
    print()
    print(section)
    if not args.no_record:
        record(args.n, section)
        print(f"\nRecorded in {RESULTS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
