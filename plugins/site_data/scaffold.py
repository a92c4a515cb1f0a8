"""Write a new, complete record for an editor to fill in, from the schema of its file.

Every field of the schema is written with its description as a comment;
required fields are active, optional ones commented out, so the file is its
own form. Values the editor has not given yet are left as "…", which the
validator rejects with a message saying what to write.
"""

from .schema import PLACEHOLDER


def _scalar(value):
    text = str(value)
    if text == "" or text[0] in "!&*{}[]|>%@`'\"#-?:,":
        return '"' + text.replace('"', '\\"') + '"'
    return text


def _field_lines(spec, value, languages, indent, optional):
    prefix = " " * indent + ("# " if optional else "")
    lines = []
    for note in (spec.description or "").splitlines():
        lines.append(" " * indent + f"# {note}")
    if spec.type == "text":
        lines.append(f"{prefix}{spec.name}:")
        given = value if isinstance(value, dict) else {}
        for lang in languages:
            lines.append(f"{prefix}  {lang}: {_scalar(given.get(lang, PLACEHOLDER))}")
    elif spec.type == "object":
        lines.append(f"{prefix}{spec.name}:")
        for child in spec.fields.values():
            lines += _field_lines(
                child, (value or {}).get(child.name), languages, indent + 2, optional or not child.required
            )
    elif spec.type == "list":
        items = (
            value if isinstance(value, list) else (spec.example if isinstance(spec.example, list) else [PLACEHOLDER])
        )
        lines.append(f"{prefix}{spec.name}: [{', '.join(_scalar(item) for item in items)}]")
    else:
        shown = value if value is not None else PLACEHOLDER
        if spec.type == "choice" and value is None:
            lines.append(" " * indent + f"# one of: {', '.join(map(str, spec.choices))}")
        lines.append(f"{prefix}{spec.name}: {_scalar(shown)}")
    return lines


def record_yaml(schema, values, languages):
    """Return the YAML text of a new record of ``schema`` with the given values filled in."""
    lines = [f"# {schema.title}: the fields are described in data/schemas/{schema.name}.yaml."]
    for spec in schema.fields.values():
        if schema.form == "folder" and spec.name == "id":
            continue
        lines += _field_lines(spec, values.get(spec.name), languages, 0, not spec.required and spec.name not in values)
    return "\n".join(lines) + "\n"


def list_entry_yaml(schema, values, languages):
    """Return the YAML text of a new entry to append to a list file."""
    body = record_yaml(schema, values, languages).splitlines()[1:]
    entry = []
    first = True
    for line in body:
        if line.lstrip().startswith("#"):
            entry.append("  " + line)
            continue
        entry.append(("- " if first else "  ") + line)
        first = False
    return "\n".join(entry) + "\n"
