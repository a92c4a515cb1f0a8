"""The theme's components: macros that show only what they are given, each documented where it is defined.

That the pages render them right is tested on the built sites (the plugins' tests, tests/quality);
here, what a reader of the templates relies on.
"""

import re

import pytest
from jinja2 import Environment, FileSystemLoader, meta

from conftest import REPO

TEMPLATES = REPO / "themes" / "thrace" / "templates"
COMPONENTS = sorted((TEMPLATES / "components").glob("*.html"))
# The language of the page being rendered: gettext's _() reads it too (multilingual/localization.py).
PAGE_GLOBALS = {"lang"}


def parse(path):
    """Return the template's syntax tree, parsed as the site's environment parses it."""
    environment = Environment(
        loader=FileSystemLoader(str(TEMPLATES)), extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True
    )
    return environment.parse(path.read_text(encoding="utf-8"))


def test_there_are_components():
    assert len(COMPONENTS) >= 10


@pytest.mark.parametrize("path", COMPONENTS, ids=lambda path: path.stem)
def test_a_component_reads_nothing_but_its_parameters_and_the_page_language(path):
    read = meta.find_undeclared_variables(parse(path))
    assert read <= PAGE_GLOBALS, f"components/{path.name} reads {sorted(read - PAGE_GLOBALS)}: make them parameters"


@pytest.mark.parametrize("path", COMPONENTS, ids=lambda path: path.stem)
def test_every_macro_of_a_component_documents_its_parameters(path):
    source = path.read_text(encoding="utf-8")
    for name, parameters in re.findall(r"\{%-? macro (\w+)\((.*?)\)", source):
        assert f"{{#- {name}({parameters})" in source, (
            f"components/{path.name}: write '{{#- {name}({parameters}): what it shows; what each parameter is -#}}' "
            "before the macro"
        )


@pytest.mark.parametrize(
    "path", sorted(TEMPLATES.rglob("*.html")), ids=lambda path: path.relative_to(TEMPLATES).as_posix()
)
def test_no_template_includes_another_or_decides_by_a_page_key(path):
    source = path.read_text(encoding="utf-8")
    # An included template sees every variable of the page: call a component with what it shows instead.
    assert "{% include" not in source and "{%- include" not in source
    # Which page is the home page is a setting; the page says it (page.is_home).
    assert "page.key" not in source
