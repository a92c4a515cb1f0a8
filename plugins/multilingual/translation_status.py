"""Which translations of each page exist, are missing, or are older than their Bulgarian source.

A translation records the fingerprint of the Bulgarian text it was made from in
its front matter (``Source-Fingerprint: 1a2b3c4d5e6f``). The fingerprint covers
only what a translator translates: the title, the summary and the body, with
whitespace folded and the front matter in any order, so reformatting the
source does not make its translations outdated, while any change of wording does.
"""

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

FINGERPRINT_KEY = "source-fingerprint"
TRANSLATED_FIELDS = ("title", "summary")
META_LINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9_-]*)\s*:\s?(?P<value>.*)$")


def split_source(text):
    """Return ({lowercase key: value}, body) of a Markdown source with Pelican metadata."""
    lines = text.splitlines()
    metadata = {}
    index = 0
    while index < len(lines) and META_LINE.match(lines[index]):
        match = META_LINE.match(lines[index])
        metadata[match.group("key").lower()] = match.group("value").strip()
        index += 1
    return metadata, "\n".join(lines[index:])


def fingerprint(text):
    """Return the fingerprint of what a translator translates in a source text."""
    metadata, body = split_source(text)
    parts = [f"{key}={' '.join(metadata.get(key, '').split())}" for key in TRANSLATED_FIELDS]
    parts.append(" ".join(body.split()))
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:12]


def recorded_fingerprint(text):
    """Return the fingerprint a translation says it was made from, or None."""
    metadata, _body = split_source(text)
    return metadata.get(FINGERPRINT_KEY) or None


def with_fingerprint(text, value):
    """Return the translation text with its Source-Fingerprint line set to ``value``."""
    lines = text.splitlines(keepends=True)
    index = 0
    while index < len(lines) and META_LINE.match(lines[index].rstrip("\n")):
        if lines[index].lower().startswith(FINGERPRINT_KEY):
            lines[index] = f"Source-Fingerprint: {value}\n"
            return "".join(lines)
        index += 1
    lines.insert(index, f"Source-Fingerprint: {value}\n")
    return "".join(lines)


@dataclass
class PageStatus:
    """The state of one page's translations."""

    key: str
    source: str
    translated: dict = field(default_factory=dict)
    outdated: dict = field(default_factory=dict)
    missing: list = field(default_factory=list)


def page_statuses(content_path, languages, default_lang, root):
    """Return a PageStatus for every Bulgarian source under ``content_path``."""
    content_path = Path(content_path)
    statuses = []
    for source in sorted(content_path.rglob(f"*.{default_lang}.md")):
        key = source.name[: -len(f".{default_lang}.md")]
        current = fingerprint(source.read_text(encoding="utf-8"))
        status = PageStatus(key, str(source.relative_to(root)))
        for lang in languages:
            if lang == default_lang:
                continue
            translation = source.with_name(f"{key}.{lang}.md")
            display = str(translation.relative_to(root))
            text = translation.read_text(encoding="utf-8") if translation.is_file() else ""
            if not text or split_source(text)[0].get("status") == "draft":
                status.missing.append(lang)
            elif recorded_fingerprint(text) == current:
                status.translated[lang] = display
            else:
                status.outdated[lang] = display
        statuses.append(status)
    return statuses
