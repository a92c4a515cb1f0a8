"""The benchmarks of `invoke bench`: our builds against Hugo's and stock Pelican's on one corpus."""

import os


def build_environment():
    """Return the environment of a timed build: an editor's, in which Python keeps its compiled modules.

    A machine set not to write them (PYTHONDONTWRITEBYTECODE, common on CI
    runners and in containers) compiles every plugin module again at each
    build, about 0.1 s that an editor's `invoke build` does not spend.
    """
    return {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
