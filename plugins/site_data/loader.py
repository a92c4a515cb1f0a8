"""Read every data file through its schema, once, and check references across files."""

import difflib
from dataclasses import dataclass
from pathlib import Path

from .encoding import NotUtf8, read_editor_text
from .messages import tr
from .paths import relative_display
from .problems import Problem
from .schema import ID_PATTERN, RecordChecker, load_schemas
from .yaml_lines import LineDict, LineList, YamlSyntaxError, load_yaml


class SiteData:
    """The validated contents of ``data/``, by schema name."""

    def __init__(self, schemas, datasets):
        self.schemas = schemas
        self._datasets = datasets

    def __getitem__(self, name):
        return self._datasets[name]

    def get(self, name, default=None):
        """Return the dataset called ``name``, or ``default`` if there is none."""
        return self._datasets.get(name, default)

    def index(self, name):
        """Return the records of a list dataset keyed by id."""
        return {record["id"]: record for record in self._datasets.get(name) or []}


def _display(path, base):
    return relative_display(path, base)


@dataclass(frozen=True)
class DataOptions:
    """What validation needs to know about the site."""

    languages: tuple
    source_lang: str
    content_path: str
    time_zone: str
    # The data sets the build reads: a missing schema of one is an error, not data left out.
    required: tuple = ()


def load_site_data(data_path, options, known_ids=None, drafts=None):
    """Return (SiteData, problems) for the data folder and its schemas/.

    ``known_ids`` maps the name of an outside collection (e.g. ``pages``) to the
    ids that references of ``to: <name>`` may use; ``drafts`` maps it to the ids
    left out of this build as drafts, each with the ``path:line`` of its status.
    """
    data_dir = Path(data_path)
    base = data_dir.parent
    schemas = load_schemas(data_dir / "schemas")
    if not schemas:
        # Without its schemas nothing would be read, and the site would be built without its name and menus.
        missing = data_dir if not data_dir.is_dir() else data_dir / "schemas"
        shown = _display(missing, base)
        message = tr("the folder {folder} is missing or holds no description of the data files (schemas)", folder=shown)
        return SiteData({}, {}), [_restore_problem(shown, message)]
    problems = []
    for name in options.required:
        if name not in schemas:
            shown = _display(data_dir / "schemas" / f"{name}.yaml", base)
            problems.append(
                _restore_problem(shown, tr("the description of a data file, {schema}, is missing", schema=shown))
            )
    datasets = {}
    refs = []
    # Datasets a file of which could not be read: references to them are not
    # checked, so that one broken file gives no advice about correct ones.
    unreadable = set()
    for name, schema in schemas.items():
        target = data_dir / schema.file
        if schema.form == "folder":
            files = sorted(target.glob("*.yaml")) if target.is_dir() else []
            problems += misnamed_record_files(target, base)
            records = []
            for path in files:
                record, checker = _check_file(path, schema, options, base, record_id=path.stem)
                problems += checker.problems
                refs += checker.refs
                if record is not None:
                    records.append(record)
                elif checker.unreadable:
                    unreadable.add(name)
            datasets[name] = records
            continue
        if not target.is_file():
            problems.append(
                Problem(
                    _display(target, base),
                    1,
                    tr("the data file for '{title}' is missing", title=schema.title),
                    tr("create it; its fields are described in {schema}", schema=_display(schema.path, base)),
                )
            )
            continue
        value, checker = _check_file(target, schema, options, base)
        problems += checker.problems
        refs += checker.refs
        datasets[name] = value
        if checker.unreadable:
            unreadable.add(name)
    ids = {
        name: {r["id"] for r in records}
        for name, records in datasets.items()
        if isinstance(records, list) and all("id" in r for r in records)
    }
    ids.update(known_ids or {})
    for ref in refs:
        if ref.to in unreadable:
            continue
        if ref.to not in ids:
            problems.append(
                Problem(
                    ref.path,
                    ref.line,
                    tr("'{field}' refers to '{data}', which the site does not have", field=ref.field, data=ref.to),
                    tr("remove the field"),
                )
            )
        elif ref.value in (drafts or {}).get(ref.to, {}):
            where = drafts[ref.to][ref.value]
            problems.append(
                Problem(
                    ref.path,
                    ref.line,
                    tr(
                        "'{field}' is '{value}', a draft ({where}) that this build does not publish",
                        field=ref.field,
                        value=ref.value,
                        where=where,
                    ),
                    tr(
                        "delete the 'Status: draft' line in {file} to publish it, or remove '{value}' here until then",
                        file=where.rsplit(":", 1)[0],
                        value=ref.value,
                    ),
                )
            )
        elif ref.value not in ids[ref.to]:
            choices = ", ".join(sorted(ids[ref.to])) or tr("(none yet)")
            close = difflib.get_close_matches(ref.value, sorted(ids[ref.to]), n=1)
            fix = (
                tr("did you mean '{close}'? write one of: {choices}", close=close[0], choices=choices)
                if close
                else tr("write one of: {choices}", choices=choices)
            )
            problems.append(
                Problem(
                    ref.path,
                    ref.line,
                    tr(
                        "'{field}' is '{value}', which is not a known {data} id",
                        field=ref.field,
                        value=ref.value,
                        data=ref.to,
                    ),
                    fix,
                )
            )
    return SiteData(schemas, datasets), problems


def _restore_problem(shown, message):
    """Return the problem of a file or folder of the repository's data schemas that is missing."""
    return Problem(
        shown, 1, message, tr("restore {schema} as it is in the repository: git checkout -- {schema}", schema=shown)
    )


def _check_file(path, schema, options, base, record_id=None):
    display = _display(path, base)
    checker = RecordChecker(display, options.languages, options.source_lang, options.content_path, options.time_zone)
    checker.unreadable = True
    try:
        text = read_editor_text(path, display)
        raw = load_yaml(text, display)
    except (YamlSyntaxError, NotUtf8) as error:
        checker.problems.append(error.problem)
        return None, checker
    schema_doc = _display(schema.path, base)
    if raw is None and (schema.form != "record" or any(spec.required for spec in schema.fields.values())):
        # An emptied file (or one with comments only) is a mistake, never "no data".
        checker.problems.append(empty_file_problem(display, text, schema, schema_doc))
        return None, checker
    checker.unreadable = False
    if schema.form in ("record", "folder"):
        # A record whose fields are all optional may hold comments only: nothing filled in yet.
        record = checker.check_fields(raw if raw is not None else _empty_record(), schema.fields, 1)
        if record is not None and record_id is not None:
            record["id"] = record_id
            if not _is_id(record_id):
                checker.error(
                    1,
                    tr("the file name '{name}' is not a valid id", name=path.name),
                    tr("rename it with lowercase Latin letters, digits and hyphens, e.g. 2027-03-new-mayors.yaml"),
                )
                return None, checker
        return record, checker
    if not isinstance(raw, LineList):
        checker.error(
            getattr(raw, "line", 1),
            tr("this file must be a list of entries"),
            tr("start each entry with '- ' (see {schema})", schema=schema_doc),
        )
        return [], checker
    records = []
    seen = {}
    for item, line in zip(raw, raw.item_lines, strict=False):
        record = checker.check_fields(item, schema.fields, line)
        if record is None:
            continue
        if "id" in record:
            if record["id"] in seen:
                checker.error(
                    item.key_lines["id"],
                    tr("the id '{id}' is used twice (first on line {line})", id=record["id"], line=seen[record["id"]]),
                    tr("give each entry its own id"),
                )
                continue
            seen[record["id"]] = item.key_lines["id"]
        records.append(record)
    return records, checker


def _empty_record():
    """Return the mapping of a record file that holds only comments (nothing filled in yet)."""
    empty = LineDict()
    empty.line, empty.key_lines = 1, {}
    return empty


def _is_id(text):
    return bool(ID_PATTERN.match(text))


def empty_file_problem(display, text, schema, schema_doc):
    """Return the problem of a data file with nothing in it but comments."""
    line = len(text.splitlines()) or 1
    if schema.form == "list":
        fix = tr("write its entries (described in {schema}), or [] if there are none yet", schema=schema_doc)
    elif schema.form == "folder":
        fix = tr("write its fields (described in {schema}), or delete the file if it is not needed", schema=schema_doc)
    else:
        fix = tr("write its fields again; they are described in {schema}", schema=schema_doc)
    return Problem(display, line, tr("the file is empty (it is the data file for '{title}')", title=schema.title), fix)


def misnamed_record_files(folder, base):
    """Return a problem for each file in a record folder that the build would not read."""
    if not folder.is_dir():
        return []
    problems = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.suffix == ".yaml" or path.is_dir():
            continue
        twin = path.with_suffix(".yaml")
        if twin.is_file():
            message = tr(
                "the id '{id}' is also used by {other}:1, and this file is not read",
                id=path.stem,
                other=_display(twin, base),
            )
            fix = tr("give this file a new name of its own ending in .yaml, or delete the copy")
        else:
            message = tr("this file is not read: the files in {folder}/ end in .yaml", folder=_display(folder, base))
            fix = tr("rename it to {name}.yaml", name=path.stem)
        problems.append(Problem(_display(path, base), 1, message, fix))
    return problems
