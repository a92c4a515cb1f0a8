"""A data folder, or a schema the site reads, that has gone: the build stops and names it, never a traceback."""

import shutil

import pytest
from pelican.settings import read_settings

from conftest import REPO, build
from multilingual.model import CORE_DATASETS, required_datasets
from site_build import BuildFailed


def removed_build_problems(tiny_site, relative):
    """Remove ``relative`` (a file or folder) from the tiny site, build it; return the problems as 'path:line: text'."""
    target = tiny_site / relative
    if target.is_dir():
        shutil.rmtree(target)
    else:
        target.unlink()
    with pytest.raises(BuildFailed) as failure:
        build(tiny_site, tiny_site / "output")
    assert not (tiny_site / "output").exists(), "a failed build published a site"
    return [problem.render("en") for problem in failure.value.problems]


@pytest.mark.parametrize("folder", ["data", "data/schemas"])
def test_a_missing_data_or_schemas_folder_is_one_error_that_says_how_to_restore_it(tiny_site, folder):
    problems = removed_build_problems(tiny_site, folder)
    assert problems == [
        f"{folder}:1: the folder {folder} is missing or holds no description of the data files (schemas)"
        f" — restore {folder} as it is in the repository: git checkout -- {folder}"
    ]


@pytest.mark.parametrize(
    "schema",
    [
        "site",  # the core's: the site's name in every page
        "navigation",  # the core's: without it the menus would silently be empty
        "galleries",  # a feature plugin's (images)
    ],
)
def test_a_missing_schema_of_data_the_site_reads_is_an_error(tiny_site, schema):
    problems = removed_build_problems(tiny_site, f"data/schemas/{schema}.yaml")
    path = f"data/schemas/{schema}.yaml"
    assert (
        f"{path}:1: the description of a data file, {path}, is missing — restore {path} as it is in the repository: git checkout -- {path}"
        in problems
    )


def test_the_data_sets_required_are_the_core_s_and_the_listed_feature_plugins():
    settings = read_settings(str(REPO / "pelicanconf.py"))
    everything = set(required_datasets(settings))
    assert set(CORE_DATASETS) < everything
    assert {"galleries", "services", "timeline", "trainings", "documents", "security"} <= everything
    core_only = required_datasets(dict(settings, PLUGINS=["multilingual"]))
    assert set(core_only) == set(CORE_DATASETS)
    # Every one of them is described in the repository's data folder.
    assert everything <= {path.stem for path in (REPO / "data" / "schemas").glob("*.yaml")}
