"""The quick relative path of a file gives what os.path.relpath gives, whatever the path."""

import os
import random
from pathlib import Path

from site_data.paths import relative_display

PARTS = ["content", "pages", "news", "a.bg.md", ".", "..", "", ".hidden", "b", "документи", "x.md"]


def test_relative_display_is_relpath_with_slashes():
    rng = random.Random(14)
    roots = ["/srv/site/content", "/srv/site/content/", "/srv/site", "/", "/srv//site", "/srv/site/../site", "site"]
    for _ in range(20000):
        root = rng.choice(roots)
        path = rng.choice(["/srv/site/content", "/srv/site", "/srv", "site", "/"]) + "".join(
            rng.choice(["/", "//"]) + rng.choice(PARTS) for _ in range(rng.randint(0, 4))
        )
        assert relative_display(path, root) == os.path.relpath(path, root).replace(os.sep, "/"), (path, root)


def test_relative_display_takes_path_objects():
    assert relative_display(Path("/srv/site/data/site.yaml"), Path("/srv/site")) == "data/site.yaml"
