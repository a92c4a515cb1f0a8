"""Generate a deterministic synthetic site in our content format for the benchmark.

The corpus is the real site (its content/ and data/, so that navigation and
references validate) plus N synthetic pages per language, written as
``content/pages/bench-NNNN.<lang>.md`` with Title/Summary front matter and about
600 words of headings, paragraphs, lists, a table and ``{filename}`` links to
other pages; plus synthetic data records in proportion, for each data set the
site has a schema for (see SCALED_DATASETS). The same seed gives the same bytes.
"""

import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bench.words import WORDS

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "plugins"))

LANGUAGES = ("bg", "en", "el", "tr")
DEFAULT_LANG = "bg"
SEED = 20261127
WORDS_PER_PAGE = 600
KEY_FORMAT = "bench-{:04d}"
# Data sets scaled with the number of pages (records per page key), when their
# schema exists in data/schemas/: the data plugins' records grow with the site.
SCALED_DATASETS = {"trainings": 0.10, "timeline": 0.05, "documents": 0.05}


@dataclass
class Corpus:
    """What was generated, for the benchmark's scenarios and tables."""

    root: Path
    languages: tuple
    page_keys: list
    source_files: int
    data_files: list = field(default_factory=list)

    @property
    def content(self):
        """Return the content/ folder."""
        return self.root / "content"

    def page_file(self, key, lang):
        """Return the source file of a synthetic page."""
        return self.content / "pages" / f"{key}.{lang}.md"


class TextMaker:
    """Sentences, titles and paragraphs from one language's word list."""

    def __init__(self, lang, rng):
        self.words = WORDS[lang]
        self.rng = rng

    def words_n(self, count):
        return [self.rng.choice(self.words) for _ in range(count)]

    def sentence(self, low=7, high=16):
        words = self.words_n(self.rng.randint(low, high))
        if len(words) > 8:
            words[self.rng.randint(3, len(words) - 3)] += ","
        text = " ".join(words)
        return text[:1].upper() + text[1:] + "."

    def title(self):
        text = " ".join(self.words_n(self.rng.randint(3, 6)))
        return text[:1].upper() + text[1:]

    def paragraph(self, sentences):
        return " ".join(self.sentence() for _ in range(sentences))


def _count_words(lines):
    return sum(len(line.split()) for line in lines)


def page_markdown(key, lang, others, rng):
    """Return the Markdown source of one synthetic page (front matter + ~600 words)."""
    text = TextMaker(lang, rng)
    title = f"{text.title()} {key[-4:]}"
    lines = [f"Title: {title}", f"Summary: {text.sentence()}", "", text.paragraph(4), ""]
    section = 0
    while _count_words(lines) < WORDS_PER_PAGE:
        section += 1
        lines += [f"## {text.title()}", "", text.paragraph(3), ""]
        if section % 3 == 1:
            lines += [f"- {text.sentence(3, 8)}" for _ in range(rng.randint(3, 5))] + [""]
        elif section % 3 == 2:
            lines += [f"{i}. {text.sentence(4, 9)}" for i in range(1, rng.randint(4, 6))] + [""]
        else:
            header = text.words_n(3)
            lines += [
                "| " + " | ".join(header) + " |",
                "| --- | --- | ---: |",
                *(
                    f"| {' '.join(text.words_n(2))} | {' '.join(text.words_n(3))} | {rng.randint(1, 999)} |"
                    for _ in range(4)
                ),
                "",
            ]
        if others:
            target = rng.choice(others)
            anchor = "" if section % 2 else "#" + "-".join(text.words_n(1)).lower()
            lines += [
                f"{text.sentence()} [{' '.join(text.words_n(2))}]({{filename}}{target}.{lang}.md{anchor}) {text.sentence()}",
                "",
            ]
        lines += [f"### {text.title()}", "", text.paragraph(2), ""]
    return "\n".join(lines)


# Data records ----------------------------------------------------------------------------


def _existing_ids(data_dir, schemas):
    """Return {collection: ids} of the real data, read leniently (the build validates it)."""
    ids = {}
    for name, schema in schemas.items():
        target = data_dir / schema.file
        if schema.form == "folder":
            ids[name] = [p.stem for p in sorted(target.glob("*.yaml"))] if target.is_dir() else []
        elif schema.form == "list" and target.is_file():
            raw = yaml.load(target.read_text(encoding="utf-8"), Loader=yaml.BaseLoader) or []
            ids[name] = [item["id"] for item in raw if isinstance(item, dict) and "id" in item]
    return ids


class _Unfakeable(Exception):
    """A required field the generator cannot fill (e.g. a file path)."""


def _fake(spec, index, languages, rng, ids, record):
    """Return a value of the field's type; dates respect 'not_before' of the same record."""
    kind = spec.type
    day = 1 + index % 28
    month = 1 + (index // 28) % 12
    year = 2025 + index // 336
    if kind == "text":
        return {lang: TextMaker(lang, rng).sentence(4, 10) for lang in languages}
    if kind == "id":
        return f"bench-{index:04d}"
    if kind == "string":
        return " ".join(TextMaker(DEFAULT_LANG, rng).words_n(3))
    if kind in ("date", "datetime"):
        later = bool(spec.not_before)
        if kind == "date":
            return f"{year:04d}-{month:02d}-{min(day + later, 28):02d}"
        return f"{year:04d}-{month:02d}-{day:02d} {'16:30' if later else '10:00'}"
    if kind == "partial_date":
        return f"{year:04d}-{month:02d}"
    if kind == "boolean":
        return "false"
    if kind == "integer":
        return str(index)
    if kind == "url":
        return f"https://example.org/bench/{index}"
    if kind == "email":
        return "bench@example.org"
    if kind == "choice":
        return str(spec.choices[index % len(spec.choices)])
    if kind == "ref":
        if not ids.get(spec.to):
            raise _Unfakeable(spec.name)
        return ids[spec.to][index % len(ids[spec.to])]
    if kind == "list":
        return [_fake(spec.items, index, languages, rng, ids, record)]
    if kind == "object":
        return _fake_fields(spec.fields, index, languages, rng, ids)
    raise _Unfakeable(spec.name)  # paths name real files


def _fake_fields(specs, index, languages, rng, ids):
    record = {}
    for name, spec in specs.items():
        try:
            record[name] = _fake(spec, index, languages, rng, ids, record)
        except _Unfakeable:
            if spec.required:
                raise
    return record


def _dump(value):
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, default_flow_style=False, width=10000)


def add_data_records(root, page_count, languages, rng, page_keys):
    """Add synthetic records to each scaled data set that has a schema; return changed files."""
    from site_data.schema import load_schemas

    data_dir = root / "data"
    schemas = load_schemas(data_dir / "schemas")
    ids = _existing_ids(data_dir, schemas)
    ids["pages"] = page_keys
    written = []
    for name, ratio in SCALED_DATASETS.items():
        schema = schemas.get(name)
        if schema is None or schema.form == "record":
            continue
        count = max(1, round(page_count * ratio))
        try:
            records = [_fake_fields(schema.fields, i, languages, rng, ids) for i in range(1, count + 1)]
        except _Unfakeable:
            continue  # a required field we cannot invent: leave this data set as it is
        if schema.form == "folder":
            folder = data_dir / schema.file
            folder.mkdir(parents=True, exist_ok=True)
            for i, record in enumerate(records, 1):
                path = folder / f"2099-01-bench-{i:04d}.yaml"
                path.write_text(_dump(record), encoding="utf-8")
                written.append(path)
        else:
            path = data_dir / schema.file
            existing = path.read_text(encoding="utf-8") if path.is_file() else ""
            if existing.strip() and not existing.endswith("\n"):
                existing += "\n"
            path.write_text(existing + "# Synthetic records of the benchmark\n" + _dump(records), encoding="utf-8")
            written.append(path)
    return written


# One language: the same number of source files, in Bulgarian only ---------------------------


_DROP = object()


def _keep_language(value, lang, languages):
    """Return the value with only ``lang`` in each per-language mapping (_DROP if none is left)."""
    if isinstance(value, dict):
        if value and set(value) <= set(languages):
            return {lang: value[lang]} if lang in value else _DROP
        kept = {k: _keep_language(v, lang, languages) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v is not _DROP}
    if isinstance(value, list):
        return [_keep_language(v, lang, languages) for v in value]
    return value


def strip_to_one_language(root, lang=DEFAULT_LANG, languages=LANGUAGES):
    """Remove every other language from the copied content and data; return files removed."""
    removed = 0
    for path in sorted((root / "content").rglob("*.md")):
        parts = path.name.split(".")
        if len(parts) == 3 and parts[1] != lang:
            path.unlink()
            removed += 1
    for path in sorted((root / "data").rglob("*.yaml")):
        if "schemas" in path.parts:
            continue
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        path.write_text(_dump(_keep_language(raw, lang, languages)), encoding="utf-8")
    return removed


# The whole corpus ---------------------------------------------------------------------------


def generate_corpus(root, n, source_root=REPO, one_language=False, seed=SEED):
    """Write the corpus for N pages per language into ``root`` (replacing it); return a Corpus.

    With ``one_language``, the site has only Bulgarian and as many source files
    (4·N synthetic pages plus the real pages' translations as extra pages).
    """
    root = Path(root)
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    for folder in ("content", "data"):
        shutil.copytree(Path(source_root) / folder, root / folder)
    rng = random.Random(seed)
    languages = LANGUAGES
    key_count = n
    if one_language:
        removed = strip_to_one_language(root)
        languages = (DEFAULT_LANG,)
        key_count = n * len(LANGUAGES) + removed  # and so 4x the records, each in one language
    keys = [KEY_FORMAT.format(i) for i in range(1, key_count + 1)]
    pages = root / "content" / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    for index, key in enumerate(keys):
        others = [keys[(index + step) % len(keys)] for step in (1, 7, 31) if len(keys) > 1]
        for lang in languages:
            (pages / f"{key}.{lang}.md").write_text(page_markdown(key, lang, others, rng) + "\n", encoding="utf-8")
    real_keys = sorted({p.name.split(".")[0] for p in pages.glob("*.md")} - set(keys))
    data_files = add_data_records(root, key_count, languages, rng, keys + real_keys)
    sources = sum(1 for _ in (root / "content").rglob("*.md"))
    return Corpus(root, languages, keys, sources, data_files)


if __name__ == "__main__":  # python -m bench.corpus TARGET N
    corpus = generate_corpus(sys.argv[1], int(sys.argv[2]))
    print(f"{corpus.source_files} Markdown files, {len(corpus.data_files)} data files in {corpus.root}")
