"""The contract between the multilingual core and the feature plugins (plugins/multilingual/model.py)."""

import pytest

from multilingual.model import Feature, FeatureError, run_order


def feature(*after):
    """Return a Feature class that declares it reads the plugins ``after``."""
    return type("Listed", (Feature,), {"after": after})


@pytest.mark.parametrize(
    ("listed", "expected"),
    [
        # Nothing declared: the order of PLUGINS.
        ({"a": (), "b": (), "c": ()}, ["a", "b", "c"]),
        # A feature listed before one it reads waits for it; the others keep their places.
        ({"timeline": ("documents",), "services": (), "documents": ()}, ["services", "documents", "timeline"]),
        (
            {"images": ("training_calendar", "documents"), "documents": (), "training_calendar": ()},
            ["documents", "training_calendar", "images"],
        ),
        # A plugin the build does not list is not waited for.
        ({"timeline": ("documents",), "services": ()}, ["timeline", "services"]),
    ],
)
def test_features_run_after_the_plugins_they_read(listed, expected):
    assert [
        name for name, _feature in run_order([(name, feature(*after)) for name, after in listed.items()])
    ] == expected


def test_features_that_wait_for_each_other_are_named():
    with pytest.raises(FeatureError, match="^a, b: each of these plugins waits for another of them"):
        run_order([("a", feature("b")), ("b", feature("a")), ("c", feature())])
