"""Whatever an editor types is printed as text: templates autoescape, and the build refuses otherwise."""

import json
import re
from pathlib import Path

import pytest

from conftest import build, read_html
from multilingual.markup import json_ld
from multilingual.settings import SettingsError
from site_checks import replace


def test_a_build_without_autoescape_is_refused(site_copy):
    with pytest.raises(SettingsError, match="templates must render with autoescape on"):
        build(site_copy, site_copy / "output", JINJA_ENVIRONMENT={"autoescape": False})
    assert not (site_copy / "output").exists()


# JSON-LD ----------------------------------------------------------------------------------------

# Texts that would end a <script> block, or make the HTML parser read past its end.
SCRIPT_BREAKERS = [
    "</script><script>alert(1)</script>",
    "<!--<script>",
    "</SCRIPT >&lt;&amp;",
    "a < b && c > d",
]


@pytest.mark.parametrize("text", SCRIPT_BREAKERS)
def test_json_ld_writes_no_angle_bracket_or_ampersand(text):
    written = str(json_ld({"name": text, "alternateName": [text]}))
    assert not set("<>&") & set(written)
    assert "\\u003c" in written
    assert json.loads(written) == {"name": text, "alternateName": [text]}


def json_ld_blocks(output):
    """Return (file, raw text) of every JSON-LD block of a built site."""
    blocks = []
    for path in sorted(Path(output).rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        for match in re.finditer(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL):
            blocks.append((path.relative_to(output).as_posix(), match.group(1)))
    return blocks


def test_no_text_can_end_a_json_ld_block_on_a_built_page(site_copy):
    # The association's name is in the Organization of the home pages; a training's title in its Event.
    replace(site_copy, "data/site.yaml", "  bg: Регионална асоциация на общини „Тракия“",
            '  bg: "Регионална асоциация <!--<script> & </script>"')
    replace(site_copy, "data/trainings/example-2027-02-current-issues.yaml",
            '  bg: "Пример: обучение по актуални промени в нормативната уредба"',
            '  bg: "Пример </script><script>alert(1)</script> <!--<script>"')
    output = build(site_copy, site_copy / "output")
    blocks = json_ld_blocks(output)
    names = {}
    for relative, raw in blocks:
        # Script data without "<" cannot close the element nor open a comment that swallows the page.
        assert not set("<>&") & set(raw), relative
        data = json.loads(raw)
        names.setdefault(data["@type"], set()).add(data["name"])
    assert "Регионална асоциация <!--<script> & </script>" in names["Organization"]
    assert "Пример </script><script>alert(1)</script> <!--<script>" in names["Event"]
    # The page after the block is read as HTML again: the training's page still has its heading.
    [training_page] = [path for path, raw in blocks if "alert(1)" in json.loads(raw)["name"]
                       and Path(path).parts[0] not in ("en", "el", "tr")]
    soup = read_html(output / training_page)
    assert soup.find("h1").get_text() == "Пример </script><script>alert(1)</script> <!--<script>"
