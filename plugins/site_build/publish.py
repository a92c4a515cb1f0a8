"""Stage a build, then publish it by changing only the files whose bytes changed.

The build still renders the whole site into a staging folder, so that every
generator and post-processor (search index, .gz copies) sees a complete site,
and nothing is published unless the whole build succeeds. Publishing then
compares each staged file with the published one: an equal file is left as it
is (same inode, same modification time, so the preview server, rsync and
browsers' caches see only real changes), a different or new one replaces it
(each by a rename, atomically), and a published file the build no longer makes
is deleted, with the folders it leaves empty.

Where the staging folder lives matters more than it seems: on this project's
disks creating or deleting a file or folder costs about a millisecond, and a
site of a few thousand pages has as many folders (pretty URLs). When there is
already a published site, the build stages into memory (/dev/shm) if it has
room for it, and only the changed files touch the disk. The first build stages
beside the output folder and is renamed into place.
"""

import errno
import os
import shutil
import tempfile

# Memory-backed folders for staging, tried in order (Linux); elsewhere the disk is used.
MEMORY_FOLDERS = ("/dev/shm",)
# Room left free in the memory folder beyond two copies of the site.
MEMORY_MARGIN = 64 * 1024 * 1024


def published_files(output_path):
    """Return {relative path: size} of the published site, or None if there is none yet."""
    if not os.path.isdir(output_path):
        return None
    files = {}
    for folder, _folders, names in os.walk(output_path):
        for name in names:
            path = os.path.join(folder, name)
            try:
                files[os.path.relpath(path, output_path)] = os.lstat(path).st_size
            except FileNotFoundError:
                continue
    return files


def _staging_parent(output_path, published):
    """Return where to stage: a memory folder with room for the site, else beside the output."""
    beside = os.path.dirname(output_path)
    if published is None:
        return beside  # the first build is renamed into place: stage on the same disk
    needed = 2 * sum(published.values()) + MEMORY_MARGIN
    for folder in MEMORY_FOLDERS:
        try:
            if os.access(folder, os.W_OK) and shutil.disk_usage(folder).free > needed:
                return folder
        except OSError:
            continue
    return beside


def make_staging(output_path):
    """Return (staging folder, published files) for a build into ``output_path``."""
    published = published_files(output_path)
    parent = _staging_parent(output_path, published)
    os.makedirs(parent, exist_ok=True)
    return tempfile.mkdtemp(prefix=".build-", dir=parent), published


def _same_bytes(staged, target, size):
    try:
        if os.path.getsize(staged) != size:
            return False
        with open(staged, "rb") as one, open(target, "rb") as other:
            return one.read() == other.read()
    except OSError:
        return False


def _make_room(output_path, relative):
    """Remove whatever published file or folder stands where ``relative`` must go."""
    target = os.path.join(output_path, relative)
    if os.path.isdir(target) and not os.path.islink(target):
        shutil.rmtree(target)
    parent = output_path
    for part in os.path.dirname(relative).split(os.sep) if os.path.dirname(relative) else []:
        parent = os.path.join(parent, part)
        if os.path.lexists(parent) and not os.path.isdir(parent):
            os.unlink(parent)
    os.makedirs(os.path.dirname(target), exist_ok=True)


def _move_in(staged, target):
    """Replace ``target`` by ``staged`` atomically (a rename; a copy first if across disks)."""
    try:
        os.replace(staged, target)
    except OSError as error:
        if error.errno != errno.EXDEV:  # staged in memory, published on disk
            raise
        temporary = f"{target}.{os.getpid()}.tmp"
        shutil.copyfile(staged, temporary, follow_symlinks=True)
        os.replace(temporary, target)


def publish(staging, output_path, published):
    """Bring ``output_path`` to what was staged, touching only what differs; remove ``staging``."""
    if published is None or not os.path.isdir(output_path):
        os.chmod(staging, 0o755)
        os.rename(staging, output_path)
        return
    produced = set()
    for folder, _folders, files in os.walk(staging):
        for name in files:
            staged = os.path.join(folder, name)
            relative = os.path.relpath(staged, staging)
            produced.add(relative)
            target = os.path.join(output_path, relative)
            if relative in published and _same_bytes(staged, target, published[relative]):
                continue
            _make_room(output_path, relative)
            _move_in(staged, target)
    emptied = set()
    for relative in published:
        if relative not in produced:
            path = os.path.join(output_path, relative)
            if os.path.lexists(path) and not os.path.isdir(path):
                os.unlink(path)
                emptied.add(os.path.dirname(path))
    _remove_empty_folders(output_path, emptied)
    shutil.rmtree(staging, ignore_errors=True)


def _remove_empty_folders(output_path, candidates):
    """Delete the candidate folders (and their parents) that hold nothing any more."""
    for folder in sorted(candidates, key=len, reverse=True):
        while folder != output_path and folder.startswith(output_path + os.sep):
            try:
                os.rmdir(folder)  # fails unless empty
            except OSError:
                break
            folder = os.path.dirname(folder)
