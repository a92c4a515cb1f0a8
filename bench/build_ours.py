"""Build a benchmark tree with our pipeline, as `invoke build` does (one process, timed from outside).

python bench/build_ours.py SOURCE_ROOT OUTPUT CACHE [--one-language] [--pelican-cache] [--workers N]
python bench/build_ours.py SOURCE_ROOT OUTPUT CACHE --serve PORT     (the preview of `invoke serve`)
"""

import argparse
import atexit
import datetime
import gc
import logging
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "plugins"))

# As tasks.py: the cycle collector is off but in the build, which freezes what was imported first.
gc.disable()
from site_build import BuildFailed, build_site  # noqa: E402

# As tasks.py: the process ends with its build, and its exit need not walk the build's objects.
atexit.register(gc.freeze)

# "Today" of every benchmark build, so that a run does not depend on the clock.
TODAY = datetime.date(2026, 11, 27)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("source_root")
    parser.add_argument("output")
    parser.add_argument("cache")
    parser.add_argument("--one-language", action="store_true", help="the site has Bulgarian only")
    parser.add_argument("--pelican-cache", action="store_true", help="Pelican's own reader cache instead of ours")
    parser.add_argument("--workers", type=int, help="MARKDOWN_CACHE_WORKERS (default: the setting's)")
    parser.add_argument("--serve", type=int, metavar="PORT", help="run the preview of `invoke serve` on this port")
    args = parser.parse_args()
    root = Path(args.source_root).resolve()
    overrides = {
        "PATH": str(root / "content"),
        "SITE_DATA_PATH": str(root / "data"),
        "MULTILINGUAL_TRANSLATIONS_PATH": str(REPO / "translations"),
        "SITE_TODAY": TODAY,
        "CACHE_PATH": str(Path(args.cache).resolve()),
    }
    if args.workers is not None:
        overrides["MARKDOWN_CACHE_WORKERS"] = args.workers
    if args.one_language:
        overrides["MULTILINGUAL_LANGUAGES"] = {"bg": "bg_BG"}
    if args.pelican_cache:
        overrides.update(
            MARKDOWN_CACHE_ENABLED=False,
            CACHE_CONTENT=True,
            LOAD_CONTENT_CACHE=True,
            CONTENT_CACHING_LAYER="reader",
            CHECK_MODIFIED_METHOD="sha256",
            GZIP_CACHE=False,
        )
    logging.basicConfig(level=logging.ERROR)  # the catalogs' warnings are not what is measured
    if args.serve:
        from site_build.preview import serve_preview

        gc.enable()  # as in `invoke serve`, whose process lives on between builds

        # What `invoke serve` watches: the tree's sources, and the theme, catalogs, plugins and settings it builds with.
        watched = [str(root / "content"), str(root / "data")]
        watched += [str(REPO / folder) for folder in ("themes", "translations", "plugins")] + [
            str(REPO / "pelicanconf.py")
        ]
        serve_preview(
            REPO / "pelicanconf.py", args.output, watched, port=args.serve, host="127.0.0.1", overrides=overrides
        )
        return
    try:
        build_site(REPO / "pelicanconf.py", args.output, overrides=overrides)
    except BuildFailed as failure:
        print(failure, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
