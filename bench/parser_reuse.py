"""Measure what reusing one Markdown parser saves over a new parser per file (CPU time, in one process).

.venv/bin/python bench/parser_reuse.py [N]     (the corpus of `invoke bench --n N` must exist)
"""

import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "plugins"))

from markdown import Markdown  # noqa: E402
from pelican.settings import read_settings  # noqa: E402

from markdown_cache.parser import MarkdownParser, decode_source, markdown_settings  # noqa: E402


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    settings = markdown_settings(read_settings(str(REPO / "pelicanconf.py")))
    files = sorted((REPO / "bench" / ".corpus" / f"n{n}" / "ours" / "content").rglob("*.md"))
    texts = [decode_source(path.read_bytes()) for path in files]
    for _ in range(3):
        start = time.process_time()
        for text in texts:
            Markdown(**settings).convert(text)
        fresh = time.process_time() - start
        parser = MarkdownParser(settings, [])
        start = time.process_time()
        for text in texts:
            parser.parse(text)
        reused = time.process_time() - start
        print(
            f"{len(texts)} files: a new parser per file {fresh:.2f} s CPU, one reused parser {reused:.2f} s CPU "
            f"({100 * (1 - reused / fresh):.0f}% less)"
        )


if __name__ == "__main__":
    main()
