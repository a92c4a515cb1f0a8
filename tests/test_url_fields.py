"""A url field holds a web, mail or phone address or a site path, and nothing that leaves its attribute."""

import re

from site_checks import assert_not_published, failed_build, line_of, replace


def test_hostile_url_fields_are_errors_at_their_line(site_copy, real_site):
    rebuild = failed_build(site_copy, real_site)
    path = replace(
        site_copy,
        "data/accessibility.yaml",
        "  # url: https://…",
        '  url: "https://x.example/\\"><script>alert(1)</script>"',
    )
    message = rebuild()
    line = line_of(path, "  url: ")
    assert (
        f"data/accessibility.yaml:{line}: 'url' 'https://x.example/\"><script>alert(1)</script>' contains a space, a quote"
        in message
    )
    for bad in (
        "javascript:alert(1)",
        "data:text/html,x",
        "VBScript:msgbox(1)",
        "//elsewhere.example/",
        "https://a b.example/",
    ):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^  url: .*$", f"  url: {bad}", text), encoding="utf-8")
        assert f"data/accessibility.yaml:{line}: 'url' '{bad}'" in rebuild()
    assert_not_published(site_copy / "output", ("alert(1)", "elsewhere.example"))
