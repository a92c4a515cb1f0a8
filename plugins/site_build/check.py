"""Check the whole tree as the build does, without writing anything."""

import logging
import os
import tempfile

from pelican import Pelican
from pelican.settings import read_settings

from site_data import EditorError, Problem, tr


class _Collector(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def read_site(settings_file, overrides=None):
    """Run every generator's reading and checking phase; return (context, problems).

    This is the first half of a build (Pelican.run up to the writing), so the
    check command and the build cannot disagree about what is wrong.
    """
    with tempfile.TemporaryDirectory(prefix="thrace-check-") as nowhere:
        settings = read_settings(
            os.path.abspath(settings_file),
            override=dict(overrides or {}, OUTPUT_PATH=nowhere, SITE_STRICT=False),
        )
        pelican = Pelican(settings)
        context = settings.copy()
        context.update(generated_content={}, static_links=set(), static_content={}, localsiteurl=settings["SITEURL"])
        generators = [
            cls(context=context, settings=settings, path=pelican.path, theme=pelican.theme, output_path=nowhere)
            for cls in pelican._get_generator_classes()
        ]
        collector = _Collector()
        logging.getLogger().addHandler(collector)
        try:
            for generator in generators:
                if hasattr(generator, "generate_context"):
                    generator.generate_context()
            problems = list(context.get("editor_warnings", []))
        except EditorError as error:
            problems = list(error.problems)
        finally:
            logging.getLogger().removeHandler(collector)
    problems += [Problem("(pelican)", 0, tr("Pelican reports: {report}", report=message)) for message in collector.messages]
    return context, problems


def check_site(settings_file, overrides=None):
    """Return every problem (errors and warnings) the build would find."""
    _context, problems = read_site(settings_file, overrides)
    return problems
