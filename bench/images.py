"""Benchmark the images plugin on photos of a phone's size: cold encoding, a rebuild, bytes a phone downloads.

    .venv/bin/python bench/images.py [--photos 50] [--workers 2]

Makes N photo-like 12-megapixel JPEGs (4000×3000, with EXIF and GPS, deterministic:
noise at several scales over gradients, so they compress like photos rather than
like flat test cards), then measures:

1. the cold encoding of all N into an empty cache (ImageStore.prepare, as the build
   runs it, with --workers processes);
2. what N unchanged photos add to a rebuild: the real site with a gallery of the N
   photos against the same site without it, both with a warm cache
   (wall and CPU, best of 5: the CPU time is the steadier figure on a shared machine);
3. the bytes of images a news page with three of the photos makes Chromium
   download at a 390 px viewport (1x and 3x screens), every photo scrolled into view.

It prints the figures; bench/RESULTS.md records them with the machine's load.
"""

import argparse
import os
import resource
import shutil
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path[:0] = [str(REPO / "plugins"), str(REPO / "tests"), str(REPO)]

from PIL import Image, ImageFilter  # noqa: E402

from conftest import build  # noqa: E402
from images.store import ImageStore, Request, Use  # noqa: E402
from images_fixtures import GPS  # noqa: E402

WORK = BENCH / ".corpus" / "images"
SIZE = (4000, 3000)


def photo_like(path, seed):
    """Write a deterministic 12-megapixel JPEG that compresses like a photograph, with EXIF and GPS."""
    layers = []
    for scale, blur in ((8, 0), (32, 1), (128, 2)):
        small = Image.effect_noise((SIZE[0] // scale + 1, SIZE[1] // scale + 1), 40 + seed % 7)
        layers.append(small.resize(SIZE, Image.BICUBIC).filter(ImageFilter.GaussianBlur(blur)))
    detail = Image.effect_noise(SIZE, 12).filter(ImageFilter.GaussianBlur(0.8))
    red = Image.blend(Image.blend(layers[0], layers[1], 0.5), detail, 0.3)
    green = Image.blend(layers[1], Image.linear_gradient("L").resize(SIZE), 0.5)
    blue = Image.blend(layers[2], Image.linear_gradient("L").rotate(90 + seed).resize(SIZE), 0.6)
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(0x8825).update(GPS)
    Image.merge("RGB", (red, green, blue)).save(path, "JPEG", quality=90, exif=exif)


def make_photos(count):
    folder = WORK / "photos"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"photo-{number:02d}.jpg"
        if not path.is_file():
            photo_like(path, number)
        paths.append(path)
    return paths


def cold_encoding(paths, workers):
    content = WORK / "cold-content"
    shutil.rmtree(content, ignore_errors=True)
    (content / "images").mkdir(parents=True)
    for path in paths:
        shutil.copy(path, content / "images" / path.name)
    cache = WORK / "cold-cache" / "images"
    shutil.rmtree(cache, ignore_errors=True)
    store = ImageStore(
        str(content), str(cache), [480, 960, 1600], {"avif": 55, "webp": 75, "jpeg": 80}, 20, 15_000_000, workers
    )
    requests = [Request(f"images/{path.name}", uses=[Use("bench", 1)]) for path in paths]

    def cpu():
        return sum(
            getattr(resource.getrusage(who), field)
            for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
            for field in ("ru_utime", "ru_stime")
        )

    start, start_cpu = time.perf_counter(), cpu()
    problems = store.prepare(requests)  # the pool's workers have exited (and been counted) when it returns
    elapsed, cpu_time = time.perf_counter() - start, cpu() - start_cpu
    assert not [p for p in problems if p.severity == "error"], problems
    assert store.encoded == len(paths)
    return elapsed, cpu_time


def site_with(paths, name, gallery):
    root = WORK / name
    shutil.rmtree(root, ignore_errors=True)
    for folder in ("content", "data"):
        shutil.copytree(REPO / folder, root / folder)
    (root / "content/images/news").mkdir(parents=True, exist_ok=True)
    for path in paths:
        shutil.copy(path, root / "content/images/news" / path.name)
    if gallery:
        (root / "data/galleries").mkdir()
        items = "".join(
            f"  - file: images/news/{path.name}\n    alt:\n      bg: Снимка {number}\n"
            for number, path in enumerate(paths, 1)
        )
        (root / "data/galleries/bench.yaml").write_text(
            f"page: 2026-11-27-four-language-site\nimages:\n{items}", encoding="utf-8"
        )
    return root


def process_cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed_build(root, cache):
    """Return (wall, CPU) seconds of one build in this process (a build that encodes nothing starts no worker)."""
    start, start_cpu = time.perf_counter(), process_cpu()
    build(root, root / "output", CACHE_PATH=str(cache))
    return time.perf_counter() - start, process_cpu() - start_cpu


def rebuild_added(paths):
    cache = WORK / "cold-cache"  # the entries the cold encoding made: same bytes, same settings
    with_photos, without = site_with(paths, "site-gallery", True), site_with([], "site-plain", False)
    timed_build(with_photos, cache)  # fills the cache (and warms the process)
    timed_build(without, cache)
    times = {"with": [], "without": []}
    for _round in range(5):
        times["with"].append(timed_build(with_photos, cache))
        times["without"].append(timed_build(without, cache))
    return {kind: (min(wall for wall, _cpu in runs), min(cpu for _wall, cpu in runs)) for kind, runs in times.items()}


def phone_bytes(paths):
    """Return {device scale: image bytes} Chromium downloads for a news page of three photos at 390 px."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from playwright.sync_api import sync_playwright

    root = site_with(paths[:3], "site-news", False)
    body = "\n\n".join(
        f'![Снимка {n}](images/news/{path.name} "Снимка {n}")\n\n' + "Текст на новината. " * 40
        for n, path in enumerate(paths[:3], 1)
    )
    (root / "content/news/2026-11-28-three-photos.bg.md").write_text(
        f"Title: Три снимки\nDate: 2026-11-28\n\n{body}\n", encoding="utf-8"
    )
    output = build(root, root / "output", CACHE_PATH=str(WORK / "cold-cache"))
    page = next(
        p
        for p in output.rglob("index.html")
        if '<h1 class="th-heading-xl">Три снимки</h1>' in p.read_text(encoding="utf-8")
        and '<html lang="bg"' in p.read_text(encoding="utf-8")
    )
    address = "/" + page.parent.relative_to(output).as_posix() + "/"
    handler = functools.partial(
        type("Quiet", (SimpleHTTPRequestHandler,), {"log_message": lambda *a: None}), directory=str(output)
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    found = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
            )
            for scale in (1, 3):
                context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=scale)
                tab = context.new_page()
                sizes = {}
                tab.on(
                    "response",
                    lambda response, sizes=sizes: (
                        sizes.__setitem__(response.url, len(response.body()))
                        if response.request.resource_type == "image"
                        else None
                    ),
                )
                tab.goto(f"http://127.0.0.1:{server.server_address[1]}{address}", wait_until="load")
                tab.evaluate("""async () => { for (const img of document.querySelectorAll("main img")) { img.scrollIntoView();
                    if (!img.complete) await new Promise(done => img.addEventListener("load", done)); } }""")
                tab.wait_for_timeout(300)
                found[scale] = (sum(sizes.values()), sorted(url.rsplit("/", 1)[1] for url in sizes))
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--skip-cold", action="store_true", help="reuse the cache of an earlier run instead of encoding again"
    )
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{v:.2f}' for v in os.getloadavg())}; {os.cpu_count()} cores")
    paths = make_photos(args.photos)
    total = sum(path.stat().st_size for path in paths)
    print(f"{len(paths)} photos of {SIZE[0]}×{SIZE[1]} ({SIZE[0] * SIZE[1] / 1e6:.0f} MP), {total / 1e6:.0f} MB in all")
    if not args.skip_cold:
        cold, cpu_time = cold_encoding(paths, args.workers)
        print(
            f"cold encoding, {args.workers} workers: {cold:.1f} s wall ({cold / len(paths):.2f} s a photo), "
            f"{cpu_time:.1f} s CPU (user+system, workers included): {cpu_time / args.workers:.1f} s on {args.workers} idle cores"
        )
    times = rebuild_added(paths)
    (wall, cpu), (plain_wall, plain_cpu) = times["with"], times["without"]
    print(
        f"rebuild, nothing changed: with the {len(paths)} photos {wall:.2f} s wall, {cpu:.2f} s CPU; without them "
        f"{plain_wall:.2f} s wall, {plain_cpu:.2f} s CPU: the photos add {cpu - plain_cpu:+.2f} s CPU, nothing encoded"
    )
    for scale, (size, names) in phone_bytes(paths).items():
        print(
            f"news page with three photos at 390 px, {scale}x screen: {size / 1000:.0f} kB of images ({', '.join(names)})"
        )
    print(f"load average after: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
