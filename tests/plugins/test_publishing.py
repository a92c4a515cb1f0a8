"""Unit tests of the publishing plugin's pure parts: settings, headers, assets, head metadata."""

import gzip
import hashlib

import pytest
from babel.support import NullTranslations

from publishing.assets import fingerprinted, gzip_bytes, precompress
from publishing.generator import robots_txt
from publishing.head import og_locale
from publishing.hosting import apache_snippet, meta_policy, netlify_headers, nginx_snippet, render_docs
from publishing.search import UI_TEXT, ui_translations
from publishing.settings import HEADERS, SettingsError, read_settings
from site_output import OutputWriter

# Settings ------------------------------------------------------------------------------------


def test_defaults_are_valid():
    assert read_settings({})["PUBLISHING_HEADERS"] == HEADERS


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"PUBLISHING_HEADER": {}}, "unknown setting PUBLISHING_HEADER"),
        ({"PUBLISHING_PRECOMPRESS": 1}, "PUBLISHING_PRECOMPRESS must be a bool"),
        ({"PUBLISHING_HEADERS": {"/assets/*": {}}}, 'needs the headers of every page under "/*"'),
        ({"PUBLISHING_HEADERS": {"/*": {"X-Content-Type-Options": "nosniff"}}}, "needs a Content-Security-Policy"),
        (
            {"PUBLISHING_HEADERS": {"/*": {"Content-Security-Policy": "script-src 'self' 'unsafe-inline'"}}},
            "'unsafe-inline'",
        ),
        ({"PUBLISHING_HEADERS": {"/*": {"Content-Security-Policy": "default-src 'self'"}, "/assets": {}}}, "must be"),
        ({"PUBLISHING_PRECOMPRESS_EXTENSIONS": ["html"]}, "extensions like '.html'"),
        ({"PUBLISHING_DEPLOY_TARGET": "ftp://example.org/"}, "PUBLISHING_DEPLOY_TARGET"),
        ({"PUBLISHING_ASSETS_DIR": "theme/assets"}, "one folder name"),
    ],
)
def test_bad_settings_name_the_plugin_and_the_key(overrides, message):
    with pytest.raises(SettingsError) as error:
        read_settings(overrides)
    assert str(error.value).startswith("publishing: ")
    assert message in str(error.value)


def test_wasm_unsafe_eval_is_not_unsafe_eval():
    policy = HEADERS["/*"]["Content-Security-Policy"]
    assert "'wasm-unsafe-eval'" in policy
    read_settings({"PUBLISHING_HEADERS": HEADERS})  # accepted


# Headers for each host -----------------------------------------------------------------------


def test_netlify_headers_list_every_pattern_with_its_headers():
    text = netlify_headers({"/*": {"A": "1", "B": "2"}, "/assets/*": {"Cache-Control": "max-age=9"}})
    assert text == "/*\n  A: 1\n  B: 2\n/assets/*\n  Cache-Control: max-age=9\n"


def test_nginx_locations_repeat_the_site_wide_headers():
    text = nginx_snippet({"/*": {"A": "1"}, "/assets/*": {"Cache-Control": "max-age=9"}})
    location = text[text.index("location /assets/ {") :]
    assert 'add_header A "1" always;' in location
    # Cache-Control only with status 200: through a map of $status (an empty value sends nothing).
    assert "add_header Cache-Control $publishing_only_with_200_1 always;" in location
    assert 'map $status $publishing_only_with_200_1 {\n    200 "max-age=9";\n    default "";\n}' in text
    assert "gzip_static on;" in text and "gzip_vary on;" in text
    calendars = text[text.index(r"location ~* \.ics$ {") :]
    assert "types { text/calendar ics; }" in calendars and 'add_header A "1" always;' in calendars


def test_apache_sets_folder_headers_by_uri():
    text = apache_snippet({"/*": {"A": "1"}, "/assets/*": {"Cache-Control": "max-age=9"}})
    assert 'Header always set A "1"' in text
    assert '<If "%{REQUEST_URI} =~ m#^/assets/#">' in text
    assert 'Header always set Cache-Control "max-age=9" "expr=%{REQUEST_STATUS} == 200"' in text
    assert "AddType text/calendar .ics" in text and "SetOutputFilter DEFLATE" in text
    assert "\nOptions None\n" in text


def test_apache_needs_no_rewriting_so_no_symbolic_link_is_followed():
    # mod_rewrite in .htaccess or <Directory> works only where symbolic links are followed.
    text = apache_snippet({"/*": {"A": "1"}})
    assert "Rewrite" not in text and "FollowSymLinks" not in text and "SymLinksIfOwnerMatch" not in text


def test_meta_policy_leaves_out_what_a_meta_cannot_carry():
    policy = meta_policy({"/*": {"Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; sandbox"}})
    assert policy == "default-src 'self'"


def test_render_docs_replaces_only_the_generated_sections():
    text = (
        "intro\n"
        + "\n".join(
            f"<!-- generated: {name} -->\nold\n<!-- end generated: {name} -->"
            for name in ("netlify", "nginx", "apache")
        )
        + "\noutro\n"
    )
    rendered = render_docs(text, HEADERS)
    assert rendered.startswith("intro\n") and rendered.endswith("outro\n")
    assert "old" not in rendered
    assert netlify_headers(HEADERS) in rendered
    assert render_docs(rendered, HEADERS) == rendered


# Assets ----------------------------------------------------------------------------------------


def test_fingerprinted_name_is_the_hash_of_the_minified_content(tmp_path):
    source = tmp_path / "site.css"
    source.write_text("/* comment */\n.a  {\n  color : red ;\n}\n", encoding="utf-8")
    asset = fingerprinted(source)
    assert asset.content == b".a{color:red}"
    assert asset.name == f"site.{hashlib.sha256(asset.content).hexdigest()[:12]}.css"
    source.write_text(".a { color: blue }", encoding="utf-8")
    assert fingerprinted(source).name != asset.name


def test_javascript_is_minified(tmp_path):
    source = tmp_path / "search.js"
    source.write_text("// a comment\nvar  answer = 42 ;\n", encoding="utf-8")
    assert fingerprinted(source).content == b"var answer=42;"


def test_gzip_copies_are_reproducible_and_lossless(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_bytes("<p>Търсене</p>".encode())
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    assert precompress(OutputWriter(str(tmp_path)), {".html"}) == 1
    packed = (tmp_path / "a" / "index.html.gz").read_bytes()
    assert gzip.decompress(packed) == "<p>Търсене</p>".encode()
    assert packed[4:8] == b"\0\0\0\0"  # no modification time
    assert packed == gzip_bytes("<p>Търсене</p>".encode())
    assert not (tmp_path / "image.png.gz").exists()


# Head metadata and files for crawlers ------------------------------------------------------------


@pytest.mark.parametrize(("locale", "expected"), [("bg_BG", "bg_BG"), ("en-GB", "en_GB")])
def test_og_locale(locale, expected):
    assert og_locale(locale) == expected


def test_robots_names_the_sitemap_by_absolute_url_only():
    assert "Sitemap: https://example.org/sitemap.xml" in robots_txt("https://example.org")
    assert "Sitemap" not in robots_txt("")


def test_ui_translations_use_pagefinds_tokens():
    text = ui_translations(NullTranslations())
    assert set(text) == set(UI_TEXT)
    assert text["many_results"] == "[COUNT] results for [SEARCH_TERM]"
    assert text["alt_search"] == "No results for [SEARCH_TERM]. Showing results for [DIFFERENT_TERM] instead"
    assert "%(" not in "".join(text.values())
