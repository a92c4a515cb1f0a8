"""The quality gate: HTML validity, accessibility, links, feeds and CSP of the built site.

A package, so that its conftest.py is imported as ``quality.conftest`` and does
not take the place of tests/conftest.py, which the other tests import as ``conftest``.
"""
