"""Whatever an editor types is printed as text: templates autoescape, and the build refuses otherwise."""

import pytest

from conftest import build
from multilingual.settings import SettingsError


def test_a_build_without_autoescape_is_refused(site_copy):
    with pytest.raises(SettingsError, match="templates must render with autoescape on"):
        build(site_copy, site_copy / "output", JINJA_ENVIRONMENT={"autoescape": False})
    assert not (site_copy / "output").exists()
