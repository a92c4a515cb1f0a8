"""Load YAML keeping the line of every key and item, with every scalar as text.

Scalars stay strings so that the schema, not YAML 1.1's guessing, decides what
a value means: ``no`` stays the word "no", ``2005-12-10`` is parsed as a date
only where the schema expects one, and the error can say what to write.
"""

import functools
import re

from .messages import tr
from .problems import Problem


class LineDict(dict):
    """A mapping that knows the line of itself and of each of its keys."""

    line = 0
    key_lines: dict


class LineList(list):
    """A sequence that knows the line of itself and of each of its items."""

    line = 0
    item_lines: list


@functools.cache
def _yaml():
    """Return (PyYAML, its fastest safe loader, the loader that keeps lines), imported at the first YAML read.

    A rebuild whose data files were not changed reads none of them (site_data.kept),
    and PyYAML's import took 23 ms of it.
    """
    import yaml

    # libyaml's parser (ten times faster than the pure-Python one) where PyYAML has it;
    # both give the same nodes and marks, so the results and line numbers are the same.
    base_loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class LineLoader(base_loader):
        """A loader that makes LineDict/LineList and never converts scalars."""

    LineLoader.yaml_constructors = {}
    LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG, _construct_scalar)
    LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
    LineLoader.add_constructor("tag:yaml.org,2002:null", lambda loader, node: None)
    for tag in ("bool", "int", "float", "timestamp", "binary", "omap", "pairs", "set"):
        LineLoader.add_constructor(f"tag:yaml.org,2002:{tag}", _construct_scalar)
    LineLoader.add_constructor(None, _construct_scalar)
    return yaml, base_loader, LineLoader


def _construct_scalar(loader, node):
    return loader.construct_scalar(node)


def _construct_mapping(loader, node):
    yaml = _yaml()[0]
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            raise yaml.constructor.ConstructorError(None, None, "a key must be a plain word", key_node.start_mark)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"the key '{key}' is written twice in the same block",
                key_node.start_mark,
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


def _construct_sequence(loader, node):
    sequence = LineList(loader.construct_object(child, deep=True) for child in node.value)
    sequence.line = node.start_mark.line + 1
    sequence.item_lines = [child.start_mark.line + 1 for child in node.value]
    return sequence


class YamlSyntaxError(Exception):
    """The file is not valid YAML; ``problem`` says where and why."""

    def __init__(self, problem):
        self.problem = problem
        super().__init__(str(problem))


QUOTE_NAMES = {'"': tr('double quote (")'), "'": tr("single quote (')")}
# A value that opens a quote and does not close it on its line: "key: \"text" or "- 'text".
OPENING_QUOTE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s#'"][^:#]*:\s+)?(?P<quote>["'])(?P<rest>.*)$""")


def unclosed_quote(text, before_line):
    """Return (line, quote) of the first value up to ``before_line`` whose quote is not closed on its line."""
    for number, line in enumerate(text.splitlines()[:before_line], 1):
        match = OPENING_QUOTE.match(line)
        if not match:
            continue
        quote, rest = match.group("quote"), match.group("rest").rstrip()
        closed = rest.replace("\\\\", "").replace('\\"', "") if quote == '"' else rest.replace("''", "")
        if quote not in closed:
            return number, quote
    return None


def _quote_problem(display_path, line, quote):
    return Problem(
        display_path,
        line,
        tr(
            "YAML syntax error: the {quote_name} that opens the text on this line is never closed",
            quote_name=QUOTE_NAMES[quote],
        ),
        tr("end the text with {quote} on the same line, or remove the opening {quote}", quote=quote),
    )


def _first_alias(text):
    """Return the line of the first alias (*name) in ``text``, or None.

    An alias repeats a whole part of the file; nine of them nested nine deep
    make a few lines stand for hundreds of millions of values, which every
    check that walks the data would then visit. Our data files never need one.
    """
    yaml, base_loader, _line_loader = _yaml()
    for event in yaml.parse(text, Loader=base_loader):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark.line + 1
    return None


def load_yaml(text, display_path):
    """Parse YAML text into LineDict/LineList/str, or raise YamlSyntaxError."""
    yaml, _base_loader, line_loader = _yaml()
    try:
        alias_line = _first_alias(text)
        if alias_line is not None:
            raise YamlSyntaxError(
                Problem(
                    display_path,
                    alias_line,
                    tr("a YAML alias (*name) repeats another part of the file"),
                    tr("write the value out in full instead of the alias"),
                )
            )
        return yaml.load(text, Loader=line_loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        # The parser notices an unclosed quote only where the text runs out or
        # the next quote is; the editor's mistake is where the quote opens.
        opened = unclosed_quote(text, line)
        if opened:
            raise YamlSyntaxError(_quote_problem(display_path, *opened)) from None
        lines = text.splitlines()
        if mark and line <= len(lines) and lines[line - 1][: mark.column + 1].lstrip(" ").startswith("\t"):
            raise YamlSyntaxError(
                Problem(
                    display_path,
                    line,
                    tr("YAML syntax error: this line is indented with a tab"),
                    tr("indent with spaces only, as many as the lines around it"),
                )
            ) from None
        what = error.problem or error.context or tr("the file is not valid YAML")
        raise YamlSyntaxError(
            Problem(
                display_path,
                line,
                tr("YAML syntax error: {reason}", reason=what),
                tr(
                    "check the indentation (spaces, not tabs) and put text that "
                    "contains ': ' or starts with a quote or a dash in double quotes"
                ),
            )
        ) from None
    except yaml.YAMLError as error:
        raise YamlSyntaxError(
            Problem(display_path, 1, tr("YAML syntax error: {reason}", reason=str(error)), tr("fix the YAML syntax"))
        ) from None
