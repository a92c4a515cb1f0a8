"""Translation state of data records: missing languages and translations older than the Bulgarian text."""

import hashlib
import re

from .schema import TRANSLATED_FROM
from .values import Localized


def _texts(value, path=""):
    if isinstance(value, Localized):
        yield path, value
    elif isinstance(value, dict):
        for key in sorted(value):
            if key != TRANSLATED_FROM:
                yield from _texts(value[key], f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, f"{path}[{index}]")


def record_fingerprint(record):
    """Return the fingerprint of every Bulgarian text in a record (whitespace folded)."""
    parts = [f"{path}={' '.join(texts[texts.source_lang].split())}" for path, texts in _texts(record)]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:12]


def record_status(record, lang):
    """Return 'translated', 'outdated' or 'missing' for one language of a record."""
    return record_statuses(record, [lang]).get(lang)


def record_statuses(record, languages):
    """Return {lang: 'translated', 'outdated' or 'missing'} of a record ({} if it has no text to translate).

    The record's texts are walked and its fingerprint worked out once for all the languages.
    """
    texts = [texts for _path, texts in _texts(record)]
    if not texts:
        return {}
    recorded = record.get(TRANSLATED_FROM) or {}
    fingerprint = None
    statuses = {}
    for lang in languages:
        if any(lang not in value for value in texts):
            statuses[lang] = "missing"
            continue
        if fingerprint is None:
            fingerprint = record_fingerprint(record)
        statuses[lang] = "translated" if recorded.get(lang) == fingerprint else "outdated"
    return statuses


def outdated_languages(record, languages, default_lang):
    """Return the languages of ``languages`` in which ``record`` (or None) has a translation of an older Bulgarian text."""
    if record is None:
        return set()
    others = [lang for lang in languages if lang != default_lang]
    return {lang for lang, status in record_statuses(record, others).items() if status == "outdated"}


def with_translated_from(text, record, languages):
    """Return the file text with the record's translated_from line set for ``languages``."""
    current = dict(record.get(TRANSLATED_FROM) or {})
    current.update({lang: record_fingerprint(record) for lang in languages})
    value = "{" + ", ".join(f"{lang}: {current[lang]}" for lang in sorted(current)) + "}"
    lines = text.splitlines(keepends=True)
    key_line = record.key_lines.get(TRANSLATED_FROM)
    if key_line:
        old = lines[key_line - 1]
        indent = re.match(r"^(\s*(?:-\s+)?)", old).group(1)
        lines[key_line - 1] = f"{indent}{TRANSLATED_FROM}: {value}\n"
        return "".join(lines)
    # Put the line after the record's last line, so that it never splits a block value.
    first = lines[record.line - 1]
    marker = re.match(r"^(\s*)(-\s+)?", first)
    if not marker.group(2):
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        lines.append(f"{marker.group(1)}{TRANSLATED_FROM}: {value}\n")
        return "".join(lines)
    item_indent = len(marker.group(1))
    key_indent = item_indent + len(marker.group(2))
    last = record.line - 1
    for index in range(record.line, len(lines)):
        stripped = lines[index].strip()
        if not stripped or stripped.startswith("#"):
            continue
        if len(lines[index]) - len(lines[index].lstrip(" ")) <= item_indent:
            break
        last = index
    if not lines[last].endswith("\n"):
        lines[last] += "\n"
    lines.insert(last + 1, f"{' ' * key_indent}{TRANSLATED_FROM}: {value}\n")
    return "".join(lines)
