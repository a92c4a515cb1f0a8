"""The site model of one build, and the contract between the core and the feature plugins.

The multilingual generator reads and checks every source and data file, lays
out every page as a ``Site`` and wraps it, with the data, in a ``SiteModel``.
It then hands the model to each feature plugin's ``Feature``, in an order the
features declare, and renders every page once they have all contributed.
Nothing passes through Pelican's context dict, and nothing rests on the order
in which Pelican calls its signals' receivers.
"""

import importlib
import logging
from dataclasses import dataclass, field
from typing import TypeVar

from site_data import EditorError, Problem, SiteData, fatal_problems

from .body import BodyFacts
from .site import Site

logger = logging.getLogger(__name__)

# The package a build must list in PLUGINS for any feature plugin to run.
CORE_PLUGIN = __package__


class FeatureError(Exception):
    """The plugins listed in PLUGINS cannot run together (one needs another that is missing)."""


class Feature:
    """A feature plugin's part in a build: it adds pages and template data to the model, then writes its files.

    A feature plugin names its Feature class in its package as ``FEATURE``; the
    core makes one instance per build for every such plugin in PLUGINS (so no
    state survives from one build to the next) and calls, in the run order:
    every feature's ``contribute(model)``, then, after rendering every page,
    every feature's ``write(model, writer)``.
    """

    # The plugins (as PLUGINS names them) whose pages or data this feature reads in
    # contribute(): when the build lists them, they contribute first.
    after: tuple[str, ...] = ()
    # The data sets (each described by data/schemas/<name>.yaml) this feature reads: a build
    # whose data folder has lost one of their schemas stops and names it.
    datasets: tuple[str, ...] = ()

    def __init__(self, settings, output_path, theme):
        # The build's settings, only ever read.
        self.settings = settings
        self.output_path = output_path
        self.theme = theme

    def contribute(self, model):
        """Check this feature's data; add its pages, template data and feeds to ``model``."""

    def write(self, model, writer):
        """Write this feature's own files (the core renders its pages)."""


FeatureType = TypeVar("FeatureType", bound=Feature)


@dataclass
class SiteModel:
    """What one build knows: every page of every language, the data, the features and their warnings."""

    site: Site
    data: SiteData
    # Warnings stop the build too (SITE_STRICT).
    strict: bool = False
    # The build's features, in the order they contribute and write.
    features: tuple[Feature, ...] = ()
    # The problems reported so far that did not stop the build.
    warnings: list[Problem] = field(default_factory=list)
    # What is found in each body, remembered by its key (body.BodyFacts): the images a page shows…
    bodies: BodyFacts = field(default_factory=lambda: BodyFacts(None, ""))

    def report(self, problems):
        """Stop the build with EditorError if any of ``problems`` is fatal; keep the others as warnings.

        The one way the core and the features report what they found; site_build
        collects the warnings from here for the build and the check alike.
        """
        if fatal_problems(problems, self.strict):
            # Every problem is listed, warnings too (a strict build refuses them all).
            raise EditorError(problems)
        for problem in problems:
            logger.warning("%s", problem)
        self.warnings.extend(problems)

    def feature(self, kind: type[FeatureType]) -> FeatureType | None:
        """Return the build's feature of class ``kind``, or None when its plugin is not in PLUGINS."""
        return next((feature for feature in self.features if isinstance(feature, kind)), None)


def listed_features(settings):
    """Return [(plugin name, Feature class)] of the plugins in PLUGINS that have one, in the order they run."""
    found = []
    for name in settings.get("PLUGINS") or []:
        # Pelican has imported every plugin it lists by the time a generator runs.
        feature = getattr(importlib.import_module(str(name)), "FEATURE", None)
        if feature is not None:
            found.append((str(name), feature))
    return run_order(found)


# The data sets the core reads (the site's names, its menus, contacts, structure and accessibility statement).
CORE_DATASETS = ("site", "navigation", "contacts", "structure", "accessibility")


def required_datasets(settings):
    """Return the names of the data sets the build with ``settings`` reads: the core's and its features'."""
    names = set(CORE_DATASETS)
    for _name, feature in listed_features(settings):
        names.update(feature.datasets)
    return tuple(sorted(names))


def run_order(features):
    """Order [(name, Feature class)] so that each comes after the listed features it names in ``after``.

    Otherwise the order of PLUGINS is kept: a site renders the same whatever
    that order, since every dependency is declared here.
    """
    waiting = dict(features)
    ordered = []
    while waiting:
        ready = next(
            (
                name
                for name, feature in waiting.items()
                if not any(other in waiting and other != name for other in feature.after)
            ),
            None,
        )
        if ready is None:
            raise FeatureError(
                f"{', '.join(waiting)}: each of these plugins waits for another of them "
                "(see 'after' in their Feature classes)"
            )
        ordered.append((ready, waiting.pop(ready)))
    return ordered


def require_core(pelican):
    """Stop a build that lists a feature plugin without the multilingual plugin, which runs every feature.

    Feature plugins connect this to Pelican's ``initialized`` signal: without the
    core, nothing would run them, and the site would have none of their pages.
    """
    plugins = [str(name) for name in pelican.settings.get("PLUGINS") or []]
    if CORE_PLUGIN in plugins:
        return
    features = [name for name in plugins if hasattr(importlib.import_module(name), "FEATURE")]
    if features:
        raise FeatureError(
            f'{", ".join(features)}: the multilingual plugin runs these plugins; add "{CORE_PLUGIN}" to PLUGINS'
        )
