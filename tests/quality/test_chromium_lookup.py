"""Which Chromium the browser tests drive: $CHROME_PATH first, then the usual names on PATH."""

import pytest

from .conftest import find_chromium

ON_PATH = {"chromium-browser": "/usr/bin/chromium-browser", "google-chrome": "/usr/bin/google-chrome"}


@pytest.mark.parametrize(
    ("environ", "installed", "expected"),
    [
        ({"CHROME_PATH": "/opt/chrome/chrome"}, ON_PATH, "/opt/chrome/chrome"),
        ({}, ON_PATH, "/usr/bin/chromium-browser"),
        ({}, {"chromium": "/usr/bin/chromium", **ON_PATH}, "/usr/bin/chromium"),
        ({}, {"google-chrome": "/usr/bin/google-chrome"}, "/usr/bin/google-chrome"),
        ({"CHROME_PATH": ""}, {}, None),
    ],
)
def test_chromium_is_found_in_order(environ, installed, expected):
    assert find_chromium(environ, installed.get) == expected
