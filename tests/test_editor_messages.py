"""Messages to editors: every one goes through the editor catalog, Bulgarian by default, English on request."""

import ast
import io
import sys

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po
from babel.support import Translations

from conftest import REPO
from multilingual.po_checks import placeholder_errors, syntax_problems
from site_data import Problem, format_problems, messages, tr
from site_data.messages import LANGUAGE_VARIABLE, catalog_path, compiled_catalog, editor_language
from site_data.problems import summary_line

SOURCES = sorted((REPO / "plugins").rglob("*.py")) + [REPO / "tasks.py"]
TRANSLATING = {"tr", "tr_plural"}
# Helpers that pass their message and fix on to Problem(): the positions of those arguments.
MESSAGE_ARGUMENTS = {"Problem": (2, 3), "MarkupIssue": (0, 1), "error": (1, 2), "warn": (1, 2), "_dated": (2,)}
# The fields that carry a message: every class that has them is made through MESSAGE_ARGUMENTS.
MESSAGE_FIELDS = {"message", "fix"}
KEYWORDS = {"message", "fix"}
EXTRACT_KEYWORDS = {"tr": None, "tr_plural": (1, 2), "say": None}


class _Module:
    """What the scan needs to know of one module: its assignments and its functions."""

    def __init__(self, tree):
        self.assigned, self.functions = {}, {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        self.assigned.setdefault(target.id, []).append(node.value)
            elif isinstance(node, ast.FunctionDef):
                self.functions[node.name] = node

    def translated(self, node, parameters, seen=()):
        """True if ``node`` can only be a message made by tr() (or a parameter, checked where it is passed)."""
        if isinstance(node, ast.Call):
            function = node.func
            if isinstance(function, ast.Name) and function.id in TRANSLATING:
                return True
            if isinstance(function, ast.Attribute) and function.attr == "get":
                return self.translated(function.value, parameters, seen)
            if isinstance(function, ast.Name) and function.id in self.functions and function.id not in seen:
                # A helper that makes the message: each of its returns must be translated.
                helper = self.functions[function.id]
                own = {argument.arg for argument in helper.args.args}
                # "return None" is no message: the caller tests for one before using it.
                returns = [
                    n.value
                    for n in ast.walk(helper)
                    if isinstance(n, ast.Return)
                    and n.value
                    and not (isinstance(n.value, ast.Constant) and n.value.value is None)
                ]
                return bool(returns) and all(self.translated(r, own, (*seen, function.id)) for r in returns)
            return False
        if isinstance(node, ast.IfExp):
            return self.translated(node.body, parameters, seen) and self.translated(node.orelse, parameters, seen)
        if isinstance(node, ast.BoolOp):
            return all(self.translated(value, parameters, seen) for value in node.values)
        if isinstance(node, ast.Attribute) and node.attr in MESSAGE_FIELDS:
            return True
        if isinstance(node, ast.Subscript):
            return self.translated(node.value, parameters, seen)
        if isinstance(node, ast.Dict):
            return all(self.translated(value, parameters, seen) for value in node.values)
        if isinstance(node, ast.Name):
            if node.id in parameters:
                return True
            values = self.assigned.get(node.id, [])
            return bool(values) and all(self.translated(value, parameters, seen) for value in values)
        return False


def _untranslated_arguments(path, root=REPO):
    """Yield "path:line" of every message or fix given to Problem() (or its helpers) without tr()."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module = _Module(tree)
    for node, parameters in _calls(tree, set()):
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name not in MESSAGE_ARGUMENTS:
            continue
        arguments = [node.args[i] for i in MESSAGE_ARGUMENTS[name] if i < len(node.args)]
        arguments += [keyword.value for keyword in node.keywords if keyword.arg in KEYWORDS]
        for argument in arguments:
            no_fix = isinstance(argument, ast.Constant) and argument.value == ""
            if not no_fix and not module.translated(argument, parameters):
                yield f"{path.relative_to(root)}:{argument.lineno}"


def _calls(node, parameters):
    """Yield (call, parameters of the functions around it) for every call under ``node``."""
    for child in ast.iter_child_nodes(node):
        inner = parameters
        if isinstance(child, (ast.FunctionDef, ast.Lambda)):
            inner = parameters | {argument.arg for argument in child.args.args + child.args.kwonlyargs}
        if isinstance(child, ast.Call):
            yield child, inner
        yield from _calls(child, inner)


def test_every_problem_is_made_from_translated_text():
    untranslated = sorted({place for path in SOURCES for place in _untranslated_arguments(path)})
    assert untranslated == []


def test_the_scan_finds_text_that_bypasses_the_catalog(tmp_path):
    source = tmp_path / "plugin.py"
    source.write_text(
        "def check(path, name):\n"
        '    fixed = tr("write it again")\n'
        '    yield Problem(path, 1, tr("the page {name} is missing", name=name), fixed)\n'
        '    yield Problem(path, 2, f"the page {name} is missing", tr("create it"))\n'
        '    yield Problem(path, 3, tr("the page is missing"), "create " + name)\n'
        '    self.error(4, "unknown field", "")\n',
        encoding="utf-8",
    )
    assert list(_untranslated_arguments(source, tmp_path)) == ["plugin.py:4", "plugin.py:5", "plugin.py:6"]


def test_a_problem_refuses_text_that_did_not_go_through_the_catalog():
    with pytest.raises(TypeError):
        Problem("data/site.yaml", 1, "the file is empty")
    with pytest.raises(TypeError):
        Problem("data/site.yaml", 1, tr("the file is not valid YAML"), "fix it")


def _extracted():
    """Return every msgid the code passes to tr(), tr_plural() or say(): {msgid or (singular, plural)}."""
    found = set()
    for path in SOURCES:
        for _line, message, _comments, _context in extract_from_file("python", str(path), keywords=EXTRACT_KEYWORDS):
            found.add(message if isinstance(message, str) else tuple(message))
    return found


def _catalog(lang):
    with open(catalog_path(lang), "rb") as handle:
        return read_po(handle, locale=lang, domain="editor")


def _key(message):
    return message.id if isinstance(message.id, str) else tuple(message.id)


@pytest.mark.parametrize("lang", ["bg", "en"])
def test_the_editor_catalog_has_every_message_and_no_other(lang):
    catalog = _catalog(lang)
    assert syntax_problems(catalog_path(lang).read_text(encoding="utf-8"), str(catalog_path(lang))) == []
    in_catalog = {_key(message) for message in catalog if message.id}
    assert sorted(map(str, _extracted() - in_catalog)) == [], "run: invoke i18n-update"
    assert sorted(map(str, in_catalog - _extracted())) == [], "run: invoke i18n-update"


@pytest.mark.parametrize("lang", ["bg", "en"])
def test_every_message_is_translated_with_the_same_placeholders(lang):
    catalog = _catalog(lang)
    untranslated, mismatched = [], []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            untranslated.append(message.id)
        elif placeholder_errors(catalog, message):
            mismatched.append((message.id, [str(error) for error in placeholder_errors(catalog, message)]))
    assert untranslated == []
    assert mismatched == []


def test_bulgarian_is_the_default_and_the_prefix_stays_the_same(monkeypatch):
    monkeypatch.delenv(LANGUAGE_VARIABLE)
    problem = Problem(
        "content/pages/x.bg.md",
        3,
        tr("unknown field '{field}:'", field="Autor"),
        tr("keep one of the two lines"),
        "warning",
    )
    assert editor_language() == "bg"
    assert (
        str(problem)
        == "content/pages/x.bg.md:3: непознато поле „Autor:“ — оставете само единия от двата реда [предупреждение]"
    )
    assert (
        problem.render("en") == "content/pages/x.bg.md:3: unknown field 'Autor:' — keep one of the two lines [warning]"
    )
    monkeypatch.setenv(LANGUAGE_VARIABLE, "en")
    assert str(problem) == problem.render("en")


def test_a_message_inside_a_message_is_translated_too():
    where = tr(" in '{field}'", field="contact")
    message = tr("unknown field '{field}'{where}", field="emial", where=where)
    assert message == "unknown field 'emial' in 'contact'"
    assert message.in_language("bg") == "непознато поле „emial“ в „contact“"


@pytest.mark.parametrize(
    ("errors", "warnings", "bulgarian", "english"),
    [
        (0, 0, "0 грешки, 0 предупреждения", "0 errors, 0 warnings"),
        (1, 1, "1 грешка, 1 предупреждение", "1 error, 1 warning"),
        (2, 5, "2 грешки, 5 предупреждения", "2 errors, 5 warnings"),
        (21, 0, "21 грешки, 0 предупреждения", "21 errors, 0 warnings"),
    ],
)
def test_the_summary_line_counts_with_plural_forms(errors, warnings, bulgarian, english):
    problems = [Problem("a.yaml", n, tr("the file is not valid YAML")) for n in range(errors)] + [
        Problem("b.yaml", n, tr("the file is not valid YAML"), severity="warning") for n in range(warnings)
    ]
    assert summary_line(problems, "bg") == bulgarian
    assert summary_line(problems, "en") == english
    assert format_problems(problems, "bg").splitlines()[-1] == bulgarian


EDITOR_PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "another process"
msgstr "{text}"
"""


def test_a_compiled_editor_catalog_is_kept_and_used_only_for_the_same_po_bytes(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    po, kept = tmp_path / "editor.po", tmp_path / "__pycache__" / "editor-bg.catalog"
    po.write_text(EDITOR_PO.format(text="друг процес"), encoding="utf-8")
    first = compiled_catalog(po, "bg", kept)
    assert kept.is_file()
    assert _text(first) == "друг процес"
    kept_bytes = kept.read_bytes()
    # Kept: used again without Babel reading the .po file.
    monkeypatch.setattr(messages, "read_po", None)
    assert compiled_catalog(po, "bg", kept) == first and kept.read_bytes() == kept_bytes
    monkeypatch.undo()
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    # Other bytes, or a damaged file: compiled again.
    po.write_text(EDITOR_PO.format(text="друг процес на компилация"), encoding="utf-8")
    assert _text(compiled_catalog(po, "bg", kept)) == "друг процес на компилация"
    kept.write_bytes(b"damaged")
    assert _text(compiled_catalog(po, "bg", kept)) == "друг процес на компилация"


def test_a_process_told_not_to_write_compiled_code_keeps_no_catalog(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    po, kept = tmp_path / "editor.po", tmp_path / "__pycache__" / "editor-bg.catalog"
    po.write_text(EDITOR_PO.format(text="друг процес"), encoding="utf-8")
    assert _text(compiled_catalog(po, "bg", kept)) == "друг процес"
    assert not kept.exists()


def _text(compiled):
    return Translations(io.BytesIO(compiled)).gettext("another process")
