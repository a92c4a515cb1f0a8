"""Publish a staged build as a new generation, made live by one atomic switch.

``output`` is a symbolic link to a generation folder, ``.output.generations/NNNNNN``
beside it. A build renders, checks and indexes the whole site into a staging
folder; publishing then fills a new generation folder from it, hard-linking
every file whose bytes equal the live generation's (same inode, same
modification time, so the preview server, rsync and browsers' caches see only
real changes), and makes it live by renaming a new link over ``output``
(rename(2) is atomic): a reader, a host or rsync sees the old site or the new
one, never a mix. The last two generations are kept, so that a page being read
while the switch happens can still load its old stylesheet.

Where the staging folder lives matters: on this project's disks creating or
deleting a file costs about a millisecond, so the build stages into memory
(/dev/shm) when it has room and only the new generation touches the disk.

A build killed at any point leaves at most a staging folder, a half-filled
generation that nothing links to, or an unused new link; the next build of the
same tree removes them (``clean_leftovers``) before it starts.
"""

import hashlib
import os
import shutil
import tempfile

# Memory-backed folders for staging, tried in order (Linux); elsewhere the disk is used.
MEMORY_FOLDERS = ("/dev/shm",)
# Room the memory folder must have free beyond the site (which is about 2× its sources).
MEMORY_MARGIN = 64 * 1024 * 1024
# Generations kept: the live one and the one before it.
KEPT_GENERATIONS = 2
NUMBER_WIDTH = 6


def tree_id(output_path):
    """Return a short id of the output folder, shared by every temporary name of its builds."""
    location = os.path.join(os.path.realpath(os.path.dirname(output_path)), os.path.basename(output_path))
    return hashlib.sha256(location.encode("utf-8")).hexdigest()[:12]


def staging_prefix(output_path):
    """Return the name prefix of this tree's staging folders (and their scratch folders)."""
    return f".build-{tree_id(output_path)}-"


def generations_folder(output_path):
    """Return the folder that holds the generations of ``output_path``."""
    return os.path.join(os.path.dirname(output_path), f".{os.path.basename(output_path)}.generations")


def lock_path(output_path):
    """Return the lock file of the builds of ``output_path`` (beside it)."""
    return os.path.join(os.path.dirname(output_path), f".{os.path.basename(output_path)}.lock")


def _new_link_prefix(output_path):
    return f".{os.path.basename(output_path)}.link-"


def live_generation(output_path):
    """Return the folder ``output_path`` shows now, or None when there is no site yet."""
    if os.path.islink(output_path):
        target = os.path.realpath(output_path)
        return target if os.path.isdir(target) else None
    return output_path if os.path.isdir(output_path) else None  # a folder left by an older build


def _generation_numbers(output_path):
    folder = generations_folder(output_path)
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return []
    return sorted(int(name) for name in names if name.isdigit())


def _generation(output_path, number):
    return os.path.join(generations_folder(output_path), f"{number:0{NUMBER_WIDTH}d}")


def _scratch_parents(output_path):
    return (os.path.dirname(output_path), tempfile.gettempdir(), *MEMORY_FOLDERS)


def clean_leftovers(output_path):
    """Remove what killed builds of this tree left: staging folders, unused generations and links.

    Call it holding the tree's build lock: then nothing of this tree is in use but the live site.
    """
    prefix = staging_prefix(output_path)
    for parent in dict.fromkeys(_scratch_parents(output_path)):
        try:
            names = os.listdir(parent)
        except OSError:
            continue
        for name in sorted(names):
            if name.startswith(prefix):
                shutil.rmtree(os.path.join(parent, name), ignore_errors=True)
    parent = os.path.dirname(output_path)
    for name in sorted(os.listdir(parent)) if os.path.isdir(parent) else []:
        if name.startswith(_new_link_prefix(output_path)):
            os.unlink(os.path.join(parent, name))
    _remove_old_generations(output_path)


def _remove_old_generations(output_path):
    """Keep the live generation and the newest one before it; remove every other."""
    live = live_generation(output_path)
    numbers = _generation_numbers(output_path)
    if live is None or os.path.dirname(live) != os.path.realpath(generations_folder(output_path)):
        return  # no live generation to measure by yet: keep everything as a source of unchanged files
    current = int(os.path.basename(live))
    kept = {current, *[n for n in numbers if n < current][-(KEPT_GENERATIONS - 1):]}
    for number in numbers:
        if number not in kept:
            shutil.rmtree(_generation(output_path, number), ignore_errors=True)


def _staging_parent(output_path):
    """Return where to stage: a memory folder with room for the site, else beside the output."""
    live = live_generation(output_path)
    needed = 2 * _size(live) + MEMORY_MARGIN if live else MEMORY_MARGIN * 4
    for folder in MEMORY_FOLDERS:
        try:
            if os.access(folder, os.W_OK) and shutil.disk_usage(folder).free > needed:
                return folder
        except OSError:
            continue
    return os.path.dirname(output_path)


def _size(root):
    total = 0
    for folder, _folders, names in os.walk(root):
        for name in names:
            try:
                total += os.lstat(os.path.join(folder, name)).st_size
            except OSError:
                continue
    return total


def make_staging(output_path):
    """Return a new, empty staging folder for a build of ``output_path``."""
    parent = _staging_parent(output_path)
    os.makedirs(parent, exist_ok=True)
    return tempfile.mkdtemp(prefix=staging_prefix(output_path), dir=parent)


def _same_bytes(one_path, other_path):
    try:
        if os.path.getsize(one_path) != os.path.getsize(other_path):
            return False
        with open(one_path, "rb") as one, open(other_path, "rb") as other:
            return one.read() == other.read()
    except OSError:  # missing, or a folder where the new site has a file
        return False


def _fill_generation(staging, generation, previous):
    """Put every staged file into ``generation``: a hard link to ``previous``'s copy if equal, else the new file."""
    for folder, folders, names in os.walk(staging):
        folders.sort()
        relative_folder = os.path.relpath(folder, staging)
        os.makedirs(os.path.normpath(os.path.join(generation, relative_folder)), exist_ok=True)
        for name in sorted(names):
            staged = os.path.join(folder, name)
            target = os.path.normpath(os.path.join(generation, relative_folder, name))
            old = os.path.normpath(os.path.join(previous, relative_folder, name)) if previous else None
            if old and os.path.isfile(old) and not os.path.islink(old) and _same_bytes(staged, old):
                os.link(old, target)
                continue
            try:
                os.rename(staged, target)  # staged on the same disk
            except OSError:
                shutil.copyfile(staged, target)  # staged in memory


def _switch(output_path, generation):
    """Make ``generation`` live: a new relative link renamed over ``output_path`` (one rename(2))."""
    parent = os.path.dirname(output_path)
    target = os.path.relpath(generation, parent)
    new_link = os.path.join(parent, f"{_new_link_prefix(output_path)}{os.getpid()}")
    if os.path.lexists(new_link):
        os.unlink(new_link)
    os.symlink(target, new_link)
    if os.path.isdir(output_path) and not os.path.islink(output_path):
        # A folder published by an older build: a link cannot be renamed over a folder, so the
        # folder becomes a generation first (the one moment output is missing, once per tree).
        numbers = _generation_numbers(output_path)
        os.rename(output_path, _generation(output_path, (numbers[0] if numbers else 1) - 1))
    os.replace(new_link, output_path)


def publish(staging, output_path):
    """Make what was staged the live site of ``output_path`` as a new generation; remove ``staging``.

    Return the new generation's folder.
    """
    previous = live_generation(output_path)
    os.makedirs(generations_folder(output_path), exist_ok=True)
    numbers = _generation_numbers(output_path)
    generation = _generation(output_path, (numbers[-1] if numbers else 0) + 1)
    os.mkdir(generation)
    _fill_generation(staging, generation, previous)
    os.chmod(generation, 0o755)
    _switch(output_path, generation)
    shutil.rmtree(staging, ignore_errors=True)
    _remove_old_generations(output_path)
    return generation
