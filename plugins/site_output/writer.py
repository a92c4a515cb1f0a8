"""The one writer of output files: Pelican's writer, plus bytes, copies and outputs taken over unchanged."""

import os
import shutil

from pelican.utils import sanitised_join
from pelican.writers import Writer

from .fingerprints import (
    FORMAT,
    MADE,
    TAKEN,
    canonical,
    digest,
    library_versions,
    open_record,
    read_fingerprints,
    tree_digest,
)
from .settings import read_settings

# Settings that differ between two builds of the same sources without changing any output:
# where the build writes, and how many processes parse Markdown (tested byte-identical).
NOT_INPUT_SETTINGS = (
    "OUTPUT_PATH",
    "SITE_OUTPUT_PREVIOUS",
    "SITE_OUTPUT_KEEP_FINGERPRINTS",
    "MARKDOWN_CACHE_WORKERS",
    "MARKDOWN_CACHE_PARALLEL_MIN",
    "MARKDOWN_CACHE_MAX_AGE_DAYS",
)


class OutputWriter(Writer):
    """Write every file of a build into its output folder, and take over those whose inputs did not change.

    Every plugin writes through the writer Pelican hands to ``generate_output``
    (this class, installed by site_build for every build): pages with Pelican's
    ``write_file`` or ``write_page``, other files with ``write_bytes``,
    ``write_text`` or ``copy_file``. An output written with a fingerprint (a digest
    of everything it is made from) is recorded; the next build takes it over from
    the live generation, without making it, when its fingerprint is the same.
    """

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.options = read_settings(self.settings)
        self.previous = self.options["SITE_OUTPUT_PREVIOUS"]
        self._recorded_before = None
        self._inputs = None
        self._record = None
        # The names of the files of the live generation (SITE_OUTPUT_PREVIOUS), when the caller knows them
        # (the preview's process, which filled it); else each output taken over is looked for there.
        self.live_files = None
        self.made = 0
        self.taken = 0

    # Writing -------------------------------------------------------------------------------

    def target(self, name):
        """Return the path of output ``name`` (relative to the output folder), its folder created."""
        path = sanitised_join(self.output_path, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        return path

    def write_bytes(self, name, data, fingerprint=None):
        """Write ``data`` as output ``name``; record its fingerprint when one is given."""
        with open(self.target(name), "wb") as handle:
            handle.write(data)
        self._made(name, fingerprint)

    def write_text(self, name, text, fingerprint=None):
        """Write ``text`` (UTF-8) as output ``name``."""
        self.write_bytes(name, text.encode("utf-8"), fingerprint)

    def copy_file(self, name, source, fingerprint=None):
        """Copy the file ``source`` to output ``name``."""
        shutil.copyfile(source, self.target(name))
        self._made(name, fingerprint)

    def write_page(self, name, fingerprint, template, context, page_context):
        """Render ``template`` as output ``name``, unless the live generation has it with this fingerprint.

        ``page_context`` is called only when the page is rendered: it returns the
        template's variables, as ``write_file``'s keyword arguments. Return True
        if the page was rendered, False if it was taken over.
        """
        if self.take_over(name, fingerprint):
            return False
        self.write_file(name, template, context, **page_context())
        self._made(name, fingerprint)
        return True

    # Taking over ----------------------------------------------------------------------------

    def take_over(self, name, fingerprint):
        """Return True, and record it, if output ``name`` is in the live generation with ``fingerprint``.

        The file is not copied: publishing links it from the live generation into the new one.
        """
        if self.previous is None or "\n" in name:
            return False
        if self._recorded_before is None:
            self._recorded_before = read_fingerprints(self.previous)
        recorded = self._recorded_before.get(name)
        if recorded is None or recorded[0] != fingerprint:
            return False
        known = self.live_files
        if not (known is not None and name in known) and not os.path.isfile(os.path.join(self.previous, name)):
            return False
        self._write_record(fingerprint, TAKEN, name)
        self.taken += 1
        return True

    def inputs_digest(self):
        """Return the digest of every input of the site except the text of the Markdown sources.

        That is: the settings (but the output folder), the versions of Python and
        of the libraries, the build's today, and the files of the theme, the
        plugins, the data, the catalogs and content/ (Markdown sources by their
        front matter). Computed once per build. A page's fingerprint adds the
        texts it shows; anything else that changes changes every fingerprint.
        """
        if self._inputs is None:
            # Imported here: the core plugin's settings say where the data and the catalogs are.
            from multilingual.generator import build_today, project_root
            from multilingual.settings import read_settings as read_multilingual_settings

            multilingual = read_multilingual_settings(self.settings)
            root = project_root(self.settings)
            settings = {key: value for key, value in self.settings.items() if key not in NOT_INPUT_SETTINGS}
            folders = [
                (self.settings["PATH"], True),
                (self.settings["THEME"], False),
                (os.path.join(root, multilingual["SITE_DATA_PATH"]), False),
                (os.path.join(root, multilingual["MULTILINGUAL_TRANSLATIONS_PATH"]), False),
                *[(folder, False) for folder in self.settings.get("PLUGIN_PATHS", [])],
            ]
            self._inputs = digest(
                FORMAT,
                canonical(settings),
                *library_versions(),
                build_today(self.settings),
                *[f"{os.path.abspath(folder)} {tree_digest(folder, content)}" for folder, content in folders],
            )
        return self._inputs

    # The record -------------------------------------------------------------------------------

    def close(self):
        """Close the record of fingerprints (site_build calls it when Pelican is done)."""
        if self._record is not None:
            self._record.close()
            self._record = None

    def _made(self, name, fingerprint):
        self.made += 1
        if fingerprint is not None and "\n" not in name:
            self._write_record(fingerprint, MADE, name)

    def _write_record(self, fingerprint, flag, name):
        if not self.options["SITE_OUTPUT_KEEP_FINGERPRINTS"]:
            return
        if self._record is None or self._record.closed:
            self._record = open_record(self.output_path)
        self._record.write(f"{fingerprint} {flag} {name.replace(os.sep, '/')}\n")


def complete_output(output_path, settings):
    """Copy into ``output_path`` every output this build took over, for steps that read the whole site.

    Pagefind indexes, and precompression reads, every file of the finished
    output; outputs taken over are otherwise only linked when the build is published.
    """
    previous = read_settings(settings)["SITE_OUTPUT_PREVIOUS"]
    if previous is None:
        return 0
    copied = 0
    for name, (_fingerprint, flag) in sorted(read_fingerprints(output_path).items()):
        target = sanitised_join(output_path, name)
        if flag == TAKEN and not os.path.exists(target):
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(os.path.join(previous, name), target)
            copied += 1
    return copied
