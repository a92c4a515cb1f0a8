"""Schemas of the data files, and the one validator that every data file goes through.

A schema is a YAML file in ``data/schemas/`` that describes one data file (or one
folder of one-record files): its fields, their types, which are required, and a
description and an example for the editor. The same file documents the data and
drives its validation.
"""

import datetime
import difflib
import re
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .messages import tr
from .problems import Problem
from .values import Localized, LocalText, PartialDate, Record
from .yaml_lines import LineDict, LineList, YamlSyntaxError, load_yaml

FIELD_TYPES = {
    "id",
    "string",
    "text",
    "date",
    "datetime",
    "partial_date",
    "boolean",
    "integer",
    "url",
    "email",
    "choice",
    "ref",
    "list",
    "object",
    "path",
    "fingerprints",
}
# Every record with translatable text may say which Bulgarian text each
# translation was made from (written by `invoke i18n-done`, not by hand).
TRANSLATED_FROM = "translated_from"
FORMS = {"list", "record", "folder"}
SCHEMA_KEYS = {"title", "description", "file", "folder", "form", "fields", "example"}
FIELD_KEYS = {
    "type",
    "required",
    "description",
    "example",
    "choices",
    "to",
    "items",
    "fields",
    "not_before",
    "under",
    "schemes",
}

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DATE_PATTERN = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
DATETIME_PATTERN = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$")
PARTIAL_DATE_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
EMAIL_PATTERN = re.compile(r"^[^@\s\"'<>`\\]+@[^@\s\"'<>`\\]+\.[^@\s\"'<>`\\]+$")
# What a url field may hold: these schemes (a field lists the ones it takes) or a site path.
URL_SCHEMES = ("https", "http", "mailto", "tel")
DEFAULT_URL_SCHEMES = ("https", "http")
URL_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
# Nothing that can end an HTML attribute or hide a scheme: quotes, <>, backslash, spaces, controls.
URL_UNSAFE = re.compile(r"[\s\"'<>`\\\x00-\x1f\x7f\u0080-\u009f\u2028\u2029]")
WEB_ADDRESS = re.compile(r"^https?://[^/?#.:@][^/?#:@]*(:\d+)?([/?#].*)?$", re.I)
TRUE_WORDS, FALSE_WORDS = {"true"}, {"false"}
# What `invoke new` writes where the editor still has to write something.
PLACEHOLDER = "…"


class SchemaError(Exception):
    """A schema file itself is wrong (a developer's mistake, not an editor's)."""


@dataclass
class FieldSpec:
    """What one field of a record may hold."""

    name: str
    type: str
    required: bool = False
    description: str = ""
    example: object = None
    choices: list = field(default_factory=list)
    to: str = ""
    items: Optional["FieldSpec"] = None
    fields: dict = field(default_factory=dict)
    not_before: str = ""
    under: str = ""
    schemes: tuple = DEFAULT_URL_SCHEMES


@dataclass
class Schema:
    """What one data file (or folder of record files) holds."""

    name: str
    path: str
    title: str
    description: str
    form: str
    file: str
    fields: dict

    @property
    def source_label(self):
        """Return the data file or folder the schema describes."""
        return self.file


def _parse_field(name, raw, schema_path):
    if not isinstance(raw, dict):
        raise SchemaError(f"{schema_path}: field '{name}' must be a mapping")
    unknown = set(raw) - FIELD_KEYS
    if unknown:
        raise SchemaError(f"{schema_path}: field '{name}' has unknown keys {sorted(unknown)}")
    kind = raw.get("type")
    if kind not in FIELD_TYPES:
        raise SchemaError(f"{schema_path}: field '{name}' has unknown type {kind!r}")
    spec = FieldSpec(
        name=name,
        type=kind,
        required=raw.get("required", "false") == "true",
        description=(raw.get("description") or "").strip(),
        example=raw.get("example"),
        choices=list(raw.get("choices") or []),
        to=raw.get("to") or "",
        not_before=raw.get("not_before") or "",
        under=raw.get("under") or "",
        schemes=tuple(raw.get("schemes") or DEFAULT_URL_SCHEMES),
    )
    if set(spec.schemes) - set(URL_SCHEMES) or (raw.get("schemes") and kind != "url"):
        raise SchemaError(
            f"{schema_path}: field '{name}': 'schemes' belongs to a url field and is a list of {sorted(URL_SCHEMES)}"
        )
    if kind == "list":
        if "items" not in raw:
            raise SchemaError(f"{schema_path}: list field '{name}' needs 'items'")
        spec.items = _parse_field(f"{name} item", raw["items"], schema_path)
    if kind == "object":
        spec.fields = {key: _parse_field(key, value, schema_path) for key, value in (raw.get("fields") or {}).items()}
    if kind == "choice" and not spec.choices:
        raise SchemaError(f"{schema_path}: choice field '{name}' needs 'choices'")
    if kind == "ref" and not spec.to:
        raise SchemaError(f"{schema_path}: ref field '{name}' needs 'to'")
    return spec


def load_schema(path):
    """Read one schema file."""
    path = Path(path)
    raw = load_yaml(path.read_text(encoding="utf-8"), str(path))
    if not isinstance(raw, dict):
        raise SchemaError(f"{path}: a schema is a mapping")
    unknown = set(raw) - SCHEMA_KEYS
    if unknown:
        raise SchemaError(f"{path}: unknown keys {sorted(unknown)}")
    form = raw.get("form", "list")
    if form not in FORMS:
        raise SchemaError(f"{path}: form must be one of {sorted(FORMS)}")
    target = raw.get("folder") if form == "folder" else raw.get("file")
    if not target:
        raise SchemaError(f"{path}: name the 'file' (or 'folder') the schema describes")
    fields = {key: _parse_field(key, value, path) for key, value in (raw.get("fields") or {}).items()}
    if _has_text(fields.values()):
        fields[TRANSLATED_FROM] = FieldSpec(
            name=TRANSLATED_FROM,
            type="fingerprints",
            description="Written by `invoke i18n-done`: the Bulgarian text each translation was made from.",
        )
    return Schema(
        name=path.stem,
        path=str(path),
        title=raw.get("title", path.stem),
        description=(raw.get("description") or "").strip(),
        form=form,
        file=target,
        fields=fields,
    )


def _has_text(specs):
    return any(
        spec.type == "text"
        or (spec.type == "object" and _has_text(spec.fields.values()))
        or (spec.type == "list" and spec.items is not None and _has_text([spec.items]))
        for spec in specs
    )


def load_schemas(schema_dir):
    """Read every schema in the folder, by name."""
    return {path.stem: load_schema(path) for path in sorted(Path(schema_dir).glob("*.yaml"))}


def _example(spec):
    """Return the example line of a field ("name: value"), or '' if its schema gives none."""
    if spec.example is None:
        return ""
    if isinstance(spec.example, dict):
        inner = ", ".join(f"{k}: {v}" for k, v in spec.example.items())
        return f"{spec.name}: {{{inner}}}"
    return f"{spec.name}: {spec.example}"


@dataclass
class PendingRef:
    """A reference to check once every data file has been read."""

    to: str
    value: str
    path: str
    line: int
    field: str


class RecordChecker:
    """Validate and convert the records of one file, collecting every problem."""

    def __init__(self, display_path, languages, source_lang, content_path, time_zone):
        self.path = display_path
        self.languages = languages
        self.source_lang = source_lang
        self.content_path = Path(content_path) if content_path else None
        self.time_zone = zoneinfo.ZoneInfo(time_zone)
        self.problems = []
        self.refs = []

    def error(self, line, message, fix=""):
        self.problems.append(Problem(self.path, line, message, fix))

    def warn(self, line, message, fix=""):
        self.problems.append(Problem(self.path, line, message, fix, "warning"))

    def check_fields(self, raw, specs, line, where=""):
        """Return the converted mapping, reporting unknown, missing and bad fields."""
        if not isinstance(raw, LineDict):
            self.error(
                line,
                tr("expected a block of fields{where}, found {found}", where=where, found=_describe(raw)),
                tr("write one 'field: value' per line, indented under the item"),
            )
            return None
        record = Record()
        record.path, record.line, record.key_lines = self.path, raw.line, dict(raw.key_lines)
        for key in raw:
            if key not in specs:
                close = difflib.get_close_matches(key, list(specs), n=1)
                known = ", ".join(specs)
                self.error(
                    raw.key_lines[key],
                    tr("unknown field '{field}'{where}", field=key, where=where),
                    tr("did you mean '{close}'? the fields here are: {known}", close=close[0], known=known)
                    if close
                    else tr("the fields here are: {known}", known=known),
                )
        for name, spec in specs.items():
            value = raw.get(name)
            if value is None or value == "":
                if spec.required:
                    self.error(
                        raw.key_lines.get(name, raw.line),
                        tr("the required field '{field}'{where} is missing or empty", field=name, where=where),
                        _add_field_fix(spec),
                    )
                continue
            converted = self.convert(value, spec, raw.key_lines[name])
            if converted is not None:
                record[name] = converted
        for name, spec in specs.items():
            if spec.not_before and name in record and spec.not_before in record:
                if _comparable(record[name]) < _comparable(record[spec.not_before]):
                    self.error(
                        raw.key_lines[name],
                        tr(
                            "'{field}' ({value}) is before '{other}' ({other_value})",
                            field=name,
                            value=raw[name],
                            other=spec.not_before,
                            other_value=raw[spec.not_before],
                        ),
                        tr("write an '{field}' on or after '{other}'", field=name, other=spec.not_before),
                    )
        return record

    def convert(self, value, spec, line):  # noqa: C901 - one branch per field type
        """Return the value converted to the field's type, or None after an error."""
        kind = spec.type
        if kind == "text":
            return self._convert_text(value, spec, line)
        if kind == "fingerprints":
            if (
                not isinstance(value, LineDict)
                or set(value) - set(self.languages)
                or not all(isinstance(v, str) for v in value.values())
            ):
                self.error(
                    line,
                    tr("'{field}' is not as `invoke i18n-done` writes it", field=spec.name),
                    tr("delete the line and run invoke i18n-done on this file"),
                )
                return None
            return dict(value)
        if kind == "list":
            if not isinstance(value, LineList):
                self.error(
                    line,
                    tr("'{field}' must be a list", field=spec.name),
                    _with_example(tr("write each item on its own line starting with '- '"), spec),
                )
                return None
            items = [
                self.convert(item, spec.items, item_line)
                for item, item_line in zip(value, value.item_lines, strict=False)
            ]
            return [item for item in items if item is not None]
        if kind == "object":
            return self.check_fields(value, spec.fields, line, tr(" in '{field}'", field=spec.name))
        if not isinstance(value, str):
            self.error(
                line,
                tr("'{field}' must be a single value, found {found}", field=spec.name, found=_describe(value)),
                _with_example(tr("write it on the same line"), spec),
            )
            return None
        value = value.strip()
        if value == PLACEHOLDER:
            self.error(
                line,
                tr(
                    "'{field}' is not filled in (it still says {placeholder})", field=spec.name, placeholder=PLACEHOLDER
                ),
                tr(
                    "write the value, e.g. {example}, or delete the line if the field is optional",
                    example=_example(spec),
                )
                if spec.example is not None
                else tr("write the value, or delete the line if the field is optional"),
            )
            return None
        if kind in ("string", "path"):
            if kind == "path":
                return self._convert_path(value, spec, line)
            return value
        if kind == "id":
            if not ID_PATTERN.match(value):
                self.error(
                    line,
                    tr("'{field}' '{value}' is not a valid id", field=spec.name, value=value),
                    tr("use lowercase Latin letters, digits and single hyphens, e.g. new-mayors-2027"),
                )
                return None
            return value
        if kind == "ref":
            self.refs.append(PendingRef(spec.to, value, self.path, line, spec.name))
            return value
        if kind == "choice":
            if value not in spec.choices:
                close = difflib.get_close_matches(value, [str(c) for c in spec.choices], n=1)
                choices = ", ".join(map(str, spec.choices))
                self.error(
                    line,
                    tr("'{field}' is '{value}', which is not one of the allowed values", field=spec.name, value=value),
                    tr("did you mean '{close}'? write one of: {choices}", close=close[0], choices=choices)
                    if close
                    else tr("write one of: {choices}", choices=choices),
                )
                return None
            return value
        if kind == "date":
            return self._convert_date(value, spec.name, line)
        if kind == "datetime":
            return self._convert_datetime(value, spec.name, line)
        if kind == "partial_date":
            return self._convert_partial_date(value, spec.name, line)
        if kind == "boolean":
            if value.lower() in TRUE_WORDS:
                return True
            if value.lower() in FALSE_WORDS:
                return False
            self.error(
                line,
                tr("'{field}' is '{value}', not true or false", field=spec.name, value=value),
                tr("write true or false"),
            )
            return None
        if kind == "integer":
            if not re.fullmatch(r"-?\d+", value):
                self.error(
                    line,
                    tr("'{field}' is '{value}', not a whole number", field=spec.name, value=value),
                    tr("write digits only, e.g. 3"),
                )
                return None
            return int(value)
        if kind == "url":
            found = url_problem(value, spec.name, spec.schemes)
            if found:
                self.error(line, found, url_fix(spec.schemes))
                return None
            return value
        if kind == "email":
            if not EMAIL_PATTERN.match(value):
                self.error(
                    line,
                    tr("'{field}' '{value}' is not an e-mail address", field=spec.name, value=value),
                    tr("write an address like name@example.org"),
                )
                return None
            return value
        raise AssertionError(kind)

    def _convert_text(self, value, spec, line):
        field_name = spec.name
        pattern = "{" + ", ".join(f"{lang}: …" for lang in self.languages) + "}"
        if not isinstance(value, LineDict):
            self.error(
                line,
                tr("'{field}' must give the text per language", field=field_name),
                tr("write it as {pattern}, one language per line under '{field}:'", pattern=pattern, field=field_name),
            )
            return None
        texts = Localized()
        texts.source_lang = self.source_lang
        for lang, text in value.items():
            if lang not in self.languages:
                self.error(
                    value.key_lines[lang],
                    tr("'{lang}' in '{field}' is not a language of the site", lang=lang, field=field_name),
                    tr("use one of: {languages}", languages=", ".join(self.languages)),
                )
                continue
            if text is None or text == "":
                continue
            if isinstance(text, str) and text.strip() == PLACEHOLDER:
                fix = (
                    tr("write the {lang} text; it is required", lang=lang)
                    if lang == self.source_lang
                    else tr(
                        "write the {lang} text, or delete the line to show the Bulgarian text until it is translated",
                        lang=lang,
                    )
                )
                self.error(
                    value.key_lines[lang],
                    tr(
                        "the {lang} text of '{field}' is not filled in (it still says {placeholder})",
                        lang=lang,
                        field=field_name,
                        placeholder=PLACEHOLDER,
                    ),
                    fix,
                )
                if lang == self.source_lang:
                    return None
                continue
            if not isinstance(text, str):
                self.error(
                    value.key_lines[lang],
                    tr(
                        "the {lang} text of '{field}' must be plain text, found {found}",
                        lang=lang,
                        field=field_name,
                        found=_describe(text),
                    ),
                    tr("write the text on the same line, or as a block after '|'"),
                )
                continue
            texts[lang] = text.strip()
        if self.source_lang not in texts:
            self.error(
                value.line if value else line,
                tr("'{field}' has no Bulgarian text ({lang})", field=field_name, lang=self.source_lang),
                tr(
                    "add '{lang}: …' under '{field}:'; Bulgarian is the source of every translation",
                    lang=self.source_lang,
                    field=field_name,
                ),
            )
            return None
        for lang in self.languages:
            if lang not in texts:
                self.warn(
                    line,
                    tr("'{field}' has no {lang} translation; the Bulgarian text is shown", field=field_name, lang=lang),
                    tr("add '{lang}: …' under '{field}:'", lang=lang, field=field_name),
                )
        return texts

    def _convert_path(self, value, spec, line):
        if value.startswith("/") or ".." in Path(value).parts:
            self.error(
                line,
                tr("'{field}' '{value}' must be a path inside content/", field=spec.name, value=value),
                tr("write it relative to content/, e.g. documents/brochure.pdf"),
            )
            return None
        if spec.under and not value.startswith(spec.under.rstrip("/") + "/"):
            self.error(
                line,
                tr("'{field}' '{value}' is not under {folder}/", field=spec.name, value=value, folder=spec.under),
                tr("put the file in content/{folder}/ and write {folder}/<file name>", folder=spec.under),
            )
            return None
        if self.content_path is not None and not (self.content_path / value).is_file():
            self.error(
                line,
                tr("'{field}' names content/{value}, which does not exist", field=spec.name, value=value),
                tr(
                    "add the file to content/{value}, correct the name, or remove the '{field}' line",
                    field=spec.name,
                    value=value,
                ),
            )
            return None
        return value

    def _convert_date(self, value, field_name, line):
        match = DATE_PATTERN.match(value)
        try:
            if not match:
                raise ValueError
            return datetime.date(*map(int, match.groups()))
        except ValueError:
            self.error(
                line,
                tr("'{field}' '{value}' is not a valid date", field=field_name, value=value),
                tr("write the date as YYYY-MM-DD, e.g. 2027-03-15"),
            )
            return None

    def _convert_datetime(self, value, field_name, line):
        if DATE_PATTERN.match(value):
            return self._convert_date(value, field_name, line)
        match = DATETIME_PATTERN.match(value)
        try:
            if not match:
                raise ValueError
            parts = [int(p) if p else 0 for p in match.groups()]
            return datetime.datetime(*parts, tzinfo=self.time_zone)
        except ValueError:
            self.error(
                line,
                tr("'{field}' '{value}' is not a valid date or date and time", field=field_name, value=value),
                tr("write YYYY-MM-DD for a whole day or YYYY-MM-DD HH:MM (Sofia time), e.g. 2027-03-15 10:00"),
            )
            return None

    def _convert_partial_date(self, value, field_name, line):
        match = PARTIAL_DATE_PATTERN.match(value)
        try:
            if not match:
                raise ValueError
            year, month, day = (int(p) if p else None for p in match.groups())
            # Check the parts as written: "2004-00" is not a month (0 is not "unknown").
            datetime.date(year, 1 if month is None else month, 1 if day is None else day)
            return PartialDate(year, month, day)
        except ValueError:
            self.error(
                line,
                tr("'{field}' '{value}' is not a valid date", field=field_name, value=value),
                tr("write the year (2002), the month (2004-05) or the day (2005-12-10), as precisely as it is known"),
            )
            return None


def url_problem(value, field, schemes):
    """Return what is wrong with the value of the url field ``field`` (a message), or None: its scheme or its characters."""
    if URL_UNSAFE.search(value):
        shown = value.encode("unicode_escape").decode(
            "ascii"
        )  # a control character shown as \x01, not sent to the terminal
        return tr(
            "'{field}' '{value}' contains a space, a quote, a bracket or a control character", field=field, value=shown
        )
    if value.startswith("/") and not value.startswith("//"):
        return None  # a page or file of the site
    match = URL_SCHEME.match(value)
    scheme = match.group(1).lower() if match else ""
    if scheme not in schemes:
        if scheme:
            return tr(
                "'{field}' '{value}' is not an address this field takes (a '{scheme}:' address)",
                field=field,
                value=value,
                scheme=scheme,
            )
        return tr("'{field}' '{value}' is not an address this field takes", field=field, value=value)
    if scheme in ("http", "https") and not WEB_ADDRESS.match(value):
        return tr("'{field}' '{value}' is not a complete web address", field=field, value=value)
    if scheme in ("mailto", "tel") and len(value) == len(scheme) + 1:
        return tr("'{field}' '{value}' has nothing after '{scheme}:'", field=field, value=value, scheme=scheme)
    return None


def url_fix(schemes):
    """Return how to write a url field that takes ``schemes`` (a message)."""
    examples = {
        "https": "https://example.org/page",
        "http": "http://example.org/page",
        "mailto": "mailto:name@example.org",
        "tel": "tel:+359…",
    }
    return tr(
        "write {examples} or a path of the site such as /en/",
        examples=", ".join(examples[s] for s in schemes if s != "http"),
    )


def _describe(value):
    if isinstance(value, dict):
        return tr("a block of fields")
    if isinstance(value, list):
        return tr("a list")
    return f"'{value}'"


def _with_example(fix, spec):
    """Return ``fix``, followed by the field's example if its schema gives one."""
    if spec.example is None:
        return fix
    return tr("{fix}, e.g. {example}", fix=fix, example=_example(spec))


def _add_field_fix(spec):
    """Return the fix of a missing required field: the line to add, its example and what it is for."""
    line = tr("add '{field}: …'", field=spec.name)
    fix = _with_example(line, spec)
    if spec.description:
        fix = tr("{fix} ({description})", fix=fix, description=spec.description.splitlines()[0])
    return fix


def _comparable(value):
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, datetime.date):
        return datetime.datetime.combine(value, datetime.time())
    if isinstance(value, PartialDate):
        return datetime.datetime.combine(value.earliest(), datetime.time())
    return value


__all__ = [
    "FieldSpec",
    "LocalText",
    "Localized",
    "PartialDate",
    "RecordChecker",
    "Schema",
    "SchemaError",
    "YamlSyntaxError",
    "load_schemas",
]
